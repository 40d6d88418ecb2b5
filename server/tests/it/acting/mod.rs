//! Acting for an organisation, over real HTTP against the sandbox registers on both databases:
//! every way a person gets a basis (trade register, professional registers, a mandate to the
//! person or to their company), the ones who get none, a revoked, incomplete or expired mandate,
//! the routes e-Authorizations answers, and the matrix of every server function against every basis.
// MATRIX names every server function.
use crate::common::api::*;
use crate::common::{
    TestApp,
    browser::{Browser, Page, form_fields},
};
use app::{
    backend::entities::audit_event,
    domain::acting::Action,
    i18n::{Lang, lookup},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::collections::BTreeSet;

mod e_authorizations;
mod mandates;
mod matrix;
mod paging;
mod registers;

// The tests by theme, named here so that each keeps its name (`acting::<test>::sqlite`).
use e_authorizations::{
    an_ended_e_authorizations_session_means_choosing_again,
    e_authorizations_answers_only_the_routes_of_the_real_service, e_authorizations_refuses_unsigned_calls,
};
use mandates::{
    a_confirmation_is_trusted_only_for_the_configured_time, a_mandate_made_incomplete_ends_at_the_next_check,
    a_principal_with_roles_in_e_authorizations, an_incomplete_mandate_is_refused_with_its_own_message,
    company_mandate_lets_its_managing_director_act, mandate_chosen_in_e_authorizations_then_revoked,
};
use matrix::every_server_function_against_every_basis;
use paging::{seeded_data_is_read_as_the_products_own, the_audit_trail_is_read_a_page_at_a_time};
use registers::{
    a_register_that_does_not_answer_is_explained, managing_director_acts_at_once,
    no_basis_is_explained_and_choosing_anyway_is_refused, pharmacist_and_self_employed_act_for_themselves,
    the_chooser_follows_only_local_paths,
};

on_both_databases!(
    managing_director_acts_at_once,
    pharmacist_and_self_employed_act_for_themselves,
    no_basis_is_explained_and_choosing_anyway_is_refused,
    company_mandate_lets_its_managing_director_act,
    e_authorizations_refuses_unsigned_calls,
    e_authorizations_answers_only_the_routes_of_the_real_service,
    a_principal_with_roles_in_e_authorizations,
    an_incomplete_mandate_is_refused_with_its_own_message,
    the_chooser_follows_only_local_paths,
    the_audit_trail_is_read_a_page_at_a_time,
    seeded_data_is_read_as_the_products_own,
);
on_both_databases!(
    with [("KANTA_ACTING_RECHECK_SECONDS", "0")];
    every_server_function_against_every_basis,
    mandate_chosen_in_e_authorizations_then_revoked,
    a_mandate_made_incomplete_ends_at_the_next_check,
    an_ended_e_authorizations_session_means_choosing_again,
);
on_both_databases!(with [("KANTA_ACTING_RECHECK_SECONDS", "3")]; a_confirmation_is_trusted_only_for_the_configured_time);
// Nothing listens on the discard port: the trade register is down.
on_both_databases!(with [("KANTA_TRADE_REGISTER_URL", "http://127.0.0.1:9")]; a_register_that_does_not_answer_is_explained);

/// What a server function needs from its caller.
#[derive(Clone, Copy, Debug)]
enum Needs {
    Nothing,
    Login,
    Acting(Action),
    /// Kanta's staff (`KANTA_STAFF`; in the sandbox p10).
    Staff,
}

/// Every server function of the app, with what it needs and a body to call it with. A new
/// server function fails `every_server_function_is_in_the_matrix` until it is added here.
type Fields = &'static [(&'static str, &'static str)];
const MATRIX: &[(&str, Needs, Fields)] = &[
    (SessionStatus::PATH, Needs::Nothing, &[]),
    (SendSupportRequest::PATH, Needs::Nothing, &[]),
    (ActingChoices::PATH, Needs::Login, &[]),
    (ChooseOrganisation::PATH, Needs::Login, &[("ytunnus", "3141590-3")]),
    (OrganisationOverview::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[]),
    (OrganisationAudit::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[]),
    (CheckCodeService::PATH, Needs::Acting(Action::UpdateContactsAndTechnicalData), &[]),
    (Dashboard::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[]),
    (GetApplication::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("id", "0")]),
    (AgreementPdf::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("id", "0")]),
    (NoticePdf::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("id", "0")]),
    (
        InviteCoJoiner::PATH,
        Needs::Acting(Action::TakeServicesIntoUse),
        &[("id", "0"), ("version", "1"), ("co_joiner", "3141917-0")],
    ),
    (
        RemoveCoJoiner::PATH,
        Needs::Acting(Action::TakeServicesIntoUse),
        &[("id", "0"), ("version", "1"), ("member", "0")],
    ),
    (Acceptance::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("member", "0")]),
    (Accept::PATH, Needs::Acting(Action::SignAgreements), &[("member", "0"), ("hash", "0")]),
    (StartApplication::PATH, Needs::Acting(Action::TakeServicesIntoUse), &[("services[test-environment]", "on")]),
    (
        AddUnit::PATH,
        Needs::Acting(Action::TakeServicesIntoUse),
        &[("id", "0"), ("version", "1"), ("unit_name", "x"), ("unit_oid", "1.2.246.10.31415903.10.2")],
    ),
    (RemoveUnit::PATH, Needs::Acting(Action::TakeServicesIntoUse), &[("id", "0"), ("version", "1"), ("unit", "0")]),
    (
        ChangeServices::PATH,
        Needs::Acting(Action::TakeServicesIntoUse),
        &[("id", "0"), ("version", "1"), ("services[patient-data]", "on")],
    ),
    (
        SaveApplication::PATH,
        Needs::Acting(Action::TakeServicesIntoUse),
        &[("id", "0"), ("version", "1"), ("answers[unit_name]", "x")],
    ),
    (SignAgreement::PATH, Needs::Acting(Action::SignAgreements), &[("id", "0"), ("version", "1"), ("hash", "x")]),
    (NoticeText::PATH, Needs::Acting(Action::SignAgreements), &[("id", "0"), ("end_on", "2099-01-01")]),
    (
        GiveNotice::PATH,
        Needs::Acting(Action::SignAgreements),
        &[("id", "0"), ("version", "1"), ("end_on", "2099-01-01"), ("hash", "x")],
    ),
    (
        ApplicantCommand::PATH,
        Needs::Acting(Action::TakeServicesIntoUse),
        &[("id", "0"), ("version", "1"), ("command", "submit")],
    ),
    (CustomerData::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("confirmations_before", "")]),
    (
        AddContact::PATH,
        Needs::Acting(Action::UpdateContactsAndTechnicalData),
        &[("contact[kind]", "technical"), ("contact[name]", "x")],
    ),
    (
        ChangeContact::PATH,
        Needs::Acting(Action::UpdateContactsAndTechnicalData),
        &[("id", "0"), ("version", "1"), ("contact[kind]", "technical")],
    ),
    (EndContact::PATH, Needs::Acting(Action::UpdateContactsAndTechnicalData), &[("id", "0"), ("version", "1")]),
    (
        AddTechnical::PATH,
        Needs::Acting(Action::UpdateContactsAndTechnicalData),
        &[("item[service]", "x"), ("item[kind]", "x"), ("item[name]", "x"), ("item[takes_effect]", "x")],
    ),
    (
        EndTechnical::PATH,
        Needs::Acting(Action::UpdateContactsAndTechnicalData),
        &[("id", "0"), ("version", "1"), ("takes_effect", "x")],
    ),
    (ConfirmData::PATH, Needs::Acting(Action::UpdateContactsAndTechnicalData), &[]),
    (Billing::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("before", "")]),
    (Invoice::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("id", "0")]),
    (InvoicePdf::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[("id", "0")]),
    (BillingCsv::PATH, Needs::Acting(Action::SeeBillingAndAdministrativeContent), &[]),
    (ImportBilling::PATH, Needs::Staff, &[]),
    (BillingImports::PATH, Needs::Staff, &[]),
    (ChangeNotices::PATH, Needs::Staff, &[]),
    (HandleNotice::PATH, Needs::Staff, &[("id", "0")]),
    (StaffMail::PATH, Needs::Staff, &[]),
    (SendMailAgain::PATH, Needs::Staff, &[("id", "0")]),
    (SendAllMailAgain::PATH, Needs::Staff, &[]),
    (StaffQueue::PATH, Needs::Staff, &[("service", ""), ("state", ""), ("min_age", ""), ("after", "")]),
    (StaffApplication::PATH, Needs::Staff, &[("id", "0")]),
    (TerminationNotices::PATH, Needs::Staff, &[]),
    (SupportDesk::PATH, Needs::Staff, &[("status", ""), ("topic", ""), ("after", "")]),
    (SupportRequest::PATH, Needs::Staff, &[("id", "0")]),
    (TakeSupportRequest::PATH, Needs::Staff, &[("id", "0"), ("version", "0")]),
    (AnswerSupportRequest::PATH, Needs::Staff, &[("id", "0"), ("version", "0"), ("answer", "x")]),
    (
        StaffCommand::PATH,
        Needs::Staff,
        &[("id", "0"), ("version", "1"), ("command", "return"), ("comment", "x"), ("go_live", "")],
    ),
];

