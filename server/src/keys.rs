//! Our own keys as a relying party under the Finnish Trust Network OIDC profile: signing keys
//! (request objects, `private_key_jwt`) and encryption keys (the provider encrypts ID tokens and
//! userinfo to them). All are published at `/.well-known/jwks.json`, so they rotate without new
//! metadata at the provider: serve the new key beside the old one, then drop the old.
//! Every JOSE operation is josekit's (OpenSSL underneath); none is written here.
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use josekit::{
    jwe::{self, JweDecrypter, JweHeader},
    jwk::{Jwk, KeyPair, alg::rsa::RsaKeyPair},
    jws::{JwsHeader, RS256, alg::rsassa::RsassaJwsSigner},
    jwt::{self, JwtPayload},
};
use sha2::{Digest, Sha256};

/// Key-management algorithms we accept on a JWE (RSA1_5 is refused: padding oracles).
pub const ENCRYPTION_ALGS: [&str; 2] = ["RSA-OAEP", "RSA-OAEP-256"];
/// Content encryptions we accept on a JWE.
pub const CONTENT_ENCRYPTIONS: [&str; 4] = ["A128CBC-HS256", "A256CBC-HS512", "A128GCM", "A256GCM"];

/// One of our RSA keys, with its public half as a JWK carrying `kid` and `use`.
struct OwnKey {
    kid: String,
    pair: RsaKeyPair,
    public: Jwk,
}

impl OwnKey {
    fn from_pem(pem: &str, key_use: &str) -> Result<OwnKey, KeyError> {
        let pair = RsaKeyPair::from_pem(pem.as_bytes()).map_err(|_| KeyError::NotRsaPem)?;
        let bits = pair.key_len() * 8;
        if bits < MIN_KEY_BITS {
            return Err(KeyError::TooShort(bits));
        }
        let mut public = pair.to_jwk_public_key();
        let kid = thumbprint(&public);
        public.set_key_id(kid.clone());
        public.set_key_use(key_use);
        if key_use == "sig" {
            public.set_algorithm("RS256");
        }
        Ok(OwnKey { kid, pair, public })
    }
}

/// The key's RFC 7638 thumbprint (SHA-256 of its required members in lexical order), used as
/// `kid`: stable across restarts and instances, distinct for distinct keys.
fn thumbprint(public: &Jwk) -> String {
    let member = |name: &str| public.parameter(name).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    let canonical = serde_json::json!({ "e": member("e"), "kty": "RSA", "n": member("n") });
    URL_SAFE_NO_PAD.encode(Sha256::digest(canonical.to_string().as_bytes()))
}

/// The smallest RSA key we take, in bits.
pub const MIN_KEY_BITS: u32 = 2048;

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("not an RSA private key in PEM")]
    NotRsaPem,
    #[error("an RSA key of {0} bits; at least 2048 are needed")]
    TooShort(u32),
    #[error("the same key is listed twice (kid {0})")]
    Repeated(String),
}

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    #[error("no signing key is configured")]
    NoSigningKey,
    #[error("josekit could not sign: {0}")]
    Jose(String),
}

/// Why a token meant for us could not be opened. Values never carry token contents.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the token is not encrypted, and encryption is required")]
    NotEncrypted,
    #[error("the token is encrypted to a key that is not ours (kid {0:?})")]
    UnknownKey(Option<String>),
    #[error("the token uses alg {alg:?} / enc {enc:?}, which we do not accept")]
    Algorithm { alg: Option<String>, enc: Option<String> },
    #[error("the token cannot be decrypted (damaged or not for this key)")]
    Decryption,
    #[error("the encrypted token does not hold a signed JWT")]
    NotNested,
}

/// Signing and encryption keys, in the order configured: the first signing key signs;
/// every encryption key decrypts.
pub struct KeyRing {
    signing: Vec<OwnKey>,
    encryption: Vec<OwnKey>,
}

/// Names the keys by `kid` only: private parts never reach a log.
impl std::fmt::Debug for KeyRing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kids = |keys: &[OwnKey]| keys.iter().map(|k| k.kid.clone()).collect::<Vec<_>>();
        f.debug_struct("KeyRing")
            .field("signing", &kids(&self.signing))
            .field("encryption", &kids(&self.encryption))
            .finish()
    }
}

