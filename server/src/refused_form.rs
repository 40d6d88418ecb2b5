//! A form posted without JavaScript and refused comes back to its page with the error and what
//! was typed. Leptos puts both in the address it redirects to (`__err` and the fields), which
//! grows past a proxy's 4 KB header buffer (nginx answers 502) and writes personal data into
//! access logs. The redirect's query is kept in the database instead (`backend::refused_form`)
//! and the address gets `refused=<id>`; when the page is asked for, the kept query is put beside
//! the request (`Restored`) for the page to read. It is kept for the session that posted it or,
//! with no one logged in, for the browser: a random token in the form cookie, set with the
//! first refusal (the support form is posted so).
use crate::auth::{Auth, set_cookie};
use app::{
    backend::{
        identity::{CurrentSession, new_token, token_hash},
        refused_form::{self, KEPT_FOR},
    },
    domain::local_path::is_local_path,
    request::{Restored, cookie},
};
use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, header},
    middleware::Next,
    response::Response,
};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use url::{Url, form_urlencoded};

/// The address's parameter holding the kept refusal's id.
const PARAM: &str = "refused";

/// Longer queries are not kept: the server's body limits keep real forms far below.
const QUERY_MAX: usize = 64 * 1024;

/// The one form kept for a browser with no session: the support form, whose posts are
/// rate-limited per address (every other form needs a login, so keeping its refusals for
/// strangers would only let anyone write to the database).
const LOGGED_OUT_FORM: &str = "/api/support/send";

/// What the middleware needs: where refusals are kept, and the form cookie's name and flags.
#[derive(Clone)]
pub struct Keeping {
    pub db: DatabaseConnection,
    pub auth: Arc<Auth>,
}

pub async fn keep_refusals_off_the_address(
    State(Keeping { db, auth }): State<Keeping>,
    mut request: Request,
    next: Next,
) -> Response {
    // Whose refusals these are: the session's, else the browser's form cookie's (if it has one).
    let session = request.extensions().get::<CurrentSession>().map(|s| s.token_hash.clone());
    let form_token = cookie(request.headers(), auth.form_cookie()).filter(|t| !t.is_empty()).map(String::from);
    let owner = session.clone().or_else(|| form_token.as_deref().map(token_hash));
    let kept_logged_out = request.uri().path() == LOGGED_OUT_FORM;
    if let Some(owner) = &owner
        && (request.method() == Method::GET || request.method() == Method::HEAD)
    {
        let id = request.uri().query().and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == PARAM));
        if let Some(id) = id.map(|(_, id)| id).filter(|id| refused_form::is_id(id)) {
            match refused_form::recall(&db, &id, owner).await {
                Ok(Some(query)) => {
                    request.extensions_mut().insert(Restored(query));
                }
                Ok(None) => {}
                Err(error) => tracing::error!(%error, "cannot read a refused form's answer"),
            }
        }
    }
    let form_post = request.method() == Method::POST && request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if !form_post {
        return response;
    }
    let Some(short) = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()).and_then(short_location)
    else {
        return response;
    };
    let location = match &short.kept {
        Some(query) if query.len() <= QUERY_MAX && (session.is_some() || kept_logged_out) => {
            let (owner, form_token) = match (session, form_token) {
                (Some(session), _) => (session, None),
                (None, Some(token)) => (token_hash(&token), Some(token)),
                (None, None) => {
                    let token = new_token();
                    (token_hash(&token), Some(token))
                }
            };
            match refused_form::keep(&db, &owner, query).await {
                Ok(id) => {
                    // Set again with each refusal kept: it lasts as long as the newest.
                    if let Some(token) = form_token {
                        let max_age = Some(KEPT_FOR.num_seconds());
                        set_cookie(&mut response, auth.form_cookie(), &token, "/", max_age, auth.secure_cookies);
                    }
                    short.with_query(&format!("{PARAM}={id}"))
                }
                Err(error) => {
                    tracing::error!(%error, "cannot keep a refused form's answer; it goes in the address");
                    short.with_query(query)
                }
            }
        }
        Some(query) => short.with_query(query),
        None => short.with_query(&short.rest),
    };
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// A redirect's address, taken apart: `kept` is the query to keep when it carries an error
/// (`__err`); `rest` is the query without any earlier `refused=` (the form was posted from a
/// refused page: a success sent back there must not show the old error again).
#[derive(Debug, PartialEq)]
struct ShortLocation {
    path: String,
    kept: Option<String>,
    rest: String,
    fragment: Option<String>,
}

impl ShortLocation {
    /// This site's path with `query` and the fragment.
    fn with_query(&self, query: &str) -> String {
        let mut location = self.path.clone();
        if !query.is_empty() {
            location = format!("{location}?{query}");
        }
        if let Some(fragment) = &self.fragment {
            location = format!("{location}#{fragment}");
        }
        location
    }
}

/// `None` when the redirect needs no change: it has no error and no earlier `refused=`. An
/// absolute address becomes this site's path (a form's Referer names this site); a path that
/// is not local (`//elsewhere`) becomes `/`.
fn short_location(location: &str) -> Option<ShortLocation> {
    let url = Url::parse("http://localhost/").and_then(|base| base.join(location)).ok()?;
    let pairs: Vec<(String, String)> =
        url.query_pairs().filter(|(k, _)| k != PARAM).map(|(k, v)| (k.into(), v.into())).collect();
    let refused = pairs.iter().any(|(k, _)| k == "__err");
    if !refused && pairs.len() == url.query_pairs().count() {
        return None;
    }
    let rest = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
    Some(ShortLocation {
        path: Some(url.path()).filter(|p| is_local_path(p)).unwrap_or("/").to_string(),
        kept: refused.then(|| rest.clone()),
        rest,
        fragment: url.fragment().map(String::from),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_redirect_with_an_error_is_kept_and_an_old_id_dropped() {
        let short = short_location("http://127.0.0.1:3000/staff/billing?refused=abc&again=import&__err=e30#import");
        let short = short.expect("an error to keep");
        assert_eq!(short.kept.as_deref(), Some("again=import&__err=e30"));
        assert_eq!(short.with_query("refused=x"), "/staff/billing?refused=x#import");

        let success = short_location("/customer-data?refused=abc&x=1").expect("an old id to drop");
        assert_eq!(success.kept, None);
        assert_eq!(success.with_query(&success.rest), "/customer-data?x=1");
        assert_eq!(short_location("/staff/billing?imported=3"), None);
    }

    #[test]
    fn a_redirect_goes_to_this_site_only() {
        let short = short_location("http://127.0.0.1:3000//evil.example/x?__err=e30").unwrap();
        assert_eq!(short.with_query("refused=x"), "/?refused=x");
        let short = short_location("https://evil.example/x?__err=e30").unwrap();
        assert_eq!(short.with_query("refused=x"), "/x?refused=x");
    }
}
