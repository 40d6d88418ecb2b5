//! Building blocks shared by pages.
pub mod form;
pub mod language_switch;
pub mod layout;
pub mod pager;
pub mod posted;
pub mod session;
pub mod support_form;
