//! `ivs-cdk token`: sign and verify playback and participant tokens.

use std::path::PathBuf;
use std::time::Duration;

use clap::Subcommand;
use ivs_playback_auth::{
    playback_url_with_token, Capabilities, FixedClock, MaximumResolution, ParticipantToken,
    PlaybackClaims, PublicKey, Signer, SystemClock, Verifier,
};

use crate::files::read_key;
use crate::Failure;

const CHANNEL_EXAMPLE: &str = "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456";

/// Playback and participant tokens.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Sign a playback token for a private channel.
    #[command(after_help = "Examples:\n  \
ivs-cdk token sign --private-key private.pem --channel-arn arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456\n  \
ivs-cdk token sign --private-key private.pem --channel-arn arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456 \\\n      \
--ttl 2m --origin https://example.com --viewer-id viewer-42 \\\n      \
--playback-url https://abc.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.AbCdEf123456.m3u8")]
    Sign(SignArgs),
    /// Verify a playback or participant token and print its header and claims as JSON.
    ///
    /// Exit status: 0 when the token is valid, 1 when it is not (the reason goes to
    /// stderr), 2 for a usage error or an unusable key file.
    #[command(
        after_help = "Example:\n  ivs-cdk token verify --public-key public.pem eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9.eyJ..."
    )]
    Verify(VerifyArgs),
    /// Sign a self-signed real-time participant token for a stage.
    #[command(after_help = "Example:\n  \
ivs-cdk token participant --private-key private.pem \\\n      \
--public-key-arn arn:aws:ivs:us-east-1:123456789012:public-key/abcdEFGH1234 \\\n      \
--stage-arn arn:aws:ivs:us-east-1:123456789012:stage/oRmLNwuCeMlQ \\\n      \
--events-url wss://global.events.live-video.net \\\n      \
--whip-url https://114ddfabadaf.global-bm.whip.live-video.net --user-id alice --ttl 12h")]
    Participant(ParticipantArgs),
}

/// Arguments of `token sign`.
#[derive(Debug, clap::Args)]
pub struct SignArgs {
    /// The private key (PKCS#8 or SEC1 PEM).
    #[arg(long, value_name = "FILE")]
    private_key: PathBuf,
    /// The channel's ARN (arn:aws:ivs:REGION:ACCOUNT:channel/ID).
    #[arg(long, value_name = "ARN")]
    channel_arn: String,
    /// How long the token is valid: a number with s, m, h or d (default seconds).
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_ttl)]
    ttl: Duration,
    /// An origin allowed to play, e.g. https://example.com or https://*.example.com; repeat for more.
    #[arg(long = "origin", value_name = "URL")]
    origins: Vec<String>,
    /// Enforce the origins on every playback request (at most 5 origins).
    #[arg(long)]
    strict_origin: bool,
    /// A viewer id for session revocation (at most 40 characters; TTL at most 10 minutes).
    #[arg(long, value_name = "ID")]
    viewer_id: Option<String>,
    /// The viewer session version, e.g. a Unix timestamp.
    #[arg(long, value_name = "N", allow_negative_numbers = true)]
    viewer_session_version: Option<i64>,
    /// Make the token single-use with a random UUID (TTL at most 10 minutes).
    #[arg(long)]
    single_use: bool,
    /// The highest resolution the viewer may play.
    #[arg(long, value_name = "RESOLUTION", value_parser = ["SD", "HD", "FULL_HD"])]
    max_resolution: Option<String>,
    /// Print this playback URL with the token appended instead of the bare token.
    #[arg(long, value_name = "URL")]
    playback_url: Option<String>,
    /// Sign as of this time (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
}

/// Arguments of `token verify`.
#[derive(Debug, clap::Args)]
pub struct VerifyArgs {
    /// The public key (SPKI PEM, BEGIN PUBLIC KEY).
    #[arg(long, value_name = "FILE")]
    public_key: PathBuf,
    /// Check expiry as of this time (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
    /// The token (a JWT), as printed by `token sign`.
    #[arg(value_name = "TOKEN")]
    token: String,
}

/// Arguments of `token participant`.
#[derive(Debug, clap::Args)]
pub struct ParticipantArgs {
    /// The private key (PKCS#8 or SEC1 PEM) whose public half was imported as an IVS public key.
    #[arg(long, value_name = "FILE")]
    private_key: PathBuf,
    /// The imported public key's ARN (arn:aws:ivs:REGION:ACCOUNT:public-key/ID), sent as kid.
    #[arg(long, value_name = "ARN")]
    public_key_arn: String,
    /// The stage's ARN (arn:aws:ivs:REGION:ACCOUNT:stage/ID).
    #[arg(long, value_name = "ARN")]
    stage_arn: String,
    /// The stage's events endpoint, e.g. wss://global.events.live-video.net.
    #[arg(long, value_name = "URL")]
    events_url: String,
    /// The stage's WHIP endpoint, e.g. https://ID.global-bm.whip.live-video.net.
    #[arg(long, value_name = "URL")]
    whip_url: String,
    /// The participant id (1-64 of A-Z a-z 0-9 _ -); random when omitted.
    #[arg(long, value_name = "ID")]
    participant_id: Option<String>,
    /// A user id shown to other participants (at most 128 characters, no personal data).
    #[arg(long, value_name = "ID")]
    user_id: Option<String>,
    /// Allow subscribing only, not publishing.
    #[arg(long)]
    subscribe_only: bool,
    /// An attribute KEY=VALUE shown to other participants; repeat for more (1 KB in total).
    #[arg(long = "attribute", value_name = "KEY=VALUE", value_parser = parse_attribute)]
    attributes: Vec<(String, String)>,
    /// How long the token is valid: a number with s, m, h or d (at most 14 days).
    #[arg(long, value_name = "DURATION", default_value = "12h", value_parser = parse_ttl)]
    ttl: Duration,
    /// Sign as of this time (Unix seconds) instead of now.
    #[arg(long, value_name = "UNIX_SECONDS")]
    now: Option<u64>,
}

