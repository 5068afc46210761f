//! P-384 key pairs: generation, loading from PEM/DER, and export.
//!
//! IVS imports the public half of a playback key pair as SPKI PEM
//! (`-----BEGIN PUBLIC KEY-----`), and the private half signs tokens. These
//! commands produce a suitable pair with OpenSSL:
//!
//! ```text
//! openssl ecparam -name secp384r1 -genkey -noout -out private.pem   # SEC1 "EC PRIVATE KEY"
//! openssl ec -in private.pem -pubout -out public.pem                # SPKI "PUBLIC KEY"
//! ```
//!
//! `ivs-cdk keygen` and [`PrivateKey::generate`] do the same without OpenSSL.

use std::fmt;

use p384::elliptic_curve::rand_core::OsRng;
use p384::pkcs8::der::pem::LineEnding;
use p384::pkcs8::der::Decode;
use p384::pkcs8::spki::ObjectIdentifier;
use p384::pkcs8::{DecodePrivateKey, DecodePublicKey, EncodePrivateKey, EncodePublicKey};
use zeroize::Zeroizing;

use crate::error::{Error, ErrorKind, Result};

const OID_EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
const OID_SECP384R1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const OID_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
const OID_RSA_PSS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
const OID_ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const OID_ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const OID_X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

/// A P-384 private key, used to sign playback and participant tokens.
///
/// Load it with the constructor named after its format ([`from_pkcs8_pem`](Self::from_pkcs8_pem),
/// [`from_sec1_pem`](Self::from_sec1_pem), or [`from_pem`](Self::from_pem) for either), or make a new
/// one with [`generate`](Self::generate). The key is zeroized when dropped, and its
/// `Debug` output never shows key material.
///
/// ```
/// use ivs_playback_auth::PrivateKey;
///
/// let key = PrivateKey::generate()?;
/// let pem = key.to_pkcs8_pem();
/// let again = PrivateKey::from_pem(&pem)?;
/// assert_eq!(key.public_key(), again.public_key());
/// assert_eq!(format!("{key:?}"), "PrivateKey { curve: \"P-384\", .. }");
/// # Ok::<(), ivs_playback_auth::Error>(())
/// ```
#[derive(Clone)]
pub struct PrivateKey {
    secret: p384::SecretKey,
}

/// A P-384 public key in the form IVS imports, used to verify tokens.
///
/// IVS takes it as SPKI PEM (`-----BEGIN PUBLIC KEY-----`), the output of
/// `openssl ec -in private.pem -pubout`; [`to_spki_pem`](Self::to_spki_pem) writes that
/// form for `PlaybackKeyPairProps::public_key_material`.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    key: p384::PublicKey,
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("curve", &"P-384")
            .finish_non_exhaustive()
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PublicKey")
            .field("curve", &"P-384")
            .finish_non_exhaustive()
    }
}

/// The PEM formats this crate tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PemKind {
    Pkcs8Private,
    Sec1Private,
    SpkiPublic,
}

impl PrivateKey {
    /// Generates a new random P-384 private key with the operating system's
    /// random number generator.
    ///
    /// # Errors
    /// [`ErrorKind::Random`] if the operating system cannot provide randomness.
    pub fn generate() -> Result<Self> {
        let mut bytes = Zeroizing::new([0u8; 48]);
        loop {
            rand_core::RngCore::try_fill_bytes(&mut OsRng, bytes.as_mut()).map_err(|_| {
                Error::new(
                    ErrorKind::Random,
                    "the operating system's random number generator failed",
                )
            })?;
            // Rejection sampling: about one draw in 2^190 is out of range.
            if let Ok(secret) = p384::SecretKey::from_slice(bytes.as_ref()) {
                return Ok(PrivateKey { secret });
            }
        }
    }

