//! An application's contacts and technical data become the organisation's when its services
//! go into production.
use super::{contacts::insert_contact, technical::insert_technical};
use crate::{
    backend::{application_store, identity::Doer},
    domain::{
        contacts::{ContactInput, ContactKind},
        oid::Oid,
        services::KantaService,
        technical::TechnicalDetails,
    },
    error::AppError,
    wizard::application::{ADMIN, ARCHIVIST, ApplicationAnswers, TECHNICAL},
};
use sea_orm::DatabaseTransaction;

/// When services go into production, the contacts and technical data of their application
/// become the organisation's (in the same transaction as the change of state): the contacts for
/// all of them, the technical data for each.
pub async fn take_over(
    txn: &DatabaseTransaction,
    who: Doer,
    application: &application_store::Application,
) -> Result<(), AppError> {
    let answers = ApplicationAnswers::of(&application.answers);
    let organisation_id = application.row.organisation_id;
    let today = crate::domain::calendar::today();
    let all: Vec<String> = application.services.as_slice().iter().map(|s| s.code().to_string()).collect();
    // The archivist is the Patient Data Repository's only, and asked only when it is applied for.
    let archive = KantaService::PatientDataRepository;
    let archivist: Vec<String> =
        application.services.as_slice().contains(&archive).then(|| archive.code().to_string()).into_iter().collect();
    for (kind, fields, services) in [
        (ContactKind::Administrative, ADMIN, &all),
        (ContactKind::Technical, TECHNICAL, &all),
        (ContactKind::Archivist, ARCHIVIST, &archivist),
    ] {
        if services.is_empty() {
            continue;
        }
        let given = answers.contact(fields);
        let Ok(input) = ContactInput::parse(kind.code(), given.name, given.email, given.phone, services) else {
            continue;
        };
        insert_contact(txn, who, organisation_id, &input, today).await?;
    }
    // What the application said, as far as it still parses.
    let mut items = vec![
        answers.system().map(|system| TechnicalDetails::System {
            product: system.product.into(),
            version: system.version.into(),
            vendor: system.vendor.into(),
        }),
        answers.unit().map(|(name, oid)| TechnicalDetails::ServiceUnit { name: name.into(), oid }),
        answers.certificate().map(|(name, expires)| TechnicalDetails::Certificate { name: name.into(), expires }),
    ];
    for unit in application_store::units(txn, application.row.id).await? {
        items.push(Oid::parse(&unit.oid).ok().map(|oid| TechnicalDetails::ServiceUnit { name: unit.name, oid }));
    }
    for service in application.services.as_slice() {
        for details in items.iter().flatten() {
            insert_technical(txn, who, organisation_id, *service, details, today).await?;
        }
    }
    Ok(())
}
