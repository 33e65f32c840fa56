//! Properties, buildings and categories on the wire.

use basma_domain::model as domain;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A property (a compound or tower block).
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    pub id: Uuid,
    pub name: String,
    pub code: String,
    pub city: String,
    pub address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<domain::Property> for Property {
    fn from(p: domain::Property) -> Self {
        Self {
            id: p.id.0,
            name: p.name,
            code: p.code,
            city: p.city,
            address: p.address,
            created_at: p.created_at,
            updated_at: p.updated_at,
        }
    }
}

/// A property with its buildings.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PropertyDetail {
    #[serde(flatten)]
    pub property: Property,
    pub buildings: Vec<Building>,
}

/// A building inside a property; its code is unique within the property.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Building {
    pub id: Uuid,
    pub property_id: Uuid,
    pub name: String,
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<domain::Building> for Building {
    fn from(b: domain::Building) -> Self {
        Self {
            id: b.id.0,
            property_id: b.property_id.0,
            name: b.name,
            code: b.code,
            created_at: b.created_at,
            updated_at: b.updated_at,
        }
    }
}

/// A request category with its Arabic and English names.
#[derive(Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: Uuid,
    pub code: String,
    pub name_ar: String,
    pub name_en: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<domain::Category> for Category {
    fn from(c: domain::Category) -> Self {
        Self {
            id: c.id.0,
            code: c.code,
            name_ar: c.name_ar,
            name_en: c.name_en,
            active: c.active,
            created_at: c.created_at,
            updated_at: c.updated_at,
        }
    }
}

/// The id of what was deleted.
#[derive(Serialize, ToSchema)]
pub struct Deleted {
    pub id: Uuid,
}
