//! The `EncoderConfiguration` construct: video settings of real-time compositions.

use crate::cfn::ivs_encoder_configuration::VideoProperty;
use crate::cfn::{CfnEncoderConfiguration, CfnEncoderConfigurationProps};
use crate::rules::{check_import_arn, check_name, check_stack_region};
use crate::{Construct, Node, RemovalPolicy, Severity, Value};

/// An encoder configuration, owned or imported.
pub trait IEncoderConfiguration {
    /// The encoder configuration ARN.
    fn encoder_configuration_arn(&self) -> Value;
}

/// The video a composition encodes. Every field is optional.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Video {
    /// Bitrate in bits per second, 1 to 8,500,000. Default: 2,500,000.
    pub bitrate: Option<u32>,
    /// Frame rate in frames per second, 1 to 60. Default: 30.
    pub framerate: Option<f64>,
    /// Height in pixels: even, 2 to 1920, and width × height at most 2,073,600
    /// (1920×1080 or 1080×1920). Default: 720.
    pub height: Option<u32>,
    /// Width in pixels: even, 2 to 1920, and width × height at most 2,073,600.
    /// Default: 1280.
    pub width: Option<u32>,
}

/// The settings of an [`EncoderConfiguration`]. Every field is optional.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EncoderConfigurationProps {
    /// The name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub encoder_configuration_name: Option<Value>,
    /// The video settings. Default: 1280×720, 2,500 kbps, 30 fps.
    pub video: Option<Video>,
}

/// The most pixels an encoded frame may have (1920 × 1080).
pub const MAX_ENCODER_PIXELS: u64 = 2_073_600;

/// An encoder configuration (`AWS::IVS::EncoderConfiguration`): how a real-time
/// composition encodes its video.
///
/// ```
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "RealTime");
/// let encoder = EncoderConfiguration::new(&stack, "FullHd", EncoderConfigurationProps {
///     encoder_configuration_name: Some("full-hd".into()),
///     video: Some(Video {
///         width: Some(1920),
///         height: Some(1080),
///         framerate: Some(30.0),
///         bitrate: Some(6_000_000),
///     }),
/// });
/// # let _ = encoder.encoder_configuration_arn();
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct EncoderConfiguration {
    node: Node,
    resource: CfnEncoderConfiguration,
}

impl Construct for EncoderConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IEncoderConfiguration for EncoderConfiguration {
    fn encoder_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl EncoderConfiguration {
    /// Declares an encoder configuration.
    pub fn new(
        scope: &impl Construct,
        id: &str,
        props: EncoderConfigurationProps,
    ) -> EncoderConfiguration {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.EncoderConfiguration");
        check_name(
            &node,
            "encoderConfigurationName",
            "Name",
            props.encoder_configuration_name.as_ref(),
        );
        check_stack_region(&node);
        if let Some(v) = &props.video {
            check_video(&node, v);
        }
        let resource = CfnEncoderConfiguration::new(
            &node,
            "Resource",
            CfnEncoderConfigurationProps {
                name: props.encoder_configuration_name,
                tags: None,
                video: props.video.map(|v| VideoProperty {
                    bitrate: v.bitrate.map(Into::into),
                    framerate: v.framerate.map(Into::into),
                    height: v.height.map(Into::into),
                    width: v.width.map(Into::into),
                }),
            },
        );
        EncoderConfiguration { node, resource }
    }

    /// Imports an existing encoder configuration by ARN
    /// (`arn:aws:ivs:<region>:<account>:encoder-configuration/<id>`).
    pub fn from_encoder_configuration_arn(
        scope: &impl Construct,
        id: &str,
        encoder_configuration_arn: impl Into<Value>,
    ) -> ImportedEncoderConfiguration {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = encoder_configuration_arn.into();
        check_import_arn(
            &node,
            &arn,
            "ivs",
            "encoder-configuration",
            "encoder-configuration",
        );
        ImportedEncoderConfiguration { node, arn }
    }

    /// The underlying `AWS::IVS::EncoderConfiguration` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnEncoderConfiguration {
        &self.resource
    }

    /// The encoder configuration ARN (`Fn::GetAtt Arn`).
    pub fn encoder_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// The size rules the schema states only in prose: even dimensions, at most
/// 2,073,600 pixels. (The numeric ranges are the schema's own.)
fn check_video(node: &Node, v: &Video) {
    for (prop, value) in [("Video.Width", v.width), ("Video.Height", v.height)] {
        if let Some(x) = value {
            if x % 2 != 0 {
                node.annotate(
                    Severity::Error,
                    "encoder-dimension-odd",
                    Some(prop),
                    format!(
                        "{} must be an even number of pixels, got {x}",
                        prop.trim_start_matches("Video.").to_lowercase()
                    ),
                );
            }
        }
    }
    let width = u64::from(v.width.unwrap_or(1280));
    let height = u64::from(v.height.unwrap_or(720));
    if width * height > MAX_ENCODER_PIXELS {
        node.annotate(
            Severity::Error,
            "encoder-max-pixels",
            Some("Video"),
            format!("a {width}x{height} frame has {} pixels, more than the {MAX_ENCODER_PIXELS} (1920x1080 or 1080x1920) IVS encodes", width * height),
        );
    }
}

/// An encoder configuration outside this app, imported with
/// [`EncoderConfiguration::from_encoder_configuration_arn`].
#[derive(Clone, Debug)]
pub struct ImportedEncoderConfiguration {
    node: Node,
    arn: Value,
}

impl Construct for ImportedEncoderConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IEncoderConfiguration for ImportedEncoderConfiguration {
    fn encoder_configuration_arn(&self) -> Value {
        self.arn.clone()
    }
}
