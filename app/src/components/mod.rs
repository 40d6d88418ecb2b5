//! Building blocks shared by pages.
pub mod answered;
pub mod form;
pub mod language_switch;
pub mod layout;
pub mod pager;
pub mod posted;
pub mod records;
pub mod session;
pub mod support_form;
pub mod table;
pub mod title;
