//! The shared JWT vectors: verification verdicts, RFC 6979 signing byte for byte,
//! and the claim rules of playback and participant tokens.

use std::path::PathBuf;

use ivs_playback_auth::{
    ErrorKind, FixedClock, MaximumResolution, ParticipantToken, PlaybackClaims, PrivateKey,
    PublicKey, Signer, SigningMode, Verifier,
};
use serde_json::{Map, Value};

fn vectors() -> Value {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference/playback-token-vectors.json");
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    serde_json::from_str(&text).expect("vectors are JSON")
}

fn key<'a>(v: &'a Value, id: &str, field: &str) -> &'a str {
    v["keys"][id][field].as_str().expect("key field")
}

fn obj(v: &Value) -> &Map<String, Value> {
    v.as_object().expect("object")
}

/// The verdict this crate gives a vector: `Ok` or the error kind.
fn verdict(v: &Value, vector: &Value) -> Result<(), ErrorKind> {
    let key_id = vector["verify_with_key"].as_str().unwrap();
    let public =
        PublicKey::from_spki_pem(key(v, key_id, "public_spki_pem")).map_err(|e| e.kind())?;
    let now = vector["verify_at"].as_u64().unwrap();
    Verifier::new(&public)
        .with_clock(FixedClock(now))
        .verify_playback(vector["token"].as_str().unwrap())
        .map(|_| ())
        .map_err(|e| e.kind())
}

#[test]
fn every_verification_vector_gets_its_expected_verdict() {
    let v = vectors();
    let list = v["verification_vectors"].as_array().unwrap();
    assert_eq!(list.len(), 22);
    for vector in list {
        let id = vector["id"].as_str().unwrap();
        let got = verdict(&v, vector);
        match vector["expected"].as_str().unwrap() {
            "valid" => assert_eq!(got, Ok(()), "{id}"),
            "invalid" => assert!(got.is_err(), "{id}: expected invalid, got valid"),
            "valid-jws-but-not-ivs" => assert_eq!(got, Err(ErrorKind::UnsupportedCurve), "{id}"),
            other => panic!("{id}: unknown verdict {other}"),
        }
    }
}

