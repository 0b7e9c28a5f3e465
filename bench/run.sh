#!/usr/bin/env bash
# Whole-tool benchmark of `tally analyse` on synthetic corpora, with the Python (pandas + re)
# and ripgrep baselines measured in the same run. Called by `just bench`; see BENCHMARKS.md.
#
# Environment:
#   BENCH_SIZES    respondents per corpus            (default "100000 1000000")
#   BENCH_RUNS     timed runs of tally per size      (default 3; the median is reported)
#   BENCH_PY_SIZE  respondents of the corpus the Python baseline runs on (default 20000:
#                  its throughput per response does not depend on the corpus size, and at
#                  ~0.2 MB/s the full corpora would take hours)
#   BENCH_PY_RUNS  timed runs of the Python baseline (default 3; the median run is the
#                  one the ratios use, as for tally: its speed moves with the host too)
#   BENCH_MICRO    1 to also run the micro-benchmarks (cargo bench)   (default 1)
# Results: bench-data/results.md (table) and bench-data/results.json; raw files beside them.
set -euo pipefail
cd "$(dirname "$0")/.."

SIZES="${BENCH_SIZES:-100000 1000000}"
RUNS="${BENCH_RUNS:-3}"
PY_SIZE="${BENCH_PY_SIZE:-20000}"
PY_RUNS="${BENCH_PY_RUNS:-3}"
MICRO="${BENCH_MICRO:-1}"
OUT=bench-data
BIN=target/release/tally
mkdir -p "$OUT"

# --- tools ------------------------------------------------------------------------------
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v rg >/dev/null || need+=(ripgrep)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    echo "bench: installing ${need[*]}" >&2
    apt-get update -qq && apt-get install -y -qq "${need[@]}"
fi
python3 -c 'import pandas' 2>/dev/null || pip install -q -r bench/requirements.txt

cargo build --release --quiet

# --- machine ------------------------------------------------------------------------------
{
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo none)$(git diff --quiet HEAD 2>/dev/null || echo ' (+ uncommitted changes)')"
    echo "nproc: $(nproc)"
    lscpu | head -20
    free -h | head -2
    echo "tally: $($BIN --version 2>/dev/null || echo ?)"
    echo "hyperfine: $(hyperfine --version)"; echo "rg: $(rg --version | head -1)"
    echo "python: $(python3 --version) pandas $(python3 -c 'import pandas; print(pandas.__version__)')"
} >"$OUT/machine.txt"

corpus() { # N -> bench-data/synth-N (cached)
    local n=$1 dir="$OUT/synth-$1"
    if [ ! -f "$dir/responses.csv" ]; then
        echo "bench: generating $n respondents" >&2
        "$BIN" synth --respondents "$n" --seed 1 --out "$dir"
    fi
}

load() { cut -d' ' -f1 /proc/loadavg; }

# Stops early, with the figures, when the disk cannot hold what the run writes: per
# respondent about 2.9 kB of outputs (the audit file is most of it, and the previous run's
# stays until the new one is complete) and, for a corpus not yet generated, 1.2 kB of input.
space() {
    local need=0 n avail
    for n in $(printf "%s\n" "$PY_SIZE" $SIZES | awk '!seen[$0]++'); do
        need=$((need + n * 2900))
        [ -f "$OUT/synth-$n/responses.csv" ] || need=$((need + n * 1200))
    done
    avail=$(df --output=avail -B1 "$OUT" | tail -1)
    if [ "$avail" -lt "$need" ]; then
        echo "bench: needs about $((need / 1000000000 + 1)) GB free beside $OUT/ for the corpora and outputs of sizes $PY_SIZE $SIZES; $((avail / 1000000000)) GB are free" >&2
        exit 1
    fi
}
space

# Busy CPU seconds of the whole machine so far (all cores), from /proc/stat.
busy() { awk '/^cpu /{printf "%.2f\n", ($2+$3+$4+$7+$8+$9)/100}' /proc/stat; }

# The machine is shared (others compile in the same target dir): wait, up to
# BENCH_QUIET_WAIT seconds (default 300), until other processes use under 0.3 cores.
quiet() {
    local waited=0 limit="${BENCH_QUIET_WAIT:-300}" a b
    while [ "$waited" -lt "$limit" ]; do
        a=$(busy); sleep 3; b=$(busy)
        if awk -v a="$a" -v b="$b" 'BEGIN{exit !((b-a)/3 < 0.3)}'; then return; fi
        waited=$((waited + 3))
    done
    echo "bench: machine still busy after ${limit}s; measuring anyway (see cores used by others)" >&2
}

# --- baselines: rg pattern list from the codebook (the same for every size) ---------------
corpus "$PY_SIZE"
python3 bench/baseline.py "$OUT/synth-$PY_SIZE" --patterns "$OUT/patterns.txt"

# --- Python baseline (BENCH_PY_RUNS runs on the BENCH_PY_SIZE corpus) ---------------------
rm -f "$OUT"/python-time-*.txt "$OUT"/python-*.json "$OUT"/python-load-*.txt
for k in $(seq "$PY_RUNS"); do
    echo "bench: python baseline on $PY_SIZE respondents, run $k of $PY_RUNS" >&2
    quiet
    l0=$(load)
    /usr/bin/time -o "$OUT/python-time-$k.txt" -f '%e %U %S %M' \
        python3 bench/baseline.py "$OUT/synth-$PY_SIZE" --out "$OUT/python-counts.csv" --json "$OUT/python-$k.json" 2>/dev/null
    echo "$l0 $(load)" >"$OUT/python-load-$k.txt"
done

# --- tally on the Python baseline's corpus too (same input, direct ratio) ----------------
for n in $(printf "%s\n" "$PY_SIZE" $SIZES | awk '!seen[$0]++'); do
    corpus "$n"
    dir="$OUT/synth-$n"
    csv="$dir/responses.csv"
    echo "bench: tally analyse, $n respondents, $RUNS runs" >&2
    rm -f "$OUT/time-$n.txt"
    quiet
    l0=$(load); b0=$(busy)
    hyperfine --runs "$RUNS" --style basic --export-json "$OUT/hyperfine-$n.json" \
        "/usr/bin/time -a -o $OUT/time-$n.txt -f '%e %U %S %M' $BIN analyse $dir --out $OUT/out-$n --quiet" >&2
    echo "$l0 $(load) $b0 $(busy)" >"$OUT/load-$n.txt"
    echo "bench: rg over $n respondents" >&2
    quiet
    hyperfine --runs 5 --warmup 1 --style basic -i --export-json "$OUT/rg-$n.json" \
        "rg -c -i -F -f $OUT/patterns.txt $csv" >&2
done

python3 bench/report.py "$OUT" $PY_SIZE $SIZES | tee "$OUT/results.md"

if [ "$MICRO" = 1 ]; then
    echo "bench: micro-benchmarks" >&2
    for p in text:analyse code:code aggregate:aggregate campaign:campaign redact:redact; do
        cargo bench --quiet -p "tally-${p%%:*}" --bench "${p##*:}" 2>&1 | tee "$OUT/micro-${p%%:*}.txt"
    done
fi
