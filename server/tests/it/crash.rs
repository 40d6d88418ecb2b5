//! Reliability: the server process is killed (SIGKILL) in the middle of a burst of submissions.
//! Every application must then be either fully sent (state, history event, audit line and
//! e-mail all there) or still a draft with none of them; the server starts again on the same
//! database and carries on.
use crate::common::SERVER_BIN;
use crate::common::{
    TestApp,
    api::{ApplicantCommand, ServerFn},
    applications::{ready_to_send, submit_fields},
    browser::{Browser, log_in},
};
use app::backend::entities::{application, application_event, audit_event, mail_outbox};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::{
    process::{Child, Command, Stdio},
    time::Duration,
};

on_both_databases!(a_killed_server_leaves_every_application_sent_or_draft);

// Imaging needs the Patient Data Repository in use first, so it is not among them.
const SERVICES: [&str; 4] = ["eprescription", "patient-data", "client-data-archive", "test-environment"];

fn start_server(port: u16, database_url: &str) -> Child {
    Command::new(SERVER_BIN)
        .arg("serve")
        .env("KANTA_LISTEN", format!("127.0.0.1:{port}"))
        .env("KANTA_DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

async fn wait_until_up(base: &str) {
    for _ in 0..200 {
        if reqwest::get(format!("{base}/healthz")).await.is_ok_and(|r| r.status() == StatusCode::OK) {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server did not start");
}

async fn a_killed_server_leaves_every_application_sent_or_draft(app: TestApp) {
    let port = crate::common::free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start_server(port, &app.url);
    wait_until_up(&base).await;

    // Two clinics, four services each: eight applications ready to send.
    let mut ready = Vec::new();
    for (person, oid_root) in [("p01", "1.2.246.10.31415903.10"), ("p13", "1.2.246.10.31419170.10")] {
        let browser = std::sync::Arc::new(Browser::new(&base));
        log_in(&browser, person).await;
        for service in SERVICES {
            ready.push((browser.clone(), ready_to_send(&browser, service, oid_root).await));
        }
    }

    // All sent at once; the process is killed while they are under way.
    let burst: Vec<_> = ready
        .iter()
        .map(|(browser, id)| {
            let (browser, id) = (browser.clone(), *id);
            tokio::spawn(async move { browser.try_call(ApplicantCommand::PATH, &submit_fields(id, 3)).await })
        })
        .collect();
    // Killed as soon as the first submission has committed, while the others are under way.
    let submitted = application::Entity::find().filter(application::Column::State.eq("submitted"));
    while submitted.clone().count(&app.db).await.unwrap() == 0 {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    server.kill().unwrap();
    server.wait().unwrap();
    let mut answered = 0;
    for request in burst {
        answered += usize::from(matches!(request.await, Ok(Some(_))));
    }

    // Each application all-or-nothing.
    let mut sent = 0;
    for (_, id) in &ready {
        let row = application::Entity::find_by_id(*id).one(&app.db).await.unwrap().unwrap();
        let events = application_event::Entity::find()
            .filter(application_event::Column::ApplicationId.eq(*id))
            .filter(application_event::Column::Kind.eq("submit"))
            .count(&app.db)
            .await
            .unwrap();
        let audited = audit_event::Entity::find()
            .filter(audit_event::Column::Action.eq("application-submit"))
            .filter(audit_event::Column::Detail.eq(id.to_string()))
            .count(&app.db)
            .await
            .unwrap();
        let mails = mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Body.contains(format!("/applications/{id}")))
            .count(&app.db)
            .await
            .unwrap();
        let submitted = u64::from(row.state == "submitted");
        assert!(row.state == "submitted" || (row.state == "draft" && row.version == 3), "{id}: {row:?}");
        assert_eq!((events, audited, mails), (submitted, submitted, submitted), "application {id} half sent");
        sent += submitted;
    }
    eprintln!("killed mid-burst: {sent} of {} sent, {answered} answered before the kill", ready.len());

    // The server starts again on the same database, and a draft left behind can still be sent.
    let mut server = start_server(port, &app.url);
    wait_until_up(&base).await;
    let mut left = None;
    for (browser, id) in &ready {
        if application::Entity::find_by_id(*id).one(&app.db).await.unwrap().unwrap().state == "draft" {
            left = Some((browser, *id));
        }
    }
    if let Some((browser, id)) = left {
        let (status, body) = browser.call(ApplicantCommand::PATH, &submit_fields(id, 3)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    server.kill().unwrap();
    server.wait().unwrap();
}
