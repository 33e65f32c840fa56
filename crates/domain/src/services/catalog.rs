//! Properties, buildings and categories (SPEC §5): reads for every signed-in user, writes for
//! whoever `policy::may_manage_catalog` allows. Inputs arrive raw and are validated together,
//! so one answer names every broken field; the store decides uniqueness (`Conflict(Code)`)
//! and refuses deleting what is still referenced (`Conflict(InUse)`).

use crate::model::{
    Address, AuditAction, AuditTarget, AuditTargetType, Building, BuildingId, Category, CategoryId,
    ChangeSet, Code, Label, Property, PropertyId,
};
use crate::policy::{self, Actor};
use crate::ports::{AuditLog, Clock};
use crate::services::audit::record_change;
use audited::{building_fields, category_fields, diff, property_fields};

mod audited;
mod error;
mod inputs;
mod stores;
use crate::validation::{Rule, check_with, optional, required};
pub use error::CatalogError;
use inputs::Write;
pub use inputs::{BuildingInput, CategoryInput, PropertyInput};
use std::sync::Arc;
pub use stores::CatalogStores;

pub struct CatalogService {
    stores: CatalogStores,
    audit: Arc<dyn AuditLog>,
    clock: Arc<dyn Clock>,
}

/// An empty address means "none", so clients can clear it with `""` as well as `null`.
fn address(raw: &str) -> Result<Option<String>, Rule> {
    Address::parse(raw).map(|a| Some(a.into_inner()).filter(|a| !a.is_empty()))
}

impl CatalogService {
    pub fn new(stores: CatalogStores, audit: Arc<dyn AuditLog>, clock: Arc<dyn Clock>) -> Self {
        Self {
            stores,
            audit,
            clock,
        }
    }

    async fn record(
        &self,
        action: AuditAction,
        actor: &Actor,
        target: AuditTarget,
        changes: ChangeSet,
    ) {
        record_change(
            self.audit.as_ref(),
            action,
            actor,
            target,
            changes,
            self.clock.now(),
        )
        .await;
    }

    fn guard(actor: &Actor) -> Result<(), CatalogError> {
        if policy::may_manage_catalog(actor) {
            Ok(())
        } else {
            Err(CatalogError::Forbidden)
        }
    }

    /// # Errors
    /// `Store` when the database fails.
    pub async fn list_properties(&self) -> Result<Vec<Property>, CatalogError> {
        Ok(self.stores.properties.list_properties().await?)
    }

    /// # Errors
    /// `NotFound`, `Store`.
    pub async fn get_property(&self, id: PropertyId) -> Result<Property, CatalogError> {
        Ok(self.stores.properties.get_property(id).await?)
    }

    /// # Errors
    /// `Forbidden`, `Validation` (every broken field), `Conflict(Code)`, `Store`.
    pub async fn create_property(
        &self,
        actor: &Actor,
        input: PropertyInput,
    ) -> Result<Property, CatalogError> {
        Self::guard(actor)?;
        check_with(&input, &Write::Create)?;
        let name = required("name", input.name.as_deref(), Label::parse)?;
        let code = required("code", input.code.as_deref(), Code::parse)?;
        let city = required("city", input.city.as_deref(), Label::parse)?;
        let address = optional("address", input.address.flatten().as_deref(), address)?;
        let now = self.clock.now();
        let property = Property {
            id: PropertyId::new(),
            name: name.into_inner(),
            code: code.as_str().to_owned(),
            city: city.into_inner(),
            address: address.flatten(),
            created_at: now,
            updated_at: now,
        };
        let property = self.stores.properties.create_property(property).await?;
        let target = AuditTarget::new(AuditTargetType::Property, property.id.0);
        let changes = ChangeSet::created(property_fields(&property));
        self.record(AuditAction::PropertyCreated, actor, target, changes)
            .await;
        Ok(property)
    }

