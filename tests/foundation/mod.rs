//! The foundation's contract: monitoring endpoints, the error envelope, request ids,
//! languages, security headers, CORS and readiness during a database outage.

mod contract;
mod deadline;
mod monitoring;
mod proxies;
mod suites;
