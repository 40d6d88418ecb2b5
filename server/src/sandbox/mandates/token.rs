//! The OAuth token endpoint: the chooser's code, single-use, exchanged for the session's token.
use super::Valtuudet;
use axum::{
    Json,
    extract::{Query, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use base64::{Engine, engine::general_purpose::STANDARD};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;
use subtle::ConstantTimeEq;

/// Sandbox material only, the settings' default: the token endpoint's Basic password.
use crate::config::SANDBOX_MANDATES_OAUTH_SECRET as OAUTH_SECRET;

/// The token request's query, as the reference client sends it.
#[derive(Deserialize)]
pub(super) struct TokenQuery {
    code: String,
    grant_type: String,
}

/// The session's access token for a chooser code, to a client with the Basic password; errors are
/// OAuth's JSON `{"error": …}`.
pub(super) async fn token(
    State(service): State<Arc<Valtuudet>>,
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
) -> Response {
    let expected = format!("Basic {}", STANDARD.encode(format!("{}:{OAUTH_SECRET}", service.client_id)));
    let authorised = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| bool::from(v.as_bytes().ct_eq(expected.as_bytes())));
    if !authorised || q.grant_type != "authorization_code" {
        return (StatusCode::UNAUTHORIZED, Json(json!({ "error": "invalid_client" }))).into_response();
    }
    let mut store = service.store();
    // Codes are single-use.
    let Some(session) = store.sessions.values_mut().find(|s| s.code.as_deref() == Some(q.code.as_str())) else {
        return (StatusCode::BAD_REQUEST, Json(json!({ "error": "invalid_grant" }))).into_response();
    };
    session.code = None;
    let token = crate::sandbox::random_token();
    session.token = Some(token.clone());
    Json(json!({ "access_token": token, "token_type": "bearer", "expires_in": 36000 })).into_response()
}
