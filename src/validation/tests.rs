use std::path::PathBuf;

use indexmap::IndexMap;

use super::*;
use crate::cfn::{
    CfnChannelProps, CfnRecordingConfigurationProps, CfnStreamKeyProps,
    DestinationConfigurationProperty, S3DestinationConfigurationProperty,
};
use crate::{App, CfnProps, CfnTag, Finding, Findings, Fn, Severity, Stack, Value};

fn findings_of(props: &dyn CfnProps) -> Vec<Finding> {
    let mut f = Findings::new();
    props.validate(&mut f);
    f.into_items()
}

fn messages(found: &[Finding]) -> Vec<String> {
    found.iter().map(|f| f.message.clone()).collect()
}

fn every_schema(schema: &'static Schema, seen: &mut Vec<*const Schema>, out: &mut Vec<Pattern>) {
    if seen.contains(&(schema as *const Schema)) {
        return;
    }
    seen.push(schema);
    out.extend(schema.pattern);
    if let Some(items) = schema.items {
        every_schema(items, seen, out);
    }
    for p in schema.properties {
        every_schema(p.schema, seen, out);
    }
}

#[test]
fn every_schema_pattern_compiles_with_the_regex_crate() {
    let mut patterns = Vec::new();
    let mut seen = Vec::new();
    for s in crate::cfn::SCHEMAS {
        every_schema(s.properties, &mut seen, &mut patterns);
    }
    assert!(patterns.len() > 20);
    for p in patterns {
        assert!(
            regex::Regex::new(p.regex).is_ok(),
            "{} (from {}) does not compile",
            p.regex,
            p.source
        );
    }
}

#[test]
fn a_bad_channel_name_is_reported_with_the_pattern_and_a_fix() {
    let props = CfnChannelProps {
        name: Some("bad name!".into()),
        ..Default::default()
    };
    let found = findings_of(&props);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, "pattern");
    assert_eq!(found[0].property.as_deref(), Some("Name"));
    assert_eq!(
        found[0].message,
        "Name 'bad name!' does not match ^[a-zA-Z0-9-_]*$: use only letters, digits, '-' and '_'"
    );
}

#[test]
fn an_unknown_latency_mode_lists_the_allowed_values() {
    let props = CfnChannelProps {
        latency_mode: Some("ULTRA".into()),
        ..Default::default()
    };
    assert_eq!(
        messages(&findings_of(&props)),
        ["LatencyMode 'ULTRA' is not one of LOW, NORMAL"]
    );
}

#[test]
fn generated_enums_render_their_cloudformation_values() {
    use crate::cfn::ivs_channel::{ChannelType, LatencyMode, Preset};
    assert_eq!(Value::from(LatencyMode::Normal), Value::from("NORMAL"));
    assert_eq!(ChannelType::AdvancedHd.as_str(), "ADVANCED_HD");
    assert_eq!(Preset::Empty.as_str(), "");
    let props = CfnChannelProps {
        latency_mode: Some(LatencyMode::Low.into()),
        r#type: Some(ChannelType::Basic.into()),
        ..Default::default()
    };
    assert!(findings_of(&props).is_empty());
}

#[test]
fn intrinsics_are_accepted_where_a_literal_is_checked() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let channel = crate::cfn::CfnChannel::new(&stack, "C", CfnChannelProps::default());
    let props = CfnStreamKeyProps {
        channel_arn: Some(channel.attr_arn()),
        ..Default::default()
    };
    assert!(findings_of(&props).is_empty());
    let props = CfnChannelProps {
        name: Some(Fn::join(
            "-",
            ["bad name!".into(), Fn::ref_name("AWS::StackName")],
        )),
        recording_configuration_arn: Some(Fn::import_value("RecordingArn")),
        ..Default::default()
    };
    assert!(findings_of(&props).is_empty());
}

#[test]
fn a_missing_required_property_is_reported() {
    let found = findings_of(&CfnStreamKeyProps::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, "required");
    assert_eq!(
        found[0].message,
        "ChannelArn is required but not set: set it"
    );
}

