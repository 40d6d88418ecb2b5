//! Screens of the product shown in the guides: what each shows and says, and the pictures
//! `make guide-images` made of it (listed in `assets/screens/screens.json`). The figure is
//! `components::wizard::screen`.
//!
//! The pictures are screenshots of the sandbox in each language at a phone's and a desktop's
//! width; the numbered marks are drawn over them at the elements' bounding boxes, as the
//! generator measured them (`end2end/tests/guide-screens.spec.ts`).
use crate::i18n::Lang;
use serde::Deserialize;
use std::{collections::BTreeMap, sync::LazyLock};

/// A screen as a guide shows it.
#[derive(Debug, PartialEq, Eq)]
pub struct Screen {
    /// Its name in `screens.json` and in its pictures' file names.
    pub id: &'static str,
    /// The page it shows, for "show me this page" (after login where the page needs it).
    pub page: &'static str,
    /// Message id of the picture's text alternative.
    pub alt: &'static str,
    /// Message ids of the callouts, numbered from 1 in this order, as the marks are.
    pub callouts: &'static [&'static str],
}

/// The viewport the phone pictures are taken at and shown below: CSS pixels, as `style/pages.css`
/// switches the marks.
pub const PHONE_MEDIA: &str = "(max-width: 40rem)";

/// One picture: `/screens/<file>.{avif,webp,png}`, its size in image pixels, image pixels per
/// CSS pixel of the page pictured, and the centres of its marks in image pixels, in callout order.
#[derive(Debug, Deserialize)]
pub struct Picture {
    pub file: String,
    pub width: u32,
    pub height: u32,
    pub scale: u32,
    pub marks: Vec<(u32, u32)>,
}

/// A screen's pictures in one language.
#[derive(Debug, Deserialize)]
pub struct Pictures {
    pub phone: Picture,
    pub desktop: Picture,
}

/// What `make guide-images` wrote: screen id → language code → pictures.
static MADE: LazyLock<BTreeMap<String, BTreeMap<String, Pictures>>> = LazyLock::new(|| {
    serde_json::from_str(include_str!("../../assets/screens/screens.json")).unwrap_or_else(|error| {
        leptos::logging::error!("assets/screens/screens.json: {error}");
        BTreeMap::new()
    })
});

impl Screen {
    /// Its pictures in `lang`; `None` until `make guide-images` has made them.
    pub fn pictures(&self, lang: Lang) -> Option<&'static Pictures> {
        MADE.get(self.id)?.get(lang.code())
    }
}

/// Each picture's formats, in the order a browser is offered them, with their media types (PNG is
/// the fallback every browser reads).
pub const FORMATS: [(&str, Option<&str>); 3] =
    [("avif", Some("image/avif")), ("webp", Some("image/webp")), ("png", None)];

/// The address of a picture's file in `format` (`avif`, `webp` or `png`).
pub fn file_url(picture: &Picture, format: &str) -> String {
    format!("/screens/{}.{format}", picture.file)
}
