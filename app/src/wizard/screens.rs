//! Screens of the product shown in the guides: what each shows and says, and the pictures
//! `make guide-images` made of it (listed in `assets/screens/screens.json`). The figure is
//! `components::wizard::screen`.
//!
//! The pictures are screenshots of the sandbox in each language at a phone's and a desktop's
//! width, with a margin on the left; the numbered marks are drawn beside the elements the
//! generator measured (`end2end/tests/guide-screens.spec.ts`).
use crate::{domain::application::State, i18n::Lang};
use serde::{Deserialize, Serialize};
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
    /// The organisation's application `which` names, at `place` (a query or a fragment).
    Application { which: Which, place: &'static str },
}

/// Which of the organisation's applications an application's screen shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// The newest, whatever its state.
    Newest,
    /// One the applicant may change: a returned one first, as the dashboard's tasks rank it, else
    /// the newest draft.
    Editable,
    /// A complete draft whose agreement waits for a signature; else an editable one, at its top,
    /// where its answers go on.
    ReadyToSign,
}

/// What "show me this page" knows of the organisation's applications.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applications {
    /// Id and state, newest first.
    pub all: Vec<(i32, State)>,
    /// Complete drafts whose agreement waits for a signature, newest first.
    pub ready_to_sign: Vec<i32>,
    /// The dashboard shows the box that starts an application (a service is left to apply for).
    pub can_start: bool,
}

impl Screen {
    /// The address "show me this page" leads to for an organisation with `known` applications:
    /// the dashboard's start box (or the dashboard, when nothing is left to start) where it has
    /// none the screen can show.
    pub fn address(&self, known: &Applications) -> String {
        let (which, place) = match self.shows {
            Shows::Page(path) => return path.to_string(),
            Shows::Application { which, place } => (which, place),
        };
        let editable = || {
            let returned = known.all.iter().find(|(_, state)| *state == State::ReturnedForChanges);
            returned.or_else(|| known.all.iter().find(|(_, state)| state.is_editable())).map(|&(id, _)| id)
        };
        let found = match which {
            Which::Newest => known.all.first().map(|&(id, _)| (id, place)),
            Which::Editable => editable().map(|id| (id, place)),
            Which::ReadyToSign => {
                known.ready_to_sign.first().map(|&id| (id, place)).or_else(|| editable().map(|id| (id, "")))
            }
        };
        match found {
            Some((id, place)) => format!("/applications/{id}{place}"),
            None if known.can_start => "/applications#start-heading".to_string(),
            None => "/applications".to_string(),
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

    const fn showing(which: Which, place: &'static str) -> Screen {
        Screen { id: "s", shows: Shows::Application { which, place }, alt: "", callouts: &[] }
    }
    const CHECK: Screen = showing(Which::Editable, "?step=check");
    const SIGNING: Screen = showing(Which::ReadyToSign, "#agreement-heading");
    const TIMELINE: Screen = showing(Which::Newest, "#timeline-heading");

    fn known(all: &[(i32, State)], ready_to_sign: &[i32], can_start: bool) -> Applications {
        Applications { all: all.to_vec(), ready_to_sign: ready_to_sign.to_vec(), can_start }
    }

    #[test]
    fn an_application_screen_shows_the_application_it_can() {
        let some = known(&[(9, State::Submitted), (8, State::Draft), (7, State::ReturnedForChanges)], &[8], true);
        assert_eq!(CHECK.address(&some), "/applications/7?step=check", "a returned one first");
        assert_eq!(SIGNING.address(&some), "/applications/8#agreement-heading");
        assert_eq!(TIMELINE.address(&some), "/applications/9#timeline-heading");
        let unfinished = known(&[(3, State::Draft)], &[], true);
        assert_eq!(SIGNING.address(&unfinished), "/applications/3", "its answers go on first");
    }

    #[test]
    fn without_such_an_application_the_dashboard_starts_one_if_it_can() {
        let sent = known(&[(9, State::Submitted)], &[], true);
        assert_eq!(SIGNING.address(&sent), "/applications#start-heading");
        assert_eq!(TIMELINE.address(&known(&[], &[], true)), "/applications#start-heading");
        assert_eq!(CHECK.address(&known(&[(9, State::InProduction)], &[], false)), "/applications");
    }

    #[test]
    fn a_page_screen_shows_its_page() {
        let billing = Screen { id: "b", shows: Shows::Page("/billing"), alt: "", callouts: &[] };
        assert_eq!(billing.address(&known(&[(1, State::Draft)], &[], true)), "/billing");
        assert_eq!(show_me(&billing), "/guides/screens/b");
    }
}
