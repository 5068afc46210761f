//! The `PlaybackRestrictionPolicy` construct: which countries and origins may play a
//! channel.

use crate::cfn::{CfnPlaybackRestrictionPolicy, CfnPlaybackRestrictionPolicyProps};
use crate::rules::{check_import_arn, check_name, check_stack_region};
use crate::{Construct, Node, RemovalPolicy, Severity, Value};

/// A playback restriction policy, owned or imported.
pub trait IPlaybackRestrictionPolicy {
    /// The playback restriction policy ARN.
    fn playback_restriction_policy_arn(&self) -> Value;
}

/// The settings of a [`PlaybackRestrictionPolicy`]. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PlaybackRestrictionPolicyProps {
    /// The name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub playback_restriction_policy_name: Option<Value>,
    /// The countries where playback is allowed, as ISO 3166-1 alpha-2 codes (`US`,
    /// `DE`). Default: every country.
    pub allowed_countries: Option<Vec<String>>,
    /// The web origins allowed to play (`https://example.com`). Default: every origin.
    pub allowed_origins: Option<Vec<String>>,
    /// Whether the origin is checked on every playback request, also from non-browser
    /// clients. Default: false (only browsers, on the multivariant playlist).
    pub enable_strict_origin_enforcement: Option<bool>,
}

/// A playback restriction policy (`AWS::IVS::PlaybackRestrictionPolicy`).
///
/// **CloudFormation cannot attach it to a channel**: the `AWS::IVS::Channel` schema has
/// no `PlaybackRestrictionPolicyArn` property (the IVS API has). Declare the policy here,
/// then attach it after the deploy with
/// `aws ivs update-channel --arn <channel-arn> --playback-restriction-policy-arn <policy-arn>`
/// (or a custom resource calling `UpdateChannel`).
/// [`Channel::set_playback_restriction_policy`](crate::Channel::set_playback_restriction_policy)
/// reports this gap as an error instead of dropping the policy silently.
///
/// ```
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "Video");
/// let policy = PlaybackRestrictionPolicy::new(&stack, "EuOnly", PlaybackRestrictionPolicyProps {
///     allowed_countries: Some(vec!["DE".into(), "FR".into()]),
///     allowed_origins: Some(vec!["https://video.example.com".into()]),
///     enable_strict_origin_enforcement: Some(true),
///     ..Default::default()
/// });
/// CfnOutput::new(&stack, "PolicyArn", CfnOutputProps {
///     value: Some(policy.playback_restriction_policy_arn()),
///     ..Default::default()
/// });
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct PlaybackRestrictionPolicy {
    node: Node,
    resource: CfnPlaybackRestrictionPolicy,
}

impl Construct for PlaybackRestrictionPolicy {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IPlaybackRestrictionPolicy for PlaybackRestrictionPolicy {
    fn playback_restriction_policy_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl PlaybackRestrictionPolicy {
    /// Declares a playback restriction policy.
    pub fn new(
        scope: &impl Construct,
        id: &str,
        props: PlaybackRestrictionPolicyProps,
    ) -> PlaybackRestrictionPolicy {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.PlaybackRestrictionPolicy");
        check_name(
            &node,
            "playbackRestrictionPolicyName",
            "Name",
            props.playback_restriction_policy_name.as_ref(),
        );
        check_stack_region(&node);
        // The length is the schema's rule (checked by the L1); the letters are ours.
        for (i, code) in props.allowed_countries.iter().flatten().enumerate() {
            if code.chars().count() == 2 && !code.bytes().all(|b| b.is_ascii_uppercase()) {
                node.annotate(
                    Severity::Error,
                    "country-code",
                    Some(&format!("AllowedCountries[{i}]")),
                    format!("'{code}' is not an ISO 3166-1 alpha-2 country code: use two capital letters, e.g. 'US' or 'DE'"),
                );
            }
        }
        let list = |v: Option<Vec<String>>| {
            v.map(|l| Value::List(l.into_iter().map(Value::String).collect()))
        };
        let resource = CfnPlaybackRestrictionPolicy::new(
            &node,
            "Resource",
            CfnPlaybackRestrictionPolicyProps {
                allowed_countries: list(props.allowed_countries),
                allowed_origins: list(props.allowed_origins),
                enable_strict_origin_enforcement: props
                    .enable_strict_origin_enforcement
                    .map(Into::into),
                name: props.playback_restriction_policy_name,
                tags: None,
            },
        );
        PlaybackRestrictionPolicy { node, resource }
    }

    /// Imports an existing policy by ARN
    /// (`arn:aws:ivs:<region>:<account>:playback-restriction-policy/<id>`).
    pub fn from_playback_restriction_policy_arn(
        scope: &impl Construct,
        id: &str,
        playback_restriction_policy_arn: impl Into<Value>,
    ) -> ImportedPlaybackRestrictionPolicy {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = playback_restriction_policy_arn.into();
        check_import_arn(
            &node,
            &arn,
            "ivs",
            "playback-restriction-policy",
            "playback-restriction-policy",
        );
        ImportedPlaybackRestrictionPolicy { node, arn }
    }

    /// The underlying `AWS::IVS::PlaybackRestrictionPolicy` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnPlaybackRestrictionPolicy {
        &self.resource
    }

    /// The policy ARN (`Fn::GetAtt Arn`).
    pub fn playback_restriction_policy_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// A playback restriction policy outside this app, imported with
/// [`PlaybackRestrictionPolicy::from_playback_restriction_policy_arn`].
#[derive(Clone, Debug)]
pub struct ImportedPlaybackRestrictionPolicy {
    node: Node,
    arn: Value,
}

impl Construct for ImportedPlaybackRestrictionPolicy {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IPlaybackRestrictionPolicy for ImportedPlaybackRestrictionPolicy {
    fn playback_restriction_policy_arn(&self) -> Value {
        self.arn.clone()
    }
}
