//! No input makes synthesis panic. Apps are built from arbitrary construct ids (any
//! Unicode, `/`, empty, `Default`, `Resource`, very long), arbitrary prop values
//! (channel names, ARNs, enum combinations, key material, tags), arbitrary nesting and
//! references across stacks. Each app either fails with errors that say something, or
//! writes templates that parse, have valid logical IDs and pass the project's own
//! template linter; a sample of those templates also passes cfn-lint.

mod support;

use ivs_cdk::validation::lint_template;
use ivs_cdk::{
    App, AppProps, CfnOutput, CfnOutputProps, Channel, ChannelProps, ChannelType, Construct,
    ContainerFormat, LatencyMode, MaximumResolution, MultitrackInputConfiguration, Node,
    PlaybackKeyPair, PlaybackKeyPairProps, Policy, Preset, Severity, Stack, Tags, Value,
};
use proptest::prelude::*;

const PUBLIC_KEY_PEM: &str = include_str!("../examples/fixtures/p384-public.pem");

#[derive(Debug, Clone)]
struct ChannelSpec {
    id: String,
    name: Option<String>,
    authorized: Option<bool>,
    latency: Option<LatencyMode>,
    ty: Option<ChannelType>,
    preset: Option<Preset>,
    container: Option<ContainerFormat>,
    insecure: Option<bool>,
    multitrack: Option<(MaximumResolution, Policy)>,
    keys: Vec<String>,
}

#[derive(Debug, Clone)]
enum Item {
    Channel(ChannelSpec),
    Imported {
        id: String,
        arn: String,
        keys: Vec<String>,
    },
    KeyPair {
        id: String,
        pem: String,
        name: Option<String>,
    },
    /// An output of an attribute of some channel (in any stack: cross-stack references).
    Output {
        id: String,
        channel: usize,
        attr: u8,
    },
    Tag {
        key: String,
        value: String,
    },
    Group {
        id: String,
        children: Vec<Item>,
    },
}

#[derive(Debug, Clone)]
struct AppSpec {
    stacks: Vec<(String, Vec<Item>)>,
    app_tags: Vec<(String, String)>,
}

fn construct_id() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => "[A-Z][A-Za-z0-9]{0,10}",
        2 => any::<String>(),
        1 => Just(String::new()),
        1 => Just("Default".to_owned()),
        1 => Just("Resource".to_owned()),
        1 => "[A-Za-z/\n -]{0,6}",
        1 => "[A-Za-z]{230,300}",
    ]
}

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-z0-9_-]{1,40}",
        1 => any::<String>(),
        1 => Just(String::new()),
        1 => "[a-z]{120,140}",
    ]
}

fn arn() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "arn:aws:ivs:(us-west-2|eu-west-1|ap-south-1):[0-9]{12}:channel/[A-Za-z0-9]{12}",
        1 => "arn:[a-z:/-]{0,30}",
        1 => any::<String>(),
    ]
}

fn pem() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => Just(PUBLIC_KEY_PEM.to_owned()),
        1 => any::<String>(),
        1 => Just("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".to_owned()),
    ]
}

fn tag_text() -> impl Strategy<Value = String> {
    prop_oneof![3 => "[A-Za-z0-9 _.:/=+@-]{1,20}", 1 => any::<String>(), 1 => "aws:[a-z]{1,5}"]
}

fn channel_spec() -> impl Strategy<Value = ChannelSpec> {
    (
        construct_id(),
        proptest::option::of(name()),
        proptest::option::of(any::<bool>()),
        proptest::option::of(prop_oneof![
            Just(LatencyMode::Low),
            Just(LatencyMode::Normal)
        ]),
        proptest::option::of(prop_oneof![
            Just(ChannelType::Standard),
            Just(ChannelType::Basic),
            Just(ChannelType::AdvancedSd),
            Just(ChannelType::AdvancedHd),
        ]),
        proptest::option::of(prop_oneof![
            Just(Preset::ConstrainedBandwidthDelivery),
            Just(Preset::HigherBandwidthDelivery),
        ]),
        proptest::option::of(prop_oneof![
            Just(ContainerFormat::Ts),
            Just(ContainerFormat::FragmentedMp4)
        ]),
        proptest::option::of(any::<bool>()),
        proptest::option::of((
            prop_oneof![
                Just(MaximumResolution::FullHd),
                Just(MaximumResolution::Hd),
                Just(MaximumResolution::Sd)
            ],
            prop_oneof![Just(Policy::Allow), Just(Policy::Require)],
        )),
        proptest::collection::vec(construct_id(), 0..3),
    )
        .prop_map(
            |(id, name, authorized, latency, ty, preset, container, insecure, multitrack, keys)| {
                ChannelSpec {
                    id,
                    name,
                    authorized,
                    latency,
                    ty,
                    preset,
                    container,
                    insecure,
                    multitrack,
                    keys,
                }
            },
        )
}

