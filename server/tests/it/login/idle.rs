//! A session's last use: an idle session ends, and using one writes nothing (the browser keeps
//! the proof of when).
use super::{login_as, seen_ago, sessions, stored_session};
use crate::common::{TestApp, browser::Browser};
use app::backend::entities::session;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, EntityTrait, IntoActiveModel, Set};

pub(super) async fn idle_session_ends(app: TestApp) {
    let browser = Browser::new(&app.base);
    login_as(&app, &browser, "p01").await;
    let stored = session::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut idle = stored.into_active_model();
    idle.last_seen_at = Set(Utc::now() - chrono::Duration::minutes(31));
    idle.update(&app.db).await.unwrap();
    let page = browser.get("/account").await;
    assert!(page.url.contains("/login?next="), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 0, "the idle session is deleted");
}

/// Using a session writes nothing: the browser keeps the proof of when it was last used, in a
/// sealed cookie renewed at most once a minute, and that proof keeps the session alive.
pub(super) async fn using_a_session_writes_nothing_and_the_browser_keeps_when(app: TestApp) {
    let browser = Browser::new(&app.base);
    login_as(&app, &browser, "p01").await;
    assert!(browser.cookie("kanta_seen").is_none(), "just logged in: the login time is the last use");

    seen_ago(&app, chrono::Duration::seconds(90)).await;
    let before = stored_session(&app).await;
    for file in ["/favicon.svg", "/sw.js", "/manifest.webmanifest", "/healthz"] {
        browser.get(file).await;
    }
    assert!(browser.cookie("kanta_seen").is_none(), "static files and the health check do not use the session");
    assert!(browser.get("/account").await.body.contains("Aino Virtanen"));
    assert_eq!(stored_session(&app).await, before, "a page writes nothing");
    let proof = browser.cookie("kanta_seen").expect("a page after a minute renews the browser's proof");
    assert!(browser.get("/organisations").await.body.contains("Aino Virtanen"));
    assert_eq!(browser.cookie("kanta_seen"), Some(proof.clone()), "renewed at most once a minute");

    // Stored long ago, used just now: the browser's proof keeps the session.
    seen_ago(&app, chrono::Duration::minutes(31)).await;
    assert!(browser.get("/account").await.body.contains("Aino Virtanen"));
    assert_eq!(sessions(&app).await, 1);

    // A proof moved on by hand, or another session's, proves nothing: the session has timed out.
    let (seconds, tag) = proof.split_once('.').unwrap();
    browser.set_cookie("kanta_seen", &format!("{}.{tag}", seconds.parse::<i64>().unwrap() + 60));
    let page = browser.get("/account").await;
    assert!(page.url.contains("/login?next="), "{:?}", page.trail);
    assert_eq!(sessions(&app).await, 0, "the idle session is deleted");
    assert!(browser.cookie("kanta_seen").is_none(), "and the browser forgets its proof");

    // A logout due for a new proof forgets it too.
    login_as(&app, &browser, "p01").await;
    assert!(browser.get("/account").await.body.contains("Aino Virtanen"));
    seen_ago(&app, chrono::Duration::seconds(90)).await;
    browser.post_form("/auth/logout", &[]).await;
    assert_eq!(sessions(&app).await, 0);
    assert!(browser.cookie("kanta_seen").is_none(), "forgotten at logout");
    assert!(browser.cookie("kanta_session").is_none());
}
