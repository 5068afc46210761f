//! End-to-end tests of `ivs-cdk keygen` and `ivs-cdk token ...`, with tokens
//! checked by an independent JWT implementation (the `jsonwebtoken` crate).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde_json::Value;

const CHANNEL: &str = "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456";

fn ivs_cdk(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ivs-cdk"))
        .args(args)
        .output()
        .expect("run ivs-cdk")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).trim_end().to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn vectors() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/playback-token-vectors.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("vectors")).expect("json")
}

/// A fresh key pair made by `ivs-cdk keygen` in a temporary directory.
struct Keys {
    _dir: tempfile::TempDir,
    private: PathBuf,
    public: PathBuf,
}

fn keygen() -> Keys {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.pem");
    let public = dir.path().join("public.pem");
    let out = ivs_cdk(&[
        "keygen",
        "--private-key",
        s(&private),
        "--public-key",
        s(&public),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    Keys {
        _dir: dir,
        private,
        public,
    }
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Decodes with the independent implementation: ES384 only, exp required.
fn decode_independently(token: &str, public_pem: &Path) -> jsonwebtoken::errors::Result<Value> {
    let key = DecodingKey::from_ec_pem(&std::fs::read(public_pem).unwrap())?;
    let mut validation = Validation::new(Algorithm::ES384);
    validation.set_required_spec_claims(&["exp"]);
    validation.validate_aud = false;
    jsonwebtoken::decode::<Value>(token, &key, &validation).map(|d| d.claims)
}

#[test]
fn keygen_writes_a_p384_pair_with_a_private_file_only_the_owner_can_read() {
    let keys = keygen();
    let private = std::fs::read_to_string(&keys.private).unwrap();
    let public = std::fs::read_to_string(&keys.public).unwrap();
    assert!(private.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    assert!(public.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    let derived = ivs_playback_auth::PrivateKey::from_pem(&private)
        .unwrap()
        .public_key();
    assert_eq!(derived.to_spki_pem(), public);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&keys.private)
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn keygen_never_overwrites_without_force() {
    let keys = keygen();
    let before = std::fs::read(&keys.private).unwrap();
    let out = ivs_cdk(&[
        "keygen",
        "--private-key",
        s(&keys.private),
        "--public-key",
        s(&keys.public),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("already exists; pass --force to overwrite it"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read(&keys.private).unwrap(), before);

    let out = ivs_cdk(&[
        "keygen",
        "--private-key",
        s(&keys.private),
        "--public-key",
        s(&keys.public),
        "--force",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(std::fs::read(&keys.private).unwrap(), before);
}

#[test]
fn keygen_can_write_sec1_like_openssl() {
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("k.pem");
    let public = dir.path().join("k.pub.pem");
    let out = ivs_cdk(&[
        "keygen",
        "--private-key",
        s(&private),
        "--public-key",
        s(&public),
        "--sec1",
    ]);
    assert!(out.status.success());
    assert!(std::fs::read_to_string(&private)
        .unwrap()
        .starts_with("-----BEGIN EC PRIVATE KEY-----"));
}

#[test]
fn a_signed_token_verifies_with_an_independent_implementation() {
    let keys = keygen();
    let out = ivs_cdk(&[
        "token",
        "sign",
        "--private-key",
        s(&keys.private),
        "--channel-arn",
        CHANNEL,
        "--ttl",
        "2m",
        "--origin",
        "https://example.com",
        "--origin",
        "https://*.example.org",
        "--strict-origin",
        "--viewer-id",
        "viewer-42",
        "--viewer-session-version",
        "1700000000",
        "--single-use",
        "--max-resolution",
        "FULL_HD",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let token = stdout(&out);
    let header: Value = {
        use base64ct::Encoding as _;
        let h = token.split('.').next().unwrap();
        serde_json::from_slice(&base64ct::Base64UrlUnpadded::decode_vec(h).unwrap()).unwrap()
    };
    assert_eq!(header, serde_json::json!({"alg": "ES384", "typ": "JWT"}));
    let claims = decode_independently(&token, &keys.public).expect("independent verification");
    assert_eq!(claims["aws:channel-arn"], CHANNEL);
    assert_eq!(
        claims["aws:access-control-allow-origin"],
        "https://example.com,https://*.example.org"
    );
    assert_eq!(claims["aws:strict-origin-enforcement"], true);
    assert_eq!(claims["aws:viewer-id"], "viewer-42");
    assert_eq!(claims["aws:viewer-session-version"], 1_700_000_000);
    assert_eq!(claims["aws:maximum-resolution"], "FULL_HD");
    assert_eq!(claims["aws:single-use-uuid"].as_str().unwrap().len(), 36);
    let exp = claims["exp"].as_u64().unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    assert!(
        (now + 110..=now + 121).contains(&exp),
        "exp {exp} is seconds, about two minutes ahead of {now}"
    );

    // And with our own verify command.
    let out = ivs_cdk(&["token", "verify", "--public-key", s(&keys.public), &token]);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["header"]["alg"], "ES384");
    assert_eq!(printed["claims"], claims);
}

#[test]
fn sign_with_a_playback_url_appends_the_token() {
    let keys = keygen();
    let url = "https://abc.us-west-2.playback.live-video.net/api/video/v1/us-west-2.123456789012.channel.AbCdEf123456.m3u8";
    let args = |u: &str| {
        ivs_cdk(&[
            "token",
            "sign",
            "--private-key",
            s(&keys.private),
            "--channel-arn",
            CHANNEL,
            "--playback-url",
            u,
        ])
    };
    let out = args(url);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = stdout(&out);
    let token = printed
        .strip_prefix(&format!("{url}?token="))
        .expect("?token= appended");
    decode_independently(token, &keys.public).unwrap();

    let out = args(&format!("{url}?player=web"));
    let printed = stdout(&out);
    assert!(
        printed.starts_with(&format!("{url}?player=web&token=ey")),
        "{printed}"
    );
}

#[test]
fn deterministic_vector_token_verifies_at_its_pinned_time_only() {
    let v = vectors();
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public.pem");
    std::fs::write(
        &public,
        v["keys"]["ivs_p384"]["public_spki_pem"].as_str().unwrap(),
    )
    .unwrap();
    let token = v["deterministic_signing_vectors"][1]["rfc6979_es384_token"]
        .as_str()
        .unwrap();

    let out = ivs_cdk(&[
        "token",
        "verify",
        "--public-key",
        s(&public),
        "--now",
        "1700000000",
        token,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let printed: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(printed["claims"]["aws:viewer-id"], "viewer-0042");

    let out = ivs_cdk(&["token", "verify", "--public-key", s(&public), token]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error: the token is not valid: the token expired at 1700000300"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).is_empty());
}

#[test]
fn verify_refuses_tampered_and_foreign_tokens_with_exit_1() {
    let v = vectors();
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public.pem");
    std::fs::write(
        &public,
        v["keys"]["ivs_p384"]["public_spki_pem"].as_str().unwrap(),
    )
    .unwrap();
    for vector in v["verification_vectors"].as_array().unwrap() {
        if vector["verify_with_key"] != "ivs_p384" {
            continue;
        }
        let out = ivs_cdk(&[
            "token",
            "verify",
            "--public-key",
            s(&public),
            "--now",
            "1700000000",
            vector["token"].as_str().unwrap(),
        ]);
        let expected = if vector["expected"] == "valid" { 0 } else { 1 };
        assert_eq!(
            out.status.code(),
            Some(expected),
            "{}: {}",
            vector["id"],
            stderr(&out)
        );
    }
    let out = ivs_cdk(&[
        "token",
        "verify",
        "--public-key",
        s(&public),
        "--now",
        "1700000000",
        "a.b",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("three dot-separated segments"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    let keys = keygen();
    let out = ivs_cdk(&["token", "verify"]);
    assert_eq!(out.status.code(), Some(2));
    let out = ivs_cdk(&[
        "token",
        "verify",
        "--public-key",
        s(&keys.public),
        "--now",
        "yesterday",
        "x.y.z",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = ivs_cdk(&[
        "token",
        "verify",
        "--public-key",
        "/nonexistent/public.pem",
        "x.y.z",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("cannot read the public key file"),
        "{}",
        stderr(&out)
    );
    // The private key where the public key belongs.
    let out = ivs_cdk(&["token", "verify", "--public-key", s(&keys.private), "x.y.z"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out)
        .contains("this is a private key, but a public key (BEGIN PUBLIC KEY) is expected here"));
    let out = ivs_cdk(&[
        "token",
        "sign",
        "--private-key",
        s(&keys.private),
        "--channel-arn",
        CHANNEL,
        "--ttl",
        "60000ms",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("milliseconds are not accepted"),
        "{}",
        stderr(&out)
    );
    let out = ivs_cdk(&[
        "token",
        "sign",
        "--private-key",
        s(&keys.private),
        "--channel-arn",
        CHANNEL,
        "--max-resolution",
        "4K",
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn sign_refuses_claims_that_break_ivs_rules() {
    let keys = keygen();
    let sign = |extra: &[&str]| {
        let mut args = vec!["token", "sign", "--private-key", s(&keys.private)];
        args.extend_from_slice(extra);
        ivs_cdk(&args)
    };
    let out = sign(&[
        "--channel-arn",
        "arn:aws:ivs:us-west-2:123456789012:stream-key/AbCdEf123456",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is not an IVS channel ARN (it is a stream-key ARN)"),
        "{}",
        stderr(&out)
    );
    let out = sign(&[
        "--channel-arn",
        CHANNEL,
        "--viewer-id",
        "v1",
        "--ttl",
        "11m",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("with aws:viewer-id set, exp may be at most 10 minutes ahead"));
    let out = sign(&["--channel-arn", CHANNEL, "--viewer-id", &"v".repeat(41)]);
    assert!(stderr(&out).contains("aws:viewer-id is 41 characters long; the limit is 40"));
    let six: Vec<String> = (0..6)
        .map(|i| format!("https://a{i}.example.com"))
        .collect();
    let mut args = vec!["--channel-arn", CHANNEL, "--strict-origin"];
    for o in &six {
        args.extend_from_slice(&["--origin", o]);
    }
    let out = sign(&args);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("lists 6 origins; with strict origin enforcement at most 5"));
    // A public key given as the private key.
    let out = ivs_cdk(&[
        "token",
        "sign",
        "--private-key",
        s(&keys.public),
        "--channel-arn",
        CHANNEL,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("signing needs the private key"));
}

#[test]
fn sign_accepts_an_openssl_sec1_key_with_crlf_line_endings() {
    let v = vectors();
    let dir = tempfile::tempdir().unwrap();
    let private = dir.path().join("private.pem");
    let public = dir.path().join("public.pem");
    std::fs::write(
        &private,
        v["keys"]["ivs_p384"]["private_sec1_pem"]
            .as_str()
            .unwrap()
            .replace('\n', "\r\n"),
    )
    .unwrap();
    std::fs::write(
        &public,
        v["keys"]["ivs_p384"]["public_spki_pem"].as_str().unwrap(),
    )
    .unwrap();
    let out = ivs_cdk(&[
        "token",
        "sign",
        "--private-key",
        s(&private),
        "--channel-arn",
        CHANNEL,
        "--now",
        "1700000000",
        "--ttl",
        "300",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let token = stdout(&out);
    assert!(token.starts_with(
        v["deterministic_signing_vectors"][0]["signing_input"]
            .as_str()
            .unwrap()
    ));
    let out = ivs_cdk(&[
        "token",
        "verify",
        "--public-key",
        s(&public),
        "--now",
        "1700000100",
        &token,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn participant_tokens_verify_with_an_independent_implementation() {
    let keys = keygen();
    let out = ivs_cdk(&[
        "token",
        "participant",
        "--private-key",
        s(&keys.private),
        "--public-key-arn",
        "arn:aws:ivs:us-east-1:123456789012:public-key/abcdEFGH1234",
        "--stage-arn",
        "arn:aws:ivs:us-east-1:123456789012:stage/oRmLNwuCeMlQ",
        "--events-url",
        "wss://global.events.live-video.net",
        "--whip-url",
        "https://114ddfabadaf.global-bm.whip.live-video.net",
        "--user-id",
        "alice",
        "--attribute",
        "display_name=Alice",
        "--subscribe-only",
        "--ttl",
        "1h",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let token = stdout(&out);
    let header = jsonwebtoken::decode_header(&token).unwrap();
    assert_eq!(
        header.kid.as_deref(),
        Some("arn:aws:ivs:us-east-1:123456789012:public-key/abcdEFGH1234")
    );
    let claims = decode_independently(&token, &keys.public).unwrap();
    assert_eq!(claims["topic"], "oRmLNwuCeMlQ");
    assert_eq!(
        claims["capabilities"],
        serde_json::json!({"allow_subscribe": true})
    );
    assert_eq!(
        claims["attributes"],
        serde_json::json!({"display_name": "Alice"})
    );
    assert_eq!(claims["version"], "1.0");
    assert_eq!(
        claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(),
        3600
    );
    let jti = claims["jti"].as_str().unwrap();
    assert!(jti.len() <= 64 && jti.bytes().all(|b| b.is_ascii_alphanumeric()));

    let out = ivs_cdk(&["token", "verify", "--public-key", s(&keys.public), &token]);
    assert!(out.status.success(), "{}", stderr(&out));

    let out = ivs_cdk(&[
        "token",
        "participant",
        "--private-key",
        s(&keys.private),
        "--public-key-arn",
        "arn:aws:ivs:us-east-1:123456789012:public-key/abcdEFGH1234",
        "--stage-arn",
        "arn:aws:ivs:us-east-1:123456789012:stage/oRmLNwuCeMlQ",
        "--events-url",
        "wss://global.events.live-video.net",
        "--whip-url",
        "https://114ddfabadaf.global-bm.whip.live-video.net",
        "--ttl",
        "15d",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("at most 14 days"), "{}", stderr(&out));
}

#[test]
fn every_command_has_help_with_an_example() {
    for args in [
        vec!["--help"],
        vec!["token", "--help"],
        vec!["keygen", "--help"],
        vec!["token", "sign", "--help"],
        vec!["token", "verify", "--help"],
        vec!["token", "participant", "--help"],
    ] {
        let out = ivs_cdk(&args);
        assert!(out.status.success(), "{args:?}");
        let text = stdout(&out);
        assert!(text.contains("Example"), "{args:?}: {text}");
        assert!(text.contains("ivs-cdk "), "{args:?}");
    }
    let out = ivs_cdk(&["token", "--help"]);
    assert!(stdout(&out).contains("participant"));
}
