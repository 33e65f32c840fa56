//! Properties, buildings and categories.
//!
//! Updates are single conditional statements checked by row count, so an unknown id is
//! `NotFound` without a prior read; deletes rely on the schema's restricting foreign keys,
//! which turn "still referenced" into `Conflict(InUse)` atomically.

use crate::entities::{buildings, categories, properties};
use crate::error::{delete_err, repo_err};
use crate::time::micros;
use async_trait::async_trait;
use basma_domain::model::{Building, BuildingId, Category, CategoryId, Property, PropertyId};
use basma_domain::ports::{
    BuildingStore, CatalogLookup, CategoryStore, ConflictOn, PropertyStore, RepoError,
};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, DeleteResult, EntityTrait, IntoActiveModel,
    QueryFilter, QueryOrder, UpdateResult,
};

#[derive(Debug, Clone)]
pub struct SqlCatalog {
    db: DatabaseConnection,
}

impl SqlCatalog {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

fn to_property(row: properties::Model) -> Property {
    Property {
        id: PropertyId(row.id),
        name: row.name,
        code: row.code,
        city: row.city,
        address: row.address,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn to_building(row: buildings::Model) -> Building {
    Building {
        id: BuildingId(row.id),
        property_id: PropertyId(row.property_id),
        name: row.name,
        code: row.code,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

fn to_category(row: categories::Model) -> Category {
    Category {
        id: CategoryId(row.id),
        code: row.code,
        name_ar: row.name_ar,
        name_en: row.name_en,
        active: row.active,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// `NotFound` when a statement addressed by id touched no row.
fn one_row(result: Result<UpdateResult, DbErr>) -> Result<(), RepoError> {
    match result.map_err(repo_err)?.rows_affected {
        0 => Err(RepoError::NotFound),
        _ => Ok(()),
    }
}

fn one_deleted(result: Result<DeleteResult, DbErr>) -> Result<(), RepoError> {
    match result.map_err(delete_err)?.rows_affected {
        0 => Err(RepoError::NotFound),
        _ => Ok(()),
    }
}

#[async_trait]
impl PropertyStore for SqlCatalog {
    async fn create_property(&self, property: Property) -> Result<Property, RepoError> {
        let row = properties::Model {
            id: property.id.0,
            name: property.name,
            code: property.code,
            city: property.city,
            address: property.address,
            created_at: micros(property.created_at),
            updated_at: micros(property.updated_at),
        };
        properties::Entity::insert(row.clone().into_active_model())
            .exec_without_returning(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(to_property(row))
    }

    async fn update_property(&self, property: Property) -> Result<Property, RepoError> {
        use properties::Column as C;
        one_row(
            properties::Entity::update_many()
                .col_expr(C::Name, Expr::value(property.name))
                .col_expr(C::Code, Expr::value(property.code))
                .col_expr(C::City, Expr::value(property.city))
                .col_expr(C::Address, Expr::value(property.address))
                .col_expr(C::UpdatedAt, Expr::value(micros(property.updated_at)))
                .filter(C::Id.eq(property.id.0))
                .exec(&self.db)
                .await,
        )?;
        self.get_property(property.id).await
    }

    async fn delete_property(&self, id: PropertyId) -> Result<(), RepoError> {
        one_deleted(properties::Entity::delete_by_id(id.0).exec(&self.db).await)
    }

    async fn get_property(&self, id: PropertyId) -> Result<Property, RepoError> {
        properties::Entity::find_by_id(id.0)
            .one(&self.db)
            .await
            .map_err(repo_err)?
            .map(to_property)
            .ok_or(RepoError::NotFound)
    }

    async fn list_properties(&self) -> Result<Vec<Property>, RepoError> {
        let rows = properties::Entity::find()
            .order_by_asc(properties::Column::Name)
            .order_by_asc(properties::Column::Id)
            .all(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(rows.into_iter().map(to_property).collect())
    }
}

#[async_trait]
impl BuildingStore for SqlCatalog {
    async fn list_buildings(&self, property_id: PropertyId) -> Result<Vec<Building>, RepoError> {
        let rows = buildings::Entity::find()
            .filter(buildings::Column::PropertyId.eq(property_id.0))
            .order_by_asc(buildings::Column::Name)
            .order_by_asc(buildings::Column::Id)
            .all(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(rows.into_iter().map(to_building).collect())
    }

    async fn create_building(&self, building: Building) -> Result<Building, RepoError> {
        let row = buildings::Model {
            id: building.id.0,
            property_id: building.property_id.0,
            name: building.name,
            code: building.code,
            created_at: micros(building.created_at),
            updated_at: micros(building.updated_at),
        };
        buildings::Entity::insert(row.clone().into_active_model())
            .exec_without_returning(&self.db)
            .await
            .map_err(|e| match repo_err(e) {
                // The only foreign key of a building is its property.
                RepoError::Conflict(ConflictOn::Reference) => RepoError::NotFound,
                other => other,
            })?;
        Ok(to_building(row))
    }

    /// Renames or re-codes a building; its property never changes, because requests carry
    /// the property of their building and would silently move with it.
    async fn update_building(&self, building: Building) -> Result<Building, RepoError> {
        use buildings::Column as C;
        one_row(
            buildings::Entity::update_many()
                .col_expr(C::Name, Expr::value(building.name))
                .col_expr(C::Code, Expr::value(building.code))
                .col_expr(C::UpdatedAt, Expr::value(micros(building.updated_at)))
                .filter(C::Id.eq(building.id.0))
                .exec(&self.db)
                .await,
        )?;
        self.get_building(building.id).await
    }

    async fn delete_building(&self, id: BuildingId) -> Result<(), RepoError> {
        one_deleted(buildings::Entity::delete_by_id(id.0).exec(&self.db).await)
    }
}

#[async_trait]
impl CategoryStore for SqlCatalog {
    async fn create_category(&self, category: Category) -> Result<Category, RepoError> {
        let row = categories::Model {
            id: category.id.0,
            code: category.code,
            name_ar: category.name_ar,
            name_en: category.name_en,
            active: category.active,
            created_at: micros(category.created_at),
            updated_at: micros(category.updated_at),
        };
        categories::Entity::insert(row.clone().into_active_model())
            .exec_without_returning(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(to_category(row))
    }

    async fn update_category(&self, category: Category) -> Result<Category, RepoError> {
        use categories::Column as C;
        one_row(
            categories::Entity::update_many()
                .col_expr(C::Code, Expr::value(category.code))
                .col_expr(C::NameAr, Expr::value(category.name_ar))
                .col_expr(C::NameEn, Expr::value(category.name_en))
                .col_expr(C::Active, Expr::value(category.active))
                .col_expr(C::UpdatedAt, Expr::value(micros(category.updated_at)))
                .filter(C::Id.eq(category.id.0))
                .exec(&self.db)
                .await,
        )?;
        self.get_category(category.id).await
    }
}

#[async_trait]
impl CatalogLookup for SqlCatalog {
    async fn get_building(&self, id: BuildingId) -> Result<Building, RepoError> {
        buildings::Entity::find_by_id(id.0)
            .one(&self.db)
            .await
            .map_err(repo_err)?
            .map(to_building)
            .ok_or(RepoError::NotFound)
    }

    async fn get_category(&self, id: CategoryId) -> Result<Category, RepoError> {
        categories::Entity::find_by_id(id.0)
            .one(&self.db)
            .await
            .map_err(repo_err)?
            .map(to_category)
            .ok_or(RepoError::NotFound)
    }

    async fn list_categories(&self) -> Result<Vec<Category>, RepoError> {
        let rows = categories::Entity::find()
            .order_by_asc(categories::Column::Code)
            .all(&self.db)
            .await
            .map_err(repo_err)?;
        Ok(rows.into_iter().map(to_category).collect())
    }
}
