//! Building blocks shared by pages.
pub mod answered;
pub mod application;
pub mod form;
pub mod history;
pub mod language_switch;
pub mod layout;
pub mod pager;
pub mod posted;
pub mod records;
pub mod route;
pub mod session;
pub mod support_form;
pub mod table;
pub mod title;
pub mod wizard;
