//! Every length limit of a form field equals the width of the column its value is stored in, as
//! the database itself reports it: a field that takes more than its column can hold would be
//! accepted and then fail to save (PostgreSQL enforces widths; SQLite records them).
use crate::common::TestApp;
use app::{
    backend::billing,
    domain::{
        billing as bill, contacts, support, technical,
        validation::{Email, Phone},
    },
    wizard::{FieldKind, application::APPLICATION},
};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

on_both_databases!(every_field_limit_is_its_column_width);

/// Where a value is stored, and how many characters the form lets through (`None`: no limit
/// but the column's, which must then be unbounded text).
struct Stored {
    field: &'static str,
    max: Option<u32>,
    table: &'static str,
    column: &'static str,
}

const fn stored(field: &'static str, max: u32, table: &'static str, column: &'static str) -> Stored {
    Stored { field, max: Some(max), table, column }
}

/// Where each of the application wizard's text fields ends up: in the answers (unbounded text)
/// and, after go-live, in the organisation's contacts and technical data.
fn wizard_destination(field: &str) -> Option<(&'static str, &'static str)> {
    Some(match field {
        "unit_name" | "system_product" | "certificate_name" => ("technical_item", "name"),
        "system_version" => ("technical_item", "product_version"),
        "system_vendor" => ("technical_item", "vendor"),
        "admin_name" | "technical_name" | "archivist_name" => ("contact", "name"),
        "admin_email" | "technical_email" | "archivist_email" => ("contact", "email"),
        "admin_phone" | "technical_phone" | "archivist_phone" => ("contact", "phone"),
        "testing_plan" => ("application", "answers"),
        _ => return None,
    })
}

/// The column's width in characters; `None` for unbounded text.
async fn width(app: &TestApp, table: &str, column: &str) -> Option<u32> {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DatabaseBackend::Postgres => format!(
            "SELECT CAST(character_maximum_length AS INTEGER) AS width, data_type AS kind \
             FROM information_schema.columns WHERE table_name = '{table}' AND column_name = '{column}'"
        ),
        _ => format!("SELECT NULL AS width, type AS kind FROM pragma_table_info('{table}') WHERE name = '{column}'"),
    };
    let row = app.db.query_one_raw(Statement::from_string(backend, sql)).await.unwrap();
    let row = row.unwrap_or_else(|| panic!("no column {table}.{column}"));
    let kind: String = row.try_get("", "kind").unwrap();
    let width: Option<i32> = row.try_get("", "width").unwrap();
    // SQLite keeps the declared type, `varchar(200)`.
    let declared = kind.split_once('(').and_then(|(_, n)| n.trim_end_matches(')').parse::<i32>().ok());
    width.or(declared).map(|w| w as u32)
}

async fn every_field_limit_is_its_column_width(app: TestApp) {
    let mut fields = vec![
        stored("contact name", contacts::NAME_MAX, "contact", "name"),
        stored("contact e-mail", Email::MAX_LEN, "contact", "email"),
        stored("contact phone", Phone::MAX_LEN, "contact", "phone"),
        stored("system product", technical::PRODUCT_MAX, "technical_item", "name"),
        stored("service unit name", technical::UNIT_NAME_MAX, "technical_item", "name"),
        stored("further service unit name", technical::UNIT_NAME_MAX, "application_unit", "name"),
        stored("certificate name", technical::CERTIFICATE_NAME_MAX, "technical_item", "name"),
        stored("system version", technical::VERSION_MAX, "technical_item", "product_version"),
        stored("system vendor", technical::VENDOR_MAX, "technical_item", "vendor"),
        stored("support name", support::NAME_MAX, "support_request", "name"),
        stored("support organisation", support::ORGANISATION_MAX, "support_request", "organisation"),
        stored("support e-mail", Email::MAX_LEN, "support_request", "email"),
        Stored { field: "support message", max: None, table: "support_request", column: "message" },
        stored("invoice line description", bill::DESCRIPTION_MAX, "billing_event", "description"),
        stored("invoice number", bill::INVOICE_NUMBER_MAX, "invoice", "number"),
        stored("billing file name", billing::FILE_NAME_MAX as u32, "billing_import", "file_name"),
        Stored { field: "staff comment", max: None, table: "application_event", column: "comment" },
    ];
    // Every text field of the wizard, walked from its definition: a new one must say where it goes.
    for field in APPLICATION.steps.iter().flat_map(|s| s.fields) {
        let max = match field.kind {
            FieldKind::Text { max, .. } | FieldKind::LongText { max, .. } => max,
            FieldKind::Email => Email::MAX_LEN,
            FieldKind::Phone => Phone::MAX_LEN,
            _ => continue,
        };
        let (table, column) = wizard_destination(field.name)
            .unwrap_or_else(|| panic!("wizard field {} is stored where? Add it to wizard_destination", field.name));
        fields.push(Stored { field: field.name, max: Some(max), table, column });
    }

    let mut wrong = Vec::new();
    for Stored { field, max, table, column } in fields {
        let width = width(&app, table, column).await;
        match (max, width) {
            // A field that feeds an unbounded column (the answers) has its own limit.
            (_, None) => {}
            (Some(max), Some(width)) if max == width => {}
            (Some(max), Some(width)) if max < width && table == "technical_item" && column == "name" => {
                // One column for the names of every kind of item; the widest kind fills it.
            }
            // A phone number is stored as E.164 whatever was typed: it must fit, with room to spare.
            (Some(max), Some(width)) if max < width && column == "phone" => {}
            (max, width) => wrong.push(format!("{field}: form takes {max:?}, {table}.{column} holds {width:?}")),
        }
    }
    assert!(wrong.is_empty(), "limits that differ from their columns:\n{}", wrong.join("\n"));
}