impl KeyRing {
    /// Keys from PEM text (PKCS#1 or PKCS#8 RSA, at least 2048 bits). A key may serve one use
    /// once: repeated keys would publish one `kid` twice.
    pub fn from_pems(signing: &[String], encryption: &[String]) -> Result<KeyRing, KeyError> {
        let signing = signing.iter().map(|p| OwnKey::from_pem(p, "sig")).collect::<Result<Vec<_>, _>>()?;
        let encryption = encryption.iter().map(|p| OwnKey::from_pem(p, "enc")).collect::<Result<Vec<_>, _>>()?;
        let mut kids = std::collections::HashSet::new();
        if let Some(repeated) = signing.iter().chain(&encryption).find(|k| !kids.insert(k.kid.as_str())) {
            return Err(KeyError::Repeated(repeated.kid.clone()));
        }
        Ok(KeyRing { signing, encryption })
    }

    /// Checks one PEM as a key of ours would be checked.
    pub fn check_pem(pem: &str) -> Result<(), KeyError> {
        OwnKey::from_pem(pem, "sig").map(|_| ())
    }

    /// The `kid`s of every key, to tell keys apart without their contents.
    pub fn kids(&self) -> impl Iterator<Item = &str> {
        self.signing.iter().chain(&self.encryption).map(|k| k.kid.as_str())
    }

    /// The public JWK Set (RFC 7517) served at `/.well-known/jwks.json`.
    pub fn jwks(&self) -> serde_json::Value {
        let keys: Vec<_> = self.signing.iter().chain(&self.encryption).map(|k| k.public.as_ref().clone()).collect();
        serde_json::json!({ "keys": keys })
    }

    /// Whether a provider can encrypt to us at all.
    pub fn has_encryption_keys(&self) -> bool {
        !self.encryption.is_empty()
    }

    /// A compact JWS (RS256) of `claims` with the current signing key, its `kid` and `typ` in
    /// the header. `NoSigningKey` when none is configured; `Jose` if josekit refuses the claims.
    pub fn sign(&self, claims: serde_json::Map<String, serde_json::Value>, typ: &str) -> Result<String, SignError> {
        let key = self.signing.first().ok_or(SignError::NoSigningKey)?;
        let jose = |e: josekit::JoseError| SignError::Jose(e.to_string());
        let signer: RsassaJwsSigner = RS256.signer_from_der(key.pair.to_der_private_key()).map_err(jose)?;
        let mut header = JwsHeader::new();
        header.set_token_type(typ);
        header.set_key_id(key.kid.clone());
        let payload = JwtPayload::from_map(claims).map_err(jose)?;
        jwt::encode_with_signer(&payload, &header, &signer).map_err(jose)
    }

    /// Opens a token the provider sent us. A JWE (five parts) is decrypted with the key its `kid`
    /// names (or, without a `kid`, whichever of ours opens it) and must hold a JWS, which is
    /// returned for the caller to verify. A JWS (three parts) is returned as it is unless
    /// `require_encryption`.
    pub fn open(&self, token: &str, require_encryption: bool) -> Result<String, OpenError> {
        let token = token.trim();
        if token.split('.').count() != 5 {
            return if require_encryption { Err(OpenError::NotEncrypted) } else { Ok(token.to_string()) };
        }
        let header = jwe_header(token)?;
        let (alg, enc) = (header.algorithm(), header.content_encryption());
        if !alg.is_some_and(|a| ENCRYPTION_ALGS.contains(&a)) || !enc.is_some_and(|e| CONTENT_ENCRYPTIONS.contains(&e))
        {
            return Err(OpenError::Algorithm { alg: alg.map(String::from), enc: enc.map(String::from) });
        }
        let alg = alg.unwrap_or_default();
        let candidates: Vec<&OwnKey> = match header.key_id() {
            Some(kid) => self.encryption.iter().filter(|k| k.kid == kid).collect(),
            None => self.encryption.iter().collect(),
        };
        if candidates.is_empty() {
            return Err(OpenError::UnknownKey(header.key_id().map(String::from)));
        }
        let plain = candidates
            .into_iter()
            .find_map(|key| {
                let der = key.pair.to_der_private_key();
                let decrypter: Box<dyn JweDecrypter> = match alg {
                    "RSA-OAEP-256" => Box::new(jwe::RSA_OAEP_256.decrypter_from_der(&der).ok()?),
                    "RSA-OAEP" => Box::new(jwe::RSA_OAEP.decrypter_from_der(&der).ok()?),
                    _ => return None, // refused above
                };
                jwe::deserialize_compact(token, decrypter.as_ref()).ok().map(|(payload, _)| payload)
            })
            .ok_or(OpenError::Decryption)?;
        let inner = String::from_utf8(plain).map_err(|_| OpenError::NotNested)?;
        if inner.trim().split('.').count() != 3 {
            return Err(OpenError::NotNested);
        }
        Ok(inner.trim().to_string())
    }
}

