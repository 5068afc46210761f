//! Self-signed real-time (stage) participant tokens.

use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::arn;
use crate::error::{Error, ErrorKind, Result};
use crate::playback::{expiry_claim, random_uuid};
use crate::signer::Signer;

/// Longest participant token lifetime: `exp` at most `iat` + 14 days.
pub const MAX_PARTICIPANT_TTL: Duration = Duration::from_secs(14 * 24 * 3600);

/// Participant token lifetime when the builder is not told otherwise (12 hours,
/// the IVS recommendation).
pub const DEFAULT_PARTICIPANT_TTL: Duration = Duration::from_secs(12 * 3600);

/// Largest `attributes`, in bytes of keys plus values (UTF-8).
pub const MAX_ATTRIBUTES_BYTES: usize = 1024;

/// Longest `user_id`, in characters.
pub const MAX_USER_ID_CHARS: usize = 128;

/// What a participant may do on the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Capabilities {
    /// May publish audio and video (`allow_publish`).
    pub publish: bool,
    /// May subscribe to other participants (`allow_subscribe`).
    pub subscribe: bool,
}

impl Capabilities {
    /// Publish and subscribe (the builder's default).
    pub const PUBLISH_AND_SUBSCRIBE: Capabilities = Capabilities {
        publish: true,
        subscribe: true,
    };
    /// Subscribe only: a viewer.
    pub const SUBSCRIBE_ONLY: Capabilities = Capabilities {
        publish: false,
        subscribe: true,
    };
}

impl Serialize for Capabilities {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        // Only granted capabilities are written: a subscribe-only token carries just
        // {"allow_subscribe":true}.
        let mut map = serializer.serialize_map(None)?;
        if self.publish {
            map.serialize_entry("allow_publish", &true)?;
        }
        if self.subscribe {
            map.serialize_entry("allow_subscribe", &true)?;
        }
        map.end()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ParticipantHeader {
    alg: &'static str,
    typ: &'static str,
    kid: String,
}

/// The claims of a real-time participant token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParticipantClaims {
    exp: u64,
    iat: u64,
    jti: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    user_id: Option<String>,
    resource: String,
    topic: String,
    events_url: String,
    whip_url: String,
    capabilities: Capabilities,
    #[serde(skip_serializing_if = "Option::is_none")]
    attributes: Option<Map<String, Value>>,
    version: String,
}

impl ParticipantClaims {
    /// `exp`, Unix seconds.
    pub fn expires_at(&self) -> u64 {
        self.exp
    }
    /// `iat`, Unix seconds.
    pub fn issued_at(&self) -> u64 {
        self.iat
    }
    /// `jti`: the participant id.
    pub fn participant_id(&self) -> &str {
        &self.jti
    }
    /// `user_id`, if set.
    pub fn user_id(&self) -> Option<&str> {
        self.user_id.as_deref()
    }
    /// `resource`: the stage ARN.
    pub fn stage_arn(&self) -> &str {
        &self.resource
    }
    /// `topic`: the stage id.
    pub fn stage_id(&self) -> &str {
        &self.topic
    }
    /// `events_url`.
    pub fn events_url(&self) -> &str {
        &self.events_url
    }
    /// `whip_url`.
    pub fn whip_url(&self) -> &str {
        &self.whip_url
    }
    /// `capabilities`.
    pub fn capabilities(&self) -> Capabilities {
        self.capabilities
    }
    /// `attributes`, each value a string; empty when absent.
    pub fn attributes(&self) -> impl Iterator<Item = (&str, &str)> {
        self.attributes
            .iter()
            .flat_map(|m| m.iter())
            .map(|(k, v)| (k.as_str(), v.as_str().unwrap_or_default()))
    }
}

