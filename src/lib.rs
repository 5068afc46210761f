//! Amazon IVS infrastructure as code, in Rust.
//!
//! Declare IVS resources (channels, stream keys, playback key pairs, recording
//! configurations, real-time stages and their storage, encoder, ingest and public-key
//! configurations, playback restriction policies, ad configurations, IVS Chat rooms and
//! logging) in a construct tree, checked at synth time, and synthesize an AWS CDK cloud assembly
//! (`cdk.out`) that the `cdk` CLI deploys. The output is byte-identical to what the
//! JavaScript AWS CDK (`aws-cdk-lib` 2.276.0 with `@aws-cdk/aws-ivs-alpha`) writes for
//! the same app.
//!
//! ```
//! use ivs_cdk::{App, AppProps, Channel, ChannelProps, IChannel, Stack};
//! # let dir = tempfile::tempdir().unwrap();
//! let app = App::with_props(AppProps { outdir: Some(dir.path().into()), ..Default::default() });
//! let stack = Stack::new(&app, "IvsStack");
//! let channel = Channel::new(&stack, "Channel", ChannelProps::default());
//! channel.add_stream_key("StreamKey");
//! let private = Channel::new(&stack, "PrivateChannel", ChannelProps {
//!     authorized: Some(true),
//!     ..Default::default()
//! });
//! app.synth().unwrap();
//! ```
//!
//! Names follow the CDK's in Rust style: `Channel::from_channel_arn`,
//! `add_stream_key`, `ChannelProps { authorized, channel_name, .. }`,
//! `LatencyMode::Normal`. The CDK v1 prop `name` is `channel_name` (channels) and
//! `playback_key_pair_name` (key pairs), as in CDK v2.

#![warn(missing_docs)]

mod ad_configuration;
mod bucket;
pub mod cfn;
mod channel;
mod chat;
mod encoder_configuration;
mod enums;
mod ingest_configuration;
mod playback_key_pair;
mod playback_restriction_policy;
mod public_key;
mod recording_configuration;
pub mod rules;
mod stage;
mod storage_configuration;
mod stream_key;
pub mod validation;

pub use ivs_cdk_core::*;

pub use ad_configuration::{
    AdConfiguration, AdConfigurationProps, IAdConfiguration, ImportedAdConfiguration,
};
pub use bucket::{Bucket, BucketProps, IBucket, ImportedBucket};
pub use channel::{Channel, ChannelProps, IChannel, ImportedChannel, MultitrackInputConfiguration};
pub use chat::{
    ILoggingConfiguration, IRoom, ImportedLoggingConfiguration, ImportedRoom, LoggingConfiguration,
    LoggingConfigurationProps, LoggingDestination, MessageReviewHandler, Room, RoomProps,
};
pub use encoder_configuration::{
    EncoderConfiguration, EncoderConfigurationProps, IEncoderConfiguration,
    ImportedEncoderConfiguration, Video,
};
pub use enums::{
    ChannelType, ContainerFormat, FallbackResult, IngestProtocol, LatencyMode, MaximumResolution,
    ParticipantRecordingMediaType, Policy, Preset, RecordingMode, RenditionSelection, Resolution,
    Storage,
};
pub use ingest_configuration::{
    IIngestConfiguration, ImportedIngestConfiguration, IngestConfiguration,
    IngestConfigurationProps,
};
pub use playback_key_pair::{PlaybackKeyPair, PlaybackKeyPairProps};
pub use playback_restriction_policy::{
    IPlaybackRestrictionPolicy, ImportedPlaybackRestrictionPolicy, PlaybackRestrictionPolicy,
    PlaybackRestrictionPolicyProps,
};
pub use public_key::{IPublicKey, ImportedPublicKey, PublicKey, PublicKeyProps};
pub use recording_configuration::{
    IRecordingConfiguration, ImportedRecordingConfiguration, RecordingConfiguration,
    RecordingConfigurationProps, RenditionConfiguration, Renditions, ThumbnailConfiguration,
};
pub use stage::{
    AutoParticipantRecording, IStage, ImportedStage, ParticipantThumbnailConfiguration, Stage,
    StageProps,
};
pub use storage_configuration::{
    IStorageConfiguration, ImportedStorageConfiguration, StorageConfiguration,
    StorageConfigurationProps,
};
pub use stream_key::{StreamKey, StreamKeyProps};

/// The examples of the docs pages, compiled and run as doc tests.
#[cfg(doctest)]
mod docs_pages {
    #[doc = include_str!("../docs/constructs/ad-configuration.md")]
    pub struct AdConfiguration;
    #[doc = include_str!("../docs/constructs/bucket.md")]
    pub struct Bucket;
    #[doc = include_str!("../docs/constructs/channel.md")]
    pub struct Channel;
    #[doc = include_str!("../docs/constructs/chat.md")]
    pub struct Chat;
    #[doc = include_str!("../docs/constructs/encoder-configuration.md")]
    pub struct EncoderConfiguration;
    #[doc = include_str!("../docs/constructs/ingest-configuration.md")]
    pub struct IngestConfiguration;
    #[doc = include_str!("../docs/constructs/playback-key-pair.md")]
    pub struct PlaybackKeyPair;
    #[doc = include_str!("../docs/constructs/playback-restriction-policy.md")]
    pub struct PlaybackRestrictionPolicy;
    #[doc = include_str!("../docs/constructs/public-key.md")]
    pub struct PublicKey;
    #[doc = include_str!("../docs/constructs/recording-configuration.md")]
    pub struct RecordingConfiguration;
    #[doc = include_str!("../docs/constructs/stage.md")]
    pub struct Stage;
    #[doc = include_str!("../docs/constructs/storage-configuration.md")]
    pub struct StorageConfiguration;
    #[doc = include_str!("../docs/constructs/stream-key.md")]
    pub struct StreamKey;
}
