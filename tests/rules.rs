//! The IVS semantic rules: every rule's message, through the pure functions and
//! through the constructs that apply them.

use std::time::Duration;

use ivs_cdk::rules::{
    check_playback_key_pair_count, check_public_key_pem, check_reconnect_window, check_region,
    check_rendition_list, check_tags, check_thumbnail_interval, PemProblem, IVS_REGIONS,
};
use ivs_cdk::*;

const P384: &str = "-----BEGIN PUBLIC KEY-----
MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE1HpmU2K7vjP1KdNRGxSJ4Nm4GX1DuU7u
uwr1BT0nmYUb+Vg2vkRFrhgpEcjREv+vBaf3bl1M9VtJziLUlIZEyF2cOkazeQi3
bLV+4h9JHUT+bK4Ai0uH94gLl2TL6MKH
-----END PUBLIC KEY-----
";
const P256: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEeKZrzzVY3DnpdqOb0wQGMBuL/JPo
sgXmu6Mdemsxx9d0ADVwdD1ryC5gyWMMpISw26Ph3Oo4WIPiVnOzAt6qeQ==
-----END PUBLIC KEY-----
";
const P521: &str = "-----BEGIN PUBLIC KEY-----
MIGbMBAGByqGSM49AgEGBSuBBAAjA4GGAAQA5mHJ+DpfXmrucFYYH/RUXGCN19bj
UvxmYYRg2p0s6i5e/lrXsvc5z85gWrIBWhKIWKtj93l8v8ayf/2Gei20QTwB6hVy
TEa0CKfnbR/y7nCexd4vMvCpo2hcREuSyoFv0oMFlWfPd8HuZcdWxZKSZscaTxOS
p0A5ggAy7I0Wmtqd4d4=
-----END PUBLIC KEY-----
";
const RSA: &str = "-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDAa9RIZa1Mq4FFCgAOoOoIaTxp
R3YHNDJhyzSZ959IFB5gUK681+Ya3x1FbEaPyXG0BLnj0hhg3uebCnfJYe+zZFBC
HwoDW0G8/y2VjBld4yB/7hOpvBmKqu71cL/Gqjuhvzjg8rWkbPqkNCZWkeMyNndc
zog69Bors5tE5HCx/wIDAQAB
-----END PUBLIC KEY-----
";
const ED25519: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEAux+2sMRoaUU78ivpq/phhkCfLLofXYODB7PN2MkMLeE=
-----END PUBLIC KEY-----
";
// Only the armor matters to the rule; the bodies are placeholders, not keys.
const PKCS8_PRIVATE: &str =
    "-----BEGIN PRIVATE KEY-----\nMIG2AgEAMBAGByqGSM49AgEGBSuBBAAi\n-----END PRIVATE KEY-----\n";
const SEC1_PRIVATE: &str =
    "-----BEGIN EC PRIVATE KEY-----\nMIGkAgEBBDAVjLTvZNo8\n-----END EC PRIVATE KEY-----\n";

fn errors_of(app: &App) -> Vec<Problem> {
    app.synth_in_memory()
        .expect_err("synthesis should fail")
        .problems()
        .to_vec()
}

fn only(problems: &[Problem], rule: &str) -> Problem {
    let found: Vec<&Problem> = problems.iter().filter(|p| p.rule == rule).collect();
    assert_eq!(found.len(), 1, "one {rule} expected in {problems:#?}");
    found[0].clone()
}

// --- public key material -------------------------------------------------------

#[test]
fn a_p384_spki_pem_is_accepted_with_crlf_and_without_final_newline() {
    assert_eq!(check_public_key_pem(P384), Ok(()));
    assert_eq!(check_public_key_pem(&P384.replace('\n', "\r\n")), Ok(()));
    assert_eq!(check_public_key_pem(P384.trim_end()), Ok(()));
}