#[test]
fn nested_properties_are_checked_with_their_path() {
    let props = CfnRecordingConfigurationProps {
        destination_configuration: Some(DestinationConfigurationProperty {
            s3: Some(S3DestinationConfigurationProperty {
                bucket_name: Some("AB".into()),
            }),
        }),
        recording_reconnect_window_seconds: Some(301.into()),
        ..Default::default()
    };
    let found = findings_of(&props);
    let rules: Vec<(&str, Option<&str>)> = found
        .iter()
        .map(|f| (f.rule.as_str(), f.property.as_deref()))
        .collect();
    assert_eq!(
        rules,
        [
            ("min-length", Some("DestinationConfiguration.S3.BucketName")),
            ("pattern", Some("DestinationConfiguration.S3.BucketName")),
            ("maximum", Some("RecordingReconnectWindowSeconds")),
        ]
    );
    assert_eq!(
        found[2].message,
        "RecordingReconnectWindowSeconds 301 is greater than the maximum of 300: use 0 to 300"
    );
    assert_eq!(
        found[0].message,
        "DestinationConfiguration.S3.BucketName 'AB' is shorter than 3 characters: use 3 to 63 characters"
    );
}

#[test]
fn tags_are_checked_and_an_aws_prefix_is_only_a_warning() {
    let props = CfnChannelProps {
        tags: Some(vec![
            CfnTag::new("aws:cdk:owner", "me"),
            CfnTag::new("", "x"),
        ]),
        ..Default::default()
    };
    let found = findings_of(&props);
    let summary: Vec<(Severity, &str, Option<&str>)> = found
        .iter()
        .map(|f| (f.severity, f.rule.as_str(), f.property.as_deref()))
        .collect();
    assert_eq!(
        summary,
        [
            (Severity::Error, "min-length", Some("Tags[1].Key")),
            (Severity::Warning, "tag-aws-prefix", Some("Tags")),
        ]
    );
}

#[test]
fn unset_properties_render_as_null_in_ascii_order() {
    let rendered = CfnChannelProps::default().render();
    let keys: Vec<&str> = rendered.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "Authorized",
            "ContainerFormat",
            "InsecureIngest",
            "LatencyMode",
            "MultitrackInputConfiguration",
            "Name",
            "Preset",
            "RecordingConfigurationArn",
            "Tags",
            "Type"
        ]
    );
    assert!(rendered.values().all(|v| *v == Value::Null));
    let bucket = crate::cfn::CfnBucketProps::default().render();
    assert!(bucket.len() > 20 && bucket.values().all(|v| *v == Value::Null));
}

#[test]
fn lists_are_checked_for_counts_and_duplicates() {
    use crate::cfn::ivs_recording_configuration::RenditionConfigurationProperty;
    let props = CfnRecordingConfigurationProps {
        destination_configuration: Some(DestinationConfigurationProperty {
            s3: Some(S3DestinationConfigurationProperty {
                bucket_name: Some("my-bucket".into()),
            }),
        }),
        rendition_configuration: Some(RenditionConfigurationProperty {
            rendition_selection: Some("CUSTOM".into()),
            renditions: Some(Value::from(vec!["HD", "SD", "HD", "SD", "FULL_HD"])),
        }),
        ..Default::default()
    };
    let found = findings_of(&props);
    let rules: Vec<&str> = found.iter().map(|f| f.rule.as_str()).collect();
    assert_eq!(rules, ["max-items", "unique-items", "unique-items"]);
    assert_eq!(
        found[1].message,
        "RenditionConfiguration.Renditions[2] 'HD' repeats RenditionConfiguration.Renditions[0]: list each item once"
    );
}

#[test]
fn type_errors_accept_what_cloudformation_converts() {
    let mut m = IndexMap::new();
    m.insert("Authorized".to_owned(), Value::from("true"));
    m.insert("InsecureIngest".to_owned(), Value::from("maybe"));
    let mut f = Findings::new();
    validate_resource(&crate::cfn::ivs_channel::SCHEMA, &Value::Map(m), &mut f);
    assert_eq!(
        messages(f.items()),
        ["InsecureIngest 'maybe' is not of type boolean: use true or false"]
    );
}

fn reference_templates() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/cdk-out");
    let mut out = Vec::new();
    for case in std::fs::read_dir(&dir).expect("reference cdk-out exists") {
        let case = case.expect("readable").path();
        let Ok(files) = std::fs::read_dir(&case) else {
            continue;
        };
        for file in files {
            let path = file.expect("readable").path();
            if path.to_string_lossy().ends_with(".template.json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_reference_template_of_the_cdk_is_clean() {
    let templates = reference_templates();
    assert!(templates.len() >= 10);
    let mut warnings = 0;
    for path in templates {
        let text = std::fs::read_to_string(&path).expect("readable");
        let template: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let found = lint_template(&template).expect("a template");
        for f in &found {
            assert!(
                f.severity == Severity::Warning && f.rule == "tag-aws-prefix",
                "{}: {f:?}",
                path.display()
            );
            warnings += 1;
        }
    }
    assert!(
        warnings >= 1,
        "the aws: tag of outputs-and-tags is reported"
    );
}
