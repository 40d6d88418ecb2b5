//! No cycle among the siblings of any module: each found is named with the edges that close it.
use super::{Crate, ModPath, crates, shown};
use std::collections::{BTreeMap, BTreeSet};

#[test]
fn no_import_cycles_between_modules() {
    let found: Vec<String> = crates().iter().flat_map(cycles).collect();
    assert!(
        found.is_empty(),
        "modules that depend on each other, each with the edges that close the cycle:\n{}",
        found.join("\n")
    );
}

/// The cycles among the siblings of each module: each as its modules and the edges that close it.
fn cycles(krate: &Crate) -> Vec<String> {
    let edges = krate.edges();
    let mut by_parent: BTreeMap<&ModPath, BTreeMap<&String, BTreeSet<&String>>> = BTreeMap::new();
    for (parent, from, to) in edges.keys() {
        by_parent.entry(parent).or_default().entry(from).or_default().insert(to);
    }
    let mut found = Vec::new();
    for (parent, graph) in by_parent {
        for component in strongly_connected(&graph) {
            let within: Vec<String> = edges
                .iter()
                .filter(|((p, from, to), _)| p == parent && component.contains(from) && component.contains(to))
                .map(|((_, from, to), at)| format!("    {from} → {to} ({}:{})", shown(&at.file), at.line))
                .collect();
            let prefix = if parent.is_empty() {
                krate.name.to_string()
            } else {
                format!("{}::{}", krate.name, parent.join("::"))
            };
            found.push(format!(
                "  in {prefix}: {}\n{}",
                component.iter().cloned().collect::<Vec<_>>().join(", "),
                within.join("\n")
            ));
        }
    }
    found
}

/// Tarjan's strongly connected components of more than one module.
fn strongly_connected(graph: &BTreeMap<&String, BTreeSet<&String>>) -> Vec<BTreeSet<String>> {
    struct State<'a> {
        index: BTreeMap<&'a String, usize>,
        low: BTreeMap<&'a String, usize>,
        stack: Vec<&'a String>,
        on_stack: BTreeSet<&'a String>,
        out: Vec<BTreeSet<String>>,
    }
    fn visit<'a>(node: &'a String, graph: &BTreeMap<&'a String, BTreeSet<&'a String>>, s: &mut State<'a>) {
        let n = s.index.len();
        s.index.insert(node, n);
        s.low.insert(node, n);
        s.stack.push(node);
        s.on_stack.insert(node);
        for next in graph.get(node).into_iter().flatten() {
            if !s.index.contains_key(next) {
                visit(next, graph, s);
                let low = s.low[node].min(s.low[next]);
                s.low.insert(node, low);
            } else if s.on_stack.contains(next) {
                let low = s.low[node].min(s.index[next]);
                s.low.insert(node, low);
            }
        }
        if s.low[node] == s.index[node] {
            let mut component = BTreeSet::new();
            while let Some(top) = s.stack.pop() {
                s.on_stack.remove(top);
                component.insert(top.clone());
                if top == node {
                    break;
                }
            }
            if component.len() > 1 {
                s.out.push(component);
            }
        }
    }
    let mut state = State {
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        out: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            visit(node, graph, &mut state);
        }
    }
    state.out
}
