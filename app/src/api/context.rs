//! What the server put in the request for the server functions: the database, the registers, the
//! session and its acting memo, the staff list, the mail settings and the mailer. Only this layer reads the
//! request context; the backend is given what it needs as parameters.
use crate::{
    backend::{
        acting::ActingMemo,
        identity::CurrentSession,
        mail::{MailSettings, MailerWake, Mailing},
        registry::Registries,
    },
    error::AppError,
};
use leptos::prelude::use_context;
use sea_orm::DatabaseConnection;

/// The people who work at Kanta's desk, by identity code: configuration, not data anyone here can change.
#[derive(Clone, Debug, Default)]
pub struct StaffMembers(pub Vec<crate::domain::hetu::Hetu>);

/// The staff list the server put in the request context; empty without one (no one is staff).
pub fn staff_members() -> StaffMembers {
    use_context::<StaffMembers>().unwrap_or_default()
}

/// The database handle the server put in the request context; `Unavailable` (logged) without one.
pub fn db() -> Result<DatabaseConnection, AppError> {
    use_context::<DatabaseConnection>().ok_or_else(|| {
        tracing::error!("no database connection in the request context");
        AppError::Unavailable
    })
}

/// The registers the server put in the request context; `Unavailable` (logged) without them.
pub fn registries() -> Result<Registries, AppError> {
    use_context::<Registries>().ok_or_else(|| {
        tracing::error!("no registries in the request context");
        AppError::Unavailable
    })
}

/// The current request's session, if the user is logged in.
pub fn current_session() -> Option<CurrentSession> {
    use_context::<http::request::Parts>()?.extensions.get::<CurrentSession>().cloned()
}

/// This request's acting memo, when it runs in a request the server's session middleware prepared.
pub fn acting_memo() -> Option<ActingMemo> {
    use_context::<http::request::Parts>()?.extensions.get::<ActingMemo>().cloned()
}

/// The mail settings the server put in the request context; `Unavailable` without them.
pub fn mail_settings() -> Result<MailSettings, AppError> {
    use_context::<MailSettings>().ok_or(AppError::Unavailable)
}

/// What a backend change that may send mail needs: the mail settings and the mailer to wake,
/// each as far as the server put them in the request context.
pub fn mailing() -> Mailing {
    Mailing { settings: use_context::<MailSettings>(), wake: use_context::<MailerWake>() }
}
