//! The `Channel` construct: an IVS channel, or an existing one imported by ARN.

use crate::cfn::{CfnChannel, CfnChannelProps, MultitrackInputConfigurationProperty};
use crate::enums::{ChannelType, ContainerFormat, LatencyMode, MaximumResolution, Policy, Preset};
use crate::playback_restriction_policy::IPlaybackRestrictionPolicy;
use crate::recording_configuration::IRecordingConfiguration;
use crate::rules::{check_name, check_stack_region};
use crate::stream_key::{StreamKey, StreamKeyProps};
use crate::{names, ArnComponents, Construct, Node, Severity, Value};

/// A channel, owned by this app or imported: what a stream key needs.
pub trait IChannel: Construct {
    /// The channel ARN.
    fn channel_arn(&self) -> Value;

    /// Adds a stream key for this channel, as a child of the channel construct.
    fn add_stream_key(&self, id: &str) -> StreamKey
    where
        Self: Sized,
    {
        StreamKey::new(self, id, StreamKeyProps { channel: self })
    }
}

/// Multitrack input settings of a channel (STANDARD channels with fragmented MP4).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MultitrackInputConfiguration {
    /// The highest resolution of the tracks.
    pub maximum_resolution: MaximumResolution,
    /// Whether multitrack input is allowed or required.
    pub policy: Policy,
}

/// The settings of a [`Channel`]. Every field is optional.
#[derive(Default)]
pub struct ChannelProps {
    /// Whether playback needs a signed token (a private channel). Default: false.
    pub authorized: Option<bool>,
    /// The channel name (CDK v1: `name`). Default: a name generated from the construct
    /// path, unique in the account (`<StackName><Path><Hash>`, at most 128 characters).
    #[doc(alias = "name")]
    pub channel_name: Option<Value>,
    /// The packaging format. Default: `FRAGMENTED_MP4` with multitrack input, else the
    /// service default (`TS`).
    pub container_format: Option<ContainerFormat>,
    /// Whether RTMP (unencrypted) ingest is allowed. Default: false (RTMPS only).
    pub insecure_ingest: Option<bool>,
    /// The latency mode. Default: [`LatencyMode::Low`].
    pub latency_mode: Option<LatencyMode>,
    /// Multitrack input. Default: none.
    pub multitrack_input_configuration: Option<MultitrackInputConfiguration>,
    /// The transcode preset, for ADVANCED channel types only. Default: the service
    /// picks `HIGHER_BANDWIDTH_DELIVERY` for ADVANCED channels.
    pub preset: Option<Preset>,
    /// Where streams are recorded. Default: no recording.
    pub recording_configuration: Option<Box<dyn IRecordingConfiguration>>,
    /// The channel type. Default: [`ChannelType::Standard`].
    pub r#type: Option<ChannelType>,
}

impl std::fmt::Debug for ChannelProps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChannelProps")
            .field("authorized", &self.authorized)
            .field("channel_name", &self.channel_name)
            .field("container_format", &self.container_format)
            .field("insecure_ingest", &self.insecure_ingest)
            .field("latency_mode", &self.latency_mode)
            .field(
                "multitrack_input_configuration",
                &self.multitrack_input_configuration,
            )
            .field("preset", &self.preset)
            .field(
                "recording_configuration",
                &self
                    .recording_configuration
                    .as_ref()
                    .map(|r| r.recording_configuration_arn()),
            )
            .field("type", &self.r#type)
            .finish()
    }
}

impl ChannelProps {
    /// Props with only a name: the CDK v1 spelling `{ name }`.
    pub fn named(name: impl Into<Value>) -> Self {
        ChannelProps {
            channel_name: Some(name.into()),
            ..Default::default()
        }
    }
}

/// An Amazon IVS channel (`AWS::IVS::Channel`).
///
/// ```
/// use ivs_cdk::{App, Channel, ChannelProps, ChannelType, IChannel, LatencyMode, Stack};
/// let app = App::new();
/// let stack = Stack::new(&app, "Video");
/// let channel = Channel::new(&stack, "Channel", ChannelProps {
///     latency_mode: Some(LatencyMode::Normal),
///     r#type: Some(ChannelType::Basic),
///     ..Default::default()
/// });
/// let key = channel.add_stream_key("StreamKey");
/// ```
#[derive(Clone, Debug)]
pub struct Channel {
    node: Node,
    resource: CfnChannel,
}

