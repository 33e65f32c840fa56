//! Properties, buildings and categories on the wire.

use basma_domain::model as domain;
use chrono::{DateTime, Utc};
use uuid::Uuid;

wire_type! {
    /// A property (a compound or tower block).
    Property from domain::Property as p {
        id: Uuid = p.id.0,
        name: String = p.name,
        code: String = p.code,
        city: String = p.city,
        address: Option<String> = p.address,
        created_at: DateTime<Utc> = p.created_at,
        updated_at: DateTime<Utc> = p.updated_at,
    }
}

wire_type! {
    /// A property with its buildings.
    PropertyDetail {
        #[serde(flatten)]
        property: Property,
        buildings: Vec<Building>,
    }
}

wire_type! {
    /// A building inside a property; its code is unique within the property.
    Building from domain::Building as b {
        id: Uuid = b.id.0,
        property_id: Uuid = b.property_id.0,
        name: String = b.name,
        code: String = b.code,
        created_at: DateTime<Utc> = b.created_at,
        updated_at: DateTime<Utc> = b.updated_at,
    }
}

wire_type! {
    /// A request category with its Arabic and English names.
    Category from domain::Category as c {
        id: Uuid = c.id.0,
        code: String = c.code,
        name_ar: String = c.name_ar,
        name_en: String = c.name_en,
        active: bool = c.active,
        created_at: DateTime<Utc> = c.created_at,
        updated_at: DateTime<Utc> = c.updated_at,
    }
}

wire_type! {
    /// The id of what was deleted.
    Deleted { id: Uuid }
}
