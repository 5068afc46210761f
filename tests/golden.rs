//! Golden tests: for every reference case of the real AWS CDK
//! (`../shared/reference/cdk-out/<case>/`), the Rust app writes the same cloud
//! assembly: templates and asset manifests byte for byte, manifests and stack
//! metadata field by field.

mod apps;

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

fn reference_dir(case: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/cdk-out")
        .join(case)
}

/// A readable line diff of two texts (first differing lines with context).
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
    let from = first.saturating_sub(3);
    let mut out = format!("first difference at line {}:\n", first + 1);
    for i in from..(first + 6) {
        if let Some(l) = e.get(i) {
            out.push_str(&format!("  expected {:>4} | {l}\n", i + 1));
        }
        if let Some(l) = a.get(i) {
            out.push_str(&format!("  actual   {:>4} | {l}\n", i + 1));
        }
    }
    out
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

fn check_case(case: &str) {
    let reference = reference_dir(case);
    let out = tempfile::tempdir().unwrap();
    let app = apps::build(case);
    let outdir = out.path().join("cdk.out");
    let assembly = synth_into(&app, &outdir, case);
    let mut problems = Vec::new();

    let ref_manifest: Json = serde_json::from_str(&read(&reference.join("manifest.json"))).unwrap();
    let our_manifest: Json = serde_json::from_str(&read(&outdir.join("manifest.json"))).unwrap();
    assert_eq!(
        our_manifest["version"], ref_manifest["version"],
        "{case}: manifest version"
    );
    let ref_artifacts = ref_manifest["artifacts"].as_object().unwrap();
    let our_artifacts = our_manifest["artifacts"].as_object().unwrap();
    let wanted: Vec<&String> = ref_artifacts
        .keys()
        .filter(|k| k.as_str() != "aws-cdk-lib/feature-flag-report")
        .collect();
    let ours: Vec<&String> = our_artifacts.keys().collect();
    if wanted != ours {
        problems.push(format!(
            "artifacts differ: expected {wanted:?}, got {ours:?}"
        ));
    }
    for (id, artifact) in ref_artifacts {
        if id == "aws-cdk-lib/feature-flag-report" {
            continue;
        }
        match our_artifacts.get(id) {
            Some(a) if a == artifact => {}
            Some(a) => problems.push(format!(
                "artifact {id} differs:\nexpected {}\nactual   {}",
                serde_json::to_string_pretty(artifact).unwrap(),
                serde_json::to_string_pretty(a).unwrap()
            )),
            None => problems.push(format!("artifact {id} is missing")),
        }
        if artifact["type"] == "aws:cloudformation:stack" {
            let template = format!("{id}.template.json");
            let expected = read(&reference.join(&template));
            let actual = read(&outdir.join(&template));
            if expected != actual {
                problems.push(format!("{template} differs:\n{}", diff(&expected, &actual)));
            }
            let metadata = format!("{id}.metadata.json");
            let expected: Json = serde_json::from_str(&read(&reference.join(&metadata))).unwrap();
            let mut actual: Json = serde_json::from_str(&read(&outdir.join(&metadata))).unwrap();
            // Our deliberate warnings (e.g. a stream key value in an output) are
            // metadata the CDK does not write; the reference has no warnings at all.
            strip_warnings(&mut actual);
            if expected != actual {
                problems.push(format!(
                    "{metadata} differs:\n{}",
                    diff(
                        &serde_json::to_string_pretty(&expected).unwrap(),
                        &serde_json::to_string_pretty(&actual).unwrap()
                    )
                ));
            }
        }
        if artifact["type"] == "cdk:asset-manifest" {
            let file = artifact["properties"]["file"].as_str().unwrap();
            let expected = read(&reference.join(file));
            let actual = read(&outdir.join(file));
            if expected != actual {
                problems.push(format!("{file} differs:\n{}", diff(&expected, &actual)));
            }
        }
    }
    assert_eq!(
        read(&outdir.join("cdk.out")),
        read(&reference.join("cdk.out"))
    );
    assert!(
        outdir.join("tree.json").is_file(),
        "{case}: tree.json missing"
    );
    assert_eq!(
        assembly.stacks.len(),
        wanted
            .iter()
            .filter(|k| ref_artifacts[k.as_str()]["type"] == "aws:cloudformation:stack")
            .count()
    );
    assert!(problems.is_empty(), "{case}:\n{}", problems.join("\n\n"));
}

