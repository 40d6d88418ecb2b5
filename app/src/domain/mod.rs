//! Pure rules of the product, compiled for the server and the browser alike; no IO here but the
//! clock (`calendar::today`).

/// String conversions (and so serde, via `try_from`/`into`) for a type with `parse(&str)` and
/// `Display`, so text becomes the type only through its parser.
macro_rules! parsed_from_text {
    ($ty:ty, $err:ty) => {
        impl std::str::FromStr for $ty {
            type Err = $err;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                <$ty>::parse(text)
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $err;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                <$ty>::parse(&text)
            }
        }

        impl From<$ty> for String {
            fn from(value: $ty) -> Self {
                value.to_string()
            }
        }
    };
}

pub mod acting;
pub mod application;
pub mod assurance;
pub mod billing;
pub mod calendar;
pub mod contacts;
pub mod freshness;
pub mod hetu;
pub mod local_path;
pub mod oid;
pub mod records;
pub mod services;
pub mod support;
pub mod technical;
pub mod validation;
pub mod ytunnus;
