//! HTTP routes and middleware around the Leptos app.
use crate::auth::{Auth, AuthState};
use app::{
    App,
    domain::local_path::is_local_path,
    error::AppError,
    i18n::{LANG_COOKIE, Lang},
    shell,
};
use axum::{
    Json, Router,
    extract::{FromRef, Path, Query, Request, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};
use leptos::{config::LeptosOptions, prelude::provide_context, server_fn::error::FromServerFnError};
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use std::sync::Arc;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub auth: Arc<Auth>,
    pub registries: app::backend::registry::Registries,
    /// The address browsers use, for redirect URIs.
    pub public_url: url::Url,
    /// The built-in test services, when `KANTA_SANDBOX` is on.
    pub sandbox: Option<Router>,
    pub service_worker: crate::offline::ServiceWorker,
    pub staff: app::api::context::StaffMembers,
    pub mail: app::backend::mail::MailSettings,
    pub mailer_wake: app::backend::mail::MailerWake,
    pub limits: crate::limits::Limits,
    pub rate_limiters: Arc<crate::limits::rate::Limiters>,
}

impl FromRef<AppState> for AuthState {
    fn from_ref(state: &AppState) -> AuthState {
        AuthState {
            db: state.db.clone(),
            auth: state.auth.clone(),
            registries: state.registries.clone(),
            public_url: state.public_url.clone(),
        }
    }
}

pub fn router(state: AppState) -> Router {
    crate::limits::panics::install();
    let routes = route_list();
    let db = state.db.clone();
    let registries = state.registries.clone();
    let provider_origin = app::IdentityProviderOrigin(state.auth.relying_party.issuer_origin());
    let cookie_names = state.auth.cookie_names();
    let session_limits = app::SessionLimits {
        idle_minutes: state.auth.policy.idle.num_minutes(),
        max_hours: state.auth.policy.absolute.num_hours(),
    };
    let (staff, mail, mailer_wake) = (state.staff.clone(), state.mail.clone(), state.mailer_wake.clone());

    let sandbox = state.sandbox.clone().unwrap_or_default();
    let app = Router::new()
        .route("/healthz", get(healthz))
        .merge(crate::auth::routes())
        .merge(crate::offline::routes())
        .route("/lang/{code}", get(switch_language))
        .nest("/pkg", crate::assets::routes(&state.leptos_options))
        .merge(crate::assets::message_routes())
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(db.clone());
                provide_context(registries.clone());
                provide_context(provider_origin.clone());
                provide_context(cookie_names);
                provide_context(session_limits);
                provide_context(staff.clone());
                provide_context(mail.clone());
                provide_context(mailer_wake.clone());
                leptos::nonce::provide_nonce();
            },
            {
                let options = state.leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(site_file)
        // Inside the session's layer: a kept refusal is shown to the session that made it.
        .layer(middleware::from_fn_with_state(
            crate::refused_form::Keeping { db: state.db.clone(), auth: state.auth.clone() },
            crate::refused_form::keep_refusals_off_the_address,
        ))
        .layer(middleware::from_fn_with_state(AuthState::from_ref(&state), crate::auth::resolve_session))
        .layer(middleware::from_fn(same_origin_server_fns))
        // Not the sandbox's requests: e-Authorizations puts the hetu in the path.
        .layer(TraceLayer::new_for_http())
        .with_state(state.clone())
        .merge(sandbox);
    crate::limits::apply(app, state.limits, state.rate_limiters.clone())
        .layer(middleware::from_fn_with_state(state.auth.clone(), security_headers))
        // Pages are compressed as they are made: brotli's quality 1, not the library's default
        // 11, whose per-response tables cost more CPU than rendering a page. Measured on a
        // logged-in page: 1 256 req/s at 1 (4.4 KB), 970 at 4 (3.9 KB), 1 358 uncompressed.
        // The build's files are compressed at 11 once, at build time, and served as they are.
        .layer(CompressionLayer::new().quality(tower_http::CompressionLevel::Precise(1)))
}

