"""Hostile input: time and peak memory to ingest (or refuse) each pathological text, beside a plain article.

    python benchmarks/hostile_bench.py [--runs 3] [--size 300000]

Each input is ingested into a fresh store in a fresh interpreter (so peak RSS is its own); the baseline is a plain
article of the same size made of ordinary news sentences. Text dense with claims costs more to read however it is
laid out (every sentence is a claim to place, date and attribute), so the claims on one line are also compared with
the same claims in paragraphs: what one line adds is the hostile part. Targets: within 5x of the baseline's time, at
most 300 MB peak.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TARGET_RATIO, TARGET_MB = 5.0, 300.0
PLAIN = ("Government forces shelled the town on Monday, residents said. Aid workers reached the area in the "
         "afternoon and counted damaged houses near the market. ")
CLAIM = "At least 12 civilians were killed in Hajin on Tuesday the Observatory said. "
#: name -> a function of the size giving the text (all one "article")
INPUTS = {
    "plain article": lambda n: "Title\n\n" + (PLAIN * (n // len(PLAIN) + 1))[:n],
    "claims in paragraphs": lambda n: "Title\n\n" + ((CLAIM * 5).strip() + "\n\n") * (n // (5 * len(CLAIM)) + 1),
    "claims on one line": lambda n: "Title\n\n" + (CLAIM * (n // len(CLAIM) + 1))[:n],
    "no spaces": lambda n: "Title\n\n" + "a" * n,
    "digits": lambda n: "Title\n\n" + "1" * n,
    "commas and numbers": lambda n: "Title\n\n" + "1, " * (n // 3),
    "al- prefixes": lambda n: "Title\n\n" + "al-" * (n // 3),
    "capitalised words": lambda n: "Title\n\n" + "Deir " * (n // 5),
    "nested brackets": lambda n: "Title\n\n" + '("' * (n // 4) + "killed 3" + '")' * (n // 4),
    "deep HTML nesting": lambda n: "<html><body>" + "<div>" * (n // 11) + "killed 3 in Hajin" + "</div>" * (n // 11),
    "over the line budget": lambda n: "Title\n\n" + "killed 12 " * 60_000,
}
#: Inputs compared with another than the plain article (the same content laid out as news is).
BASELINES = {"claims on one line": "claims in paragraphs"}

CHILD = """
import json, resource, sys, tempfile, time, pathlib
from gazetteer import Gazetteer
from incidents.ingest import ingest
from incidents.store import Store
gaz = Gazetteer.load()
text = sys.stdin.read()
suffix = ".html" if text.startswith("<html>") else ".txt"
with tempfile.TemporaryDirectory() as tmp:
    path = pathlib.Path(tmp) / ("a" + suffix)
    path.write_text(text, encoding="utf-8")
    with Store(pathlib.Path(tmp) / "s.sqlite") as store:
        t = time.perf_counter()
        report = ingest([path], store, gaz)
        seconds = time.perf_counter() - t
print(json.dumps({"seconds": seconds, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "failed": report.failed, "accounts": report.accounts}))
"""


def run_one(text: str) -> dict:
    """Ingest `text` in a fresh interpreter; its time, peak RSS and outcome."""
    done = subprocess.run([sys.executable, "-c", CHILD], input=text, capture_output=True, text=True, cwd=REPO,
                          check=False)
    if done.returncode != 0:
        return {"seconds": float("nan"), "rss_mb": float("nan"), "failed": 1, "accounts": 0,
                "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    """Print one row per input: time, ratio to the plain article, peak RSS, outcome."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per input; the median time is printed (default 3)")
    ap.add_argument("--size", type=int, default=300_000, help="characters per input (default 300000)")
    args = ap.parse_args(argv)
    rows = {}
    for name, make in INPUTS.items():
        runs = [run_one(make(args.size)) for _ in range(args.runs)]
        rows[name] = {**runs[-1], "seconds": statistics.median(r["seconds"] for r in runs),
                      "rss_mb": max(r["rss_mb"] for r in runs)}
    print(f"Hostile input: {args.size:,} characters each, median of {args.runs}; ratio = time / its baseline's "
          "(the plain article unless named)")
    print(f"{'input':<22} | {'seconds':>8} | {'ratio':>6} | {'vs plain':>8} | {'peak MB':>8} | outcome | met?")
    plain = rows["plain article"]["seconds"]
    for name, r in rows.items():
        baseline = BASELINES.get(name, "plain article")
        base = rows[baseline]["seconds"]
        ratio = r["seconds"] / base if base else float("nan")
        outcome = "refused" if r["failed"] else f"{r['accounts']} account(s)"
        met = "yes" if ratio <= TARGET_RATIO and r["rss_mb"] <= TARGET_MB else "NO"
        if name in BASELINES.values():  # the same content as news lays it out: a baseline, not a hostile input
            met = "baseline" if r["rss_mb"] <= TARGET_MB else "NO"
        against = "" if baseline == "plain article" else f" (ratio vs {baseline})"
        print(f"{name:<22} | {r['seconds']:>8.2f} | {ratio:>6.2f} | {r['seconds'] / plain:>8.2f} | "
              f"{r['rss_mb']:>8.0f} | {outcome} | {met}{against}")
    print(f"targets: within {TARGET_RATIO:g}x of the baseline's time, at most {TARGET_MB:g} MB peak")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
