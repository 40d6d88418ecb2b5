//! Kanta staff's decisions on an application.
use super::transition;
use crate::{
    backend::{
        application_store::{Application, get},
        identity::{CurrentSession, Doer},
        mail::Mailing,
    },
    domain::{
        application::Command,
        validation::{Date, FieldError, Problem, long_text},
    },
    error::AppError,
};
use sea_orm::DatabaseConnection;

/// The longest comment staff may give with a decision, in characters (the column is text).
pub const COMMENT_MAX: u32 = 2000;

/// Kanta staff's commands; the comment is required where the applicant must be told why, the
/// go-live date on approval. The administrative contact is told with `mailing`.
#[allow(clippy::too_many_arguments)]
pub async fn staff_command(
    db: &DatabaseConnection,
    mailing: &Mailing,
    session: &CurrentSession,
    id: i32,
    version: i32,
    command: Command,
    comment: Option<String>,
    go_live: Option<Date>,
) -> Result<Application, AppError> {
    let current = get(db, id, None).await?;
    let mut problems = Vec::new();
    let comment = match comment.as_deref().map(|c| long_text(c, 0, COMMENT_MAX)).transpose() {
        Ok(comment) => comment.filter(|c| !c.is_empty()),
        Err(problem) => {
            problems.push(FieldError::new("comment", problem));
            None
        }
    };
    if command.needs_comment() && comment.is_none() && problems.is_empty() {
        problems.push(FieldError::new("comment", Problem::Required));
    }
    if command == Command::ApproveForProduction && go_live.is_none() {
        problems.push(FieldError::new("go_live", Problem::Required));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    // A notice is confirmed only when given, and the services end only once its last day is past.
    if matches!(command, Command::ConfirmNotice | Command::End) {
        let notice = crate::backend::termination::notice(db, id).await?.ok_or(AppError::NotNow)?;
        let last_day = Date::parse(&notice.end_on).map_err(|_| AppError::NotNow)?;
        if command == Command::End && crate::domain::calendar::today() <= last_day {
            return Err(AppError::NotNow);
        }
    }
    let go_live = go_live.filter(|_| command == Command::ApproveForProduction);
    let staff = Doer::Staff { person_id: session.person_id };
    transition(db, mailing, staff, current, version, command, comment, go_live).await
}
