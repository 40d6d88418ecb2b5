//! Screens of the product shown in the guides: what each shows and says, the pictures
//! `make guide-images` made of it (listed in `assets/screens/screens.json`), and its figure.
//!
//! The pictures are screenshots of the sandbox in each language at a phone's and a desktop's
//! width; the numbered marks are drawn over them at the elements' bounding boxes, as the
//! generator measured them (`end2end/tests/guide-screens.spec.ts`).
use crate::i18n::{Lang, tr, use_lang};
use leptos::prelude::*;
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

/// The screen's figure: the picture for the width (AVIF or WebP, PNG where neither is read),
/// loaded lazily, its numbered marks, the callouts with the same numbers, and a link to the page.
#[component]
pub fn ScreenFigure(screen: &'static Screen) -> impl IntoView {
    let Some(pictures) = screen.pictures(use_lang()) else {
        return ().into_any();
    };
    let sources = [(&pictures.phone, Some(PHONE_MEDIA)), (&pictures.desktop, None)]
        .into_iter()
        .flat_map(|(picture, media)| {
            FORMATS.into_iter().map(move |(format, kind)| {
                view! {
                    <source media=media type=kind srcset=file_url(picture, format)
                        width=picture.width height=picture.height/>
                }
            })
        })
        .collect_view();
    let desktop = &pictures.desktop;
    let callouts = screen
        .callouts
        .iter()
        .enumerate()
        .map(|(i, id)| view! { <li data-mark={i + 1}><span class="shot__number" aria-hidden="true">{i + 1}</span>" "{tr(id)}</li> })
        .collect_view();
    view! {
        <figure class="shot" id=format!("screen-{}", screen.id)>
            <div class="shot__frame">
                <picture>
                    {sources}
                    <img src=file_url(desktop, "png") alt=tr(screen.alt) width=desktop.width height=desktop.height
                        loading="lazy" decoding="async"/>
                </picture>
                <Marks picture=&pictures.phone class="shot__marks shot__marks--phone"/>
                <Marks picture=desktop class="shot__marks shot__marks--desktop"/>
            </div>
            <figcaption>
                <ol class="shot__callouts" role="list">{callouts}</ol>
                <a class="shot__show-me" href=screen.page>{tr(msg!("guide-show-me"))}</a>
            </figcaption>
        </figure>
    }
    .into_any()
}

/// The numbered marks over one picture, in its pixels, so they scale with it.
#[component]
fn Marks(picture: &'static Picture, class: &'static str) -> impl IntoView {
    // A picture is shown at about the size of the page it pictures: 12 CSS pixels there.
    let radius = 12 * picture.scale;
    let marks = picture
        .marks
        .iter()
        .enumerate()
        .map(|(i, &(x, y))| {
            view! {
                <g class="shot__mark" data-mark={i + 1}>
                    <circle cx=x cy=y r=radius/>
                    <text x=x y=y font-size={radius * 13 / 10}>{i + 1}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <svg class=class viewBox=format!("0 0 {} {}", picture.width, picture.height) aria-hidden="true"
            preserveAspectRatio="none">
            {marks}
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_has_its_pictures_and_a_mark_for_each_callout() {
        for screen in super::super::guides::SCREENS {
            for lang in Lang::ALL {
                let pictures =
                    screen.pictures(lang).unwrap_or_else(|| panic!("{} {lang:?}: make guide-images", screen.id));
                for picture in [&pictures.phone, &pictures.desktop] {
                    assert_eq!(picture.marks.len(), screen.callouts.len(), "{}: make guide-images", picture.file);
                    for (x, y) in &picture.marks {
                        assert!(*x < picture.width && *y < picture.height, "{}: a mark outside", picture.file);
                    }
                    for (format, _) in FORMATS {
                        let path = format!("{}/assets/screens/{}.{format}", env!("CARGO_MANIFEST_DIR"), picture.file);
                        assert!(std::path::Path::new(&path).exists(), "{path}");
                    }
                }
            }
        }
    }
}
