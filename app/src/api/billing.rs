//! Billing of the organisation the user acts for (totals, invoices, the CSV file), and the
//! staff's import of invoices. Only bases that permit seeing administrative content see billing.
use crate::{api::customer_data::ChangeLine, domain::services::KantaService, error::AppError};
use leptos::{
    prelude::*,
    server_fn::codec::{ByteStream, GetUrl, MultipartData, MultipartFormData, Streaming},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotalLine {
    pub year: u16,
    pub service: KantaService,
    /// Formatted for the reader (`1 234,56 €`).
    pub total: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceSummary {
    pub id: i32,
    pub number: String,
    pub service: KantaService,
    pub period: String,
    pub issued: String,
    pub due: String,
    pub total: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BillingData {
    pub organisation: String,
    pub totals: Vec<TotalLine>,
    /// One page of 50, newest first.
    pub invoices: Vec<InvoiceSummary>,
    /// The invoice to continue before, when there are older ones.
    pub older: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineView {
    pub description: String,
    pub quantity: String,
    pub unit_price: String,
    pub amount: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvoiceView {
    pub organisation: String,
    pub business_id: String,
    pub summary: InvoiceSummary,
    pub lines: Vec<LineView>,
    pub history: Vec<ChangeLine>,
}

/// The organisation's billing: totals, and a page of invoices older than invoice `before`
/// (empty: the newest).
#[server(endpoint = "billing/get")]
pub async fn billing(before: String) -> Result<BillingData, AppError> {
    super::respond(ssr::billing(before.trim().parse().ok()).await)
}

#[server(endpoint = "billing/invoice")]
pub async fn invoice(id: i32) -> Result<InvoiceView, AppError> {
    super::respond(ssr::invoice(id).await)
}

/// One invoice as a PDF/A-3a document, for download (`?id=…`), in the reader's language.
#[server(endpoint = "billing/invoice.pdf", input = GetUrl, output = Streaming)]
pub async fn invoice_pdf(id: i32) -> Result<ByteStream<AppError>, AppError> {
    let pdf = super::respond(ssr::invoice_pdf(id).await)?;
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(pdf) })))
}

/// Every billed event of the organisation as CSV, in the import format.
#[server(endpoint = "billing/invoices.csv", input = GetUrl, output = Streaming)]
pub async fn billing_csv() -> Result<ByteStream<AppError>, AppError> {
    let csv = super::respond(ssr::csv().await)?;
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(csv) })))
}

/// One imported file, for the staff's record of imports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportLine {
    pub at: String,
    pub who: String,
    pub file_name: String,
    pub file_hash: String,
    pub rows: i32,
}

/// Staff: the files imported so far, newest first.
#[server(endpoint = "staff/billing-imports")]
pub async fn billing_imports() -> Result<Vec<ImportLine>, AppError> {
    super::respond(ssr::imports().await)
}

