//! Micro-benchmarks of aggregation: `Aggregator::add_response` for every response then
//! `finish`, with and without quote candidates, and quote selection alone (`quote_span` +
//! `score_quote` around each theme's first evidence).
//!
//! Input: every non-blank free-text answer of `corpus/stable-homes/responses.csv`, coded
//! once (before timing) with `corpus/stable-homes/codebook.toml`. Each benchmark checks its
//! result inside the timed loop. Run: `cargo bench -p tally-aggregate`.

use divan::counter::ItemsCount;
use divan::{black_box, Bencher};
use tally_aggregate::{quote_span, score_quote, Aggregator, QuestionInfo, Settings, ThemeInfo};
use tally_code::{Codebook, Matcher, Scratch, ThemeHit};
use tally_ingest::Response;

fn main() {
    divan::main();
}

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/stable-homes/");

struct Fixture {
    questions: Vec<QuestionInfo>,
    types: Vec<String>,
    themes: Vec<ThemeInfo>,
    coded: Vec<(Response, Vec<ThemeHit>)>,
    /// Responses with at least one theme.
    with_themes: u64,
    /// (response, hit) pairs with evidence, and the sum of their quote scores.
    quotable: usize,
    score_sum: i64,
}

fn fixture() -> Fixture {
    let src =
        std::fs::read_to_string(format!("{DIR}consultation.toml")).expect("consultation.toml");
    let consultation: toml::Table = toml::from_str(&src).expect("consultation.toml parses");
    let types: Vec<String> = consultation["respondents"]["types"]
        .as_array()
        .expect("types")
        .iter()
        .filter_map(|t| t.as_str().map(String::from))
        .collect();
    let id_col = consultation["respondents"]["id_column"]
        .as_str()
        .expect("id_column");
    let type_col = consultation["respondents"]["type_column"]
        .as_str()
        .expect("type_column");
    let mut questions = Vec::new();
    let mut text_cols = Vec::new();
    for q in consultation["questions"].as_array().expect("[[questions]]") {
        let id = q["id"].as_str().expect("id").to_string();
        questions.push(QuestionInfo {
            id: id.clone(),
            text: q["text"].as_str().unwrap_or("").to_string(),
            answers: Vec::new(),
            closed: Default::default(),
        });
        if let Some(col) = q.get("text_column").and_then(|c| c.as_str()) {
            text_cols.push((id, col.to_string()));
        }
    }

    let book_src = std::fs::read_to_string(format!("{DIR}codebook.toml")).expect("codebook.toml");
    let book = Codebook::parse(&book_src, "codebook.toml").expect("codebook parses");
    let matcher = Matcher::compile(&book).expect("codebook compiles");
    let themes = book.themes.iter().map(ThemeInfo::from).collect();

    let mut rdr = csv::Reader::from_path(format!("{DIR}responses.csv")).expect("responses.csv");
    let headers = rdr.headers().expect("header").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .expect("column in the header")
    };
    let (id_i, type_i) = (col(id_col), col(type_col));
    let cols: Vec<(String, usize)> = text_cols.iter().map(|(q, c)| (q.clone(), col(c))).collect();
    let source = tally_ingest::SourceName::from("responses.csv");
    let mut scratch = Scratch::default();
    let mut coded = Vec::new();
    for (row, rec) in rdr.records().enumerate() {
        let rec = rec.expect("row");
        let respondent = rec.get(id_i).unwrap_or("").to_string();
        let ty = rec
            .get(type_i)
            .filter(|t| !t.is_empty())
            .unwrap_or("Not stated");
        for (q, c) in &cols {
            let text = rec.get(*c).unwrap_or("");
            if text.trim().is_empty() {
                continue;
            }
            let r = Response {
                id: format!("{respondent}:{q}").into(),
                respondent: respondent.as_str().into(),
                question: q.as_str().into(),
                respondent_type: (*ty).into(),
                text: text.to_string(),
                source,
                line: row as u64 + 2,
            };
            let hits = matcher.code(&mut scratch, &r.question, &r.text);
            coded.push((r, hits));
        }
    }
    let with_themes = coded.iter().filter(|(_, h)| !h.is_empty()).count() as u64;
    let (quotable, score_sum) = quote_all(&coded);
    assert!(
        quotable > 1000,
        "the example corpus has quotable evidence: {quotable}"
    );
    Fixture {
        questions,
        types,
        themes,
        coded,
        with_themes,
        quotable,
        score_sum,
    }
}

/// `quote_span` + `score_quote` around each theme's first evidence: (quotes, score sum).
fn quote_all(coded: &[(Response, Vec<ThemeHit>)]) -> (usize, i64) {
    let mut n = 0;
    let mut sum = 0;
    for (r, hits) in coded {
        for h in hits {
            let Some(first) = h.evidence.first() else {
                continue;
            };
            let span = quote_span(black_box(&r.text), first.start as usize, first.end as usize);
            let inside = h
                .evidence
                .iter()
                .filter(|e| e.start as usize >= span.start && e.end as usize <= span.end)
                .count();
            sum += score_quote(&r.text, &span, inside);
            n += 1;
        }
    }
    (n, sum)
}

fn bench_aggregate(bencher: Bencher, quotes: usize) {
    let f = fixture();
    let settings = Settings {
        quotes,
        ..Settings::default()
    };
    bencher
        .counter(ItemsCount::new(f.coded.len()))
        .bench_local(|| {
            let mut agg = Aggregator::new(
                f.questions.clone(),
                f.types.clone(),
                f.themes.clone(),
                settings,
            );
            for (r, hits) in &f.coded {
                agg.add_response(black_box(r), black_box(hits));
            }
            let summary = agg.finish();
            assert_eq!(summary.responses, f.coded.len() as u64);
            assert_eq!(black_box(summary.coded_responses), f.with_themes);
            let quoted = summary
                .questions
                .iter()
                .flat_map(|q| &q.themes)
                .any(|t| !t.quotes.is_empty());
            assert_eq!(quoted, quotes > 0);
        });
}

/// `add_response` for every response, then `finish`, with 3 quotes per cell (the default).
#[divan::bench]
fn add_response_finish(bencher: Bencher) {
    bench_aggregate(bencher, 3);
}

/// The same with quotes off (`--quotes 0`): counting alone.
#[divan::bench]
fn add_response_finish_no_quotes(bencher: Bencher) {
    bench_aggregate(bencher, 0);
}

/// Quote selection alone: `quote_span` + `score_quote` for every theme of every response.
#[divan::bench]
fn quote_span_score(bencher: Bencher) {
    let f = fixture();
    bencher
        .counter(ItemsCount::new(f.quotable))
        .bench_local(|| {
            let (n, sum) = quote_all(&f.coded);
            assert_eq!(n, f.quotable);
            assert_eq!(black_box(sum), f.score_sum);
        });
}
