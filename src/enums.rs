//! The enumerations of the IVS constructs; each variant renders as the CloudFormation
//! value of the same name.

use crate::Value;

macro_rules! cfn_enum {
    ($(#[$meta:meta])* $name:ident { $( $(#[$vmeta:meta])* $variant:ident => $wire:literal ),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )*
        }

        impl $name {
            /// The CloudFormation value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $( $name::$variant => $wire, )*
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<$name> for Value {
            fn from(v: $name) -> Value {
                Value::String(v.as_str().to_owned())
            }
        }
    };
}

cfn_enum! {
    /// Channel latency mode.
    LatencyMode {
        /// Low latency: real-time interaction with viewers (the default).
        Low => "LOW",
        /// Normal latency: for broadcasts that need no interaction.
        Normal => "NORMAL",
    }
}

cfn_enum! {
    /// Channel type: what IVS transcodes.
    ChannelType {
        /// Multiple qualities up to 1080p are generated from the input (the default).
        Standard => "STANDARD",
        /// The input is delivered as it is, up to 1080p.
        Basic => "BASIC",
        /// Transcoded, output capped at SD (480p).
        AdvancedSd => "ADVANCED_SD",
        /// Transcoded, output capped at HD (720p).
        AdvancedHd => "ADVANCED_HD",
    }
}

cfn_enum! {
    /// Transcode preset of ADVANCED channels.
    Preset {
        /// Lower bitrate per quality, for viewers with less bandwidth.
        ConstrainedBandwidthDelivery => "CONSTRAINED_BANDWIDTH_DELIVERY",
        /// Higher bitrate per quality (the service's choice when unset).
        HigherBandwidthDelivery => "HIGHER_BANDWIDTH_DELIVERY",
    }
}

cfn_enum! {
    /// Content packaging format.
    ContainerFormat {
        /// MPEG-TS (the service default).
        Ts => "TS",
        /// Fragmented MP4 (required by multitrack input).
        FragmentedMp4 => "FRAGMENTED_MP4",
    }
}

cfn_enum! {
    /// Highest resolution of multitrack input.
    MaximumResolution {
        /// Full HD (1080p).
        FullHd => "FULL_HD",
        /// HD (720p).
        Hd => "HD",
        /// SD (480p).
        Sd => "SD",
    }
}

cfn_enum! {
    /// Whether multitrack input is allowed or required.
    Policy {
        /// Multitrack input is allowed.
        Allow => "ALLOW",
        /// Multitrack input is required.
        Require => "REQUIRE",
    }
}

cfn_enum! {
    /// A recorded rendition's or thumbnail's resolution.
    Resolution {
        /// Full HD (1080p).
        FullHd => "FULL_HD",
        /// HD (720p).
        Hd => "HD",
        /// SD (480p).
        Sd => "SD",
        /// The lowest resolution available.
        LowestResolution => "LOWEST_RESOLUTION",
    }
}

cfn_enum! {
    /// Which renditions are recorded.
    RenditionSelection {
        /// Every rendition.
        All => "ALL",
        /// None.
        None => "NONE",
        /// The renditions listed.
        Custom => "CUSTOM",
    }
}

cfn_enum! {
    /// Whether thumbnails are recorded.
    RecordingMode {
        /// At an interval.
        Interval => "INTERVAL",
        /// Not at all.
        Disabled => "DISABLED",
    }
}

cfn_enum! {
    /// How thumbnails are stored.
    Storage {
        /// Every thumbnail, in order.
        Sequential => "SEQUENTIAL",
        /// Only the latest, overwritten.
        Latest => "LATEST",
    }
}

cfn_enum! {
    /// What a stage records of each participant.
    ParticipantRecordingMediaType {
        /// Audio and video (the default).
        AudioVideo => "AUDIO_VIDEO",
        /// Audio only.
        AudioOnly => "AUDIO_ONLY",
    }
}

cfn_enum! {
    /// The protocol an ingest configuration accepts.
    IngestProtocol {
        /// RTMP over TLS (the default).
        Rtmps => "RTMPS",
        /// Plain RTMP: unencrypted, so the ingest configuration also allows insecure
        /// ingest (`InsecureIngest: true`).
        Rtmp => "RTMP",
    }
}

cfn_enum! {
    /// What a chat room does with a message when its review handler fails or times out.
    FallbackResult {
        /// Deliver the message (the default).
        Allow => "ALLOW",
        /// Drop the message.
        Deny => "DENY",
    }
}
