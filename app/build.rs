//! Embeds every `locales/<lang>/*.ftl` file, so adding a file needs no code change. The browser
//! build (islands only) leaves out files marked as server-rendered pages only.
use std::{env, fs, path::Path};

/// The first line of a file whose messages only server-rendered pages use.
const SERVER_ONLY: &str = "### Server-rendered pages only:";

fn main() {
    let browser = env::var_os("CARGO_FEATURE_HYDRATE").is_some() && env::var_os("CARGO_FEATURE_SSR").is_none();
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../locales");
    println!("cargo:rerun-if-changed={}", locales.display());
    let mut out = String::new();
    for lang in ["fi", "sv"] {
        let dir = locales.join(lang);
        println!("cargo:rerun-if-changed={}", dir.display());
        let mut files: Vec<_> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ftl"))
            .collect();
        files.sort();
        out.push_str(&format!("pub const {}: &[(&str, &str)] = &[\n", lang.to_uppercase()));
        for f in files {
            println!("cargo:rerun-if-changed={}", f.display());
            if browser && fs::read_to_string(&f).is_ok_and(|s| s.starts_with(SERVER_ONLY)) {
                continue;
            }
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            let path = f.canonicalize().unwrap();
            out.push_str(&format!("    ({name:?}, include_str!({:?})),\n", path.display().to_string()));
        }
        out.push_str("];\n");
    }
    fs::write(Path::new(&env::var("OUT_DIR").unwrap()).join("locales.rs"), out).unwrap();
}
