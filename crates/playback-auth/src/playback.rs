//! Playback-authorization tokens for private channels: typed claims, their
//! rules, and a builder.

use std::fmt;
use std::time::Duration;

use serde::Serialize;
use serde_json::{Map, Value};

use crate::arn;
use crate::clock::{Clock, SystemClock};
use crate::error::{Error, ErrorKind, Result};
use crate::signer::Signer;

/// An `exp` above this is taken for milliseconds (`Date.now()`-style): as seconds
/// it would be past the year 5138.
pub const MAX_EXPIRY_SECONDS: u64 = 100_000_000_000;

/// Longest `aws:viewer-id`, in characters.
pub const MAX_VIEWER_ID_CHARS: usize = 40;

/// Longest lifetime of a token that carries `aws:viewer-id` or `aws:single-use-uuid`.
pub const MAX_RESTRICTED_TTL_SECONDS: u64 = 600;

/// Most origins allowed with strict origin enforcement.
pub const MAX_STRICT_ORIGINS: usize = 5;

/// Time to live of a playback token when the builder is not told otherwise.
pub const DEFAULT_PLAYBACK_TTL: Duration = Duration::from_secs(300);

/// The highest rendition a viewer may play (`aws:maximum-resolution`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum MaximumResolution {
    /// Standard definition: `SD`.
    #[serde(rename = "SD")]
    Sd,
    /// High definition (720p): `HD`.
    #[serde(rename = "HD")]
    Hd,
    /// Full HD (1080p): `FULL_HD`.
    #[serde(rename = "FULL_HD")]
    FullHd,
}

impl MaximumResolution {
    /// The claim value: `SD`, `HD` or `FULL_HD`.
    pub fn as_str(self) -> &'static str {
        match self {
            MaximumResolution::Sd => "SD",
            MaximumResolution::Hd => "HD",
            MaximumResolution::FullHd => "FULL_HD",
        }
    }
}

impl std::str::FromStr for MaximumResolution {
    type Err = Error;

    /// Parses `SD`, `HD` or `FULL_HD` (exactly; the claim is case-sensitive).
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "SD" => Ok(MaximumResolution::Sd),
            "HD" => Ok(MaximumResolution::Hd),
            "FULL_HD" => Ok(MaximumResolution::FullHd),
            other => Err(Error::new(
                ErrorKind::InvalidMaximumResolution,
                format!(
                    "aws:maximum-resolution is {other:?}; allowed values are SD, HD and FULL_HD"
                ),
            )),
        }
    }
}

impl fmt::Display for MaximumResolution {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The claims of an IVS playback-authorization token, checked against every IVS rule.
///
/// Make one with [`PlaybackClaims::builder`] (to sign) or read one with
/// [`PlaybackClaims::from_json`] (what [`Verifier`](crate::Verifier) does). It
/// serializes to compact JSON with the members in the documented order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlaybackClaims {
    #[serde(rename = "aws:channel-arn")]
    channel_arn: String,
    #[serde(
        rename = "aws:access-control-allow-origin",
        skip_serializing_if = "Option::is_none"
    )]
    allowed_origins: Option<String>,
    #[serde(
        rename = "aws:strict-origin-enforcement",
        skip_serializing_if = "Option::is_none"
    )]
    strict_origin_enforcement: Option<bool>,
    #[serde(
        rename = "aws:single-use-uuid",
        skip_serializing_if = "Option::is_none"
    )]
    single_use_uuid: Option<String>,
    #[serde(rename = "aws:viewer-id", skip_serializing_if = "Option::is_none")]
    viewer_id: Option<String>,
    #[serde(
        rename = "aws:viewer-session-version",
        skip_serializing_if = "Option::is_none"
    )]
    viewer_session_version: Option<i64>,
    #[serde(
        rename = "aws:maximum-resolution",
        skip_serializing_if = "Option::is_none"
    )]
    maximum_resolution: Option<MaximumResolution>,
    exp: u64,
}

impl PlaybackClaims {
    /// Starts a builder for a token that plays `channel_arn`
    /// (`arn:aws:ivs:<region>:<account>:channel/<id>`).
    ///
    /// ```
    /// use std::time::Duration;
    /// use ivs_playback_auth::{MaximumResolution, PlaybackClaims};
    ///
    /// let claims = PlaybackClaims::builder("arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456")
    ///     .expires_in(Duration::from_secs(120))
    ///     .allowed_origin("https://example.com")
    ///     .maximum_resolution(MaximumResolution::Hd)
    ///     .build_at(1_700_000_000)?;
    /// assert_eq!(claims.expires_at(), 1_700_000_120);
    /// # Ok::<(), ivs_playback_auth::Error>(())
    /// ```
    pub fn builder(channel_arn: impl Into<String>) -> PlaybackTokenBuilder {
        PlaybackTokenBuilder::new(channel_arn)
    }

