//! Validation rules shared by the IVS constructs, and the pure checks behind them.
//!
//! The constructs call these while they are declared and record what they find on the
//! construct tree; every problem carries a stable rule id (listed below) so tools can
//! filter on it. The pure functions (`check_*`) take plain values and are public, so a
//! linter can apply the same rules to any CloudFormation template.
//!
//! | rule id | severity | what |
//! | --- | --- | --- |
//! | `public-key-*` | error | public key material is not an SPKI PEM on P-384 ([`check_public_key_pem`]) |
//! | `preset-without-advanced-type` | warning | a preset on a channel that is not ADVANCED_SD/ADVANCED_HD |
//! | `multitrack-type`, `multitrack-container-format` | error | multitrack input needs STANDARD and FRAGMENTED_MP4 |
//! | `custom-renditions-empty` | error | a CUSTOM rendition list with no rendition |
//! | `thumbnail-interval-range` | error | a channel thumbnail interval outside 1–60 s ([`check_thumbnail_interval`]) |
//! | `reconnect-window-range` | error | a recording reconnect window outside 0–300 s ([`check_reconnect_window`]) |
//! | `tag-count`, `tag-key-length`, `tag-value-length` | error | tag limits ([`check_tags`]) |
//! | `tag-aws-prefix` | warning | a tag key starting with `aws:` ([`check_tags`]) |
//! | `ivs-region-unsupported` | warning (error with `ivs-cdk:strict`) | a stack region without IVS ([`check_region`]) |
//! | `ad-configuration-region-unsupported` | warning | an ad configuration in a region without ad insertion |
//! | `playback-key-pair-quota` | warning | more than 3 playback key pairs in one account and region ([`check_playback_key_pair_count`]) |
//! | `playback-restriction-policy-unsupported` | error | a playback restriction policy on a channel, which CloudFormation cannot express |

use std::fmt;
use std::time::Duration;

use crate::{Construct, Environment, Finding, Node, Severity, Value};

/// Whether every character is a letter, digit, `-` or `_` (`^[a-zA-Z0-9-_]*$`).
pub(crate) fn is_resource_name(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks an optional literal name against the IVS name rules: the pattern (with the
/// CDK's message, prefixed by `prop`) and the 128-character limit of the schemas.
pub(crate) fn check_name(scope: &impl Construct, prop: &str, cfn_prop: &str, name: Option<&Value>) {
    let Some(Value::String(name)) = name else {
        return;
    };
    if !name.is_empty() && !is_resource_name(name) {
        scope.node().annotate(
            Severity::Error,
            "name-pattern",
            Some(cfn_prop),
            format!(
                "{prop} must contain only numbers, letters, hyphens and underscores, got: '{name}'"
            ),
        );
    }
    let len = name.chars().count();
    if len > 128 {
        scope.node().annotate(
            Severity::Error,
            "name-length",
            Some(cfn_prop),
            format!("{prop} must be at most 128 characters long, got: {len} characters"),
        );
    }
}

// ---------------------------------------------------------------------------------
// Public key material

/// Why public key material is not what IVS imports: the SPKI PEM
/// (`-----BEGIN PUBLIC KEY-----`) of an ECDSA P-384 key.
///
/// The messages never repeat the key material: a private key pasted by mistake must not
/// end up in logs.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PemProblem {
    /// The material is empty.
    Empty,
    /// A private key (`BEGIN PRIVATE KEY`, `BEGIN EC PRIVATE KEY`, ...); the label is kept.
    PrivateKey {
        /// The PEM label, e.g. `EC PRIVATE KEY`.
        label: String,
    },
    /// An OpenSSH public key line (`ssh-...`, `ecdsa-sha2-...`) or an SSH2 PEM.
    SshKey,
    /// An X.509 certificate instead of a bare public key.
    Certificate,
    /// An RSA key (`BEGIN RSA PUBLIC KEY`, or an SPKI whose algorithm is rsaEncryption).
    RsaKey,
    /// Another PEM label than `PUBLIC KEY`.
    WrongLabel {
        /// The label found.
        label: String,
    },
    /// No `-----BEGIN ...-----` / `-----END ...-----` armor.
    NotPem,
    /// The PEM body is not valid base64.
    BadBase64,
    /// The decoded bytes are not a DER SubjectPublicKeyInfo.
    BadDer,
    /// An SPKI for another algorithm than EC (id-ecPublicKey); the dotted OID is kept.
    NotEcKey {
        /// The algorithm's OID, e.g. `1.3.101.112` (Ed25519).
        algorithm: String,
    },
    /// An EC key on another curve than P-384.
    WrongCurve {
        /// The curve's name or OID, e.g. `P-256 (prime256v1)`.
        curve: String,
    },
    /// The EC point has the wrong length for P-384.
    BadPoint {
        /// The length of the encoded point, in bytes.
        len: usize,
    },
}

impl PemProblem {
    /// The stable rule id of this problem, e.g. `public-key-private-key`.
    pub fn rule_id(&self) -> &'static str {
        match self {
            PemProblem::Empty => "public-key-empty",
            PemProblem::PrivateKey { .. } => "public-key-private-key",
            PemProblem::SshKey => "public-key-ssh",
            PemProblem::Certificate => "public-key-certificate",
            PemProblem::RsaKey => "public-key-rsa",
            PemProblem::WrongLabel { .. } => "public-key-pem-label",
            PemProblem::NotPem => "public-key-not-pem",
            PemProblem::BadBase64 => "public-key-base64",
            PemProblem::BadDer => "public-key-der",
            PemProblem::NotEcKey { .. } => "public-key-algorithm",
            PemProblem::WrongCurve { .. } => "public-key-curve",
            PemProblem::BadPoint { .. } => "public-key-point",
        }
    }
}

