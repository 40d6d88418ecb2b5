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
mod data;
mod tables;
mod write;

use data::{GIVEN, NAMES, SURNAMES, business_id, sandbox_organisations};
use tables::{applications, audit_trail, customer_data, invoices};
use write::{insert, move_sequences_past_ids, next_id};

use app::{
    backend::entities::{organisation, person},
    domain::acting::{CodeServiceStatus, OrganisationKind},
};
use chrono::{DateTime, Duration, Utc};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::SliceRandom};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};

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
    let orgs = organisations_to_make(volume, &mut rng);
    let world = insert_organisations(db, orgs, now, span, &mut rng).await?;
    let mut seeded = Seeded { organisations: world.orgs.len(), ..Seeded::default() };
    seeded.applications = applications(db, &world, &mut rng).await?;
    seeded.invoices = invoices(db, &world, (volume.years.max(1) * 12) as usize, &mut rng).await?;
    customer_data(db, &world, &mut rng).await?;
    seeded.audit_events = audit_trail(db, &world, &mut rng).await?;
    move_sequences_past_ids(db).await?;
    Ok(seeded)
}

/// What every table's rows refer to: the organisations with their ids, their people, Kanta's
/// staff member, and the time the data spans up to `now`.
struct World {
    now: DateTime<Utc>,
    span: Duration,
    orgs: Vec<Org>,
    org_ids: Vec<i32>,
    first_person: i32,
    staff: i32,
}

impl World {
    /// The person of the `i`th organisation.
    fn person_of(&self, i: usize) -> i32 {
        self.first_person + i as i32
    }

    /// A moment within the span.
    fn when(&self, rng: &mut StdRng) -> DateTime<Utc> {
        self.now - Duration::seconds(rng.gen_range(0..self.span.num_seconds()))
    }
}

/// The organisations to seed: the sandbox's first, then fictional ones of every kind.
fn organisations_to_make(volume: Volume, rng: &mut StdRng) -> Vec<Org> {
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
        .choose(rng)
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

    orgs
}

/// Writes the organisations that do not exist yet and a person for each (the one who applies,
/// signs and logs in), and Kanta's staff member.
async fn insert_organisations(
    db: &DatabaseConnection,
    orgs: Vec<Org>,
    now: DateTime<Utc>,
    span: Duration,
    rng: &mut StdRng,
) -> Result<World, sea_orm::DbErr> {
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
    insert(db, new_orgs).await?;
    insert(db, persons).await?;

    Ok(World { now, span, orgs, org_ids, first_person: next_person, staff })
}
