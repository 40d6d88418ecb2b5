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

/// `sent`: the reference of a request just sent without JavaScript; `again` and `refused`: what
/// was typed in a form sent without JavaScript and refused, and why.
#[island(lazy)]
pub fn SupportForm(
    #[prop(optional_no_strip)] sent: Option<String>,
    #[prop(optional_no_strip)] again: Option<Form>,
    #[prop(optional_no_strip)] refused: Option<AppError>,
) -> impl IntoView {
    let again = again.unwrap_or_default();
    let name = RwSignal::new(again.name);
    let email = RwSignal::new(again.email);
    let organisation = RwSignal::new(again.organisation);
    let topic = RwSignal::new(again.topic);
    let message = RwSignal::new(again.message);
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

    let focus_summary = move || {
        if let Some(el) = summary_ref.get_untracked() {
            let _ = el.focus();
        }
    };

    Effect::new(move || match send.value().get() {
        Some(Ok(r)) => {
            receipt.set(Some(r));
            request_animation_frame(move || {
                if let Some(el) = done_ref.get_untracked() {
                    let _ = el.focus();
                }
            });
        }
        Some(Err(AppError::Invalid(e))) => {
            errors.set(e);
            request_animation_frame(focus_summary);
        }
        Some(Err(other)) => failure.set(Some(other)),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        failure.set(None);
        let form = Form {
            name: name.get_untracked(),
            email: email.get_untracked(),
            organisation: organisation.get_untracked(),
            topic: topic.get_untracked(),
            message: message.get_untracked(),
        };
        match SupportRequest::parse(&form) {
            Ok(_) => {
                errors.set(Vec::new());
                let Form { name, email, organisation, topic, message } = form;
                send.dispatch(SendSupportRequest { name, email, organisation, topic, message });
            }
            Err(e) => {
                errors.set(e);
                request_animation_frame(focus_summary);
            }
        }
    };

    let labels = vec![
        ("name", t!("support-name")),
        ("email", t!("support-email")),
        ("organisation", t!("support-organisation")),
        ("topic", t!("support-topic")),
        ("message", t!("support-message")),
    ];
    let topics = SupportTopic::ALL.into_iter().map(|t| (t.code(), tr(t.message_id()))).collect::<Vec<_>>();
    let errors = Signal::from(errors);

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
                <ErrorSummary id_prefix=ID errors labels=labels.clone() node_ref=summary_ref/>
                {move || failure.get().map(|f| view! { <p class="notice notice--error" role="alert">{tr(f.message_id())}</p> })}
                <form class="form" method="post" action=SendSupportRequest::url() novalidate on:submit=on_submit>
                    <Field id_prefix=ID name="name" label=t!("support-name") autocomplete=Some("name") value=name errors/>
                    <Field id_prefix=ID name="email" label=t!("support-email") control=Control::Email autocomplete=Some("email")
                        hint=Some(t!("support-email-hint")) value=email errors/>
                    <Field id_prefix=ID name="organisation" label=t!("support-organisation") required=false
                        autocomplete=Some("organization") value=organisation errors/>
                    <Choice id_prefix=ID name="topic" label=t!("support-topic") choices=topics.clone() value=topic errors/>
                    <Field id_prefix=ID name="message" label=t!("support-message") control=Control::Textarea
                        hint=Some(t!("support-message-hint")) value=message errors/>
                    <button class="button" type="submit" disabled=move || send.pending().get()>
                        {move || if send.pending().get() { t!("support-sending") } else { t!("support-send") }}
                    </button>
                </form>
            </Show>
        </section>
    }
}
