//! Login, logout and sessions: the HTTP side of identification. Storage is `app::backend::identity`.
mod mandates;
pub mod oidc;

use app::domain::local_path::is_local_path;
use app::{
    backend::identity::{self, CurrentSession, Identified, LastSeenSeal, SessionPolicy},
    i18n::lang_of_request,
    request::cookie,
};
use axum::{
    Router,
    extract::{FromRef, Query, Request, State},
    http::{HeaderMap, HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Redirect, Response},
    routing::{get, post},
};
use oidc::{LoginFailure, RelyingParty};
use serde::Deserialize;
use std::sync::Arc;
use subtle::ConstantTimeEq;

const SESSION_COOKIE: &str = app::CookieNames::PLAIN.session;
const SEEN_COOKIE: &str = app::CookieNames::PLAIN.seen;
const LOGIN_COOKIE: &str = app::CookieNames::PLAIN.login;
const FORM_COOKIE: &str = app::CookieNames::PLAIN.form;

/// Everything login needs, shared by all requests.
pub struct Auth {
    pub relying_party: RelyingParty,
    pub policy: SessionPolicy,
    pub pseudonym_key: Vec<u8>,
    /// Seals the session's last-seen time in a cookie of the browser's.
    pub last_seen: LastSeenSeal,
    pub secure_cookies: bool,
}

impl Auth {
    /// The session cookie's name. With `Secure` cookies (production, over HTTPS) it carries the
    /// `__Host-` prefix: browsers then take it only from a secure origin, for `Path=/`, without
    /// `Domain`, so no other host (a subdomain) can set or shadow it.
    pub fn session_cookie(&self) -> &'static str {
        if self.secure_cookies { "__Host-kanta_session" } else { SESSION_COOKIE }
    }

    /// The cookie with the session's sealed last-seen time ([`LastSeenSeal`]); prefixed like the
    /// session's.
    pub fn seen_cookie(&self) -> &'static str {
        if self.secure_cookies { "__Host-kanta_seen" } else { SEEN_COOKIE }
    }

    /// The login attempt's cookie (`Path=/auth/`): `__Secure-` prefixed with `Secure` cookies.
    fn login_cookie(&self) -> &'static str {
        if self.secure_cookies { "__Secure-kanta_login" } else { LOGIN_COOKIE }
    }

    /// The cookie that ties a refused form kept on the server to a browser with no session
    /// (`crate::refused_form`); prefixed like the session's.
    pub fn form_cookie(&self) -> &'static str {
        if self.secure_cookies { "__Host-kanta_form" } else { FORM_COOKIE }
    }

    /// The names as the pages list them.
    pub fn cookie_names(&self) -> app::CookieNames {
        app::CookieNames {
            session: self.session_cookie(),
            seen: self.seen_cookie(),
            login: self.login_cookie(),
            form: self.form_cookie(),
        }
    }
}

/// What login, logout, the session middleware and e-Authorizations use of the server's state.
#[derive(Clone)]
pub struct AuthState {
    pub db: sea_orm::DatabaseConnection,
    pub auth: Arc<Auth>,
    pub registries: app::backend::registry::Registries,
    /// The address browsers use, for redirect URIs.
    pub public_url: url::Url,
}

/// The routes under `/auth/` and our JWK Set, for any server state that holds an [`AuthState`].
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    AuthState: FromRef<S>,
{
    Router::new()
        .route("/auth/login", get(login))
        .route("/auth/callback", get(callback))
        .route("/auth/logout", post(logout))
        .route("/auth/mandates", get(mandates::start))
        .route("/auth/mandates/callback", get(mandates::callback))
        .route("/.well-known/jwks.json", get(jwks))
}

/// Our public keys (JWK Set): providers verify our request objects and client assertions with
/// the `sig` keys and encrypt ID tokens and userinfo to an `enc` key.
async fn jwks(State(state): State<AuthState>) -> Response {
    let cache = HeaderValue::from_static("public, max-age=300");
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/jwk-set+json")), (header::CACHE_CONTROL, cache)],
        state.auth.relying_party.keys().jwks().to_string(),
    )
        .into_response()
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

/// Sends the browser to the identity provider, remembering where to come back to.
async fn login(State(state): State<AuthState>, headers: HeaderMap, Query(q): Query<LoginQuery>) -> Response {
    let auth = &state.auth;
    let return_to = q.next.filter(|n| is_local_path(n) && !n.starts_with("/auth/")).unwrap_or_else(|| "/".into());
    let lang = lang_of_request(&headers);
    let pending = match auth.relying_party.start(lang.code()).await {
        Ok(p) => p,
        Err(failure) => return failed(failure),
    };
    let token = match identity::begin_login(
        &state.db,
        &pending.state,
        &pending.nonce,
        &pending.pkce_verifier,
        &return_to,
    )
    .await
    {
        Ok(t) => t,
        Err(error) => {
            tracing::error!(%error, "cannot record the login attempt");
            return failed(LoginFailure::Unavailable);
        }
    };
    let max_age = identity::LOGIN_ATTEMPT_LIFETIME.num_seconds();
    let mut response = Redirect::to(pending.url.as_str()).into_response();
    set_cookie(&mut response, auth.login_cookie(), &token, "/auth/", Some(max_age), auth.secure_cookies);
    response
}

