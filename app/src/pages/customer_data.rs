//! The organisation's customer data (`/customer-data`): what needs attention, confirming the data
//! is current, contacts and technical data with their history. Plain forms: works without
//! JavaScript; the server checks every change.
use crate::components::form::VersionFields;
use crate::{
    api::customer_data::{
        AddContact, AddTechnical, ChangeContact, ChangeLine, ConfirmData, ContactView, CustomerDataView, DataForm,
        EndContact, EndTechnical, TechnicalView, customer_data,
    },
    components::{
        answered::Answered,
        history::History,
        pager::{PageLink, Pager},
        posted::{PostedError, typed_again},
        title::PageTitle,
    },
    domain::{contacts::ContactKind, freshness::Attention, services::KantaService, technical::TechnicalKind},
    i18n::tr,
};
use leptos::{prelude::*, server_fn::ServerFn};

#[component]
pub fn CustomerData() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map();
    let before = move || query.with(|q| q.get("confirmations_before").unwrap_or_default());
    let data = Resource::new_blocking(before, customer_data);
    view! { <Answered heading=msg!("customer-data-heading") data page=|d| view! { <CustomerDataPage data=d/> }/> }
}

/// What needs attention, in words, and where to go about it.
pub fn attention_text(a: &Attention) -> String {
    match a {
        Attention::ConfirmData { since } => t!("attention-confirm", since = since.local()),
        Attention::CertificateExpiring { service, name, expires } => t!(
            "attention-certificate",
            name = name.clone(),
            service = tr(service.message_id()),
            expires = expires.local()
        ),
        Attention::UnitNotInRegister { service, oid } => {
            t!("attention-unit-not-in-register", oid = oid.to_string(), service = tr(service.message_id()))
        }
    }
}

pub fn gap_text(service: KantaService, kind: ContactKind) -> String {
    t!("attention-contact-missing", kind = tr(kind.message_id()), service = tr(service.message_id()))
}

#[component]
fn CustomerDataPage(data: CustomerDataView) -> impl IntoView {
    let notes: Vec<String> =
        data.gaps.iter().map(|(s, k)| gap_text(*s, *k)).chain(data.attention.iter().map(attention_text)).collect();
    view! {
        <PageTitle text=t!("customer-data-heading")/>
        <h1>{t!("customer-data-heading")}</h1>
        <p class="lead">{data.organisation.clone()}</p>
        <PostedError/>
        {(!notes.is_empty()).then(|| view! {
            <div class="notice notice--warning" role="status" id="attention">
                <p>{t!("attention-intro")}</p>
                <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
            </div>
        })}
        <Confirmation confirmed=data.confirmed confirmations=data.confirmations older=data.confirmations_older/>
        <Contacts contacts=data.contacts in_use=data.in_use/>
        <Technical items=data.technical services=data.technical_services earliest=data.earliest_change/>
    }
}

/// When the data was last confirmed current, the button to confirm it, and a page of past confirmations.
#[component]
fn Confirmation(confirmed: Option<String>, confirmations: Vec<ChangeLine>, older: Option<i32>) -> impl IntoView {
    let paged = leptos_router::hooks::use_query_map().with(|q| q.get("confirmations_before").is_some());
    view! {
        <section class="card" aria-labelledby="confirm-heading">
            <h2 id="confirm-heading">{t!("confirm-heading")}</h2>
            <p id="confirmed-at">
                {match confirmed {
                    Some(at) => t!("confirm-last", at = at),
                    None => t!("confirm-never"),
                }}
            </p>
            <form method="post" action=ConfirmData::url()>
                <button type="submit" class="button button--primary" id="confirm-data">{t!("confirm-button")}</button>
            </form>
            <History lines=confirmations/>
            <Pager
                first=paged.then(|| {
                    PageLink::new("/customer-data#confirm-heading", "confirmations-newest", t!("confirmations-newest"))
                })
                next=older.map(|id| {
                    PageLink::new(
                        format!("/customer-data?confirmations_before={id}#confirm-heading"),
                        "confirmations-older",
                        t!("confirmations-older"),
                    )
                })
            />
        </section>
    }
}

/// The current contacts, the form to add one, and those whose time has ended.
#[component]
fn Contacts(contacts: Vec<ContactView>, in_use: Vec<KantaService>) -> impl IntoView {
    let (current, ended): (Vec<ContactView>, Vec<ContactView>) =
        contacts.into_iter().partition(|c| c.valid_to.is_none());
    let current = current.into_iter().map(|c| view! { <ContactCard contact=c in_use=in_use.clone()/> }).collect_view();
    let ended = ended.into_iter().map(|c| view! { <ContactCard contact=c in_use=Vec::new()/> }).collect_view();
    view! {
        <section aria-labelledby="contacts-heading">
            <h2 id="contacts-heading">{t!("contacts-heading")}</h2>
            <p>{t!("contacts-rule")}</p>
            <ul class="item-list" id="contacts">{current}</ul>
            <details class="card" id="add-contact" open=typed_again(&DataForm::AddContact.name()).is_some()>
                <summary>{t!("contact-add")}</summary>
                <ContactForm action=AddContact::url() contact=None in_use/>
            </details>
            {(!ended.is_empty()).then(|| view! {
                <details id="ended-contacts">
                    <summary>{t!("contacts-ended")}</summary>
                    <ul class="item-list">{ended}</ul>
                </details>
            })}
        </section>
    }
}