    /// # Errors
    /// `Forbidden`, `Validation`, `NotFound`, `Conflict(Code)`, `Store`.
    pub async fn update_property(
        &self,
        actor: &Actor,
        id: PropertyId,
        input: PropertyInput,
    ) -> Result<Property, CatalogError> {
        Self::guard(actor)?;
        check_with(&input, &Write::Update)?;
        let name = optional("name", input.name.as_deref(), Label::parse)?;
        let code = optional("code", input.code.as_deref(), Code::parse)?;
        let city = optional("city", input.city.as_deref(), Label::parse)?;
        let addr = match input.address.as_ref() {
            None => None,
            Some(raw) => Some(optional("address", raw.as_deref(), address)?.flatten()),
        };
        let mut property = self.stores.properties.get_property(id).await?;
        let before = property_fields(&property);
        if let Some(name) = name {
            property.name = name.into_inner();
        }
        if let Some(code) = code {
            property.code = code.as_str().to_owned();
        }
        if let Some(city) = city {
            property.city = city.into_inner();
        }
        if let Some(addr) = addr {
            property.address = addr;
        }
        property.updated_at = self.clock.now();
        let property = self.stores.properties.update_property(property).await?;
        let changes = diff(before, property_fields(&property));
        let target = AuditTarget::new(AuditTargetType::Property, id.0);
        self.record(AuditAction::PropertyUpdated, actor, target, changes)
            .await;
        Ok(property)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Conflict(InUse)` while buildings, requests or managers
    /// refer to it, `Store`.
    pub async fn delete_property(&self, actor: &Actor, id: PropertyId) -> Result<(), CatalogError> {
        Self::guard(actor)?;
        let old = self.stores.properties.get_property(id).await?;
        self.stores.properties.delete_property(id).await?;
        let target = AuditTarget::new(AuditTargetType::Property, id.0);
        let changes = ChangeSet::deleted(property_fields(&old));
        self.record(AuditAction::PropertyDeleted, actor, target, changes)
            .await;
        Ok(())
    }

    /// The buildings of a property; an unknown property is `NotFound` rather than an empty
    /// list, so a typo in the id is not mistaken for a property without buildings.
    ///
    /// # Errors
    /// `NotFound`, `Store`.
    pub async fn list_buildings(
        &self,
        property_id: PropertyId,
    ) -> Result<Vec<Building>, CatalogError> {
        self.stores.properties.get_property(property_id).await?;
        Ok(self.stores.buildings.list_buildings(property_id).await?)
    }

    /// # Errors
    /// `Forbidden`, `Validation`, `NotFound` (the property), `Conflict(Code)` when the code
    /// is taken in that property, `Store`.
    pub async fn create_building(
        &self,
        actor: &Actor,
        property_id: PropertyId,
        input: BuildingInput,
    ) -> Result<Building, CatalogError> {
        Self::guard(actor)?;
        check_with(&input, &Write::Create)?;
        let name = required("name", input.name.as_deref(), Label::parse)?;
        let code = required("code", input.code.as_deref(), Code::parse)?;
        let now = self.clock.now();
        let building = Building {
            id: BuildingId::new(),
            property_id,
            name: name.into_inner(),
            code: code.as_str().to_owned(),
            created_at: now,
            updated_at: now,
        };
        let building = self.stores.buildings.create_building(building).await?;
        let target = AuditTarget::new(AuditTargetType::Building, building.id.0);
        let changes = ChangeSet::created(building_fields(&building));
        self.record(AuditAction::BuildingCreated, actor, target, changes)
            .await;
        Ok(building)
    }

    /// # Errors
    /// `Forbidden`, `Validation`, `NotFound`, `Conflict(Code)`, `Store`.
    pub async fn update_building(
        &self,
        actor: &Actor,
        id: BuildingId,
        input: BuildingInput,
    ) -> Result<Building, CatalogError> {
        Self::guard(actor)?;
        check_with(&input, &Write::Update)?;
        let name = optional("name", input.name.as_deref(), Label::parse)?;
        let code = optional("code", input.code.as_deref(), Code::parse)?;
        let mut building = self.stores.lookup.get_building(id).await?;
        let before = building_fields(&building);
        if let Some(name) = name {
            building.name = name.into_inner();
        }
        if let Some(code) = code {
            building.code = code.as_str().to_owned();
        }
        building.updated_at = self.clock.now();
        let building = self.stores.buildings.update_building(building).await?;
        let changes = diff(before, building_fields(&building));
        let target = AuditTarget::new(AuditTargetType::Building, id.0);
        self.record(AuditAction::BuildingUpdated, actor, target, changes)
            .await;
        Ok(building)
    }

    /// # Errors
    /// `Forbidden`, `NotFound`, `Conflict(InUse)` while requests refer to it, `Store`.
    pub async fn delete_building(&self, actor: &Actor, id: BuildingId) -> Result<(), CatalogError> {
        Self::guard(actor)?;
        let old = self.stores.lookup.get_building(id).await?;
        self.stores.buildings.delete_building(id).await?;
        let target = AuditTarget::new(AuditTargetType::Building, id.0);
        let changes = ChangeSet::deleted(building_fields(&old));
        self.record(AuditAction::BuildingDeleted, actor, target, changes)
            .await;
        Ok(())
    }

    /// # Errors
    /// `NotFound`, `Store`.
    pub async fn get_building(&self, id: BuildingId) -> Result<Building, CatalogError> {
        Ok(self.stores.lookup.get_building(id).await?)
    }

    /// All categories, inactive ones included (clients grey them out).
    ///
    /// # Errors
    /// `Store`.
    pub async fn list_categories(&self) -> Result<Vec<Category>, CatalogError> {
        Ok(self.stores.lookup.list_categories().await?)
    }

    /// # Errors
    /// `Forbidden`, `Validation`, `Conflict(Code)`, `Store`.
    pub async fn create_category(
        &self,
        actor: &Actor,
        input: CategoryInput,
    ) -> Result<Category, CatalogError> {
        Self::guard(actor)?;
        check_with(&input, &Write::Create)?;
        let code = required("code", input.code.as_deref(), Code::parse)?;
        let ar = required("nameAr", input.name_ar.as_deref(), Label::parse)?;
        let en = required("nameEn", input.name_en.as_deref(), Label::parse)?;
        let now = self.clock.now();
        let category = Category {
            id: CategoryId::new(),
            code: code.as_str().to_owned(),
            name_ar: ar.into_inner(),
            name_en: en.into_inner(),
            active: input.active.unwrap_or(true),
            created_at: now,
            updated_at: now,
        };
        let category = self.stores.categories.create_category(category).await?;
        let target = AuditTarget::new(AuditTargetType::Category, category.id.0);
        let changes = ChangeSet::created(category_fields(&category));
        self.record(AuditAction::CategoryCreated, actor, target, changes)
            .await;
        Ok(category)
    }

    /// # Errors
    /// `Forbidden`, `Validation`, `NotFound`, `Conflict(Code)`, `Store`.
    pub async fn update_category(
        &self,
        actor: &Actor,
        id: CategoryId,
        input: CategoryInput,
    ) -> Result<Category, CatalogError> {
        Self::guard(actor)?;
        check_with(&input, &Write::Update)?;
        let code = optional("code", input.code.as_deref(), Code::parse)?;
        let ar = optional("nameAr", input.name_ar.as_deref(), Label::parse)?;
        let en = optional("nameEn", input.name_en.as_deref(), Label::parse)?;
        let mut category = self.stores.lookup.get_category(id).await?;
        let before = category_fields(&category);
        if let Some(code) = code {
            category.code = code.as_str().to_owned();
        }
        if let Some(ar) = ar {
            category.name_ar = ar.into_inner();
        }
        if let Some(en) = en {
            category.name_en = en.into_inner();
        }
        if let Some(active) = input.active {
            category.active = active;
        }
        category.updated_at = self.clock.now();
        let category = self.stores.categories.update_category(category).await?;
        let changes = diff(before, category_fields(&category));
        let target = AuditTarget::new(AuditTargetType::Category, id.0);
        self.record(AuditAction::CategoryUpdated, actor, target, changes)
            .await;
        Ok(category)
    }
}

#[cfg(test)]
mod tests;
