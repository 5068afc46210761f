//! The CLI ↔ app protocol, through the real `cdk` CLI (aws-cdk 2.1148.1) running the
//! `cli_probe` example from a `cdk.json`: output folder, context (from `cdk.json`,
//! `--context`, and the overflow file for large contexts), the CLI's environment,
//! path metadata, and annotations (info, warning, `--strict`, errors).

mod support;

use std::path::Path;

use serde_json::{json, Value as Json};
use support::{cdk, cli_project, Run};

const STACK: &str = "IvsProbeStack";

/// Runs the CLI in a fresh project around the probe; returns the run and the project.
fn probe(cdk_json_extra: Json, args: &[&str], env: &[(&str, &str)]) -> (Run, tempfile::TempDir) {
    let dir = cli_project("cli_probe", cdk_json_extra);
    let run = cdk(dir.path(), &dir.path().join("home"), args, env);
    (run, dir)
}

fn template(project: &Path) -> Json {
    let path = project
        .join("cdk.out")
        .join(format!("{STACK}.template.json"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).expect("template is JSON")
}

fn output<'a>(t: &'a Json, key: &str) -> &'a str {
    t["Outputs"][key]["Value"]
        .as_str()
        .unwrap_or_else(|| panic!("no literal output {key} in {t:#}"))
}

#[test]
fn the_app_writes_where_the_cli_says_and_gets_the_cli_settings_as_context() {
    let (run, dir) = probe(json!({}), &["synth", "-q"], &[]);
    run.expect_code(0);
    let t = template(dir.path());
    let keys = output(&t, "ContextKeys");
    for k in [
        "aws:cdk:enable-path-metadata",
        "aws:cdk:enable-asset-metadata",
        "aws:cdk:version-reporting",
        "aws:cdk:bundling-stacks",
    ] {
        assert!(keys.split(',').any(|x| x == k), "{k} missing from {keys}");
    }
    assert!(
        t["Outputs"].get("OverflowKeys").is_none(),
        "a small context needs no overflow file"
    );
    assert!(dir.path().join("cdk.out/manifest.json").is_file());
}

#[test]
fn context_from_the_command_line_reaches_the_app() {
    let (run, dir) = probe(
        json!({}),
        &[
            "synth",
            "-q",
            "-c",
            "probe:channel-name=from-the-cli",
            "-c",
            "probe:tag=t1",
        ],
        &[],
    );
    run.expect_code(0);
    let t = template(dir.path());
    let channel = &t["Resources"]["Channel4048F119"]["Properties"];
    assert_eq!(channel["Name"], "from-the-cli");
    assert_eq!(channel["Tags"], json!([{"Key": "Probe", "Value": "t1"}]));
}

#[test]
fn context_from_cdk_json_reaches_the_app() {
    let (run, dir) = probe(
        json!({"context": {"probe:channel-name": "from-cdk-json"}}),
        &["synth", "-q"],
        &[],
    );
    run.expect_code(0);
    let t = template(dir.path());
    assert_eq!(
        t["Resources"]["Channel4048F119"]["Properties"]["Name"],
        "from-cdk-json"
    );
}

#[test]
fn context_too_large_for_the_environment_arrives_through_the_overflow_file() {
    // The CLI keeps at most 128 KiB of environment on Linux; the rest of the context
    // goes to a file named by CONTEXT_OVERFLOW_LOCATION_ENV.
    let filler = "x".repeat(150_000);
    let (run, dir) = probe(
        json!({"context": {"probe:filler": filler, "probe:channel-name": "from-the-overflow-file"}}),
        &["synth", "-q"],
        &[],
    );
    run.expect_code(0);
    let t = template(dir.path());
    let overflow = output(&t, "OverflowKeys");
    assert!(
        overflow.split(',').any(|k| k == "probe:channel-name"),
        "the channel name should have come in the overflow file: {overflow}"
    );
    assert_eq!(
        t["Resources"]["Channel4048F119"]["Properties"]["Name"],
        "from-the-overflow-file"
    );
    assert!(
        !run.stderr.contains("Part of the context could not be sent"),
        "{}",
        run.stderr
    );
}

