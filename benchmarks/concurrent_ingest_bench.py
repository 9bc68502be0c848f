"""Two ingests at once into one store, beside the same two run one after the other: the stores must end the same.

    python benchmarks/concurrent_ingest_bench.py [--articles 3000] [--overlap 0.1] [--runs 3] [--seed 1]
                                                 [--postgres URL]

`--articles` generated articles (benchmarks/ingest_bench.py's generator: the sample corpus's articles with places,
numbers, days, claimants and outlets swapped) are written as text files into two folders: A holds the first half and
B the second, and both hold the `--overlap` share of the articles around the middle (0.1: 10% of the articles are in
both). Each run, on each backend:

- at once: `python -m incidents ingest A --store X` and `python -m incidents ingest B --store X` started together
  on a new store X (made empty first, so neither creates the schema while the other writes);
- one after the other: the same two commands, A then B, on another new store Y (made empty the same way).

Each command is a fresh process (interpreter, gazetteer, reading, extraction, 50 documents per transaction, then
clustering), so the times include what a person waits for. After each run the two stores are compared: the same
document ids, the same account ids, the same incidents (each incident's id with its account ids and its point).
Printed per backend: the median wall time at once and one after the other (ratio = one after the other / at once),
how long the two processes ran side by side, what each command of the last run reported and how long it took, the
counts and the three checks (every run must pass them). SQLite runs in files of a temporary folder; `--postgres URL` adds PostgreSQL: every store in a new
schema of that database (a database with PostGIS, or whose user may create it), dropped after its run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import ingest_bench  # noqa: E402
from fresh_stores import FreshStores  # noqa: E402

from incidents.store import Store  # noqa: E402

#: Settings of the environment that tests use to interrupt an ingest or shorten its wait for a lock: not passed on.
UNSET = ("ATLAS_TEST_EXIT_AFTER_CHUNKS", "ATLAS_LOCK_TIMEOUT")


# -- the articles ---------------------------------------------------------------------------------------------------


def halves(n: int, overlap: float) -> tuple[range, range]:
    """The article numbers of A and B: two halves that share round(n * overlap) articles around the middle."""
    if not 0 <= overlap <= 1:
        raise ValueError(f"overlap must be between 0 and 1, got {overlap}")
    shared = round(n * overlap)
    start_b = (n - shared) // 2
    return range(0, start_b + shared), range(start_b, n)


def write_folders(folder: Path, n: int, overlap: float, seed: int) -> tuple[Path, Path, int]:
    """Folders A and B of generated article files (one article each); how many articles both hold."""
    docs = ingest_bench.corpus(n, seed)
    first, second = halves(n, overlap)
    out = []
    for name, numbers in (("A", first), ("B", second)):
        sub = folder / name
        sub.mkdir()
        for k in numbers:
            (sub / f"article_{k:05d}.txt").write_text(docs[k].text, encoding="utf-8")
        out.append(sub)
    return out[0], out[1], len(set(first) & set(second))


# -- running the two ingests ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ingest:
    """One finished `python -m incidents ingest`: when it started and ended (perf_counter), what it said."""

    folder: str
    start: float
    end: float
    summary: str


def command(folder: Path, target: str) -> list[str]:
    return [sys.executable, "-m", "incidents", "ingest", str(folder), "--store", target]


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in UNSET}


def finish(folder: Path, proc: subprocess.Popen, start: float) -> Ingest:
    """Wait for an ingest; its times and summary line (an error if it failed)."""
    _, err = proc.communicate()
    end = time.perf_counter()
    if proc.returncode != 0:
        raise RuntimeError(f"ingest of {folder.name} ended with status {proc.returncode}: {err.strip()[-2000:]}")
    summary = next((line for line in err.splitlines() if line.startswith("documents:")), "")
    return Ingest(folder.name, start, end, summary.split(";")[0])


def launch(folder: Path, target: str) -> tuple[subprocess.Popen, float]:
    start = time.perf_counter()
    return subprocess.Popen(command(folder, target), cwd=REPO, env=environment(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True), start


def at_once(folders: Sequence[Path], target: str) -> list[Ingest]:
    """Start every ingest before waiting for any."""
    started = [launch(f, target) for f in folders]
    return [finish(f, proc, start) for f, (proc, start) in zip(folders, started)]


def one_after_the_other(folders: Sequence[Path], target: str) -> list[Ingest]:
    return [finish(f, *launch(f, target)) for f in folders]


def wall(ingests: Sequence[Ingest]) -> float:
    """Seconds from the first start to the last end."""
    return max(i.end for i in ingests) - min(i.start for i in ingests)


def side_by_side(ingests: Sequence[Ingest]) -> float:
    """Seconds both processes were running."""
    return max(0.0, min(i.end for i in ingests) - max(i.start for i in ingests))


# -- comparing the stores -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contents:
    """What a store holds, as comparable sets."""

    documents: frozenset[str]
    accounts: frozenset[str]
    incidents: frozenset[tuple]  # (id, account ids, point rounded to 1e-6°)


def contents(target: str) -> Contents:
    with Store(target) as store:
        incidents = frozenset(
            (i.id, tuple(sorted(a.id for a in i.accounts)),
             None if i.point is None else (round(i.point[0], 6), round(i.point[1], 6)))
            for i in store.incidents())
        return Contents(frozenset(d.id for d in store.documents()),
                        frozenset(a.id for a in store.stored_accounts()), incidents)


@dataclass(frozen=True)
class Run:
    """One run on one backend: both ways' ingests and whether the stores matched."""

    together: list[Ingest]
    apart: list[Ingest]
    same: tuple[bool, bool, bool]  # documents, accounts, incidents
    counts: tuple[int, int, int]  # documents, accounts, incidents of the store written at once


