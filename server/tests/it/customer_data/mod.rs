//! Keeping customer data current and billing, over real HTTP on both databases: a clinic takes a
//! service into use, its application's contacts and technical data become its own, the rules
//! hold (an administrative and a technical contact per service in use, changes three weeks
//! ahead, OIDs of its own), staff see change notices; staff import invoices all or nothing;
//! reminders go out when data needs attention. The contacts and technical data journeys are in
//! `contacts`, billing's in `billing`; reminders and the code service's answers here.
mod billing;
mod contacts;

use crate::common::{
    TestApp,
    api::{Dashboard, ServerFn},
    applications::to_production,
    browser::{Browser, log_in},
};
use app::backend::entities::mail_outbox;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

// The tests kept in `billing` and `contacts`, run from here: their names stay
// `customer_data::<test>::{sqlite,postgres}`.
use self::billing::{
    a_refused_import_comes_back_as_a_page_with_a_short_address, billing_is_imported_whole_or_not_at_all,
};
use self::contacts::{contacts_and_technical_data_stay_current, hidden_characters_in_a_name_are_refused_or_removed};

on_both_databases!(
    contacts_and_technical_data_stay_current,
    billing_is_imported_whole_or_not_at_all,
    hidden_characters_in_a_name_are_refused_or_removed,
    a_refused_import_comes_back_as_a_page_with_a_short_address,
);
// The retired unit must show at once: the code service is asked every time.
on_both_databases!(with [("KANTA_REGISTER_CACHE_SECONDS", "0")]; reminders_go_to_administrative_contacts_at_most_monthly);
on_both_databases!(with [("KANTA_REGISTER_CACHE_SECONDS", "3")]; the_code_service_is_asked_again_after_the_time_to_live);

async fn reminders_go_to_administrative_contacts_at_most_monthly(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    to_production(&clinic, &staff, "patient-data").await;
    let today = app::domain::calendar::today();
    let remind = |day: app::domain::validation::Date| {
        let (db, registries) = (app.db.clone(), app.registries.clone());
        let mail = app::backend::mail::MailSettings {
            smtp_url: String::new(),
            from: "Kanta <noreply@extranet.example>".into(),
            site_url: "https://extranet.example".into(),
            retry: Default::default(),
        };
        async move { app::backend::reminders::send_due(&db, &registries, &mail, day).await.unwrap() }
    };
    // In the order written: PostgreSQL returns rows the mailer has updated in another order.
    let reminders = || async {
        mail_outbox::Entity::find()
            .filter(mail_outbox::Column::Subject.contains("asiakkuustie"))
            .order_by_asc(mail_outbox::Column::Id)
            .all(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(remind(today).await, 0, "nothing needs attention yet");

    // The code service no longer knows the clinic's service unit.
    let oid = "1.2.246.10.31415903.10.1";
    crate::common::retire_unit(&app.base, oid).await;
    let (_, dashboard) = clinic.call(Dashboard::PATH, &[("", "")]).await;
    assert!(dashboard.contains("UnitNotInRegister") && dashboard.contains(oid), "{dashboard}");

    // Today's run from the command line, as an operator would (the registers: this app's sandbox).
    let (url, base) = (app.url.clone(), app.base.clone());
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("remind")
            .env("KANTA_DATABASE_URL", url)
            .env("KANTA_PUBLIC_URL", base)
            .env("RUST_LOG", "error")
            .output()
            .unwrap()
    })
    .await
    .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "1 organisation(s) reminded");
    let sent = reminders().await;
    assert_eq!(sent.len(), 1, "to the administrative contact only");
    assert_eq!(sent[0].to_address, "aino@lahiklinikka.example");
    let link = format!("{}/customer-data", app.base);
    assert!(sent[0].body.contains(oid) && sent[0].body.contains(&link), "{}", sent[0].body);
    assert_eq!(remind(today.plus_days(29)).await, 0, "at most once in 30 days");
    assert_eq!(reminders().await.len(), 1);
    // A year on, confirming is due too.
    assert_eq!(remind(today.plus_days(400)).await, 1);
    let sent = reminders().await;
    assert_eq!(sent.len(), 2);
    assert!(sent[1].body.contains("12 kuukautta"), "{}", sent[1].body);
}

/// A unit the code service retires still shows as known while its answer is kept, and as gone
/// once the time to live (here 3 s) has passed; views in between do not ask again.
async fn the_code_service_is_asked_again_after_the_time_to_live(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    to_production(&clinic, &staff, "patient-data").await;
    // Whatever going live kept has expired; this view keeps the unit's answer afresh.
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let (_, dashboard) = clinic.call(Dashboard::PATH, &[("", "")]).await;
    assert!(!dashboard.contains("UnitNotInRegister"), "{dashboard}");
    let oid = "1.2.246.10.31415903.10.1";
    crate::common::retire_unit(&app.base, oid).await;
    let (_, kept) = clinic.call(Dashboard::PATH, &[("", "")]).await;
    assert!(!kept.contains("UnitNotInRegister"), "the kept answer, within its time to live: {kept}");
    tokio::time::sleep(std::time::Duration::from_millis(3100)).await;
    let (_, fresh) = clinic.call(Dashboard::PATH, &[("", "")]).await;
    assert!(fresh.contains("UnitNotInRegister") && fresh.contains(oid), "asked again after it: {fresh}");
}
