//! Logins that must fail without a session: a tampered state, a replayed code, a bad token or
//! too low an assurance, a cancelled identification, a foreign eIDAS person.
use super::{identify, open_chooser, sessions};
use crate::common::{TestApp, browser::Browser};
use app::{
    backend::entities::person,
    i18n::{Lang, lookup},
};
use sea_orm::{EntityTrait, PaginatorTrait};

pub(super) async fn tampered_state_creates_no_session(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("action", "identify")]).await;
    let tampered = callback.replace("state=", "state=x");
    let page = browser.get(&tampered).await;
    assert!(page.url.ends_with("/login/failed?reason=state"), "{:?}", page.trail);
    assert!(page.body.contains(&lookup(Lang::Fi, "login-failed-state", None)));
    assert_eq!(sessions(&app).await, 0);
    // The attempt is used up: the untampered callback no longer works either.
    let page = browser.get(&callback).await;
    assert!(page.url.ends_with("reason=state"));
    assert_eq!(sessions(&app).await, 0);
}

pub(super) async fn replayed_code_creates_no_session(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("action", "identify")]).await;
    browser.get(&callback).await;
    assert_eq!(sessions(&app).await, 1);
    // Another browser replays the same callback (say, from a leaked history entry).
    let attacker = Browser::new(&app.base);
    let page = attacker.get(&callback).await;
    assert!(page.url.ends_with("reason=state"), "{:?}", page.trail);
    // Even with a login of its own in progress, the old code is refused by the provider.
    open_chooser(&attacker, "/").await;
    let page = attacker.get(&callback).await;
    assert!(page.url.contains("/login/failed"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1, "only the first login has a session");
}

pub(super) async fn wrong_nonce_expired_token_and_low_assurance_are_refused(app: TestApp) {
    for (fault, reason) in [("wrong_nonce", "token"), ("expired", "token"), ("low_assurance", "assurance")] {
        let browser = Browser::new(&app.base);
        let chooser = open_chooser(&browser, "/").await;
        let callback =
            identify(&browser, &chooser, &[("person", "p01"), ("fault", fault), ("action", "identify")]).await;
        let page = browser.get(&callback).await;
        assert!(page.url.ends_with(&format!("/login/failed?reason={reason}")), "{fault}: {:?}", page.trail);
        assert_eq!(sessions(&app).await, 0, "{fault}");
    }
    assert_eq!(person::Entity::find().count(&app.db).await.unwrap(), 0, "nothing about the person is kept");
}

pub(super) async fn cancelled_identification_is_explained(app: TestApp) {
    let mut browser = Browser::new(&app.base);
    browser.lang = "sv";
    let chooser = open_chooser(&browser, "/").await;
    assert!(chooser.body.contains(r#"<html lang="sv""#), "the provider speaks the user's language");
    let callback = identify(&browser, &chooser, &[("action", "cancel")]).await;
    let page = browser.get(&callback).await;
    assert!(page.url.ends_with("reason=cancelled"));
    assert!(page.body.contains(&lookup(Lang::Sv, "login-failed-cancelled", None)));
    assert_eq!(sessions(&app).await, 0);
}

pub(super) async fn a_foreign_eidas_person_is_told_why(app: TestApp) {
    for (lang, language) in [("fi", Lang::Fi), ("sv", Lang::Sv)] {
        let mut browser = Browser::new(&app.base);
        browser.lang = lang;
        let chooser = open_chooser(&browser, "/").await;
        let callback =
            identify(&browser, &chooser, &[("person", "p03"), ("fault", "eidas"), ("action", "identify")]).await;
        let page = browser.get(&callback).await;
        assert!(page.url.ends_with("/login/failed?reason=foreign"), "{:?}", page.trail);
        assert!(page.body.contains(&lookup(language, "login-failed-foreign", None)), "{lang}");
    }
    assert_eq!(sessions(&app).await, 0);
    assert_eq!(person::Entity::find().count(&app.db).await.unwrap(), 0);
}
