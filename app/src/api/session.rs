//! Who is logged in, for the header and the pages that need login. Asking also keeps the
//! session alive: the server's session middleware marks it used on every request.
use crate::{
    domain::{acting::Basis, assurance::Assurance, ytunnus::YTunnus},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Why a login did not complete; each has its own page text. Details go to the log only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoginFailure {
    /// No login of this browser was waiting, or `state` did not match it.
    State,
    /// The user cancelled at the identity provider.
    Cancelled,
    /// The provider answered with an error, or the code exchange failed.
    Provider,
    /// The ID token failed validation (signature, issuer, audience, expiry, nonce).
    Token,
    /// The identification was below the required level of assurance.
    Assurance,
    /// The provider's answer lacked a valid personal identity code or name.
    Identity,
    /// The provider or our database could not be reached.
    Unavailable,
}

impl LoginFailure {
    pub const ALL: [LoginFailure; 7] = [
        LoginFailure::State,
        LoginFailure::Cancelled,
        LoginFailure::Provider,
        LoginFailure::Token,
        LoginFailure::Assurance,
        LoginFailure::Identity,
        LoginFailure::Unavailable,
    ];

    /// The `reason` on the failure page's URL.
    pub fn code(self) -> &'static str {
        match self {
            LoginFailure::State => "state",
            LoginFailure::Cancelled => "cancelled",
            LoginFailure::Provider => "provider",
            LoginFailure::Token => "token",
            LoginFailure::Assurance => "assurance",
            LoginFailure::Identity => "identity",
            LoginFailure::Unavailable => "unavailable",
        }
    }

    pub fn from_code(code: &str) -> Option<LoginFailure> {
        LoginFailure::ALL.into_iter().find(|f| f.code() == code)
    }

    pub fn message_id(self) -> &'static str {
        match self {
            LoginFailure::State => msg!("login-failed-state"),
            LoginFailure::Cancelled => msg!("login-failed-cancelled"),
            LoginFailure::Provider => msg!("login-failed-provider"),
            LoginFailure::Token => msg!("login-failed-token"),
            LoginFailure::Assurance => msg!("login-failed-assurance"),
            LoginFailure::Identity => msg!("login-failed-identity"),
            LoginFailure::Unavailable => msg!("login-failed-unavailable"),
        }
    }
}

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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActingView {
    pub name: String,
    pub ytunnus: YTunnus,
    pub basis: Basis,
}

#[server(endpoint = "session/status")]
pub async fn session_status() -> Result<Option<SessionView>, AppError> {
    let Some(s) = crate::backend::identity::current_session() else {
        return Ok(None);
    };
    let acting = crate::backend::acting::acting_now(&crate::backend::db()?, &s).await?.and_then(|a| {
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
    }))
}
