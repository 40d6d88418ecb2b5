//! One island renders any wizard. The step and the answers live in the URL, so every step can be
//! read, linked and answered without JavaScript (links and a GET form); with it, the island moves
//! between steps in place, validates before leaving a step, keeps the URL in step with the
//! history, and moves focus to the new step's heading.
use super::{Answers, FieldKind, Illustration, Step, Wizard, application::APPLICATION, guides, screens::ScreenFigure};
#[cfg(feature = "hydrate")]
use crate::offline::drafts::{self, Draft};
use crate::{
    components::form::{Choice, Control, ErrorSummary, Field as InputField},
    domain::validation::FieldError,
    error::AppError,
    i18n::tr,
};
use leptos::{html, prelude::*, server_fn::ServerFn};
use serde::{Deserialize, Serialize};

/// The application a wizard edits: each step is saved to the server on the version the page
/// was given, and kept on the device until the server has it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServerCopy {
    pub id: i32,
    pub version: i32,
}

/// Where the server copy stands, as the user is told.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum SaveState {
    Saved,
    Saving,
    /// Kept on this device; sent when the network is back.
    OnDevice,
    /// Someone saved another version (`current`) since these answers were started.
    Conflict(i32),
    Refused(AppError),
}

/// A wizard by id, and where it ends: a guide's link into the product, or an application's page.
fn definition(id: &str, application: Option<ServerCopy>) -> Option<(&'static Wizard, String, &'static str)> {
    match application {
        Some(copy) if id == APPLICATION.id => {
            Some((&APPLICATION, format!("/applications/{}", copy.id), msg!("application-save-and-continue")))
        }
        Some(_) => None,
        None => guides::by_id(id).map(|g| (&g.wizard, g.finish.0.to_string(), g.finish.1)),
    }
}

/// `?step=…` plus the answers, for links between steps.
fn link(step: &str, answers: &Answers) -> String {
    let mut query = format!("?step={}", crate::components::session::encode(step));
    for (name, value) in answers.iter().filter(|(_, v)| !v.is_empty()) {
        query.push_str(&format!(
            "&{}={}",
            crate::components::session::encode(name),
            crate::components::session::encode(value)
        ));
    }
    query
}

/// The step to show, and the problems of the step just answered (shown again with them).
pub fn current(
    wizard: &'static Wizard,
    requested: Option<&str>,
    from: Option<&str>,
    answers: &Answers,
) -> (&'static Step, Vec<FieldError>) {
    if let Some(from) = from.and_then(|id| wizard.step(id)) {
        let errors = wizard.validate(from, answers);
        if !errors.is_empty() {
            return (from, errors);
        }
        return (wizard.next(from, answers).unwrap_or(from), Vec::new());
    }
    let step = requested.and_then(|id| wizard.step(id)).filter(|s| wizard.position(s.id, answers).is_some());
    (step.unwrap_or(wizard.first()), Vec::new())
}

/// Where the wizard is: the step, the answers, and the problems to show.
#[derive(Clone)]
struct Place {
    step: &'static Step,
    answers: Answers,
    errors: Vec<FieldError>,
}

