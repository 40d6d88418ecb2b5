//! Embeds every `locales/<lang>/*.ftl` file, so adding a file needs no code change.
//!
//! - `locales.rs`: the sources, for Fluent on the server.
//! - `catalogue.rs`: the same messages parsed here, at build time, into static patterns for the
//!   browser, which then needs no Fluent parser. The browser build (islands only) leaves out files
//!   marked as used by server-rendered pages only.
use fluent_syntax::{ast, parser};
use std::{env, fs, path::Path};

/// The first line of a file whose messages only server-rendered pages use.
const SERVER_ONLY: &str = "### Server-rendered pages only:";

fn main() {
    let browser = env::var_os("CARGO_FEATURE_HYDRATE").is_some() && env::var_os("CARGO_FEATURE_SSR").is_none();
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut sources = String::new();
    let mut catalogue = String::new();
    for lang in ["fi", "sv"] {
        let dir = locales.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        let name = lang.to_uppercase();
        sources.push_str(&format!("pub const {name}: &[(&str, &str)] = &[\n"));
        let mut messages = Vec::new();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let file = f.file_name().unwrap().to_string_lossy().into_owned();
            let path = f.canonicalize().unwrap();
            sources.push_str(&format!("    ({file:?}, include_str!({:?})),\n", path.display().to_string()));
            let source = fs::read_to_string(&f).unwrap();
            if browser && source.starts_with(SERVER_ONLY) {
                continue;
            }
            // Syntax errors are the locale tests' to report; what parses is used.
            let resource = parser::parse(source.as_str()).unwrap_or_else(|(resource, _)| resource);
            for entry in resource.body {
                if let ast::Entry::Message(m) = entry
                    && let Some(value) = &m.value
                {
                    let context = format!("{file} ({lang}): {}", m.id.name);
                    messages.push((m.id.name.to_string(), pattern(value, &context)));
                }
            }
        }
        sources.push_str("];\n");
        messages.sort();
        catalogue.push_str(&format!("pub static {name}: &[(&str, &[Part])] = &[\n"));
        for (id, parts) in messages {
            catalogue.push_str(&format!("    ({id:?}, {parts}),\n"));
        }
        catalogue.push_str("];\n");
    }
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    fs::write(out.join("locales.rs"), sources).unwrap();
    fs::write(out.join("catalogue.rs"), catalogue).unwrap();
}

/// A pattern as Rust source: `&[Part::Text(..), Part::Var(..), Part::Select(..)]`.
fn pattern(pattern: &ast::Pattern<&str>, context: &str) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                match expression {
                    ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => text.push_str(value),
                    ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                        flush(&mut text, &mut parts);
                        parts.push(format!("Part::Var({:?})", id.name));
                    }
                    ast::Expression::Select { selector: ast::InlineExpression::VariableReference { id }, variants } => {
                        flush(&mut text, &mut parts);
                        let default = variants.iter().position(|v| v.default).unwrap_or(0);
                        let variants: Vec<String> = variants
                        .iter()
                        .map(|v| {
                            let ast::VariantKey::Identifier { name: key } = &v.key else {
                                panic!("{context}: the browser's catalogue has named variant keys only ([one], not [1])");
                            };
                            format!("({key:?}, {})", self::pattern(&v.value, context))
                        })
                        .collect();
                        parts.push(format!("Part::Select({:?}, &[{}], {default})", id.name, variants.join(", ")));
                    }
                    other => panic!(
                        "{context}: the browser's catalogue does not support {other:?}; use text, variables and selects on a variable"
                    ),
                }
            }
        }
    }
    flush(&mut text, &mut parts);
    format!("&[{}]", parts.join(", "))
}

fn flush(text: &mut String, parts: &mut Vec<String>) {
    if !text.is_empty() {
        parts.push(format!("Part::Text({text:?})"));
        text.clear();
    }
}
