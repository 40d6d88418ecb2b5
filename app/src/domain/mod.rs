//! Pure rules of the product, compiled for the server and the browser alike; no IO here.
pub mod support;
pub mod validation;
