//! Accessible form parts: labelled fields with their error, and the error summary linked to them.
use crate::{
    domain::validation::{FieldError, Problem},
    i18n::tr,
};
use leptos::{html, prelude::*};

/// The text of a validation problem in the page language.
pub fn problem_text(problem: Problem) -> String {
    match problem {
        Problem::TooShort { min } => t!("validation-too-short", min = min),
        Problem::TooLong { max } => t!("validation-too-long", max = max),
        Problem::DateTooSoon { days } => t!("validation-date-too-soon", days = days),
        Problem::ColumnCount { expected } => t!("validation-column-count", expected = expected),
        other => tr(other.message_id()),
    }
}

/// The text of a field's problem, with what the user probably meant when there is a suggestion.
pub fn error_text(error: &FieldError) -> String {
    // Only what reads as an OID: the error may come back in an address anyone can write.
    let oid = error.suggestion.as_deref().and_then(|s| crate::domain::oid::Oid::parse(s).ok());
    match (oid, error.problem) {
        (Some(oid), Problem::OidLeadingZero) => {
            t!("validation-oid-leading-zero-suggestion", suggestion = oid.to_string())
        }
        _ => problem_text(error.problem),
    }
}

/// The first problem of `field`, if any.
fn problem_of(errors: Signal<Vec<FieldError>>, field: &'static str) -> Signal<Option<FieldError>> {
    Signal::derive(move || errors.with(|e| e.iter().find(|e| e.field == field).cloned()))
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Text,
    Email,
    Tel,
    Date,
    Textarea,
}

/// The record a plain form changes and the version the user saw (`id`, `version`): the server
/// refuses the change with `Conflict` if the record has moved on since.
#[component]
pub fn VersionFields(id: i32, version: i32) -> impl IntoView {
    view! {
        <input type="hidden" name="id" value=id/>
        <input type="hidden" name="version" value=version/>
    }
}

/// A labelled input. `id_prefix` + `name` make the element id the error summary links to.
#[component]
pub fn Field(
    id_prefix: &'static str,
    name: &'static str,
    label: String,
    #[prop(optional_no_strip)] hint: Option<String>,
    #[prop(default = Control::Text)] control: Control,
    #[prop(default = true)] required: bool,
    #[prop(optional_no_strip)] autocomplete: Option<&'static str>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let id = format!("{id_prefix}-{name}");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let problem = problem_of(errors, name);
    let described_by = {
        let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if problem.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || problem.get().is_some().then_some("true");
    let input = match control {
        // `bind:` sets the live value; the first value is also written into the HTML, so a page
        // shown again without JavaScript keeps what was typed.
        Control::Textarea => view! {
            <textarea id=id.clone() name=name rows="6" required=required aria-invalid=invalid aria-describedby=described_by
                bind:value=value>{value.get_untracked()}</textarea>
        }
        .into_any(),
        Control::Text | Control::Email | Control::Tel | Control::Date => view! {
            <input id=id.clone() name=name type=match control { Control::Email => "email", Control::Tel => "tel", Control::Date => "date", _ => "text" }
                required=required autocomplete=autocomplete aria-invalid=invalid aria-describedby=described_by
                value=value.get_untracked() bind:value=value/>
        }
        .into_any(),
    };
    view! {
        <div class="field" class:field--error=move || problem.get().is_some()>
            <label for=id>{label}{(!required).then(|| view! { <span class="optional">{format!(" ({})", t!("form-optional"))}</span> })}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id>{h}</p> })}
            {move || problem.get().map(|p| view! { <p class="field-error" id=error_id.clone()>{error_text(&p)}</p> })}
            {input}
        </div>
    }
}

/// A select among fixed choices given as `(code, label)`.
#[component]
pub fn Choice(
    id_prefix: &'static str,
    name: &'static str,
    label: String,
    choices: Vec<(&'static str, String)>,
    value: RwSignal<String>,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let id = format!("{id_prefix}-{name}");
    let error_id = format!("{id}-error");
    let problem = problem_of(errors, name);
    let error_ref = error_id.clone();
    view! {
        <div class="field" class:field--error=move || problem.get().is_some()>
            <label for=id.clone()>{label}</label>
            {move || problem.get().map(|p| view! { <p class="field-error" id=error_id.clone()>{error_text(&p)}</p> })}
            <select id=id name=name required aria-invalid=move || problem.get().is_some().then_some("true")
                aria-describedby=move || problem.get().is_some().then(|| error_ref.clone())
                on:change=move |ev| value.set(event_target_value(&ev))
                prop:value=move || value.get()>
                <option value="">{t!("form-choose")}</option>
                {choices
                    .into_iter()
                    .map(|(code, text)| view! { <option value=code selected=value.get_untracked() == code>{text}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// The list of problems at the top of a form; each links to its field. Gets focus when shown.
#[component]
pub fn ErrorSummary(
    id_prefix: &'static str,
    #[prop(into)] errors: Signal<Vec<FieldError>>,
    /// Field name → its label, for "Label: problem" lines.
    labels: Vec<(&'static str, String)>,
    node_ref: NodeRef<html::Div>,
) -> impl IntoView {
    view! {
        <div class="error-summary" role="alert" tabindex="-1" node_ref=node_ref hidden=move || errors.with(Vec::is_empty)>
            <h2>{t!("error-summary-heading")}</h2>
            <ul>
                {move || {
                    errors.get().into_iter().map(|e| {
                        let label = labels.iter().find(|(n, _)| *n == e.field).map(|(_, l)| l.clone()).unwrap_or_default();
                        view! { <li><a href=format!("#{id_prefix}-{}", e.field)>{format!("{label}: {}", error_text(&e))}</a></li> }
                    }).collect_view()
                }}
            </ul>
        </div>
    }
}
