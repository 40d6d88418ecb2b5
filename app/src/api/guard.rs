//! The one guard: who the user is, whom they act for, and whether their basis allows the action.
//! Every server function that reads or changes organisation data starts here. What a basis
//! allows is decided by `domain::acting::permits`, nowhere else.
use super::context::{acting_memo, current_session, db, registries, staff_members};
use crate::{
    backend::{
        acting::{self, Acting, Recheck},
        identity::{Audit, CurrentSession, audit},
    },
    domain::{
        acting::{Action, permits},
        records::Act,
    },
    error::AppError,
};

/// The logged-in user, or `LoginRequired`.
pub fn logged_in() -> Result<CurrentSession, AppError> {
    current_session().ok_or(AppError::LoginRequired)
}

/// A logged-in member of Kanta's staff, or `NotPermitted` (recorded) for anyone else.
pub async fn staff() -> Result<CurrentSession, AppError> {
    let session = logged_in()?;
    if session.hetu.as_ref().is_some_and(|h| staff_members().0.contains(h)) {
        return Ok(session);
    }
    let refused = Audit::new(session.doer(), Act::StaffDesk).denied();
    audit(&db()?, &refused).await?;
    Err(AppError::NotPermitted)
}

/// Whether the logged-in user is staff (to show the way to the desk; the desk checks again).
pub fn is_staff() -> bool {
    current_session().and_then(|s| s.hetu).is_some_and(|h| staff_members().0.contains(&h))
}

/// Allows `action` only for a logged-in user acting for an organisation on a basis that the
/// register has confirmed recently and that permits it. Refusals are recorded.
pub async fn acting_for(action: Action) -> Result<Acting, AppError> {
    let session = logged_in()?;
    let db = db()?;
    let registries = registries()?;
    let memo = acting_memo();
    let Some(now) = acting::acting_now(&db, &session, memo.as_ref()).await? else {
        return Err(AppError::ChooseOrganisation);
    };
    if now.row.checked_at + registries.recheck_after <= chrono::Utc::now() {
        match acting::recheck(&registries, &session, &now).await? {
            Recheck::Holds => acting::confirmed(&db, &session, memo.as_ref()).await?,
            found => {
                tracing::info!(organisation = now.organisation.ytunnus, ?found, "basis for acting no longer confirmed");
                acting::stop_acting(&db, &session, memo.as_ref(), &now, action, found).await?;
                return Err(match found {
                    Recheck::ChooseAgain => AppError::ChooseOrganisation,
                    _ => AppError::BasisEnded,
                });
            }
        }
    }
    if !permits(now.basis, now.kind, action) {
        audit(&db, &acting::denied(&session, &now, action).detail("not-permitted")).await?;
        return Err(AppError::NotPermitted);
    }
    Ok(Acting { session, now })
}
