//! The OpenID Connect relying party: authorization code flow with PKCE, `state` and `nonce`,
//! discovery, ID-token validation and the level-of-assurance check, `private_key_jwt` or
//! `client_secret_basic`. The same code talks to the sandbox and to the real Suomi.fi.
use crate::config::{ClaimNames, ClientAuth, OidcConfig};
use app::domain::hetu::Hetu;
use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AuthenticationContextClass, AuthorizationCode, ClientId, ClientSecret,
    CsrfToken, EndpointMaybeSet, EndpointNotSet, EndpointSet, IssuerUrl, LogoutRequest, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, PrivateSigningKey, ProviderMetadataWithLogout,
    RedirectUrl, Scope, TokenResponse, UserInfoClaims,
    core::{
        CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdToken, CoreJwsSigningAlgorithm,
        CoreRsaPrivateSigningKey,
    },
};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    time::{Duration, Instant},
};
use tokio::sync::RwLock;

pub use app::api::session::LoginFailure;

/// The person as identified; the identity code stays in memory only until it is hashed.
pub struct Identity {
    pub hetu: Hetu,
    pub given_name: String,
    pub surname: String,
    pub display_name: String,
    pub acr: String,
    pub id_token: String,
}

/// What must be remembered between sending the user to the provider and their return.
pub struct PendingLogin {
    pub url: url::Url,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// Claims under names we only know from configuration.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
struct AnyClaims {
    #[serde(flatten)]
    map: HashMap<String, serde_json::Value>,
}
impl AdditionalClaims for AnyClaims {}

type Client =
    CoreClient<EndpointSet, EndpointNotSet, EndpointNotSet, EndpointNotSet, EndpointMaybeSet, EndpointMaybeSet>;

/// Discovery (with the provider's keys) is re-read after this long, or at once after a bad signature.
const METADATA_LIFETIME: Duration = Duration::from_secs(600);

pub struct RelyingParty {
    config: OidcConfig,
    issuer: String,
    redirect_url: RedirectUrl,
    post_logout_url: PostLogoutRedirectUrl,
    signing_key: Option<CoreRsaPrivateSigningKey>,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(Instant, ProviderMetadataWithLogout)>>,
}

impl RelyingParty {
    /// `public_url` is where browsers reach us; `issuer` is the provider's (from config or the sandbox's).
    pub fn new(config: OidcConfig, issuer: String, public_url: &url::Url) -> Result<Self, String> {
        let at = |path: &str| format!("{}{path}", public_url.as_str().trim_end_matches('/'));
        let signing_key = match &config.client_auth {
            ClientAuth::PrivateKeyJwt { pem } => Some(CoreRsaPrivateSigningKey::from_pem(pem, None)?),
            ClientAuth::ClientSecretBasic { .. } => None,
        };
        let http = openidconnect::reqwest::Client::builder()
            // The provider's redirects are never followed: an SSRF guard the openidconnect docs ask for.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(RelyingParty {
            redirect_url: RedirectUrl::new(at("/auth/callback")).map_err(|e| e.to_string())?,
            post_logout_url: PostLogoutRedirectUrl::new(at("/logged-out")).map_err(|e| e.to_string())?,
            config,
            issuer,
            signing_key,
            http,
            metadata: RwLock::new(None),
        })
    }

    /// The provider's origin (scheme, host, port), for the content security policy.
    pub fn issuer_origin(&self) -> String {
        url::Url::parse(&self.issuer).map(|u| u.origin().ascii_serialization()).unwrap_or_default()
    }

    async fn metadata(&self) -> Result<ProviderMetadataWithLogout, LoginFailure> {
        if let Some((at, metadata)) = &*self.metadata.read().await
            && at.elapsed() < METADATA_LIFETIME
        {
            return Ok(metadata.clone());
        }
        let issuer = IssuerUrl::new(self.issuer.clone()).map_err(|e| {
            tracing::error!(error = %e, "issuer URL is not valid");
            LoginFailure::Unavailable
        })?;
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http).await.map_err(|e| {
            tracing::error!(error = %e, issuer = self.issuer, "OpenID discovery failed");
            LoginFailure::Unavailable
        })?;
        *self.metadata.write().await = Some((Instant::now(), metadata.clone()));
        Ok(metadata)
    }

    async fn forget_metadata(&self) {
        *self.metadata.write().await = None;
    }

    fn client(&self, metadata: ProviderMetadataWithLogout) -> Client {
        let secret = match &self.config.client_auth {
            ClientAuth::ClientSecretBasic { secret } => Some(ClientSecret::new(secret.clone())),
            ClientAuth::PrivateKeyJwt { .. } => None,
        };
        CoreClient::from_provider_metadata(metadata, ClientId::new(self.config.client_id.clone()), secret)
            .set_redirect_uri(self.redirect_url.clone())
    }

    /// The provider's authorization URL for a new login, with fresh `state`, `nonce` and PKCE.
    pub async fn start(&self, ui_locale: &str) -> Result<PendingLogin, LoginFailure> {
        let client = self.client(self.metadata().await?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
            .set_pkce_challenge(challenge)
            .add_auth_context_value(AuthenticationContextClass::new(self.config.assurance.acr().into()))
            .add_extra_param("ui_locales", ui_locale.to_string());
        for scope in self.config.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(PendingLogin {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Exchanges the code, validates the ID token and reads the person from the userinfo endpoint.
    pub async fn finish(&self, code: String, nonce: &str, pkce_verifier: String) -> Result<Identity, LoginFailure> {
        let metadata = self.metadata().await?;
        let token_url = metadata.token_endpoint().map(|u| u.to_string()).ok_or_else(|| {
            tracing::error!("provider has no token endpoint");
            LoginFailure::Unavailable
        })?;
        let client = self.client(metadata);
        let mut exchange = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| {
                tracing::error!(error = %e, "code exchange not possible");
                LoginFailure::Unavailable
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier));
        if let Some(key) = &self.signing_key {
            exchange = exchange
                .add_extra_param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add_extra_param("client_assertion", client_assertion(key, &self.config.client_id, &token_url)?);
        }
        let response = exchange.request_async(&self.http).await.map_err(|e| {
            tracing::warn!(error = %e, "token request refused");
            LoginFailure::Provider
        })?;

        let id_token: &CoreIdToken = response.id_token().ok_or_else(|| {
            tracing::warn!("token response without an ID token");
            LoginFailure::Token
        })?;
        let verifier = client.id_token_verifier();
        let claims = match id_token.claims(&verifier, &Nonce::new(nonce.to_string())) {
            Ok(claims) => claims,
            Err(e) => {
                tracing::warn!(error = %e, "ID token refused");
                if matches!(e, openidconnect::ClaimsVerificationError::SignatureVerification(_)) {
                    // Perhaps the provider rotated its keys: fetch them afresh next time.
                    self.forget_metadata().await;
                }
                return Err(LoginFailure::Token);
            }
        };
        if let Some(expected) = claims.access_token_hash() {
            let alg = id_token.signing_alg().map_err(|_| LoginFailure::Token)?;
            let key = id_token.signing_key(&verifier).map_err(|_| LoginFailure::Token)?;
            let actual =
                AccessTokenHash::from_token(response.access_token(), alg, key).map_err(|_| LoginFailure::Token)?;
            if actual != *expected {
                tracing::warn!("ID token's at_hash does not match the access token");
                return Err(LoginFailure::Token);
            }
        }
        let acr = claims.auth_context_ref().map(|a| a.to_string());
        if !self.config.assurance.is_met_by(acr.as_deref()) {
            tracing::warn!(acr = acr.as_deref().unwrap_or("-"), required = ?self.config.assurance, "level of assurance too low");
            return Err(LoginFailure::Assurance);
        }
        let subject = claims.subject().clone();

        let userinfo: UserInfoClaims<AnyClaims, CoreGenderClaim> = client
            .user_info(response.access_token().clone(), Some(subject))
            .map_err(|e| {
                tracing::error!(error = %e, "provider has no userinfo endpoint");
                LoginFailure::Unavailable
            })?
            .request_async(&self.http)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "userinfo request failed");
                LoginFailure::Provider
            })?;
        let person = read_person(&userinfo.additional_claims().map, &self.config.claims)?;
        Ok(Identity {
            hetu: person.0,
            given_name: person.1,
            surname: person.2,
            display_name: person.3,
            acr: acr.unwrap_or_default(),
            id_token: id_token.to_string(),
        })
    }

    /// Where to send the browser to end the provider's session too; `None` if it offers no logout.
    pub async fn logout_url(&self, id_token: Option<&str>) -> Option<url::Url> {
        let metadata = self.metadata().await.ok()?;
        let end_session = metadata.additional_metadata().end_session_endpoint.clone()?;
        let mut request = LogoutRequest::from(end_session)
            .set_client_id(ClientId::new(self.config.client_id.clone()))
            .set_post_logout_redirect_uri(self.post_logout_url.clone())
            .set_state(CsrfToken::new_random());
        if let Some(token) = id_token.and_then(|t| t.parse::<CoreIdToken>().ok()) {
            request = request.set_id_token_hint(&token);
        }
        Some(request.http_get_url())
    }
}

