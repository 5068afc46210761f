//! Secrets stay secret: a stream key value or a private key placed in an output earns a
//! warning that says why and what to do instead, and no `Debug` output or error message
//! repeats a private key.

use ivs_cdk::{
    App, AppProps, CfnOutput, CfnOutputProps, Channel, ChannelProps, Fn, PlaybackKeyPair,
    PlaybackKeyPairProps, Problem, Severity, Stack, StreamKey, StreamKeyProps, Tags, Value,
};

/// Throwaway keys made for these tests (`openssl ecparam -name secp384r1 -genkey`).
const PKCS8_PRIVATE_KEY: &str = "-----BEGIN PRIVATE KEY-----
MIG2AgEAMBAGByqGSM49AgEGBSuBBAAiBIGeMIGbAgEBBDApfyeAv19KnlZtALJZ
N1/Hf2DpsIGtfv8AK6dkcVm0HxcPKLDmhWb4Y+1BJEOs0bChZANiAAS59iI3LlOr
wX+HE7UBkulHJi+vvyrfj/MrMVXcQL3crnIx1kuN9UwOTQksXESizh0PA143R6LX
lyx87hwlPkU/RQnHGqugcZXfhLdSKeT6Md2c35pHo4T1ABV+g3T/hws=
-----END PRIVATE KEY-----
";
const SEC1_PRIVATE_KEY: &str = "-----BEGIN EC PRIVATE KEY-----
MIGkAgEBBDDob9OlKw2lnr+A8x6pyLuSRuH5fRt8rkYN/g8kzUtH7cTrsS1L5/X1
bqFO58djfjKgBwYFK4EEACKhZANiAASEo8Y1/tth4pYeR5n0Cmuv2YGi/ZrD85Jd
PsG3kvSq9iFHR6F+fBPhRcWcXaqPJzVXMKVDEwNawZQ3kODXLDlI8j1SKGkdO0I8
U8SEOzG51anHJzvXAPoEPKcDJBnzi3g=
-----END EC PRIVATE KEY-----
";

/// Pieces of the private keys that must never appear in a message.
fn secret_fragments() -> Vec<&'static str> {
    [PKCS8_PRIVATE_KEY, SEC1_PRIVATE_KEY]
        .iter()
        .flat_map(|k| k.lines().filter(|l| !l.starts_with("-----")))
        .collect()
}

#[track_caller]
fn assert_no_secret(text: &str) {
    for f in secret_fragments() {
        assert!(!text.contains(f), "a private key leaked into:\n{text}");
    }
}

fn app() -> App {
    App::with_props(AppProps {
        outdir: Some("/nonexistent/never-written".into()),
        ..Default::default()
    })
}

fn output(stack: &Stack, id: &str, value: Value) {
    CfnOutput::new(
        stack,
        id,
        CfnOutputProps {
            value: Some(value),
            ..Default::default()
        },
    );
}

fn secret_warnings(app: &App) -> Vec<Problem> {
    let rendered = app.synth_in_memory().expect("synthesizes");
    rendered
        .warnings
        .into_iter()
        .filter(|w| w.rule == "secret-in-output")
        .collect()
}

#[test]
fn a_stream_key_value_in_an_output_is_a_warning_that_says_what_to_do() {
    let app = app();
    let stack = Stack::new(&app, "Video");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let key = channel.add_stream_key("StreamKey");
    output(&stack, "StreamKeyValue", key.stream_key_value());
    let w = secret_warnings(&app);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].severity, Severity::Warning);
    assert_eq!(w[0].path, "Video/StreamKeyValue");
    assert_eq!(w[0].property.as_deref(), Some("Value"));
    assert_eq!(
        w[0].message,
        "the output 'Video/StreamKeyValue' holds the value of the stream key 'Video/Channel/StreamKey', a secret: anyone who may read the stack's outputs (cloudformation:DescribeStacks) can stream to the channel; export the stream key's ARN instead and read the value at run time with ivs:GetStreamKey, or keep it in AWS Secrets Manager"
    );
}

#[test]
fn the_warning_lands_in_the_stack_metadata_for_the_cdk_cli() {
    let app = app();
    let stack = Stack::new(&app, "Video");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let key = channel.add_stream_key("StreamKey");
    output(&stack, "StreamKeyValue", key.stream_key_value());
    let rendered = app.synth_in_memory().unwrap();
    let metadata: serde_json::Value = serde_json::from_str(&rendered.stacks[0].metadata).unwrap();
    let entries = metadata["/Video/StreamKeyValue"].as_array().unwrap();
    assert!(
        entries.iter().any(|e| e["type"] == "aws:cdk:warning"
            && e["data"].as_str().unwrap().contains("ivs:GetStreamKey")),
        "{entries:?}"
    );
}