#[test]
fn each_wrong_key_gets_its_own_problem() {
    assert_eq!(check_public_key_pem(""), Err(PemProblem::Empty));
    assert_eq!(
        check_public_key_pem(PKCS8_PRIVATE),
        Err(PemProblem::PrivateKey {
            label: "PRIVATE KEY".into()
        })
    );
    assert_eq!(
        check_public_key_pem(SEC1_PRIVATE),
        Err(PemProblem::PrivateKey {
            label: "EC PRIVATE KEY".into()
        })
    );
    assert_eq!(check_public_key_pem(RSA), Err(PemProblem::RsaKey));
    assert_eq!(
        check_public_key_pem("-----BEGIN RSA PUBLIC KEY-----\nMAo=\n-----END RSA PUBLIC KEY-----"),
        Err(PemProblem::RsaKey)
    );
    assert_eq!(
        check_public_key_pem("ecdsa-sha2-nistp384 AAAAE2VjZHNh user@host"),
        Err(PemProblem::SshKey)
    );
    assert_eq!(
        check_public_key_pem(P256),
        Err(PemProblem::WrongCurve {
            curve: "P-256 (prime256v1)".into()
        })
    );
    assert_eq!(
        check_public_key_pem(P521),
        Err(PemProblem::WrongCurve {
            curve: "P-521 (secp521r1)".into()
        })
    );
    assert_eq!(
        check_public_key_pem(ED25519),
        Err(PemProblem::NotEcKey {
            algorithm: "1.3.101.112".into()
        })
    );
    assert_eq!(
        check_public_key_pem("Carrots Are Orange"),
        Err(PemProblem::NotPem)
    );
    assert_eq!(
        check_public_key_pem("-----BEGIN CERTIFICATE-----\nMAo=\n-----END CERTIFICATE-----"),
        Err(PemProblem::Certificate)
    );
    // Broken PEM: a character that is not base64, a truncated body, no END line.
    assert_eq!(
        check_public_key_pem(&P384.replace("MHYw", "MH*w")),
        Err(PemProblem::BadBase64)
    );
    let truncated: String = P384
        .lines()
        .filter(|l| !l.starts_with("bLV"))
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(check_public_key_pem(&truncated), Err(PemProblem::BadDer));
    assert_eq!(
        check_public_key_pem(P384.split("-----END").next().unwrap()),
        Err(PemProblem::NotPem)
    );
}

#[test]
fn a_private_key_message_never_shows_the_key() {
    let message = PemProblem::PrivateKey {
        label: "EC PRIVATE KEY".into(),
    }
    .to_string();
    assert_eq!(
        message,
        "the public key material is a private key (-----BEGIN EC PRIVATE KEY-----); never put a private key in a template (it is not shown here). Give its public half instead, the SPKI PEM (-----BEGIN PUBLIC KEY-----) that `openssl ec -in priv.pem -pubout` writes, and keep the private key with the token signer"
    );
}

fn key_pair_problem(material: &str) -> Problem {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    PlaybackKeyPair::new(
        &stack,
        "Key",
        PlaybackKeyPairProps {
            public_key_material: material.into(),
            ..Default::default()
        },
    );
    let problems = errors_of(&app);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    problems[0].clone()
}

#[test]
fn playback_key_pair_refuses_a_pasted_private_key() {
    for (pem, label) in [
        (PKCS8_PRIVATE, "PRIVATE KEY"),
        (SEC1_PRIVATE, "EC PRIVATE KEY"),
    ] {
        let p = key_pair_problem(pem);
        assert_eq!(p.rule, "public-key-private-key");
        assert_eq!(p.path, "S/Key");
        assert_eq!(p.property.as_deref(), Some("PublicKeyMaterial"));
        assert!(
            p.message.starts_with(&format!(
            "publicKeyMaterial: the public key material is a private key (-----BEGIN {label}-----)"
        )),
            "{}",
            p.message
        );
        assert!(!p.message.contains("MIG"), "the key must not be echoed");
    }
}

