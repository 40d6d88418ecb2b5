//! The `.ftl` files parse, both languages have the same messages with the same variables,
//! and every message id the Rust code names (`t!("…")`, `msg!("…")`) exists.
use fluent_syntax::{ast, parser};
use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::{Path, PathBuf},
};

const LANGS: [&str; 2] = ["fi", "sv"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Message id → the variables its value uses, for every `.ftl` file of a language.
fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let dir = root().join("locales").join(lang);
    let mut all = BTreeMap::new();
    let mut files: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    assert!(!files.is_empty(), "no .ftl files in {}", dir.display());
    for file in files.into_iter().filter(|f| f.extension().is_some_and(|e| e == "ftl")) {
        let source = fs::read_to_string(&file).unwrap();
        let resource = parser::parse(source.as_str())
            .unwrap_or_else(|(_, errors)| panic!("syntax error in {}: {errors:#?}", file.display()));
        for entry in resource.body {
            match entry {
                ast::Entry::Message(m) => {
                    let id = m.id.name.to_string();
                    assert!(m.value.is_some(), "{id} in {} has no value", file.display());
                    let vars = m.value.as_ref().map(variables).unwrap_or_default();
                    assert!(all.insert(id.clone(), vars).is_none(), "{id} defined twice in {lang}");
                }
                ast::Entry::Junk { content } => panic!("unparsable text in {}: {content}", file.display()),
                _ => {}
            }
        }
    }
    all
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    pattern
        .elements
        .iter()
        .filter_map(|element| match element {
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::VariableReference { id }),
            } => Some(id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[test]
fn every_message_exists_in_both_languages_with_the_same_variables() {
    let [fi, sv] = LANGS.map(messages);
    let only_fi: Vec<_> = fi.keys().filter(|k| !sv.contains_key(*k)).collect();
    let only_sv: Vec<_> = sv.keys().filter(|k| !fi.contains_key(*k)).collect();
    assert!(only_fi.is_empty() && only_sv.is_empty(), "only in Finnish: {only_fi:?}; only in Swedish: {only_sv:?}");
    for (id, vars) in &fi {
        assert_eq!(vars, &sv[id], "message {id} uses different variables in fi and sv");
    }
}

/// Every Rust source of the app and server, with its path relative to the workspace.
fn rust_sources() -> Vec<(String, String)> {
    let mut sources = Vec::new();
    let mut stack = vec![root().join("app/src"), root().join("server/src")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let name = path.strip_prefix(root()).unwrap().display().to_string();
                sources.push((name, fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(sources.len() > 10, "found only {} sources: is the scan looking in the right place?", sources.len());
    sources
}

/// Every literal id inside `t!(` or `msg!(` in the app's sources, with the file naming it.
fn referenced_ids() -> BTreeSet<(String, String)> {
    let mut ids = BTreeSet::new();
    for (path, source) in rust_sources() {
        for marker in ["t!(\"", "msg!(\""] {
            for (at, _) in source.match_indices(marker) {
                // `format!("` ends in `t!("` too: only the macro itself counts.
                if source[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                // Comments (the macros' own docs) name example ids.
                let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
                if source[line_start..at].trim_start().starts_with("//") {
                    continue;
                }
                let rest = &source[at + marker.len()..];
                let id = &rest[..rest.find('"').unwrap()];
                ids.insert((id.to_string(), path.clone()));
            }
        }
    }
    ids
}

#[test]
fn every_id_the_code_names_exists() {
    let referenced = referenced_ids();
    assert!(
        referenced.len() > 50,
        "the scan found only {} ids: is it still looking in the right place?",
        referenced.len()
    );
    for lang in LANGS {
        let known = messages(lang);
        let missing: Vec<_> = referenced.iter().filter(|(id, _)| !known.contains_key(id)).collect();
        assert!(missing.is_empty(), "ids used in code but missing in {lang}: {missing:?}");
    }
}

#[test]
fn runtime_bundles_hold_every_message() {
    for lang in app::i18n::Lang::ALL {
        for id in messages(lang.code()).keys() {
            assert!(app::i18n::has_message(lang, id), "{id} not loaded for {lang:?}");
        }
    }
}

/// Files marked (first line) as used by server-rendered pages only: the browser's WASM leaves them out.
fn server_only_ids() -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    for lang in LANGS {
        for entry in fs::read_dir(root().join("locales").join(lang)).unwrap() {
            let path = entry.unwrap().path();
            let source = fs::read_to_string(&path).unwrap();
            if !source.starts_with("### Server-rendered pages only:") {
                continue;
            }
            let resource = parser::parse(source.as_str()).unwrap();
            for entry in resource.body {
                if let ast::Entry::Message(m) = entry {
                    ids.insert(m.id.name.to_string(), path.display().to_string());
                }
            }
        }
    }
    ids
}

/// Code that can run in an island names no message the browser does not have: the islands
/// themselves, and what they use (form parts, wizards, the domain, errors, server function types).
#[test]
fn islands_name_only_messages_the_browser_has() {
    let server_only = server_only_ids();
    assert!(!server_only.is_empty(), "no server-only files found: is the marker still the same?");
    let in_browser = |path: &str, source: &str| {
        source.contains("#[island")
            || source.contains("#[lazy]")
            || ["app/src/wizard/", "app/src/domain/", "app/src/api/", "app/src/components/form.rs", "app/src/error.rs"]
                .iter()
                .any(|p| path.starts_with(p))
    };
    let browser_files: BTreeSet<String> =
        rust_sources().into_iter().filter(|(path, source)| in_browser(path, source)).map(|(path, _)| path).collect();
    let wrong: Vec<_> = referenced_ids()
        .into_iter()
        .filter(|(id, path)| browser_files.contains(path) && server_only.contains_key(id))
        .map(|(id, path)| format!("{path} names {id} from {}", server_only[&id]))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Text written straight into a `view!` (`<p>"Hello"</p>`) would reach users untranslated.
#[test]
fn views_hold_no_literal_text() {
    let mut found = Vec::new();
    // Only the app has views; the sandbox's HTML templates are checked by reading them.
    for (path, source) in rust_sources().into_iter().filter(|(path, _)| path.starts_with("app/")) {
        for (n, line) in source.lines().enumerate() {
            // A child text node: `>` then a string literal containing a letter.
            let mut rest = line;
            while let Some(at) = rest.find(">\"") {
                let literal = &rest[at + 2..];
                let text = &literal[..literal.find('"').unwrap_or(literal.len())];
                if text.chars().any(char::is_alphabetic) {
                    found.push(format!("{path}:{}: {text:?}", n + 1));
                }
                rest = &literal[text.len().min(literal.len())..];
            }
        }
    }
    assert!(found.is_empty(), "literal text in views (put it in locales/): {found:#?}");
}
