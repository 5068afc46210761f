//! JWS compact serialization: base64url segments, the ES384 header, splitting.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Map, Value};

use crate::error::{Error, ErrorKind, Result};

/// `base64url({"alg":"ES384","typ":"JWT"})`, the header of every playback token.
pub(crate) const PLAYBACK_HEADER_B64: &str = "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9";

/// Length of an ES384 JOSE signature: `r‖s`, 48 bytes each (RFC 7518 §3.4).
pub(crate) const SIGNATURE_LEN: usize = 96;

/// Appends base64url without padding of `bytes` to `out`.
pub(crate) fn push_b64(out: &mut Vec<u8>, bytes: &[u8]) {
    let start = out.len();
    out.resize(start + Base64UrlUnpadded::encoded_len(bytes), 0);
    // The slice is exactly the encoded length, so encoding cannot run out of room.
    let _ = Base64UrlUnpadded::encode(bytes, &mut out[start..]);
}

/// The parts of a compact JWS, decoded but not yet verified.
pub(crate) struct Parts<'a> {
    pub signing_input: &'a str,
    pub header: Map<String, Value>,
    pub payload_b64: &'a str,
    pub signature: Vec<u8>,
}

/// Splits a compact JWS into its three segments and decodes the header and signature.
pub(crate) fn split(token: &str) -> Result<Parts<'_>> {
    let segments = token.split('.').count();
    if segments != 3 {
        return Err(Error::new(
            ErrorKind::MalformedToken,
            format!("a JWT has three dot-separated segments (header.payload.signature); this one has {segments}"),
        ));
    }
    let last_dot = token.rfind('.').unwrap_or(0);
    let signing_input = &token[..last_dot];
    let (header_b64, payload_b64) = signing_input.split_once('.').unwrap_or((signing_input, ""));
    let header_bytes = decode_segment(header_b64, "header")?;
    let header = parse_object(&header_bytes, "header")?;
    let signature = decode_segment(&token[last_dot + 1..], "signature")?;
    Ok(Parts {
        signing_input,
        header,
        payload_b64,
        signature,
    })
}

/// Decodes one base64url segment, refusing padding and non-alphabet characters.
pub(crate) fn decode_segment(segment: &str, what: &str) -> Result<Vec<u8>> {
    if segment.contains('=') {
        return Err(Error::new(
            ErrorKind::MalformedToken,
            format!("the token's {what} segment has base64 padding (=); JWS segments are base64url without padding"),
        ));
    }
    Base64UrlUnpadded::decode_vec(segment).map_err(|_| {
        Error::new(
            ErrorKind::MalformedToken,
            format!("the token's {what} segment is not valid base64url"),
        )
    })
}

/// Parses a segment as a JSON object.
pub(crate) fn parse_object(bytes: &[u8], what: &str) -> Result<Map<String, Value>> {
    match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(Error::new(
            ErrorKind::MalformedToken,
            format!("the token's {what} is JSON but not an object"),
        )),
        Err(_) => Err(Error::new(
            ErrorKind::MalformedToken,
            format!("the token's {what} is not valid JSON"),
        )),
    }
}

/// Checks that the header asks for ES384 (and, if it says, that it is a JWT).
pub(crate) fn check_header(header: &Map<String, Value>) -> Result<()> {
    match header.get("alg") {
        Some(Value::String(alg)) if alg == "ES384" => {}
        Some(Value::String(alg)) => {
            let why = match alg.as_str() {
                "none" | "None" | "NONE" => "an unsigned token (alg none) is never accepted".to_string(),
                a if a.starts_with("HS") => format!(
                    "{a} is a shared-secret algorithm; accepting it would let anyone who knows the public key forge tokens"
                ),
                "ES256" => "ES256 is ECDSA on P-256; IVS playback keys are P-384".to_string(),
                a => format!("{a} is not ES384"),
            };
            return Err(Error::new(
                ErrorKind::UnsupportedAlgorithm,
                format!("the token's algorithm is refused: {why}; IVS tokens use ES384 (ECDSA P-384 with SHA-384)"),
            ));
        }
        Some(_) => {
            return Err(Error::new(
                ErrorKind::MalformedToken,
                "the token header's alg is not a string",
            ))
        }
        None => {
            return Err(Error::new(
                ErrorKind::MalformedToken,
                "the token header has no alg; IVS tokens use ES384",
            ))
        }
    }
    match header.get("typ") {
        None => Ok(()),
        Some(Value::String(t)) if t.eq_ignore_ascii_case("JWT") => Ok(()),
        Some(other) => Err(Error::new(
            ErrorKind::MalformedToken,
            format!("the token header's typ is {other}; expected \"JWT\""),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_b64_appends_unpadded_base64url() {
        let mut s = b"x.".to_vec();
        push_b64(&mut s, br#"{"alg":"ES384","typ":"JWT"}"#);
        assert_eq!(s, format!("x.{PLAYBACK_HEADER_B64}").into_bytes());
        let mut s = Vec::new();
        push_b64(&mut s, &[0xfb, 0xff]);
        assert_eq!(s, b"-_8");
    }
}
