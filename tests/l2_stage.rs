//! `Stage` and `StorageConfiguration`: rendering, links, imports and rules.

use std::time::Duration;

use ivs_cdk::*;
use serde_json::{json, Value as Json};

fn template(app: &App) -> Json {
    let out = app.synth_in_memory().unwrap();
    serde_json::from_str(&out.stacks[0].template).unwrap()
}

fn lid(t: &Json, prefix: &str) -> String {
    t["Resources"]
        .as_object()
        .unwrap()
        .keys()
        .find(|k| k.starts_with(prefix) && k.len() == prefix.len() + 8)
        .unwrap_or_else(|| panic!("no {prefix} in {t}"))
        .clone()
}

fn errors(app: &App) -> Vec<Problem> {
    app.synth_in_memory().unwrap_err().problems().to_vec()
}

#[test]
fn a_default_stage_has_no_properties() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    Stage::new(&stack, "Stage", StageProps::default());
    let t = template(&app);
    let stage = &t["Resources"][lid(&t, "Stage")];
    assert_eq!(stage["Type"], "AWS::IVS::Stage");
    assert!(stage.get("Properties").is_none(), "{stage}");
}

#[test]
fn a_stage_records_participants_into_a_storage_configuration_on_a_bucket() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let bucket = Bucket::new(&stack, "Bucket", BucketProps::default());
    let storage = StorageConfiguration::new(
        &stack,
        "Storage",
        StorageConfigurationProps {
            bucket: &bucket,
            storage_configuration_name: Some("recordings".into()),
        },
    );
    Stage::new(
        &stack,
        "Stage",
        StageProps {
            stage_name: Some("town-hall".into()),
            auto_participant_recording: Some(AutoParticipantRecording {
                media_type: Some(ParticipantRecordingMediaType::AudioOnly),
                recording_reconnect_window: Some(Duration::from_secs(30)),
                hls_target_segment_duration: Some(Duration::from_secs(4)),
                thumbnail_configuration: Some(ParticipantThumbnailConfiguration::Interval {
                    storage: Some(vec![Storage::Latest, Storage::Sequential]),
                    target_interval: Some(Duration::from_secs(120)),
                }),
                ..AutoParticipantRecording::to(&storage)
            }),
        },
    );
    let t = template(&app);
    assert_eq!(
        t["Resources"][lid(&t, "Storage")]["Properties"],
        json!({"Name": "recordings", "S3": {"BucketName": {"Ref": "Bucket83908E77"}}})
    );
    assert_eq!(
        t["Resources"][lid(&t, "Stage")]["Properties"],
        json!({
            "AutoParticipantRecordingConfiguration": {
                "HlsConfiguration": {"ParticipantRecordingHlsConfiguration": {"TargetSegmentDurationSeconds": 4}},
                "MediaTypes": ["AUDIO_ONLY"],
                "RecordingReconnectWindowSeconds": 30,
                "StorageConfigurationArn": {"Fn::GetAtt": [lid(&t, "Storage"), "Arn"]},
                "ThumbnailConfiguration": {"ParticipantThumbnailConfiguration": {
                    "RecordingMode": "INTERVAL",
                    "Storage": ["LATEST", "SEQUENTIAL"],
                    "TargetIntervalSeconds": 120
                }}
            },
            "Name": "town-hall"
        })
    );
}

#[test]
fn an_imported_storage_configuration_is_used_as_given() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let arn = "arn:aws:ivs:us-west-2:123456789012:storage-configuration/AbCdEf123456";
    let storage = StorageConfiguration::from_storage_configuration_arn(&stack, "Imported", arn);
    Stage::new(
        &stack,
        "Stage",
        StageProps {
            auto_participant_recording: Some(AutoParticipantRecording::to(&storage)),
            ..Default::default()
        },
    );
    let t = template(&app);
    assert_eq!(
        t["Resources"][lid(&t, "Stage")]["Properties"]["AutoParticipantRecordingConfiguration"],
        json!({"StorageConfigurationArn": arn})
    );
}

