//! Properties, their buildings, and request categories.

use super::{BuildingId, CategoryId, PropertyId};
use chrono::{DateTime, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Property {
    pub id: PropertyId,
    pub name: String,
    pub code: String,
    pub city: String,
    pub address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Building {
    pub id: BuildingId,
    pub property_id: PropertyId,
    pub name: String,
    /// Unique within its property.
    pub code: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Category {
    pub id: CategoryId,
    pub code: String,
    pub name_ar: String,
    pub name_en: String,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The seven categories every installation starts with: (code, Arabic, English).
pub const SEEDED_CATEGORIES: [(&str, &str, &str); 7] = [
    ("PLUMBING", "السباكة", "Plumbing"),
    ("ELECTRICAL", "الكهرباء", "Electrical"),
    ("HVAC", "التكييف والتهوية", "HVAC"),
    ("STRUCTURAL", "الأعمال الإنشائية", "Structural"),
    ("SECURITY", "الأمن والسلامة", "Security"),
    ("CLEANING", "النظافة", "Cleaning"),
    ("EMERGENCY", "الطوارئ", "Emergency"),
];
