//! The seed's material: the sandbox's organisations, names, an application's answers, the
//! lives an application may have lived, and the audited acts.
use super::Org;
use app::{
    domain::{
        acting::{Action, OrganisationKind},
        application::{Command, State, Track, apply},
        records::{Act, ApplicantChange, AuditAction, HistoryEvent},
        services::{KantaService, ServiceSet},
        ytunnus::YTunnus,
    },
    wizard::{Answers, application::with_services},
};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// The sandbox's organisations, so its test persons see full pages.
pub(super) fn sandbox_organisations() -> Vec<Org> {
    crate::sandbox::registers::TestData::load()
        .organisations
        .into_iter()
        .filter_map(|o| {
            Some(Org {
                kind: OrganisationKind::from_code(&o.kind)?,
                oid: Some(o.oid).filter(|oid| !oid.is_empty()),
                ytunnus: o.business_id,
                name: o.name,
            })
        })
        .collect()
}

/// The business ID with body `number` (seven digits), if it has a check digit.
pub(super) fn business_id(number: u32) -> Option<String> {
    (1..=9).chain(0..=0).find_map(|check| YTunnus::parse(&format!("{number:07}-{check}")).ok()).map(|y| y.to_string())
}

/// A complete application's answers, as the wizard stores them.
pub(super) fn answers(o: &Org, service: KantaService, i: usize) -> Answers {
    let mut answers = with_services(Answers::new(), &ServiceSet::one(service));
    let unit = o.oid.as_ref().map(|oid| format!("{}.1", oid.trim_end_matches(".0"))).unwrap_or_default();
    for (k, v) in [
        ("unit_name", format!("{}, vastaanotto", o.name)),
        ("unit_oid", unit),
        ("system_product", "Potilas Pro".into()),
        ("system_version", "5.2".into()),
        ("system_vendor", "Terveysdata Oy".into()),
        ("system_certification", "certified".into()),
        ("admin_name", format!("{} {}", GIVEN[i % GIVEN.len()], SURNAMES[i % SURNAMES.len()])),
        ("admin_email", format!("paakayttaja{i}@example.fi")),
        ("admin_phone", "+358401234567".into()),
        ("technical_name", "Laura Heikkinen".into()),
        ("technical_email", format!("tekninen{i}@example.fi")),
        ("technical_phone", "+358507654321".into()),
        ("certificate_name", format!("kanta{i}.example.fi")),
        ("certificate_valid_until", "2099-12-31".into()),
        ("production_date", "2099-03-01".into()),
        ("testing_plan", "Testaus toimittajan kanssa asiakastestiympäristössä.".into()),
    ] {
        answers.insert(k.into(), v);
    }
    answers
}

/// The first day of the month `back` months before `now`'s.
pub(super) fn month_start(now: DateTime<Utc>, back: i32) -> NaiveDate {
    let months = now.year() * 12 + now.month0() as i32 - back;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1).unwrap_or_default()
}

/// How applications live, as the commands given from a draft; each is kept only where the
/// application's track allows every step. Production twice: most applications get there.
pub(super) const LIVES: [&[Command]; 10] = [
    &[],
    &[Command::Submit],
    &[Command::Submit, Command::Return],
    &[Command::Submit, Command::StartJointTesting],
    &[Command::Submit, Command::StartJointTesting, Command::ApproveForProduction, Command::GoLive],
    &[Command::Submit, Command::StartJointTesting, Command::ApproveForProduction, Command::GoLive],
    &[Command::Submit, Command::ApproveForProduction, Command::GoLive],
    &[Command::Submit, Command::ApproveForProduction, Command::GoLive],
    &[Command::Submit, Command::Withdraw],
    &[Command::Submit, Command::Reject],
];

/// Where `commands` take a draft on `track`, if the domain allows each of them in turn.
pub(super) fn lived(track: Track, commands: &[Command]) -> Option<State> {
    commands.iter().try_fold(State::Draft, |state, command| apply(track, state, command.actor(), *command).ok())
}

pub(super) fn transition_of(track: Track, from: State, command: Command) -> Option<State> {
    apply(track, from, command.actor(), command).ok()
}

pub(super) const ACTIONS: [AuditAction; 10] = [
    AuditAction::Act(Act::ActingStarted),
    AuditAction::Attempted(Action::SeeBillingAndAdministrativeContent),
    AuditAction::Application(HistoryEvent::Changed(ApplicantChange::Created)),
    AuditAction::Act(Act::ApplicationSaved),
    AuditAction::Act(Act::AgreementSigned),
    AuditAction::Act(Act::ContactAdded),
    AuditAction::Act(Act::ContactChanged),
    AuditAction::Act(Act::TechnicalAdded),
    AuditAction::Act(Act::DataConfirmed),
    AuditAction::Act(Act::CodeServiceChecked),
];

pub(super) const NAMES: [&str; 6] =
    ["Terveyspalvelu", "Lääkärikeskus", "Hammasklinikka", "Fysioterapia", "Apteekki", "Hoivakoti"];
pub(super) const GIVEN: [&str; 8] = ["Aino", "Eero", "Helmi", "Juha", "Kaisa", "Matti", "Sanna", "Ville"];
pub(super) const SURNAMES: [&str; 8] =
    ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Koskinen"];
