//! The bench's user accounts: how they are named, their shared password, and its hash.
//!
//! Every seeded user has the same password, hashed once with the server's own scheme
//! (`bcrypt(base64(HMAC-SHA256(pepper, password)))`, see `crates/credentials/src/hasher.rs`),
//! so the seeder spends one bcrypt instead of fifty thousand and the load driver can sign
//! any of them in.

use basma_credentials::prehash;

/// Every bench account's email ends with `@` and this.
pub const EMAIL_DOMAIN: &str = "bench.example.com";

/// The password of every bench account (letters and a digit, as the policy wants).
pub const PASSWORD: &str = "BenchPassw0rd";

pub use basma_domain::model::Role;

/// The local-part prefix of the bench accounts of `role`.
fn prefix(role: Role) -> &'static str {
    match role {
        Role::SuperAdmin => "super",
        Role::MaintenanceAdmin => "madmin",
        Role::BasmaAdmin => "badmin",
        Role::Technician => "tech",
        Role::Customer => "customer",
    }
}

/// The email of the `index`-th (from 0) bench account of `role`.
pub fn email(role: Role, index: usize) -> String {
    format!("{}{index}@{EMAIL_DOMAIN}", prefix(role))
}

/// The stored hash of [`PASSWORD`] under `pepper` at bcrypt `cost`.
pub fn password_hash(pepper: &str, cost: u32) -> anyhow::Result<String> {
    Ok(bcrypt::hash(prehash(pepper.as_bytes(), PASSWORD), cost)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_verifies_the_prehashed_password() {
        let hash = password_hash("pepper", 4).unwrap();
        assert!(bcrypt::verify(prehash(b"pepper", PASSWORD), &hash).unwrap());
        assert!(!bcrypt::verify(prehash(b"other", PASSWORD), &hash).unwrap());
    }

    #[test]
    fn emails_name_role_and_index() {
        assert_eq!(email(Role::Technician, 7), "tech7@bench.example.com");
    }
}
