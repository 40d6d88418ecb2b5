//! A form posted without JavaScript and refused comes back to its page with the error and what
//! was typed. Leptos puts both in the address it redirects to (`__err` and the fields), which
//! grows past a proxy's 4 KB header buffer (nginx answers 502) and writes personal data into
//! access logs. Here the redirect's query is kept in the database instead
//! (`backend::refused_form`) and the address gets `refused=<id>`; when the page is asked for,
//! the request's query is put back before the page renders, so pages read the error as before.
use app::backend::{identity::CurrentSession, refused_form};
use axum::{
    extract::{Request, State},
    http::{HeaderValue, Method, Uri, header},
    middleware::Next,
    response::Response,
};
use sea_orm::DatabaseConnection;
use url::{Url, form_urlencoded};

/// The address's parameter holding the kept refusal's id.
const PARAM: &str = "refused";

pub async fn keep_refusals_off_the_address(
    State(db): State<DatabaseConnection>,
    mut request: Request,
    next: Next,
) -> Response {
    let session = request.extensions().get::<CurrentSession>().map(|s| s.token_hash.clone());
    if request.method() == Method::GET || request.method() == Method::HEAD {
        restore(&db, session.as_deref(), &mut request).await;
    }
    let form_post = request.method() == Method::POST && request.uri().path().starts_with("/api/");
    let mut response = next.run(request).await;
    if form_post {
        shorten_redirect(&db, session.as_deref(), &mut response).await;
    }
    response
}

/// `?refused=<id>` becomes the query kept under that id. An unknown or expired id is left as
/// it is: the page then shows as if freshly opened.
async fn restore(db: &DatabaseConnection, session: Option<&str>, request: &mut Request) {
    let Some(id) = request.uri().query().and_then(|q| form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == PARAM))
    else {
        return;
    };
    let query = match refused_form::recall(db, &id.1, session).await {
        Ok(Some(query)) => query,
        Ok(None) => return,
        Err(error) => {
            tracing::error!(%error, "cannot read a refused form's answer");
            return;
        }
    };
    if let Ok(uri) = format!("{}?{query}", request.uri().path()).parse::<Uri>() {
        *request.uri_mut() = uri;
    }
}

/// A redirect carrying an error (`__err`) is sent with `refused=<id>` instead. Any earlier
/// `refused=` (the form was posted from a refused page) is dropped, so a success that sends the
/// browser back to the page does not show the old error again. If the database cannot keep it,
/// the long address is sent: better than losing what was typed.
async fn shorten_redirect(db: &DatabaseConnection, session: Option<&str>, response: &mut Response) {
    let Some(location) = response.headers().get(header::LOCATION).and_then(|v| v.to_str().ok()) else {
        return;
    };
    let Ok(url) = Url::parse("http://localhost/").and_then(|base| base.join(location)) else {
        return;
    };
    let pairs: Vec<(String, String)> =
        url.query_pairs().filter(|(k, _)| k != PARAM).map(|(k, v)| (k.into(), v.into())).collect();
    let refused = pairs.iter().any(|(k, _)| k == "__err");
    if !refused && pairs.len() == url.query_pairs().count() {
        return;
    }
    let mut query = form_urlencoded::Serializer::new(String::new()).extend_pairs(&pairs).finish();
    if refused {
        match refused_form::keep(db, session, &query).await {
            Ok(id) => query = format!("{PARAM}={id}"),
            Err(error) => tracing::error!(%error, "cannot keep a refused form's answer; it goes in the address"),
        }
    }
    let mut short = url.path().to_string();
    if !query.is_empty() {
        short = format!("{short}?{query}");
    }
    if let Some(fragment) = url.fragment() {
        short = format!("{short}#{fragment}");
    }
    if let Ok(value) = HeaderValue::from_str(&short) {
        response.headers_mut().insert(header::LOCATION, value);
    }
}
