//! Wire shapes: what the API sends (camelCase JSON), each built from its domain type by
//! `From`, and described in the OpenAPI document by the same derive that serialises it; and
//! the macro that declares the bodies it accepts (`body_type!`, used by the route modules).

/// Declares a request body: a `Deserialize` + `ToSchema` struct, and its `From` into the
/// domain input with the same fields, so a body's fields are listed once.
macro_rules! body_type {
    (
        $(#[$meta:meta])*
        $name:ident into $input:ty {
            $($(#[$fmeta:meta])* $field:ident: $ty:ty),* $(,)?
        }
    ) => {
        #[derive(serde::Deserialize, utoipa::ToSchema)]
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* $field: $ty,)*
        }

        impl From<$name> for $input {
            fn from(body: $name) -> Self {
                Self { $($field: body.$field),* }
            }
        }
    };
}

/// Declares a wire type: a camelCase `Serialize` + `ToSchema` struct. With `from D as d`,
/// also its `From<D>`, each field listed once beside the expression that takes it from the
/// domain value `d` (so a field cannot be declared and then forgotten).
macro_rules! wire_type {
    (
        $(#[$meta:meta])*
        $name:ident from $src:ty as $v:ident {
            $($(#[$fmeta:meta])* $field:ident: $ty:ty = $conv:expr),* $(,)?
        }
    ) => {
        wire_type! { $(#[$meta])* $name { $($(#[$fmeta])* $field: $ty),* } }

        impl From<$src> for $name {
            fn from($v: $src) -> Self {
                Self { $($field: $conv),* }
            }
        }
    };
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty),* $(,)? }
    ) => {
        #[derive(serde::Serialize, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }
    };
}

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
