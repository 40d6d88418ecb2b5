//! A complete application's answers, as the wizard sends them, for the applications tests.
use super::api::{ApplicantCommand, SaveApplication, ServerFn, SignAgreement, StaffCommand, StartApplication};

pub const ANSWERS: &[(&str, &str)] = &[
    ("unit_name", "Lähiklinikka, vastaanotto"),
    ("unit_oid", "1.2.246.10.31415903.10.1"),
    ("system_product", "Potilas Pro"),
    ("system_version", "5.2"),
    ("system_vendor", "Terveysdata Oy"),
    ("system_certification", "certified"),
    ("admin_name", "Aino Virtanen"),
    ("admin_email", "aino@lahiklinikka.example"),
    ("admin_phone", "040 123 4567"),
    ("technical_name", "Laura Heikkinen"),
    ("technical_email", "laura@terveysdata.example"),
    ("technical_phone", "050 765 4321"),
    ("certificate_name", "kanta.lahiklinikka.example"),
    ("archivist_name", "Arja Arkisto"),
    ("archivist_email", "arkisto@lahiklinikka.example"),
    ("archivist_phone", "040 765 1234"),
    ("certificate_valid_until", "2099-12-31"),
    ("production_date", "2099-03-01"),
    ("testing_plan", "Yhteistestaus toimittajan kanssa asiakastestiympäristössä."),
];

/// `answers[name]=value` fields of a save, with `id` and `version`.
pub fn save_fields(id: i32, version: i32, answers: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields = vec![("id".to_string(), id.to_string()), ("version".to_string(), version.to_string())];
    fields.extend(answers.iter().map(|(k, v)| (format!("answers[{k}]"), v.to_string())));
    fields
}

/// The form that sends application `id`, made on `version`.
pub fn submit_fields(id: i32, version: i32) -> Vec<(String, String)> {
    vec![("id".into(), id.to_string()), ("version".into(), version.to_string()), ("command".into(), "submit".into())]
}

/// Application `id`'s history, oldest first.
pub async fn history(
    db: &sea_orm::DatabaseConnection,
    id: i32,
) -> Vec<app::backend::entities::application_event::Model> {
    use app::backend::entities::application_event;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    application_event::Entity::find()
        .filter(application_event::Column::ApplicationId.eq(id))
        .order_by_asc(application_event::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// The agreement hash shown on the application's page (the page offers signing).
pub fn shown_hash(body: &str) -> Option<String> {
    Some(body.split("name=\"hash\" value=\"").nth(1)?[..64].to_string())
}

/// Starts an application for `services`, ticked as on the dashboard; the status and the body
/// (the new id when it was made).
pub async fn start(applicant: &super::browser::Browser, services: &[&str]) -> (reqwest::StatusCode, String) {
    let ticked: Vec<(String, &str)> = services.iter().map(|s| (format!("services[{s}]"), "on")).collect();
    applicant.call(StartApplication::PATH, &ticked).await
}

/// A complete application for `service` with a signed agreement, its unit under `oid_root`, ready
/// to send at version 3; returns its id.
pub async fn ready_to_send(applicant: &super::browser::Browser, service: &str, oid_root: &str) -> i32 {
    use reqwest::StatusCode;
    let (status, body) = start(applicant, &[service]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let id: i32 = body.trim().parse().unwrap();
    let oid = format!("{oid_root}.1");
    let mut answers = ANSWERS.to_vec();
    answers[1] = ("unit_oid", &oid);
    let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 1, &answers)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = applicant.get(&format!("/applications/{id}")).await;
    let hash = shown_hash(&page.body).expect("the agreement to sign");
    let sign = [("id".to_string(), id.to_string()), ("version".into(), "2".into()), ("hash".into(), hash)];
    let (status, body) = applicant.call(SignAgreement::PATH, &sign).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id
}

/// Takes `service` into production for whoever `applicant` acts for, through every real step:
/// start, answers, the agreement signed, sent, and staff's testing, approval and go-live.
pub async fn to_production(applicant: &super::browser::Browser, staff: &super::browser::Browser, service: &str) -> i32 {
    use reqwest::StatusCode;
    let (status, id) = start(applicant, &[service]).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id: i32 = id.parse().unwrap();
    let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    sign_send_and_go_live(applicant, staff, id, 2).await;
    id
}

/// From a complete draft at `version`: the agreement signed, sent, and staff's testing, approval
/// and go-live.
pub async fn sign_send_and_go_live(
    applicant: &super::browser::Browser,
    staff: &super::browser::Browser,
    id: i32,
    version: i32,
) {
    use reqwest::StatusCode;
    let page = applicant.get(&format!("/applications/{id}")).await;
    let hash = shown_hash(&page.body).expect("agreement shown");
    let fields = |version: i32, extra: &[(&str, &str)]| {
        let mut f = vec![("id".to_string(), id.to_string()), ("version".to_string(), version.to_string())];
        f.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        f
    };
    let v = version;
    let steps = [
        (applicant, SignAgreement::PATH, fields(v, &[("hash", &hash)])),
        (applicant, ApplicantCommand::PATH, fields(v + 1, &[("command", "submit")])),
        (
            staff,
            StaffCommand::PATH,
            fields(v + 2, &[("command", "start-joint-testing"), ("comment", ""), ("go_live", "")]),
        ),
        (
            staff,
            StaffCommand::PATH,
            fields(v + 3, &[("command", "record-test-result"), ("comment", "OK"), ("go_live", "")]),
        ),
        (
            staff,
            StaffCommand::PATH,
            fields(v + 4, &[("command", "approve"), ("comment", ""), ("go_live", "2099-03-01")]),
        ),
        (staff, StaffCommand::PATH, fields(v + 5, &[("command", "go-live"), ("comment", ""), ("go_live", "")])),
    ];
    for (who, path, form) in steps {
        let (status, body) = who.call(path, &form).await;
        assert_eq!(status, StatusCode::OK, "{path}: {body}");
    }
}
