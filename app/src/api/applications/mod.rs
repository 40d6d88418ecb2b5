//! Taking services into use, for the organisation the user acts for: the dashboard, the
//! application wizard's saves, signing the agreement, and sending or withdrawing.
use crate::{
    domain::{
        acting::Basis,
        application::{Actor, Command, State},
        services::{KantaService, ServiceSet},
        validation::FieldError,
    },
    error::AppError,
    wizard::Answers,
};
use leptos::{
    prelude::*,
    server_fn::codec::{ByteStream, GetUrl, Streaming},
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: i32,
    pub services: ServiceSet,
    pub state: State,
    pub updated: String,
}

/// What the organisation should do next, most urgent first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Task {
    /// The organisation's data in the code service must be fixed before anything can be sent.
    FixCodeService,
    /// Kanta returned the application with a comment.
    AnswerReturn {
        id: i32,
        services: ServiceSet,
    },
    /// Answers complete; the agreement waits for a signature.
    SignAgreement {
        id: i32,
        services: ServiceSet,
    },
    FinishDraft {
        id: i32,
        services: ServiceSet,
    },
    /// A service in use lacks a required contact.
    AddContact {
        service: KantaService,
        kind: crate::domain::contacts::ContactKind,
    },
    /// Customer data to confirm or fix (see `domain::freshness`).
    CustomerData(crate::domain::freshness::Attention),
    /// A pharmacy's Prescription application was approved (or went live) after its data was last
    /// confirmed: its contacts are to be brought up to date, as Kanta asks pharmacies to.
    UpdatePharmacyContacts,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardData {
    pub organisation: String,
    pub tasks: Vec<Task>,
    pub applications: Vec<ApplicationSummary>,
    /// Services the organisation may still apply for (none open or in use).
    pub available: Vec<KantaService>,
    /// Services in production.
    pub in_use: Vec<KantaService>,
    /// Joint joinings the organisation is a co-joiner in.
    pub joint: Vec<crate::api::joint::MembershipLine>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLine {
    pub at: String,
    pub who: String,
    pub actor: Actor,
    /// `None`: an event this version does not know (an older row).
    pub kind: Option<crate::domain::records::HistoryEvent>,
    pub to: Option<State>,
    pub comment: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signed {
    pub at: String,
    pub signer: String,
    pub basis: Option<Basis>,
    pub version: String,
    pub hash: String,
    /// The terms the signed text accepts, at their versions (none for a signature older than that).
    pub cited: Vec<(crate::terms::Document, String)>,
}

/// The agreement as the user is asked to sign it, and the hash they sign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementShown {
    pub version: String,
    pub text: String,
    pub hash: String,
    /// The terms the text makes the customer accept, at their versions, to read before signing.
    pub cited: Vec<(crate::terms::Document, String)>,
}

/// A service unit beyond the first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitLine {
    pub id: i32,
    pub name: String,
    pub oid: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i32,
    pub organisation: String,
    pub services: ServiceSet,
    /// The services this application may be for (its own and those not applied for), while
    /// the applicant may change it.
    pub choosable: Vec<KantaService>,
    pub state: State,
    pub version: i32,
    pub answers: Answers,
    /// The service units beyond the first (which is among the answers).
    pub units: Vec<UnitLine>,
    pub go_live: Option<String>,
    pub history: Vec<EventLine>,
    /// What is still missing before it can be sent.
    pub problems: Vec<FieldError>,
    pub signed: Option<Signed>,
    /// Shown while the application can still be sent and is complete.
    pub agreement: Option<AgreementShown>,
    /// What this user may do now.
    pub commands: Vec<Command>,
    /// What must be in place before it can be sent.
    pub unmet: Vec<crate::domain::services::Prerequisite>,
    /// The termination notice given, if any.
    pub notice: Option<NoticeGiven>,
    /// In production, no notice yet, and this user's basis allows signing one.
    pub may_give_notice: bool,
    /// Joint joining: the co-joiners this application names.
    pub co_joiners: Vec<crate::api::joint::CoJoinerLine>,
}

