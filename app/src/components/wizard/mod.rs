//! One island renders any wizard. The step and the answers live in the URL, so every step can be
//! read, linked and answered without JavaScript (links and a GET form); with it, the island moves
//! between steps in place, validates before leaving a step, keeps the URL in step with the
//! history, and moves focus to the new step's heading.
//!
//! `state` holds what the island knows and does (the place, the server copy, the device's draft);
//! `step` draws the current step; `screen` a guide's picture of the product.
pub mod screen;
mod state;
mod step;

use crate::{
    components::session::encode,
    i18n::tr,
    wizard::{Answers, Wizard, application::APPLICATION, current, guides},
};
use leptos::{html, prelude::*};
use serde::{Deserialize, Serialize};
use state::{Place, SaveState, WizardState};
use step::CurrentStep;

/// The application a wizard edits: each step is saved to the server on the version the page
/// was given, and kept on the device until the server has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerCopy {
    pub id: i32,
    pub version: i32,
}

/// Where a wizard ends: a guide's link into the product, or an application's page, and the
/// message id of the button's label.
#[derive(Clone)]
struct Finish {
    href: String,
    label: &'static str,
}

/// A wizard by id, and where it ends.
fn definition(id: &str, application: Option<ServerCopy>) -> Option<(&'static Wizard, Finish)> {
    match application {
        Some(copy) if id == APPLICATION.id => Some((
            &APPLICATION,
            Finish { href: format!("/applications/{}", copy.id), label: msg!("application-save-and-continue") },
        )),
        Some(_) => None,
        None => guides::by_id(id).map(|g| (&g.wizard, Finish { href: g.finish.0.to_string(), label: g.finish.1 })),
    }
}

/// `?step=…` plus the answers, for links between steps.
fn link(step: &str, answers: &Answers) -> String {
    let mut query = format!("?step={}", encode(step));
    for (name, value) in answers.iter().filter(|(_, v)| !v.is_empty()) {
        query.push_str(&format!("&{}={}", encode(name), encode(value)));
    }
    query
}

/// The wizard `wizard` at the place the URL names (`?step=`, or `?from=` for answers just sent);
/// with `application`, the answers are that application's and are saved to the server.
#[island(lazy)]
pub fn WizardView(
    wizard: String,
    requested: Option<String>,
    from: Option<String>,
    answers: Answers,
    application: Option<ServerCopy>,
) -> impl IntoView {
    let Some((wizard, finish)) = definition(&wizard, application) else {
        return ().into_any();
    };
    let (step, errors) = current(wizard, requested.as_deref(), from.as_deref(), &answers);
    let state = WizardState::new(wizard, application, Place { step, answers, errors });
    #[cfg(feature = "hydrate")]
    state.follow_the_address_and_the_draft();
    let heading = NodeRef::<html::H2>::new();
    let summary = NodeRef::<html::Div>::new();
    focus_each_new_step(state, heading, summary);
    view! {
        <div class="wizard">
            <h1>{tr(wizard.title)}</h1>
            <DraftRestored state/>
            <SyncStatus state/>
            {move || view! { <CurrentStep state place=state.place.get() finish=finish.clone() heading summary/> }}
        </div>
    }
    .into_any()
}

/// A new step: the screen reader and the keyboard start at its heading; problems: at their list.
/// Not on the first run: the island hydrates when the user first uses it, wherever they are.
fn focus_each_new_step(state: WizardState, heading: NodeRef<html::H2>, summary: NodeRef<html::Div>) {
    Effect::new(move |previous: Option<&'static str>| {
        let (id, has_errors) = state.place.with(|p| (p.step.id, !p.errors.is_empty()));
        if let Some(previous) = previous {
            if has_errors {
                if let Some(s) = summary.get_untracked() {
                    let _ = s.focus();
                }
            } else if previous != id
                && let Some(h) = heading.get_untracked()
            {
                let _ = h.focus();
            }
        }
        id
    });
}

/// Answers kept on this device were brought back: says so, and offers to start over.
#[component]
fn DraftRestored(state: WizardState) -> impl IntoView {
    move || {
        state.restored.get().then(|| {
            view! {
                <div class="notice" role="status" id="draft-restored">
                    <p>{t!("wizard-draft-restored")}</p>
                    <button type="button" class="button button--secondary" on:click=move |_| state.start_over()>
                        {t!("wizard-start-over")}
                    </button>
                </div>
            }
        })
    }
}

/// An application's save state; on a conflict, the choice between this device's answers and the
/// newer version.
#[component]
fn SyncStatus(state: WizardState) -> impl IntoView {
    move || {
        state.application.map(|_| {
            let (text, class) = match state.sync.get() {
                SaveState::Saved => (tr(msg!("application-sync-saved")), "sync"),
                SaveState::Saving => (tr(msg!("application-sync-saving")), "sync"),
                SaveState::OnDevice => (tr(msg!("application-sync-on-device")), "sync sync--waiting"),
                SaveState::Conflict(_) => (tr(msg!("application-sync-conflict")), "sync sync--conflict"),
                SaveState::Refused(e) => (tr(e.message_id()), "sync sync--refused"),
            };
            let conflict = matches!(state.sync.get(), SaveState::Conflict(_));
            view! {
                <div class=class role="status" id="sync-status">
                    <p>{text}</p>
                    {conflict.then(|| view! {
                        <button type="button" class="button" id="keep-mine" on:click=move |_| state.keep_mine()>
                            {t!("application-keep-mine")}
                        </button>
                        " "
                        <button type="button" class="button button--secondary" id="take-theirs" on:click=move |_| state.take_theirs()>
                            {t!("application-take-theirs")}
                        </button>
                    })}
                </div>
            }
        })
    }
}
