//! The Rust form of each reference app in `../shared/reference/cdk-out/apps/`, shared by
//! the golden tests and the cfn-lint tests.

#![allow(dead_code)]

use ivs_cdk::cfn::{
    CfnChannel, CfnChannelProps, CfnRecordingConfiguration, CfnRecordingConfigurationProps,
    DestinationConfigurationProperty, MultitrackInputConfigurationProperty,
    RenditionConfigurationProperty, S3DestinationConfigurationProperty,
    ThumbnailConfigurationProperty,
};
use ivs_cdk::*;

#[path = "../../examples/seed.rs"]
#[allow(dead_code)]
mod seed_example;

#[path = "../../examples/perf.rs"]
#[allow(dead_code)]
mod perf_example;

/// The P-384 public key of the reference apps.
pub const PUBLIC_KEY_PEM: &str = include_str!("../../examples/fixtures/p384-public.pem");

/// An app as the reference apps make it (no construct stack traces: nothing to do
/// here, since this library records none).
pub fn new_app() -> App {
    App::with_props(AppProps::default())
}

/// The app of a reference case, by folder name.
pub fn build(case: &str) -> App {
    build_into(case, None)
}

/// The app of a reference case, writing to `outdir` when given.
pub fn build_into(case: &str, outdir: Option<std::path::PathBuf>) -> App {
    let app = match case {
        "perf-3" => perf_example::new_app(outdir),
        _ => App::with_props(AppProps {
            outdir,
            ..Default::default()
        }),
    };
    match case {
        "seed" => seed_example::build(&app),
        "perf-3" => perf_example::build(&app, 3),
        "channel-minimal" => channel_minimal(&app),
        "channel-all-props" => channel_all_props(&app),
        "channel-import" => channel_import(&app),
        "stream-keys" => stream_keys(&app),
        "playback-key-pair" => playback_key_pair(&app),
        "outputs-and-tags" => outputs_and_tags(&app),
        "two-stacks" => two_stacks(&app),
        "env-stack" => env_stack(&app),
        "l1-channel-extended" => l1_channel_extended(&app),
        "recording-configuration" => recording_configuration(&app),
        "legacy-synth" => legacy_synth(&app),
        other => panic!("no Rust app for reference case {other}"),
    }
    app
}

/// Every reference case with a Rust app.
pub const CASES: &[&str] = &[
    "seed",
    "perf-3",
    "channel-minimal",
    "channel-all-props",
    "channel-import",
    "stream-keys",
    "playback-key-pair",
    "outputs-and-tags",
    "two-stacks",
    "env-stack",
    "l1-channel-extended",
    "recording-configuration",
    "legacy-synth",
];

fn output(stack: &Stack, id: &str, value: Value) -> CfnOutput {
    CfnOutput::new(
        stack,
        id,
        CfnOutputProps {
            value: Some(value),
            ..Default::default()
        },
    )
}

fn channel_minimal(app: &App) {
    let stack = Stack::new(app, "IvsChannelMinimal");
    Channel::new(&stack, "Channel", ChannelProps::default());
}

fn channel_all_props(app: &App) {
    let stack = Stack::new(app, "IvsChannelAllProps");
    Channel::new(
        &stack,
        "AllPropsBasicNormal",
        ChannelProps {
            authorized: Some(true),
            channel_name: Some("my-channel_1".into()),
            latency_mode: Some(LatencyMode::Normal),
            r#type: Some(ChannelType::Basic),
            ..Default::default()
        },
    );
    Channel::new(
        &stack,
        "AllPropsStandardLow",
        ChannelProps {
            authorized: Some(false),
            channel_name: Some("ChannelTwo".into()),
            latency_mode: Some(LatencyMode::Low),
            r#type: Some(ChannelType::Standard),
            ..Default::default()
        },
    );
    Channel::new(
        &stack,
        "OnlyAuthorized",
        ChannelProps {
            authorized: Some(true),
            ..Default::default()
        },
    );
    Channel::new(
        &stack,
        "OnlyLatencyNormal",
        ChannelProps {
            latency_mode: Some(LatencyMode::Normal),
            ..Default::default()
        },
    );
    Channel::new(
        &stack,
        "OnlyTypeBasic",
        ChannelProps {
            r#type: Some(ChannelType::Basic),
            ..Default::default()
        },
    );
    Channel::new(&stack, "OnlyName", ChannelProps::named("only-name"));
    Channel::new(
        &stack,
        "RawAdvancedSd",
        ChannelProps {
            r#type: Some(ChannelType::AdvancedSd),
            ..Default::default()
        },
    );
    Channel::new(
        &stack,
        "RawAdvancedHd",
        ChannelProps {
            r#type: Some(ChannelType::AdvancedHd),
            ..Default::default()
        },
    );
    // The JavaScript app passes preset and insecureIngest, which that alpha version
    // ignores; the equivalent here is not to pass them.
    Channel::new(
        &stack,
        "IgnoredExtraProps",
        ChannelProps {
            r#type: Some(ChannelType::Standard),
            ..Default::default()
        },
    );
}