/// Runs a `token` subcommand.
pub fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Sign(args) => sign(&args),
        Command::Verify(args) => verify(&args),
        Command::Participant(args) => participant(&args),
    }
}

fn signer(path: &std::path::Path, now: Option<u64>) -> Result<Signer, Failure> {
    let pem = read_key(path, "private key")?;
    let signer =
        Signer::from_pem(&pem).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?;
    Ok(match now {
        Some(now) => signer.with_clock(FixedClock(now)),
        None => signer.with_clock(SystemClock),
    })
}

fn sign(args: &SignArgs) -> Result<(), Failure> {
    let signer = signer(&args.private_key, args.now)?;
    let mut builder = PlaybackClaims::builder(&args.channel_arn)
        .expires_in(args.ttl)
        .strict_origin_enforcement(args.strict_origin);
    for origin in &args.origins {
        builder = builder.allowed_origin(origin);
    }
    if let Some(id) = &args.viewer_id {
        builder = builder.viewer_id(id);
    }
    if let Some(version) = args.viewer_session_version {
        builder = builder.viewer_session_version(version);
    }
    if args.single_use {
        builder = builder.single_use();
    }
    if let Some(res) = &args.max_resolution {
        let res: MaximumResolution = res.parse().map_err(Failure::usage)?;
        builder = builder.maximum_resolution(res);
    }
    let token = builder.sign(&signer).map_err(|e| {
        let hint = if e.kind() == ivs_playback_auth::ErrorKind::InvalidChannelArn {
            format!(" (for example {CHANNEL_EXAMPLE})")
        } else {
            String::new()
        };
        Failure::rejected(format!("{e}{hint}"))
    })?;
    match &args.playback_url {
        Some(url) => println!("{}", playback_url_with_token(url, &token)),
        None => println!("{token}"),
    }
    Ok(())
}

fn verify(args: &VerifyArgs) -> Result<(), Failure> {
    let pem = read_key(&args.public_key, "public key")?;
    let key = PublicKey::from_spki_pem(&pem)
        .map_err(|e| Failure::usage(format!("{}: {e}", args.public_key.display())))?;
    let verifier = Verifier::new(&key);
    let verifier = match args.now {
        Some(now) => verifier.with_clock(FixedClock(now)),
        None => verifier,
    };
    let verified = verifier
        .verify_any(args.token.trim())
        .map_err(|e| Failure::rejected(format!("the token is not valid: {e}")))?;
    let out = serde_json::json!({ "header": verified.header(), "claims": verified.payload() });
    println!("{}", serde_json::to_string_pretty(&out).unwrap_or_default());
    Ok(())
}

fn participant(args: &ParticipantArgs) -> Result<(), Failure> {
    let signer = signer(&args.private_key, args.now)?;
    let mut builder = ParticipantToken::builder(
        &args.public_key_arn,
        &args.stage_arn,
        &args.events_url,
        &args.whip_url,
    )
    .expires_in(args.ttl)
    .capabilities(if args.subscribe_only {
        Capabilities::SUBSCRIBE_ONLY
    } else {
        Capabilities::PUBLISH_AND_SUBSCRIBE
    });
    if let Some(id) = &args.participant_id {
        builder = builder.participant_id(id);
    }
    if let Some(id) = &args.user_id {
        builder = builder.user_id(id);
    }
    for (k, v) in &args.attributes {
        builder = builder.attribute(k, v);
    }
    let token = builder.sign(&signer).map_err(Failure::rejected)?;
    println!("{token}");
    Ok(())
}

/// Parses `90`, `90s`, `5m`, `12h` or `7d` into seconds; refuses milliseconds.
fn parse_ttl(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    if s.ends_with("ms") {
        return Err(
            "milliseconds are not accepted: token expiry is in whole seconds (use s, m, h or d)"
                .into(),
        );
    }
    let (digits, unit) = match s.find(|c: char| !c.is_ascii_digit()) {
        Some(i) => s.split_at(i),
        None => (s, "s"),
    };
    let n: u64 = digits
        .parse()
        .map_err(|_| format!("{s:?} is not a duration; use a number with s, m, h or d, e.g. 5m"))?;
    let factor = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        other => return Err(format!("unknown unit {other:?}; use s, m, h or d, e.g. 5m")),
    };
    let secs = n
        .checked_mul(factor)
        .ok_or_else(|| format!("{s:?} is too long a duration"))?;
    if secs == 0 {
        return Err("the duration must be at least one second".into());
    }
    Ok(Duration::from_secs(secs))
}

fn parse_attribute(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .ok_or_else(|| format!("{s:?} is not KEY=VALUE"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ttl_accepts_units_and_refuses_milliseconds() {
        assert_eq!(parse_ttl("300").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_ttl("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_ttl("12h").unwrap(), Duration::from_secs(43_200));
        assert_eq!(parse_ttl("1d").unwrap(), Duration::from_secs(86_400));
        assert!(parse_ttl("60000ms").unwrap_err().contains("milliseconds"));
        assert!(parse_ttl("0").unwrap_err().contains("at least one second"));
        assert!(parse_ttl("5 minutes").is_err());
    }
}
