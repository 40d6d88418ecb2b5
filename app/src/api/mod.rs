//! Server functions: the only door from the browser to data. Thin: parse, check, call the backend.
pub mod acting;
pub mod applications;
pub mod billing;
#[cfg(feature = "ssr")]
pub mod context;
pub mod customer_data;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod joint;
pub mod organisation;
pub mod session;
pub mod staff;
pub mod support;

/// Gives a failed server function the HTTP status of its error instead of a blanket 500. A plain
/// form post (no JavaScript) is instead sent back to its page with the error (Leptos's form
/// redirects, see `refused_form`), which a status would override.
#[cfg(feature = "ssr")]
fn respond<T>(result: Result<T, crate::error::AppError>) -> Result<T, crate::error::AppError> {
    if is_form_post() {
        return result;
    }
    if let (Err(error), Some(response)) = (&result, leptos::prelude::use_context::<leptos_axum::ResponseOptions>())
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
    result
}

/// Answers a download: `kind` as its content type, saved as `file_name` (ASCII, no quotes).
#[cfg(feature = "ssr")]
fn offer_download(kind: &'static str, file_name: &str) {
    let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() else { return };
    response.insert_header(http::header::CONTENT_TYPE, http::HeaderValue::from_static(kind));
    if let Ok(value) = http::HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        response.insert_header(http::header::CONTENT_DISPOSITION, value);
    }
}

/// Whether the call is a plain form post (the browser wants a page back), not a script's call.
#[cfg(feature = "ssr")]
fn is_form_post() -> bool {
    leptos::prelude::use_context::<http::request::Parts>().is_some_and(|parts| {
        parts.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
    })
}

/// A plain form post (no JavaScript) that was refused goes back to `page` with the error and what
/// was typed in the address (`again` names the form), so the form is shown again filled in. A
/// logged-in user's browser sees only a short id in their place: `server::refused_form`.
/// A script's call gets the error itself.
#[cfg(feature = "ssr")]
fn refused_form<T: Default>(
    result: Result<T, crate::error::AppError>,
    page: &str,
    form: &str,
    fields: &[(String, String)],
) -> Result<T, crate::error::AppError> {
    use base64::{Engine, engine::general_purpose::URL_SAFE};
    use leptos::server_fn::error::FromServerFnError;
    match result {
        Err(error) if is_form_post() => {
            let mut url = reqwest::Url::parse("http://localhost/").expect("a fixed, valid URL");
            url.set_path(page);
            url.query_pairs_mut()
                .append_pair("again", form)
                .extend_pairs(fields)
                .append_pair("__err", &URL_SAFE.encode(error.ser()));
            leptos_axum::redirect(&format!("{}?{}#{form}", url.path(), url.query().unwrap_or_default()));
            Ok(T::default())
        }
        other => other,
    }
}