fn channel_import(app: &App) {
    let stack = Stack::new(app, "IvsChannelImport");
    let imported = Channel::from_channel_arn(
        &stack,
        "Imported",
        "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh",
    );
    let key = imported.add_stream_key("ImportedKey");
    output(&stack, "ImportedKeyValue", key.stream_key_value());
    output(&stack, "ImportedChannelArn", imported.channel_arn());
    let param = CfnParameter::new(
        &stack,
        "ChannelArnParam",
        CfnParameterProps {
            r#type: Some("String".into()),
            ..Default::default()
        },
    );
    let from_param = Channel::from_channel_arn(&stack, "FromParam", param.value_as_string());
    from_param.add_stream_key("ParamKey");
    let from_import = Channel::from_channel_arn(
        &stack,
        "FromImportValue",
        Fn::import_value("SharedChannelArn"),
    );
    from_import.add_stream_key("ImportValueKey");
    StreamKey::new(
        &stack,
        "StandaloneOnImported",
        StreamKeyProps { channel: &imported },
    );
}

fn stream_keys(app: &App) {
    let stack = Stack::new(app, "IvsStreamKeys");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    channel.add_stream_key("KeyOne");
    channel.add_stream_key("KeyTwo");
    StreamKey::new(
        &stack,
        "StandaloneKey",
        StreamKeyProps { channel: &channel },
    );
}

fn playback_key_pair(app: &App) {
    let stack = Stack::new(app, "IvsPlaybackKeyPair");
    PlaybackKeyPair::new(
        &stack,
        "KeyPairNoName",
        PlaybackKeyPairProps {
            public_key_material: PUBLIC_KEY_PEM.into(),
            ..Default::default()
        },
    );
    PlaybackKeyPair::new(
        &stack,
        "KeyPairNamed",
        PlaybackKeyPairProps {
            public_key_material: PUBLIC_KEY_PEM.into(),
            playback_key_pair_name: Some("my-key-pair".into()),
        },
    );
}

