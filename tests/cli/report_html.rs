//! report.html: the same numbers as summary.md, text from input escaped, self-contained, and
//! under its size bound.

use regex::Regex;

use crate::common::{analyse_corpus, fixture, read_output, root, tally};

/// Every ranked theme's (count, base, share as printed) in document order: summary.md's
/// numbered theme lines, and report.html's chart bars.
fn summary_figures(md: &str) -> Vec<(u64, u64, String)> {
    let line = Regex::new(r"^\d+\. ").unwrap();
    let figure = Regex::new(r"(?:\(|coder's count )([<>]?\d+%|–), ([\d,]+) of ([\d,]+)").unwrap();
    md.lines()
        .filter(|l| line.is_match(l))
        .filter_map(|l| figure.captures(l))
        .map(|c| (num(&c[2]), num(&c[3]), c[1].to_string()))
        .collect()
}

fn report_figures(html: &str) -> Vec<(u64, u64, String)> {
    let bar = Regex::new(
        r#"<g class="bar" data-theme="[^"]*" data-count="(\d+)" data-base="(\d+)" data-percent="\d*">.*?<text class="value"[^>]*>[\d,]+ \((&lt;1%|&gt;99%|\d+%|–)\)</text>"#,
    )
    .unwrap();
    bar.captures_iter(html)
        .map(|c| {
            let share = c[3].replace("&lt;", "<").replace("&gt;", ">");
            (num(&c[1]), num(&c[2]), share)
        })
        .collect()
}

fn num(s: &str) -> u64 {
    s.replace(',', "").parse().expect("a number")
}

#[test]
fn every_theme_figure_agrees_with_summary_md() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyse_corpus(&out, &[]);
    let md = summary_figures(&read_output(&out, "summary.md"));
    let html = read_output(&out, "report.html");
    let bars = report_figures(&html);
    assert!(
        md.len() > 20,
        "too few theme lines found in summary.md: {md:?}"
    );
    assert_eq!(
        bars, md,
        "report.html's bars differ from summary.md's theme lines"
    );
    // every chart is labelled with its numbers
    let svgs = html.matches("<svg ").count();
    assert!(svgs > 0);
    assert_eq!(html.matches("<svg class=\"").count(), svgs);
    assert_eq!(
        Regex::new(r#"<svg [^>]*role="img"[^>]*aria-label="[^"]+\d[^"]*""#)
            .unwrap()
            .find_iter(&html)
            .count(),
        svgs,
        "an SVG chart without a role and a label with numbers"
    );
}

#[test]
fn report_is_self_contained() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    analyse_corpus(&out, &[]);
    let html = read_output(&out, "report.html");
    assert!(html.contains(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        tally_report::CSP
    )));
    for remote in [
        "src=\"http",
        "href=\"http",
        "url(",
        "@import",
        "<link",
        "<img",
        "<iframe",
    ] {
        assert!(!html.contains(remote), "report.html contains {remote:?}");
    }
    assert_eq!(html.matches("<script").count(), 1, "one inline script");
    assert!(!html.contains("<script src"), "no external script");
}

#[test]
fn text_from_input_cannot_become_markup() {
    let book = "name = \"<script>alert('book')</script>\"\n[[themes]]\nid = \"funding\"\n\
        label = \"Funding <img src=x onerror=alert(1)>\"\nstatement = \"said \\\"<b>more</b>\\\" money\"\n\
        [[themes.rules]]\nmatch = [\"funding\"]\n";
    let hostile_type = "Parent\\\" onmouseover=\\\"alert(2)";
    let mut lines = String::new();
    for i in 0..12 {
        lines.push_str(&format!(
            "{{\"id\":\"r{i}<i>\",\"respondent_type\":\"{hostile_type}\",\"question\":\"Q1\",\
             \"text\":\"We need funding </blockquote><script>alert({i})</script> \\u0007 now\"}}\n"
        ));
    }
    let dir = fixture(&[
        ("in/codebook.toml", book.as_bytes()),
        ("in/r.jsonl", lines.as_bytes()),
    ]);
    let run = tally(dir.path(), &["analyse", "in", "--out", "out", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let html = std::fs::read_to_string(dir.path().join("out/report.html")).unwrap();
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    for bad in [
        "<img",
        "<b>",
        "<i>",
        "</blockquote><script",
        "onmouseover=\"",
        "\u{7}",
    ] {
        assert!(!html.contains(bad), "{bad:?} reached report.html");
    }
    assert!(
        html.contains("&lt;script&gt;alert("),
        "the text is shown as typed"
    );
    assert!(
        html.contains("Funding &lt;img"),
        "the label is shown as typed"
    );
}

#[test]
fn a_large_synthetic_run_stays_small() {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("synth");
    let run = tally(
        &root(),
        &[
            "synth",
            "--respondents",
            "2000",
            "--seed",
            "7",
            "--out",
            data.to_str().unwrap(),
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = tmp.path().join("out");
    let run = tally(
        tmp.path(),
        &[
            "analyse",
            data.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--quiet",
            "--quotes",
            "50",
        ],
    );
    assert!(run.code == 0 || run.code == 2, "{}", run.stderr);
    let html = read_output(&out, "report.html");
    // quotes are capped per theme whatever --quotes asks, so the page does not grow with
    // the respondents: at 2,000 it is well under the 5 MB bound for 100,000
    let cap = tally_report::QUOTES_PER_THEME;
    for section in html.split("<li><p>").skip(1) {
        let item = section.split("</li>").next().unwrap_or_default();
        assert!(
            item.matches("<blockquote>").count() <= cap,
            "more than {cap} quotes"
        );
    }
    // and so are the campaigns described (the largest), with the rest counted
    let summary = read_output(&out, "summary.md");
    let (in_md, in_html) = (
        summary.matches("> — template, ").count(),
        html.matches("— template, <code>").count(),
    );
    assert_eq!(in_html, in_md.min(tally_report::CAMPAIGNS_SHOWN));
    assert!(
        in_md <= tally_report::CAMPAIGNS_SHOWN
            || html.contains("largest campaigns are described above")
    );
    assert!(
        html.len() < 1_000_000,
        "report.html is {} bytes",
        html.len()
    );
}
