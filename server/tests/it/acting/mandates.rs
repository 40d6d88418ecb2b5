//! Acting on a mandate chosen in e-Authorizations: for a person or their company, with roles
//! besides, and a mandate revoked, incomplete, or trusted only for the configured time.
use super::{audit_actions, choose_with_mandate, fi, tester, the_audit_event};
use crate::common::{
    TestApp,
    api::{CheckCodeService, OrganisationOverview, ServerFn},
    browser::{Browser, NO_FIELDS, log_in},
};
use app::{
    backend::entities::{acting, audit_event},
    i18n::{Lang, lookup},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait};

pub(super) async fn mandate_chosen_in_e_authorizations_then_revoked(app: TestApp) {
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

pub(super) async fn company_mandate_lets_its_managing_director_act(app: TestApp) {
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

/// p03 is Lähiklinikka's deputy managing director and also holds a mandate for it: the chosen
/// principal comes with her role, which the audit trail keeps; the basis is the mandate.
pub(super) async fn a_principal_with_roles_in_e_authorizations(app: TestApp) {
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

/// The next organisation call is refused because the basis no longer holds.
async fn assert_basis_ended(browser: &Browser) {
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(body.contains("BasisEnded"), "{body}");
}

/// `complete: false` (e.g. a mandate that needs joint signing, not yet signed by all): the person
/// is told so, nothing is chosen, and the refusal is in the audit trail.
pub(super) async fn an_incomplete_mandate_is_refused_with_its_own_message(app: TestApp) {
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

pub(super) async fn a_mandate_made_incomplete_ends_at_the_next_check(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p04").await;
    choose_with_mandate(&browser, "o01").await;
    let (status, body) = browser.call(OrganisationOverview::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    tester(&browser, "incomplete", 0).await;
    assert_basis_ended(&browser).await;
    assert_eq!(acting::Entity::find().count(&app.db).await.unwrap(), 0);
}

pub(super) async fn a_confirmation_is_trusted_only_for_the_configured_time(app: TestApp) {
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
