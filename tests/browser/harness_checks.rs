//! The harness itself: on small pages written here, it sees what it is meant to see (a
//! console error, a network request, a key press, a click), and nothing on a clean page.
//! Without these, a test asserting "no console errors" could pass because the harness is
//! blind.

use std::path::PathBuf;

use fantoccini::key::Key;

use crate::harness::{key, Browser};

/// Writes `html` to a temporary folder and returns the folder (kept alive) and the file.
fn page(html: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("page.html");
    std::fs::write(&file, html).expect("writing the page");
    (dir, file)
}

#[test]
fn a_clean_page_has_no_console_errors_and_no_requests() {
    let Some(b) = Browser::start() else { return };
    let (_dir, file) = page("<!doctype html><title>t</title><p id=p>hello</p>");
    b.open(&file);
    assert_eq!(b.find("#p").text(), "hello");
    assert_eq!(b.console_errors(), Vec::<String>::new());
    assert_eq!(b.network_requests(), Vec::<String>::new());
}

#[test]
fn console_errors_and_exceptions_are_seen() {
    let Some(b) = Browser::start() else { return };
    let (_dir, file) = page(
        "<!doctype html><title>t</title>\
         <script>console.error('boom-one'); null.x;</script>",
    );
    b.open(&file);
    let errors = b.console_errors();
    assert!(errors.iter().any(|e| e.contains("boom-one")), "{errors:?}");
    assert!(errors.iter().any(|e| e.contains("TypeError")), "{errors:?}");
}

#[test]
fn network_requests_are_seen() {
    let Some(b) = Browser::start() else { return };
    // port 9 (discard) on loopback: the request is made, and fails, without leaving the machine
    let (_dir, file) =
        page("<!doctype html><title>t</title><img src='http://127.0.0.1:9/pixel.png' alt=''>");
    b.open(&file);
    let requests = b.network_requests();
    assert_eq!(requests, vec!["http://127.0.0.1:9/pixel.png".to_owned()]);
}

#[test]
fn keys_clicks_scripts_and_screenshots_work() {
    let Some(b) = Browser::start() else { return };
    let (dir, file) = page(
        "<!doctype html><title>t</title>\
         <button id=a onclick=\"document.getElementById('out').textContent='clicked a'\">a</button>\
         <button id=b onclick=\"document.getElementById('out').textContent='pressed b'\">b</button>\
         <p id=out>none</p>",
    );
    b.open(&file);
    b.find("#a").click();
    assert_eq!(b.find("#out").text(), "clicked a");
    // focus a, Tab to b, Enter activates it
    b.eval("document.getElementById('a').focus()", vec![]);
    b.press(&key(Key::Tab));
    assert_eq!(b.focused().attr("id").as_deref(), Some("b"));
    b.press(&key(Key::Enter));
    assert_eq!(b.find("#out").text(), "pressed b");
    assert_eq!(b.find_all("button").len(), 2);
    assert_eq!(b.find("#a").eval("return arguments[0].id + '!'"), "a!");
    assert_eq!(b.find("#out").css("display"), "block");
    b.resize(320, 640);
    let width = b.eval("return window.innerWidth", vec![]);
    assert!(width.as_u64().is_some_and(|w| w <= 320), "{width}");
    let shot = dir.path().join("shots/page.png");
    b.screenshot(&shot);
    let png = std::fs::read(&shot).expect("the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}