impl Construct for Channel {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IChannel for Channel {
    fn channel_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl Channel {
    /// Declares a channel.
    pub fn new(scope: &impl Construct, id: &str, props: ChannelProps) -> Channel {
        let node = Node::new_with_fqn(scope, id, "@aws-cdk/aws-ivs-alpha.Channel");
        let name = props.channel_name.clone().or_else(|| generated_name(&node));
        check_name(&node, "channelName", "Name", props.channel_name.as_ref());
        check_stack_region(&node);

        let preset: Option<Value> = match (props.preset, props.r#type) {
            (Some(p), Some(ChannelType::Standard | ChannelType::Basic)) => {
                node.annotate(
                    Severity::Warning,
                    "preset-without-advanced-type",
                    Some("Preset"),
                    format!(
                        "preset {p} has no effect on a {} channel: IVS applies presets only to ADVANCED_SD and ADVANCED_HD channels. The template sets Preset to \"\" (as the AWS CDK does); remove preset or use an ADVANCED type",
                        props.r#type.map(ChannelType::as_str).unwrap_or_default()
                    ),
                );
                Some(Value::String(String::new()))
            }
            (Some(p), None) => {
                node.annotate(
                    Severity::Warning,
                    "preset-without-advanced-type",
                    Some("Preset"),
                    format!("preset {p} is set but the channel type is not: the default type STANDARD ignores presets; set type to ADVANCED_SD or ADVANCED_HD"),
                );
                Some(p.into())
            }
            (p, _) => p.map(Into::into),
        };

        let mut container_format = props.container_format;
        let mut multitrack = None;
        if let Some(m) = props.multitrack_input_configuration {
            if let Some(t) = props.r#type {
                if t != ChannelType::Standard {
                    node.annotate(
                        Severity::Error,
                        "multitrack-type",
                        Some("MultitrackInputConfiguration"),
                        format!("multitrackInputConfiguration is only supported for ChannelType.STANDARD, got: {t}."),
                    );
                }
            }
            match container_format {
                Some(ContainerFormat::FragmentedMp4) => {}
                Some(other) => node.annotate(
                    Severity::Error,
                    "multitrack-container-format",
                    Some("ContainerFormat"),
                    format!("containerFormat must be set to ContainerFormat.FRAGMENTED_MP4 when multitrackInputConfiguration is specified, got: {other}."),
                ),
                None => container_format = Some(ContainerFormat::FragmentedMp4),
            }
            multitrack = Some(MultitrackInputConfigurationProperty {
                enabled: Some(true.into()),
                maximum_resolution: Some(m.maximum_resolution.into()),
                policy: Some(m.policy.into()),
            });
        }

        let resource = CfnChannel::new(
            &node,
            "Resource",
            CfnChannelProps {
                authorized: props.authorized.map(Into::into),
                container_format: container_format.map(Into::into),
                insecure_ingest: props.insecure_ingest.map(Into::into),
                latency_mode: props.latency_mode.map(Into::into),
                multitrack_input_configuration: multitrack,
                name,
                preset,
                recording_configuration_arn: props
                    .recording_configuration
                    .as_ref()
                    .map(|r| r.recording_configuration_arn()),
                tags: None,
                r#type: props.r#type.map(Into::into),
            },
        );
        Channel { node, resource }
    }

    /// Imports an existing channel by ARN, e.g. to add stream keys to it. A literal ARN
    /// must be an IVS channel ARN (`arn:aws:ivs:<region>:<account>:channel/<id>`); an
    /// intrinsic (a parameter, an imported value) is taken as it is.
    pub fn from_channel_arn(
        scope: &impl Construct,
        id: &str,
        channel_arn: impl Into<Value>,
    ) -> ImportedChannel {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = channel_arn.into();
        if let Value::String(s) = &arn {
            match ArnComponents::parse(s) {
                Err(e) => node.annotate(Severity::Error, "channel-arn", None, e.to_string()),
                Ok(parts) => {
                    if parts.service != "ivs" {
                        node.annotate(
                            Severity::Error,
                            "channel-arn-service",
                            None,
                            format!("Invalid service, expected 'ivs', got '{}'", parts.service),
                        );
                    }
                    if parts.resource != "channel" {
                        node.annotate(
                            Severity::Error,
                            "channel-arn-resource",
                            None,
                            format!(
                                "Invalid resource, expected 'channel', got '{}'",
                                parts.resource
                            ),
                        );
                    }
                }
            }
        }
        ImportedChannel { node, arn }
    }

