//! `server seed`: realistic data at national volume, for benchmarks and for trying the product
//! with lists as long as production's.
//!
//! Per organisation: 5 applications (with their history), 10 invoices of 2 lines, 100 audit
//! events, 2 contacts, 2 technical items and 4 change-log entries, spread over the years asked for.
//! The sandbox's organisations come first, so logging in as its test persons shows full pages;
//! the rest are fictional (valid business IDs from 2 000 000 on, OIDs under `1.2.246.10`).
//! The same arguments give the same data (a fixed random seed). Rows go in with explicit ids in
//! batches of [`BATCH`], one transaction per table chunk; PostgreSQL's id sequences are moved
//! past them at the end.
use app::{
    backend::entities::{
        application, application_event, audit_event, billing_event, billing_import, change_log, contact, invoice,
        organisation, person, technical_item,
    },
    domain::{
        acting::{Action, Basis, CodeServiceStatus, OrganisationKind, TradeRegisterRole},
        application::{Actor, Command, State, Track, apply},
        records::{Act, ApplicantChange, AuditAction, ChangeKind, ChangeSubject, HistoryEvent},
        services::{KantaService, Prerequisite, ServiceSet},
        ytunnus::YTunnus,
    },
    wizard::{Answers, application::with_services},
};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait,
    QueryFilter, QuerySelect, TransactionTrait,
};

/// What to make. Defaults: the benchmark's national volume.
#[derive(Clone, Copy, Debug)]
pub struct Volume {
    pub organisations: usize,
    /// How far back the data reaches.
    pub years: u32,
}

impl Default for Volume {
    fn default() -> Volume {
        Volume { organisations: 10_000, years: 3 }
    }
}

const APPLICATIONS_PER_ORGANISATION: usize = 5;
const INVOICES_PER_ORGANISATION: usize = 10;
const AUDIT_EVENTS_PER_ORGANISATION: usize = 100;
/// Rows per INSERT: well under SQLite's and PostgreSQL's limits on bound values.
const BATCH: usize = 500;

/// How many rows of each kind were written.
#[derive(Debug, Default)]
pub struct Seeded {
    pub organisations: usize,
    pub applications: usize,
    pub invoices: usize,
    pub audit_events: usize,
}

/// One organisation to seed: the sandbox's (by its register data) or a fictional one.
struct Org {
    ytunnus: String,
    name: String,
    kind: OrganisationKind,
    oid: Option<String>,
}

