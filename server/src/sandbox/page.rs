//! The sandbox's few HTML pages: plain server-rendered forms, text from Fluent, values escaped.
pub use crate::limits::refusal::escape;
use app::i18n::{Lang, lookup};

/// A message, escaped for HTML.
pub fn text(lang: Lang, id: &str) -> String {
    escape(&lookup(lang, id, None))
}

pub fn document(lang: Lang, title: &str, body: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>"#,
        lang = lang.code(),
        title = escape(title),
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#eef2f6;color:#1b1b1b}\
main{max-width:40rem;margin:0 auto;padding:1rem;background:#fff;min-height:100vh}\
.banner{background:#fff3cd;border:1px solid #c9a400;padding:.5rem .75rem;border-radius:4px}\
fieldset{border:1px solid #8a99a8;border-radius:4px;margin:1rem 0;padding:.5rem 1rem;min-width:0}\
label{display:block;padding:.35rem 0}input[type=text]{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}\
select{font:inherit;padding:.3rem;max-width:100%}.scroll{overflow-x:auto}table{border-collapse:collapse}td,th{padding:.3rem;text-align:left}button{font:inherit;padding:.6rem 1.2rem;margin:.5rem .5rem 0 0;border-radius:4px;border:1px solid #003479;background:#003479;color:#fff}\
button.secondary{background:#fff;color:#003479}.error{color:#a00;font-weight:bold}small{color:#555}";
