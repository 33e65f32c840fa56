//! The password inputs, which arrive as loose arguments, gathered so garde checks them
//! together (every broken field at once). The strength rule is
//! [`crate::validation::rules::password_strength`]. No `Debug`: they hold passwords.

use crate::validation::rules;
use garde::Validate;

crate::validation::validated! {
    /// `POST /auth/reset-password`. The new password is checked against the account's e-mail
    /// once the token has named the account.
    #[derive(Validate)]
    pub(super) struct ResetPasswordInput<'a> {
        #[garde(required, inner(custom(rules::not_empty)))]
        pub token: Option<&'a str>,
        #[garde(required, inner(custom(rules::password(None))))]
        pub password: Option<&'a str>,
    }
}

crate::validation::validated! {
    /// `POST /auth/change-password`; `email` is the signed-in account's.
    #[derive(Validate)]
    pub(super) struct ChangePasswordInput<'a> {
        #[garde(required)]
        pub current_password: Option<&'a str>,
        #[garde(required, inner(custom(rules::password(Some(self.email)))))]
        pub new_password: Option<&'a str>,
        #[garde(skip)]
        pub email: &'a str,
    }
}

#[cfg(test)]
mod tests;
