//! The HTTP ceiling: an actix-web server in this process (on its own thread and actix
//! system, with as many workers as the machine has cores, like the real server) whose one
//! endpoint returns a fixed JSON body without doing any work. It is driven by the same goose
//! setup as the API, so the ratio of an API figure to this one is what Basma's own work
//! costs on top of HTTP and the load driver.

use actix_web::{App, HttpResponse, HttpServer, dev::ServerHandle, web};
use std::net::SocketAddr;
use std::sync::mpsc;

/// A running no-op server.
pub struct Noop {
    pub addr: SocketAddr,
    handle: ServerHandle,
    thread: std::thread::JoinHandle<()>,
}

impl Noop {
    /// Starts the server on `127.0.0.1:0`.
    ///
    /// # Errors
    /// Binding or starting fails.
    pub fn start() -> anyhow::Result<Noop> {
        let (tx, rx) = mpsc::channel();
        let thread = std::thread::spawn(move || {
            let system = actix_web::rt::System::new();
            system.block_on(async move {
                let server = HttpServer::new(|| {
                    App::new().route(
                        "/noop",
                        web::get().to(|| async {
                            HttpResponse::Ok()
                                .content_type("application/json")
                                .body(r#"{"success":true,"message":"ok","data":null}"#)
                        }),
                    )
                })
                .workers(std::thread::available_parallelism().map_or(2, |n| n.get()))
                .bind(("127.0.0.1", 0));
                let server = match server {
                    Ok(server) => server,
                    Err(e) => {
                        let _ = tx.send(Err(e.to_string()));
                        return;
                    }
                };
                let addr = server.addrs().first().copied();
                let running = server.run();
                let _ = tx.send(
                    addr.map(|a| (a, running.handle()))
                        .ok_or_else(|| "no address".to_owned()),
                );
                let _ = running.await;
            });
        });
        let (addr, handle) = rx
            .recv()
            .map_err(|e| anyhow::anyhow!("the no-op server did not start: {e}"))?
            .map_err(|e| anyhow::anyhow!("the no-op server did not start: {e}"))?;
        Ok(Noop {
            addr,
            handle,
            thread,
        })
    }

    pub async fn stop(self) {
        self.handle.stop(true).await;
        let _ = self.thread.join();
    }
}