/// A participant token before signing: the `kid` header and the claims, checked.
///
/// ```
/// use std::time::Duration;
/// use ivs_playback_auth::{Capabilities, ParticipantToken};
///
/// let token = ParticipantToken::builder(
///     "arn:aws:ivs:us-east-1:123456789012:public-key/abcdEFGH1234",
///     "arn:aws:ivs:us-east-1:123456789012:stage/oRmLNwuCeMlQ",
///     "wss://global.events.live-video.net",
///     "https://114ddfabadaf.global-bm.whip.live-video.net",
/// )
/// .participant_id("Mx6clRRHODPy")
/// .user_id("alice")
/// .capabilities(Capabilities::SUBSCRIBE_ONLY)
/// .expires_in(Duration::from_secs(3600))
/// .build_at(1_700_000_000)?;
/// assert_eq!(token.claims().stage_id(), "oRmLNwuCeMlQ");
/// # Ok::<(), ivs_playback_auth::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParticipantToken {
    header: ParticipantHeader,
    claims: ParticipantClaims,
}

impl ParticipantToken {
    /// Starts a builder. All four arguments are required: the public-key ARN that
    /// IVS imported (`kid`), the stage ARN (`resource`; `topic` is derived from it),
    /// and the stage's `events_url` and `whip_url` from CreateStage/GetStage.
    pub fn builder(
        public_key_arn: impl Into<String>,
        stage_arn: impl Into<String>,
        events_url: impl Into<String>,
        whip_url: impl Into<String>,
    ) -> ParticipantTokenBuilder {
        ParticipantTokenBuilder {
            kid: public_key_arn.into(),
            stage_arn: stage_arn.into(),
            events_url: events_url.into(),
            whip_url: whip_url.into(),
            jti: None,
            user_id: None,
            capabilities: Capabilities::PUBLISH_AND_SUBSCRIBE,
            attributes: Map::new(),
            ttl: DEFAULT_PARTICIPANT_TTL,
        }
    }