/// A termination notice as signed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeGiven {
    /// The last day in use, as Finns write it.
    pub end_on: String,
    pub at: String,
    pub signer: String,
    pub hash: String,
}

/// The termination notice that would be signed: the last day in use (ISO 8601), the exact text
/// and its SHA-256.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeShown {
    pub end_on: String,
    pub text: String,
    pub hash: String,
}

/// The notice ending application `id`'s services after `end_on` (a day after today), as the
/// user would sign it; `Invalid` (`end_on`) for another day.
#[server(endpoint = "applications/notice-text")]
pub async fn notice_text(id: i32, end_on: String) -> Result<NoticeShown, AppError> {
    super::respond(ssr::notice_text(id, &end_on).await)
}

/// Signs the notice shown with `hash` (point 6 of the agreement): `Conflict` when the text or the
/// application (`version`) moved. Without JavaScript the page comes back refused or signed.
#[server(endpoint = "applications/give-notice")]
pub async fn give_notice(id: i32, version: i32, end_on: String, hash: String) -> Result<(), AppError> {
    let given = ssr::give_notice(id, version, &end_on, &hash).await;
    let fields = [("end_on".to_string(), end_on)];
    super::respond(super::refused_form(given, &format!("/applications/{id}"), "notice", &fields))
}

#[server(endpoint = "applications/dashboard")]
pub async fn dashboard() -> Result<DashboardData, AppError> {
    super::respond(ssr::dashboard().await)
}

/// Starts an application for the services ticked (`services[<code>]=on`); a plain form post,
/// answered by a redirect to it.
#[server(endpoint = "applications/start")]
pub async fn start_application(#[server(default)] services: BTreeMap<String, String>) -> Result<i32, AppError> {
    super::respond(ssr::start(&services).await)
}

/// Changes the services of an application the applicant may still change, made on `version`.
#[server(endpoint = "applications/services")]
pub async fn change_services(
    id: i32,
    version: i32,
    #[server(default)] services: BTreeMap<String, String>,
) -> Result<(), AppError> {
    super::respond(ssr::change_services(id, version, &services).await)
}

#[server(endpoint = "applications/get")]
pub async fn get_application(id: i32) -> Result<ApplicationView, AppError> {
    super::respond(ssr::view(id).await)
}

/// Saves the wizard's answers made on `version`; returns the new version. Form-encoded
/// (`answers[unit_name]=…`), so a plain form can send it too.
#[server(endpoint = "applications/save")]
pub async fn save_application(id: i32, version: i32, answers: Answers) -> Result<i32, AppError> {
    super::respond(ssr::save(id, version, answers).await)
}

/// Adds a further service unit (as the unit step's `unit_name` and `unit_oid`) to an application
/// the applicant may still change, made on `version`.
#[server(endpoint = "applications/add-unit")]
pub async fn add_unit(id: i32, version: i32, unit_name: String, unit_oid: String) -> Result<(), AppError> {
    let added = ssr::add_unit(id, version, &unit_name, &unit_oid).await;
    // Not under the wizard's names in the address: those would be taken as the first unit's.
    let typed = [("added_name".to_string(), unit_name), ("added_oid".to_string(), unit_oid)];
    super::respond(super::refused_form(added, &format!("/applications/{id}"), "add-unit", &typed))
}

/// Takes further service unit `unit` off the application, made on `version`.
#[server(endpoint = "applications/remove-unit")]
pub async fn remove_unit(id: i32, version: i32, unit: i32) -> Result<(), AppError> {
    super::respond(ssr::remove_unit(id, version, unit).await)
}

/// Signs the agreement whose text had `hash` when it was shown; a text changed since is refused.
#[server(endpoint = "applications/sign")]
pub async fn sign_agreement(id: i32, version: i32, hash: String) -> Result<(), AppError> {
    super::respond(ssr::sign(id, version, &hash).await)
}

/// Sends (`submit`) or withdraws (`withdraw`) the application.
#[server(endpoint = "applications/command")]
pub async fn applicant_command(id: i32, version: i32, command: String) -> Result<(), AppError> {
    super::respond(ssr::command(id, version, &command).await)
}

