//! Fluent messages (embedded at build time from `locales/`), language negotiation and `t!`.
//!
//! The server decides the language once per request (cookie, else `Accept-Language`, else
//! Finnish) and writes it into `<html lang>`; the browser reads it back from there, so both
//! render the same text. The server formats with Fluent itself; the browser with the catalogue
//! compiled from the same files.
#[cfg(any(not(feature = "ssr"), test))]
mod catalogue;
#[cfg(feature = "ssr")]
mod fluent;

/// The browser's message catalogues: one script per language, which the page loads when its
/// first island or the idle warning needs it, and the browser keeps (the name carries a hash of
/// the content).
pub mod browser {
    /// The global the catalogue scripts fill: `{ "fi": "<catalogue as JSON>", "sv": ... }`.
    pub const GLOBAL: &str = "__kantaMessages";

    /// The global function that loads the page's catalogue script once and returns a promise of
    /// it (`app/src/hydration.js` sets it).
    pub const LOADER: &str = "__kantaLoadMessages";

    /// One language's catalogue script: where it is served and what it says.
    #[cfg(feature = "ssr")]
    pub struct Script {
        /// `/i18n/messages.<lang>.<16 hex digits of SHA-256>.js`
        pub path: String,
        pub body: String,
    }

    /// The catalogue script of `lang` for this build.
    #[cfg(feature = "ssr")]
    pub fn script(lang: super::Lang) -> &'static Script {
        use sha2::{Digest, Sha256};
        use std::sync::LazyLock;
        fn build(lang: super::Lang, json: &str) -> Script {
            // A JSON text is a valid JavaScript string literal once quoted as JSON.
            let quoted = serde_json::to_string(json).unwrap_or_else(|_| "\"{}\"".into());
            let body = format!("(globalThis.{GLOBAL} ??= {{}})[{:?}] = {quoted};\n", lang.code());
            let hash = hex::encode(&Sha256::digest(body.as_bytes())[..8]);
            Script { path: format!("/i18n/messages.{}.{hash}.js", lang.code()), body }
        }
        static FI: LazyLock<Script> =
            LazyLock::new(|| build(super::Lang::Fi, include_str!(concat!(env!("OUT_DIR"), "/catalogue_fi.json"))));
        static SV: LazyLock<Script> =
            LazyLock::new(|| build(super::Lang::Sv, include_str!(concat!(env!("OUT_DIR"), "/catalogue_sv.json"))));
        match lang {
            super::Lang::Fi => &FI,
            super::Lang::Sv => &SV,
        }
    }
}

use serde::{Deserialize, Serialize};

/// Name of the cookie that remembers the chosen language.
pub const LANG_COOKIE: &str = "kanta_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Fi,
    Sv,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fi, Lang::Sv];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fi => "fi",
            Lang::Sv => "sv",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "fi" => Some(Lang::Fi),
            "sv" => Some(Lang::Sv),
            _ => None,
        }
    }

    /// The language named in the cookie, else the best of `Accept-Language`, else Finnish.
    pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Lang {
        cookie.and_then(Lang::from_code).or_else(|| accept_language.and_then(best_accepted)).unwrap_or_default()
    }
}

/// Picks the supported language with the highest quality from an `Accept-Language` header.
fn best_accepted(header: &str) -> Option<Lang> {
    let mut best: Option<(Lang, f32)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q = parts.find_map(|p| p.trim().strip_prefix("q=")).map_or(Some(1.0), |q| q.trim().parse::<f32>().ok());
        let Some(q) = q.filter(|q| *q > 0.0) else { continue };
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        if let Some(lang) = Lang::from_code(primary)
            && best.is_none_or(|(_, bq)| q > bq)
        {
            best = Some((lang, q));
        }
    }
    best.map(|(lang, _)| lang)
}

/// The values of a message's variables: `t!("id", name = value)` builds one.
#[derive(Clone, Debug, Default)]
pub struct Args(Vec<(&'static str, Arg)>);

#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Text(String),
    Number(i64),
}

impl Args {
    pub fn new() -> Args {
        Args::default()
    }

    pub fn set(&mut self, name: &'static str, value: impl Into<Arg>) {
        self.0.push((name, value.into()));
    }

    pub fn get(&self, name: &str) -> Option<&Arg> {
        self.0.iter().rev().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = &(&'static str, Arg)> {
        self.0.iter()
    }
}

impl<V: Into<Arg>> FromIterator<(&'static str, V)> for Args {
    fn from_iter<I: IntoIterator<Item = (&'static str, V)>>(items: I) -> Args {
        Args(items.into_iter().map(|(name, value)| (name, value.into())).collect())
    }
}

impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_string())
    }
}

impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_args!(i32, i64, u32, u64, usize);

/// Loads the page's message catalogue into the browser if it has not been loaded yet: for code
/// that runs outside an island (which gets it before it hydrates).
#[cfg(feature = "hydrate")]
pub async fn fetch_catalogue() {
    catalogue::fetch().await
}

/// Whether a message with this id exists in the language.
pub fn has_message(lang: Lang, id: &str) -> bool {
    #[cfg(feature = "ssr")]
    return fluent::has_message(lang, id);
    #[cfg(not(feature = "ssr"))]
    catalogue::get(lang, id).is_some()
}

/// The text of message `id`; a missing id shows as the id itself (and the locale tests fail).
pub fn lookup(lang: Lang, id: &str, args: Option<&Args>) -> String {
    #[cfg(feature = "ssr")]
    return fluent::format(lang, id, args).unwrap_or_else(|| missing(lang, id));
    #[cfg(not(feature = "ssr"))]
    match catalogue::get(lang, id) {
        Some(parts) => {
            let mut text = String::new();
            catalogue::format(parts, args, &mut text);
            text
        }
        None => missing(lang, id),
    }
}

