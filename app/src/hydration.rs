//! How the browser gets the page's code: the build's stylesheet and main module, and each island
//! hydrated at load or on first use (`hydration.js`, in place of Leptos' island script).
use leptos::prelude::*;

/// Hydrates the island inside on the user's first touch, focus, key or click in it rather than at
/// load, so a page downloads that island's code only when it is used; until then it works as
/// without JavaScript. It hydrates at load when `draft` names a draft this device keeps
/// ([`crate::offline::draft_key`]), or when the page is shown for another address than it was
/// rendered for (a stored page offline): the island shows what the device or the address holds.
#[component]
pub fn OnFirstUse(#[prop(optional, into)] draft: Option<String>, children: Children) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let rendered_for = use_context::<http::request::Parts>()
        .and_then(|parts| parts.uri.query().map(|query| format!("?{query}")))
        .unwrap_or_default();
    #[cfg(not(feature = "ssr"))]
    let rendered_for = String::new();
    view! {
        <div class="island" data-hydrate="on-first-use" data-draft=draft data-rendered-for=rendered_for>
            {children()}
        </div>
    }
}

#[cfg(feature = "ssr")]
pub use server::{BuildAssets, hash_file};

#[cfg(feature = "ssr")]
mod server {
    use crate::{
        i18n::{Lang, browser},
        offline::DRAFTS,
    };
    use leptos::{config::LeptosOptions, prelude::*};
    use std::{path::PathBuf, sync::OnceLock};

    /// Where `cargo leptos build` leaves `hash.txt` (the hashed names of the build's files): beside
    /// this binary, where Leptos looks for it too.
    pub fn hash_file(options: &LeptosOptions) -> Option<PathBuf> {
        Some(std::env::current_exe().ok()?.parent()?.join(options.hash_file.as_ref()))
    }

    /// The build's stylesheet, main script and main WASM, as paths: `/pkg/kanta.<hash>.css` and so
    /// on when the build named them by content (`hash.txt` beside this binary, lines such as
    /// `css: <hash>`), else unhashed. Read once.
    fn files(options: &LeptosOptions) -> &'static [String; 3] {
        static FILES: OnceLock<[String; 3]> = OnceLock::new();
        FILES.get_or_init(|| {
            let hashes = hash_file(options)
                .filter(|_| options.hash_files)
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default();
            ["css", "js", "wasm"].map(|kind| {
                let hash = hashes.lines().find_map(|line| line.split_once(':').filter(|(k, _)| k.trim() == kind));
                let (pkg, name) = (&options.site_pkg_dir, &options.output_name);
                match hash {
                    Some((_, hash)) => format!("/{pkg}/{name}.{}.{kind}", hash.trim()),
                    None => format!("/{pkg}/{name}.{kind}"),
                }
            })
        })
    }

    /// The `<head>` part that loads the build: its stylesheet, and the script that loads the main
    /// module and hydrates the islands (`hydration.js`), preloaded; with the islands, the message
    /// catalogue of `lang`.
    #[component]
    pub fn BuildAssets(options: LeptosOptions, lang: Lang) -> impl IntoView {
        // Islands mode: only islands carry hydration markers (as Leptos' `HydrationScripts` does).
        if let Some(context) = Owner::current_shared_context() {
            context.set_is_hydrating(false);
        }
        let [css, js, wasm] = files(&options);
        let nonce = leptos::nonce::use_nonce();
        let script = loader_script(&options, lang);
        view! {
            <link rel="stylesheet" id="leptos" href=css.clone()/>
            <link rel="modulepreload" href=js.clone() crossorigin="anonymous"/>
            <link rel="preload" href=wasm.clone() r#as="fetch" r#type="application/wasm" crossorigin="anonymous"/>
            <script type="module" nonce=nonce>{script}</script>
        }
    }

    /// `js` without its whole-line `//` comments: they are for the reader of the file, and every
    /// page carries the script inline (1 KB brotli). The file has no block comments, and no
    /// multi-line string a line of which starts with `//`.
    fn without_comment_lines(js: &str) -> String {
        js.trim_end().lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
    }

    /// `hydration.js` called with this build's files and `lang`'s catalogue: the same for every
    /// page in a language, so made once.
    fn loader_script(options: &LeptosOptions, lang: Lang) -> &'static str {
        static SCRIPTS: [OnceLock<String>; 2] = [OnceLock::new(), OnceLock::new()];
        let cell = match lang {
            Lang::Fi => &SCRIPTS[0],
            Lang::Sv => &SCRIPTS[1],
        };
        cell.get_or_init(|| {
            let [_, js, wasm] = files(options);
            format!(
                "{}({js:?}, {wasm:?}, {{ url: {:?}, loader: {:?} }}, {{ database: {:?}, version: {}, store: {:?} }});",
                without_comment_lines(include_str!("hydration.js")),
                browser::script(lang).path,
                browser::LOADER,
                DRAFTS.database,
                DRAFTS.version,
                DRAFTS.store,
            )
        })
    }
}
