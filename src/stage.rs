//! The `Stage` construct: an IVS real-time stage, or an existing one imported by ARN.

use std::time::Duration;

use crate::cfn::ivs_stage::{
    AutoParticipantRecordingConfigurationProperty, HlsConfigurationProperty,
    ParticipantRecordingHlsConfigurationProperty, ParticipantThumbnailConfigurationProperty,
    ThumbnailConfigurationProperty,
};
use crate::cfn::{CfnStage, CfnStageProps};
use crate::enums::{ParticipantRecordingMediaType, RecordingMode, Storage};
use crate::rules::{
    check_import_arn, check_name, check_reconnect_window, check_seconds_range, check_stack_region,
    seconds_or_annotate,
};
use crate::storage_configuration::IStorageConfiguration;
use crate::{Construct, Node, RemovalPolicy, Value};

/// A stage, owned or imported: what an ingest configuration publishes into.
pub trait IStage {
    /// The stage ARN.
    fn stage_arn(&self) -> Value;
}

/// Thumbnails of each recorded participant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParticipantThumbnailConfiguration {
    /// No thumbnails (the service default).
    Disable,
    /// Thumbnails at an interval.
    Interval {
        /// How they are stored. Default: `SEQUENTIAL` only.
        storage: Option<Vec<Storage>>,
        /// The interval, 1 to 86,400 whole seconds. Default: 60 seconds.
        target_interval: Option<Duration>,
    },
}

/// Recording of every participant of a stage into a storage configuration.
pub struct AutoParticipantRecording<'a> {
    /// Where recordings go (required).
    pub storage_configuration: &'a dyn IStorageConfiguration,
    /// What is recorded. Default: [`ParticipantRecordingMediaType::AudioVideo`].
    pub media_type: Option<ParticipantRecordingMediaType>,
    /// How long a participant may reconnect into the same recording: 0 to 300 whole
    /// seconds. Default: 0 (every reconnect starts a new recording).
    pub recording_reconnect_window: Option<Duration>,
    /// The target duration of HLS segments, 2 to 10 whole seconds. Default: 6 seconds.
    pub hls_target_segment_duration: Option<Duration>,
    /// Thumbnails. Default: none ([`ParticipantThumbnailConfiguration::Disable`]).
    pub thumbnail_configuration: Option<ParticipantThumbnailConfiguration>,
}

impl<'a> AutoParticipantRecording<'a> {
    /// Records audio and video of every participant into `storage_configuration`, with
    /// the service defaults for everything else.
    pub fn to(storage_configuration: &'a dyn IStorageConfiguration) -> Self {
        AutoParticipantRecording {
            storage_configuration,
            media_type: None,
            recording_reconnect_window: None,
            hls_target_segment_duration: None,
            thumbnail_configuration: None,
        }
    }
}

impl std::fmt::Debug for AutoParticipantRecording<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AutoParticipantRecording")
            .field(
                "storage_configuration",
                &self.storage_configuration.storage_configuration_arn(),
            )
            .field("media_type", &self.media_type)
            .field(
                "recording_reconnect_window",
                &self.recording_reconnect_window,
            )
            .field(
                "hls_target_segment_duration",
                &self.hls_target_segment_duration,
            )
            .field("thumbnail_configuration", &self.thumbnail_configuration)
            .finish()
    }
}

/// The settings of a [`Stage`]. Every field is optional.
#[derive(Debug, Default)]
pub struct StageProps<'a> {
    /// The stage name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub stage_name: Option<Value>,
    /// Records every participant. Default: no automatic recording.
    pub auto_participant_recording: Option<AutoParticipantRecording<'a>>,
}

/// An Amazon IVS real-time stage (`AWS::IVS::Stage`): a virtual room where
/// participants publish and subscribe to each other's video.
///
/// Participants join with tokens; the WHIP and events endpoints a self-signed token
/// needs are not exposed by CloudFormation (read them with the `GetStage` API).
///
/// ```
/// use std::time::Duration;
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "RealTime");
/// let bucket = Bucket::new(&stack, "Recordings", BucketProps::default());
/// let storage = StorageConfiguration::new(&stack, "Storage", StorageConfigurationProps {
///     bucket: &bucket,
///     storage_configuration_name: None,
/// });
/// let stage = Stage::new(&stack, "Stage", StageProps {
///     stage_name: Some("town-hall".into()),
///     auto_participant_recording: Some(AutoParticipantRecording {
///         recording_reconnect_window: Some(Duration::from_secs(60)),
///         thumbnail_configuration: Some(ParticipantThumbnailConfiguration::Interval {
///             storage: Some(vec![Storage::Latest]),
///             target_interval: Some(Duration::from_secs(10)),
///         }),
///         ..AutoParticipantRecording::to(&storage)
///     }),
/// });
/// CfnOutput::new(&stack, "StageArn", CfnOutputProps {
///     value: Some(stage.stage_arn()),
///     ..Default::default()
/// });
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Stage {
    node: Node,
    resource: CfnStage,
}

