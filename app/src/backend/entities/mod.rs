pub mod acting;
pub mod audit_event;
pub mod login_attempt;
pub mod mandate_selection;
pub mod organisation;
pub mod person;
pub mod session;
pub mod support_request;