#[test]
fn invalid_verification_vectors_fail_for_the_right_reason() {
    let v = vectors();
    let expected = [
        ("invalid-expired", ErrorKind::Expired),
        ("invalid-wrong-key", ErrorKind::InvalidSignature),
        ("invalid-tampered-payload", ErrorKind::InvalidSignature),
        ("invalid-tampered-signature", ErrorKind::InvalidSignature),
        ("invalid-alg-none", ErrorKind::UnsupportedAlgorithm),
        (
            "invalid-alg-none-with-signature",
            ErrorKind::UnsupportedAlgorithm,
        ),
        (
            "invalid-alg-hs384-public-key-as-secret",
            ErrorKind::UnsupportedAlgorithm,
        ),
        (
            "invalid-alg-hs384-public-key-der-as-secret",
            ErrorKind::UnsupportedAlgorithm,
        ),
        ("invalid-wrong-curve-es256", ErrorKind::UnsupportedAlgorithm),
        ("invalid-es384-header-p256-key", ErrorKind::UnsupportedCurve),
        ("invalid-der-encoded-signature", ErrorKind::InvalidSignature),
        ("invalid-exp-not-integer", ErrorKind::ExpiryNotInteger),
        ("invalid-missing-exp", ErrorKind::MissingExpiry),
        ("invalid-two-segments", ErrorKind::MalformedToken),
        ("invalid-padded-base64", ErrorKind::MalformedToken),
    ];
    for (id, kind) in expected {
        let vector = v["verification_vectors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap_or_else(|| panic!("vector {id}"));
        assert_eq!(verdict(&v, vector), Err(kind), "{id}");
    }
}

#[test]
fn es256_tokens_are_refused_by_the_playback_key_too() {
    let v = vectors();
    let vector = v["verification_vectors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["id"] == "reference-es256-checked-with-p256")
        .unwrap();
    let public = PublicKey::from_spki_pem(key(&v, "ivs_p384", "public_spki_pem")).unwrap();
    let err = Verifier::new(&public)
        .with_clock(FixedClock(1_700_000_000))
        .verify_playback(vector["token"].as_str().unwrap())
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnsupportedAlgorithm);
    assert!(err.to_string().contains("ES256 is ECDSA on P-256"), "{err}");
}

#[test]
fn valid_vectors_expose_their_claims() {
    let v = vectors();
    let vector = &v["verification_vectors"][1];
    assert_eq!(vector["id"], "valid-all-claims");
    let public = PublicKey::from_spki_pem(key(&v, "ivs_p384", "public_spki_pem")).unwrap();
    let verified = Verifier::new(&public)
        .with_clock(FixedClock(1_700_000_000))
        .verify_playback(vector["token"].as_str().unwrap())
        .unwrap();
    let c = verified.claims();
    assert_eq!(
        c.channel_arn(),
        "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456"
    );
    assert_eq!(
        c.allowed_origins(),
        ["https://example.com", "https://*.example.org"]
    );
    assert!(c.strict_origin_enforcement());
    assert_eq!(
        c.single_use_uuid(),
        Some("1e760ed4-29c0-4ee3-987d-a5dc60734b58")
    );
    assert_eq!(c.viewer_id(), Some("viewer-0042"));
    assert_eq!(c.viewer_session_version(), Some(1_699_999_999));
    assert_eq!(c.maximum_resolution(), Some(MaximumResolution::Hd));
    assert_eq!(c.expires_at(), 1_700_000_300);
    assert_eq!(verified.payload(), obj(&vector["claims"]));
    assert_eq!(verified.header(), obj(&vector["header"]));
}

fn deterministic_signer(v: &Value, pem_field: &str) -> Signer {
    Signer::from_pem(key(v, "ivs_p384", pem_field))
        .unwrap()
        .with_mode(SigningMode::Deterministic)
        .with_clock(FixedClock(1_700_000_000))
}

#[test]
fn rfc6979_signer_reproduces_the_deterministic_vectors_byte_for_byte() {
    let v = vectors();
    for pem_field in ["private_pkcs8_pem", "private_sec1_pem"] {
        let signer = deterministic_signer(&v, pem_field);
        for vector in v["deterministic_signing_vectors"].as_array().unwrap() {
            let id = vector["id"].as_str().unwrap();
            let payload: Map<String, Value> =
                serde_json::from_str(vector["payload_json"].as_str().unwrap()).unwrap();
            let claims = PlaybackClaims::from_json(&payload, 1_700_000_000).unwrap();
            assert_eq!(
                serde_json::to_string(&claims).unwrap(),
                vector["payload_json"].as_str().unwrap(),
                "{id}: payload bytes"
            );
            let token = signer.sign_playback(&claims).unwrap();
            assert_eq!(
                token,
                vector["rfc6979_es384_token"].as_str().unwrap(),
                "{id} ({pem_field})"
            );
        }
    }
}

#[test]
fn builder_produces_the_deterministic_vectors() {
    let v = vectors();
    let signer = deterministic_signer(&v, "private_pkcs8_pem");
    let arn = "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456";
    let minimal = PlaybackClaims::builder(arn)
        .expires_in(std::time::Duration::from_secs(300))
        .sign(&signer)
        .unwrap();
    assert_eq!(
        minimal,
        v["deterministic_signing_vectors"][0]["rfc6979_es384_token"]
            .as_str()
            .unwrap()
    );
    let all = PlaybackClaims::builder(arn)
        .expires_in(std::time::Duration::from_secs(300))
        .allowed_origin("https://example.com")
        .allowed_origin("https://*.example.org")
        .strict_origin_enforcement(true)
        .single_use_uuid("1e760ed4-29c0-4ee3-987d-a5dc60734b58")
        .viewer_id("viewer-0042")
        .viewer_session_version(1_699_999_999)
        .maximum_resolution(MaximumResolution::Hd)
        .sign(&signer)
        .unwrap();
    assert_eq!(
        all,
        v["deterministic_signing_vectors"][1]["rfc6979_es384_token"]
            .as_str()
            .unwrap()
    );
}

#[test]
fn every_claim_rule_vector_gets_its_verdict_and_its_own_error() {
    let v = vectors();
    let kinds = [
        ("missing-channel-arn", ErrorKind::MissingChannelArn),
        ("channel-arn-not-a-channel", ErrorKind::InvalidChannelArn),
        ("exp-in-milliseconds", ErrorKind::ExpiryInMilliseconds),
        ("exp-float", ErrorKind::ExpiryNotInteger),
        ("viewer-id-41-chars", ErrorKind::ViewerIdTooLong),
        (
            "viewer-id-exp-over-10-min",
            ErrorKind::ViewerIdExpiryTooLong,
        ),
        (
            "single-use-exp-over-10-min",
            ErrorKind::SingleUseExpiryTooLong,
        ),
        ("single-use-not-uuid", ErrorKind::InvalidSingleUseUuid),
        (
            "viewer-session-version-string",
            ErrorKind::ViewerSessionVersionNotInteger,
        ),
        (
            "viewer-session-version-overflow",
            ErrorKind::ViewerSessionVersionOutOfRange,
        ),
        ("max-resolution-bad", ErrorKind::InvalidMaximumResolution),
        ("strict-origin-6-origins", ErrorKind::TooManyStrictOrigins),
        ("strict-origin-not-bool", ErrorKind::StrictOriginNotBoolean),
    ];
    let list = v["claim_rule_vectors"].as_array().unwrap();
    assert_eq!(list.len(), 20);
    for vector in list {
        let id = vector["id"].as_str().unwrap();
        let got =
            PlaybackClaims::from_json(obj(&vector["claims"]), vector["now"].as_u64().unwrap());
        match vector["expected"].as_str().unwrap() {
            "valid" => {
                let claims = got.unwrap_or_else(|e| panic!("{id}: {e}"));
                // What was read serializes back to the same JSON.
                assert_eq!(
                    &serde_json::to_value(&claims).unwrap(),
                    &vector["claims"],
                    "{id}"
                );
            }
            _ => {
                let err = got.expect_err(id);
                let kind = kinds.iter().find(|(k, _)| *k == id).map(|(_, kind)| *kind);
                assert_eq!(Some(err.kind()), kind, "{id}: {err}");
            }
        }
    }
}

#[test]
fn participant_vector_verifies_and_is_reproduced_by_the_builder() {
    let v = vectors();
    let vector = &v["participant_token_vectors"][0];
    let public = PublicKey::from_spki_pem(key(&v, "ivs_p384", "public_spki_pem")).unwrap();
    let verified = Verifier::new(&public)
        .with_clock(FixedClock(1_700_000_000))
        .verify_participant(vector["token"].as_str().unwrap())
        .unwrap();
    let token = verified.claims();
    assert_eq!(
        token.key_id(),
        "arn:aws:ivs:us-east-1:123456789012:public-key/abcdEFGH1234"
    );
    assert_eq!(token.claims().stage_id(), "oRmLNwuCeMlQ");
    assert_eq!(token.claims().user_id(), Some("alice"));

    let c = &vector["claims"];
    let built = ParticipantToken::builder(
        vector["header"]["kid"].as_str().unwrap(),
        c["resource"].as_str().unwrap(),
        c["events_url"].as_str().unwrap(),
        c["whip_url"].as_str().unwrap(),
    )
    .participant_id(c["jti"].as_str().unwrap())
    .user_id("alice")
    .attribute("display_name", "Alice")
    .expires_in(std::time::Duration::from_secs(43_200))
    .sign(&deterministic_signer(&v, "private_sec1_pem"))
    .unwrap();
    assert_eq!(built, vector["token"].as_str().unwrap());
}

#[test]
fn every_participant_claim_rule_vector_gets_its_verdict() {
    let v = vectors();
    let kinds = [
        ("rt-missing-kid", ErrorKind::MissingKeyId),
        ("rt-exp-over-14-days", ErrorKind::ParticipantExpiryTooLong),
        ("rt-topic-mismatch", ErrorKind::TopicMismatch),
        ("rt-jti-bad-chars", ErrorKind::InvalidParticipantId),
        ("rt-jti-65-chars", ErrorKind::InvalidParticipantId),
        ("rt-user-id-129-chars", ErrorKind::UserIdTooLong),
        ("rt-version-wrong", ErrorKind::UnsupportedVersion),
        ("rt-attributes-over-1kb", ErrorKind::AttributesTooLarge),
    ];
    let list = v["participant_claim_rule_vectors"].as_array().unwrap();
    assert_eq!(list.len(), 10);
    for vector in list {
        let id = vector["id"].as_str().unwrap();
        let got = ParticipantToken::from_json(obj(&vector["header"]), obj(&vector["claims"]));
        match vector["expected"].as_str().unwrap() {
            "valid" => {
                let token = got.unwrap_or_else(|e| panic!("{id}: {e}"));
                assert_eq!(
                    &serde_json::to_value(token.claims()).unwrap(),
                    &vector["claims"],
                    "{id}"
                );
            }
            _ => {
                let err = got.expect_err(id);
                let kind = kinds.iter().find(|(k, _)| *k == id).map(|(_, kind)| *kind);
                assert_eq!(Some(err.kind()), kind, "{id}: {err}");
            }
        }
    }
}

#[test]
fn vector_keys_load_in_every_format_and_agree() {
    let v = vectors();
    let pkcs8 = PrivateKey::from_pkcs8_pem(key(&v, "ivs_p384", "private_pkcs8_pem")).unwrap();
    let sec1 = PrivateKey::from_sec1_pem(key(&v, "ivs_p384", "private_sec1_pem")).unwrap();
    let public = PublicKey::from_spki_pem(key(&v, "ivs_p384", "public_spki_pem")).unwrap();
    assert_eq!(pkcs8.public_key(), public);
    assert_eq!(sec1.public_key(), public);
    assert_eq!(public.to_spki_pem(), key(&v, "ivs_p384", "public_spki_pem"));
    let der_b64 = key(&v, "ivs_p384", "public_spki_der_b64");
    use base64ct::Encoding;
    assert_eq!(
        base64ct::Base64::encode_string(&public.to_spki_der()),
        der_b64
    );
}
