//! Ending services: a signed notice, confirmed by staff and ended after its last day; the last
//! service's end ends the customer relationship, and nothing is deleted.
use super::{field, row};
use crate::common::{
    TestApp,
    api::{GiveNotice, NoticePdf, NoticeText, ServerFn, StaffCommand},
    applications::{history, start, to_production},
    browser::{Browser, caught_mail, log_in},
};
use app::{
    backend::entities::{agreement_signature, contact, technical_item, termination_notice},
    domain::{application::State, validation::Date},
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// The clinic, Kanta's staff, and the day the clinic gives its notices.
struct Parties<'a> {
    app: &'a TestApp,
    clinic: &'a Browser,
    staff: &'a Browser,
    today: Date,
}

/// Issue 19: a clinic ends its Imaging service with a signed notice, staff confirm it (ending:
/// still in use) and end it after its last day; then the Patient Data Repository, its last
/// service, which ends the customer relationship. Nothing is deleted.
pub(super) async fn a_clinic_ends_imaging_and_then_its_whole_relationship(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let repository = to_production(&clinic, &staff, "patient-data").await;
    let imaging = to_production(&clinic, &staff, "imaging").await;
    let today = app::domain::calendar::today();
    let parties = Parties { app: &app, clinic: &clinic, staff: &staff, today };

    // Imaging: notice given, confirmed, ended: three mails on top of the two applications' ten.
    let mails = end(&parties, imaging, State::Ended, 13).await;
    assert!(mails.iter().all(|m| !m["subject"].as_str().unwrap().contains("asiakkuus")), "{mails:?}");
    let page = clinic.get("/applications").await.body;
    let in_use = page.split("id=\"services-in-use\"").nth(1).unwrap().split("</ul>").next().unwrap();
    assert!(in_use.contains("Potilastiedon arkisto") && !in_use.contains("Kuvantamisen tiedot"), "{in_use}");

    // The repository, the last service: the relationship ends, and its mail says so.
    let mails = end(&parties, repository, State::Ended, 17).await;
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

/// Ends the service of application `id`: the clinic gives notice, staff confirm it and, after its
/// last day, end it in `state`; returns the clinic's mails, `mails` of them by then.
async fn end(parties: &Parties<'_>, id: i32, state: State, mails: usize) -> Vec<serde_json::Value> {
    let (notice, version) = give_notice(parties, id).await;
    confirm_and_end(parties, id, notice, version, state, mails).await
}

/// The clinic reads the notice for the next day and signs it; the notice is kept, also as a PDF,
/// once. Returns the notice and the version the application was on before it.
async fn give_notice(parties: &Parties<'_>, id: i32) -> (termination_notice::Model, i32) {
    let (app, clinic, today) = (parties.app, parties.clinic, parties.today);
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
        [field("id", id.to_string()), field("version", version.to_string()), field("end_on", last_day.to_string())]
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
    (notice, version)
}

/// Staff confirm the notice (ending: still in use) and end the service once its last day has
/// passed; returns the clinic's mails, `mails` of them by then.
async fn confirm_and_end(
    parties: &Parties<'_>,
    id: i32,
    notice: termination_notice::Model,
    version: i32,
    state: State,
    mails: usize,
) -> Vec<serde_json::Value> {
    let (app, clinic, staff, today) = (parties.app, parties.clinic, parties.staff, parties.today);
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
