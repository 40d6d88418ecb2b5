//! The answer to a request the server refuses before (or instead of) the app: the app's own
//! error as JSON for scripts, or a short page in the user's language for a browser that asked
//! for one (a form posted without JavaScript, a navigation).
use app::{
    domain::local_path::is_local_path,
    error::AppError,
    i18n::{Args, Lang, lang_of_request, lookup},
};
use axum::{
    extract::Request,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::server_fn::error::FromServerFnError;

/// A refusal an inner layer made, rendered by `render` once it knows what the client wants.
#[derive(Clone, Debug)]
pub struct Refusal(pub AppError);

/// The response for `error`, rendered on its way out by `render`.
pub fn refuse(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = status.into_response();
    response.extensions_mut().insert(Refusal(error));
    response
}

/// What the client asked for, read before the request goes in.
struct Client {
    page: bool,
    lang: Lang,
    back: Option<String>,
}

impl Client {
    fn of(headers: &HeaderMap) -> Client {
        let accept = headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("");
        // Where the form was, if it was one of ours: the way back.
        let back = headers
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|r| url::Url::parse(r).ok())
            .map(|u| match u.query() {
                Some(q) => format!("{}?{q}", u.path()),
                None => u.path().to_string(),
            })
            .filter(|p| is_local_path(p));
        Client { page: accept.contains("text/html"), lang: lang_of_request(headers), back }
    }
}

/// Outermost layer: gives every refusal its body, and a server function's error (which the
/// server-function layer always answers with 500) the status the error names.
pub async fn render(request: Request, next: Next) -> Response {
    let client = Client::of(request.headers());
    let mut response = next.run(request).await;
    if let Some(Refusal(error)) = response.extensions_mut().remove::<Refusal>() {
        let mut answered = answer(&error, response.status(), &client);
        // What the refusing layer said about the connection (`Connection: close`) stays.
        for (name, value) in response.headers() {
            if !answered.headers().contains_key(name) && name != header::CONTENT_LENGTH {
                answered.headers_mut().insert(name.clone(), value.clone());
            }
        }
        return answered;
    }
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR && response.headers().contains_key("serverfnerror") {
        let (mut parts, body) = response.into_parts();
        let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
            tracing::error!("a server function's error could not be read");
            return answer(&AppError::Unavailable, StatusCode::INTERNAL_SERVER_ERROR, &client);
        };
        if let Ok(error) = serde_json::from_slice::<AppError>(&bytes)
            && let Ok(status) = StatusCode::from_u16(error.status())
        {
            if status.is_server_error() {
                tracing::error!(%error, "server function failed");
            }
            parts.status = status;
        }
        return Response::from_parts(parts, axum::body::Body::from(bytes));
    }
    response
}

fn answer(error: &AppError, status: StatusCode, client: &Client) -> Response {
    let mut response = if client.page {
        let html = page(error, client);
        (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
    } else {
        (status, [(header::CONTENT_TYPE, "application/json")], error.ser()).into_response()
    };
    if let AppError::TooMany { retry_after } = error {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(*retry_after));
    }
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn page(error: &AppError, client: &Client) -> String {
    let lang = client.lang;
    let text = |id: &str, args: Option<&Args>| escape(&lookup(lang, id, args));
    let retry = match error {
        AppError::TooMany { retry_after } => {
            let mut args = Args::new();
            args.set("seconds", *retry_after);
            format!("<p>{}</p>", text("refusal-retry-after", Some(&args)))
        }
        _ => String::new(),
    };
    let link = match &client.back {
        Some(back) => format!(r#"<a href="{}">{}</a>"#, escape(back), text("refusal-back", None)),
        None => format!(r#"<a href="/">{}</a>"#, text("refusal-home", None)),
    };
    format!(
        r#"<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{heading} – {service}</title><style>body{{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b}}main{{max-width:40rem;margin:0 auto;padding:1rem}}.notice{{border-left:4px solid #a00;padding:.5rem .75rem;background:#fdecea}}</style></head><body><main id="refusal"><h1>{heading}</h1><p class="notice" role="alert">{message}</p>{retry}<p>{link}</p></main></body></html>"#,
        code = lang.code(),
        heading = text("refusal-heading", None),
        service = text("service-name", None),
        message = text(error.message_id(), None),
    )
}

/// Text for HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
