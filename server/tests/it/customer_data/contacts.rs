//! Contacts and technical data once a service is in use: the rules hold (an administrative and a
//! technical contact per service in use, changes three weeks ahead, OIDs of its own), staff see
//! change notices, the history and the audit trail say who did what; names keep no hidden
//! characters.
use crate::common::{
    TestApp,
    api::{
        AddContact, AddTechnical, ChangeContact, ChangeNotices, ConfirmData, CustomerData, EndContact, HandleNotice,
        ServerFn,
    },
    applications::to_production,
    browser::{Browser, log_in},
};
use app::backend::entities::{change_log, change_notice, contact, technical_item};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

fn form(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

async fn contacts(app: &TestApp) -> Vec<contact::Model> {
    contact::Entity::find().order_by_asc(contact::Column::Id).all(&app.db).await.unwrap()
}

pub(super) async fn contacts_and_technical_data_stay_current(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    to_production(&clinic, &staff, "patient-data").await;

    let taken = the_applications_data_is_taken_over(&app).await;
    let technical_id = taken[1].id.to_string();
    the_only_technical_contact_cannot_be_ended(&app, &clinic, &technical_id).await;
    let added = a_technical_contact_is_added_with_its_number_normalised(&app, &clinic).await;
    the_old_technical_contact_is_ended_and_kept(&app, &clinic, &technical_id, &added).await;
    technical_data_is_checked_and_staff_get_a_notice(&app, &clinic, &staff).await;
    confirming_and_the_history_tell_who_did_what(&app, &clinic, &taken[1]).await;
    the_audit_trail_says_in_words_what_was_done(&clinic).await;
}

/// The application's contacts and technical data are now the organisation's.
async fn the_applications_data_is_taken_over(app: &TestApp) -> Vec<contact::Model> {
    let taken = contacts(app).await;
    let kinds: Vec<&str> = taken.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["administrative", "technical", "archivist"]);
    assert_eq!(taken[0].phone, "+358401234567");
    assert_eq!(taken[2].services, r#"["patient-data"]"#, "the archivist is the repository's only");
    assert_eq!(technical_item::Entity::find().count(&app.db).await.unwrap(), 3);
    taken
}

/// The only technical contact cannot be ended; nothing changes.
async fn the_only_technical_contact_cannot_be_ended(app: &TestApp, clinic: &Browser, technical_id: &str) {
    let (status, body) = clinic.call(EndContact::PATH, &[("id", technical_id), ("version", "1")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("ContactsRequired") && body.contains("Technical"), "{body}");
    assert!(contacts(app).await[1].valid_to.is_none());
    let page = clinic.get("/customer-data").await;
    assert!(page.body.contains("sole-contact"), "the page says so before the change is tried");
}

/// The form of a new technical contact for the repository, with `phone`.
fn new_technical_contact(phone: &str) -> Vec<(String, String)> {
    form(&[
        ("contact[kind]", "technical"),
        ("contact[name]", "Teemu Tekninen"),
        ("contact[email]", "Teemu@Terveysdata.example"),
        ("contact[phone]", phone),
        ("contact[services][patient-data]", "on"),
    ])
}

/// A bad phone number is refused; a good contact is added with its number normalised.
async fn a_technical_contact_is_added_with_its_number_normalised(app: &TestApp, clinic: &Browser) -> contact::Model {
    let (status, body) = clinic.call(AddContact::PATH, &new_technical_contact("12345")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(contacts(app).await.len(), 3);
    // Without JavaScript the page comes back with the problem and what was typed.
    let page = clinic.post_form(AddContact::PATH, &new_technical_contact("12345")).await;
    assert!(page.url.contains("?refused="), "{:?}", page.trail);
    assert!(
        page.body.contains("id=\"posted-error\"") && page.body.contains("value=\"Teemu Tekninen\""),
        "{}",
        page.body
    );
    assert_eq!(contacts(app).await.len(), 3);
    let (status, body) = clinic.call(AddContact::PATH, &new_technical_contact("050 111 2222")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let added = contacts(app).await.pop().unwrap();
    assert_eq!(
        (added.email.as_str(), added.phone.as_str(), added.services.as_str()),
        ("teemu@terveysdata.example", "+358501112222", "[\"patient-data\"]")
    );
    added
}

/// Now the old technical contact can be ended: it stays, with its end date.
async fn the_old_technical_contact_is_ended_and_kept(
    app: &TestApp,
    clinic: &Browser,
    technical_id: &str,
    added: &contact::Model,
) {
    let (status, body) = clinic.call(EndContact::PATH, &[("id", technical_id), ("version", "1")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let all = contacts(app).await;
    assert_eq!(all.len(), 4, "never deleted");
    assert!(all[1].valid_to.is_some());
    // A change made on a stale version is refused.
    let stale =
        [form(&[("id", &added.id.to_string()), ("version", "0")]), new_technical_contact("050 111 3333")].concat();
    let (status, _) = clinic.call(ChangeContact::PATH, &stale).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

/// Technical data: OIDs of the organisation's own, three weeks' notice; staff get a notice.
async fn technical_data_is_checked_and_staff_get_a_notice(app: &TestApp, clinic: &Browser, staff: &Browser) {
    let later = app::domain::calendar::today().plus_days(30).to_string();
    let soon = app::domain::calendar::today().plus_days(5).to_string();
    let unit = |oid: &str, date: &str| {
        form(&[
            ("item[service]", "patient-data"),
            ("item[kind]", "unit"),
            ("item[name]", "Laboratorio"),
            ("item[oid]", oid),
            ("item[takes_effect]", date),
        ])
    };
    let (status, body) = clinic.call(AddTechnical::PATH, &unit("1.2.246.10.31417124.10.2", &later)).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("NotOwnOid"), "{body}");
    let (status, body) = clinic.call(AddTechnical::PATH, &unit("1.2.246.10.31415903.10.2", &soon)).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("DateTooSoon"), "{body}");
    assert_eq!(change_notice::Entity::find().count(&app.db).await.unwrap(), 0);
    let (status, body) = clinic.call(AddTechnical::PATH, &unit("1.2.246.10.31415903.10.2", &later)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(technical_item::Entity::find().count(&app.db).await.unwrap(), 4);
    let (status, _) = clinic.call(ChangeNotices::PATH, &[("", "")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "the customer is not staff");
    let (status, body) = staff.call(ChangeNotices::PATH, &[("", "")]).await;
    assert!(status == StatusCode::OK && body.contains("Laboratorio") && body.contains("Aino Virtanen"), "{body}");
    let notice = change_notice::Entity::find().one(&app.db).await.unwrap().unwrap();
    let (status, _) = staff.call(HandleNotice::PATH, &[("id", notice.id.to_string())]).await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = staff.call(ChangeNotices::PATH, &[("", "")]).await;
    assert_eq!(body, "[]");
}

/// Confirming is one action; the history tells who did what (of `technical`, the technical
/// contact taken over from the application and since ended).
async fn confirming_and_the_history_tell_who_did_what(app: &TestApp, clinic: &Browser, technical: &contact::Model) {
    let (status, _) = clinic.call(ConfirmData::PATH, &[("", "")]).await;
    assert_eq!(status, StatusCode::OK);
    let confirmed =
        change_log::Entity::find().filter(change_log::Column::Kind.eq("confirmed")).count(&app.db).await.unwrap();
    assert_eq!(confirmed, 1);
    let (status, body) = clinic.call(CustomerData::PATH, &[("confirmations_before", "")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let view: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(view["gaps"], serde_json::json!([]));
    assert_eq!(view["attention"], serde_json::json!([]));
    let ended = view["contacts"].as_array().unwrap().iter().find(|c| c["id"] == technical.id).unwrap();
    let kinds: Vec<&str> = ended["history"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Ended", "Added"], "newest first");
    assert_eq!(ended["history"][0]["who"], "Aino Virtanen");
}

/// The audit trail says in words what was done: none of it is "other".
async fn the_audit_trail_says_in_words_what_was_done(clinic: &Browser) {
    let trail = clinic.get("/organisation").await.body;
    let words = |id: &str| app::i18n::lookup(app::i18n::Lang::Fi, id, None);
    for done in [
        "audit-contact-added",
        "audit-contact-ended",
        "audit-technical-added",
        "audit-data-confirmed",
        "history-go-live",
    ] {
        assert!(trail.contains(&words(done)), "{done}: {trail}");
    }
    assert!(!trail.contains(&words("audit-other")), "{trail}");
}

/// A NUL or a right-to-left override in a name is refused with its own message and saves nothing
/// (PostgreSQL used to answer a NUL with 503); zero-width characters are removed.
pub(super) async fn hidden_characters_in_a_name_are_refused_or_removed(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    to_production(&clinic, &staff, "patient-data").await;
    let before = contacts(&app).await.len();
    let add = |name: &str| {
        form(&[
            ("contact[kind]", "billing"),
            ("contact[name]", name),
            ("contact[email]", "laskut@lahiklinikka.example"),
            ("contact[phone]", "040 765 4321"),
            ("contact[services][patient-data]", "on"),
        ])
    };
    for name in ["Laskutus\u{0}", "Laskutus \u{202E}nenokriV", "Lasku\ntus"] {
        let (status, body) = clinic.call(AddContact::PATH, &add(name)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{name:?}: {body}");
        assert!(body.contains(r#""field":"name","problem":"ControlCharacter""#), "{body}");
    }
    assert_eq!(contacts(&app).await.len(), before);
    let page = clinic.post_form(AddContact::PATH, &add("Laskutus\u{0}")).await;
    assert!(page.body.contains("ohjausmerkki"), "the form comes back saying why");
    let (status, body) = clinic.call(AddContact::PATH, &add("Lasku\u{200B}tus\u{FEFF}")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(contacts(&app).await.pop().unwrap().name, "Laskutus");
}
