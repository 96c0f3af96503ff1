//! The dev server over real sockets on 127.0.0.1 (issue 5): responses and headers, path
//! traversal, reload and error events after saves, and many clients at once.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// A running `pjece serve` on a copy of a fixture site; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    root: PathBuf,
    _dir: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Server {
    fn start(fixture: &str) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(fixture), &root);
        // A file beside the site that no request may ever read.
        std::fs::write(dir.path().join("secret.txt"), "TOP-SECRET").unwrap();
        // Port 0 is not allowed by the CLI; pick a high, test-specific start and let pjece find a free one.
        let start_port = 20_000 + (std::process::id() % 20_000) as u16;
        let mut child = Command::new(env!("CARGO_BIN_EXE_pjece"))
            .args(["serve", "--root"])
            .arg(&root)
            .args(["--port", &start_port.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("pjece serve starts");
        let stderr = child.stderr.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if std::env::var_os("PJECE_TEST_DEBUG").is_some() {
                    eprintln!("serve: {line}");
                }
                let _ = tx.send(line);
            }
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        let port = loop {
            let line =
                rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("serve prints its address");
            if let Some(rest) = line.strip_prefix("Serving http://127.0.0.1:") {
                break rest.split('/').next().unwrap().parse::<u16>().unwrap();
            }
        };
        Server { child, port, root, _dir: dir }
    }

    /// Sends a raw request and returns (status, lower-cased head, body).
    fn raw(&self, request: &str) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut buf = Vec::new();
        s.read_to_end(&mut buf).unwrap();
        let split = buf.windows(4).position(|w| w == b"\r\n\r\n").expect("a complete response head");
        let head = String::from_utf8_lossy(&buf[..split]).to_lowercase();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, head, buf[split + 4..].to_vec())
    }

    fn get(&self, path: &str) -> (u16, String, String) {
        let (status, head, body) =
            self.raw(&format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));
        (status, head, String::from_utf8_lossy(&body).into_owned())
    }

    /// Opens the event stream and returns a receiver of `event:` names with their data.
    fn events(&self) -> mpsc::Receiver<(String, String)> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        s.write_all(b"GET /__pjece/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(s).lines().map_while(Result::ok) {
                if let Some(e) = line.strip_prefix("event: ") {
                    event = e.to_string();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    if tx.send((event.clone(), d.to_string())).is_err() {
                        return;
                    }
                }
            }
        });
        let (first, _) = rx.recv_timeout(Duration::from_secs(10)).expect("a hello event");
        assert_eq!(first, "hello");
        rx
    }
}

fn next_event(rx: &mpsc::Receiver<(String, String)>) -> (String, String) {
    rx.recv_timeout(Duration::from_secs(15)).expect("an event within 15 s")
}

#[test]
fn pages_have_the_right_status_and_headers() {
    let s = Server::start("good");
    let (status, head, body) = s.get("/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");
    assert!(body.contains("<script src=\"/__pjece/reload.js\" defer></script></body>"), "reload script in serve mode");

    let (status, head, _) = s.get("/assets/style.css");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/css; charset=utf-8"), "{head}");

    let (status, head, _) = s.get("/sitemap.xml");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: application/xml"), "{head}");

    let (status, head, _) = s.get("/img/x.svg");
    assert_eq!(status, 200, "static files are served");
    assert!(head.contains("content-type: image/svg+xml"), "{head}");

    let (status, head, _) = s.get("/leaflets/tryg");
    assert_eq!(status, 301);
    assert!(head.contains("location: /leaflets/tryg/"), "{head}");

    let (status, _, body) = s.get("/findes/ikke/");
    assert_eq!(status, 404);
    assert!(body.contains("<html"), "the site's own 404 page");

    let (status, head, body) = s.raw("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"));
    assert!(body.is_empty(), "HEAD has no body");

    let (status, _, _) = s.raw("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    assert_eq!(status, 405);

    let (status, _, body) = s.get("/__pjece/");
    assert_eq!(status, 200);
    assert!(body.contains("Editor's overview"));
}

#[test]
fn no_request_reads_outside_the_site() {
    let s = Server::start("good");
    let attempts = [
        "/../secret.txt",
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/img/..%2f..%2f..%2fsecret.txt",
        "/..%5c..%5csecret.txt",
        "/img\\..\\..\\secret.txt",
        "/%00/secret.txt",
        "/C:/secret.txt",
        "/site.yaml",
        "/content/leaflets/tryg.md",
        "/img/",
    ];
    for path in attempts {
        let (status, _, body) = s.get(path);
        assert!(matches!(status, 400 | 404), "{path} gave {status}");
        assert!(!body.contains("TOP-SECRET") && !body.contains("base_url"), "{path} leaked a file");
    }
    let long = format!("/{}", "a/".repeat(2000));
    let (status, _, _) = s.get(&long);
    assert_eq!(status, 414);
}

