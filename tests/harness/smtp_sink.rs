//! A real SMTP server on loopback that keeps every mail it receives, for tests.
//!
//! Self-contained (only `tokio` with `net`, `io-util`, `sync`, `time`, `rt`, `macros`): copy
//! this file into any test crate. It speaks enough RFC 5321 for real clients (lettre,
//! swaks, Python's smtplib): greeting, EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing,
//! RSET, NOOP, VRFY, QUIT, several mails per connection and any number of connections. It
//! offers no STARTTLS or AUTH, so point clients at it with `smtp://127.0.0.1:<port>`.
//!
//! ```ignore
//! let sink = SmtpSink::start().await?;
//! let url = sink.url();                      // "smtp://127.0.0.1:40123"
//! // ... make the code under test send a mail ...
//! let mail = sink.wait_for_mail_to("sara@example.com", Duration::from_secs(5)).await.unwrap();
//! assert_eq!(mail.subject(), "Basma: verify your email address");
//! let link = mail.find_url("/verify-email?token=").unwrap();
//! ```
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinHandle;

/// Longest line or message accepted; protects the test from a runaway client.
const MAX_LINE: usize = 64 * 1024;
const MAX_MESSAGE: usize = 16 * 1024 * 1024;

/// One accepted message: the envelope and the raw RFC 5322 text (CRLF line ends).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceivedMail {
    pub mail_from: String,
    pub rcpt_to: Vec<String>,
    pub data: String,
}

/// A running SMTP sink. Dropping it stops the server.
pub struct SmtpSink {
    addr: SocketAddr,
    mails: watch::Receiver<Vec<ReceivedMail>>,
    server: JoinHandle<()>,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl SmtpSink {
    /// Starts a sink on `127.0.0.1` with a free port that accepts every mail.
    pub async fn start() -> std::io::Result<Self> {
        Self::start_with(false).await
    }

    /// Starts a sink that refuses every recipient with `550`, to test failure handling.
    pub async fn start_rejecting() -> std::io::Result<Self> {
        Self::start_with(true).await
    }

    async fn start_with(reject_rcpt: bool) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let (tx, mails) = watch::channel(Vec::new());
        let server = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let tx = tx.clone();
                tokio::spawn(async move {
                    let _ = session(stream, tx, reject_rcpt).await;
                });
            }
        });
        Ok(Self {
            addr,
            mails,
            server,
        })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `smtp://127.0.0.1:<port>`: the value for `SMTP_URL`.
    pub fn url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Every mail received so far, oldest first.
    pub fn mails(&self) -> Vec<ReceivedMail> {
        self.mails.borrow().clone()
    }

    /// Waits until a mail satisfying `pred` has arrived; `None` after `timeout`.
    pub async fn wait_for(
        &self,
        timeout: Duration,
        pred: impl Fn(&ReceivedMail) -> bool,
    ) -> Option<ReceivedMail> {
        let mut rx = self.mails.clone();
        let found = tokio::time::timeout(timeout, rx.wait_for(|m| m.iter().any(&pred))).await;
        match found {
            Ok(Ok(mails)) => mails.iter().find(|m| pred(m)).cloned(),
            _ => None,
        }
    }

    /// Waits for the first mail whose envelope recipient is `rcpt` (case-insensitive).
    pub async fn wait_for_mail_to(&self, rcpt: &str, timeout: Duration) -> Option<ReceivedMail> {
        self.wait_for(timeout, |m| {
            m.rcpt_to.iter().any(|r| r.eq_ignore_ascii_case(rcpt))
        })
        .await
    }
}

async fn session(
    stream: TcpStream,
    tx: watch::Sender<Vec<ReceivedMail>>,
    reject_rcpt: bool,
) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let mut from: Option<String> = None;
    let mut rcpts: Vec<String> = Vec::new();
    write.write_all(b"220 basma-sink ESMTP ready\r\n").await?;
    while let Some(line) = read_line(&mut lines).await? {
        let upper = line.to_ascii_uppercase();
        let verb = upper.split_whitespace().next().unwrap_or("");
        let reply: &[u8] = match verb {
            "EHLO" => b"250-basma-sink greets you\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n250 SIZE 16777216\r\n",
            "HELO" => b"250 basma-sink\r\n",
            "MAIL" if upper.starts_with("MAIL FROM:") => {
                from = Some(path_of(&line["MAIL FROM:".len()..]));
                rcpts.clear();
                b"250 2.1.0 OK\r\n"
            }
            "RCPT" if upper.starts_with("RCPT TO:") => {
                if from.is_none() {
                    b"503 5.5.1 MAIL first\r\n"
                } else if reject_rcpt {
                    b"550 5.1.1 mailbox unavailable\r\n"
                } else {
                    rcpts.push(path_of(&line["RCPT TO:".len()..]));
                    b"250 2.1.5 OK\r\n"
                }
            }
            "DATA" => {
                let Some(mail_from) = from.take().filter(|_| !rcpts.is_empty()) else {
                    write.write_all(b"503 5.5.1 RCPT first\r\n").await?;
                    continue;
                };
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let data = read_data(&mut lines).await?;
                let mail = ReceivedMail { mail_from, rcpt_to: std::mem::take(&mut rcpts), data };
                tx.send_modify(|mails| mails.push(mail));
                b"250 2.0.0 OK queued\r\n"
            }
            "RSET" => {
                from = None;
                rcpts.clear();
                b"250 2.0.0 OK\r\n"
            }
            "NOOP" => b"250 2.0.0 OK\r\n",
            "VRFY" => b"252 2.0.0 cannot verify\r\n",
            "QUIT" => {
                write.write_all(b"221 2.0.0 bye\r\n").await?;
                return Ok(());
            }
            _ => b"502 5.5.2 command not implemented\r\n",
        };
        write.write_all(reply).await?;
    }
    Ok(())
}

/// Reads one line without its CRLF; `None` at end of stream.
async fn read_line<R: AsyncBufReadExt + Unpin>(r: &mut R) -> std::io::Result<Option<String>> {
    let mut buf = Vec::new();
    let n = r.read_until(b'\n', &mut buf).await?;
    if n == 0 {
        return Ok(None);
    }
    if buf.len() > MAX_LINE {
        return Err(std::io::Error::other("line too long"));
    }
    while matches!(buf.last(), Some(b'\n' | b'\r')) {
        buf.pop();
    }
    Ok(Some(String::from_utf8_lossy(&buf).into_owned()))
}

/// Reads a DATA section up to the lone `.`, undoing dot-stuffing.
async fn read_data<R: AsyncBufReadExt + Unpin>(r: &mut R) -> std::io::Result<String> {
    let mut data = String::new();
    loop {
        let Some(line) = read_line(r).await? else {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        };
        if line == "." {
            return Ok(data);
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
        data.push_str("\r\n");
        if data.len() > MAX_MESSAGE {
            return Err(std::io::Error::other("message too large"));
        }
    }
}

/// `<a@b>` (with optional ESMTP parameters after it) → `a@b`.
fn path_of(arg: &str) -> String {
    let arg = arg.trim();
    match (arg.find('<'), arg.find('>')) {
        (Some(start), Some(end)) if start < end => arg[start + 1..end].to_owned(),
        _ => arg.split_whitespace().next().unwrap_or("").to_owned(),
    }
}

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
