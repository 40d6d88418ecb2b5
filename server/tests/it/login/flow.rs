//! Logging in and out: the way back to where the user was going, a new session at each login,
//! the client's two ways to authenticate, and the assurance levels.
use super::{identify, login_as, open_chooser, sessions};
use crate::common::{TestApp, browser::Browser};
use app::{
    backend::entities::{audit_event, person, session},
    i18n::{Lang, lookup},
};
use sea_orm::EntityTrait;

pub(super) async fn login_and_logout_through_the_sandbox(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/account").await;
    assert!(chooser.body.contains("Aino Virtanen"), "test persons listed");
    assert!(chooser.body.contains(&lookup(Lang::Fi, "sandbox-idp-method-bank", None)));

    let callback = identify(&browser, &chooser, &[("person", "p01"), ("method", "bank"), ("action", "identify")]).await;
    let account = browser.get(&callback).await;
    assert!(account.url.ends_with("/account"), "back where the user was going: {:?}", account.trail);
    assert_eq!(account.status, 200);
    assert!(account.body.contains("Aino Virtanen"), "name shown");
    assert!(account.body.contains(&lookup(Lang::Fi, "logout-button", None)));

    assert_eq!(sessions(&app).await, 1);
    let people = person::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(people.len(), 1);
    assert_eq!(people[0].display_name, "Aino Virtanen");
    assert_eq!(people[0].hetu_hash.len(), 64);
    assert!(!format!("{people:?}").contains("120375"), "the identity code is never stored");
    let stored = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(stored.acr, "http://ftn.ficora.fi/2017/loa2");
    assert!(!stored.id_token.unwrap_or_default().is_empty());

    let out = browser.post_form("/auth/logout", &[]).await;
    assert!(out.trail.iter().any(|u| u.contains("/sandbox/idp/end-session?")), "IdP session ended: {:?}", out.trail);
    assert!(out.url.contains("/logged-out"), "{:?}", out.trail);
    assert!(out.body.contains(&lookup(Lang::Fi, "logged-out-heading", None)));
    assert_eq!(sessions(&app).await, 0);
    let actions: Vec<_> =
        audit_event::Entity::find().all(&app.db).await.unwrap().into_iter().map(|e| e.action).collect();
    // Aino is managing director of one company in the trade register: she acts for it at once.
    assert_eq!(actions, ["login", "acting-started", "logout"]);

    // The account page now needs login again, and the IdP no longer remembers the person.
    let again = browser.get("/account").await;
    assert!(again.url.contains("/login?next=/account"), "{:?}", again.trail);
    let chooser = open_chooser(&browser, "/").await;
    assert!(!chooser.body.contains("current-identification"));
}

pub(super) async fn protected_page_sends_to_login_and_back(app: TestApp) {
    let browser = Browser::new(&app.base);
    let (status, location) = browser.step("/account?tab=1").await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(location, "/login?next=/account%3Ftab%3D1");
    let login = browser.get(&location).await;
    assert!(login.body.contains("/auth/login?next=/account%3Ftab%3D1"), "start link keeps the way back");
    // Only local paths are followed after login.
    let chooser = open_chooser(&browser, "https://evil.example/").await;
    let callback = identify(&browser, &chooser, &[("person", "p02"), ("action", "identify")]).await;
    let landed = browser.get(&callback).await;
    // Not there, but home: Erik acts for his one firm, so home is its page.
    assert_eq!(landed.url, format!("{}/organisation", app.base));
}

pub(super) async fn login_rotates_the_session(app: TestApp) {
    let browser = Browser::new(&app.base);
    login_as(&app, &browser, "p01").await;
    let first = session::Entity::find().one(&app.db).await.unwrap().unwrap().id;
    let page = login_as(&app, &browser, "p03").await;
    assert!(page.body.contains("Sanna Korhonen"));
    let all = session::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(all.len(), 1, "the browser's old session ended");
    assert_ne!(all[0].id, first, "a new session id at login");
}

pub(super) async fn client_secret_basic_works_too(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = login_as(&app, &browser, "p05").await;
    assert!(page.body.contains("Helena Mäkinen"), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1);
}

pub(super) async fn high_assurance_requires_the_certificate_card(app: TestApp) {
    let browser = Browser::new(&app.base);
    let chooser = open_chooser(&browser, "/").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("method", "bank"), ("action", "identify")]).await;
    assert!(browser.get(&callback).await.url.ends_with("reason=assurance"));
    assert_eq!(sessions(&app).await, 0);
    let chooser = open_chooser(&browser, "/account").await;
    let callback = identify(&browser, &chooser, &[("person", "p01"), ("method", "card"), ("action", "identify")]).await;
    let page = browser.get(&callback).await;
    assert!(page.body.contains(&lookup(Lang::Fi, "assurance-high", None)), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 1);
}

pub(super) async fn the_plain_profile_still_logs_in(app: TestApp) {
    let browser = Browser::new(&app.base);
    let page = login_as(&app, &browser, "p01").await;
    assert!(page.body.contains("Aino Virtanen"), "{:?}", page.trail);
    let discovery = browser.get("/sandbox/idp/.well-known/openid-configuration").await;
    assert!(discovery.body.contains(r#""require_signed_request_object":false"#), "{}", discovery.body);
}