#[test]
fn a_save_reloads_and_a_mistake_shows_while_the_old_page_stays() {
    let s = Server::start("good");
    let events = s.events();
    let leaflet = s.root.join("content/leaflets/tryg.md");
    let original = std::fs::read_to_string(&leaflet).unwrap();

    std::fs::write(&leaflet, original.replace("Tryg om natten", "Tryg hele natten")).unwrap();
    let (event, _) = next_event(&events);
    assert_eq!(event, "reload");
    let (_, _, body) = s.get("/leaflets/tryg/");
    assert!(body.contains("Tryg hele natten"));

    std::fs::write(&leaflet, original.replace("problems: [tryghed, soevn]", "problems: [trygged, soevn]")).unwrap();
    let (event, data) = next_event(&events);
    assert_eq!(event, "errors");
    assert!(data.contains("content/leaflets/tryg.md:"), "{data}");
    assert!(data.contains("Did you mean `tryghed`?"), "{data}");
    let (status, _, body) = s.get("/leaflets/tryg/");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(body.contains("Tryg hele natten"));
    let (_, _, status_json) = s.get("/__pjece/status");
    assert!(status_json.contains("trygged"), "{status_json}");

    std::fs::write(&leaflet, &original).unwrap();
    let (event, _) = next_event(&events);
    assert_eq!(event, "reload");
    let (_, _, status_json) = s.get("/__pjece/status");
    assert!(status_json.contains("\"errors\":[]"), "{status_json}");
}

#[test]
fn a_theme_stylesheet_change_swaps_css_without_reload() {
    let s = Server::start("good");
    let events = s.events();
    let css = s.root.join("themes/default/assets/style.css");
    // A new themes/ folder is a new thing to watch: the site is rebuilt and the page reloads.
    std::fs::create_dir_all(css.parent().unwrap()).unwrap();
    let (event, _) = next_event(&events);
    assert_eq!(event, "reload");
    std::fs::write(&css, "body { color: #000; }\n").unwrap();
    let (event, _) = next_event(&events);
    assert_eq!(event, "css");
    let (_, _, body) = s.get("/assets/style.css");
    assert_eq!(body, "body { color: #000; }\n");
}

#[test]
fn a_hundred_clients_at_once_are_all_served() {
    let s = Server::start("good");
    let port = s.port;
    let handles: Vec<_> = (0..100)
        .map(|i| {
            std::thread::spawn(move || {
                let path = if i % 2 == 0 { "/" } else { "/leaflets/tryg/" };
                let mut c = TcpStream::connect(("127.0.0.1", port)).unwrap();
                c.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
                c.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes()).unwrap();
                let mut buf = Vec::new();
                c.read_to_end(&mut buf).unwrap();
                String::from_utf8_lossy(&buf[..12.min(buf.len())]).into_owned()
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), "HTTP/1.1 200");
    }
}

/// Every file of a fresh `pjece build` of `root`, by path inside the output.
fn fresh_build(root: &Path, base_url: &str) -> Vec<(String, Vec<u8>)> {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let status = Command::new(env!("CARGO_BIN_EXE_pjece"))
        .args(["build", "--drafts", "--root"])
        .arg(root)
        .arg("--out")
        .arg(&target)
        .args(["--base-url", base_url])
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    let mut files = Vec::new();
    let mut stack = vec![target.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let rel = e.path().strip_prefix(&target).unwrap().to_string_lossy().replace('\\', "/");
                if rel != ".pjece-output" {
                    files.push((rel, std::fs::read(e.path()).unwrap()));
                }
            }
        }
    }
    files.sort();
    files
}

#[test]
fn incremental_rebuilds_serve_the_same_pages_as_a_full_build() {
    let s = Server::start("good");
    let events = s.events();
    let leaflet = s.root.join("content/leaflets/tryg.md");
    let original = std::fs::read_to_string(&leaflet).unwrap();
    // A text edit, then a title edit (which changes the cards on other pages too).
    for edit in [
        original.replace("Et natlys kan hjælpe.", "Et natlys kan hjælpe dig."),
        original.replace("Tryg om natten", "Rolig om natten"),
    ] {
        std::fs::write(&leaflet, &edit).unwrap();
        assert_eq!(next_event(&events).0, "reload");
        let expected = fresh_build(&s.root, &format!("http://127.0.0.1:{}/", s.port));
        // The search index is brought up to date just after the reload event.
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let mut differing = Vec::new();
            for (path, bytes) in &expected {
                let (status, _, body) = s.raw(&format!("GET /{path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
                let body =
                    String::from_utf8_lossy(&body).replace("<script src=\"/__pjece/reload.js\" defer></script>", "");
                if status != 200 || body.as_bytes() != bytes.as_slice() {
                    differing.push(path.clone());
                }
            }
            if differing.is_empty() {
                break;
            }
            assert!(Instant::now() < deadline, "served pages differ from a full build: {differing:?}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}
