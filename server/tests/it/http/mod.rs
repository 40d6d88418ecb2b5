//! The server over HTTP on both databases: pages, language, the support server function, health.
//! The support form and desk are in `support`.
mod support;

use crate::common::{
    TestApp,
    api::{SendSupportRequest, ServerFn},
    browser::{Browser, log_in},
};
use app::{
    backend::entities::support_request,
    i18n::{Lang, lookup},
};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::json;

// The tests kept in `support`, run from here: their names stay `http::<test>::{sqlite,postgres}`.
use self::support::{
    invalid_support_request_saves_nothing_and_names_every_field, support_request_is_saved_with_its_language,
    the_support_desk_takes_and_answers_requests_by_mail,
};

on_both_databases!(
    front_page_is_finnish_by_default,
    accept_language_and_cookie_choose_the_language,
    language_link_sets_the_cookie_and_returns_to_the_page,
    support_request_is_saved_with_its_language,
    invalid_support_request_saves_nothing_and_names_every_field,
    the_support_desk_takes_and_answers_requests_by_mail,
    cross_site_server_function_call_is_refused,
    health_reports_the_database,
    unknown_page_is_a_localised_404,
    migrations_run_again_without_harm,
    every_page_has_its_own_title_in_its_language,
    the_storage_page_lists_every_cookie_the_server_sets,
);

const GOOD_FORM: [(&str, &str); 5] = [
    ("name", "Aino Virtanen"),
    ("email", "Aino.Virtanen@Lahiklinikka.fi"),
    ("organisation", "Lähiklinikka Oy"),
    ("topic", "mandates"),
    ("message", "Valtuus ei näy organisaatiovalinnassa."),
];

