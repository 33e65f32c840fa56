//! Wire shapes: what the API sends (camelCase JSON), each built from its domain type by
//! `From`, and described in the OpenAPI document by the same derive that serialises it.

pub mod audit;
pub mod auth;
pub mod catalog;
pub mod monitoring;
pub mod reports;
pub mod requests;
pub mod users;

/// Every item of a domain list as its wire shape.
pub fn wire<T, D: From<T>>(items: Vec<T>) -> Vec<D> {
    items.into_iter().map(D::from).collect()
}
