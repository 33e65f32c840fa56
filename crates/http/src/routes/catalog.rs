//! `/api/v1/properties`, `/buildings`, `/categories`: reads for everyone signed in, writes
//! for SUPER_ADMIN and MAINTENANCE_ADMIN.

use crate::docs::responses::{Create, NotFound, Write};
use crate::dto::catalog::{Building, Category, Deleted, Property, PropertyDetail};
use crate::dto::users::nullable;
use crate::dto::wire;
use crate::envelope::{self, Envelope};
use crate::extract::auth::Auth;
use crate::extract::id::Id;
use crate::extract::json::Json;
use crate::routes::Reply;
use actix_web::web;
use basma_domain::model::{BuildingId, CategoryId, PropertyId};
use basma_domain::services::catalog::{
    BuildingInput, CatalogService, CategoryInput, PropertyInput,
};

type Catalog = web::Data<CatalogService>;

body_type! {
    PropertyBody into PropertyInput {
        /// Required on create.
        #[schema(value_type = Option<String>, min_length = 1, max_length = 150)]
        name: Option<String>,
        /// Required on create; unique.
        #[schema(value_type = Option<String>, pattern = r"^[A-Z][A-Z0-9_-]{1,31}$")]
        code: Option<String>,
        /// Required on create.
        #[schema(value_type = Option<String>, min_length = 1, max_length = 150)]
        city: Option<String>,
        /// `null` removes the address.
        #[schema(value_type = Option<String>, max_length = 300)]
        #[serde(default, deserialize_with = "nullable")]
        address: Option<Option<String>>,
    }
}

body_type! {
    BuildingBody into BuildingInput {
        /// Required on create.
        #[schema(value_type = Option<String>, min_length = 1, max_length = 150)]
        name: Option<String>,
        /// Required on create; unique within the property.
        #[schema(value_type = Option<String>, pattern = r"^[A-Z][A-Z0-9_-]{1,31}$")]
        code: Option<String>,
    }
}

body_type! {
    #[serde(rename_all = "camelCase")]
    CategoryBody into CategoryInput {
        /// Required on create; unique.
        #[schema(value_type = Option<String>, pattern = r"^[A-Z][A-Z0-9_-]{1,31}$")]
        code: Option<String>,
        /// Required on create.
        #[schema(value_type = Option<String>, min_length = 1, max_length = 150)]
        name_ar: Option<String>,
        /// Required on create.
        #[schema(value_type = Option<String>, min_length = 1, max_length = 150)]
        name_en: Option<String>,
        active: Option<bool>,
    }
}

/// Every property
#[utoipa::path(get, path = "/api/v1/properties", tag = "catalog", operation_id = "listProperties",
    responses((status = 200, description = "Success.", body = Envelope<Vec<Property>>)))]
pub async fn list_properties(catalog: Catalog, _auth: Auth) -> Reply {
    let properties = catalog.list_properties().await?;
    Ok(envelope::ok(wire::<_, Property>(properties)))
}

/// Creates a property (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(post, path = "/api/v1/properties", tag = "catalog", operation_id = "createProperty",
    request_body = PropertyBody, responses((status = 201, description = "Created; `Location` points at it.", body = Envelope<Property>), Create))]
pub async fn create_property(
    catalog: Catalog,
    auth: Auth,
    Json(body): Json<PropertyBody>,
) -> Reply {
    let property = catalog
        .create_property(&auth.0.actor(), body.into())
        .await?;
    Ok(envelope::created(
        &format!("/api/v1/properties/{}", property.id),
        Property::from(property),
    ))
}

/// A property with its buildings
#[utoipa::path(get, path = "/api/v1/properties/{id}", tag = "catalog", operation_id = "getProperty",
    responses((status = 200, description = "Success.", body = Envelope<PropertyDetail>), NotFound))]
pub async fn get_property(catalog: Catalog, _auth: Auth, Id(id): Id<PropertyId>) -> Reply {
    let property = catalog.get_property(id).await?;
    let buildings = catalog.list_buildings(id).await?;
    Ok(envelope::ok(PropertyDetail {
        property: property.into(),
        buildings: wire(buildings),
    }))
}

/// Changes a property (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(patch, path = "/api/v1/properties/{id}", tag = "catalog", operation_id = "updateProperty",
    request_body = PropertyBody, responses((status = 200, description = "Success.", body = Envelope<Property>), Write))]
pub async fn update_property(
    catalog: Catalog,
    auth: Auth,
    Json(body): Json<PropertyBody>,
    Id(id): Id<PropertyId>,
) -> Reply {
    let property = catalog
        .update_property(&auth.0.actor(), id, body.into())
        .await?;
    Ok(envelope::ok(Property::from(property)))
}

