//! Taking services into use, for the organisation the user acts for: the dashboard, the
//! application wizard's saves, signing the agreement, and sending or withdrawing.
use crate::{
    domain::{
        acting::Basis,
        application::{Actor, Command, State},
        services::KantaService,
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationSummary {
    pub id: i32,
    pub service: KantaService,
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
        service: KantaService,
    },
    /// Answers complete; the agreement waits for a signature.
    SignAgreement {
        id: i32,
        service: KantaService,
    },
    FinishDraft {
        id: i32,
        service: KantaService,
    },
    /// A service in use lacks a required contact.
    AddContact {
        service: KantaService,
        kind: crate::domain::contacts::ContactKind,
    },
    /// Customer data to confirm or fix (see `domain::freshness`).
    CustomerData(crate::domain::freshness::Attention),
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
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLine {
    pub at: String,
    pub who: String,
    pub actor: Actor,
    /// `created`, `signed`, or a command's code.
    pub kind: String,
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
}

/// The agreement as the user is asked to sign it, and the hash they sign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementShown {
    pub version: String,
    pub text: String,
    pub hash: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationView {
    pub id: i32,
    pub organisation: String,
    pub service: KantaService,
    pub state: State,
    pub version: i32,
    pub answers: Answers,
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
}

#[server(endpoint = "applications/dashboard")]
pub async fn dashboard() -> Result<DashboardData, AppError> {
    super::respond(ssr::dashboard().await)
}

/// Starts an application; a plain form post, answered by a redirect to it.
#[server(endpoint = "applications/start")]
pub async fn start_application(service: String) -> Result<i32, AppError> {
    super::respond(ssr::start(&service).await)
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

/// The signed agreement as a PDF, for download (`?id=…`).
#[server(endpoint = "applications/agreement.pdf", input = GetUrl, output = Streaming)]
pub async fn agreement_pdf(id: i32) -> Result<ByteStream<AppError>, AppError> {
    let pdf = super::respond(ssr::pdf(id).await)?;
    Ok(ByteStream::new(futures::stream::once(async move { Ok::<_, AppError>(pdf) })))
}

#[cfg(feature = "ssr")]
pub(crate) mod ssr {
    use super::*;
    use crate::{
        api::guard::{Acting, acting_for},
        backend::{
            agreement::{AgreementText, CURRENT_VERSION},
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
                kind: e.kind,
                to: e.to_state.as_deref().and_then(State::from_code),
                comment: e.comment,
            })
            .collect())
    }

    pub(crate) fn summary(a: &Application) -> ApplicationSummary {
        ApplicationSummary {
            id: a.row.id,
            service: a.service,
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
            let (id, service) = (a.row.id, a.service);
            match a.state {
                State::ReturnedForChanges => tasks.insert(0, Task::AnswerReturn { id, service }),
                State::Draft if problems_before_submit(service, &a.answers).is_empty() => {
                    tasks.push(Task::SignAgreement { id, service })
                }
                State::Draft => tasks.push(Task::FinishDraft { id, service }),
                _ => {}
            }
        }
        let organisation_id = acting.now.organisation.id;
        for (service, kind) in crate::backend::customer_data::contact_gaps(&db, organisation_id).await? {
            tasks.push(Task::AddContact { service, kind });
        }
        let today = crate::wizard::today();
        for a in crate::backend::customer_data::attention(&db, &registries()?, organisation_id, today).await? {
            tasks.push(Task::CustomerData(a));
        }
        let open = |s: KantaService| {
            applications.iter().any(|a| a.service == s && !matches!(a.state, State::Withdrawn | State::Rejected))
        };
        Ok(DashboardData {
            organisation: acting.now.organisation.name.clone(),
            tasks,
            available: KantaService::ALL.into_iter().filter(|s| s.is_for(acting.now.kind) && !open(*s)).collect(),
            in_use: applications.iter().filter(|a| a.state == State::InProduction).map(|a| a.service).collect(),
            applications: applications.iter().map(summary).collect(),
        })
    }

    pub async fn start(service: &str) -> Result<i32, AppError> {
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        let service = KantaService::from_code(service.trim()).ok_or_else(|| {
            AppError::Invalid(vec![FieldError {
                field: "service".into(),
                problem: crate::domain::validation::Problem::UnknownChoice,
            }])
        })?;
        let created = onboarding::create(&db()?, &acting.session, &acting.now, service, request_lang()).await?;
        leptos_axum::redirect(&format!("/applications/{}", created.row.id));
        Ok(created.row.id)
    }

    pub async fn view(id: i32) -> Result<ApplicationView, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        view_for(&acting, id).await
    }

    pub(crate) fn agreement_for(acting: &Acting, a: &Application) -> AgreementText {
        let o = &acting.now.organisation;
        AgreementText::current(request_lang(), &o.name, &o.ytunnus, a.service)
    }

    async fn view_for(acting: &Acting, id: i32) -> Result<ApplicationView, AppError> {
        let db = db()?;
        let lang = request_lang();
        let a = onboarding::get(&db, id, Some(acting.now.organisation.id)).await?;
        let history = history_lines(&db, id).await?;
        let signed = onboarding::signature(&db, id).await?;
        let problems = problems_before_submit(a.service, &a.answers);
        let signed_current = signed.as_ref().is_some_and(|s| s.agreement_version == CURRENT_VERSION);
        let agreement = (a.state.is_editable() && problems.is_empty() && !signed_current).then(|| {
            let text = agreement_for(acting, &a);
            AgreementShown { version: text.version.into(), hash: text.hash(), text: text.text }
        });
        let track = crate::domain::application::Track::of(a.service);
        let mut commands = crate::domain::application::commands(track, a.state, Actor::Applicant);
        let unmet =
            if a.state.is_editable() { onboarding::unmet(&db, &acting.now, a.service).await? } else { Vec::new() };
        if !(problems.is_empty() && signed_current && unmet.is_empty()) {
            commands.retain(|c| *c != Command::Submit);
        }
        Ok(ApplicationView {
            id,
            organisation: acting.now.organisation.name.clone(),
            service: a.service,
            state: a.state,
            version: a.row.version,
            go_live: a.row.go_live_on.clone(),
            history,
            problems,
            signed: signed.map(|s| Signed {
                at: format_time(s.signed_at, lang),
                signer: s.signer_name,
                basis: Basis::from_code(&s.basis),
                version: s.agreement_version,
                hash: s.text_hash,
            }),
            agreement,
            commands,
            unmet,
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

    pub async fn pdf(id: i32) -> Result<Vec<u8>, AppError> {
        let acting = acting_for(Action::SeeBillingAndAdministrativeContent).await?;
        let db = db()?;
        onboarding::get(&db, id, Some(acting.now.organisation.id)).await?;
        let signed = onboarding::signature(&db, id).await?.ok_or(AppError::NotFound)?;
        let at = format_time(signed.signed_at, Lang::from_code(&signed.lang).unwrap_or_default());
        let pdf = crate::backend::agreement::pdf(&signed, &acting.now.organisation.name, &at);
        if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
            response.insert_header(http::header::CONTENT_TYPE, http::HeaderValue::from_static("application/pdf"));
            let name = format!("attachment; filename=\"kanta-agreement-{id}.pdf\"");
            if let Ok(value) = http::HeaderValue::from_str(&name) {
                response.insert_header(http::header::CONTENT_DISPOSITION, value);
            }
        }
        Ok(pdf)
    }

    pub async fn command(id: i32, version: i32, command: &str) -> Result<(), AppError> {
        let command = Command::from_code(command).ok_or(AppError::NotNow)?;
        let acting = acting_for(Action::TakeServicesIntoUse).await?;
        let db = db()?;
        onboarding::applicant_command(&db, &acting.session, &acting.now, id, version, command, CURRENT_VERSION).await?;
        leptos_axum::redirect(&format!("/applications/{id}"));
        Ok(())
    }
}
