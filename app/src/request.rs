//! What the server reads from a request's headers, or puts beside it, for every layer that needs it.

/// The query kept for the page being rendered (`__err` and the typed fields), put beside the
/// request by the server (`server::refused_form`) when its address names a refusal kept in
/// `backend::refused_form`; `components::posted` reads it.
#[derive(Clone, Debug)]
pub struct Restored(pub String);

/// The value of cookie `name` in a request's `Cookie` headers, if set and not empty. Pairs that
/// do not parse are skipped (RFC 6265's parsing, by the `cookie` crate).
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| c.value_raw())
        .filter(|v| !v.is_empty())
}
