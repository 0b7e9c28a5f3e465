//! report.html in a real browser: loads from `file://` with no console error and no network
//! request, its bars say what themes.csv says, its "Show table" toggles work by keyboard,
//! its colours meet WCAG AA and every chart is labelled, it fits a 320 px screen; and the
//! page's load time is measured; and the run writes the screenshot README shows
//! (docs/screenshots/report.png).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use crate::harness::{key, Browser};
use fantoccini::key::Key;

/// The corpus analysed once for all the tests of this file (the folder lives as long as the
/// test process).
fn corpus_output() -> &'static Path {
    static OUT: OnceLock<tempfile::TempDir> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
        let out = dir.path().join("out");
        let run = Command::new(env!("CARGO_BIN_EXE_tally"))
            .args(["analyse", "corpus/", "--out"])
            .arg(&out)
            .arg("--quiet")
            .current_dir(&root)
            .output()
            .expect("tally runs");
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        dir
    })
    .path()
}

fn report() -> PathBuf {
    corpus_output().join("out/report.html")
}

#[test]
fn loads_from_disk_with_no_console_error_and_no_request() {
    let Some(b) = Browser::start() else { return };
    b.open(&report());
    assert!(b.find("h1").text().contains("summary of responses"));
    assert_eq!(b.console_errors(), Vec::<String>::new());
    assert_eq!(b.network_requests(), Vec::<String>::new());
    // the example corpus (about 500 respondents): the time to the load event of a second
    // opening (the browser warm), printed on stderr beside that of a plain page of the same
    // size, so that a shared, loaded machine does not fail the test but a slow page does
    let report_ms = load_ms(&b, &report());
    let plain = corpus_output().join("plain.html");
    let size = std::fs::metadata(report()).expect("report.html").len() as usize;
    let para = "<p>Plain text of about the same size as the report, for comparison.</p>\n";
    std::fs::write(
        &plain,
        format!(
            "<!DOCTYPE html><title>plain</title>{}",
            para.repeat(size / para.len())
        ),
    )
    .expect("a plain page");
    let plain_ms = load_ms(&b, &plain);
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "report.html (example corpus, {size} bytes) loaded in {report_ms:.0} ms; a plain page of that size in {plain_ms:.0} ms"
    );
    assert!(
        report_ms < plain_ms * 3.0 + 300.0,
        "report.html took {report_ms:.0} ms to load, a plain page of its size {plain_ms:.0} ms"
    );
}

/// Opens `page` and returns the milliseconds from navigation to the load event.
fn load_ms(b: &Browser, page: &Path) -> f64 {
    b.open(page);
    let ms = b.eval(
        "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime",
        vec![],
    );
    ms.as_f64().expect("a time")
}

/// themes.csv's headline figures: (question, theme) → (count, base, percent), for the
/// themes anyone raised (`all` count above 0, as the report ranks them).
fn themes_csv() -> BTreeMap<(String, String), (String, String, String)> {
    let mut rd =
        csv::Reader::from_path(corpus_output().join("out/themes.csv")).expect("themes.csv");
    let rows: Vec<csv::StringRecord> = rd.records().map(|r| r.expect("a row")).collect();
    let raised: Vec<(String, String)> = rows
        .iter()
        .filter(|r| &r[3] == "all" && &r[4] != "0")
        .map(|r| (r[0].to_string(), r[1].to_string()))
        .collect();
    rows.iter()
        .filter(|r| &r[3] == "headline")
        .map(|r| {
            (
                (r[0].to_string(), r[1].to_string()),
                (r[4].into(), r[5].into(), r[6].into()),
            )
        })
        .filter(|(k, _)| raised.contains(k))
        .collect()
}

#[test]
fn every_bar_says_what_themes_csv_says() {
    let Some(b) = Browser::start() else { return };
    b.open(&report());
    let bars = b.eval(
        "return Array.from(document.querySelectorAll('section[data-question] svg g.bar')).map(g => \
         [g.closest('section').dataset.question, g.dataset.theme, g.dataset.count, g.dataset.base, g.dataset.percent])",
        vec![],
    );
    let mut shown = BTreeMap::new();
    for bar in bars.as_array().expect("a list") {
        let f = |i: usize| bar[i].as_str().expect("a string").to_string();
        let old = shown.insert((f(0), f(1)), (f(2), f(3), f(4)));
        assert!(old.is_none(), "two bars for {bar}");
    }
    let want = themes_csv();
    assert!(want.len() > 20, "{want:?}");
    assert_eq!(
        shown, want,
        "the bars differ from themes.csv's headline rows"
    );
}

