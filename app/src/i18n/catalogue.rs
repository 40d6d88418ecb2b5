//! The messages as the browser has them: parsed from the `.ftl` files at build time into static
//! patterns, and formatted here with Fluent's rules for what the files use (text, variables,
//! selects on a variable by name), so the browser carries no Fluent parser. A test formats every message
//! both ways and compares.
use super::{Arg, Args, Lang};

pub enum Part {
    Text(&'static str),
    Var(&'static str),
    /// Selector variable, variants by key, index of the default variant.
    Select(&'static str, &'static [(&'static str, &'static [Part])], usize),
}

mod messages {
    use super::Part;
    include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));
}

fn messages(lang: Lang) -> &'static [(&'static str, &'static [Part])] {
    match lang {
        Lang::Fi => messages::FI,
        Lang::Sv => messages::SV,
    }
}

pub fn get(lang: Lang, id: &str) -> Option<&'static [Part]> {
    let all = messages(lang);
    all.binary_search_by(|(key, _)| (*key).cmp(id)).ok().map(|i| all[i].1)
}

pub fn format(parts: &[Part], args: Option<&Args>, out: &mut String) {
    let arg = |name: &str| args.and_then(|a| a.get(name));
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Var(name) => match arg(name) {
                Some(Arg::Text(text)) => out.push_str(text),
                Some(Arg::Number(n)) => out.push_str(&n.to_string()),
                None => out.push_str(&format!("{{${name}}}")),
            },
            Part::Select(name, variants, default) => {
                let value = arg(name);
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