fn missing(lang: Lang, id: &str) -> String {
    log_problem(&format!("missing message {id} ({})", lang.code()));
    id.to_string()
}

fn log_problem(what: &str) {
    #[cfg(feature = "ssr")]
    tracing::warn!(target: "i18n", "{what}");
    #[cfg(not(feature = "ssr"))]
    leptos::logging::warn!("i18n: {what}");
}

/// The language of the page being rendered (in an island in the browser: the page's `<html lang>`).
pub fn use_lang() -> Lang {
    #[cfg(feature = "ssr")]
    return leptos::prelude::use_context::<Lang>().unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    leptos::prelude::use_context::<Lang>().unwrap_or_else(document_lang)
}

/// Provides the page language: from the request on the server, from `<html lang>` in the browser.
pub fn provide_lang() -> Lang {
    #[cfg(feature = "ssr")]
    let lang = request_lang();
    #[cfg(not(feature = "ssr"))]
    let lang = document_lang();
    leptos::prelude::provide_context(lang);
    lang
}

/// The language of the request being served (page or server function).
#[cfg(feature = "ssr")]
pub fn request_lang() -> Lang {
    leptos::prelude::use_context::<http::request::Parts>()
        .map(|parts| lang_of_request(&parts.headers))
        .unwrap_or_default()
}

#[cfg(not(feature = "ssr"))]
fn document_lang() -> Lang {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    Lang::default()
}

/// The language a request asks for: our cookie, else `Accept-Language`, else Finnish.
#[cfg(feature = "ssr")]
pub fn lang_of_request(headers: &http::HeaderMap) -> Lang {
    let cookie = crate::request::cookie(headers, LANG_COOKIE);
    let accept = headers.get(http::header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::negotiate(cookie, accept)
}

/// Marks a string literal as a message id, so the locale tests can check that it exists.
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $id
    };
}

/// Translates a message id in the current page language: `t!("id")` or `t!("id", name = value)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::i18n::lookup($crate::i18n::use_lang(), $id, None)
    };
    ($id:literal, $($key:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::Args::new();
        $( args.set(stringify!($key), $value); )+
        $crate::i18n::lookup($crate::i18n::use_lang(), $id, Some(&args))
    }};
}

/// Like `t!`, for a message id chosen at run time (from `msg!` ids of a type).
pub fn tr(id: &str) -> String {
    lookup(use_lang(), id, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_over_accept_language() {
        assert_eq!(Lang::negotiate(Some("sv"), Some("fi-FI,fi;q=0.9")), Lang::Sv);
        assert_eq!(Lang::negotiate(Some("fi"), Some("sv")), Lang::Fi);
    }

    #[test]
    fn unknown_cookie_falls_back_to_accept_language() {
        assert_eq!(Lang::negotiate(Some("de"), Some("sv-FI")), Lang::Sv);
    }

    #[test]
    fn accept_language_takes_the_highest_supported_quality() {
        assert_eq!(Lang::negotiate(None, Some("en-GB,en;q=0.9,fi;q=0.5,sv;q=0.8")), Lang::Sv);
        assert_eq!(Lang::negotiate(None, Some("sv;q=0.2, fi-FI;q=0.7")), Lang::Fi);
        assert_eq!(Lang::negotiate(None, Some("sv;q=0, de")), Lang::Fi);
    }

    #[test]
    fn finnish_when_nothing_matches() {
        assert_eq!(Lang::negotiate(None, None), Lang::Fi);
        assert_eq!(Lang::negotiate(None, Some("en-US,de;q=0.5")), Lang::Fi);
        assert_eq!(Lang::negotiate(None, Some("garbage;;q=x")), Lang::Fi);
    }

    #[test]
    fn arguments_are_formatted_without_isolation_marks() {
        let mut args = Args::new();
        args.set("min", 10);
        let text = lookup(Lang::Sv, "validation-too-short", Some(&args));
        assert!(text.contains("10"), "{text}");
        assert!(!text.contains('\u{2068}'), "{text:?}");
    }

    /// The browser's catalogue formats every message exactly as Fluent does on the server, with
    /// text and with numbers (0, 1, 2, 5: both plural forms) for each variable. Read from the very
    /// script the browser gets.
    #[test]
    #[cfg(feature = "ssr")]
    fn the_browser_catalogue_formats_like_fluent() {
        let mut checked = 0;
        for lang in Lang::ALL {
            let body = &browser::script(lang).body;
            let start = body.find(" = ").expect("an assignment") + 3;
            let json: String = serde_json::from_str(body[start..].trim_end().trim_end_matches(';')).expect("a string");
            let catalogue = catalogue::parse(&json).expect("the catalogue parses");
            assert!(catalogue.contains_key("wizard-back") && catalogue.contains_key("validation-required"));
            for (id, parts) in &catalogue {
                let vars = fluent::variables(lang, id);
                let mut cases = vec![None];
                let mut text = Args::new();
                for v in &vars {
                    text.set(v, format!("«{v}»"));
                }
                cases.push(Some(text));
                for n in [0, 1, 2, 5] {
                    let mut numbers = Args::new();
                    for v in &vars {
                        numbers.set(v, n);
                    }
                    cases.push(Some(numbers));
                }
                for args in &cases {
                    let mut ours = String::new();
                    catalogue::format(parts, args.as_ref(), &mut ours);
                    let theirs = fluent::format(lang, id, args.as_ref()).unwrap();
                    assert_eq!(ours, theirs, "{id} ({lang:?}) with {args:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 400, "only {checked} formattings compared");
    }
}
