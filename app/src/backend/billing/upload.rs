//! Importing a billing file: its bytes decoded, its rows checked (format, then organisations
//! known here and invoice numbers not yet imported), and all of it written in one transaction,
//! or nothing.
use crate::{
    backend::{
        customer_data::log,
        entities::{billing_event, billing_import, invoice, organisation},
        identity::{Audit, Doer, audit},
    },
    domain::{
        billing::{ImportedInvoice, MAX_ERRORS, RowError, parse_import},
        records::{Act, ChangeKind, ChangeSubject},
        validation::Problem,
    },
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DatabaseTransaction, EntityTrait, QueryFilter, QuerySelect, Set,
};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap, HashSet};

/// The longest file name kept, in characters: the width of `billing_import.file_name`.
pub const FILE_NAME_MAX: usize = 200;

/// The text of an uploaded billing file: UTF-8 (with or without a byte-order mark), UTF-16 with
/// its byte-order mark (Excel's "Unicode text"), else Windows-1252, what Excel on a Finnish
/// Windows writes for "CSV (semicolon delimited)". Refused, never garbled: `SpreadsheetNotCsv`
/// for an Excel or OpenDocument workbook; `NotText` for bytes no spreadsheet writes as text (a
/// NUL, a byte Windows-1252 leaves undefined, broken UTF-16); `MixedEncoding` when UTF-8 letters
/// stand beside bytes that are not UTF-8.
pub fn decode(file: &[u8]) -> Result<String, Problem> {
    // .xlsx and .ods are zip archives; .xls is an OLE compound file.
    const WORKBOOKS: [&[u8]; 2] = [b"PK\x03\x04", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"];
    if WORKBOOKS.iter().any(|magic| file.starts_with(magic)) {
        return Err(Problem::SpreadsheetNotCsv);
    }
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(file) {
        let (text, malformed) = encoding.decode_without_bom_handling(&file[bom..]);
        return if malformed || text.contains('\0') { Err(Problem::NotText) } else { Ok(text.into_owned()) };
    }
    if file.contains(&0) {
        return Err(Problem::NotText);
    }
    if let Ok(text) = std::str::from_utf8(file) {
        return Ok(text.to_string());
    }
    if file.utf8_chunks().any(|chunk| !chunk.valid().is_ascii()) {
        return Err(Problem::MixedEncoding);
    }
    // The five bytes Windows-1252 leaves undefined, which encoding_rs reads as C1 controls.
    if file.iter().any(|b| matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)) {
        return Err(Problem::NotText);
    }
    Ok(encoding_rs::WINDOWS_1252.decode_without_bom_handling(file).0.into_owned())
}

/// Imports a whole file (its bytes as uploaded, see [`decode`]), or nothing: every row is checked
/// (format, then organisations known here and invoice numbers not yet imported) before anything
/// is written, and all of it is written in one transaction. Returns how many invoices were
/// imported.
pub async fn import(
    db: &DatabaseConnection,
    staff_person: i32,
    file_name: &str,
    file: &[u8],
) -> Result<usize, AppError> {
    let text = decode(file).map_err(|problem| AppError::Import {
        errors: vec![RowError { line: 1, column: String::new(), problem }],
        more: 0,
    })?;
    let invoices = parse_import(&text).map_err(|(errors, more)| AppError::Import { errors, more })?;
    let organisations = billed_organisations(db, &invoices).await?;
    let txn = crate::backend::begin_write(db).await?;
    let rows = invoices.iter().map(|i| i.lines.len()).sum::<usize>();
    let batch = record_batch(&txn, staff_person, file_name, file, rows).await?;
    for (i, o) in invoices.iter().zip(organisations) {
        write_invoice(&txn, staff_person, batch.id, i, &o).await?;
    }
    let detail = format!("{} ({} invoices, {rows} rows)", batch.file_hash, invoices.len());
    audit(&txn, &Audit::new(Doer::Staff { person_id: staff_person }, Act::BillingImported).detail(&detail)).await?;
    txn.commit().await?;
    Ok(invoices.len())
}

/// The organisation each invoice bills, in the invoices' order. `Import` when an invoice names
/// an organisation not known here or a number an earlier import holds: the first `MAX_ERRORS`
/// such rows, and how many more.
async fn billed_organisations(
    db: &DatabaseConnection,
    invoices: &[ImportedInvoice],
) -> Result<Vec<organisation::Model>, AppError> {
    let known = known_organisations(db, invoices).await?;
    let taken = imported_numbers(db, invoices).await?;
    let mut errors = Vec::new();
    let mut organisations = Vec::new();
    for i in invoices {
        let line = i.lines.first().map(|l| l.source_line).unwrap_or(0);
        let found = known.get(&i.business_id.to_string()).cloned();
        if found.is_none() {
            errors.push(RowError { line, column: "business_id".into(), problem: Problem::UnknownOrganisation });
        }
        if taken.contains(&i.number) {
            errors.push(RowError { line, column: "invoice_number".into(), problem: Problem::AlreadyImported });
        }
        organisations.push(found);
    }
    if !errors.is_empty() {
        let more = errors.len().saturating_sub(MAX_ERRORS);
        errors.truncate(MAX_ERRORS);
        return Err(AppError::Import { errors, more });
    }
    // No errors: every invoice's organisation was found.
    Ok(organisations.into_iter().flatten().collect())
}

