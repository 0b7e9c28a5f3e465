#!/usr/bin/env python3
"""Turns the raw files of bench/run.sh into the results table of BENCHMARKS.md.

    python3 bench/report.py bench-data PY_SIZE SIZE...

Reads, per size N: hyperfine-N.json (wall times), time-N.txt (/usr/bin/time per run:
wall user sys maxRSS-KB), out-N/run.json (totals.responses), load-N.txt (1-min load
average before and after), rg-N.json; and python-K.json / python-time-K.txt for each Python run (the median run is the baseline). Prints Markdown
and writes results.json.
"""

import json
import statistics
import sys
from pathlib import Path


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def input_bytes(d: Path) -> int:
    return sum(p.stat().st_size for p in d.rglob("*") if p.is_file())


def tally(out: Path, n: int) -> dict:
    hf = json.loads((out / f"hyperfine-{n}.json").read_text())["results"][0]
    runs = [list(map(float, l.split())) for l in (out / f"time-{n}.txt").read_text().splitlines()
            if l.strip() and not l.startswith("Command")]
    wall = median(hf["times"])
    cpu = [(u + s) / w for w, u, s, _ in runs if w > 0]
    responses = json.loads((out / f"out-{n}" / "run.json").read_text())["totals"]["responses"]
    size = input_bytes(out / f"synth-{n}")
    rg = json.loads((out / f"rg-{n}.json").read_text())["results"][0]
    load = (out / f"load-{n}.txt").read_text().split()
    # CPU used by other processes while tally ran: machine busy seconds minus tally's own
    foreign = (float(load[3]) - float(load[2]) - sum(u + s for _, u, s, _ in runs)) / sum(hf["times"])
    return {
        "respondents": n,
        "responses": responses,
        "input_mb": size / 1e6,
        "runs": len(hf["times"]),
        "wall_median_s": wall,
        "wall_min_s": min(hf["times"]),
        "responses_per_s": responses / wall,
        "mb_per_s": size / 1e6 / wall,
        "cpu_s_per_run": median([u + s for _, u, s, _ in runs]),
        "cores_busy": median(cpu),
        "peak_rss_mb": max(r[3] for r in runs) / 1024 if runs else float("nan"),
        "rg_median_s": median(rg["times"]),
        "rg_mb_per_s": (out / f"synth-{n}" / "responses.csv").stat().st_size / 1e6 / median(rg["times"]),
        "load_before_after": load[:2],
        "other_cores": max(foreign, 0.0),
    }


def main():
    out = Path(sys.argv[1])
    py_size = int(sys.argv[2])
    sizes = []
    for s in sys.argv[2:]:
        if int(s) not in sizes:
            sizes.append(int(s))
    rows = {n: tally(out, n) for n in sizes}
    # the Python runs, by wall time: the median one is the baseline
    py_runs = sorted(
        (float(t.read_text().split()[0]), json.loads((out / t.name.replace("-time", "").replace(".txt", ".json")).read_text()))
        for t in out.glob("python-time-*.txt")
    )
    if not py_runs:
        sys.exit("report: no python-time-*.txt: run bench/run.sh")
    py_wall, py = py_runs[(len(py_runs) - 1) // 2]
    py_csv = (out / f"synth-{py_size}" / "responses.csv").stat().st_size
    python = {
        "respondents": py_size,
        "responses": py["answers"],
        "runs": len(py_runs),
        "wall_s": py_wall,
        "wall_s_runs": [w for w, _ in py_runs],
        "match_s": py["match_s"],
        "responses_per_s": py["answers"] / py_wall,
        "mb_per_s": py_csv / 1e6 / py_wall,
    }
    for r in rows.values():
        r["x_python"] = r["responses_per_s"] / python["responses_per_s"]
        r["pct_of_rg"] = 100 * r["mb_per_s"] / r["rg_mb_per_s"]

    p = print
    p("| respondents | responses | input MB | runs | wall median s (best) | responses/s median (best) | MB/s median (best) | peak RSS MiB | CPU s/run | CPU µs/response | cores busy, median of runs (of 2) | cores used by others | load before→after |")
    p("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows.values():
        best = r["wall_min_s"]
        p(f"| {r['respondents']:,} | {r['responses']:,} | {r['input_mb']:.1f} | {r['runs']} | {r['wall_median_s']:.2f} ({best:.2f}) | "
          f"{r['responses_per_s']:,.0f} ({r['responses'] / best:,.0f}) | {r['mb_per_s']:.2f} ({r['input_mb'] / best:.2f}) | "
          f"{r['peak_rss_mb']:.0f} | {r['cpu_s_per_run']:.1f} | {1e6 * r['cpu_s_per_run'] / r['responses']:.0f} | "
          f"{r['cores_busy']:.2f} | {r['other_cores']:.2f} | {r['load_before_after'][0]}→{r['load_before_after'][1]} |")
    p()
    p(f"Python baseline (pandas + re, {py_size:,} respondents, {python['responses']:,} responses; "
      f"median of {python['runs']} runs: {', '.join(f'{w:.1f}' for w in python['wall_s_runs'])} s): "
      f"{python['wall_s']:.1f} s wall ({python['match_s']:.1f} s matching), "
      f"{python['responses_per_s']:,.0f} responses/s, {python['mb_per_s']:.3f} MB/s")
    p()
    p("| respondents | tally MB/s median (best) | rg MB/s | tally % of rg median (best) | tally × Python, responses/s median (best) |")
    p("|---:|---:|---:|---:|---:|")
    for r in rows.values():
        best_mb = r["input_mb"] / r["wall_min_s"]
        best_rps = r["responses"] / r["wall_min_s"]
        p(f"| {r['respondents']:,} | {r['mb_per_s']:.2f} ({best_mb:.2f}) | {r['rg_mb_per_s']:.0f} | "
          f"{r['pct_of_rg']:.2f}% ({100 * best_mb / r['rg_mb_per_s']:.2f}%) | "
          f"{r['x_python']:.1f}× ({best_rps / python['responses_per_s']:.1f}×) |")
    big = [n for n in sizes if n != py_size]
    if len(big) >= 2:
        a, b = rows[big[0]], rows[big[-1]]
        per_a = a["wall_median_s"] / a["responses"]
        per_b = b["wall_median_s"] / b["responses"]
        p()
        p(f"Scaling {big[0]:,} → {big[-1]:,}: time per response ×{per_b / per_a:.2f} "
          f"(1.00 = linear); CPU per response ×{(b['cpu_s_per_run'] / b['responses']) / (a['cpu_s_per_run'] / a['responses']):.2f}")
    (out / "results.json").write_text(json.dumps({"tally": rows, "python": python}, indent=1) + "\n")


if __name__ == "__main__":
    main()
