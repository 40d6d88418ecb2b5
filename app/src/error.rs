//! The error every server function returns: typed, serialisable, and shown to the user by message id.
use crate::domain::validation::FieldError;
use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The input broke a domain rule; nothing was saved.
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    /// The request came from another site or otherwise may not be served.
    #[error("forbidden")]
    Forbidden,
    /// The action needs a logged-in user.
    #[error("login required")]
    LoginRequired,
    /// The action is for an organisation, and the user has not chosen one to act for.
    #[error("no organisation chosen")]
    ChooseOrganisation,
    /// The user's basis for acting does not allow this action.
    #[error("not permitted")]
    NotPermitted,
    /// The register no longer confirms the user's basis (a revoked mandate, an ended role).
    #[error("basis for acting has ended")]
    BasisEnded,
    /// Someone else changed the record after this user read it (`current` is its version now);
    /// nothing was saved.
    #[error("changed by someone else (now version {current})")]
    Conflict { current: i32 },
    /// Something must be in place first (the code-service data, another service in use).
    #[error("prerequisites not met: {0:?}")]
    Prerequisites(Vec<crate::domain::services::Prerequisite>),
    /// The change would leave a service in use without a required kind of contact.
    #[error("contacts required: {0:?}")]
    ContactsRequired(Vec<(crate::domain::services::KantaService, crate::domain::contacts::ContactKind)>),
    /// A billing file with problems; nothing of it was imported. `more`: problems not listed.
    #[error("import refused: {errors:?} and {more} more")]
    Import { errors: Vec<crate::domain::billing::RowError>, more: usize },
    /// Not possible in the record's present state (an application already sent, …).
    #[error("not possible now")]
    NotNow,
    /// No such record for this user (or not theirs to see).
    #[error("not found")]
    NotFound,
    /// Storage or another service we depend on failed; details are in the server log only.
    #[error("service unavailable")]
    Unavailable,
    /// The call did not reach the server function or its answer could not be read.
    #[error("transport: {0}")]
    Transport(String),
    /// The request could not be read: a form or file the server function cannot decode (a
    /// multipart body without its boundary, the wrong content type, a bad encoding, JSON nested
    /// too deep). Nothing was saved.
    #[error("malformed request: {0}")]
    Malformed(String),
    /// The body is larger than the server takes (`limit_kb`, in KiB); nothing was saved.
    #[error("request too large (limit {limit_kb} KiB)")]
    TooLarge { limit_kb: u32 },
    /// Too many requests of this kind from this address or session; try again after
    /// `retry_after` seconds.
    #[error("too many requests (retry after {retry_after} s)")]
    TooMany { retry_after: u32 },
}

impl AppError {
    pub fn message_id(&self) -> &'static str {
        match self {
            AppError::Invalid(_) => msg!("error-invalid"),
            AppError::Forbidden => msg!("error-forbidden"),
            AppError::LoginRequired => msg!("error-login-required"),
            AppError::ChooseOrganisation => msg!("error-choose-organisation"),
            AppError::NotPermitted => msg!("error-not-permitted"),
            AppError::BasisEnded => msg!("error-basis-ended"),
            AppError::Conflict { .. } => msg!("error-conflict"),
            AppError::NotNow => msg!("error-not-now"),
            AppError::Prerequisites(_) => msg!("error-prerequisites"),
            AppError::ContactsRequired(_) => msg!("error-contacts-required"),
            AppError::Import { .. } => msg!("error-import"),
            AppError::NotFound => msg!("error-not-found"),
            AppError::Unavailable => msg!("error-unavailable"),
            AppError::Transport(_) => msg!("error-transport"),
            AppError::Malformed(_) => msg!("error-malformed"),
            AppError::TooLarge { .. } => msg!("error-too-large"),
            AppError::TooMany { .. } => msg!("error-too-many"),
        }
    }

    /// The HTTP status the server answers with (the body is always this error as JSON).
    pub fn status(&self) -> u16 {
        match self {
            AppError::Invalid(_) | AppError::Prerequisites(_) | AppError::Import { .. } => 422,
            AppError::ContactsRequired(_) => 409,
            AppError::Forbidden | AppError::NotPermitted | AppError::BasisEnded => 403,
            AppError::LoginRequired => 401,
            AppError::ChooseOrganisation | AppError::Conflict { .. } | AppError::NotNow => 409,
            AppError::NotFound => 404,
            AppError::Unavailable => 503,
            AppError::Transport(_) | AppError::Malformed(_) => 400,
            AppError::TooLarge { .. } => 413,
            AppError::TooMany { .. } => 429,
        }
    }

    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            AppError::Invalid(errors) => errors,
            _ => &[],
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// On the server, what the caller sent that the server function could not decode is
    /// `Malformed` (400); everything else, and in the browser everything (an answer it cannot
    /// read may be a proxy's error page), is `Transport`.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_)
                if cfg!(feature = "ssr") =>
            {
                AppError::Malformed(value.to_string())
            }
            _ => AppError::Transport(value.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error");
        AppError::Unavailable
    }
}
