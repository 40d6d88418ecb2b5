//! Units small enough to read whole and change safely: no function over [`FUNCTION_LINES`] lines
//! and no file over [`MODULE_LINES`] lines before its `#[cfg(test)] mod tests`, in the source and
//! the tests of `app` and `server`, outside [`DATA`].
use super::{root, shown};
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use std::path::{Path, PathBuf};

const FUNCTION_LINES: usize = 80;
const MODULE_LINES: usize = 400;

/// Data rather than logic, long by nature: the migrations (shipped, never edited) and the guides
/// written as data.
const DATA: [&str; 2] = ["app/src/backend/migrations/", "app/src/wizard/guides.rs"];

/// The folders checked, from the repository's root.
const CHECKED: [&str; 4] = ["app/src", "app/tests", "server/src", "server/tests"];

#[test]
fn functions_and_modules_stay_small() {
    let mut files = Vec::new();
    for dir in CHECKED {
        rust_files(&root().join(dir), &mut files);
    }
    let mut too_long = Vec::new();
    for file in files {
        let shown = shown(&file);
        if DATA.iter().any(|data| shown.starts_with(data)) {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let lines = lines_before_tests(&text);
        if lines > MODULE_LINES {
            too_long.push(format!("  {shown}: {lines} lines (at most {MODULE_LINES})"));
        }
        let tokens: TokenStream = text.parse().unwrap_or_else(|e| panic!("{shown}: {e:?}"));
        let mut functions = Vec::new();
        function_lengths(tokens, &mut functions);
        for (name, line, lines) in functions.into_iter().filter(|(_, _, lines)| *lines > FUNCTION_LINES) {
            too_long.push(format!("  {shown}:{line} fn {name}: {lines} lines (at most {FUNCTION_LINES})"));
        }
    }
    assert!(too_long.is_empty(), "units to split into named parts:\n{}", too_long.join("\n"));
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's lines before its inline unit tests (`#[cfg(test)]`, then `mod tests {`; tests in a
/// file of their own are that file's lines).
fn lines_before_tests(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .position(|pair| pair[0] == "#[cfg(test)]" && pair[1].starts_with("mod tests {"))
        .unwrap_or(lines.len())
}

/// Each `fn` with a body in `tokens`, nested ones too: its name, first line, and lines from the
/// `fn` to the body's closing brace.
fn function_lengths(tokens: TokenStream, out: &mut Vec<(String, usize, usize)>) {
    let tokens: Vec<TokenTree> = tokens.into_iter().collect();
    for (i, token) in tokens.iter().enumerate() {
        match token {
            TokenTree::Ident(keyword) if keyword == "fn" => {
                let Some(TokenTree::Ident(name)) = tokens.get(i + 1) else { continue };
                // The body is the first brace block before a `;` (a declaration has none).
                let body = tokens[i + 2..]
                    .iter()
                    .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ';'))
                    .find_map(|t| match t {
                        TokenTree::Group(g) if g.delimiter() == Delimiter::Brace => Some(g),
                        _ => None,
                    });
                if let Some(body) = body {
                    let start = keyword.span().start().line;
                    out.push((name.to_string(), start, body.span().end().line - start + 1));
                }
            }
            TokenTree::Group(group) => function_lengths(group.stream(), out),
            _ => {}
        }
    }
}