    /// Reads claims from a decoded JSON payload and checks every rule at time `now`
    /// (Unix seconds): types, the channel ARN, seconds (not milliseconds) in `exp`,
    /// the viewer-id length, the 10-minute limit with a viewer id or single-use UUID,
    /// the UUID, the resolution, and the origin limit under strict enforcement.
    /// Claims this crate does not know are ignored. Expiry itself is not checked
    /// here; [`Verifier`](crate::Verifier) does that.
    ///
    /// # Errors
    /// The [`ErrorKind`] of the first rule broken.
    pub fn from_json(payload: &Map<String, Value>, now: u64) -> Result<Self> {
        let channel_arn = match payload.get("aws:channel-arn") {
            None => return Err(Error::new(
                ErrorKind::MissingChannelArn,
                "the token has no aws:channel-arn claim; it names the channel the viewer may play",
            )),
            Some(v) => string_claim(v, "aws:channel-arn")?.to_string(),
        };
        let exp = match payload.get("exp") {
            None => {
                return Err(Error::new(
                    ErrorKind::MissingExpiry,
                    "the token has no exp claim; IVS requires an expiry time in seconds",
                ))
            }
            Some(v) => expiry_claim(v)?,
        };
        let allowed_origins = payload
            .get("aws:access-control-allow-origin")
            .map(|v| string_claim(v, "aws:access-control-allow-origin").map(str::to_string))
            .transpose()?;
        let strict_origin_enforcement = match payload.get("aws:strict-origin-enforcement") {
            None => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(other) => {
                return Err(Error::new(
                    ErrorKind::StrictOriginNotBoolean,
                    format!("aws:strict-origin-enforcement is {other}; it must be the JSON boolean true or false"),
                ))
            }
        };
        let single_use_uuid = payload
            .get("aws:single-use-uuid")
            .map(|v| string_claim(v, "aws:single-use-uuid").map(str::to_string))
            .transpose()?;
        let viewer_id = payload
            .get("aws:viewer-id")
            .map(|v| string_claim(v, "aws:viewer-id").map(str::to_string))
            .transpose()?;
        let viewer_session_version = payload
            .get("aws:viewer-session-version")
            .map(session_version_claim)
            .transpose()?;
        let maximum_resolution = payload
            .get("aws:maximum-resolution")
            .map(|v| string_claim(v, "aws:maximum-resolution")?.parse())
            .transpose()?;
        let claims = PlaybackClaims {
            channel_arn,
            allowed_origins,
            strict_origin_enforcement,
            single_use_uuid,
            viewer_id,
            viewer_session_version,
            maximum_resolution,
            exp,
        };
        claims.validate(now)?;
        Ok(claims)
    }

    /// Checks the IVS rules at time `now` (Unix seconds).
    fn validate(&self, now: u64) -> Result<()> {
        if arn::ivs_resource_id(&self.channel_arn, "channel").is_none() {
            let hint = match arn::resource_type(&self.channel_arn) {
                Some(t) if t != "channel" => format!(" (it is a {t} ARN)"),
                _ => String::new(),
            };
            return Err(Error::new(
                ErrorKind::InvalidChannelArn,
                format!(
                    "aws:channel-arn {:?} is not an IVS channel ARN{hint}; expected \
                     arn:aws:ivs:<region>:<account>:channel/<id>",
                    self.channel_arn
                ),
            ));
        }
        check_expiry_seconds(self.exp)?;
        if let Some(viewer_id) = &self.viewer_id {
            let chars = viewer_id.chars().count();
            if chars > MAX_VIEWER_ID_CHARS {
                return Err(Error::new(
                    ErrorKind::ViewerIdTooLong,
                    format!("aws:viewer-id is {chars} characters long; the limit is {MAX_VIEWER_ID_CHARS}"),
                ));
            }
            if self.exp > now.saturating_add(MAX_RESTRICTED_TTL_SECONDS) {
                return Err(Error::new(
                    ErrorKind::ViewerIdExpiryTooLong,
                    format!(
                        "with aws:viewer-id set, exp may be at most 10 minutes ahead; it is {} s ahead",
                        self.exp - now
                    ),
                ));
            }
        }
        if let Some(uuid) = &self.single_use_uuid {
            if !is_hyphenated_uuid(uuid) {
                return Err(Error::new(
                    ErrorKind::InvalidSingleUseUuid,
                    format!(
                        "aws:single-use-uuid {uuid:?} is not a UUID; expected the form \
                         1e760ed4-29c0-4ee3-987d-a5dc60734b58"
                    ),
                ));
            }
            if self.exp > now.saturating_add(MAX_RESTRICTED_TTL_SECONDS) {
                return Err(Error::new(
                    ErrorKind::SingleUseExpiryTooLong,
                    format!(
                        "with aws:single-use-uuid set, exp may be at most 10 minutes ahead; it is {} s ahead",
                        self.exp - now
                    ),
                ));
            }
        }
        if let Some(origins) = &self.allowed_origins {
            let mut count = 0;
            for origin in origins.split(',') {
                check_origin(origin)?;
                count += 1;
            }
            if self.strict_origin_enforcement == Some(true) && count > MAX_STRICT_ORIGINS {
                return Err(Error::new(
                    ErrorKind::TooManyStrictOrigins,
                    format!(
                        "aws:access-control-allow-origin lists {count} origins; with strict origin \
                         enforcement at most {MAX_STRICT_ORIGINS} are allowed"
                    ),
                ));
            }
        }
        Ok(())
    }

