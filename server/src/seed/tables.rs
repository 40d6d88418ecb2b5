//! The seed's tables after the organisations: applications with their history, invoices,
//! customer data, and the audit trail.
use super::{
    APPLICATIONS_PER_ORGANISATION, AUDIT_EVENTS_PER_ORGANISATION, INVOICES_PER_ORGANISATION, Org, World,
    data::{ACTIONS, LIVES, answers, lived, month_start, transition_of},
    write::{insert, next_id},
};
use app::{
    backend::entities::{
        application, application_event, audit_event, billing_event, billing_import, change_log, contact, invoice,
        technical_item,
    },
    domain::{
        acting::{Action, Basis, TradeRegisterRole},
        application::{Actor, Command, State, Track},
        records::{ActorKind, ApplicantChange, AuditAction, ChangeKind, ChangeSubject, HistoryEvent},
        services::{KantaService, Prerequisite, ServiceSet},
    },
};
use chrono::{DateTime, Datelike, Duration, Utc};
use rand::{Rng, rngs::StdRng, seq::SliceRandom};
use sea_orm::{ActiveValue::Set, DatabaseConnection};

/// The application rows and their events as they are built, with the next free ids.
struct ApplicationRows {
    applications: Vec<application::ActiveModel>,
    events: Vec<application_event::ActiveModel>,
    next_application: i32,
    next_event: i32,
}

/// One step of an application's history: what happened, from and to which state, and the
/// staff's comment.
type Step = (HistoryEvent, Option<State>, Option<State>, Option<&'static str>);

/// Writes each organisation's applications with their history; how many.
pub(super) async fn applications(
    db: &DatabaseConnection,
    world: &World,
    rng: &mut StdRng,
) -> Result<usize, sea_orm::DbErr> {
    // Applications, each with its history: created, then the commands that led to its state, each
    // allowed by the domain's rules on the application's track. A service is on one open
    // application at a time (others for it were withdrawn or rejected), and one that needs
    // another in use waits as a draft until that one is in production.
    let mut rows = ApplicationRows {
        applications: Vec::new(),
        events: Vec::new(),
        next_application: next_id(db, "application").await?,
        next_event: next_id(db, "application_event").await?,
    };
    for (i, o) in world.orgs.iter().enumerate() {
        organisation_applications(world, i, o, rng, &mut rows);
    }
    let count = rows.applications.len();
    insert(db, rows.applications).await?;
    insert(db, rows.events).await?;

    Ok(count)
}

/// The `i`th organisation's applications with their history, added to `rows`: its services in
/// turn, a service's repeats withdrawn or rejected.
fn organisation_applications(world: &World, i: usize, o: &Org, rng: &mut StdRng, rows: &mut ApplicationRows) {
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
        let Some((state, path)) = choose_life(track, waits, repeat, rng) else { continue };
        if state == State::InProduction {
            in_production.push(service);
        }
        // Far enough back for its history to end before today.
        let created =
            world.now - Duration::seconds(rng.gen_range(15 * 86_400..world.span.num_seconds().max(15 * 86_400 + 1)));
        let id = rows.next_application;
        rows.next_application += 1;
        rows.applications.push(application::ActiveModel {
            id: Set(id),
            organisation_id: Set(world.org_ids[i]),
            services: Set(set.code()),
            state: Set(state.code().into()),
            version: Set(1 + path.len() as i32),
            answers: Set(serde_json::to_string(&answers(o, service, i)).unwrap_or_default()),
            lang: Set(if i.is_multiple_of(10) { "sv" } else { "fi" }.into()),
            created_by: Set(world.person_of(i)),
            created_at: Set(created),
            updated_at: Set(created + Duration::days(path.len() as i64 * 3)),
            go_live_on: Set((state == State::InProduction).then(|| created.date_naive().to_string())),
        });
        rows.push_events(world, i, id, created, path, history(track, path));
    }
}