#[test]
fn stacks_can_target_the_cli_environment() {
    let (run, _dir) = probe(
        json!({}),
        &["ls", "--long", "-c", "probe:cli-env=true"],
        &[
            ("AWS_REGION", "eu-west-1"),
            ("CDK_DEFAULT_ACCOUNT", "123456789012"),
        ],
    );
    run.expect_code(0);
    assert!(
        run.stdout.contains("    account: \"123456789012\"\n    region: eu-west-1\n    name: aws://123456789012/eu-west-1\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn without_credentials_the_cli_environment_has_a_region_but_no_account() {
    let (run, dir) = probe(
        json!({}),
        &["synth", "-q", "-c", "probe:cli-env=true"],
        &[("AWS_REGION", "ap-northeast-1")],
    );
    run.expect_code(0);
    let manifest: Json = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("cdk.out/manifest.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        manifest["artifacts"][STACK]["environment"],
        "aws://unknown-account/ap-northeast-1"
    );
}

#[test]
fn environment_agnostic_stacks_ignore_the_cli_environment() {
    let (run, _dir) = probe(json!({}), &["ls", "--long"], &[("AWS_REGION", "eu-west-1")]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("    name: aws://unknown-account/unknown-region\n"),
        "{}",
        run.stdout
    );
}

#[test]
fn path_metadata_follows_the_cli_setting() {
    let (run, dir) = probe(json!({}), &["synth", "-q"], &[]);
    run.expect_code(0);
    assert_eq!(
        template(dir.path())["Resources"]["Channel4048F119"]["Metadata"],
        json!({"aws:cdk:path": "IvsProbeStack/Channel/Resource"})
    );
    let (run, dir) = probe(json!({}), &["synth", "-q", "--no-path-metadata"], &[]);
    run.expect_code(0);
    assert!(template(dir.path())["Resources"]["Channel4048F119"]
        .get("Metadata")
        .is_none());
}

#[test]
fn warnings_and_infos_are_shown_by_the_cli() {
    let (run, _dir) = probe(
        json!({}),
        &[
            "synth",
            "-q",
            "-c",
            "probe:warning=mind the gap",
            "-c",
            "probe:info=all good",
        ],
        &[],
    );
    run.expect_code(0);
    let err = &run.stderr;
    assert!(err.contains("WARNING mind the gap"), "{err}");
    assert!(err.contains("INFO all good"), "{err}");
    assert!(err.contains("   IvsProbeStack/Channel\n"), "{err}");
}

#[test]
fn strict_synth_fails_on_warnings() {
    let (run, _dir) = probe(
        json!({}),
        &[
            "synth",
            "-q",
            "--strict",
            "-c",
            "probe:warning=mind the gap",
        ],
        &[],
    );
    run.expect_code(1);
    assert!(
        run.stderr.contains("WARNING mind the gap"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--strict"), "{}", run.stderr);
}

#[test]
fn strict_synth_passes_without_warnings() {
    let (run, _dir) = probe(json!({}), &["synth", "-q", "--strict"], &[]);
    run.expect_code(0);
}

#[test]
fn errors_fail_the_cli_with_the_apps_message_and_write_nothing() {
    let (run, dir) = probe(
        json!({}),
        &["synth", "-q", "-c", "probe:error=the channel is broken"],
        &[],
    );
    run.expect_code(1);
    let err = &run.stderr;
    assert!(
        err.contains("synthesis failed with 1 error:\n  [IvsProbeStack/Channel] the channel is broken (error)"),
        "{err}"
    );
    assert!(err.contains("Subprocess exited with error 1"), "{err}");
    assert!(!dir.path().join("cdk.out/manifest.json").exists());
}

#[test]
fn errors_of_invalid_props_reach_the_cli() {
    let (run, _dir) = probe(
        json!({}),
        &["synth", "-q", "-c", "probe:channel-name=not a valid name!"],
        &[],
    );
    run.expect_code(1);
    assert!(run.stderr.contains("not a valid name!"), "{}", run.stderr);
    assert!(
        run.stderr.contains("IvsProbeStack/Channel"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_stream_key_value_in_an_output_is_a_warning_the_cli_shows() {
    let (run, dir) = probe(
        json!({}),
        &["synth", "-q", "-c", "probe:stream-key-output=true"],
        &[],
    );
    run.expect_code(0);
    assert!(
        run.stderr.contains("WARNING the output 'IvsProbeStack/StreamKeyValue' holds the value of the stream key 'IvsProbeStack/Channel/StreamKey', a secret"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("ivs:GetStreamKey"), "{}", run.stderr);
    // It is only a warning: the template is written as the CDK writes it.
    assert_eq!(
        template(dir.path())["Outputs"]["StreamKeyValue"]["Value"],
        json!({"Fn::GetAtt": ["ChannelStreamKey60BDC2BE", "Value"]})
    );
}
