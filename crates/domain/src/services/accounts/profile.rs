//! The caller's own profile.

use super::{AuthError, AuthService, Principal};
use crate::model::{Locale, PersonName, Phone, User, UserChanges};
use crate::validation::{Rule, Validator};

/// `PATCH /me`: name, phone (empty string clears it) and mail language.
#[derive(Debug, Clone, Default)]
pub struct ProfileInput {
    pub name: Option<String>,
    pub phone: Option<Option<String>>,
    pub locale: Option<String>,
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
        let mut v = Validator::new();
        let name = v.check_opt("name", input.name.as_deref().map(PersonName::parse));
        let phone = phone_change(&mut v, input.phone.as_ref());
        let allowed = || Rule::OneOf {
            allowed: vec!["ar".into(), "en".into()],
        };
        let locale = v.check_opt(
            "locale",
            input
                .locale
                .as_deref()
                .map(|l| Locale::parse(l).ok_or_else(allowed)),
        );
        let (name, phone, locale) = v.finish(|| Some((name?, phone?, locale?)))?;
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

/// A PATCH of a phone: absent leaves it (`Some(None)`), `null` or an empty string clears it
/// (`Some(Some(None))`), anything else must parse; `None` when it did not (recorded in `v`).
pub(crate) fn phone_change(
    v: &mut Validator,
    raw: Option<&Option<String>>,
) -> Option<Option<Option<Phone>>> {
    match raw {
        None => Some(None),
        Some(None) => Some(Some(None)),
        Some(Some(p)) if p.trim().is_empty() => Some(Some(None)),
        Some(Some(p)) => v.check("phone", Phone::parse(p)).map(|p| Some(Some(p))),
    }
}
