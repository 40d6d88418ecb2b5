//! What the wizard island knows and does: where the user is, the application's server copy (one
//! save at a time, on the version the last one returned), and the draft kept on this device.
use super::ServerCopy;
#[cfg(feature = "hydrate")]
use super::link;
#[cfg(feature = "hydrate")]
use crate::offline::drafts::{self, Draft};
use crate::{
    domain::validation::FieldError,
    error::AppError,
    wizard::{Answers, Step, Wizard, current},
};
use leptos::prelude::*;

/// Where the wizard is: the step, the answers, and the problems to show.
#[derive(Clone)]
pub(super) struct Place {
    pub step: &'static Step,
    pub answers: Answers,
    pub errors: Vec<FieldError>,
}

/// Where the server copy stands, as the user is told.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) enum SaveState {
    Saved,
    Saving,
    /// Kept on this device; sent when the network is back.
    OnDevice,
    /// Someone saved another version (`current`) since these answers were started.
    Conflict(i32),
    Refused(AppError),
}

/// The island's state: handles, so each part gets a copy.
#[derive(Clone, Copy)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub(super) struct WizardState {
    pub wizard: &'static Wizard,
    pub application: Option<ServerCopy>,
    pub place: RwSignal<Place>,
    /// The server copy's version these answers are on.
    pub version: RwSignal<Option<i32>>,
    pub sync: RwSignal<SaveState>,
    /// Whether answers kept on this device were brought back.
    pub restored: RwSignal<bool>,
    /// Whether the stored draft has been read: saving waits for it, or the page's first step
    /// would overwrite it.
    loaded: RwSignal<bool>,
    /// Answers typed before then (`typed`): kept once the draft is read, unless a draft was
    /// brought back.
    early: StoredValue<Option<(&'static str, Answers)>>,
    /// The device store's key of this wizard's draft.
    key: StoredValue<String>,
    /// The application's answers as the server gave them with the page.
    saved_answers: StoredValue<Answers>,
    saving: StoredValue<bool>,
    /// Answers given while a save is under way: only the newest is sent, then `then` is opened.
    waiting: StoredValue<Option<(Answers, Option<String>)>>,
}

impl WizardState {
    pub fn new(wizard: &'static Wizard, application: Option<ServerCopy>, place: Place) -> WizardState {
        WizardState {
            wizard,
            application,
            key: StoredValue::new(crate::offline::draft_key(wizard.id, application.map(|copy| copy.id))),
            saved_answers: StoredValue::new(place.answers.clone()),
            place: RwSignal::new(place),
            version: RwSignal::new(application.map(|a| a.version)),
            sync: RwSignal::new(SaveState::Saved),
            restored: RwSignal::new(false),
            loaded: RwSignal::new(false),
            early: StoredValue::new(None),
            saving: StoredValue::new(false),
            waiting: StoredValue::new(None),
        }
    }

    /// Moving on: a new history entry, so the browser's back button walks the steps.
    pub fn go(self, next: Place) {
        #[cfg(feature = "hydrate")]
        push_url(&link(next.step.id, &next.answers));
        self.send(next.answers.clone(), None);
        self.place.set(next);
    }

    /// The answers to `step`: the next step if they pass, else the same step with its problems.
    pub fn answer(self, step: &'static Step, answers: Answers) {
        let (step, errors) = current(self.wizard, None, Some(step.id), &answers);
        if errors.is_empty() {
            self.go(Place { step, answers, errors });
        } else {
            self.place.set(Place { step, answers, errors });
        }
    }

