//! Fluent messages (embedded at build time from `locales/`), language negotiation and `t!`.
//!
//! The server decides the language once per request (cookie, else `Accept-Language`, else
//! Finnish) and writes it into `<html lang>`; the browser reads it back from there, so both
//! render with the same bundle.
use fluent_bundle::{FluentArgs, FluentResource, concurrent::FluentBundle};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

mod files {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

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

    pub fn sources(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Lang::Fi => files::FI,
            Lang::Sv => files::SV,
        }
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

type Bundle = FluentBundle<FluentResource>;

fn build_bundle(lang: Lang) -> Bundle {
    let langid = lang.code().parse().expect("static language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks around arguments would leak into visible text and tests.
    bundle.set_use_isolating(false);
    for (name, source) in lang.sources() {
        // Syntax errors and duplicate ids are caught by the locale tests; the parsed part still works.
        let resource = FluentResource::try_new(source.to_string()).unwrap_or_else(|(res, _)| res);
        if let Err(errors) = bundle.add_resource(resource) {
            log_problem(&format!("{name} ({}): {errors:?}", lang.code()));
        }
    }
    bundle
}

static BUNDLES: LazyLock<[Bundle; 2]> = LazyLock::new(|| [build_bundle(Lang::Fi), build_bundle(Lang::Sv)]);

fn bundle(lang: Lang) -> &'static Bundle {
    &BUNDLES[lang as usize]
}

/// Whether a message with this id exists in the language.
pub fn has_message(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// The text of message `id`; a missing id shows as the id itself (and the locale tests fail).
pub fn lookup(lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        log_problem(&format!("missing message {id} ({})", lang.code()));
        return id.to_string();
    };
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors).into_owned();
    if !errors.is_empty() {
        log_problem(&format!("message {id} ({}): {errors:?}", lang.code()));
    }
    text
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
    let cookie = crate::backend::cookie(headers, LANG_COOKIE);
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
        let mut args = fluent_bundle::FluentArgs::new();
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
        let mut args = FluentArgs::new();
        args.set("min", 10);
        let text = lookup(Lang::Sv, "validation-too-short", Some(&args));
        assert!(text.contains("10"), "{text}");
        assert!(!text.contains('\u{2068}'), "{text:?}");
    }
}
