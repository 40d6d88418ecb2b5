//! Invoices: imported by Kanta's staff from a CSV file (all of it or nothing), read by the
//! organisations billed.
use super::{
    customer_data::log,
    entities::{billing_event, billing_import, invoice, organisation},
    identity::{Audit, Doer, audit},
};
use crate::{
    domain::{
        billing::{
            Cents, ImportedInvoice, InvoiceLine, MAX_ERRORS, Period, RowError, parse_import, quantity_local,
            unit_price_local,
        },
        records::{Act, ChangeKind, ChangeSubject},
        services::KantaService,
        validation::{Date, Problem},
        ytunnus::YTunnus,
    },
    error::AppError,
    i18n::{Args, Lang, lookup},
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
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
    let known = known_organisations(db, &invoices).await?;
    let taken = imported_numbers(db, &invoices).await?;
    let mut errors = Vec::new();
    let mut organisations = Vec::new();
    for i in &invoices {
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
    let txn = super::begin_write(db).await?;
    let rows = invoices.iter().map(|i| i.lines.len()).sum::<usize>();
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
    .insert(&txn)
    .await?;
    for (i, o) in invoices.iter().zip(organisations.into_iter().flatten()) {
        let row = invoice::ActiveModel {
            organisation_id: Set(o.id),
            import_id: Set(batch.id),
            number: Set(i.number.clone()),
            service: Set(i.service.code().into()),
            period: Set(i.period.to_string()),
            issued_on: Set(i.issued.to_string()),
            due_on: Set(i.due.to_string()),
            total_cents: Set(i.total().0),
            ..Default::default()
        }
        .insert(&txn)
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
            .insert(&txn)
            .await?;
        }
        let changes = vec![
            ("number".to_string(), String::new(), i.number.clone()),
            ("total".into(), String::new(), i.total().local()),
        ];
        log(
            &txn,
            Doer::Staff { person_id: staff_person },
            o.id,
            ChangeSubject::Invoice,
            Some(row.id),
            ChangeKind::Imported,
            &changes,
        )
        .await?;
    }
    let detail = format!("{} ({} invoices, {rows} rows)", batch.file_hash, invoices.len());
    audit(&txn, &Audit::new(Doer::Staff { person_id: staff_person }, Act::BillingImported).detail(&detail)).await?;
    txn.commit().await?;
    Ok(invoices.len())
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

/// An invoice as stored, read back into the domain's shape.
pub struct StoredInvoice {
    pub id: i32,
    pub invoice: ImportedInvoice,
}

fn read(row: invoice::Model, business_id: YTunnus, lines: Vec<billing_event::Model>) -> Option<StoredInvoice> {
    Some(StoredInvoice {
        id: row.id,
        invoice: ImportedInvoice {
            number: row.number,
            business_id,
            service: KantaService::from_code(&row.service)?,
            period: Period::parse(&row.period).ok()?,
            issued: Date::parse(&row.issued_on).ok()?,
            due: Date::parse(&row.due_on).ok()?,
            lines: lines
                .into_iter()
                .map(|l| InvoiceLine {
                    source_line: l.line as u32,
                    description: l.description,
                    quantity: l.quantity,
                    unit_price_e4: l.unit_price_e4,
                    amount: Cents(l.amount_cents),
                })
                .collect(),
        },
    })
}

/// An invoice as the list shows it: its stored total, no lines.
pub struct InvoiceHeader {
    pub id: i32,
    pub number: String,
    pub service: KantaService,
    pub period: Period,
    pub issued: Date,
    pub due: Date,
    /// The sum of its lines, stored at import.
    pub total: Cents,
}

/// One page of the organisation's invoices, newest first (issue date, then id), older than the
/// invoice `before` (keyset pagination: every page costs the same; `NotFound` for an invoice
/// not the organisation's), and the id to continue before when there are more.
pub async fn invoice_page(
    db: &impl ConnectionTrait,
    organisation: &organisation::Model,
    before: Option<i32>,
) -> Result<(Vec<InvoiceHeader>, Option<i32>), AppError> {
    use sea_orm::{Condition, QuerySelect};
    let mut query = invoice::Entity::find().filter(invoice::Column::OrganisationId.eq(organisation.id));
    if let Some(before) = before {
        let last = invoice::Entity::find_by_id(before)
            .one(db)
            .await?
            .filter(|i| i.organisation_id == organisation.id)
            .ok_or(AppError::NotFound)?;
        query = query.filter(Condition::any().add(invoice::Column::IssuedOn.lt(last.issued_on.clone())).add(
            Condition::all().add(invoice::Column::IssuedOn.eq(last.issued_on)).add(invoice::Column::Id.lt(before)),
        ));
    }
    let mut rows = query
        .order_by_desc(invoice::Column::IssuedOn)
        .order_by_desc(invoice::Column::Id)
        .limit(super::PAGE + 1)
        .all(db)
        .await?;
    let older = super::cut_to_page(&mut rows).map(|r| r.id);
    let headers = rows.into_iter().map(|row| readable(row.id, header(row))).collect::<Result<_, _>>()?;
    Ok((headers, older))
}

impl StoredInvoice {
    /// The invoice as the list shows it, its total summed from its lines.
    pub fn header(&self) -> InvoiceHeader {
        let i = &self.invoice;
        InvoiceHeader {
            id: self.id,
            number: i.number.clone(),
            service: i.service,
            period: i.period,
            issued: i.issued,
            due: i.due,
            total: i.total(),
        }
    }
}

fn header(row: invoice::Model) -> Option<InvoiceHeader> {
    Some(InvoiceHeader {
        id: row.id,
        service: KantaService::from_code(&row.service)?,
        period: Period::parse(&row.period).ok()?,
        issued: Date::parse(&row.issued_on).ok()?,
        due: Date::parse(&row.due_on).ok()?,
        total: Cents(row.total_cents),
        number: row.number,
    })
}

/// Totals per year (of the billing period) and service over all the organisation's invoices,
/// newest year first; summed by the database.
pub async fn totals(
    db: &impl ConnectionTrait,
    organisation: &organisation::Model,
) -> Result<Vec<(u16, KantaService, Cents)>, AppError> {
    use sea_orm::{FromQueryResult, QuerySelect, sea_query::Expr};
    #[derive(FromQueryResult)]
    struct Total {
        year: String,
        service: String,
        cents: i64,
    }
    let year = Expr::cust("substr(period, 1, 4)");
    let rows = invoice::Entity::find()
        .select_only()
        .column_as(year.clone(), "year")
        .column(invoice::Column::Service)
        .column_as(Expr::cust("CAST(SUM(total_cents) AS BIGINT)"), "cents")
        .filter(invoice::Column::OrganisationId.eq(organisation.id))
        .group_by(year)
        .group_by(invoice::Column::Service)
        .into_model::<Total>()
        .all(db)
        .await?;
    let mut totals: Vec<(u16, KantaService, Cents)> = rows
        .into_iter()
        .filter_map(|t| Some((t.year.parse().ok()?, KantaService::from_code(&t.service)?, Cents(t.cents))))
        .collect();
    totals.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.code().cmp(b.1.code())));
    Ok(totals)
}