impl Construct for Stage {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IStage for Stage {
    fn stage_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl Stage {
    /// Declares a stage.
    pub fn new(scope: &impl Construct, id: &str, props: StageProps<'_>) -> Stage {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.Stage");
        check_name(&node, "stageName", "Name", props.stage_name.as_ref());
        check_stack_region(&node);
        let recording = props
            .auto_participant_recording
            .map(|r| auto_recording(&node, r));
        let resource = CfnStage::new(
            &node,
            "Resource",
            CfnStageProps {
                auto_participant_recording_configuration: recording,
                name: props.stage_name,
                tags: None,
            },
        );
        Stage { node, resource }
    }

    /// Imports an existing stage by ARN (`arn:aws:ivs:<region>:<account>:stage/<id>`).
    /// A literal ARN must name the `ivs` service and the `stage` resource type; an
    /// intrinsic is taken as it is.
    pub fn from_stage_arn(
        scope: &impl Construct,
        id: &str,
        stage_arn: impl Into<Value>,
    ) -> ImportedStage {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = stage_arn.into();
        check_import_arn(&node, &arn, "ivs", "stage", "stage");
        ImportedStage { node, arn }
    }

    /// The underlying `AWS::IVS::Stage` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnStage {
        &self.resource
    }

    /// The stage ARN (`Fn::GetAtt Arn`).
    pub fn stage_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The id of the stage's active session, if any (`Fn::GetAtt ActiveSessionId`).
    pub fn stage_active_session_id(&self) -> Value {
        self.resource.attr_active_session_id()
    }

    /// Applies a removal policy to the stage resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

const RECORDING: &str = "AutoParticipantRecordingConfiguration";

fn auto_recording(
    node: &Node,
    r: AutoParticipantRecording<'_>,
) -> AutoParticipantRecordingConfigurationProperty {
    let window = r.recording_reconnect_window.and_then(|w| {
        seconds_or_annotate(
            node,
            &format!("{RECORDING}.RecordingReconnectWindowSeconds"),
            "reconnect-window-range",
            check_reconnect_window("recordingReconnectWindow", w),
        )
    });
    let segment = r.hls_target_segment_duration.and_then(|d| {
        seconds_or_annotate(
            node,
            &format!("{RECORDING}.HlsConfiguration.ParticipantRecordingHlsConfiguration.TargetSegmentDurationSeconds"),
            "hls-segment-duration-range",
            check_seconds_range("hlsTargetSegmentDuration", d, 2, 10),
        )
    });
    let thumbnail = r.thumbnail_configuration.map(|t| {
        let participant = match t {
            ParticipantThumbnailConfiguration::Disable => ParticipantThumbnailConfigurationProperty {
                recording_mode: Some(RecordingMode::Disabled.into()),
                ..Default::default()
            },
            ParticipantThumbnailConfiguration::Interval {
                storage,
                target_interval,
            } => ParticipantThumbnailConfigurationProperty {
                recording_mode: Some(RecordingMode::Interval.into()),
                storage: storage.map(|s| Value::List(s.into_iter().map(Into::into).collect())),
                target_interval_seconds: target_interval
                    .and_then(|d| {
                        seconds_or_annotate(
                            node,
                            &format!("{RECORDING}.ThumbnailConfiguration.ParticipantThumbnailConfiguration.TargetIntervalSeconds"),
                            "stage-thumbnail-interval-range",
                            check_seconds_range("targetInterval", d, 1, 86_400),
                        )
                    })
                    .map(Into::into),
            },
        };
        ThumbnailConfigurationProperty {
            participant_thumbnail_configuration: Some(participant),
        }
    });
    AutoParticipantRecordingConfigurationProperty {
        hls_configuration: segment.map(|s| HlsConfigurationProperty {
            participant_recording_hls_configuration: Some(
                ParticipantRecordingHlsConfigurationProperty {
                    target_segment_duration_seconds: Some(s.into()),
                },
            ),
        }),
        media_types: r.media_type.map(|m| Value::List(vec![m.into()])),
        recording_reconnect_window_seconds: window.map(Into::into),
        storage_configuration_arn: Some(r.storage_configuration.storage_configuration_arn()),
        thumbnail_configuration: thumbnail,
    }
}

/// A stage outside this app, imported with [`Stage::from_stage_arn`].
#[derive(Clone, Debug)]
pub struct ImportedStage {
    node: Node,
    arn: Value,
}

impl Construct for ImportedStage {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IStage for ImportedStage {
    fn stage_arn(&self) -> Value {
        self.arn.clone()
    }
}

impl ImportedStage {
    /// The stage ARN, as given.
    pub fn stage_arn(&self) -> Value {
        self.arn.clone()
    }
}
