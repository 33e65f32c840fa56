//! Row of `spent_refresh_tokens`: a rotated-away refresh hash, kept to detect reuse.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "spent_refresh_tokens")]
pub struct Model {
    /// Hex SHA-256 of a refresh token that was rotated away.
    #[sea_orm(primary_key, auto_increment = false)]
    pub hash: String,
    pub session_id: Uuid,
    pub family_id: Uuid,
    pub spent_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
