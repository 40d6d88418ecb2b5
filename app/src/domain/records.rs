//! What the product records, as closed vocabularies: an application's history, the audit trail
//! and the change log of customer data. Each value is stored by its code; the pages that show
//! them give each its words (`components::records`), in a match a new value cannot slip past.
use super::{acting::Action, application::Command};
use serde::{Deserialize, Serialize};

coded_enum! {
    /// Whose change a change-log line records (`change_log.actor`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ActorKind {
        /// One of the organisation's people, on their basis for acting.
        Customer = "customer",
        /// A member of Kanta's staff.
        Staff = "staff",
        /// The product itself (a reminder).
        System = "system",
    }
}

coded_enum! {
    /// What an applicant did to an application, besides the commands.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ApplicantChange {
        Created = "created",
        Signed = "signed",
        ServicesChanged = "services-changed",
        UnitAdded = "unit-added",
        UnitRemoved = "unit-removed",
        /// A termination notice signed (`termination_notice`).
        NoticeGiven = "notice-given",
        /// Joint joining (`joint_member`): a co-joiner named, taken off, or its acceptance signed
        /// (by the co-joiner's own acting person).
        CoJoinerAdded = "co-joiner-added",
        CoJoinerRemoved = "co-joiner-removed",
        CoJoinerSigned = "co-joiner-signed",
    }
}

/// One entry of an application's history (`application_event.kind`), as its timeline shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum HistoryEvent {
    Changed(ApplicantChange),
    /// A command's code is the event's (`submit`, `approve`, …).
    Command(Command),
}

impl HistoryEvent {
    pub fn code(self) -> &'static str {
        match self {
            HistoryEvent::Changed(change) => change.code(),
            HistoryEvent::Command(command) => command.code(),
        }
    }

    pub fn from_code(code: &str) -> Option<HistoryEvent> {
        ApplicantChange::from_code(code)
            .map(HistoryEvent::Changed)
            .or_else(|| Command::from_code(code).map(HistoryEvent::Command))
    }
}

coded_enum! {
    /// Audited acts that are neither a permission asked for nor an application's history.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Act {
        Login = "login",
        Logout = "logout",
        ActingStarted = "acting-started",
        CodeServiceChecked = "code-service-checked",
        /// Opening Kanta's staff desk (audited when refused).
        StaffDesk = "staff-desk",
        ContactAdded = "contact-added",
        ContactChanged = "contact-changed",
        ContactEnded = "contact-ended",
        TechnicalAdded = "technical-added",
        TechnicalEnded = "technical-ended",
        DataConfirmed = "data-confirmed",
        ChangeNoticeHandled = "change-notice-handled",
        ApplicationSaved = "application-saved",
        AgreementSigned = "agreement-signed",
        BillingImported = "billing-imported",
        SupportTaken = "support-taken",
        SupportAnswered = "support-answered",
    }
}

/// What an audit-trail line (`audit_event.action`) says was done or tried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    Act(Act),
    /// A permission asked for; a denied line names what was tried.
    Attempted(Action),
    /// An application's history event, stored as `application-<event>`.
    Application(HistoryEvent),
}

impl From<Act> for AuditAction {
    fn from(act: Act) -> AuditAction {
        AuditAction::Act(act)
    }
}

impl From<Action> for AuditAction {
    fn from(action: Action) -> AuditAction {
        AuditAction::Attempted(action)
    }
}

impl From<HistoryEvent> for AuditAction {
    fn from(event: HistoryEvent) -> AuditAction {
        AuditAction::Application(event)
    }
}

impl AuditAction {
    const APPLICATION: &str = "application-";

    pub fn code(self) -> String {
        match self {
            AuditAction::Act(act) => act.code().into(),
            AuditAction::Attempted(action) => action.code().into(),
            AuditAction::Application(event) => format!("{}{}", Self::APPLICATION, event.code()),
        }
    }

    /// `None` for a code no version of the product wrote.
    pub fn from_code(code: &str) -> Option<AuditAction> {
        Act::from_code(code)
            .map(AuditAction::Act)
            .or_else(|| Action::ALL.into_iter().find(|a| a.code() == code).map(AuditAction::Attempted))
            .or_else(|| HistoryEvent::from_code(code.strip_prefix(Self::APPLICATION)?).map(AuditAction::Application))
    }
}

coded_enum! {
    /// What a change-log line (`change_log.kind`) did to its subject.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ChangeKind {
        Added = "added",
        Changed = "changed",
        Ended = "ended",
        Imported = "imported",
        /// The organisation's data confirmed current.
        Confirmed = "confirmed",
        /// The organisation reminded that its data needs attention.
        Reminded = "reminded",
    }
}

coded_enum! {
    /// What a change-log line is about (`change_log.subject`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ChangeSubject {
        Contact = "contact",
        Technical = "technical",
        Invoice = "invoice",
        Organisation = "organisation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every value reads back from the code it is stored by, and no two share a code: the codes
    /// the product wrote before these types (rows already stored) are the codes kept.
    #[test]
    fn codes_read_back_and_are_unique() {
        let mut audit: Vec<AuditAction> = Act::ALL.into_iter().map(AuditAction::Act).collect();
        audit.extend(Action::ALL.into_iter().map(AuditAction::Attempted));
        let events: Vec<HistoryEvent> = ApplicantChange::ALL
            .into_iter()
            .map(HistoryEvent::Changed)
            .chain(Command::ALL.into_iter().map(HistoryEvent::Command))
            .collect();
        audit.extend(events.iter().copied().map(AuditAction::Application));
        for a in &audit {
            assert_eq!(AuditAction::from_code(&a.code()), Some(*a), "{a:?}");
        }
        let codes: std::collections::HashSet<String> = audit.iter().map(|a| a.code()).collect();
        assert_eq!(codes.len(), audit.len());
        for e in &events {
            assert_eq!(HistoryEvent::from_code(e.code()), Some(*e));
        }
        let stored =
            ["login", "acting-started", "application-created", "application-submit", "see-administrative-content"];
        assert!(stored.iter().all(|code| AuditAction::from_code(code).is_some()));
        assert_eq!(AuditAction::from_code("application-saved"), Some(AuditAction::Act(Act::ApplicationSaved)));
        assert_eq!(AuditAction::from_code("something-else"), None);
        for s in ChangeSubject::ALL {
            assert_eq!(ChangeSubject::from_code(s.code()), Some(s));
        }
    }
}
