//! Signing the agreement and the applicant's commands: sending an application once everything
//! it needs is in place, and withdrawing it.
use super::transition;
use crate::{
    backend::{
        acting::{Acting, ActingNow},
        agreement::AgreementText,
        application_store::{Application, bump, event, get, in_use, signature, still_editable},
        entities::agreement_signature,
        identity::{Audit, audit},
        mail::Mailing,
    },
    domain::{
        application::Command,
        records::{Act, ApplicantChange, HistoryEvent},
        services::{KantaService, ServiceSet},
        validation::{FieldError, Problem},
    },
    error::AppError,
    wizard::application::problems_before_submit,
};
use chrono::Utc;
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

/// Signs the customer-relationship agreement for the application (as loaded for the acting
/// organisation, from which `text` was composed): the exact text shown, its
/// hash, the signer, the organisation and the basis are recorded together.
pub async fn sign(
    db: &DatabaseConnection,
    acting: &Acting,
    current: &Application,
    version: i32,
    text: &AgreementText,
) -> Result<agreement_signature::Model, AppError> {
    let (session, now) = (&acting.session, &acting.now);
    let id = current.row.id;
    ready_to_send(current, version)?;
    let txn = crate::backend::begin_write(db).await?;
    let row = bump(&txn, current, version, |_| {}).await?;
    let signed = agreement_signature::ActiveModel {
        organisation_id: Set(now.organisation.id),
        application_id: Set(id),
        agreement_version: Set(text.version.into()),
        lang: Set(text.lang.code().into()),
        text: Set(text.text.clone()),
        text_hash: Set(text.hash()),
        person_id: Set(session.person_id),
        signer_name: Set(session.display_name.clone()),
        basis: Set(now.basis.code()),
        signed_at: Set(Utc::now()),
        cited_terms: Set(crate::backend::agreement::cited_terms_json(&text.cited)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let doer = acting.doer();
    event(&txn, &row, doer, HistoryEvent::Changed(ApplicantChange::Signed), None, None).await?;
    audit(&txn, &Audit::new(doer, Act::AgreementSigned).about(now.organisation.id).detail(&signed.text_hash)).await?;
    txn.commit().await?;
    Ok(signed)
}

/// Complete answers and the same version as the user saw.
fn ready_to_send(current: &Application, version: i32) -> Result<(), AppError> {
    still_editable(current, version)?;
    let problems = problems_before_submit(&current.services, &current.answers);
    if problems.is_empty() { Ok(()) } else { Err(AppError::Invalid(problems)) }
}

/// What must still be in place before the organisation, with `in_use` in production, can send an
/// application for `services`.
pub fn unmet(
    now: &ActingNow,
    services: &ServiceSet,
    in_use: &[KantaService],
) -> Vec<crate::domain::services::Prerequisite> {
    let current = crate::domain::acting::CodeServiceStatus::from_code(&now.organisation.code_service_status)
        .is_some_and(crate::domain::acting::CodeServiceStatus::allows_taking_into_use);
    services.unmet(current, in_use)
}

/// The pharmacy takeover rule for an application for `services`, with the takeover date asked of
/// Fimea's pharmacy register: only a pharmacy's Prescription application waits for it.
/// `Unavailable` when the register does not answer.
pub async fn takeover_unmet(
    registries: &crate::backend::registry::Registries,
    now: &ActingNow,
    services: &ServiceSet,
) -> Result<Option<crate::domain::services::Prerequisite>, AppError> {
    use crate::domain::acting::OrganisationKind;
    if now.kind != OrganisationKind::Pharmacy || !services.as_slice().contains(&KantaService::EPrescriptionPharmacy) {
        return Ok(None);
    }
    let Ok(ytunnus) = crate::domain::ytunnus::YTunnus::parse(&now.organisation.ytunnus) else {
        return Err(AppError::Unavailable);
    };
    let pharmacy = registries.pharmacy_register.pharmacy(&ytunnus).await?;
    let today = crate::domain::calendar::today();
    Ok(crate::domain::services::takeover_unmet(pharmacy.and_then(|p| p.takeover_on), today))
}

/// The applicant's commands: submit (complete answers, what must be in place first, the pharmacy
/// takeover rule, and the current agreement signed for these services needed) and withdraw. The
/// administrative contact is told with `mailing`.
pub async fn applicant_command(
    db: &DatabaseConnection,
    registries: &crate::backend::registry::Registries,
    mailing: &Mailing,
    acting: &Acting,
    id: i32,
    version: i32,
    command: Command,
) -> Result<Application, AppError> {
    let now = &acting.now;
    let current = get(db, id, Some(now.organisation.id)).await?;
    if command == Command::Submit {
        ready_to_send(&current, version)?;
        let mut unmet = unmet(now, &current.services, &in_use(db, now.organisation.id).await?);
        unmet.extend(takeover_unmet(registries, now, &current.services).await?);
        if crate::backend::joint::unsigned(db, &current).await? > 0 {
            unmet.push(crate::domain::services::Prerequisite::CoJoinersSigned);
        }
        if !unmet.is_empty() {
            return Err(AppError::Prerequisites(unmet));
        }
        let signed = signature(db, id).await?;
        if signed.is_none_or(|s| !AgreementText::is_signed_by(&s, &now.organisation, &current.services)) {
            return Err(AppError::Invalid(vec![FieldError::new("agreement", Problem::Required)]));
        }
    }
    transition(db, mailing, acting.doer(), current, version, command, None, None).await
}
