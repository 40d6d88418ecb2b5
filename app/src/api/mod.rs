//! Server functions: the only door from the browser to data. Thin: parse, check, call the backend.
pub mod acting;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod organisation;
pub mod session;
pub mod support;

/// Gives a failed server function the HTTP status of its error instead of a blanket 500.
#[cfg(feature = "ssr")]
fn respond<T>(result: Result<T, crate::error::AppError>) -> Result<T, crate::error::AppError> {
    if let (Err(error), Some(response)) = (&result, leptos::prelude::use_context::<leptos_axum::ResponseOptions>())
        && let Ok(status) = http::StatusCode::from_u16(error.status())
    {
        response.set_status(status);
    }
    result
}
