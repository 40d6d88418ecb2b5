//! Cookie tokens and the hashes and seals made of them and of identity codes.
use crate::domain::hetu::Hetu;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A fresh unguessable token for a cookie (256 bits).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The form a cookie token is stored and looked up in: its SHA-256, in hex.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The lookup key of a person: HMAC-SHA256 of the code under a server secret, so the code cannot
/// be recovered from the database by trying all valid codes.
pub fn hetu_hash(secret: &[u8], hetu: &Hetu) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC accepts any key length");
    mac.update(hetu.to_string().as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// A one-time pad for this session's identity code, derived from its cookie token: each token
/// seals exactly one code, and the database holds only the token's hash.
fn hetu_pad(token: &str) -> [u8; 32] {
    let mut mac = Hmac::<Sha256>::new_from_slice(token.as_bytes()).expect("HMAC accepts any key length");
    mac.update(b"kanta session hetu");
    mac.finalize().into_bytes().into()
}

/// The identity code encrypted with `hetu_pad` of the session's token, in hex, for
/// `session.hetu_sealed`.
pub(super) fn seal_hetu(token: &str, hetu: &Hetu) -> String {
    let text = hetu.to_string();
    hex::encode(text.bytes().zip(hetu_pad(token)).map(|(b, k)| b ^ k).collect::<Vec<_>>())
}

/// The identity code `seal_hetu` sealed with `token`; `None` for a value sealed with another
/// token or not hex.
pub(super) fn unseal_hetu(token: &str, sealed: &str) -> Option<Hetu> {
    let bytes = (0..sealed.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(sealed.get(i..i + 2)?, 16).ok())
        .collect::<Option<Vec<u8>>>()?;
    let plain: Vec<u8> = bytes.into_iter().zip(hetu_pad(token)).map(|(b, k)| b ^ k).collect();
    Hetu::parse(std::str::from_utf8(&plain).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_code_opens_only_with_its_token() {
        let hetu = Hetu::parse("110892Y9918").unwrap();
        let sealed = seal_hetu("token-a", &hetu);
        assert!(!sealed.contains("110892"), "{sealed}");
        assert_eq!(unseal_hetu("token-a", &sealed), Some(hetu));
        assert_eq!(unseal_hetu("token-b", &sealed), None);
        assert_eq!(unseal_hetu("token-a", "zz"), None);
    }
}
