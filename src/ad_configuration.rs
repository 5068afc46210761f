//! The `AdConfiguration` construct: server-side ad insertion with AWS Elemental
//! MediaTailor.

use std::time::Duration;

use crate::cfn::ivs_ad_configuration::{
    MediaTailorPlaybackConfigurationProperty, PostRollConfigurationProperty,
};
use crate::cfn::{CfnAdConfiguration, CfnAdConfigurationProps};
use crate::rules::{
    check_import_arn, check_name, check_seconds_range, check_stack_region, seconds_or_annotate,
    IVS_AD_CONFIGURATION_REGIONS, IVS_REGIONS,
};
use crate::{Construct, Node, RemovalPolicy, Severity, Value};

/// An ad configuration, owned or imported.
pub trait IAdConfiguration {
    /// The ad configuration ARN.
    fn ad_configuration_arn(&self) -> Value;
}

/// The settings of an [`AdConfiguration`].
#[derive(Debug, Clone, PartialEq)]
pub struct AdConfigurationProps {
    /// The ARN of the MediaTailor playback configuration used by default (required;
    /// `arn:aws:mediatailor:<region>:<account>:playbackConfiguration/<name>`, same
    /// account and region). It becomes the first of `MediaTailorPlaybackConfigurations`.
    pub playback_configuration_arn: Value,
    /// Up to two more MediaTailor playback configurations. Default: none.
    pub additional_playback_configuration_arns: Vec<Value>,
    /// The name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub ad_configuration_name: Option<Value>,
    /// A post-roll ad break of this length (1 to 300 whole seconds) when a stream
    /// ends. Default: no post-roll.
    pub post_roll: Option<Duration>,
}

impl AdConfigurationProps {
    /// Props with only the default MediaTailor playback configuration.
    pub fn new(playback_configuration_arn: impl Into<Value>) -> Self {
        AdConfigurationProps {
            playback_configuration_arn: playback_configuration_arn.into(),
            additional_playback_configuration_arns: Vec::new(),
            ad_configuration_name: None,
            post_roll: None,
        }
    }
}

/// An ad configuration (`AWS::IVS::AdConfiguration`): links IVS to AWS Elemental
/// MediaTailor playback configurations for server-side ad insertion. Offered in fewer
/// regions than the rest of IVS ([`IVS_AD_CONFIGURATION_REGIONS`]).
///
/// ```
/// use std::time::Duration;
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "Video");
/// let ads = AdConfiguration::new(&stack, "Ads", AdConfigurationProps {
///     post_roll: Some(Duration::from_secs(30)),
///     ..AdConfigurationProps::new(
///         "arn:aws:mediatailor:us-west-2:123456789012:playbackConfiguration/live-ads",
///     )
/// });
/// # let _ = ads.ad_configuration_arn();
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct AdConfiguration {
    node: Node,
    resource: CfnAdConfiguration,
}

impl Construct for AdConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IAdConfiguration for AdConfiguration {
    fn ad_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl AdConfiguration {
    /// Declares an ad configuration.
    pub fn new(scope: &impl Construct, id: &str, props: AdConfigurationProps) -> AdConfiguration {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.AdConfiguration");
        check_name(
            &node,
            "adConfigurationName",
            "Name",
            props.ad_configuration_name.as_ref(),
        );
        check_stack_region(&node);
        if let Some(region) = node.stack().and_then(|s| s.environment().region) {
            if IVS_REGIONS.contains(&region.as_str())
                && !IVS_AD_CONFIGURATION_REGIONS.contains(&region.as_str())
            {
                node.annotate(
                    Severity::Warning,
                    "ad-configuration-region-unsupported",
                    None,
                    format!("region '{region}' offers IVS but not ad configurations; AWS::IVS::AdConfiguration is available in {}", IVS_AD_CONFIGURATION_REGIONS.join(", ")),
                );
            }
        }
        let extra = props.additional_playback_configuration_arns.len();
        if extra > 2 {
            node.annotate(
                Severity::Error,
                "ad-playback-configurations-count",
                Some("MediaTailorPlaybackConfigurations"),
                format!(
                    "an ad configuration has at most 3 MediaTailor playback configurations, got {}",
                    extra + 1
                ),
            );
        }
        let post_roll = props.post_roll.and_then(|d| {
            seconds_or_annotate(
                &node,
                "PostRollConfiguration.DurationSeconds",
                "post-roll-duration-range",
                check_seconds_range("postRoll", d, 1, 300),
            )
        });
        let configurations = std::iter::once(props.playback_configuration_arn)
            .chain(props.additional_playback_configuration_arns)
            .map(|arn| MediaTailorPlaybackConfigurationProperty {
                playback_configuration_arn: Some(arn),
            })
            .collect();
        let resource = CfnAdConfiguration::new(
            &node,
            "Resource",
            CfnAdConfigurationProps {
                media_tailor_playback_configurations: Some(configurations),
                name: props.ad_configuration_name,
                post_roll_configuration: post_roll.map(|s| PostRollConfigurationProperty {
                    duration_seconds: Some(s.into()),
                    enabled: Some(true.into()),
                }),
                tags: None,
            },
        );
        AdConfiguration { node, resource }
    }

    /// Imports an existing ad configuration by ARN
    /// (`arn:aws:ivs:<region>:<account>:ad-configuration/<id>`).
    pub fn from_ad_configuration_arn(
        scope: &impl Construct,
        id: &str,
        ad_configuration_arn: impl Into<Value>,
    ) -> ImportedAdConfiguration {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = ad_configuration_arn.into();
        check_import_arn(&node, &arn, "ivs", "ad-configuration", "ad-configuration");
        ImportedAdConfiguration { node, arn }
    }

    /// The underlying `AWS::IVS::AdConfiguration` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnAdConfiguration {
        &self.resource
    }

    /// The ad configuration ARN (`Fn::GetAtt Arn`).
    pub fn ad_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// An ad configuration outside this app, imported with
/// [`AdConfiguration::from_ad_configuration_arn`].
#[derive(Clone, Debug)]
pub struct ImportedAdConfiguration {
    node: Node,
    arn: Value,
}

impl Construct for ImportedAdConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IAdConfiguration for ImportedAdConfiguration {
    fn ad_configuration_arn(&self) -> Value {
        self.arn.clone()
    }
}
