//! Checks a codebook file: `cargo run -p tally-code --example check FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: check FILE");
    let src = std::fs::read_to_string(&path).expect("readable file");
    match tally_code::Codebook::parse(&src, &path) {
        Ok(b) => {
            let m = tally_code::Matcher::compile(&b)
                .map_err(|e| format!("{e:?}"))
                .unwrap();
            println!("ok: {} themes, {} rules", b.themes.len(), m.rule_count());
        }
        Err(es) => es.iter().for_each(|e| println!("{e}")),
    }
}
