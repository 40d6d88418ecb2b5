//! Keeping customer data current and billing, over real HTTP on both databases: a clinic takes a
//! service into use, its application's contacts and technical data become its own, the rules
//! hold (an administrative and a technical contact per service in use, changes three weeks
//! ahead, OIDs of its own), staff see change notices; staff import invoices all or nothing;
//! reminders go out when data needs attention.
use crate::common::{
    TestApp,
    api::{
        AddContact, AddTechnical, Billing, BillingCsv, BillingImports, ChangeContact, ChangeNotices, ConfirmData,
        CustomerData, Dashboard, EndContact, HandleNotice, ImportBilling, Invoice, InvoicePdf, ServerFn,
    },
    applications::to_production,
    browser::{Browser, log_in},
};
use app::backend::entities::{
    billing_event, billing_import, change_log, change_notice, contact, invoice, mail_outbox, refused_form,
    technical_item,
};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

on_both_databases!(
    contacts_and_technical_data_stay_current,
    billing_is_imported_whole_or_not_at_all,
    hidden_characters_in_a_name_are_refused_or_removed,
    a_refused_import_comes_back_as_a_page_with_a_short_address,
);
// The retired unit must show at once: the code service is asked every time.
on_both_databases!(with [("KANTA_REGISTER_CACHE_SECONDS", "0")]; reminders_go_to_administrative_contacts_at_most_monthly);
on_both_databases!(with [("KANTA_REGISTER_CACHE_SECONDS", "3")]; the_code_service_is_asked_again_after_the_time_to_live);

