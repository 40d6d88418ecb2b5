//! `coded_enum!`: a closed set of values, each with a stable code (URLs, forms, storage) and the
//! message id of its name. Gives `ALL`, `code`, `from_code` and `message_id`, so the code and the
//! text of a value are written once, side by side. Values whose words only server-rendered pages
//! show are written `Variant = "code"`: their text lives with those pages, and the browser's
//! code names no message it does not have.
macro_rules! coded_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        pub enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                $name::ALL.into_iter().find(|v| v.code() == code)
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = ($code:literal, $msg:expr) ),+ $(,)?
        }
    ) => {
        coded_enum! {
            $(#[$meta])*
            pub enum $name {
                $( $(#[$vmeta])* $variant = $code ),+
            }
        }

        impl $name {
            pub fn message_id(self) -> &'static str {
                match self {
                    $( $name::$variant => $msg ),+
                }
            }
        }
    };
}