/// The protected header of a compact JWE, read before any key is chosen.
fn jwe_header(token: &str) -> Result<JweHeader, OpenError> {
    let first = token.split('.').next().unwrap_or_default();
    let bytes = URL_SAFE_NO_PAD.decode(first).map_err(|_| OpenError::Decryption)?;
    JweHeader::from_bytes(&bytes).map_err(|_| OpenError::Decryption)
}

/// The sandbox's key material (RSA, PKCS#1 PEM; see `sandbox/keys/README.md`): our relying
/// party's keys while the sandbox identity provider is the provider and none are configured, and
/// that provider's own. Public on purpose: never configure them outside the sandbox.
pub mod sandbox {
    /// Our relying party's signing keys, current first.
    pub fn rp_signing() -> Vec<String> {
        vec![include_str!("sandbox/keys/rp-signing-1.pem").into(), include_str!("sandbox/keys/rp-signing-2.pem").into()]
    }
    /// Our relying party's encryption keys; the sandbox provider encrypts to the first.
    pub fn rp_encryption() -> Vec<String> {
        vec![
            include_str!("sandbox/keys/rp-encryption-1.pem").into(),
            include_str!("sandbox/keys/rp-encryption-2.pem").into(),
        ]
    }
    /// The sandbox identity provider's own signing key.
    pub const IDP_SIGNING_KEY_PEM: &str = include_str!("sandbox/keys/idp-signing.pem");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring() -> KeyRing {
        KeyRing::from_pems(&sandbox::rp_signing(), &sandbox::rp_encryption()).unwrap()
    }

    /// A signed token as a provider would make it, then encrypted to `to` with `alg`/`enc`.
    #[allow(deprecated)] // RSA1_5, to show it refused
    fn nested(to: &Jwk, alg: &str, enc: &str) -> (String, String) {
        let signer = RS256.signer_from_pem(sandbox::IDP_SIGNING_KEY_PEM).unwrap();
        let mut claims = JwtPayload::new();
        claims.set_subject("someone");
        let jws = jwt::encode_with_signer(&claims, &JwsHeader::new(), &signer).unwrap();
        let mut header = JweHeader::new();
        header.set_content_encryption(enc);
        header.set_content_type("JWT");
        if let Some(kid) = to.key_id() {
            header.set_key_id(kid);
        }
        let jwe = match alg {
            "RSA-OAEP-256" => {
                jwe::serialize_compact(jws.as_bytes(), &header, &jwe::RSA_OAEP_256.encrypter_from_jwk(to).unwrap())
            }
            "RSA-OAEP" => {
                jwe::serialize_compact(jws.as_bytes(), &header, &jwe::RSA_OAEP.encrypter_from_jwk(to).unwrap())
            }
            _ => jwe::serialize_compact(jws.as_bytes(), &header, &jwe::RSA1_5.encrypter_from_jwk(to).unwrap()),
        };
        (jwe.unwrap(), jws)
    }

    fn published(ring: &KeyRing, key_use: &str) -> Vec<Jwk> {
        ring.jwks()["keys"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|k| k["use"] == key_use)
            .map(|k| Jwk::from_bytes(k.to_string().as_bytes()).unwrap())
            .collect()
    }

    #[test]
    fn jwks_publishes_two_of_each_kind_with_distinct_kids_and_no_private_parts() {
        let jwks = ring().jwks();
        let keys = jwks["keys"].as_array().unwrap();
        assert_eq!(keys.iter().filter(|k| k["use"] == "sig").count(), 2);
        assert_eq!(keys.iter().filter(|k| k["use"] == "enc").count(), 2);
        let kids: std::collections::HashSet<_> = keys.iter().map(|k| k["kid"].as_str().unwrap()).collect();
        assert_eq!(kids.len(), 4);
        for private in ["d", "p", "q", "dp", "dq", "qi"] {
            assert!(keys.iter().all(|k| k.get(private).is_none()), "{private} published");
        }
    }

