//! Shared helpers of the integration tests: the pinned external tools (`cdk`,
//! `cfn-lint`), the compiled example apps, and running the `cdk` CLI in isolation.
//!
//! The tools come from `IVS_CDK_CDK_BIN` / `IVS_CDK_CFN_LINT_BIN` when set (CI sets
//! them), else `scripts/tools.sh` installs them into `.tools/` (it takes a lock, so
//! test binaries running at the same time install once).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn install_tool(env_var: &str, subcommand: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(env_var).filter(|p| !p.is_empty()) {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "{env_var} names {}, which does not exist",
            p.display()
        );
        return p;
    }
    let script = repo_root().join("scripts/tools.sh");
    let out = Command::new("bash")
        .arg(&script)
        .arg(subcommand)
        .stderr(Stdio::inherit())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", script.display()));
    assert!(
        out.status.success(),
        "scripts/tools.sh {subcommand} failed ({}); set {env_var} to use an installed one",
        out.status
    );
    let path = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    let p = PathBuf::from(path);
    assert!(
        p.is_file(),
        "scripts/tools.sh {subcommand} printed {}, which does not exist",
        p.display()
    );
    p
}

/// The pinned `cdk` CLI (aws-cdk 2.1148.1).
pub fn cdk_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| install_tool("IVS_CDK_CDK_BIN", "cdk"))
}

/// The pinned `cfn-lint` (1.58.0).
pub fn cfn_lint_bin() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| install_tool("IVS_CDK_CFN_LINT_BIN", "cfn-lint"))
}

/// The compiled example `name`, freshly built: `cargo test` builds the examples, but
/// `cargo test --test x` does not, and a stale binary would test old code. The build
/// runs once per test process and is a no-op when the examples are up to date.
pub fn example_bin(name: &str) -> PathBuf {
    // The test executable lives in target/<profile>/deps/; examples in
    // target/<profile>/examples/.
    let exe = std::env::current_exe().expect("current_exe");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("test executable in target/<profile>/deps")
        .to_path_buf();
    static BUILT: OnceLock<()> = OnceLock::new();
    BUILT.get_or_init(|| {
        let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
        let mut cmd = Command::new(cargo);
        cmd.args(["build", "-q", "--examples", "-p", "ivs-cdk"]);
        if profile_dir.ends_with("release") {
            cmd.arg("--release");
        }
        let out = cmd
            .current_dir(repo_root())
            .stdin(Stdio::null())
            .output()
            .expect("run cargo build --examples");
        assert!(
            out.status.success(),
            "cargo build --examples failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    let bin = profile_dir.join("examples").join(name);
    assert!(bin.is_file(), "example binary {} not found", bin.display());
    bin
}

/// What a command printed, and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, showing everything printed when it differs.
    #[track_caller]
    pub fn expect_code(&self, code: i32) -> &Run {
        assert_eq!(
            self.code,
            Some(code),
            "unexpected exit code\n--- stdout\n{}\n--- stderr\n{}",
            self.stdout,
            self.stderr
        );
        self
    }
}

/// An environment for the `cdk` CLI with no AWS credentials, no update check, no
/// telemetry and a private HOME (so no `~/.cdk.json` of the machine applies).
pub fn cdk_command(cwd: &Path, home: &Path) -> Command {
    let mut cmd = Command::new(cdk_bin());
    cmd.current_dir(cwd);
    for (k, _) in std::env::vars_os() {
        let k = k.to_string_lossy().into_owned();
        if k.starts_with("AWS_") || k.starts_with("CDK_") || k == "CONTEXT_OVERFLOW_LOCATION_ENV" {
            cmd.env_remove(&k);
        }
    }
    // Cargo and rustup find their homes through HOME unless told.
    let real_home = std::env::var_os("HOME").map(PathBuf::from);
    if let Some(h) = &real_home {
        if std::env::var_os("CARGO_HOME").is_none() {
            cmd.env("CARGO_HOME", h.join(".cargo"));
        }
        if std::env::var_os("RUSTUP_HOME").is_none() {
            cmd.env("RUSTUP_HOME", h.join(".rustup"));
        }
    }
    cmd.env("HOME", home)
        .env("CDK_DISABLE_VERSION_CHECK", "true")
        .env("CDK_DISABLE_CLI_TELEMETRY", "true")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/nonexistent")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
        .env("NO_COLOR", "1")
        .env("FORCE_COLOR", "0")
        // With CI=true the CLI prints its messages on stdout instead of stderr.
        .env_remove("CI");
    cmd
}

/// Runs the `cdk` CLI with `args` (plus `--no-notices`, which would fetch from the
/// network) in `cwd`.
pub fn cdk(cwd: &Path, home: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = cdk_command(cwd, home);
    cmd.args(args).arg("--no-notices");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", cdk_bin().display()));
    Run::from(out)
}

/// A folder with a `cdk.json` whose app is the compiled example `example`.
pub fn cli_project(example: &str, extra: serde_json::Value) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut cfg = serde_json::json!({ "app": example_bin(example).to_string_lossy() });
    if let (Some(c), serde_json::Value::Object(e)) = (cfg.as_object_mut(), extra) {
        c.extend(e);
    }
    std::fs::write(
        dir.path().join("cdk.json"),
        serde_json::to_string_pretty(&cfg).expect("json"),
    )
    .expect("write cdk.json");
    std::fs::create_dir(dir.path().join("home")).expect("home");
    dir
}

/// Runs `cfn-lint` on the templates; returns what it printed when it found anything.
/// `ignore` lists check ids to skip (each use must say why).
pub fn cfn_lint(templates: &[PathBuf], ignore: &[&str]) -> Result<(), String> {
    assert!(!templates.is_empty(), "no template to lint");
    let mut cmd = Command::new(cfn_lint_bin());
    cmd.arg("--format").arg("parseable");
    if !ignore.is_empty() {
        cmd.arg("--ignore-checks").args(ignore);
    }
    cmd.arg("--").args(templates);
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", cfn_lint_bin().display()));
    let run = Run::from(out);
    if run.code == Some(0) {
        Ok(())
    } else {
        Err(format!(
            "cfn-lint exited with {:?}\n{}{}",
            run.code, run.stdout, run.stderr
        ))
    }
}

/// Every `*.template.json` in a cloud assembly folder, sorted.
pub fn templates_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".template.json"))
        })
        .collect();
    out.sort();
    out
}