const HOW_TO: &str = "make one with `ivs-cdk keygen`, or `openssl ecparam -name secp384r1 -genkey -noout -out priv.pem` then `openssl ec -in priv.pem -pubout -out public.pem`";

impl fmt::Display for PemProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PemProblem::Empty => write!(f, "the public key material is empty; IVS needs the SPKI PEM (-----BEGIN PUBLIC KEY-----) of a P-384 key: {HOW_TO}"),
            PemProblem::PrivateKey { label } => write!(f, "the public key material is a private key (-----BEGIN {label}-----); never put a private key in a template (it is not shown here). Give its public half instead, the SPKI PEM (-----BEGIN PUBLIC KEY-----) that `openssl ec -in priv.pem -pubout` writes, and keep the private key with the token signer"),
            PemProblem::SshKey => write!(f, "the public key material is an SSH public key; IVS needs the SPKI PEM (-----BEGIN PUBLIC KEY-----) of a P-384 key: {HOW_TO}"),
            PemProblem::Certificate => write!(f, "the public key material is an X.509 certificate (-----BEGIN CERTIFICATE-----); IVS needs the bare public key as SPKI PEM (-----BEGIN PUBLIC KEY-----): `openssl x509 -in cert.pem -pubkey -noout` extracts it"),
            PemProblem::RsaKey => write!(f, "the public key material is an RSA key; IVS signs tokens with ECDSA P-384 (ES384), so it needs the SPKI PEM of a P-384 key: {HOW_TO}"),
            PemProblem::WrongLabel { label } => write!(f, "the public key material is a PEM '{label}', not a 'PUBLIC KEY'; IVS needs the SPKI PEM (-----BEGIN PUBLIC KEY-----) of a P-384 key"),
            PemProblem::NotPem => write!(f, "the public key material is not PEM: expected -----BEGIN PUBLIC KEY-----, base64 lines, -----END PUBLIC KEY----- (the SPKI PEM of a P-384 key: {HOW_TO})"),
            PemProblem::BadBase64 => write!(f, "the public key material is broken PEM: the text between -----BEGIN PUBLIC KEY----- and -----END PUBLIC KEY----- is not valid base64 (was it truncated or edited?)"),
            PemProblem::BadDer => write!(f, "the public key material is broken PEM: its content is not a DER SubjectPublicKeyInfo (was it truncated or edited?)"),
            PemProblem::NotEcKey { algorithm } => write!(f, "the public key material is not an EC key (algorithm OID {algorithm}); IVS needs a P-384 ECDSA key: {HOW_TO}"),
            PemProblem::WrongCurve { curve } => write!(f, "the public key material is an EC key on {curve}, but IVS needs P-384 (secp384r1): {HOW_TO}"),
            PemProblem::BadPoint { len } => write!(f, "the public key material has a {len}-byte EC point, but a P-384 point is 97 bytes (uncompressed) or 49 bytes (compressed); was it truncated?"),
        }
    }
}