fn form(fields: &[(&str, &str)]) -> Vec<(String, String)> {
    fields.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

async fn contacts(app: &TestApp) -> Vec<contact::Model> {
    contact::Entity::find().order_by_asc(contact::Column::Id).all(&app.db).await.unwrap()
}

async fn contacts_and_technical_data_stay_current(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    to_production(&clinic, &staff, "patient-data").await;

    // The application's contacts and technical data are now the organisation's.
    let taken = contacts(&app).await;
    let kinds: Vec<&str> = taken.iter().map(|c| c.kind.as_str()).collect();
    assert_eq!(kinds, ["administrative", "technical", "archivist"]);
    assert_eq!(taken[0].phone, "+358401234567");
    assert_eq!(taken[2].services, r#"["patient-data"]"#, "the archivist is the repository's only");
    assert_eq!(technical_item::Entity::find().count(&app.db).await.unwrap(), 3);
    let technical_id = taken[1].id.to_string();

    // The only technical contact cannot be ended; nothing changes.
    let (status, body) = clinic.call(EndContact::PATH, &[("id", technical_id.as_str()), ("version", "1")]).await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert!(body.contains("ContactsRequired") && body.contains("Technical"), "{body}");
    assert!(contacts(&app).await[1].valid_to.is_none());
    let page = clinic.get("/customer-data").await;
    assert!(page.body.contains("sole-contact"), "the page says so before the change is tried");

    // A bad phone number is refused; a good contact is added with its number normalised.
    let new = |phone: &str| {
        form(&[
            ("contact[kind]", "technical"),
            ("contact[name]", "Teemu Tekninen"),
            ("contact[email]", "Teemu@Terveysdata.example"),
            ("contact[phone]", phone),
            ("contact[services][patient-data]", "on"),
        ])
    };
    let (status, body) = clinic.call(AddContact::PATH, &new("12345")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(contacts(&app).await.len(), 3);
    // Without JavaScript the page comes back with the problem and what was typed.
    let page = clinic.post_form(AddContact::PATH, &new("12345")).await;
    assert!(page.url.contains("?refused="), "{:?}", page.trail);
    assert!(
        page.body.contains("id=\"posted-error\"") && page.body.contains("value=\"Teemu Tekninen\""),
        "{}",
        page.body
    );
    assert_eq!(contacts(&app).await.len(), 3);
    let (status, body) = clinic.call(AddContact::PATH, &new("050 111 2222")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let added = contacts(&app).await.pop().unwrap();
    assert_eq!(
        (added.email.as_str(), added.phone.as_str(), added.services.as_str()),
        ("teemu@terveysdata.example", "+358501112222", "[\"patient-data\"]")
    );

    // Now the old technical contact can be ended: it stays, with its end date.
    let (status, body) = clinic.call(EndContact::PATH, &[("id", technical_id.as_str()), ("version", "1")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let all = contacts(&app).await;
    assert_eq!(all.len(), 4, "never deleted");
    assert!(all[1].valid_to.is_some());
    // A change made on a stale version is refused.
    let stale = [form(&[("id", &added.id.to_string()), ("version", "0")]), new("050 111 3333")].concat();
    let (status, _) = clinic.call(ChangeContact::PATH, &stale).await;
    assert_eq!(status, StatusCode::CONFLICT);

    // Technical data: OIDs of the organisation's own, three weeks' notice; staff get a notice.
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

    // Confirming is one action; the history tells who did what.
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
    let ended = view["contacts"].as_array().unwrap().iter().find(|c| c["id"] == taken[1].id).unwrap();
    let kinds: Vec<&str> = ended["history"].as_array().unwrap().iter().map(|h| h["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Ended", "Added"], "newest first");
    assert_eq!(ended["history"][0]["who"], "Aino Virtanen");

    // The audit trail says in words what was done: none of it is "other".
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

const GOOD: &str = "invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price\n\
    K2027-0001;3141590-3;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu 2026;1;90\n\
    K2027-0002;3141590-3;eprescription;2026;2027-02-15;2027-03-15;Reseptit;12345;0,053\n\
    K2027-0002;3141590-3;eprescription;2026;2027-02-15;2027-03-15;Lisärivi;2;1000,5\n\
    K2026-0100;3141590-3;patient-data;2025;2026-02-16;2026-03-16;Vuosimaksu 2025;1;90\n";

async fn billing_is_imported_whole_or_not_at_all(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await; // Lähiklinikka becomes known here by acting for it.
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let counts = || async {
        (
            invoice::Entity::find().count(&app.db).await.unwrap(),
            billing_event::Entity::find().count(&app.db).await.unwrap(),
            billing_import::Entity::find().count(&app.db).await.unwrap(),
        )
    };

    let (status, _) = clinic.upload(ImportBilling::PATH, "k.csv", GOOD).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only staff import");
    // One unknown organisation among good rows: nothing is imported.
    let bad = format!(
        "{GOOD}K2027-0003;3141712-4;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu;1;90\nK2027-0004;3141590-3;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu;x;90\n"
    );
    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("\"line\":7") && body.contains("InvalidNumber"), "{body}");
    assert_eq!(counts().await, (0, 0, 0));
    let only_unknown = format!("{GOOD}K2027-0003;3141712-4;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu;1;90\n");
    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", &only_unknown).await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY
            && body.contains("UnknownOrganisation")
            && body.contains("\"line\":6"),
        "{body}"
    );
    assert_eq!(counts().await, (0, 0, 0));

    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", GOOD).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "3"));
    assert_eq!(counts().await, (3, 4, 1));
    let (_, imports) = staff.call(BillingImports::PATH, &[("", "")]).await;
    assert!(
        imports.contains("\"file_name\":\"k.csv\"") && imports.contains("\"rows\":4") && imports.contains("Oskar Berg"),
        "{imports}"
    );
    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", GOOD).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("AlreadyImported"), "{body}");
    assert_eq!(counts().await, (3, 4, 1));

    // The organisation sees totals per year and service, in cents, formatted the Finnish way.
    let (status, body) = clinic.call(Billing::PATH, &[("before", "")]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    let totals: Vec<(u64, &str, &str)> = data["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["year"].as_u64().unwrap(), t["service"].as_str().unwrap(), t["total"].as_str().unwrap()))
        .collect();
    // 12 345 × 0,053 € = 654,29 €; 2 × 1 000,50 € = 2 001,00 €.
    assert_eq!(
        totals,
        [
            (2026, "EPrescription", "2\u{a0}655,29\u{a0}€"),
            (2026, "PatientDataRepository", "90,00\u{a0}€"),
            (2025, "PatientDataRepository", "90,00\u{a0}€")
        ]
    );
    let id = invoice::Entity::find()
        .filter(invoice::Column::Number.eq("K2027-0002"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let page = clinic.get(&format!("/billing/{id}")).await;
    assert!(page.body.contains("2\u{a0}655,29\u{a0}€") && page.body.contains("0,053\u{a0}€"), "{}", page.body);
    // As a PDF/A document: the same lines and total, tagged as a table with column headers
    // (the font draws a no-break space with the space's glyph, so a reader copies a space).
    let (status, kind, pdf) = clinic.download(&format!("{}?id={id}", InvoicePdf::PATH)).await;
    assert_eq!((status, kind.as_str()), (StatusCode::OK, "application/pdf"));
    let read = crate::common::read_pdf_without_attachment(&pdf);
    for text in ["Lasku K2027-0002", "Lisärivi", "1000,50 €", "2 655,29 €", "Eräpäivä: 15.3.2027"] {
        assert!(read.text.contains(text), "{text} in {}", read.text);
    }
    assert!(read.info.contains("<pdfaid:part>3</pdfaid:part>"), "{}", read.info);
    assert_eq!(read.structure.matches("TH:\n           /Scope /Column").count(), 4, "{}", read.structure);
    assert_eq!(
        read.structure.lines().filter(|l| l.trim() == "TR").count(),
        4,
        "header, two lines, total: {}",
        read.structure
    );
    // The CSV export reads back as the same invoices.
    let (status, csv) = clinic.call_get(BillingCsv::PATH, &[]).await;
    assert_eq!(status, StatusCode::OK);
    let again = app::domain::billing::parse_import(&csv).unwrap();
    let original = app::domain::billing::parse_import(GOOD).unwrap();
    let numbers = |v: &[app::domain::billing::ImportedInvoice]| {
        let mut n: Vec<(String, i64)> = v.iter().map(|i| (i.number.clone(), i.total().0)).collect();
        n.sort();
        n
    };
    assert_eq!(numbers(&again), numbers(&original));
    // Another organisation's user sees none of it.
    let other = Browser::new(&app.base);
    log_in(&other, "p13").await;
    let (_, body) = other.call(Billing::PATH, &[("before", "")]).await;
    assert!(body.contains("\"invoices\":[]"), "{body}");
    let (status, _) = other.call(Invoice::PATH, &[("id", id.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.download(&format!("{}?id={id}", InvoicePdf::PATH)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // As Excel on a Finnish Windows saves "CSV (semicolon delimited)": Windows-1252, CR LF, every
    // row padded with `;` for a column once used; a formula typed in a quoted description.
    let excel: Vec<u8> = [
        &b"invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price;;\r\n"[..],
        b"K2027-0005;3141590-3;patient-data;2026;2027-02-15;2027-03-15;Lis\xe4rivi \xe5\xf6;1;90;;\r\n",
        b"K2027-0005;3141590-3;patient-data;2026;2027-02-15;2027-03-15;\"=HYPERLINK(\"\"http://x.example\"\";\"\"x\"\")\";1;1;;\r\n",
    ]
    .concat();
    let (status, body) = staff.upload(ImportBilling::PATH, "excel.csv", &excel).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "1"));
    let lines = billing_event::Entity::find().all(&app.db).await.unwrap();
    assert!(lines.iter().any(|l| l.description == "Lisärivi åö"), "decoded from Windows-1252");
    let imported = billing_import::Entity::find().all(&app.db).await.unwrap();
    let hash = imported.iter().find(|i| i.file_name == "excel.csv").unwrap().file_hash.clone();
    assert_eq!(hash, hex::encode(<sha2::Sha256 as sha2::Digest>::digest(&excel)), "the hash of the bytes sent");
    // The download has each line's amount, and the formula comes out as text.
    let (_, csv) = clinic.call_get(BillingCsv::PATH, &[]).await;
    assert!(csv.contains(";unit_price;amount\r\n") && csv.contains(";Reseptit;12345;0,053;654,29\r\n"), "{csv}");
    assert!(csv.contains("\"'=HYPERLINK(\"\"http://x.example\"\";\"\"x\"\")\""), "{csv}");
    // A workbook instead of a CSV file is named as one.
    let (status, body) = staff.upload(ImportBilling::PATH, "laskut.xlsx", b"PK\x03\x04\x14\x00\x06\x00").await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("SpreadsheetNotCsv"), "{body}");
    // A UTF-8 file with one row pasted in from a Windows-1252 one is refused, not garbled.
    let mixed =
        [&excel[..], b"K2027-0006;3141590-3;patient-data;2026;2027-02-15;2027-03-15;Lis\xc3\xa4;1;90;;\r\n"].concat();
    let (status, body) = staff.upload(ImportBilling::PATH, "joined.csv", &mixed).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("MixedEncoding"), "{body}");
}

/// A file with many bad rows, posted without JavaScript: the list of problems comes back as a
/// page whose address holds only a short id (the list in the address outgrew nginx's default
/// 4 KB header buffers: a 502), shown only to the session that posted it, for an hour.
async fn a_refused_import_comes_back_as_a_page_with_a_short_address(app: TestApp) {
    log_in(&Browser::new(&app.base), "p01").await; // Lähiklinikka becomes known here.
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;
    let header = "invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price\n";
    let rows: String = (1..=300)
        .map(|n| format!("K2027-{n:04};3141590-3;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu {n};x;90\n"))
        .collect();
    let page = staff.upload_form(ImportBilling::PATH, "laskut.csv", format!("{header}{rows}")).await;
    assert!(page.trail.iter().all(|url| url.len() < 120), "{:?}", page.trail);
    assert!(page.url.contains("/staff/billing?refused="), "{}", page.url);
    let shown = |body: &str| body.contains("id=\"posted-error\"");
    assert!(shown(&page.body) && page.body.contains("Rivi 2, quantity"), "{}", page.body);
    assert!(page.body.contains("Rivi 51, quantity") && !page.body.contains("Rivi 52,"), "the first 50 problems");
    assert!(page.body.contains("… ja 250 muuta virhettä"), "{}", page.body);
    // Nor do the page's links carry them (the language switch returns to this address).
    assert!(!page.body.contains("__err"), "{}", page.body);
    assert_eq!(invoice::Entity::find().count(&app.db).await.unwrap(), 0);
    assert!(shown(&staff.get(&page.url).await.body), "a reload shows it again");

    // Another session, the same person's included, is shown the page as if freshly opened.
    let other = Browser::new(&app.base);
    log_in(&other, "p10").await;
    assert!(!shown(&other.get(&page.url).await.body));
    // So is the session that posted it, after an hour.
    let kept = refused_form::Entity::find().one(&app.db).await.unwrap().unwrap();
    let mut aged: refused_form::ActiveModel = kept.into();
    aged.created_at = sea_orm::Set(chrono::Utc::now() - chrono::Duration::minutes(61));
    sea_orm::ActiveModelTrait::update(aged, &app.db).await.unwrap();
    assert!(!shown(&staff.get(&page.url).await.body));

    // A good file posted from the refused page lands on the page without the old problems.
    let page = staff.upload_form(ImportBilling::PATH, "laskut.csv", GOOD).await;
    assert!(page.url.ends_with("/staff/billing?imported=3"), "{:?}", page.trail);
    assert!(!shown(&page.body) && page.body.contains("id=\"imported\""), "{}", page.body);
}

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

/// A NUL or a right-to-left override in a name is refused with its own message and saves nothing
/// (PostgreSQL used to answer a NUL with 503); zero-width characters are removed.
async fn hidden_characters_in_a_name_are_refused_or_removed(app: TestApp) {
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
