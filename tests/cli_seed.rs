//! The repository's `cdk.json` works with the real `cdk` CLI (aws-cdk 2.1148.1): the
//! commands a user runs in a fresh clone list, print, diff and describe the seed stack.
//!
//! Each test runs the CLI in the repository root (so `cdk.json`'s `cargo run` app is
//! what runs) with `--output` in its own temporary folder.

mod support;

use std::path::{Path, PathBuf};

use support::{cdk, repo_root, Run};

const STACK: &str = "IvsSeedStack";
/// Logical id and type of every resource of the seed stack.
const RESOURCES: [(&str, &str); 5] = [
    ("Channel4048F119", "AWS::IVS::Channel"),
    ("ChannelStreamKey60BDC2BE", "AWS::IVS::StreamKey"),
    ("ImportedChannelStreamKey7CF9F5AD", "AWS::IVS::StreamKey"),
    ("PlaybackKeyPairBE17315B", "AWS::IVS::PlaybackKeyPair"),
    ("PrivateChannel4030C1AA", "AWS::IVS::Channel"),
];

fn reference(case: &str, file: &str) -> PathBuf {
    repo_root()
        .join("../shared/reference/cdk-out")
        .join(case)
        .join(file)
}

/// Runs `cdk <args> --output <tmp>` in the repository root.
fn seed_cdk(args: &[&str]) -> (Run, tempfile::TempDir) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = tmp.path().join("cdk.out");
    let home = tmp.path().join("home");
    std::fs::create_dir(&home).expect("home");
    let mut all: Vec<&str> = args.to_vec();
    let out_str = out.to_string_lossy().into_owned();
    all.extend(["--output", &out_str]);
    (cdk(&repo_root(), &home, &all, &[]), tmp)
}

fn out_dir(tmp: &tempfile::TempDir) -> PathBuf {
    tmp.path().join("cdk.out")
}

fn template(dir: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(dir.join(format!("{STACK}.template.json")))
        .expect("template written");
    serde_json::from_str(&text).expect("template is JSON")
}

#[test]
fn repository_cdk_json_runs_the_seed_example() {
    let cfg: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_root().join("cdk.json")).unwrap())
            .unwrap();
    assert_eq!(cfg["app"], "cargo run -q --example seed");
}

#[test]
fn cdk_ls_lists_the_seed_stack() {
    let (run, _tmp) = seed_cdk(&["ls"]);
    run.expect_code(0);
    assert_eq!(run.stdout, format!("{STACK}\n"));
}

#[test]
fn cdk_ls_long_shows_an_environment_agnostic_stack() {
    let (run, _tmp) = seed_cdk(&["ls", "--long"]);
    run.expect_code(0);
    assert_eq!(
        run.stdout,
        format!(
            "- id: {STACK}\n  name: {STACK}\n  environment:\n    account: unknown-account\n    region: unknown-region\n    name: aws://unknown-account/unknown-region\n\n"
        )
    );
}

#[test]
fn cdk_synth_prints_the_template_as_yaml_with_path_metadata() {
    let (run, tmp) = seed_cdk(&["synth"]);
    run.expect_code(0);
    for (lid, ty) in RESOURCES {
        assert!(
            run.stdout.contains(&format!("  {lid}:\n    Type: {ty}\n")),
            "{lid} missing:\n{}",
            run.stdout
        );
    }
    assert!(run
        .stdout
        .contains("aws:cdk:path: IvsSeedStack/Channel/Resource"));
    // The CLI leaves the bootstrap version rule out of what it prints.
    assert!(run.stdout.contains("BootstrapVersion:"));
    // The app's own report goes to stderr, which the CLI passes through.
    assert!(
        run.stderr.contains("stack IvsSeedStack: 5 resources"),
        "{}",
        run.stderr
    );
    let t = template(&out_dir(&tmp));
    assert_eq!(t["Resources"].as_object().unwrap().len(), RESOURCES.len());
}