/// Removes `aws:cdk:warning` entries (and paths left without entries) from stack
/// metadata.
fn strip_warnings(metadata: &mut Json) {
    if let Some(paths) = metadata.as_object_mut() {
        for entries in paths.values_mut() {
            if let Some(list) = entries.as_array_mut() {
                list.retain(|e| e["type"] != "aws:cdk:warning");
            }
        }
        paths.retain(|_, entries| !matches!(entries.as_array(), Some(l) if l.is_empty()));
    }
}

fn synth_into(app: &ivs_cdk::App, outdir: &Path, case: &str) -> ivs_cdk::Assembly {
    let rendered = app
        .synth_in_memory()
        .unwrap_or_else(|e| panic!("{case}: {e}"));
    rendered
        .write_to(outdir)
        .unwrap_or_else(|e| panic!("{case}: {e}"))
}

macro_rules! golden {
    ($($name:ident => $case:literal),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                check_case($case);
            }
        )*

        #[test]
        fn we_warn_where_the_cdk_writes_what_cannot_deploy_or_leaks_a_secret() {
            let rendered = apps::build("outputs-and-tags").synth_in_memory().unwrap();
            let warned: Vec<(&str, &str)> = rendered
                .warnings
                .iter()
                .map(|w| (w.path.as_str(), w.rule.as_str()))
                .collect();
            assert_eq!(
                warned,
                [
                    ("IvsOutputsAndTags/Channel/Resource", "tag-aws-prefix"),
                    ("IvsOutputsAndTags/Channel/StreamKey/Resource", "tag-aws-prefix"),
                    ("IvsOutputsAndTags/KeyPair/Resource", "tag-aws-prefix"),
                    ("IvsOutputsAndTags/StreamKeyValue", "secret-in-output"),
                ]
            );
        }

        #[test]
        fn writing_while_rendering_gives_the_same_files_as_rendering_in_memory() {
            for case in apps::CASES {
                let dir = tempfile::tempdir().unwrap();
                let streamed = dir.path().join("streamed");
                let in_memory = dir.path().join("in-memory");
                apps::build_into(case, Some(streamed.clone())).synth().unwrap();
                apps::build(case).synth_in_memory().unwrap().write_to(&in_memory).unwrap();
                let mut names: Vec<_> = std::fs::read_dir(&in_memory).unwrap().map(|e| e.unwrap().file_name()).collect();
                names.sort();
                let mut streamed_names: Vec<_> = std::fs::read_dir(&streamed).unwrap().map(|e| e.unwrap().file_name()).collect();
                streamed_names.sort();
                assert_eq!(names, streamed_names, "{case}");
                for name in names {
                    assert_eq!(
                        std::fs::read(in_memory.join(&name)).unwrap(),
                        std::fs::read(streamed.join(&name)).unwrap(),
                        "{case}: {name:?}"
                    );
                }
            }
        }

        #[test]
        fn every_reference_case_has_a_golden_test() {
            let mut cases: Vec<String> = std::fs::read_dir(reference_dir(""))
                .unwrap()
                .filter_map(|e| e.ok())
                .filter(|e| e.path().join("manifest.json").is_file())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect();
            cases.sort();
            let mut tested = vec![$($case.to_owned()),*];
            tested.sort();
            assert_eq!(cases, tested);
        }
    };
}

golden! {
    seed => "seed",
    perf_3 => "perf-3",
    channel_minimal => "channel-minimal",
    channel_all_props => "channel-all-props",
    channel_import => "channel-import",
    stream_keys => "stream-keys",
    playback_key_pair => "playback-key-pair",
    outputs_and_tags => "outputs-and-tags",
    two_stacks => "two-stacks",
    env_stack => "env-stack",
    l1_channel_extended => "l1-channel-extended",
    recording_configuration => "recording-configuration",
    legacy_synth => "legacy-synth",
}
