//! Loading keys: each supported format, and a clear error for each mistake.

use std::path::PathBuf;

use ivs_playback_auth::{ErrorKind, PrivateKey, PublicKey, Signer};

fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
}

fn vector_key(id: &str, field: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/playback-token-vectors.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    v["keys"][id][field].as_str().unwrap().to_string()
}

fn private_err(pem: &str) -> (ErrorKind, String) {
    let e = PrivateKey::from_pem(pem).unwrap_err();
    (e.kind(), e.to_string())
}

fn public_err(pem: &str) -> (ErrorKind, String) {
    let e = PublicKey::from_spki_pem(pem).unwrap_err();
    (e.kind(), e.to_string())
}

#[test]
fn sec1_with_ec_parameters_block_as_openssl_writes_it_loads() {
    let key = PrivateKey::from_pem(&fixture("p384-with-params.pem")).unwrap();
    let again = PrivateKey::from_sec1_pem(&fixture("p384-with-params.pem")).unwrap();
    assert_eq!(key.public_key(), again.public_key());
}

#[test]
fn windows_line_endings_are_accepted() {
    let private = vector_key("ivs_p384", "private_sec1_pem").replace('\n', "\r\n");
    let public = vector_key("ivs_p384", "public_spki_pem").replace('\n', "\r\n");
    let key = PrivateKey::from_pem(&private).unwrap();
    assert_eq!(key.public_key(), PublicKey::from_spki_pem(&public).unwrap());
    let pkcs8 = vector_key("ivs_p384", "private_pkcs8_pem").replace('\n', "\r\n");
    assert!(PrivateKey::from_pkcs8_pem(&pkcs8).is_ok());
}

