# tally's tasks. `just` lists them.

set shell := ["bash", "-euo", "pipefail", "-c"]

# List the tasks
default:
    @just --list

# Analyse a consultation directory into output/ (the example: `just analyse corpus/`).
# The build's progress is shown: the first build takes a few minutes.
analyse dir="corpus/" *args="":
    cargo build --release
    ./target/release/tally analyse {{dir}} --out output {{args}}

# Put `tally` on the PATH (installs into ~/.cargo/bin)
install:
    cargo install --path . --locked

# Tools the tests use that cargo does not fetch: xmllint (REFI-QDA schema validation), and
# Debian's chromium and chromium-driver (the browser tests of report.html, tests/browser)
setup:
    command -v xmllint >/dev/null || (apt-get update -qq && apt-get install -y -qq libxml2-utils) || (sudo apt-get update -qq && sudo apt-get install -y -qq libxml2-utils)
    (command -v chromium >/dev/null && command -v chromedriver >/dev/null) || (apt-get update -qq && apt-get install -y -qq chromium chromium-driver) || (sudo apt-get update -qq && sudo apt-get install -y -qq chromium chromium-driver)

# Everything CI checks: formatting, lints, docs, tests, benchmarks compile
test: setup
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings
    RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
    cargo test --workspace --no-fail-fast
    cargo bench --workspace --no-run --quiet

# Check a codebook and list every error with its line and theme
check-codebook file="corpus/stable-homes/codebook.toml":
    cargo run --release --quiet -- codebook check {{file}} --consultation corpus/stable-homes/consultation.toml

# Rewrite the committed JSON Schemas from the Rust types (review the diff)
schemas:
    TALLY_UPDATE_SCHEMAS=1 cargo test --test cli schemas -- --quiet

# Generate a synthetic corpus of N respondents into bench-data/synth-N (cached: skipped if present)
synth n="100000" seed="1":
    test -f bench-data/synth-{{n}}/responses.csv || cargo run --release --quiet -- synth --respondents {{n}} --seed {{seed}} --out bench-data/synth-{{n}}

# Benchmark tally end to end on synthetic corpora against Python and rg, then the micro-benchmarks (see BENCHMARKS.md)
bench sizes="100000 1000000" runs="3":
    BENCH_SIZES="{{sizes}}" BENCH_RUNS="{{runs}}" bash bench/run.sh

# Fuzz every parser for SECONDS each (needs cargo-fuzz; installed if missing)
fuzz seconds="30":
    #!/usr/bin/env bash
    # Stable Rust is enough: RUSTC_BOOTSTRAP=1 lets it take cargo-fuzz's -Zsanitizer=address.
    # Seeds are read from fuzz/corpus/TARGET (committed); what a run adds goes to
    # fuzz/work/TARGET, crash and hang inputs to fuzz/artifacts/TARGET (both git-ignored).
    set -uo pipefail
    command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || exit 2
    export RUSTC_BOOTSTRAP=1
    cargo fuzz build || exit 2
    failed=()
    for t in $(cargo fuzz list); do
        echo "==== fuzz $t for {{seconds}} s"
        mkdir -p "fuzz/work/$t"
        cargo fuzz run "$t" "fuzz/work/$t" "fuzz/corpus/$t" -- \
            -max_total_time={{seconds}} -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=1024 \
            -print_final_stats=1 || failed+=("$t")
    done
    if [ ${#failed[@]} -gt 0 ]; then
        echo "==== findings in: ${failed[*]} (inputs under fuzz/artifacts/)"; exit 1
    fi
    echo "==== no findings"