fn item() -> impl Strategy<Value = Item> {
    let leaf = prop_oneof![
        4 => channel_spec().prop_map(Item::Channel),
        1 => (construct_id(), arn(), proptest::collection::vec(construct_id(), 0..2))
            .prop_map(|(id, arn, keys)| Item::Imported { id, arn, keys }),
        1 => (construct_id(), pem(), proptest::option::of(name()))
            .prop_map(|(id, pem, name)| Item::KeyPair { id, pem, name }),
        2 => (construct_id(), any::<usize>(), 0u8..5)
            .prop_map(|(id, channel, attr)| Item::Output { id, channel, attr }),
        1 => (tag_text(), tag_text()).prop_map(|(key, value)| Item::Tag { key, value }),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        (construct_id(), proptest::collection::vec(inner, 0..4))
            .prop_map(|(id, children)| Item::Group { id, children })
    })
}

fn app_spec() -> impl Strategy<Value = AppSpec> {
    (
        proptest::collection::vec(
            (construct_id(), proptest::collection::vec(item(), 0..5)),
            1..4,
        ),
        proptest::collection::vec((tag_text(), tag_text()), 0..2),
    )
        .prop_map(|(stacks, app_tags)| AppSpec { stacks, app_tags })
}

fn add_items(scope: &Node, items: &[Item], channels: &mut Vec<Channel>) {
    for item in items {
        match item {
            Item::Channel(c) => {
                let channel = Channel::new(
                    scope,
                    &c.id,
                    ChannelProps {
                        authorized: c.authorized,
                        channel_name: c.name.clone().map(Value::from),
                        container_format: c.container,
                        insecure_ingest: c.insecure,
                        latency_mode: c.latency,
                        multitrack_input_configuration: c.multitrack.map(
                            |(maximum_resolution, policy)| MultitrackInputConfiguration {
                                maximum_resolution,
                                policy,
                            },
                        ),
                        preset: c.preset,
                        r#type: c.ty,
                        ..Default::default()
                    },
                );
                for k in &c.keys {
                    channel.add_stream_key(k);
                }
                channels.push(channel);
            }
            Item::Imported { id, arn, keys } => {
                let imported = Channel::from_channel_arn(scope, id, arn.as_str());
                for k in keys {
                    imported.add_stream_key(k);
                }
                let _ = imported.channel_arn();
            }
            Item::KeyPair { id, pem, name } => {
                PlaybackKeyPair::new(
                    scope,
                    id,
                    PlaybackKeyPairProps {
                        public_key_material: pem.as_str().into(),
                        playback_key_pair_name: name.clone().map(Value::from),
                    },
                );
            }
            Item::Output { id, channel, attr } => {
                if channels.is_empty() {
                    continue;
                }
                let c = &channels[channel % channels.len()];
                let value = match attr {
                    0 => c.channel_arn(),
                    1 => c.channel_ingest_endpoint(),
                    2 => c.channel_playback_url(),
                    3 => Value::concat(["rtmps://".into(), c.channel_ingest_endpoint()]),
                    _ => c.add_stream_key(&format!("OutKey{id}")).stream_key_value(),
                };
                CfnOutput::new(
                    scope,
                    id,
                    CfnOutputProps {
                        value: Some(value),
                        ..Default::default()
                    },
                );
            }
            Item::Tag { key, value } => Tags::of(scope).add(key, value.as_str()),
            Item::Group { id, children } => {
                let group = Node::new(scope, id);
                add_items(&group, children, channels);
            }
        }
    }
}

fn build(spec: &AppSpec) -> App {
    let app = App::with_props(AppProps {
        outdir: Some("/nonexistent/proptest".into()),
        ..Default::default()
    });
    for (k, v) in &spec.app_tags {
        Tags::of(&app).add(k, v.as_str());
    }
    let mut channels = Vec::new();
    for (id, items) in &spec.stacks {
        let stack = Stack::new(&app, id);
        add_items(stack.node(), items, &mut channels);
    }
    app
}

/// How many generated templates cfn-lint checks.
const SAMPLE_SIZE: usize = 20;

