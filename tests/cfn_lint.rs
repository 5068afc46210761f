//! `cfn-lint` (pinned 1.58.0) accepts every template that the golden apps and the
//! examples write, with zero findings.

mod apps;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::{cfn_lint, example_bin, templates_in};

/// Synthesizes a golden app into `dir/<case>` and returns its templates.
fn golden_templates(case: &str, dir: &Path) -> Vec<PathBuf> {
    let app = apps::build(case);
    let out = dir.join(case);
    app.synth_in_memory()
        .unwrap_or_else(|e| panic!("{case}: {e}"))
        .write_to(&out)
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    let t = templates_in(&out);
    assert!(!t.is_empty(), "{case} wrote no template");
    t
}

/// Runs an example binary as the `cdk` CLI would (path metadata on) into `out`.
fn run_example(name: &str, args: &[&str], context: serde_json::Value, out: &Path) -> Vec<PathBuf> {
    let mut ctx = serde_json::json!({ "aws:cdk:enable-path-metadata": true });
    if let (Some(c), serde_json::Value::Object(extra)) = (ctx.as_object_mut(), context) {
        c.extend(extra);
    }
    let output = Command::new(example_bin(name))
        .args(args)
        .env("CDK_OUTDIR", out)
        .env("CDK_CONTEXT_JSON", ctx.to_string())
        .env("CDK_DEFAULT_REGION", "us-west-2")
        .env("CDK_DEFAULT_ACCOUNT", "123456789012")
        .output()
        .expect("run example");
    assert!(
        output.status.success(),
        "example {name} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    templates_in(out)
}

#[test]
fn golden_app_templates_pass_cfn_lint() {
    let dir = tempfile::tempdir().unwrap();
    let mut templates = Vec::new();
    for case in apps::CASES.iter().filter(|c| **c != "outputs-and-tags") {
        templates.extend(golden_templates(case, dir.path()));
    }
    assert!(templates.len() >= apps::CASES.len());
    if let Err(e) = cfn_lint(&templates, &[]) {
        panic!("{e}");
    }
}

#[test]
fn the_outputs_and_tags_template_passes_cfn_lint_except_for_the_reserved_tag_key() {
    // E3024 flags the tag key `aws:reserved`, which the app sets on purpose to show
    // that the CDK (and we) write such a tag faithfully; CloudFormation would refuse
    // it at deploy time, and our own validation warns about it. Every other check runs.
    let dir = tempfile::tempdir().unwrap();
    let templates = golden_templates("outputs-and-tags", dir.path());
    if let Err(e) = cfn_lint(&templates, &["E3024"]) {
        panic!("{e}");
    }
}

#[test]
fn example_templates_pass_cfn_lint() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let mut templates = Vec::new();
    templates.extend(run_example(
        "seed",
        &[],
        serde_json::json!({}),
        &d.join("seed"),
    ));
    let perf_out = d.join("perf");
    templates.extend(run_example(
        "perf",
        &["50", &perf_out.to_string_lossy()],
        serde_json::json!({}),
        &perf_out,
    ));
    templates.extend(run_example(
        "cli_probe",
        &[],
        serde_json::json!({
            "probe:channel-name": "probe-channel",
            "probe:tag": "lint",
            "probe:warning": "a warning",
            "probe:cli-env": true,
            "probe:stream-key-output": true,
        }),
        &d.join("probe"),
    ));
    assert_eq!(templates.len(), 3, "{templates:?}");
    if let Err(e) = cfn_lint(&templates, &[]) {
        panic!("{e}");
    }
}