#[derive(Deserialize)]
struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The provider sends the browser back here. The attempt is consumed whatever happens next.
async fn callback(State(state): State<AuthState>, headers: HeaderMap, Query(q): Query<CallbackQuery>) -> Response {
    let auth = &state.auth;
    let outcome = complete_login(&state, &headers, q).await;
    let mut response = match outcome {
        Ok((token, return_to)) => {
            let mut response = Redirect::to(&return_to).into_response();
            set_cookie(&mut response, auth.session_cookie(), &token, "/", None, auth.secure_cookies);
            response
        }
        Err(failure) => failed(failure),
    };
    set_cookie(&mut response, auth.login_cookie(), "", "/auth/", Some(0), auth.secure_cookies);
    response
}

async fn complete_login(
    state: &AuthState,
    headers: &HeaderMap,
    q: CallbackQuery,
) -> Result<(String, String), LoginFailure> {
    let auth = &state.auth;
    let Some(login_token) = cookie(headers, auth.login_cookie()) else {
        tracing::warn!("login callback without a login in progress");
        return Err(LoginFailure::State);
    };
    let attempt = identity::take_login_attempt(&state.db, login_token)
        .await
        .map_err(|error| {
            tracing::error!(%error, "cannot read the login attempt");
            LoginFailure::Unavailable
        })?
        .ok_or_else(|| {
            tracing::warn!("login callback for an unknown, used or expired attempt");
            LoginFailure::State
        })?;
    let returned_state = q.state.unwrap_or_default();
    if !bool::from(returned_state.as_bytes().ct_eq(attempt.state.as_bytes())) {
        tracing::warn!("login callback with a state that does not match");
        return Err(LoginFailure::State);
    }
    if let Some(error) = q.error {
        tracing::info!(error, "identity provider returned an error");
        return Err(if error == "access_denied" { LoginFailure::Cancelled } else { LoginFailure::Provider });
    }
    let code = q.code.ok_or(LoginFailure::Provider)?;
    let person = auth.relying_party.finish(code, &attempt.nonce, attempt.pkce_verifier).await?;
    let who = Identified {
        hetu_hash: identity::hetu_hash(&auth.pseudonym_key, &person.hetu),
        hetu: person.hetu,
        given_name: person.given_name,
        surname: person.surname,
        display_name: person.display_name,
        acr: person.acr,
        id_token: Some(person.id_token),
    };
    let token = identity::log_in(&state.db, &who, cookie(headers, auth.session_cookie()), auth.policy).await.map_err(
        |error| {
            tracing::error!(%error, "cannot start the session");
            LoginFailure::Unavailable
        },
    )?;
    tracing::info!("logged in");
    let acting = choose_the_only_organisation(state, &token).await;
    // Coming from nowhere in particular: to the organisation, or to choose one.
    let return_to = match attempt.return_to.as_str() {
        "/" if acting => "/organisation".to_string(),
        "/" => "/organisations".to_string(),
        _ => attempt.return_to,
    };
    Ok((token, return_to))
}

/// A person whom the registers give exactly one organisation acts for it at once. A register
/// that does not answer leaves them to choose; the login itself stands.
async fn choose_the_only_organisation(state: &AuthState, token: &str) -> bool {
    let session = match identity::resolve(&state.db, token, state.auth.policy, None).await {
        Ok(Some(session)) => session,
        _ => return false,
    };
    // No page is rendered in this request: no acting memo to empty.
    match app::backend::acting::choose_the_only_one(&state.db, &state.registries, &session, None).await {
        Ok(chosen) => chosen,
        Err(error) => {
            tracing::warn!(?error, "could not choose the organisation at login");
            false
        }
    }
}

/// Ends our session, then the provider's (RP-initiated logout), landing on "you have logged out".
async fn logout(State(state): State<AuthState>, headers: HeaderMap) -> Response {
    let auth = &state.auth;
    if let Some(token) = cookie(&headers, auth.session_cookie()) {
        mandates::unregister(&state, token).await;
    }
    let id_token = match cookie(&headers, auth.session_cookie()) {
        Some(token) => match identity::log_out(&state.db, token).await {
            Ok(id_token) => id_token,
            Err(error) => {
                tracing::error!(%error, "cannot end the session");
                return failed(LoginFailure::Unavailable);
            }
        },
        None => None,
    };
    let target = match id_token {
        Some(token) => auth.relying_party.logout_url(Some(&token)).await.map(String::from),
        None => None,
    };
    let mut response = Redirect::to(target.as_deref().unwrap_or("/logged-out")).into_response();
    forget_session(&mut response, auth);
    response
}

