//! Inputs for the micro-benchmarks — every non-blank free-text answer of the example corpus
//! (`corpus/stable-homes/responses.csv`), with its question id, the free-text columns taken
//! from the corpus's `consultation.toml` — and the random texts of the tests that compare a
//! fast path with its definition. A development crate: the benchmarks and tests of `text`,
//! `code` and `redact` share it — and [`realdata`], the real data beside the clone for the
//! tests of `ingest` and `learn`.

mod realdata;

pub use realdata::realdata;

/// The example corpus's directory.
pub const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/stable-homes/");

/// (question id, answer text as read) for every non-blank free-text answer, in file order.
pub fn answers() -> Vec<(String, String)> {
    let src =
        std::fs::read_to_string(format!("{CORPUS}consultation.toml")).expect("consultation.toml");
    let consultation: toml::Table = toml::from_str(&src).expect("consultation.toml parses");
    let questions: Vec<(String, String)> = consultation["questions"]
        .as_array()
        .expect("[[questions]]")
        .iter()
        .filter_map(|q| {
            let id = q.get("id")?.as_str()?;
            let col = q.get("text_column")?.as_str()?;
            Some((id.to_string(), col.to_string()))
        })
        .collect();
    let mut rdr = csv::Reader::from_path(format!("{CORPUS}responses.csv")).expect("responses.csv");
    let headers = rdr.headers().expect("header").clone();
    let cols: Vec<(String, usize)> = questions
        .iter()
        .map(|(id, col)| {
            let i = headers
                .iter()
                .position(|h| h == col)
                .expect("text column in the header");
            (id.clone(), i)
        })
        .collect();
    let mut out = Vec::new();
    for rec in rdr.records() {
        let rec = rec.expect("row");
        for (id, c) in &cols {
            let t = rec.get(*c).unwrap_or("");
            if !t.trim().is_empty() {
                out.push((id.clone(), t.to_string()));
            }
        }
    }
    out
}

/// `count` deterministic texts for the tests that compare a fast path with its definition:
/// each is `lengths` (a range) pieces drawn from `pieces` by a xorshift generator started at
/// `seed`, each piece followed by a space when the generator says so and `spaces` is set.
pub fn pieced_texts(
    pieces: &[&str],
    count: usize,
    lengths: std::ops::Range<u64>,
    spaces: bool,
    seed: u64,
) -> Vec<String> {
    let mut x = seed | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let span = (lengths.end - lengths.start).max(1);
    (0..count)
        .map(|_| {
            let n = lengths.start + next() % span;
            let mut text = String::new();
            for _ in 0..n {
                let r = next();
                text.push_str(pieces[(r % pieces.len() as u64) as usize]);
                if spaces && r & 0x100 != 0 {
                    text.push(' ');
                }
            }
            text
        })
        .collect()
}

/// What separates two answers in [`letter`]: a paragraph break, which also ends a sentence.
pub const LETTER_SEPARATOR: &str = "\n\n";

/// A long letter of at least `bytes` bytes, dense with the example codebook's theme words:
/// the corpus's answers ([`answers`]) in file order, cycled, separated by
/// [`LETTER_SEPARATOR`]. What a long PDF or DOCX submission looks like to the matcher.
pub fn letter(bytes: usize) -> String {
    let answers = answers();
    let mut text = String::with_capacity(bytes + 4096);
    for (_, answer) in answers.iter().cycle() {
        if text.len() >= bytes {
            break;
        }
        if !text.is_empty() {
            text.push_str(LETTER_SEPARATOR);
        }
        text.push_str(answer);
    }
    text
}
