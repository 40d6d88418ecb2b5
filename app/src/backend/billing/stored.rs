//! Stored invoices read back for the organisation billed (its list a page at a time, its totals,
//! one invoice or all with their lines) and the imported files for Kanta's staff.
use super::{InvoiceHeader, StoredInvoice};
use crate::{
    backend::entities::{billing_event, billing_import, invoice, organisation},
    domain::{
        billing::{Cents, ImportedInvoice, InvoiceLine, Period},
        services::KantaService,
        validation::Date,
        ytunnus::YTunnus,
    },
    error::AppError,
};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

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
        .limit(crate::backend::PAGE + 1)
        .all(db)
        .await?;
    let older = crate::backend::cut_to_page(&mut rows).map(|r| r.id);
    let headers = rows.into_iter().map(|row| readable(row.id, header(row))).collect::<Result<_, _>>()?;
    Ok((headers, older))
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
        .find_also_related(crate::backend::entities::person::Entity)
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(i, p)| (i, p.map(|p| p.display_name))).collect())
}
