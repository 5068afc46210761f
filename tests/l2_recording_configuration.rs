//! `RecordingConfiguration`: the CDK's tests (recording-configuration.test.ts) and the
//! non-empty CUSTOM rendition list.

use std::time::Duration;

use ivs_cdk::*;
use serde_json::{json, Value as Json};

fn setup() -> (App, Stack, Bucket) {
    let app = App::new();
    let stack = Stack::new(&app, "TestStack");
    let bucket = Bucket::new(&stack, "Bucket", BucketProps::default());
    (app, stack, bucket)
}

fn props<'a>(bucket: &'a Bucket) -> RecordingConfigurationProps<'a> {
    RecordingConfigurationProps {
        bucket,
        recording_configuration_name: None,
        recording_reconnect_window: None,
        rendition_configuration: None,
        thumbnail_configuration: None,
    }
}

fn rendered(app: &App) -> Json {
    let t: Json = serde_json::from_str(&app.synth_in_memory().unwrap().stacks[0].template).unwrap();
    t["Resources"]["MyRecordingConfigurationD477D8C6"]["Properties"].clone()
}

fn message(app: &App) -> String {
    let p = app.synth_in_memory().unwrap_err().problems().to_vec();
    assert_eq!(p.len(), 1, "{p:#?}");
    p[0].message.clone()
}

#[test]
fn custom_renditions_render_in_order() {
    let (app, stack, bucket) = setup();
    RecordingConfiguration::new(
        &stack,
        "MyRecordingConfiguration",
        RecordingConfigurationProps {
            rendition_configuration: Some(RenditionConfiguration::custom(
                Resolution::Hd,
                [Resolution::Sd],
            )),
            ..props(&bucket)
        },
    );
    assert_eq!(
        rendered(&app)["RenditionConfiguration"],
        json!({"RenditionSelection": "CUSTOM", "Renditions": ["HD", "SD"]})
    );
}

#[test]
fn all_and_none_renditions() {
    for (r, wire) in [
        (RenditionConfiguration::all(), "ALL"),
        (RenditionConfiguration::none(), "NONE"),
    ] {
        let (app, stack, bucket) = setup();
        RecordingConfiguration::new(
            &stack,
            "MyRecordingConfiguration",
            RecordingConfigurationProps {
                rendition_configuration: Some(r),
                ..props(&bucket)
            },
        );
        assert_eq!(
            rendered(&app)["RenditionConfiguration"],
            json!({"RenditionSelection": wire})
        );
    }
}

#[test]
fn thumbnails_and_window_render_as_seconds() {
    let (app, stack, bucket) = setup();
    RecordingConfiguration::new(
        &stack,
        "MyRecordingConfiguration",
        RecordingConfigurationProps {
            recording_configuration_name: Some("my-recording-configuration".into()),
            recording_reconnect_window: Some(Duration::from_secs(30)),
            thumbnail_configuration: Some(ThumbnailConfiguration::Interval {
                resolution: Some(Resolution::Hd),
                storage: Some(vec![Storage::Latest, Storage::Sequential]),
                target_interval: Some(Duration::from_secs(30)),
            }),
            ..props(&bucket)
        },
    );
    assert_eq!(
        rendered(&app),
        json!({
            "DestinationConfiguration": {"S3": {"BucketName": {"Ref": "Bucket83908E77"}}},
            "Name": "my-recording-configuration",
            "RecordingReconnectWindowSeconds": 30,
            "ThumbnailConfiguration": {"RecordingMode": "INTERVAL", "Resolution": "HD", "Storage": ["LATEST", "SEQUENTIAL"], "TargetIntervalSeconds": 30}
        })
    );
}