fn is_logical_id(s: &str) -> bool {
    !s.is_empty() && s.len() <= 255 && s.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn check(spec: &AppSpec) -> Result<(), TestCaseError> {
    let app = build(spec);
    match app.synth_in_memory() {
        Err(e) => {
            let text = e.to_string();
            prop_assert!(text.starts_with("synthesis failed with "), "{}", text);
            prop_assert!(!e.problems().is_empty());
            for p in e.problems() {
                prop_assert_eq!(p.severity, Severity::Error);
                prop_assert!(!p.message.trim().is_empty(), "empty message: {:?}", p);
            }
        }
        Ok(rendered) => {
            let manifest: serde_json::Value = serde_json::from_str(&rendered.manifest)
                .map_err(|e| TestCaseError::fail(format!("manifest: {e}")))?;
            prop_assert_eq!(manifest["version"].as_str(), Some("55.0.0"));
            let _: serde_json::Value = serde_json::from_str(&rendered.tree)
                .map_err(|e| TestCaseError::fail(format!("tree.json: {e}")))?;
            for s in &rendered.stacks {
                prop_assert!(!s.artifact_id.is_empty());
                let t: serde_json::Value = serde_json::from_str(&s.template)
                    .map_err(|e| TestCaseError::fail(format!("{}: {e}", s.artifact_id)))?;
                for section in ["Resources", "Outputs", "Parameters", "Rules"] {
                    if let Some(m) = t.get(section).and_then(|x| x.as_object()) {
                        for k in m.keys() {
                            prop_assert!(is_logical_id(k), "bad logical id {:?}", k);
                        }
                    }
                }
                let _: serde_json::Value = serde_json::from_str(&s.metadata)
                    .map_err(|e| TestCaseError::fail(format!("metadata: {e}")))?;
                if t.get("Resources").is_some() {
                    let findings = lint_template(&t).map_err(TestCaseError::fail)?;
                    let errors: Vec<_> = findings
                        .iter()
                        .filter(|f| f.severity == Severity::Error)
                        .collect();
                    prop_assert!(
                        errors.is_empty(),
                        "our own linter refuses what synthesis wrote: {:?}\n{}",
                        errors,
                        s.template
                    );
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_app_either_fails_with_errors_or_writes_valid_templates(spec in app_spec()) {
        check(&spec)?;
    }

    #[test]
    fn any_construct_id_is_handled(ids in proptest::collection::vec(any::<String>(), 1..6)) {
        let app = App::with_props(AppProps { outdir: Some("/nonexistent".into()), ..Default::default() });
        let stack = Stack::new(&app, &ids[0]);
        let mut scope: Node = stack.node().clone();
        for id in &ids[1..] {
            scope = Node::new(&scope, id);
        }
        let c = Channel::new(&scope, &ids[ids.len() - 1], ChannelProps::default());
        c.add_stream_key(&ids[0]);
        let _ = app.synth_in_memory().map(|r| r.stacks.len()).map_err(|e| e.to_string());
    }

    #[test]
    fn any_arn_is_handled(arn in any::<String>()) {
        let _ = ivs_cdk::ArnComponents::parse(&arn).map_err(|e| e.to_string());
        let app = App::with_props(AppProps { outdir: Some("/nonexistent".into()), ..Default::default() });
        let stack = Stack::new(&app, "S");
        let c = Channel::from_channel_arn(&stack, "C", arn.as_str());
        c.add_stream_key("K");
        let _ = app.synth_in_memory().map_err(|e| e.to_string());
    }
}

/// The well-formed apps that synthesize: a sample of their templates passes cfn-lint.
fn valid_app_spec() -> impl Strategy<Value = AppSpec> {
    let channel = channel_spec().prop_map(|mut c| {
        c.id = format!(
            "C{}",
            c.id.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        );
        c.keys = c
            .keys
            .iter()
            .enumerate()
            .map(|(i, _)| format!("Key{i}"))
            .collect();
        Item::Channel(c)
    });
    proptest::collection::vec(channel, 1..4).prop_map(|items| AppSpec {
        stacks: vec![("Lint".to_owned(), items)],
        app_tags: vec![],
    })
}

/// Successful templates (with resources) of up to `want` apps drawn from `strategy`,
/// with a fixed seed so the sample is the same on every run.
fn sample_templates(strategy: impl Strategy<Value = AppSpec>, want: usize) -> Vec<String> {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let config = Config {
        cases: 2000,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let found = std::cell::RefCell::new(Vec::new());
    let _ = runner.run(&strategy, |spec| {
        if found.borrow().len() < want {
            if let Ok(r) = build(&spec).synth_in_memory() {
                let aws_tag_warned = r.warnings.iter().any(|w| w.rule == "tag-aws-prefix");
                for s in r.stacks {
                    // A tag key with the reserved `aws:` prefix is written as the CDK
                    // writes it, with a warning; cfn-lint (E3024) rightly refuses it.
                    if s.template.contains("\"Key\": \"aws:") {
                        assert!(aws_tag_warned, "no warning for an aws: tag key");
                        continue;
                    }
                    if s.resource_count > 0 && found.borrow().len() < want {
                        found.borrow_mut().push(s.template);
                    }
                }
            }
        }
        Ok(())
    });
    found.into_inner()
}

#[test]
fn a_sample_of_generated_templates_passes_cfn_lint() {
    let mut templates = sample_templates(app_spec(), SAMPLE_SIZE / 2);
    templates.extend(sample_templates(valid_app_spec(), SAMPLE_SIZE / 2));
    assert_eq!(templates.len(), SAMPLE_SIZE, "too few apps synthesized");
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = templates
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let p = dir.path().join(format!("Sample{i}.template.json"));
            std::fs::write(&p, t).unwrap();
            p
        })
        .collect();
    if let Err(e) = support::cfn_lint(&paths, &[]) {
        panic!("{e}");
    }
}
