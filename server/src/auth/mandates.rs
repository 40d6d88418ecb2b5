//! Acting with a Suomi.fi mandate: the browser's trip to the e-Authorizations organisation
//! chooser and back (register → `/oauth/authorize` → `/oauth/token` → `organizationRoles` →
//! unregister when done, as DVV's reference client does). The registry's session stays on the
//! server; the browser only carries `state`, bound to its session.
use super::AuthState;
use app::api::acting::MandateOutcome;
use app::domain::local_path::is_local_path;
use app::{
    backend::{
        acting::{self, KANTA_MANDATE_ISSUE, MandateCredentials},
        entities::{acting as acting_row, mandate_selection},
        identity::{self, Audit, CurrentSession, audit},
        registry::Principals,
    },
    domain::acting::Basis,
    i18n::lang_of_request,
};
use axum::{
    Extension,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde::Deserialize;
use subtle::ConstantTimeEq;

/// How long the chooser may take before the selection is forgotten.
const SELECTION_LIFETIME: chrono::Duration = chrono::Duration::minutes(15);

fn back_to_chooser(outcome: MandateOutcome) -> Response {
    Redirect::to(&format!("/organisations?mandate={}", outcome.code())).into_response()
}

fn redirect_uri(state: &AuthState) -> String {
    format!("{}/auth/mandates/callback", state.public_url.as_str().trim_end_matches('/'))
}

#[derive(Deserialize)]
pub struct StartQuery {
    next: Option<String>,
}

/// Registers the person with e-Authorizations and sends the browser to its organisation chooser.
pub async fn start(
    State(state): State<AuthState>,
    session: Option<Extension<CurrentSession>>,
    headers: HeaderMap,
    Query(q): Query<StartQuery>,
) -> Response {
    let Some(Extension(session)) = session else {
        return Redirect::to("/login?next=/organisations").into_response();
    };
    let Some(hetu) = &session.hetu else {
        return back_to_chooser(MandateOutcome::Expired);
    };
    let registered = match state.registries.mandates.register(hetu).await {
        Ok(r) => r,
        Err(error) => {
            tracing::error!(%error, "cannot register with e-Authorizations");
            return back_to_chooser(MandateOutcome::Unavailable);
        }
    };
    let selection_state = identity::new_token();
    let return_to = q.next.filter(|n| is_local_path(n)).unwrap_or_else(|| "/organisation".into());
    // A choice started before and not finished: its e-Authorizations session ends here.
    if let Ok(Some(earlier)) = mandate_selection::Entity::find_by_id(session.token_hash.clone()).one(&state.db).await
        && let Err(error) = state.registries.mandates.unregister(&earlier.registry_session).await
    {
        tracing::debug!(%error, "the unfinished choice's e-Authorizations session was not unregistered");
    }
    let saved = async {
        mandate_selection::Entity::delete_by_id(session.token_hash.clone()).exec(&state.db).await?;
        mandate_selection::ActiveModel {
            session_id: Set(session.token_hash.clone()),
            state: Set(selection_state.clone()),
            registry_session: Set(registered.session_id.clone()),
            return_to: Set(return_to),
            created_at: Set(Utc::now()),
        }
        .insert(&state.db)
        .await
    };
    if let Err(error) = saved.await {
        tracing::error!(%error, "cannot record the mandate selection");
        return back_to_chooser(MandateOutcome::Unavailable);
    }
    let lang = lang_of_request(&headers);
    let url = state.registries.mandates.chooser_url(
        &registered.user_id,
        &selection_state,
        &redirect_uri(&state),
        lang.code(),
    );
    Redirect::to(&url).into_response()
}

#[derive(Deserialize)]
pub struct CallbackQuery {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

/// The chooser sends the browser back: which organisation was chosen, and is the mandate complete?
pub async fn callback(
    State(state): State<AuthState>,
    session: Option<Extension<CurrentSession>>,
    Query(q): Query<CallbackQuery>,
) -> Response {
    let Some(Extension(session)) = session else {
        return Redirect::to("/login?next=/organisations").into_response();
    };
    // The selection is used once, whatever happens next.
    let selection = match mandate_selection::Entity::find_by_id(session.token_hash.clone()).one(&state.db).await {
        Ok(Some(s)) => s,
        Ok(None) => return back_to_chooser(MandateOutcome::Expired),
        Err(error) => {
            tracing::error!(%error, "cannot read the mandate selection");
            return back_to_chooser(MandateOutcome::Unavailable);
        }
    };
    let _ = mandate_selection::Entity::delete_by_id(session.token_hash.clone()).exec(&state.db).await;
    let state_matches = bool::from(q.state.unwrap_or_default().as_bytes().ct_eq(selection.state.as_bytes()));
    if !state_matches || selection.created_at + SELECTION_LIFETIME < Utc::now() {
        tracing::warn!("mandate callback with a wrong or old state");
        return back_to_chooser(MandateOutcome::Expired);
    }
    let outcome = finish(&state, &session, &selection.registry_session, q.code, q.error).await;
    match outcome {
        Ok(()) => Redirect::to(&selection.return_to).into_response(),
        Err(outcome) => {
            if let Err(error) = state.registries.mandates.unregister(&selection.registry_session).await {
                tracing::warn!(%error, "cannot unregister from e-Authorizations");
            }
            back_to_chooser(outcome)
        }
    }
}

async fn finish(
    state: &AuthState,
    session: &CurrentSession,
    registry_session: &str,
    code: Option<String>,
    error: Option<String>,
) -> Result<(), MandateOutcome> {
    let unavailable = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "e-Authorizations");
        MandateOutcome::Unavailable
    };
    if error.is_some() {
        return Err(MandateOutcome::Cancelled);
    }
    let code = code.ok_or(MandateOutcome::Cancelled)?;
    let mandates = &state.registries.mandates;
    let token = mandates.token(&code, &redirect_uri(state)).await.map_err(|e| unavailable(&e))?;
    let listed = match mandates.organisation_roles(registry_session, &token).await.map_err(|e| unavailable(&e))? {
        Principals::Listed(listed) => listed,
        Principals::SessionEnded => return Err(MandateOutcome::Expired),
    };
    // The answer lists the one principal chosen; more would leave us guessing which.
    if listed.len() > 1 {
        tracing::error!(principals = listed.len(), "e-Authorizations listed several principals after one choice");
        return Err(MandateOutcome::Unavailable);
    }
    let refused = |detail: String| async move {
        let refused = Audit::new(session.doer(), app::domain::records::Act::ActingStarted).detail(&detail).denied();
        audit(&state.db, &refused).await.map_err(|e| unavailable(&e))
    };
    let Some(chosen) = listed.into_iter().next() else {
        // A code came back, yet nothing is listed: the mandate ended in between.
        refused("not-listed".into()).await?;
        return Err(MandateOutcome::NotAllowed);
    };
    if !chosen.complete {
        refused(format!("incomplete:{}", chosen.ytunnus)).await?;
        return Err(MandateOutcome::Incomplete);
    }
    let ytunnus = chosen.ytunnus;
    // e-Authorizations says whom; the trade register says what kind of organisation it is.
    let found = state
        .registries
        .trade_register
        .organisation(&ytunnus)
        .await
        .map_err(|e| unavailable(&e))?
        .ok_or(MandateOutcome::NotAllowed)?;
    let organisation =
        acting::remember_organisation(&state.db, &state.registries, &found).await.map_err(|e| unavailable(&e))?;
    let basis = Basis::Mandate { issue: KANTA_MANDATE_ISSUE };
    let credentials = MandateCredentials { session: registry_session.to_string(), token, roles: chosen.roles };
    // A redirect, no page: no acting memo to empty.
    acting::start_acting(&state.db, &state.registries, session, None, &organisation, basis, Some(credentials))
        .await
        .map_err(|e| unavailable(&e))
}

/// At logout: ends the e-Authorizations session the session's mandate was confirmed in.
pub async fn unregister(state: &AuthState, session_token: &str) {
    let row = acting_row::Entity::find_by_id(identity::token_hash(session_token)).one(&state.db).await;
    if let Ok(Some(acting_row::Model { mandate_session: Some(registry_session), .. })) = row
        && let Err(error) = state.registries.mandates.unregister(&registry_session).await
    {
        tracing::warn!(%error, "cannot unregister from e-Authorizations");
    }
}
