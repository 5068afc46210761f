//! `ivs-cdk lint`: the cfn-lint samples, the reference CDK templates, YAML short
//! forms, output formats and exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value as Json;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference")
}

fn sample(name: &str) -> PathBuf {
    shared().join("cfn-lint-samples").join(name)
}

fn lint(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ivs-cdk"))
        .arg("lint")
        .args(args)
        .output()
        .expect("the binary runs")
}

/// (exit code, findings as (logical id, property, rule, message)).
fn lint_json(path: &Path) -> (i32, Vec<(String, String, String, String)>) {
    let out = lint(&["--format", "json", path.to_str().expect("UTF-8 path")]);
    let doc: Json = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let findings = doc["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["logicalId"].as_str().unwrap_or("").to_owned(),
                f["property"].as_str().unwrap_or("").to_owned(),
                f["rule"].as_str().unwrap_or("").to_owned(),
                f["message"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (out.status.code().unwrap_or(-1), findings)
}

fn has(found: &[(String, String, String, String)], id: &str, property: &str, rule: &str) -> bool {
    found
        .iter()
        .any(|(i, p, r, _)| i == id && p == property && r == rule)
}

#[test]
fn invalid_enum_gets_the_findings_of_cfn_lint() {
    let (code, found) = lint_json(&sample("invalid-enum.json"));
    assert_eq!(code, 1);
    assert!(has(&found, "Channel", "Authorized", "type"), "{found:?}");
    assert!(has(&found, "Channel", "LatencyMode", "enum"), "{found:?}");
    assert!(has(&found, "Channel", "Type", "enum"), "{found:?}");
    let messages: Vec<&str> = found.iter().map(|f| f.3.as_str()).collect();
    assert!(messages.contains(&"LatencyMode 'ULTRA_LOW' is not one of LOW, NORMAL"));
    assert!(messages.contains(&"Authorized 'maybe' is not of type boolean: use true or false"));
}

#[test]
fn invalid_misc_gets_the_findings_of_cfn_lint() {
    let (code, found) = lint_json(&sample("invalid-misc.json"));
    assert_eq!(code, 1);
    assert!(
        has(&found, "StreamKey", "ChannelArn", "required"),
        "{found:?}"
    );
    let bucket = "DestinationConfiguration.S3.BucketName";
    assert!(has(&found, "Rec", bucket, "pattern"), "{found:?}");
    assert!(has(&found, "Rec", bucket, "min-length"), "{found:?}");
    assert!(
        has(&found, "Rec", "RecordingReconnectWindowSeconds", "maximum"),
        "{found:?}"
    );
    assert!(
        has(&found, "Chan", "RecordingConfigurationArn", "pattern"),
        "{found:?}"
    );
    assert!(has(&found, "X", "Value", "get-att"), "{found:?}");
    let get_att = found.iter().find(|f| f.2 == "get-att").expect("get-att");
    assert_eq!(
        get_att.3,
        "Fn::GetAtt Chan.StreamKey: AWS::IVS::Channel has no attribute StreamKey; use one of Arn, PlaybackUrl, IngestEndpoint"
    );
}

#[test]
fn invalid_name_gets_the_findings_of_cfn_lint() {
    let (code, found) = lint_json(&sample("invalid-name.json"));
    assert_eq!(code, 1);
    assert!(
        has(&found, "Channel", "Foo", "additional-property"),
        "{found:?}"
    );
    assert!(has(&found, "Channel", "Name", "pattern"), "{found:?}");
}

#[test]
fn invalid_pubkey_yaml_gets_the_findings_of_cfn_lint() {
    let (code, found) = lint_json(&sample("invalid-pubkey.yaml"));
    assert_eq!(code, 1);
    assert!(
        has(&found, "BadPubKey", "PublicKeyMaterial", "pattern"),
        "{found:?}"
    );
}

#[test]
fn valid_samples_have_no_error() {
    for name in ["valid.json", "valid.yaml"] {
        let (code, found) = lint_json(&sample(name));
        assert_eq!(code, 0, "{name}: {found:?}");
        let schema_findings: Vec<_> = found
            .iter()
            .filter(|f| !f.2.starts_with("public-key-"))
            .collect();
        assert!(schema_findings.is_empty(), "{name}: {found:?}");
    }
}

#[test]
fn every_reference_cdk_template_is_clean_but_for_the_aws_tag_warning() {
    let mut templates = Vec::new();
    for case in std::fs::read_dir(shared().join("cdk-out")).expect("cdk-out") {
        let case = case.expect("entry").path();
        if let Ok(files) = std::fs::read_dir(&case) {
            for f in files {
                let p = f.expect("entry").path();
                if p.to_string_lossy().ends_with(".template.json") {
                    templates.push(p);
                }
            }
        }
    }
    assert!(templates.len() >= 10);
    let mut args = vec!["--format".to_owned(), "json".to_owned()];
    args.extend(templates.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = lint(&args);
    assert_eq!(out.status.code(), Some(0));
    let doc: Json = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["errors"], 0);
    let rules: Vec<&str> = doc["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| f["findings"].as_array().expect("findings").iter())
        .map(|f| f["rule"].as_str().unwrap_or(""))
        .collect();
    assert!(!rules.is_empty());
    assert!(rules.iter().all(|r| *r == "tag-aws-prefix"), "{rules:?}");
}

#[test]
fn yaml_short_form_tags_are_read_as_intrinsics() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("sam.yaml");
    std::fs::write(
        &path,
        "Transform: AWS::Serverless-2016-10-31\n\
         Parameters:\n  Env:\n    Type: String\n\
         Conditions:\n  IsProd: !Equals [!Ref Env, prod]\n\
         Resources:\n\
         \x20 Chan:\n    Type: AWS::IVS::Channel\n    Properties:\n\
         \x20     Name: !Sub '${AWS::StackName}-channel'\n\
         \x20     LatencyMode: !If [IsProd, LOW, NORMAL]\n\
         \x20     RecordingConfigurationArn: !GetAtt Rec.Arn\n\
         \x20 Key:\n    Type: AWS::IVS::StreamKey\n    Properties:\n      ChannelArn: !Ref Chan\n\
         \x20 Rec:\n    Type: AWS::IVS::RecordingConfiguration\n    Properties:\n\
         \x20     DestinationConfiguration:\n        S3:\n          BucketName: !Ref Bucket\n\
         \x20 Bucket:\n    Type: AWS::S3::Bucket\n\
         Outputs:\n\
         \x20 Url:\n    Value: !GetAtt Chan.PlaybackUrl\n\
         \x20 Bad:\n    Value: !GetAtt Chan.StreamKey\n\
         \x20 BadSub:\n    Value: !Sub 'rtmps://${Chan.Endpoint}/app'\n",
    )
    .expect("write");
    let (code, found) = lint_json(&path);
    assert_eq!(code, 1, "{found:?}");
    let ids: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(ids, ["Bad", "BadSub"], "{found:?}");
    assert!(found.iter().all(|f| f.2 == "get-att"));
}

#[test]
fn text_output_names_the_resource_property_rule_and_fix() {
    let out = lint(&[sample("invalid-name.json").to_str().expect("UTF-8")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("error[pattern] Channel (AWS::IVS::Channel) Name: Name 'bad name!' does not match ^[a-zA-Z0-9-_]*$: use only letters, digits, '-' and '_'"),
        "{text}"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 errors, 0 warnings in 1 template"), "{err}");
}

#[test]
fn unreadable_input_exits_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{ \"Resources\": ").expect("write");
    let not_template = dir.path().join("list.yaml");
    std::fs::write(&not_template, "- a\n- b\n").expect("write");
    let missing = dir.path().join("missing.yaml");
    for path in [&broken, &not_template, &missing] {
        let out = lint(&[path.to_str().expect("UTF-8")]);
        assert_eq!(out.status.code(), Some(2), "{}", path.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("cannot read"), "{err}");
    }
    // One unreadable file among good ones still exits 2, after checking the others.
    let out = lint(&[
        sample("valid.json").to_str().expect("UTF-8"),
        broken.to_str().expect("UTF-8"),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn strict_fails_on_warnings() {
    let path = shared().join("cdk-out/outputs-and-tags/IvsOutputsAndTags.template.json");
    let path = path.to_str().expect("UTF-8");
    assert_eq!(lint(&[path]).status.code(), Some(0));
    assert_eq!(lint(&["--strict", path]).status.code(), Some(1));
}

#[test]
fn the_ivs_rules_beyond_the_schemas_run_too() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("rules.json");
    let template = serde_json::json!({
        "Resources": {
            "Key": { "Type": "AWS::IVS::PlaybackKeyPair", "Properties": {
                "PublicKeyMaterial": "-----BEGIN EC PRIVATE KEY-----\nMIGkAgEBBDA=\n-----END EC PRIVATE KEY-----\n" } },
            "Chan": { "Type": "AWS::IVS::Channel", "Properties": {
                "Type": "BASIC", "Preset": "HIGHER_BANDWIDTH_DELIVERY",
                "MultitrackInputConfiguration": { "Enabled": true, "Policy": "ALLOW" } } },
            "Rec": { "Type": "AWS::IVS::RecordingConfiguration", "Properties": {
                "DestinationConfiguration": { "S3": { "BucketName": "my-bucket" } },
                "RenditionConfiguration": { "RenditionSelection": "CUSTOM", "Renditions": [] } } }
        }
    });
    std::fs::write(&path, template.to_string()).expect("write");
    let (code, found) = lint_json(&path);
    assert_eq!(code, 1);
    assert!(
        has(&found, "Key", "PublicKeyMaterial", "public-key-private-key"),
        "{found:?}"
    );
    assert!(
        has(&found, "Chan", "Preset", "preset-without-advanced-type"),
        "{found:?}"
    );
    assert!(has(&found, "Chan", "Type", "multitrack-type"), "{found:?}");
    assert!(
        has(
            &found,
            "Chan",
            "ContainerFormat",
            "multitrack-container-format"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "Chan",
            "MultitrackInputConfiguration.MaximumResolution",
            "multitrack-required"
        ),
        "{found:?}"
    );
    assert!(
        has(
            &found,
            "Rec",
            "RenditionConfiguration.Renditions",
            "custom-renditions-empty"
        ),
        "{found:?}"
    );
    let key = found.iter().find(|f| f.0 == "Key").expect("key finding");
    assert!(
        !key.3.contains("MIGkAgEBBDA"),
        "the private key is never echoed: {}",
        key.3
    );
}

#[test]
fn lint_never_prints_any_part_of_a_private_key() {
    let key = "-----BEGIN EC PRIVATE KEY-----\nMIGkAgEBBDBi/blbTeB8plO0IkZI8SECRETSECRETSECRETSECRETSECRETSECRETSECRET\n-----END EC PRIVATE KEY-----\n";
    let template = serde_json::json!({
        "Resources": {
            "Channel": { "Type": "AWS::IVS::Channel", "Properties": {
                "Name": key,
                "Tags": [{ "Key": "k", "Value": key }]
            } },
            "Pair": { "Type": "AWS::IVS::PlaybackKeyPair", "Properties": { "PublicKeyMaterial": key } }
        }
    });
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("t.json");
    std::fs::write(&path, template.to_string()).expect("write");
    for format in ["text", "json"] {
        let out = lint(&["--format", format, path.to_str().expect("UTF-8")]);
        assert_eq!(out.status.code(), Some(1));
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("MIGkAgEB"), "{format}: {all}");
        assert!(!all.contains("SECRET"), "{format}: {all}");
    }
}
