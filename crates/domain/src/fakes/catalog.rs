//! The in-memory catalogue: codes unique (building codes within their property), referenced
//! rows undeletable, lists in the adapters' order, as in SQL.

use super::{FixedClock, lock};
use crate::model::{
    Building, BuildingId, Category, CategoryId, Property, PropertyId, SEEDED_CATEGORIES,
};
use crate::ports::{
    BuildingStore, CatalogLookup, CategoryStore, ConflictOn, PropertyStore, RepoError,
};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
struct Catalog {
    properties: HashMap<PropertyId, Property>,
    buildings: HashMap<BuildingId, Building>,
    categories: HashMap<CategoryId, Category>,
    /// Properties and buildings that requests (or managers) still refer to.
    in_use: Vec<uuid::Uuid>,
}

impl Catalog {
    fn code_taken(&self, code: &str, property_id: PropertyId, except: BuildingId) -> bool {
        self.buildings
            .values()
            .any(|b| b.property_id == property_id && b.code == code && b.id != except)
    }
}

/// A catalogue that keeps the real one's rules.
#[derive(Default)]
pub struct FakeCatalog(Mutex<Catalog>);

impl FakeCatalog {
    /// With the categories every installation starts with (the migrations' seed).
    pub fn seeded() -> Self {
        let catalog = Self::default();
        for (code, name_ar, name_en) in SEEDED_CATEGORIES {
            let id = catalog.add_category(code, true);
            if let Some(c) = lock(&catalog.0).categories.get_mut(&id) {
                c.name_ar = name_ar.into();
                c.name_en = name_en.into();
            }
        }
        catalog
    }

    pub fn add_category(&self, code: &str, active: bool) -> CategoryId {
        let now = FixedClock::default().0;
        let category = Category {
            id: CategoryId::new(),
            code: code.into(),
            name_ar: code.into(),
            name_en: code.into(),
            active,
            created_at: now,
            updated_at: now,
        };
        let id = category.id;
        lock(&self.0).categories.insert(id, category);
        id
    }

    /// A building in a property of its own.
    pub fn add_building(&self) -> Building {
        let now = FixedClock::default().0;
        let property = Property {
            id: PropertyId::new(),
            name: "Tower".into(),
            code: format!("P-{}", PropertyId::new().0.simple()),
            city: "Riyadh".into(),
            address: None,
            created_at: now,
            updated_at: now,
        };
        let building = Building {
            id: BuildingId::new(),
            property_id: property.id,
            name: "Tower A".into(),
            code: "A".into(),
            created_at: now,
            updated_at: now,
        };
        let mut c = lock(&self.0);
        c.properties.insert(property.id, property);
        c.buildings.insert(building.id, building.clone());
        building
    }

    /// Something outside the catalogue (a request, a manager) now refers to `id`.
    pub fn mark_in_use(&self, id: uuid::Uuid) {
        lock(&self.0).in_use.push(id);
    }
}

#[async_trait]
impl PropertyStore for FakeCatalog {
    async fn create_property(&self, property: Property) -> Result<Property, RepoError> {
        let mut c = lock(&self.0);
        if c.properties.values().any(|p| p.code == property.code) {
            return Err(RepoError::Conflict(ConflictOn::Code));
        }
        c.properties.insert(property.id, property.clone());
        Ok(property)
    }

    async fn update_property(&self, property: Property) -> Result<Property, RepoError> {
        let mut c = lock(&self.0);
        if c.properties
            .values()
            .any(|p| p.code == property.code && p.id != property.id)
        {
            return Err(RepoError::Conflict(ConflictOn::Code));
        }
        let slot = c
            .properties
            .get_mut(&property.id)
            .ok_or(RepoError::NotFound)?;
        *slot = property.clone();
        Ok(property)
    }

    async fn delete_property(&self, id: PropertyId) -> Result<(), RepoError> {
        let mut c = lock(&self.0);
        if !c.properties.contains_key(&id) {
            return Err(RepoError::NotFound);
        }
        if c.in_use.contains(&id.0) || c.buildings.values().any(|b| b.property_id == id) {
            return Err(RepoError::Conflict(ConflictOn::InUse));
        }
        c.properties.remove(&id);
        Ok(())
    }

