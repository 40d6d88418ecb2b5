//! Several services on one application: what may be ticked together, a service added after
//! signing (signed again), staff's queue by service, and one go-live for all of them.
use super::row;
use crate::common::{
    TestApp,
    api::{ApplicantCommand, ChangeServices, SaveApplication, ServerFn, SignAgreement, StaffCommand, StaffQueue},
    applications::{ANSWERS, save_fields, shown_hash, start, submit_fields},
    browser::{Browser, caught_mail, log_in},
};
use app::backend::entities::{agreement_signature, application, contact, technical_item};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait, QueryOrder};

pub(super) async fn services_are_taken_into_use_together(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let id = start_imaging_with_the_repository(&app, &clinic).await;
    sign_add_eprescription_and_send(&app, &clinic, id).await;
    staff_take_all_three_to_production(&app, &clinic, id).await;
    contacts_cover_all_and_technical_data_is_per_service(&app).await;
}

/// Refuses nothing ticked and a service that goes on its own; starts imaging with the repository
/// it needs and saves the answers; returns the application's id.
async fn start_imaging_with_the_repository(app: &TestApp, clinic: &Browser) -> i32 {
    let (status, body) = start(clinic, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "nothing ticked: {body}");
    assert!(body.contains("Required"), "{body}");
    let (status, body) = start(clinic, &["test-environment", "patient-data"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("OnItsOwn"), "{body}");
    assert_eq!(application::Entity::find().count(&app.db).await.unwrap(), 0);

    let (status, id) = start(clinic, &["imaging", "patient-data"]).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id: i32 = id.parse().unwrap();
    assert_eq!(row(app, id).await.services, "patient-data,imaging", "catalogue order");
    let (status, _) = start(clinic, &["imaging"]).await;
    assert_eq!(status, StatusCode::CONFLICT, "imaging is already applied for");
    let (status, body) = clinic.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

/// Signed for two services; ePrescription added, signed again for all three, and sent.
async fn sign_add_eprescription_and_send(app: &TestApp, clinic: &Browser, id: i32) {
    let page = clinic.get(&format!("/applications/{id}")).await;
    assert!(!page.body.contains("id=\"unmet\""), "imaging comes with the repository it needs");
    let hash = shown_hash(&page.body).expect("agreement shown");
    let sign = |version: i32, hash: &str| {
        vec![("id".to_string(), id.to_string()), ("version".into(), version.to_string()), ("hash".into(), hash.into())]
    };
    let send = |version: i32| submit_fields(id, version);
    assert_eq!(clinic.call(SignAgreement::PATH, &sign(2, &hash)).await.0, StatusCode::OK);

    // ePrescription added after signing: the signature was for two services, so sign again.
    let change = |version: i32, services: &[&str]| {
        let mut f = vec![("id".to_string(), id.to_string()), ("version".into(), version.to_string())];
        f.extend(services.iter().map(|s| (format!("services[{s}]"), "on".to_string())));
        f
    };
    let (status, body) = clinic.call(ChangeServices::PATH, &change(3, &["client-data-archive", "x"])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = clinic.call(ChangeServices::PATH, &change(2, &["patient-data"])).await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale version: {body}");
    let (status, body) = clinic.call(ChangeServices::PATH, &change(3, &["imaging", "patient-data"])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(row(app, id).await.version, 3, "the same services again change nothing");
    let page = clinic.post_form(ChangeServices::PATH, &change(3, &["patient-data", "imaging", "eprescription"])).await;
    assert!(page.url.ends_with(&format!("/applications/{id}")), "{:?}", page.trail);
    let changed = row(app, id).await;
    assert_eq!((changed.services.as_str(), changed.version), ("eprescription,patient-data,imaging", 4));
    let (status, body) = clinic.call(ApplicantCommand::PATH, &send(4)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "the old signature does not cover ePrescription: {body}");
    assert!(body.contains("agreement"), "{body}");
    let page = clinic.get(&format!("/applications/{id}")).await;
    let hash = shown_hash(&page.body).expect("the agreement is shown again");
    assert_eq!(clinic.call(SignAgreement::PATH, &sign(4, &hash)).await.0, StatusCode::OK);
    let signed = agreement_signature::Entity::find()
        .order_by_desc(agreement_signature::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for name in ["Sähköinen lääkemääräys (terveydenhuolto)", "Potilastiedon arkisto", "Kuvantamisen tiedot"] {
        assert!(signed.text.contains(name), "{name} in {}", signed.text);
    }
    assert!(signed.text.contains("Sopimus koskee palveluja:"), "{}", signed.text);
    assert_eq!(clinic.call(ApplicantCommand::PATH, &send(5)).await.0, StatusCode::OK);
    let (status, _) = clinic.call(ChangeServices::PATH, &change(6, &["patient-data"])).await;
    assert_eq!(status, StatusCode::CONFLICT, "sent: the services stay");
    let mails = caught_mail(clinic, 1).await;
    let subject = mails[0]["subject"].as_str().unwrap();
    assert!(subject.contains("Sähköinen lääkemääräys (terveydenhuolto), Potilastiedon arkisto"), "{subject}");
}

/// Staff find it under each of its services, and take all three to production in one go.
async fn staff_take_all_three_to_production(app: &TestApp, clinic: &Browser, id: i32) {
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let queue = |service: &'static str| {
        let staff = &staff;
        async move {
            let (status, body) = staff
                .call(StaffQueue::PATH, &[("service", service), ("state", ""), ("min_age", ""), ("after", "")])
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body.contains(&format!("\"id\":{id},"))
        }
    };
    assert!(queue("imaging").await && queue("eprescription").await);
    assert!(!queue("client-data-archive").await);
    let decide = |version: i32, command: &str, go_live: &str| {
        vec![
            ("id".to_string(), id.to_string()),
            ("version".into(), version.to_string()),
            ("command".into(), command.into()),
            ("comment".into(), String::new()),
            ("go_live".into(), go_live.into()),
        ]
    };
    for (version, command, go_live) in
        [(6, "start-joint-testing", ""), (7, "approve", "2099-03-01"), (8, "go-live", "")]
    {
        let (status, body) = staff.call(StaffCommand::PATH, &decide(version, command, go_live)).await;
        assert_eq!(status, StatusCode::OK, "{command}: {body}");
    }
    let page = clinic.get("/applications").await;
    let in_use = page.body.split("id=\"services-in-use\"").nth(1).expect("services in use listed");
    for name in ["Sähköinen lääkemääräys (terveydenhuolto)", "Potilastiedon arkisto", "Kuvantamisen tiedot"] {
        assert!(in_use.split("</ul>").next().unwrap().contains(name), "{name} in use");
    }
}

/// The contacts cover all three; each service has its own technical data.
async fn contacts_cover_all_and_technical_data_is_per_service(app: &TestApp) {
    let contacts = contact::Entity::find().all(&app.db).await.unwrap();
    let kinds: Vec<&str> = contacts.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["administrative", "technical", "archivist"]);
    assert!(contacts[..2].iter().all(|c| c.services.contains("eprescription") && c.services.contains("imaging")));
    assert_eq!(contacts[2].services, r#"["patient-data"]"#, "the archivist is the repository's");
    let mut per_service: Vec<String> =
        technical_item::Entity::find().all(&app.db).await.unwrap().into_iter().map(|t| t.service).collect();
    per_service.sort();
    per_service.dedup();
    assert_eq!(per_service.len(), 3, "{per_service:?}");
}
