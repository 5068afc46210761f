//! The crate's single error type.

use std::fmt;

/// What went wrong, as a stable category you can match on.
///
/// The message of the [`Error`] carries the details (the bad value, what is
/// allowed); the kind is for code that needs to react to one case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    // ---- keys ----
    /// The text is not PEM, or its base64 or DER body is broken.
    InvalidPem,
    /// The key is an elliptic-curve key on a curve other than P-384.
    UnsupportedCurve,
    /// The key is not an elliptic-curve key at all (RSA, Ed25519, an SSH key, ...).
    UnsupportedKeyType,
    /// A public key was given where a private key is needed.
    ExpectedPrivateKey,
    /// A private key was given where a public key is needed.
    ExpectedPublicKey,
    /// The private key is encrypted with a passphrase; decrypt it first.
    EncryptedKey,
    /// The PEM is well formed but the key inside is not a valid P-384 key.
    InvalidKey,
    /// The operating system's random number generator failed.
    Random,

    // ---- playback claims ----
    /// `aws:channel-arn` is missing.
    MissingChannelArn,
    /// `aws:channel-arn` is not an IVS channel ARN.
    InvalidChannelArn,
    /// `exp` is missing.
    MissingExpiry,
    /// `exp` is not an integer number of seconds.
    ExpiryNotInteger,
    /// `exp` is so large it must be in milliseconds.
    ExpiryInMilliseconds,
    /// The time to live is zero or would not fit a timestamp.
    InvalidTimeToLive,
    /// `aws:viewer-id` is longer than 40 characters.
    ViewerIdTooLong,
    /// With `aws:viewer-id`, `exp` is more than 10 minutes away.
    ViewerIdExpiryTooLong,
    /// With `aws:single-use-uuid`, `exp` is more than 10 minutes away.
    SingleUseExpiryTooLong,
    /// `aws:single-use-uuid` is not a UUID.
    InvalidSingleUseUuid,
    /// `aws:viewer-session-version` is not a JSON integer.
    ViewerSessionVersionNotInteger,
    /// `aws:viewer-session-version` does not fit a signed 64-bit integer.
    ViewerSessionVersionOutOfRange,
    /// `aws:maximum-resolution` is not `SD`, `HD` or `FULL_HD`.
    InvalidMaximumResolution,
    /// More than 5 origins with strict origin enforcement.
    TooManyStrictOrigins,
    /// `aws:strict-origin-enforcement` is not a JSON boolean.
    StrictOriginNotBoolean,
    /// An entry of `aws:access-control-allow-origin` is not an origin.
    InvalidOrigin,
    /// A claim has the wrong JSON type (for example a number where a string belongs).
    InvalidClaimType,

    // ---- participant claims ----
    /// The participant token header has no `kid`.
    MissingKeyId,
    /// The `kid` is not an IVS public-key ARN.
    InvalidKeyId,
    /// A required participant claim is missing.
    MissingClaim,
    /// `resource` is not an IVS stage ARN.
    InvalidStageArn,
    /// `topic` is not the stage id of `resource`.
    TopicMismatch,
    /// `jti` is not 1–64 characters of `[A-Za-z0-9_-]`.
    InvalidParticipantId,
    /// `user_id` is longer than 128 characters.
    UserIdTooLong,
    /// `attributes` are larger than 1 KB.
    AttributesTooLarge,
    /// `version` is not `"1.0"`.
    UnsupportedVersion,
    /// `exp` is more than 14 days after `iat`, or not after it.
    ParticipantExpiryTooLong,
    /// `events_url` or `whip_url` is not a URL of the expected scheme.
    InvalidEndpointUrl,
    /// `capabilities` is not an object of booleans.
    InvalidCapabilities,

    // ---- tokens ----
    /// The token is not three base64url segments of JSON.
    MalformedToken,
    /// The header names an algorithm other than ES384 (`none`, HS384, ES256, ...).
    UnsupportedAlgorithm,
    /// The signature does not match the key and the signed content.
    InvalidSignature,
    /// The token's `exp` has passed.
    Expired,
}

/// The error of every fallible function in this crate.
///
/// Its message reads like a sentence and is safe to log: it never contains key
/// material or a token's signature. Use [`Error::kind`] to match on the category.
///
/// ```
/// use ivs_playback_auth::{ErrorKind, PrivateKey};
///
/// let err = PrivateKey::from_pem("ssh-ed25519 AAAAC3Nza... me@host").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::UnsupportedKeyType);
/// ```
pub struct Error(Box<Inner>);

struct Inner {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error(Box::new(Inner {
            kind,
            message: message.into(),
        }))
    }

    /// The category of the error.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The human-readable message (the same text as `Display`).
    pub fn message(&self) -> &str {
        &self.0.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Error")
            .field("kind", &self.0.kind)
            .field("message", &self.0.message)
            .finish()
    }
}

impl std::error::Error for Error {}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
