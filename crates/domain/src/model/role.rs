//! The five roles, highest first, and the groupings the policy uses.

use serde::{Deserialize, Serialize};

/// A user's role, highest first. Self-registration always yields `CUSTOMER`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Role {
    SuperAdmin,
    MaintenanceAdmin,
    BasmaAdmin,
    Technician,
    Customer,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::SuperAdmin,
        Role::MaintenanceAdmin,
        Role::BasmaAdmin,
        Role::Technician,
        Role::Customer,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::SuperAdmin => "SUPER_ADMIN",
            Role::MaintenanceAdmin => "MAINTENANCE_ADMIN",
            Role::BasmaAdmin => "BASMA_ADMIN",
            Role::Technician => "TECHNICIAN",
            Role::Customer => "CUSTOMER",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// SUPER_ADMIN and MAINTENANCE_ADMIN: they route, drive and approve every request.
    pub fn is_manager(self) -> bool {
        matches!(self, Role::SuperAdmin | Role::MaintenanceAdmin)
    }

    /// Everyone but customers: staff may see internal comments they can otherwise see.
    pub fn is_staff(self) -> bool {
        !matches!(self, Role::Customer)
    }
}

impl std::fmt::Display for Role {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
