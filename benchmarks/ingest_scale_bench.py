"""Ingesting articles into a big store: extraction, storing and clustering time per article, beside an empty store.

    python benchmarks/ingest_scale_bench.py [--articles 10000] [--accounts 300000] [--middle 100000] [--runs 3]
                                            [--batch 0] [--store DIR] [--seed 1] [--apart] [--in-order] [--profile]

The articles are ingest_bench's generated ones (the sample corpus varied: places of the Euphrates valley swapped,
numbers, days and claimants changed), each given a publication day drawn from 2014-2019 and its full dates
("12 February 2019") set to the day before, so their accounts fall on the days and in the region of the stores'
accounts. The stores hold scale_bench's synthetic accounts (events at sites over eastern Syria and western Iraq,
busy around Raqqa, Deir ez-Zor, al-Mayadin, Hajin, Abu Kamal, Mosul..., three claimants' accounts each, 2014-2019),
written with Store.add_document and clustered: `--accounts` of them, `--middle` of them, and none.

Each run ingests the articles the way `incidents.ingest` does, into a fresh copy of each store:
- extraction: `extract_accounts` of every article; it does not read the store, so it runs once per run and its time
  is the same for every store;
- store: for every chunk of CHUNK_DOCUMENTS articles, `Store.has_document` for each (the duplicate check) and
  `Store.add_document` in one transaction;
- clustering: `Store.recluster()` in a transaction, once after the last chunk (`--batch 0`, as `ingest` does), or
  after every `--batch` articles (many small ingests into the same store; the first and the last batch's clustering
  per article are then printed too, the last one meeting every earlier batch's accounts, and with three batches or
  more each batch's).
The medians of `--runs` are printed per article, with the ratio of each store's clustering time to the empty
store's (the target: near 1, clustering time per article independent of the store's size), and how many of the
articles' accounts joined an incident that holds accounts the store had before (so clustering really met them).

`--apart` publishes the articles in the six years before the stores' span instead (their windows end two months
before the first stored account's): clustering meets no stored account, so what still grows with the store is owed
to its size alone (deeper indexes, rows spread over more pages), not to more neighbours found.

`--in-order` ingests the articles in order of publication, as a team's store grows over the years (by default
their publication days are drawn at random, so every batch spans all six years): with `--batch`, each batch's
undated accounts then meet the earlier batches' only as older articles.

`--store DIR` keeps the built stores in DIR (`accounts-300000.sqlite`, ...) and reuses them on the next run; every
run ingests into a copy, so they never change. Without it they are built in a temporary folder. `--profile` also
prints cProfile's top functions (cumulative time) of the clustering into a copy of the largest store.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import datetime as dt
import io
import os
import platform
import pstats
import random
import re
import shutil
import statistics
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
import scale_bench  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from incidents.extraction import extract_accounts  # noqa: E402
from incidents.ingest import CHUNK_DOCUMENTS  # noqa: E402
from incidents.model import Account, Document  # noqa: E402
from incidents.store import Store  # noqa: E402

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: Full dates as the sample corpus writes them: "12 February 2019", "December 16th, 2018", "2019-01-20".
FULL_DATE = re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)? (?:{_MONTHS}),? \d{{4}}\b"
                       rf"|\b(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b|\b\d{{4}}-\d{{2}}-\d{{2}}\b")
#: The stores' accounts fall on these days (scale_bench's span).
FIRST_DAY, LAST_DAY = scale_bench.FIRST_DAY, scale_bench.LAST_DAY
#: With --apart, the articles are published in these many years before the stores' span (ending two months before
#: it, so no window an article states reaches a stored account's).
APART_YEARS = 6
#: Accounts per synthetic event in the stores.
PER_EVENT = 3


# -- the articles and the stores ----------------------------------------------------------------------------------


def dated(doc: Document, day: dt.date) -> Document:
    """The article published on `day`, its full dates set to the day before."""
    text = doc.text[:doc.body_start] + FULL_DATE.sub(f"{day - dt.timedelta(days=1):%d %B %Y}",
                                                     doc.text[doc.body_start:])
    return dataclasses.replace(doc, text=text, published=day, id="")


def articles(n: int, seed: int = 1, apart: bool = False, in_order: bool = False) -> list[Document]:
    """`n` generated articles (ingest_bench's), each published on a day of the stores' span (`apart`: of the years
    before it, APART_YEARS, so they meet no stored account); `in_order`: sorted by publication day."""
    rng = random.Random(seed)
    first, last = (FIRST_DAY.replace(year=FIRST_DAY.year - APART_YEARS), FIRST_DAY - dt.timedelta(days=60)) \
        if apart else (FIRST_DAY, LAST_DAY)
    span = (last - first).days
    docs = [dated(doc, first + dt.timedelta(days=rng.randrange(span + 1))) for doc in ingest_bench.corpus(n, seed)]
    return sorted(docs, key=lambda d: d.published) if in_order else docs


def store_files(path: Path) -> list[Path]:
    """The store's database file and its write-ahead log, when there is one."""
    return [p for p in (path, path.with_name(path.name + "-wal")) if p.exists()]


def base_store(folder: Path, accounts: int) -> tuple[Path, bool]:
    """A store of about `accounts` synthetic accounts in `folder` (scale_bench's), built unless it is there already;
    and whether it was built now."""
    path = folder / f"accounts-{accounts}.sqlite"
    if path.exists():
        return path, False
    if accounts:
        scale_bench.build_store(path, max(1, accounts // PER_EVENT), PER_EVENT)
    else:
        Store(path).close()
    return path, True


def fresh_copy(path: Path, folder: Path) -> Path:
    """A copy of the store (closed, so its files are consistent) to ingest into."""
    out = folder / f"copy-{path.name}"
    for old in store_files(out):
        old.unlink()
    for src in store_files(path):
        shutil.copyfile(src, folder / src.name.replace(path.name, out.name))
    return out


# -- ingesting ----------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ingested:
    """Seconds one ingest took (storing, clustering) and what it made."""

    store_s: float
    cluster_s: float
    batches_s: tuple[float, ...]  # clustering seconds of each batch, in order
    accounts_before: int
    accounts_after: int
    incidents_after: int
    joined: int  # the articles' accounts now in an incident that holds accounts stored before


def extracted(gaz: Gazetteer, docs: Sequence[Document]) -> tuple[float, list[tuple[Document, list[Account]]]]:
    """Seconds to extract every article's accounts, and the articles with their accounts."""
    start = time.perf_counter()
    out = [(doc, extract_accounts(gaz, doc)) for doc in docs]
    return time.perf_counter() - start, out


def ingest_into(path: Path, docs: Sequence[tuple[Document, list[Account]]], batch: int) -> Ingested:
    """Store the articles CHUNK_DOCUMENTS at a time (a duplicate check, then one transaction) and cluster after every
    `batch` of them (0: once after the last), as `incidents.ingest` does; the seconds of each step."""
    store_s = 0.0
    batches: list[float] = []
    every = batch or len(docs)
    with Store(path) as store:
        before = store.db.value("SELECT coalesce(max(seq), 0) FROM accounts")
        accounts_before = store.counts()["accounts"]
        for first in range(0, len(docs), every):
            part = docs[first:first + every]
            for k in range(0, len(part), CHUNK_DOCUMENTS):
                start = time.perf_counter()
                chunk = [(d, a) for d, a in part[k:k + CHUNK_DOCUMENTS] if not store.has_document(d.id)]
                with store.transaction():
                    for doc, accounts in chunk:
                        store.add_document(doc, accounts)
                store_s += time.perf_counter() - start
            start = time.perf_counter()
            with store.transaction():
                store.recluster()
            batches.append(time.perf_counter() - start)
        counts = store.counts()
        joined = store.db.value(
            "SELECT count(*) FROM accounts a WHERE a.seq > ? AND EXISTS (SELECT 1 FROM accounts b "
            "WHERE b.incident_id = a.incident_id AND b.seq <= ?)", (before, before))
    return Ingested(store_s, sum(batches), tuple(batches), accounts_before, counts["accounts"], counts["incidents"],
                    joined)


def profile_clustering(path: Path, docs: Sequence[tuple[Document, list[Account]]], folder: Path,
                       top: int = 30) -> str:
    """cProfile's top functions (cumulative time) of clustering the stored articles in a copy of the store."""
    copy = fresh_copy(path, folder)
    with Store(copy) as store:
        with store.transaction():
            for doc, accounts in docs:
                store.add_document(doc, accounts)
        prof = cProfile.Profile()
        prof.enable()
        with store.transaction():
            store.recluster()
        prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# -- the report ---------------------------------------------------------------------------------------------------


def ms(seconds: float, n: int) -> str:
    return f"{seconds / max(1, n) * 1e3:.3f} ms"


def report(n: int, accounts: int, runs: int, batch: int, extract_s: float, results: dict[int, list[Ingested]],
           built: dict[int, bool], apart: bool = False, in_order: bool = False) -> list[str]:
    """The printed lines."""
    mode = "once after the last chunk (as ingest does)" if not batch else f"after every {batch:,} articles"
    period = f"{FIRST_DAY.year - APART_YEARS}-{FIRST_DAY.year - 1} (before every stored account)" if apart else \
        f"{FIRST_DAY.year}-{LAST_DAY.year}"
    order = " (ingested in order of publication)" if in_order else ""
    out = [f"ingest scale benchmark: {n:,} articles ({accounts:,} accounts extracted), published {period}{order}, "
           f"stored {CHUNK_DOCUMENTS} per transaction, clustered {mode}; median of {runs} run(s)",
           f"extraction: {ms(extract_s, n)} per article (the same for every store: extraction does not read it)"]
    empty = statistics.median(r.cluster_s for r in results[0])
    for size, rs in sorted(results.items()):
        last = rs[-1]
        store_s, cluster_s = (statistics.median(getattr(r, f) for r in rs) for f in ("store_s", "cluster_s"))
        out.append(f"store of {last.accounts_before:,} accounts ({'built now' if built[size] else 'reused'}): "
                   f"storing {ms(store_s, n)}, clustering {ms(cluster_s, n)} per article "
                   f"(x{cluster_s / empty:.2f} the empty store's); {last.joined:,} of the articles' accounts joined "
                   f"stored ones; {last.accounts_after:,} accounts, {last.incidents_after:,} incidents after")
        if len(last.batches_s) > 1:
            count = len(last.batches_s)
            each = [statistics.median(r.batches_s[k] for r in rs) for k in range(count)]
            sizes = [batch] * (count - 1) + [n - (count - 1) * batch]
            out.append(f"  clustering per article of the first batch {ms(each[0], batch)}, of the last "
                       f"{ms(each[-1], sizes[-1])} (x{each[-1] / each[0]:.2f}; the store holds the earlier batches' "
                       f"accounts by then)")
            if count > 2:
                out.append("  clustering per article of each batch: "
                           + ", ".join(ms(t, k) for t, k in zip(each, sizes)))
    big = statistics.median(r.cluster_s for r in results[max(results)])
    out.append(f"clustering per article, largest store / empty store: x{big / empty:.2f} (target: near 1)")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    out.append(f"machine: Python {platform.python_version()}, {os.cpu_count()} CPUs, load average {load}")
    return out


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", type=int, default=10_000, help="articles ingested into each store")
    ap.add_argument("--accounts", type=int, default=300_000, help="accounts in the largest store")
    ap.add_argument("--middle", type=int, default=100_000, help="accounts in the middle store (0: none)")
    ap.add_argument("--runs", type=int, default=3, help="runs; the medians are printed")
    ap.add_argument("--batch", type=int, default=0, help="cluster after every BATCH articles (0: once at the end)")
    ap.add_argument("--store", type=Path, help="folder keeping the built stores, reused when they are there")
    ap.add_argument("--seed", type=int, default=1, help="seed of the generated articles")
    ap.add_argument("--apart", action="store_true", help="articles published in the years before the stores' "
                                                         "accounts (clustering meets none of them)")
    ap.add_argument("--in-order", action="store_true", help="ingest the articles in order of publication (each "
                                                            "batch later than the one before)")
    ap.add_argument("--profile", action="store_true", help="also print cProfile's top functions of the clustering "
                                                           "into the largest store")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    sizes = sorted({0, args.accounts, *([args.middle] if args.middle else [])})
    gaz = Gazetteer.load()
    docs = articles(args.articles, args.seed, args.apart, args.in_order)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        keep = args.store or work
        keep.mkdir(parents=True, exist_ok=True)
        stores = {size: base_store(keep, size) for size in sizes}
        extract_t: list[float] = []
        results: dict[int, list[Ingested]] = {size: [] for size in sizes}
        for _ in range(args.runs):
            seconds, with_accounts = extracted(gaz, docs)
            extract_t.append(seconds)
            for size in sizes:
                results[size].append(ingest_into(fresh_copy(stores[size][0], work), with_accounts, args.batch))
        accounts = sum(len(a) for _, a in with_accounts)
        for line in report(len(docs), accounts, args.runs, args.batch, statistics.median(extract_t), results,
                           {size: built for size, (_, built) in stores.items()}, args.apart, args.in_order):
            print(line)
        if args.profile:
            print(profile_clustering(stores[sizes[-1]][0], with_accounts, work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
