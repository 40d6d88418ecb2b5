//! Acting on a basis the registers give: the trade register's roles and the professional
//! registers, the ones who get none, the chooser's way back, and a register that does not answer.
use super::{audit_actions, fi, the_audit_event};
use crate::common::{
    TestApp,
    api::{CheckCodeService, ChooseOrganisation, OrganisationOverview, ServerFn},
    browser::{Browser, NO_FIELDS, log_in},
};
use app::{
    backend::entities::{acting, audit_event},
    i18n::{Lang, lookup},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait};

pub(super) async fn managing_director_acts_at_once(app: TestApp) {
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

pub(super) async fn pharmacist_and_self_employed_act_for_themselves(app: TestApp) {
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

pub(super) async fn no_basis_is_explained_and_choosing_anyway_is_refused(app: TestApp) {
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

/// Browsers read `/\\host` as `//host`: the chooser must not carry such a `next` on.
pub(super) async fn the_chooser_follows_only_local_paths(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p07").await;
    let page = browser.get("/organisations?next=/%5Cevil.example").await;
    assert_eq!(page.status, 200);
    assert!(!page.body.contains("evil.example"), "the bad next reached the page");
    assert!(page.body.contains("/auth/mandates?next=/organisation"), "the chooser falls back to /organisation");
    let page = browser.get("/organisations?next=/account").await;
    assert!(page.body.contains("/auth/mandates?next=/account"), "a local next is kept");
}

pub(super) async fn a_register_that_does_not_answer_is_explained(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = log_in(&browser, "p01").await;
    assert!(page.url.ends_with("/organisations"), "logged in, but nothing chosen: {:?}", page.trail);
    assert!(page.body.contains(&fi("error-unavailable")), "says the service is unavailable");
    assert!(page.body.contains(&fi("logout-button")), "the login itself stands");
    assert_eq!(acting::Entity::find().count(&app.db).await.unwrap(), 0);
    let (status, _) = browser.call(ChooseOrganisation::PATH, &[("ytunnus", "3141590-3")]).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
}
