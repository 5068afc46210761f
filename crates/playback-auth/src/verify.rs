//! Verifying tokens: algorithm, signature, expiry and claim rules.

use std::fmt;
use std::sync::Arc;

use p384::ecdsa::signature::Verifier as _;
use serde_json::{Map, Value};

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Result};
use crate::jws::{self, SIGNATURE_LEN};
use crate::keys::PublicKey;
use crate::participant::ParticipantToken;
use crate::playback::PlaybackClaims;

/// Checks tokens against one P-384 public key, the way IVS does.
///
/// Only ES384 is accepted: `none`, HMAC (HS256/HS384/HS512, the algorithm-confusion
/// attack with the public key as the secret) and ES256 are refused before any
/// signature check. The signature must be the 96-byte JOSE `r‖s` (DER is refused);
/// high-S signatures are valid, as in IVS. Then `exp` must be in the future by the
/// verifier's clock and every claim rule must hold.
///
/// ```
/// use ivs_playback_auth::{FixedClock, PublicKey, Verifier, ErrorKind};
/// # let key = ivs_playback_auth::PrivateKey::generate()?;
/// # let pem = key.public_key().to_spki_pem();
/// let verifier = Verifier::new(&PublicKey::from_spki_pem(&pem)?).with_clock(FixedClock(1_700_000_000));
/// let err = verifier.verify_playback("not.a.token").unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::MalformedToken);
/// # Ok::<(), ivs_playback_auth::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    key: p384::ecdsa::VerifyingKey,
    clock: Arc<dyn Clock>,
    leeway: u64,
}

impl fmt::Debug for Verifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Verifier")
            .field("algorithm", &"ES384")
            .field("leeway", &self.leeway)
            .finish_non_exhaustive()
    }
}

/// A token whose signature and claims passed: the decoded header and payload as
/// sent, and the typed claims.
#[derive(Debug, Clone)]
pub struct Verified<C> {
    header: Map<String, Value>,
    payload: Map<String, Value>,
    claims: C,
}

impl<C> Verified<C> {
    /// The JOSE header, members in the order the token has them.
    pub fn header(&self) -> &Map<String, Value> {
        &self.header
    }

    /// The payload as JSON, members in the order the token has them.
    pub fn payload(&self) -> &Map<String, Value> {
        &self.payload
    }

    /// The typed, checked claims.
    pub fn claims(&self) -> &C {
        &self.claims
    }
}

/// The result of [`Verifier::verify_any`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum VerifiedToken {
    /// A playback-authorization token.
    Playback(Verified<PlaybackClaims>),
    /// A real-time participant token.
    Participant(Verified<ParticipantToken>),
}

impl VerifiedToken {
    /// The JOSE header as sent.
    pub fn header(&self) -> &Map<String, Value> {
        match self {
            VerifiedToken::Playback(v) => v.header(),
            VerifiedToken::Participant(v) => v.header(),
        }
    }

    /// The payload as sent.
    pub fn payload(&self) -> &Map<String, Value> {
        match self {
            VerifiedToken::Playback(v) => v.payload(),
            VerifiedToken::Participant(v) => v.payload(),
        }
    }
}

impl Verifier {
    /// A verifier for `key` with the system clock and no leeway.
    pub fn new(key: &PublicKey) -> Self {
        Verifier {
            key: p384::ecdsa::VerifyingKey::from(key.inner()),
            clock: Arc::new(SystemClock),
            leeway: 0,
        }
    }

    /// Uses `clock` for "now" (expiry and the 10-minute rules).
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// Accepts tokens up to `seconds` after their `exp`, for clock skew. Default 0.
    #[must_use]
    pub fn with_leeway(mut self, seconds: u64) -> Self {
        self.leeway = seconds;
        self
    }

    /// Verifies a playback-authorization token.
    ///
    /// # Errors
    /// [`ErrorKind::MalformedToken`], [`ErrorKind::UnsupportedAlgorithm`],
    /// [`ErrorKind::InvalidSignature`], [`ErrorKind::Expired`], or the claim-rule
    /// errors of [`PlaybackClaims::from_json`].
    pub fn verify_playback(&self, token: &str) -> Result<Verified<PlaybackClaims>> {
        let now = self.clock.now();
        let (header, payload) = self.check_signature(token)?;
        self.check_expiry(&payload, now)?;
        let claims = PlaybackClaims::from_json(&payload, now)?;
        Ok(Verified {
            header,
            payload,
            claims,
        })
    }

    /// Verifies a self-signed real-time participant token.
    ///
    /// # Errors
    /// As [`verify_playback`](Self::verify_playback), with the rules of
    /// [`ParticipantToken::from_json`].
    pub fn verify_participant(&self, token: &str) -> Result<Verified<ParticipantToken>> {
        let now = self.clock.now();
        let (header, payload) = self.check_signature(token)?;
        self.check_expiry(&payload, now)?;
        let claims = ParticipantToken::from_json(&header, &payload)?;
        Ok(Verified {
            header,
            payload,
            claims,
        })
    }

    /// Verifies either kind of token: a header with `kid` marks a participant
    /// token, anything else is read as a playback token.
    ///
    /// # Errors
    /// As [`verify_playback`](Self::verify_playback) or
    /// [`verify_participant`](Self::verify_participant).
    pub fn verify_any(&self, token: &str) -> Result<VerifiedToken> {
        let now = self.clock.now();
        let (header, payload) = self.check_signature(token)?;
        self.check_expiry(&payload, now)?;
        if header.contains_key("kid") {
            let claims = ParticipantToken::from_json(&header, &payload)?;
            Ok(VerifiedToken::Participant(Verified {
                header,
                payload,
                claims,
            }))
        } else {
            let claims = PlaybackClaims::from_json(&payload, now)?;
            Ok(VerifiedToken::Playback(Verified {
                header,
                payload,
                claims,
            }))
        }
    }

    fn check_signature(&self, token: &str) -> Result<(Map<String, Value>, Map<String, Value>)> {
        let parts = jws::split(token)?;
        jws::check_header(&parts.header)?;
        if parts.signature.len() != SIGNATURE_LEN {
            return Err(Error::new(
                ErrorKind::InvalidSignature,
                format!(
                    "the signature is {} bytes; an ES384 signature is 96 bytes (r and s, 48 each), \
                     and DER-encoded signatures are not accepted",
                    parts.signature.len()
                ),
            ));
        }
        let signature =
            p384::ecdsa::Signature::from_slice(&parts.signature).map_err(|_| bad_signature())?;
        self.key
            .verify(parts.signing_input.as_bytes(), &signature)
            .map_err(|_| bad_signature())?;
        let payload = jws::decode_segment(parts.payload_b64, "payload")?;
        let payload = jws::parse_object(&payload, "payload")?;
        Ok((parts.header, payload))
    }

    fn check_expiry(&self, payload: &Map<String, Value>, now: u64) -> Result<()> {
        let Some(exp) = payload.get("exp") else {
            return Err(Error::new(
                ErrorKind::MissingExpiry,
                "the token has no exp claim; IVS requires an expiry time in seconds",
            ));
        };
        let exp = crate::playback::expiry_claim(exp)?;
        if now >= exp.saturating_add(self.leeway) {
            return Err(Error::new(
                ErrorKind::Expired,
                format!(
                    "the token expired at {exp} ({} s before now, {now})",
                    now - exp
                ),
            ));
        }
        Ok(())
    }
}

fn bad_signature() -> Error {
    Error::new(
        ErrorKind::InvalidSignature,
        "the signature does not match: the token was signed with another key, or altered after signing",
    )
}
