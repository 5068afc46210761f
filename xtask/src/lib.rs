//! Project tasks for ivs-cdk. The one task so far is `codegen`: it reads the
//! CloudFormation resource schemas in `../shared/reference/cfn-schemas/` and writes the
//! L1 layer of the `ivs-cdk` crate into `src/cfn/`: one file per resource type with
//! its typed props, nested property types, enums, `GetAtt` attributes and the
//! constraint tables that `ivs_cdk::validation` checks.
//!
//! [`generate`] is a pure function of the schemas; a test compares its output with
//! the committed files, so the generated code cannot drift from the generator.

mod emit;
mod names;
mod patterns;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The resource types of the L1 layer, by schema file name.
pub const SCHEMA_FILES: &[&str] = &[
    "aws-ivs-adconfiguration.json",
    "aws-ivs-channel.json",
    "aws-ivs-encoderconfiguration.json",
    "aws-ivs-ingestconfiguration.json",
    "aws-ivs-playbackkeypair.json",
    "aws-ivs-playbackrestrictionpolicy.json",
    "aws-ivs-publickey.json",
    "aws-ivs-recordingconfiguration.json",
    "aws-ivs-stage.json",
    "aws-ivs-storageconfiguration.json",
    "aws-ivs-streamkey.json",
    "aws-ivschat-loggingconfiguration.json",
    "aws-ivschat-room.json",
    "aws-s3-bucket.json",
];

/// The command that regenerates the files, quoted in their headers.
pub const COMMAND: &str = "cargo run -p xtask -- codegen";

/// The root of the repository (the parent of `xtask/`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from(".."))
}

/// Where the schemas are: `../shared/reference/cfn-schemas/` beside the repository.
pub fn schema_dir() -> PathBuf {
    repo_root().join("../shared/reference/cfn-schemas")
}

/// Every generated file: its path relative to the repository root, and its contents
/// (formatted with `rustfmt`).
///
/// # Panics
///
/// When a schema is missing or has a shape the generator does not know; both are
/// mistakes of the repository, not of a user.
pub fn generate() -> Vec<(PathBuf, String)> {
    let mut types = Vec::new();
    for file in SCHEMA_FILES {
        let path = schema_dir().join(file);
        let text = fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let schema: serde_json::Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        types.push(emit::TypeSpec::new(file, schema));
    }
    let mut out = Vec::new();
    for t in &types {
        let code = emit::emit_type(t);
        out.push((
            PathBuf::from(format!("src/cfn/{}.rs", t.module)),
            rustfmt(&code),
        ));
    }
    out.push((
        PathBuf::from("src/cfn/mod.rs"),
        rustfmt(&emit::emit_mod(&types)),
    ));
    out
}

/// Writes the generated files that differ from the ones on disk (or, with `check`,
/// only lists them); returns the paths that differ.
pub fn codegen(check: bool) -> Result<Vec<PathBuf>, String> {
    let root = repo_root();
    let mut changed = Vec::new();
    for (path, contents) in generate() {
        let full = root.join(&path);
        if fs::read_to_string(&full).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        if !check {
            fs::write(&full, contents)
                .map_err(|e| format!("cannot write {}: {e}", full.display()))?;
        }
        changed.push(path);
    }
    Ok(changed)
}

fn rustfmt(code: &str) -> String {
    use std::io::Write;
    let rustfmt = std::env::var("RUSTFMT").unwrap_or_else(|_| "rustfmt".to_owned());
    let mut child = Command::new(rustfmt)
        .args(["--edition", "2021", "--emit", "stdout", "--quiet"])
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run rustfmt: {e}"));
    let mut stdin = child.stdin.take().expect("piped stdin");
    let input = code.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().expect("rustfmt runs");
    let _ = writer.join();
    assert!(
        output.status.success(),
        "rustfmt failed on generated code: {}\n{code}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("rustfmt writes UTF-8")
}
