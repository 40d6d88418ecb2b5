//! The words for what the product records (`domain::records`) and for the fields it names
//! (`field_label`), shown by server-rendered pages only. Each match names every value, so a new one without words fails the build, and each
//! message id is checked in both languages by `app/tests/locales.rs`.
use crate::{
    domain::{
        acting::Action,
        application::Command,
        records::{Act, ApplicantChange, AuditAction, ChangeKind, ChangeSubject, HistoryEvent},
    },
    i18n::tr,
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

/// A field's label, the same as on the form it is entered in, wherever a field is named: a
/// refused form's problems, the change history. `subject`, when known, tells a contact's role
/// (`kind` on the contacts form) from a technical item's kind (`kind` on the technical form).
pub fn field_label(field: &str, subject: Option<ChangeSubject>) -> String {
    if let Some(field) = crate::wizard::application::APPLICATION.field(field) {
        return tr(field.label);
    }
    let kind = match subject {
        Some(ChangeSubject::Contact) => msg!("contact-kind"),
        Some(ChangeSubject::Technical) => msg!("technical-kind"),
        _ => msg!("field-kind"),
    };
    tr(match field {
        "kind" => kind,
        "name" => msg!("field-name"),
        "email" => msg!("field-email"),
        "phone" => msg!("field-phone"),
        "service" => msg!("field-service"),
        "services" => msg!("field-services"),
        "oid" => msg!("field-oid"),
        "expires" => msg!("technical-expires"),
        "valid_from" => msg!("field-valid-from"),
        "valid_to" => msg!("field-valid-to"),
        "takes_effect" => msg!("field-takes-effect"),
        "version" | "product_version" => msg!("field-version"),
        "vendor" => msg!("field-vendor"),
        "file" => msg!("field-file"),
        "number" => msg!("invoice-number"),
        "total" => msg!("invoice-total"),
        "comment" => msg!("staff-comment"),
        "answer" => msg!("support-desk-answer"),
        "go_live" => msg!("staff-go-live"),
        "agreement" => msg!("agreement-heading"),
        _ => msg!("field-other"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, lookup};

    /// Refused forms and the change history name a field as its form does.
    #[test]
    fn a_field_is_named_as_on_its_form() {
        let fi = |id: &str| lookup(Lang::Fi, id, None);
        assert_eq!(field_label("kind", Some(ChangeSubject::Contact)), fi("contact-kind"));
        assert_eq!(field_label("kind", Some(ChangeSubject::Technical)), fi("technical-kind"));
        assert_eq!(field_label("expires", None), fi("technical-expires"));
        assert_eq!(field_label("admin_email", None), fi("application-admin-email"));
        assert_eq!(field_label("no_such_field", None), fi("field-other"));
    }
}
