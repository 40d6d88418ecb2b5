//! Each crate's top-level modules use only their own layer and those below.
use super::{crates, shown};

/// Each crate's top-level modules in layers, highest first: a module uses modules of its own layer
/// and those below, never one above (`docs/ARCHITECTURE.md`).
const LAYERS: [(&str, &[&[&str]]); 2] = [
    (
        "app",
        &[
            &["pages"],
            &["components", "hydration"],
            &["offline"],
            &["api"],
            &["backend"],
            &["wizard", "terms", "materials"],
            &["i18n", "error"],
            &["domain", "coded", "request"],
        ],
    ),
    (
        "server",
        &[
            &["web"],
            &["auth", "offline", "refused_form", "assets"],
            &["sandbox", "seed"],
            &["config"],
            &["limits", "keys"],
        ],
    ),
];

#[test]
fn each_top_level_module_uses_only_its_layer_and_those_below() {
    let mut wrong = Vec::new();
    for (krate, (name, layers)) in crates().iter().zip(LAYERS) {
        assert_eq!(krate.name, name);
        let layer = |module: &str| layers.iter().position(|l| l.contains(&module));
        for path in krate.modules.keys().filter(|p| p.len() == 1) {
            let layers_holding = layers.iter().filter(|l| l.contains(&path[0].as_str())).count();
            if layers_holding > 1 {
                wrong.push(format!("  {name}::{} is in {layers_holding} layers", path[0]));
            }
            if layer(&path[0]).is_none() {
                wrong.push(format!("  {name}::{} is in no layer: add it to LAYERS", path[0]));
            }
        }
        for ((parent, from, to), at) in krate.edges() {
            let (Some(from_layer), Some(to_layer)) = (layer(&from), layer(&to)) else { continue };
            if parent.is_empty() && to_layer < from_layer {
                wrong.push(format!("  {name}: {from} uses {to}, a layer above it ({}:{})", shown(&at.file), at.line));
            }
        }
    }
    assert!(wrong.is_empty(), "modules out of their layer:\n{}", wrong.join("\n"));
}
