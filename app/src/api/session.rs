//! Who is logged in, for the header and the pages that need login. Asking also keeps the
//! session alive: the server's session middleware marks it used on every request.
use crate::{
    domain::{acting::Basis, assurance::Assurance, ytunnus::YTunnus},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    pub display_name: String,
    pub assurance: Option<Assurance>,
    /// Seconds until the session ends if the user does nothing (idle or absolute limit).
    pub seconds_left: i64,
    /// The idle timeout, so the page knows when to warn.
    pub idle_seconds: i64,
    /// Whom the person acts for now, as last confirmed.
    pub acting: Option<ActingView>,
    /// A member of Kanta's staff: the desk is offered (and checked again there).
    pub staff: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingView {
    pub name: String,
    pub ytunnus: YTunnus,
    pub basis: Basis,
}

#[server(endpoint = "session/status")]
pub async fn session_status() -> Result<Option<SessionView>, AppError> {
    use super::context::{acting_memo, current_session, db};
    let Some(s) = current_session() else {
        return Ok(None);
    };
    let acting = crate::backend::acting::acting_now(&db()?, &s, acting_memo().as_ref()).await?.and_then(|a| {
        Some(ActingView {
            ytunnus: YTunnus::parse(&a.organisation.ytunnus).ok()?,
            name: a.organisation.name,
            basis: a.basis,
        })
    });
    Ok(Some(SessionView {
        assurance: Assurance::from_acr(&s.acr),
        seconds_left: (s.ends_at - chrono::Utc::now()).num_seconds().max(0),
        idle_seconds: s.idle_timeout.num_seconds(),
        display_name: s.display_name,
        acting,
        staff: super::guard::is_staff(),
    }))
}
