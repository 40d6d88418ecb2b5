//! Invoices: imported by Kanta's staff from a CSV file (all of it or nothing), read by the
//! organisations billed. `upload` decodes, checks and writes an imported file; `stored` reads
//! invoices back; `invoice_pdf` prints one.
mod invoice_pdf;
mod stored;
mod upload;

use crate::domain::{
    billing::{Cents, ImportedInvoice, Period},
    services::KantaService,
    validation::Date,
};
pub use invoice_pdf::pdf;
pub use stored::{imports, invoice, invoice_page, invoices, totals};
pub use upload::{FILE_NAME_MAX, decode, import};

/// An invoice as stored, read back into the domain's shape.
pub struct StoredInvoice {
    pub id: i32,
    pub invoice: ImportedInvoice,
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