#[test]
fn the_cdk_validation_messages() {
    let check = |f: &dyn std::ops::Fn(&Bucket) -> RecordingConfigurationProps<'_>,
                 expected: &str| {
        let (app, stack, bucket) = setup();
        RecordingConfiguration::new(&stack, "MyRecordingConfiguration", f(&bucket));
        assert_eq!(message(&app), expected);
    };
    check(&|b| RecordingConfigurationProps { recording_configuration_name: Some("invalid name".into()), ..props(b) },
        "recordingConfigurationName must consist only of alphanumeric characters, hyphens or underbars, got: 'invalid name'.");
    check(&|b| RecordingConfigurationProps { recording_configuration_name: Some("a".repeat(129).into()), ..props(b) },
        "recordingConfigurationName must be less than or equal to 128 characters, got: 129 characters.");
    check(
        &|b| RecordingConfigurationProps {
            recording_reconnect_window: Some(Duration::from_millis(1)),
            ..props(b)
        },
        "recordingReconnectWindow must be between 0 and 300 seconds, got 1 milliseconds.",
    );
    check(
        &|b| RecordingConfigurationProps {
            recording_reconnect_window: Some(Duration::from_secs(301)),
            ..props(b)
        },
        "recordingReconnectWindow must be between 0 and 300 seconds, got 301 seconds.",
    );
    let interval = |d| {
        Some(ThumbnailConfiguration::Interval {
            resolution: None,
            storage: None,
            target_interval: Some(d),
        })
    };
    check(
        &|b| RecordingConfigurationProps {
            thumbnail_configuration: interval(Duration::from_millis(1)),
            ..props(b)
        },
        "targetInterval must be between 1 and 60 seconds, got 1 milliseconds.",
    );
    check(
        &|b| RecordingConfigurationProps {
            thumbnail_configuration: interval(Duration::from_secs(61)),
            ..props(b)
        },
        "targetInterval must be between 1 and 60 seconds, got 61 seconds.",
    );
}

#[test]
fn imports_by_id_and_by_arn() {
    let (app, stack, _) = setup();
    let by_arn = RecordingConfiguration::from_arn(
        &stack,
        "A",
        "arn:aws:ivs:us-east-1:012345678912:recording-configuration/my-record-configuration",
    );
    assert_eq!(
        by_arn.recording_configuration_id(),
        Value::from("my-record-configuration")
    );
    RecordingConfiguration::from_arn(
        &stack,
        "Bad",
        "arn:aws:ivs:us-east-1:012345678912:channel/x",
    );
    RecordingConfiguration::from_arn(&stack, "NoSlash", "carrot");
    let p = app.synth_in_memory().unwrap_err().problems().to_vec();
    let got: Vec<(&str, &str)> = p
        .iter()
        .map(|p| (p.rule.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "recording-configuration-arn-resource",
                "Invalid resource, expected 'recording-configuration', got 'channel'"
            ),
            (
                "recording-configuration-arn",
                "Unexpected ARN format: carrot"
            ),
        ]
    );
}

#[test]
fn recording_into_an_existing_bucket() {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    let existing = Bucket::from_bucket_name(&stack, "Archive", "my-video-archive");
    RecordingConfiguration::new(
        &stack,
        "Recording",
        RecordingConfigurationProps {
            bucket: &existing,
            recording_configuration_name: None,
            recording_reconnect_window: None,
            rendition_configuration: None,
            thumbnail_configuration: None,
        },
    );
    let rendered = app.synth_in_memory().unwrap();
    let t: serde_json::Value = serde_json::from_str(&rendered.stacks[0].template).unwrap();
    let rc = t["Resources"].as_object().unwrap().values().next().unwrap();
    assert_eq!(
        rc["Properties"]["DestinationConfiguration"]["S3"]["BucketName"],
        "my-video-archive"
    );

    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    Bucket::from_bucket_name(&stack, "Bad", "Not_A_Bucket");
    let err = app.synth_in_memory().unwrap_err();
    assert_eq!(err.problems()[0].rule, "bucket-name");
    assert_eq!(
        err.problems()[0].message,
        "'Not_A_Bucket' is not an S3 bucket name: use 3 to 63 lowercase letters, digits, '-' and '.'"
    );
}
