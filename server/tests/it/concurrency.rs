//! Many people at once: actions that arrive together are all carried out, none refused because
//! another request holds the database, and pages keep being served meanwhile.
use crate::common::{
    TestApp,
    api::{ApplicantCommand, ServerFn},
    applications::{history, ready_to_send, start, submit_fields},
    browser::{Browser, log_in},
};
use app::backend::entities::application;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::sync::Arc;

on_both_databases!(actions_sent_together_are_all_carried_out, a_service_started_by_several_at_once_is_applied_for_once);

const SERVICES: [&str; 4] = ["eprescription", "patient-data", "client-data-archive", "test-environment"];

async fn actions_sent_together_are_all_carried_out(app: TestApp) {
    // Two clinics, four services each: eight applications ready to send.
    let mut ready = Vec::new();
    for (person, oid_root) in [("p01", "1.2.246.10.31415903.10"), ("p13", "1.2.246.10.31419170.10")] {
        let browser = Arc::new(Browser::new(&app.base));
        log_in(&browser, person).await;
        for service in SERVICES {
            ready.push((browser.clone(), ready_to_send(&browser, service, oid_root).await));
        }
    }

    // Every application sent at once, each beside a dashboard being read.
    let started = std::time::Instant::now();
    let tasks: Vec<_> = ready
        .iter()
        .map(|(browser, id)| {
            let (browser, id) = (browser.clone(), *id);
            tokio::spawn(async move {
                let fields = submit_fields(id, 3);
                let (sent, page) =
                    tokio::join!(browser.call(ApplicantCommand::PATH, &fields), browser.get("/applications"));
                (id, sent, page.status)
            })
        })
        .collect();
    for task in tasks {
        let (id, (status, body), page) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK, "application {id}: {body}");
        assert_eq!(page, StatusCode::OK, "the dashboard beside application {id}");
    }
    eprintln!("{} submissions and dashboards together: {:?}", ready.len(), started.elapsed());

    for (_, id) in &ready {
        let row = application::Entity::find_by_id(*id).one(&app.db).await.unwrap().unwrap();
        assert_eq!((row.state.as_str(), row.version), ("submitted", 4), "application {id}");
        let kinds: Vec<String> = history(&app.db, *id).await.into_iter().map(|e| e.kind).collect();
        assert_eq!(kinds.last().map(String::as_str), Some("submit"), "application {id}'s history: {kinds:?}");
        assert_eq!(kinds.iter().filter(|k| *k == "submit").count(), 1, "application {id}'s history: {kinds:?}");
    }
}

async fn a_service_started_by_several_at_once_is_applied_for_once(app: TestApp) {
    // The clinic's managing director and her deputy, each starting the Patient Data Repository
    // three times at the same moment: one application, five refusals.
    let mut people = Vec::new();
    for person in ["p01", "p03"] {
        let browser = Arc::new(Browser::new(&app.base));
        log_in(&browser, person).await;
        people.push(browser);
    }
    let tasks: Vec<_> = (0..6)
        .map(|i| {
            let browser = people[i % 2].clone();
            tokio::spawn(async move { start(&browser, &["patient-data"]).await })
        })
        .collect();
    let mut answers = Vec::new();
    for task in tasks {
        answers.push(task.await.unwrap());
    }
    let made = answers.iter().filter(|(status, _)| *status == StatusCode::OK).count();
    let refused = answers.iter().filter(|(status, _)| *status == StatusCode::CONFLICT).count();
    assert_eq!((made, refused), (1, 5), "{answers:?}");
    let open = application::Entity::find()
        .filter(application::Column::Services.contains("patient-data"))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
}