impl std::error::Error for PemProblem {}

const OID_EC_PUBLIC_KEY: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];
const OID_RSA_ENCRYPTION: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_SECP384R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x22];
const OID_PRIME256V1: &[u8] = &[0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
const OID_SECP521R1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x23];
const OID_SECP256K1: &[u8] = &[0x2b, 0x81, 0x04, 0x00, 0x0a];

/// Checks that `pem` is what IVS imports as a playback key pair or a real-time public
/// key: one SPKI PEM block (`-----BEGIN PUBLIC KEY-----`) holding an id-ecPublicKey
/// (1.2.840.10045.2.1) key on secp384r1 (1.3.132.0.34).
///
/// ```
/// use ivs_cdk::rules::{check_public_key_pem, PemProblem};
/// let sec1 = "-----BEGIN EC PRIVATE KEY-----\nMIGkAgEBBDA=\n-----END EC PRIVATE KEY-----\n";
/// assert!(matches!(check_public_key_pem(sec1), Err(PemProblem::PrivateKey { .. })));
/// assert_eq!(check_public_key_pem("ssh-ed25519 AAAA user@host"), Err(PemProblem::SshKey));
/// ```
pub fn check_public_key_pem(pem: &str) -> Result<(), PemProblem> {
    let text = pem.trim();
    if text.is_empty() {
        return Err(PemProblem::Empty);
    }
    if text.starts_with("ssh-") || text.starts_with("ecdsa-sha2-") {
        return Err(PemProblem::SshKey);
    }
    // A private key anywhere (also after an `EC PARAMETERS` block) wins over any other
    // finding: it is the mistake that must never be deployed.
    if let Some(label) = pem_labels(text).find(|l| l.contains("PRIVATE KEY")) {
        return Err(PemProblem::PrivateKey {
            label: label.to_owned(),
        });
    }
    let Some(label) = pem_labels(text).next() else {
        return Err(PemProblem::NotPem);
    };
    match label {
        "PUBLIC KEY" => {}
        "CERTIFICATE" | "TRUSTED CERTIFICATE" | "X509 CERTIFICATE" => {
            return Err(PemProblem::Certificate)
        }
        "RSA PUBLIC KEY" => return Err(PemProblem::RsaKey),
        "SSH2 PUBLIC KEY" | "OPENSSH PUBLIC KEY" => return Err(PemProblem::SshKey),
        other => {
            return Err(PemProblem::WrongLabel {
                label: other.to_owned(),
            })
        }
    }
    let begin = "-----BEGIN PUBLIC KEY-----";
    let end = "-----END PUBLIC KEY-----";
    let (Some(start), Some(stop)) = (text.find(begin), text.find(end)) else {
        return Err(PemProblem::NotPem);
    };
    if stop < start + begin.len() {
        return Err(PemProblem::NotPem);
    }
    let body: String = text[start + begin.len()..stop]
        .chars()
        .filter(|c| !c.is_ascii_whitespace())
        .collect();
    if body.is_empty() {
        return Err(PemProblem::BadBase64);
    }
    let der = base64_decode(&body).ok_or(PemProblem::BadBase64)?;
    check_spki(&der)
}

fn base64_decode(body: &str) -> Option<Vec<u8>> {
    use base64ct::{Base64, Encoding};
    Base64::decode_vec(body).ok()
}

/// The labels of the `-----BEGIN <label>-----` lines, in order.
fn pem_labels(text: &str) -> impl Iterator<Item = &str> {
    text.lines().filter_map(|line| {
        line.trim()
            .strip_prefix("-----BEGIN ")
            .and_then(|rest| rest.strip_suffix("-----"))
    })
}

