//! A pharmacy's applications: only for a pharmacy's service, and for the Prescription service
//! at most 30 days before its takeover date in Fimea's pharmacy register.
use super::row;
use crate::common::{
    TestApp,
    api::{ApplicantCommand, ConfirmData, GetApplication, ServerFn, StaffCommand},
    applications::{ready_to_send, start, submit_fields},
    browser::{Browser, NO_FIELDS, caught_mail, log_in},
};
use app::{backend::entities::application, domain::application::State};
use reqwest::StatusCode;
use sea_orm::{EntityTrait, PaginatorTrait};

pub(super) async fn a_pharmacy_cannot_apply_for_a_health_care_service(app: TestApp) {
    let pharmacist = Browser::new(&app.base);
    log_in(&pharmacist, "p05").await;
    let (status, body) = start(&pharmacist, &["patient-data"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (status, body) = start(&pharmacist, &["eprescription-pharmacy"]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(application::Entity::find().count(&app.db).await.unwrap(), 1);
    // Someone else's application is not found.
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let id = application::Entity::find().one(&app.db).await.unwrap().unwrap().id.to_string();
    let (status, _) = clinic.call(GetApplication::PATH, &[("id", id.as_str())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// Issue 19: a pharmacy's Prescription application is sent at most 30 days before the takeover
/// date in Fimea's pharmacy register (none registered: not yet); once approved, the pharmacy is
/// asked by mail and on its dashboard to bring its contacts up to date.
pub(super) async fn a_pharmacy_applies_at_most_thirty_days_before_its_takeover(app: TestApp) {
    let pharmacist = Browser::new(&app.base);
    log_in(&pharmacist, "p15").await;
    let id = ready_to_send(&pharmacist, "eprescription-pharmacy", "1.2.246.10.31419509.10").await;
    let today = app::domain::calendar::today();
    let register = |days: i64| {
        let takeover = today.plus_days(days).to_string();
        let url = format!("{}/sandbox/pharmacy-register/pharmacies/3141950-9/takeover", app.base);
        async move {
            let answer = reqwest::Client::new().post(url).json(&serde_json::json!({ "takeover_on": takeover }));
            assert_eq!(answer.send().await.unwrap().status(), StatusCode::NO_CONTENT);
        }
    };
    let fi = |id: &str, args: &[(&'static str, String)]| {
        let args: app::i18n::Args = args.iter().cloned().collect();
        app::i18n::lookup(app::i18n::Lang::Fi, id, Some(&args))
    };

    let (status, body) = pharmacist.call(ApplicantCommand::PATH, &submit_fields(id, 3)).await;
    assert_eq!(
        (status, body.as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, r#"{"Prerequisites":["TakeoverRegistered"]}"#)
    );
    // 31 days before the takeover: refused, and the page says from which day it can be sent.
    register(31).await;
    let (status, body) = pharmacist.call(ApplicantCommand::PATH, &submit_fields(id, 3)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    let (opens, takeover) = (today.plus_days(1), today.plus_days(31));
    let near = fi(
        "prerequisite-takeover-near",
        &[("days", "30".into()), ("opens", opens.local()), ("takeover", takeover.local())],
    );
    let page = pharmacist.get(&format!("/applications/{id}")).await;
    assert!(page.body.contains(&near), "{}", page.body);
    assert_eq!(row(&app, id).await.state, State::Draft.code());
    // 30 days before: sent.
    register(30).await;
    let (status, body) = pharmacist.call(ApplicantCommand::PATH, &submit_fields(id, 3)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(row(&app, id).await.state, State::Submitted.code());

    // Approved: a mail and a dashboard task ask for the pharmacy's contacts; confirming clears it.
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    for (version, command, comment, go_live) in
        [(4, "start-joint-testing", "", ""), (5, "record-test-result", "OK", ""), (6, "approve", "", "2099-03-01")]
    {
        let fields: Vec<(String, String)> =
            [("id", id.to_string()), ("version", version.to_string()), ("command", command.into())]
                .into_iter()
                .chain([("comment", comment.to_string()), ("go_live", go_live.to_string())])
                .map(|(k, v)| (k.to_string(), v))
                .collect();
        let (status, body) = staff.call(StaffCommand::PATH, &fields).await;
        assert_eq!(status, StatusCode::OK, "{command}: {body}");
    }
    let mails = caught_mail(&pharmacist, 4).await;
    let approved = mails.iter().find(|m| m["body"].as_str().unwrap().contains("/customer-data")).expect("asked");
    assert_eq!(approved["to"][0], "aino@lahiklinikka.example", "the application's administrative contact");
    let service = fi("service-eprescription-pharmacy", &[]);
    let task = fi("task-update-pharmacy-contacts", &[("service", service)]);
    assert!(pharmacist.get("/applications").await.body.contains(&task));
    let (status, body) = pharmacist.call(ConfirmData::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(!pharmacist.get("/applications").await.body.contains(&task));
}
