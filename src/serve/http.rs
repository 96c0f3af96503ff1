//! Requests: safe path handling, content types, the site's 404 page, and the `/__pjece/` routes.

use super::State;
use std::path::Path;
use std::sync::Arc;
use tiny_http::{Header, Method, Request, Response, Server};

const MAX_PATH: usize = 2048;
const WORKERS: usize = 8;
const RELOAD_JS: &str = include_str!("reload.js");

/// Binds `addr:port`, or the next free port of the twenty after it.
pub fn bind(addr: &str, port: u16) -> Result<(Server, u16), String> {
    let mut last = String::new();
    for p in port..port.saturating_add(20) {
        let host = if addr.contains(':') { format!("[{addr}]") } else { addr.to_string() };
        match Server::http(format!("{host}:{p}")) {
            Ok(s) => return Ok((s, p)),
            Err(e) => last = e.to_string(),
        }
    }
    Err(format!("cannot listen on {addr} at port {port} or the next 19 ports ({last}). Give another --port."))
}

/// A request path made safe: the `/`-separated path inside the output, without a leading `/`.
/// `Err` carries the status to answer with.
pub fn clean_path(url: &str) -> Result<String, u16> {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    if raw.len() > MAX_PATH {
        return Err(414);
    }
    if !raw.starts_with('/') {
        return Err(400);
    }
    let decoded = percent_decode(raw).ok_or(400u16)?;
    if decoded.contains(['\0', '\\']) {
        return Err(400);
    }
    let mut parts = Vec::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(400),
            s if s.contains(':') => return Err(400), // drive letters, alternate data streams
            s => parts.push(s),
        }
    }
    let mut path = parts.join("/");
    if decoded.ends_with('/') && !path.is_empty() {
        path.push('/');
    }
    Ok(path)
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = |c: u8| (c as char).to_digit(16);
            let (h, l) = (hex(*b.get(i + 1)?)?, hex(*b.get(i + 2)?)?);
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The Content-Type for a file name.
pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "gif" => "image/gif",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "xml" => "application/xml; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|_| Header::from_bytes(&b"X-Pjece"[..], &b"1"[..]).expect("static header"))
}

fn respond(request: Request, status: u16, ctype: &str, body: Vec<u8>) {
    let response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let _ = request.respond(response); // the browser may have gone; nothing to do then
}

fn redirect(request: Request, to: &str) {
    let response = Response::empty(301).with_header(header("Location", to));
    let _ = request.respond(response);
}

/// Runs the request loop on a few threads until the process ends.
pub fn serve(server: Server, state: Arc<State>) {
    let server = Arc::new(server);
    let mut workers = Vec::new();
    for _ in 0..WORKERS {
        let (server, state) = (server.clone(), state.clone());
        workers.push(std::thread::spawn(move || {
            while let Ok(request) = server.recv() {
                handle(request, &state);
            }
        }));
    }
    for w in workers {
        let _ = w.join();
    }
}

