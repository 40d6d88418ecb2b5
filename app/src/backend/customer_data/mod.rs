//! Keeping an organisation's customer data current: contacts and technical items (ended, never
//! deleted), confirming the data, and the change log every change writes in its transaction.
//! Technical changes also leave a notice for Kanta's staff.
mod changes;
mod confirm;
mod contacts;
mod notices;
mod take_over;
mod technical;

use crate::domain::services::KantaService;
pub use changes::{LoggedChange, changes_of, item_changes, log};
pub use confirm::{attention, attention_for, confirm, confirmations, confirmed_since, latest_confirmation};
pub use contacts::{add_contact, change_contact, contact_gaps, contacts, end_contact, services_of};
pub use notices::{OpenNotice, handle_notice, open_notices};
pub use take_over::take_over;
pub use technical::{add_technical, check_unit, end_technical, technical, technical_services, technical_services_of};

/// One changed field: its name, the value before and after (empty when none).
pub type Change = (String, String, String);

fn services_json(services: &[KantaService]) -> String {
    serde_json::to_string(&services.iter().map(|s| s.code()).collect::<Vec<_>>()).unwrap_or_else(|_| "[]".into())
}

fn services_text(services: &[KantaService]) -> String {
    services.iter().map(|s| s.code()).collect::<Vec<_>>().join(",")
}
