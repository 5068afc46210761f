//! `PlaybackRestrictionPolicy` and `AdConfiguration`.

use std::time::Duration;

use ivs_cdk::*;
use serde_json::{json, Value as Json};

fn template(app: &App) -> Json {
    serde_json::from_str(&app.synth_in_memory().unwrap().stacks[0].template).unwrap()
}

fn errors(app: &App) -> Vec<Problem> {
    app.synth_in_memory().unwrap_err().problems().to_vec()
}

#[test]
fn a_policy_renders_countries_origins_and_strictness() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let policy = PlaybackRestrictionPolicy::new(
        &stack,
        "Policy",
        PlaybackRestrictionPolicyProps {
            playback_restriction_policy_name: Some("eu".into()),
            allowed_countries: Some(vec!["DE".into(), "FR".into()]),
            allowed_origins: Some(vec!["https://example.com".into()]),
            enable_strict_origin_enforcement: Some(true),
        },
    );
    CfnOutput::new(
        &stack,
        "Arn",
        CfnOutputProps {
            value: Some(policy.playback_restriction_policy_arn()),
            ..Default::default()
        },
    );
    let t = template(&app);
    let (lid, r) = t["Resources"].as_object().unwrap().iter().next().unwrap();
    assert_eq!(r["Type"], "AWS::IVS::PlaybackRestrictionPolicy");
    assert_eq!(
        r["Properties"],
        json!({"AllowedCountries": ["DE", "FR"], "AllowedOrigins": ["https://example.com"], "EnableStrictOriginEnforcement": true, "Name": "eu"})
    );
    assert_eq!(
        t["Outputs"]["Arn"]["Value"],
        json!({"Fn::GetAtt": [lid, "Arn"]})
    );
}

#[test]
fn country_codes_are_two_capital_letters() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    PlaybackRestrictionPolicy::new(
        &stack,
        "Policy",
        PlaybackRestrictionPolicyProps {
            allowed_countries: Some(vec!["de".into(), "USA".into(), "GB".into()]),
            ..Default::default()
        },
    );
    let p = errors(&app);
    let got: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        got,
        vec![
            "'de' is not an ISO 3166-1 alpha-2 country code: use two capital letters, e.g. 'US' or 'DE'",
            "AllowedCountries[1] 'USA' is 3 characters long, more than 2: use 2 to 2 characters",
        ]
    );
    assert_eq!(p[0].rule, "country-code");
    assert_eq!(p[0].property.as_deref(), Some("AllowedCountries[0]"));
}

#[test]
fn an_ad_configuration_lists_the_default_playback_configuration_first() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let ads = AdConfiguration::new(
        &stack,
        "Ads",
        AdConfigurationProps {
            additional_playback_configuration_arns: vec![
                "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/b".into(),
            ],
            post_roll: Some(Duration::from_secs(30)),
            ..AdConfigurationProps::new(
                "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/a",
            )
        },
    );
    CfnOutput::new(
        &stack,
        "Arn",
        CfnOutputProps {
            value: Some(ads.ad_configuration_arn()),
            ..Default::default()
        },
    );
    let t = template(&app);
    let r = t["Resources"].as_object().unwrap().values().next().unwrap();
    assert_eq!(r["Type"], "AWS::IVS::AdConfiguration");
    assert_eq!(
        r["Properties"],
        json!({
            "MediaTailorPlaybackConfigurations": [
                {"PlaybackConfigurationArn": "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/a"},
                {"PlaybackConfigurationArn": "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/b"}
            ],
            "PostRollConfiguration": {"DurationSeconds": 30, "Enabled": true}
        })
    );
}

#[test]
fn ad_configuration_limits() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let arn = |n: &str| {
        Value::from(format!(
            "arn:aws:mediatailor:ap-northeast-1:123456789012:playbackConfiguration/{n}"
        ))
    };
    AdConfiguration::new(
        &stack,
        "Ads",
        AdConfigurationProps {
            additional_playback_configuration_arns: vec![arn("b"), arn("c"), arn("d")],
            post_roll: Some(Duration::from_secs(301)),
            ..AdConfigurationProps::new(arn("a"))
        },
    );
    let out = app.synth_in_memory();
    let p = out.unwrap_err().problems().to_vec();
    let got: Vec<(&str, &str)> = p
        .iter()
        .map(|p| (p.rule.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "ad-playback-configurations-count",
                "an ad configuration has at most 3 MediaTailor playback configurations, got 4"
            ),
            (
                "post-roll-duration-range",
                "postRoll must be between 1 and 300 seconds, got 301 seconds."
            ),
        ]
    );
}

#[test]
fn an_ad_configuration_in_an_ivs_region_without_ads_warns() {
    let app = App::new();
    let stack = Stack::with_props(
        &app,
        "Tokyo",
        StackProps {
            env: Some(Environment::new("123456789012", "ap-northeast-1")),
            ..Default::default()
        },
    );
    AdConfiguration::new(
        &stack,
        "Ads",
        AdConfigurationProps::new(
            "arn:aws:mediatailor:ap-northeast-1:123456789012:playbackConfiguration/a",
        ),
    );
    let out = app.synth_in_memory().unwrap();
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].rule, "ad-configuration-region-unsupported");
    assert_eq!(
        out.warnings[0].message,
        "region 'ap-northeast-1' offers IVS but not ad configurations; AWS::IVS::AdConfiguration is available in ap-south-1, eu-central-1, eu-isoe-west-1, eusc-de-east-1, us-east-1, us-iso-east-1, us-iso-west-1, us-isob-east-1, us-isob-west-1, us-isof-east-1, us-isof-south-1, us-west-2"
    );
}
