//! The output is safe to rely on: synthesis is deterministic (in one process and
//! across processes), writing is atomic (a failed write leaves the previous assembly as
//! it was and no half-written folder), apps writing to different folders at the same
//! time do not interfere, and an unwritable output folder is a clear error.

mod apps;
mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use ivs_cdk::{App, AppProps, Channel, ChannelProps, ErrorKind, Stack};
use support::example_bin;

/// Every file of a folder (recursively) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

/// The entries of a folder, by name.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn run_probe(outdir: &Path, env: &[(&str, &str)]) -> std::process::Output {
    let mut cmd = Command::new(example_bin("cli_probe"));
    cmd.env("CDK_OUTDIR", outdir)
        .env(
            "CDK_CONTEXT_JSON",
            r#"{"aws:cdk:enable-path-metadata":true,"probe:tag":"t"}"#,
        )
        .env_remove("IVS_CDK_FAIL_WRITE_FOR_TEST");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run cli_probe")
}

#[test]
fn the_same_app_synthesizes_to_the_same_bytes_twice_in_one_process() {
    let dir = tempfile::tempdir().unwrap();
    for case in apps::CASES {
        let a = apps::build(case).synth_in_memory().unwrap();
        let b = apps::build(case).synth_in_memory().unwrap();
        assert_eq!(a.manifest, b.manifest, "{case}");
        assert_eq!(a.tree, b.tree, "{case}");
        for (x, y) in a.stacks.iter().zip(&b.stacks) {
            assert_eq!(x.template, y.template, "{case}");
            assert_eq!(x.metadata, y.metadata, "{case}");
            assert_eq!(x.assets, y.assets, "{case}");
        }
        let (da, db) = (
            dir.path().join(format!("{case}-a")),
            dir.path().join(format!("{case}-b")),
        );
        a.write_to(&da).unwrap();
        b.write_to(&db).unwrap();
        assert_eq!(snapshot(&da), snapshot(&db), "{case}");
    }
}

#[test]
fn the_same_app_synthesizes_to_the_same_bytes_in_two_processes() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        let o = Command::new(example_bin("seed"))
            .env("CDK_OUTDIR", out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert_eq!(
        sa.keys().collect::<Vec<_>>(),
        [
            "IvsSeedStack.assets.json",
            "IvsSeedStack.metadata.json",
            "IvsSeedStack.template.json",
            "cdk.out",
            "manifest.json",
            "tree.json"
        ]
        .map(PathBuf::from)
        .iter()
        .collect::<Vec<_>>()
    );
    assert_eq!(sa, sb);
}

#[test]
fn a_failed_write_leaves_the_previous_assembly_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdk.out");
    let ok = run_probe(&out, &[]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let before = snapshot(&out);
    let failed = run_probe(
        &out,
        &[
            ("IVS_CDK_FAIL_WRITE_FOR_TEST", "1"),
            ("CDK_CONTEXT_JSON", r#"{"probe:channel-name":"changed"}"#),
        ],
    );
    assert_eq!(failed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&failed.stderr);
    assert!(
        err.contains(&format!(
            "cannot write the cloud assembly at {}",
            out.display()
        )),
        "{err}"
    );
    assert_eq!(snapshot(&out), before, "the previous assembly changed");
    assert_eq!(
        names(dir.path()),
        ["cdk.out"],
        "a staging folder was left behind"
    );
}

#[test]
fn a_failed_first_write_leaves_no_folder_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdk.out");
    let failed = run_probe(&out, &[("IVS_CDK_FAIL_WRITE_FOR_TEST", "1")]);
    assert_eq!(failed.status.code(), Some(1));
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

#[test]
fn a_second_write_replaces_the_assembly_completely() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdk.out");
    std::fs::create_dir_all(&out).unwrap();
    // An earlier assembly: a manifest and a template of a stack that is gone.
    std::fs::write(out.join("cdk.out"), r#"{"version":"55.0.0"}"#).unwrap();
    std::fs::write(out.join("manifest.json"), "{}").unwrap();
    std::fs::write(out.join("Stale.template.json"), "{}").unwrap();
    let ok = run_probe(&out, &[]);
    assert!(ok.status.success());
    assert!(!out.join("Stale.template.json").exists());
    assert!(out.join("IvsProbeStack.template.json").is_file());
    assert_eq!(names(dir.path()), ["cdk.out"]);
}

#[test]
fn apps_writing_to_different_folders_at_once_do_not_interfere() {
    let dir = tempfile::tempdir().unwrap();
    let expected: Vec<BTreeMap<PathBuf, Vec<u8>>> = (0..8)
        .map(|i| {
            let d = dir.path().join(format!("expected-{i}"));
            build_numbered(i, &d).synth().unwrap();
            snapshot(&d)
        })
        .collect();
    std::thread::scope(|s| {
        for round in 0..4 {
            for (i, exp) in expected.iter().enumerate() {
                let d = dir.path().join(format!("parallel-{round}-{i}"));
                s.spawn(move || {
                    build_numbered(i, &d).synth().unwrap();
                    assert_eq!(&snapshot(&d), exp, "{}", d.display());
                });
            }
        }
    });
    // Only the finished folders: no staging or backup folder was left.
    assert!(names(dir.path()).iter().all(|n| !n.starts_with('.')));
}

fn build_numbered(i: usize, outdir: &Path) -> App {
    let app = App::with_props(AppProps {
        outdir: Some(outdir.to_path_buf()),
        ..Default::default()
    });
    let stack = Stack::new(&app, &format!("Stack{i}"));
    for c in 0..=i {
        Channel::new(&stack, &format!("Channel{c}"), ChannelProps::default()).add_stream_key("Key");
    }
    app
}

#[test]
fn an_unwritable_output_folder_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    // A regular file where a folder should be: no user (not even root) can write there.
    let blocker = dir.path().join("not-a-folder");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("cdk.out");
    let app = build_numbered(1, &out);
    let err = app.synth().expect_err("cannot write under a file");
    assert_eq!(err.kind(), ErrorKind::Io);
    let msg = err.to_string();
    assert!(msg.contains(&blocker.display().to_string()), "{msg}");
    assert!(
        msg.starts_with("cannot write the cloud assembly at "),
        "{msg}"
    );

    let run = run_probe(&out, &[]);
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains(&blocker.display().to_string()), "{stderr}");
}
