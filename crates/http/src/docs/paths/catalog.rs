//! The properties, buildings and categories operations in the document; the handlers are in
//! `crate::routes::catalog`.

// Description-only functions: utoipa reads their attributes; nothing calls them.
#![allow(dead_code)]

/// See [`crate::routes::catalog::list_properties`].
#[utoipa::path(
    get, path = "/api/v1/properties", tag = "catalog", operation_id = "listProperties",
    summary = "Every property",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<Vec<crate::docs::shapes::Property>>),
    ),
    security(("bearer" = [])),
)]
pub fn list_properties() {}

/// See [`crate::routes::catalog::create_property`].
#[utoipa::path(
    post, path = "/api/v1/properties", tag = "catalog", operation_id = "createProperty",
    summary = "Creates a property (SUPER/MAINTENANCE_ADMIN)",
    request_body = crate::routes::catalog::PropertyBody,
    responses(
        (status = 201, description = "Created; `Location` points at it.", body = crate::docs::Envelope<crate::docs::shapes::Property>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    security(("bearer" = [])),
)]
pub fn create_property() {}

/// See [`crate::routes::catalog::get_property`].
#[utoipa::path(
    get, path = "/api/v1/properties/{id}", tag = "catalog", operation_id = "getProperty",
    summary = "A property with its buildings",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::PropertyDetail>),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn get_property() {}

/// See [`crate::routes::catalog::update_property`].
#[utoipa::path(
    patch, path = "/api/v1/properties/{id}", tag = "catalog", operation_id = "updateProperty",
    summary = "Changes a property (SUPER/MAINTENANCE_ADMIN)",
    request_body = crate::routes::catalog::PropertyBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::Property>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn update_property() {}

/// See [`crate::routes::catalog::delete_property`].
#[utoipa::path(
    delete, path = "/api/v1/properties/{id}", tag = "catalog", operation_id = "deleteProperty",
    summary = "Deletes a property nothing refers to (SUPER/MAINTENANCE_ADMIN)",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::Deleted>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn delete_property() {}

/// See [`crate::routes::catalog::list_buildings`].
#[utoipa::path(
    get, path = "/api/v1/properties/{id}/buildings", tag = "catalog", operation_id = "listBuildings",
    summary = "The buildings of a property",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<Vec<crate::docs::shapes::Building>>),
        (status = 404, response = crate::docs::responses::NotFound),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn list_buildings() {}

/// See [`crate::routes::catalog::create_building`].
#[utoipa::path(
    post, path = "/api/v1/properties/{id}/buildings", tag = "catalog", operation_id = "createBuilding",
    summary = "Adds a building to a property (SUPER/MAINTENANCE_ADMIN)",
    request_body = crate::routes::catalog::BuildingBody,
    responses(
        (status = 201, description = "Created; `Location` points at it.", body = crate::docs::Envelope<crate::docs::shapes::Building>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn create_building() {}

/// See [`crate::routes::catalog::update_building`].
#[utoipa::path(
    patch, path = "/api/v1/buildings/{id}", tag = "catalog", operation_id = "updateBuilding",
    summary = "Changes a building (SUPER/MAINTENANCE_ADMIN)",
    request_body = crate::routes::catalog::BuildingBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::Building>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn update_building() {}

/// See [`crate::routes::catalog::delete_building`].
#[utoipa::path(
    delete, path = "/api/v1/buildings/{id}", tag = "catalog", operation_id = "deleteBuilding",
    summary = "Deletes a building nothing refers to (SUPER/MAINTENANCE_ADMIN)",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::Deleted>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn delete_building() {}

/// See [`crate::routes::catalog::list_categories`].
#[utoipa::path(
    get, path = "/api/v1/categories", tag = "catalog", operation_id = "listCategories",
    summary = "Every category",
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<Vec<crate::docs::shapes::Category>>),
    ),
    security(("bearer" = [])),
)]
pub fn list_categories() {}

/// See [`crate::routes::catalog::create_category`].
#[utoipa::path(
    post, path = "/api/v1/categories", tag = "catalog", operation_id = "createCategory",
    summary = "Creates a category (SUPER/MAINTENANCE_ADMIN)",
    request_body = crate::routes::catalog::CategoryBody,
    responses(
        (status = 201, description = "Created; `Location` points at it.", body = crate::docs::Envelope<crate::docs::shapes::Category>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    security(("bearer" = [])),
)]
pub fn create_category() {}

/// See [`crate::routes::catalog::update_category`].
#[utoipa::path(
    patch, path = "/api/v1/categories/{id}", tag = "catalog", operation_id = "updateCategory",
    summary = "Changes a category (SUPER/MAINTENANCE_ADMIN)",
    request_body = crate::routes::catalog::CategoryBody,
    responses(
        (status = 200, description = "Success.", body = crate::docs::Envelope<crate::docs::shapes::Category>),
        (status = 403, response = crate::docs::responses::Forbidden),
        (status = 404, response = crate::docs::responses::NotFound),
        (status = 409, response = crate::docs::responses::Conflict),
    ),
    params(crate::docs::IdPath),
    security(("bearer" = [])),
)]
pub fn update_category() {}
