//! Server-Sent Events to open tabs. tiny_http holds back a chunked body until it ends, so each
//! client gets its own thread that writes the headers itself and flushes after every event.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

#[derive(Default)]
pub struct Broadcaster {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Broadcaster {
    /// Sends `event` with `data` (one line) to every open tab; forgets tabs that have gone.
    pub fn send(&self, event: &str, data: &str) {
        let message = format!("event: {event}\ndata: {}\n\n", data.replace('\n', "\ndata: "));
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.retain(|c| c.send(message.clone()).is_ok());
    }

    fn subscribe(&self) -> Receiver<String> {
        let (tx, rx) = channel();
        self.clients.lock().unwrap_or_else(|p| p.into_inner()).push(tx);
        rx
    }

    /// Takes over the request's connection in a thread of its own.
    pub fn attach(&self, request: tiny_http::Request, hello: String) {
        let rx = self.subscribe();
        std::thread::spawn(move || {
            let mut w = request.into_writer();
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: keep-alive\r\nX-Content-Type-Options: nosniff\r\n\r\n";
            if w.write_all(head.as_bytes())
                .and_then(|()| w.write_all(hello.as_bytes()))
                .and_then(|()| w.flush())
                .is_err()
            {
                return;
            }
            loop {
                let message = match rx.recv_timeout(Duration::from_secs(15)) {
                    Ok(m) => m,
                    Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
                    Err(RecvTimeoutError::Disconnected) => return,
                };
                if w.write_all(message.as_bytes()).and_then(|()| w.flush()).is_err() {
                    return; // the tab was closed
                }
            }
        });
    }
}