    async fn get_property(&self, id: PropertyId) -> Result<Property, RepoError> {
        let c = lock(&self.0);
        c.properties.get(&id).cloned().ok_or(RepoError::NotFound)
    }

    async fn list_properties(&self) -> Result<Vec<Property>, RepoError> {
        let mut all: Vec<_> = lock(&self.0).properties.values().cloned().collect();
        all.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        Ok(all)
    }
}

#[async_trait]
impl BuildingStore for FakeCatalog {
    async fn list_buildings(&self, property_id: PropertyId) -> Result<Vec<Building>, RepoError> {
        let c = lock(&self.0);
        let mut all: Vec<_> = c
            .buildings
            .values()
            .filter(|b| b.property_id == property_id)
            .cloned()
            .collect();
        all.sort_by(|a, b| (&a.name, a.id).cmp(&(&b.name, b.id)));
        Ok(all)
    }

    async fn create_building(&self, building: Building) -> Result<Building, RepoError> {
        let mut c = lock(&self.0);
        if !c.properties.contains_key(&building.property_id) {
            return Err(RepoError::NotFound);
        }
        if c.code_taken(&building.code, building.property_id, building.id) {
            return Err(RepoError::Conflict(ConflictOn::Code));
        }
        c.buildings.insert(building.id, building.clone());
        Ok(building)
    }

    /// Like SQL, the property never changes: requests carry their building's property.
    async fn update_building(&self, building: Building) -> Result<Building, RepoError> {
        let mut c = lock(&self.0);
        let property_id = c
            .buildings
            .get(&building.id)
            .ok_or(RepoError::NotFound)?
            .property_id;
        if c.code_taken(&building.code, property_id, building.id) {
            return Err(RepoError::Conflict(ConflictOn::Code));
        }
        let stored = Building {
            property_id,
            ..building
        };
        c.buildings.insert(stored.id, stored.clone());
        Ok(stored)
    }

    async fn delete_building(&self, id: BuildingId) -> Result<(), RepoError> {
        let mut c = lock(&self.0);
        if !c.buildings.contains_key(&id) {
            return Err(RepoError::NotFound);
        }
        if c.in_use.contains(&id.0) {
            return Err(RepoError::Conflict(ConflictOn::InUse));
        }
        c.buildings.remove(&id);
        Ok(())
    }
}

#[async_trait]
impl CategoryStore for FakeCatalog {
    async fn create_category(&self, category: Category) -> Result<Category, RepoError> {
        let mut c = lock(&self.0);
        if c.categories.values().any(|x| x.code == category.code) {
            return Err(RepoError::Conflict(ConflictOn::Code));
        }
        c.categories.insert(category.id, category.clone());
        Ok(category)
    }

    async fn update_category(&self, category: Category) -> Result<Category, RepoError> {
        let mut c = lock(&self.0);
        if !c.categories.contains_key(&category.id) {
            return Err(RepoError::NotFound);
        }
        if c.categories
            .values()
            .any(|x| x.code == category.code && x.id != category.id)
        {
            return Err(RepoError::Conflict(ConflictOn::Code));
        }
        c.categories.insert(category.id, category.clone());
        Ok(category)
    }
}

#[async_trait]
impl CatalogLookup for FakeCatalog {
    async fn get_building(&self, id: BuildingId) -> Result<Building, RepoError> {
        let c = lock(&self.0);
        c.buildings.get(&id).cloned().ok_or(RepoError::NotFound)
    }

    async fn get_category(&self, id: CategoryId) -> Result<Category, RepoError> {
        let c = lock(&self.0);
        c.categories.get(&id).cloned().ok_or(RepoError::NotFound)
    }

    async fn list_categories(&self) -> Result<Vec<Category>, RepoError> {
        let mut all: Vec<_> = lock(&self.0).categories.values().cloned().collect();
        all.sort_by(|a, b| a.code.cmp(&b.code));
        Ok(all)
    }
}