async fn front_page_is_finnish_by_default(app: TestApp) {
    let reply = app.get("/", &[]).await;
    assert_eq!(reply.status, 200);
    assert!(reply.body.contains(r#"<html lang="fi""#), "{}", &reply.body[..200.min(reply.body.len())]);
    assert!(reply.body.contains(&lookup(Lang::Fi, "home-heading", None)));
    assert!(reply.body.contains(r##"href="#main""##), "skip link");
    assert_eq!(reply.header("x-content-type-options"), "nosniff");
    // The hydration script runs under a per-response nonce named in the policy.
    let csp = reply.header("content-security-policy");
    let nonce = csp.split("'nonce-").nth(1).and_then(|r| r.split('\'').next()).expect(csp);
    assert!(reply.body.contains(&format!(r#"<script type="module" nonce="{nonce}""#)), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let again = app.get("/", &[]).await;
    assert!(!again.header("content-security-policy").contains(nonce), "a fresh nonce per response");
}

async fn accept_language_and_cookie_choose_the_language(app: TestApp) {
    let sv = app.get("/", &[("accept-language", "sv-FI,sv;q=0.9,en;q=0.5")]).await;
    assert!(sv.body.contains(r#"<html lang="sv""#));
    assert!(sv.body.contains(&lookup(Lang::Sv, "home-heading", None)));
    let cookie_fi = app.get("/", &[("accept-language", "sv"), ("cookie", "other=1; kanta_lang=fi")]).await;
    assert!(cookie_fi.body.contains(r#"<html lang="fi""#));
    assert!(cookie_fi.body.contains(&lookup(Lang::Fi, "home-heading", None)));
}

async fn language_link_sets_the_cookie_and_returns_to_the_page(app: TestApp) {
    let reply = app.get("/lang/sv?next=/accessibility%3Fa%3D1", &[]).await;
    assert!(reply.status.is_redirection(), "{:?}", reply.status);
    assert_eq!(reply.header("location"), "/accessibility?a=1");
    let cookie = reply.header("set-cookie");
    assert!(cookie.starts_with("kanta_lang=sv;") && cookie.contains("SameSite=Lax"), "{cookie}");
    let evil = app.get("/lang/fi?next=//evil.example/x", &[]).await;
    assert_eq!(evil.header("location"), "/");
    let unknown = app.get("/lang/de?next=/", &[]).await;
    assert_eq!(unknown.header("set-cookie"), "", "an unknown language sets nothing");
}

async fn cross_site_server_function_call_is_refused(app: TestApp) {
    let forged = app
        .post_fields(
            SendSupportRequest::PATH,
            &GOOD_FORM,
            &[("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(forged.json(), json!("Forbidden"));
    let forged = app
        .post_fields(
            SendSupportRequest::PATH,
            &GOOD_FORM,
            &[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")],
        )
        .await;
    assert_eq!(forged.status, 403);
    assert_eq!(support_request::Entity::find().count(&app.db).await.unwrap(), 0);
    let same = app
        .post_fields(
            SendSupportRequest::PATH,
            &GOOD_FORM,
            &[("sec-fetch-site", "same-origin"), ("origin", "http://127.0.0.1:3000")],
        )
        .await;
    assert_eq!(same.status, 200, "{}", same.body);
}

async fn health_reports_the_database(app: TestApp) {
    let reply = app.get("/healthz", &[]).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.json(), json!({ "status": "ok", "database": "ok" }));
    app.db.clone().close().await.unwrap();
    let down = app.get("/healthz", &[]).await;
    assert_eq!(down.status, 503);
    assert_eq!(down.json()["database"], "unreachable");
    // A server function then says so with a typed error, not a stack trace.
    let refused = app.post_fields(SendSupportRequest::PATH, &GOOD_FORM, &[]).await;
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert_eq!(refused.json(), json!("Unavailable"));
}

async fn unknown_page_is_a_localised_404(app: TestApp) {
    let reply = app.get("/no-such-page", &[("accept-language", "sv")]).await;
    assert_eq!(reply.status, 404);
    assert!(reply.body.contains(&lookup(Lang::Sv, "not-found-heading", None)));
    assert!(reply.header("content-security-policy").contains("'nonce-"), "the 404 page has the policy too");
}

async fn migrations_run_again_without_harm(app: TestApp) {
    app.post_fields(SendSupportRequest::PATH, &GOOD_FORM, &[]).await;
    let again = app::backend::connect_and_migrate(&app.url).await.expect("second migration run");
    assert_eq!(support_request::Entity::find().count(&again).await.unwrap(), 1, "data kept");
}

/// Pages anyone can open.
const ANONYMOUS: [&str; 17] = [
    "/",
    "/guides/before-you-start?from=kind",
    "/terms",
    "/terms/delivery/2026-1",
    "/terms/imaging/2026-1",
    "/terms/delivery/1999-1",
    "/login",
    "/logged-out",
    "/accessibility",
    "/privacy",
    "/storage",
    "/materials",
    "/guides/before-you-start",
    "/guides/taking-a-service-into-use",
    "/guides/updating-data",
    "/guides/giving-a-mandate",
    "/no-such-page",
];
/// Pages an applicant opens.
const APPLICANT: [&str; 8] = [
    "/account",
    "/organisations",
    "/organisation",
    "/applications",
    "/customer-data",
    "/billing",
    "/applications/999999",
    "/billing/999999",
];
/// Pages staff open.
const STAFF: [&str; 3] = ["/staff", "/staff/billing", "/staff/mail"];
/// Pages whose title starts with "Virhe" / "Fel".
const SHOWING_AN_ERROR: [&str; 6] = [
    "/no-such-page",
    "/terms/delivery/1999-1",
    "/guides/before-you-start?from=kind",
    "/login/failed",
    "/applications/999999",
    "/billing/999999",
];

/// The text of the first `tag` element in `html`.
fn inner(html: &str, tag: &str) -> Option<String> {
    let start = html.find(&format!("<{tag}"))?;
    let start = start + html[start..].find('>')? + 1;
    let end = start + html[start..].find(&format!("</{tag}>"))?;
    // Its text: without the markers and tags inside.
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some(text.replace("&amp;", "&").replace("&#x27;", "'").replace("&quot;", "\""))
}

/// WCAG 2.4.2: every page's title is its main heading and the service's name, in the page's
/// language, with "Virhe" / "Fel" in front when the page shows an error; no two pages share one.
async fn every_page_has_its_own_title_in_its_language(app: TestApp) {
    for lang in [Lang::Fi, Lang::Sv] {
        every_page_has_its_own_title_in(&app, lang).await;
    }
}

/// A browser in `lang`, logged in as `person` when one is named.
async fn browser_in(app: &TestApp, lang: Lang, person: Option<&'static str>) -> Browser {
    let mut browser = Browser::new(&app.base);
    browser.lang = lang.code();
    if let Some(person) = person {
        log_in(&browser, person).await;
    }
    browser
}

async fn every_page_has_its_own_title_in(app: &TestApp, lang: Lang) {
    let service = lookup(lang, "service-name", None);
    let error = lookup(lang, "title-error", None);
    let browser = |person: Option<&'static str>| browser_in(app, lang, person);
    let (anonymous, applicant, staff) = (browser(None).await, browser(Some("p01")).await, browser(Some("p10")).await);
    let pages = ANONYMOUS
        .iter()
        .chain(["/login/failed"].iter())
        .map(|p| (&anonymous, *p))
        .chain(APPLICANT.iter().map(|p| (&applicant, *p)))
        .chain(STAFF.iter().map(|p| (&staff, *p)));
    let mut seen = std::collections::HashMap::new();
    for (browser, path) in pages {
        let page = browser.get(path).await;
        let (title, heading) = (inner(&page.body, "title").unwrap(), inner(&page.body, "h1").unwrap());
        let expected = if SHOWING_AN_ERROR.contains(&path) {
            format!("{error}: {heading} – {service}")
        } else {
            format!("{heading} – {service}")
        };
        assert_eq!(title, expected, "{path} in {lang:?}");
        if let Some(other) = seen.insert(title.clone(), path) {
            // A refusal names the page it refuses, whatever its address.
            assert!(
                SHOWING_AN_ERROR.contains(&path) || SHOWING_AN_ERROR.contains(&other),
                "{path} and {other}: {title}"
            );
        }
    }
}

/// The cookies and on-device storage page names each cookie the server sets, as it sets it: a
/// login's, the session's pair, the language's.
async fn the_storage_page_lists_every_cookie_the_server_sets(app: TestApp) {
    let browser = Browser::new(&app.base);
    log_in(&browser, "p01").await;
    browser.get("/lang/sv?next=/storage").await;
    let page = browser.get("/storage").await.body;
    let plain = app::CookieNames::PLAIN;
    for name in [plain.session, plain.seen, plain.login, plain.form, app::i18n::LANG_COOKIE] {
        assert!(page.contains(&format!("<code>{name}<")), "{name}: {page}");
    }
    for set in [plain.session, app::i18n::LANG_COOKIE] {
        assert!(browser.cookie(set).is_some(), "the browser holds {set}");
    }
    assert!(page.contains(&lookup(Lang::Sv, "storage-drafts-text", None)), "in the language chosen");
}