/// One DER element: (tag, content, rest).
fn der_element(input: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = input.split_first()?;
    let (&first, mut rest) = rest.split_first()?;
    let len = if first < 0x80 {
        first as usize
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 || rest.len() < n {
            return None;
        }
        let mut len = 0usize;
        for &b in &rest[..n] {
            len = (len << 8) | b as usize;
        }
        rest = &rest[n..];
        len
    };
    if rest.len() < len {
        return None;
    }
    Some((tag, &rest[..len], &rest[len..]))
}

fn check_spki(der: &[u8]) -> Result<(), PemProblem> {
    let (tag, spki, rest) = der_element(der).ok_or(PemProblem::BadDer)?;
    if tag != 0x30 || !rest.is_empty() {
        return Err(PemProblem::BadDer);
    }
    let (tag, alg, rest) = der_element(spki).ok_or(PemProblem::BadDer)?;
    if tag != 0x30 {
        return Err(PemProblem::BadDer);
    }
    let (tag, bits, tail) = der_element(rest).ok_or(PemProblem::BadDer)?;
    if tag != 0x03 || !tail.is_empty() {
        return Err(PemProblem::BadDer);
    }
    let (tag, oid, params) = der_element(alg).ok_or(PemProblem::BadDer)?;
    if tag != 0x06 {
        return Err(PemProblem::BadDer);
    }
    if oid == OID_RSA_ENCRYPTION {
        return Err(PemProblem::RsaKey);
    }
    if oid != OID_EC_PUBLIC_KEY {
        return Err(PemProblem::NotEcKey {
            algorithm: dotted_oid(oid),
        });
    }
    let curve = match der_element(params) {
        Some((0x06, curve, _)) => curve,
        _ => {
            return Err(PemProblem::WrongCurve {
                curve: "explicit or missing curve parameters".into(),
            })
        }
    };
    if curve != OID_SECP384R1 {
        let name = match curve {
            c if c == OID_PRIME256V1 => "P-256 (prime256v1)".to_owned(),
            c if c == OID_SECP521R1 => "P-521 (secp521r1)".to_owned(),
            c if c == OID_SECP256K1 => "secp256k1".to_owned(),
            other => format!("the curve {}", dotted_oid(other)),
        };
        return Err(PemProblem::WrongCurve { curve: name });
    }
    let point = match bits.split_first() {
        Some((0, point)) => point,
        _ => return Err(PemProblem::BadDer),
    };
    match (point.first(), point.len()) {
        (Some(0x04), 97) | (Some(0x02 | 0x03), 49) => Ok(()),
        (_, len) => Err(PemProblem::BadPoint { len }),
    }
}