/// Every invoice of the organisation with its lines, newest first, for the CSV download: two
/// queries, whatever the number of invoices.
pub async fn invoices(
    db: &impl ConnectionTrait,
    organisation: &organisation::Model,
) -> Result<Vec<StoredInvoice>, AppError> {
    let business_id = YTunnus::parse(&organisation.ytunnus).map_err(|_| AppError::Unavailable)?;
    let rows = invoice::Entity::find()
        .filter(invoice::Column::OrganisationId.eq(organisation.id))
        .order_by_desc(invoice::Column::IssuedOn)
        .order_by_desc(invoice::Column::Id)
        .all(db)
        .await?;
    let mut lines: std::collections::HashMap<i32, Vec<billing_event::Model>> = std::collections::HashMap::new();
    let of_organisation = sea_orm::sea_query::Query::select()
        .column(invoice::Column::Id)
        .from(invoice::Entity)
        .and_where(invoice::Column::OrganisationId.eq(organisation.id))
        .to_owned();
    for line in billing_event::Entity::find()
        .filter(billing_event::Column::InvoiceId.in_subquery(of_organisation))
        .order_by_asc(billing_event::Column::InvoiceId)
        .order_by_asc(billing_event::Column::Line)
        .all(db)
        .await?
    {
        lines.entry(line.invoice_id).or_default().push(line);
    }
    rows.into_iter()
        .map(|row| {
            let own = lines.remove(&row.id).unwrap_or_default();
            readable(row.id, read(row, business_id, own))
        })
        .collect()
}