/// The technical data of the services that keep it here, and the form to report a change.
#[component]
fn Technical(items: Vec<TechnicalView>, services: Vec<KantaService>, earliest: String) -> impl IntoView {
    let none = services.is_empty();
    let items = items.into_iter().map(|t| view! { <TechnicalCard item=t earliest=earliest.clone()/> }).collect_view();
    view! {
        <section aria-labelledby="technical-heading">
            <h2 id="technical-heading">{t!("technical-heading")}</h2>
            <p>{t!("technical-rule", days = crate::domain::technical::NOTICE_DAYS)}</p>
            {if none {
                view! { <p id="no-technical">{t!("technical-none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="item-list" id="technical">{items}</ul>
                    <details class="card" id="add-technical" open=typed_again(&DataForm::AddTechnical.name()).is_some()>
                        <summary>{t!("technical-add")}</summary>
                        <TechnicalForm services earliest/>
                    </details>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn ContactCard(contact: ContactView, in_use: Vec<KantaService>) -> impl IntoView {
    let services = if contact.services.is_empty() {
        t!("contact-all-services")
    } else {
        contact.services.iter().map(|s| tr(s.message_id())).collect::<Vec<_>>().join(", ")
    };
    let active = contact.valid_to.is_none();
    let sole: Vec<String> = contact.sole_for.iter().map(|(s, k)| gap_text(*s, *k)).collect();
    let validity = match &contact.valid_to {
        Some(to) => t!("valid-between", from = contact.valid_from.clone(), to = to.clone()),
        None => t!("valid-from", from = contact.valid_from.clone()),
    };
    view! {
        <li class="item card" data-contact=contact.id>
            <h3>{contact.name.clone()} " · " {tr(contact.kind.message_id())}</h3>
            <p>{contact.email.clone()} " · " {contact.phone.clone()}</p>
            <p>{services}</p>
            <p class="hint">{validity}</p>
            {active.then(|| view! {
                <details id=DataForm::Contact(contact.id).name() open=typed_again(&DataForm::Contact(contact.id).name()).is_some()>
                    <summary>{t!("contact-change")}</summary>
                    <ContactForm action=ChangeContact::url() contact=Some(contact.clone()) in_use/>
                </details>
                {if sole.is_empty() {
                    view! {
                        <form method="post" action=EndContact::url() class="inline-form">
                            <VersionFields id=contact.id version=contact.version/>
                            <button type="submit" class="button button--secondary">{t!("contact-end")}</button>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <p class="notice notice--info sole-contact">{t!("contact-sole")}</p>
                        <ul>{sole.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                    }.into_any()
                }}
            })}
            <History lines=contact.history.clone()/>
        </li>
    }
}

/// The form for a new contact, or for changing one (`contact`).
#[component]
fn ContactForm(action: &'static str, contact: Option<ContactView>, in_use: Vec<KantaService>) -> impl IntoView {
    let prefix = contact.as_ref().map(|c| format!("contact-{}", c.id)).unwrap_or_else(|| "new-contact".into());
    let id = |name: &str| format!("{prefix}-{name}");
    let form = contact.as_ref().map_or(DataForm::AddContact, |c| DataForm::Contact(c.id)).name();
    // Shown again after the server refused it: what was typed, not what is stored.
    let typed = typed_again(&form);
    let value = |field: &str, stored: fn(&ContactView) -> String| match &typed {
        Some(q) => q.get(&format!("contact[{field}]")).unwrap_or_default(),
        None => contact.as_ref().map(stored).unwrap_or_default(),
    };
    let kind = match &typed {
        Some(q) => q.get("contact[kind]").and_then(|k| ContactKind::from_code(&k)),
        None => contact.as_ref().map(|c| c.kind),
    };
    let chosen: Vec<KantaService> = match &typed {
        Some(q) => {
            in_use.iter().copied().filter(|s| q.get(&format!("contact[services][{}]", s.code())).is_some()).collect()
        }
        None => contact.as_ref().map(|c| c.services.clone()).unwrap_or_default(),
    };
    let kinds = ContactKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.code() selected=kind == Some(k)>{tr(k.message_id())}</option> })
        .collect_view();
    let services = in_use
        .into_iter()
        .map(|s| {
            let box_id = id(s.code());
            view! {
                <div class="checkbox">
                    <input type="checkbox" id=box_id.clone() name=format!("contact[services][{}]", s.code()) value="on" checked=chosen.contains(&s)/>
                    <label for=box_id>{tr(s.message_id())}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <form method="post" action=action class="stacked-form">
            {contact.as_ref().map(|c| view! {
                <VersionFields id=c.id version=c.version/>
            })}
            <div class="field">
                <label for=id("kind")>{t!("contact-kind")}</label>
                <select id=id("kind") name="contact[kind]" required>{kinds}</select>
            </div>
            <div class="field">
                <label for=id("name")>{t!("contact-name")}</label>
                <input id=id("name") name="contact[name]" required autocomplete="name" value=value("name", |c| c.name.clone())/>
            </div>
            <div class="field">
                <label for=id("email")>{t!("contact-email")}</label>
                <input id=id("email") name="contact[email]" type="email" required value=value("email", |c| c.email.clone())/>
            </div>
            <div class="field">
                <label for=id("phone")>{t!("contact-phone")}</label>
                <p class="hint">{t!("contact-phone-hint")}</p>
                <input id=id("phone") name="contact[phone]" type="tel" required value=value("phone", |c| c.phone.clone())/>
            </div>
            <fieldset class="field">
                <legend>{t!("contact-services")}</legend>
                <p class="hint">{t!("contact-services-hint")}</p>
                {services}
            </fieldset>
            <button type="submit" class="button button--primary">
                {if contact.is_some() { t!("contact-save") } else { t!("contact-add") }}
            </button>
        </form>
    }
}

#[component]
fn TechnicalCard(item: TechnicalView, earliest: String) -> impl IntoView {
    let details: Vec<String> = [
        item.product_version.clone().map(|v| t!("technical-version-is", version = v)),
        item.vendor.clone().map(|v| t!("technical-vendor-is", vendor = v)),
        item.oid.clone().map(|o| t!("technical-oid-is", oid = o)),
        item.expires.clone().map(|e| t!("technical-expires-is", date = e)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let validity = match &item.valid_to {
        Some(to) => t!("valid-between", from = item.valid_from.clone(), to = to.clone()),
        None => t!("valid-from", from = item.valid_from.clone()),
    };
    let end_id = format!("technical-{}-end", item.id);
    view! {
        <li class="item card" data-technical=item.id>
            <h3>{item.name.clone()} " · " {tr(item.kind.message_id())}</h3>
            <p>{tr(item.service.message_id())}</p>
            <p>{details.join(" · ")}</p>
            <p class="hint">{validity}</p>
            {item.valid_to.is_none().then(|| view! {
                <form method="post" action=EndTechnical::url() class="inline-form">
                    <VersionFields id=item.id version=item.version/>
                    <div class="field">
                        <label for=end_id.clone()>{t!("technical-end-date")}</label>
                        <input id=end_id name="takes_effect" type="date" min=earliest.clone() value=earliest.clone() required/>
                    </div>
                    <button type="submit" class="button button--secondary">{t!("technical-end")}</button>
                </form>
            })}
            <History lines=item.history.clone()/>
        </li>
    }
}

#[component]
fn TechnicalForm(services: Vec<KantaService>, earliest: String) -> impl IntoView {
    // Shown again after the server refused it: what was typed.
    let typed = typed_again(&DataForm::AddTechnical.name());
    let given = move |field: &str| typed.as_ref().and_then(|q| q.get(&format!("item[{field}]"))).unwrap_or_default();
    let (service, kind) = (given("service"), given("kind"));
    let services = services
        .into_iter()
        .map(|s| view! { <option value=s.code() selected=service == s.code()>{tr(s.message_id())}</option> })
        .collect_view();
    let kinds = TechnicalKind::ALL
        .into_iter()
        .map(|k| view! { <option value=k.code() selected=kind == k.code()>{tr(k.message_id())}</option> })
        .collect_view();
    let text = |name: &'static str, label: String, hint: Option<String>, required: bool| {
        let id = format!("technical-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
                <input id=id name=format!("item[{name}]") required=required value=given(name)/>
            </div>
        }
    };
    let expires = given("expires");
    let takes_effect = Some(given("takes_effect")).filter(|d| !d.is_empty()).unwrap_or_else(|| earliest.clone());
    view! {
        <form method="post" action=AddTechnical::url() class="stacked-form">
            <div class="field">
                <label for="technical-service">{t!("technical-service")}</label>
                <select id="technical-service" name="item[service]" required>{services}</select>
            </div>
            <div class="field">
                <label for="technical-kind">{t!("technical-kind")}</label>
                <select id="technical-kind" name="item[kind]" required>{kinds}</select>
            </div>
            {text("name", t!("technical-name"), Some(t!("technical-name-hint")), true)}
            {text("product_version", t!("technical-version"), Some(t!("technical-for-systems")), false)}
            {text("vendor", t!("technical-vendor"), Some(t!("technical-for-systems")), false)}
            {text("oid", t!("technical-oid"), Some(t!("technical-for-units")), false)}
            <div class="field">
                <label for="technical-expires">{t!("technical-expires")}</label>
                <p class="hint">{t!("technical-for-certificates")}</p>
                <input id="technical-expires" name="item[expires]" type="date" value=expires/>
            </div>
            <div class="field">
                <label for="technical-takes-effect">{t!("technical-takes-effect")}</label>
                <input id="technical-takes-effect" name="item[takes_effect]" type="date" min=earliest value=takes_effect required/>
            </div>
            <button type="submit" class="button button--primary" id="technical-submit">{t!("technical-add")}</button>
        </form>
    }
}
