//! Taking a service into use over real HTTP on both databases: a managing director fills in the
//! application, meets a refused OID and a stale version, signs the agreement and sends it; Kanta's
//! staff return it, the applicant resubmits, and staff take it to production. The database, the
//! mail that reached the sandbox's SMTP receiver and the signed PDF are checked, not only pages.
use crate::common::{
    TestApp,
    api::{
        Accept, Acceptance, AddUnit, AgreementPdf, ApplicantCommand, ChangeServices, ConfirmData, Dashboard,
        GetApplication, GiveNotice, InviteCoJoiner, NoticePdf, NoticeText, RemoveCoJoiner, RemoveUnit, SaveApplication,
        ServerFn, SignAgreement, StaffCommand, StaffQueue, StartApplication,
    },
    applications::{
        ANSWERS, history, ready_to_send, save_fields, shown_hash, sign_send_and_go_live, start, submit_fields,
        to_production,
    },
    browser::{Browser, NO_FIELDS, caught_mail, log_in},
};
use app::backend::document::{self, Attachment, Block, Contents};
use app::{
    backend::{
        agreement::text_hash,
        entities::{
            agreement_signature, application, application_unit, audit_event, contact, joint_member, mail_outbox,
            technical_item, termination_notice,
        },
    },
    domain::application::State,
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

on_both_databases!(
    a_clinic_takes_the_patient_data_repository_into_use,
    a_pharmacy_cannot_apply_for_a_health_care_service,
    imaging_waits_for_the_patient_data_repository,
    services_are_taken_into_use_together,
    further_service_units_are_checked_and_taken_over,
    staff_read_the_queue_a_page_at_a_time,
    a_unit_is_its_owners_where_the_code_service_says,
    a_pharmacy_applies_at_most_thirty_days_before_its_takeover,
    a_clinic_ends_imaging_and_then_its_whole_relationship,
    a_main_joiner_and_a_co_joiner_join_together,
);

async fn row(app: &TestApp, id: i32) -> application::Model {
    application::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap()
}

async fn a_clinic_takes_the_patient_data_repository_into_use(app: TestApp) {
    let applicant = Browser::new(&app.base);
    log_in(&applicant, "p01").await;
    let page = applicant.post_form(StartApplication::PATH, &[("services[patient-data]".into(), "on".into())]).await;
    assert!(page.url.contains("/applications/"), "{:?}", page.trail);
    let id: i32 = page.url.rsplit('/').next().unwrap().parse().unwrap();
    assert_eq!(row(&app, id).await.state, "draft");

    // A bad phone number is refused and nothing is saved.
    let mut bad = ANSWERS.to_vec();
    bad[8] = ("admin_phone", "12345");
    let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 1, &bad)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("InvalidPhone"), "{body}");
    assert_eq!(row(&app, id).await.version, 1);
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
    let saved = row(&app, id).await;
    assert!(saved.answers.contains("\"admin_phone\":\"+358401234567\""), "{}", saved.answers);
    // A second person still on version 1 does not overwrite it.
    let deputy = Browser::new(&app.base);
    log_in(&deputy, "p03").await;
    let (status, body) = deputy.call(SaveApplication::PATH, &save_fields(id, 1, &ANSWERS[..2])).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("\"current\":2"), "{body}");
    assert_eq!(row(&app, id).await.answers, saved.answers, "nothing overwritten");

    // Sending needs the agreement signed.
    let send = |version: i32| submit_fields(id, version);
    let (status, body) = applicant.call(ApplicantCommand::PATH, &send(2)).await;
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

    let page = applicant.post_form(ApplicantCommand::PATH, &send(3)).await;
    assert!(page.url.ends_with(&format!("/applications/{id}")), "{:?}", page.trail);
    assert_eq!(row(&app, id).await.state, State::Submitted.code());
    let mails = caught_mail(&applicant, 1).await;
    assert_eq!(mails[0]["to"][0], "aino@lahiklinikka.example");
    assert!(mails[0]["subject"].as_str().unwrap().contains("Potilastiedon arkisto"), "{mails:?}");

    // Staff: an applicant cannot use the desk; staff return it with a comment.
    let decide = |version: i32, command: &str, comment: &str, go_live: &str| {
        vec![
            ("id".to_string(), id.to_string()),
            ("version".into(), version.to_string()),
            ("command".into(), command.into()),
            ("comment".into(), comment.into()),
            ("go_live".into(), go_live.into()),
        ]
    };
    let (status, _) = applicant.call(StaffCommand::PATH, &decide(4, "return", "x", "")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let queue = staff.get("/staff").await;
    assert!(queue.body.contains("Lähiklinikka Oy"), "in the queue");
    let (status, body) = staff.call(StaffCommand::PATH, &decide(4, "return", "", "")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a return needs a comment: {body}");
    let page = staff.post_form(StaffCommand::PATH, &decide(4, "return", "Tarkista testaussuunnitelma.", "")).await;
    assert!(page.url.ends_with(&format!("/staff/applications/{id}")), "{:?}", page.trail);
    assert_eq!(row(&app, id).await.state, State::ReturnedForChanges.code());
    let page = applicant.get(&format!("/applications/{id}")).await;
    assert!(page.body.contains("Tarkista testaussuunnitelma."), "the applicant sees the comment");
    let mails = caught_mail(&applicant, 2).await;
    assert!(mails[1]["body"].as_str().unwrap().contains("Tarkista testaussuunnitelma."), "{mails:?}");

    // The applicant fixes and resubmits (the agreement stays signed); staff take it to production.
    let mut fixed = ANSWERS.to_vec();
    let plan = fixed.iter().position(|(k, _)| *k == "testing_plan").unwrap();
    fixed[plan] = ("testing_plan", "Yhteistestaus kahdessa vaiheessa toimittajan kanssa.");
    let (status, body) = applicant.call(SaveApplication::PATH, &save_fields(id, 5, &fixed)).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "6"));
    applicant.post_form(ApplicantCommand::PATH, &send(6)).await;
    assert_eq!(row(&app, id).await.state, State::Submitted.code());
    // An approval before joint testing is refused by the state machine.
    let (status, _) = staff.call(StaffCommand::PATH, &decide(7, "approve", "", "2099-03-01")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    staff.post_form(StaffCommand::PATH, &decide(7, "start-joint-testing", "", "")).await;
    staff.post_form(StaffCommand::PATH, &decide(8, "record-test-result", "Testit läpäisty.", "")).await;
    staff.post_form(StaffCommand::PATH, &decide(9, "approve", "", "2099-03-01")).await;
    staff.post_form(StaffCommand::PATH, &decide(10, "go-live", "", "")).await;
    let done = row(&app, id).await;
    assert_eq!(
        (done.state.as_str(), done.version, done.go_live_on.as_deref()),
        ("in-production", 11, Some("2099-03-01"))
    );

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
    caught_mail(&applicant, 7).await;
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
async fn a_unit_is_its_owners_where_the_code_service_says(app: TestApp) {
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

async fn a_pharmacy_cannot_apply_for_a_health_care_service(app: TestApp) {
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

async fn imaging_waits_for_the_patient_data_repository(app: TestApp) {
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

async fn services_are_taken_into_use_together(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let (status, body) = start(&clinic, &[]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "nothing ticked: {body}");
    assert!(body.contains("Required"), "{body}");
    let (status, body) = start(&clinic, &["test-environment", "patient-data"]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("OnItsOwn"), "{body}");
    assert_eq!(application::Entity::find().count(&app.db).await.unwrap(), 0);

    let (status, id) = start(&clinic, &["imaging", "patient-data"]).await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let id: i32 = id.parse().unwrap();
    assert_eq!(row(&app, id).await.services, "patient-data,imaging", "catalogue order");
    let (status, _) = start(&clinic, &["imaging"]).await;
    assert_eq!(status, StatusCode::CONFLICT, "imaging is already applied for");
    let (status, body) = clinic.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
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
    assert_eq!(row(&app, id).await.version, 3, "the same services again change nothing");
    let page = clinic.post_form(ChangeServices::PATH, &change(3, &["patient-data", "imaging", "eprescription"])).await;
    assert!(page.url.ends_with(&format!("/applications/{id}")), "{:?}", page.trail);
    let changed = row(&app, id).await;
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
    let mails = caught_mail(&clinic, 1).await;
    let subject = mails[0]["subject"].as_str().unwrap();
    assert!(subject.contains("Sähköinen lääkemääräys (terveydenhuolto), Potilastiedon arkisto"), "{subject}");

    // Staff find it under each of its services, and take all three to production in one go.
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
    // The contacts cover all three; each service has its own technical data.
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

async fn further_service_units_are_checked_and_taken_over(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let (_, id) = start(&clinic, &["patient-data"]).await;
    let id: i32 = id.parse().unwrap();
    let (status, body) = clinic.call(SaveApplication::PATH, &save_fields(id, 1, ANSWERS)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let add = |version: i32, name: &str, oid: &str| {
        vec![
            ("id".to_string(), id.to_string()),
            ("version".into(), version.to_string()),
            ("unit_name".into(), name.into()),
            ("unit_oid".into(), oid.into()),
        ]
    };
    for (name, oid, problem) in [
        ("Röntgen", "1.2.x", "InvalidOid"),
        ("", "1.2.246.10.31415903.10.2", "Required"),
        ("Röntgen", "1.2.246.10.31417124.10.2", "NotOwnOid"),
        ("Röntgen", "1.2.246.10.31415903.10.12", "NotInRegister"),
        ("Vastaanotto", "1.2.246.10.31415903.10.1", "AlreadyListed"),
    ] {
        let (status, body) = clinic.call(AddUnit::PATH, &add(2, name, oid)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{oid}: {body}");
        assert!(body.contains(problem), "{oid}: {body}");
    }
    let (status, _) = clinic.call(AddUnit::PATH, &add(1, "Röntgen", "1.2.246.10.31415903.10.2")).await;
    assert_eq!(status, StatusCode::CONFLICT, "a stale version");
    assert_eq!(row(&app, id).await.version, 2, "nothing refused was saved");
    // Without JavaScript the refused form comes back with what was typed.
    let page = clinic.post_form(AddUnit::PATH, &add(2, "Röntgen", "1.2.246.10.31415903.10.12")).await;
    assert!(page.url.contains("?refused="), "{:?}", page.trail);
    assert!(page.body.contains("value=\"1.2.246.10.31415903.10.12\""), "the OID typed is in the form again");
    let page = clinic.post_form(AddUnit::PATH, &add(2, " Röntgen ", "1.2.246.10.31415903.10.2")).await;
    assert!(page.url.contains(&format!("/applications/{id}")), "{:?}", page.trail);
    let (status, body) = clinic.call(AddUnit::PATH, &add(3, "Röntgen 2", "1.2.246.10.31415903.10.2")).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("AlreadyListed"), "{body}");
    let (status, body) = clinic.call(AddUnit::PATH, &add(3, "Laboratorio", "1.2.246.10.31415903.10.3")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let laboratory = application_unit::Entity::find()
        .filter(application_unit::Column::Oid.eq("1.2.246.10.31415903.10.3"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let remove = [
        ("id".to_string(), id.to_string()),
        ("version".into(), "4".into()),
        ("unit".into(), laboratory.id.to_string()),
    ];
    let (status, body) = clinic.call(RemoveUnit::PATH, &remove).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page = clinic.get(&format!("/applications/{id}")).await;
    let list = page.body.split("id=\"unit-list\"").nth(1).expect("units listed").split("</table>").next().unwrap();
    assert!(
        list.contains("Röntgen") && list.contains("1.2.246.10.31415903.10.2") && !list.contains("Laboratorio"),
        "{list}"
    );
    let history: Vec<String> = history(&app.db, id)
        .await
        .into_iter()
        .map(|e| format!("{}:{}", e.kind, e.comment.unwrap_or_default()))
        .collect();
    assert_eq!(
        history,
        [
            "created:",
            "unit-added:Röntgen (1.2.246.10.31415903.10.2)",
            "unit-added:Laboratorio (1.2.246.10.31415903.10.3)",
            "unit-removed:Laboratorio (1.2.246.10.31415903.10.3)"
        ]
    );

    // Staff see both units; at go-live both become the organisation's technical data.
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    sign_send_and_go_live(&clinic, &staff, id, 5).await;
    let desk = staff.get(&format!("/staff/applications/{id}")).await;
    assert!(desk.body.contains("id=\"unit-list\"") && desk.body.contains("Röntgen"));
    let (status, _) = clinic.call(AddUnit::PATH, &add(10, "Myöhään", "1.2.246.10.31415903.10.4")).await;
    assert_eq!(status, StatusCode::CONFLICT, "in production: the application is not changed any more");
    let mut units: Vec<String> = technical_item::Entity::find()
        .filter(technical_item::Column::Kind.eq("unit"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|t| t.oid)
        .collect();
    units.sort();
    assert_eq!(units, ["1.2.246.10.31415903.10.1", "1.2.246.10.31415903.10.2"]);
}

/// At volume the queue comes 50 at a time, oldest change first, each application once, with
/// links that keep the filters; the service filter is read from its own index.
async fn staff_read_the_queue_a_page_at_a_time(app: TestApp) {
    use app::domain::services::KantaService;
    use sea_orm::{ConnectionTrait, Statement, TransactionTrait};
    server::seed::seed(&app.db, server::seed::Volume { organisations: 40, years: 2 }).await.unwrap();
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let all_of = |service: &'static str| {
        let staff = &staff;
        async move {
            let (mut seen, mut after, mut sizes) = (Vec::new(), String::new(), Vec::new());
            loop {
                let fields = [("service", service), ("state", "all"), ("min_age", ""), ("after", after.as_str())];
                let (status, body) = staff.call(StaffQueue::PATH, &fields).await;
                assert_eq!(status, StatusCode::OK, "{body}");
                let page: serde_json::Value = serde_json::from_str(&body).unwrap();
                let lines = page["lines"].as_array().unwrap();
                sizes.push(lines.len());
                seen.extend(lines.iter().map(|l| {
                    (l["application"]["id"].as_i64().unwrap(), l["application"]["services"].to_string().to_lowercase())
                }));
                match page["next"].as_str() {
                    Some(next) => after = next.to_string(),
                    None => break,
                }
            }
            (seen, sizes)
        }
    };
    let (all, sizes) = all_of("").await;
    let expected = application::Entity::find()
        .filter(application::Column::State.ne(State::Draft.code()))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(all.len() as u64, expected, "{sizes:?}");
    assert!(sizes.len() >= 3 && sizes[..sizes.len() - 1].iter().all(|n| *n == 50), "{sizes:?}");
    let ids: std::collections::BTreeSet<i64> = all.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids.len(), all.len(), "each application once");
    let (imaging, _) = all_of("imaging").await;
    assert!(!imaging.is_empty() && imaging.iter().all(|(_, services)| services.contains("imaging")));
    assert_eq!(imaging.len(), all.iter().filter(|(_, services)| services.contains("imaging")).count());

    // A decision given between two pages moves the page's last application to the end of the
    // queue; the next page still continues where the first one ended.
    let fields = |after: &str| {
        [("service", ""), ("state", "all"), ("min_age", ""), ("after", after)].map(|(k, v)| (k, v.to_string()))
    };
    let (_, body) = staff.call(StaffQueue::PATH, &fields("")).await;
    let first: serde_json::Value = serde_json::from_str(&body).unwrap();
    let last = first["lines"][49]["application"]["id"].as_i64().unwrap() as i32;
    application::Entity::update_many()
        .col_expr(application::Column::UpdatedAt, sea_orm::sea_query::Expr::value(chrono::Utc::now()))
        .filter(application::Column::Id.eq(last))
        .exec(&app.db)
        .await
        .unwrap();
    let (_, body) = staff.call(StaffQueue::PATH, &fields(first["next"].as_str().unwrap())).await;
    let second: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(second["lines"].as_array().map(Vec::len), Some(50), "{body}");
    assert_eq!(second["lines"][0]["application"]["id"], all[50].0, "{body}");

    // Without JavaScript: the next page's link keeps the filters, and that page links back.
    let first = staff.get("/staff?service=&state=all&age=").await;
    let next = first.body.split("id=\"queue-next\"").next().and_then(|b| b.rsplit("href=\"").next()).unwrap();
    let next = next.split('"').next().unwrap().replace("&amp;", "&");
    assert!(next.starts_with("/staff?service=&state=all&age=&after="), "{next}");
    let second = staff.get(&next).await;
    assert!(second.body.contains("id=\"queue-first\""), "{}", second.body);

    // The service filter reads its partial index (PostgreSQL told not to scan the small table).
    let sql = format!(
        "SELECT id FROM application WHERE state IN ('submitted') AND {} ORDER BY updated_at, id LIMIT 51",
        app::backend::staff_queue::for_service(KantaService::Imaging)
    );
    let backend = app.db.get_database_backend();
    if backend == sea_orm::DatabaseBackend::Postgres {
        // Statistics as autovacuum would leave them, whenever it runs.
        app.db.execute_unprepared("ANALYZE application").await.unwrap();
    }
    let txn = app.db.begin().await.unwrap();
    let explain = if backend == sea_orm::DatabaseBackend::Postgres {
        txn.execute_unprepared("SET LOCAL enable_seqscan = off").await.unwrap();
        format!("EXPLAIN {sql}")
    } else {
        format!("EXPLAIN QUERY PLAN {sql}")
    };
    let plan: Vec<String> = txn
        .query_all_raw(Statement::from_string(backend, explain))
        .await
        .unwrap()
        .iter()
        .map(|row| {
            row.try_get_by_index::<String>(if backend == sea_orm::DatabaseBackend::Postgres { 0 } else { 3 }).unwrap()
        })
        .collect();
    assert!(plan.iter().any(|line| line.contains("application_queue_imaging")), "{plan:?}");
}

/// Issue 19: a pharmacy's Prescription application is sent at most 30 days before the takeover
/// date in Fimea's pharmacy register (none registered: not yet); once approved, the pharmacy is
/// asked by mail and on its dashboard to bring its contacts up to date.
async fn a_pharmacy_applies_at_most_thirty_days_before_its_takeover(app: TestApp) {
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

/// Issue 19: a clinic ends its Imaging service with a signed notice, staff confirm it (ending:
/// still in use) and end it after its last day; then the Patient Data Repository, its last
/// service, which ends the customer relationship. Nothing is deleted.
async fn a_clinic_ends_imaging_and_then_its_whole_relationship(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let repository = to_production(&clinic, &staff, "patient-data").await;
    let imaging = to_production(&clinic, &staff, "imaging").await;
    let today = app::domain::calendar::today();
    let field = |k: &str, v: String| (k.to_string(), v);

    let end = |id: i32, state: State, mails: usize| {
        let (app, clinic, staff) = (&app, &clinic, &staff);
        async move {
            assert!(clinic.get(&format!("/applications/{id}")).await.body.contains("id=\"notice-date\""));
            // A last day that is not after today is refused; the next day's notice is shown.
            let asked = [field("id", id.to_string()), field("end_on", today.to_string())];
            let (status, body) = clinic.call(NoticeText::PATH, &asked).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            let last_day = today.plus_days(1);
            let asked = [field("id", id.to_string()), field("end_on", last_day.to_string())];
            let (status, body) = clinic.call(NoticeText::PATH, &asked).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let shown: serde_json::Value = serde_json::from_str(&body).unwrap();
            let text = shown["text"].as_str().unwrap();
            assert!(text.contains("Lähiklinikka Oy (3141590-3)") && text.contains(&last_day.local()), "{text}");
            assert!(text.contains("Aino Virtanen"), "the signer is named");
            let version = row(app, id).await.version;
            let give = |hash: &str, version: i32| {
                [
                    field("id", id.to_string()),
                    field("version", version.to_string()),
                    field("end_on", last_day.to_string()),
                ]
                .into_iter()
                .chain([field("hash", hash.to_string())])
                .collect::<Vec<_>>()
            };
            let (status, _) = clinic.call(GiveNotice::PATH, &give("0000", version)).await;
            assert_eq!(status, StatusCode::CONFLICT, "a text not shown is not signed");
            let hash = shown["hash"].as_str().unwrap();
            let (status, body) = clinic.call(GiveNotice::PATH, &give(hash, version)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            let notice = termination_notice::Entity::find()
                .filter(termination_notice::Column::ApplicationId.eq(id))
                .one(&app.db)
                .await
                .unwrap()
                .unwrap();
            assert_eq!((notice.text.as_str(), notice.text_hash.as_str()), (text, hash));
            assert_eq!((notice.basis.as_str(), notice.end_on.clone()), ("trade:toimitusjohtaja", last_day.to_string()));
            assert_eq!(app::backend::agreement::text_hash(&notice.text), notice.text_hash, "anyone can recompute it");
            // As an archivable document: the text, its hash, and the signed text attached.
            let (status, kind, pdf) = clinic.download(&format!("{}?id={id}", NoticePdf::PATH)).await;
            assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
            let read = crate::common::read_pdf(&pdf);
            assert!(read.text.contains(hash), "{}", read.text);
            assert!(
                read.structure.contains("  H1 \"") && read.structure.matches("  P (block)").count() >= 2,
                "{}",
                read.structure
            );
            assert_eq!(read.attachment, notice.text.as_bytes());
            let (status, _) = clinic.call(GiveNotice::PATH, &give(hash, version + 1)).await;
            assert_eq!(status, StatusCode::CONFLICT, "one notice per application");
            assert_eq!(row(app, id).await.state, State::InProduction.code(), "in production until staff confirm");

            // Staff see it waiting, confirm it (ending: still in use), and cannot end it early.
            assert!(staff.get("/staff").await.body.contains(&format!("/staff/applications/{id}")));
            let decide = |command: &str, version: i32| {
                vec![
                    field("id", id.to_string()),
                    field("version", version.to_string()),
                    field("command", command.into()),
                    field("comment", String::new()),
                    field("go_live", String::new()),
                ]
            };
            let (status, body) = staff.call(StaffCommand::PATH, &decide("confirm-notice", version + 1)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(row(app, id).await.state, State::Ending.code());
            let in_use = clinic.get("/applications").await.body;
            assert!(!in_use.contains("id=\"relationship-ended\""), "still in use while ending");
            let (status, _) = staff.call(StaffCommand::PATH, &decide("end", version + 2)).await;
            assert_eq!(status, StatusCode::CONFLICT, "not before the last day has passed");
            // The last day passes.
            let mut past: termination_notice::ActiveModel = notice.into();
            past.end_on = sea_orm::Set(today.plus_days(-1).to_string());
            sea_orm::ActiveModelTrait::update(past, &app.db).await.unwrap();
            let (status, body) = staff.call(StaffCommand::PATH, &decide("end", version + 2)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            assert_eq!(row(app, id).await.state, state.code());
            let kinds: Vec<String> = history(&app.db, id).await.into_iter().map(|e| e.kind).collect();
            assert!(kinds.ends_with(&["notice-given".into(), "confirm-notice".into(), "end".into()]), "{kinds:?}");
            caught_mail(clinic, mails).await
        }
    };
    // Imaging: notice given, confirmed, ended: three mails on top of the two applications' ten.
    let mails = end(imaging, State::Ended, 13).await;
    assert!(mails.iter().all(|m| !m["subject"].as_str().unwrap().contains("asiakkuus")), "{mails:?}");
    let page = clinic.get("/applications").await.body;
    let in_use = page.split("id=\"services-in-use\"").nth(1).unwrap().split("</ul>").next().unwrap();
    assert!(in_use.contains("Potilastiedon arkisto") && !in_use.contains("Kuvantamisen tiedot"), "{in_use}");

    // The repository, the last service: the relationship ends, and its mail says so.
    let mails = end(repository, State::Ended, 17).await;
    let ended = app::i18n::lookup(app::i18n::Lang::Fi, "mail-relationship-ended-subject", None);
    assert!(mails.iter().any(|m| m["subject"] == ended.as_str()), "{mails:?}");
    assert!(clinic.get("/applications").await.body.contains("id=\"relationship-ended\""));
    // Nothing was deleted: contacts, technical data, the agreements and history stay.
    assert!(contact::Entity::find().count(&app.db).await.unwrap() >= 3);
    assert!(technical_item::Entity::find().count(&app.db).await.unwrap() > 0);
    assert_eq!(agreement_signature::Entity::find().count(&app.db).await.unwrap(), 2);
    // An ended service may be applied for again.
    let (status, body) = start(&clinic, &["imaging"]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Sámi letters too: the font is embedded and every glyph maps back to its letter.
#[test]
fn a_document_reads_back_as_tagged_pdf_a_3a_with_its_text_and_attachment() {
    let signed = "Sopimus\n\nSámi: Ŋuorra čállá đ, ŧ, ž, ǯ, ǥ, ǩ, ʒ. Åbo, Malmö, Hämeenlinna. ".to_string();
    // A tab and letters the font lacks are drawn as it can (PDF/A refuses a missing glyph).
    let long = "Asiakas sitoutuu noudattamaan palvelukuvausta ja yleisiä toimitusehtoja.\t中文 ".repeat(80);
    let pdf = document::pdf(Contents {
        lang: app::i18n::Lang::Fi,
        title: "Kanta-palvelujen asiakkuussopimus",
        blocks: vec![Block::Paragraph(signed.clone()), Block::Paragraph(long)],
        attachment: Some(Attachment {
            name: "kanta-agreement-1.txt".into(),
            description: "Allekirjoitettu teksti".into(),
            text: signed.clone(),
        }),
        made: chrono::DateTime::from_timestamp(1_790_000_000, 0).unwrap(),
    })
    .unwrap();
    let crate::common::ReadPdf { text, attachment, info, structure } = crate::common::read_pdf(&pdf);
    let words = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words(&text).contains(&words(&signed)), "every letter reads back: {text}");
    assert!(text.contains("Kanta-palvelujen asiakkuussopimus"));
    assert_eq!(attachment, signed.as_bytes(), "the attachment is the text, byte for byte");
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(info.contains("Pages:           2"), "the long paragraph runs on: {info}");
    assert!(
        info.contains("<pdfaid:part>3</pdfaid:part>") && info.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "{info}"
    );
    assert!(info.contains("<dc:language><rdf:Bag><rdf:li>fi</rdf:li>"), "{info}");
    assert!(structure.starts_with("Document\n  H1 \"Kanta-palvelujen asiakkuussopimus\""), "{structure}");
    assert_eq!(structure.matches("  P (block)").count(), 2, "{structure}");
}

/// Joint joining: Lähiklinikka Oy (p01) names Strandkliniken Ab (p13) as its co-joiner; only
/// Strandkliniken's own acting person can sign its acceptance, the application waits for it,
/// and staff see the group on the one application they take to production.
async fn a_main_joiner_and_a_co_joiner_join_together(app: TestApp) {
    let field = |k: &str, v: String| (k.to_string(), v);
    let main = Browser::new(&app.base);
    log_in(&main, "p01").await;
    let id = ready_to_send(&main, "patient-data", "1.2.246.10.31415903.10").await;
    let invite = |typed: &str, version: i32| {
        vec![field("id", id.to_string()), field("version", version.to_string()), field("co_joiner", typed.into())]
    };
    for (typed, problem) in [("3141917-1", "InvalidBusinessId"), ("FI31415903", "OwnOrganisation")] {
        let (status, body) = main.call(InviteCoJoiner::PATH, &invite(typed, 3)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{typed}: {body}");
        assert!(body.contains(problem), "{typed}: {body}");
    }
    let (status, body) = main.call(InviteCoJoiner::PATH, &invite("FI 31419170", 3)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = main.call(InviteCoJoiner::PATH, &invite("3141917-0", 4)).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("AlreadyListed"), "{body}");
    let member = joint_member::Entity::find().one(&app.db).await.unwrap().unwrap();
    assert_eq!((member.application_id, member.ytunnus.as_str(), member.signed_at), (id, "3141917-0", None));
    // Another named and taken off again: its row stays, marked removed.
    let (status, body) = main.call(InviteCoJoiner::PATH, &invite("3141671-1", 4)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let other = joint_member::Entity::find().filter(joint_member::Column::Ytunnus.eq("3141671-1")).one(&app.db).await;
    let other = other.unwrap().unwrap();
    let remove = [field("id", id.to_string()), field("version", "5".into()), field("member", other.id.to_string())];
    let (status, body) = main.call(RemoveCoJoiner::PATH, &remove).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let other = joint_member::Entity::find_by_id(other.id).one(&app.db).await.unwrap().unwrap();
    assert!(other.removed_at.is_some());
    // Terveysdata Oy, no longer named, sees nothing of it.
    let third = Browser::new(&app.base);
    log_in(&third, "p07").await;
    let (status, _) = third.call(Acceptance::PATH, &[field("member", other.id.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // Not sent while a co-joiner has not signed; the page says why.
    let (status, body) = main.call(ApplicantCommand::PATH, &submit_fields(id, 6)).await;
    assert_eq!((status, body.as_str()), (StatusCode::UNPROCESSABLE_ENTITY, r#"{"Prerequisites":["CoJoinersSigned"]}"#));
    assert!(main.get(&format!("/applications/{id}")).await.body.contains("id=\"co-joiner-list\""));
    // The main joiner cannot sign for the co-joiner.
    let accept = |hash: &str| vec![field("member", member.id.to_string()), field("hash", hash.into())];
    let (status, _) = main.call(Accept::PATH, &accept(&"0".repeat(64))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = main.call(Acceptance::PATH, &[field("member", member.id.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // The co-joiner's own managing director sees the joint joining and whose it is, and signs.
    let co = Browser::new(&app.base);
    log_in(&co, "p13").await;
    let (status, body) = co.call(Dashboard::PATH, NO_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let dashboard: serde_json::Value = serde_json::from_str(&body).unwrap();
    let joint = &dashboard["joint"][0];
    assert_eq!(
        (joint["main"].as_str(), joint["main_oid"].as_str()),
        (Some("Lähiklinikka Oy"), Some("1.2.246.10.31415903.10.0"))
    );
    let (status, body) = co.call(Acceptance::PATH, &[field("member", member.id.to_string())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let shown: serde_json::Value = serde_json::from_str(&body).unwrap();
    let (text, hash) = (shown["text"].as_str().unwrap(), shown["hash"].as_str().unwrap());
    assert!(text.contains("Strandkliniken Ab (3141917-0)") && text.contains("Lähiklinikka Oy (3141590-3)"), "{text}");
    let (status, _) = co.call(Accept::PATH, &accept(&"0".repeat(64))).await;
    assert_eq!(status, StatusCode::CONFLICT, "a text not shown is not signed");
    let (status, body) = co.call(Accept::PATH, &accept(hash)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let signed = joint_member::Entity::find_by_id(member.id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(signed.text.as_deref(), Some(text));
    assert_eq!(signed.text_hash.as_deref(), Some(text_hash(text).as_str()));
    assert_eq!(signed.basis.as_deref(), Some("trade:toimitusjohtaja"));
    assert!(signed.organisation_id.is_some() && signed.signed_at.is_some());
    let (status, _) = co.call(Accept::PATH, &accept(hash)).await;
    assert_eq!(status, StatusCode::CONFLICT, "signed once");
    assert!(co.get(&format!("/joint/{}", member.id)).await.body.contains("id=\"joint-signed\""));

    // Now it is sent, and staff see the group on the application they take forward.
    let (status, body) = main.call(ApplicantCommand::PATH, &submit_fields(id, 6)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let desk = staff.get(&format!("/staff/applications/{id}")).await.body;
    assert!(desk.contains("Strandkliniken Ab (3141917-0)") && desk.contains("id=\"co-joiner-list\""), "{desk}");
    let events: Vec<String> = history(&app.db, id).await.into_iter().map(|e| e.kind).collect();
    for kind in ["co-joiner-added", "co-joiner-removed", "co-joiner-signed"] {
        assert!(events.iter().any(|e| e == kind), "{kind}: {events:?}");
    }
}
