//! Declaration order for validated inputs. garde visits a struct's fields in the order of
//! their names, not as declared, while Basma reports broken fields in the order the input
//! declares them (its JSON order). `validated!` declares an input struct and records that
//! order from the same field list, so it cannot drift.

/// The fields of an input, by Rust name, in declaration order.
pub trait Declared {
    const FIELDS: &'static [&'static str];
}

/// Declares input structs (attributes, garde derives and all) and implements [`Declared`]
/// for each from its field list.
macro_rules! validated {
    ($(
        $(#[$meta:meta])*
        $vis:vis struct $name:ident $(<$lt:lifetime>)? {
            $(
                $(#[$field_meta:meta])*
                $field_vis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    )*) => {$(
        $(#[$meta])*
        $vis struct $name $(<$lt>)? {
            $(
                $(#[$field_meta])*
                $field_vis $field: $ty,
            )*
        }

        impl $(<$lt>)? $crate::validation::Declared for $name $(<$lt>)? {
            const FIELDS: &'static [&'static str] = &[$(stringify!($field)),*];
        }
    )*};
}

pub(crate) use validated;