/// Writes the data. Organisations that exist already (the sandbox's, once someone has acted for
/// them) are kept and given data; everything else is new rows after the highest id.
pub async fn seed(db: &DatabaseConnection, volume: Volume) -> Result<Seeded, sea_orm::DbErr> {
    let mut rng = StdRng::seed_from_u64(2026);
    let now = Utc::now();
    let span = Duration::days(365 * i64::from(volume.years.max(1)));
    let mut orgs = sandbox_organisations();
    let mut number = 2_000_000u32;
    while orgs.len() < volume.organisations && number < 9_999_999 {
        number += 1;
        let Some(ytunnus) = business_id(number) else { continue };
        let kind = *[
            OrganisationKind::PrivateCompany,
            OrganisationKind::PrivateCompany,
            OrganisationKind::Public,
            OrganisationKind::Pharmacy,
            OrganisationKind::SelfEmployed,
            OrganisationKind::Association,
        ]
        .choose(&mut rng)
        .unwrap_or(&OrganisationKind::PrivateCompany);
        let digits: String = ytunnus.chars().filter(char::is_ascii_digit).collect();
        orgs.push(Org {
            name: format!("{} {number}", NAMES[orgs.len() % NAMES.len()]),
            oid: Some(format!("1.2.246.10.{digits}.10.0")),
            ytunnus,
            kind,
        });
    }
    orgs.truncate(volume.organisations);

    // Organisations and one person each (the one who applies, signs and logs in).
    let mut next_org = next_id(db, "organisation").await?;
    let next_person = next_id(db, "person").await?;
    let mut org_ids = Vec::with_capacity(orgs.len());
    let mut new_orgs = Vec::new();
    let mut persons = Vec::new();
    for (i, o) in orgs.iter().enumerate() {
        let existing = organisation::Entity::find()
            .filter(organisation::Column::Ytunnus.eq(o.ytunnus.clone()))
            .select_only()
            .column(organisation::Column::Id)
            .into_tuple::<i32>()
            .one(db)
            .await?;
        let id = match existing {
            Some(id) => id,
            None => {
                let id = next_org;
                next_org += 1;
                new_orgs.push(organisation::ActiveModel {
                    id: Set(id),
                    ytunnus: Set(o.ytunnus.clone()),
                    name: Set(o.name.clone()),
                    kind: Set(o.kind.code().into()),
                    oid: Set(o.oid.clone()),
                    code_service_status: Set(CodeServiceStatus::Current.code().into()),
                    code_service_checked_at: Set(now),
                    created_at: Set(now - span),
                });
                id
            }
        };
        let (given, surname) = (GIVEN[i % GIVEN.len()], SURNAMES[(i / GIVEN.len()) % SURNAMES.len()]);
        persons.push(person::ActiveModel {
            id: Set(next_person + i as i32),
            // Not a hash of any identity code: nobody logs in as a seeded person.
            hetu_hash: Set(format!("seed-person-{}", next_person + i as i32)),
            given_name: Set(given.into()),
            surname: Set(surname.into()),
            display_name: Set(format!("{given} {surname}")),
            created_at: Set(now - span),
            last_login_at: Set(now - Duration::days(rng.gen_range(0..30))),
        });
        org_ids.push(id);
    }
    // Kanta's staff member, who decides on the applications and imports the invoices.
    let staff = next_person + persons.len() as i32;
    persons.push(person::ActiveModel {
        id: Set(staff),
        hetu_hash: Set(format!("seed-person-{staff}")),
        given_name: Set("Eeva".into()),
        surname: Set("Kantola".into()),
        display_name: Set("Eeva Kantola".into()),
        created_at: Set(now - span),
        last_login_at: Set(now),
    });
    let person_of = |i: usize| next_person + i as i32;
    insert(db, new_orgs).await?;
    insert(db, persons).await?;

    let mut seeded = Seeded { organisations: orgs.len(), ..Seeded::default() };
    let when = |rng: &mut StdRng| now - Duration::seconds(rng.gen_range(0..span.num_seconds()));

    // Applications, each with its history: created, then the commands that led to its state, each
    // allowed by the domain's rules on the application's track. A service is on one open
    // application at a time (others for it were withdrawn or rejected), and one that needs
    // another in use waits as a draft until that one is in production.
    let mut next_application = next_id(db, "application").await?;
    let mut next_event = next_id(db, "application_event").await?;
    let (mut applications, mut events) = (Vec::new(), Vec::new());
    for (i, o) in orgs.iter().enumerate() {
        let services: Vec<KantaService> = KantaService::ALL.into_iter().filter(|s| s.is_for(o.kind)).collect();
        let mut in_production: Vec<KantaService> = Vec::new();
        for n in 0..APPLICATIONS_PER_ORGANISATION {
            let Some(service) = services.get(n % services.len().max(1)).copied() else { break };
            let set = ServiceSet::one(service);
            let track = Track::of(&set);
            let waits = service
                .prerequisites()
                .iter()
                .any(|p| matches!(p, Prerequisite::ServiceInUse(other) if !in_production.contains(other)));
            let repeat = n >= services.len();
            let lives: Vec<(State, &[Command])> = LIVES
                .iter()
                .filter_map(|commands| Some((lived(track, commands)?, *commands)))
                .filter(|(state, _)| !waits || *state == State::Draft)
                .filter(|(state, _)| !repeat || matches!(state, State::Withdrawn | State::Rejected))
                .collect();
            let Some(&(state, path)) = lives.choose(&mut rng) else { continue };
            if state == State::InProduction {
                in_production.push(service);
            }
            // Far enough back for its history to end before today.
            let created = now - Duration::seconds(rng.gen_range(15 * 86_400..span.num_seconds().max(15 * 86_400 + 1)));
            let id = next_application;
            next_application += 1;
            applications.push(application::ActiveModel {
                id: Set(id),
                organisation_id: Set(org_ids[i]),
                services: Set(set.code()),
                state: Set(state.code().into()),
                version: Set(1 + path.len() as i32),
                answers: Set(serde_json::to_string(&answers(o, service, i)).unwrap_or_default()),
                lang: Set(if i % 10 == 0 { "sv" } else { "fi" }.into()),
                created_by: Set(person_of(i)),
                created_at: Set(created),
                updated_at: Set(created + Duration::days(path.len() as i64 * 3)),
                go_live_on: Set((state == State::InProduction).then(|| created.date_naive().to_string())),
            });
            let mut from = State::Draft;
            let mut history = vec![(HistoryEvent::Changed(ApplicantChange::Created), None, None, None)];
            for command in path {
                let to = transition_of(track, from, *command);
                let comment = match command {
                    Command::Return => Some("Täydennä testaussuunnitelma."),
                    Command::Reject => Some("Edellytykset eivät täyty."),
                    _ => None,
                };
                history.push((HistoryEvent::Command(*command), Some(from), to, comment));
                from = to.unwrap_or(from);
            }
            for (k, (kind, from, to, comment)) in history.into_iter().enumerate() {
                let by_staff = path.get(k.wrapping_sub(1)).is_some_and(|c| c.actor() == Actor::Staff);
                events.push(application_event::ActiveModel {
                    id: Set(next_event),
                    application_id: Set(id),
                    at: Set(created + Duration::days(k as i64 * 3)),
                    person_id: Set(if by_staff { staff } else { person_of(i) }),
                    actor: Set(if by_staff { Actor::Staff } else { Actor::Applicant }.code().into()),
                    kind: Set(kind.code().into()),
                    from_state: Set(from.map(|s| s.code().into())),
                    to_state: Set(to.map(|s| s.code().into())),
                    comment: Set(comment.map(Into::into)),
                    version: Set(1 + k as i32),
                });
                next_event += 1;
            }
        }
    }
    seeded.applications = applications.len();
    insert(db, applications).await?;
    insert(db, events).await?;

    // Invoices: one import per month, each organisation billed for one of its services.
    let months = (volume.years.max(1) * 12) as usize;
    let mut next_import = next_id(db, "billing_import").await?;
    let first_import = next_import;
    let imports: Vec<_> = (0..months)
        .map(|m| {
            let id = next_import;
            next_import += 1;
            billing_import::ActiveModel {
                id: Set(id),
                person_id: Set(staff),
                file_name: Set(format!("laskutus-{m:03}.csv")),
                file_hash: Set(format!("{:064x}", m)),
                rows: Set(orgs.len() as i32),
                at: Set(now - Duration::days(30 * m as i64)),
            }
        })
        .collect();
    insert(db, imports).await?;
    let mut next_invoice = next_id(db, "invoice").await?;
    let mut next_line = next_id(db, "billing_event").await?;
    let (mut invoices, mut lines) = (Vec::new(), Vec::new());
    for (i, o) in orgs.iter().enumerate() {
        let service = KantaService::ALL.into_iter().find(|s| s.is_for(o.kind)).unwrap_or(KantaService::EPrescription);
        for m in 0..INVOICES_PER_ORGANISATION.min(months) {
            let issued = month_start(now, m as i32);
            let period = month_start(now, m as i32 + 1);
            let amounts = [rng.gen_range(5_000..200_000i64), rng.gen_range(1_000..20_000i64)];
            invoices.push(invoice::ActiveModel {
                id: Set(next_invoice),
                organisation_id: Set(org_ids[i]),
                import_id: Set(first_import + m as i32),
                number: Set(format!("S{next_invoice:09}")),
                service: Set(service.code().into()),
                period: Set(format!("{}-{:02}", period.year(), period.month())),
                issued_on: Set(issued.to_string()),
                due_on: Set((issued + Duration::days(21)).to_string()),
                total_cents: Set(amounts.iter().sum()),
            });
            for (n, (amount, description)) in amounts.iter().zip(["Käyttömaksu", "Lisärivi"]).enumerate() {
                lines.push(billing_event::ActiveModel {
                    id: Set(next_line),
                    invoice_id: Set(next_invoice),
                    line: Set(n as i32 + 1),
                    description: Set(description.into()),
                    quantity: Set(1),
                    unit_price_e4: Set(amount * 100),
                    amount_cents: Set(*amount),
                });
                next_line += 1;
            }
            next_invoice += 1;
        }
    }
    seeded.invoices = invoices.len();
    insert(db, invoices).await?;
    insert(db, lines).await?;

    // Customer data: an administrative and a technical contact for every service of its kind, a system and a service unit, and
    // the change log of their adding and of confirming the data current.
    let (mut next_contact, mut next_item, mut next_change) =
        (next_id(db, "contact").await?, next_id(db, "technical_item").await?, next_id(db, "change_log").await?);
    let (mut contacts, mut items, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    for (i, o) in orgs.iter().enumerate() {
        let services: Vec<KantaService> = KantaService::ALL.into_iter().filter(|s| s.is_for(o.kind)).collect();
        let service = services.first().copied().unwrap_or(KantaService::EPrescription);
        let covered = serde_json::to_string(&services.iter().map(|s| s.code()).collect::<Vec<_>>()).unwrap_or_default();
        let from = (now - span).date_naive().to_string();
        let person = person_of(i);
        let mut log = |subject: ChangeSubject, subject_id: Option<i32>, kind: ChangeKind, at: DateTime<Utc>| {
            changes.push(change_log::ActiveModel {
                id: Set(next_change),
                organisation_id: Set(org_ids[i]),
                subject: Set(subject.code().into()),
                subject_id: Set(subject_id),
                kind: Set(kind.code().into()),
                person_id: Set(Some(person)),
                actor: Set("customer".into()),
                changes: Set("[]".into()),
                at: Set(at),
            });
            next_change += 1;
        };
        for (kind, name) in [("administrative", "Pääkäyttäjä"), ("technical", "Tekninen yhteyshenkilö")] {
            contacts.push(contact::ActiveModel {
                id: Set(next_contact),
                organisation_id: Set(org_ids[i]),
                kind: Set(kind.into()),
                name: Set(format!("{name} {}", i + 1)),
                email: Set(format!("yhteys{}@example.fi", i + 1)),
                phone: Set(format!("+35840{:07}", i % 10_000_000)),
                services: Set(covered.clone()),
                valid_from: Set(from.clone()),
                valid_to: Set(None),
                version: Set(1),
            });
            log(ChangeSubject::Contact, Some(next_contact), ChangeKind::Added, now - span);
            next_contact += 1;
        }
        let unit_oid = o.oid.as_ref().map(|oid| format!("{}.{}", oid.trim_end_matches(".0"), 1));
        for (kind, name, oid) in [("system", "Potilas Pro", None), ("unit", "Vastaanotto", unit_oid)] {
            items.push(technical_item::ActiveModel {
                id: Set(next_item),
                organisation_id: Set(org_ids[i]),
                service: Set(service.code().into()),
                kind: Set(kind.into()),
                name: Set(name.into()),
                product_version: Set((kind == "system").then(|| "5.2".into())),
                vendor: Set((kind == "system").then(|| "Terveysdata Oy".into())),
                oid: Set(oid),
                expires_on: Set(None),
                valid_from: Set(from.clone()),
                valid_to: Set(None),
                version: Set(1),
            });
            log(ChangeSubject::Technical, Some(next_item), ChangeKind::Added, now - span);
            next_item += 1;
        }
        for _ in 0..2 {
            let at = when(&mut rng);
            log(ChangeSubject::Organisation, None, ChangeKind::Confirmed, at);
        }
    }
    insert(db, contacts).await?;
    insert(db, items).await?;
    insert(db, changes).await?;

    // The audit trail, made in chunks so a million events never sit in memory at once.
    let mut next_audit = i64::from(next_id(db, "audit_event").await?);
    for chunk in (0..orgs.len()).collect::<Vec<_>>().chunks(1_000) {
        let mut events = Vec::with_capacity(chunk.len() * AUDIT_EVENTS_PER_ORGANISATION);
        for &i in chunk {
            let mut times: Vec<DateTime<Utc>> = (0..AUDIT_EVENTS_PER_ORGANISATION).map(|_| when(&mut rng)).collect();
            times.sort();
            for at in times {
                // One in fifty is a refused attempt, which names the permission asked for.
                let allowed = rng.gen_range(0..50) != 0;
                let action = if allowed {
                    ACTIONS[rng.gen_range(0..ACTIONS.len())]
                } else {
                    AuditAction::Attempted(Action::TakeServicesIntoUse)
                };
                events.push(audit_event::ActiveModel {
                    id: Set(next_audit),
                    at: Set(at),
                    person_id: Set(Some(person_of(i))),
                    organisation_id: Set(Some(org_ids[i])),
                    basis: Set(Some(Basis::TradeRegisterRole(TradeRegisterRole::ManagingDirector).code())),
                    outcome: Set(if allowed { "allowed" } else { "denied" }.into()),
                    action: Set(action.code()),
                    detail: Set((!allowed).then(|| "not-permitted".into())),
                });
                next_audit += 1;
            }
        }
        seeded.audit_events += events.len();
        insert(db, events).await?;
    }

    move_sequences_past_ids(db).await?;
    Ok(seeded)
}

/// Inserts `rows` in batches of [`BATCH`], a transaction per 20 batches.
async fn insert<A>(db: &DatabaseConnection, rows: Vec<A>) -> Result<(), sea_orm::DbErr>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let txn = db.begin().await?;
        for _ in 0..20 {
            let batch: Vec<A> = rows.by_ref().take(BATCH).collect();
            if batch.is_empty() {
                break;
            }
            A::Entity::insert_many(batch).exec_without_returning(&txn).await?;
        }
        txn.commit().await?;
    }
    Ok(())
}