    /// A link's click handler that moves to `target` in place.
    pub fn to(self, target: &'static Step, answers: &Answers) -> impl FnMut(leptos::ev::MouseEvent) + 'static {
        let answers = answers.clone();
        move |ev| {
            ev.prevent_default();
            self.go(Place { step: target, answers: answers.clone(), errors: Vec::new() });
        }
    }

    /// Keeps the answers on this device as they are typed.
    pub fn keep(self, step: &'static str, answers: Answers) {
        #[cfg(feature = "hydrate")]
        if self.loaded.get_untracked() {
            let draft = Draft { step: step.to_string(), answers, version: self.version.get_untracked() };
            leptos::task::spawn_local(async move { drafts::save(&self.key.get_value(), &draft).await });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (step, answers);
    }

    /// The step's answers as they are typed: kept, or, typed before the draft has been read and
    /// unlike what the page showed, kept once it has been.
    pub fn typed(self, step: &'static str, answers: Answers) {
        if self.loaded.get_untracked() {
            self.keep(step, answers);
        } else if self.place.with_untracked(|p| !same_answers(&p.answers, &answers)) {
            self.early.set_value(Some((step, answers)));
        }
    }

    /// Sends the answers to the server copy (an application's); what the server says decides what
    /// the user is told. With `then`, the browser opens that address once they are saved.
    pub fn send(self, answers: Answers, then: Option<String>) {
        let Some(copy) = self.application else { return };
        if self.saving.get_value() {
            self.waiting.set_value(Some((answers, then)));
            return;
        }
        self.saving.set_value(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let mut next = Some((answers, then));
            while let Some((answers, then)) = next.take() {
                let Some(base) = self.version.get_untracked() else { break };
                self.sync.set(SaveState::Saving);
                let saved = crate::api::applications::save_application(copy.id, base, answers.clone()).await;
                next = self.saved(saved, answers, then).await;
            }
            // What waited behind a failed save stays on the device (and in the page) for the next try.
            self.waiting.set_value(None);
            self.saving.set_value(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (copy, answers, then);
    }

    /// After one save: what to send next, if anything.
    #[cfg(feature = "hydrate")]
    async fn saved(
        self,
        saved: Result<i32, AppError>,
        answers: Answers,
        then: Option<String>,
    ) -> Option<(Answers, Option<String>)> {
        match saved {
            Ok(new) => {
                self.version.set(Some(new));
                self.sync.set(SaveState::Saved);
                let mut next = self.waiting.try_update_value(Option::take).flatten();
                if next.is_none() {
                    // The server has these answers: the device keeps only what it has not
                    // (answers given later are stored after this: the store keeps order).
                    drafts::remove(&self.key.get_value()).await;
                    // Answers given, or "save and continue" pressed, meanwhile go next.
                    next = self.waiting.try_update_value(Option::take).flatten();
                }
                if next.is_none()
                    && let Some(href) = then
                {
                    crate::components::session::go_to(&href);
                }
                return next;
            }
            Err(AppError::Conflict { current }) => self.sync.set(SaveState::Conflict(current)),
            Err(AppError::Transport(_) | AppError::Unavailable) => self.sync.set(SaveState::OnDevice),
            Err(AppError::Invalid(errors)) => {
                // Back to the step whose answer the server refused (an OID the register lacks).
                let step = errors
                    .first()
                    .and_then(|e| self.wizard.steps.iter().find(|s| s.fields.iter().any(|f| f.name == e.field)))
                    .unwrap_or(self.place.with_untracked(|p| p.step));
                push_url(&link(step.id, &answers));
                self.place.set(Place { step, answers, errors: errors.clone() });
                self.sync.set(SaveState::Refused(AppError::Invalid(errors)));
            }
            Err(other) => self.sync.set(SaveState::Refused(other)),
        }
        None
    }

    /// Conflict: keep this device's answers over the newer version.
    pub fn keep_mine(self) {
        if let SaveState::Conflict(current) = self.sync.get_untracked() {
            self.version.set(Some(current));
            self.send(self.place.with_untracked(|p| p.answers.clone()), None);
        }
    }

    /// Conflict: take the newer version, forgetting this device's answers.
    pub fn take_theirs(self) {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            drafts::remove(&self.key.get_value()).await;
            crate::components::session::reload();
        });
    }

    /// The first step shows once the device has forgotten the answers: a reload or a closed tab
    /// right after "start over" cannot bring them back.
    pub fn start_over(self) {
        let first = Place { step: self.wizard.first(), answers: Answers::new(), errors: Vec::new() };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            drafts::remove(&self.key.get_value()).await;
            self.restored.set(false);
            self.go(first);
        });
        #[cfg(not(feature = "hydrate"))]
        {
            self.restored.set(false);
            self.go(first);
        }
    }

    /// In the browser: the place follows the address (and the back and forward buttons), the
    /// draft on this device is brought back, every step reached is kept, and what waited on the
    /// device goes to the server when the network is back.
    #[cfg(feature = "hydrate")]
    pub fn follow_the_address_and_the_draft(self) {
        Effect::new(move || {
            self.follow_address();
            leptos::task::spawn_local(async move {
                let brought_back = self.restore_draft().await;
                self.loaded.set(true);
                if let Some((step, answers)) = self.early.try_update_value(Option::take).flatten()
                    && !brought_back
                {
                    self.keep(step, answers);
                }
            });
        });
        let handle = window_event_listener(leptos::ev::popstate, move |_| self.follow_address());
        on_cleanup(move || handle.remove());
        let online = window_event_listener(leptos::ev::online, move |_| {
            if self.sync.get_untracked() == SaveState::OnDevice {
                self.send(self.place.with_untracked(|p| p.answers.clone()), None);
            }
        });
        on_cleanup(move || online.remove());
        Effect::new(move || self.place.with(|p| self.keep(p.step.id, p.answers.clone())));
    }

