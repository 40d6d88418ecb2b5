//! The words for what the product records (`domain::records`), shown by server-rendered pages
//! only. Each match names every value, so a new one without words fails the build, and each
//! message id is checked in both languages by `app/tests/locales.rs`.
use crate::domain::{
    acting::Action,
    application::Command,
    records::{Act, ApplicantChange, AuditAction, ChangeKind, HistoryEvent},
};

/// An application's history event, in the past tense: what happened.
pub fn history_message(event: HistoryEvent) -> &'static str {
    match event {
        HistoryEvent::Changed(change) => match change {
            ApplicantChange::Created => msg!("history-created"),
            ApplicantChange::Signed => msg!("history-signed"),
            ApplicantChange::ServicesChanged => msg!("history-services-changed"),
            ApplicantChange::UnitAdded => msg!("history-unit-added"),
            ApplicantChange::UnitRemoved => msg!("history-unit-removed"),
            ApplicantChange::NoticeGiven => msg!("history-notice-given"),
            ApplicantChange::CoJoinerAdded => msg!("history-co-joiner-added"),
            ApplicantChange::CoJoinerRemoved => msg!("history-co-joiner-removed"),
            ApplicantChange::CoJoinerSigned => msg!("history-co-joiner-signed"),
        },
        HistoryEvent::Command(command) => match command {
            Command::Submit => msg!("history-submit"),
            Command::Withdraw => msg!("history-withdraw"),
            Command::Return => msg!("history-return"),
            Command::StartJointTesting => msg!("history-start-joint-testing"),
            Command::RecordTestResult => msg!("history-record-test-result"),
            Command::ApproveForProduction => msg!("history-approve"),
            Command::GoLive => msg!("history-go-live"),
            Command::Reject => msg!("history-reject"),
            Command::ConfirmNotice => msg!("history-confirm-notice"),
            Command::End => msg!("history-end"),
        },
    }
}

/// An audit line's action; an application's is its history event.
pub fn audit_message(action: AuditAction) -> &'static str {
    match action {
        AuditAction::Act(act) => match act {
            Act::Login => msg!("audit-login"),
            Act::Logout => msg!("audit-logout"),
            Act::ActingStarted => msg!("audit-acting-started"),
            Act::CodeServiceChecked => msg!("audit-code-service-checked"),
            Act::StaffDesk => msg!("audit-staff-desk"),
            Act::ContactAdded => msg!("audit-contact-added"),
            Act::ContactChanged => msg!("audit-contact-changed"),
            Act::ContactEnded => msg!("audit-contact-ended"),
            Act::TechnicalAdded => msg!("audit-technical-added"),
            Act::TechnicalEnded => msg!("audit-technical-ended"),
            Act::DataConfirmed => msg!("audit-data-confirmed"),
            Act::ChangeNoticeHandled => msg!("audit-change-notice-handled"),
            Act::ApplicationSaved => msg!("audit-application-saved"),
            Act::AgreementSigned => msg!("audit-agreement-signed"),
            Act::BillingImported => msg!("audit-billing-imported"),
            Act::SupportTaken => msg!("audit-support-taken"),
            Act::SupportAnswered => msg!("audit-support-answered"),
        },
        AuditAction::Attempted(action) => match action {
            Action::TakeServicesIntoUse => msg!("audit-take-services-into-use"),
            Action::SignAgreements => msg!("audit-sign-agreements"),
            Action::UpdateContactsAndTechnicalData => msg!("audit-update-contacts-and-technical-data"),
            Action::SeeBillingAndAdministrativeContent => msg!("audit-see-administrative-content"),
            Action::AdministerMandates => msg!("audit-administer-mandates"),
        },
        AuditAction::Application(event) => history_message(event),
    }
}

/// What a change-log line did.
pub fn change_message(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Added => msg!("change-added"),
        ChangeKind::Changed => msg!("change-changed"),
        ChangeKind::Ended => msg!("change-ended"),
        ChangeKind::Imported => msg!("change-imported"),
        ChangeKind::Confirmed => msg!("change-confirmed"),
        ChangeKind::Reminded => msg!("change-reminded"),
    }
}
