//! Several server instances on one database.
//!
//! `mail_outbox` gains what lets instances share it: a lease (`claimed_until`) an instance takes
//! before sending, the time of the next attempt (backoff), the last attempt, the end of the
//! retry window, when the mail was given up as undeliverable, and a Message-ID fixed when the
//! mail is queued. Rows queued before this get a Message-ID made of their id.
//!
//! `scheduled_run` has a row per scheduled job and day: the instance that inserts it runs the job.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum MailOutbox {
    Table,
    MessageId,
    NextAttemptAt,
    ClaimedUntil,
    LastTriedAt,
    RetryUntil,
    FailedAt,
}

#[derive(DeriveIden)]
enum ScheduledRun {
    Table,
    Job,
    Day,
    ClaimedBy,
    ClaimedAt,
    FinishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too (sea-orm-migration only does so on PostgreSQL by
    /// default): a crash half-way leaves nothing half-applied.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        let columns = [
            string_len(MailOutbox::MessageId, 200).default("").to_owned(),
            timestamp_with_time_zone_null(MailOutbox::NextAttemptAt),
            timestamp_with_time_zone_null(MailOutbox::ClaimedUntil),
            timestamp_with_time_zone_null(MailOutbox::LastTriedAt),
            timestamp_with_time_zone_null(MailOutbox::RetryUntil),
            timestamp_with_time_zone_null(MailOutbox::FailedAt),
        ];
        for mut column in columns {
            manager.alter_table(Table::alter().table(MailOutbox::Table).add_column(&mut column).to_owned()).await?;
        }
        let old_rows = Query::update()
            .table(MailOutbox::Table)
            .value(
                MailOutbox::MessageId,
                // `||` and CAST … AS TEXT mean the same on SQLite and PostgreSQL.
                Expr::cust("'<outbox-' || CAST(id AS TEXT) || '@kanta-extranet.invalid>'"),
            )
            .to_owned();
        manager.exec_stmt(old_rows).await?;
        // The mailer's claim and poll look only at waiting mail; the table keeps all mail ever sent.
        let waiting = Index::create()
            .name("mail_outbox_waiting")
            .table(MailOutbox::Table)
            .col(Alias::new("id"))
            .cond_where(Expr::col(Alias::new("sent_at")).is_null().and(Expr::col(MailOutbox::FailedAt).is_null()))
            .to_owned();
        manager.create_index(waiting).await?;

        let runs = Table::create()
            .table(ScheduledRun::Table)
            .if_not_exists()
            .col(string_len(ScheduledRun::Job, 40))
            .col(string_len(ScheduledRun::Day, 10))
            .col(string_len(ScheduledRun::ClaimedBy, 200))
            .col(timestamp_with_time_zone(ScheduledRun::ClaimedAt))
            .col(timestamp_with_time_zone_null(ScheduledRun::FinishedAt))
            .primary_key(Index::create().col(ScheduledRun::Job).col(ScheduledRun::Day))
            .to_owned();
        manager.create_table(runs).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(ScheduledRun::Table).to_owned()).await?;
        manager.drop_index(Index::drop().name("mail_outbox_waiting").table(MailOutbox::Table).to_owned()).await?;
        for column in [
            MailOutbox::MessageId,
            MailOutbox::NextAttemptAt,
            MailOutbox::ClaimedUntil,
            MailOutbox::LastTriedAt,
            MailOutbox::RetryUntil,
            MailOutbox::FailedAt,
        ] {
            manager.alter_table(Table::alter().table(MailOutbox::Table).drop_column(column).to_owned()).await?;
        }
        Ok(())
    }
}