/// The app's routes, generated once per process: generating them switches resource loading off
/// process-wide for a moment (leptos issue #4773), which would stall a page another server in
/// this process (tests run many) is rendering at that moment.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The site's own files (pictures, icons, the favicon) as they are, from the site root (brotli or
/// gzip where built); anything else is the app's not-found page. Leptos's file handler answers
/// a file inside a reactive owner made under whatever owner the worker thread last had, so
/// another request's `ResponseOptions` could end up on it: a guide picture was answered `302` to
/// `/login?next=/billing` while another browser opened `/billing` (leptos_axum 0.8.10).
async fn site_file(State(state): State<AppState>, request: Request) -> Response {
    use tower::ServiceExt;
    let mut file = Request::builder().uri(request.uri().clone());
    // Whole files, as Leptos's handler served them: no ranges.
    for name in [header::ACCEPT_ENCODING, header::IF_MODIFIED_SINCE] {
        if let Some(value) = request.headers().get(&name) {
            file = file.header(name, value.clone());
        }
    }
    let served = match file.body(axum::body::Body::empty()) {
        Ok(file) => {
            let files = tower_http::services::ServeDir::new(&*state.leptos_options.site_root);
            files.precompressed_br().precompressed_gzip().oneshot(file).await.ok()
        }
        Err(_) => None,
    };
    // A missing file, or a folder (which ServeDir redirects to its slash), is not a file.
    let not_a_file = |status: StatusCode| {
        status == StatusCode::NOT_FOUND || (status.is_redirection() && status != StatusCode::NOT_MODIFIED)
    };
    match served {
        Some(response) if !not_a_file(response.status()) => response.into_response(),
        // The app's page for the address: its not-found page, rendered by Leptos.
        _ => {
            let uri = request.uri().clone();
            let page =
                leptos_axum::file_and_error_handler_with_context::<AppState, _>(leptos::nonce::provide_nonce, shell);
            page(uri, State(state), request).await
        }
    }
}

/// Liveness and readiness: the process answers and the database is reachable.
async fn healthz(State(db): State<DatabaseConnection>) -> Response {
    match db.ping().await {
        Ok(()) => Json(serde_json::json!({ "status": "ok", "database": "ok" })).into_response(),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({ "status": "error", "database": "unreachable" })))
                .into_response()
        }
    }
}

#[derive(Deserialize)]
struct ReturnTo {
    next: Option<String>,
}

/// Remembers the chosen language in a cookie and returns to the page the user was on.
async fn switch_language(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(q): Query<ReturnTo>,
) -> Response {
    let target = q.next.filter(|n| is_local_path(n)).unwrap_or_else(|| "/".into());
    let Some(lang) = Lang::from_code(&code) else {
        return Redirect::to(&target).into_response();
    };
    let secure = if state.auth.secure_cookies { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}", lang.code());
    let mut response = Redirect::to(&target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Server functions and logout answer only this site's pages (Leptos has no CSRF protection of its own).
async fn same_origin_server_fns(mut request: Request, next: Next) -> Response {
    let path = request.uri().path();
    if (path.starts_with("/api/") || path == "/auth/logout") && !is_same_origin(request.headers()) {
        tracing::warn!(path = request.uri().path(), "cross-site server function call refused");
        let body = AppError::Forbidden.ser();
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    // A download link is a navigation (Accept: text/html), which Leptos would treat as a form
    // post and answer with a redirect instead of the file.
    if path.starts_with("/api/") {
        let download = if path.ends_with(".pdf") {
            Some("application/pdf")
        } else if path.ends_with(".csv") {
            Some("text/csv")
        } else {
            None
        };
        if let Some(kind) = download {
            request.headers_mut().insert(header::ACCEPT, HeaderValue::from_static(kind));
        }
    }
    next.run(request).await
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.to_str(), Ok("same-origin" | "none"));
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => {
            let origin = origin.to_str().unwrap_or("");
            let origin_host = origin.split_once("://").map(|(_, h)| h).unwrap_or("");
            origin_host.eq_ignore_ascii_case(host.to_str().unwrap_or("-"))
        }
        (Some(_), None) => false,
        // Not a browser (no Origin, no Fetch metadata): nothing for another site to forge.
        (None, _) => true,
    }
}

/// On every response, the sandbox's included. `Strict-Transport-Security` where cookies are
/// `Secure` (production, HTTPS only). `Cache-Control: no-store` on what may show personal or
/// organisation data: every server-function answer, and any page answered to a request with a
/// session or a kept form's cookie (not static files), unless it sets its own caching.
async fn security_headers(State(auth): State<Arc<Auth>>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let private = path.starts_with("/api/")
        || path.starts_with("/auth/")
        || (crate::auth::needs_session(path)
            && app::request::cookie(request.headers(), auth.session_cookie()).is_some())
        // A form refused without a login, kept for this browser, may be on the page.
        || app::request::cookie(request.headers(), auth.form_cookie()).is_some();
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    if auth.secure_cookies {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    if private && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_rules() {
        let h = |pairs: &[(&'static str, &'static str)]| {
            let mut m = HeaderMap::new();
            for (k, v) in pairs {
                m.insert(*k, HeaderValue::from_static(v));
            }
            m
        };
        assert!(is_same_origin(&h(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_same_origin(&h(&[("sec-fetch-site", "cross-site"), ("origin", "http://a:1"), ("host", "a:1")])));
        assert!(is_same_origin(&h(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(!is_same_origin(&h(&[("origin", "http://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(is_same_origin(&h(&[])));
    }
}