def run_once(stores: FreshStores, folders: Sequence[Path], k: int) -> Run:
    """Both ways into new stores, compared, then the stores dropped."""
    x, y = stores.new(f"together{k}"), stores.new(f"apart{k}")
    for target in (x, y):
        Store(target).close()  # the schema made before the ingests start
    together = at_once(folders, x)
    apart = one_after_the_other(folders, y)
    a, b = contents(x), contents(y)
    for target in (x, y):
        stores.drop(target)
        if not stores.server:
            for p in Path(target).parent.glob(Path(target).name + "*"):
                p.unlink()
    return Run(together, apart, (a.documents == b.documents, a.accounts == b.accounts, a.incidents == b.incidents),
               (len(a.documents), len(a.accounts), len(a.incidents)))


# -- the report -----------------------------------------------------------------------------------------------------


def yes(flags: Sequence[bool]) -> str:
    """ "yes" when every run passed, else how many failed."""
    failed = sum(not f for f in flags)
    return "yes" if not failed else f"NO ({failed} of {len(flags)} runs)"


def table(rows: Sequence[Sequence[str]]) -> str:
    """Aligned columns separated by " | ", a rule under the first row."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def backend_row(name: str, runs: Sequence[Run]) -> list[str]:
    together = statistics.median(wall(r.together) for r in runs)
    apart = statistics.median(wall(r.apart) for r in runs)
    both = statistics.median(side_by_side(r.together) for r in runs)
    return [name, f"{together:.2f} s", f"{apart:.2f} s", f"x{apart / together:.2f}", f"{both:.2f} s",
            *(yes([r.same[i] for r in runs]) for i in range(3))]


def detail(name: str, runs: Sequence[Run]) -> str:
    """What the commands of the last run said, and its counts."""
    last = runs[-1]
    docs, accounts, incidents = last.counts
    said = "; ".join(f"{i.folder}: {i.summary}" for i in last.together)

    def seconds(ingests: Sequence[Ingest]) -> str:
        return ", ".join(f"{i.folder} {i.end - i.start:.1f}" for i in ingests)

    return (f"{name}, last run at once: {said} (an article both bring is stored by whichever commits it first, a "
            f"duplicate to the other); store: {docs:,} documents, {accounts:,} accounts, {incidents:,} incidents; "
            f"each command's seconds at once: {seconds(last.together)}, one after the other: {seconds(last.apart)}")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=3000, help="articles in all (A and B share --overlap of them)")
    ap.add_argument("--overlap", type=float, default=0.1, help="share of the articles in both folders")
    ap.add_argument("--runs", type=int, default=3, help="runs on each backend; medians are printed")
    ap.add_argument("--seed", type=int, default=1, help="seed of the generated articles")
    ap.add_argument("--postgres", metavar="URL", help="also run on this PostgreSQL server (a schema per store)")
    return ap


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.articles < 2 or args.runs < 1 or not 0 <= args.overlap <= 1:
        parser.error("--articles must be at least 2, --runs at least 1, --overlap between 0 and 1")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        a, b, shared = write_folders(folder, args.articles, args.overlap, args.seed)
        sizes = [len(list(f.iterdir())) for f in (a, b)]
        print(f"concurrent ingest benchmark: {args.articles:,} generated articles, A {sizes[0]:,} + B {sizes[1]:,} "
              f"({shared:,} in both); two `python -m incidents ingest` at once on one store vs. one after the other "
              f"on another; median of {args.runs} run(s); ratio = one after the other / at once")
        results = []
        for server in (None, args.postgres) if args.postgres else (None,):
            with FreshStores(folder, server) as stores:
                runs = [run_once(stores, (a, b), k) for k in range(args.runs)]
                results.append((stores.server_name(), runs))
        print(table([["store", "at once", "one after the other", "ratio", "side by side", "same documents",
                      "same accounts", "same incidents"], *(backend_row(name, runs) for name, runs in results)]))
        for name, runs in results:
            print(f"note: {detail(name, runs)}")
    print(f"machine: Python {platform.python_version()}, {os.cpu_count()} CPUs, load average "
          f"{os.getloadavg()[0]:.2f} at the end; articles={args.articles}, overlap={args.overlap}, runs={args.runs}")
    same = all(all(r.same) for _, runs in results for r in runs)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
