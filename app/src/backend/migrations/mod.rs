//! Schema migrations, in order. Never edit one that has shipped; add the next.
use sea_orm_migration::prelude::*;

mod m0001_support_request;
mod m0002_identity;
mod m0003_acting;
mod m0004_onboarding;
mod m0005_customer_data;
mod m0006_services_and_units;
mod m0007_several_instances;
mod m0008_audit_trail_pages;
mod m0009_lists_at_volume;
mod m0010_refused_forms;
mod m0011_cited_terms;
mod m0012_support_desk;
mod m0013_termination_notice;
mod m0014_joint_joining;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m0001_support_request::Migration),
            Box::new(m0002_identity::Migration),
            Box::new(m0003_acting::Migration),
            Box::new(m0004_onboarding::Migration),
            Box::new(m0005_customer_data::Migration),
            Box::new(m0006_services_and_units::Migration),
            Box::new(m0007_several_instances::Migration),
            Box::new(m0008_audit_trail_pages::Migration),
            Box::new(m0009_lists_at_volume::Migration),
            Box::new(m0010_refused_forms::Migration),
            Box::new(m0011_cited_terms::Migration),
            Box::new(m0012_support_desk::Migration),
            Box::new(m0013_termination_notice::Migration),
            Box::new(m0014_joint_joining::Migration),
        ]
    }
}
