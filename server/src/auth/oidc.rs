//! The OpenID Connect relying party under Suomi.fi identification's FTN profile (Traficom
//! recommendation 213/2023 S): authorization code flow with PKCE, `state` and `nonce`, the
//! request as a signed request object, `private_key_jwt` (or `client_secret_basic`), and ID
//! token and userinfo that may arrive signed and then encrypted to our keys (nested JWT).
//! josekit opens the encryption ([`KeyRing::open`]); openidconnect does everything else:
//! discovery, the code exchange and every check of the signed tokens (signature against the
//! provider's keys, iss, aud, exp, nonce, at_hash). The same code talks to the sandbox and to
//! the real Suomi.fi.
use crate::config::{ClaimNames, ClientAuth, OidcConfig};
use crate::keys::{KeyRing, OpenError};
use app::domain::{assurance::NotAdmitted, hetu::Hetu};
use openidconnect::{
    AccessTokenHash, AdditionalClaims, AsyncHttpClient, AuthorizationCode, ClientId, ClientSecret, CsrfToken,
    EndpointMaybeSet, EndpointNotSet, EndpointSet, HttpClientError, HttpRequest, HttpResponse, IssuerUrl,
    LogoutRequest, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, RequestTokenError, TokenResponse, UserInfoClaims, UserInfoError,
    UserInfoResponseType,
    core::{CoreClient, CoreGenderClaim, CoreIdToken, CoreJwsSigningAlgorithm},
};
use serde::{Deserialize, Serialize};
use std::{
    collections::HashMap,
    future::Future,
    pin::Pin,
    sync::Arc,
    time::{Duration, Instant},
};
use tokio::sync::RwLock;

pub use app::pages::login::LoginFailure;

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
/// How long a request object we sign is valid, in seconds: the user's way to the provider,
/// with room for the provider's clock.
const REQUEST_OBJECT_LIFETIME_SECONDS: i64 = 300;
/// How long a client assertion we sign is valid, in seconds: it is used at once.
const CLIENT_ASSERTION_LIFETIME_SECONDS: i64 = 60;
/// The parameters that stay in the query beside a request object: OIDC Core 6.1 requires
/// `response_type` and `client_id` there, and `scope` with `openid`.
const QUERY_BESIDE_REQUEST_OBJECT: [&str; 3] = ["response_type", "client_id", "scope"];

/// Which answer of the provider an HTTP exchange carries, to know where a nested JWT may be.
#[derive(Clone, Copy)]
enum Answer {
    /// The token endpoint's JSON, whose `id_token` may be a JWE.
    Token,
    /// The userinfo endpoint: JSON, or `application/jwt` signed and perhaps encrypted.
    UserInfo,
}

/// An HTTP failure, or a nested token we could not open.
#[derive(Debug, thiserror::Error)]
enum Transport {
    #[error(transparent)]
    Http(#[from] HttpClientError<openidconnect::reqwest::Error>),
    #[error(transparent)]
    Open(#[from] OpenError),
}

/// The provider's HTTP for openidconnect, with any nested JWT in its answers opened (decrypted)
/// on the way in, so that openidconnect verifies the signed JWT inside. When encryption is
/// required, a plain answer is refused here.
struct Opening {
    http: openidconnect::reqwest::Client,
    keys: Arc<KeyRing>,
    require_encryption: bool,
    answer: Answer,
}

impl<'c> AsyncHttpClient<'c> for Opening {
    type Error = Transport;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, Transport>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let response = self.http.call(request).await?;
            self.opened(response)
        })
    }
}

impl Opening {
    fn opened(&self, mut response: HttpResponse) -> Result<HttpResponse, Transport> {
        if !response.status().is_success() {
            return Ok(response);
        }
        match self.answer {
            Answer::Token => {
                let Ok(mut body) = serde_json::from_slice::<serde_json::Value>(response.body()) else {
                    return Ok(response); // openidconnect names what is wrong with it
                };
                if let Some(id_token) = body.get("id_token").and_then(|t| t.as_str()) {
                    body["id_token"] = self.keys.open(id_token, self.require_encryption)?.into();
                    *response.body_mut() = body.to_string().into_bytes();
                }
            }
            Answer::UserInfo => {
                let is_jwt =
                    response.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(
                        |v| v.split(';').next().unwrap_or_default().trim().eq_ignore_ascii_case("application/jwt"),
                    );
                if is_jwt {
                    let token = String::from_utf8_lossy(response.body()).into_owned();
                    *response.body_mut() = self.keys.open(&token, self.require_encryption)?.into_bytes();
                } else if self.require_encryption {
                    return Err(OpenError::NotEncrypted.into());
                }
            }
        }
        Ok(response)
    }
}

