//! The in-memory catalogue: codes unique, referenced rows undeletable, as in SQL.

use super::FixedClock;
use crate::model::{Building, BuildingId, Category, CategoryId, Property, PropertyId};
use crate::ports::{CatalogRepository, RepoError};
use async_trait::async_trait;
use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Default)]
struct Catalog {
    properties: HashMap<PropertyId, Property>,
    buildings: HashMap<BuildingId, Building>,
    categories: HashMap<CategoryId, Category>,
    /// Properties and buildings that requests still refer to.
    in_use: Vec<uuid::Uuid>,
}

/// A catalogue that keeps codes unique like the real one.
#[derive(Default)]
pub(crate) struct FakeCatalog(Mutex<Catalog>);

impl FakeCatalog {
    pub(crate) fn add_category(&self, code: &str, active: bool) -> CategoryId {
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
        self.0.lock().unwrap().categories.insert(id, category);
        id
    }

    pub(crate) fn add_building(&self) -> Building {
        let now = FixedClock::default().0;
        let building = Building {
            id: BuildingId::new(),
            property_id: PropertyId::new(),
            name: "Tower A".into(),
            code: "A".into(),
            created_at: now,
            updated_at: now,
        };
        self.0
            .lock()
            .unwrap()
            .buildings
            .insert(building.id, building.clone());
        building
    }

    pub(crate) fn mark_in_use(&self, id: uuid::Uuid) {
        self.0.lock().unwrap().in_use.push(id);
    }
}

#[async_trait]
impl CatalogRepository for FakeCatalog {
    async fn create_property(&self, property: Property) -> Result<Property, RepoError> {
        let mut c = self.0.lock().unwrap();
        if c.properties.values().any(|p| p.code == property.code) {
            return Err(RepoError::Conflict("code".into()));
        }
        c.properties.insert(property.id, property.clone());
        Ok(property)
    }
    async fn update_property(&self, property: Property) -> Result<Property, RepoError> {
        let mut c = self.0.lock().unwrap();
        if c.properties
            .values()
            .any(|p| p.code == property.code && p.id != property.id)
        {
            return Err(RepoError::Conflict("code".into()));
        }
        let slot = c
            .properties
            .get_mut(&property.id)
            .ok_or(RepoError::NotFound)?;
        *slot = property.clone();
        Ok(property)
    }
    async fn delete_property(&self, id: PropertyId) -> Result<(), RepoError> {
        let mut c = self.0.lock().unwrap();
        if c.in_use.contains(&id.0) {
            return Err(RepoError::Conflict("in_use".into()));
        }
        c.properties
            .remove(&id)
            .map(|_| ())
            .ok_or(RepoError::NotFound)
    }
    async fn get_property(&self, id: PropertyId) -> Result<Property, RepoError> {
        let c = self.0.lock().unwrap();
        c.properties.get(&id).cloned().ok_or(RepoError::NotFound)
    }
    async fn list_properties(&self) -> Result<Vec<Property>, RepoError> {
        Ok(self
            .0
            .lock()
            .unwrap()
            .properties
            .values()
            .cloned()
            .collect())
    }
    async fn list_buildings(&self, property_id: PropertyId) -> Result<Vec<Building>, RepoError> {
        let c = self.0.lock().unwrap();
        Ok(c.buildings
            .values()
            .filter(|b| b.property_id == property_id)
            .cloned()
            .collect())
    }
    async fn create_building(&self, building: Building) -> Result<Building, RepoError> {
        let mut c = self.0.lock().unwrap();
        if !c.properties.contains_key(&building.property_id) {
            return Err(RepoError::NotFound);
        }
        c.buildings.insert(building.id, building.clone());
        Ok(building)
    }
    async fn update_building(&self, building: Building) -> Result<Building, RepoError> {
        let mut c = self.0.lock().unwrap();
        let slot = c
            .buildings
            .get_mut(&building.id)
            .ok_or(RepoError::NotFound)?;
        *slot = building.clone();
        Ok(building)
    }
    async fn delete_building(&self, id: BuildingId) -> Result<(), RepoError> {
        let mut c = self.0.lock().unwrap();
        c.buildings
            .remove(&id)
            .map(|_| ())
            .ok_or(RepoError::NotFound)
    }
    async fn get_building(&self, id: BuildingId) -> Result<Building, RepoError> {
        let c = self.0.lock().unwrap();
        c.buildings.get(&id).cloned().ok_or(RepoError::NotFound)
    }
    async fn create_category(&self, category: Category) -> Result<Category, RepoError> {
        let mut c = self.0.lock().unwrap();
        if c.categories.values().any(|x| x.code == category.code) {
            return Err(RepoError::Conflict("code".into()));
        }
        c.categories.insert(category.id, category.clone());
        Ok(category)
    }
    async fn update_category(&self, category: Category) -> Result<Category, RepoError> {
        let mut c = self.0.lock().unwrap();
        let slot = c
            .categories
            .get_mut(&category.id)
            .ok_or(RepoError::NotFound)?;
        *slot = category.clone();
        Ok(category)
    }
    async fn get_category(&self, id: CategoryId) -> Result<Category, RepoError> {
        let c = self.0.lock().unwrap();
        c.categories.get(&id).cloned().ok_or(RepoError::NotFound)
    }
    async fn list_categories(&self) -> Result<Vec<Category>, RepoError> {
        Ok(self
            .0
            .lock()
            .unwrap()
            .categories
            .values()
            .cloned()
            .collect())
    }
}
