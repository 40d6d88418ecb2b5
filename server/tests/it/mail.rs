//! The mailer against a real SMTP receiver that is down for a while, and one that refuses a
//! mailbox for good; staff see what has not gone out and can send it again.
use crate::common::{
    TestApp,
    api::{ApplicantCommand, SaveApplication, SendAllMailAgain, SendMailAgain, ServerFn, SignAgreement, StaffMail},
    applications::{ANSWERS, ready_to_send, save_fields, shown_hash, start, submit_fields},
    browser::{Browser, log_in},
};
use app::backend::entities::mail_outbox;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use server::sandbox::mail::{Mailbox, start_on};
use std::time::{Duration, Instant};

/// A relay that is down (it answers 421) until the test brings it back, and settings that send
/// to it with retries from one second.
fn relay_down() -> (crate::common::Env, Mailbox) {
    let mailbox = Mailbox::default();
    mailbox.go_down();
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url: &'static str = Box::leak(start_on(listener, mailbox.clone(), Duration::ZERO).unwrap().into_boxed_str());
    let env: crate::common::Env =
        Box::leak(Box::new([("KANTA_SMTP_URL", url), ("KANTA_MAIL_RETRY_FIRST_SECONDS", "1")]));
    (env, mailbox)
}

#[tokio::test(flavor = "multi_thread")]
async fn sqlite() {
    let (env, relay) = relay_down();
    crate::common::within_a_minute(mail_waits_for_the_relay_and_staff_see_what_it_refused(
        TestApp::sqlite_with(env).await,
        relay,
    ))
    .await
}

#[tokio::test(flavor = "multi_thread")]
async fn postgres() {
    let (env, relay) = relay_down();
    crate::common::within_a_minute(mail_waits_for_the_relay_and_staff_see_what_it_refused(
        TestApp::postgres_with(env).await,
        relay,
    ))
    .await
}

/// Polls the outbox row of the mail whose body names application `id` until `done` holds.
async fn row_when(app: &TestApp, id: i32, done: impl Fn(&mail_outbox::Model) -> bool) -> mail_outbox::Model {
    let find = mail_outbox::Entity::find().filter(mail_outbox::Column::Body.contains(format!("/applications/{id}")));
    let start = Instant::now();
    loop {
        if let Some(row) = find.clone().one(&app.db).await.unwrap().filter(|r| done(r)) {
            return row;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "{:?}", find.clone().one(&app.db).await);
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn mail_waits_for_the_relay_and_staff_see_what_it_refused(app: TestApp, mailbox: Mailbox) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;

    // Sent while the relay is down: the mail waits, and staff see it being retried.
    let id = ready_to_send(&clinic, "patient-data", "1.2.246.10.31415903.10").await;
    let (status, body) = clinic.call(ApplicantCommand::PATH, &submit_fields(id, 3)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let waiting = row_when(&app, id, |r| r.attempts >= 1).await;
    assert!(waiting.sent_at.is_none() && waiting.failed_at.is_none(), "{waiting:?}");
    assert!(waiting.last_error.is_some() && waiting.next_attempt_at.is_some(), "{waiting:?}");
    let desk = staff.get("/staff/mail").await;
    assert!(desk.body.contains(&format!("id=\"mail-{}\"", waiting.id)), "{}", desk.body);
    assert!(desk.body.contains("Yritetään uudelleen"), "{}", desk.body);

    // The relay comes back: the mail arrives, once, with the Message-ID it was queued with.
    mailbox.come_back();
    let sent = row_when(&app, id, |r| r.sent_at.is_some()).await;
    let arrived = mailbox.all();
    assert_eq!(arrived.len(), 1, "{arrived:?}");
    assert_eq!(arrived[0].message_id, sent.message_id);
    assert!(sent.attempts >= 2 && sent.failed_at.is_none(), "{sent:?}");

    // A mailbox the relay refuses for good (550): given up at once, listed for staff.
    let (status, second) = start(&clinic, &["eprescription"]).await;
    assert_eq!(status, StatusCode::OK, "{second}");
    let second: i32 = second.parse().unwrap();
    let mut answers = ANSWERS.to_vec();
    answers[1] = ("unit_oid", "1.2.246.10.31415903.10.1");
    answers[7] = ("admin_email", "aino@undeliverable.example");
    let (status, body) = clinic.call(SaveApplication::PATH, &save_fields(second, 1, &answers)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let hash = shown_hash(&clinic.get(&format!("/applications/{second}")).await.body).unwrap();
    let sign = [("id".to_string(), second.to_string()), ("version".into(), "2".into()), ("hash".into(), hash)];
    assert_eq!(clinic.call(SignAgreement::PATH, &sign).await.0, StatusCode::OK);
    assert_eq!(clinic.call(ApplicantCommand::PATH, &submit_fields(second, 3)).await.0, StatusCode::OK);
    let refused = row_when(&app, second, |r| r.failed_at.is_some()).await;
    assert_eq!(refused.attempts, 1, "no retry after a permanent refusal");
    assert!(refused.last_error.as_deref().is_some_and(|e| e.contains("550")), "{refused:?}");
    let desk = staff.get("/staff/mail").await;
    assert!(desk.body.contains("aino@undeliverable.example") && desk.body.contains("Ei voitu toimittaa"));

    // Only staff see the list or send again; staff's "send again" tries it once more.
    let (status, _) = clinic.call(StaffMail::PATH, &[("", "")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let again = [("id", refused.id.to_string())];
    assert_eq!(clinic.call(SendMailAgain::PATH, &again).await.0, StatusCode::FORBIDDEN);
    let (status, body) = staff.call(SendMailAgain::PATH, &again).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let retried = row_when(&app, second, |r| r.last_tried_at > refused.last_tried_at && r.failed_at.is_some()).await;
    assert_eq!(retried.attempts, 1, "{retried:?}");
    // "Send all again", once the relay's fault is mended: tried once more too.
    let (status, body) = staff.call(SendAllMailAgain::PATH, &[("", "")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    row_when(&app, second, |r| r.last_tried_at > retried.last_tried_at && r.failed_at.is_some()).await;
    // A mail that was sent cannot be "sent again".
    let (status, _) = staff.call(SendMailAgain::PATH, &[("id", sent.id.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(mailbox.all().len(), 1, "nothing reached the refused mailbox");
}