/// The `kid`s of the provider's published keys.
fn key_ids(metadata: &ProviderMetadataWithLogout) -> Vec<String> {
    use openidconnect::JsonWebKey;
    metadata.jwks().keys().iter().filter_map(|k| k.key_id().map(|id| id.to_string())).collect()
}

/// The `kid` in a compact JWS's header, if it names one.
fn signing_key_id(jws: &str) -> Option<String> {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    let header = URL_SAFE_NO_PAD.decode(jws.split('.').next()?).ok()?;
    let header: serde_json::Value = serde_json::from_slice(&header).ok()?;
    header.get("kid")?.as_str().map(String::from)
}

pub struct RelyingParty {
    config: OidcConfig,
    issuer: String,
    redirect_url: RedirectUrl,
    post_logout_url: PostLogoutRedirectUrl,
    http: openidconnect::reqwest::Client,
    metadata: RwLock<Option<(Instant, ProviderMetadataWithLogout)>>,
}

impl RelyingParty {
    /// `public_url` is where browsers reach us; `issuer` is the provider's (from config or the sandbox's).
    pub fn new(config: OidcConfig, issuer: String, public_url: &url::Url) -> Result<Self, String> {
        let at = |path: &str| format!("{}{path}", public_url.as_str().trim_end_matches('/'));
        let http = openidconnect::reqwest::Client::builder()
            // The provider's redirects are never followed: an SSRF guard the openidconnect docs ask for.
            .redirect(openidconnect::reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(15))
            // As the register clients: below the idle time after which servers close a kept-alive
            // connection, so a token request (one code, never sent twice) does not go out on one
            // being closed. Seen: the sandbox provider's token request failing under load.
            .pool_idle_timeout(Duration::from_secs(4))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(RelyingParty {
            redirect_url: RedirectUrl::new(at("/auth/callback")).map_err(|e| e.to_string())?,
            post_logout_url: PostLogoutRedirectUrl::new(at("/logged-out")).map_err(|e| e.to_string())?,
            config,
            issuer,
            http,
            metadata: RwLock::new(None),
        })
    }

    /// The provider's origin (scheme, host, port), for the content security policy.
    pub fn issuer_origin(&self) -> String {
        url::Url::parse(&self.issuer).map(|u| u.origin().ascii_serialization()).unwrap_or_default()
    }

