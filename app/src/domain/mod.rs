//! Pure rules of the product, compiled for the server and the browser alike; no IO here.
pub mod hetu;
pub mod support;
pub mod ytunnus;
pub mod validation;
