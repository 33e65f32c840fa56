//! Typed identifiers. All ids are UUID v7 (time-ordered), so inserts stay index-friendly and
//! ids of different aggregates cannot be mixed up at compile time.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh time-ordered id.
            pub fn new() -> Self {
                Self(Uuid::now_v7())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    )*};
}

id_type!(
    /// A user account.
    UserId,
    /// A login session (one per device).
    SessionId,
    /// A property (a compound or tower block).
    PropertyId,
    /// A building inside a property.
    BuildingId,
    /// A request category.
    CategoryId,
    /// A maintenance request.
    RequestId,
    /// A comment on a request.
    CommentId,
    /// A refresh-token family (all rotations of one login).
    TokenFamilyId,
);