fn dotted_oid(oid: &[u8]) -> String {
    let mut parts: Vec<u64> = Vec::new();
    let mut acc: u64 = 0;
    for (i, &b) in oid.iter().enumerate() {
        acc = (acc << 7) | u64::from(b & 0x7f);
        if b & 0x80 == 0 {
            if parts.is_empty() {
                let first = (acc / 40).min(2);
                parts.push(first);
                parts.push(acc - first * 40);
            } else {
                parts.push(acc);
            }
            acc = 0;
        } else if i == oid.len() - 1 || acc > u64::MAX >> 8 {
            return "(malformed)".into();
        }
    }
    parts
        .iter()
        .map(u64::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

/// Records a problem with literal public key material on `node`.
pub(crate) fn check_public_key_material(node: &Node, prop: &str, material: &Value) {
    match material {
        Value::String(pem) => {
            if let Err(problem) = check_public_key_pem(pem) {
                node.annotate(
                    Severity::Error,
                    problem.rule_id(),
                    Some("PublicKeyMaterial"),
                    format!("{prop}: {problem}"),
                );
            }
        }
        Value::Null => node.annotate(
            Severity::Error,
            "public-key-empty",
            Some("PublicKeyMaterial"),
            format!("{prop}: {}", PemProblem::Empty),
        ),
        _ => {}
    }
}

// ---------------------------------------------------------------------------------
// Durations

/// Checks a recording reconnect window: 0 to 300 whole seconds. Returns the seconds,
/// or the message (the CDK's wording, with `prop` naming the setting).
///
/// ```
/// use std::time::Duration;
/// use ivs_cdk::rules::check_reconnect_window;
/// assert_eq!(check_reconnect_window("recordingReconnectWindow", Duration::from_secs(30)), Ok(30));
/// assert_eq!(
///     check_reconnect_window("recordingReconnectWindow", Duration::from_secs(301)).unwrap_err(),
///     "recordingReconnectWindow must be between 0 and 300 seconds, got 301 seconds."
/// );
/// ```
pub fn check_reconnect_window(prop: &str, window: Duration) -> Result<u64, String> {
    let ms = window.as_millis();
    if ms > 0 && ms < 1000 {
        return Err(format!(
            "{prop} must be between 0 and 300 seconds, got {ms} milliseconds."
        ));
    }
    if window > Duration::from_secs(300) {
        return Err(format!(
            "{prop} must be between 0 and 300 seconds, got {} seconds.",
            window.as_secs()
        ));
    }
    whole_seconds(window)
}

/// Checks a channel recording's thumbnail interval: 1 to 60 whole seconds. Returns the
/// seconds, or the message (the CDK's wording).
///
/// ```
/// use std::time::Duration;
/// use ivs_cdk::rules::check_thumbnail_interval;
/// assert_eq!(
///     check_thumbnail_interval(Duration::from_millis(1)).unwrap_err(),
///     "targetInterval must be between 1 and 60 seconds, got 1 milliseconds."
/// );
/// ```
pub fn check_thumbnail_interval(interval: Duration) -> Result<u64, String> {
    let ms = interval.as_millis();
    if ms < 1000 {
        return Err(format!(
            "targetInterval must be between 1 and 60 seconds, got {ms} milliseconds."
        ));
    }
    if interval > Duration::from_secs(60) {
        return Err(format!(
            "targetInterval must be between 1 and 60 seconds, got {} seconds.",
            interval.as_secs()
        ));
    }
    whole_seconds(interval)
}

/// The duration in whole seconds, or the CDK's message for a fraction.
pub fn whole_seconds(d: Duration) -> Result<u64, String> {
    if d.subsec_nanos() != 0 {
        return Err(format!(
            "'{} millis' cannot be converted into a whole number of seconds.",
            d.as_millis()
        ));
    }
    Ok(d.as_secs())
}

/// The rule id of a duration message from [`check_reconnect_window`] or
/// [`check_thumbnail_interval`]: `duration-whole-seconds` for a fraction, else `range_rule`.
pub(crate) fn duration_rule<'a>(message: &str, range_rule: &'a str) -> &'a str {
    if message.contains("whole number of seconds") {
        "duration-whole-seconds"
    } else {
        range_rule
    }
}

// ---------------------------------------------------------------------------------
// Tags

/// The most tags one IVS resource may have.
pub use ivs_cdk_core::MAX_TAGS;

/// Checks the final tags of one resource (from `Tags::of(..)` and the L1 props): at most
/// 50 tags, keys of 1–128 characters, values of 0–256 characters (errors), and no key
/// starting with `aws:` (a warning: AWS reserves the prefix, and CloudFormation refuses
/// it on most IVS types, but the CDK passes it through). Intrinsic values are not checked.
///
/// ```
/// use ivs_cdk::{rules::check_tags, Value};
/// let v = Value::from("x");
/// let found = check_tags([("aws:owner", &v)]);
/// assert_eq!(found[0].rule, "tag-aws-prefix");
/// ```
pub fn check_tags<'a>(tags: impl IntoIterator<Item = (&'a str, &'a Value)>) -> Vec<Finding> {
    // The limits are AWS-wide; the core checks every resource's final tags with the same
    // function during synthesis.
    ivs_cdk_core::check_tags(tags)
}

// ---------------------------------------------------------------------------------
// Regions and quotas