    /// Reads a decoded header and payload and checks every participant rule:
    /// `kid` is a public-key ARN, `exp` ≤ `iat` + 14 days, `topic` is the stage id,
    /// `jti` is 1–64 of `[A-Za-z0-9_-]`, `user_id` ≤ 128 characters, `attributes` ≤ 1 KB
    /// of string values, `version` is `"1.0"`. Expiry against the clock is not checked
    /// here; [`Verifier`](crate::Verifier) does that.
    ///
    /// # Errors
    /// The [`ErrorKind`] of the first rule broken.
    pub fn from_json(header: &Map<String, Value>, claims: &Map<String, Value>) -> Result<Self> {
        let kid = match header.get("kid") {
            None => {
                return Err(Error::new(
                    ErrorKind::MissingKeyId,
                    "the participant token header has no kid; it must be the ARN of the imported public key",
                ))
            }
            Some(v) => v.as_str().ok_or_else(|| {
                Error::new(ErrorKind::InvalidKeyId, "the participant token's kid is not a string")
            })?,
        };
        let get = |name: &str| {
            claims.get(name).ok_or_else(|| {
                Error::new(
                    ErrorKind::MissingClaim,
                    format!("the participant token has no {name} claim"),
                )
            })
        };
        let string = |name: &str| -> Result<String> {
            let v = get(name)?;
            v.as_str().map(str::to_string).ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidClaimType,
                    format!("{name} is {v}; it must be a JSON string"),
                )
            })
        };
        let exp = expiry_claim(get("exp")?)?;
        let iat = get("iat")?.as_u64().ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidClaimType,
                "iat must be a whole number of seconds since 1970",
            )
        })?;
        let user_id = match claims.get("user_id") {
            None => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(v) => {
                return Err(Error::new(
                    ErrorKind::InvalidClaimType,
                    format!("user_id is {v}; it must be a JSON string"),
                ))
            }
        };
        let capabilities = match get("capabilities")? {
            Value::Object(map) => {
                let flag = |name: &str| match map.get(name) {
                    None => Ok(false),
                    Some(Value::Bool(b)) => Ok(*b),
                    Some(v) => Err(Error::new(
                        ErrorKind::InvalidCapabilities,
                        format!("capabilities.{name} is {v}; it must be true or false"),
                    )),
                };
                Capabilities {
                    publish: flag("allow_publish")?,
                    subscribe: flag("allow_subscribe")?,
                }
            }
            v => {
                return Err(Error::new(
                    ErrorKind::InvalidCapabilities,
                    format!(
                    "capabilities is {v}; it must be an object like {{\"allow_subscribe\":true}}"
                ),
                ))
            }
        };
        let attributes = match claims.get("attributes") {
            None => None,
            Some(Value::Object(map)) => Some(map.clone()),
            Some(v) => {
                return Err(Error::new(
                    ErrorKind::InvalidClaimType,
                    format!("attributes is {v}; it must be an object of strings"),
                ))
            }
        };
        let token = ParticipantToken {
            header: ParticipantHeader {
                alg: "ES384",
                typ: "JWT",
                kid: kid.to_string(),
            },
            claims: ParticipantClaims {
                exp,
                iat,
                jti: string("jti")?,
                user_id,
                resource: string("resource")?,
                topic: string("topic")?,
                events_url: string("events_url")?,
                whip_url: string("whip_url")?,
                capabilities,
                attributes,
                version: string("version")?,
            },
        };
        token.validate()?;
        Ok(token)
    }

    fn validate(&self) -> Result<()> {
        let c = &self.claims;
        if arn::ivs_resource_id(&self.header.kid, "public-key").is_none() {
            return Err(Error::new(
                ErrorKind::InvalidKeyId,
                format!(
                    "kid {:?} is not an IVS public-key ARN; expected \
                     arn:aws:ivs:<region>:<account>:public-key/<id>",
                    self.header.kid
                ),
            ));
        }
        let Some(stage_id) = arn::ivs_resource_id(&c.resource, "stage") else {
            return Err(Error::new(
                ErrorKind::InvalidStageArn,
                format!(
                    "resource {:?} is not an IVS stage ARN; expected arn:aws:ivs:<region>:<account>:stage/<id>",
                    c.resource
                ),
            ));
        };
        if c.topic != stage_id {
            return Err(Error::new(
                ErrorKind::TopicMismatch,
                format!(
                    "topic is {:?} but the stage id in resource is {stage_id:?}; they must be equal",
                    c.topic
                ),
            ));
        }
        if c.exp <= c.iat || c.exp - c.iat > MAX_PARTICIPANT_TTL.as_secs() {
            return Err(Error::new(
                ErrorKind::ParticipantExpiryTooLong,
                format!(
                    "exp is {} s after iat; a participant token lives more than 0 s and at most 14 days ({} s)",
                    c.exp as i128 - c.iat as i128,
                    MAX_PARTICIPANT_TTL.as_secs()
                ),
            ));
        }
        let jti_ok = (1..=64).contains(&c.jti.len())
            && c.jti
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
        if !jti_ok {
            return Err(Error::new(
                ErrorKind::InvalidParticipantId,
                format!(
                    "jti (participant id) {:?} must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -",
                    c.jti
                ),
            ));
        }
        if let Some(user_id) = &c.user_id {
            let chars = user_id.chars().count();
            if chars > MAX_USER_ID_CHARS {
                return Err(Error::new(
                    ErrorKind::UserIdTooLong,
                    format!("user_id is {chars} characters long; the limit is {MAX_USER_ID_CHARS}"),
                ));
            }
        }
        if let Some(attributes) = &c.attributes {
            let mut size = 0;
            for (k, v) in attributes {
                let Some(v) = v.as_str() else {
                    return Err(Error::new(
                        ErrorKind::InvalidClaimType,
                        format!("attributes.{k} is {v}; attribute values must be strings"),
                    ));
                };
                size += k.len() + v.len();
            }
            if size > MAX_ATTRIBUTES_BYTES {
                return Err(Error::new(
                    ErrorKind::AttributesTooLarge,
                    format!("attributes hold {size} bytes of keys and values; the limit is 1 KB ({MAX_ATTRIBUTES_BYTES} bytes)"),
                ));
            }
        }
        if !c.events_url.starts_with("wss://") || c.events_url.len() <= "wss://".len() {
            return Err(Error::new(
                ErrorKind::InvalidEndpointUrl,
                format!(
                    "events_url {:?} is not a wss:// URL; use the stage's events endpoint, \
                     e.g. wss://global.events.live-video.net",
                    c.events_url
                ),
            ));
        }
        if !c.whip_url.starts_with("https://") || c.whip_url.len() <= "https://".len() {
            return Err(Error::new(
                ErrorKind::InvalidEndpointUrl,
                format!(
                    "whip_url {:?} is not an https:// URL; use the stage's WHIP endpoint",
                    c.whip_url
                ),
            ));
        }
        if c.version != "1.0" {
            return Err(Error::new(
                ErrorKind::UnsupportedVersion,
                format!(
                    "version is {:?}; participant tokens must say \"1.0\"",
                    c.version
                ),
            ));
        }
        Ok(())
    }

    /// `kid`: the public-key ARN.
    pub fn key_id(&self) -> &str {
        &self.header.kid
    }

    /// The claims.
    pub fn claims(&self) -> &ParticipantClaims {
        &self.claims
    }

    pub(crate) fn header(&self) -> &ParticipantHeader {
        &self.header
    }
}

