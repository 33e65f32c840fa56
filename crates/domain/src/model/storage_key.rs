//! Where an attachment's bytes live in the object store. Keys are opaque and made by the
//! server ([`StorageKey::fresh`]), never from a client's file name; the parse rule exists so
//! a key read back from the database or a listing can be trusted as a path: `/`-separated
//! segments of `[a-z0-9_-]`, none empty (so no leading, trailing or doubled `/`), no `.` at
//! all (so no `..`), at most [`StorageKey::MAX_LEN`] bytes. The same key is a valid S3 object
//! name and a valid relative file path on every platform.

use std::fmt;

/// Why a string is not a [`StorageKey`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidStorageKey {
    #[error("a storage key cannot be empty")]
    Empty,
    #[error("a storage key is at most {} bytes", StorageKey::MAX_LEN)]
    TooLong,
    #[error("a storage key has no empty segment (no leading, trailing or doubled '/')")]
    EmptySegment,
    #[error("a storage key holds only a-z, 0-9, '_', '-' and '/'")]
    Character,
}

/// A validated object-store key (see the module docs for the rule).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StorageKey(String);

impl StorageKey {
    /// The longest key accepted, in bytes (all characters are ASCII).
    pub const MAX_LEN: usize = 256;

    /// Checks `raw` against the key rule.
    ///
    /// # Errors
    /// The first rule `raw` breaks.
    pub fn parse(raw: &str) -> Result<Self, InvalidStorageKey> {
        if raw.is_empty() {
            return Err(InvalidStorageKey::Empty);
        }
        if raw.len() > Self::MAX_LEN {
            return Err(InvalidStorageKey::TooLong);
        }
        for segment in raw.split('/') {
            if segment.is_empty() {
                return Err(InvalidStorageKey::EmptySegment);
            }
            let allowed =
                |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "_-".contains(c);
            if !segment.chars().all(allowed) {
                return Err(InvalidStorageKey::Character);
            }
        }
        Ok(Self(raw.to_owned()))
    }

    /// A new, unguessable key under `prefix`: `{prefix}/{uuid v7 as 32 hex digits}`. Time
    /// ordered, so a listing sorts roughly by upload time.
    ///
    /// # Errors
    /// `TooLong` when `prefix` leaves no room for the 33 characters appended.
    pub fn fresh(prefix: &StorageKey) -> Result<Self, InvalidStorageKey> {
        Self::parse(&format!("{}/{}", prefix.0, uuid::Uuid::now_v7().simple()))
    }

    /// This key followed by `/segment`, e.g. the thumbnail beside an original.
    ///
    /// # Errors
    /// When `segment` breaks the rule or the result is too long.
    pub fn join(&self, segment: &str) -> Result<Self, InvalidStorageKey> {
        Self::parse(&format!("{}/{segment}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this key lies under `prefix` (whole segments: `a/b` is not under `a/bc`).
    pub fn is_under(&self, prefix: &StorageKey) -> bool {
        self.0
            .strip_prefix(prefix.as_str())
            .is_some_and(|rest| rest.starts_with('/'))
    }
}

impl fmt::Display for StorageKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_lowercase_segments_with_digits_underscores_and_dashes() {
        for raw in ["a", "attachments/0192f-ab_c", "x/y/z", "0/1-2_3"] {
            assert_eq!(
                StorageKey::parse(raw).map(|k| k.0),
                Ok(raw.to_owned()),
                "{raw}"
            );
        }
    }

    #[test]
    fn refuses_traversal_nul_empty_and_overlong_keys() {
        use InvalidStorageKey::*;
        let long = "a".repeat(300);
        let cases: [(&str, InvalidStorageKey); 12] = [
            ("", Empty),
            ("../etc/passwd", Character),
            ("a/../b", Character),
            ("..", Character),
            ("a/./b", Character),
            ("/a", EmptySegment),
            ("a/", EmptySegment),
            ("a//b", EmptySegment),
            ("a\0b", Character),
            ("Photo", Character),
            ("صورة", Character),
            (&long, TooLong),
        ];
        for (raw, expected) in cases {
            assert_eq!(StorageKey::parse(raw), Err(expected), "{raw:?}");
        }
        assert!(StorageKey::parse(&"a".repeat(StorageKey::MAX_LEN)).is_ok());
    }

    #[test]
    fn fresh_keys_are_distinct_valid_and_under_their_prefix() {
        let prefix = StorageKey::parse("attachments").unwrap();
        let (a, b) = (
            StorageKey::fresh(&prefix).unwrap(),
            StorageKey::fresh(&prefix).unwrap(),
        );
        assert_ne!(a, b);
        assert!(a.is_under(&prefix) && b.is_under(&prefix));
        assert_eq!(StorageKey::parse(a.as_str()), Ok(a.clone()));
        assert!(
            !StorageKey::parse("attachmentsx/1")
                .unwrap()
                .is_under(&prefix)
        );
        assert_eq!(a.join("thumb").unwrap().as_str(), format!("{a}/thumb"));
        assert_eq!(a.join("../x"), Err(InvalidStorageKey::Character));
        let long = StorageKey::parse(&"a".repeat(240)).unwrap();
        assert_eq!(StorageKey::fresh(&long), Err(InvalidStorageKey::TooLong));
    }
}
