//! `AWS::IVS::RecordingConfiguration`.

use indexmap::IndexMap;

use super::macros::{l1_construct, render_props};
use crate::{CfnProps, CfnTag, Value};

/// `S3DestinationConfiguration`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct S3DestinationConfigurationProperty {
    /// `BucketName` (required).
    pub bucket_name: Option<Value>,
}

impl From<S3DestinationConfigurationProperty> for Value {
    fn from(p: S3DestinationConfigurationProperty) -> Value {
        let mut m = IndexMap::new();
        render_props!(m; "BucketName" => &p.bucket_name);
        Value::Map(m)
    }
}

/// `DestinationConfiguration`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DestinationConfigurationProperty {
    /// `S3`.
    pub s3: Option<S3DestinationConfigurationProperty>,
}

impl From<DestinationConfigurationProperty> for Value {
    fn from(p: DestinationConfigurationProperty) -> Value {
        let mut m = IndexMap::new();
        render_props!(m; "S3" => &p.s3);
        Value::Map(m)
    }
}

/// `RenditionConfiguration`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RenditionConfigurationProperty {
    /// `RenditionSelection`: `ALL`, `NONE` or `CUSTOM`.
    pub rendition_selection: Option<Value>,
    /// `Renditions`: with CUSTOM, the resolutions recorded.
    pub renditions: Option<Value>,
}

impl From<RenditionConfigurationProperty> for Value {
    fn from(p: RenditionConfigurationProperty) -> Value {
        let mut m = IndexMap::new();
        render_props!(m;
            "RenditionSelection" => &p.rendition_selection,
            "Renditions" => &p.renditions,
        );
        Value::Map(m)
    }
}

/// `ThumbnailConfiguration`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThumbnailConfigurationProperty {
    /// `RecordingMode`: `INTERVAL` or `DISABLED`.
    pub recording_mode: Option<Value>,
    /// `Resolution`.
    pub resolution: Option<Value>,
    /// `Storage`: `SEQUENTIAL` and/or `LATEST`.
    pub storage: Option<Value>,
    /// `TargetIntervalSeconds`: 1 to 60.
    pub target_interval_seconds: Option<Value>,
}

impl From<ThumbnailConfigurationProperty> for Value {
    fn from(p: ThumbnailConfigurationProperty) -> Value {
        let mut m = IndexMap::new();
        render_props!(m;
            "RecordingMode" => &p.recording_mode,
            "Resolution" => &p.resolution,
            "Storage" => &p.storage,
            "TargetIntervalSeconds" => &p.target_interval_seconds,
        );
        Value::Map(m)
    }
}

/// Properties of `AWS::IVS::RecordingConfiguration`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CfnRecordingConfigurationProps {
    /// `DestinationConfiguration` (required).
    pub destination_configuration: Option<DestinationConfigurationProperty>,
    /// `Name`.
    pub name: Option<Value>,
    /// `RecordingReconnectWindowSeconds`: 0 to 300.
    pub recording_reconnect_window_seconds: Option<Value>,
    /// `RenditionConfiguration`.
    pub rendition_configuration: Option<RenditionConfigurationProperty>,
    /// `Tags`.
    pub tags: Option<Vec<CfnTag>>,
    /// `ThumbnailConfiguration`.
    pub thumbnail_configuration: Option<ThumbnailConfigurationProperty>,
}

impl CfnProps for CfnRecordingConfigurationProps {
    fn cfn_type(&self) -> &'static str {
        "AWS::IVS::RecordingConfiguration"
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
            "DestinationConfiguration" => &self.destination_configuration,
            "Name" => &self.name,
            "RecordingReconnectWindowSeconds" => &self.recording_reconnect_window_seconds,
            "RenditionConfiguration" => &self.rendition_configuration,
        );
        m.insert("Tags".into(), Value::Null);
        render_props!(m; "ThumbnailConfiguration" => &self.thumbnail_configuration);
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
    /// An `AWS::IVS::RecordingConfiguration` resource.
    CfnRecordingConfiguration, CfnRecordingConfigurationProps, "AWS::IVS::RecordingConfiguration", "aws-cdk-lib.aws_ivs.CfnRecordingConfiguration",
    attrs {
        /// `Arn`: the recording configuration ARN.
        attr_arn => "Arn",
        /// `State`: `CREATING`, `CREATE_FAILED` or `ACTIVE`.
        attr_state => "State",
    }
}
