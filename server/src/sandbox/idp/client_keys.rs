//! The relying party's published keys: fetched from its JWKS URL as a real provider fetches the
//! registered `jwks_uri`, to check what it signs and to encrypt what we send it.
use super::{CLIENT_KEYS_LIFETIME, CONTENT_ENCRYPTION, ENCRYPTION_ALG, Fault, Idp};
use josekit::{
    jwe::{self, JweHeader},
    jwk::Jwk,
    jws::RS256,
    jwt::{self, JwtPayload},
};
use std::time::Instant;

impl Idp {
    /// The client's published keys, fetched from its JWKS URL and kept a minute; `refresh`
    /// fetches them at once (a `kid` we have not seen: the client rotated).
    async fn client_keys(&self, refresh: bool) -> Vec<Jwk> {
        if !refresh
            && let Some((at, keys)) = &*self.client_keys.read().await
            && at.elapsed() < CLIENT_KEYS_LIFETIME
        {
            return keys.clone();
        }
        let fetched = async {
            let set: serde_json::Value = self.http.get(&self.client_jwks_uri).send().await.ok()?.json().await.ok()?;
            let keys = set.get("keys")?.as_array()?.iter().filter_map(|k| Jwk::from_bytes(k.to_string()).ok());
            Some(keys.collect::<Vec<_>>())
        };
        let keys = fetched.await.unwrap_or_else(|| {
            tracing::warn!(url = self.client_jwks_uri, "sandbox IdP cannot read the client's JWKS");
            Vec::new()
        });
        *self.client_keys.write().await = Some((Instant::now(), keys.clone()));
        keys
    }

    /// The claims of a JWT the client signed (RS256) with one of its published `sig` keys.
    pub(super) async fn client_signed(&self, token: &str) -> Option<JwtPayload> {
        let kid = jwt::decode_header(token).ok()?.claim("kid")?.as_str()?.to_string();
        for refresh in [false, true] {
            let keys = self.client_keys(refresh).await;
            if let Some(key) = keys.iter().find(|k| k.key_use() == Some("sig") && k.key_id() == Some(kid.as_str())) {
                let verifier = RS256.verifier_from_jwk(key).ok()?;
                return jwt::decode_with_verifier(token, &verifier).ok().map(|(claims, _)| claims);
            }
        }
        None
    }

    /// A signed JWT encrypted to the client's first published `enc` key (a nested JWT); with
    /// the `ForeignKey` fault, to a key of a stranger's under a `kid` of its own.
    pub(super) async fn encrypt_to_client(&self, jws: &str, fault: Fault) -> Option<String> {
        let keys = match fault {
            Fault::ForeignKey => {
                let mut stranger = Jwk::generate_rsa_key(2048).ok()?.to_public_key().ok()?;
                stranger.set_key_id("not-the-clients");
                stranger.set_key_use("enc");
                vec![stranger]
            }
            _ => self.client_keys(false).await,
        };
        let key = keys.iter().find(|k| k.key_use() == Some("enc"))?;
        let mut header = JweHeader::new();
        header.set_algorithm(ENCRYPTION_ALG);
        header.set_content_encryption(CONTENT_ENCRYPTION);
        header.set_content_type("JWT");
        if let Some(kid) = key.key_id() {
            header.set_key_id(kid);
        }
        let encrypter = jwe::RSA_OAEP.encrypter_from_jwk(key).ok()?;
        jwe::serialize_compact(jws.as_bytes(), &header, &encrypter).ok()
    }
}
