//! Row of `users`: one account.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub name: String,
    /// Always lower-case (see `Email::parse`), which makes the unique index case-insensitive.
    pub email: String,
    pub phone: Option<String>,
    pub password_hash: String,
    pub role: String,
    pub active: bool,
    pub locale: String,
    pub email_verified_at: Option<DateTimeUtc>,
    pub failed_logins: i32,
    pub first_failed_login_at: Option<DateTimeUtc>,
    pub locked_until: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