/// The answers of `wizard` among query parameters.
pub fn answers_in(wizard: &Wizard, params: impl Fn(&str) -> Option<String>) -> Answers {
    wizard.steps.iter().flat_map(|s| s.fields).filter_map(|f| params(f.name).map(|v| (f.name.to_string(), v))).collect()
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
    let Some((wizard, finish_href, finish_label)) = definition(&wizard, application) else {
        return ().into_any();
    };
    let key = StoredValue::new(crate::offline::draft_key(wizard.id, application.map(|copy| copy.id)));
    let saved_answers = StoredValue::new(answers.clone());
    #[cfg(not(feature = "hydrate"))]
    let _ = (key, saved_answers);
    let (step, errors) = current(wizard, requested.as_deref(), from.as_deref(), &answers);
    let place = RwSignal::new(Place { step, answers, errors });
    let heading = NodeRef::<html::H2>::new();
    let summary = NodeRef::<html::Div>::new();
    let version = RwSignal::new(application.map(|a| a.version));
    let sync = RwSignal::new(SaveState::Saved);

    // The server copy: sent at every step; what the server says decides what the user is told.
    // One save at a time, each on the version the last one returned; answers given meanwhile
    // wait, and only the newest of them is sent.
    let saving = StoredValue::new(false);
    let waiting = StoredValue::new(None::<(Answers, Option<String>)>);
    let send = move |answers: Answers, then: Option<String>| {
        let Some(copy) = application else { return };
        if saving.get_value() {
            waiting.set_value(Some((answers, then)));
            return;
        }
        saving.set_value(true);
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let mut next = Some((answers, then));
            while let Some((answers, then)) = next.take() {
                let Some(base) = version.get_untracked() else { break };
                sync.set(SaveState::Saving);
                match crate::api::onboarding::save_application(copy.id, base, answers.clone()).await {
                    Ok(new) => {
                        version.set(Some(new));
                        sync.set(SaveState::Saved);
                        next = waiting.try_update_value(Option::take).flatten();
                        if next.is_none() {
                            // The server has these answers: the device keeps only what it has not
                            // (answers given later are stored after this: the store keeps order).
                            drafts::remove(&key.get_value()).await;
                            // Answers given, or "save and continue" pressed, meanwhile go next.
                            next = waiting.try_update_value(Option::take).flatten();
                        }
                        if next.is_none()
                            && let Some(href) = then
                        {
                            crate::components::session::go_to(&href);
                        }
                    }
                    Err(AppError::Conflict { current }) => sync.set(SaveState::Conflict(current)),
                    Err(AppError::Transport(_) | AppError::Unavailable) => sync.set(SaveState::OnDevice),
                    Err(AppError::Invalid(errors)) => {
                        // Back to the step whose answer the server refused (an OID the register lacks).
                        let step = errors
                            .first()
                            .and_then(|e| wizard.steps.iter().find(|s| s.fields.iter().any(|f| f.name == e.field)))
                            .unwrap_or(place.with_untracked(|p| p.step));
                        push_url(&link(step.id, &answers));
                        place.set(Place { step, answers, errors: errors.clone() });
                        sync.set(SaveState::Refused(AppError::Invalid(errors)));
                    }
                    Err(other) => sync.set(SaveState::Refused(other)),
                }
            }
            // What waited behind a failed save stays on the device (and in the page) for the next try.
            waiting.set_value(None);
            saving.set_value(false);
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (copy, answers, then, version, sync, waiting);
    };

    // Moving on: a new history entry, so the browser's back button walks the steps.
    let go = move |next: Place| {
        #[cfg(feature = "hydrate")]
        push_url(&link(next.step.id, &next.answers));
        send(next.answers.clone(), None);
        place.set(next);
    };
    // Whether answers kept on this device were brought back, and whether saving may start (not
    // before the stored draft has been read, or the page's first step would overwrite it).
    let restored = RwSignal::new(false);
    let loaded = RwSignal::new(false);
    let keep = move |step: &'static str, answers: Answers| {
        #[cfg(feature = "hydrate")]
        if loaded.get_untracked() {
            let draft = Draft { step: step.to_string(), answers, version: version.get_untracked() };
            leptos::task::spawn_local(async move { drafts::save(&key.get_value(), &draft).await });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (step, answers, loaded);
    };
    #[cfg(feature = "hydrate")]
    {
        // The place the address names. A page stored for offline use shows the first step, and
        // the browser's back and forward buttons change only the address.
        let follow_address = move || {
            let Some(params) = query_params() else { return };
            // An application's saved answers lie under the address's (a plain `?step=` link).
            let mut answers = if application.is_some() { saved_answers.get_value() } else { Answers::new() };
            answers.extend(answers_in(wizard, |name| params.get(name)));
            let (step, errors) =
                current(wizard, params.get("step").as_deref(), params.get("from").as_deref(), &answers);
            if place.with_untracked(|p| p.step.id != step.id || p.answers != answers || p.errors != errors) {
                place.set(Place { step, answers, errors });
            }
        };
        Effect::new(move || {
            follow_address();
            // Then the draft: its answers under the address's, and its step unless the address names one.
            leptos::task::spawn_local(async move {
                if let Some(draft) = drafts::load(&key.get_value()).await
                    && (application.is_none()
                        || saved_answers.with_value(|saved| {
                            wizard.normalise(&draft.answers, &[super::application::SERVICES]).ok().as_ref()
                                != Some(saved)
                        }))
                {
                    // Answers made on this device on an older version than the server's: someone
                    // else has saved since. The user chooses; nothing is overwritten meanwhile.
                    let stale = draft.version.is_some() && draft.version != version.get_untracked();
                    let named = query_params().is_some_and(|p| p.has("step") || p.has("from"));
                    let (here, mut answers) = place.with_untracked(|p| (p.step.id, p.answers.clone()));
                    for (name, value) in draft.answers {
                        answers.entry(name).or_insert(value);
                    }
                    let (step, _) =
                        current(wizard, Some(if named { here } else { draft.step.as_str() }), None, &answers);
                    restored.set(step.id != wizard.first().id || answers.values().any(|v| !v.is_empty()));
                    if place.with_untracked(|p| p.step.id != step.id || p.answers != answers) {
                        push_url(&link(step.id, &answers));
                        place.set(Place { step, answers: answers.clone(), errors: Vec::new() });
                    }
                    match (application, stale) {
                        (Some(_), true) => sync.set(SaveState::Conflict(version.get_untracked().unwrap_or_default())),
                        // Unsent answers of this version: send them now.
                        (Some(_), false) => send(answers, None),
                        (None, _) => {}
                    }
                }
                loaded.set(true);
            });
        });
        let handle = window_event_listener(leptos::ev::popstate, move |_| follow_address());
        on_cleanup(move || handle.remove());
        // Back online: what waited on the device goes to the server.
        let online = window_event_listener(leptos::ev::online, move |_| {
            if sync.get_untracked() == SaveState::OnDevice {
                send(place.with_untracked(|p| p.answers.clone()), None);
            }
        });
        on_cleanup(move || online.remove());
        // Every step reached is kept.
        Effect::new(move || place.with(|p| keep(p.step.id, p.answers.clone())));
    }
    // Conflict: keep this device's answers over the newer version, or take the newer one.
    let keep_mine = move |_| {
        if let SaveState::Conflict(current) = sync.get_untracked() {
            version.set(Some(current));
            send(place.with_untracked(|p| p.answers.clone()), None);
        }
    };
    let take_theirs = move |_| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            drafts::remove(&key.get_value()).await;
            crate::components::session::reload();
        });
    };
    // The first step shows once the device has forgotten the answers: a reload or a closed tab
    // right after "start over" cannot bring them back.
    let start_over = move |_| {
        let first = Place { step: wizard.first(), answers: Answers::new(), errors: Vec::new() };
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            drafts::remove(&key.get_value()).await;
            restored.set(false);
            go(first);
        });
        #[cfg(not(feature = "hydrate"))]
        {
            restored.set(false);
            go(first);
        }
    };
    // A new step: the screen reader and the keyboard start at its heading; problems: at their list.
    // Not on the first run: the island hydrates when the user first uses it, wherever they are.
    Effect::new(move |previous: Option<&'static str>| {
        let (id, has_errors) = place.with(|p| (p.step.id, !p.errors.is_empty()));
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

    view! {
        <div class="wizard">
            <h1>{tr(wizard.title)}</h1>
            {move || {
                restored
                    .get()
                    .then(|| {
                        view! {
                            <div class="notice" role="status" id="draft-restored">
                                <p>{t!("wizard-draft-restored")}</p>
                                <button type="button" class="button button--secondary" on:click=start_over>
                                    {t!("wizard-start-over")}
                                </button>
                            </div>
                        }
                    })
            }}
            {move || {
                application.map(|_| {
                    let (text, class) = match sync.get() {
                        SaveState::Saved => (tr(msg!("application-sync-saved")), "sync"),
                        SaveState::Saving => (tr(msg!("application-sync-saving")), "sync"),
                        SaveState::OnDevice => (tr(msg!("application-sync-on-device")), "sync sync--waiting"),
                        SaveState::Conflict(_) => (tr(msg!("application-sync-conflict")), "sync sync--conflict"),
                        SaveState::Refused(e) => (tr(e.message_id()), "sync sync--refused"),
                    };
                    let conflict = matches!(sync.get(), SaveState::Conflict(_));
                    view! {
                        <div class=class role="status" id="sync-status">
                            <p>{text}</p>
                            {conflict.then(|| view! {
                                <button type="button" class="button" id="keep-mine" on:click=keep_mine>{t!("application-keep-mine")}</button>
                                " "
                                <button type="button" class="button button--secondary" id="take-theirs" on:click=take_theirs>{t!("application-take-theirs")}</button>
                            })}
                        </div>
                    }
                })
            }}
            {move || {
                let Place { step, answers, errors } = place.get();
                let (n, total) = wizard.position(step.id, &answers).unwrap_or((1, 1));
                let path = wizard.path(&answers);
                let to = move |target: &'static Step, answers: &Answers| {
                    let answers = answers.clone();
                    move |ev: leptos::ev::MouseEvent| {
                        ev.prevent_default();
                        go(Place { step: target, answers: answers.clone(), errors: Vec::new() });
                    }
                };
                let steps = path
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let current = (s.id == step.id).then_some("step");
                        let label = tr(s.heading);
                        if i + 1 < n {
                            view! { <li><a href=link(s.id, &answers) on:click=to(s, &answers)>{label}</a></li> }.into_any()
                        } else {
                            view! { <li aria-current=current>{label}</li> }.into_any()
                        }
                    })
                    .collect_view();
                let back = (n > 1).then(|| {
                    let previous = path[n - 2];
                    view! {
                        <a class="button button--secondary" href=link(previous.id, &answers) on:click=to(previous, &answers)>
                            {t!("wizard-back")}
                        </a>
                    }
                });
                let finish_href = finish_href.clone();
                let finish_answers = answers.clone();
                let forward = match wizard.next(step, &answers) {
                    None => Some(
                        match application {
                            // The answers go to the server; without JavaScript as a plain form post.
                            Some(copy) => {
                                let hidden = finish_answers
                                    .iter()
                                    .map(|(name, value)| {
                                        view! { <input type="hidden" name=format!("answers[{name}]") value=value.clone()/> }
                                    })
                                    .collect_view();
                                view! {
                                    <form method="post" action=crate::api::onboarding::SaveApplication::url() class="inline-form"
                                        on:submit=move |ev| {
                                            ev.prevent_default();
                                            send(finish_answers.clone(), Some(finish_href.clone()));
                                        }>
                                        <input type="hidden" name="id" value=copy.id/>
                                        <input type="hidden" name="version" value=move || version.get().unwrap_or(copy.version)/>
                                        {hidden}
                                        <button type="submit" class="button button--primary" id="wizard-finish">{tr(finish_label)}</button>
                                    </form>
                                }
                                    .into_any()
                            }
                            None => view! { <a class="button button--primary" href=finish_href.clone()>{tr(finish_label)}</a> }
                                .into_any(),
                        }
                    ),
                    Some(next) if step.fields.is_empty() => Some(
                        view! {
                            <a class="button button--primary" href=link(next.id, &answers) on:click=to(next, &answers)>
                                {t!("wizard-next")}
                            </a>
                        }
                            .into_any(),
                    ),
                    Some(_) => None,
                };
                // What is kept on this device, and for how long: browsers clear site storage
                // (Safari after seven days without a visit).
                let device_notice = match application {
                    Some(_) => msg!("application-device-notice"),
                    None => msg!("wizard-device-notice"),
                };
                let answer = move |answers: Answers| {
                    let (step, errors) = current(wizard, None, Some(step.id), &answers);
                    if errors.is_empty() {
                        go(Place { step, answers, errors });
                    } else {
                        place.set(Place { step, answers, errors });
                    }
                };
                view! {
                    <nav class="wizard__progress" aria-label=t!("wizard-progress")>
                        <p>{t!("wizard-step-of", n = n, total = total)}</p>
                        <ol>{steps}</ol>
                    </nav>
                    <section class="wizard__step" aria-labelledby="wizard-step-heading">
                        <StepBody step heading/>
                        {step.check_answers.then(|| view! { <CheckAnswers wizard answers=answers.clone() to/> })}
                        {(!step.fields.is_empty()).then(|| view! { <Questions step errors answers summary answer typed=keep/> })}
                        <div class="wizard__buttons">{back} {forward}</div>
                        {(!step.fields.is_empty()).then(|| view! { <p class="hint" id="device-notice">{tr(device_notice)}</p> })}
                    </section>
                }
            }}
        </div>
    }
    .into_any()
}

