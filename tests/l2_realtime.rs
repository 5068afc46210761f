//! `PublicKey`, `EncoderConfiguration` and `IngestConfiguration`.

use ivs_cdk::*;
use serde_json::{json, Value as Json};

const P384: &str = "-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE1HpmU2K7vjP1KdNRGxSJ4Nm4GX1DuU7u
uwr1BT0nmYUb+Vg2vkRFrhgpEcjREv+vBaf3bl1M9VtJziLUlIZEyF2cOkazeQi3
bLV+4h9JHUT+bK4Ai0uH94gLl2TL6MKH
-----END PUBLIC KEY-----
";

fn template(app: &App) -> Json {
    serde_json::from_str(&app.synth_in_memory().unwrap().stacks[0].template).unwrap()
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
fn a_public_key_renders_its_material_and_name() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let key = PublicKey::new(
        &stack,
        "Key",
        PublicKeyProps {
            public_key_material: P384.into(),
            public_key_name: Some("tokens".into()),
        },
    );
    CfnOutput::new(
        &stack,
        "Kid",
        CfnOutputProps {
            value: Some(key.public_key_arn()),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "Fp",
        CfnOutputProps {
            value: Some(key.public_key_fingerprint()),
            ..Default::default()
        },
    );
    let t = template(&app);
    let lid = lid(&t, "Key");
    let lid = lid.as_str();
    assert_eq!(t["Resources"][lid]["Type"], "AWS::IVS::PublicKey");
    assert_eq!(
        t["Resources"][lid]["Properties"],
        json!({"Name": "tokens", "PublicKeyMaterial": P384})
    );
    assert_eq!(
        t["Outputs"]["Kid"]["Value"],
        json!({"Fn::GetAtt": [lid, "Arn"]})
    );
    assert_eq!(
        t["Outputs"]["Fp"]["Value"],
        json!({"Fn::GetAtt": [lid, "Fingerprint"]})
    );
}

#[test]
fn a_public_key_import_checks_the_resource_type() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let k = PublicKey::from_public_key_arn(
        &stack,
        "Ok",
        "arn:aws:ivs:us-west-2:123456789012:public-key/AbCd1234",
    );
    assert_eq!(
        k.public_key_arn(),
        Value::from("arn:aws:ivs:us-west-2:123456789012:public-key/AbCd1234")
    );
    PublicKey::from_public_key_arn(
        &stack,
        "Bad",
        "arn:aws:ivs:us-west-2:123456789012:playback-key/AbCd1234",
    );
    let p = errors(&app);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].rule, "public-key-arn-resource");
    assert_eq!(
        p[0].message,
        "Invalid resource, expected 'public-key', got 'playback-key'"
    );
}

#[test]
fn an_encoder_configuration_renders_its_video() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    EncoderConfiguration::new(
        &stack,
        "Encoder",
        EncoderConfigurationProps {
            encoder_configuration_name: Some("full-hd".into()),
            video: Some(Video {
                width: Some(1920),
                height: Some(1080),
                framerate: Some(29.97),
                bitrate: Some(6_000_000),
            }),
        },
    );
    let t = template(&app);
    let (_, r) = t["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, r)| r["Type"] == "AWS::IVS::EncoderConfiguration")
        .unwrap();
    assert_eq!(
        r["Properties"],
        json!({"Name": "full-hd", "Video": {"Bitrate": 6000000, "Framerate": 29.97, "Height": 1080, "Width": 1920}})
    );
}

#[test]
fn encoder_dimensions_must_be_even_and_at_most_1080p() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    EncoderConfiguration::new(
        &stack,
        "Odd",
        EncoderConfigurationProps {
            video: Some(Video {
                width: Some(1279),
                ..Default::default()
            }),
            ..Default::default()
        },
    );
    EncoderConfiguration::new(
        &stack,
        "Big",
        EncoderConfigurationProps {
            video: Some(Video {
                width: Some(1920),
                height: Some(1920),
                ..Default::default()
            }),
            ..Default::default()
        },
    );
    // Portrait 1080x1920 is allowed.
    EncoderConfiguration::new(
        &stack,
        "Portrait",
        EncoderConfigurationProps {
            video: Some(Video {
                width: Some(1080),
                height: Some(1920),
                ..Default::default()
            }),
            ..Default::default()
        },
    );
    let p = errors(&app);
    let got: Vec<(&str, &str, &str)> = p
        .iter()
        .map(|p| (p.path.as_str(), p.rule.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("S/Odd", "encoder-dimension-odd", "width must be an even number of pixels, got 1279"),
            ("S/Big", "encoder-max-pixels", "a 1920x1920 frame has 3686400 pixels, more than the 2073600 (1920x1080 or 1080x1920) IVS encodes"),
        ]
    );
}

#[test]
fn an_ingest_configuration_publishes_into_a_stage() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let stage = Stage::new(&stack, "Stage", StageProps::default());
    let ingest = IngestConfiguration::new(
        &stack,
        "Ingest",
        IngestConfigurationProps {
            stage: Some(&stage),
            user_id: Some("encoder-1".into()),
            ..Default::default()
        },
    );
    IngestConfiguration::new(
        &stack,
        "Rtmp",
        IngestConfigurationProps {
            ingest_protocol: Some(IngestProtocol::Rtmp),
            ..Default::default()
        },
    );
    for (id, v) in [
        ("Arn", ingest.ingest_configuration_arn()),
        ("Participant", ingest.ingest_configuration_participant_id()),
        ("State", ingest.ingest_configuration_state()),
        ("StreamKey", ingest.ingest_configuration_stream_key()),
    ] {
        CfnOutput::new(
            &stack,
            id,
            CfnOutputProps {
                value: Some(v),
                ..Default::default()
            },
        );
    }
    let t = template(&app);
    let by_type = |ty: &str| -> Vec<Json> {
        t["Resources"]
            .as_object()
            .unwrap()
            .values()
            .filter(|r| r["Type"] == ty)
            .map(|r| r["Properties"].clone())
            .collect()
    };
    assert_eq!(
        by_type("AWS::IVS::IngestConfiguration"),
        vec![
            json!({"StageArn": {"Fn::GetAtt": [lid(&t, "Stage"), "Arn"]}, "UserId": "encoder-1"}),
            json!({"IngestProtocol": "RTMP", "InsecureIngest": true}),
        ]
    );
    assert_eq!(
        t["Outputs"]["StreamKey"]["Value"]["Fn::GetAtt"][1],
        "StreamKey"
    );
    assert_eq!(
        t["Outputs"]["Participant"]["Value"]["Fn::GetAtt"][1],
        "ParticipantId"
    );
    assert_eq!(t["Outputs"]["State"]["Value"]["Fn::GetAtt"][1], "State");
}

#[test]
fn an_ingest_configuration_into_an_imported_stage() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let arn = "arn:aws:ivs:us-west-2:123456789012:stage/AbCdEf123456";
    let stage = Stage::from_stage_arn(&stack, "Stage", arn);
    IngestConfiguration::new(
        &stack,
        "Ingest",
        IngestConfigurationProps {
            stage: Some(&stage),
            ..Default::default()
        },
    );
    IngestConfiguration::from_ingest_configuration_arn(
        &stack,
        "Bad",
        "arn:aws:ivs:us-west-2:123456789012:stage/x",
    );
    let p = errors(&app);
    assert_eq!(p[0].rule, "ingest-configuration-arn-resource");
    assert_eq!(
        p[0].message,
        "Invalid resource, expected 'ingest-configuration', got 'stage'"
    );
}