    /// `aws:channel-arn`: the channel this token plays.
    pub fn channel_arn(&self) -> &str {
        &self.channel_arn
    }

    /// `exp`: expiry, in seconds since the Unix epoch.
    pub fn expires_at(&self) -> u64 {
        self.exp
    }

    /// `aws:access-control-allow-origin`, split at commas; empty when absent (all origins).
    pub fn allowed_origins(&self) -> Vec<&str> {
        self.allowed_origins
            .as_deref()
            .map(|s| s.split(',').collect())
            .unwrap_or_default()
    }

    /// `aws:strict-origin-enforcement`; `false` when absent.
    pub fn strict_origin_enforcement(&self) -> bool {
        self.strict_origin_enforcement.unwrap_or(false)
    }

    /// `aws:single-use-uuid`, if the token is single-use.
    pub fn single_use_uuid(&self) -> Option<&str> {
        self.single_use_uuid.as_deref()
    }

    /// `aws:viewer-id`, if set.
    pub fn viewer_id(&self) -> Option<&str> {
        self.viewer_id.as_deref()
    }

    /// `aws:viewer-session-version`, if set (IVS reads an absent one as 0).
    pub fn viewer_session_version(&self) -> Option<i64> {
        self.viewer_session_version
    }

    /// `aws:maximum-resolution`, if set.
    pub fn maximum_resolution(&self) -> Option<MaximumResolution> {
        self.maximum_resolution
    }
}

/// Builds and signs [`PlaybackClaims`]; start with [`PlaybackClaims::builder`].
///
/// Every setter is optional. Defaults: expiry [`DEFAULT_PLAYBACK_TTL`] (5 minutes)
/// after signing, all origins allowed, no strict enforcement, no viewer id, not
/// single-use, no resolution cap.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until build_at, build or sign is called"]
pub struct PlaybackTokenBuilder {
    channel_arn: String,
    ttl: Duration,
    origins: Vec<String>,
    strict_origin_enforcement: bool,
    single_use_uuid: Option<SingleUse>,
    viewer_id: Option<String>,
    viewer_session_version: Option<i64>,
    maximum_resolution: Option<MaximumResolution>,
}

#[derive(Debug, Clone)]
enum SingleUse {
    Random,
    Given(String),
}

impl PlaybackTokenBuilder {
    fn new(channel_arn: impl Into<String>) -> Self {
        PlaybackTokenBuilder {
            channel_arn: channel_arn.into(),
            ttl: DEFAULT_PLAYBACK_TTL,
            origins: Vec::new(),
            strict_origin_enforcement: false,
            single_use_uuid: None,
            viewer_id: None,
            viewer_session_version: None,
            maximum_resolution: None,
        }
    }

    /// How long the token stays valid: `exp` is now plus this, in whole seconds
    /// (sub-second parts are dropped). Default 5 minutes. IVS checks `exp` only
    /// when playback starts. At most 10 minutes with a viewer id or single use.
    pub fn expires_in(mut self, ttl: Duration) -> Self {
        self.ttl = ttl;
        self
    }

