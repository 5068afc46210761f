#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| ivs_cdk_fuzz::check_arn_parse(data));
