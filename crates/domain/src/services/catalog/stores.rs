//! The catalogue ports a [`super::CatalogService`] drives, one per aggregate plus the reads.

use crate::ports::{BuildingStore, CatalogLookup, CategoryStore, PropertyStore};
use std::sync::Arc;

/// The stores of the catalogue; usually one adapter behind all four.
#[derive(Clone)]
pub struct CatalogStores {
    pub properties: Arc<dyn PropertyStore>,
    pub buildings: Arc<dyn BuildingStore>,
    pub categories: Arc<dyn CategoryStore>,
    pub lookup: Arc<dyn CatalogLookup>,
}

impl CatalogStores {
    /// All four ports served by one adapter.
    pub fn of<T>(store: Arc<T>) -> Self
    where
        T: PropertyStore + BuildingStore + CategoryStore + CatalogLookup + 'static,
    {
        Self {
            properties: store.clone(),
            buildings: store.clone(),
            categories: store.clone(),
            lookup: store,
        }
    }
}
