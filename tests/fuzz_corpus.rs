//! Replays the fuzz corpus (`fuzz/corpus/<target>/`) through the same checks the
//! cargo-fuzz targets run, so `cargo test` on stable exercises them too. Fuzzing
//! itself: `cargo +nightly fuzz run arn_parse` (or `render_value`) in `fuzz/`.

#[path = "../fuzz/src/lib.rs"]
mod checks;

use std::path::PathBuf;

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.iter().any(|p| p
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("seed-"))),
        "no seed inputs in {}",
        dir.display()
    );
    files
        .into_iter()
        .map(|p| {
            let data = std::fs::read(&p).unwrap();
            (p, data)
        })
        .collect()
}

fn replay(target: &str, check: fn(&[u8])) {
    for (path, data) in corpus(target) {
        let result = std::panic::catch_unwind(|| check(&data));
        assert!(result.is_ok(), "{target} fails on {}", path.display());
    }
}

#[test]
fn arn_parse_corpus_replays_cleanly() {
    replay("arn_parse", checks::check_arn_parse);
}

#[test]
fn render_value_corpus_replays_cleanly() {
    replay("render_value", checks::check_render_value);
}

#[test]
fn render_value_holds_deeply_nested_and_odd_json() {
    let deep = format!("{}{}", "[".repeat(120), "]".repeat(120));
    for input in [
        deep.as_str(),
        r#"{"Fn::GetAtt": ["Nope", "Arn"]}"#,
        r#"{"a": 1e308, "b": -1e-308, "c": 12345678901234567890}"#,
        "\"\\ud83d\\ude00 \\u0000\"",
    ] {
        checks::check_render_value(input.as_bytes());
    }
}
