//! The signer: parses the private key once, then signs tokens from many threads.

use std::fmt;
use std::sync::Arc;

use p384::ecdsa::signature::Signer as _;
use serde::Serialize;

use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Result};
use crate::jws::{push_b64, PLAYBACK_HEADER_B64};
use crate::keys::{PrivateKey, PublicKey};
use crate::participant::ParticipantToken;
use crate::playback::PlaybackClaims;

/// How signatures get their ECDSA nonce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SigningMode {
    /// A fresh random nonce per signature (the default). With the `aws-lc` feature
    /// (on by default) signatures come from AWS-LC's optimized P-384.
    #[default]
    Randomized,
    /// RFC 6979 deterministic nonces with SHA-384 (RustCrypto `p384`): the same key
    /// and claims always give the same token. For tests and reproducible fixtures.
    Deterministic,
}

/// Signs ES384 playback and participant tokens with one P-384 private key.
///
/// Parse the key once and share the signer: it is `Send + Sync`, so an
/// `Arc<Signer>` (or a `&'static Signer`) serves every request thread. Its clock
/// (the system clock unless [`with_clock`](Self::with_clock) says otherwise) sets
/// `exp` for builders' `sign` methods.
///
/// ```
/// use std::time::Duration;
/// use ivs_playback_auth::{PlaybackClaims, PrivateKey, Signer, Verifier, FixedClock};
///
/// let key = PrivateKey::generate()?;
/// let signer = Signer::new(&key)?;
/// let token = PlaybackClaims::builder("arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456")
///     .expires_in(Duration::from_secs(300))
///     .sign(&signer)?;
///
/// let verified = Verifier::new(&key.public_key()).verify_playback(&token)?;
/// assert_eq!(verified.claims().channel_arn(), "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456");
/// # Ok::<(), ivs_playback_auth::Error>(())
/// ```
pub struct Signer {
    key: p384::ecdsa::SigningKey,
    public_key: PublicKey,
    #[cfg(feature = "aws-lc")]
    fast: aws_lc_rs::signature::EcdsaKeyPair,
    #[cfg(feature = "aws-lc")]
    rng: aws_lc_rs::rand::SystemRandom,
    mode: SigningMode,
    clock: Arc<dyn Clock>,
}

impl fmt::Debug for Signer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Signer")
            .field("algorithm", &"ES384")
            .field("mode", &self.mode)
            .finish_non_exhaustive()
    }
}

impl Signer {
    /// A signer for `key`, with randomized nonces and the system clock.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] if the signing backend refuses the key (it does not
    /// for any key this crate loads).
    pub fn new(key: &PrivateKey) -> Result<Self> {
        let signing_key = p384::ecdsa::SigningKey::from(key.secret());
        #[cfg(feature = "aws-lc")]
        let fast = {
            let der = key.to_pkcs8_der();
            aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(
                &aws_lc_rs::signature::ECDSA_P384_SHA384_FIXED_SIGNING,
                &der,
            )
            .map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "the signing backend refused the P-384 private key",
                )
            })?
        };
        Ok(Signer {
            key: signing_key,
            public_key: key.public_key(),
            #[cfg(feature = "aws-lc")]
            fast,
            #[cfg(feature = "aws-lc")]
            rng: aws_lc_rs::rand::SystemRandom::new(),
            mode: SigningMode::Randomized,
            clock: Arc::new(SystemClock),
        })
    }

    /// A signer for a PEM private key, PKCS#8 or SEC1 (see [`PrivateKey::from_pem`]).
    ///
    /// # Errors
    /// The key errors of [`PrivateKey::from_pem`].
    pub fn from_pem(pem: &str) -> Result<Self> {
        Self::new(&PrivateKey::from_pem(pem)?)
    }

    /// Uses `mode` for every signature from now on.
    #[must_use]
    pub fn with_mode(mut self, mode: SigningMode) -> Self {
        self.mode = mode;
        self
    }

    /// Uses `clock` for "now" when builders sign through this signer.
    #[must_use]
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// The signer's current time, in Unix seconds.
    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    /// The public key that verifies this signer's tokens.
    pub fn public_key(&self) -> &PublicKey {
        &self.public_key
    }

    /// Signs checked playback claims: `{"alg":"ES384","typ":"JWT"}` header, compact
    /// JSON payload, 96-byte `r‖s` signature, base64url without padding.
    ///
    /// # Errors
    /// [`ErrorKind::Random`] if the random number generator fails.
    pub fn sign_playback(&self, claims: &PlaybackClaims) -> Result<String> {
        let mut token = Vec::with_capacity(512);
        token.extend_from_slice(PLAYBACK_HEADER_B64.as_bytes());
        self.finish(token, claims)
    }

    /// Signs a checked participant token (header with `kid`).
    ///
    /// # Errors
    /// [`ErrorKind::Random`] if the random number generator fails.
    pub fn sign_participant(&self, token: &ParticipantToken) -> Result<String> {
        let header = serde_json::to_vec(&token.header()).map_err(json_error)?;
        let mut out = Vec::with_capacity(1024);
        push_b64(&mut out, &header);
        self.finish(out, token.claims())
    }

    /// Appends `.payload.signature` to a buffer that holds the encoded header.
    fn finish(&self, mut token: Vec<u8>, payload: &impl Serialize) -> Result<String> {
        let json = serde_json::to_vec(payload).map_err(json_error)?;
        token.push(b'.');
        push_b64(&mut token, &json);
        let signature = self.sign_bytes(&token)?;
        token.push(b'.');
        push_b64(&mut token, &signature);
        // Every byte is base64url or '.', so this cannot fail.
        String::from_utf8(token).map_err(|_| json_error(()))
    }

    fn sign_bytes(&self, input: &[u8]) -> Result<[u8; 96]> {
        let mut out = [0u8; 96];
        match self.mode {
            SigningMode::Deterministic => {
                let sig: p384::ecdsa::Signature = self.key.sign(input);
                out.copy_from_slice(&sig.to_bytes());
            }
            SigningMode::Randomized => {
                #[cfg(feature = "aws-lc")]
                {
                    let sig = self.fast.sign(&self.rng, input).map_err(|_| rng_error())?;
                    out.copy_from_slice(sig.as_ref());
                }
                #[cfg(not(feature = "aws-lc"))]
                {
                    use p384::ecdsa::signature::RandomizedSigner as _;
                    let sig: p384::ecdsa::Signature = self
                        .key
                        .try_sign_with_rng(&mut rand_core::OsRng, input)
                        .map_err(|_| rng_error())?;
                    out.copy_from_slice(&sig.to_bytes());
                }
            }
        }
        Ok(out)
    }
}

#[allow(dead_code)]
fn rng_error() -> Error {
    Error::new(
        ErrorKind::Random,
        "signing failed: the operating system's random number generator failed",
    )
}

fn json_error<T>(_: T) -> Error {
    Error::new(
        ErrorKind::MalformedToken,
        "the claims could not be serialized as JSON",
    )
}
