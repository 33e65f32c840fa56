//! Accounts (issue 3): registration with a real SMTP server, login, refresh rotation,
//! logout, password reset, lockout and rate limits, user administration.

mod admin;
mod flows;
mod guards;
mod secrets;
