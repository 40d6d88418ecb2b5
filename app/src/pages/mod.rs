//! One module per route.
pub mod accessibility;
pub mod account;
pub mod applications;
pub mod billing;
pub mod customer_data;
pub mod guide;
pub mod home;
pub mod joint;
pub mod login;
pub mod materials;
pub mod not_found;
pub mod notices;
pub mod organisation;
pub mod organisations;
pub mod staff;
pub mod support_desk;
pub mod terms;