fn failed(failure: LoginFailure) -> Response {
    Redirect::to(&format!("/login/failed?reason={}", failure.code())).into_response()
}

/// The browser forgets its session and the session's last-seen time.
fn forget_session(response: &mut Response, auth: &Auth) {
    set_cookie(response, auth.session_cookie(), "", "/", Some(0), auth.secure_cookies);
    set_cookie(response, auth.seen_cookie(), "", "/", Some(0), auth.secure_cookies);
}

/// Puts the signed-in user (if any) in the request for pages and server functions; forgets a
/// cookie whose session has ended. The session's last-seen time travels in a sealed cookie,
/// renewed at most once a [`identity::LAST_SEEN_STEP`]: a request writes nothing for it.
pub async fn resolve_session(State(state): State<AuthState>, mut request: Request, next: Next) -> Response {
    if !needs_session(request.uri().path()) {
        return next.run(request).await;
    }
    let Some(token) = cookie(request.headers(), state.auth.session_cookie()).map(String::from) else {
        return next.run(request).await;
    };
    let auth = &state.auth;
    let token_hash = identity::token_hash(&token);
    let seen = cookie(request.headers(), auth.seen_cookie()).and_then(|value| auth.last_seen.open(&token_hash, value));
    match identity::resolve(&state.db, &token, auth.policy, seen).await {
        Ok(Some(session)) => {
            let seen_now = session.seen_now;
            request.extensions_mut().insert::<CurrentSession>(session);
            request.extensions_mut().insert(app::backend::acting::ActingMemo::default());
            let mut response = next.run(request).await;
            // Not over a logout's or a login's own cookies.
            let sets_session = response.headers().get_all(header::SET_COOKIE).iter().any(|c| {
                let name = c.to_str().ok().and_then(|c| c.split_once('=')).map(|(name, _)| name);
                name == Some(auth.session_cookie()) || name == Some(auth.seen_cookie())
            });
            if let Some(now) = seen_now.filter(|_| !sets_session) {
                let value = auth.last_seen.seal(&token_hash, now);
                set_cookie(&mut response, auth.seen_cookie(), &value, "/", None, auth.secure_cookies);
            }
            response
        }
        Ok(None) => {
            let mut response = next.run(request).await;
            forget_session(&mut response, auth);
            response
        }
        Err(error) => {
            tracing::error!(%error, "cannot read the session");
            next.run(request).await
        }
    }
}

/// Static files, the service worker, the manifest, the sandbox and the health check show
/// nothing of the user: no session is read for them, and none is marked used.
pub fn needs_session(path: &str) -> bool {
    const STATIC: [&str; 6] = ["/pkg/", "/i18n/", "/icons/", "/illustrations/", "/screens/", "/sandbox/"];
    const FILES: [&str; 4] = ["/healthz", "/favicon.svg", "/sw.js", "/manifest.webmanifest"];
    !STATIC.iter().any(|prefix| path.starts_with(prefix)) && !FILES.contains(&path)
}

pub(crate) fn set_cookie(
    response: &mut Response,
    name: &str,
    value: &str,
    path: &str,
    max_age: Option<i64>,
    secure: bool,
) {
    let mut cookie = format!("{name}={value}; Path={path}; HttpOnly; SameSite=Lax");
    if let Some(seconds) = max_age {
        cookie.push_str(&format!("; Max-Age={seconds}"));
    }
    if secure {
        cookie.push_str("; Secure");
    }
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Builds the relying party for the configured provider, or for the built-in sandbox at `public_url`.
pub fn new_auth(config: &crate::config::Config, public_url: &url::Url) -> Result<Arc<Auth>, String> {
    let issuer = config.oidc.issuer.clone().unwrap_or_else(|| crate::sandbox::idp_issuer(public_url));
    Ok(Arc::new(Auth {
        relying_party: RelyingParty::new(config.oidc.clone(), issuer, public_url)?,
        policy: config.session,
        pseudonym_key: config.pseudonym_key.as_bytes().to_vec(),
        last_seen: LastSeenSeal::new(config.pseudonym_key.as_bytes()),
        secure_cookies: config.environment == crate::config::Environment::Production,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_by_exact_name() {
        let mut h = HeaderMap::new();
        h.insert(header::COOKIE, HeaderValue::from_static("kanta_lang=sv; kanta_session=abc; x_kanta_session=no"));
        assert_eq!(cookie(&h, SESSION_COOKIE), Some("abc"));
        assert_eq!(cookie(&h, "kanta_lang"), Some("sv"));
        assert_eq!(cookie(&h, LOGIN_COOKIE), None);
    }
}
