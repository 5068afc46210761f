//! The L1 layer: one typed struct per CloudFormation resource type, rendered exactly
//! as `aws-cdk-lib` renders it (properties in schema order, unset ones left out).

pub mod ivs_channel;
pub mod ivs_playback_key_pair;
pub mod ivs_recording_configuration;
pub mod ivs_stream_key;
mod macros;
pub mod s3_bucket;

pub use ivs_channel::{CfnChannel, CfnChannelProps, MultitrackInputConfigurationProperty};
pub use ivs_playback_key_pair::{CfnPlaybackKeyPair, CfnPlaybackKeyPairProps};
pub use ivs_recording_configuration::{
    CfnRecordingConfiguration, CfnRecordingConfigurationProps, DestinationConfigurationProperty,
    RenditionConfigurationProperty, S3DestinationConfigurationProperty,
    ThumbnailConfigurationProperty,
};
pub use ivs_stream_key::{CfnStreamKey, CfnStreamKeyProps};
pub use s3_bucket::{CfnBucket, CfnBucketProps};
