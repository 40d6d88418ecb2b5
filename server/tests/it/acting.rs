//! Acting for an organisation, over real HTTP against the sandbox registers on both databases:
//! every way a person gets a basis (trade register, professional registers, a mandate to the
//! person or to their company), the ones who get none, a revoked, incomplete or expired mandate,
//! the routes e-Authorizations answers, and the matrix of every server function against every basis.
// MATRIX names every server function.
use crate::common::api::*;
use crate::common::{
    TestApp,
    browser::{Browser, NO_FIELDS, Page, form_fields, log_in},
};
use app::{
    backend::entities::{acting, audit_event, change_log, invoice},
    domain::acting::{Action, Basis, MandateIssue, OrganisationKind, TradeRegisterRole, permits},
    i18n::{Lang, lookup},
};
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::BTreeSet;

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

async fn managing_director_acts_at_once(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p01").await;
    assert!(page.url.ends_with("/organisation"), "one organisation: straight on: {:?}", page.trail);
    assert!(page.body.contains("Lähiklinikka Oy") && page.body.contains("3141590-3"));
    assert!(page.body.contains(&fi("basis-managing-director")));
    assert!(page.body.contains(&fi("code-service-current")));
    assert!(page.body.contains(&lookup(
        Lang::Fi,
        "acting-for",
        Some(&[("name", "Lähiklinikka Oy")].into_iter().collect())
    )));
    // The audit trail says who, for whom and on which basis.
    assert!(page.body.contains(&fi("audit-acting-started")));
    assert_eq!(audit_actions(&app, "allowed").await, ["login ", "acting-started trade:toimitusjohtaja"]);
    let (status, body) = browser.call(CheckCodeService::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let logged = the_audit_event(&app, audit_event::Column::Action.eq("code-service-checked")).await;
    assert!(logged.organisation_id.is_some() && logged.person_id.is_some());
    assert_eq!(logged.basis.as_deref(), Some("trade:toimitusjohtaja"));
}

async fn pharmacist_and_self_employed_act_for_themselves(app: TestApp) {
    for (person, organisation, basis) in [
        ("p05", "Rantapuiston apteekki", "basis-pharmacist"),
        ("p06", "Johan Sjöberg (self-employed)", "basis-self-employed"),
        ("p12", "Hoivakoti Aurinko Oy", "basis-vice-managing-director"),
    ] {
        let browser = Browser::new(&app.base);
        let page = log_in(&browser, person).await;
        assert!(page.url.ends_with("/organisation"), "{person}: {:?}", page.trail);
        assert!(page.body.contains(organisation) && page.body.contains(&fi(basis)), "{person}");
    }
    // Hoivakoti's data in the code service is outdated: the page says what to do.
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p12").await;
    assert!(page.body.contains(&fi("code-service-outdated")));
}

async fn no_basis_is_explained_and_choosing_anyway_is_refused(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p09").await;
    assert!(page.url.ends_with("/organisations"), "{:?}", page.trail);
    assert!(page.body.contains(&fi("organisations-none")));
    assert!(page.body.contains("/auth/mandates"), "the way to act with a mandate");
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");

    // A board member is told why their role is not enough; choosing by business ID is refused.
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p11").await;
    assert!(page.url.ends_with("/organisations"), "{:?}", page.trail);
    assert!(page.body.contains("Lähiklinikka Oy (3141590-3)"), "role without right named");
    let (status, body) = browser.call(ChooseOrganisation::PATH, &[("ytunnus", "3141590-3")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("NotPermitted"), "{body}");
    assert_eq!(acting::Entity::find().count(&app.db).await.unwrap(), 0);
    assert_eq!(audit_actions(&app, "denied").await, ["acting-started "]);
    let (status, _) = browser.call(ChooseOrganisation::PATH, &[("ytunnus", "3141590-4")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a bad business ID is invalid input");
}

async fn mandate_chosen_in_e_authorizations_then_revoked(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p04").await;
    assert!(page.url.ends_with("/organisations"), "no register basis: {:?}", page.trail);
    let chooser = browser.get("/auth/mandates").await;
    assert!(chooser.body.contains("Lähiklinikka Oy"), "active mandate listed");
    assert!(!chooser.body.contains("Hoivakoti Aurinko Oy"), "revoked mandate not listed");
    let page = choose_with_mandate(&browser, "o01").await;
    assert!(page.url.ends_with("/organisation"), "{:?}", page.trail);
    assert!(page.body.contains(&fi("basis-mandate")));
    let row = acting::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.basis, "mandate");
    assert!(row.mandate_session.is_some(), "kept on the server to ask again");
    assert!(!page.body.contains(row.mandate_session.as_deref().unwrap()), "never shown to the browser");

    // The tester revokes the mandate in the sandbox's Suomi.fi service.
    let admin = browser.get("/sandbox/valtuudet-admin").await;
    assert!(admin.body.contains("Mikko Nieminen"));
    tester(&browser, "revoke", 0).await;
    // Asked again at every action here (the default is after a few minutes): refused, and said why.
    let (status, body) = browser.call(CheckCodeService::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("BasisEnded"), "{body}");
    assert_eq!(acting::Entity::find().count(&app.db).await.unwrap(), 0, "no longer acting");
    assert_eq!(audit_actions(&app, "denied").await, ["update-contacts-and-technical-data mandate"]);
    let page = browser.get("/organisation").await;
    assert!(page.body.contains(&fi("error-choose-organisation")), "{}", page.body);
    // Choosing the same organisation again is refused by e-Authorizations itself.
    let page = browser.get("/auth/mandates").await;
    assert!(!page.body.contains("Lähiklinikka Oy"));
}

async fn company_mandate_lets_its_managing_director_act(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p07").await;
    assert!(page.body.contains("Terveysdata Oy"), "her own company first: {:?}", page.trail);
    assert!(page.body.contains(&fi("code-service-not-health-care")));
    let page = choose_with_mandate(&browser, "o08").await;
    assert!(page.body.contains("Kotihoito Helmi ry"), "{:?}", page.trail);
    assert!(page.body.contains(&fi("basis-mandate")));
    let row = acting::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.basis, "mandate", "organizationRoles does not say who holds the mandate");
}

/// Browsers read `/\\host` as `//host`: the chooser must not carry such a `next` on.
async fn the_chooser_follows_only_local_paths(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p07").await;
    let page = browser.get("/organisations?next=/%5Cevil.example").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("evil.example"), "the bad next reached the page");
    assert!(page.body.contains("/auth/mandates?next=/organisation"), "the chooser falls back to /organisation");
    let page = browser.get("/organisations?next=/account").await;
    assert!(page.body.contains("/auth/mandates?next=/account"), "a local next is kept");
}

async fn e_authorizations_refuses_unsigned_calls(app: TestApp) {
    let client = reqwest::Client::new();
    let url =
        format!("{}/sandbox/valtuudet/service/ypa/user/register/kanta-extranet/120375-901K?requestId=1", app.base);
    let unsigned = client.get(&url).send().await.unwrap();
    assert_eq!(unsigned.status(), StatusCode::UNAUTHORIZED);
    let stamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let path = "/sandbox/valtuudet/service/ypa/user/register/kanta-extranet/120375-901K?requestId=1";
    let sign = |secret: &str, stamp: &str| {
        format!("kanta-extranet {stamp} {}", app::backend::registry::mandates::checksum(secret, path, stamp))
    };
    let wrong =
        client.get(&url).header("X-AsiointivaltuudetAuthorization", sign("guess", &stamp)).send().await.unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let old = (chrono::Utc::now() - chrono::Duration::minutes(6)).to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let secret = server::config::SANDBOX_MANDATES_CLIENT_SECRET;
    let stale = client.get(&url).header("X-AsiointivaltuudetAuthorization", sign(secret, &old)).send().await.unwrap();
    assert_eq!(stale.status(), StatusCode::UNAUTHORIZED, "more than five minutes off");
    let good = client.get(&url).header("X-AsiointivaltuudetAuthorization", sign(secret, &stamp)).send().await.unwrap();
    assert_eq!(good.status(), StatusCode::OK);
}

/// A signed GET to the sandbox e-Authorizations, as our client sends it.
async fn signed_get(app: &TestApp, path: &str, bearer: Option<&str>) -> reqwest::Response {
    let path = format!("/sandbox/valtuudet{path}");
    let stamp = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let sum = app::backend::registry::mandates::checksum(server::config::SANDBOX_MANDATES_CLIENT_SECRET, &path, &stamp);
    let mut request = reqwest::Client::new()
        .get(format!("{}{path}", app.base))
        .header("X-AsiointivaltuudetAuthorization", format!("kanta-extranet {stamp} {sum}"));
    if let Some(token) = bearer {
        request = request.bearer_auth(token);
    }
    request.send().await.unwrap()
}

/// The sandbox answers the routes DVV's reference client calls and nothing else, so a client
/// calling a route the real service lacks fails here as it would there.
async fn e_authorizations_answers_only_the_routes_of_the_real_service(app: TestApp) {
    let registered = signed_get(&app, "/service/ypa/user/register/kanta-extranet/120375-901K?requestId=1", None).await;
    assert_eq!(registered.status(), StatusCode::OK);
    let session: serde_json::Value = registered.json().await.unwrap();
    let session = session["sessionId"].as_str().unwrap().to_string();
    // No token yet: the session's roles are not for anyone who asks.
    let roles = signed_get(&app, &format!("/service/ypa/api/organizationRoles/{session}?requestId=2"), None).await;
    assert_eq!(roles.status(), StatusCode::UNAUTHORIZED);
    // No YPA per-issue route exists in the real service (only the person case, HPA, has one).
    for path in [
        format!("/service/ypa/api/authorization/{session}/3141590-3?issues=x&requestId=3"),
        format!("/service/hpa/api/authorization/{session}/3141590-3?requestId=3"),
        format!("/service/ypa/api/delegate/{session}?requestId=3"),
        "/service/ypa/user/register/kanta-extranet?requestId=3".to_string(),
        // The tester's page lives beside the service, not under its address.
        "/admin".to_string(),
    ] {
        assert_eq!(signed_get(&app, &path, Some("x")).await.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let unregistered = signed_get(&app, &format!("/service/ypa/user/unregister/{session}?requestId=4"), None).await;
    assert_eq!(unregistered.status(), StatusCode::OK);
    assert_eq!(unregistered.text().await.unwrap(), "true");
}

/// p03 is Lähiklinikka's deputy managing director and also holds a mandate for it: the chosen
/// principal comes with her role, which the audit trail keeps; the basis is the mandate.
async fn a_principal_with_roles_in_e_authorizations(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p03").await;
    assert!(page.body.contains(&fi("basis-deputy-managing-director")), "{:?}", page.trail);
    let page = choose_with_mandate(&browser, "o01").await;
    assert!(page.url.ends_with("/organisation"), "{:?}", page.trail);
    assert!(page.body.contains(&fi("basis-mandate")));
    assert_eq!(acting::Entity::find().one(&app.db).await.unwrap().unwrap().basis, "mandate");
    let started = the_audit_event(&app, audit_event::Column::Basis.eq("mandate")).await;
    assert_eq!(started.detail.as_deref(), Some("roles:TJS"));
}

/// What a tester does to mandate row `index` on the sandbox's page: `revoke`, `restore`,
/// `incomplete` (awaiting a joint signature) or `complete`.
async fn tester(browser: &Browser, action: &str, index: usize) {
    let page = browser
        .post_form("/sandbox/valtuudet-admin", &[("action".into(), action.into()), ("index".into(), index.to_string())])
        .await;
    assert_eq!(page.status, StatusCode::OK);
}

/// The next organisation call is refused because the basis no longer holds.
async fn assert_basis_ended(browser: &Browser) {
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("BasisEnded"), "{body}");
}

/// `complete: false` (e.g. a mandate that needs joint signing, not yet signed by all): the person
/// is told so, nothing is chosen, and the refusal is in the audit trail.
async fn an_incomplete_mandate_is_refused_with_its_own_message(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p04").await;
    tester(&browser, "incomplete", 0).await;
    let admin = browser.get("/sandbox/valtuudet-admin").await;
    assert!(admin.body.contains(&lookup(Lang::Fi, "sandbox-mandates-incomplete", None)));
    let page = choose_with_mandate(&browser, "o01").await;
    assert!(page.url.ends_with("/organisations?mandate=incomplete"), "{:?}", page.trail);
    assert!(page.body.contains(&fi("organisations-mandate-incomplete")));
    assert_eq!(acting::Entity::find().count(&app.db).await.unwrap(), 0);
    let refused = the_audit_event(&app, audit_event::Column::Outcome.eq("denied")).await;
    assert_eq!((refused.action.as_str(), refused.detail.as_deref()), ("acting-started", Some("incomplete:3141590-3")));
    // Once signed by all, the same choice works.
    tester(&browser, "complete", 0).await;
    let page = choose_with_mandate(&browser, "o01").await;
    assert!(page.url.ends_with("/organisation"), "{:?}", page.trail);
}

async fn a_mandate_made_incomplete_ends_at_the_next_check(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p04").await;
    choose_with_mandate(&browser, "o01").await;
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    tester(&browser, "incomplete", 0).await;
    assert_basis_ended(&browser).await;
    assert_eq!(acting::Entity::find().count(&app.db).await.unwrap(), 0);
}

/// The e-Authorizations session ends (here: unregistered, as at DVV after it expires); its
/// `organizationRoles` answers 401 and the person must choose again.
async fn an_ended_e_authorizations_session_means_choosing_again(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p08").await;
    choose_with_mandate(&browser, "o04").await;
    let row = acting::Entity::find().one(&app.db).await.unwrap().unwrap();
    let (session, token) = (row.mandate_session.unwrap(), row.mandate_token.unwrap());
    let path = format!("/service/ypa/api/organizationRoles/{session}?requestId=1");
    assert_eq!(signed_get(&app, &path, Some(&token)).await.status(), StatusCode::OK);
    signed_get(&app, &format!("/service/ypa/user/unregister/{session}?requestId=2"), None).await;
    assert_eq!(signed_get(&app, &path, Some(&token)).await.status(), StatusCode::UNAUTHORIZED);
    // Not a mandate ended: the register can no longer tell, so the person chooses again.
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("ChooseOrganisation"), "{body}");
    let refused = the_audit_event(&app, audit_event::Column::Outcome.eq("denied")).await;
    assert_eq!(refused.detail.as_deref(), Some("choose-again"));
    let page = browser.get("/organisation").await;
    assert!(page.body.contains(&fi("error-choose-organisation")));
    let page = choose_with_mandate(&browser, "o04").await;
    assert!(page.url.ends_with("/organisation"), "chosen again: {:?}", page.trail);
}

async fn a_confirmation_is_trusted_only_for_the_configured_time(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p04").await;
    choose_with_mandate(&browser, "o01").await;
    tester(&browser, "revoke", 0).await;
    let (status, _) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "confirmed less than 3 s ago");
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "asked again, and refused: {body}");
}