    /// Loads a private key from PEM in either PKCS#8 (`-----BEGIN PRIVATE KEY-----`)
    /// or SEC1 (`-----BEGIN EC PRIVATE KEY-----`, what `openssl ecparam -genkey`
    /// writes, with or without its `EC PARAMETERS` block) form. Windows line
    /// endings are accepted.
    ///
    /// # Errors
    /// A specific [`ErrorKind`] for a public key ([`ExpectedPrivateKey`](ErrorKind::ExpectedPrivateKey)),
    /// another curve ([`UnsupportedCurve`](ErrorKind::UnsupportedCurve)), RSA, Ed25519 or SSH keys
    /// ([`UnsupportedKeyType`](ErrorKind::UnsupportedKeyType)), an encrypted key, or broken PEM.
    pub fn from_pem(pem: &str) -> Result<Self> {
        let (kind, der) = decode_pem(pem, Want::Private)?;
        match kind {
            PemKind::Pkcs8Private => Self::from_pkcs8_der(&der),
            PemKind::Sec1Private => Self::from_sec1_der(&der),
            PemKind::SpkiPublic => Err(expected_private()),
        }
    }

    /// Loads a PKCS#8 PEM private key (`-----BEGIN PRIVATE KEY-----`), the form
    /// `openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384` writes.
    ///
    /// # Errors
    /// As [`from_pem`](Self::from_pem); a SEC1 key is refused with a hint to use
    /// [`from_sec1_pem`](Self::from_sec1_pem).
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self> {
        match decode_pem(pem, Want::Private)? {
            (PemKind::Pkcs8Private, der) => Self::from_pkcs8_der(&der),
            (PemKind::Sec1Private, _) => Err(Error::new(
                ErrorKind::InvalidPem,
                "this is a SEC1 private key (BEGIN EC PRIVATE KEY), not PKCS#8 (BEGIN PRIVATE KEY); \
                 load it with PrivateKey::from_sec1_pem or PrivateKey::from_pem",
            )),
            (PemKind::SpkiPublic, _) => Err(expected_private()),
        }
    }

    /// Loads a SEC1 PEM private key (`-----BEGIN EC PRIVATE KEY-----`), the form
    /// `openssl ecparam -name secp384r1 -genkey -noout` writes.
    ///
    /// # Errors
    /// As [`from_pem`](Self::from_pem); a PKCS#8 key is refused with a hint to use
    /// [`from_pkcs8_pem`](Self::from_pkcs8_pem).
    pub fn from_sec1_pem(pem: &str) -> Result<Self> {
        match decode_pem(pem, Want::Private)? {
            (PemKind::Sec1Private, der) => Self::from_sec1_der(&der),
            (PemKind::Pkcs8Private, _) => Err(Error::new(
                ErrorKind::InvalidPem,
                "this is a PKCS#8 private key (BEGIN PRIVATE KEY), not SEC1 (BEGIN EC PRIVATE KEY); \
                 load it with PrivateKey::from_pkcs8_pem or PrivateKey::from_pem",
            )),
            (PemKind::SpkiPublic, _) => Err(expected_private()),
        }
    }