#[test]
fn a_stream_key_value_inside_an_intrinsic_is_a_warning_too() {
    let app = app();
    let stack = Stack::new(&app, "Video");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let key = StreamKey::new(&stack, "Key", StreamKeyProps { channel: &channel });
    output(
        &stack,
        "IngestUrl",
        Value::concat([
            "rtmps://".into(),
            channel.channel_ingest_endpoint(),
            ":443/app/".into(),
            key.stream_key_value(),
        ]),
    );
    output(
        &stack,
        "Selected",
        Fn::select(0, Fn::split(",", key.stream_key_value())),
    );
    let w = secret_warnings(&app);
    let paths: Vec<&str> = w.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["Video/IngestUrl", "Video/Selected"]);
    assert!(
        w[0].message.contains("stream key 'Video/Key'"),
        "{}",
        w[0].message
    );
}

#[test]
fn a_stream_key_value_exported_to_another_stack_is_a_warning() {
    let app = app();
    let producer = Stack::new(&app, "Producer");
    let channel = Channel::new(&producer, "Channel", ChannelProps::default());
    let key = channel.add_stream_key("StreamKey");
    let consumer = Stack::new(&app, "Consumer");
    output(&consumer, "Key", key.stream_key_value());
    let w = secret_warnings(&app);
    assert!(w.iter().any(|p| p.path == "Consumer/Key"), "{w:?}");
}

#[test]
fn the_stream_key_arn_and_other_attributes_are_not_secret() {
    let app = app();
    let stack = Stack::new(&app, "Video");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let key = channel.add_stream_key("StreamKey");
    output(&stack, "Arn", key.stream_key_arn());
    output(&stack, "ChannelArn", channel.channel_arn());
    output(&stack, "Url", channel.channel_playback_url());
    output(&stack, "Ingest", channel.channel_ingest_endpoint());
    assert_eq!(secret_warnings(&app), []);
}

#[test]
fn a_private_key_in_an_output_is_a_warning_that_does_not_repeat_it() {
    let app = app();
    let stack = Stack::new(&app, "Video");
    output(&stack, "Key", PKCS8_PRIVATE_KEY.into());
    output(
        &stack,
        "Nested",
        Value::concat([Value::from(SEC1_PRIVATE_KEY), Fn::ref_name("AWS::Region")]),
    );
    let w = secret_warnings(&app);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w[0].message.contains("holds a private key"),
        "{}",
        w[0].message
    );
    for p in &w {
        assert_no_secret(&p.to_string());
        assert_no_secret(&format!("{p:?}"));
    }
}

#[test]
fn a_private_key_pasted_as_the_public_key_is_refused_without_repeating_it() {
    for pem in [PKCS8_PRIVATE_KEY, SEC1_PRIVATE_KEY] {
        let app = app();
        let stack = Stack::new(&app, "Video");
        let props = PlaybackKeyPairProps {
            public_key_material: pem.into(),
            ..Default::default()
        };
        assert_no_secret(&format!("{props:?}"));
        let pair = PlaybackKeyPair::new(&stack, "KeyPair", props);
        assert_no_secret(&format!("{pair:?}"));
        let err = app
            .synth_in_memory()
            .expect_err("a private key is not a public key");
        let text = err.to_string();
        assert!(text.contains("Video/KeyPair"), "{text}");
        assert_no_secret(&text);
        assert_no_secret(&format!("{err:?}"));
        for p in err.problems() {
            assert_no_secret(&p.message);
        }
    }
}

#[test]
fn a_private_key_in_any_string_property_never_reaches_a_message() {
    let app = app();
    let stack = Stack::new(&app, "Video");
    let channel = Channel::new(
        &stack,
        "Channel",
        ChannelProps {
            channel_name: Some(PKCS8_PRIVATE_KEY.into()),
            ..Default::default()
        },
    );
    Tags::of(&channel).add(SEC1_PRIVATE_KEY, PKCS8_PRIVATE_KEY);
    PlaybackKeyPair::new(
        &stack,
        "KeyPair",
        PlaybackKeyPairProps {
            public_key_material: SEC1_PRIVATE_KEY.into(),
            playback_key_pair_name: Some(PKCS8_PRIVATE_KEY.into()),
        },
    );
    assert_no_secret(&format!("{channel:?}"));
    assert_no_secret(&format!("{:?}", Value::from(PKCS8_PRIVATE_KEY)));
    let err = app.synth_in_memory().expect_err("invalid names");
    assert!(!err.problems().is_empty());
    assert_no_secret(&err.to_string());
    assert_no_secret(&format!("{err:?}"));
}
