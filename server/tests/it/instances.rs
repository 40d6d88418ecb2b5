//! Several instances on one PostgreSQL, as an operator runs them behind a load balancer: two
//! real server processes started together on an empty database, one SMTP receiver that takes
//! its time with each message, and `server remind` run twice at once. A browser's requests go to
//! either instance, as a load balancer without sticky sessions sends them.
use crate::common::SERVER_BIN;
use crate::common::{
    api::{AddContact, ApplicantCommand, ServerFn},
    applications::{ready_to_send, submit_fields, to_production},
    browser::{Browser, log_in},
};
use app::backend::entities::{mail_outbox, scheduled_run, session};
use reqwest::StatusCode;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, Database, EntityTrait, IntoActiveModel, QueryFilter, Set,
};
use sea_orm_migration::MigratorTrait;
use server::sandbox::mail::{Mailbox, start_on};
use std::{
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// A server process and the file its log goes to.
struct Instance {
    child: Child,
    base: String,
    log: std::path::PathBuf,
}

impl Instance {
    fn start(database_url: &str, smtp_url: &str, name: &str) -> Instance {
        let port = crate::common::free_port();
        let log = std::env::temp_dir().join(format!("kanta_instance_{name}_{}.log", std::process::id()));
        let child = Command::new(SERVER_BIN)
            .arg("serve")
            .env("KANTA_LISTEN", format!("127.0.0.1:{port}"))
            .env("KANTA_DATABASE_URL", database_url)
            .env("KANTA_SMTP_URL", smtp_url)
            // Today's reminders come from the `server remind` runs below, not at a moment the
            // test does not control (the claim is the same code either way).
            .env("KANTA_SCHEDULED_JOBS", "off")
            .env("RUST_LOG", "info,sqlx=warn")
            // The log goes to standard output.
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Instance { child, base: format!("http://127.0.0.1:{port}"), log }
    }

    async fn wait_until_up(&mut self) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("{} stopped ({status}):\n{}", self.base, self.log());
            }
            if reqwest::get(format!("{}/healthz", self.base)).await.is_ok_and(|r| r.status() == StatusCode::OK) {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("{} did not start:\n{}", self.base, self.log());
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.log);
    }
}

/// Waits until the outbox has nothing waiting and `mailbox` holds as many mails as it sent (or a
/// minute passes), then a little longer for any duplicate; answers the outbox's rows and what
/// arrived.
async fn settled(
    db: &sea_orm::DatabaseConnection,
    mailbox: &Mailbox,
) -> (Vec<mail_outbox::Model>, Vec<server::sandbox::mail::CaughtMail>) {
    let start = Instant::now();
    loop {
        let rows = mail_outbox::Entity::find().all(db).await.unwrap();
        let done = rows.iter().all(|m| m.sent_at.is_some()) && mailbox.all().len() >= rows.len();
        if done || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    (mail_outbox::Entity::find().all(db).await.unwrap(), mailbox.all())
}

/// Each row of the outbox sent once, on its first attempt, and delivered once.
fn each_once(rows: &[mail_outbox::Model], delivered: &[server::sandbox::mail::CaughtMail]) {
    let mut queued: Vec<&str> = rows.iter().map(|m| m.message_id.as_str()).collect();
    let mut arrived: Vec<&str> = delivered.iter().map(|m| m.message_id.as_str()).collect();
    queued.sort();
    arrived.sort();
    assert_eq!(arrived, queued, "every queued mail delivered, and once: {rows:#?}");
    assert!(rows.iter().all(|m| m.sent_at.is_some() && m.attempts == 1), "{rows:#?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn two_instances_on_one_postgres_migrate_once_send_each_mail_once_and_remind_once() {
    let url = crate::common::new_postgres_database().await;
    let mailbox = Mailbox::default();
    let smtp =
        start_on(std::net::TcpListener::bind("127.0.0.1:0").unwrap(), mailbox.clone(), Duration::from_millis(300))
            .unwrap();

    // Started together on an empty database: one migrates, the other waits for it.
    let (a, b, db) = start_together_and_migrate_once(&url, &smtp).await;

    // The clinic takes a service into use, staff deciding on the other instance.
    let clinic = std::sync::Arc::new(Browser::new(&a.base));
    log_in(&clinic, "p01").await;
    let staff = Browser::new(&b.base);
    log_in(&staff, "p10").await;
    to_production(&clinic, &staff, "patient-data").await;

    // What one instance gives the browser, the other honours: the proof of when the session was
    // last used, and a refused form's problems kept for the page it comes back to.
    each_honours_what_the_other_gave(&db, &clinic, &a, &b).await;

    // Seven applications sent at once, through both instances: every mail once.
    seven_applications_at_once_mail_once(&db, &mailbox, &clinic, &b).await;

    // A reminder due (the clinic's unit gone from the code service), `server remind` run twice
    // at once: one claims the day and reminds once, the other reports 0.
    two_reminder_runs_remind_once(&db, &mailbox, &url, &smtp, &a).await;
}

/// Starts two instances on the empty database at `url`; each migration is applied, and
/// recorded, once. Answers both and a connection to the database.
async fn start_together_and_migrate_once(url: &str, smtp: &str) -> (Instance, Instance, sea_orm::DatabaseConnection) {
    let mut a = Instance::start(url, smtp, "a");
    let mut b = Instance::start(url, smtp, "b");
    a.wait_until_up().await;
    b.wait_until_up().await;
    let migrations = app::backend::migrations::Migrator::migrations().len();
    let applied: usize = [&a, &b].iter().map(|i| i.log().matches("Applying migration '").count()).sum();
    assert_eq!(applied, migrations, "each migration applied once:\n{}\n{}", a.log(), b.log());
    let db = Database::connect(url).await.unwrap();
    let recorded = db.query_one_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        "SELECT COUNT(*) AS n FROM seaql_migrations",
    ));
    let recorded: i64 = recorded.await.unwrap().unwrap().try_get("", "n").unwrap();
    assert_eq!(recorded as usize, migrations);
    (a, b, db)
}

