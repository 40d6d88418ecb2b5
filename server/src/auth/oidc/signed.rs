//! The JWTs we sign for the provider: the request object and the client assertion.
use super::{LoginFailure, RelyingParty};
use openidconnect::CsrfToken;

/// How long a request object we sign is valid, in seconds: the user's way to the provider,
/// with room for the provider's clock.
const REQUEST_OBJECT_LIFETIME_SECONDS: i64 = 300;
/// How long a client assertion we sign is valid, in seconds: it is used at once.
const CLIENT_ASSERTION_LIFETIME_SECONDS: i64 = 60;

impl RelyingParty {
    /// The signed request object (RFC 9101, OIDC Core 6.1): every authorization parameter, plus
    /// `iss` (us), `aud` (the provider), `iat`, `exp` and a unique `jti`.
    pub(super) fn request_object(&self, params: &[(&str, String)]) -> Result<String, LoginFailure> {
        let mut claims: serde_json::Map<String, serde_json::Value> =
            params.iter().map(|(name, value)| (name.to_string(), value.clone().into())).collect();
        claims.extend(self.jwt_frame(&self.issuer, REQUEST_OBJECT_LIFETIME_SECONDS));
        self.config.keys.sign(claims, "oauth-authz-req+jwt").map_err(|error| {
            tracing::error!(%error, "cannot sign the request object");
            LoginFailure::Unavailable
        })
    }

    /// The claims every JWT we sign carries: `iss` (our client id), `aud`, `iat`, `exp` (after
    /// `lifetime` seconds) and a fresh `jti`.
    fn jwt_frame(&self, audience: &str, lifetime: i64) -> serde_json::Map<String, serde_json::Value> {
        let now = chrono::Utc::now().timestamp();
        let mut frame = serde_json::Map::new();
        frame.insert("iss".into(), self.config.client_id.clone().into());
        frame.insert("aud".into(), audience.into());
        frame.insert("iat".into(), now.into());
        frame.insert("exp".into(), (now + lifetime).into());
        frame.insert("jti".into(), CsrfToken::new_random().secret().clone().into());
        frame
    }

    /// `private_key_jwt` (RFC 7523): a JWT about ourselves for the token endpoint, named by `kid`.
    pub(super) fn client_assertion(&self, token_url: &str) -> Result<String, LoginFailure> {
        let mut claims = self.jwt_frame(token_url, CLIENT_ASSERTION_LIFETIME_SECONDS);
        claims.insert("sub".into(), self.config.client_id.clone().into());
        self.config.keys.sign(claims, "JWT").map_err(|error| {
            tracing::error!(%error, "cannot sign the client assertion");
            LoginFailure::Unavailable
        })
    }
}
