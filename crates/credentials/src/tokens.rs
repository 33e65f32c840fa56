//! HS256 JWT access tokens and the random secrets behind refresh and one-time tokens.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use basma_domain::model::{SessionId, UserId};
use basma_domain::ports::{AccessClaims, AccessTokenError, AccessTokens, Secrets};
use chrono::{DateTime, TimeZone, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

const ISSUER: &str = "basma";

#[derive(Serialize, Deserialize)]
struct Claims {
    sub: String,
    sid: String,
    iat: i64,
    exp: i64,
    iss: String,
}

pub struct JwtAccessTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtAccessTokens {
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        // Expiry is checked against the service clock below, not the library's.
        validation.validate_exp = false;
        validation.required_spec_claims = ["exp", "sub", "iss"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        validation.set_issuer(&[ISSUER]);
        Self {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
        }
    }
}

impl AccessTokens for JwtAccessTokens {
    fn issue(&self, claims: AccessClaims, issued_at: DateTime<Utc>) -> String {
        let body = Claims {
            sub: claims.user_id.to_string(),
            sid: claims.session_id.to_string(),
            iat: issued_at.timestamp(),
            exp: claims.expires_at.timestamp(),
            iss: ISSUER.to_owned(),
        };
        // HS256 signing of a plain struct cannot fail; an empty token would simply not verify.
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &body, &self.encoding)
            .unwrap_or_default()
    }

    fn verify(&self, token: &str, now: DateTime<Utc>) -> Result<AccessClaims, AccessTokenError> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation)
            .map_err(|_| AccessTokenError::Invalid)?;
        let claims = data.claims;
        let expires_at = Utc
            .timestamp_opt(claims.exp, 0)
            .single()
            .ok_or(AccessTokenError::Invalid)?;
        if expires_at <= now {
            return Err(AccessTokenError::Expired);
        }
        Ok(AccessClaims {
            user_id: claims
                .sub
                .parse::<UserId>()
                .map_err(|_| AccessTokenError::Invalid)?,
            session_id: claims
                .sid
                .parse::<SessionId>()
                .map_err(|_| AccessTokenError::Invalid)?,
            expires_at,
        })
    }
}

/// OS randomness and SHA-256.
#[derive(Debug, Default, Clone, Copy)]
pub struct RandomSecrets;

impl Secrets for RandomSecrets {
    fn new_token(&self) -> String {
        let mut bytes = [0u8; 32];
        rand::rng().fill_bytes(&mut bytes);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn digest(&self, token: &str) -> String {
        Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn claims(now: DateTime<Utc>) -> AccessClaims {
        AccessClaims {
            user_id: UserId::new(),
            session_id: SessionId::new(),
            expires_at: now + Duration::minutes(15),
        }
    }

    #[test]
    fn a_token_verifies_until_it_expires() {
        let tokens = JwtAccessTokens::new(&[7; 32]);
        let now = Utc::now();
        let c = claims(now);
        let token = tokens.issue(c, now);
        assert_eq!(
            tokens.verify(&token, now).unwrap(),
            AccessClaims {
                expires_at: Utc.timestamp_opt(c.expires_at.timestamp(), 0).unwrap(),
                ..c
            }
        );
        assert_eq!(
            tokens.verify(&token, now + Duration::minutes(16)),
            Err(AccessTokenError::Expired)
        );
    }

    #[test]
    fn another_secret_or_a_tampered_token_is_invalid() {
        let now = Utc::now();
        let token = JwtAccessTokens::new(&[7; 32]).issue(claims(now), now);
        assert_eq!(
            JwtAccessTokens::new(&[8; 32]).verify(&token, now),
            Err(AccessTokenError::Invalid)
        );
        assert_eq!(
            JwtAccessTokens::new(&[7; 32]).verify(&format!("{token}x"), now),
            Err(AccessTokenError::Invalid)
        );
    }

    #[test]
    fn secrets_are_random_and_digests_stable() {
        let s = RandomSecrets;
        assert_ne!(s.new_token(), s.new_token());
        assert_eq!(s.digest("a"), s.digest("a"));
        assert_eq!(s.digest("a").len(), 64);
    }
}
