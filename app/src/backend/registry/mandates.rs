//! Suomi.fi e-Authorizations, organisation case (`ypa`), spoken as DVV's reference client
//! (`vrk-kpa/roles-auths-client`, `YpaWebApiRiClient`) speaks it: register the person (server to
//! server) → the browser picks a principal in the service's chooser (`/oauth/authorize`) → code
//! for a token (`/oauth/token`) → `organizationRoles/{session}` says which organisation and with
//! what roles → unregister. Every server-to-server call is signed with the checksum header.
//!
//! The chooser lists only principals for which the person holds the issues DVV has set for our
//! e-service, so a principal listed with `complete: true` means the mandate holds. There is no
//! per-issue question in the organisation case: no public client calls a YPA `authorization`
//! route (only the person case has `/service/hpa/api/authorization/…`), so we ask none.
use super::{Http, RegistryError, Repeat};
use crate::domain::{hetu::Hetu, ytunnus::YTunnus};
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
}

/// The registry's session for one person; stays on the server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MandateSession {
    pub session_id: String,
    /// Identifies the person to the chooser; goes in the browser's redirect.
    pub user_id: String,
}

/// A person's role in an organisation as `organizationRoles` codes it. Codes from DVV's
/// reference client (`YpaOrganization.getRoles`: "for example TJ, TIL, ELI, S, IS or NIMKO") and
/// the public API description (TJS); any other code is kept as it came, for the audit trail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrincipalRole {
    /// `TJ`, toimitusjohtaja.
    ManagingDirector,
    /// `TJS`, toimitusjohtajan sijainen.
    DeputyManagingDirector,
    /// `ELI`, elinkeinonharjoittaja (a sole trader).
    Entrepreneur,
    /// A code we give no meaning to; nothing here depends on it.
    Other(String),
}

impl PrincipalRole {
    pub fn from_code(code: &str) -> PrincipalRole {
        match code.trim() {
            "TJ" => PrincipalRole::ManagingDirector,
            "TJS" => PrincipalRole::DeputyManagingDirector,
            "ELI" => PrincipalRole::Entrepreneur,
            other => PrincipalRole::Other(other.to_string()),
        }
    }

    pub fn code(&self) -> &str {
        match self {
            PrincipalRole::ManagingDirector => "TJ",
            PrincipalRole::DeputyManagingDirector => "TJS",
            PrincipalRole::Entrepreneur => "ELI",
            PrincipalRole::Other(code) => code,
        }
    }
}

/// One organisation of an `organizationRoles` answer (`{name, identifier, roles, complete}`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Principal {
    pub ytunnus: YTunnus,
    pub name: String,
    /// The person's roles in the organisation (may be empty: a mandate needs none).
    pub roles: Vec<PrincipalRole>,
    /// `false` when the person's rights are not complete yet, e.g. a mandate that needs several
    /// signatures of which some are missing. Such a principal allows nothing here.
    pub complete: bool,
}

/// What `organizationRoles/{session}` answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Principals {
    /// The principal chosen in the chooser (the list holds it alone; empty when none was chosen
    /// or the mandate no longer holds).
    Listed(Vec<Principal>),
    /// HTTP 401: the session has expired or was unregistered; the person must choose again.
    SessionEnded,
}

impl Principals {
    /// Whether the mandate for `ytunnus` holds: listed, and complete.
    pub fn mandate_holds(&self, ytunnus: &YTunnus) -> bool {
        matches!(self, Principals::Listed(list) if list.iter().any(|p| p.ytunnus == *ytunnus && p.complete))
    }
}