#[test]
fn playback_key_pair_refuses_rsa_ssh_p256_and_broken_pem() {
    let p = key_pair_problem(RSA);
    assert_eq!(p.rule, "public-key-rsa");
    assert!(p.message.starts_with("publicKeyMaterial: the public key material is an RSA key; IVS signs tokens with ECDSA P-384 (ES384)"));
    let p = key_pair_problem("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5 user@host");
    assert_eq!(p.rule, "public-key-ssh");
    assert!(p
        .message
        .starts_with("publicKeyMaterial: the public key material is an SSH public key;"));
    let p = key_pair_problem(P256);
    assert_eq!(p.rule, "public-key-curve");
    assert!(p.message.starts_with("publicKeyMaterial: the public key material is an EC key on P-256 (prime256v1), but IVS needs P-384 (secp384r1)"));
    let p = key_pair_problem(&P384.replace("MHYw", "MH*w"));
    assert_eq!(p.rule, "public-key-base64");
    assert!(p.message.contains("is broken PEM: the text between"));
    let p = key_pair_problem("Carrots Are Orange");
    assert_eq!(p.rule, "public-key-not-pem");
}

#[test]
fn public_key_applies_the_same_pem_rules() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    PublicKey::new(&stack, "Good", PublicKeyProps::new(P384));
    PublicKey::new(&stack, "Private", PublicKeyProps::new(SEC1_PRIVATE));
    PublicKey::new(&stack, "P256", PublicKeyProps::new(P256));
    let problems = errors_of(&app);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(problems[0].path, "S/Private");
    assert_eq!(problems[0].rule, "public-key-private-key");
    assert!(problems[0]
        .message
        .starts_with("publicKeyMaterial: the public key material is a private key"));
    assert_eq!(problems[1].path, "S/P256");
    assert_eq!(problems[1].rule, "public-key-curve");
}

#[test]
fn key_material_from_a_parameter_is_not_checked() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let param = CfnParameter::new(&stack, "Pem", CfnParameterProps::default());
    PublicKey::new(&stack, "Key", PublicKeyProps::new(param.value_as_string()));
    app.synth_in_memory().unwrap();
}

// --- channel rules ---------------------------------------------------------------

#[test]
fn preset_on_a_standard_channel_warns_and_keeps_the_cdk_output() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    Channel::new(
        &stack,
        "Channel",
        ChannelProps {
            r#type: Some(ChannelType::Standard),
            preset: Some(Preset::ConstrainedBandwidthDelivery),
            ..Default::default()
        },
    );
    let out = app.synth_in_memory().unwrap();
    let w = only(&out.warnings, "preset-without-advanced-type");
    assert_eq!(w.severity, Severity::Warning);
    assert_eq!(w.property.as_deref(), Some("Preset"));
    assert_eq!(
        w.message,
        "preset CONSTRAINED_BANDWIDTH_DELIVERY has no effect on a STANDARD channel: IVS applies presets only to ADVANCED_SD and ADVANCED_HD channels. The template sets Preset to \"\" (as the AWS CDK does); remove preset or use an ADVANCED type"
    );
    let t: serde_json::Value = serde_json::from_str(&out.stacks[0].template).unwrap();
    assert_eq!(
        t["Resources"]["Channel4048F119"]["Properties"]["Preset"],
        ""
    );
}

#[test]
fn preset_on_an_advanced_channel_is_quiet() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    Channel::new(
        &stack,
        "Channel",
        ChannelProps {
            r#type: Some(ChannelType::AdvancedHd),
            preset: Some(Preset::ConstrainedBandwidthDelivery),
            ..Default::default()
        },
    );
    let out = app.synth_in_memory().unwrap();
    assert!(out.warnings.is_empty(), "{:#?}", out.warnings);
}

#[test]
fn multitrack_needs_a_standard_channel() {
    for t in [
        ChannelType::Basic,
        ChannelType::AdvancedSd,
        ChannelType::AdvancedHd,
    ] {
        let app = App::new();
        let stack = Stack::new(&app, "S");
        Channel::new(
            &stack,
            "Channel",
            ChannelProps {
                r#type: Some(t),
                multitrack_input_configuration: Some(MultitrackInputConfiguration {
                    maximum_resolution: MaximumResolution::Hd,
                    policy: Policy::Allow,
                }),
                ..Default::default()
            },
        );
        let p = only(&errors_of(&app), "multitrack-type");
        assert_eq!(
            p.message,
            format!("multitrackInputConfiguration is only supported for ChannelType.STANDARD, got: {t}.")
        );
    }
}

