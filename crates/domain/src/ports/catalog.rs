//! Properties, buildings and categories, as ports sized for their callers: the request
//! service only looks things up ([`CatalogLookup`]); the catalog service also writes each
//! aggregate ([`PropertyStore`], [`BuildingStore`], [`CategoryStore`]). One adapter may
//! implement all four.

use super::RepoError;
use crate::model::{Building, BuildingId, Category, CategoryId, Property, PropertyId};
use async_trait::async_trait;

/// The reads a request needs: its building and category (the request and catalog services).
#[async_trait]
pub trait CatalogLookup: Send + Sync {
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn get_building(&self, id: BuildingId) -> Result<Building, RepoError>;
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn get_category(&self, id: CategoryId) -> Result<Category, RepoError>;
    /// All categories by code, inactive ones included.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list_categories(&self) -> Result<Vec<Category>, RepoError>;
}

/// Properties (the catalog service).
#[async_trait]
pub trait PropertyStore: Send + Sync {
    /// # Errors
    /// `Conflict(Code)` when the property code is taken.
    async fn create_property(&self, property: Property) -> Result<Property, RepoError>;
    /// # Errors
    /// `Conflict(Code)` when the new code is taken; `NotFound` for an unknown id.
    async fn update_property(&self, property: Property) -> Result<Property, RepoError>;
    /// # Errors
    /// `NotFound` for an unknown id; `Conflict(InUse)` while buildings, requests or
    /// managers refer to it.
    async fn delete_property(&self, id: PropertyId) -> Result<(), RepoError>;
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn get_property(&self, id: PropertyId) -> Result<Property, RepoError>;
    /// All properties, by name.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list_properties(&self) -> Result<Vec<Property>, RepoError>;
}

/// Buildings of a property (the catalog service).
#[async_trait]
pub trait BuildingStore: Send + Sync {
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list_buildings(&self, property_id: PropertyId) -> Result<Vec<Building>, RepoError>;
    /// # Errors
    /// `Conflict(Code)` when the code is taken in that property; `NotFound` when the
    /// property does not exist.
    async fn create_building(&self, building: Building) -> Result<Building, RepoError>;
    /// # Errors
    /// `Conflict(Code)`, `NotFound` as for create.
    async fn update_building(&self, building: Building) -> Result<Building, RepoError>;
    /// # Errors
    /// `NotFound`; `Conflict(InUse)` while requests refer to it.
    async fn delete_building(&self, id: BuildingId) -> Result<(), RepoError>;
}

/// Category writes (the catalog service); reads are [`CatalogLookup`]'s.
#[async_trait]
pub trait CategoryStore: Send + Sync {
    /// # Errors
    /// `Conflict(Code)` when the code is taken.
    async fn create_category(&self, category: Category) -> Result<Category, RepoError>;
    /// # Errors
    /// `Conflict(Code)`; `NotFound` for an unknown id.
    async fn update_category(&self, category: Category) -> Result<Category, RepoError>;
}
