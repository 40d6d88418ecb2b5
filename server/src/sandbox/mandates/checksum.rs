//! The checksum header of server-to-server calls, checked as the real service checks it.
use super::Valtuudet;
use app::backend::registry::mandates::{CHECKSUM_HEADER, checksum};
use axum::{
    Json,
    extract::{OriginalUri, Request, State},
    http::{HeaderMap, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use serde_json::json;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// Sandbox material only, the settings' default: the checksum key.
use crate::config::SANDBOX_MANDATES_CLIENT_SECRET as CLIENT_SECRET;
/// How far a checksum's timestamp may be from our clock, as in the real service.
const CLOCK_SKEW: chrono::Duration = chrono::Duration::minutes(5);

impl Valtuudet {
    /// Checks the checksum header of a server-to-server call.
    fn verify(&self, headers: &HeaderMap, uri: &axum::http::Uri) -> Result<(), &'static str> {
        let Some(value) = headers.get(CHECKSUM_HEADER).and_then(|v| v.to_str().ok()) else {
            return Err("no checksum header");
        };
        let parts: Vec<&str> = value.split(' ').collect();
        let [client, timestamp, sum] = parts.as_slice() else {
            return Err("malformed checksum header");
        };
        if *client != self.client_id {
            return Err("unknown client");
        }
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(timestamp) else {
            return Err("bad timestamp");
        };
        if (chrono::Utc::now() - at.to_utc()).abs() > CLOCK_SKEW {
            return Err("stale timestamp");
        }
        let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("");
        let expected = checksum(CLIENT_SECRET, path, timestamp);
        if !bool::from(expected.as_bytes().ct_eq(sum.as_bytes())) {
            return Err("checksum does not match");
        }
        Ok(())
    }

    /// Answers a call whose checksum failed, saying why (the sandbox is for developers).
    fn refused(why: &'static str) -> Response {
        tracing::warn!(why, "sandbox e-Authorizations refused a call");
        (StatusCode::UNAUTHORIZED, Json(json!({ "error": why }))).into_response()
    }
}

/// Refuses a server-to-server call whose checksum header is missing, stale or wrong.
pub(super) async fn checksum_checked(State(service): State<Arc<Valtuudet>>, request: Request, next: Next) -> Response {
    // The path as the caller signed it, before nesting stripped the prefix.
    let uri = request.extensions().get::<OriginalUri>().map(|o| o.0.clone()).unwrap_or_else(|| request.uri().clone());
    match service.verify(request.headers(), &uri) {
        Ok(()) => next.run(request).await,
        Err(why) => Valtuudet::refused(why),
    }
}