    /// Loads a PKCS#8 DER private key.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedCurve`] or [`ErrorKind::UnsupportedKeyType`] for other
    /// keys, [`ErrorKind::InvalidKey`] for broken DER.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = p384::pkcs8::PrivateKeyInfo::from_der(der).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                "the PKCS#8 private key could not be decoded (its DER structure is broken)",
            )
        })?;
        let curve = info.algorithm.parameters_oid().ok();
        check_algorithm(info.algorithm.oid, curve, "private")?;
        let secret = p384::SecretKey::from_pkcs8_der(der).map_err(|_| invalid_key("private"))?;
        Ok(PrivateKey { secret })
    }

    /// Loads a SEC1 DER private key (`ECPrivateKey`, RFC 5915).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedCurve`] for another curve, [`ErrorKind::InvalidKey`]
    /// for broken DER.
    pub fn from_sec1_der(der: &[u8]) -> Result<Self> {
        let parsed = sec1::EcPrivateKey::from_der(der).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                "the SEC1 private key could not be decoded (its DER structure is broken)",
            )
        })?;
        match parsed.parameters.and_then(|p| p.named_curve()) {
            Some(oid) => check_algorithm(OID_EC_PUBLIC_KEY, Some(oid), "private")?,
            // Without named parameters the scalar length still tells the curve apart.
            None if parsed.private_key.len() != 48 => {
                return Err(wrong_curve(
                    curve_name_by_len(parsed.private_key.len()),
                    "private",
                ))
            }
            None => {}
        }
        let secret = p384::SecretKey::try_from(parsed).map_err(|_| invalid_key("private"))?;
        Ok(PrivateKey { secret })
    }

    /// The public half, to import into IVS as a `PlaybackKeyPair` or `PublicKey`.
    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            key: self.secret.public_key(),
        }
    }

    /// The key as PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`, `\n` line endings),
    /// in a buffer that is zeroized when dropped.
    pub fn to_pkcs8_pem(&self) -> Zeroizing<String> {
        // Encoding a valid in-memory key into a growable buffer cannot fail.
        self.secret
            .to_pkcs8_pem(LineEnding::LF)
            .unwrap_or_else(|_| Zeroizing::new(String::new()))
    }

    /// The key as SEC1 PEM (`-----BEGIN EC PRIVATE KEY-----`), zeroized when dropped.
    pub fn to_sec1_pem(&self) -> Zeroizing<String> {
        self.secret
            .to_sec1_pem(LineEnding::LF)
            .unwrap_or_else(|_| Zeroizing::new(String::new()))
    }

    /// The key as PKCS#8 DER, zeroized when dropped.
    pub fn to_pkcs8_der(&self) -> Zeroizing<Vec<u8>> {
        self.secret
            .to_pkcs8_der()
            .map(|doc| Zeroizing::new(doc.as_bytes().to_vec()))
            .unwrap_or_else(|_| Zeroizing::new(Vec::new()))
    }

    pub(crate) fn secret(&self) -> &p384::SecretKey {
        &self.secret
    }
}

impl PublicKey {
    /// Loads a public key from SPKI PEM (`-----BEGIN PUBLIC KEY-----`). Same as
    /// [`from_spki_pem`](Self::from_spki_pem); named for symmetry with
    /// [`PrivateKey::from_pem`].
    ///
    /// # Errors
    /// As [`from_spki_pem`](Self::from_spki_pem).
    pub fn from_pem(pem: &str) -> Result<Self> {
        Self::from_spki_pem(pem)
    }

    /// Loads a public key from SPKI PEM (`-----BEGIN PUBLIC KEY-----`), the output of
    /// `openssl ec -in private.pem -pubout`. Windows line endings are accepted.
    ///
    /// # Errors
    /// [`ErrorKind::ExpectedPublicKey`] if a private key was given, and the key errors
    /// of [`PrivateKey::from_pem`] otherwise.
    pub fn from_spki_pem(pem: &str) -> Result<Self> {
        match decode_pem(pem, Want::Public)? {
            (PemKind::SpkiPublic, der) => Self::from_spki_der(&der),
            _ => Err(expected_public()),
        }
    }

    /// Loads a public key from SPKI DER.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedCurve`] or [`ErrorKind::UnsupportedKeyType`] for other
    /// keys, [`ErrorKind::InvalidKey`] for broken DER or a point not on the curve.
    pub fn from_spki_der(der: &[u8]) -> Result<Self> {
        let info = p384::pkcs8::spki::SubjectPublicKeyInfoRef::from_der(der).map_err(|_| {
            Error::new(
                ErrorKind::InvalidKey,
                "the public key could not be decoded (its DER structure is broken)",
            )
        })?;
        let curve = info.algorithm.parameters_oid().ok();
        check_algorithm(info.algorithm.oid, curve, "public")?;
        let key = p384::PublicKey::from_public_key_der(der).map_err(|_| invalid_key("public"))?;
        Ok(PublicKey { key })
    }

    /// The key as SPKI PEM with `\n` line endings: the value for
    /// `PlaybackKeyPairProps::public_key_material`.
    pub fn to_spki_pem(&self) -> String {
        self.key
            .to_public_key_pem(LineEnding::LF)
            .unwrap_or_default()
    }

    /// The key as SPKI DER.
    pub fn to_spki_der(&self) -> Vec<u8> {
        self.key
            .to_public_key_der()
            .map(|doc| doc.as_bytes().to_vec())
            .unwrap_or_default()
    }