#[component]
fn StepBody(step: &'static Step, heading: NodeRef<html::H2>) -> impl IntoView {
    let paragraphs = step.paragraphs.iter().map(|p| view! { <p>{tr(p)}</p> }).collect_view();
    let illustration = step.illustration.map(|illustration| match illustration {
        Illustration::Drawing(file, alt) => view! {
            <img class="wizard__illustration" src=format!("/illustrations/{file}") alt=tr(alt) width="320" height="200"/>
        }
        .into_any(),
        Illustration::Screen(screen) => view! { <ScreenFigure screen/> }.into_any(),
    });
    view! {
        <h2 id="wizard-step-heading" tabindex="-1" node_ref=heading>{tr(step.heading)}</h2>
        {illustration}
        {paragraphs}
    }
}

/// Every answer on the path so far, with a link back to the step that asked it.
#[component]
fn CheckAnswers<F, H>(wizard: &'static Wizard, answers: Answers, to: F) -> impl IntoView
where
    F: Fn(&'static Step, &Answers) -> H + 'static,
    H: FnMut(leptos::ev::MouseEvent) + 'static,
{
    let rows = wizard
        .summary(&answers)
        .into_iter()
        .map(|(step, field, value)| {
            let shown = match field.kind {
                FieldKind::Choice(options) => {
                    options.iter().find(|(v, _)| *v == value).map(|(_, label)| tr(label)).unwrap_or(value)
                }
                _ => value,
            };
            view! {
                <div class="check-answers__row">
                    <dt>{tr(field.label)}</dt>
                    <dd>{shown}</dd>
                    <dd>
                        <a href=link(step.id, &answers) on:click=to(step, &answers)>
                            {t!("wizard-change")}
                            <span class="visually-hidden">{format!(" {}", tr(field.label))}</span>
                        </a>
                    </dd>
                </div>
            }
        })
        .collect_view();
    view! { <dl class="check-answers" id="check-answers">{rows}</dl> }
}

/// The step's questions: a GET form back to this page, carrying the other answers along. With
/// JavaScript, `answer` gets all the answers instead.
#[component]
fn Questions(
    step: &'static Step,
    errors: Vec<FieldError>,
    answers: Answers,
    summary: NodeRef<html::Div>,
    answer: impl Fn(Answers) + 'static,
    /// Gets this step's answers as they are typed.
    typed: impl Fn(&'static str, Answers) + 'static,
) -> impl IntoView {
    let errors = Signal::stored(errors);
    let labels = step.fields.iter().map(|f| (f.name, tr(f.label))).collect();
    let own: Vec<&str> = step.fields.iter().map(|f| f.name).collect();
    let carried = answers
        .iter()
        .filter(|(name, _)| !own.contains(&name.as_str()))
        .map(|(name, value)| view! { <input type="hidden" name=name.clone() value=value.clone()/> })
        .collect_view();
    let values: Vec<(&'static str, RwSignal<String>)> =
        step.fields.iter().map(|f| (f.name, RwSignal::new(answers.get(f.name).cloned().unwrap_or_default()))).collect();
    let fields = step
        .fields
        .iter()
        .zip(values.iter())
        .map(|(f, (_, value))| {
            let hint = f.hint.map(tr);
            let (control, autocomplete) = match f.kind {
                FieldKind::Choice(options) => {
                    let choices = options.iter().map(|(v, l)| (*v, tr(l))).collect();
                    return view! { <Choice id_prefix="wizard" name=f.name label=tr(f.label) choices value=*value errors/> }
                        .into_any();
                }
                FieldKind::LongText { .. } => (Control::Textarea, None),
                FieldKind::Email => (Control::Email, Some("email")),
                FieldKind::Phone => (Control::Tel, Some("tel")),
                FieldKind::Date { .. } => (Control::Date, None),
                _ => (Control::Text, None),
            };
            view! {
                <InputField id_prefix="wizard" name=f.name label=tr(f.label) hint=hint control
                    required=f.required autocomplete=autocomplete value=*value errors/>
            }
            .into_any()
        })
        .collect_view();
    let values = StoredValue::new(values);
    let with_typed = move |answers: &Answers, read: fn(&RwSignal<String>) -> String| {
        let mut all = answers.clone();
        values.with_value(|values| {
            for (name, value) in values {
                all.insert(name.to_string(), read(value));
            }
        });
        all
    };
    {
        let answers = answers.clone();
        Effect::new(move || typed(step.id, with_typed(&answers, |v| v.get())));
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        answer(with_typed(&answers, |v| v.get_untracked()));
    };
    view! {
        <ErrorSummary id_prefix="wizard" errors labels node_ref=summary/>
        // The error summary explains; the browser's own bubbles would not reach it.
        <form method="get" action="" novalidate on:submit=submit>
            <input type="hidden" name="from" value=step.id/>
            {carried}
            {fields}
            <button type="submit" class="button button--primary">{t!("wizard-next")}</button>
        </form>
    }
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