/// The regions that offer Amazon IVS (low-latency, real-time and chat) through
/// CloudFormation: the regions whose cfn-lint 1.58.0 provider schemas list the
/// `AWS::IVS::*` types (schema date 2026-10-20). The seven commercial regions match the
/// AWS General Reference page "Amazon Interactive Video Service endpoints and quotas";
/// the rest are isolated and sovereign partitions.
pub const IVS_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-south-1",
    "eu-central-1",
    "eu-isoe-west-1",
    "eu-west-1",
    "eusc-de-east-1",
    "us-east-1",
    "us-iso-east-1",
    "us-iso-west-1",
    "us-isob-east-1",
    "us-isob-west-1",
    "us-isof-east-1",
    "us-isof-south-1",
    "us-west-2",
];

/// The regions that offer `AWS::IVS::AdConfiguration` (same source as [`IVS_REGIONS`]).
pub const IVS_AD_CONFIGURATION_REGIONS: &[&str] = &[
    "ap-south-1",
    "eu-central-1",
    "eu-isoe-west-1",
    "eusc-de-east-1",
    "us-east-1",
    "us-iso-east-1",
    "us-iso-west-1",
    "us-isob-east-1",
    "us-isob-west-1",
    "us-isof-east-1",
    "us-isof-south-1",
    "us-west-2",
];

/// Checks that a concrete region offers IVS; the message lists the regions that do.
///
/// ```
/// use ivs_cdk::rules::check_region;
/// assert!(check_region("us-west-2").is_ok());
/// assert!(check_region("eu-south-2").unwrap_err().contains("us-east-1"));
/// ```
pub fn check_region(region: &str) -> Result<(), String> {
    if IVS_REGIONS.contains(&region) {
        Ok(())
    } else {
        Err(format!(
            "region '{region}' does not offer Amazon IVS, so this stack cannot deploy IVS resources there; IVS is available in {}",
            IVS_REGIONS.join(", ")
        ))
    }
}

/// Records the region warning on the stack of `node` when its region is a literal that
/// does not offer IVS, once per stack (called by every IVS construct before it adds its
/// resource).
pub(crate) fn check_stack_region(node: &Node) {
    let Some(stack) = node.stack() else { return };
    let Some(region) = stack.environment().region else {
        return;
    };
    let Err(message) = check_region(&region) else {
        return;
    };
    // Only the first IVS resource of the stack reports it.
    let mut todo = vec![stack.node().clone()];
    while let Some(n) = todo.pop() {
        if n.cfn_type().is_some_and(|t| is_ivs_type(&t)) {
            return;
        }
        todo.extend(n.children());
    }
    stack
        .node()
        .annotate(Severity::Warning, "ivs-region-unsupported", None, message);
}

fn is_ivs_type(t: &str) -> bool {
    t.starts_with("AWS::IVS::") || t.starts_with("AWS::IVSChat::")
}

/// The most playback key pairs one account may have in one region (not adjustable).
pub const MAX_PLAYBACK_KEY_PAIRS: usize = 3;

/// Checks how many playback key pairs go to one account and region.
///
/// ```
/// use ivs_cdk::rules::check_playback_key_pair_count;
/// assert!(check_playback_key_pair_count(3).is_ok());
/// assert!(check_playback_key_pair_count(4).is_err());
/// ```
pub fn check_playback_key_pair_count(count: usize) -> Result<(), String> {
    if count <= MAX_PLAYBACK_KEY_PAIRS {
        Ok(())
    } else {
        Err(format!(
            "{count} playback key pairs go to the same account and region, but IVS allows at most {MAX_PLAYBACK_KEY_PAIRS} per account and region (a quota that cannot be raised), so the deploy will fail; share key pairs between channels or delete unused ones"
        ))
    }
}