    /// Adds an origin allowed to play (`aws:access-control-allow-origin`), such as
    /// `https://example.com`, `https://*.example.com`, or `*`. Call it once per origin.
    pub fn allowed_origin(mut self, origin: impl Into<String>) -> Self {
        self.origins.push(origin.into());
        self
    }

    /// Enforces the origins on every playback request, not only the multivariant
    /// playlist (`aws:strict-origin-enforcement`). Allows at most 5 origins.
    pub fn strict_origin_enforcement(mut self, strict: bool) -> Self {
        self.strict_origin_enforcement = strict;
        self
    }

    /// Makes the token single-use with a fresh random UUID (`aws:single-use-uuid`).
    pub fn single_use(mut self) -> Self {
        self.single_use_uuid = Some(SingleUse::Random);
        self
    }

    /// Makes the token single-use with the given UUID (`aws:single-use-uuid`).
    pub fn single_use_uuid(mut self, uuid: impl Into<String>) -> Self {
        self.single_use_uuid = Some(SingleUse::Given(uuid.into()));
        self
    }

    /// Names the viewer for session revocation (`aws:viewer-id`, at most 40
    /// characters, no personal data).
    pub fn viewer_id(mut self, viewer_id: impl Into<String>) -> Self {
        self.viewer_id = Some(viewer_id.into());
        self
    }

    /// Sets the revocation version (`aws:viewer-session-version`), for example a Unix
    /// timestamp. Meaningful together with [`viewer_id`](Self::viewer_id).
    pub fn viewer_session_version(mut self, version: i64) -> Self {
        self.viewer_session_version = Some(version);
        self
    }

    /// Caps the rendition the viewer gets (`aws:maximum-resolution`).
    pub fn maximum_resolution(mut self, resolution: MaximumResolution) -> Self {
        self.maximum_resolution = Some(resolution);
        self
    }

    /// Builds the claims as of `now` (Unix seconds) and checks every rule.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTimeToLive`] for a zero time to live, and the errors of
    /// [`PlaybackClaims::from_json`] for a broken rule.
    pub fn build_at(&self, now: u64) -> Result<PlaybackClaims> {
        let ttl = self.ttl.as_secs();
        if ttl == 0 {
            return Err(Error::new(
                ErrorKind::InvalidTimeToLive,
                "the token's time to live is under one second; it would be expired when signed",
            ));
        }
        let exp = now.checked_add(ttl).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidTimeToLive,
                format!("a time to live of {ttl} s does not fit a timestamp"),
            )
        })?;
        for origin in &self.origins {
            if origin.contains(',') {
                return Err(Error::new(
                    ErrorKind::InvalidOrigin,
                    format!("the origin {origin:?} contains a comma; add each origin separately"),
                ));
            }
        }
        let single_use_uuid = match &self.single_use_uuid {
            None => None,
            Some(SingleUse::Given(u)) => Some(u.clone()),
            Some(SingleUse::Random) => Some(random_uuid()?),
        };
        let claims = PlaybackClaims {
            channel_arn: self.channel_arn.clone(),
            allowed_origins: (!self.origins.is_empty()).then(|| self.origins.join(",")),
            strict_origin_enforcement: self.strict_origin_enforcement.then_some(true),
            single_use_uuid,
            viewer_id: self.viewer_id.clone(),
            viewer_session_version: self.viewer_session_version,
            maximum_resolution: self.maximum_resolution,
            exp,
        };
        claims.validate(now)?;
        Ok(claims)
    }

    /// Builds the claims as of the system clock.
    ///
    /// # Errors
    /// As [`build_at`](Self::build_at).
    pub fn build(&self) -> Result<PlaybackClaims> {
        self.build_at(SystemClock.now())
    }

    /// Builds the claims as of the signer's clock and signs them: the token to
    /// append to the playback URL as `?token=`.
    ///
    /// # Errors
    /// As [`build_at`](Self::build_at).
    pub fn sign(&self, signer: &Signer) -> Result<String> {
        let claims = self.build_at(signer.now())?;
        signer.sign_playback(&claims)
    }
}

