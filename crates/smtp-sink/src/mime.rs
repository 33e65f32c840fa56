//! Reading what the sink received: headers, MIME parts, quoted-printable and base64, and the
//! RFC 2047 encoded words of subjects.

use crate::ReceivedMail;

impl ReceivedMail {
    /// The value of the first header called `name` (case-insensitive), unfolded, raw.
    pub fn header(&self, name: &str) -> Option<String> {
        header_in(head_of(&self.data), name)
    }

    /// The `Subject`, with RFC 2047 encoded words (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) decoded.
    pub fn subject(&self) -> String {
        decode_words(&self.header("Subject").unwrap_or_default())
    }

    /// The `To` header, encoded words decoded.
    pub fn to_header(&self) -> String {
        decode_words(&self.header("To").unwrap_or_default())
    }

    /// The decoded bodies of every leaf MIME part (quoted-printable and base64 undone),
    /// as `(content type, text)`, in message order.
    pub fn parts(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        collect_parts(&self.data, &mut out);
        out
    }

    /// The decoded body of the first part whose content type starts with `mime`
    /// (e.g. `text/plain`, `text/html`).
    pub fn part(&self, mime: &str) -> Option<String> {
        self.parts()
            .into_iter()
            .find(|(ct, _)| ct.starts_with(mime))
            .map(|(_, body)| body)
    }

    /// All decoded bodies joined: search this for a link or a token.
    pub fn decoded_text(&self) -> String {
        self.parts()
            .into_iter()
            .map(|(_, body)| body)
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The first `http(s)://` URL in the decoded bodies that contains `needle`, e.g.
    /// `find_url("/verify-email?token=")`. In HTML, `&amp;` is turned back into `&`.
    pub fn find_url(&self, needle: &str) -> Option<String> {
        let text = self.decoded_text();
        let mut rest = text.as_str();
        while let Some(start) = rest.find("http") {
            let candidate = &rest[start..];
            let end = candidate
                .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>'))
                .unwrap_or(candidate.len());
            let url = &candidate[..end];
            if (url.starts_with("http://") || url.starts_with("https://")) && url.contains(needle) {
                return Some(url.replace("&amp;", "&"));
            }
            rest = &candidate[4..];
        }
        None
    }

    /// The value of the `token` query parameter of the first URL containing `needle`.
    pub fn token_in_url(&self, needle: &str) -> Option<String> {
        let url = self.find_url(needle)?;
        let query = url.split_once('?')?.1;
        query
            .split('&')
            .find_map(|kv| kv.strip_prefix("token="))
            .map(str::to_owned)
    }
}

fn head_of(entity: &str) -> &str {
    entity
        .split_once("\r\n\r\n")
        .map_or(entity, |(head, _)| head)
}

fn body_of(entity: &str) -> &str {
    entity.split_once("\r\n\r\n").map_or("", |(_, body)| body)
}

fn header_in(head: &str, name: &str) -> Option<String> {
    let mut value: Option<String> = None;
    for line in head.split("\r\n") {
        match value.as_mut() {
            Some(v) if line.starts_with([' ', '\t']) => {
                v.push(' ');
                v.push_str(line.trim());
            }
            Some(_) => break,
            None => {
                if let Some((key, rest)) = line.split_once(':')
                    && key.trim().eq_ignore_ascii_case(name)
                {
                    value = Some(rest.trim().to_owned());
                }
            }
        }
    }
    value
}

/// The parameter `param` of a header value such as `multipart/alternative; boundary="x"`.
fn header_param(value: &str, param: &str) -> Option<String> {
    value.split(';').skip(1).find_map(|kv| {
        let (k, v) = kv.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case(param)
            .then(|| v.trim().trim_matches('"').to_owned())
    })
}

fn collect_parts(entity: &str, out: &mut Vec<(String, String)>) {
    let head = head_of(entity);
    let content_type = header_in(head, "Content-Type").unwrap_or_else(|| "text/plain".into());
    let body = body_of(entity);
    if content_type.to_ascii_lowercase().starts_with("multipart/") {
        let Some(boundary) = header_param(&content_type, "boundary") else {
            return;
        };
        let delimiter = format!("--{boundary}");
        for chunk in body.split(delimiter.as_str()).skip(1) {
            if chunk.starts_with("--") {
                break;
            }
            let chunk = chunk.strip_prefix("\r\n").unwrap_or(chunk);
            let chunk = chunk.strip_suffix("\r\n").unwrap_or(chunk);
            collect_parts(chunk, out);
        }
        return;
    }
    let encoding = header_in(head, "Content-Transfer-Encoding").unwrap_or_default();
    let bytes = match encoding.to_ascii_lowercase().as_str() {
        "quoted-printable" => decode_qp(body),
        "base64" => decode_base64(body),
        _ => body.as_bytes().to_vec(),
    };
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    out.push((mime, String::from_utf8_lossy(&bytes).into_owned()));
}

fn decode_qp(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'=' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        match (bytes.get(i + 1).copied(), bytes.get(i + 2).copied()) {
            (Some(b'\r'), Some(b'\n')) => i += 3, // soft line break
            (Some(b'\n'), _) => i += 2,
            (Some(h), Some(l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push(hex(h).unwrap_or(0) << 4 | hex(l).unwrap_or(0));
                i += 3;
            }
            _ => {
                out.push(b'=');
                i += 1;
            }
        }
    }
    out
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn decode_base64(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => continue, // padding, CRLF
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

/// Decodes RFC 2047 encoded words; whitespace between two encoded words is dropped.
fn decode_words(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    let mut last_was_word = false;
    while !rest.is_empty() {
        let Some(start) = rest.find("=?") else {
            out.push_str(rest);
            break;
        };
        let (before, candidate) = rest.split_at(start);
        let decoded = encoded_word(candidate);
        let Some((text, len)) = decoded else {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            last_was_word = false;
            continue;
        };
        if !(last_was_word && before.trim().is_empty()) {
            out.push_str(before);
        }
        out.push_str(&text);
        rest = &candidate[len..];
        last_was_word = true;
    }
    out
}

/// `=?charset?B|Q?text?=` at the start of `s` → (decoded text, length consumed).
fn encoded_word(s: &str) -> Option<(String, usize)> {
    let inner = s.strip_prefix("=?")?;
    let (_charset, inner) = inner.split_once('?')?;
    let (encoding, inner) = inner.split_once('?')?;
    let end = inner.find("?=")?;
    let text = &inner[..end];
    let bytes = match encoding {
        "B" | "b" => decode_base64(text),
        "Q" | "q" => decode_qp(&text.replace('_', " ")),
        _ => return None,
    };
    let consumed = s.len() - inner.len() + end + 2;
    Some((String::from_utf8_lossy(&bytes).into_owned(), consumed))
}