/// One of the organisation's invoices with its lines; `NotFound` for anyone else's.
pub async fn invoice(
    db: &impl ConnectionTrait,
    organisation: &organisation::Model,
    id: i32,
) -> Result<StoredInvoice, AppError> {
    let business_id = YTunnus::parse(&organisation.ytunnus).map_err(|_| AppError::Unavailable)?;
    let row = invoice::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|i| i.organisation_id == organisation.id)
        .ok_or(AppError::NotFound)?;
    with_lines(db, row, business_id).await
}

async fn with_lines(
    db: &impl ConnectionTrait,
    row: invoice::Model,
    business_id: YTunnus,
) -> Result<StoredInvoice, AppError> {
    let lines = billing_event::Entity::find()
        .filter(billing_event::Column::InvoiceId.eq(row.id))
        .order_by_asc(billing_event::Column::Line)
        .all(db)
        .await?;
    readable(row.id, read(row, business_id, lines))
}

/// A stored invoice read back (`Some`), or `Unavailable`, logged: a row the domain cannot read
/// is a fault of ours, not the user's.
fn readable<T>(id: i32, read: Option<T>) -> Result<T, AppError> {
    read.ok_or_else(|| {
        tracing::error!(id, "unreadable invoice row");
        AppError::Unavailable
    })
}

/// The imported files, newest first, with the importer's name.
pub async fn imports(db: &impl ConnectionTrait) -> Result<Vec<(billing_import::Model, Option<String>)>, AppError> {
    let rows = billing_import::Entity::find()
        .order_by_desc(billing_import::Column::Id)
        .find_also_related(super::entities::person::Entity)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(i, p)| (i, p.map(|p| p.display_name))).collect())
}

/// The invoice as a PDF/A-3a document (`super::document`) in `lang`: who bills whom, the
/// service, period and dates, then its lines as a table (description, quantity, unit price,
/// amount in euros) closed by the total.
pub fn pdf(lang: Lang, organisation: &organisation::Model, stored: &StoredInvoice) -> Result<Vec<u8>, AppError> {
    use super::document::{Block, Contents};
    let say = |id: &str| lookup(lang, id, None);
    let i = &stored.invoice;
    let mut number = Args::new();
    number.set("number", i.number.clone());
    let title = lookup(lang, msg!("invoice-heading"), Some(&number));
    let facts = [
        (msg!("invoice-issuer"), say(msg!("invoice-issuer-name"))),
        (msg!("invoice-customer"), format!("{} ({})", organisation.name, organisation.ytunnus)),
        (msg!("billing-service"), say(i.service.message_id())),
        (msg!("invoice-period"), i.period.local()),
        (msg!("invoice-issued"), i.issued.local()),
        (msg!("invoice-due"), i.due.local()),
    ];
    let facts: Vec<String> = facts.iter().map(|(label, value)| format!("{}: {value}", say(label))).collect();
    let header =
        [msg!("invoice-description"), msg!("invoice-quantity"), msg!("invoice-unit-price"), msg!("invoice-amount")];
    let mut rows: Vec<Vec<String>> = i
        .lines
        .iter()
        .map(|l| {
            vec![l.description.clone(), quantity_local(l.quantity), unit_price_local(l.unit_price_e4), l.amount.local()]
        })
        .collect();
    rows.push(vec![say(msg!("invoice-total")), String::new(), String::new(), i.total().local()]);
    super::document::pdf(Contents {
        lang,
        title: &title,
        blocks: vec![
            Block::Paragraph(facts.join("\n")),
            Block::Table { header: header.iter().map(|id| say(id)).collect(), rows },
        ],
        attachment: None,
        made: chrono::NaiveDate::from_ymd_opt(i.issued.year.into(), i.issued.month.into(), i.issued.day.into())
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .map_or_else(Utc::now, |t| t.and_utc()),
    })
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
