//! A headless chromium, driven over WebDriver (chromedriver, through `fantoccini`), for the
//! tests of tally's HTML pages.
//!
//! [`Browser::start`] finds `chromedriver` and `chromium` (Debian's `chromium-driver` and
//! `chromium`, which `just setup` installs), starts chromedriver on a free local port and opens
//! a headless session with a fixed window size. Where either program is missing it returns
//! `None` after a one-line notice on stderr, so a machine without a browser tests clean; with
//! `TALLY_REQUIRE_BROWSER` set (as `.ci/run` sets it) it panics instead, so CI never skips the
//! browser tests silently.
//!
//! The API is blocking (each `Browser` owns a small tokio runtime), so the tests are plain
//! `#[test]` functions. One browser runs at a time: `start` waits for the previous `Browser`
//! to be dropped (the machine is small and chromium is not).
//!
//! What a test can ask: [`Browser::open`] a file as a `file://` page, the page's console
//! errors ([`Browser::console_errors`], chromium's `browser` log at level SEVERE, which also
//! holds uncaught exceptions, CSP violations and failed loads), the network requests it made
//! ([`Browser::network_requests`], `Network.requestWillBeSent` entries of the performance log,
//! `file://` and `data:` URLs excluded), element queries, clicks, key presses, JavaScript
//! evaluation and screenshots.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// The browser window's size in CSS pixels (fixed so screenshots and layout are repeatable).
pub const WINDOW: (u32, u32) = (1280, 1000);

/// Serialises the browser tests: one chromium at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The chromium / chromedriver program names looked for on the PATH, in order.
const CHROMIUM: &[&str] = &["chromium", "chromium-browser", "google-chrome"];
const CHROMEDRIVER: &[&str] = &["chromedriver"];

/// A headless chromium session. Dropping it closes the session and stops chromedriver.
pub struct Browser {
    rt: tokio::runtime::Runtime,
    client: Option<Client>,
    driver: Child,
    _turn: MutexGuard<'static, ()>,
}

/// An element of the page, as found by [`Browser::find`] or [`Browser::find_all`].
pub struct El<'b> {
    browser: &'b Browser,
    el: Element,
}

impl Browser {
    /// Starts chromedriver and a headless chromium, or returns `None` (after a notice on
    /// stderr) when either is not installed and `TALLY_REQUIRE_BROWSER` is not set.
    ///
    /// # Panics
    /// When a program is missing and `TALLY_REQUIRE_BROWSER` is set, or when chromedriver
    /// does not start or refuses the session.
    pub fn start() -> Option<Browser> {
        let (Some(chromium), Some(driver)) = (find_program(CHROMIUM), find_program(CHROMEDRIVER))
        else {
            assert!(
                std::env::var_os("TALLY_REQUIRE_BROWSER").is_none(),
                "chromium or chromedriver is not installed and TALLY_REQUIRE_BROWSER is set: \
                 run `just setup` (Debian's chromium and chromium-driver)"
            );
            // written to the process's stderr, not through eprintln!, so the test harness
            // does not capture it: the notice shows in every `cargo test` run
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "note: skipped a browser test: chromium or chromedriver is not installed \
                 (`just setup` installs them)"
            );
            return None;
        };
        let turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
        let port = free_port();
        let child = Command::new(&driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", driver.display()));
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a tokio runtime");
        let mut browser = Browser {
            rt,
            client: None,
            driver: child,
            _turn: turn,
        };
        wait_for_port(port);
        let caps = capabilities(&chromium);
        let client = browser.rt.block_on(async {
            ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
                .capabilities(caps)
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
        });
        browser.client = Some(client.unwrap_or_else(|e| panic!("chromedriver session: {e}")));
        Some(browser)
    }

    fn client(&self) -> &Client {
        self.client.as_ref().expect("an open session")
    }

    /// Loads `path` (made absolute) as a `file://` page and waits for it to finish loading.
    pub fn open(&self, path: &Path) {
        let abs = std::fs::canonicalize(path)
            .unwrap_or_else(|e| panic!("cannot open {}: {e}", path.display()));
        let url = url::Url::from_file_path(&abs).expect("an absolute path");
        self.rt
            .block_on(self.client().goto(url.as_str()))
            .unwrap_or_else(|e| panic!("loading {url}: {e}"));
    }

    /// The console errors since the last call (chromium's `browser` log, level SEVERE):
    /// `console.error` calls, uncaught exceptions, CSP violations, failed loads.
    pub fn console_errors(&self) -> Vec<String> {
        self.log("browser")
            .into_iter()
            .filter(|e| e["level"] == "SEVERE")
            .map(|e| e["message"].as_str().unwrap_or_default().to_owned())
            .collect()
    }

    /// The URLs of the network requests the page made since the last call (from the
    /// performance log's `Network.requestWillBeSent` events); `file://` and `data:` URLs
    /// are left out, so a self-contained page yields none.
    pub fn network_requests(&self) -> Vec<String> {
        self.log("performance")
            .into_iter()
            .filter_map(|e| serde_json::from_str::<Value>(e["message"].as_str()?).ok())
            .filter(|m| m["message"]["method"] == "Network.requestWillBeSent")
            .filter_map(|m| {
                m["message"]["params"]["request"]["url"]
                    .as_str()
                    .map(str::to_owned)
            })
            .filter(|u| !u.starts_with("file://") && !u.starts_with("data:"))
            .collect()
    }

    /// The entries of one of chromedriver's logs (`browser` or `performance`) since the
    /// last read of that log.
    fn log(&self, kind: &'static str) -> Vec<Value> {
        let v = self
            .rt
            .block_on(self.client().issue_cmd(GetLog(kind)))
            .unwrap_or_else(|e| panic!("reading the {kind} log: {e}"));
        v.as_array().cloned().unwrap_or_default()
    }

