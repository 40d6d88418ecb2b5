//! Reading a page at a time: the audit trail, and the data `server seed` writes, read as the
//! product's own.
use super::the_audit_event;
use crate::common::{
    TestApp,
    api::{Billing, CustomerData, OrganisationAudit, ServerFn},
    browser::{Browser, log_in},
};
use app::{
    backend::entities::{audit_event, change_log, invoice},
    i18n::{Lang, lookup},
};
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use std::collections::BTreeSet;

/// 120 more events: the trail comes newest first in pages of 50, every event once, and the
/// links between pages work without JavaScript.
pub(super) async fn the_audit_trail_is_read_a_page_at_a_time(app: TestApp) {
    use app::backend::identity::{Audit, Doer, audit};
    let browser = Browser::new(&app.base);
    log_in(&browser, "p01").await;
    let organisation = the_audit_event(&app, audit_event::Column::Action.eq("acting-started")).await.organisation_id;
    for n in 0..120 {
        let detail = n.to_string();
        let checked = Audit::new(Doer::Person { person_id: 1 }, app::domain::records::Act::CodeServiceChecked);
        let entry = Audit { organisation_id: organisation, ..checked.detail(&detail) };
        audit(&app.db, &entry).await.unwrap();
    }
    let total = audit_event::Entity::find()
        .filter(audit_event::Column::OrganisationId.eq(organisation))
        .count(&app.db)
        .await
        .unwrap();
    let (mut sizes, mut before) = (Vec::new(), None::<i64>);
    loop {
        let fields: Vec<(&str, String)> = before.iter().map(|b| ("before", b.to_string())).collect();
        let (status, body) = browser.call(OrganisationAudit::PATH, &fields).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        sizes.push(page["lines"].as_array().unwrap().len() as u64);
        match page["older"].as_i64() {
            Some(next) => before = Some(next),
            None => break,
        }
    }
    assert_eq!(sizes.iter().sum::<u64>(), total, "{sizes:?}");
    assert_eq!(&sizes[..2], [50, 50]);
    // Without JavaScript: the page links to the older page, and that one back to the newest.
    let first = browser.get("/organisation").await;
    let older = first.body.split("href=\"/organisation?audit_before=").nth(1).expect("a link to older events");
    let id: String = older.chars().take_while(char::is_ascii_digit).collect();
    let second = browser.get(&format!("/organisation?audit_before={id}")).await;
    assert!(second.body.contains("id=\"audit-newest\"") && second.body.contains("id=\"audit-older\""));
    assert!(!first.body.contains("id=\"audit-newest\""));
}

