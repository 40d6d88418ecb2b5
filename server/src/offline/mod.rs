//! What makes the app work offline and installable: the service worker script, versioned by the
//! build it serves, and the web app manifest in the user's language.
use app::{
    i18n::{Lang, lang_of_request, lookup},
    wizard::{Illustration, guides, screens},
};
use axum::{
    Router,
    extract::{FromRef, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Response},
    routing::get,
};
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};
use std::{path::Path, sync::Arc};

/// The service worker of this build: its version and what it keeps on the device.
#[derive(Clone)]
pub struct ServiceWorker(Arc<str>);

impl ServiceWorker {
    /// Fills in `sw.js` for the build in the site root. The version is a hash of every file the
    /// worker stores, so any new build (or new guide) replaces the cache.
    pub fn for_site(options: &LeptosOptions) -> ServiceWorker {
        let root = Path::new(options.site_root.as_ref());
        // Every chunk, not only the main script: offline, a guide's lazy island must still load.
        let mut assets = crate::assets::package_files(options);
        assets.extend(crate::assets::message_files());
        assets.extend([
            "/favicon.svg".to_string(),
            "/manifest.webmanifest".to_string(),
            "/icons/icon-192.png".to_string(),
            "/icons/icon-512.png".to_string(),
        ]);
        let mut illustrations: Vec<String> = guides::ALL
            .iter()
            .flat_map(|g| {
                g.wizard.steps.iter().filter_map(|s| match s.illustration {
                    Some(Illustration::Drawing(file, _)) => Some(format!("/illustrations/{file}")),
                    _ => None,
                })
            })
            .collect();
        illustrations.sort();
        illustrations.dedup();
        assets.extend(illustrations);
        let mut pages: Vec<String> = ["/", "/accessibility", "/privacy", "/storage", "/materials", "/terms"]
            .into_iter()
            .map(String::from)
            .collect();
        pages.extend(app::terms::Document::all().map(|d| d.path(d.current().id)));
        pages.extend(guides::ALL.iter().map(|g| format!("/guides/{}", g.wizard.id)));

        // Each guide's pictures of the product: kept once one of them is shown (see `sw.js`).
        let pictures: std::collections::BTreeMap<String, Vec<String>> =
            guides::ALL.iter().map(|g| (format!("/guides/{}", g.wizard.id), guide_pictures(&g.wizard))).collect();
        let pictures = serde_json::to_string(&pictures).unwrap_or_else(|_| "{}".into());

        let mut hash = Sha256::new();
        hash.update(pictures.as_bytes());
        for path in assets.iter().chain(&pages) {
            hash.update(path.as_bytes());
            // A page's HTML is fetched fresh when online; only files on disk version the cache.
            if let Ok(bytes) = std::fs::read(root.join(path.trim_start_matches('/'))) {
                hash.update(&bytes);
            }
        }
        let version = hex::encode(&hash.finalize()[..8]);
        let list = |items: &[String]| serde_json::to_string(items).unwrap_or_else(|_| "[]".into());
        let script = include_str!("sw.js")
            .replace("__VERSION__", &version)
            .replace("__ASSETS__", &list(&assets))
            .replace("__PAGES__", &list(&pages))
            .replace("__GUIDE_PICTURES__", &pictures);
        ServiceWorker(script.into())
    }
}

/// Every file of the pictures of the product in `wizard`, in every language, width and format.
fn guide_pictures(wizard: &app::wizard::Wizard) -> Vec<String> {
    let screens = wizard.steps.iter().filter_map(|s| match s.illustration {
        Some(Illustration::Screen(screen)) => Some(screen),
        _ => None,
    });
    let mut files: Vec<String> = screens
        .flat_map(|screen| Lang::ALL.into_iter().filter_map(|lang| screen.pictures(lang)))
        .flat_map(|pictures| [&pictures.phone, &pictures.desktop])
        .flat_map(|picture| screens::FORMATS.map(|(format, _)| screens::file_url(picture, format)))
        .collect();
    files.sort();
    files.dedup();
    files
}

