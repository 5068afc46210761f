//! The `RecordingConfiguration` construct: where and how channels are recorded to S3.

use std::time::Duration;

use crate::cfn::{
    CfnRecordingConfiguration, CfnRecordingConfigurationProps, DestinationConfigurationProperty,
    RenditionConfigurationProperty, S3DestinationConfigurationProperty,
    ThumbnailConfigurationProperty,
};
use crate::enums::{RecordingMode, RenditionSelection, Resolution, Storage};
use crate::rules::{
    check_import_arn, check_reconnect_window, check_stack_region, check_thumbnail_interval,
    is_resource_name, seconds_or_annotate,
};
use crate::{Construct, Fn, IBucket, Node, Severity, Stack, Value};

/// A recording configuration, owned or imported: what a channel records with.
pub trait IRecordingConfiguration {
    /// The recording configuration ARN.
    fn recording_configuration_arn(&self) -> Value;
    /// The recording configuration id (for an owned one, CloudFormation's `Ref`, which
    /// for this type is the ARN, as in the CDK).
    fn recording_configuration_id(&self) -> Value;
}

/// Which renditions of a stream are recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenditionConfiguration {
    /// Every rendition.
    All,
    /// No rendition.
    None,
    /// The listed renditions: at least one, by construction.
    Custom(Renditions),
}

impl RenditionConfiguration {
    /// Every rendition (the CDK's `RenditionConfiguration.all()`).
    pub fn all() -> Self {
        RenditionConfiguration::All
    }

    /// No rendition (the CDK's `RenditionConfiguration.none()`).
    pub fn none() -> Self {
        RenditionConfiguration::None
    }

    /// The listed renditions, `first` then `rest` (the CDK's
    /// `RenditionConfiguration.custom([...])`, which cannot be empty here).
    ///
    /// ```
    /// use ivs_cdk::{RenditionConfiguration, Resolution};
    /// let hd_and_sd = RenditionConfiguration::custom(Resolution::Hd, [Resolution::Sd]);
    /// ```
    pub fn custom(first: Resolution, rest: impl IntoIterator<Item = Resolution>) -> Self {
        RenditionConfiguration::Custom(Renditions::new(first, rest))
    }
}

/// A non-empty list of renditions to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renditions {
    first: Resolution,
    rest: Vec<Resolution>,
}

impl Renditions {
    /// `first`, then `rest`, in this order.
    pub fn new(first: Resolution, rest: impl IntoIterator<Item = Resolution>) -> Self {
        Renditions {
            first,
            rest: rest.into_iter().collect(),
        }
    }

    /// The list, or `None` when it is empty.
    pub fn from_vec(list: Vec<Resolution>) -> Option<Self> {
        let mut it = list.into_iter();
        it.next().map(|first| Renditions::new(first, it))
    }

    /// The renditions, in order.
    pub fn to_vec(&self) -> Vec<Resolution> {
        std::iter::once(self.first)
            .chain(self.rest.iter().copied())
            .collect()
    }
}

impl From<Resolution> for Renditions {
    fn from(r: Resolution) -> Self {
        Renditions::new(r, [])
    }
}

/// Whether and how thumbnails are recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ThumbnailConfiguration {
    /// No thumbnails.
    Disable,
    /// Thumbnails at an interval.
    Interval {
        /// Their resolution. Default: the source's.
        resolution: Option<Resolution>,
        /// How they are stored. Default: `SEQUENTIAL`.
        storage: Option<Vec<Storage>>,
        /// The interval, 1 to 60 whole seconds. Default: 60 seconds.
        target_interval: Option<Duration>,
    },
}

/// The settings of a [`RecordingConfiguration`].
pub struct RecordingConfigurationProps<'a> {
    /// The S3 bucket recordings go to (required).
    pub bucket: &'a dyn IBucket,
    /// The name. Default: none.
    pub recording_configuration_name: Option<Value>,
    /// How long a disconnected stream may reconnect into the same recording: 0 to 300
    /// whole seconds. Default: 0 (a new recording each time).
    pub recording_reconnect_window: Option<Duration>,
    /// Which renditions are recorded. Default: all.
    pub rendition_configuration: Option<RenditionConfiguration>,
    /// Thumbnails. Default: one every 60 seconds.
    pub thumbnail_configuration: Option<ThumbnailConfiguration>,
}

/// A recording configuration (`AWS::IVS::RecordingConfiguration`).
///
/// ```
/// use std::time::Duration;
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "Video");
/// let bucket = Bucket::new(&stack, "Bucket", BucketProps::default());
/// let recording = RecordingConfiguration::new(&stack, "Recording", RecordingConfigurationProps {
///     bucket: &bucket,
///     recording_configuration_name: None,
///     recording_reconnect_window: Some(Duration::from_secs(30)),
///     rendition_configuration: Some(RenditionConfiguration::custom(Resolution::Hd, [Resolution::Sd])),
///     thumbnail_configuration: Some(ThumbnailConfiguration::Disable),
/// });
/// Channel::new(&stack, "Channel", ChannelProps {
///     recording_configuration: Some(Box::new(recording)),
///     ..Default::default()
/// });
/// ```
#[derive(Clone, Debug)]
pub struct RecordingConfiguration {
    node: Node,
    resource: CfnRecordingConfiguration,
}

impl Construct for RecordingConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IRecordingConfiguration for RecordingConfiguration {
    fn recording_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }
    fn recording_configuration_id(&self) -> Value {
        self.resource.cfn_ref()
    }
}