#[test]
fn multitrack_needs_fragmented_mp4() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    Channel::new(
        &stack,
        "Channel",
        ChannelProps {
            container_format: Some(ContainerFormat::Ts),
            multitrack_input_configuration: Some(MultitrackInputConfiguration {
                maximum_resolution: MaximumResolution::Sd,
                policy: Policy::Require,
            }),
            ..Default::default()
        },
    );
    let p = only(&errors_of(&app), "multitrack-container-format");
    assert_eq!(p.property.as_deref(), Some("ContainerFormat"));
    assert_eq!(
        p.message,
        "containerFormat must be set to ContainerFormat.FRAGMENTED_MP4 when multitrackInputConfiguration is specified, got: TS."
    );
}

#[test]
fn a_playback_restriction_policy_on_a_channel_is_an_error_with_the_workaround() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let policy = PlaybackRestrictionPolicy::from_playback_restriction_policy_arn(
        &stack,
        "Policy",
        "arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/ABcdef123456",
    );
    channel.set_playback_restriction_policy(&policy);
    let p = only(&errors_of(&app), "playback-restriction-policy-unsupported");
    assert_eq!(p.path, "S/Channel");
    assert_eq!(p.property.as_deref(), Some("PlaybackRestrictionPolicyArn"));
    assert!(p.message.starts_with("a playback restriction policy 'arn:aws:ivs:us-west-2:123456789012:playback-restriction-policy/ABcdef123456' cannot be attached to a channel by CloudFormation: AWS::IVS::Channel has no PlaybackRestrictionPolicyArn property"), "{}", p.message);
    assert!(p.message.contains(
        "aws ivs update-channel --arn <channel-arn> --playback-restriction-policy-arn <policy-arn>"
    ));
}

// --- recording rules -------------------------------------------------------------

#[test]
fn a_custom_rendition_list_must_not_be_empty() {
    assert_eq!(
        check_rendition_list("CUSTOM", &[]).unwrap_err(),
        "a CUSTOM rendition configuration needs at least one rendition; list the resolutions to record, or select ALL"
    );
    assert!(check_rendition_list("ALL", &[]).is_ok());
    // The construct's type cannot express an empty list.
    assert!(Renditions::from_vec(vec![]).is_none());
    assert_eq!(
        Renditions::from_vec(vec![Resolution::Hd, Resolution::Sd])
            .unwrap()
            .to_vec(),
        vec![Resolution::Hd, Resolution::Sd]
    );
}

#[test]
fn thumbnail_interval_is_1_to_60_seconds() {
    assert_eq!(check_thumbnail_interval(Duration::from_secs(1)), Ok(1));
    assert_eq!(check_thumbnail_interval(Duration::from_secs(60)), Ok(60));
    assert_eq!(
        check_thumbnail_interval(Duration::from_millis(1)).unwrap_err(),
        "targetInterval must be between 1 and 60 seconds, got 1 milliseconds."
    );
    assert_eq!(
        check_thumbnail_interval(Duration::from_secs(61)).unwrap_err(),
        "targetInterval must be between 1 and 60 seconds, got 61 seconds."
    );
    assert_eq!(
        check_thumbnail_interval(Duration::from_millis(1500)).unwrap_err(),
        "'1500 millis' cannot be converted into a whole number of seconds."
    );
}

#[test]
fn reconnect_window_is_0_to_300_seconds() {
    assert_eq!(check_reconnect_window("w", Duration::ZERO), Ok(0));
    assert_eq!(
        check_reconnect_window("w", Duration::from_secs(300)),
        Ok(300)
    );
    assert_eq!(
        check_reconnect_window("recordingReconnectWindow", Duration::from_millis(1)).unwrap_err(),
        "recordingReconnectWindow must be between 0 and 300 seconds, got 1 milliseconds."
    );
    assert_eq!(
        check_reconnect_window("recordingReconnectWindow", Duration::from_secs(301)).unwrap_err(),
        "recordingReconnectWindow must be between 0 and 300 seconds, got 301 seconds."
    );
}

