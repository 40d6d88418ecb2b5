//! The messages as the browser has them: parsed from the `.ftl` files at build time into plain
//! patterns (`catalogue_<lang>.json`, see `build.rs`), and formatted here with Fluent's rules for
//! what the files use (text, variables, selects on a variable by name), so the browser carries no
//! Fluent parser. A test formats every message both ways and compares.
//!
//! The WASM holds no text: the page loads its language's catalogue as a script of its own
//! ([`super::browser`]), which the browser keeps, and the first message asked for reads it.
#[cfg(not(feature = "ssr"))]
use super::Lang;
use super::{Arg, Args};
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum Part {
    Text(String),
    Var {
        var: String,
    },
    /// Selector variable, variants by key, index of the default variant.
    Select {
        select: String,
        variants: Vec<(String, Vec<Part>)>,
        default: usize,
    },
}

/// Message id → pattern.
pub type Catalogue = HashMap<String, Vec<Part>>;

/// Reads a catalogue in the shape `build.rs` writes.
pub fn parse(json: &str) -> Result<Catalogue, serde_json::Error> {
    serde_json::from_str(json)
}

/// The page's catalogue in `lang`, read once from the global the catalogue script set
/// (`__kantaMessages[lang]`, a JSON string). Empty (every message shows its id, and a warning is
/// logged) when the script did not load.
#[cfg(not(feature = "ssr"))]
fn loaded(lang: Lang) -> &'static Catalogue {
    use std::sync::OnceLock;
    static FI: OnceLock<Catalogue> = OnceLock::new();
    static SV: OnceLock<Catalogue> = OnceLock::new();
    let cell = match lang {
        Lang::Fi => &FI,
        Lang::Sv => &SV,
    };
    cell.get_or_init(|| {
        let json = read_global(lang);
        match json.as_deref().map(parse) {
            Some(Ok(catalogue)) => catalogue,
            _ => {
                super::log_problem(&format!("no message catalogue for {}", lang.code()));
                Catalogue::new()
            }
        }
    })
}

#[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
fn read_global(lang: Lang) -> Option<String> {
    let all = js_sys::Reflect::get(&js_sys::global(), &super::browser::GLOBAL.into()).ok()?;
    js_sys::Reflect::get(&all, &lang.code().into()).ok()?.as_string()
}

/// Loads the page's catalogue script, if not yet loaded (islands get it before they hydrate).
#[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
pub async fn fetch() {
    use wasm_bindgen::JsCast;
    let loader = js_sys::Reflect::get(&js_sys::global(), &super::browser::LOADER.into());
    if let Some(promise) = loader
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call0(&wasm_bindgen::JsValue::NULL).ok())
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

#[cfg(all(not(feature = "ssr"), not(feature = "hydrate")))]
fn read_global(_lang: Lang) -> Option<String> {
    None
}

#[cfg(not(feature = "ssr"))]
pub fn get(lang: Lang, id: &str) -> Option<&'static [Part]> {
    loaded(lang).get(id).map(Vec::as_slice)
}

pub fn format(parts: &[Part], args: Option<&Args>, out: &mut String) {
    let arg = |name: &str| args.and_then(|a| a.get(name));
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Var { var } => match arg(var) {
                Some(Arg::Text(text)) => out.push_str(text),
                Some(Arg::Number(n)) => out.push_str(&n.to_string()),
                None => out.push_str(&format!("{{${var}}}")),
            },
            Part::Select { select, variants, default } => {
                let value = arg(select);
                let chosen = variants.iter().find(|(key, _)| matches(key, value)).or(variants.get(*default));
                if let Some((_, parts)) = chosen {
                    format(parts, args, out);
                }
            }
        }
    }
}

/// Fluent's variant matching: equal text, or a number's plural category. Finnish and Swedish have
/// the same cardinal rule: "one" for exactly 1, else "other". (Numeric keys such as `[0]` are
/// refused when the catalogue is built.)
fn matches(key: &str, value: Option<&Arg>) -> bool {
    match value {
        Some(Arg::Text(text)) => key == text,
        Some(Arg::Number(n)) => key == if *n == 1 { "one" } else { "other" },
        None => false,
    }
}