impl RecordingConfiguration {
    /// Declares a recording configuration.
    pub fn new(scope: &impl Construct, id: &str, props: RecordingConfigurationProps<'_>) -> Self {
        let node = Node::new_with_fqn(scope, id, "@aws-cdk/aws-ivs-alpha.RecordingConfiguration");
        if let Some(Value::String(name)) = &props.recording_configuration_name {
            if !is_resource_name(name) {
                node.annotate(
                    Severity::Error,
                    "name-pattern",
                    Some("Name"),
                    format!("recordingConfigurationName must consist only of alphanumeric characters, hyphens or underbars, got: '{name}'."),
                );
            }
            let len = name.chars().count();
            if len > 128 {
                node.annotate(
                    Severity::Error,
                    "name-length",
                    Some("Name"),
                    format!("recordingConfigurationName must be less than or equal to 128 characters, got: {len} characters."),
                );
            }
        }
        check_stack_region(&node);
        let window = props.recording_reconnect_window.and_then(|w| {
            seconds_or_annotate(
                &node,
                "RecordingReconnectWindowSeconds",
                "reconnect-window-range",
                check_reconnect_window("recordingReconnectWindow", w),
            )
        });
        let rendition = props.rendition_configuration.map(|r| match r {
            RenditionConfiguration::All => rendition(RenditionSelection::All, None),
            RenditionConfiguration::None => rendition(RenditionSelection::None, None),
            RenditionConfiguration::Custom(list) => {
                rendition(RenditionSelection::Custom, Some(list.to_vec()))
            }
        });
        let thumbnail = props.thumbnail_configuration.map(|t| match t {
            ThumbnailConfiguration::Disable => ThumbnailConfigurationProperty {
                recording_mode: Some(RecordingMode::Disabled.into()),
                ..Default::default()
            },
            ThumbnailConfiguration::Interval {
                resolution,
                storage,
                target_interval,
            } => {
                let seconds = target_interval.and_then(|t| {
                    seconds_or_annotate(
                        &node,
                        "ThumbnailConfiguration.TargetIntervalSeconds",
                        "thumbnail-interval-range",
                        check_thumbnail_interval(t),
                    )
                });
                ThumbnailConfigurationProperty {
                    recording_mode: Some(RecordingMode::Interval.into()),
                    resolution: resolution.map(Into::into),
                    storage: storage.map(|s| Value::List(s.into_iter().map(Into::into).collect())),
                    target_interval_seconds: seconds.map(Into::into),
                }
            }
        });
        let resource = CfnRecordingConfiguration::new(
            &node,
            "Resource",
            CfnRecordingConfigurationProps {
                destination_configuration: Some(DestinationConfigurationProperty {
                    s3: Some(S3DestinationConfigurationProperty {
                        bucket_name: Some(props.bucket.bucket_name()),
                    }),
                }),
                name: props.recording_configuration_name,
                recording_reconnect_window_seconds: window.map(Into::into),
                rendition_configuration: rendition,
                tags: None,
                thumbnail_configuration: thumbnail,
            },
        );
        RecordingConfiguration { node, resource }
    }

    /// Imports a recording configuration by id; its ARN is made from the stack's
    /// environment.
    pub fn from_recording_configuration_id(
        scope: &impl Construct,
        id: &str,
        recording_configuration_id: &str,
    ) -> ImportedRecordingConfiguration {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = match node.stack() {
            Some(stack) => Stack::format_arn(
                &stack,
                "ivs",
                "recording-configuration",
                Some(recording_configuration_id),
            ),
            None => Value::Null,
        };
        ImportedRecordingConfiguration {
            node,
            arn,
            id: recording_configuration_id.into(),
        }
    }

    /// Imports a recording configuration by ARN
    /// (`arn:aws:ivs:<region>:<account>:recording-configuration/<id>`).
    pub fn from_arn(
        scope: &impl Construct,
        id: &str,
        arn: impl Into<Value>,
    ) -> ImportedRecordingConfiguration {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = arn.into();
        let rc_id = match &arn {
            Value::String(s) => match s.split('/').nth(1) {
                Some(x) => {
                    check_import_arn(
                        &node,
                        &arn,
                        "ivs",
                        "recording-configuration",
                        "recording-configuration",
                    );
                    Value::String(x.to_owned())
                }
                None => {
                    node.annotate(
                        Severity::Error,
                        "recording-configuration-arn",
                        None,
                        format!("Unexpected ARN format: {s}"),
                    );
                    Value::Null
                }
            },
            other => Fn::select(1, Fn::split("/", other.clone())),
        };
        ImportedRecordingConfiguration {
            node,
            arn,
            id: rc_id,
        }
    }

    /// The underlying resource, for escape hatches.
    pub fn cfn(&self) -> &CfnRecordingConfiguration {
        &self.resource
    }

    /// The ARN (`Fn::GetAtt Arn`).
    pub fn recording_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The id (`Ref`, which CloudFormation resolves to the ARN for this type).
    pub fn recording_configuration_id(&self) -> Value {
        self.resource.cfn_ref()
    }
}

fn rendition(
    selection: RenditionSelection,
    list: Option<Vec<Resolution>>,
) -> RenditionConfigurationProperty {
    RenditionConfigurationProperty {
        rendition_selection: Some(selection.into()),
        renditions: list.map(|l| Value::List(l.into_iter().map(Into::into).collect())),
    }
}

/// A recording configuration outside this app.
#[derive(Clone, Debug)]
pub struct ImportedRecordingConfiguration {
    node: Node,
    arn: Value,
    id: Value,
}

impl Construct for ImportedRecordingConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IRecordingConfiguration for ImportedRecordingConfiguration {
    fn recording_configuration_arn(&self) -> Value {
        self.arn.clone()
    }
    fn recording_configuration_id(&self) -> Value {
        self.id.clone()
    }
}
