#!/usr/bin/env python3
"""Summarise a `perf record -g` profile of `tally analyse` by pipeline stage.

Usage: perf script -i perf.data -F comm,tid,ip,sym | python3 bench/perf_summary.py

Prints (1) samples per thread (is the work spread over both cores?), (2) inclusive share
of each pipeline stage (a sample counts for a stage when any frame of its stack is in it),
(3) the top leaf functions with the tally function that called them.
"""

import collections
import re
import sys

# stage name -> regex on a frame's symbol; first match up the stack from the leaf wins for
# the "self" attribution, any match counts for the inclusive share
STAGES = [
    ("sentences (tally_text::sentences)", r"tally_text::sentences::sentences"),
    ("tokenizers normaliser (non-ASCII path)", r"tally_text::normalise::Normaliser::general_words|^tokenizers::"),
    ("stemming (rust_stemmers)", r"^rust_stemmers::"),
    ("matcher term lookup (Matcher::lookup)", r"tally_code::matcher::Matcher::lookup"),
    ("Analyzer::analyse (split+normalise+sentences)", r"tally_text::analysis::Analyzer::analyse"),
    ("trie walk (Trie::find)", r"tally_code::trie::Trie::find"),
    ("regex (RegexSet + spans)", r"^regex_automata::|^regex::"),
    ("Matcher::code (all of coding)", r"tally_code::matcher::Matcher::code"),
    ("quote candidates (quote_span/score/dedup)", r"tally_aggregate::.*quote|tally_aggregate::aggregator::dedup_key"),
    ("audit line (AuditLine::new + serde_json)", r"AuditLine|^serde_json::|serde_core::ser"),
    ("Aggregator::add_* (serial)", r"tally_aggregate::aggregator::Aggregator::add"),
    ("ingest (CSV read, records)", r"^tally_ingest::|^csv::|^csv_core::"),
    ("campaign pre-pass (detect_campaigns: 2nd read + signatures)", r"detect_campaigns"),
    ("sha256", r"sha2::"),
    ("malloc/free", r"^(malloc|_int_malloc|_int_free|cfree|free|realloc|malloc_consolidate|_int_realloc|__libc_malloc|__libc_free)"),
    ("write reports / finish", r"tally_report::|Aggregator::finish"),
]


def samples(lines):
    head, frames = None, []
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if head:
                yield head, frames
            head, frames = None, []
        elif not line.startswith("\t") and not line.startswith(" "):
            head, frames = line.split(), []
        else:
            parts = line.strip().split(None, 1)
            sym = parts[1] if len(parts) > 1 else "?"
            sym = re.sub(r" \(inlined\)$", "", sym)
            sym = re.sub(r"\+0x[0-9a-f]+$", "", sym)
            frames.append(sym)
    if head:
        yield head, frames


def main():
    threads = collections.Counter()
    inclusive = collections.Counter()
    leaf = collections.Counter()
    total = 0
    pats = [(name, re.compile(rx)) for name, rx in STAGES]
    for head, frames in samples(sys.stdin):
        total += 1
        comm = head[0]
        tid = head[1] if len(head) > 1 else "?"
        threads[(comm, tid)] += 1
        seen = set()
        for f in frames:
            for name, rx in pats:
                if name not in seen and rx.search(f):
                    seen.add(name)
        for name in seen:
            inclusive[name] += 1
        # leaf = first frame; caller = first tally_ frame above it
        lf = frames[0] if frames else "?"
        caller = next((f for f in frames[1:] if f.startswith("tally")), "-")
        leaf[(lf[:70], caller[:60])] += 1
    if not total:
        print("no samples")
        return
    print(f"samples: {total}\n")
    print("## samples per thread")
    for (comm, tid), n in threads.most_common(8):
        print(f"  {comm:16} {tid:>8} {100 * n / total:6.1f}%")
    print("\n## inclusive share by stage")
    for name, _ in STAGES:
        print(f"  {100 * inclusive[name] / total:6.1f}%  {name}")
    print("\n## top leaf functions (caller: first tally frame above)")
    for (lf, caller), n in leaf.most_common(25):
        print(f"  {100 * n / total:5.1f}%  {lf}  <- {caller}")


if __name__ == "__main__":
    main()
