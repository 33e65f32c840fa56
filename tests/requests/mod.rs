//! Maintenance requests (issue 4): the lifecycle and role matrix, visibility, races,
//! pagination, Arabic search, reports and the catalog they build on.

mod arabic;
mod catalog;
mod csv_export;
mod figures;
mod hardening;
mod matrix;
mod oracle;
mod paging;
mod privacy;
mod races;
mod report_cache;
mod reports;
mod visibility;
mod world;