fn handle(request: Request, state: &State) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return respond(request, 405, "text/plain; charset=utf-8", b"Only GET and HEAD.\n".to_vec());
    }
    let path = match clean_path(request.url()) {
        Ok(p) => p,
        Err(status) => return respond(request, status, "text/plain; charset=utf-8", b"Bad request path.\n".to_vec()),
    };
    match path.as_str() {
        "__pjece/events" => {
            let version = state.built.read().map(|b| b.version).unwrap_or(0);
            return state.events.attach(request, format!("event: hello\ndata: {version}\n\n"));
        }
        "__pjece/reload.js" => return respond(request, 200, content_type("x.js"), RELOAD_JS.as_bytes().to_vec()),
        "__pjece/status" => {
            let built = state.built.read().unwrap_or_else(|p| p.into_inner());
            let body = super::overview::status_json(&built);
            return respond(request, 200, content_type("x.json"), body.into_bytes());
        }
        "__pjece" => return redirect(request, "/__pjece/"),
        "__pjece/" => {
            let body = state.overview();
            return respond(request, 200, content_type("x.html"), inject(body.into_bytes()));
        }
        _ => {}
    }
    let built = state.built.read().unwrap_or_else(|p| p.into_inner());
    let key = if path.is_empty() || path.ends_with('/') { format!("{path}index.html") } else { path.clone() };
    if let Some(bytes) = built.files.get(&key) {
        let ctype = content_type(&key);
        let body = if ctype.starts_with("text/html") { inject(bytes.to_vec()) } else { bytes.to_vec() };
        drop(built);
        return respond(request, 200, ctype, body);
    }
    if !path.ends_with('/') && built.files.contains_key(&format!("{path}/index.html")) {
        drop(built);
        return redirect(request, &format!("/{path}/"));
    }
    if let Some(bytes) = static_file(&state.root.join("static"), &path) {
        drop(built);
        return respond(request, 200, content_type(&path), bytes);
    }
    let page = built
        .files
        .get("404.html")
        .map(|b| b.to_vec())
        .unwrap_or_else(|| b"<!DOCTYPE html><title>404</title><p>Not found.</p>".to_vec());
    drop(built);
    respond(request, 404, content_type("x.html"), inject(page));
}

/// A file under `static/`, only if it really is inside it (no links out, no folders).
fn static_file(dir: &Path, path: &str) -> Option<Vec<u8>> {
    if path.is_empty() || path.ends_with('/') {
        return None;
    }
    let base = dir.canonicalize().ok()?;
    let full = base.join(path).canonicalize().ok()?;
    if !full.starts_with(&base) || !full.is_file() {
        return None;
    }
    std::fs::read(full).ok()
}

/// Adds the reload script to an HTML page (serve mode only; never in build output).
fn inject(mut html: Vec<u8>) -> Vec<u8> {
    let tag = b"<script src=\"/__pjece/reload.js\" defer></script>";
    match html.windows(7).rposition(|w| w.eq_ignore_ascii_case(b"</body>")) {
        Some(i) => {
            html.splice(i..i, tag.iter().copied());
        }
        None => html.extend_from_slice(tag),
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_odd_paths_are_refused() {
        assert_eq!(clean_path("/../etc/passwd"), Err(400));
        assert_eq!(clean_path("/%2e%2e/etc/passwd"), Err(400));
        assert_eq!(clean_path("/a/%2E%2E/%2E%2E/x"), Err(400));
        assert_eq!(clean_path("/a\\..\\b"), Err(400));
        assert_eq!(clean_path("/a%5c..%5cb"), Err(400));
        assert_eq!(clean_path("/a%00b"), Err(400));
        assert_eq!(clean_path("/C:/x"), Err(400));
        assert_eq!(clean_path("etc/passwd"), Err(400));
        assert_eq!(clean_path("/%zz"), Err(400));
        assert_eq!(clean_path(&format!("/{}", "a".repeat(5000))), Err(414));
    }

    #[test]
    fn ordinary_paths_are_kept() {
        assert_eq!(clean_path("/").unwrap(), "");
        assert_eq!(clean_path("/leaflets/tryg/").unwrap(), "leaflets/tryg/");
        assert_eq!(clean_path("/leaflets/tryg?x=1").unwrap(), "leaflets/tryg");
        assert_eq!(clean_path("//assets//style.css").unwrap(), "assets/style.css");
        assert_eq!(clean_path("/hj%C3%A6lp/").unwrap(), "hjælp/");
    }

    #[test]
    fn content_types_cover_the_site() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("x.SVG"), "image/svg+xml");
        assert_eq!(content_type("x.woff2"), "font/woff2");
        assert_eq!(content_type("sitemap.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }

    #[test]
    fn reload_script_goes_before_the_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>".to_vec())).unwrap();
        assert!(out.ends_with("<script src=\"/__pjece/reload.js\" defer></script></body></html>"));
    }
}
