//! Server functions: the only door from the browser to data. Thin: parse, check, call the backend.
pub mod support;