    pub(crate) fn inner(&self) -> &p384::PublicKey {
        &self.key
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Private,
    Public,
}

/// Finds the key block in `pem`, names its format, and decodes its body.
///
/// The returned DER may hold a private key, so it is zeroized on drop.
fn decode_pem(pem: &str, want: Want) -> Result<(PemKind, Zeroizing<Vec<u8>>)> {
    let text = pem.trim_start_matches('\u{feff}').trim();
    if text.is_empty() {
        return Err(Error::new(ErrorKind::InvalidPem, "the key is empty"));
    }
    if !text.contains("-----BEGIN ") {
        return Err(not_pem(text, want));
    }
    // Copy into a zeroized buffer with `\n` line endings; skip blocks that hold no key
    // (`openssl ecparam -genkey` writes an `EC PARAMETERS` block before the key).
    let mut normalized = Zeroizing::new(String::with_capacity(text.len()));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' {
            // "\r\n" and a lone "\r" both become "\n".
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            normalized.push('\n');
        } else {
            normalized.push(c);
        }
    }
    let mut rest: &str = &normalized;
    loop {
        let Some(start) = rest.find("-----BEGIN ") else {
            return Err(Error::new(
                ErrorKind::InvalidPem,
                "the PEM holds no key block (only EC PARAMETERS?); expected BEGIN PRIVATE KEY, \
                 BEGIN EC PRIVATE KEY or BEGIN PUBLIC KEY",
            ));
        };
        let block = &rest[start..];
        let label_end = block["-----BEGIN ".len()..].find("-----").ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidPem,
                "the PEM BEGIN line is not closed with -----",
            )
        })?;
        let label = &block["-----BEGIN ".len().."-----BEGIN ".len() + label_end];
        let end_marker = format!("-----END {label}-----");
        let Some(end) = block.find(&end_marker) else {
            return Err(Error::new(
                ErrorKind::InvalidPem,
                format!("the PEM block BEGIN {label} has no matching END {label} line"),
            ));
        };
        let block = &block[..end + end_marker.len()];
        let kind = match label {
            "EC PARAMETERS" => {
                rest = &rest[start + block.len()..];
                continue;
            }
            "PRIVATE KEY" => PemKind::Pkcs8Private,
            "EC PRIVATE KEY" => PemKind::Sec1Private,
            "PUBLIC KEY" => PemKind::SpkiPublic,
            other => return Err(unsupported_label(other)),
        };
        match (want, kind) {
            (Want::Private, PemKind::SpkiPublic) => return Err(expected_private()),
            (Want::Public, PemKind::Pkcs8Private | PemKind::Sec1Private) => {
                return Err(expected_public())
            }
            _ => {}
        }
        let (_, der) = p384::pkcs8::der::pem::decode_vec(block.as_bytes()).map_err(|_| {
            Error::new(
                ErrorKind::InvalidPem,
                format!(
                    "the BEGIN {label} block is not valid PEM (broken base64 or line structure)"
                ),
            )
        })?;
        return Ok((kind, Zeroizing::new(der)));
    }
}

fn not_pem(text: &str, want: Want) -> Error {
    let what = match want {
        Want::Private => "a private key",
        Want::Public => "a public key",
    };
    let ssh_prefixes = ["ssh-", "ecdsa-sha2-", "sk-ssh-", "sk-ecdsa-"];
    if ssh_prefixes.iter().any(|p| text.starts_with(p)) {
        return Error::new(
            ErrorKind::UnsupportedKeyType,
            format!(
                "this is an OpenSSH key line, not {what} in PEM; IVS needs a P-384 key \
                 (run `ivs-cdk keygen` or `openssl ecparam -name secp384r1 -genkey -noout`)"
            ),
        );
    }
    if text.starts_with('{') {
        return Error::new(
            ErrorKind::InvalidPem,
            format!("this looks like a JSON Web Key; expected {what} in PEM"),
        );
    }
    Error::new(
        ErrorKind::InvalidPem,
        format!("expected {what} in PEM (a -----BEGIN ...----- line), but found none"),
    )
}

