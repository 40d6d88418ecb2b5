//! End-session: the sandbox's own session ended, then back to the client or a logged-out page.
use super::{Idp, SESSION_COOKIE};
use crate::sandbox::page::{document, text};
use app::{
    i18n::{Lang, lang_of_request},
    msg,
};
use axum::{
    extract::{Query, State},
    http::{HeaderMap, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use serde::Deserialize;
use std::sync::Arc;

/// The end-session request's query (OIDC RP-Initiated Logout).
#[derive(Deserialize)]
pub(super) struct EndSession {
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    ui_locales: Option<String>,
}

/// Ends the sandbox's own session and returns to the client if the address is registered.
pub(super) async fn end_session(
    State(idp): State<Arc<Idp>>,
    headers: HeaderMap,
    Query(q): Query<EndSession>,
) -> Response {
    if let Some(sid) = app::request::cookie(&headers, SESSION_COOKIE) {
        idp.store().sessions.remove(sid);
    }
    let clear = format!("{SESSION_COOKIE}=; Path=/sandbox/idp; HttpOnly; SameSite=Lax; Max-Age=0");
    let mut response = match q.post_logout_redirect_uri.filter(|u| *u == idp.post_logout_uri) {
        Some(uri) => {
            let mut url = url::Url::parse(&uri).expect("registered URI");
            if let Some(state) = &q.state {
                url.query_pairs_mut().append_pair("state", state);
            }
            Redirect::to(url.as_str()).into_response()
        }
        None => {
            let lang = q.ui_locales.as_deref().and_then(Lang::from_code).unwrap_or_else(|| lang_of_request(&headers));
            let body = format!(
                "<h1>{}</h1><p>{}</p>",
                text(lang, msg!("sandbox-idp-title")),
                text(lang, msg!("sandbox-idp-logged-out"))
            );
            Html(document(lang, &app::i18n::lookup(lang, msg!("sandbox-idp-title"), None), &body)).into_response()
        }
    };
    if let Ok(value) = clear.parse() {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}
