//! What escape hatches and L1 types write is checked like everything else: the schema
//! constraints and the IVS rules run on the final resource, overrides merged in, and a
//! private key is refused wherever it lands in a template.

use ivs_cdk::cfn::{CfnPlaybackKeyPair, CfnPlaybackKeyPairProps};
use ivs_cdk::*;

const PRIVATE_KEY: &str = "-----BEGIN EC PRIVATE KEY-----\nMIGkAgEBBDBi/blbTeB8plO0IkZI8SECRETSECRET\n-----END EC PRIVATE KEY-----\n";

fn problems(app: &App) -> Vec<(String, Option<String>, String, String)> {
    let err = app.synth_in_memory().expect_err("synthesis should fail");
    let text = err.to_string();
    assert!(!text.contains("MIGkAgEB"), "a private key leaked: {text}");
    err.problems()
        .iter()
        .map(|p| {
            (
                p.path.clone(),
                p.property.clone(),
                p.rule.clone(),
                p.message.clone(),
            )
        })
        .collect()
}

fn stack() -> (App, Stack) {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    (app, stack)
}

#[test]
fn property_overrides_are_checked_against_the_schema() {
    let (app, stack) = stack();
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    channel.cfn().add_property_override("Name", "bad name!");
    channel.cfn().add_property_override("LatencyMode", "ULTRA");
    channel.cfn().add_property_override("Foo", "x");
    let found = problems(&app);
    let rules: Vec<(&str, &str)> = found
        .iter()
        .map(|(_, prop, rule, _)| (prop.as_deref().unwrap_or(""), rule.as_str()))
        .collect();
    assert!(rules.contains(&("Name", "pattern")), "{found:?}");
    assert!(rules.contains(&("LatencyMode", "enum")), "{found:?}");
    assert!(rules.contains(&("Foo", "additional-property")), "{found:?}");
    assert!(
        found.iter().all(|(path, ..)| path == "S/Channel/Resource"),
        "{found:?}"
    );
}

#[test]
fn a_private_key_overridden_into_public_key_material_is_refused() {
    let (app, stack) = stack();
    let pair = PlaybackKeyPair::new(
        &stack,
        "Pair",
        PlaybackKeyPairProps {
            public_key_material: include_str!("../examples/fixtures/p384-public.pem").into(),
            ..Default::default()
        },
    );
    pair.cfn()
        .add_property_override("PublicKeyMaterial", PRIVATE_KEY);
    let found = problems(&app);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "public-key-private-key");
    assert_eq!(found[0].1.as_deref(), Some("PublicKeyMaterial"));
}

#[test]
fn the_l1_type_runs_the_ivs_rules_too() {
    let (app, stack) = stack();
    CfnPlaybackKeyPair::new(
        &stack,
        "Pair",
        CfnPlaybackKeyPairProps {
            public_key_material: Some(PRIVATE_KEY.into()),
            ..Default::default()
        },
    );
    let found = problems(&app);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].2, "public-key-private-key");
}

#[test]
fn a_private_key_anywhere_in_a_template_is_refused() {
    let app = App::with_props(AppProps::default());
    let stack = Stack::with_props(
        &app,
        "S",
        StackProps {
            description: Some(PRIVATE_KEY.into()),
            ..Default::default()
        },
    );
    CfnParameter::new(
        &stack,
        "Key",
        CfnParameterProps {
            default: Some(PRIVATE_KEY.into()),
            ..Default::default()
        },
    );
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    channel.cfn().add_metadata("Key", PRIVATE_KEY);
    let found = problems(&app);
    let at: Vec<(&str, &str)> = found
        .iter()
        .map(|(p, _, r, _)| (p.as_str(), r.as_str()))
        .collect();
    assert_eq!(
        at,
        [
            ("S", "private-key-in-template"),
            ("S/Key", "private-key-in-template"),
            ("S/Channel/Resource", "private-key-in-template"),
        ]
    );
    assert!(
        found[0].3.contains("keep private keys in a secret store"),
        "{found:?}"
    );
}

#[test]
fn two_schema_problems_of_one_property_are_both_reported() {
    let (app, stack) = stack();
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    channel
        .cfn()
        .add_property_override("Name", format!("{}!", "a".repeat(128)));
    let found = problems(&app);
    let rules: Vec<&str> = found.iter().map(|(_, _, r, _)| r.as_str()).collect();
    assert!(
        rules.contains(&"pattern") && rules.contains(&"max-length"),
        "{found:?}"
    );
}