/// `/sw.js` and the manifest, for any server state that holds the [`ServiceWorker`].
pub fn routes<S>() -> Router<S>
where
    S: Clone + Send + Sync + 'static,
    ServiceWorker: FromRef<S>,
{
    Router::new().route("/sw.js", get(service_worker)).route("/manifest.webmanifest", get(manifest))
}

async fn service_worker(State(sw): State<ServiceWorker>) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/javascript; charset=utf-8")),
            // Checked on every visit, so a new build's worker is found at once.
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        sw.0.to_string(),
    )
        .into_response()
}

/// The manifest in the language of the request, so the installed app is named in it.
async fn manifest(headers: HeaderMap) -> Response {
    let lang = lang_of_request(&headers);
    let text = |id| lookup(lang, id, None);
    let body = serde_json::json!({
        "name": text("service-name"),
        "short_name": text("app-short-name"),
        "description": text("app-description"),
        "lang": lang.code(),
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": "#005a8c",
        "icons": [
            { "src": "/icons/icon-192.png", "sizes": "192x192", "type": "image/png", "purpose": "any maskable" },
            { "src": "/icons/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "any maskable" },
            { "src": "/favicon.svg", "sizes": "any", "type": "image/svg+xml" }
        ]
    });
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("application/manifest+json")),
            (header::VARY, HeaderValue::from_static("Cookie, Accept-Language")),
        ],
        body.to_string(),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn worker(root: &Path) -> String {
        let options = LeptosOptions::builder().output_name("kanta").site_root(root.display().to_string()).build();
        ServiceWorker::for_site(&options).0.to_string()
    }

    fn version(script: &str) -> &str {
        let start = script.find("'kanta-").expect("cache name") + "'kanta-".len();
        &script[start..start + 16]
    }

    #[test]
    fn a_new_build_gets_a_new_cache_and_the_lists_name_every_stored_file() {
        let root = std::env::temp_dir().join(format!("kanta-sw-{}", std::process::id()));
        std::fs::create_dir_all(root.join("pkg")).unwrap();
        for file in ["pkg/kanta.js", "pkg/kanta.css", "pkg/kanta_split_0.wasm"] {
            std::fs::write(root.join(file), b"the same in both builds").unwrap();
        }
        std::fs::write(root.join("pkg/kanta.wasm"), b"build one").unwrap();
        let first = worker(&root);
        assert_eq!(version(&first), version(&worker(&root)), "the same build, the same cache");
        std::fs::write(root.join("pkg/kanta.wasm"), b"build two").unwrap();
        let second = worker(&root);
        assert_ne!(version(&first), version(&second), "a new build, a new cache");
        std::fs::remove_dir_all(&root).unwrap();

        for stored in [
            "/pkg/kanta.wasm",
            "/pkg/kanta.js",
            "/pkg/kanta.css",
            "/pkg/kanta_split_0.wasm",
            "/icons/icon-512.png",
            "/materials",
        ] {
            assert!(second.contains(&format!("\"{stored}\"")), "{stored} not stored");
        }
        for guide in guides::ALL {
            assert!(second.contains(&format!("\"/guides/{}\"", guide.wizard.id)));
        }
        assert!(second.contains("\"/illustrations/flow.svg\""));
        // Pictures of the product: listed by guide, for keeping once shown, not stored at install.
        let listed = second.split("const GUIDE_PICTURES = ").nth(1).and_then(|rest| rest.split(";\n").next());
        let listed: std::collections::BTreeMap<String, Vec<String>> = serde_json::from_str(listed.unwrap()).unwrap();
        for screen in guides::SCREENS {
            let pictures = screen.pictures(Lang::Sv).unwrap();
            let webp = screens::file_url(&pictures.phone, "webp");
            assert!(listed.values().any(|files| files.contains(&webp)), "{webp} in no guide's pictures");
            assert!(!second.split("const GUIDE_PICTURES").next().unwrap().contains(&webp), "{webp} stored at install");
        }
        assert!(!second.contains("__"), "a placeholder was left unfilled");
    }
}
