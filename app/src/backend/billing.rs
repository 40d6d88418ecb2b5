//! Invoices: imported by Kanta's staff from a CSV file (all of it or nothing), read by the
//! organisations billed.
use super::{
    customer_data::{Who, log},
    entities::{billing_event, billing_import, invoice, organisation},
    identity::{Audit, audit},
};
use crate::{
    domain::{
        billing::{Cents, ImportedInvoice, InvoiceLine, MAX_ERRORS, Period, RowError, parse_import},
        services::KantaService,
        validation::{Date, Problem},
        ytunnus::YTunnus,
    },
    error::AppError,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

/// The longest file name kept, in characters: the width of `billing_import.file_name`.
pub const FILE_NAME_MAX: usize = 200;

/// Imports a whole file, or nothing: every row is checked (format, then organisations known here
/// and invoice numbers not yet imported) before anything is written, and all of it is written in
/// one transaction. Returns how many invoices were imported.
pub async fn import(
    db: &DatabaseConnection,
    staff_person: i32,
    file_name: &str,
    file: &str,
) -> Result<usize, AppError> {
    let invoices = parse_import(file).map_err(|(errors, more)| AppError::Import { errors, more })?;
    let mut errors = Vec::new();
    let mut organisations = Vec::new();
    for i in &invoices {
        let line = i.lines.first().map(|l| l.source_line).unwrap_or(0);
        let found = organisation::Entity::find()
            .filter(organisation::Column::Ytunnus.eq(i.business_id.to_string()))
            .one(db)
            .await?;
        if found.is_none() {
            errors.push(RowError { line, column: "business_id".into(), problem: Problem::UnknownOrganisation });
        }
        if invoice::Entity::find().filter(invoice::Column::Number.eq(i.number.clone())).one(db).await?.is_some() {
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
        file_hash: Set(super::hex(&Sha256::digest(file.as_bytes()))),
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
        log(&txn, Who::staff(staff_person), o.id, "invoice", Some(row.id), "imported", &changes).await?;
    }
    let detail = format!("{} ({} invoices, {rows} rows)", batch.file_hash, invoices.len());
    audit(&txn, &Audit { detail: Some(&detail), ..Audit::of_person(staff_person, "billing-imported") }).await?;
    txn.commit().await?;
    Ok(invoices.len())
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

/// The organisation's invoices with their lines, newest first.
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
    let mut found = Vec::new();
    for row in rows {
        found.push(with_lines(db, row, business_id).await?);
    }
    Ok(found)
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
    let id = row.id;
    read(row, business_id, lines).ok_or_else(|| {
        tracing::error!(id, "unreadable invoice row");
        AppError::Unavailable
    })
}

/// Totals per year (of the billing period) and service, newest year first.
pub fn totals(invoices: &[StoredInvoice]) -> Vec<(u16, KantaService, Cents)> {
    let mut totals: Vec<(u16, KantaService, Cents)> = Vec::new();
    for i in invoices.iter().map(|s| &s.invoice) {
        match totals.iter_mut().find(|(y, s, _)| *y == i.period.year && *s == i.service) {
            Some((_, _, sum)) => sum.0 += i.total().0,
            None => totals.push((i.period.year, i.service, i.total())),
        }
    }
    totals.sort_by_key(|(y, s, _)| (std::cmp::Reverse(*y), s.code()));
    totals
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
