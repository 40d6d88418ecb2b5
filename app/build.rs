//! Embeds every `locales/<lang>/*.ftl` file, so adding a file needs no code change.
//!
//! - `locales.rs`: the sources, for Fluent on the server.
//! - `catalogue_<lang>.json`: the messages the browser uses, parsed here at build time into plain
//!   patterns, so the browser needs no Fluent parser. Files marked as used by server-rendered pages
//!   only are left out. The server sends the page's language as a script of its own (see
//!   `i18n::browser`), so the WASM carries no text.
use fluent_syntax::{ast, parser};
use serde_json::{Value, json};
use std::{env, fs, path::Path};

/// The first line of a file whose messages only server-rendered pages use.
const SERVER_ONLY: &str = "### Server-rendered pages only:";

fn main() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let out = Path::new(&env::var("OUT_DIR").unwrap()).to_path_buf();
    let mut sources = String::new();
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
        let mut catalogue = serde_json::Map::new();
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            let file = f.file_name().unwrap().to_string_lossy().into_owned();
            let path = f.canonicalize().unwrap();
            sources.push_str(&format!("    ({file:?}, include_str!({:?})),\n", path.display().to_string()));
            let source = fs::read_to_string(&f).unwrap();
            if source.starts_with(SERVER_ONLY) {
                continue;
            }
            // Syntax errors are the locale tests' to report; what parses is used.
            let resource = parser::parse(source.as_str()).unwrap_or_else(|(resource, _)| resource);
            for entry in resource.body {
                if let ast::Entry::Message(m) = entry
                    && let Some(value) = &m.value
                {
                    let context = format!("{file} ({lang}): {}", m.id.name);
                    catalogue.insert(m.id.name.to_string(), pattern(value, &context));
                }
            }
        }
        sources.push_str("];\n");
        let json = serde_json::to_string(&Value::Object(catalogue)).unwrap();
        fs::write(out.join(format!("catalogue_{lang}.json")), json).unwrap();
    }
    fs::write(out.join("locales.rs"), sources).unwrap();
}

/// A pattern as JSON: an array of parts, each a text (string), a variable (`{"var": name}`) or a
/// select on a variable (`{"select": name, "variants": [[key, parts], ...], "default": index}`).
fn pattern(pattern: &ast::Pattern<&str>, context: &str) -> Value {
    let mut parts: Vec<Value> = Vec::new();
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                match expression {
                    ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }) => text.push_str(value),
                    ast::Expression::Inline(ast::InlineExpression::VariableReference { id }) => {
                        flush(&mut text, &mut parts);
                        parts.push(json!({ "var": id.name }));
                    }
                    ast::Expression::Select { selector: ast::InlineExpression::VariableReference { id }, variants } => {
                        flush(&mut text, &mut parts);
                        let default = variants.iter().position(|v| v.default).unwrap_or(0);
                        let variants: Vec<Value> = variants
                        .iter()
                        .map(|v| {
                            let ast::VariantKey::Identifier { name: key } = &v.key else {
                                panic!("{context}: the browser's catalogue has named variant keys only ([one], not [1])");
                            };
                            json!([key, self::pattern(&v.value, context)])
                        })
                        .collect();
                        parts.push(json!({ "select": id.name, "variants": variants, "default": default }));
                    }
                    other => panic!(
                        "{context}: the browser's catalogue does not support {other:?}; use text, variables and selects on a variable"
                    ),
                }
            }
        }
    }
    flush(&mut text, &mut parts);
    Value::Array(parts)
}

fn flush(text: &mut String, parts: &mut Vec<Value>) {
    if !text.is_empty() {
        parts.push(Value::String(std::mem::take(text)));
    }
}
