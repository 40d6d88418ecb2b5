//! Billing: staff import invoices all or nothing, from a CSV file as written or as Excel saves
//! it; the organisation sees its own, as totals, pages, PDF/A and CSV; a refused file posted
//! without JavaScript comes back as a page with a short address.
use crate::common::{
    TestApp,
    api::{Billing, BillingCsv, BillingImports, ImportBilling, Invoice, InvoicePdf, ServerFn},
    browser::{Browser, log_in},
};
use app::backend::entities::{billing_event, billing_import, invoice, refused_form};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const GOOD: &str = "invoice_number;business_id;service;period;issued_on;due_on;description;quantity;unit_price\n\
    K2027-0001;3141590-3;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu 2026;1;90\n\
    K2027-0002;3141590-3;eprescription;2026;2027-02-15;2027-03-15;Reseptit;12345;0,053\n\
    K2027-0002;3141590-3;eprescription;2026;2027-02-15;2027-03-15;Lisärivi;2;1000,5\n\
    K2026-0100;3141590-3;patient-data;2025;2026-02-16;2026-03-16;Vuosimaksu 2025;1;90\n";

/// How many invoices, invoice lines and imports are stored.
async fn counts(app: &TestApp) -> (u64, u64, u64) {
    (
        invoice::Entity::find().count(&app.db).await.unwrap(),
        billing_event::Entity::find().count(&app.db).await.unwrap(),
        billing_import::Entity::find().count(&app.db).await.unwrap(),
    )
}

pub(super) async fn billing_is_imported_whole_or_not_at_all(app: TestApp) {
    let clinic = Browser::new(&app.base);
    log_in(&clinic, "p01").await; // Lähiklinikka becomes known here by acting for it.
    let staff = Browser::new(&app.base);
    log_in(&staff, "p10").await;

    only_staff_import_and_a_file_with_a_bad_row_imports_nothing(&app, &clinic, &staff).await;
    a_good_file_is_imported_once(&app, &staff).await;
    let id = the_organisation_sees_its_totals_and_invoices(&app, &clinic).await;
    the_invoice_is_a_tagged_pdf_a_document(&clinic, id).await;
    the_csv_export_reads_back_as_the_same_invoices(&clinic).await;
    another_organisations_user_sees_none_of_it(&app, id).await;
    a_file_saved_by_excel_is_read_and_others_are_named(&app, &clinic, &staff).await;
}

async fn only_staff_import_and_a_file_with_a_bad_row_imports_nothing(app: &TestApp, clinic: &Browser, staff: &Browser) {
    let (status, _) = clinic.upload(ImportBilling::PATH, "k.csv", GOOD).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only staff import");
    // One unknown organisation among good rows: nothing is imported.
    let bad = format!(
        "{GOOD}K2027-0003;3141712-4;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu;1;90\nK2027-0004;3141590-3;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu;x;90\n"
    );
    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert!(body.contains("\"line\":7") && body.contains("InvalidNumber"), "{body}");
    assert_eq!(counts(app).await, (0, 0, 0));
    let only_unknown = format!("{GOOD}K2027-0003;3141712-4;patient-data;2026;2027-02-15;2027-03-15;Vuosimaksu;1;90\n");
    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", &only_unknown).await;
    assert!(
        status == StatusCode::UNPROCESSABLE_ENTITY
            && body.contains("UnknownOrganisation")
            && body.contains("\"line\":6"),
        "{body}"
    );
    assert_eq!(counts(app).await, (0, 0, 0));
}

async fn a_good_file_is_imported_once(app: &TestApp, staff: &Browser) {
    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", GOOD).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, "3"));
    assert_eq!(counts(app).await, (3, 4, 1));
    let (_, imports) = staff.call(BillingImports::PATH, &[("", "")]).await;
    assert!(
        imports.contains("\"file_name\":\"k.csv\"") && imports.contains("\"rows\":4") && imports.contains("Oskar Berg"),
        "{imports}"
    );
    let (status, body) = staff.upload(ImportBilling::PATH, "k.csv", GOOD).await;
    assert!(status == StatusCode::UNPROCESSABLE_ENTITY && body.contains("AlreadyImported"), "{body}");
    assert_eq!(counts(app).await, (3, 4, 1));
}

/// The organisation sees totals per year and service, in cents, formatted the Finnish way; and
/// invoice K2027-0002's page, whose id this returns.
async fn the_organisation_sees_its_totals_and_invoices(app: &TestApp, clinic: &Browser) -> i32 {
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
    id
}

/// As a PDF/A document: the same lines and total, tagged as a table with column headers
/// (the font draws a no-break space with the space's glyph, so a reader copies a space).
async fn the_invoice_is_a_tagged_pdf_a_document(clinic: &Browser, id: i32) {
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
}

/// The CSV export reads back as the same invoices.
async fn the_csv_export_reads_back_as_the_same_invoices(clinic: &Browser) {
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
}

/// Another organisation's user sees none of it (`id`: one of the invoices).
async fn another_organisations_user_sees_none_of_it(app: &TestApp, id: i32) {
    let other = Browser::new(&app.base);
    log_in(&other, "p13").await;
    let (_, body) = other.call(Billing::PATH, &[("before", "")]).await;
    assert!(body.contains("\"invoices\":[]"), "{body}");
    let (status, _) = other.call(Invoice::PATH, &[("id", id.to_string())]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _, _) = other.download(&format!("{}?id={id}", InvoicePdf::PATH)).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

async fn a_file_saved_by_excel_is_read_and_others_are_named(app: &TestApp, clinic: &Browser, staff: &Browser) {
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
pub(super) async fn a_refused_import_comes_back_as_a_page_with_a_short_address(app: TestApp) {
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
