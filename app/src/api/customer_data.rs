//! Customer data of the organisation the user acts for: contacts, technical data, confirming it
//! is current, and the change history of each. Reading needs the right to see administrative
//! content, changing the right to update contacts and technical data.
use crate::{
    domain::{
        contacts::{ContactForm, ContactKind},
        freshness::Attention,
        records::ChangeSubject,
        services::KantaService,
        technical::TechnicalKind,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A customer data form, by the name a refusal carries back to the page (`again=`): the page
/// opens and refills it, and the refusal's problems name its fields as it does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DataForm {
    AddContact,
    /// Changing contact `id`.
    Contact(i32),
    AddTechnical,
}

impl DataForm {
    /// `add-contact`, `contact-<id>`, `add-technical`.
    pub fn name(self) -> String {
        match self {
            DataForm::AddContact => "add-contact".into(),
            DataForm::Contact(id) => format!("contact-{id}"),
            DataForm::AddTechnical => "add-technical".into(),
        }
    }

    /// The form named `name`, if it is one of these.
    pub fn parse(name: &str) -> Option<DataForm> {
        match name {
            "add-contact" => Some(DataForm::AddContact),
            "add-technical" => Some(DataForm::AddTechnical),
            _ => name.strip_prefix("contact-")?.parse().ok().map(DataForm::Contact),
        }
    }

    /// What the form changes.
    pub fn subject(self) -> ChangeSubject {
        match self {
            DataForm::AddContact | DataForm::Contact(_) => ChangeSubject::Contact,
            DataForm::AddTechnical => ChangeSubject::Technical,
        }
    }
}

/// One change-log entry as the organisation's users read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeLine {
    pub at: String,
    pub who: String,
    /// `None`: a kind this version does not know (an older row).
    pub actor: Option<crate::domain::records::ActorKind>,
    /// `None`: a kind this version does not know (an older row).
    pub kind: Option<crate::domain::records::ChangeKind>,
    /// What was changed; `None`: a subject this version does not know.
    pub subject: Option<ChangeSubject>,
    /// `[field, before, after]`.
    pub changes: Vec<(String, String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub id: i32,
    pub version: i32,
    pub kind: ContactKind,
    pub name: String,
    pub email: String,
    pub phone: String,
    /// Empty: every service.
    pub services: Vec<KantaService>,
    pub valid_from: String,
    pub valid_to: Option<String>,
    /// What ending this contact would leave without its required contact (then it cannot be ended).
    pub sole_for: Vec<(KantaService, ContactKind)>,
    pub history: Vec<ChangeLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnicalView {
    pub id: i32,
    pub version: i32,
    pub service: KantaService,
    pub kind: TechnicalKind,
    pub name: String,
    pub product_version: Option<String>,
    pub vendor: Option<String>,
    pub oid: Option<String>,
    pub expires: Option<String>,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub history: Vec<ChangeLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerDataView {
    pub organisation: String,
    pub in_use: Vec<KantaService>,
    /// Services whose technical data is kept here (in use or on the way).
    pub technical_services: Vec<KantaService>,
    pub contacts: Vec<ContactView>,
    pub technical: Vec<TechnicalView>,
    pub gaps: Vec<(KantaService, ContactKind)>,
    pub attention: Vec<Attention>,
    /// When the data was last confirmed current.
    pub confirmed: Option<String>,
    /// The earliest day a technical change may take effect (`YYYY-MM-DD`).
    pub earliest_change: String,
    /// A page of 50, newest first.
    pub confirmations: Vec<ChangeLine>,
    /// The confirmation to continue before, when there are older ones.
    pub confirmations_older: Option<i32>,
}

/// The organisation's customer data, with a page of confirmations older than entry
/// `confirmations_before` (empty: the newest).
#[server(endpoint = "customer-data/get")]
pub async fn customer_data(confirmations_before: String) -> Result<CustomerDataView, AppError> {
    super::respond(ssr::view(confirmations_before.trim().parse().ok()).await)
}

/// Adds a contact: `contact[kind]`, `contact[name]`, …, `contact[services][<code>]=on` for each
/// service it is a contact for (none: all).
#[server(endpoint = "customer-data/contact-add")]
pub async fn add_contact(contact: ContactForm) -> Result<(), AppError> {
    let saved = ssr::save_contact(None, &contact).await;
    super::respond(super::refused_form(saved, ssr::PAGE, &DataForm::AddContact.name(), &contact.fields()))
}

#[server(endpoint = "customer-data/contact-change")]
pub async fn change_contact(id: i32, version: i32, contact: ContactForm) -> Result<(), AppError> {
    let saved = ssr::save_contact(Some((id, version)), &contact).await;
    super::respond(super::refused_form(saved, ssr::PAGE, &DataForm::Contact(id).name(), &contact.fields()))
}

/// Ends a contact today (it stays in the history).
#[server(endpoint = "customer-data/contact-end")]
pub async fn end_contact(id: i32, version: i32) -> Result<(), AppError> {
    super::respond(ssr::end_contact(id, version).await)
}

/// Adds an information system, a service unit or a certificate from `takes_effect` on; the form's
/// fields are `item[service]`, `item[kind]`, ….
#[server(endpoint = "customer-data/technical-add")]
pub async fn add_technical(item: crate::domain::technical::TechnicalForm) -> Result<(), AppError> {
    let saved = ssr::add_technical(&item).await;
    super::respond(super::refused_form(saved, ssr::PAGE, &DataForm::AddTechnical.name(), &item.fields()))
}

#[server(endpoint = "customer-data/technical-end")]
pub async fn end_technical(id: i32, version: i32, takes_effect: String) -> Result<(), AppError> {
    super::respond(ssr::end_technical(id, version, &takes_effect).await)
}

/// "Our data is current": one action.
#[server(endpoint = "customer-data/confirm")]
pub async fn confirm_data() -> Result<(), AppError> {
    super::respond(ssr::confirm().await)
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::{
        api::{
            context::{db, registries},
            guard::acting_for,
        },
        backend::{
            customer_data::{self as data, Change},
            entities::{contact, technical_item},
            format_time,
        },
        domain::{
            acting::Action,
            calendar::today,
            contacts::{Covers, gaps, gaps_opened},
            records::ChangeSubject,
            technical::{TechnicalForm, TechnicalInput, takes_effect},
            validation::FieldError,
        },
        i18n::request_lang,
    };
    use sea_orm::DatabaseConnection;

    pub const PAGE: &str = "/customer-data";

    pub(crate) fn change_line(
        (entry, changes, who): (crate::backend::entities::change_log::Model, Vec<Change>, Option<String>),
    ) -> ChangeLine {
        ChangeLine {
            at: format_time(entry.at, request_lang()),
            who: who.unwrap_or_default(),
            actor: crate::domain::records::ActorKind::from_code(&entry.actor),
            kind: crate::domain::records::ChangeKind::from_code(&entry.kind),
            subject: ChangeSubject::from_code(&entry.subject),
            changes,
        }
    }

    pub async fn view(confirmations_before: Option<i32>) -> Result<CustomerDataView, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let db = db()?;
        let organisation_id = acting.now.organisation.id;
        let mut histories = changes_by_item(&db, organisation_id).await?;
        let applications = crate::backend::application_store::list(&db, organisation_id).await?;
        let in_use = crate::backend::application_store::in_production(&applications);
        let rows = data::contacts(&db, organisation_id).await?;
        let all = covers(&rows, None);
        let contacts = contact_views(&rows, &in_use, &all, &mut histories);
        let items = data::technical(&db, organisation_id).await?;
        let today = today();
        let attention =
            data::attention_for(&registries()?, &items, data::confirmed_since(&db, organisation_id).await?, today)
                .await?;
        let technical = technical_views(items, &mut histories);
        let (confirmations, confirmations_older) =
            data::confirmations(&db, organisation_id, confirmations_before).await?;
        let confirmations: Vec<ChangeLine> = confirmations.into_iter().map(change_line).collect();
        let latest = last_confirmed(&db, organisation_id, confirmations_before, &confirmations).await?;
        Ok(CustomerDataView {
            organisation: acting.now.organisation.name.clone(),
            gaps: gaps(&in_use, &all),
            attention,
            confirmed: latest,
            confirmations,
            confirmations_older,
            technical_services: data::technical_services_of(&applications),
            earliest_change: today.plus_days(i64::from(crate::domain::technical::NOTICE_DAYS)).to_string(),
            in_use,
            contacts,
            technical,
        })
    }

    /// The change lines of each contact and technical item, by item.
    type Histories = std::collections::HashMap<(ChangeSubject, i32), Vec<ChangeLine>>;

    /// The organisation's contacts' and technical items' changes, grouped by item.
    async fn changes_by_item(db: &DatabaseConnection, organisation_id: i32) -> Result<Histories, AppError> {
        let mut by_item = Histories::new();
        for (entry, changes, who) in data::item_changes(db, organisation_id).await? {
            if let (Some(id), Some(subject)) = (entry.subject_id, ChangeSubject::from_code(&entry.subject)) {
                by_item.entry((subject, id)).or_default().push(change_line((entry, changes, who)));
            }
        }
        Ok(by_item)
    }

    /// Takes the history of one item out of `histories` (empty when it has none).
    fn history_of(histories: &mut Histories, subject: ChangeSubject, id: i32) -> Vec<ChangeLine> {
        histories.remove(&(subject, id)).unwrap_or_default()
    }

    /// What the contacts in force among `rows` cover, leaving out contact `skip`.
    fn covers(rows: &[contact::Model], skip: Option<i32>) -> Vec<Covers> {
        rows.iter()
            .filter(|c| c.valid_to.is_none() && Some(c.id) != skip)
            .filter_map(|c| Some(Covers { kind: ContactKind::from_code(&c.kind)?, services: data::services_of(c) }))
            .collect()
    }

    /// The contacts as shown, each in force one with the gaps ending it would open in the services
    /// `in_use` (`all`: what every contact in force covers), and each with its history.
    fn contact_views(
        rows: &[contact::Model],
        in_use: &[KantaService],
        all: &[Covers],
        histories: &mut Histories,
    ) -> Vec<ContactView> {
        let mut contacts = Vec::new();
        for c in rows {
            let Some(kind) = ContactKind::from_code(&c.kind) else { continue };
            let sole_for =
                if c.valid_to.is_none() { gaps_opened(in_use, all, &covers(rows, Some(c.id))) } else { Vec::new() };
            contacts.push(ContactView {
                id: c.id,
                version: c.version,
                kind,
                name: c.name.clone(),
                email: c.email.clone(),
                phone: c.phone.clone(),
                services: data::services_of(c),
                valid_from: local(&c.valid_from),
                valid_to: c.valid_to.as_deref().map(local),
                sole_for,
                history: history_of(histories, ChangeSubject::Contact, c.id),
            });
        }
        contacts
    }

    /// The technical items as shown, each with its history; one of a service or kind this version
    /// does not know is left out.
    fn technical_views(items: Vec<technical_item::Model>, histories: &mut Histories) -> Vec<TechnicalView> {
        items
            .into_iter()
            .filter_map(|t| {
                Some(TechnicalView {
                    id: t.id,
                    version: t.version,
                    service: KantaService::from_code(&t.service)?,
                    kind: TechnicalKind::from_code(&t.kind)?,
                    history: history_of(histories, ChangeSubject::Technical, t.id),
                    name: t.name,
                    product_version: t.product_version,
                    vendor: t.vendor,
                    oid: t.oid,
                    expires: t.expires_on.as_deref().map(local),
                    valid_from: local(&t.valid_from),
                    valid_to: t.valid_to.as_deref().map(local),
                })
            })
            .collect()
    }

    /// When the data was last confirmed: the newest of `page` when it is the first page (`before`
    /// is `None`), else read again.
    async fn last_confirmed(
        db: &DatabaseConnection,
        organisation_id: i32,
        before: Option<i32>,
        page: &[ChangeLine],
    ) -> Result<Option<String>, AppError> {
        // On an older page, the newest is not among them.
        Ok(match before {
            None => page.first().map(|c| c.at.clone()),
            Some(_) => data::latest_confirmation(db, organisation_id).await?.map(|c| change_line(c).at),
        })
    }

    /// A stored `YYYY-MM-DD` as Finns write it.
    fn local(stored: &str) -> String {
        crate::domain::validation::Date::parse(stored).map(|d| d.local()).unwrap_or_else(|_| stored.to_string())
    }

    fn done() -> Result<(), AppError> {
        leptos_axum::redirect(PAGE);
        Ok(())
    }

    /// Adds a contact, or changes the one seen at `(id, version)`.
    pub async fn save_contact(existing: Option<(i32, i32)>, form: &ContactForm) -> Result<(), AppError> {
        let acting = acting_for(Action::UpdateContactsAndTechnicalData).await?;
        let input = form.parse().map_err(AppError::Invalid)?;
        let (db, organisation_id) = (db()?, acting.now.organisation.id);
        match existing {
            None => data::add_contact(&db, acting.doer(), organisation_id, &input, today()).await?,
            Some((id, version)) => {
                data::change_contact(&db, acting.doer(), organisation_id, id, version, &input).await?
            }
        };
        done()
    }

    pub async fn end_contact(id: i32, version: i32) -> Result<(), AppError> {
        let acting = acting_for(Action::UpdateContactsAndTechnicalData).await?;
        data::end_contact(&db()?, acting.doer(), acting.now.organisation.id, id, version, today()).await?;
        done()
    }

    pub async fn add_technical(form: &TechnicalForm) -> Result<(), AppError> {
        let acting = acting_for(Action::UpdateContactsAndTechnicalData).await?;
        let db = db()?;
        let services = data::technical_services(&db, acting.now.organisation.id).await?;
        let input = TechnicalInput::parse(form, &services, today()).map_err(AppError::Invalid)?;
        data::add_technical(&db, &registries()?, acting.doer(), &acting.now.organisation, &input).await?;
        done()
    }

    pub async fn end_technical(id: i32, version: i32, date: &str) -> Result<(), AppError> {
        let acting = acting_for(Action::UpdateContactsAndTechnicalData).await?;
        let date = takes_effect(date, today())
            .map_err(|problem| AppError::Invalid(vec![FieldError::new("takes_effect", problem)]))?;
        data::end_technical(&db()?, acting.doer(), acting.now.organisation.id, id, version, date).await?;
        done()
    }

    pub async fn confirm() -> Result<(), AppError> {
        let acting = acting_for(Action::UpdateContactsAndTechnicalData).await?;
        data::confirm(&db()?, acting.doer(), acting.now.organisation.id).await?;
        done()
    }
}

#[cfg(test)]
mod tests {
    use super::DataForm;

    #[test]
    fn a_form_is_read_back_from_its_name() {
        for form in [DataForm::AddContact, DataForm::Contact(42), DataForm::AddTechnical] {
            assert_eq!(DataForm::parse(&form.name()), Some(form));
        }
        for other in ["add-unit", "contact-", "contact-x", "co-joiners", ""] {
            assert_eq!(DataForm::parse(other), None, "{other}");
        }
    }
}