// --- tags ------------------------------------------------------------------------

#[test]
fn tags_limits_each_have_a_rule() {
    let v = Value::from("v");
    let long_value = Value::from("x".repeat(257));
    let long_key = "k".repeat(129);
    let found = check_tags([
        ("", &v),
        (long_key.as_str(), &v),
        ("ok", &long_value),
        ("aws:reserved", &v),
    ]);
    let rules: Vec<(&str, Severity)> = found
        .iter()
        .map(|f| (f.rule.as_str(), f.severity))
        .collect();
    assert_eq!(
        rules,
        vec![
            ("tag-key-length", Severity::Error),
            ("tag-key-length", Severity::Error),
            ("tag-value-length", Severity::Error),
            ("tag-aws-prefix", Severity::Warning),
        ]
    );
    assert_eq!(
        found[0].message,
        "tag key '' is 0 characters long; a tag key must be 1 to 128 characters"
    );
    assert_eq!(
        found[2].message,
        "the value of tag 'ok' is 257 characters long; a tag value must be at most 256 characters"
    );
    assert_eq!(found[3].message, "tag key 'aws:reserved' starts with 'aws:', a prefix AWS reserves for its own tags; CloudFormation refuses such keys at deploy time, so rename the tag");
    assert_eq!(found[3].property.as_deref(), Some("Tags"));
}

#[test]
fn at_most_50_tags() {
    let v = Value::from("v");
    let keys: Vec<String> = (0..51).map(|i| format!("k{i}")).collect();
    let found = check_tags(keys.iter().map(|k| (k.as_str(), &v)));
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, "tag-count");
    assert_eq!(
        found[0].message,
        "the resource has 51 tags; a resource can have at most 50"
    );
    assert!(check_tags(keys[..50].iter().map(|k| (k.as_str(), &v))).is_empty());
}

// --- regions and quotas ----------------------------------------------------------

fn stack_in(app: &App, id: &str, account: &str, region: &str) -> Stack {
    Stack::with_props(
        app,
        id,
        StackProps {
            env: Some(Environment::new(account, region)),
            ..Default::default()
        },
    )
}

#[test]
fn a_region_without_ivs_warns_once_per_stack_and_lists_the_regions() {
    assert_eq!(IVS_REGIONS.len(), 15);
    let app = App::new();
    let stack = stack_in(&app, "Madrid", "123456789012", "eu-south-2");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    channel.add_stream_key("Key");
    Stage::new(&stack, "Stage", StageProps::default());
    let out = app.synth_in_memory().unwrap();
    let w = only(&out.warnings, "ivs-region-unsupported");
    assert_eq!(w.path, "Madrid");
    assert_eq!(w.message, check_region("eu-south-2").unwrap_err());
    assert!(w.message.starts_with("region 'eu-south-2' does not offer Amazon IVS, so this stack cannot deploy IVS resources there; IVS is available in ap-northeast-1, ap-northeast-2, ap-south-1, eu-central-1,"));
}

#[test]
fn a_region_without_ivs_is_an_error_under_strict() {
    let mut context = indexmap::IndexMap::new();
    context.insert(STRICT_CONTEXT.to_owned(), serde_json::Value::Bool(true));
    let app = App::with_props(AppProps {
        context,
        ..Default::default()
    });
    let stack = stack_in(&app, "Madrid", "123456789012", "eu-south-2");
    Channel::new(&stack, "Channel", ChannelProps::default());
    let p = only(&errors_of(&app), "ivs-region-unsupported");
    assert_eq!(p.severity, Severity::Error);
}

#[test]
fn ivs_regions_and_env_agnostic_stacks_are_quiet() {
    let app = App::new();
    let stack = stack_in(&app, "Oregon", "123456789012", "us-west-2");
    Channel::new(&stack, "Channel", ChannelProps::default());
    let agnostic = Stack::new(&app, "Anywhere");
    Channel::new(&agnostic, "Channel", ChannelProps::default());
    assert!(app.synth_in_memory().unwrap().warnings.is_empty());
}

