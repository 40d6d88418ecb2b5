//! A managing director takes the Patient Data Repository into use through every step: refused
//! saves, a stale version, the signed agreement and its PDF, a return, a resubmission and
//! production; and the checks on a unit's OID and on imaging's prerequisite.
use super::row;
use crate::common::{
    TestApp,
    api::{AgreementPdf, ApplicantCommand, SaveApplication, ServerFn, SignAgreement, StaffCommand, StartApplication},
    applications::{ANSWERS, history, save_fields, shown_hash, start, submit_fields},
    browser::{Browser, caught_mail, log_in},
};
use app::{
    backend::{
        agreement::text_hash,
        entities::{agreement_signature, audit_event, mail_outbox},
    },
    domain::application::State,
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

pub(super) async fn a_clinic_takes_the_patient_data_repository_into_use(app: TestApp) {
    let applicant = Browser::new(&app.base);
    log_in(&applicant, "p01").await;
    let id = start_and_save(&app, &applicant).await;
    sign_the_agreement(&app, &applicant, id).await;
    let staff = send_and_have_it_returned(&app, &applicant, id).await;
    resubmit_and_take_to_production(&app, &applicant, &staff, id).await;
    the_history_audit_and_mail_are_kept(&app, &applicant, id).await;
}

/// Staff's decision on application `id` at `version`.
fn decide(id: i32, version: i32, command: &str, comment: &str, go_live: &str) -> Vec<(String, String)> {
    vec![
        ("id".to_string(), id.to_string()),
        ("version".into(), version.to_string()),
        ("command".into(), command.into()),
        ("comment".into(), comment.into()),
        ("go_live".into(), go_live.into()),
    ]
}

/// Starts the application and saves it past a refused phone number, refused OIDs and a stale
/// version; returns its id.
async fn start_and_save(app: &TestApp, applicant: &Browser) -> i32 {
    let page = applicant.post_form(StartApplication::PATH, &[("services[patient-data]".into(), "on".into())]).await;
    assert!(page.url.contains("/applications/"), "{:?}", page.trail);
    let id: i32 = page.url.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(row(app, id).await.state, "draft");

    // A bad phone number is refused and nothing is saved.
    let mut bad = ANSWERS.to_vec();
    bad[8] = ("admin_phone", "12345");
    let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 1, &bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("InvalidPhone"), "{body}");
    assert_eq!(row(app, id).await.version, 1);
    // An OID of another organisation (under its root, and a self-employed professional's own
    // OID elsewhere), and one the code service does not know.
    for (oid, problem) in [
        ("1.2.246.10.31416316.10.1", "NotOwnOid"),
        ("1.2.246.537.10.91835401.1", "NotOwnOid"),
        ("1.2.246.10.31415903.10.77", "NotInRegister"),
    ] {
        let mut answers = ANSWERS.to_vec();
        answers[1] = ("unit_oid", oid);
        let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 1, &answers)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert!(body.contains(problem), "{oid}: {body}");
    }
    // Saved, normalised.
    let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "2"));
    let saved = row(app, id).await;
    assert!(saved.answers.contains("\"admin_phone\":\"+358401234567\""), "{}", saved.answers);
    // A second person still on version 1 does not overwrite it.
    let deputy = Browser::new(&app.base);
    log_in(&deputy, "p03").await;
    let (status, body) = deputy.call(SaveApplication::PATH, &save_fields(id, 1, &ANSWERS[..2])).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("\"current\":2"), "{body}");
    assert_eq!(row(app, id).await.answers, saved.answers, "nothing overwritten");
    id
}

