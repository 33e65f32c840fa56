//! The id sets hanging off a user: managed properties (BASMA_ADMIN) and skill categories
//! (TECHNICIAN). Both are stored as link rows and always returned sorted, so a user reads back
//! the same whichever backend or insertion order produced it.

use crate::entities::{user_categories, user_properties};
use basma_domain::model::{CategoryId, PropertyId, UserId};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;
use uuid::Uuid;

/// Sorted and without duplicates (a repeated id would hit the link table's primary key).
pub fn normalise<T: Ord + Copy>(ids: &[T]) -> Vec<T> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Replaces the user's managed properties.
pub async fn set_properties<C: ConnectionTrait>(
    db: &C,
    user: UserId,
    ids: &[PropertyId],
) -> Result<(), DbErr> {
    user_properties::Entity::delete_many()
        .filter(user_properties::Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    let rows: Vec<_> = normalise(ids)
        .into_iter()
        .map(|id| user_properties::ActiveModel {
            user_id: sea_orm::Set(user.0),
            property_id: sea_orm::Set(id.0),
        })
        .collect();
    if !rows.is_empty() {
        user_properties::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// Replaces the user's skill categories.
pub async fn set_categories<C: ConnectionTrait>(
    db: &C,
    user: UserId,
    ids: &[CategoryId],
) -> Result<(), DbErr> {
    user_categories::Entity::delete_many()
        .filter(user_categories::Column::UserId.eq(user.0))
        .exec(db)
        .await?;
    let rows: Vec<_> = normalise(ids)
        .into_iter()
        .map(|id| user_categories::ActiveModel {
            user_id: sea_orm::Set(user.0),
            category_id: sea_orm::Set(id.0),
        })
        .collect();
    if !rows.is_empty() {
        user_categories::Entity::insert_many(rows)
            .exec_without_returning(db)
            .await?;
    }
    Ok(())
}

/// The links of several users at once (one query per table, not one per user).
#[derive(Debug, Default)]
pub struct Links {
    pub properties: HashMap<Uuid, Vec<PropertyId>>,
    pub categories: HashMap<Uuid, Vec<CategoryId>>,
}

impl Links {
    pub async fn load<C: ConnectionTrait>(db: &C, users: &[Uuid]) -> Result<Links, DbErr> {
        let mut links = Links::default();
        if users.is_empty() {
            return Ok(links);
        }
        let properties = user_properties::Entity::find()
            .filter(user_properties::Column::UserId.is_in(users.iter().copied()))
            .order_by_asc(user_properties::Column::PropertyId)
            .all(db)
            .await?;
        for row in properties {
            links
                .properties
                .entry(row.user_id)
                .or_default()
                .push(PropertyId(row.property_id));
        }
        let categories = user_categories::Entity::find()
            .filter(user_categories::Column::UserId.is_in(users.iter().copied()))
            .order_by_asc(user_categories::Column::CategoryId)
            .all(db)
            .await?;
        for row in categories {
            links
                .categories
                .entry(row.user_id)
                .or_default()
                .push(CategoryId(row.category_id));
        }
        // Sorting by the raw column orders blobs bytewise, which is what `Uuid: Ord` does too,
        // but sort again so the guarantee does not hang on collation details.
        for ids in links.properties.values_mut() {
            ids.sort_unstable();
        }
        for ids in links.categories.values_mut() {
            ids.sort_unstable();
        }
        Ok(links)
    }
}
