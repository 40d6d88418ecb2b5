//! The server's integration tests, one binary (linked once): a module per area, sharing
//! `common` (a real router over a fresh SQLite file or PostgreSQL database, a cookie-keeping
//! browser, application journeys).
#[macro_use]
mod common;

mod acting;
mod applications;
mod architecture;
mod concurrency;
mod crash;
mod customer_data;
mod database_outage;
mod guides;
mod http;
mod instances;
mod limits;
mod login;
mod logs;
mod mail;
mod process;
mod schema;