#[test]
fn a_fourth_playback_key_pair_in_one_account_and_region_warns() {
    let app = App::new();
    let a = stack_in(&app, "A", "123456789012", "us-west-2");
    let b = stack_in(&app, "B", "123456789012", "us-west-2");
    let other = stack_in(&app, "C", "123456789012", "eu-west-1");
    for (stack, id) in [
        (&a, "K1"),
        (&a, "K2"),
        (&b, "K3"),
        (&other, "K1"),
        (&b, "K4"),
    ] {
        PlaybackKeyPair::new(
            stack,
            id,
            PlaybackKeyPairProps {
                public_key_material: P384.into(),
                ..Default::default()
            },
        );
    }
    let out = app.synth_in_memory().unwrap();
    let w = only(&out.warnings, "playback-key-pair-quota");
    assert_eq!(w.path, "B/K4");
    assert_eq!(
        w.message,
        "4 playback key pairs go to the same account and region, but IVS allows at most 3 per account and region (a quota that cannot be raised), so the deploy will fail; share key pairs between channels or delete unused ones (account 123456789012, region us-west-2: A/K1, A/K2, B/K3, B/K4)"
    );
    assert!(check_playback_key_pair_count(3).is_ok());
}

// --- the same rules on template properties (for `ivs-cdk lint`) -------------------

fn lint(type_name: &str, props: serde_json::Value) -> Vec<(String, Severity, String)> {
    let mut findings = Findings::new();
    ivs_cdk::rules::check_resource_properties(type_name, &props.into(), &mut findings);
    findings
        .into_items()
        .into_iter()
        .map(|f| (f.rule, f.severity, f.message))
        .collect()
}

#[test]
fn template_properties_get_the_same_rules() {
    assert!(lint(
        "AWS::IVS::PublicKey",
        serde_json::json!({"PublicKeyMaterial": P384})
    )
    .is_empty());
    let f = lint(
        "AWS::IVS::PlaybackKeyPair",
        serde_json::json!({"PublicKeyMaterial": SEC1_PRIVATE}),
    );
    assert_eq!(f[0].0, "public-key-private-key");
    let f = lint(
        "AWS::IVS::Channel",
        serde_json::json!({"Type": "BASIC", "Preset": "HIGHER_BANDWIDTH_DELIVERY"}),
    );
    assert_eq!(f, vec![("preset-without-advanced-type".into(), Severity::Warning,
        "preset HIGHER_BANDWIDTH_DELIVERY has no effect on a BASIC channel: IVS applies presets only to ADVANCED_SD and ADVANCED_HD channels; remove the preset or use an ADVANCED type".into())]);
    assert!(lint(
        "AWS::IVS::Channel",
        serde_json::json!({"Type": "STANDARD", "Preset": ""})
    )
    .is_empty());
    let f = lint(
        "AWS::IVS::Channel",
        serde_json::json!({"Type": "BASIC", "MultitrackInputConfiguration": {"Enabled": true, "MaximumResolution": "HD", "Policy": "ALLOW"}}),
    );
    assert_eq!(
        f[0].2,
        "multitrack input is only supported for STANDARD channels, got: BASIC."
    );
    assert_eq!(f[1].2, "ContainerFormat must be FRAGMENTED_MP4 when multitrack input is enabled, got: TS (the default).");
    let f = lint(
        "AWS::IVS::RecordingConfiguration",
        serde_json::json!({"RenditionConfiguration": {"RenditionSelection": "CUSTOM", "Renditions": []}}),
    );
    assert_eq!(f[0].0, "custom-renditions-empty");
    let f = lint(
        "AWS::IVS::Stage",
        serde_json::json!({"Tags": [{"Key": "aws:reserved", "Value": "x"}]}),
    );
    assert_eq!(f[0].0, "tag-aws-prefix");
    assert_eq!(f[0].1, Severity::Warning);
}
