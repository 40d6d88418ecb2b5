//! The build's files under `/pkg`: their content-hashed names and how long browsers may keep them.
//!
//! `cargo leptos build` (with `hash-files` and `--split`) names every file it writes to the
//! package folder by an MD5 of its content (`kanta.<hash>.wasm`, one file per lazy island, the
//! split loader) and lists the main ones in `hash.txt` beside the server binary, where
//! `app::hydration` reads them for the page's stylesheet and loader.
use app::{
    hydration::hash_file,
    i18n::{Lang, browser},
};
use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, StatusCode, Uri, header},
    middleware::{self, Next},
    response::IntoResponse,
    routing::get,
};
use leptos::config::LeptosOptions;
use std::path::Path;
use tower_http::services::ServeDir;

/// Turns on hashed names when the build left its `hash.txt` beside this binary, the place Leptos
/// reads it from. Without one (a plain `cargo build`, the tests) the names stay as they are.
pub fn use_hashed_names_if_built(options: &mut LeptosOptions) {
    options.hash_files = hash_file(options).is_some_and(|path| path.is_file());
    let plain = Path::new(options.site_root.as_ref())
        .join(options.site_pkg_dir.as_ref())
        .join(format!("{}.js", options.output_name));
    if !options.hash_files && !plain.is_file() {
        tracing::error!(
            hash_file = ?hash_file(options),
            "no {} beside the binary and no unhashed {}: pages will name scripts the site does not have; \
             deploy the binary with the hash.txt `cargo leptos build` wrote beside it",
            options.hash_file,
            plain.display()
        );
    }
}

/// Every file of this build under `/pkg`, as the paths browsers ask for, sorted: what the service
/// worker stores. Leaves out the precompressed copies and TypeScript declarations.
pub fn package_files(options: &LeptosOptions) -> Vec<String> {
    let root = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let mut files = Vec::new();
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        for path in entries.flatten().map(|e| e.path()) {
            if path.is_dir() {
                folders.push(path);
            } else if let Ok(relative) = path.strip_prefix(&root) {
                let name = relative.to_string_lossy().replace('\\', "/");
                if ![".br", ".gz", ".ts"].iter().any(|ext| name.ends_with(ext)) {
                    files.push(format!("/{}/{name}", options.site_pkg_dir));
                }
            }
        }
    }
    files.sort();
    files
}

/// The browser's message catalogue of each language (`app::i18n::browser`), at its hashed path.
pub fn message_routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new().route(
        "/i18n/{file}",
        get(|uri: Uri| async move {
            let Some(script) = Lang::ALL.into_iter().map(browser::script).find(|s| s.path == uri.path()) else {
                return StatusCode::NOT_FOUND.into_response();
            };
            (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
                    (header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)),
                ],
                script.body.as_str(),
            )
                .into_response()
        }),
    )
}

/// The message catalogues' paths, for the service worker to keep.
pub fn message_files() -> Vec<String> {
    Lang::ALL.into_iter().map(|lang| browser::script(lang).path.clone()).collect()
}

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Serves `/pkg`, brotli or gzip when the build precompressed. A file whose name carries the hash
/// of its content is kept by browsers a year without asking; anything else is revalidated each
/// time (cheap 304s). That is checked here, not assumed: cargo-leptos names files by their content
/// and then rewrites some of them (the main script and the WASM modules name the split loader),
/// so a new build can ship a changed file under an old name.
pub fn routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let folder = format!("{}/{}", options.site_root, options.site_pkg_dir);
    let named = std::sync::Arc::new(content_named(options));
    Router::new().fallback_service(ServeDir::new(folder).precompressed_br().precompressed_gzip()).layer(
        middleware::from_fn(move |request: Request, next: Next| {
            let named = named.clone();
            async move {
                let path = format!("/pkg{}", request.uri().path());
                let mut response = next.run(request).await;
                let value = if named.contains(&path) && response.status().is_success() {
                    HeaderValue::from_static(IMMUTABLE)
                } else {
                    HeaderValue::from_static("no-cache")
                };
                response.headers_mut().insert(header::CACHE_CONTROL, value);
                response
            }
        }),
    )
}

/// The paths under `/pkg` whose file name holds the MD5 of the file's content, in base64url, as
/// cargo-leptos writes it.
fn content_named(options: &LeptosOptions) -> std::collections::HashSet<String> {
    use base64::Engine;
    use md5::{Digest, Md5};
    let root = Path::new(options.site_root.as_ref());
    package_files(options)
        .into_iter()
        .filter(|path| {
            let Ok(bytes) = std::fs::read(root.join(path.trim_start_matches('/'))) else { return false };
            let hash = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Md5::digest(&bytes));
            path.contains(&format!(".{hash}."))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worker_list_names_each_built_file_once_without_compressed_copies() {
        let root = std::env::temp_dir().join(format!("kanta-assets-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg/snippets/x")).unwrap();
        for name in ["kanta.Ab1.js", "kanta.Cd2.wasm", "kanta.Cd2.wasm.br", "kanta.Cd2.wasm.gz", "kanta.d.Ef3.ts"] {
            std::fs::write(root.join("pkg").join(name), b"x").unwrap();
        }
        std::fs::write(root.join("pkg/snippets/x/inline0.js"), b"x").unwrap();
        let options = LeptosOptions::builder().output_name("kanta").site_root(root.display().to_string()).build();
        assert_eq!(package_files(&options), ["/pkg/kanta.Ab1.js", "/pkg/kanta.Cd2.wasm", "/pkg/snippets/x/inline0.js"]);
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn only_a_name_that_holds_its_contents_hash_is_kept_a_year() {
        let root = std::env::temp_dir().join(format!("kanta-named-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        // MD5 of "body", base64url without padding.
        std::fs::write(root.join("pkg/kanta.hBotaJrYa9FhFEdFPCLG_A.css"), b"body").unwrap();
        // The same name after the content was rewritten.
        std::fs::write(root.join("pkg/kanta.hBotaJrYa9FhFEdFPCLG_A.js"), b"rewritten").unwrap();
        let options = LeptosOptions::builder().output_name("kanta").site_root(root.display().to_string()).build();
        let named = content_named(&options);
        std::fs::remove_dir_all(&root).unwrap();
        assert_eq!(named.into_iter().collect::<Vec<_>>(), ["/pkg/kanta.hBotaJrYa9FhFEdFPCLG_A.css"]);
    }
}
