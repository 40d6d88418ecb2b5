//! Pure rules of the product, compiled for the server and the browser alike; no IO here.
pub mod hetu;
pub mod oid;
pub mod support;
pub mod validation;
pub mod ytunnus;