/// Not sent unsigned; signed with the hash of the text shown, whose terms and PDF/A are checked.
async fn sign_the_agreement(app: &TestApp, applicant: &Browser, id: i32) {
    // Sending needs the agreement signed.
    let (status, body) = applicant.call(ApplicantCommand::PATH, &submit_fields(id, 2)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    // The page shows the agreement with the hash of its exact text; a different hash is refused.
    let page = applicant.get(&format!("/applications/{id}")).await;
    let hash = shown_hash(&page.body).unwrap();
    let sign = |hash: &str| {
        vec![("id".into(), id.to_string()), ("version".into(), "2".into()), ("hash".into(), hash.to_string())]
    };
    let (status, _) = applicant.call(SignAgreement::PATH, &sign(&"0".repeat(64))).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let page = applicant.post_form(SignAgreement::PATH, &sign(&hash)).await;
    assert!(page.url.ends_with(&format!("/applications/{id}")), "{:?}", page.trail);
    let signed = agreement_signature::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!(signed.text_hash, hash);
    assert_eq!(text_hash(&signed.text), hash, "the hash is of the stored text");
    assert!(signed.text.contains("Lähiklinikka Oy") && signed.text.contains("3141590-3"));
    assert_eq!((signed.basis.as_str(), signed.signer_name.as_str()), ("trade:toimitusjohtaja", "Aino Virtanen"));
    // The text names the versions of the terms it accepts, the record keeps them, and each can be read.
    assert_eq!(signed.cited_terms, r#"[["delivery","2026-1"],["patient-data","2026-1"]]"#);
    assert!(signed.text.contains("toimitusehdot, versio 2026-1"), "{}", signed.text);
    assert!(signed.text.contains("Potilastiedon arkisto, versio 2026-1"), "{}", signed.text);
    let page = applicant.get(&format!("/applications/{id}")).await;
    for cited in ["/terms/delivery/2026-1", "/terms/patient-data/2026-1"] {
        assert!(page.body.contains(&format!("href=\"{cited}\"")), "{cited} linked from the signature");
        let terms = applicant.get(cited).await;
        assert!(terms.status == StatusCode::OK && terms.body.contains("data-version=\"2026-1\""), "{cited}");
    }
    assert_eq!(applicant.get("/terms/delivery/1999-1").await.status, StatusCode::NOT_FOUND);
    // The PDF/A document names the hash and carries the signed text, whose hash it is.
    let (status, kind, pdf) = applicant.download(&format!("{}?id={id}", AgreementPdf::PATH)).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    let read = crate::common::read_pdf(&pdf);
    assert!(read.text.contains(&hash) && read.text.contains("Potilastiedon arkisto"), "{}", read.text);
    assert_eq!(read.attachment, signed.text.as_bytes());
    assert_eq!(app::backend::agreement::text_hash(std::str::from_utf8(&read.attachment).unwrap()), hash);
    assert!(read.info.contains("<pdfaid:part>3</pdfaid:part>") && read.info.contains("Tagged:          yes"));
}

/// Sent and mailed; staff (logged in here, and returned) send it back with a comment.
async fn send_and_have_it_returned(app: &TestApp, applicant: &Browser, id: i32) -> Browser {
    let page = applicant.post_form(ApplicantCommand::PATH, &submit_fields(id, 3)).await;
    assert!(page.url.ends_with(&format!("/applications/{id}")), "{:?}", page.trail);
    assert_eq!(row(app, id).await.state, State::Submitted.code());
    let mails = caught_mail(applicant, 1).await;
    assert_eq!(mails[0]["to"][0], "aino@lahiklinikka.example");
    assert!(mails[0]["subject"].as_str().unwrap().contains("Potilastiedon arkisto"), "{mails:?}");

    // Staff: an applicant cannot use the desk; staff return it with a comment.
    let (status, _) = applicant.call(StaffCommand::PATH, &decide(id, 4, "return", "x", "")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let queue = staff.get("/staff").await;
    assert!(queue.body.contains("Lähiklinikka Oy"), "in the queue");
    let (status, body) = staff.call(StaffCommand::PATH, &decide(id, 4, "return", "", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a return needs a comment: {body}");
    let page = staff.post_form(StaffCommand::PATH, &decide(id, 4, "return", "Tarkista testaussuunnitelma.", "")).await;
    assert!(page.url.ends_with(&format!("/staff/applications/{id}")), "{:?}", page.trail);
    assert_eq!(row(app, id).await.state, State::ReturnedForChanges.code());
    let page = applicant.get(&format!("/applications/{id}")).await;
    assert!(page.body.contains("Tarkista testaussuunnitelma."), "the applicant sees the comment");
    let mails = caught_mail(applicant, 2).await;
    assert!(mails[1]["body"].as_str().unwrap().contains("Tarkista testaussuunnitelma."), "{mails:?}");
    staff
}

/// The applicant fixes and resubmits (the agreement stays signed); staff take it to production.
async fn resubmit_and_take_to_production(app: &TestApp, applicant: &Browser, staff: &Browser, id: i32) {
    let mut fixed = ANSWERS.to_vec();
    let plan = fixed.iter().position(|(k, _)| *k == "testing_plan").unwrap();
    fixed[plan] = ("testing_plan", "Yhteistestaus kahdessa vaiheessa toimittajan kanssa.");
    let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 5, &fixed)).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "6"));
    applicant.post_form(ApplicantCommand::PATH, &submit_fields(id, 6)).await;
    assert_eq!(row(app, id).await.state, State::Submitted.code());
    // An approval before joint testing is refused by the state machine.
    let (status, _) = staff.call(StaffCommand::PATH, &decide(id, 7, "approve", "", "2099-03-01")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    staff.post_form(StaffCommand::PATH, &decide(id, 7, "start-joint-testing", "", "")).await;
    staff.post_form(StaffCommand::PATH, &decide(id, 8, "record-test-result", "Testit läpäisty.", "")).await;
    staff.post_form(StaffCommand::PATH, &decide(id, 9, "approve", "", "2099-03-01")).await;
    staff.post_form(StaffCommand::PATH, &decide(id, 10, "go-live", "", "")).await;
    let done = row(app, id).await;
    assert_eq!(
        (done.state.as_str(), done.version, done.go_live_on.as_deref()),
        ("in-production", 11, Some("2099-03-01"))
    );
}

/// The history and the audit log name every step, the dashboard the service in use, and every
/// mail is marked sent.
async fn the_history_audit_and_mail_are_kept(app: &TestApp, applicant: &Browser, id: i32) {
    let kinds: Vec<String> = history(&app.db, id).await.into_iter().map(|e| e.kind).collect();
    assert_eq!(
        kinds,
        [
            "created",
            "signed",
            "submit",
            "return",
            "submit",
            "start-joint-testing",
            "record-test-result",
            "approve",
            "go-live"
        ]
    );
    let audited = audit_event::Entity::find()
        .filter(audit_event::Column::Action.starts_with("application-"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 10, "created, saved twice, seven commands");
    let page = applicant.get("/applications").await;
    assert!(page.body.contains("id=\"services-in-use\""), "the dashboard lists the service in use");
    caught_mail(applicant, 7).await;
    // The mailer marks a mail sent just after the receiver has it.
    let unsent = mail_outbox::Entity::find().filter(mail_outbox::Column::SentAt.is_null());
    let mut left = unsent.clone().count(&app.db).await.unwrap();
    for _ in 0..100 {
        if left == 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        left = unsent.clone().count(&app.db).await.unwrap();
    }
    assert_eq!(left, 0, "every mail marked sent");
}

/// The code service ties a self-employed professional's own OID, outside the prefix
/// `1.2.246.10.<business ID>`, to the professional: it is theirs to give, and no one else's.
pub(super) async fn a_unit_is_its_owners_where_the_code_service_says(app: TestApp) {
    let own = "1.2.246.537.10.91835401.1";
    let professional = Browser::new(&app.base);
    log_in(&professional, "p06").await;
    let (status, id) = start(&professional, &["patient-data"]).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id: i32 = id.parse().unwrap();
    let mut answers = ANSWERS.to_vec();
    answers[1] = ("unit_oid", own);
    let (status, body) = professional.call(SaveApplication::PATH, &save_fields(id, 1, &answers)).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "2"));
    assert!(row(&app, id).await.answers.contains(own));
}

pub(super) async fn imaging_waits_for_the_patient_data_repository(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let (status, id) = start(&clinic, &["imaging"]).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id: i32 = id.parse().unwrap();
    let (status, body) = clinic.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = clinic.get(&format!("/applications/{id}")).await;
    assert!(page.body.contains("id=\"unmet\""), "the page says what is missing");
    let hash = shown_hash(&page.body).unwrap();
    let sign = [("id".to_string(), id.to_string()), ("version".into(), "2".into()), ("hash".into(), hash)];
    assert_eq!(clinic.call(SignAgreement::PATH, &sign).await.0, StatusCode::OK);
    let send = submit_fields(id, 3);
    let (status, body) = clinic.call(ApplicantCommand::PATH, &send).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("Prerequisites") && body.contains("PatientDataRepository"), "{body}");
    assert_eq!(row(&app, id).await.state, "draft");
    // A second imaging application while this one is open is refused.
    let (status, _) = start(&clinic, &["imaging"]).await;
    assert_eq!(status, StatusCode::CONFLICT);
}