/// Staff: imports a CSV file of invoices (`file`), all of it or nothing; answers how many invoices.
#[server(endpoint = "staff/billing-import", input = MultipartFormData)]
pub async fn import_billing(data: MultipartData) -> Result<usize, AppError> {
    super::respond(super::refused_form(ssr::import(data).await, "/staff/billing", "import", &[]))
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::*;
    use crate::{
        api::{context::db, customer_data::ssr::change_line, guard::acting_for},
        backend::{billing, customer_data},
        domain::{
            acting::Action,
            billing::{Cents, quantity_local, unit_price_local},
        },
    };

    fn summary(i: &billing::InvoiceHeader) -> InvoiceSummary {
        InvoiceSummary {
            id: i.id,
            number: i.number.clone(),
            service: i.service,
            period: i.period.local(),
            issued: i.issued.local(),
            due: i.due.local(),
            total: i.total.local(),
        }
    }

    pub async fn billing(before: Option<i32>) -> Result<BillingData, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let db = db()?;
        let (invoices, older) = billing::invoice_page(&db, &acting.now.organisation, before).await?;
        Ok(BillingData {
            organisation: acting.now.organisation.name.clone(),
            totals: billing::totals(&db, &acting.now.organisation)
                .await?
                .into_iter()
                .map(|(year, service, total)| TotalLine { year, service, total: total.local() })
                .collect(),
            invoices: invoices.iter().map(summary).collect(),
            older,
        })
    }

    pub async fn invoice(id: i32) -> Result<InvoiceView, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let db = db()?;
        let o = &acting.now.organisation;
        let found = billing::invoice(&db, o, id).await?;
        let history = customer_data::changes_of(&db, o.id, crate::domain::records::ChangeSubject::Invoice, id)
            .await?
            .into_iter()
            .map(change_line)
            .collect();
        Ok(InvoiceView {
            organisation: o.name.clone(),
            business_id: o.ytunnus.clone(),
            summary: summary(&found.header()),
            lines: found
                .invoice
                .lines
                .iter()
                .map(|l| LineView {
                    description: l.description.clone(),
                    quantity: quantity_local(l.quantity),
                    unit_price: unit_price_local(l.unit_price_e4),
                    amount: Cents::local(l.amount),
                })
                .collect(),
            history,
        })
    }

    pub async fn invoice_pdf(id: i32) -> Result<Vec<u8>, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let o = &acting.now.organisation;
        let found = billing::invoice(&db()?, o, id).await?;
        let pdf = billing::pdf(crate::i18n::request_lang(), o, &found)?;
        super::super::offer_download("application/pdf", &format!("kanta-invoice-{}.pdf", found.id));
        Ok(pdf)
    }

    pub async fn csv() -> Result<Vec<u8>, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let invoices = billing::invoices(&db()?, &acting.now.organisation).await?;
        let list: Vec<_> = invoices.into_iter().map(|s| s.invoice).collect();
        super::super::offer_download("text/csv; charset=utf-8", "kanta-invoices.csv");
        Ok(crate::domain::billing::export(&list).into_bytes())
    }

    pub async fn imports() -> Result<Vec<ImportLine>, AppError> {
        crate::api::guard::staff().await?;
        let lang = crate::i18n::request_lang();
        Ok(billing::imports(&db()?)
            .await?
            .into_iter()
            .map(|(i, who)| ImportLine {
                at: crate::backend::format_time(i.at, lang),
                who: who.unwrap_or_default(),
                file_name: i.file_name,
                file_hash: i.file_hash,
                rows: i.rows,
            })
            .collect())
    }

    /// Largest file accepted: far above a year's invoices, far below what would strain the server.
    const MAX_FILE: usize = 5 * 1024 * 1024;

    pub async fn import(data: MultipartData) -> Result<usize, AppError> {
        let staff = crate::api::guard::staff().await?;
        let mut data = data.into_inner().ok_or(AppError::Unavailable)?;
        let (mut name, mut bytes) = (String::new(), Vec::new());
        while let Ok(Some(mut field)) = data.next_field().await {
            if field.name() != Some("file") {
                continue;
            }
            name = field.file_name().unwrap_or("billing.csv").to_string();
            while let Ok(Some(chunk)) = field.chunk().await {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > MAX_FILE {
                    return Err(file_problem(crate::domain::validation::Problem::TooLong { max: MAX_FILE as u32 }));
                }
            }
        }
        if bytes.is_empty() {
            return Err(file_problem(crate::domain::validation::Problem::Required));
        }
        let count = billing::import(&db()?, staff.person_id, &name, &bytes).await?;
        leptos_axum::redirect(&format!("/staff/billing?imported={count}"));
        Ok(count)
    }

    fn file_problem(problem: crate::domain::validation::Problem) -> AppError {
        AppError::Invalid(vec![crate::domain::validation::FieldError::new("file", problem)])
    }
}
