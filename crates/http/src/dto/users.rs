//! Users and sessions on the wire. The password hash never appears here.

use basma_domain::model::{Locale, Role, Session, SessionId, User};
use chrono::{DateTime, Utc};
use serde::Deserialize;

wire_type! {
    UserDto from User as u {
        #[schema(format = Uuid)]
        id: String = u.id.to_string(),
        name: String = u.name,
        email: String = u.email,
        phone: Option<String> = u.phone,
        role: Role = u.role,
        active: bool = u.active,
        locale: Locale = u.locale,
        email_verified: bool = u.email_verified_at.is_some(),
        #[schema(value_type = Vec<uuid::Uuid>)]
        property_ids: Vec<String> = u.property_ids.iter().map(ToString::to_string).collect(),
        #[schema(value_type = Vec<uuid::Uuid>)]
        category_ids: Vec<String> = u.category_ids.iter().map(ToString::to_string).collect(),
        created_at: DateTime<Utc> = u.created_at,
        updated_at: DateTime<Utc> = u.updated_at,
    }
}

wire_type! {
    SessionDto {
        #[schema(format = Uuid)]
        id: String,
        user_agent: Option<String>,
        ip: Option<String>,
        created_at: DateTime<Utc>,
        last_used_at: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        /// Whether this is the session of the token making the call.
        current: bool,
    }
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