/// Records the imported file: who imported it, its name, its SHA-256 and its number of `rows`.
async fn record_batch(
    txn: &DatabaseTransaction,
    staff_person: i32,
    file_name: &str,
    file: &[u8],
    rows: usize,
) -> Result<billing_import::Model, AppError> {
    let batch = billing_import::ActiveModel {
        person_id: Set(staff_person),
        // As the browser named it, cleaned like any text (PostgreSQL refuses NUL), cut to fit.
        file_name: Set(crate::domain::validation::text(
            &file_name.chars().take(FILE_NAME_MAX).collect::<String>(),
            0,
            FILE_NAME_MAX as u32,
        )
        .ok()
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| "billing.csv".into())),
        file_hash: Set(hex::encode(Sha256::digest(file))),
        rows: Set(rows as i32),
        at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(batch)
}

/// Writes one invoice of import `batch` for `organisation`: its row, its lines (numbered from 1)
/// and the change log's line for it.
async fn write_invoice(
    txn: &DatabaseTransaction,
    staff_person: i32,
    batch: i32,
    i: &ImportedInvoice,
    organisation: &organisation::Model,
) -> Result<(), AppError> {
    let row = invoice::ActiveModel {
        organisation_id: Set(organisation.id),
        import_id: Set(batch),
        number: Set(i.number.clone()),
        service: Set(i.service.code().into()),
        period: Set(i.period.to_string()),
        issued_on: Set(i.issued.to_string()),
        due_on: Set(i.due.to_string()),
        total_cents: Set(i.total().0),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    for (n, l) in i.lines.iter().enumerate() {
        billing_event::ActiveModel {
            invoice_id: Set(row.id),
            line: Set(n as i32 + 1),
            description: Set(l.description.clone()),
            quantity: Set(l.quantity),
            unit_price_e4: Set(l.unit_price_e4),
            amount_cents: Set(l.amount.0),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let changes = vec![
        ("number".to_string(), String::new(), i.number.clone()),
        ("total".into(), String::new(), i.total().local()),
    ];
    log(
        txn,
        Doer::Staff { person_id: staff_person },
        organisation.id,
        ChangeSubject::Invoice,
        Some(row.id),
        ChangeKind::Imported,
        &changes,
    )
    .await?;
    Ok(())
}

/// Values per `IN (…)` list: far below SQLite's and PostgreSQL's limits on bound parameters.
const IN_LIST: usize = 500;

/// The organisations the invoices name that are known here, by business ID: a query per
/// [`IN_LIST`] business IDs, not one per invoice.
async fn known_organisations(
    db: &DatabaseConnection,
    invoices: &[ImportedInvoice],
) -> Result<HashMap<String, organisation::Model>, AppError> {
    let ids: BTreeSet<String> = invoices.iter().map(|i| i.business_id.to_string()).collect();
    let mut known = HashMap::new();
    for chunk in ids.into_iter().collect::<Vec<_>>().chunks(IN_LIST) {
        let found =
            organisation::Entity::find().filter(organisation::Column::Ytunnus.is_in(chunk.to_vec())).all(db).await?;
        known.extend(found.into_iter().map(|o| (o.ytunnus.clone(), o)));
    }
    Ok(known)
}

/// The invoices' numbers that an earlier import already holds.
async fn imported_numbers(db: &DatabaseConnection, invoices: &[ImportedInvoice]) -> Result<HashSet<String>, AppError> {
    let numbers: BTreeSet<&str> = invoices.iter().map(|i| i.number.as_str()).collect();
    let mut taken = HashSet::new();
    for chunk in numbers.into_iter().collect::<Vec<_>>().chunks(IN_LIST) {
        let found: Vec<String> = invoice::Entity::find()
            .select_only()
            .column(invoice::Column::Number)
            .filter(invoice::Column::Number.is_in(chunk.to_vec()))
            .into_tuple()
            .all(db)
            .await?;
        taken.extend(found);
    }
    Ok(taken)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_decoded_or_refused_never_garbled() {
        assert_eq!(decode(b"Lis\xc3\xa4rivi"), Ok("Lisärivi".into()));
        assert_eq!(decode(b"\xef\xbb\xbfLis\xc3\xa4rivi"), Ok("Lisärivi".into()));
        assert_eq!(decode(b"Lis\xe4rivi \x80"), Ok("Lisärivi €".into()), "Windows-1252");
        assert_eq!(decode(b"\xff\xfeL\x00\xe4\x00"), Ok("Lä".into()), "UTF-16 LE");
        // UTF-8 letters and a Windows-1252 byte in one file.
        assert_eq!(decode(b"Lis\xc3\xa4rivi;Lis\xe4rivi"), Err(Problem::MixedEncoding));
        // A picture, a PDF with a NUL, a byte Windows-1252 does not define, an odd UTF-16 tail.
        assert_eq!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Err(Problem::NotText));
        assert_eq!(decode(b"%PDF-1.4\n\x81\x82"), Err(Problem::NotText));
        assert_eq!(decode(b"\xff\xfeL\x00\xe4"), Err(Problem::NotText));
        assert_eq!(decode(b"PK\x03\x04\x14\x00"), Err(Problem::SpreadsheetNotCsv));
    }
}
