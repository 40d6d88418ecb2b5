pub mod support_request;
