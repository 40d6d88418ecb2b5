//! The server over HTTP on both databases: pages, language, the support server function, health.
use crate::common::{
    TestApp,
    api::{AnswerSupportRequest, SendSupportRequest, ServerFn, TakeSupportRequest},
    browser::{Browser, caught_mail, log_in},
};
use app::{
    backend::entities::{refused_form, support_request},
    i18n::{Lang, lookup},
};
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};
use serde_json::json;

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

async fn support_request_is_saved_with_its_language(app: TestApp) {
    let reply = app.post_fields(SendSupportRequest::PATH, &GOOD_FORM, &[("accept-language", "sv")]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let reference = reply.json()["reference"].as_str().unwrap().to_string();
    let rows = support_request::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    let row = &rows[0];
    assert_eq!(reference, format!("KS-{:06}", row.id));
    assert_eq!(row.lang, "sv");
    assert_eq!(row.email, "aino.virtanen@lahiklinikka.fi", "stored normalised");
    assert_eq!(row.topic, "mandates");
    assert_eq!(row.organisation.as_deref(), Some("Lähiklinikka Oy"));
    assert_eq!(row.message, "Valtuus ei näy organisaatiovalinnassa.");

    let second = app.post_fields(SendSupportRequest::PATH, &GOOD_FORM, &[]).await;
    assert_ne!(second.json()["reference"], reply.json()["reference"]);
}

async fn invalid_support_request_saves_nothing_and_names_every_field(app: TestApp) {
    let bad = [("name", " "), ("email", "aino@"), ("organisation", ""), ("topic", "weather"), ("message", "lyhyt")];
    let reply = app.post_fields(SendSupportRequest::PATH, &bad, &[]).await;
    assert_eq!(reply.status, 422);
    let fields: Vec<_> =
        reply.json()["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["name", "email", "topic", "message"]);
    assert_eq!(support_request::Entity::find().count(&app.db).await.unwrap(), 0);
}

/// Issue 19: a request sent without JavaScript comes back with its reference and a receipt mail
/// in the sender's language, or refused and filled in; one sent logged in names the person and
/// the organisation; staff filter, take and answer, and the answer goes by mail.
async fn the_support_desk_takes_and_answers_requests_by_mail(app: TestApp) {
    let sv = |id: &str, args: &[(&'static str, &str)]| {
        let args: app::i18n::Args = args.iter().map(|(k, v)| (*k, v.to_string())).collect();
        lookup(Lang::Sv, id, Some(&args))
    };
    let form = |email: &str, topic: &str, message: &str| -> Vec<(String, String)> {
        [("name", "Aino Virtanen"), ("email", email), ("organisation", ""), ("topic", topic), ("message", message)]
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .to_vec()
    };
    let question = "Mobilcertifikatet fungerar inte när jag loggar in.";

    // Without JavaScript, in Swedish: the front page with the reference, and a receipt by mail
    // that carries none of the text (anyone can write anyone's address in the form).
    let visitor = Browser::new(&app.base);
    visitor.set_cookie("kanta_lang", "sv");
    let page =
        visitor.post_form(SendSupportRequest::PATH, &form("aino.virtanen@lahiklinikka.fi", "login", question)).await;
    let reference = page.url.split("sent=").nth(1).and_then(|r| r.get(..9)).unwrap_or_default().to_string();
    assert!(reference.starts_with("KS-"), "{:?}", page.trail);
    assert!(page.body.contains(&sv("support-sent-text", &[("reference", &reference)])), "{}", page.body);
    let mails = caught_mail(&visitor, 1).await;
    assert_eq!(mails[0]["to"][0], "aino.virtanen@lahiklinikka.fi");
    assert_eq!(mails[0]["subject"], sv("mail-support-received-subject", &[("reference", &reference)]));
    assert!(mails[0]["body"].as_str().unwrap().contains(&reference));
    assert!(!mails[0]["body"].as_str().unwrap().contains(question));

    // Refused without JavaScript: the form again, filled in, with what was wrong.
    let long = "Mobilcertifikatet fungerar inte. ".repeat(100);
    let page = visitor.post_form(SendSupportRequest::PATH, &form("aino@", "login", &long)).await;
    assert!(page.body.contains(&sv("validation-invalid-email", &[])), "{:?}", page.trail);
    assert!(page.body.contains(long.trim_end()), "what was typed is kept");
    assert!(page.body.contains("<title>Fel:"), "{}", &page.body[..400]);
    // Kept on the server for this browser only: the address stays short (a proxy's 4 KB header
    // buffer), and another browser given the address sees a fresh form.
    assert!(page.trail.iter().all(|address| address.len() < 200), "{:?}", page.trail);
    assert!(visitor.cookie(app::CookieNames::PLAIN.form).is_some());
    let again = reqwest::Client::new()
        .get(visitor.absolute(&page.url))
        .header("cookie", format!("kanta_form={}", visitor.cookie("kanta_form").unwrap()))
        .send()
        .await
        .unwrap();
    assert_eq!(again.headers().get("cache-control").map(|v| v.to_str().unwrap()), Some("no-store"), "private");
    // Without a login only the support form (rate-limited) is kept: another refused post
    // writes nothing and sets no cookie.
    let kept = refused_form::Entity::find().count(&app.db).await.unwrap();
    let anyone = Browser::new(&app.base);
    let answer = [("id", "1"), ("version", "0"), ("answer", "x")].map(|(k, v)| (k.to_string(), v.to_string()));
    anyone.post_form(AnswerSupportRequest::PATH, &answer).await;
    assert_eq!(refused_form::Entity::find().count(&app.db).await.unwrap(), kept);
    assert_eq!(anyone.cookie(app::CookieNames::PLAIN.form), None);
    let stranger = Browser::new(&app.base);
    stranger.set_cookie("kanta_lang", "sv");
    let stranger = stranger.get(&page.url).await;
    assert!(stranger.body.contains("<title>"), "{}", stranger.body);
    assert!(!stranger.body.contains(long.trim_end()) && !stranger.body.contains("<title>Fel:"));
    assert_eq!(support_request::Entity::find().count(&app.db).await.unwrap(), 1);

    // Logged in and acting for Lähiklinikka Oy: the request names the person and the organisation.
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    clinic
        .post_form(SendSupportRequest::PATH, &form("aino@lahiklinikka.example", "billing", "Laskussa on väärä summa."))
        .await;
    let tied = support_request::Entity::find().order_by_desc(support_request::Column::Id).one(&app.db).await;
    let tied = tied.unwrap().unwrap();
    assert!(tied.person_id.is_some() && tied.organisation_id.is_some(), "{tied:?}");
    caught_mail(&visitor, 2).await;
    // Only staff reach the desk.
    let refused = clinic.get("/staff/support").await;
    assert!(refused.body.contains(&lookup(Lang::Fi, "error-not-permitted", None)), "{}", refused.body);
    let (status, _) = clinic.call(AnswerSupportRequest::PATH, &[("id", "1"), ("version", "0"), ("answer", "x")]).await;
    assert_eq!(status, 403);

    // Staff: the open requests, by topic; the clinic's request names whom it came from.
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let all = staff.get("/staff/support").await;
    assert!(all.body.contains(&reference) && all.body.contains(&format!("KS-{:06}", tied.id)), "{}", all.body);
    let billing = staff.get("/staff/support?topic=billing").await;
    assert!(!billing.body.contains(&reference) && billing.body.contains(&format!("KS-{:06}", tied.id)));
    let page = staff.get(&format!("/staff/support/{}", tied.id)).await;
    assert!(page.body.contains("Lähiklinikka Oy (3141590-3)"), "{}", page.body);

    // Take the visitor's request; an answer made on what was seen before that is refused.
    let id = reference[3..].parse::<i32>().unwrap().to_string();
    let fields = |version: &str, answer: Option<&str>| {
        let mut fields = vec![("id".to_string(), id.clone()), ("version".to_string(), version.to_string())];
        fields.extend(answer.map(|a| ("answer".to_string(), a.to_string())));
        fields
    };
    let page = staff.post_form(TakeSupportRequest::PATH, &fields("0", None)).await;
    assert!(page.url.ends_with(&format!("/staff/support/{id}")), "{:?}", page.trail);
    assert!(page.body.contains(&lookup(Lang::Fi, "support-status-in-progress", None)));
    assert!(page.body.contains("Oskar Berg"), "the assignee");
    assert!(!page.body.contains("id=\"take\""), "nothing to take from oneself");
    let answer = "Välj BankID i stället, så länge felet utreds.";
    let stale = staff.post_form(AnswerSupportRequest::PATH, &fields("0", Some(answer))).await;
    assert!(stale.body.contains(&lookup(Lang::Fi, "error-conflict", None)), "{:?}", stale.trail);
    assert!(stale.body.contains(answer), "the answer typed is kept");
    let page = staff.post_form(AnswerSupportRequest::PATH, &fields("1", Some(answer))).await;
    assert!(page.body.contains(&lookup(Lang::Fi, "support-status-answered", None)), "{:?}", page.trail);
    let mails = caught_mail(&visitor, 3).await;
    let mail = &mails[2];
    assert_eq!(mail["to"][0], "aino.virtanen@lahiklinikka.fi");
    assert_eq!(mail["subject"], sv("mail-support-answered-subject", &[("reference", &reference)]));
    let body = mail["body"].as_str().unwrap();
    assert!(body.contains(answer) && !body.contains(question), "{body}");
    // Answered: out of the open list, in the answered one; it cannot be answered twice.
    assert!(!staff.get("/staff/support").await.body.contains(&reference));
    assert!(staff.get("/staff/support?status=answered").await.body.contains(&reference));
    let again = staff.post_form(AnswerSupportRequest::PATH, &fields("2", Some("Toinen vastaus."))).await;
    assert!(again.body.contains(&lookup(Lang::Fi, "error-not-now", None)), "{:?}", again.trail);
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

/// WCAG 2.4.2: every page's title is its main heading and the service's name, in the page's
/// language, with "Virhe" / "Fel" in front when the page shows an error; no two pages share one.
async fn every_page_has_its_own_title_in_its_language(app: TestApp) {
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
    const STAFF: [&str; 3] = ["/staff", "/staff/billing", "/staff/mail"];
    const SHOWING_AN_ERROR: [&str; 6] = [
        "/no-such-page",
        "/terms/delivery/1999-1",
        "/guides/before-you-start?from=kind",
        "/login/failed",
        "/applications/999999",
        "/billing/999999",
    ];
    let inner = |html: &str, tag: &str| {
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
    };
    for lang in [Lang::Fi, Lang::Sv] {
        let service = lookup(lang, "service-name", None);
        let error = lookup(lang, "title-error", None);
        let browser = |person: Option<&'static str>| {
            let app = &app;
            async move {
                let mut browser = Browser::new(&app.base);
                browser.lang = lang.code();
                if let Some(person) = person {
                    log_in(&browser, person).await;
                }
                browser
            }
        };
        let (anonymous, applicant, staff) =
            (browser(None).await, browser(Some("p01")).await, browser(Some("p10")).await);
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
