//! Taking services into use: the applicant's changes, signing and sending, and the staff's
//! decisions. Every change is one transaction with its history event, its audit line and any
//! e-mail it causes; every change of state goes through `domain::application::apply`; every
//! change names the version it was made on and fails with `Conflict` if someone else changed it
//! first (`application_store`). The applicant's changes to a draft are in `changes`, signing and
//! the applicant's commands in `submission`, the staff's in `decisions`; both kinds of command go
//! through `transition` here.
mod changes;
mod decisions;
mod submission;

use super::{
    application_store::{Application, bump, event, in_production, list},
    identity::{Audit, Doer, audit},
    mail,
};
use crate::{
    domain::{
        application::{Command, State, Track, apply},
        records::HistoryEvent,
        validation::Date,
    },
    error::AppError,
};
pub use changes::{add_unit, change_services, create, remove_unit, save};
pub use decisions::{COMMENT_MAX, staff_command};
use sea_orm::{DatabaseConnection, Set};
pub use submission::{applicant_command, sign, takeover_unmet, unmet};

/// A command through the state machine: the new state, the history event, the audit line and
/// the applicant's e-mail (with `mailing`, whose mailer is woken after commit), in one transaction.
#[allow(clippy::too_many_arguments)]
async fn transition(
    db: &DatabaseConnection,
    mailing: &mail::Mailing,
    doer: Doer,
    current: Application,
    version: i32,
    command: Command,
    comment: Option<String>,
    go_live: Option<Date>,
) -> Result<Application, AppError> {
    let next = apply(Track::of(&current.services), current.state, super::application_store::actor(doer)?, command)
        .map_err(|refusal| match refusal {
            crate::domain::application::Refusal::NotYours => AppError::NotPermitted,
            crate::domain::application::Refusal::NotNow => AppError::NotNow,
        })?;
    if current.row.version != version {
        return Err(AppError::Conflict { current: current.row.version });
    }
    let txn = super::begin_write(db).await?;
    let row = bump(&txn, &current, version, |a| {
        a.state = Set(next.code().into());
        if let Some(date) = go_live {
            a.go_live_on = Set(Some(date.to_string()));
        }
    })
    .await?;
    let kind = HistoryEvent::Command(command);
    event(&txn, &row, doer, kind, Some(current.state), comment.as_deref()).await?;
    audit(&txn, &Audit::new(doer, kind).about(row.organisation_id).detail(&row.id.to_string())).await?;
    let changed = Application::from_row(row)?;
    if next == State::InProduction {
        super::customer_data::take_over(&txn, doer, &changed).await?;
    }
    let tell = next != current.state || command == Command::RecordTestResult;
    if tell {
        mail::application_changed(&txn, mailing.settings.as_ref(), &changed, command, comment.as_deref()).await?;
    }
    // The last service ended ends the customer relationship; billing and history stay.
    if next == State::Ended && in_production(&list(&txn, changed.row.organisation_id).await?).is_empty() {
        mail::relationship_ended(&txn, mailing.settings.as_ref(), &changed).await?;
    }
    txn.commit().await?;
    if tell {
        mailing.wake();
    }
    Ok(changed)
}
