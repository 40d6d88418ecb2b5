//! Suomi.fi e-Authorizations, organisation case (`ypa`): whom a person may act for with a mandate.
//! The flow: register the person (server to server) → the browser picks an organisation in the
//! service's chooser → code for a token → which organisation was chosen → is our issue allowed
//! for it → unregister. Every server-to-server call is signed with the service's checksum header.
use super::{Http, RegistryError};
use crate::domain::{acting::MandateHolder, hetu::Hetu, ytunnus::YTunnus};
use base64::{Engine, engine::general_purpose::STANDARD};
use hmac::{Hmac, Mac};
use serde::Deserialize;
use sha2::Sha256;

/// How we are registered with e-Authorizations.
#[derive(Clone)]
pub struct MandatesConfig {
    pub base_url: String,
    pub client_id: String,
    /// Signs the checksum header.
    pub client_secret: String,
    /// HTTP Basic password at the token endpoint.
    pub oauth_secret: String,
    /// The issue code of "Taking into use the digital services of social and health care".
    pub issue: String,
}

/// The registry's session for one person; stays on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MandateSession {
    pub session_id: String,
    /// Identifies the person to the chooser; goes in the browser's redirect.
    pub user_id: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MandateAnswer {
    Allowed(MandateHolder),
    Disallowed,
    /// The registry no longer knows the session: the person must choose again.
    SessionEnded,
}

#[async_trait::async_trait]
pub trait Mandates: Send + Sync {
    async fn register(&self, hetu: &Hetu) -> Result<MandateSession, RegistryError>;
    /// Where to send the browser to pick an organisation; it comes back to `redirect_uri` with `code` and `state`.
    fn chooser_url(&self, user_id: &str, state: &str, redirect_uri: &str, lang: &str) -> String;
    async fn token(&self, code: &str, redirect_uri: &str) -> Result<String, RegistryError>;
    /// The organisation picked in the chooser (`None` if the session has ended or nothing was picked).
    async fn chosen_organisation(
        &self,
        session_id: &str,
        token: &str,
    ) -> Result<Option<(YTunnus, String)>, RegistryError>;
    /// Whether the person may act for `ytunnus` in our issue, asked again on every re-check.
    async fn authorization(
        &self,
        session_id: &str,
        token: &str,
        ytunnus: &YTunnus,
    ) -> Result<MandateAnswer, RegistryError>;
    async fn unregister(&self, session_id: &str) -> Result<(), RegistryError>;
}

/// The checksum of e-Authorizations: base64(HMAC-SHA256(secret, "{path and query} {timestamp}")).
pub fn checksum(secret: &str, path_and_query: &str, timestamp: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC accepts any key length");
    mac.update(format!("{path_and_query} {timestamp}").as_bytes());
    STANDARD.encode(mac.finalize().into_bytes())
}

pub const CHECKSUM_HEADER: &str = "X-AsiointivaltuudetAuthorization";

pub struct HttpMandates {
    http: Http,
    config: MandatesConfig,
}

impl HttpMandates {
    pub fn new(config: MandatesConfig) -> HttpMandates {
        HttpMandates { http: Http::new("e-Authorizations", &config.base_url), config }
    }

    /// A signed GET of `path` (with its query) under the service's base URL.
    fn signed_get(&self, path_and_query: &str) -> reqwest::RequestBuilder {
        let url = self.http.url(path_and_query);
        let signed_path = reqwest::Url::parse(&url)
            .map(|u| format!("{}{}", u.path(), u.query().map(|q| format!("?{q}")).unwrap_or_default()))
            .unwrap_or_else(|_| path_and_query.to_string());
        let timestamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
        let value = format!(
            "{} {timestamp} {}",
            self.config.client_id,
            checksum(&self.config.client_secret, &signed_path, &timestamp)
        );
        self.http.client.get(url).header(CHECKSUM_HEADER, value)
    }
}

