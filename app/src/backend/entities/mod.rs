pub mod audit_event;
pub mod login_attempt;
pub mod person;
pub mod session;
pub mod support_request;
