//! A value of one stack used in another becomes an export and an `Fn::ImportValue`,
//! with a manifest dependency: compared with what the real CDK wrote for the
//! reference CLI app (`../shared/reference/cdk-out/cli/`), minus the `CDKMetadata`
//! telemetry resource, which this library never writes.

use std::path::Path;

use ivs_cdk::*;
use serde_json::Value as Json;

const PUBLIC_KEY_PEM: &str = include_str!("../examples/fixtures/p384-public.pem");

fn reference(file: &str) -> Json {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/reference/cdk-out/cli/expected/cdk.out")
        .join(file);
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Drops the telemetry resource and its condition.
fn without_cdk_metadata(mut t: Json) -> Json {
    let obj = t.as_object_mut().unwrap();
    obj["Resources"]
        .as_object_mut()
        .unwrap()
        .shift_remove("CDKMetadata");
    obj.shift_remove("Conditions");
    t
}

#[test]
fn cross_stack_references_match_the_cdk() {
    let mut props = AppProps::default();
    props
        .context
        .insert(PATH_METADATA_CONTEXT.into(), true.into());
    let app = App::with_props(props);
    let producer = Stack::new(&app, "IvsCliProducer");
    let channel = Channel::new(
        &producer,
        "Channel",
        ChannelProps {
            latency_mode: Some(LatencyMode::Low),
            r#type: Some(ChannelType::Standard),
            ..Default::default()
        },
    );
    PlaybackKeyPair::new(
        &producer,
        "KeyPair",
        PlaybackKeyPairProps {
            public_key_material: PUBLIC_KEY_PEM.into(),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &producer,
        "PlaybackUrl",
        CfnOutputProps {
            value: Some(channel.channel_playback_url()),
            ..Default::default()
        },
    );
    Tags::of(&producer).add("Project", "ivs-peer");
    let consumer = Stack::new(&app, "IvsCliConsumer");
    let key = StreamKey::new(&consumer, "StreamKey", StreamKeyProps { channel: &channel });
    CfnOutput::new(
        &consumer,
        "StreamKeyValue",
        CfnOutputProps {
            value: Some(key.stream_key_value()),
            ..Default::default()
        },
    );

    let rendered = app.synth_in_memory().unwrap();
    for s in &rendered.stacks {
        let ours: Json = serde_json::from_str(&s.template).unwrap();
        let theirs = without_cdk_metadata(reference(&format!("{}.template.json", s.artifact_id)));
        assert_eq!(
            serde_json::to_string_pretty(&ours).unwrap(),
            serde_json::to_string_pretty(&theirs).unwrap(),
            "{}",
            s.artifact_id
        );
    }
    let manifest = reference("manifest.json");
    let consumer_artifact = &rendered.stacks[1].artifact;
    assert_eq!(
        consumer_artifact["dependencies"],
        manifest["artifacts"]["IvsCliConsumer"]["dependencies"]
    );
}

#[test]
fn synthesizing_an_app_twice_gives_the_same_output_and_problems() {
    let app = App::with_props(AppProps::default());
    let producer = Stack::new(&app, "Producer");
    let channel = Channel::new(&producer, "Channel", ChannelProps::default());
    Tags::of(&channel).add("aws:team", "video");
    let consumer = Stack::new(&app, "Consumer");
    StreamKey::new(&consumer, "Key", StreamKeyProps { channel: &channel });
    let first = app.synth_in_memory().unwrap();
    let second = app.synth_in_memory().unwrap();
    for (a, b) in first.stacks.iter().zip(&second.stacks) {
        assert_eq!(a.template, b.template);
        assert_eq!(a.metadata, b.metadata);
    }
    assert_eq!(first.warnings, second.warnings);
    let rules: Vec<&str> = first.warnings.iter().map(|w| w.rule.as_str()).collect();
    assert_eq!(rules, ["tag-aws-prefix"]);
}