/// The person's code and names from the claims, under the configured claim names.
fn read_person(
    claims: &HashMap<String, serde_json::Value>,
    names: &ClaimNames,
) -> Result<(Hetu, String, String, String), LoginFailure> {
    let text = |name: &str| claims.get(name).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty());
    let hetu = text(&names.hetu).and_then(|h| Hetu::parse(h).ok()).ok_or_else(|| {
        tracing::warn!(claim = names.hetu, "no valid personal identity code in the provider's claims");
        LoginFailure::Identity
    })?;
    let (Some(given), Some(surname)) = (text(&names.given_name), text(&names.surname)) else {
        tracing::warn!("no name in the provider's claims");
        return Err(LoginFailure::Identity);
    };
    let display = text(&names.display_name).map(String::from).unwrap_or_else(|| format!("{given} {surname}"));
    Ok((hetu, given.to_string(), surname.to_string(), display))
}

/// A signed JWT proving we hold the client key (RFC 7523, `private_key_jwt`), valid for one minute.
fn client_assertion(key: &CoreRsaPrivateSigningKey, client_id: &str, token_url: &str) -> Result<String, LoginFailure> {
    let now = chrono::Utc::now().timestamp();
    let header = serde_json::json!({ "alg": "RS256", "typ": "JWT" });
    let claims = serde_json::json!({
        "iss": client_id, "sub": client_id, "aud": token_url,
        "jti": CsrfToken::new_random().secret(), "iat": now, "exp": now + 60,
    });
    let input =
        format!("{}.{}", URL_SAFE_NO_PAD.encode(header.to_string()), URL_SAFE_NO_PAD.encode(claims.to_string()));
    let signature = key.sign(&CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256, input.as_bytes()).map_err(|e| {
        tracing::error!(error = %e, "cannot sign the client assertion");
        LoginFailure::Unavailable
    })?;
    Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_are_read_under_the_configured_names() {
        let names = ClaimNames::default();
        let claims: HashMap<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "urn:oid:1.2.246.21": "120375-901K", "urn:oid:2.5.4.42": "Aino", "urn:oid:2.5.4.4": "Virtanen",
        }))
        .unwrap();
        let (hetu, given, surname, display) = read_person(&claims, &names).unwrap();
        assert_eq!(hetu.to_string(), "120375-901K");
        assert_eq!((given.as_str(), surname.as_str(), display.as_str()), ("Aino", "Virtanen", "Aino Virtanen"));

        let mut bad = claims.clone();
        bad.insert("urn:oid:1.2.246.21".into(), "120375-901A".into());
        assert_eq!(read_person(&bad, &names).err(), Some(LoginFailure::Identity));
        let mut nameless = claims;
        nameless.remove("urn:oid:2.5.4.4");
        assert_eq!(read_person(&nameless, &names).err(), Some(LoginFailure::Identity));
    }
}
