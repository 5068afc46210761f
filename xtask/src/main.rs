//! `cargo run -p xtask -- codegen [--check]`: writes (or checks) the generated L1 layer.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("codegen") => {
            let check = args.iter().any(|a| a == "--check");
            match xtask::codegen(check) {
                Ok(changed) if check && !changed.is_empty() => {
                    eprintln!("out of date (run `cargo run -p xtask -- codegen`):");
                    for path in changed {
                        eprintln!("  {}", path.display());
                    }
                    ExitCode::FAILURE
                }
                Ok(changed) => {
                    for path in changed {
                        println!("wrote {}", path.display());
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("usage: cargo run -p xtask -- codegen [--check]");
            ExitCode::from(2)
        }
    }
}
