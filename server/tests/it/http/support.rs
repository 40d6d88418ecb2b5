//! The support form and desk: a request is saved in its sender's language or refused naming
//! every field; staff take and answer requests, and the answer goes by mail.
use super::GOOD_FORM;
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

pub(super) async fn support_request_is_saved_with_its_language(app: TestApp) {
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

pub(super) async fn invalid_support_request_saves_nothing_and_names_every_field(app: TestApp) {
    let bad = [("name", " "), ("email", "aino@"), ("organisation", ""), ("topic", "weather"), ("message", "lyhyt")];
    let reply = app.post_fields(SendSupportRequest::PATH, &bad, &[]).await;
    assert_eq!(reply.status, 422);
    let fields: Vec<_> =
        reply.json()["Invalid"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap().to_string()).collect();
    assert_eq!(fields, ["name", "email", "topic", "message"]);
    assert_eq!(support_request::Entity::find().count(&app.db).await.unwrap(), 0);
}

/// Text `id` in Swedish, with `args`.
fn sv(id: &str, args: &[(&'static str, &str)]) -> String {
    let args: app::i18n::Args = args.iter().map(|(k, v)| (*k, v.to_string())).collect();
    lookup(Lang::Sv, id, Some(&args))
}

/// The support form as Aino Virtanen fills it in, without an organisation.
fn form(email: &str, topic: &str, message: &str) -> Vec<(String, String)> {
    [("name", "Aino Virtanen"), ("email", email), ("organisation", ""), ("topic", topic), ("message", message)]
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .to_vec()
}

/// Issue 19: a request sent without JavaScript comes back with its reference and a receipt mail
/// in the sender's language, or refused and filled in; one sent logged in names the person and
/// the organisation; staff filter, take and answer, and the answer goes by mail.
pub(super) async fn the_support_desk_takes_and_answers_requests_by_mail(app: TestApp) {
    let question = "Mobilcertifikatet fungerar inte när jag loggar in.";
    let visitor = Browser::new(&app.base);
    visitor.set_cookie("kanta_lang", "sv");
    let reference = a_request_sent_without_javascript_is_received_by_mail(&visitor, question).await;
    a_refused_request_comes_back_to_its_browser_only(&app, &visitor).await;
    let tied = a_request_sent_logged_in_names_the_person_and_organisation(&app, &visitor).await;
    let staff = staff_see_the_open_requests_by_topic(&app, &reference, &tied).await;
    staff_take_and_answer_a_request_by_mail(&staff, &visitor, &reference, question).await;
}

/// Without JavaScript, in Swedish: the front page with the reference, and a receipt by mail
/// that carries none of the text (anyone can write anyone's address in the form).
async fn a_request_sent_without_javascript_is_received_by_mail(visitor: &Browser, question: &str) -> String {
    let page =
        visitor.post_form(SendSupportRequest::PATH, &form("aino.virtanen@lahiklinikka.fi", "login", question)).await;
    let reference = page.url.split("sent=").nth(1).and_then(|r| r.get(..9)).unwrap_or_default().to_string();
    assert!(reference.starts_with("KS-"), "{:?}", page.trail);
    assert!(page.body.contains(&sv("support-sent-text", &[("reference", &reference)])), "{}", page.body);
    let mails = caught_mail(visitor, 1).await;
    assert_eq!(mails[0]["to"][0], "aino.virtanen@lahiklinikka.fi");
    assert_eq!(mails[0]["subject"], sv("mail-support-received-subject", &[("reference", &reference)]));
    assert!(mails[0]["body"].as_str().unwrap().contains(&reference));
    assert!(!mails[0]["body"].as_str().unwrap().contains(question));
    reference
}

/// Refused without JavaScript: the form again, filled in, with what was wrong.
async fn a_refused_request_comes_back_to_its_browser_only(app: &TestApp, visitor: &Browser) {
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
}

/// Logged in and acting for Lähiklinikka Oy: the request names the person and the organisation.
async fn a_request_sent_logged_in_names_the_person_and_organisation(
    app: &TestApp,
    visitor: &Browser,
) -> support_request::Model {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    clinic
        .post_form(SendSupportRequest::PATH, &form("aino@lahiklinikka.example", "billing", "Laskussa on väärä summa."))
        .await;
    let tied = support_request::Entity::find().order_by_desc(support_request::Column::Id).one(&app.db).await;
    let tied = tied.unwrap().unwrap();
    assert!(tied.person_id.is_some() && tied.organisation_id.is_some(), "{tied:?}");
    caught_mail(visitor, 2).await;
    // Only staff reach the desk.
    let refused = clinic.get("/staff/support").await;
    assert!(refused.body.contains(&lookup(Lang::Fi, "error-not-permitted", None)), "{}", refused.body);
    let (status, _) = clinic.call(AnswerSupportRequest::PATH, &[("id", "1"), ("version", "0"), ("answer", "x")]).await;
    assert_eq!(status, 403);
    tied
}

/// Staff: the open requests, by topic; the clinic's request (`tied`) names whom it came from.
/// Returns staff's browser.
async fn staff_see_the_open_requests_by_topic(
    app: &TestApp,
    reference: &str,
    tied: &support_request::Model,
) -> Browser {
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let all = staff.get("/staff/support").await;
    assert!(all.body.contains(reference) && all.body.contains(&format!("KS-{:06}", tied.id)), "{}", all.body);
    let billing = staff.get("/staff/support?topic=billing").await;
    assert!(!billing.body.contains(reference) && billing.body.contains(&format!("KS-{:06}", tied.id)));
    let page = staff.get(&format!("/staff/support/{}", tied.id)).await;
    assert!(page.body.contains("Lähiklinikka Oy (3141590-3)"), "{}", page.body);
    staff
}

/// Take the visitor's request; an answer made on what was seen before that is refused.
async fn staff_take_and_answer_a_request_by_mail(staff: &Browser, visitor: &Browser, reference: &str, question: &str) {
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
    let mails = caught_mail(visitor, 3).await;
    let mail = &mails[2];
    assert_eq!(mail["to"][0], "aino.virtanen@lahiklinikka.fi");
    assert_eq!(mail["subject"], sv("mail-support-answered-subject", &[("reference", reference)]));
    let body = mail["body"].as_str().unwrap();
    assert!(body.contains(answer) && !body.contains(question), "{body}");
    // Answered: out of the open list, in the answered one; it cannot be answered twice.
    assert!(!staff.get("/staff/support").await.body.contains(reference));
    assert!(staff.get("/staff/support?status=answered").await.body.contains(reference));
    let again = staff.post_form(AnswerSupportRequest::PATH, &fields("2", Some("Toinen vastaus."))).await;
    assert!(again.body.contains(&lookup(Lang::Fi, "error-not-now", None)), "{:?}", again.trail);
}
