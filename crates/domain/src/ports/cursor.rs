//! The opaque keyset cursor of every list. Callers (the HTTP layer) decode a client's cursor
//! with [`Cursor::decode`] before calling a repository, so a forged or truncated cursor is a
//! 400, never a storage error; adapters choose what goes in `key` (e.g. the microsecond
//! timestamp of the last row) and always end the position with the row's id.

use uuid::Uuid;

/// A position in a list: the sort key of the last row of a page, then that row's id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub key: String,
    pub id: Uuid,
}

impl Cursor {
    pub fn new(key: impl Into<String>, id: Uuid) -> Self {
        Self {
            key: key.into(),
            id,
        }
    }

    /// `<hex of key>.<id as 32 hex digits>`: URL-safe, and opaque enough that clients pass
    /// it back instead of building one.
    pub fn encode(&self) -> String {
        let mut out = String::with_capacity(self.key.len() * 2 + 33);
        for byte in self.key.bytes() {
            out.push_str(&format!("{byte:02x}"));
        }
        out.push('.');
        out.push_str(&self.id.simple().to_string());
        out
    }

    /// `None` for anything [`Cursor::encode`] did not produce.
    pub fn decode(raw: &str) -> Option<Self> {
        let (hex, id) = raw.split_once('.')?;
        if hex.len() % 2 != 0 || id.len() != 32 || hex.len() > 512 {
            return None;
        }
        let bytes = (0..hex.len())
            .step_by(2)
            .map(|i| {
                hex.get(i..i + 2)
                    .and_then(|pair| u8::from_str_radix(pair, 16).ok())
            })
            .collect::<Option<Vec<u8>>>()?;
        let key = String::from_utf8(bytes).ok()?;
        let id = Uuid::try_parse(id).ok()?;
        Some(Self { key, id })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_survives_encode_and_decode() {
        let cursor = Cursor::new("1764068542123456", Uuid::now_v7());
        assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
    }

    #[test]
    fn garbage_does_not_decode() {
        for bad in [
            "",
            ".",
            "zz.0",
            "31.123",
            "3.0193a1b2c3d4e5f60718293a4b5c6d7e",
            "abc",
        ] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }
}