/// Records the quota warning on a new playback key pair when the app already has 3 in
/// the same environment (account and region of their stacks; environment-agnostic
/// stacks count together).
pub(crate) fn check_playback_key_pair_quota(node: &Node) {
    let env = node.stack().map(|s| s.environment()).unwrap_or_default();
    let mut root = node.clone();
    while let Some(parent) = root.scope() {
        root = parent;
    }
    let mut same_env: Vec<String> = Vec::new();
    let mut todo = vec![root];
    while let Some(n) = todo.pop() {
        if n.cfn_type().as_deref() == Some("AWS::IVS::PlaybackKeyPair") {
            let other: Environment = n.stack().map(|s| s.environment()).unwrap_or_default();
            if other == env {
                // Name the construct the user declared, not its `Resource` child.
                let declared = match n.scope() {
                    Some(parent) if n.id() == "Resource" => parent,
                    _ => n.clone(),
                };
                same_env.push(declared.path());
            }
        }
        let mut children = n.children();
        children.reverse();
        todo.extend(children);
    }
    if let Err(message) = check_playback_key_pair_count(same_env.len()) {
        let place = match (&env.account, &env.region) {
            (Some(a), Some(r)) => format!("account {a}, region {r}"),
            (None, Some(r)) => format!("region {r}"),
            (Some(a), None) => format!("account {a}"),
            (None, None) => "environment-agnostic stacks".to_owned(),
        };
        node.annotate(
            Severity::Warning,
            "playback-key-pair-quota",
            None,
            format!("{message} ({place}: {})", same_env.join(", ")),
        );
    }
}

// ---------------------------------------------------------------------------------
// Imports by ARN

/// Checks a literal ARN given to a `from_*_arn` import: it must parse, name `service`
/// and the `resource` type (the CDK's messages). Intrinsics are taken as they are.
/// Rule ids: `<what>-arn`, `<what>-arn-service`, `<what>-arn-resource`.
pub(crate) fn check_import_arn(
    node: &Node,
    arn: &Value,
    service: &str,
    resource: &str,
    what: &str,
) {
    let Value::String(s) = arn else { return };
    match crate::ArnComponents::parse(s) {
        Err(e) => node.annotate(Severity::Error, &format!("{what}-arn"), None, e.to_string()),
        Ok(parts) => {
            if parts.service != service {
                node.annotate(
                    Severity::Error,
                    &format!("{what}-arn-service"),
                    None,
                    format!(
                        "Invalid service, expected '{service}', got '{}'",
                        parts.service
                    ),
                );
            }
            if parts.resource != resource {
                node.annotate(
                    Severity::Error,
                    &format!("{what}-arn-resource"),
                    None,
                    format!(
                        "Invalid resource, expected '{resource}', got '{}'",
                        parts.resource
                    ),
                );
            }
        }
    }
}

/// Converts a duration setting to whole seconds, recording a problem (and returning
/// `None`, so nothing invalid is rendered) when `check` refuses it.
pub(crate) fn seconds_or_annotate(
    node: &Node,
    property: &str,
    range_rule: &str,
    checked: Result<u64, String>,
) -> Option<u64> {
    match checked {
        Ok(s) => Some(s),
        Err(message) => {
            node.annotate(
                Severity::Error,
                duration_rule(&message, range_rule),
                Some(property),
                message,
            );
            None
        }
    }
}

/// Checks a duration against an inclusive range of whole seconds (schema ranges of
/// duration settings), with a message naming `prop`.
pub fn check_seconds_range(prop: &str, d: Duration, min: u64, max: u64) -> Result<u64, String> {
    let secs = whole_seconds(d)?;
    if secs < min || secs > max {
        return Err(format!(
            "{prop} must be between {min} and {max} seconds, got {secs} seconds."
        ));
    }
    Ok(secs)
}