    /// The first element matching the CSS selector.
    ///
    /// # Panics
    /// When none matches.
    pub fn find(&self, css: &str) -> El<'_> {
        let el = self
            .rt
            .block_on(self.client().find(Locator::Css(css)))
            .unwrap_or_else(|e| panic!("no element matches {css:?}: {e}"));
        El { browser: self, el }
    }

    /// Every element matching the CSS selector, in document order.
    pub fn find_all(&self, css: &str) -> Vec<El<'_>> {
        self.rt
            .block_on(self.client().find_all(Locator::Css(css)))
            .unwrap_or_else(|e| panic!("querying {css:?}: {e}"))
            .into_iter()
            .map(|el| El { browser: self, el })
            .collect()
    }

    /// The element that has the keyboard focus.
    pub fn focused(&self) -> El<'_> {
        let el = self
            .rt
            .block_on(self.client().active_element())
            .expect("the active element");
        El { browser: self, el }
    }

    /// Types `keys` into the focused element, as a user would (so Tab moves the focus and
    /// Enter / Space activate). Special keys are [`fantoccini::key::Key`] values: `&key(Key::Tab)`
    /// (see [`key`]), or `&(Key::Tab + "")` to mix with text.
    pub fn press(&self, keys: &str) {
        let el = self.focused();
        el.send_keys(keys);
    }

    /// Runs `script` (a function body: use `return` and `arguments[i]`) in the page and
    /// returns its result.
    pub fn eval(&self, script: &str, args: Vec<Value>) -> Value {
        self.rt
            .block_on(self.client().execute(script, args))
            .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
    }

    /// Writes a PNG screenshot of the window to `path` (creating its folder).
    pub fn screenshot(&self, path: &Path) {
        let png = self
            .rt
            .block_on(self.client().screenshot())
            .expect("a screenshot");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).expect("the screenshot's folder");
        }
        std::fs::write(path, png).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }

    /// Resizes the window to `width` × `height` CSS pixels (e.g. 320 wide for a phone).
    pub fn resize(&self, width: u32, height: u32) {
        self.rt
            .block_on(self.client().set_window_size(width, height))
            .expect("resizing the window");
    }
}

impl El<'_> {
    /// Clicks the element.
    pub fn click(&self) {
        self.browser
            .rt
            .block_on(self.el.click())
            .expect("clicking an element");
    }

    /// Types `keys` into the element (see [`Browser::press`]).
    pub fn send_keys(&self, keys: &str) {
        self.browser
            .rt
            .block_on(self.el.send_keys(keys))
            .expect("typing into an element");
    }

    /// The element's attribute `name`, if it has one.
    pub fn attr(&self, name: &str) -> Option<String> {
        self.browser
            .rt
            .block_on(self.el.attr(name))
            .expect("reading an attribute")
    }

    /// The element's rendered text (empty when hidden).
    pub fn text(&self) -> String {
        self.browser
            .rt
            .block_on(self.el.text())
            .expect("reading the text")
    }

    /// The computed value of the CSS property `prop`.
    pub fn css(&self, prop: &str) -> String {
        self.browser
            .rt
            .block_on(self.el.css_value(prop))
            .expect("reading a computed style")
    }

    /// Runs `script` with this element as `arguments[0]` and returns its result.
    pub fn eval(&self, script: &str) -> Value {
        let arg = serde_json::to_value(&self.el).expect("an element reference");
        self.browser.eval(script, vec![arg])
    }
}

/// A special key (Tab, Enter, arrows…) as the one-char string WebDriver expects.
pub fn key(k: fantoccini::key::Key) -> String {
    char::from(k).to_string()
}

impl Drop for Browser {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            let _ = self.rt.block_on(client.close());
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Capabilities of the session: headless chromium with a fixed window, both logs on.
fn capabilities(chromium: &Path) -> Capabilities {
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--hide-scrollbars", "--force-device-scale-factor=1",
                format!("--window-size={},{}", WINDOW.0, WINDOW.1),
            ],
        },
        "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
    });
    match caps {
        Value::Object(map) => map,
        _ => unreachable!("a JSON object literal"),
    }
}

/// chromedriver's log endpoint (not in W3C WebDriver, so not in fantoccini's API).
#[derive(Debug)]
struct GetLog(&'static str);

impl WebDriverCompatibleCommand for GetLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (
            http::Method::POST,
            Some(json!({ "type": self.0 }).to_string()),
        )
    }
}

/// The first of `names` found on the PATH.
fn find_program(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A local port nobody listens on (the OS's pick; chromedriver binds it right after).
fn free_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").expect("a free local port");
    l.local_addr().expect("its address").port()
}

/// Waits (up to 20 s) until chromedriver accepts connections on `port`.
fn wait_for_port(port: u16) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "chromedriver did not start listening on port {port} within 20 s"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Browser {
    /// Lets the page's downloads go to `dir` without asking (chromium's DevTools command
    /// `Browser.setDownloadBehavior`, through chromedriver's `goog/cdp/execute`), so a test
    /// can read a file the page saved as a user's browser would.
    pub fn download_to(&self, dir: &Path) {
        let cmd = Cdp(json!({
            "cmd": "Browser.setDownloadBehavior",
            "params": { "behavior": "allow", "downloadPath": dir, "eventsEnabled": false },
        }));
        self.rt
            .block_on(self.client().issue_cmd(cmd))
            .unwrap_or_else(|e| panic!("allowing downloads to {}: {e}", dir.display()));
    }
}

/// A DevTools command sent through chromedriver (`goog/cdp/execute`).
#[derive(Debug)]
struct Cdp(Value);

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/goog/cdp/execute",
            session.unwrap_or_default()
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.0.to_string()))
    }
}
