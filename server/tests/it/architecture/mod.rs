//! The dependency rules of `docs/ARCHITECTURE.md`, checked over the source of `app` and `server`.
//!
//! Each `crate::…`, `super::…` and `self::…` path in a module (in `use` lines and in code; comments
//! and strings are not tokens) is an edge from that module to what the path names, re-exports
//! followed. Edges count between siblings: `backend::mail` naming
//! `backend::application_store::Application` is an edge `mail → application_store` inside
//! `backend`, and `api::guard` naming `backend::acting` an edge `api → backend` at the top. A parent using its children, or a child its parent, is not one.
//! Among the siblings of each module there must be no cycle, and each crate's top-level modules
//! use only their own layer and those below (`layers::LAYERS`). A `#[cfg(test)]` module's paths
//! count as its file's. Also here: functions and files stay small (`sizes`).
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod cycles;
mod layers;
mod sizes;

type ModPath = Vec<String>;

/// One module's text as tokens, where it lives, and what its `use` lines name.
struct Module {
    file: PathBuf,
    tokens: TokenStream,
    imports: BTreeMap<String, ModPath>,
}

/// Where a path was found: for the message.
#[derive(Clone)]
struct Place {
    file: PathBuf,
    line: usize,
}

struct Crate {
    name: &'static str,
    modules: BTreeMap<ModPath, Module>,
}

impl Crate {
    fn read(name: &'static str, root: &Path) -> Crate {
        let mut modules = BTreeMap::new();
        read_file(&root.join("lib.rs"), Vec::new(), &mut modules);
        let mut krate = Crate { name, modules };
        let paths: BTreeSet<ModPath> = krate.modules.keys().cloned().collect();
        for path in &paths {
            let imports = imports(path, &krate.modules[path].tokens, &paths);
            krate.modules.get_mut(path).unwrap().imports = imports;
        }
        krate
    }

    /// `target` with re-exports followed to where the item is defined, as far as modules go.
    fn resolve(&self, mut target: ModPath) -> ModPath {
        for _ in 0..8 {
            let Some(k) = (0..target.len()).rev().find(|k| self.modules.contains_key(&target[..*k])) else {
                break;
            };
            let Some(next) = target.get(k) else { break };
            match self.modules[&target[..k]].imports.get(next) {
                Some(source) if *source != target[..=k] => {
                    let mut resolved = source.clone();
                    resolved.extend_from_slice(&target[k + 1..]);
                    target = resolved;
                }
                _ => break,
            }
        }
        target
    }

    /// Edges between sibling modules: (parent, from, to) → the first place seen.
    fn edges(&self) -> BTreeMap<(ModPath, String, String), Place> {
        let mut edges = BTreeMap::new();
        for (path, module) in &self.modules {
            let mut found = Vec::new();
            paths_in(path, module.tokens.clone(), &mut found);
            for (from, target, line) in found {
                let target = self.resolve(target);
                let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
                if common == from.len() || common == target.len() {
                    continue; // an ancestor or a descendant
                }
                let key = (from[..common].to_vec(), from[common].clone(), target[common].clone());
                edges.entry(key).or_insert(Place { file: module.file.clone(), line });
            }
        }
        edges
    }
}

fn read_file(file: &Path, path: ModPath, modules: &mut BTreeMap<ModPath, Module>) {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let tokens: TokenStream = text.parse().unwrap_or_else(|e| panic!("{}: {e:?}", file.display()));
    let dir = match file.file_name().and_then(|n| n.to_str()) {
        Some("lib.rs" | "mod.rs") => file.parent().unwrap().to_path_buf(),
        _ => file.with_extension(""),
    };
    for child in file_modules(tokens.clone()) {
        let mut child_path = path.clone();
        child_path.push(child.clone());
        let flat = dir.join(format!("{child}.rs"));
        let nested = dir.join(&child).join("mod.rs");
        read_file(if flat.exists() { &flat } else { &nested }, child_path, modules);
    }
    modules.insert(path, Module { file: file.to_path_buf(), tokens, imports: BTreeMap::new() });
}

/// The `mod name;` declarations at the top of a file (inline `mod name { … }` stay in their file).
fn file_modules(tokens: TokenStream) -> Vec<String> {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut names = Vec::new();
    for window in tokens.windows(3) {
        if let [TokenTree::Ident(m), TokenTree::Ident(name), TokenTree::Punct(semi)] = window
            && m == "mod"
            && semi.as_char() == ';'
        {
            names.push(name.to_string());
        }
    }
    names
}

/// What each `use` at a module's top level names, by the name it is known by there (and, through
/// `super::name`, in its children): `pub use` re-exports and private imports alike. A path that
/// starts with a child module's name is the child's.
fn imports(module: &ModPath, tokens: &TokenStream, modules: &BTreeSet<ModPath>) -> BTreeMap<String, ModPath> {
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    let mut names = BTreeMap::new();
    for (j, token) in tokens.iter().enumerate() {
        if !matches!(token, TokenTree::Ident(u) if u == "use") {
            continue;
        }
        let end = (j..tokens.len())
            .find(|k| matches!(&tokens[*k], TokenTree::Punct(p) if p.as_char() == ';'))
            .unwrap_or(tokens.len());
        let tree: TokenStream = tokens[j + 1..end].iter().cloned().collect();
        for (path, alias) in use_tree(tree, Vec::new()) {
            let child = || {
                let mut child = module.clone();
                child.extend(path.iter().cloned());
                modules.contains(&child[..=module.len()]).then_some(child)
            };
            if let Some(absolute) = absolute(module, &path).or_else(child)
                && let Some(name) = alias.or_else(|| path.last().cloned())
            {
                names.insert(name, absolute);
            }
        }
    }
    names
}

