//! Use-case services: each one validates input, asks the policy, and drives the ports.

pub mod accounts;
pub mod audit;
pub mod bootstrap;
pub mod catalog;
pub mod realtime;
pub mod reports;
pub mod requests;
pub mod users;