async fn a_register_that_does_not_answer_is_explained(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p01").await;
    assert!(page.url.ends_with("/organisations"), "logged in, but nothing chosen: {:?}", page.trail);
    assert!(page.body.contains(&fi("error-unavailable")), "says the service is unavailable");
    assert!(page.body.contains(&fi("logout-button")), "the login itself stands");
    assert_eq!(acting::Entity::find().count(&app.db).await.unwrap(), 0);
    let (status, _) = browser.call(ChooseOrganisation::PATH, &[("ytunnus", "3141590-3")]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}

/// Who calls: nobody, someone without a basis, or someone acting on a basis for a kind of organisation.
#[derive(Debug)]
enum Caller {
    Anonymous,
    NotActing(&'static str),
    Acting { person: &'static str, mandate_for: Option<&'static str>, basis: Basis, kind: OrganisationKind },
    Revoked,
}

async fn every_server_function_against_every_basis(app: TestApp) {
    let mandate = Basis::Mandate { issue: MandateIssue::TakingIntoUseSocialAndHealthDigitalServices };
    let trade = Basis::TradeRegisterRole;
    let callers = [
        Caller::Anonymous,
        Caller::NotActing("p09"),
        Caller::NotActing("p11"),
        Caller::Acting {
            person: "p01",
            mandate_for: None,
            basis: trade(TradeRegisterRole::ManagingDirector),
            kind: OrganisationKind::PrivateCompany,
        },
        Caller::Acting {
            person: "p02",
            mandate_for: None,
            basis: trade(TradeRegisterRole::Entrepreneur),
            kind: OrganisationKind::SoleTrader,
        },
        Caller::Acting {
            person: "p03",
            mandate_for: None,
            basis: trade(TradeRegisterRole::DeputyManagingDirector),
            kind: OrganisationKind::PrivateCompany,
        },
        Caller::Acting {
            person: "p12",
            mandate_for: None,
            basis: trade(TradeRegisterRole::ViceManagingDirector),
            kind: OrganisationKind::PrivateCompany,
        },
        Caller::Acting { person: "p05", mandate_for: None, basis: Basis::Pharmacist, kind: OrganisationKind::Pharmacy },
        Caller::Acting {
            person: "p06",
            mandate_for: None,
            basis: Basis::SelfEmployed,
            kind: OrganisationKind::SelfEmployed,
        },
        Caller::Acting { person: "p08", mandate_for: Some("o04"), basis: mandate, kind: OrganisationKind::Public },
        Caller::Acting { person: "p07", mandate_for: Some("o08"), basis: mandate, kind: OrganisationKind::Association },
        Caller::Revoked,
        Caller::NotActing("p10"),
    ];
    for caller in &callers {
        let browser = Browser::new(&app.base);
        match caller {
            Caller::Anonymous => {}
            Caller::NotActing(person) => {
                log_in(&browser, person).await;
            }
            Caller::Acting { person, mandate_for, .. } => {
                log_in(&browser, person).await;
                if let Some(principal) = mandate_for {
                    choose_with_mandate(&browser, principal).await;
                }
            }
            Caller::Revoked => {
                log_in(&browser, "p04").await;
                choose_with_mandate(&browser, "o01").await;
                tester(&browser, "revoke", 0).await;
            }
        }
        let mut basis_ended_said = false;
        for (path, needs, fields) in MATRIX {
            let (status, body) = if path.ends_with(".pdf") || path.ends_with(".csv") {
                browser.call_get(path, fields).await
            } else if path.ends_with("billing-import") {
                browser.upload(path, "matrix.csv", "x").await
            } else {
                browser.call(path, fields).await
            };
            let refused_for =
                |s: StatusCode| matches!(s, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN | StatusCode::CONFLICT);
            let case = format!("{caller:?} → {path}: {status} {body}");
            // Allowed: the function ran (its own answer may still be "not found" or "invalid").
            let ran = !matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
                && !body.contains("ChooseOrganisation");
            match (needs, caller) {
                (Needs::Nothing, _) => assert!(!refused_for(status), "{case}"),
                (_, Caller::Anonymous) => assert_eq!(status, StatusCode::UNAUTHORIZED, "{case}"),
                (Needs::Staff, Caller::NotActing("p10")) => assert!(ran, "{case}"),
                (Needs::Staff, _) => {
                    assert!(status == StatusCode::FORBIDDEN && body.contains("NotPermitted"), "{case}")
                }
                (Needs::Login, _) => assert_ne!(status, StatusCode::UNAUTHORIZED, "{case}"),
                (Needs::Acting(_), Caller::NotActing(_)) => assert_eq!(status, StatusCode::CONFLICT, "{case}"),
                (Needs::Acting(action), Caller::Acting { basis, kind, .. }) => {
                    if permits(*basis, *kind, *action) {
                        assert!(ran, "{case}");
                    } else {
                        assert_eq!(status, StatusCode::FORBIDDEN, "{case}");
                    }
                }
                (Needs::Acting(_), Caller::Revoked) => {
                    // The first refusal says the basis ended; the session then acts for no one.
                    assert!(refused_for(status), "{case}");
                    basis_ended_said |= body.contains("BasisEnded");
                }
            }
        }
        if let Caller::Revoked = caller {
            assert!(basis_ended_said, "a revoked mandate is refused as such");
        }
    }
}

/// The one audit event that `condition` picks.
async fn the_audit_event(app: &TestApp, condition: sea_orm::sea_query::SimpleExpr) -> audit_event::Model {
    audit_event::Entity::find().filter(condition).one(&app.db).await.unwrap().expect("an audit event")
}

/// 120 more events: the trail comes newest first in pages of 50, every event once, and the
/// links between pages work without JavaScript.
async fn the_audit_trail_is_read_a_page_at_a_time(app: TestApp) {
    use app::backend::identity::{Audit, Doer, audit};
    let browser = Browser::new(&app.base);
    log_in(&browser, "p01").await;
    let organisation = the_audit_event(&app, audit_event::Column::Action.eq("acting-started")).await.organisation_id;
    for n in 0..120 {
        let detail = n.to_string();
        let checked = Audit::new(Doer::Person { person_id: 1 }, app::domain::records::Act::CodeServiceChecked);
        let entry = Audit { organisation_id: organisation, ..checked.detail(&detail) };
        audit(&app.db, &entry).await.unwrap();
    }
    let total = audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(organisation))
        .count(&app.db)
        .await
        .unwrap();
    let (mut sizes, mut before) = (Vec::new(), None::<i64>);
    loop {
        let fields: Vec<(&str, String)> = before.iter().map(|b| ("before", b.to_string())).collect();
        let (status, body) = browser.call(OrganisationAudit::PATH, &fields).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        sizes.push(page["lines"].as_array().unwrap().len() as u64);
        match page["older"].as_i64() {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    assert_eq!(sizes.iter().sum::<u64>(), total, "{sizes:?}");
    assert_eq!(&sizes[..2], [50, 50]);
    // Without JavaScript: the page links to the older page, and that one back to the newest.
    let first = browser.get("/organisation").await;
    let older = first.body.split("href=\"/organisation?audit_before=").nth(1).expect("a link to older events");
    let id: String = older.chars().take_while(char::is_ascii_digit).collect();
    let second = browser.get(&format!("/organisation?audit_before={id}")).await;
    assert!(second.body.contains("id=\"audit-newest\"") && second.body.contains("id=\"audit-older\""));
    assert!(!first.body.contains("id=\"audit-newest\""));
}

/// `server seed` writes data the product reads as its own: the sandbox's organisation gets its
/// applications, invoices and audit trail, and rows made afterwards (the login's person, session
/// and audit events) get fresh ids: on PostgreSQL the seed moved the id sequences past its rows.
async fn seeded_data_is_read_as_the_products_own(app: TestApp) {
    use server::seed::{Volume, seed};
    let seeded = seed(&app.db, Volume { organisations: 20, years: 2 }).await.unwrap();
    let counts = (seeded.organisations, seeded.applications, seeded.invoices, seeded.audit_events);
    assert_eq!(counts, (20, 100, 200, 2000));
    let browser = Browser::new(&app.base);
    log_in(&browser, "p01").await;
    let billing = browser.get("/billing").await;
    assert_eq!(billing.body.matches("href=\"/billing/").count(), 10, "{}", billing.body);
    assert!(!billing.body.contains("id=\"invoices-older\""));
    // Its audit trail reads as the product's own: every line in words, none "other".
    let trail = browser.get("/organisation").await.body;
    assert!(trail.matches("<tr").count() > 10 && !trail.contains(&lookup(Lang::Fi, "audit-other", None)), "{trail}");

    // 55 more invoices, all issued on one day: 65 come in pages of 50 and 15, newest first (the
    // day, then the id), each once.
    let organisation = the_audit_event(&app, audit_event::Column::Action.eq("acting-started")).await.organisation_id;
    let mut more = Vec::new();
    for n in 0..55 {
        more.push(invoice::ActiveModel {
            organisation_id: Set(organisation.unwrap()),
            import_id: Set(1),
            number: Set(format!("T{n:04}")),
            service: Set("patient-data".into()),
            period: Set("2099-01".into()),
            issued_on: Set("2099-02-01".into()),
            due_on: Set("2099-02-22".into()),
            total_cents: Set(100),
            ..Default::default()
        });
    }
    invoice::Entity::insert_many(more).exec_without_returning(&app.db).await.unwrap();
    let (mut seen, mut before, mut sizes) = (Vec::new(), String::new(), Vec::new());
    loop {
        let (status, body) = browser.call(Billing::PATH, &[("before", before.clone())]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        let ids: Vec<i64> = page["invoices"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
        sizes.push(ids.len());
        seen.extend(ids);
        match page["older"].as_i64() {
            Some(older) => before = older.to_string(),
            None => break,
        }
    }
    assert_eq!(sizes, [50, 15]);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 65, "each invoice once");
    let newest: Vec<i64> = seen[..55].to_vec();
    assert!(newest.windows(2).all(|w| w[0] > w[1]), "one day's invoices by id, newest first: {newest:?}");
    let older = browser.get("/billing").await;
    let link = older.body.split("href=\"/billing?before=").nth(1).expect("a link to older invoices");
    let id: String = link.chars().take_while(char::is_ascii_digit).collect();
    let second = browser.get(&format!("/billing?before={id}")).await;
    assert_eq!(second.body.matches("href=\"/billing/").count(), 15);
    assert!(second.body.contains("id=\"invoices-newest\""));
    let applications = browser.get("/applications").await;
    // The table, and the task list for any that needs the applicant.
    let ids: BTreeSet<String> = applications
        .body
        .split("href=\"/applications/")
        .skip(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect())
        .filter(|id: &String| !id.is_empty())
        .collect();
    assert_eq!(ids.len(), 5, "{}", applications.body);
    for id in ids {
        let page = browser.get(&format!("/applications/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("id=\"timeline\""), "{}", page.body);
    }
    // Confirmations that the data is current: the seed made 2; with 60 more they come 50 at a time.
    let confirmations: Vec<change_log::ActiveModel> = (0..60)
        .map(|_| change_log::ActiveModel {
            organisation_id: Set(organisation.unwrap()),
            subject: Set("organisation".into()),
            subject_id: Set(None),
            kind: Set("confirmed".into()),
            person_id: Set(None),
            actor: Set("applicant".into()),
            changes: Set("[]".into()),
            at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .collect();
    change_log::Entity::insert_many(confirmations).exec_without_returning(&app.db).await.unwrap();
    let customer = browser.get("/customer-data").await;
    let link = customer.body.split("href=\"/customer-data?confirmations_before=").nth(1).expect("older confirmations");
    let id: String = link.chars().take_while(char::is_ascii_digit).collect();
    let (status, body) = browser.call(CustomerData::PATH, &[("confirmations_before", id.clone())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let older: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(older["confirmations"].as_array().map(Vec::len), Some(12), "62 in all: 50, then 12");
    assert!(older["confirmations_older"].is_null() && older["confirmed"].is_string());
    let second = browser.get(&format!("/customer-data?confirmations_before={id}")).await;
    assert!(second.body.contains("id=\"confirmations-newest\""));

    let (status, body) = browser.call(OrganisationAudit::PATH, &[] as &[(&str, String)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["lines"].as_array().map(Vec::len), Some(50));
    assert!(page["older"].is_i64());
}
