//! The raw catalogue inputs and their rules (garde derives). One input serves both the
//! POST and the PATCH of a resource: the [`Write`] context makes the identifying fields
//! required only when creating.

use crate::model::{Address, Label};
use crate::validation::rules;
use garde::Validate;

/// Whether an input creates a resource (its required fields must be there) or patches one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Write {
    #[default]
    Create,
    Update,
}

impl Write {
    fn creates(self) -> bool {
        self == Write::Create
    }
}

crate::validation::validated! {
    /// `POST /properties` (name, code and city required) and `PATCH /properties/{id}` (all
    /// optional). `address: Some(None)` clears the address.
    #[derive(Debug, Clone, Default, Validate)]
    #[garde(context(Write as write))]
    pub struct PropertyInput {
        #[garde(if(cond = write.creates(), required), inner(custom(rules::text::<Label>)))]
        pub name: Option<String>,
        #[garde(if(cond = write.creates(), required), inner(custom(rules::code)))]
        pub code: Option<String>,
        #[garde(if(cond = write.creates(), required), inner(custom(rules::text::<Label>)))]
        pub city: Option<String>,
        #[garde(inner(inner(custom(rules::text::<Address>))))]
        pub address: Option<Option<String>>,
    }
}

crate::validation::validated! {
    /// `POST /properties/{id}/buildings` (both required) and `PATCH /buildings/{id}`.
    #[derive(Debug, Clone, Default, Validate)]
    #[garde(context(Write as write))]
    pub struct BuildingInput {
        #[garde(if(cond = write.creates(), required), inner(custom(rules::text::<Label>)))]
        pub name: Option<String>,
        #[garde(if(cond = write.creates(), required), inner(custom(rules::code)))]
        pub code: Option<String>,
    }
}

crate::validation::validated! {
    /// `POST /categories` (code and both names required; active defaults to true) and
    /// `PATCH /categories/{id}`. Categories are deactivated, never deleted, because requests
    /// keep pointing at them.
    #[derive(Debug, Clone, Default, Validate)]
    #[garde(context(Write as write))]
    pub struct CategoryInput {
        #[garde(if(cond = write.creates(), required), inner(custom(rules::code)))]
        pub code: Option<String>,
        #[garde(if(cond = write.creates(), required), inner(custom(rules::text::<Label>)))]
        pub name_ar: Option<String>,
        #[garde(if(cond = write.creates(), required), inner(custom(rules::text::<Label>)))]
        pub name_en: Option<String>,
        #[garde(skip)]
        pub active: Option<bool>,
    }
}

#[cfg(test)]
mod tests;
