//! Input for the micro-benchmarks: every non-blank free-text answer of the example corpus
//! (`corpus/stable-homes/responses.csv`), with its question id, the free-text columns taken
//! from the corpus's `consultation.toml`. A development crate: the benchmarks of `text`,
//! `code` and `redact` share this one loader.

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
