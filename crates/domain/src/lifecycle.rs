//! The request lifecycle of SPEC §3 as a pure function (filled in by the lifecycle work).