/// Appends the token to a channel playback URL: `?token=` or, when the URL already
/// has a query string, `&token=`.
///
/// ```
/// use ivs_playback_auth::playback_url_with_token;
/// assert_eq!(playback_url_with_token("https://a.b/x.m3u8", "t"), "https://a.b/x.m3u8?token=t");
/// assert_eq!(playback_url_with_token("https://a.b/x.m3u8?p=1", "t"), "https://a.b/x.m3u8?p=1&token=t");
/// ```
pub fn playback_url_with_token(playback_url: &str, token: &str) -> String {
    let (base, fragment) = match playback_url.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (playback_url, None),
    };
    let sep = if base.contains('?') {
        if base.ends_with('?') || base.ends_with('&') {
            ""
        } else {
            "&"
        }
    } else {
        "?"
    };
    let mut url = format!("{base}{sep}token={token}");
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    url
}

pub(crate) fn random_uuid() -> Result<String> {
    let mut bytes = [0u8; 16];
    rand_core::RngCore::try_fill_bytes(&mut rand_core::OsRng, &mut bytes).map_err(|_| {
        Error::new(
            ErrorKind::Random,
            "the operating system's random number generator failed",
        )
    })?;
    Ok(uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .hyphenated()
        .to_string())
}

fn is_hyphenated_uuid(s: &str) -> bool {
    s.len() == 36 && uuid::Uuid::try_parse(s).is_ok()
}

fn string_claim<'a>(v: &'a Value, name: &str) -> Result<&'a str> {
    v.as_str().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidClaimType,
            format!("{name} is {v}; it must be a JSON string"),
        )
    })
}

pub(crate) fn expiry_claim(v: &Value) -> Result<u64> {
    match v {
        Value::Number(n) => {
            if let Some(exp) = n.as_u64() {
                check_expiry_seconds(exp)?;
                Ok(exp)
            } else if n.is_i64() {
                Err(Error::new(
                    ErrorKind::ExpiryNotInteger,
                    format!("exp is {n}, before 1970; it must be a positive number of seconds"),
                ))
            } else {
                Err(Error::new(
                    ErrorKind::ExpiryNotInteger,
                    format!("exp is {n}; it must be a whole number of seconds since 1970"),
                ))
            }
        }
        Value::String(s) => Err(Error::new(
            ErrorKind::ExpiryNotInteger,
            format!("exp is the string {s:?}; it must be a JSON number of seconds, not a string"),
        )),
        other => Err(Error::new(
            ErrorKind::ExpiryNotInteger,
            format!("exp is {other}; it must be a whole number of seconds since 1970"),
        )),
    }
}

fn check_expiry_seconds(exp: u64) -> Result<()> {
    if exp > MAX_EXPIRY_SECONDS {
        return Err(Error::new(
            ErrorKind::ExpiryInMilliseconds,
            format!(
                "exp is {exp}, which looks like milliseconds (Date.now()-style); IVS expects seconds \
                 since 1970, e.g. {}",
                exp / 1000
            ),
        ));
    }
    Ok(())
}

fn session_version_claim(v: &Value) -> Result<i64> {
    match v {
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(i)
            } else if n.is_u64()
                || n.as_f64()
                    .is_some_and(|f| f.fract() == 0.0 && f.abs() >= 9.2e18)
            {
                Err(Error::new(
                    ErrorKind::ViewerSessionVersionOutOfRange,
                    format!("aws:viewer-session-version is {n}, outside the signed 64-bit range"),
                ))
            } else {
                Err(Error::new(
                    ErrorKind::ViewerSessionVersionNotInteger,
                    format!("aws:viewer-session-version is {n}; it must be a whole number"),
                ))
            }
        }
        other => Err(Error::new(
            ErrorKind::ViewerSessionVersionNotInteger,
            format!("aws:viewer-session-version is {other}; it must be a JSON integer, not quoted"),
        )),
    }
}

/// Accepts `*`, or `scheme://host[:port]` where the host may start with `*.`.
fn check_origin(origin: &str) -> Result<()> {
    let bad = |why: &str| {
        Err(Error::new(
            ErrorKind::InvalidOrigin,
            format!(
                "the allowed origin {origin:?} {why}; an origin looks like https://example.com, \
                 https://*.example.com or *"
            ),
        ))
    };
    if origin == "*" {
        return Ok(());
    }
    if origin.is_empty() {
        return bad("is empty");
    }
    if origin.chars().any(char::is_whitespace) {
        return bad("contains whitespace");
    }
    let Some((scheme, host)) = origin.split_once("://") else {
        return bad("has no scheme");
    };
    if scheme.is_empty()
        || !scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
    {
        return bad("has an invalid scheme");
    }
    if host.is_empty() {
        return bad("has no host");
    }
    if host.contains('/') || host.contains('?') || host.contains('#') {
        return bad("has a path; browsers send origins without one");
    }
    Ok(())
}