    /// The underlying `AWS::IVS::Channel` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnChannel {
        &self.resource
    }

    /// The channel ARN (`Fn::GetAtt Arn`).
    pub fn channel_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The ingest endpoint for encoders (`Fn::GetAtt IngestEndpoint`).
    pub fn channel_ingest_endpoint(&self) -> Value {
        self.resource.attr_ingest_endpoint()
    }

    /// The playback URL for players (`Fn::GetAtt PlaybackUrl`).
    pub fn channel_playback_url(&self) -> Value {
        self.resource.attr_playback_url()
    }

    /// Adds a stream key for this channel (see [`IChannel::add_stream_key`]).
    pub fn add_stream_key(&self, id: &str) -> StreamKey {
        IChannel::add_stream_key(self, id)
    }

    /// Would attach a playback restriction policy (allowed countries and origins) to
    /// the channel, but **CloudFormation cannot express it**: the `AWS::IVS::Channel`
    /// schema has no `PlaybackRestrictionPolicyArn` property, although the IVS API has.
    /// Rather than dropping the policy silently, this records an error
    /// (`playback-restriction-policy-unsupported`) that explains the workaround: deploy
    /// the policy, then attach it with
    /// `aws ivs update-channel --arn <channel-arn> --playback-restriction-policy-arn <policy-arn>`
    /// (or a custom resource calling `UpdateChannel`).
    pub fn set_playback_restriction_policy(&self, policy: &dyn IPlaybackRestrictionPolicy) {
        let arn = policy.playback_restriction_policy_arn();
        let shown = match &arn {
            Value::String(s) => format!(" '{s}'"),
            _ => String::new(),
        };
        self.node.annotate(
            Severity::Error,
            "playback-restriction-policy-unsupported",
            Some("PlaybackRestrictionPolicyArn"),
            format!("a playback restriction policy{shown} cannot be attached to a channel by CloudFormation: AWS::IVS::Channel has no PlaybackRestrictionPolicyArn property (the IVS API has). Remove this call, deploy the policy, then attach it with `aws ivs update-channel --arn <channel-arn> --playback-restriction-policy-arn <policy-arn>` or a custom resource that calls UpdateChannel"),
        );
    }

    /// Applies a removal policy to the channel resource.
    pub fn apply_removal_policy(&self, policy: crate::RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

fn generated_name(node: &Node) -> Option<Value> {
    let stack = node.stack()?;
    let stack_name = stack.stack_name();
    let path = node.path();
    let stack_path = stack.node().path();
    let rest = path
        .strip_prefix(&stack_path)
        .unwrap_or(&path)
        .trim_start_matches('/');
    let mut components: Vec<&str> = vec![&stack_name];
    components.extend(rest.split('/').filter(|c| !c.is_empty()));
    names::unique_resource_name(&components, 128, "-_")
        .ok()
        .map(Value::String)
}

/// A channel that exists outside this app, imported with [`Channel::from_channel_arn`].
#[derive(Clone, Debug)]
pub struct ImportedChannel {
    node: Node,
    arn: Value,
}

impl Construct for ImportedChannel {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IChannel for ImportedChannel {
    fn channel_arn(&self) -> Value {
        self.arn.clone()
    }
}

impl ImportedChannel {
    /// The channel ARN, as given.
    pub fn channel_arn(&self) -> Value {
        self.arn.clone()
    }

    /// Adds a stream key for this channel (see [`IChannel::add_stream_key`]).
    pub fn add_stream_key(&self, id: &str) -> StreamKey {
        IChannel::add_stream_key(self, id)
    }
}