/// Checks a recording configuration's rendition settings as they appear in a template:
/// a `CUSTOM` selection needs at least one rendition. (The
/// [`RenditionConfiguration`](crate::RenditionConfiguration) type cannot be empty.)
///
/// ```
/// use ivs_cdk::rules::check_rendition_list;
/// assert!(check_rendition_list("CUSTOM", &[]).is_err());
/// assert!(check_rendition_list("CUSTOM", &["HD"]).is_ok());
/// ```
pub fn check_rendition_list(selection: &str, renditions: &[&str]) -> Result<(), String> {
    if selection == "CUSTOM" && renditions.is_empty() {
        return Err("a CUSTOM rendition configuration needs at least one rendition; list the resolutions to record, or select ALL".into());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Rules on template properties (for linting any CloudFormation template)

/// Applies the semantic rules to the properties of one resource of a template (a map
/// with CloudFormation names), for `ivs-cdk lint`: public key material of
/// `AWS::IVS::PlaybackKeyPair` and `AWS::IVS::PublicKey`, a preset on a channel that is
/// not ADVANCED (warning), multitrack input without STANDARD and FRAGMENTED_MP4, an
/// empty CUSTOM rendition list, and the tag rules. Intrinsic values are skipped. The
/// ranges the schemas state are left to the schema check.
///
/// ```
/// use ivs_cdk::{rules::check_resource_properties, Findings, Value};
/// let props: Value = serde_json::json!({"PublicKeyMaterial": "ssh-ed25519 AAAA"}).into();
/// let mut findings = Findings::new();
/// check_resource_properties("AWS::IVS::PublicKey", &props, &mut findings);
/// assert_eq!(findings.items()[0].rule, "public-key-ssh");
/// ```
pub fn check_resource_properties(
    type_name: &str,
    properties: &Value,
    findings: &mut crate::Findings,
) {
    let Value::Map(props) = properties else {
        return;
    };
    let text = |key: &str| props.get(key).and_then(Value::as_str);
    match type_name {
        "AWS::IVS::PlaybackKeyPair" | "AWS::IVS::PublicKey" => {
            if let Some(pem) = text("PublicKeyMaterial") {
                if let Err(problem) = check_public_key_pem(pem) {
                    findings.error("PublicKeyMaterial", problem.rule_id(), problem.to_string());
                }
            }
        }
        "AWS::IVS::Channel" => {
            let channel_type = text("Type").unwrap_or("STANDARD");
            if let Some(preset) = text("Preset").filter(|p| !p.is_empty()) {
                if !channel_type.starts_with("ADVANCED_") {
                    findings.warning("Preset", "preset-without-advanced-type", format!(
                        "preset {preset} has no effect on a {channel_type} channel: IVS applies presets only to ADVANCED_SD and ADVANCED_HD channels; remove the preset or use an ADVANCED type"
                    ));
                }
            }
            let multitrack = match props.get("MultitrackInputConfiguration") {
                Some(Value::Map(m)) => m.get("Enabled") == Some(&Value::Bool(true)),
                _ => false,
            };
            if multitrack {
                if props.get("Type").is_some_and(Value::is_literal) && channel_type != "STANDARD" {
                    findings.error("Type", "multitrack-type", format!(
                        "multitrack input is only supported for STANDARD channels, got: {channel_type}."
                    ));
                }
                let container = text("ContainerFormat");
                let unset = props.get("ContainerFormat").is_none();
                if unset || container.is_some_and(|c| c != "FRAGMENTED_MP4") {
                    findings.error("ContainerFormat", "multitrack-container-format", format!(
                        "ContainerFormat must be FRAGMENTED_MP4 when multitrack input is enabled, got: {}.",
                        container.unwrap_or("TS (the default)")
                    ));
                }
            }
        }
        "AWS::IVS::RecordingConfiguration" => {
            if let Some(Value::Map(r)) = props.get("RenditionConfiguration") {
                if let Some(selection) = r.get("RenditionSelection").and_then(Value::as_str) {
                    let empty = match r.get("Renditions") {
                        None => true,
                        Some(Value::List(l)) => l.is_empty(),
                        Some(_) => false,
                    };
                    let list: &[&str] = if empty { &[] } else { &["?"] };
                    if let Err(message) = check_rendition_list(selection, list) {
                        findings.error(
                            "RenditionConfiguration.Renditions",
                            "custom-renditions-empty",
                            message,
                        );
                    }
                }
            }
        }
        _ => {}
    }
    if let Some(Value::List(tags)) = props.get("Tags") {
        let pairs: Vec<(&str, &Value)> = tags
            .iter()
            .filter_map(|t| match t {
                Value::Map(m) => Some((m.get("Key")?.as_str()?, m.get("Value")?)),
                _ => None,
            })
            .collect();
        for f in check_tags(pairs) {
            findings.push(f.severity, "Tags", &f.rule, f.message);
        }
    }
}