/// Deletes a property nothing refers to (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(delete, path = "/api/v1/properties/{id}", tag = "catalog", operation_id = "deleteProperty",
    responses((status = 200, description = "Success.", body = Envelope<Deleted>), Write))]
pub async fn delete_property(catalog: Catalog, auth: Auth, Id(id): Id<PropertyId>) -> Reply {
    catalog.delete_property(&auth.0.actor(), id).await?;
    Ok(envelope::ok_with(
        crate::i18n::Msg::Deleted,
        Deleted { id: id.0 },
    ))
}

/// The buildings of a property
#[utoipa::path(get, path = "/api/v1/properties/{id}/buildings", tag = "catalog", operation_id = "listBuildings",
    responses((status = 200, description = "Success.", body = Envelope<Vec<Building>>), NotFound))]
pub async fn list_buildings(catalog: Catalog, _auth: Auth, Id(id): Id<PropertyId>) -> Reply {
    let buildings = catalog.list_buildings(id).await?;
    Ok(envelope::ok(wire::<_, Building>(buildings)))
}

/// Adds a building to a property (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(post, path = "/api/v1/properties/{id}/buildings", tag = "catalog", operation_id = "createBuilding",
    request_body = BuildingBody, responses((status = 201, description = "Created; `Location` points at it.", body = Envelope<Building>), Write))]
pub async fn create_building(
    catalog: Catalog,
    auth: Auth,
    Json(body): Json<BuildingBody>,
    Id(property_id): Id<PropertyId>,
) -> Reply {
    let input = BuildingInput::from(body);
    let building = catalog
        .create_building(&auth.0.actor(), property_id, input)
        .await?;
    Ok(envelope::created(
        &format!("/api/v1/buildings/{}", building.id),
        Building::from(building),
    ))
}

/// Changes a building (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(patch, path = "/api/v1/buildings/{id}", tag = "catalog", operation_id = "updateBuilding",
    request_body = BuildingBody, responses((status = 200, description = "Success.", body = Envelope<Building>), Write))]
pub async fn update_building(
    catalog: Catalog,
    auth: Auth,
    Json(body): Json<BuildingBody>,
    Id(id): Id<BuildingId>,
) -> Reply {
    let input = BuildingInput::from(body);
    let building = catalog.update_building(&auth.0.actor(), id, input).await?;
    Ok(envelope::ok(Building::from(building)))
}

/// Deletes a building nothing refers to (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(delete, path = "/api/v1/buildings/{id}", tag = "catalog", operation_id = "deleteBuilding",
    responses((status = 200, description = "Success.", body = Envelope<Deleted>), Write))]
pub async fn delete_building(catalog: Catalog, auth: Auth, Id(id): Id<BuildingId>) -> Reply {
    catalog.delete_building(&auth.0.actor(), id).await?;
    Ok(envelope::ok_with(
        crate::i18n::Msg::Deleted,
        Deleted { id: id.0 },
    ))
}

/// Every category
#[utoipa::path(get, path = "/api/v1/categories", tag = "catalog", operation_id = "listCategories",
    responses((status = 200, description = "Success.", body = Envelope<Vec<Category>>)))]
pub async fn list_categories(catalog: Catalog, _auth: Auth) -> Reply {
    let categories = catalog.list_categories().await?;
    Ok(envelope::ok(wire::<_, Category>(categories)))
}

/// Creates a category (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(post, path = "/api/v1/categories", tag = "catalog", operation_id = "createCategory",
    request_body = CategoryBody, responses((status = 201, description = "Created; `Location` points at it.", body = Envelope<Category>), Create))]
pub async fn create_category(
    catalog: Catalog,
    auth: Auth,
    Json(body): Json<CategoryBody>,
) -> Reply {
    let category = catalog
        .create_category(&auth.0.actor(), body.into())
        .await?;
    Ok(envelope::created(
        &format!("/api/v1/categories/{}", category.id),
        Category::from(category),
    ))
}

/// Changes a category (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(patch, path = "/api/v1/categories/{id}", tag = "catalog", operation_id = "updateCategory",
    request_body = CategoryBody, responses((status = 200, description = "Success.", body = Envelope<Category>), Write))]
pub async fn update_category(
    catalog: Catalog,
    auth: Auth,
    Json(body): Json<CategoryBody>,
    Id(id): Id<CategoryId>,
) -> Reply {
    let category = catalog
        .update_category(&auth.0.actor(), id, body.into())
        .await?;
    Ok(envelope::ok(Category::from(category)))
}
