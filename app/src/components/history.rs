//! The change history of customer data, invoices and confirmations: who changed which field
//! from what to what, and when.
use crate::{
    api::customer_data::ChangeLine,
    components::records::field_label,
    domain::{contacts::ContactKind, records::ActorKind, services::KantaService, technical::TechnicalKind},
    i18n::tr,
};
use leptos::prelude::*;

/// Who changed what and when, newest first.
#[component]
pub fn History(lines: Vec<ChangeLine>) -> impl IntoView {
    (!lines.is_empty()).then(|| {
        let items = lines
            .into_iter()
            .map(|l| {
                let what = tr(l.kind.map(crate::components::records::change_message).unwrap_or(msg!("change-other")));
                let who = if l.actor == Some(ActorKind::Staff) {
                    t!("change-by-staff", name = l.who.clone())
                } else {
                    l.who.clone()
                };
                let fields = l
                    .changes
                    .iter()
                    .map(|(field, before, after)| {
                        let (name, before, after) =
                            (field_label(field, l.subject), value_text(field, before), value_text(field, after));
                        let text = if before.is_empty() {
                            format!("{name}: {after}")
                        } else {
                            format!("{name}: {before} → {after}")
                        };
                        view! { <li>{text}</li> }
                    })
                    .collect_view();
                view! {
                    <li>
                        <p><strong>{what}</strong> " · " {l.at.clone()} " · " {who}</p>
                        <ul class="changes">{fields}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="history">
                <summary>{t!("history-heading")}</summary>
                <ol>{items}</ol>
            </details>
        }
    })
}

/// A stored value for the reader: codes as names, dates as Finns write them.
fn value_text(field: &str, value: &str) -> String {
    let service =
        |code: &str| KantaService::from_code(code).map(|s| tr(s.message_id())).unwrap_or_else(|| code.to_string());
    match field {
        "kind" => ContactKind::from_code(value)
            .map(|k| tr(k.message_id()))
            .or_else(|| TechnicalKind::from_code(value).map(|k| tr(k.message_id())))
            .unwrap_or_else(|| value.to_string()),
        "service" => service(value),
        "services" if value.is_empty() => t!("contact-all-services"),
        "services" => value.split(',').map(service).collect::<Vec<_>>().join(", "),
        "valid_from" | "valid_to" | "expires" => {
            crate::domain::validation::Date::parse(value).map(|d| d.local()).unwrap_or_else(|_| value.to_string())
        }
        _ => value.to_string(),
    }
}