/// The paths of a `use` tree, each with its `as` name if it has one (`*` is left out).
fn use_tree(tokens: TokenStream, prefix: ModPath) -> Vec<(ModPath, Option<String>)> {
    let mut out = Vec::new();
    let mut path = prefix.clone();
    let mut alias = None;
    let mut tokens = tokens.into_iter().peekable();
    while let Some(token) = tokens.next() {
        match token {
            TokenTree::Ident(ident) if ident == "as" => {
                if let Some(TokenTree::Ident(name)) = tokens.next() {
                    alias = Some(name.to_string());
                }
            }
            TokenTree::Ident(ident) => path.push(ident.to_string()),
            TokenTree::Group(group) if group.delimiter() == Delimiter::Brace => {
                out.extend(use_tree(group.stream(), path.clone()));
                path = prefix.clone();
            }
            TokenTree::Punct(p) if p.as_char() == ',' && path.len() > prefix.len() => {
                out.push((std::mem::replace(&mut path, prefix.clone()), alias.take()));
            }
            _ => {}
        }
    }
    if path.len() > prefix.len() {
        out.push((path, alias));
    }
    // `a::{self, B}` names `a` itself.
    for (path, _) in &mut out {
        if path.len() > 1 && path.last().is_some_and(|last| last == "self") {
            path.pop();
        }
    }
    out
}

/// A path written in `module` as one from the crate's root, if it starts with `crate`, `super` or
/// `self` (others name other crates, or children, which are below).
fn absolute(module: &ModPath, path: &[String]) -> Option<ModPath> {
    let mut base = module.clone();
    let mut rest = path;
    match rest.first().map(String::as_str) {
        Some("crate") => {
            base.clear();
            rest = &rest[1..];
        }
        Some("self") => rest = &rest[1..],
        Some("super") => {
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// Every `crate::`/`super::`/`self::` path in `tokens`, with the module (inline ones included)
/// it is written in and its line.
fn paths_in(module: &ModPath, tokens: TokenStream, out: &mut Vec<(ModPath, ModPath, usize)>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i] {
            // An inline module: `super` inside it means the module around it.
            TokenTree::Ident(m) if m == "mod" => {
                if let (Some(TokenTree::Ident(name)), Some(TokenTree::Group(body))) =
                    (tokens.get(i + 1), tokens.get(i + 2))
                    && body.delimiter() == Delimiter::Brace
                {
                    let mut inner = module.clone();
                    inner.push(name.to_string());
                    paths_in(&inner, body.stream(), out);
                    i += 3;
                    continue;
                }
            }
            TokenTree::Ident(start) if ["crate", "super", "self"].contains(&start.to_string().as_str()) => {
                let punct = |k: usize| match tokens.get(k) {
                    Some(TokenTree::Punct(p)) => Some(p.as_char()),
                    _ => None,
                };
                let after_dollar = i > 0 && punct(i - 1) == Some('$');
                let in_a_path = i > 1 && punct(i - 1) == Some(':') && punct(i - 2) == Some(':');
                if !after_dollar && !in_a_path {
                    let line = start.span().start().line;
                    let (segments, next) = path_at(&tokens, i);
                    let group = match tokens.get(next) {
                        Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace && next > i + 1 => Some(g),
                        _ => None,
                    };
                    let written: Vec<ModPath> = match group {
                        Some(g) => use_tree(g.stream(), segments.clone()).into_iter().map(|(p, _)| p).collect(),
                        None => vec![segments],
                    };
                    for path in written {
                        if let Some(target) = absolute(module, &path) {
                            out.push((module.clone(), target, line));
                        }
                    }
                    i = next + usize::from(group.is_some());
                    continue;
                }
            }
            TokenTree::Group(group) => paths_in(module, group.stream(), out),
            _ => {}
        }
        i += 1;
    }
}

/// The segments of the path starting at `tokens[i]` (`a :: b :: c`), and the index after it.
fn path_at(tokens: &[TokenTree], mut i: usize) -> (ModPath, usize) {
    let mut segments = Vec::new();
    while let Some(TokenTree::Ident(ident)) = tokens.get(i) {
        segments.push(ident.to_string());
        let colons = matches!((tokens.get(i + 1), tokens.get(i + 2)),
            (Some(TokenTree::Punct(a)), Some(TokenTree::Punct(b))) if a.as_char() == ':' && b.as_char() == ':');
        if !colons {
            return (segments, i + 1);
        }
        i += 3;
    }
    (segments, i)
}

/// The repository's root.
fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn shown(file: &Path) -> String {
    file.strip_prefix(root()).unwrap_or(file).display().to_string()
}

fn crates() -> [Crate; 2] {
    [Crate::read("app", &root().join("app/src")), Crate::read("server", &root().join("server/src"))]
}
