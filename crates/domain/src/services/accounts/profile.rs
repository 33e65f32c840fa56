//! The caller's own profile.

use super::{AuthError, AuthService, Principal};
use crate::model::{PersonName, Phone, User, UserChanges};
use crate::validation::rules;
use crate::validation::{ValidationErrors, check, optional, required};
use garde::Validate;

crate::validation::validated! {
    /// `PATCH /me`: name, phone (empty string clears it) and mail language.
    #[derive(Debug, Clone, Default, Validate)]
    pub struct ProfileInput {
        #[garde(inner(custom(rules::text::<PersonName>)))]
        pub name: Option<String>,
        #[garde(inner(inner(custom(rules::phone_or_blank))))]
        pub phone: Option<Option<String>>,
        #[garde(inner(custom(rules::locale)))]
        pub locale: Option<String>,
    }
}

impl AuthService {
    /// # Errors
    /// `NotFound` if the account vanished.
    pub async fn me(&self, principal: &Principal) -> Result<User, AuthError> {
        Ok(self.ports.users.get(principal.user_id).await?)
    }

    /// # Errors
    /// `Validation` (all fields at once), `PhoneTaken`.
    pub async fn update_me(
        &self,
        principal: &Principal,
        input: ProfileInput,
    ) -> Result<User, AuthError> {
        check(&input)?;
        let name = optional("name", input.name.as_deref(), PersonName::parse)?;
        let phone = phone_change(input.phone.as_ref())?;
        let locale = optional("locale", input.locale.as_deref(), rules::parse_locale)?;
        let changes = UserChanges {
            name,
            phone,
            locale,
            ..UserChanges::default()
        };
        Ok(self
            .ports
            .users
            .update(principal.user_id, changes, self.now())
            .await?)
    }
}

/// A PATCH of a phone, once validated: absent leaves it (`None`), `null` or an empty
/// string clears it (`Some(None)`), anything else is the new number.
///
/// # Errors
/// `phone` with the rule it broke (only when it was not validated).
pub(crate) fn phone_change(
    raw: Option<&Option<String>>,
) -> Result<Option<Option<Phone>>, ValidationErrors> {
    match raw {
        None => Ok(None),
        Some(None) => Ok(Some(None)),
        Some(Some(p)) if p.trim().is_empty() => Ok(Some(None)),
        Some(Some(p)) => required("phone", Some(p.as_str()), Phone::parse).map(|p| Some(Some(p))),
    }
}
