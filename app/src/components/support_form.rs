//! The front page's message to customer support: validated in the browser and again on the
//! server; without JavaScript, posted as a plain form and shown again refused or confirmed.
use super::form::{Choice, Control, ErrorSummary, Field};
use crate::{
    api::support::{SendSupportRequest, SupportReceipt},
    domain::support::{SupportForm as Form, SupportRequest, SupportTopic},
    error::AppError,
    i18n::tr,
};
use leptos::{html, prelude::*, server_fn::ServerFn};

const ID: &str = "support";

/// What is typed in the form: one signal per field.
#[derive(Clone, Copy)]
struct Typed {
    name: RwSignal<String>,
    email: RwSignal<String>,
    organisation: RwSignal<String>,
    topic: RwSignal<String>,
    message: RwSignal<String>,
}

impl Typed {
    fn new(again: Form) -> Typed {
        Typed {
            name: RwSignal::new(again.name),
            email: RwSignal::new(again.email),
            organisation: RwSignal::new(again.organisation),
            topic: RwSignal::new(again.topic),
            message: RwSignal::new(again.message),
        }
    }

    fn form(&self) -> Form {
        Form {
            name: self.name.get_untracked(),
            email: self.email.get_untracked(),
            organisation: self.organisation.get_untracked(),
            topic: self.topic.get_untracked(),
            message: self.message.get_untracked(),
        }
    }
}

/// Field name → label, for the error summary.
fn labels() -> Vec<(&'static str, String)> {
    vec![
        ("name", t!("support-name")),
        ("email", t!("support-email")),
        ("organisation", t!("support-organisation")),
        ("topic", t!("support-topic")),
        ("message", t!("support-message")),
    ]
}

/// Moves the focus to `target` once it has been drawn.
fn focus_when_drawn(target: NodeRef<html::Div>) {
    request_animation_frame(move || {
        if let Some(el) = target.get_untracked() {
            let _ = el.focus();
        }
    });
}

/// `sent`: the reference of a request just sent without JavaScript; `again` and `refused`: what
/// was typed in a form sent without JavaScript and refused, and why.
#[island(lazy)]
pub fn SupportForm(
    #[prop(optional_no_strip)] sent: Option<String>,
    #[prop(optional_no_strip)] again: Option<Form>,
    #[prop(optional_no_strip)] refused: Option<AppError>,
) -> impl IntoView {
    let typed = Typed::new(again.unwrap_or_default());
    let (invalid, other) = match refused {
        Some(AppError::Invalid(e)) => (e, None),
        other => (Vec::new(), other),
    };
    let errors = RwSignal::new(invalid);
    let failure = RwSignal::new(other);
    let receipt = RwSignal::new(sent.map(|reference| SupportReceipt { reference }));
    let summary_ref = NodeRef::<html::Div>::new();
    let done_ref = NodeRef::<html::Div>::new();
    let send = ServerAction::<SendSupportRequest>::new();

    Effect::new(move || match send.value().get() {
        Some(Ok(r)) => {
            receipt.set(Some(r));
            focus_when_drawn(done_ref);
        }
        Some(Err(AppError::Invalid(e))) => {
            errors.set(e);
            focus_when_drawn(summary_ref);
        }
        Some(Err(other)) => failure.set(Some(other)),
        None => {}
    });

    // Checked here first with the server's own rules; sent only when they pass.
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let form = typed.form();
        match SupportRequest::parse(&form) {
            Ok(_) => {
                errors.set(Vec::new());
                let Form { name, email, organisation, topic, message } = form;
                send.dispatch(SendSupportRequest { name, email, organisation, topic, message });
            }
            Err(e) => {
                errors.set(e);
                focus_when_drawn(summary_ref);
            }
        }
    };

    let errors = Signal::from(errors);
    let pending = send.pending();

    view! {
        <section class="support" id="support" aria-labelledby="support-heading">
            <h2 id="support-heading">{t!("support-heading")}</h2>
            <Show
                when=move || receipt.with(Option::is_none)
                fallback=move || view! {
                    <div class="confirmation" role="status" tabindex="-1" node_ref=done_ref>
                        <h3>{t!("support-sent-heading")}</h3>
                        <p>{move || t!("support-sent-text", reference = receipt.get().map(|r| r.reference).unwrap_or_default())}</p>
                    </div>
                }
            >
                <p>{t!("support-intro")}</p>
                <ErrorSummary id_prefix=ID errors labels=labels() node_ref=summary_ref/>
                {move || failure.get().map(|f| view! { <p class="notice notice--error" role="alert">{tr(f.message_id())}</p> })}
                <form class="form" method="post" action=SendSupportRequest::url() novalidate on:submit=on_submit>
                    <SupportFields typed errors/>
                    <button class="button" type="submit" disabled=move || pending.get()>
                        {move || if pending.get() { t!("support-sending") } else { t!("support-send") }}
                    </button>
                </form>
            </Show>
        </section>
    }
}

/// The form's fields, bound to what is typed.
#[component]
fn SupportFields(typed: Typed, errors: Signal<Vec<crate::domain::validation::FieldError>>) -> impl IntoView {
    let topics = SupportTopic::ALL.into_iter().map(|t| (t.code(), tr(t.message_id()))).collect::<Vec<_>>();
    view! {
        <Field id_prefix=ID name="name" label=t!("support-name") autocomplete=Some("name") value=typed.name errors/>
        <Field id_prefix=ID name="email" label=t!("support-email") control=Control::Email autocomplete=Some("email")
            hint=Some(t!("support-email-hint")) value=typed.email errors/>
        <Field id_prefix=ID name="organisation" label=t!("support-organisation") required=false
            autocomplete=Some("organization") value=typed.organisation errors/>
        <Choice id_prefix=ID name="topic" label=t!("support-topic") choices=topics value=typed.topic errors/>
        <Field id_prefix=ID name="message" label=t!("support-message") control=Control::Textarea
            hint=Some(t!("support-message-hint")) value=typed.message errors/>
    }
}