#[test]
fn show_table_works_by_keyboard_with_a_visible_focus() {
    let Some(b) = Browser::start() else { return };
    b.open(&report());
    let summary = b.find("details.data > summary");
    // Tab to the toggle from the element before it in the tab order
    summary.eval(
        "const all = Array.from(document.querySelectorAll('a[href], summary, [tabindex=\"0\"]')); \
         all[all.indexOf(arguments[0]) - 1].focus()",
    );
    b.press(&key(Key::Tab));
    let focused = b.focused();
    assert_eq!(focused.eval("return arguments[0].tagName"), "SUMMARY");
    let focus = focused.css("background-color");
    assert!(
        focus.contains("255, 221, 0"),
        "focus is not visible: {focus}"
    );
    let table = b.find("details.data table");
    assert_eq!(table.text(), "", "the table shows before the toggle");
    b.press(&key(Key::Enter));
    assert!(
        b.find("details.data").attr("open").is_some(),
        "Enter did not open it"
    );
    assert!(b.find("details.data table").text().contains("Count"));
    b.press(" ");
    assert!(
        b.find("details.data").attr("open").is_none(),
        "Space did not close it"
    );
}

/// WCAG contrast of the computed colours: body text, links, headings, table cells (the
/// shaded and the greyed), the chart's text and bars (as graphics, against the page).
const CONTRAST: &str = r#"
const rgb = s => (s.match(/[\d.]+/g) || []).map(Number);
const lum = c => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
  return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
const over = (fg, bg) => { const a = fg.length > 3 ? fg[3] : 1;
  return [0, 1, 2].map(i => fg[i] * a + bg[i] * (1 - a)); };
const bgOf = el => { for (let e = el; e; e = e.parentElement) {
  const c = rgb(getComputedStyle(e).backgroundColor);
  if (c.length > 3 && c[3] === 0) continue;
  return over(c, [255, 255, 255]); } return [255, 255, 255]; };
const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05); };
const worst = {};
const check = (what, sel, colour) => { for (const el of document.querySelectorAll(sel)) {
  const fg = rgb(colour(el)), r = ratio(over(fg, bgOf(el)), bgOf(el));
  if (!(what in worst) || r < worst[what]) worst[what] = r; } };
check('text', 'p, li, td, th, caption, figcaption', el => getComputedStyle(el).color);
check('links', 'a', el => getComputedStyle(el).color);
check('headings', 'h1, h2, h3', el => getComputedStyle(el).color);
check('greyed cells', 'td.small', el => getComputedStyle(el).color);
check('chart text', 'svg text', el => getComputedStyle(el).fill);
check('bars', 'svg g.bar rect', el => getComputedStyle(el).fill);
return worst;
"#;

#[test]
fn colours_meet_wcag_aa_and_every_chart_is_labelled() {
    let Some(b) = Browser::start() else { return };
    b.open(&report());
    let worst = b.eval(CONTRAST, vec![]);
    for (what, min) in [
        ("text", 4.5),
        ("links", 4.5),
        ("headings", 4.5),
        ("greyed cells", 4.5),
        ("chart text", 4.5),
        ("bars", 3.0),
    ] {
        let r = worst[what]
            .as_f64()
            .unwrap_or_else(|| panic!("no {what} measured"));
        assert!(r >= min, "{what}: contrast {r:.2} under {min}");
    }
    let charts = b.eval(
        "return Array.from(document.querySelectorAll('svg')).map(s => \
         [s.getAttribute('role'), s.getAttribute('aria-label') || '', \
          (s.querySelector(':scope > title') || {}).textContent || ''])",
        vec![],
    );
    let charts = charts.as_array().expect("a list");
    assert!(!charts.is_empty());
    for c in charts {
        assert_eq!(c[0], "img", "{c}");
        let label = c[1].as_str().unwrap_or_default();
        assert!(
            label.chars().any(|ch| ch.is_ascii_digit()),
            "a chart's label has no numbers: {c}"
        );
        assert_eq!(c[1], c[2], "the title differs from the label: {c}");
    }
}

#[test]
fn fits_a_320_pixel_screen() {
    let Some(b) = Browser::start() else { return };
    b.open(&report());
    b.resize(320, 640);
    let wide = b.eval(
        "return [document.documentElement.clientWidth, document.documentElement.scrollWidth]",
        vec![],
    );
    assert!(
        wide[1].as_u64() <= wide[0].as_u64(),
        "the page scrolls sideways at 320 px: {wide}"
    );
}

#[test]
fn writes_the_screenshot_readme_shows() {
    let Some(b) = Browser::start() else { return };
    b.open(&report());
    // the first question's themes chart at the top, its heading just above
    b.find("section[data-question]:not([data-question=all]) svg.bars")
        .eval("arguments[0].closest('figure').scrollIntoView(); window.scrollBy(0, -120)");
    let shot = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots/report.png");
    b.screenshot(&shot);
    let png = std::fs::read(&shot).expect("the screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    assert!(
        png.len() > 20_000,
        "a blank screenshot? {} bytes",
        png.len()
    );
}