/// `server seed` writes data the product reads as its own: the sandbox's organisation gets its
/// applications, invoices and audit trail, and rows made afterwards (the login's person, session
/// and audit events) get fresh ids: on PostgreSQL the seed moved the id sequences past its rows.
pub(super) async fn seeded_data_is_read_as_the_products_own(app: TestApp) {
    use server::seed::{Volume, seed};
    let seeded = seed(&app.db, Volume { organisations: 20, years: 2 }).await.unwrap();
    let counts = (seeded.organisations, seeded.applications, seeded.invoices, seeded.audit_events);
    assert_eq!(counts, (20, 100, 200, 2000));
    let browser = Browser::new(&app.base);
    log_in(&browser, "p01").await;
    the_first_pages_read_in_words(&browser).await;

    // 55 more invoices, all issued on one day: 65 come in pages of 50 and 15, newest first (the
    // day, then the id), each once.
    let organisation = the_audit_event(&app, audit_event::Column::Action.eq("acting-started")).await.organisation_id;
    one_days_invoices_come_newest_first(&app, &browser, organisation).await;
    the_applications_open_with_their_timelines(&browser).await;
    confirmations_come_fifty_at_a_time(&app, &browser, organisation).await;

    let (status, body) = browser.call(OrganisationAudit::PATH, &[] as &[(&str, String)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(page["lines"].as_array().map(Vec::len), Some(50));
    assert!(page["older"].is_i64());
}

/// The seeded organisation's first page of invoices, and its audit trail.
async fn the_first_pages_read_in_words(browser: &Browser) {
    let billing = browser.get("/billing").await;
    assert_eq!(billing.body.matches("href=\"/billing/").count(), 10, "{}", billing.body);
    assert!(!billing.body.contains("id=\"invoices-older\""));
    // Its audit trail reads as the product's own: every line in words, none "other".
    let trail = browser.get("/organisation").await.body;
    assert!(trail.matches("<tr").count() > 10 && !trail.contains(&lookup(Lang::Fi, "audit-other", None)), "{trail}");
}

/// Adds 55 invoices issued on one day and reads all 65 a page at a time, then by the links.
async fn one_days_invoices_come_newest_first(app: &TestApp, browser: &Browser, organisation: Option<i32>) {
    let mut more = Vec::new();
    for n in 0..55 {
        more.push(invoice::ActiveModel {
            organisation_id: Set(organisation.unwrap()),
            import_id: Set(1),
            number: Set(format!("T{n:04}")),
            service: Set("patient-data".into()),
            period: Set("2099-01".into()),
            issued_on: Set("2099-02-01".into()),
            due_on: Set("2099-02-22".into()),
            total_cents: Set(100),
            ..Default::default()
        });
    }
    invoice::Entity::insert_many(more).exec_without_returning(&app.db).await.unwrap();
    let (mut seen, mut before, mut sizes) = (Vec::new(), String::new(), Vec::new());
    loop {
        let (status, body) = browser.call(Billing::PATH, &[("before", before.clone())]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let page: serde_json::Value = serde_json::from_str(&body).unwrap();
        let ids: Vec<i64> = page["invoices"].as_array().unwrap().iter().map(|i| i["id"].as_i64().unwrap()).collect();
        sizes.push(ids.len());
        seen.extend(ids);
        match page["older"].as_i64() {
            Some(older) => before = older.to_string(),
            None => break,
        }
    }
    assert_eq!(sizes, [50, 15]);
    assert_eq!(seen.iter().collect::<BTreeSet<_>>().len(), 65, "each invoice once");
    let newest: Vec<i64> = seen[..55].to_vec();
    assert!(newest.windows(2).all(|w| w[0] > w[1]), "one day's invoices by id, newest first: {newest:?}");
    let older = browser.get("/billing").await;
    let link = older.body.split("href=\"/billing?before=").nth(1).expect("a link to older invoices");
    let id: String = link.chars().take_while(char::is_ascii_digit).collect();
    let second = browser.get(&format!("/billing?before={id}")).await;
    assert_eq!(second.body.matches("href=\"/billing/").count(), 15);
    assert!(second.body.contains("id=\"invoices-newest\""));
}

/// Each of the organisation's applications opens, with its timeline.
async fn the_applications_open_with_their_timelines(browser: &Browser) {
    let applications = browser.get("/applications").await;
    // The table, and the task list for any that needs the applicant.
    let ids: BTreeSet<String> = applications
        .body
        .split("href=\"/applications/")
        .skip(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect())
        .filter(|id: &String| !id.is_empty())
        .collect();
    assert_eq!(ids.len(), 5, "{}", applications.body);
    for id in ids {
        let page = browser.get(&format!("/applications/{id}")).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains("id=\"timeline\""), "{}", page.body);
    }
}

/// Adds 60 confirmations that the data is current and reads the older ones.
async fn confirmations_come_fifty_at_a_time(app: &TestApp, browser: &Browser, organisation: Option<i32>) {
    // Confirmations that the data is current: the seed made 2; with 60 more they come 50 at a time.
    let confirmations: Vec<change_log::ActiveModel> = (0..60)
        .map(|_| change_log::ActiveModel {
            organisation_id: Set(organisation.unwrap()),
            subject: Set("organisation".into()),
            subject_id: Set(None),
            kind: Set("confirmed".into()),
            person_id: Set(None),
            actor: Set("applicant".into()),
            changes: Set("[]".into()),
            at: Set(chrono::Utc::now()),
            ..Default::default()
        })
        .collect();
    change_log::Entity::insert_many(confirmations).exec_without_returning(&app.db).await.unwrap();
    let customer = browser.get("/customer-data").await;
    let link = customer.body.split("href=\"/customer-data?confirmations_before=").nth(1).expect("older confirmations");
    let id: String = link.chars().take_while(char::is_ascii_digit).collect();
    let (status, body) = browser.call(CustomerData::PATH, &[("confirmations_before", id.clone())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let older: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(older["confirmations"].as_array().map(Vec::len), Some(12), "62 in all: 50, then 12");
    assert!(older["confirmations_older"].is_null() && older["confirmed"].is_string());
    let second = browser.get(&format!("/customer-data?confirmations_before={id}")).await;
    assert!(second.body.contains("id=\"confirmations-newest\""));
}