    /// Our keys, whose public halves are served at `/.well-known/jwks.json`.
    pub fn keys(&self) -> &Arc<KeyRing> {
        &self.config.keys
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
            ClientAuth::PrivateKeyJwt => None,
        };
        CoreClient::from_provider_metadata(metadata, ClientId::new(self.config.client_id.clone()), secret)
            .set_redirect_uri(self.redirect_url.clone())
    }

    /// The provider's authorization URL for a new login, with fresh `state`, `nonce` and PKCE;
    /// every parameter in a signed request object unless that is switched off.
    pub async fn start(&self, ui_locale: &str) -> Result<PendingLogin, LoginFailure> {
        let metadata = self.metadata().await?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (state, nonce) = (CsrfToken::new_random(), Nonce::new_random());
        let scope = std::iter::once("openid")
            .chain(self.config.scopes.iter().map(String::as_str).filter(|s| *s != "openid"))
            .collect::<Vec<_>>()
            .join(" ");
        let params: Vec<(&str, String)> = vec![
            ("response_type", "code".into()),
            ("client_id", self.config.client_id.clone()),
            ("redirect_uri", self.redirect_url.as_str().to_string()),
            ("scope", scope),
            ("state", state.secret().clone()),
            ("nonce", nonce.secret().clone()),
            ("acr_values", self.config.assurance.acr_values(self.config.test_environment).join(" ")),
            ("ui_locales", ui_locale.to_string()),
            ("code_challenge", challenge.as_str().to_string()),
            ("code_challenge_method", "S256".into()),
        ];
        let mut url = metadata.authorization_endpoint().url().clone();
        {
            let mut query = url.query_pairs_mut();
            if self.config.request_object {
                for (name, value) in params.iter().filter(|(n, _)| QUERY_BESIDE_REQUEST_OBJECT.contains(n)) {
                    query.append_pair(name, value);
                }
                query.append_pair("request", &self.request_object(&params)?);
            } else {
                for (name, value) in &params {
                    query.append_pair(name, value);
                }
            }
        }
        Ok(PendingLogin {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// The signed request object (RFC 9101, OIDC Core 6.1): every authorization parameter, plus
    /// `iss` (us), `aud` (the provider), `iat`, `exp` and a unique `jti`.
    fn request_object(&self, params: &[(&str, String)]) -> Result<String, LoginFailure> {
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
    fn client_assertion(&self, token_url: &str) -> Result<String, LoginFailure> {
        let mut claims = self.jwt_frame(token_url, CLIENT_ASSERTION_LIFETIME_SECONDS);
        claims.insert("sub".into(), self.config.client_id.clone().into());
        self.config.keys.sign(claims, "JWT").map_err(|error| {
            tracing::error!(%error, "cannot sign the client assertion");
            LoginFailure::Unavailable
        })
    }

    fn opening(&self, answer: Answer) -> Opening {
        Opening {
            http: self.http.clone(),
            keys: self.config.keys.clone(),
            require_encryption: self.config.require_encryption,
            answer,
        }
    }

    /// Exchanges the code, validates the ID token and reads the person from the userinfo endpoint.
    pub async fn finish(&self, code: String, nonce: &str, pkce_verifier: String) -> Result<Identity, LoginFailure> {
        let metadata = self.metadata().await?;
        let token_url = metadata.token_endpoint().map(|u| u.to_string()).ok_or_else(|| {
            tracing::error!("provider has no token endpoint");
            LoginFailure::Unavailable
        })?;
        let known_keys = key_ids(&metadata);
        let mut client = self.client(metadata);
        let mut exchange = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| {
                tracing::error!(error = %e, "code exchange not possible");
                LoginFailure::Unavailable
            })?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier));
        if let ClientAuth::PrivateKeyJwt = self.config.client_auth {
            exchange = exchange
                .add_extra_param("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .add_extra_param("client_assertion", self.client_assertion(&token_url)?);
        }
        let http = self.opening(Answer::Token);
        let response = exchange.request_async(&http).await.map_err(|e| match e {
            RequestTokenError::Request(Transport::Open(error)) => {
                tracing::warn!(%error, "ID token refused");
                LoginFailure::Token
            }
            other => {
                tracing::warn!(error = %other, "token request refused");
                LoginFailure::Provider
            }
        })?;

        let id_token: &CoreIdToken = response.id_token().ok_or_else(|| {
            tracing::warn!("token response without an ID token");
            LoginFailure::Token
        })?;
        // A key this instance has not seen (the provider rotated, and our copy of its keys is
        // older than another instance's): fetch them afresh before checking, not after failing.
        if let Some(kid) = signing_key_id(&id_token.to_string())
            && !known_keys.contains(&kid)
        {
            tracing::info!(kid, "ID token signed with a key we have not seen; fetching the provider's keys");
            self.forget_metadata().await;
            client = self.client(self.metadata().await?);
        }
        // Suomi.fi signs with RS256; the provider's discovery does not widen that.
        let verifier = client.id_token_verifier().set_allowed_algs([CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256]);
        let claims = match id_token.claims(&verifier, &Nonce::new(nonce.to_string())) {
            Ok(claims) => claims,
            Err(e) => {
                tracing::warn!(error = %e, "ID token refused");
                if matches!(e, openidconnect::ClaimsVerificationError::SignatureVerification(_)) {
                    // A key replaced under the same `kid`: fetch the keys afresh next time.
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
        self.config.assurance.admits(acr.as_deref(), self.config.test_environment).map_err(|refusal| {
            let acr = acr.as_deref().unwrap_or("-");
            match refusal {
                NotAdmitted::Foreign => {
                    tracing::warn!(acr, "identified through eIDAS: no Finnish identity code");
                    LoginFailure::Foreign
                }
                NotAdmitted::TooLow => {
                    tracing::warn!(acr, required = ?self.config.assurance, test_environment = self.config.test_environment, "level of assurance not accepted");
                    LoginFailure::Assurance
                }
            }
        })?;
        let subject = claims.subject().clone();

        let http = self.opening(Answer::UserInfo);
        let userinfo: UserInfoClaims<AnyClaims, CoreGenderClaim> = client
            .user_info(response.access_token().clone(), Some(subject))
            .map_err(|e| {
                tracing::error!(error = %e, "provider has no userinfo endpoint");
                LoginFailure::Unavailable
            })?
            .set_response_type(if self.config.require_encryption {
                UserInfoResponseType::Jwt
            } else {
                UserInfoResponseType::Json
            })
            .request_async(&http)
            .await
            .map_err(|e| match e {
                UserInfoError::Request(Transport::Open(error)) => {
                    tracing::warn!(%error, "userinfo refused");
                    LoginFailure::Token
                }
                UserInfoError::ClaimsVerification(error) => {
                    tracing::warn!(%error, "userinfo refused");
                    LoginFailure::Token
                }
                other => {
                    tracing::warn!(error = %other, "userinfo request failed");
                    LoginFailure::Provider
                }
            })?;
        let person = read_person(&userinfo.additional_claims().map, &self.config.claims)?;
        Ok(Identity {
            hetu: person.hetu,
            given_name: person.given_name,
            surname: person.surname,
            display_name: person.display_name,
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

/// The person as the claims name them.
#[derive(Debug, PartialEq, Eq)]
struct Person {
    hetu: Hetu,
    given_name: String,
    surname: String,
    display_name: String,
}

/// The person's code and names under the configured claim names. The given name falls back,
/// in order, to all first names and then to the first word of the display name. The log names
/// the claims present, never their values.
fn read_person(claims: &HashMap<String, serde_json::Value>, names: &ClaimNames) -> Result<Person, LoginFailure> {
    let text = |name: &str| claims.get(name).and_then(|v| v.as_str()).map(str::trim).filter(|s| !s.is_empty());
    let present = || {
        let mut present: Vec<&str> = claims.keys().map(String::as_str).collect();
        present.sort_unstable();
        present
    };
    let hetu = text(&names.hetu).and_then(|h| Hetu::parse(h).ok()).ok_or_else(|| {
        tracing::warn!(claim = names.hetu, present = ?present(), "no valid personal identity code in the provider's claims");
        LoginFailure::Identity
    })?;
    let display = text(&names.display_name);
    let given = text(&names.given_name)
        .or_else(|| text(&names.first_names))
        .or_else(|| display.and_then(|d| d.split_whitespace().next()));
    let (Some(given), Some(surname)) = (given, text(&names.surname)) else {
        tracing::warn!(present = ?present(), "no name in the provider's claims");
        return Err(LoginFailure::Identity);
    };
    if text(&names.given_name).is_none() {
        tracing::info!(present = ?present(), "given name taken from a fallback claim");
    }
    Ok(Person {
        hetu,
        given_name: given.to_string(),
        surname: surname.to_string(),
        display_name: display.map(String::from).unwrap_or_else(|| format!("{given} {surname}")),
    })
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
        let person = read_person(&claims, &names).unwrap();
        assert_eq!(person.hetu.to_string(), "120375-901K");
        let shown = (person.given_name.as_str(), person.surname.as_str(), person.display_name.as_str());
        assert_eq!(shown, ("Aino", "Virtanen", "Aino Virtanen"));

        let mut bad = claims.clone();
        bad.insert("urn:oid:1.2.246.21".into(), "120375-901A".into());
        assert_eq!(read_person(&bad, &names).err(), Some(LoginFailure::Identity));
        let mut nameless = claims;
        nameless.remove("urn:oid:2.5.4.4");
        assert_eq!(read_person(&nameless, &names).err(), Some(LoginFailure::Identity));
    }

    #[test]
    fn the_given_name_falls_back_to_first_names_then_the_display_name() {
        let names = ClaimNames::default();
        let mut claims: HashMap<String, serde_json::Value> = serde_json::from_value(serde_json::json!({
            "urn:oid:1.2.246.21": "120375-901K", "urn:oid:2.5.4.4": "Virtanen",
            "urn:oid:2.5.4.42": "Aino",
            "http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName": "Aino Maria",
            "name": "Maija Virtanen",
        }))
        .unwrap();
        let given = |claims: &HashMap<String, serde_json::Value>| read_person(claims, &names).map(|p| p.given_name);
        assert_eq!(given(&claims).as_deref(), Ok("Aino"));
        claims.insert("urn:oid:2.5.4.42".into(), " ".into());
        assert_eq!(given(&claims).as_deref(), Ok("Aino Maria"), "all first names next");
        claims.remove("http://eidas.europa.eu/attributes/naturalperson/CurrentGivenName");
        assert_eq!(given(&claims).as_deref(), Ok("Maija"), "then the display name's first word");
        claims.remove("name");
        assert_eq!(given(&claims), Err(LoginFailure::Identity));
    }
}
