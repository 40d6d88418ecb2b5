//! The current step: the progress list, the step's text and picture, check answers or the
//! questions, and the buttons back and forward.
use super::{Finish, link, screen::ScreenFigure, state::Place, state::WizardState};
use crate::{
    components::form::{Choice, Control, ErrorSummary, Field as InputField},
    domain::validation::FieldError,
    i18n::tr,
    wizard::{Answers, FieldKind, Illustration, Step, Wizard},
};
use leptos::{html, prelude::*, server_fn::ServerFn};

#[component]
pub(super) fn CurrentStep(
    state: WizardState,
    place: Place,
    finish: Finish,
    heading: NodeRef<html::H2>,
    summary: NodeRef<html::Div>,
) -> impl IntoView {
    let Place { step, answers, errors } = place;
    let wizard = state.wizard;
    let back = wizard.position(step.id, &answers).filter(|(n, _)| *n > 1).map(|(n, _)| {
        let previous = wizard.path(&answers)[n - 2];
        view! {
            <a class="button button--secondary" href=link(previous.id, &answers) on:click=state.to(previous, &answers)>
                {t!("wizard-back")}
            </a>
        }
    });
    // What is kept on this device, and for how long: browsers clear site storage
    // (Safari after seven days without a visit).
    let device_notice = match state.application {
        Some(_) => msg!("application-device-notice"),
        None => msg!("wizard-device-notice"),
    };
    let asks = !step.fields.is_empty();
    view! {
        <Progress state step answers=answers.clone()/>
        <section class="wizard__step" aria-labelledby="wizard-step-heading">
            <StepBody step heading/>
            {step.check_answers.then(|| view! { <CheckAnswers state answers=answers.clone()/> })}
            {asks.then(|| view! {
                <Questions step errors answers=answers.clone() summary answer=move |a| state.answer(step, a)
                    typed=move |id, a| state.typed(id, a)/>
            })}
            <div class="wizard__buttons">{back} <Forward state step answers finish/></div>
            {asks.then(|| view! { <p class="hint" id="device-notice">{tr(device_notice)}</p> })}
        </section>
    }
}

/// "Step n of m" and the steps on the path: those before this one are links back.
#[component]
fn Progress(state: WizardState, step: &'static Step, answers: Answers) -> impl IntoView {
    let (n, total) = state.wizard.position(step.id, &answers).unwrap_or((1, 1));
    let steps = state
        .wizard
        .path(&answers)
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let current = (s.id == step.id).then_some("step");
            let label = tr(s.heading);
            if i + 1 < n {
                view! { <li><a href=link(s.id, &answers) on:click=state.to(s, &answers)>{label}</a></li> }.into_any()
            } else {
                view! { <li aria-current=current>{label}</li> }.into_any()
            }
        })
        .collect_view();
    view! {
        <nav class="wizard__progress" aria-label=t!("wizard-progress")>
            <p>{t!("wizard-step-of", n = n, total = total)}</p>
            <ol>{steps}</ol>
        </nav>
    }
}

/// Forward: "next" on a step without questions (theirs is the form's button), and at the end the
/// finish: a link, or for an application a form that saves it (a plain post without JavaScript).
#[component]
fn Forward(state: WizardState, step: &'static Step, answers: Answers, finish: Finish) -> impl IntoView {
    match (state.wizard.next(step, &answers), state.application) {
        (None, Some(copy)) => {
            let hidden = answers
                .iter()
                .map(|(name, value)| view! { <input type="hidden" name=format!("answers[{name}]") value=value.clone()/> })
                .collect_view();
            let Finish { href, label } = finish;
            view! {
                <form method="post" action=crate::api::applications::SaveApplication::url() class="inline-form"
                    on:submit=move |ev| {
                        ev.prevent_default();
                        state.send(answers.clone(), Some(href.clone()));
                    }>
                    <input type="hidden" name="id" value=copy.id/>
                    <input type="hidden" name="version" value=move || state.version.get().unwrap_or(copy.version)/>
                    {hidden}
                    <button type="submit" class="button button--primary" id="wizard-finish">{tr(label)}</button>
                </form>
            }
            .into_any()
        }
        (None, None) => view! { <a class="button button--primary" href=finish.href>{tr(finish.label)}</a> }.into_any(),
        (Some(next), _) if step.fields.is_empty() => view! {
            <a class="button button--primary" href=link(next.id, &answers) on:click=state.to(next, &answers)>
                {t!("wizard-next")}
            </a>
        }
        .into_any(),
        (Some(_), _) => ().into_any(),
    }
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
fn CheckAnswers(state: WizardState, answers: Answers) -> impl IntoView {
    let wizard: &'static Wizard = state.wizard;
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
                    <dd class="check-answers__answer">{shown}</dd>
                    <dd>
                        <a href=link(step.id, &answers) on:click=state.to(step, &answers)>
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
