//! Fluent on the server: one bundle per language from the embedded `.ftl` sources.
use super::{Arg, Args, Lang, log_problem};
use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use std::sync::LazyLock;

mod files {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

type Bundle = FluentBundle<FluentResource>;

fn sources(lang: Lang) -> &'static [(&'static str, &'static str)] {
    match lang {
        Lang::Fi => files::FI,
        Lang::Sv => files::SV,
    }
}

fn build_bundle(lang: Lang) -> Bundle {
    let langid = lang.code().parse().expect("static language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // Isolation marks around arguments would leak into visible text and tests.
    bundle.set_use_isolating(false);
    for (name, source) in sources(lang) {
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

pub fn has_message(lang: Lang, id: &str) -> bool {
    bundle(lang).has_message(id)
}

/// The formatted message, or `None` if the language has no message `id`.
pub fn format(lang: Lang, id: &str, args: Option<&Args>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id).and_then(|m| m.value())?;
    let args = args.map(|args| {
        let mut fluent = FluentArgs::new();
        for (name, value) in args.iter() {
            match value {
                Arg::Text(text) => fluent.set(*name, FluentValue::from(text.clone())),
                Arg::Number(n) => fluent.set(*name, FluentValue::from(*n)),
            }
        }
        fluent
    });
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args.as_ref(), &mut errors).into_owned();
    if !errors.is_empty() {
        log_problem(&format!("message {id} ({}): {errors:?}", lang.code()));
    }
    Some(text)
}

/// The variables message `id` uses anywhere in its value (selects included), for tests.
#[cfg(test)]
pub fn variables(lang: Lang, id: &str) -> Vec<&'static str> {
    let mut found = Vec::new();
    for (_, source) in sources(lang) {
        let resource = fluent_syntax::parser::parse(*source).unwrap_or_else(|(r, _)| r);
        for entry in resource.body {
            if let fluent_syntax::ast::Entry::Message(m) = entry
                && m.id.name == id
                && let Some(value) = m.value
            {
                collect(&value, &mut found);
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
fn collect(pattern: &fluent_syntax::ast::Pattern<&'static str>, found: &mut Vec<&'static str>) {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => found.push(id.name),
                Expression::Select { selector, variants } => {
                    if let InlineExpression::VariableReference { id } = selector {
                        found.push(id.name);
                    }
                    for v in variants {
                        collect(&v.value, found);
                    }
                }
                _ => {}
            }
        }
    }
}