async fn next_id(db: &DatabaseConnection, table: &str) -> Result<i32, sea_orm::DbErr> {
    let sql = format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}");
    let row = db.query_one_raw(sea_orm::Statement::from_string(db.get_database_backend(), sql)).await?;
    let max: i64 = match row {
        Some(row) => row.try_get_by_index(0)?,
        None => 0,
    };
    i32::try_from(max + 1).map_err(|_| sea_orm::DbErr::Custom(format!("{table}: no ids left")))
}

/// PostgreSQL hands out ids from sequences, which explicit ids do not move.
async fn move_sequences_past_ids(db: &DatabaseConnection) -> Result<(), sea_orm::DbErr> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Ok(());
    }
    for table in TABLES {
        db.execute_unprepared(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
        ))
        .await?;
    }
    Ok(())
}

const TABLES: [&str; 11] = [
    "organisation",
    "person",
    "application",
    "application_event",
    "billing_import",
    "invoice",
    "billing_event",
    "contact",
    "technical_item",
    "change_log",
    "audit_event",
];

/// The sandbox's organisations, so its test persons see full pages.
fn sandbox_organisations() -> Vec<Org> {
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
fn business_id(number: u32) -> Option<String> {
    (1..=9).chain(0..=0).find_map(|check| YTunnus::parse(&format!("{number:07}-{check}")).ok()).map(|y| y.to_string())
}

/// A complete application's answers, as the wizard stores them.
fn answers(o: &Org, service: KantaService, i: usize) -> Answers {
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
fn month_start(now: DateTime<Utc>, back: i32) -> NaiveDate {
    let months = now.year() * 12 + now.month0() as i32 - back;
    NaiveDate::from_ymd_opt(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1).unwrap_or_default()
}

/// How applications live, as the commands given from a draft; each is kept only where the
/// application's track allows every step. Production twice: most applications get there.
const LIVES: [&[Command]; 10] = [
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
fn lived(track: Track, commands: &[Command]) -> Option<State> {
    commands.iter().try_fold(State::Draft, |state, command| apply(track, state, command.actor(), *command).ok())
}

fn transition_of(track: Track, from: State, command: Command) -> Option<State> {
    apply(track, from, command.actor(), command).ok()
}

const ACTIONS: [AuditAction; 10] = [
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

const NAMES: [&str; 6] = ["Terveyspalvelu", "Lääkärikeskus", "Hammasklinikka", "Fysioterapia", "Apteekki", "Hoivakoti"];
const GIVEN: [&str; 8] = ["Aino", "Eero", "Helmi", "Juha", "Kaisa", "Matti", "Sanna", "Ville"];
const SURNAMES: [&str; 8] =
    ["Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Koskinen"];