#[test]
fn stage_attributes_are_getatts() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let stage = Stage::new(&stack, "Stage", StageProps::default());
    CfnOutput::new(
        &stack,
        "Arn",
        CfnOutputProps {
            value: Some(stage.stage_arn()),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "Session",
        CfnOutputProps {
            value: Some(stage.stage_active_session_id()),
            ..Default::default()
        },
    );
    let t = template(&app);
    assert_eq!(
        t["Outputs"]["Arn"]["Value"],
        json!({"Fn::GetAtt": [lid(&t, "Stage"), "Arn"]})
    );
    assert_eq!(
        t["Outputs"]["Session"]["Value"],
        json!({"Fn::GetAtt": [lid(&t, "Stage"), "ActiveSessionId"]})
    );
}

#[test]
fn stage_durations_out_of_range_are_errors() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let storage = StorageConfiguration::from_storage_configuration_arn(
        &stack,
        "Storage",
        "arn:aws:ivs:us-west-2:123456789012:storage-configuration/AbCdEf123456",
    );
    Stage::new(
        &stack,
        "Stage",
        StageProps {
            auto_participant_recording: Some(AutoParticipantRecording {
                recording_reconnect_window: Some(Duration::from_secs(301)),
                hls_target_segment_duration: Some(Duration::from_secs(11)),
                thumbnail_configuration: Some(ParticipantThumbnailConfiguration::Interval {
                    storage: None,
                    target_interval: Some(Duration::from_millis(1500)),
                }),
                ..AutoParticipantRecording::to(&storage)
            }),
            ..Default::default()
        },
    );
    let p = errors(&app);
    let messages: Vec<(&str, &str)> = p
        .iter()
        .map(|p| (p.rule.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        messages,
        vec![
            (
                "reconnect-window-range",
                "recordingReconnectWindow must be between 0 and 300 seconds, got 301 seconds."
            ),
            (
                "hls-segment-duration-range",
                "hlsTargetSegmentDuration must be between 2 and 10 seconds, got 11 seconds."
            ),
            (
                "duration-whole-seconds",
                "'1500 millis' cannot be converted into a whole number of seconds."
            ),
        ]
    );
    assert_eq!(
        p[0].property.as_deref(),
        Some("AutoParticipantRecordingConfiguration.RecordingReconnectWindowSeconds")
    );
}

#[test]
fn stage_imports_check_service_and_resource() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let ok = Stage::from_stage_arn(
        &stack,
        "Ok",
        "arn:aws:ivs:us-west-2:123456789012:stage/AbCdEf123456",
    );
    assert_eq!(
        ok.stage_arn(),
        Value::from("arn:aws:ivs:us-west-2:123456789012:stage/AbCdEf123456")
    );
    Stage::from_stage_arn(
        &stack,
        "Service",
        "arn:aws:ec2:us-west-2:123456789012:stage/x",
    );
    Stage::from_stage_arn(
        &stack,
        "Resource",
        "arn:aws:ivs:us-west-2:123456789012:channel/x",
    );
    Stage::from_stage_arn(&stack, "Garbage", "a carrot");
    StorageConfiguration::from_storage_configuration_arn(
        &stack,
        "Storage",
        "arn:aws:ivs:us-west-2:1:stage/x",
    );
    let p = errors(&app);
    let got: Vec<(&str, &str, &str)> = p
        .iter()
        .map(|p| (p.path.as_str(), p.rule.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "S/Service",
                "stage-arn-service",
                "Invalid service, expected 'ivs', got 'ec2'"
            ),
            (
                "S/Resource",
                "stage-arn-resource",
                "Invalid resource, expected 'stage', got 'channel'"
            ),
            (
                "S/Garbage",
                "stage-arn",
                "ARNs must start with \"arn:\" and have at least 6 components: a carrot"
            ),
            (
                "S/Storage",
                "storage-configuration-arn-resource",
                "Invalid resource, expected 'storage-configuration', got 'stage'"
            ),
        ]
    );
}

#[test]
fn stage_name_must_match_the_pattern() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    Stage::new(
        &stack,
        "Stage",
        StageProps {
            stage_name: Some("town hall".into()),
            ..Default::default()
        },
    );
    let p = errors(&app);
    assert_eq!(p[0].rule, "name-pattern");
    assert_eq!(
        p[0].message,
        "stageName must contain only numbers, letters, hyphens and underscores, got: 'town hall'"
    );
}
