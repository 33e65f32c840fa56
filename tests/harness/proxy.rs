//! A TCP proxy a test can cut and restore, to take the database (or Redis) away from a running
//! server without stopping the shared one; or stall, to freeze it the way a SIGSTOPped or
//! overloaded server looks: connections stay open, bytes stop flowing.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::tcp::{OwnedReadHalf, OwnedWriteHalf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;

pub struct OutageProxy {
    pub addr: String,
    up: Arc<AtomicBool>,
    cut: watch::Sender<u64>,
    stall: Arc<Stall>,
}

/// Whether bytes flow, and the byte pattern that stops them when it passes.
struct Stall {
    on: watch::Sender<bool>,
    trigger: Mutex<Option<Vec<u8>>>,
}

impl Stall {
    /// Holds `chunk` while stalled; a chunk holding the armed pattern starts the stall first.
    async fn gate(&self, chunk: &[u8]) {
        let fired = {
            let mut trigger = self.trigger.lock().expect("trigger");
            let hit = trigger
                .as_deref()
                .is_some_and(|p| chunk.windows(p.len()).any(|w| w == p));
            if hit {
                *trigger = None;
            }
            hit
        };
        if fired {
            self.on.send_replace(true);
        }
        let mut on = self.on.subscribe();
        let _ = on.wait_for(|stalled| !*stalled).await;
    }
}

impl OutageProxy {
    /// Forwards connections on a free local port to `target` (host:port).
    pub async fn start(target: String) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let addr = listener.local_addr().expect("addr").to_string();
        let up = Arc::new(AtomicBool::new(true));
        let (cut, _) = watch::channel(0u64);
        let stall = Arc::new(Stall {
            on: watch::channel(false).0,
            trigger: Mutex::new(None),
        });
        let (accept_up, accept_cut, accept_stall) = (up.clone(), cut.clone(), stall.clone());
        tokio::spawn(async move {
            while let Ok((inbound, _)) = listener.accept().await {
                if !accept_up.load(Ordering::SeqCst) {
                    drop(inbound);
                    continue;
                }
                let target = target.clone();
                let mut cut_rx = accept_cut.subscribe();
                let stall = accept_stall.clone();
                tokio::spawn(async move {
                    let Ok(outbound) = TcpStream::connect(&target).await else {
                        return;
                    };
                    let (in_read, in_write) = inbound.into_split();
                    let (out_read, out_write) = outbound.into_split();
                    tokio::select! {
                        () = pump(in_read, out_write, &stall) => {}
                        () = pump(out_read, in_write, &stall) => {}
                        _ = cut_rx.changed() => {}
                    }
                });
            }
        });
        Self {
            addr,
            up,
            cut,
            stall,
        }
    }

    /// Drops every open connection and refuses new ones.
    pub fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        self.cut.send_modify(|n| *n += 1);
    }

    pub fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }

    /// Stops forwarding in both directions on every connection, without closing any; new
    /// connections are accepted and stall too.
    pub fn stall(&self) {
        self.stall.on.send_replace(true);
    }

    /// Stalls as soon as `pattern` is about to pass in either direction; the chunk that holds
    /// it is held back too.
    pub fn stall_on(&self, pattern: &[u8]) {
        *self.stall.trigger.lock().expect("trigger") = Some(pattern.to_vec());
    }

    pub fn is_stalled(&self) -> bool {
        *self.stall.on.borrow()
    }

    /// Lets held and new bytes flow again.
    pub fn resume(&self) {
        *self.stall.trigger.lock().expect("trigger") = None;
        self.stall.on.send_replace(false);
    }
}

/// Copies one direction until it closes, passing every chunk through the stall gate.
async fn pump(mut from: OwnedReadHalf, mut to: OwnedWriteHalf, stall: &Stall) {
    let mut buf = vec![0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        stall.gate(&buf[..n]).await;
        if to.write_all(&buf[..n]).await.is_err() {
            break;
        }
    }
    let _ = to.shutdown().await;
}