/// The clinic's session kept alive on `b` by the proof `a` gave, and a form refused on `a`
/// shown again on `b`.
async fn each_honours_what_the_other_gave(
    db: &sea_orm::DatabaseConnection,
    clinic: &Browser,
    a: &Instance,
    b: &Instance,
) {
    let seen_ago = |minutes: i64| {
        let db = db.clone();
        async move {
            for stored in session::Entity::find().all(&db).await.unwrap() {
                let mut stored = stored.into_active_model();
                stored.last_seen_at = Set(chrono::Utc::now() - chrono::Duration::seconds(minutes * 60 + 30));
                stored.update(&db).await.unwrap();
            }
        }
    };
    seen_ago(1).await;
    assert!(clinic.get("/account").await.body.contains("Aino Virtanen"));
    assert!(clinic.cookie("kanta_seen").is_some(), "instance a renewed the proof");
    seen_ago(31).await;
    let on_b = |page: &str| format!("{}{page}", b.base);
    assert!(clinic.get(&on_b("/account")).await.body.contains("Aino Virtanen"), "instance b accepts a's proof");
    let bad_phone = [
        ("contact[kind]", "technical"),
        ("contact[name]", "Teemu Tekninen"),
        ("contact[email]", "teemu@example.fi"),
        ("contact[phone]", "12345"),
        ("contact[services][patient-data]", "on"),
    ]
    .map(|(k, v)| (k.to_string(), v.to_string()));
    let refused = clinic.post_form(AddContact::PATH, &bad_phone).await;
    let path = refused.url.strip_prefix(&a.base).unwrap().to_string();
    assert!(path.starts_with("/customer-data?refused="), "{:?}", refused.trail);
    let page = clinic.get(&on_b(&path)).await;
    assert!(page.body.contains("id=\"posted-error\"") && page.body.contains("value=\"Teemu Tekninen\""));
}

/// Seven applications, from two organisations through both instances, sent at once; waits for
/// the mail and checks each was sent once.
async fn seven_applications_at_once_mail_once(
    db: &sea_orm::DatabaseConnection,
    mailbox: &Mailbox,
    clinic: &std::sync::Arc<Browser>,
    b: &Instance,
) {
    let mut ready = Vec::new();
    for service in ["eprescription", "client-data-archive", "test-environment"] {
        ready.push((clinic.clone(), ready_to_send(clinic, service, "1.2.246.10.31415903.10").await));
    }
    let other = std::sync::Arc::new(Browser::new(&b.base));
    log_in(&other, "p13").await;
    for service in ["eprescription", "patient-data", "client-data-archive", "test-environment"] {
        ready.push((other.clone(), ready_to_send(&other, service, "1.2.246.10.31419170.10").await));
    }
    let burst: Vec<_> = ready
        .iter()
        .map(|(browser, id)| {
            let (browser, id) = (browser.clone(), *id);
            tokio::spawn(async move { browser.call(ApplicantCommand::PATH, &submit_fields(id, 3)).await })
        })
        .collect();
    for request in burst {
        let (status, body) = request.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (rows, delivered) = settled(db, mailbox).await;
    assert!(rows.len() >= ready.len() + 5, "the go-live's mails and one per application sent: {}", rows.len());
    each_once(&rows, &delivered);
}

/// A reminder made due, then `server remind` run twice at once against the database at `url`.
async fn two_reminder_runs_remind_once(
    db: &sea_orm::DatabaseConnection,
    mailbox: &Mailbox,
    url: &str,
    smtp: &str,
    a: &Instance,
) {
    crate::common::retire_unit(&a.base, "1.2.246.10.31415903.10.1").await;
    let before = mailbox.all().len();
    let remind = || {
        Command::new(SERVER_BIN)
            .arg("remind")
            .env("KANTA_DATABASE_URL", url)
            .env("KANTA_PUBLIC_URL", &a.base)
            .env("KANTA_SMTP_URL", smtp)
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (remind(), remind());
    let reminded: Vec<String> = [first, second]
        .into_iter()
        .map(|c| String::from_utf8_lossy(&c.wait_with_output().unwrap().stdout).trim().to_string())
        .collect();
    let runs = scheduled_run::Entity::find().filter(scheduled_run::Column::Job.eq("reminders")).all(db).await.unwrap();
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert!(runs[0].finished_at.is_some());
    let mut reminded = reminded;
    reminded.sort();
    assert_eq!(reminded, ["0 organisation(s) reminded", "1 organisation(s) reminded"]);
    let (rows, delivered) = settled(db, mailbox).await;
    each_once(&rows, &delivered);
    let reminders: Vec<_> = delivered[before..].iter().filter(|m| m.body.contains("/customer-data")).collect();
    assert_eq!(reminders.len(), 1, "{reminders:?}");
}