/// Builds a [`ParticipantToken`]; start with [`ParticipantToken::builder`].
///
/// Defaults: a random 32-character participant id, no user id, publish and
/// subscribe, no attributes, [`DEFAULT_PARTICIPANT_TTL`] (12 hours).
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build_at or sign is called"]
pub struct ParticipantTokenBuilder {
    kid: String,
    stage_arn: String,
    events_url: String,
    whip_url: String,
    jti: Option<String>,
    user_id: Option<String>,
    capabilities: Capabilities,
    attributes: Map<String, Value>,
    ttl: Duration,
}

impl ParticipantTokenBuilder {
    /// Sets `jti`, the participant id: 1–64 of `[A-Za-z0-9_-]`, unique per token.
    pub fn participant_id(mut self, id: impl Into<String>) -> Self {
        self.jti = Some(id.into());
        self
    }

    /// Sets `user_id` (at most 128 characters; other participants see it, so no
    /// personal data).
    pub fn user_id(mut self, user_id: impl Into<String>) -> Self {
        self.user_id = Some(user_id.into());
        self
    }

    /// Sets what the participant may do (default: publish and subscribe).
    pub fn capabilities(mut self, capabilities: Capabilities) -> Self {
        self.capabilities = capabilities;
        self
    }

    /// Adds an attribute (at most 1 KB of keys and values in total; visible to all
    /// participants).
    pub fn attribute(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.attributes
            .insert(key.into(), Value::String(value.into()));
        self
    }

    /// How long the token stays valid (default 12 hours, at most 14 days).
    pub fn expires_in(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// Builds the token as of `now` (Unix seconds: `iat`) and checks every rule.
    ///
    /// # Errors
    /// The errors of [`ParticipantToken::from_json`].
    pub fn build_at(&self, now: u64) -> Result<ParticipantToken> {
        let exp = now.checked_add(self.ttl.as_secs()).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidTimeToLive,
                "the time to live does not fit a timestamp",
            )
        })?;
        let jti = match &self.jti {
            Some(j) => j.clone(),
            None => random_uuid()?.replace('-', ""),
        };
        let topic = arn::ivs_resource_id(&self.stage_arn, "stage")
            .unwrap_or_default()
            .to_string();
        let token = ParticipantToken {
            header: ParticipantHeader {
                alg: "ES384",
                typ: "JWT",
                kid: self.kid.clone(),
            },
            claims: ParticipantClaims {
                exp,
                iat: now,
                jti,
                user_id: self.user_id.clone(),
                resource: self.stage_arn.clone(),
                topic,
                events_url: self.events_url.clone(),
                whip_url: self.whip_url.clone(),
                capabilities: self.capabilities,
                attributes: (!self.attributes.is_empty()).then(|| self.attributes.clone()),
                version: "1.0".to_string(),
            },
        };
        if exp > crate::playback::MAX_EXPIRY_SECONDS {
            return Err(Error::new(
                ErrorKind::ExpiryInMilliseconds,
                "exp would be past the year 5000; is the clock in milliseconds?",
            ));
        }
        token.validate()?;
        Ok(token)
    }

    /// Builds the token as of the signer's clock and signs it.
    ///
    /// # Errors
    /// As [`build_at`](Self::build_at).
    pub fn sign(&self, signer: &Signer) -> Result<String> {
        let token = self.build_at(signer.now())?;
        signer.sign_participant(&token)
    }
}
