use sea_orm::entity::prelude::*;

/// One billed line of an invoice: `amount_cents` = `quantity` × `unit_price_e4` / 100, rounded.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "billing_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub invoice_id: i32,
    pub line: i32,
    pub description: String,
    pub quantity: i64,
    /// Euros × 10 000: fees are set in fractions of a cent (0,053 € a dispensed prescription).
    pub unit_price_e4: i64,
    pub amount_cents: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
