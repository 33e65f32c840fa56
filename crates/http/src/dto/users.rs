//! Users and sessions on the wire. The password hash never appears here.

use basma_domain::model::{Locale, Role, Session, SessionId, User};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct UserDto {
    #[schema(format = Uuid)]
    pub id: String,
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
    pub role: Role,
    pub active: bool,
    pub locale: Locale,
    pub email_verified: bool,
    #[schema(value_type = Vec<uuid::Uuid>)]
    pub property_ids: Vec<String>,
    #[schema(value_type = Vec<uuid::Uuid>)]
    pub category_ids: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<User> for UserDto {
    fn from(u: User) -> Self {
        Self {
            id: u.id.to_string(),
            name: u.name,
            email: u.email,
            phone: u.phone,
            role: u.role,
            active: u.active,
            locale: u.locale,
            email_verified: u.email_verified_at.is_some(),
            property_ids: u.property_ids.iter().map(ToString::to_string).collect(),
            category_ids: u.category_ids.iter().map(ToString::to_string).collect(),
            created_at: u.created_at,
            updated_at: u.updated_at,
        }
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SessionDto {
    #[schema(format = Uuid)]
    pub id: String,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Whether this is the session of the token making the call.
    pub current: bool,
}

impl SessionDto {
    pub fn new(s: Session, current: SessionId) -> Self {
        Self {
            id: s.id.to_string(),
            user_agent: s.user_agent,
            ip: s.ip,
            created_at: s.created_at,
            last_used_at: s.last_used_at,
            expires_at: s.expires_at,
            current: s.id == current,
        }
    }
}

/// `PATCH` fields that may be set, cleared with `null`, or left out.
pub fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}
