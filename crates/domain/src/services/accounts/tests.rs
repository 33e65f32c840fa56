//! Unit tests of the account flows (black-box tests cover them through HTTP too).
