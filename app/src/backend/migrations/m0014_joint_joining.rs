//! `joint_member`: the co-joiners a main joiner's application names (joint joining,
//! `backend::joint`), each with its own signed acceptance once its acting person has signed.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum JointMember {
    Table,
    Id,
    ApplicationId,
    Ytunnus,
    InvitedAt,
    OrganisationId,
    Services,
    Lang,
    Text,
    TextHash,
    PersonId,
    SignerName,
    Basis,
    SignedAt,
    RemovedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(JointMember::Table)
                    .if_not_exists()
                    .col(pk_auto(JointMember::Id))
                    .col(integer(JointMember::ApplicationId))
                    .col(string_len(JointMember::Ytunnus, 9))
                    .col(timestamp_with_time_zone(JointMember::InvitedAt))
                    .col(integer_null(JointMember::OrganisationId))
                    .col(string_len_null(JointMember::Services, 200))
                    .col(string_len_null(JointMember::Lang, 2))
                    .col(text_null(JointMember::Text))
                    .col(string_len_null(JointMember::TextHash, 64))
                    .col(integer_null(JointMember::PersonId))
                    .col(string_len_null(JointMember::SignerName, 200))
                    .col(string_len_null(JointMember::Basis, 64))
                    .col(timestamp_with_time_zone_null(JointMember::SignedAt))
                    .col(timestamp_with_time_zone_null(JointMember::RemovedAt))
                    .to_owned(),
            )
            .await?;
        // An application's co-joiners (one current membership each: the application's version
        // check orders the changes); a co-joiner finds its invitations.
        manager
            .create_index(
                Index::create()
                    .name("joint_member_application")
                    .table(JointMember::Table)
                    .col(JointMember::ApplicationId)
                    .col(JointMember::Ytunnus)
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("joint_member_ytunnus")
                    .table(JointMember::Table)
                    .col(JointMember::Ytunnus)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(JointMember::Table).to_owned()).await
    }
}
