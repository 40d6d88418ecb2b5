//! An invoice printed as a PDF/A-3a document, for the organisation billed.
use super::StoredInvoice;
use crate::{
    backend::entities::organisation,
    domain::billing::{quantity_local, unit_price_local},
    error::AppError,
    i18n::{Args, Lang, lookup},
};
use chrono::Utc;

/// The invoice as a PDF/A-3a document (`backend::document`) in `lang`: who bills whom, the
/// service, period and dates, then its lines as a table (description, quantity, unit price,
/// amount in euros) closed by the total.
pub fn pdf(lang: Lang, organisation: &organisation::Model, stored: &StoredInvoice) -> Result<Vec<u8>, AppError> {
    use crate::backend::document::{Block, Contents};
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
    crate::backend::document::pdf(Contents {
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