    /// The place the address names. A page stored for offline use shows the first step, and the
    /// browser's back and forward buttons change only the address.
    #[cfg(feature = "hydrate")]
    fn follow_address(self) {
        let Some(params) = query_params() else { return };
        // An application's saved answers lie under the address's (a plain `?step=` link).
        let mut answers = if self.application.is_some() { self.saved_answers.get_value() } else { Answers::new() };
        answers.extend(crate::wizard::answers_in(self.wizard, |name| params.get(name)));
        let (step, errors) =
            current(self.wizard, params.get("step").as_deref(), params.get("from").as_deref(), &answers);
        if self.place.with_untracked(|p| p.step.id != step.id || p.answers != answers || p.errors != errors) {
            self.place.set(Place { step, answers, errors });
        }
    }

    /// The draft on this device: its answers under the address's, and its step unless the
    /// address names one. Whether there was one to bring back.
    #[cfg(feature = "hydrate")]
    async fn restore_draft(self) -> bool {
        let Some(draft) = drafts::load(&self.key.get_value()).await else { return false };
        // An application's draft the server already has: nothing to bring back.
        if self.application.is_some()
            && self.saved_answers.with_value(|saved| {
                let services = [crate::wizard::application::SERVICES];
                self.wizard.normalise(&draft.answers, &services).ok().as_ref() == Some(saved)
            })
        {
            return false;
        }
        // Answers made on this device on an older version than the server's: someone else has
        // saved since. The user chooses; nothing is overwritten meanwhile.
        let stale = draft.version.is_some() && draft.version != self.version.get_untracked();
        let named = query_params().is_some_and(|p| p.has("step") || p.has("from"));
        let (here, mut answers) = self.place.with_untracked(|p| (p.step.id, p.answers.clone()));
        for (name, value) in draft.answers {
            answers.entry(name).or_insert(value);
        }
        let (step, _) = current(self.wizard, Some(if named { here } else { draft.step.as_str() }), None, &answers);
        self.restored.set(step.id != self.wizard.first().id || answers.values().any(|v| !v.is_empty()));
        if self.place.with_untracked(|p| p.step.id != step.id || p.answers != answers) {
            push_url(&link(step.id, &answers));
            self.place.set(Place { step, answers: answers.clone(), errors: Vec::new() });
        }
        match (self.application, stale) {
            (Some(_), true) => self.sync.set(SaveState::Conflict(self.version.get_untracked().unwrap_or_default())),
            // Unsent answers of this version: send them now.
            (Some(_), false) => self.send(answers, None),
            (None, _) => {}
        }
        true
    }
}

/// The same answers, an empty one counting as none (a field shows an unanswered question empty).
fn same_answers(a: &Answers, b: &Answers) -> bool {
    // Both ordered by name (BTreeMap), so they compare in step, without copies.
    fn given(answers: &Answers) -> impl Iterator<Item = (&String, &String)> {
        answers.iter().filter(|(_, v)| !v.is_empty())
    }
    given(a).eq(given(b))
}

#[cfg(feature = "hydrate")]
fn push_url(query: &str) {
    if let Some(w) = web_sys::window()
        && let Ok(history) = w.history()
    {
        let path = w.location().pathname().unwrap_or_default();
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("{path}{query}")));
    }
}

#[cfg(feature = "hydrate")]
fn query_params() -> Option<web_sys::UrlSearchParams> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search).ok()
}

#[cfg(test)]
mod tests {
    use super::same_answers;
    use crate::wizard::Answers;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn an_empty_answer_counts_as_none() {
        assert!(same_answers(&answers(&[("a", "1"), ("b", "")]), &answers(&[("a", "1")])));
        assert!(same_answers(&answers(&[("b", "")]), &answers(&[])));
        assert!(!same_answers(&answers(&[("a", "1")]), &answers(&[("a", "2")])));
        assert!(!same_answers(&answers(&[("a", "1")]), &answers(&[("a", "1"), ("c", "3")])));
    }
}