fn outputs_and_tags(app: &App) {
    let stack = Stack::new(app, "IvsOutputsAndTags");
    let channel = Channel::new(&stack, "Channel", ChannelProps::named("tagged-channel"));
    let key = channel.add_stream_key("StreamKey");
    let pair = PlaybackKeyPair::new(
        &stack,
        "KeyPair",
        PlaybackKeyPairProps {
            public_key_material: PUBLIC_KEY_PEM.into(),
            ..Default::default()
        },
    );
    output(&stack, "ChannelArn", channel.channel_arn());
    CfnOutput::new(
        &stack,
        "IngestEndpoint",
        CfnOutputProps {
            value: Some(channel.channel_ingest_endpoint()),
            description: Some("RTMPS ingest endpoint".into()),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "PlaybackUrl",
        CfnOutputProps {
            value: Some(channel.channel_playback_url()),
            export_name: Some("IvsPlaybackUrl".into()),
            ..Default::default()
        },
    );
    output(&stack, "StreamKeyValue", key.stream_key_value());
    output(&stack, "StreamKeyArn", key.stream_key_arn());
    output(&stack, "KeyPairArn", pair.playback_key_pair_arn());
    output(
        &stack,
        "KeyPairFingerprint",
        pair.playback_key_pair_fingerprint(),
    );
    output(
        &stack,
        "Joined",
        Fn::join("|", [channel.channel_arn(), channel.channel_playback_url()]),
    );
    output(
        &stack,
        "Templated",
        Value::concat([
            "rtmps://".into(),
            channel.channel_ingest_endpoint(),
            ":443/app/".into(),
        ]),
    );
    Tags::of(app).add("App", "peer");
    Tags::of(&stack).add("Project", "ivs-peer");
    Tags::of(&stack).add("CostCenter", "1234");
    Tags::of(&channel).add("Team", "video");
    Tags::of(&channel).add_with(
        "Project",
        "channel-override",
        TagProps {
            priority: Some(200),
            ..Default::default()
        },
    );
    Tags::of(&stack).add_with(
        "NotOnKeys",
        "x",
        TagProps {
            exclude_resource_types: vec!["AWS::IVS::StreamKey".into()],
            ..Default::default()
        },
    );
    Tags::of(&stack).add_with(
        "OnlyKeyPair",
        "y",
        TagProps {
            include_resource_types: vec!["AWS::IVS::PlaybackKeyPair".into()],
            ..Default::default()
        },
    );
    Tags::of(&key).remove("CostCenter");
    Tags::of(&stack).add("aws:reserved", "ignored");
}

fn two_stacks(app: &App) {
    let a = Stack::new(app, "IvsStackA");
    Channel::new(
        &a,
        "Channel",
        ChannelProps {
            latency_mode: Some(LatencyMode::Low),
            ..Default::default()
        },
    );
    let b = Stack::new(app, "IvsStackB");
    let ch = Channel::new(
        &b,
        "Channel",
        ChannelProps {
            r#type: Some(ChannelType::Basic),
            ..Default::default()
        },
    );
    ch.add_stream_key("Key");
    PlaybackKeyPair::new(
        &b,
        "KeyPair",
        PlaybackKeyPairProps {
            public_key_material: PUBLIC_KEY_PEM.into(),
            ..Default::default()
        },
    );
}

fn env_stack(app: &App) {
    let s1 = Stack::with_props(
        app,
        "IvsEnvStack",
        StackProps {
            env: Some(Environment::new("123456789012", "us-west-2")),
            stack_name: Some("ivs-env-stack-custom-name".into()),
            description: Some("IVS peer stack with explicit environment".into()),
            termination_protection: true,
            ..Default::default()
        },
    );
    let ch = Channel::new(&s1, "Channel", ChannelProps::default());
    output(&s1, "Arn", ch.channel_arn());
    let s2 = Stack::with_props(
        app,
        "IvsRegionOnly",
        StackProps {
            env: Some(Environment {
                region: Some("eu-west-1".into()),
                account: None,
            }),
            ..Default::default()
        },
    );
    Channel::new(&s2, "Channel", ChannelProps::default());
    let s3 = Stack::with_props(
        app,
        "IvsAccountOnly",
        StackProps {
            env: Some(Environment {
                account: Some("210987654321".into()),
                region: None,
            }),
            ..Default::default()
        },
    );
    Channel::new(&s3, "Channel", ChannelProps::default());
}

fn l1_channel_extended(app: &App) {
    let stack = Stack::new(app, "IvsL1ChannelExtended");
    CfnChannel::new(
        &stack,
        "AdvancedSd",
        CfnChannelProps {
            authorized: Some(true.into()),
            insecure_ingest: Some(true.into()),
            latency_mode: Some("LOW".into()),
            name: Some("advanced-sd".into()),
            r#type: Some("ADVANCED_SD".into()),
            preset: Some("HIGHER_BANDWIDTH_DELIVERY".into()),
            tags: Some(vec![CfnTag::new("Tier", "sd")]),
            ..Default::default()
        },
    );
    CfnChannel::new(
        &stack,
        "AdvancedHd",
        CfnChannelProps {
            r#type: Some("ADVANCED_HD".into()),
            preset: Some("CONSTRAINED_BANDWIDTH_DELIVERY".into()),
            latency_mode: Some("NORMAL".into()),
            ..Default::default()
        },
    );
    CfnChannel::new(
        &stack,
        "Multitrack",
        CfnChannelProps {
            r#type: Some("STANDARD".into()),
            container_format: Some("FRAGMENTED_MP4".into()),
            multitrack_input_configuration: Some(MultitrackInputConfigurationProperty {
                enabled: Some(true.into()),
                maximum_resolution: Some("FULL_HD".into()),
                policy: Some("ALLOW".into()),
            }),
            ..Default::default()
        },
    );
    CfnChannel::new(&stack, "Empty", CfnChannelProps::default());
    let l2 = Channel::new(
        &stack,
        "L2WithOverrides",
        ChannelProps {
            r#type: Some(ChannelType::Standard),
            ..Default::default()
        },
    );
    let cfn = l2.cfn();
    cfn.update(|p| p.insecure_ingest = Some(true.into()));
    cfn.add_property_override("Preset", "");
    cfn.add_override("Metadata.Note", "escape hatch");
}

fn recording_configuration(app: &App) {
    let stack = Stack::new(app, "IvsRecording");
    let bucket = Bucket::new(&stack, "RecordingBucket", BucketProps::default());
    let rc = CfnRecordingConfiguration::new(
        &stack,
        "RecordingConfiguration",
        CfnRecordingConfigurationProps {
            name: Some("peer-recording".into()),
            destination_configuration: Some(DestinationConfigurationProperty {
                s3: Some(S3DestinationConfigurationProperty {
                    bucket_name: Some(bucket.bucket_name()),
                }),
            }),
            recording_reconnect_window_seconds: Some(60.into()),
            thumbnail_configuration: Some(ThumbnailConfigurationProperty {
                recording_mode: Some("INTERVAL".into()),
                target_interval_seconds: Some(30.into()),
                resolution: Some("HD".into()),
                storage: Some(vec!["SEQUENTIAL", "LATEST"].into()),
            }),
            rendition_configuration: Some(RenditionConfigurationProperty {
                rendition_selection: Some("CUSTOM".into()),
                renditions: Some(vec!["HD", "SD"].into()),
            }),
            ..Default::default()
        },
    );
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    channel
        .cfn()
        .update(|p| p.recording_configuration_arn = Some(rc.attr_arn()));
    output(&stack, "RecordingState", rc.attr_state());
}

fn legacy_synth(app: &App) {
    let stack = Stack::with_props(
        app,
        "IvsLegacySynth",
        StackProps {
            synthesizer: Some(Synthesizer::Legacy),
            ..Default::default()
        },
    );
    let ch = Channel::new(&stack, "Channel", ChannelProps::default());
    ch.add_stream_key("Key");
}