#[test]
fn every_server_function_is_in_the_matrix() {
    // Linking the app registers its server functions.
    let _ = server::router;
    let registered: BTreeSet<String> =
        leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    let listed: BTreeSet<String> = MATRIX.iter().map(|(path, _, _)| path.to_string()).collect();
    assert_eq!(registered, listed, "add each new server function to MATRIX with what it needs");
}

/// Picks `principal` in the sandbox e-Authorizations chooser; returns where the browser lands.
async fn choose_with_mandate(browser: &Browser, principal: &str) -> Page {
    let chooser = browser.get("/auth/mandates").await;
    assert!(chooser.url.contains("/sandbox/valtuudet/oauth/authorize?"), "{:?}", chooser.trail);
    let fields = form_fields(&chooser.body, &[("principal", principal), ("action", "choose")]);
    browser.post_form("/sandbox/valtuudet/oauth/authorize", &fields).await
}

fn fi(id: &str) -> String {
    lookup(Lang::Fi, id, None)
}

async fn audit_actions(app: &TestApp, outcome: &str) -> Vec<String> {
    audit_event::Entity::find()
        .filter(audit_event::Column::Outcome.eq(outcome))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| format!("{} {}", e.action, e.basis.unwrap_or_default()))
        .collect()
}

/// What a tester does to mandate row `index` on the sandbox's page: `revoke`, `restore`,
/// `incomplete` (awaiting a joint signature) or `complete`.
async fn tester(browser: &Browser, action: &str, index: usize) {
    let page = browser
        .post_form("/sandbox/valtuudet-admin", &[("action".into(), action.into()), ("index".into(), index.to_string())])
        .await;
    assert_eq!(page.status, StatusCode::OK);
}

/// The one audit event that `condition` picks.
async fn the_audit_event(app: &TestApp, condition: sea_orm::sea_query::SimpleExpr) -> audit_event::Model {
    audit_event::Entity::find().filter(condition).one(&app.db).await.unwrap().expect("an audit event")
}
