//! P-384 keys and ES384 tokens for Amazon IVS private channels and real-time stages.
//!
//! A private channel (`authorized: true`) plays only for viewers whose playback
//! URL carries a JWT signed with the private half of a key pair whose public half
//! was imported as a `PlaybackKeyPair`. This crate makes and loads those keys,
//! builds the token claims with every IVS rule checked, signs them fast from many
//! threads, and verifies tokens the way IVS does.
//!
//! ```
//! use std::time::Duration;
//! use ivs_playback_auth::{playback_url_with_token, PlaybackClaims, PrivateKey, Signer};
//!
//! // Once: make a key pair. Import `public_pem` as the PlaybackKeyPair's
//! // public_key_material; keep the private key in your secret store.
//! let private_key = PrivateKey::generate()?;
//! let public_pem = private_key.public_key().to_spki_pem();
//! assert!(public_pem.starts_with("-----BEGIN PUBLIC KEY-----"));
//!
//! // At start-up: parse the key once.
//! let signer = Signer::from_pem(&private_key.to_pkcs8_pem())?;
//!
//! // Per viewer: sign a short-lived token and hand out the URL.
//! let token = PlaybackClaims::builder("arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456")
//!     .expires_in(Duration::from_secs(120))
//!     .allowed_origin("https://example.com")
//!     .sign(&signer)?;
//! let url = playback_url_with_token(
//!     "https://abc.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.AbCdEf123456.m3u8",
//!     &token,
//! );
//! assert!(url.contains(".m3u8?token=ey"));
//! # Ok::<(), ivs_playback_auth::Error>(())
//! ```
//!
//! The contract (header, claims, limits) follows the IVS user guide's "Generate and
//! Sign IVS Playback Tokens" and the real-time guide's "Distribute Tokens".

#![warn(missing_docs)]

mod arn;
mod clock;
mod error;
mod jws;
mod keys;
mod participant;
mod playback;
mod signer;
mod verify;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::{Error, ErrorKind, Result};
pub use keys::{PrivateKey, PublicKey};
pub use participant::{
    Capabilities, ParticipantClaims, ParticipantToken, ParticipantTokenBuilder,
    DEFAULT_PARTICIPANT_TTL, MAX_ATTRIBUTES_BYTES, MAX_PARTICIPANT_TTL, MAX_USER_ID_CHARS,
};
pub use playback::{
    playback_url_with_token, MaximumResolution, PlaybackClaims, PlaybackTokenBuilder,
    DEFAULT_PLAYBACK_TTL, MAX_EXPIRY_SECONDS, MAX_RESTRICTED_TTL_SECONDS, MAX_STRICT_ORIGINS,
    MAX_VIEWER_ID_CHARS,
};
pub use signer::{Signer, SigningMode};
pub use verify::{Verified, VerifiedToken, Verifier};

/// Re-exported so callers can hold claims and headers without naming `serde_json`.
pub use serde_json::{Map as JsonMap, Value as JsonValue};

/// The README's Rust examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(test)]
mod send_sync {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn signer_and_verifier_are_send_and_sync() {
        assert_send_sync::<crate::Signer>();
        assert_send_sync::<crate::Verifier>();
        assert_send_sync::<crate::PrivateKey>();
    }
}
