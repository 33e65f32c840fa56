//! The role policy of SPEC §1 as pure functions (filled in by the policy work).
