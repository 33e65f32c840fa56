//! The raw inputs of the request use cases and the rules each field follows (garde
//! derives; the rules are in [`crate::validation::rules`]). Ids a field refers to are looked
//! up by the service first and reported here through [`Refs`], so every broken field comes
//! back at once, in the order the fields are declared.

use crate::model::{CommentBody, Description, Feedback, Location, Note, Reason, Title};
use crate::validation::Refs;
use crate::validation::rules;
use garde::Validate;

crate::validation::validated! {
    /// `POST /requests`. `priority` defaults to MEDIUM.
    #[derive(Debug, Clone, Default, Validate)]
    #[garde(context(Refs))]
    pub struct CreateRequestInput {
        #[garde(required, inner(custom(rules::text::<Title>)))]
        pub title: Option<String>,
        #[garde(required, inner(custom(rules::text::<Description>)))]
        pub description: Option<String>,
        /// UUID text.
        #[garde(required, inner(custom(rules::uuid)), custom(rules::known("categoryId")))]
        pub category_id: Option<String>,
        #[garde(inner(custom(rules::priority)))]
        pub priority: Option<String>,
        /// UUID text.
        #[garde(required, inner(custom(rules::uuid)), custom(rules::known("buildingId")))]
        pub building_id: Option<String>,
        #[garde(inner(custom(rules::text::<Location>)))]
        pub location: Option<String>,
        #[garde(skip)]
        pub draft: bool,
    }
}

crate::validation::validated! {
    /// `PATCH /requests/{id}`; absent fields stay as they are, `location: Some(None)` clears it.
    #[derive(Debug, Clone, Default, Validate)]
    #[garde(context(Refs))]
    pub struct EditInput {
        #[garde(inner(custom(rules::text::<Title>)))]
        pub title: Option<String>,
        #[garde(inner(custom(rules::text::<Description>)))]
        pub description: Option<String>,
        #[garde(inner(custom(rules::uuid)), custom(rules::known("categoryId")))]
        pub category_id: Option<String>,
        #[garde(inner(custom(rules::priority)))]
        pub priority: Option<String>,
        #[garde(inner(inner(custom(rules::text::<Location>))))]
        pub location: Option<Option<String>>,
        #[garde(skip)]
        pub version: Option<i32>,
    }
}

crate::validation::validated! {
    /// `PATCH /requests/{id}/status`.
    #[derive(Debug, Clone, Default, Validate)]
    pub struct StatusInput {
        #[garde(custom(rules::target))]
        pub status: String,
        #[garde(inner(custom(rules::text::<Note>)))]
        pub note: Option<String>,
        #[garde(inner(custom(rules::text::<Reason>)))]
        pub reason: Option<String>,
        #[garde(skip)]
        pub version: Option<i32>,
    }
}

crate::validation::validated! {
    /// `POST /requests/{id}/assign`.
    #[derive(Debug, Clone, Default, Validate)]
    #[garde(context(Refs))]
    pub struct AssignInput {
        /// UUID text.
        #[garde(required, inner(custom(rules::uuid)), custom(rules::known("technicianId")))]
        pub technician_id: Option<String>,
        #[garde(inner(custom(rules::text::<Note>)))]
        pub note: Option<String>,
    }
}

crate::validation::validated! {
    /// `POST /requests/{id}/unassign`: only a note.
    #[derive(Debug, Validate)]
    pub(super) struct UnassignInput<'a> {
        #[garde(inner(custom(rules::text::<Note>)))]
        pub note: Option<&'a str>,
    }
}

crate::validation::validated! {
    /// `POST /requests/{id}/comments`.
    #[derive(Debug, Clone, Default, Validate)]
    pub struct CommentInput {
        #[garde(required, inner(custom(rules::text::<CommentBody>)))]
        pub body: Option<String>,
        #[garde(skip)]
        pub internal: bool,
    }
}

crate::validation::validated! {
    /// `POST /requests/{id}/rating`.
    #[derive(Debug, Clone, Default, Validate)]
    pub struct RatingInput {
        #[garde(required, inner(custom(rules::score)))]
        pub score: Option<i64>,
        #[garde(inner(custom(rules::text::<Feedback>)))]
        pub feedback: Option<String>,
    }
}

#[cfg(test)]
mod tests;