#[test]
fn generated_keys_round_trip_through_every_format() {
    let key = PrivateKey::generate().unwrap();
    let pkcs8 = key.to_pkcs8_pem();
    let sec1 = key.to_sec1_pem();
    assert!(pkcs8.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(sec1.starts_with("-----BEGIN EC PRIVATE KEY-----\n"));
    assert_eq!(
        PrivateKey::from_pkcs8_pem(&pkcs8).unwrap().public_key(),
        key.public_key()
    );
    assert_eq!(
        PrivateKey::from_sec1_pem(&sec1).unwrap().public_key(),
        key.public_key()
    );
    let spki = key.public_key().to_spki_pem();
    assert!(spki.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    assert_eq!(PublicKey::from_spki_pem(&spki).unwrap(), key.public_key());
    assert_ne!(
        PrivateKey::generate().unwrap().public_key(),
        key.public_key()
    );
}

#[test]
fn p256_keys_are_refused_as_the_wrong_curve() {
    for field in ["private_pkcs8_pem", "private_sec1_pem"] {
        let (kind, msg) = private_err(&vector_key("p256", field));
        assert_eq!(kind, ErrorKind::UnsupportedCurve, "{field}");
        assert!(
            msg.contains("P-256 (prime256v1)") && msg.contains("must be P-384"),
            "{msg}"
        );
    }
    let (kind, msg) = public_err(&vector_key("p256", "public_spki_pem"));
    assert_eq!(kind, ErrorKind::UnsupportedCurve);
    assert!(msg.contains("P-256"), "{msg}");
    let (kind, msg) = private_err(&fixture("p521-sec1.pem"));
    assert_eq!(kind, ErrorKind::UnsupportedCurve);
    assert!(msg.contains("P-521"), "{msg}");
}

#[test]
fn rsa_keys_are_refused_as_the_wrong_type() {
    for name in ["rsa-pkcs8.pem", "rsa-traditional.pem"] {
        let (kind, msg) = private_err(&fixture(name));
        assert_eq!(kind, ErrorKind::UnsupportedKeyType, "{name}");
        assert!(msg.contains("RSA"), "{msg}");
    }
    let (kind, msg) = public_err(&fixture("rsa-public.pem"));
    assert_eq!(kind, ErrorKind::UnsupportedKeyType);
    assert_eq!(
        msg,
        "this is an RSA public key; IVS playback tokens need an ECDSA P-384 (secp384r1) key"
    );
}

#[test]
fn ed25519_keys_are_refused_as_the_wrong_type() {
    let (kind, msg) = private_err(&fixture("ed25519.pem"));
    assert_eq!(kind, ErrorKind::UnsupportedKeyType);
    assert_eq!(
        msg,
        "this is an Ed25519 private key; IVS playback tokens need an ECDSA P-384 (secp384r1) key"
    );
    let (kind, _) = public_err(&fixture("ed25519-public.pem"));
    assert_eq!(kind, ErrorKind::UnsupportedKeyType);
}

#[test]
fn an_ssh_line_is_refused_with_a_hint() {
    let line = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGk1qIjvm0FPyZ2fXYsyFkJqNXuXV3DIENYCq/y8uYXl me@laptop";
    let (kind, msg) = private_err(line);
    assert_eq!(kind, ErrorKind::UnsupportedKeyType);
    assert!(
        msg.starts_with("this is an OpenSSH key line, not a private key in PEM"),
        "{msg}"
    );
    let (kind, msg) = public_err("ecdsa-sha2-nistp384 AAAAE2VjZHNh me@laptop");
    assert_eq!(kind, ErrorKind::UnsupportedKeyType);
    assert!(msg.contains("not a public key in PEM"), "{msg}");
}

#[test]
fn a_public_key_where_a_private_key_belongs_is_named() {
    let (kind, msg) = private_err(&vector_key("ivs_p384", "public_spki_pem"));
    assert_eq!(kind, ErrorKind::ExpectedPrivateKey);
    assert!(msg
        .starts_with("this is a public key (BEGIN PUBLIC KEY), but signing needs the private key"));
    assert_eq!(
        Signer::from_pem(&vector_key("ivs_p384", "public_spki_pem"))
            .unwrap_err()
            .kind(),
        ErrorKind::ExpectedPrivateKey
    );
}

#[test]
fn a_private_key_where_a_public_key_belongs_is_named() {
    for field in ["private_pkcs8_pem", "private_sec1_pem"] {
        let (kind, msg) = public_err(&vector_key("ivs_p384", field));
        assert_eq!(kind, ErrorKind::ExpectedPublicKey, "{field}");
        assert!(
            msg.contains("a public key (BEGIN PUBLIC KEY) is expected here"),
            "{msg}"
        );
        assert!(!msg.contains("MI"), "no key material in {msg}");
    }
}

#[test]
fn the_wrong_named_constructor_points_to_the_right_one() {
    let e = PrivateKey::from_pkcs8_pem(&vector_key("ivs_p384", "private_sec1_pem")).unwrap_err();
    assert!(e.to_string().contains("PrivateKey::from_sec1_pem"), "{e}");
    let e = PrivateKey::from_sec1_pem(&vector_key("ivs_p384", "private_pkcs8_pem")).unwrap_err();
    assert!(e.to_string().contains("PrivateKey::from_pkcs8_pem"), "{e}");
}

#[test]
fn broken_pem_is_refused_without_a_panic() {
    let good = vector_key("ivs_p384", "private_pkcs8_pem");
    let cases = [
        ("", "the key is empty"),
        ("hello", "expected a private key in PEM (a -----BEGIN ...----- line), but found none"),
        ("-----BEGIN PRIVATE KEY-----\nMIG2AgEA\n", "the PEM block BEGIN PRIVATE KEY has no matching END PRIVATE KEY line"),
        ("-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n", "the BEGIN PRIVATE KEY block is not valid PEM (broken base64 or line structure)"),
        ("-----BEGIN FOO-----\nAAAA\n-----END FOO-----\n", "unexpected PEM block BEGIN FOO; expected BEGIN PRIVATE KEY, BEGIN EC PRIVATE KEY or BEGIN PUBLIC KEY"),
    ];
    for (pem, message) in cases {
        let (kind, msg) = private_err(pem);
        assert_eq!(kind, ErrorKind::InvalidPem, "{pem:?}");
        assert_eq!(msg, message);
    }
    // Valid base64, truncated DER.
    let truncated: String = {
        let body: Vec<&str> = good.lines().filter(|l| !l.starts_with("-----")).collect();
        format!(
            "-----BEGIN PRIVATE KEY-----\n{}\n-----END PRIVATE KEY-----\n",
            &body[0][..40]
        )
    };
    let (kind, _) = private_err(&truncated);
    assert!(
        matches!(kind, ErrorKind::InvalidKey | ErrorKind::InvalidPem),
        "{kind:?}"
    );
    for cut in [10, 50, 100, good.len() - 30] {
        assert!(PrivateKey::from_pem(&good[..cut]).is_err());
    }
}

#[test]
fn encrypted_keys_ask_to_be_decrypted() {
    let (kind, msg) = private_err(&fixture("p384-encrypted.pem"));
    assert_eq!(kind, ErrorKind::EncryptedKey);
    assert!(msg.contains("decrypt it first"), "{msg}");
}

#[test]
fn debug_output_never_shows_key_material() {
    let key = PrivateKey::from_pem(&vector_key("ivs_p384", "private_pkcs8_pem")).unwrap();
    let scalar = vector_key("ivs_p384", "private_scalar_hex");
    let signer = Signer::new(&key).unwrap();
    for text in [
        format!("{key:?}"),
        format!("{:?}", key.public_key()),
        format!("{signer:?}"),
    ] {
        assert!(!text.contains(&scalar[..16]), "{text}");
        assert!(!text.contains("MI"), "{text}");
        assert!(text.len() < 80, "{text}");
    }
}
