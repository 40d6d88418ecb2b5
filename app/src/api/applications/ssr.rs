//! The server side of the applications' server functions: each starts with the guard.
use super::*;
use crate::{
    api::{
        context::{self, db, registries},
        guard::acting_for,
    },
    backend::acting::Acting,
    backend::{
        agreement::AgreementText,
        application_store::{self, Application},
        format_time,
    },
    domain::{acting::Action, acting::CodeServiceStatus},
    i18n::{Lang, request_lang},
    wizard::application::problems_before_submit,
};

/// The application's history for the status timeline, in the reader's language.
pub(crate) async fn history_lines(db: &sea_orm::DatabaseConnection, id: i32) -> Result<Vec<EventLine>, AppError> {
    let lang = request_lang();
    Ok(application_store::history(db, id)
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
    let applications = application_store::list(&db, acting.now.organisation.id).await?;
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
    let in_use = application_store::in_production(&applications);
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
    let mut available = application_store::available(&applications, acting.now.kind, None);
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
    applications: &[application_store::Application],
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
    let Some(decided) = application_store::last_decided(db, &prescription).await? else {
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
    let created = crate::backend::applications::create(&db()?, &acting, &services, request_lang()).await?;
    leptos_axum::redirect(&format!("/applications/{}", created.row.id));
    Ok(created.row.id)
}

pub async fn change_services(id: i32, version: i32, services: &BTreeMap<String, String>) -> Result<(), AppError> {
    let acting = acting_for(Action::TakeServicesIntoUse).await?;
    let services = ticked(&acting, services)?;
    crate::backend::applications::change_services(&db()?, &acting, id, version, &services).await?;
    leptos_axum::redirect(&format!("/applications/{id}"));
    Ok(())
}

pub async fn add_unit(id: i32, version: i32, name: &str, oid: &str) -> Result<(), AppError> {
    let acting = acting_for(Action::TakeServicesIntoUse).await?;
    let (db, registries) = (db()?, registries()?);
    crate::backend::applications::add_unit(&db, &registries, &acting, id, version, name, oid).await?;
    leptos_axum::redirect(&format!("/applications/{id}#units"));
    Ok(())
}

pub async fn remove_unit(id: i32, version: i32, unit: i32) -> Result<(), AppError> {
    let acting = acting_for(Action::TakeServicesIntoUse).await?;
    crate::backend::applications::remove_unit(&db()?, &acting, id, version, unit).await?;
    leptos_axum::redirect(&format!("/applications/{id}#units"));
    Ok(())
}

/// The application's further service units, for its page and the staff's.
pub(crate) async fn unit_lines(db: &sea_orm::DatabaseConnection, id: i32) -> Result<Vec<UnitLine>, AppError> {
    Ok(application_store::units(db, id)
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
    let applications = application_store::list(&db, acting.now.organisation.id).await?;
    let a = applications.iter().find(|a| a.row.id == id).cloned().ok_or(AppError::NotFound)?;
    let history = history_lines(&db, id).await?;
    let signed = application_store::signature(&db, id).await?;
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
    let in_use = application_store::in_production(&applications);
    let mut unmet = Vec::new();
    if a.state.is_editable() {
        unmet = crate::backend::applications::unmet(&acting.now, &a.services, &in_use);
        let registries = registries()?;
        // The register down hides this check from the page; sending checks it again.
        match crate::backend::applications::takeover_unmet(&registries, &acting.now, &a.services).await {
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
            application_store::available(&applications, acting.now.kind, Some(id))
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
        crate::backend::applications::save(&db()?, &registries()?, &acting, id, version, &answers, request_lang())
            .await?;
    // The wizard's last step posted without JavaScript: on to the application's page.
    if crate::api::is_form_post() {
        leptos_axum::redirect(&format!("/applications/{id}"));
    }
    Ok(saved.row.version)
}

pub async fn sign(id: i32, version: i32, hash: &str) -> Result<(), AppError> {
    let acting = acting_for(Action::SignAgreements).await?;
    let db = db()?;
    let a = application_store::get(&db, id, Some(acting.now.organisation.id)).await?;
    let text = agreement_for(&acting, &a);
    if text.hash() != hash.trim() {
        return Err(AppError::Conflict { current: a.row.version });
    }
    crate::backend::applications::sign(&db, &acting, &a, version, &text).await?;
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
    let a = application_store::get(&db()?, id, Some(acting.now.organisation.id)).await?;
    let (end_on, text) = notice_for(&acting, &a, end_on)?;
    Ok(NoticeShown { end_on: end_on.to_string(), hash: crate::backend::agreement::text_hash(&text), text })
}

pub async fn give_notice(id: i32, version: i32, end_on: &str, hash: &str) -> Result<(), AppError> {
    let acting = acting_for(Action::SignAgreements).await?;
    let db = db()?;
    let a = application_store::get(&db, id, Some(acting.now.organisation.id)).await?;
    let (end_on, _) = notice_for(&acting, &a, end_on)?;
    let lang = request_lang();
    let mail = context::mailing();
    crate::backend::termination::give_notice(&db, &mail, &acting, &a, version, end_on, lang, hash).await?;
    leptos_axum::redirect(&format!("/applications/{id}#notice"));
    Ok(())
}

pub async fn pdf(id: i32) -> Result<Vec<u8>, AppError> {
    let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
    let db = db()?;
    application_store::get(&db, id, Some(acting.now.organisation.id)).await?;
    let signed = application_store::signature(&db, id).await?.ok_or(AppError::NotFound)?;
    let at = format_time(signed.signed_at, Lang::from_code(&signed.lang).unwrap_or_default());
    let pdf = crate::backend::agreement::pdf(&signed, &acting.now.organisation.name, &at)?;
    super::super::offer_download("application/pdf", &format!("kanta-agreement-{id}.pdf"));
    Ok(pdf)
}

pub async fn notice_pdf(id: i32) -> Result<Vec<u8>, AppError> {
    let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
    let db = db()?;
    application_store::get(&db, id, Some(acting.now.organisation.id)).await?;
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
    let registries = registries()?;
    crate::backend::applications::applicant_command(
        &db,
        &registries,
        &context::mailing(),
        &acting,
        id,
        version,
        command,
    )
    .await?;
    leptos_axum::redirect(&format!("/applications/{id}"));
    Ok(())
}
