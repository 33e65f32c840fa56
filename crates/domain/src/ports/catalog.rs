//! Properties, buildings and categories.

use super::RepoError;
use crate::model::{Building, BuildingId, Category, CategoryId, Property, PropertyId};
use async_trait::async_trait;

#[cfg_attr(feature = "mocks", mockall::automock)]
#[async_trait]
pub trait CatalogRepository: Send + Sync {
    /// # Errors
    /// `Conflict("code")` when the property code is taken.
    async fn create_property(&self, property: Property) -> Result<Property, RepoError>;
    /// # Errors
    /// `Conflict("code")` when the new code is taken; `NotFound` for an unknown id.
    async fn update_property(&self, property: Property) -> Result<Property, RepoError>;
    /// # Errors
    /// `NotFound` for an unknown id; `Conflict("in_use")` while buildings, requests or
    /// managers refer to it.
    async fn delete_property(&self, id: PropertyId) -> Result<(), RepoError>;
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn get_property(&self, id: PropertyId) -> Result<Property, RepoError>;
    /// All properties, by name. `Unavailable` / `Internal` from the store.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list_properties(&self) -> Result<Vec<Property>, RepoError>;
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list_buildings(&self, property_id: PropertyId) -> Result<Vec<Building>, RepoError>;

    /// # Errors
    /// `Conflict("code")` when the code is taken in that property; `NotFound` when the
    /// property does not exist.
    async fn create_building(&self, building: Building) -> Result<Building, RepoError>;
    /// # Errors
    /// `Conflict("code")`, `NotFound` as for create.
    async fn update_building(&self, building: Building) -> Result<Building, RepoError>;
    /// # Errors
    /// `NotFound`; `Conflict("in_use")` while requests refer to it.
    async fn delete_building(&self, id: BuildingId) -> Result<(), RepoError>;
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn get_building(&self, id: BuildingId) -> Result<Building, RepoError>;

    /// # Errors
    /// `Conflict("code")` when the code is taken.
    async fn create_category(&self, category: Category) -> Result<Category, RepoError>;
    /// # Errors
    /// `Conflict("code")`; `NotFound` for an unknown id.
    async fn update_category(&self, category: Category) -> Result<Category, RepoError>;
    /// # Errors
    /// `NotFound` for an unknown id.
    async fn get_category(&self, id: CategoryId) -> Result<Category, RepoError>;
    /// All categories by code, inactive ones included.
    ///
    /// # Errors
    /// `Unavailable` / `Internal` from the store.
    async fn list_categories(&self) -> Result<Vec<Category>, RepoError>;
}