#[test]
fn cdk_synth_json_prints_the_template_written() {
    let (run, tmp) = seed_cdk(&["synth", "--json", STACK]);
    run.expect_code(0);
    let printed: serde_json::Value = serde_json::from_str(&run.stdout).expect("stdout is JSON");
    // The CLI prints the template without the bootstrap version rule.
    let mut written = template(&out_dir(&tmp));
    let rules = written
        .as_object_mut()
        .unwrap()
        .shift_remove("Rules")
        .unwrap();
    assert_eq!(
        rules.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["CheckBootstrapVersion"]
    );
    assert_eq!(printed, written);
    let resources = printed["Resources"].as_object().unwrap();
    let got: Vec<(&str, &str)> = resources
        .iter()
        .map(|(k, v)| (k.as_str(), v["Type"].as_str().unwrap()))
        .collect();
    assert_eq!(got, RESOURCES);
}

#[test]
fn cdk_synth_of_an_unknown_stack_fails() {
    let (run, _tmp) = seed_cdk(&["synth", "NoSuchStack"]);
    run.expect_code(1);
    assert!(run.stderr.contains("NoSuchStack"), "{}", run.stderr);
}

#[test]
fn cdk_diff_against_the_javascript_cdk_template_finds_no_difference() {
    // The reference was synthesized without the CLI, hence without path metadata.
    let reference = reference("seed", "IvsSeedStack.template.json");
    let r = reference.to_string_lossy();
    let (run, _tmp) = seed_cdk(&["diff", "--no-path-metadata", "--template", &r, STACK]);
    run.expect_code(0);
    assert!(
        run.stderr
            .contains("Stack IvsSeedStack\nThere were no differences"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("Number of stacks with differences: 0"),
        "{}",
        run.stderr
    );
}

#[test]
fn cdk_diff_against_another_template_lists_the_changes() {
    let reference = reference("channel-minimal", "IvsChannelMinimal.template.json");
    let r = reference.to_string_lossy();
    let (run, _tmp) = seed_cdk(&["diff", "--template", &r, STACK]);
    run.expect_code(0);
    let err = &run.stderr;
    for line in [
        "[+] AWS::IVS::StreamKey Channel/StreamKey ChannelStreamKey60BDC2BE",
        "[+] AWS::IVS::StreamKey ImportedChannel/StreamKey ImportedChannelStreamKey7CF9F5AD",
        "[+] AWS::IVS::PlaybackKeyPair PlaybackKeyPair PlaybackKeyPairBE17315B",
        "[+] AWS::IVS::Channel PrivateChannel PrivateChannel4030C1AA",
        "[~] AWS::IVS::Channel Channel Channel4048F119",
        "[-] IvsChannelMinimalChannelCA881BB4",
        "[+] IvsSeedStackChannelB3BD82EF",
        "Number of stacks with differences: 1",
    ] {
        assert!(err.contains(line), "missing {line:?} in:\n{err}");
    }
}

#[test]
fn cdk_diff_with_fail_exits_non_zero_on_differences() {
    let reference = reference("channel-minimal", "IvsChannelMinimal.template.json");
    let r = reference.to_string_lossy();
    let (run, _tmp) = seed_cdk(&["diff", "--fail", "--template", &r, STACK]);
    run.expect_code(1);
}

#[test]
fn cdk_metadata_lists_logical_ids() {
    let (run, _tmp) = seed_cdk(&["metadata", STACK]);
    run.expect_code(0);
    let out = &run.stdout;
    assert!(out.contains("/IvsSeedStack:\n  - type: aws:cdk:templateFile\n    data: IvsSeedStack.template.json\n"), "{out}");
    for (path, lid) in [
        ("Channel/Resource", "Channel4048F119"),
        ("Channel/StreamKey/Resource", "ChannelStreamKey60BDC2BE"),
        (
            "ImportedChannel/StreamKey/Resource",
            "ImportedChannelStreamKey7CF9F5AD",
        ),
        ("PlaybackKeyPair/Resource", "PlaybackKeyPairBE17315B"),
        ("PrivateChannel/Resource", "PrivateChannel4030C1AA"),
        ("BootstrapVersion", "BootstrapVersion"),
        ("CheckBootstrapVersion", "CheckBootstrapVersion"),
    ] {
        let entry =
            format!("/IvsSeedStack/{path}:\n  - type: aws:cdk:logicalId\n    data: {lid}\n");
        assert!(out.contains(&entry), "missing {entry:?} in:\n{out}");
    }
}

#[test]
fn commands_that_need_credentials_fail_cleanly_without_them() {
    let (run, _tmp) = seed_cdk(&["diff", STACK]);
    run.expect_code(1);
    assert!(
        run.stderr.contains("Unable to resolve AWS account to use"),
        "{}",
        run.stderr
    );
}
