#!/usr/bin/env python3
"""The baseline tally is measured against: what an analyst would write today.

pandas reads the survey export; each theme of the codebook becomes one compiled keyword
regex (Python `re`) built from the codebook's `match` word lists; the script counts, per
question x theme, the non-blank answers the regex finds. No stemming, negation, exclusions
or proximity: see BENCHMARKS.md ("Baselines") for exactly what it does and does not do.

    python3 bench/baseline.py DIR [--out counts.csv] [--patterns patterns.txt]

DIR holds consultation.toml (which columns are the free-text answers), codebook.toml and
the export (responses.csv). `--patterns` writes the literal patterns for the ripgrep
baseline (`rg -c -i -F -f patterns.txt`) and exits without matching.

How codebook patterns become regex:
  - a word `fund`         -> \\bfund\\w*        (a stem: any ending)
  - a glob `underfund*`   -> \\bunderfund\\w*   `*funded` -> \\b\\w*funded\\b  `*fund*` -> \\b\\w*fund\\w*
  - a phrase `more money` -> \\bmore\\w*\\s+money\\w*   (each word as above, joined by \\s+)
  - `regex` rules         -> ignored by default; `--with-regex` adds them as written (same
    IGNORECASE) as alternatives (Python `re` runs them slowly: ~2x the matching time)
  - `near` rules, `unless`, negation -> ignored (an analyst's keyword search does not do
    them; this makes the baseline do *less* work than tally, so ratios favour Python)
  - theme- and rule-level `questions` scopes are honoured.
All of a theme's alternatives are joined into one pattern, compiled with re.IGNORECASE.
"""

import argparse
import json
import re
import sys
import time
import tomllib
from pathlib import Path


def word_regex(piece: str) -> str:
    """One word of a codebook pattern as a regex fragment."""
    lead, trail = piece.startswith("*"), piece.endswith("*") and len(piece) > 1
    core = re.escape(piece.strip("*").lower().replace("'", "").replace("\u2019", ""))
    if lead and trail:
        return rf"\b\w*{core}\w*"
    if lead:
        return rf"\b\w*{core}\b"
    return rf"\b{core}\w*"  # a stem or a trailing glob: any ending


def pattern_regex(pattern: str) -> str:
    return r"\s+".join(word_regex(w) for w in pattern.split())


def in_scope(scope, question: str) -> bool:
    return scope is None or question in scope


def theme_regexes(book: dict, question: str, with_regex: bool = False) -> dict:
    """theme id -> compiled regex of its rules in scope for `question` (None: no rule)."""
    out = {}
    for theme in book.get("themes", []):
        if not in_scope(theme.get("questions"), question):
            out[theme["id"]] = None
            continue
        alts = []
        for rule in theme.get("rules", []):
            if not in_scope(rule.get("questions"), question):
                continue
            alts += [pattern_regex(p) for p in rule.get("match", [])]
            if with_regex and "regex" in rule:
                try:
                    re.compile(rule["regex"])
                    alts.append(f"(?:{rule['regex']})")
                except re.error as e:  # Rust regex syntax Python lacks
                    print(f"baseline: skipped regex of {theme['id']}: {e}", file=sys.stderr)
        out[theme["id"]] = re.compile("(?:" + "|".join(alts) + ")", re.IGNORECASE) if alts else None
    return out


def literal_patterns(book: dict) -> list:
    """The codebook's words and phrases as plain literals (globs without `*`), for rg."""
    seen = []
    for theme in book.get("themes", []):
        for rule in theme.get("rules", []):
            words = list(rule.get("match", []))
            for side in rule.get("near", []):
                words += side
            for p in words:
                lit = " ".join(w.strip("*") for w in p.split()).lower()
                if lit and lit not in seen:
                    seen.append(lit)
    return seen


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dir", type=Path)
    ap.add_argument("--out", type=Path, help="write question,theme,count,base CSV here")
    ap.add_argument("--patterns", type=Path, help="write rg's literal patterns here and exit")
    ap.add_argument("--json", type=Path, help="write timings (seconds) here")
    ap.add_argument("--with-regex", action="store_true", help="add the codebook's regex rules")
    args = ap.parse_args()

    t0 = time.perf_counter()
    import pandas as pd  # timed: part of what the analyst's script costs

    consultation = tomllib.loads((args.dir / "consultation.toml").read_text())
    book = tomllib.loads((args.dir / "codebook.toml").read_text())
    if args.patterns:
        args.patterns.write_text("\n".join(literal_patterns(book)) + "\n")
        return 0
    columns = {
        q["id"]: q["text_column"]
        for q in consultation["questions"]
        if q.get("kind") in ("open", "closed+open") and "text_column" in q
    }

    t_read = time.perf_counter()
    df = pd.read_csv(
        args.dir / "responses.csv",
        usecols=list(columns.values()),
        dtype=str,
        keep_default_na=False,
    )
    t_match = time.perf_counter()
    rows = []
    answers = 0
    for qid, col in columns.items():
        texts = df[col]
        texts = texts[texts.str.strip() != ""]
        answers += len(texts)
        for theme, rx in theme_regexes(book, qid, args.with_regex).items():
            count = int(texts.str.contains(rx).sum()) if rx is not None else 0
            rows.append((qid, theme, count, len(texts)))
    t_end = time.perf_counter()

    if args.out:
        with open(args.out, "w") as f:
            f.write("question,theme,count,base\n")
            f.writelines(f"{q},{t},{c},{b}\n" for q, t, c, b in rows)
    timings = {
        "answers": answers,
        "import_s": t_read - t0,
        "read_s": t_match - t_read,
        "match_s": t_end - t_match,
        "total_s": t_end - t0,
    }
    if args.json:
        args.json.write_text(json.dumps(timings, indent=1) + "\n")
    print(json.dumps(timings), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