/// A life for an application on `track`, at random among those the rules allow: the state it
/// reached and the commands that led there. One that `waits` for another service stays a
/// draft; a `repeat` of a service was withdrawn or rejected.
fn choose_life(track: Track, waits: bool, repeat: bool, rng: &mut StdRng) -> Option<(State, &'static [Command])> {
    let lives: Vec<(State, &'static [Command])> = LIVES
        .iter()
        .filter_map(|commands| Some((lived(track, commands)?, *commands)))
        .filter(|(state, _)| !waits || *state == State::Draft)
        .filter(|(state, _)| !repeat || matches!(state, State::Withdrawn | State::Rejected))
        .collect();
    lives.choose(rng).copied()
}

/// The history of an application on `track` that lived `path`: created, then each command
/// with the states it moved between and the staff's comment on a return or a rejection.
fn history(track: Track, path: &[Command]) -> Vec<Step> {
    let mut from = State::Draft;
    let mut steps = vec![(HistoryEvent::Changed(ApplicantChange::Created), None, None, None)];
    for command in path {
        let to = transition_of(track, from, *command);
        let comment = match command {
            Command::Return => Some("Täydennä testaussuunnitelma."),
            Command::Reject => Some("Edellytykset eivät täyty."),
            _ => None,
        };
        steps.push((HistoryEvent::Command(*command), Some(from), to, comment));
        from = to.unwrap_or(from);
    }
    steps
}

impl ApplicationRows {
    /// The events of application `id` of the `i`th organisation, created at `created`, three
    /// days apart: each by the staff when the command before it was theirs to give.
    fn push_events(
        &mut self,
        world: &World,
        i: usize,
        id: i32,
        created: DateTime<Utc>,
        path: &[Command],
        history: Vec<Step>,
    ) {
        for (k, (kind, from, to, comment)) in history.into_iter().enumerate() {
            let by_staff = path.get(k.wrapping_sub(1)).is_some_and(|c| c.actor() == Actor::Staff);
            self.events.push(application_event::ActiveModel {
                id: Set(self.next_event),
                application_id: Set(id),
                at: Set(created + Duration::days(k as i64 * 3)),
                person_id: Set(if by_staff { world.staff } else { world.person_of(i) }),
                actor: Set(if by_staff { Actor::Staff } else { Actor::Applicant }.code().into()),
                kind: Set(kind.code().into()),
                from_state: Set(from.map(|s| s.code().into())),
                to_state: Set(to.map(|s| s.code().into())),
                comment: Set(comment.map(Into::into)),
                version: Set(1 + k as i32),
            });
            self.next_event += 1;
        }
    }
}

/// Writes a billing import a month for `months` months and each organisation's invoices; how many
/// invoices.
pub(super) async fn invoices(
    db: &DatabaseConnection,
    world: &World,
    months: usize,
    rng: &mut StdRng,
) -> Result<usize, sea_orm::DbErr> {
    // Invoices: one import per month, each organisation billed for one of its services.
    let mut next_import = next_id(db, "billing_import").await?;
    let first_import = next_import;
    let imports: Vec<_> = (0..months)
        .map(|m| {
            let id = next_import;
            next_import += 1;
            billing_import::ActiveModel {
                id: Set(id),
                person_id: Set(world.staff),
                file_name: Set(format!("laskutus-{m:03}.csv")),
                file_hash: Set(format!("{:064x}", m)),
                rows: Set(world.orgs.len() as i32),
                at: Set(world.now - Duration::days(30 * m as i64)),
            }
        })
        .collect();
    insert(db, imports).await?;
    let mut next_invoice = next_id(db, "invoice").await?;
    let mut next_line = next_id(db, "billing_event").await?;
    let (mut invoices, mut lines) = (Vec::new(), Vec::new());
    for (i, o) in world.orgs.iter().enumerate() {
        let service = KantaService::ALL.into_iter().find(|s| s.is_for(o.kind)).unwrap_or(KantaService::EPrescription);
        for m in 0..INVOICES_PER_ORGANISATION.min(months) {
            let issued = month_start(world.now, m as i32);
            let period = month_start(world.now, m as i32 + 1);
            let amounts = [rng.gen_range(5_000..200_000i64), rng.gen_range(1_000..20_000i64)];
            invoices.push(invoice::ActiveModel {
                id: Set(next_invoice),
                organisation_id: Set(world.org_ids[i]),
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
    let count = invoices.len();
    insert(db, invoices).await?;
    insert(db, lines).await?;

    Ok(count)
}

/// Writes each organisation's contacts, technical items and change log.
pub(super) async fn customer_data(
    db: &DatabaseConnection,
    world: &World,
    rng: &mut StdRng,
) -> Result<(), sea_orm::DbErr> {
    // Customer data: an administrative and a technical contact for every service of its kind, a system and a service unit, and
    // the change log of their adding and of confirming the data current.
    let (mut next_contact, mut next_item, mut next_change) =
        (next_id(db, "contact").await?, next_id(db, "technical_item").await?, next_id(db, "change_log").await?);
    let (mut contacts, mut items, mut changes) = (Vec::new(), Vec::new(), Vec::new());
    for (i, o) in world.orgs.iter().enumerate() {
        let services: Vec<KantaService> = KantaService::ALL.into_iter().filter(|s| s.is_for(o.kind)).collect();
        let service = services.first().copied().unwrap_or(KantaService::EPrescription);
        let covered = serde_json::to_string(&services.iter().map(|s| s.code()).collect::<Vec<_>>()).unwrap_or_default();
        let from = (world.now - world.span).date_naive().to_string();
        let person = world.person_of(i);
        let mut log = |subject: ChangeSubject, subject_id: Option<i32>, kind: ChangeKind, at: DateTime<Utc>| {
            changes.push(change_log::ActiveModel {
                id: Set(next_change),
                organisation_id: Set(world.org_ids[i]),
                subject: Set(subject.code().into()),
                subject_id: Set(subject_id),
                kind: Set(kind.code().into()),
                person_id: Set(Some(person)),
                actor: Set(ActorKind::Customer.code().into()),
                changes: Set("[]".into()),
                at: Set(at),
            });
            next_change += 1;
        };
        for (kind, name) in [("administrative", "Pääkäyttäjä"), ("technical", "Tekninen yhteyshenkilö")] {
            contacts.push(contact::ActiveModel {
                id: Set(next_contact),
                organisation_id: Set(world.org_ids[i]),
                kind: Set(kind.into()),
                name: Set(format!("{name} {}", i + 1)),
                email: Set(format!("yhteys{}@example.fi", i + 1)),
                phone: Set(format!("+35840{:07}", i % 10_000_000)),
                services: Set(covered.clone()),
                valid_from: Set(from.clone()),
                valid_to: Set(None),
                version: Set(1),
            });
            log(ChangeSubject::Contact, Some(next_contact), ChangeKind::Added, world.now - world.span);
            next_contact += 1;
        }
        let unit_oid = o.oid.as_ref().map(|oid| format!("{}.{}", oid.trim_end_matches(".0"), 1));
        for (kind, name, oid) in [("system", "Potilas Pro", None), ("unit", "Vastaanotto", unit_oid)] {
            items.push(technical_item::ActiveModel {
                id: Set(next_item),
                organisation_id: Set(world.org_ids[i]),
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
            log(ChangeSubject::Technical, Some(next_item), ChangeKind::Added, world.now - world.span);
            next_item += 1;
        }
        for _ in 0..2 {
            let at = world.when(rng);
            log(ChangeSubject::Organisation, None, ChangeKind::Confirmed, at);
        }
    }
    insert(db, contacts).await?;
    insert(db, items).await?;
    insert(db, changes).await?;

    Ok(())
}

/// Writes each organisation's audit trail; how many events.
pub(super) async fn audit_trail(
    db: &DatabaseConnection,
    world: &World,
    rng: &mut StdRng,
) -> Result<usize, sea_orm::DbErr> {
    // The audit trail, made in chunks so a million events never sit in memory at once.
    let mut next_audit = i64::from(next_id(db, "audit_event").await?);
    let mut count = 0;
    for chunk in (0..world.orgs.len()).collect::<Vec<_>>().chunks(1_000) {
        let mut events = Vec::with_capacity(chunk.len() * AUDIT_EVENTS_PER_ORGANISATION);
        for &i in chunk {
            let mut times: Vec<DateTime<Utc>> = (0..AUDIT_EVENTS_PER_ORGANISATION).map(|_| world.when(rng)).collect();
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
                    person_id: Set(Some(world.person_of(i))),
                    organisation_id: Set(Some(world.org_ids[i])),
                    basis: Set(Some(Basis::TradeRegisterRole(TradeRegisterRole::ManagingDirector).code())),
                    outcome: Set(if allowed { "allowed" } else { "denied" }.into()),
                    action: Set(action.code()),
                    detail: Set((!allowed).then(|| "not-permitted".into())),
                });
                next_audit += 1;
            }
        }
        count += events.len();
        insert(db, events).await?;
    }

    Ok(count)
}