fn request_id() -> String {
    super::super::identity::new_token()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Registered {
    session_id: String,
    user_id: String,
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
}

#[derive(Deserialize)]
struct OrganisationRoles {
    name: String,
    identifier: String,
}

#[derive(Deserialize)]
struct Authorization {
    result: String,
    /// `person` or `company`: whether the mandate was given to the person or to a company they
    /// act for. Absent means the person.
    #[serde(default)]
    holder: Option<String>,
}

#[async_trait::async_trait]
impl Mandates for HttpMandates {
    async fn register(&self, hetu: &Hetu) -> Result<MandateSession, RegistryError> {
        let path = format!("/service/ypa/user/register/{}/{hetu}?requestId={}", self.config.client_id, request_id());
        let registered: Registered =
            self.http.json(self.signed_get(&path)).await?.ok_or(RegistryError::Status("e-Authorizations", 404))?;
        Ok(MandateSession { session_id: registered.session_id, user_id: registered.user_id })
    }

    fn chooser_url(&self, user_id: &str, state: &str, redirect_uri: &str, lang: &str) -> String {
        let mut url = match reqwest::Url::parse(&self.http.url("/oauth/authorize")) {
            Ok(url) => url,
            Err(_) => return self.http.url("/oauth/authorize"),
        };
        url.query_pairs_mut()
            .append_pair("client_id", &self.config.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("user", user_id)
            .append_pair("state", state)
            .append_pair("lang", lang);
        url.into()
    }

    async fn token(&self, code: &str, redirect_uri: &str) -> Result<String, RegistryError> {
        let request = self
            .http
            .client
            .post(self.http.url("/oauth/token"))
            .query(&[("code", code), ("grant_type", "authorization_code"), ("redirect_uri", redirect_uri)])
            .basic_auth(&self.config.client_id, Some(&self.config.oauth_secret));
        let token: Token = self.http.json(request).await?.ok_or(RegistryError::Status("e-Authorizations", 404))?;
        Ok(token.access_token)
    }

    async fn chosen_organisation(
        &self,
        session_id: &str,
        token: &str,
    ) -> Result<Option<(YTunnus, String)>, RegistryError> {
        let path = format!("/service/ypa/api/organizationRoles/{session_id}?requestId={}", request_id());
        let roles: Option<Vec<OrganisationRoles>> = self.http.json(self.signed_get(&path).bearer_auth(token)).await?;
        let Some(chosen) = roles.and_then(|r| r.into_iter().next()) else {
            return Ok(None);
        };
        let ytunnus = YTunnus::parse(&chosen.identifier)
            .map_err(|_| RegistryError::Answer("e-Authorizations", chosen.identifier.clone()))?;
        Ok(Some((ytunnus, chosen.name)))
    }

    async fn authorization(
        &self,
        session_id: &str,
        token: &str,
        ytunnus: &YTunnus,
    ) -> Result<MandateAnswer, RegistryError> {
        let path = format!(
            "/service/ypa/api/authorization/{session_id}/{ytunnus}?issues={}&requestId={}",
            self.config.issue,
            request_id()
        );
        let response = self.signed_get(&path).bearer_auth(token).send().await;
        let response = response.map_err(|e| RegistryError::Unreachable("e-Authorizations", e.into()))?;
        if matches!(response.status().as_u16(), 401 | 404) {
            return Ok(MandateAnswer::SessionEnded);
        }
        if !response.status().is_success() {
            return Err(RegistryError::Status("e-Authorizations", response.status().as_u16()));
        }
        let answer: Authorization =
            response.json().await.map_err(|e| RegistryError::Body("e-Authorizations", e.into()))?;
        // Anything but an explicit ALLOWED is a no, as the service's own default is.
        Ok(match answer.result.as_str() {
            "ALLOWED" if answer.holder.as_deref() == Some("company") => MandateAnswer::Allowed(MandateHolder::Company),
            "ALLOWED" => MandateAnswer::Allowed(MandateHolder::Person),
            _ => MandateAnswer::Disallowed,
        })
    }

    async fn unregister(&self, session_id: &str) -> Result<(), RegistryError> {
        let path = format!("/service/ypa/user/unregister/{session_id}?requestId={}", request_id());
        self.http.json::<serde_json::Value>(self.signed_get(&path)).await.map(|_| ())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn checksum_matches_an_independent_computation() {
        // python3: base64.b64encode(hmac.new(b"secret", b"/service/ypa/user/register/c/010190-999K?requestId=1 2026-01-01T10:00:00+02:00", hashlib.sha256).digest())
        let sum = super::checksum(
            "secret",
            "/service/ypa/user/register/c/010190-999K?requestId=1",
            "2026-01-01T10:00:00+02:00",
        );
        assert_eq!(sum, "Jk3NSXnHhcVAtI06x7NqT5jRrQASbrNahjQMA3sFAh8=");
    }
}
