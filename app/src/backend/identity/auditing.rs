//! Who did what: the doers the product records and the audit trail of people's actions.
use crate::{
    backend::entities::{audit_event, person},
    domain::{
        acting::Basis,
        records::{ActorKind, AuditAction},
    },
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set};

/// Who did or tried something the product records (the audit trail, an application's history,
/// the change log): a logged-in person, one acting for an organisation on their basis, a member
/// of Kanta's staff, or the product itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Doer {
    /// Logged in, acting for no organisation (logging in and out, choosing whom to act for).
    Person {
        person_id: i32,
    },
    Customer {
        person_id: i32,
        basis: Basis,
    },
    Staff {
        person_id: i32,
    },
    /// A reminder or another job of the product's own.
    System,
}

impl Doer {
    pub fn person_id(self) -> Option<i32> {
        match self {
            Doer::Person { person_id } | Doer::Customer { person_id, .. } | Doer::Staff { person_id } => {
                Some(person_id)
            }
            Doer::System => None,
        }
    }

    pub fn basis(self) -> Option<Basis> {
        match self {
            Doer::Customer { basis, .. } => Some(basis),
            Doer::Person { .. } | Doer::Staff { .. } | Doer::System => None,
        }
    }

    /// How the change log names it: a person not on the staff is a customer's.
    pub fn kind(self) -> ActorKind {
        match self {
            Doer::Person { .. } | Doer::Customer { .. } => ActorKind::Customer,
            Doer::Staff { .. } => ActorKind::Staff,
            Doer::System => ActorKind::System,
        }
    }
}

/// One line of the audit trail: who, for which organisation, what, and whether it was allowed.
/// Made by [`Audit::new`] and the methods after it.
pub struct Audit<'a> {
    pub doer: Doer,
    pub organisation_id: Option<i32>,
    pub action: AuditAction,
    pub detail: Option<&'a str>,
    pub allowed: bool,
}

impl<'a> Audit<'a> {
    /// `doer` did `action`, allowed, about no organisation and with no detail until said.
    pub fn new(doer: Doer, action: impl Into<AuditAction>) -> Audit<'a> {
        Audit { doer, organisation_id: None, action: action.into(), detail: None, allowed: true }
    }

    /// About `organisation_id`'s data or on its behalf.
    pub fn about(self, organisation_id: i32) -> Audit<'a> {
        Audit { organisation_id: Some(organisation_id), ..self }
    }

    /// With `detail` (an id, a hash, a reason): never personal data.
    pub fn detail(self, detail: &'a str) -> Audit<'a> {
        Audit { detail: Some(detail), ..self }
    }

    /// Tried and refused.
    pub fn denied(self) -> Audit<'a> {
        Audit { allowed: false, ..self }
    }
}

/// Writes `entry`. The audit trail is of people: the product's own jobs write none.
pub async fn audit(db: &impl ConnectionTrait, entry: &Audit<'_>) -> Result<(), DbErr> {
    let Some(person_id) = entry.doer.person_id() else { return Ok(()) };
    audit_event::ActiveModel {
        at: Set(Utc::now()),
        person_id: Set(Some(person_id)),
        organisation_id: Set(entry.organisation_id),
        basis: Set(entry.doer.basis().map(Basis::code)),
        outcome: Set(if entry.allowed { "allowed" } else { "denied" }.into()),
        action: Set(entry.action.code()),
        detail: Set(entry.detail.map(Into::into)),
        ..Default::default()
    }
    .insert(db)
    .await
    .map(|_| ())
}

/// One page of `organisation_id`'s audit trail, newest first: the events before event `before`
/// (from the newest when `None`), each with the person who acted; and the id to ask for the
/// next, older page with, if there is one. Keyset pagination on the index
/// `audit_event_organisation_id` (organisation, id): the same cost on any page.
pub async fn trail(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    before: Option<i64>,
) -> Result<(Vec<(audit_event::Model, Option<person::Model>)>, Option<i64>), DbErr> {
    use sea_orm::{QueryOrder, QuerySelect};
    let mut query = audit_event::Entity::find().filter(audit_event::Column::OrganisationId.eq(organisation_id));
    if let Some(before) = before {
        query = query.filter(audit_event::Column::Id.lt(before));
    }
    let mut events = query
        .order_by_desc(audit_event::Column::Id)
        .limit(crate::backend::PAGE + 1)
        .find_also_related(person::Entity)
        .all(db)
        .await?;
    let older = crate::backend::cut_to_page(&mut events).map(|(e, _)| e.id);
    Ok((events, older))
}
