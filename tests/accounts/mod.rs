//! Accounts (issue 3): registration with a real SMTP server, login, refresh rotation,
//! logout, password reset, lockout and rate limits, user administration; and the hardening
//! of issue 11 (races, enumeration, reset tokens, logout with a refresh token alone).

mod admin;
mod enumeration;
mod flows;
mod guards;
mod races;
mod secrets;
mod tokens;
