//! Test support: a real SMTP server on loopback that keeps every mail it receives, used by
//! the mail crate's tests and the black-box suite (a dev-dependency only, never shipped).
//!
//! It speaks enough RFC 5321 for real clients (lettre,
//! swaks, Python's smtplib): greeting, EHLO/HELO, MAIL, RCPT, DATA with dot-unstuffing,
//! RSET, NOOP, VRFY, QUIT, several mails per connection and any number of connections. It
//! offers no STARTTLS or AUTH, so point clients at it with `smtp://127.0.0.1:<port>`.
//!
//! ```no_run
//! # use basma_smtp_sink::SmtpSink;
//! # use std::time::Duration;
//! # async fn demo() -> std::io::Result<()> {
//! let sink = SmtpSink::start().await?;
//! let url = sink.url();                      // "smtp://127.0.0.1:40123"
//! // ... make the code under test send a mail ...
//! let mail = sink.wait_for_mail_to("sara@example.com", Duration::from_secs(5)).await.unwrap();
//! assert_eq!(mail.subject(), "Basma: verify your email address");
//! let link = mail.find_url("/verify-email?token=").unwrap();
//! # Ok(())
//! # }
//! ```

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

mod mime;