/// The signed agreement as a PDF/A-3a document, for download (`?id=…`).
#[server(endpoint = "applications/agreement.pdf", input = GetUrl, output = Streaming)]
pub async fn agreement_pdf(id: i32) -> Result<ByteStream<AppError>, AppError> {
    let pdf = super::respond(ssr::pdf(id).await)?;
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(pdf) })))
}

/// The application's signed termination notice as a PDF/A-3a document, for download (`?id=…`);
/// `NotFound` when none was given.
#[server(endpoint = "applications/notice.pdf", input = GetUrl, output = Streaming)]
pub async fn notice_pdf(id: i32) -> Result<ByteStream<AppError>, AppError> {
    let pdf = super::respond(ssr::notice_pdf(id).await)?;
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(pdf) })))
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::{
        api::guard::{Acting, acting_for},
        backend::{
            agreement::AgreementText,
            db, format_time,
            onboarding::{self, Application},
            registry::registries,
        },
        domain::{acting::Action, acting::CodeServiceStatus},
        i18n::{Lang, request_lang},
        wizard::application::problems_before_submit,
    };

    /// The application's history for the status timeline, in the reader's language.
    pub(crate) async fn history_lines(db: &sea_orm::DatabaseConnection, id: i32) -> Result<Vec<EventLine>, AppError> {
        let lang = request_lang();
        Ok(onboarding::history(db, id)
            .await?
            .into_iter()
            .map(|(e, who)| EventLine {
                at: format_time(e.at, lang),
                who: who.unwrap_or_default(),
                actor: Actor::from_code(&e.actor).unwrap_or(Actor::Applicant),
                kind: crate::domain::records::HistoryEvent::from_code(&e.kind),
                to: e.to_state.as_deref().and_then(State::from_code),
                comment: e.comment,
            })
            .collect())
    }

    /// A termination notice as the pages show it, its times in `lang`.
    pub(crate) fn notice_given(n: crate::backend::entities::termination_notice::Model, lang: Lang) -> NoticeGiven {
        NoticeGiven {
            end_on: crate::domain::validation::Date::parse(&n.end_on).map(|d| d.local()).unwrap_or(n.end_on),
            at: format_time(n.signed_at, lang),
            signer: n.signer_name,
            hash: n.text_hash,
        }
    }

    pub(crate) fn summary(a: &Application) -> ApplicationSummary {
        ApplicationSummary {
            id: a.row.id,
            services: a.services.clone(),
            state: a.state,
            updated: format_time(a.row.updated_at, request_lang()),
        }
    }

    pub async fn dashboard() -> Result<DashboardData, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let db = db()?;
        let applications = onboarding::list(&db, acting.now.organisation.id).await?;
        let mut tasks = Vec::new();
        let code_service = CodeServiceStatus::from_code(&acting.now.organisation.code_service_status);
        if !code_service.is_some_and(CodeServiceStatus::allows_taking_into_use) {
            tasks.push(Task::FixCodeService);
        }
        for a in &applications {
            let (id, services) = (a.row.id, a.services.clone());
            match a.state {
                State::ReturnedForChanges => tasks.insert(0, Task::AnswerReturn { id, services }),
                State::Draft if problems_before_submit(&services, &a.answers).is_empty() => {
                    tasks.push(Task::SignAgreement { id, services })
                }
                State::Draft => tasks.push(Task::FinishDraft { id, services }),
                _ => {}
            }
        }
        let organisation_id = acting.now.organisation.id;
        let in_use = onboarding::in_production(&applications);
        for (service, kind) in crate::backend::customer_data::contact_gaps(&db, organisation_id, &in_use).await? {
            tasks.push(Task::AddContact { service, kind });
        }
        if pharmacy_contacts_due(&db, &acting, &applications).await? {
            tasks.push(Task::UpdatePharmacyContacts);
        }
        let today = crate::domain::calendar::today();
        for a in crate::backend::customer_data::attention(&db, &registries()?, organisation_id, today).await? {
            tasks.push(Task::CustomerData(a));
        }
        // A service used through a joint joining is in use here too, and not applied for again
        // while that joining is open or in use.
        let joint = Box::pin(crate::api::joint::ssr::membership_lines(&db, &acting.now.organisation)).await?;
        let mut in_use = in_use;
        let mut available = onboarding::available(&applications, acting.now.kind, None);
        for m in joint.iter().filter(|m| m.signed.is_some() && !matches!(m.state, State::Ended)) {
            let services = m.services.as_slice();
            available.retain(|s| !services.contains(s));
            if m.state.in_use() {
                in_use.extend(services.iter().copied().filter(|s| !in_use.contains(s)).collect::<Vec<_>>());
            }
        }
        Ok(DashboardData {
            organisation: acting.now.organisation.name.clone(),
            tasks,
            available,
            in_use,
            applications: applications.iter().map(summary).collect(),
            joint,
        })
    }

    /// Whether a pharmacy's Prescription application was approved or went live after the
    /// pharmacy last confirmed its data.
    async fn pharmacy_contacts_due(
        db: &sea_orm::DatabaseConnection,
        acting: &Acting,
        applications: &[onboarding::Application],
    ) -> Result<bool, AppError> {
        if acting.now.kind != crate::domain::acting::OrganisationKind::Pharmacy {
            return Ok(false);
        }
        let prescription: Vec<i32> = applications
            .iter()
            .filter(|a| matches!(a.state, State::ApprovedForProduction | State::InProduction))
            .filter(|a| a.services.as_slice().contains(&KantaService::EPrescriptionPharmacy))
            .map(|a| a.row.id)
            .collect();
        let Some(decided) = onboarding::last_decided(db, &prescription).await? else {
            return Ok(false);
        };
        let confirmed = crate::backend::customer_data::latest_confirmation(db, acting.now.organisation.id).await?;
        Ok(confirmed.is_none_or(|(entry, _, _)| entry.at < decided))
    }

    /// The services ticked in a form, for the acting organisation's kind.
    fn ticked(acting: &Acting, services: &BTreeMap<String, String>) -> Result<ServiceSet, AppError> {
        let codes = services.iter().filter(|(_, v)| !v.is_empty()).map(|(k, _)| k);
        ServiceSet::choose(codes, acting.now.kind)
            .map_err(|problem| AppError::Invalid(vec![FieldError::new(crate::wizard::application::SERVICES, problem)]))
    }

    pub async fn start(services: &BTreeMap<String, String>) -> Result<i32, AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        let services = ticked(&acting, services)?;
        let created = onboarding::create(&db()?, &acting.session, &acting.now, &services, request_lang()).await?;
        leptos_axum::redirect(&format!("/applications/{}", created.row.id));
        Ok(created.row.id)
    }

    pub async fn change_services(id: i32, version: i32, services: &BTreeMap<String, String>) -> Result<(), AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        let services = ticked(&acting, services)?;
        onboarding::change_services(&db()?, &acting.session, &acting.now, id, version, &services).await?;
        leptos_axum::redirect(&format!("/applications/{id}"));
        Ok(())
    }

    pub async fn add_unit(id: i32, version: i32, name: &str, oid: &str) -> Result<(), AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        let (db, registries) = (db()?, registries()?);
        onboarding::add_unit(&db, &registries, &acting.session, &acting.now, id, version, name, oid).await?;
        leptos_axum::redirect(&format!("/applications/{id}#units"));
        Ok(())
    }

    pub async fn remove_unit(id: i32, version: i32, unit: i32) -> Result<(), AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        onboarding::remove_unit(&db()?, &acting.session, &acting.now, id, version, unit).await?;
        leptos_axum::redirect(&format!("/applications/{id}#units"));
        Ok(())
    }

    /// The application's further service units, for its page and the staff's.
    pub(crate) async fn unit_lines(db: &sea_orm::DatabaseConnection, id: i32) -> Result<Vec<UnitLine>, AppError> {
        Ok(onboarding::units(db, id)
            .await?
            .into_iter()
            .map(|u| UnitLine { id: u.id, name: u.name, oid: u.oid })
            .collect())
    }

    pub async fn view(id: i32) -> Result<ApplicationView, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        view_for(&acting, id).await
    }

    pub(crate) fn agreement_for(acting: &Acting, a: &Application) -> AgreementText {
        let o = &acting.now.organisation;
        AgreementText::current(request_lang(), &o.name, &o.ytunnus, &a.services)
    }

    async fn view_for(acting: &Acting, id: i32) -> Result<ApplicationView, AppError> {
        let db = db()?;
        let lang = request_lang();
        let applications = onboarding::list(&db, acting.now.organisation.id).await?;
        let a = applications.iter().find(|a| a.row.id == id).cloned().ok_or(AppError::NotFound)?;
        let history = history_lines(&db, id).await?;
        let signed = onboarding::signature(&db, id).await?;
        let problems = problems_before_submit(&a.services, &a.answers);
        let signed_current =
            signed.as_ref().is_some_and(|s| AgreementText::is_signed_by(s, &acting.now.organisation, &a.services));
        let agreement = (a.state.is_editable() && problems.is_empty() && !signed_current).then(|| {
            let text = agreement_for(acting, &a);
            let cited = text.cited.iter().map(|(d, v)| (*d, v.to_string())).collect();
            AgreementShown { version: text.version.into(), hash: text.hash(), text: text.text, cited }
        });
        let track = crate::domain::application::Track::of(&a.services);
        let mut commands = crate::domain::application::commands(track, a.state, Actor::Applicant);
        let in_use = onboarding::in_production(&applications);
        let mut unmet = Vec::new();
        if a.state.is_editable() {
            unmet = onboarding::unmet(&acting.now, &a.services, &in_use);
            let registries = crate::backend::registry::registries()?;
            // The register down hides this check from the page; sending checks it again.
            match onboarding::takeover_unmet(&registries, &acting.now, &a.services).await {
                Ok(takeover) => unmet.extend(takeover),
                Err(error) => tracing::warn!(?error, "pharmacy register did not answer for the application page"),
            }
        }
        let co_joiners = crate::api::joint::ssr::co_joiner_lines(&db, id, &a.services).await?;
        if a.state.is_editable() && co_joiners.iter().any(|c| c.signed.is_none()) {
            unmet.push(crate::domain::services::Prerequisite::CoJoinersSigned);
        }
        if !(problems.is_empty() && signed_current && unmet.is_empty()) {
            commands.retain(|c| *c != Command::Submit);
        }
        let notice = crate::backend::termination::notice(&db, id).await?;
        let may_give_notice = a.state == State::InProduction
            && notice.is_none()
            && crate::domain::acting::permits(acting.now.basis, acting.now.kind, Action::SignAgreements);
        Ok(ApplicationView {
            id,
            organisation: acting.now.organisation.name.clone(),
            choosable: if a.state.is_editable() {
                onboarding::available(&applications, acting.now.kind, Some(id))
            } else {
                Vec::new()
            },
            services: a.services.clone(),
            state: a.state,
            version: a.row.version,
            go_live: a.row.go_live_on.clone(),
            history,
            problems,
            signed: signed.map(|s| Signed {
                at: format_time(s.signed_at, lang),
                signer: s.signer_name,
                basis: Basis::from_code(&s.basis),
                cited: crate::backend::agreement::cited_terms(&s.cited_terms),
                version: s.agreement_version,
                hash: s.text_hash,
            }),
            agreement,
            commands,
            unmet,
            notice: notice.map(|n| notice_given(n, lang)),
            may_give_notice,
            co_joiners,
            units: unit_lines(&db, id).await?,
            answers: a.answers,
        })
    }

    pub async fn save(id: i32, version: i32, answers: Answers) -> Result<i32, AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        let saved =
            onboarding::save(&db()?, &registries()?, &acting.session, &acting.now, id, version, &answers).await?;
        // The wizard's last step posted without JavaScript: on to the application's page.
        if crate::api::is_form_post() {
            leptos_axum::redirect(&format!("/applications/{id}"));
        }
        Ok(saved.row.version)
    }

    pub async fn sign(id: i32, version: i32, hash: &str) -> Result<(), AppError> {
        let acting = acting_for(Action::SignAgreements).await?;
        let db = db()?;
        let a = onboarding::get(&db, id, Some(acting.now.organisation.id)).await?;
        let text = agreement_for(&acting, &a);
        if text.hash() != hash.trim() {
            return Err(AppError::Conflict { current: a.row.version });
        }
        onboarding::sign(&db, &acting.session, &acting.now, &a, version, &text).await?;
        leptos_axum::redirect(&format!("/applications/{id}"));
        Ok(())
    }

    /// The notice text for `id` ending after `end_on`, in the page's language, naming this user.
    fn notice_for(
        acting: &Acting,
        a: &Application,
        end_on: &str,
    ) -> Result<(crate::domain::validation::Date, String), AppError> {
        let today = crate::domain::calendar::today();
        let end_on = crate::backend::termination::parse_end_on(end_on, today)?;
        let text = crate::backend::termination::notice_text(
            request_lang(),
            &acting.now.organisation,
            &a.services,
            end_on,
            &acting.session.display_name,
            acting.now.basis,
        );
        Ok((end_on, text))
    }

    pub async fn notice_text(id: i32, end_on: &str) -> Result<NoticeShown, AppError> {
        let acting = acting_for(Action::SignAgreements).await?;
        let a = onboarding::get(&db()?, id, Some(acting.now.organisation.id)).await?;
        let (end_on, text) = notice_for(&acting, &a, end_on)?;
        Ok(NoticeShown { end_on: end_on.to_string(), hash: crate::backend::agreement::text_hash(&text), text })
    }

    pub async fn give_notice(id: i32, version: i32, end_on: &str, hash: &str) -> Result<(), AppError> {
        let acting = acting_for(Action::SignAgreements).await?;
        let db = db()?;
        let a = onboarding::get(&db, id, Some(acting.now.organisation.id)).await?;
        let (end_on, _) = notice_for(&acting, &a, end_on)?;
        let lang = request_lang();
        crate::backend::termination::give_notice(&db, &acting.session, &acting.now, &a, version, end_on, lang, hash)
            .await?;
        leptos_axum::redirect(&format!("/applications/{id}#notice"));
        Ok(())
    }

    pub async fn pdf(id: i32) -> Result<Vec<u8>, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let db = db()?;
        onboarding::get(&db, id, Some(acting.now.organisation.id)).await?;
        let signed = onboarding::signature(&db, id).await?.ok_or(AppError::NotFound)?;
        let at = format_time(signed.signed_at, Lang::from_code(&signed.lang).unwrap_or_default());
        let pdf = crate::backend::agreement::pdf(&signed, &acting.now.organisation.name, &at)?;
        super::super::offer_download("application/pdf", &format!("kanta-agreement-{id}.pdf"));
        Ok(pdf)
    }

    pub async fn notice_pdf(id: i32) -> Result<Vec<u8>, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let db = db()?;
        onboarding::get(&db, id, Some(acting.now.organisation.id)).await?;
        let notice = crate::backend::termination::notice(&db, id).await?.ok_or(AppError::NotFound)?;
        let at = format_time(notice.signed_at, Lang::from_code(&notice.lang).unwrap_or_default());
        let pdf = crate::backend::termination::pdf(&notice, &at)?;
        super::super::offer_download("application/pdf", &format!("kanta-notice-{id}.pdf"));
        Ok(pdf)
    }

    pub async fn command(id: i32, version: i32, command: &str) -> Result<(), AppError> {
        let command = Command::from_code(command).ok_or(AppError::NotNow)?;
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        let db = db()?;
        let registries = crate::backend::registry::registries()?;
        onboarding::applicant_command(&db, &registries, &acting.session, &acting.now, id, version, command).await?;
        leptos_axum::redirect(&format!("/applications/{id}"));
        Ok(())
    }
}