    #[test]
    fn every_accepted_alg_and_enc_pair_opens() {
        let ring = ring();
        let to = &published(&ring, "enc")[0];
        for alg in ENCRYPTION_ALGS {
            for enc in CONTENT_ENCRYPTIONS {
                let (jwe, jws) = nested(to, alg, enc);
                assert_eq!(ring.open(&jwe, true).as_deref(), Ok(jws.as_str()), "{alg} {enc}");
            }
        }
    }

    #[test]
    fn a_token_for_the_rotated_key_opens_with_the_key_its_kid_names() {
        let ring = ring();
        let second = &published(&ring, "enc")[1];
        let (jwe, jws) = nested(second, "RSA-OAEP", "A128CBC-HS256");
        assert_eq!(ring.open(&jwe, true), Ok(jws));
        // Without a kid, whichever of our keys opens it.
        let mut no_kid = Jwk::from_map(
            second.as_ref().clone().into_iter().filter(|(k, _)| k != "kid").collect::<serde_json::Map<_, _>>(),
        )
        .unwrap();
        no_kid.set_key_use("enc");
        let (jwe, jws) = nested(&no_kid, "RSA-OAEP", "A256GCM");
        assert_eq!(ring.open(&jwe, true), Ok(jws));
    }

    #[test]
    fn foreign_keys_weak_algorithms_plain_and_damaged_tokens_are_refused() {
        let ring = ring();
        let stranger = RsaKeyPair::generate(2048).unwrap();
        let mut foreign = stranger.to_jwk_public_key();
        foreign.set_key_id("not-ours");
        let (jwe, _) = nested(&foreign, "RSA-OAEP", "A128CBC-HS256");
        assert_eq!(ring.open(&jwe, true), Err(OpenError::UnknownKey(Some("not-ours".into()))));
        // A stranger's key under our kid still cannot be opened.
        foreign.set_key_id(published(&ring, "enc")[0].key_id().unwrap());
        let (jwe, _) = nested(&foreign, "RSA-OAEP", "A128CBC-HS256");
        assert_eq!(ring.open(&jwe, true), Err(OpenError::Decryption));

        let to = &published(&ring, "enc")[0];
        let (weak, _) = nested(to, "RSA1_5", "A128CBC-HS256");
        assert!(matches!(ring.open(&weak, true), Err(OpenError::Algorithm { .. })));

        let (jwe, jws) = nested(to, "RSA-OAEP", "A128GCM");
        assert_eq!(ring.open(&jws, true), Err(OpenError::NotEncrypted));
        assert_eq!(ring.open(&jws, false), Ok(jws.clone()));
        let mut parts: Vec<String> = jwe.split('.').map(String::from).collect();
        parts[3] = URL_SAFE_NO_PAD.encode(b"tampered ciphertext of some length");
        assert_eq!(ring.open(&parts.join("."), true), Err(OpenError::Decryption));
    }

    #[test]
    fn signatures_name_the_current_key_and_verify_with_its_published_half() {
        let ring = ring();
        let mut claims = serde_json::Map::new();
        claims.insert("iss".into(), "kanta-extranet".into());
        let token = ring.sign(claims, "JWT").unwrap();
        let current = &published(&ring, "sig")[0];
        let verifier = RS256.verifier_from_jwk(current).unwrap();
        let (payload, header) = jwt::decode_with_verifier(&token, &verifier).unwrap();
        assert_eq!(header.key_id(), current.key_id());
        assert_eq!(payload.issuer(), Some("kanta-extranet"));
        let other = RS256.verifier_from_jwk(&published(&ring, "sig")[1]).unwrap();
        assert!(jwt::decode_with_verifier(&token, &other).is_err());
    }

    #[test]
    fn repeated_and_short_keys_are_refused() {
        let signing = sandbox::rp_signing();
        let twice = KeyRing::from_pems(&signing, &signing[..1]);
        assert!(matches!(twice, Err(KeyError::Repeated(_))), "a key published twice");
        let short = RsaKeyPair::generate(1024).unwrap().to_pem_private_key();
        let short = String::from_utf8(short).unwrap();
        assert_eq!(KeyRing::check_pem(&short), Err(KeyError::TooShort(1024)));
        assert_eq!(KeyRing::check_pem("not a key"), Err(KeyError::NotRsaPem));
    }
}
