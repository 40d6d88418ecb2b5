//! Screens of the product shown in the guides: what each shows and says, and the pictures
//! `make guide-images` made of it (listed in `assets/screens/screens.json`). The figure is
//! `components::wizard::screen`.
//!
//! The pictures are screenshots of the sandbox in each language at a phone's and a desktop's
//! width; the numbered marks are drawn over them at the elements' bounding boxes, as the
//! generator measured them (`end2end/tests/guide-screens.spec.ts`).
use crate::{domain::application::State, i18n::Lang};
use serde::Deserialize;
use std::{collections::BTreeMap, sync::LazyLock};

/// A screen as a guide shows it.
#[derive(Debug, PartialEq, Eq)]
pub struct Screen {
    /// Its name in `screens.json` and in its pictures' file names.
    pub id: &'static str,
    /// The page it shows, for "show me this page" (`/guides/screens/<id>`, after login).
    pub shows: Shows,
    /// Message id of the picture's text alternative.
    pub alt: &'static str,
    /// Message ids of the callouts, numbered from 1 in this order, as the marks are.
    pub callouts: &'static [&'static str],
}

/// Where "show me this page" takes a logged-in reader acting for an organisation.
#[derive(Debug, PartialEq, Eq)]
pub enum Shows {
    /// A page every organisation has: its path, with the section's fragment.
    Page(&'static str),
    /// The organisation's newest application (one the applicant may still change, when
    /// `editable`), at `place` (a query or a fragment); the dashboard's start box when it has none.
    Application { editable: bool, place: &'static str },
}

/// Where an application's screen is found when the organisation has no such application.
const START: &str = "/applications#start-heading";

impl Screen {
    /// The address "show me this page" leads to for an organisation with `applications` (id and
    /// state, newest first, as the dashboard lists them).
    pub fn address(&self, applications: impl IntoIterator<Item = (i32, State)>) -> String {
        match self.shows {
            Shows::Page(path) => path.to_string(),
            Shows::Application { editable, place } => applications
                .into_iter()
                .find(|(_, state)| !editable || state.is_editable())
                .map_or_else(|| START.to_string(), |(id, _)| format!("/applications/{id}{place}")),
        }
    }
}

/// The address of "show me this page" on `screen`'s figure.
pub fn show_me(screen: &Screen) -> String {
    format!("/guides/screens/{}", screen.id)
}

/// The viewport the phone pictures are taken at and shown below: CSS pixels, as `style/pages.css`
/// switches the marks.
pub const PHONE_MEDIA: &str = "(max-width: 40rem)";

/// One picture: `/screens/<file>.{webp,png}`, its size in image pixels, image pixels per
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
pub const FORMATS: [(&str, Option<&str>); 2] = [("webp", Some("image/webp")), ("png", None)];

/// The address of a picture's file in `format` (`webp` or `png`).
pub fn file_url(picture: &Picture, format: &str) -> String {
    format!("/screens/{}.{format}", picture.file)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGNING: Screen = Screen {
        id: "s",
        shows: Shows::Application { editable: true, place: "#agreement-heading" },
        alt: "",
        callouts: &[],
    };
    const TIMELINE: Screen = Screen {
        id: "t",
        shows: Shows::Application { editable: false, place: "#timeline-heading" },
        alt: "",
        callouts: &[],
    };

    #[test]
    fn an_application_screen_shows_the_newest_application_it_can() {
        let applications = [(9, State::Submitted), (7, State::ReturnedForChanges), (3, State::Draft)];
        assert_eq!(SIGNING.address(applications), "/applications/7#agreement-heading");
        assert_eq!(TIMELINE.address(applications), "/applications/9#timeline-heading");
        assert_eq!(SIGNING.address([(9, State::Submitted)]), "/applications#start-heading");
        assert_eq!(TIMELINE.address([]), "/applications#start-heading");
    }

    #[test]
    fn a_page_screen_shows_its_page() {
        let billing = Screen { id: "b", shows: Shows::Page("/billing"), alt: "", callouts: &[] };
        assert_eq!(billing.address([(1, State::Draft)]), "/billing");
        assert_eq!(show_me(&billing), "/guides/screens/b");
    }
}
