//! The server-to-server calls: a session registered for a person, ended, and its chosen
//! principal with the person's roles.
use super::{Session, Valtuudet};
use axum::{
    Json,
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::json;
use std::sync::Arc;
use subtle::ConstantTimeEq;

impl Valtuudet {
    /// The session named in the path, if the bearer token is its own.
    fn session_with_token(&self, session_id: &str, headers: &HeaderMap) -> Option<Session> {
        let bearer = headers.get(header::AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ")?;
        let session = self.store().sessions.get(session_id)?.clone();
        let token = session.token.as_deref()?;
        bool::from(token.as_bytes().ct_eq(bearer.as_bytes())).then_some(session)
    }
}

/// Starts a session for the person `hetu`: `{sessionId, userId}`; 400 for another client or a
/// malformed identity code.
pub(super) async fn register(
    State(service): State<Arc<Valtuudet>>,
    Path((client_id, hetu)): Path<(String, String)>,
) -> Response {
    if client_id != service.client_id || app::domain::hetu::Hetu::parse(&hetu).is_err() {
        return StatusCode::BAD_REQUEST.into_response();
    }
    let (session_id, user_id) = (crate::sandbox::random_token(), crate::sandbox::random_token());
    let session = Session { hetu, user_id: user_id.clone(), ..Default::default() };
    service.store().sessions.insert(session_id.clone(), session);
    Json(json!({ "sessionId": session_id, "userId": user_id })).into_response()
}

/// Answers `true`, as the reference client expects.
pub(super) async fn unregister(State(service): State<Arc<Valtuudet>>, Path(session_id): Path<String>) -> Response {
    service.store().sessions.remove(&session_id);
    Json(json!(true)).into_response()
}

/// The chosen principal while the person still holds a mandate for it: `[{name, identifier,
/// roles, complete}]`, or `[]`; 401 when the session or its token is unknown (ended).
pub(super) async fn organisation_roles(
    State(service): State<Arc<Valtuudet>>,
    headers: HeaderMap,
    Path(session_id): Path<String>,
) -> Response {
    let Some(session) = service.session_with_token(&session_id, &headers) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let chosen: Vec<_> = service
        .principals_of(&session.hetu)
        .into_iter()
        .filter(|f| session.chosen.as_deref() == Some(f.organisation.id.as_str()))
        .map(|f| {
            json!({
                "name": f.organisation.name,
                "identifier": f.organisation.business_id,
                "roles": service.roles_in(&session.hetu, &f.organisation.id),
                "complete": f.complete,
            })
        })
        .collect();
    Json(json!(chosen)).into_response()
}