#[async_trait::async_trait]
pub trait Mandates: Send + Sync {
    /// `GET /service/ypa/user/register/{clientId}/{hetu}?requestId=…` → `{sessionId, userId}`.
    async fn register(&self, hetu: &Hetu) -> Result<MandateSession, RegistryError>;
    /// `/oauth/authorize?client_id&response_type=code&redirect_uri&user&state&lang`: where to send
    /// the browser to pick a principal; it comes back to `redirect_uri` with `code` and `state`.
    fn chooser_url(&self, user_id: &str, state: &str, redirect_uri: &str, lang: &str) -> String;
    /// `POST /oauth/token?code&grant_type=authorization_code&redirect_uri` (Basic) → the access token.
    async fn token(&self, code: &str, redirect_uri: &str) -> Result<String, RegistryError>;
    /// `GET /service/ypa/api/organizationRoles/{sessionId}?requestId=…` (Bearer): asked after the
    /// chooser and again at every re-check. Any status but 200 and 401 is an error (a 404 too).
    async fn organisation_roles(&self, session_id: &str, token: &str) -> Result<Principals, RegistryError>;
    /// `GET /service/ypa/user/unregister/{sessionId}?requestId=…`.
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

/// `YpaOrganization` of the reference client.
#[derive(Deserialize)]
struct OrganisationRoles {
    name: String,
    identifier: String,
    #[serde(default)]
    roles: Vec<String>,
    complete: bool,
}

const SERVICE: &str = "e-Authorizations";

#[async_trait::async_trait]
impl Mandates for HttpMandates {
    async fn register(&self, hetu: &Hetu) -> Result<MandateSession, RegistryError> {
        let path = format!("/service/ypa/user/register/{}/{hetu}?requestId={}", self.config.client_id, request_id());
        let registered: Registered =
            self.http.json(self.signed_get(&path), Repeat::Never).await?.ok_or(RegistryError::Status(SERVICE, 404))?;
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
        let token: Token = self.http.json(request, Repeat::Never).await?.ok_or(RegistryError::Status(SERVICE, 404))?;
        Ok(token.access_token)
    }

    async fn organisation_roles(&self, session_id: &str, token: &str) -> Result<Principals, RegistryError> {
        let path = format!("/service/ypa/api/organizationRoles/{session_id}?requestId={}", request_id());
        let response = self.http.send(self.signed_get(&path).bearer_auth(token), Repeat::Lookup).await?;
        if response.status() == reqwest::StatusCode::UNAUTHORIZED {
            return Ok(Principals::SessionEnded);
        }
        let listed: Vec<OrganisationRoles> = self.http.read(response).await?;
        let principals = listed
            .into_iter()
            .map(|o| {
                let ytunnus = YTunnus::parse(&o.identifier).map_err(|e| {
                    RegistryError::Answer(SERVICE, format!("an identifier that is no business ID ({e})"))
                })?;
                let roles = o.roles.iter().map(|r| PrincipalRole::from_code(r)).collect();
                Ok(Principal { ytunnus, name: o.name, roles, complete: o.complete })
            })
            .collect::<Result<_, RegistryError>>()?;
        Ok(Principals::Listed(principals))
    }

    async fn unregister(&self, session_id: &str) -> Result<(), RegistryError> {
        let path = format!("/service/ypa/user/unregister/{session_id}?requestId={}", request_id());
        self.http.json::<serde_json::Value>(self.signed_get(&path), Repeat::Never).await.map(|_| ())
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

    /// The vectors published with DVV's reference client's tests: client id `ed4b7ae7`.
    #[test]
    fn checksum_matches_the_vectors_published_with_the_reference_client() {
        let key = "3ba56df8-88b8-4805-9b04-2f8e7a61";
        let timestamp = "2017-02-09T10:29:42.09Z";
        let query = "ed4b7ae7/080297-915A?requestId=02fd35dc-99e6-477b-b6e2-03f02cbf3666";
        for (case, expected) in [
            ("hpa", "z7X+xWtrvth1L7Ql6B/4xZ0iQ1VjToWX4TnHVLo8RGo="),
            ("ypa", "z1xDqaSjDwnVniJvis0SqMXeQEBtgBgzozhQqftmY9U="),
        ] {
            let path = format!("/service/{case}/user/register/{query}");
            assert_eq!(super::checksum(key, &path, timestamp), expected, "{case}");
        }
    }

    #[test]
    fn role_codes_round_trip() {
        use super::PrincipalRole;
        for code in ["TJ", "TJS", "ELI", "NIMKO"] {
            assert_eq!(PrincipalRole::from_code(code).code(), code);
        }
        assert_eq!(PrincipalRole::from_code("TJ"), PrincipalRole::ManagingDirector);
    }
}
