//! `AWS::IVS::Channel`.

use indexmap::IndexMap;

use super::macros::{l1_construct, render_props};
use crate::{CfnProps, CfnTag, Value};

/// `MultitrackInputConfiguration` of `AWS::IVS::Channel`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MultitrackInputConfigurationProperty {
    /// `Enabled`: whether multitrack input is enabled (STANDARD channels only).
    pub enabled: Option<Value>,
    /// `MaximumResolution`: `SD`, `HD` or `FULL_HD`.
    pub maximum_resolution: Option<Value>,
    /// `Policy`: `ALLOW` or `REQUIRE`.
    pub policy: Option<Value>,
}

impl From<MultitrackInputConfigurationProperty> for Value {
    fn from(p: MultitrackInputConfigurationProperty) -> Value {
        let mut m = IndexMap::new();
        render_props!(m;
            "Enabled" => &p.enabled,
            "MaximumResolution" => &p.maximum_resolution,
            "Policy" => &p.policy,
        );
        Value::Map(m)
    }
}

/// Properties of `AWS::IVS::Channel`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CfnChannelProps {
    /// `Authorized`: whether playback needs a token.
    pub authorized: Option<Value>,
    /// `ContainerFormat`: `TS` or `FRAGMENTED_MP4`.
    pub container_format: Option<Value>,
    /// `InsecureIngest`: whether RTMP (not RTMPS) ingest is allowed.
    pub insecure_ingest: Option<Value>,
    /// `LatencyMode`: `LOW` or `NORMAL`.
    pub latency_mode: Option<Value>,
    /// `MultitrackInputConfiguration`.
    pub multitrack_input_configuration: Option<MultitrackInputConfigurationProperty>,
    /// `Name`.
    pub name: Option<Value>,
    /// `Preset`: the transcode preset of ADVANCED channels.
    pub preset: Option<Value>,
    /// `RecordingConfigurationArn`.
    pub recording_configuration_arn: Option<Value>,
    /// `Tags`.
    pub tags: Option<Vec<CfnTag>>,
    /// `Type`: `STANDARD`, `BASIC`, `ADVANCED_SD` or `ADVANCED_HD`.
    pub r#type: Option<Value>,
}

impl CfnProps for CfnChannelProps {
    fn cfn_type(&self) -> &'static str {
        "AWS::IVS::Channel"
    }
    fn taggable(&self) -> bool {
        true
    }
    fn initial_tags(&self) -> Vec<CfnTag> {
        self.tags.clone().unwrap_or_default()
    }
    fn render(&self) -> IndexMap<String, Value> {
        let mut m = IndexMap::new();
        render_props!(m;
            "Authorized" => &self.authorized,
            "ContainerFormat" => &self.container_format,
            "InsecureIngest" => &self.insecure_ingest,
            "LatencyMode" => &self.latency_mode,
            "MultitrackInputConfiguration" => &self.multitrack_input_configuration,
            "Name" => &self.name,
            "Preset" => &self.preset,
            "RecordingConfigurationArn" => &self.recording_configuration_arn,
        );
        m.insert("Tags".into(), Value::Null);
        render_props!(m; "Type" => &self.r#type);
        m
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

l1_construct! {
    /// An `AWS::IVS::Channel` resource.
    CfnChannel, CfnChannelProps, "AWS::IVS::Channel", "aws-cdk-lib.aws_ivs.CfnChannel",
    attrs {
        /// `Arn`: the channel ARN.
        attr_arn => "Arn",
        /// `IngestEndpoint`: where encoders send the stream.
        attr_ingest_endpoint => "IngestEndpoint",
        /// `PlaybackUrl`: the HLS playback URL.
        attr_playback_url => "PlaybackUrl",
    }
}
