//! `/api/v1/properties`, `/buildings`, `/categories`: reads for everyone signed in, writes
//! for SUPER_ADMIN and MAINTENANCE_ADMIN.

use crate::dto::users::nullable;
use crate::envelope;
use crate::error::ApiError;
use crate::error_map::parse_id;
use crate::extract::auth::Auth;
use crate::extract::json::Json;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use basma_domain::model::{BuildingId, CategoryId, PropertyId};
use basma_domain::services::catalog::{BuildingInput, CategoryInput, PropertyInput};
use serde::Deserialize;
use serde_json::json;

type State = web::Data<AppState>;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct PropertyBody {
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

impl From<PropertyBody> for PropertyInput {
    fn from(b: PropertyBody) -> Self {
        Self {
            name: b.name,
            code: b.code,
            city: b.city,
            address: b.address,
        }
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BuildingBody {
    /// Required on create.
    #[schema(value_type = Option<String>, min_length = 1, max_length = 150)]
    name: Option<String>,
    /// Required on create; unique within the property.
    #[schema(value_type = Option<String>, pattern = r"^[A-Z][A-Z0-9_-]{1,31}$")]
    code: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CategoryBody {
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

impl From<CategoryBody> for CategoryInput {
    fn from(b: CategoryBody) -> Self {
        Self {
            code: b.code,
            name_ar: b.name_ar,
            name_en: b.name_en,
            active: b.active,
        }
    }
}

pub async fn list_properties(state: State, _auth: Auth) -> Result<HttpResponse, ApiError> {
    Ok(envelope::ok(state.catalog.list_properties().await?))
}

pub async fn create_property(
    state: State,
    auth: Auth,
    Json(body): Json<PropertyBody>,
) -> Result<HttpResponse, ApiError> {
    let property = state
        .catalog
        .create_property(&auth.0.actor(), body.into())
        .await?;
    Ok(envelope::created(
        &format!("/api/v1/properties/{}", property.id),
        property,
    ))
}

/// A property with its buildings.
pub async fn get_property(
    state: State,
    _auth: Auth,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: PropertyId = parse_id(&id)?;
    let property = state.catalog.get_property(id).await?;
    let buildings = state.catalog.list_buildings(id).await?;
    let mut data = serde_json::to_value(property).map_err(ApiError::internal)?;
    data["buildings"] = json!(buildings);
    Ok(envelope::ok(data))
}

pub async fn update_property(
    state: State,
    auth: Auth,
    id: web::Path<String>,
    Json(body): Json<PropertyBody>,
) -> Result<HttpResponse, ApiError> {
    let id: PropertyId = parse_id(&id)?;
    Ok(envelope::ok(
        state
            .catalog
            .update_property(&auth.0.actor(), id, body.into())
            .await?,
    ))
}

pub async fn delete_property(
    state: State,
    auth: Auth,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: PropertyId = parse_id(&id)?;
    state.catalog.delete_property(&auth.0.actor(), id).await?;
    Ok(envelope::ok_with(
        crate::i18n::Msg::Deleted,
        json!({"id": id}),
    ))
}

pub async fn list_buildings(
    state: State,
    _auth: Auth,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: PropertyId = parse_id(&id)?;
    Ok(envelope::ok(state.catalog.list_buildings(id).await?))
}

pub async fn create_building(
    state: State,
    auth: Auth,
    id: web::Path<String>,
    Json(body): Json<BuildingBody>,
) -> Result<HttpResponse, ApiError> {
    let property_id: PropertyId = parse_id(&id)?;
    let input = BuildingInput {
        name: body.name,
        code: body.code,
    };
    let building = state
        .catalog
        .create_building(&auth.0.actor(), property_id, input)
        .await?;
    Ok(envelope::created(
        &format!("/api/v1/buildings/{}", building.id),
        building,
    ))
}

pub async fn update_building(
    state: State,
    auth: Auth,
    id: web::Path<String>,
    Json(body): Json<BuildingBody>,
) -> Result<HttpResponse, ApiError> {
    let id: BuildingId = parse_id(&id)?;
    let input = BuildingInput {
        name: body.name,
        code: body.code,
    };
    Ok(envelope::ok(
        state
            .catalog
            .update_building(&auth.0.actor(), id, input)
            .await?,
    ))
}

pub async fn delete_building(
    state: State,
    auth: Auth,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: BuildingId = parse_id(&id)?;
    state.catalog.delete_building(&auth.0.actor(), id).await?;
    Ok(envelope::ok_with(
        crate::i18n::Msg::Deleted,
        json!({"id": id}),
    ))
}

pub async fn list_categories(state: State, _auth: Auth) -> Result<HttpResponse, ApiError> {
    Ok(envelope::ok(state.catalog.list_categories().await?))
}

pub async fn create_category(
    state: State,
    auth: Auth,
    Json(body): Json<CategoryBody>,
) -> Result<HttpResponse, ApiError> {
    let category = state
        .catalog
        .create_category(&auth.0.actor(), body.into())
        .await?;
    Ok(envelope::created(
        &format!("/api/v1/categories/{}", category.id),
        category,
    ))
}

pub async fn update_category(
    state: State,
    auth: Auth,
    id: web::Path<String>,
    Json(body): Json<CategoryBody>,
) -> Result<HttpResponse, ApiError> {
    let id: CategoryId = parse_id(&id)?;
    Ok(envelope::ok(
        state
            .catalog
            .update_category(&auth.0.actor(), id, body.into())
            .await?,
    ))
}