fn unsupported_label(label: &str) -> Error {
    let (kind, message) = match label {
        "RSA PRIVATE KEY" | "RSA PUBLIC KEY" => (
            ErrorKind::UnsupportedKeyType,
            "this is an RSA key; IVS playback tokens need an ECDSA P-384 key".to_string(),
        ),
        "OPENSSH PRIVATE KEY" => (
            ErrorKind::UnsupportedKeyType,
            "this is an OpenSSH private key; IVS needs a P-384 key in PKCS#8 or SEC1 PEM \
             (run `ivs-cdk keygen`)"
                .to_string(),
        ),
        "DSA PRIVATE KEY" => (
            ErrorKind::UnsupportedKeyType,
            "this is a DSA key; IVS playback tokens need an ECDSA P-384 key".to_string(),
        ),
        "ENCRYPTED PRIVATE KEY" => (
            ErrorKind::EncryptedKey,
            "this private key is encrypted with a passphrase; decrypt it first \
             (openssl pkcs8 -in key.pem -out plain.pem)"
                .to_string(),
        ),
        "CERTIFICATE" => (
            ErrorKind::UnsupportedKeyType,
            "this is a certificate, not a key; extract its public key with \
             `openssl x509 -pubkey -noout`"
                .to_string(),
        ),
        other => (
            ErrorKind::InvalidPem,
            format!(
                "unexpected PEM block BEGIN {other}; expected BEGIN PRIVATE KEY, \
                 BEGIN EC PRIVATE KEY or BEGIN PUBLIC KEY"
            ),
        ),
    };
    Error::new(kind, message)
}

fn check_algorithm(
    alg: ObjectIdentifier,
    curve: Option<ObjectIdentifier>,
    half: &str,
) -> Result<()> {
    if alg == OID_EC_PUBLIC_KEY {
        return match curve {
            Some(oid) if oid == OID_SECP384R1 => Ok(()),
            Some(oid) => Err(wrong_curve(curve_name(oid), half)),
            None => Err(Error::new(
                ErrorKind::InvalidKey,
                format!("the EC {half} key does not name its curve; IVS needs a named P-384 (secp384r1) key"),
            )),
        };
    }
    let name = if alg == OID_RSA || alg == OID_RSA_PSS {
        "an RSA"
    } else if alg == OID_ED25519 {
        "an Ed25519"
    } else if alg == OID_ED448 {
        "an Ed448"
    } else if alg == OID_X25519 {
        "an X25519"
    } else {
        "a non-elliptic-curve"
    };
    Err(Error::new(
        ErrorKind::UnsupportedKeyType,
        format!(
            "this is {name} {half} key; IVS playback tokens need an ECDSA P-384 (secp384r1) key"
        ),
    ))
}

fn curve_name(oid: ObjectIdentifier) -> String {
    match oid.to_string().as_str() {
        "1.2.840.10045.3.1.7" => "P-256 (prime256v1)".into(),
        "1.3.132.0.35" => "P-521 (secp521r1)".into(),
        "1.3.132.0.10" => "secp256k1".into(),
        "1.3.132.0.33" => "P-224 (secp224r1)".into(),
        other => format!("the curve with OID {other}"),
    }
}

fn curve_name_by_len(len: usize) -> String {
    match len {
        32 => "a 256-bit curve".into(),
        66 => "P-521 (secp521r1)".into(),
        n => format!("a {}-bit curve", n * 8),
    }
}

fn wrong_curve(curve: String, half: &str) -> Error {
    Error::new(
        ErrorKind::UnsupportedCurve,
        format!(
            "this EC {half} key is on {curve}; IVS playback keys must be P-384 (secp384r1), \
             e.g. `openssl ecparam -name secp384r1 -genkey -noout`"
        ),
    )
}

fn invalid_key(half: &str) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("the {half} key is not a valid P-384 key"),
    )
}

fn expected_private() -> Error {
    Error::new(
        ErrorKind::ExpectedPrivateKey,
        "this is a public key (BEGIN PUBLIC KEY), but signing needs the private key \
         (BEGIN PRIVATE KEY or BEGIN EC PRIVATE KEY)",
    )
}

fn expected_public() -> Error {
    Error::new(
        ErrorKind::ExpectedPublicKey,
        "this is a private key, but a public key (BEGIN PUBLIC KEY) is expected here; \
         never share the private key. Derive the public key with `openssl ec -in private.pem -pubout`",
    )
}
