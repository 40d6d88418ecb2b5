//! One component renders any wizard. The step and the answers live in the URL, so every step can
//! be read, linked and answered without JavaScript; with it, the router changes steps in place and
//! focus moves to the new step's heading.
use super::{Answers, FieldKind, Step, Wizard};
use crate::{
    components::form::{Choice, ErrorSummary},
    domain::validation::FieldError,
    i18n::tr,
};
use leptos::{html, prelude::*};
use leptos_router::{components::Form, hooks::use_query_map};

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
fn current(
    wizard: &'static Wizard,
    requested: Option<String>,
    from: Option<String>,
    answers: &Answers,
) -> (&'static Step, Vec<FieldError>) {
    if let Some(from) = from.and_then(|id| wizard.step(&id)) {
        let errors = wizard.validate(from, answers);
        if !errors.is_empty() {
            return (from, errors);
        }
        return (wizard.next(from, answers).unwrap_or(from), Vec::new());
    }
    let step = requested.and_then(|id| wizard.step(&id)).filter(|s| wizard.position(s.id, answers).is_some());
    (step.unwrap_or(wizard.first()), Vec::new())
}

#[component]
pub fn WizardView(wizard: &'static Wizard, finish: (&'static str, &'static str)) -> impl IntoView {
    let query = use_query_map();
    let field_names: Vec<&'static str> = wizard.steps.iter().flat_map(|s| s.fields.iter().map(|f| f.name)).collect();
    let answers = Memo::new(move |_| {
        query.with(|q| {
            field_names.iter().filter_map(|name| q.get(name).map(|v| (name.to_string(), v))).collect::<Answers>()
        })
    });
    let state = Memo::new(move |_| {
        let (requested, from) = query.with(|q| (q.get("step"), q.get("from")));
        answers.with(|a| current(wizard, requested, from, a))
    });
    let heading = NodeRef::<html::H2>::new();
    // A new step: the screen reader and the keyboard start at its heading.
    Effect::new(move |previous: Option<&'static str>| {
        let id = state.with(|(step, _)| step.id);
        if previous.is_some_and(|p| p != id)
            && let Some(h) = heading.get()
        {
            let _ = h.focus();
        }
        id
    });
    view! {
        <div class="wizard">
            <h1>{tr(wizard.title)}</h1>
            {move || {
                let (step, errors) = state.get();
                let answers = answers.get();
                let (n, total) = wizard.position(step.id, &answers).unwrap_or((1, 1));
                let path = wizard.path(&answers);
                let steps = path
                    .iter()
                    .enumerate()
                    .map(|(i, s)| {
                        let current = (s.id == step.id).then_some("step");
                        let label = tr(s.heading);
                        if i + 1 < n {
                            view! { <li><a href=link(s.id, &answers)>{label}</a></li> }.into_any()
                        } else {
                            view! { <li aria-current=current>{label}</li> }.into_any()
                        }
                    })
                    .collect_view();
                let back = (n > 1).then(|| {
                    let previous = path[n - 2];
                    view! { <a class="button button--secondary" href=link(previous.id, &answers)>{t!("wizard-back")}</a> }
                });
                view! {
                    <nav class="wizard__progress" aria-label=t!("wizard-progress")>
                        <p>{t!("wizard-step-of", n = n, total = total)}</p>
                        <ol>{steps}</ol>
                    </nav>
                    <section class="wizard__step" aria-labelledby="wizard-step-heading">
                        <StepBody step errors answers=answers.clone() heading/>
                        <div class="wizard__buttons">
                            {back}
                            <Forward wizard step answers finish/>
                        </div>
                    </section>
                }
            }}
        </div>
    }
}

#[component]
fn StepBody(
    step: &'static Step,
    errors: Vec<FieldError>,
    answers: Answers,
    heading: NodeRef<html::H2>,
) -> impl IntoView {
    let paragraphs = step.paragraphs.iter().map(|p| view! { <p>{tr(p)}</p> }).collect_view();
    let illustration = step.illustration.map(|(file, alt)| {
        view! { <img class="wizard__illustration" src=format!("/illustrations/{file}") alt=tr(alt) width="320" height="200"/> }
    });
    view! {
        <h2 id="wizard-step-heading" tabindex="-1" node_ref=heading>{tr(step.heading)}</h2>
        {illustration}
        {paragraphs}
        {(!step.fields.is_empty()).then(|| view! { <Questions step errors answers/> })}
    }
}

/// The step's questions: a GET form back to this page, carrying the other answers along.
#[component]
fn Questions(step: &'static Step, errors: Vec<FieldError>, answers: Answers) -> impl IntoView {
    let errors = Signal::stored(errors);
    let labels = step.fields.iter().map(|f| (f.name, tr(f.label))).collect();
    let own: Vec<&str> = step.fields.iter().map(|f| f.name).collect();
    let carried = answers
        .iter()
        .filter(|(name, _)| !own.contains(&name.as_str()))
        .map(|(name, value)| view! { <input type="hidden" name=name.clone() value=value.clone()/> })
        .collect_view();
    let fields = step
        .fields
        .iter()
        .map(|f| {
            let value = RwSignal::new(answers.get(f.name).cloned().unwrap_or_default());
            let choices = match f.kind {
                FieldKind::Choice(options) => options.iter().map(|(v, l)| (*v, tr(l))).collect(),
                _ => Vec::new(),
            };
            view! { <Choice id_prefix="wizard" name=f.name label=tr(f.label) choices value errors/> }
        })
        .collect_view();
    view! {
        <ErrorSummary id_prefix="wizard" errors labels node_ref=NodeRef::new()/>
        // The error summary explains; the browser's own bubbles would not reach it.
        <Form method="GET" action="" attr:novalidate=true>
            <input type="hidden" name="from" value=step.id/>
            {carried}
            {fields}
            <button type="submit" class="button button--primary">{t!("wizard-next")}</button>
        </Form>
    }
}

/// "Next" for a step that asks nothing, or the way into the product at the end.
#[component]
fn Forward(
    wizard: &'static Wizard,
    step: &'static Step,
    answers: Answers,
    finish: (&'static str, &'static str),
) -> impl IntoView {
    match wizard.next(step, &answers) {
        None => {
            Some(view! { <a class="button button--primary" href=finish.0 rel="external">{tr(finish.1)}</a> }.into_any())
        }
        Some(next) if step.fields.is_empty() => Some(
            view! { <a class="button button--primary" href=link(next.id, &answers)>{t!("wizard-next")}</a> }.into_any(),
        ),
        Some(_) => None,
    }
}
