"""The store at team scale: imports, ingests and the first map, on SQLite or PostgreSQL, beside the store of an
earlier revision run in the same process.

    python benchmarks/store_bench.py [--rows 300000] [--preload 1000000] [--articles 10000] [--incidents 100000]
                                     [--store postgresql://…] [--before REV] [--before-rows 30000] [--concurrent]
                                     [--parts import,ingest,map]

1. import: `--rows` ACLED, UCDP GED and Airwars rows (benchmarks/import_bench.py's generator) are parsed once by
   `incidents.importers` (its time printed apart: it is the same for both stores), then written file by file, each in
   one transaction ending with `recluster()`, into an empty store and into one already holding `--preload` accounts
   (scale_bench's synthetic events, written and clustered first). Printed: rows/s of the store's work and of parse +
   store, the store's size beside the raw files', and the peak RSS of a fresh process doing the empty-store import
   (parse included). The earlier revision's store imports the first `--before-rows` of the same rows into an empty
   store (every import re-clusters the whole store there: larger runs take hours).
2. ingest: `--articles` generated articles (ingest_bench's generator) are read by the extractor first (not timed),
   then added 100 at a time, each batch in a transaction ending with `recluster()`, into an empty store and into the
   preloaded one: clustering seconds per article at both sizes (independent of the store's size when they match).
3. map: a store of `--incidents` events x 3 accounts (scale_bench's); the first render (the incidents frame read
   from the store + scale_bench's first map), a filter change and the bytes sent; the earlier revision's store
   loads its frame the way it did (JSON rows) from a store it builds of min(--incidents, --before-rows) events.
4. `--concurrent` (PostgreSQL): two processes ingest overlapping halves of the articles into one new store at once;
   checked against the two run one after the other (the same accounts and incidents).

`--store postgresql://USER@HOST/DB` runs every part on that server, each store in a schema of its own (dropped at the
end); the earlier revision's store is always SQLite. `--before REV` (default: the revision before incremental
clustering) is written out with `git archive` and imported under another name, so both stores run in this process.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import multiprocessing
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import import_bench  # noqa: E402
import ingest_bench  # noqa: E402
import scale_bench  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from incidents.importers import ImportedRow, _read, dataset_for  # noqa: E402
from incidents.selection import frame_of_rows  # noqa: E402
from incidents.sql import is_url  # noqa: E402
from incidents.store import Store  # noqa: E402

BEFORE = "ee573c9"  # the last revision whose store re-clustered everything on every write
INGEST_BATCH = 100


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def size_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


class Targets:
    """New stores: SQLite files in a folder, or schemas of one PostgreSQL database (dropped by `close`)."""

    def __init__(self, folder: Path, server: str | None) -> None:
        self.folder, self.server, self.schemas = folder, server, []

    def new(self, name: str) -> str:
        if not self.server:
            return str(self.folder / f"{name}.sqlite")
        import psycopg

        schema = f"bench_{name}_{uuid.uuid4().hex[:6]}"
        with psycopg.connect(self.server, autocommit=True) as db:
            db.execute(f"CREATE SCHEMA {schema}")
            db.execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
        self.schemas.append(schema)
        parts = urlsplit(self.server)
        query = urlencode({**dict(parse_qsl(parts.query)), "options": f"-csearch_path={schema},public"})
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))

    def size_mb(self, target: str) -> float:
        if not is_url(target):
            return size_mb(Path(target))
        with Store(target) as s:
            return float(s.db.value("SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n "
                                    "ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
                                    "AND c.relkind = 'r'")) / 1e6

    def close(self) -> None:
        if self.server and self.schemas:
            import psycopg

            with psycopg.connect(self.server, autocommit=True) as db:
                for schema in self.schemas:
                    db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def before_package(rev: str, folder: Path):
    """The `incidents` package of revision `rev`, imported as `incidents_before`."""
    out = folder / "before"
    out.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", rev, "incidents"], check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive.stdout, check=True)
    (out / "incidents").rename(out / "incidents_before")
    sys.path.insert(0, str(out))
    return importlib.import_module("incidents_before.store"), importlib.import_module("incidents_before.importers")


# -- 1. import ------------------------------------------------------------------------------------------------------


def parsed_rows(folder: Path, gaz: Gazetteer, rows: int) -> tuple[list, float, float]:
    files = import_bench.generate(folder, gaz, rows)
    raw = sum(p.stat().st_size for p, _ in files) / 1e6
    start = time.perf_counter()
    parts = [[(i.document, i.account) for i in _read(p, dataset_for(fmt, None), gaz) if isinstance(i, ImportedRow)]
             for p, fmt in files]
    return parts, time.perf_counter() - start, raw


def write_rows(store, parts) -> float:
    """Each file's rows in one transaction ending with a re-cluster, as importers.import_file does; seconds."""
    start = time.perf_counter()
    for part in parts:
        with store.transaction():
            for doc, account in part:
                if not store.has_document(doc.id):
                    store.add_document(doc, [account])
            store.recluster()
    return time.perf_counter() - start


def preload(target: str, accounts: int) -> float:
    """Fill a store with scale_bench's events (3 accounts each); seconds."""
    rng = random.Random(7)
    start = time.perf_counter()
    fill(target, scale_bench.events(max(1, accounts // 3), rng), rng)
    return time.perf_counter() - start


#: The import measured for memory, in a fresh interpreter (a forked child would count its parent's pages as its own):
#: the files generated, then each imported by `import_file` as `python -m incidents import` does (rows streamed).
_CHILD = """
import resource, sys, tempfile
from pathlib import Path
sys.path[:0] = {paths!r}
import import_bench
from gazetteer import Gazetteer
from incidents.importers import import_file
from incidents.store import Store
gaz = Gazetteer.load()
with tempfile.TemporaryDirectory() as tmp:
    files = import_bench.generate(Path(tmp), gaz, {rows})
    with Store({target!r}) as store:
        for path, fmt in files:
            import_file(path, fmt, store, gaz)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6)
"""


def import_peak_rss(target: str, rows: int) -> float:
    """Peak RSS (MB) of a fresh interpreter generating `rows` rows and importing them into `target`."""
    code = _CHILD.format(paths=[str(REPO), str(REPO / "benchmarks")], rows=rows, target=target)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(done.stdout.split()[-1])


def import_part(args, targets: Targets, gaz: Gazetteer, folder: Path, before) -> list[str]:
    parts, parse_s, raw_mb = parsed_rows(folder, gaz, args.rows)
    n = sum(map(len, parts))
    out = [f"import: {n:,} rows parsed by incidents.importers in {parse_s:.1f} s ({n / parse_s:,.0f} rows/s; the "
           f"same for both stores); raw files {raw_mb:.1f} MB"]
    empty = targets.new("import")
    with Store(empty) as store:
        secs = write_rows(store, parts)
        counts = store.counts()
    size = targets.size_mb(empty)
    out.append(f"import into an empty store: store {n / secs:,.0f} rows/s ({secs:.1f} s), parse + store "
               f"{n / (secs + parse_s):,.0f} rows/s; {counts['incidents']:,} incidents; store {size:.1f} MB = "
               f"{size / raw_mb:.2f} x the raw rows")
    if args.preload:
        loaded = targets.new("preloaded")
        pre_s = preload(loaded, args.preload)
        with Store(loaded) as store:
            before_counts = store.counts()
            secs2 = write_rows(store, parts)
        out.append(f"import into a store of {before_counts['accounts']:,} accounts (built in {pre_s:.0f} s): store "
                   f"{n / secs2:,.0f} rows/s ({secs2:.1f} s) = {secs / secs2:.2f} x the empty store's rate")
    out.append(f"import peak RSS (a fresh process: gazetteer, generation, import_file of each file): "
               f"{import_peak_rss(targets.new('rss'), args.rows):,.0f} MB")
    if before:
        old_store, _ = before
        cut = [p[: max(1, args.before_rows // 3)] for p in parts]
        m = sum(map(len, cut))
        path = folder / "before_import.sqlite"
        with old_store.Store(path) as store:
            old_s = write_rows(store, cut)
        with Store(targets.new("same")) as store:
            new_s = write_rows(store, cut)
        out.append(f"import of the same first {m:,} rows into an empty store: before {m / old_s:,.0f} rows/s "
                   f"({old_s:.1f} s, {size_mb(path):.1f} MB), now {m / new_s:,.0f} rows/s ({new_s:.1f} s); "
                   f"x{old_s / new_s:.1f}")
    return out


# -- 2. ingest ------------------------------------------------------------------------------------------------------


def extracted(gaz: Gazetteer, n: int) -> list:
    from incidents.extraction import extract_accounts

    return [(doc, extract_accounts(gaz, doc)) for doc in ingest_bench.corpus(n)]


def ingest_into(store, docs) -> float:
    """Articles added INGEST_BATCH at a time, each batch clustered; seconds of clustering."""
    clustering = 0.0
    for first in range(0, len(docs), INGEST_BATCH):
        with store.transaction():
            for doc, accounts in docs[first:first + INGEST_BATCH]:
                if not store.has_document(doc.id):
                    store.add_document(doc, accounts)
            start = time.perf_counter()
            store.recluster()
            clustering += time.perf_counter() - start
    return clustering


def ingest_part(args, targets: Targets, gaz: Gazetteer, folder: Path, before, docs) -> list[str]:
    out = []
    empty = targets.new("ingest")
    with Store(empty) as store:
        small = ingest_into(store, docs)
        accounts = store.counts()["accounts"]
    out.append(f"ingest {len(docs):,} articles ({accounts:,} accounts) into an empty store: clustering "
               f"{small / len(docs) * 1e3:.2f} ms per article")
    if args.preload:
        loaded = targets.new("ingest_preloaded")
        preload(loaded, args.preload)
        with Store(loaded) as store:
            size = store.counts()["accounts"]
            big = ingest_into(store, docs)
        out.append(f"ingest the same into a store of {size:,} accounts: clustering {big / len(docs) * 1e3:.2f} ms "
                   f"per article ({big / small:.2f} x the empty store's)")
    if before:
        old_store, _ = before
        cut = docs[: max(1, args.before_rows // 30)]
        with old_store.Store(folder / "before_ingest.sqlite") as store:
            old_s = ingest_into(store, cut)
        with Store(targets.new("ingest_same")) as store:
            new_s = ingest_into(store, cut)
        out.append(f"ingest of the first {len(cut):,} articles into an empty store, clustering per article: before "
                   f"{old_s / len(cut) * 1e3:.2f} ms, now {new_s / len(cut) * 1e3:.2f} ms")
    return out


# -- 3. map ---------------------------------------------------------------------------------------------------------


def build_map_store(target: str, events: int, store_class=Store) -> None:
    rng = random.Random(scale_bench.SEED)
    fill(target, scale_bench.events(events, rng), rng, store_class)


def fill(target: str, evs, rng: random.Random, store_class=Store) -> None:
    """Write scale_bench's events (three reports each) into a store, 20,000 events per transaction."""
    with store_class(target) as store:
        for first in range(0, len(evs), 20_000):
            with store.transaction():
                for e in evs[first:first + 20_000]:
                    for doc, account in scale_bench.reports(e, 3, rng):
                        store.add_document(doc, [account])
                store.recluster()


def map_part(args, targets: Targets, folder: Path, before) -> list[str]:
    target = targets.new("map")
    start = time.perf_counter()
    build_map_store(target, args.incidents)
    built = time.perf_counter() - start

    def load(store_class=Store, where=target):
        with store_class(where) as store:
            rows = store.incident_rows()
            return frame_of_rows(rows)

    times = []
    for _ in range(3):
        t = time.perf_counter()
        frame = load()
        load_s = time.perf_counter() - t
        t = time.perf_counter()
        first = scale_bench.filtered_map(frame, scale_bench.DEFAULT)
        first_s = time.perf_counter() - t
        t = time.perf_counter()
        change = scale_bench.filtered_map(frame, scale_bench.CHANGED)
        change_s = time.perf_counter() - t
        times.append((load_s, first_s, change_s))
    load_s, first_s, change_s = sorted(times)[1]
    out = [f"map: {len(frame):,} incidents (store built in {built:.0f} s): load {load_s:.2f} s + first map "
           f"{first_s:.2f} s = first render {load_s + first_s:.2f} s (target 1.5), {first.bytes / 1e6:.2f} MB sent "
           f"(target 5); filter change {change_s:.2f} s (target 0.3), {change.bytes / 1e6:.2f} MB"]
    if before:
        old_store, _ = before
        from incidents_before.selection import frame_of_rows as old_frame

        n = min(args.incidents, args.before_rows)
        path = folder / "before_map.sqlite"
        build_map_store(str(path), n, old_store.Store)
        old_target = targets.new("map_same")
        build_map_store(old_target, n)

        def old_load():
            with old_store.Store(path) as store:
                return old_frame(store.incident_rows())

        t = time.perf_counter()
        old_load()
        old_s = time.perf_counter() - t
        t = time.perf_counter()
        load(Store, old_target)
        new_s = time.perf_counter() - t
        out.append(f"map load at {n:,} incidents: before {old_s:.2f} s (JSON rows), now {new_s:.2f} s (columns)")
    return out


# -- 4. two writers at once -----------------------------------------------------------------------------------------


def _writer(target: str, docs, queue) -> None:
    with Store(target) as store:
        ingest_into(store, docs)
    queue.put("ok")


def concurrent_part(targets: Targets, docs) -> list[str]:
    half = len(docs) // 2
    first, second = docs[: half + half // 4], docs[half - half // 4:]
    together = targets.new("together")
    Store(together).close()
    ctx = multiprocessing.get_context("fork")
    queue = ctx.Queue()
    start = time.perf_counter()
    procs = [ctx.Process(target=_writer, args=(together, part, queue)) for part in (first, second)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    secs = time.perf_counter() - start
    apart = targets.new("apart")
    with Store(apart) as store:
        ingest_into(store, first)
        ingest_into(store, second)
    with Store(together) as a, Store(apart) as b:
        same_accounts = sorted(x.id for x in a.accounts()) == sorted(x.id for x in b.accounts())
        same_incidents = [(i.id, [x.id for x in i.accounts]) for i in a.incidents()] == \
            [(i.id, [x.id for x in i.accounts]) for i in b.incidents()]
        counts = a.counts()
    return [f"two ingests at once ({len(first):,} + {len(second):,} articles, {len(first) + len(second) - len(docs):,}"
            f" in both) in {secs:.1f} s: {counts['documents']:,} documents, {counts['accounts']:,} accounts; the same "
            f"accounts as one after the other: {'yes' if same_accounts else 'NO'}; the same incidents: "
            f"{'yes' if same_incidents else 'NO'}"]


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=300_000, help="rows imported (a third per dataset)")
    ap.add_argument("--preload", type=int, default=1_000_000, help="accounts already in the store (0: none)")
    ap.add_argument("--articles", type=int, default=10_000, help="articles ingested")
    ap.add_argument("--incidents", type=int, default=100_000, help="incidents of the map's store (3 accounts each)")
    ap.add_argument("--store", help="a postgresql:// URL: run on that server (default: SQLite files)")
    ap.add_argument("--before", default=BEFORE, help="the earlier revision measured beside ('' to skip it)")
    ap.add_argument("--before-rows", type=int, default=30_000, help="rows (and events) the earlier store handles")
    ap.add_argument("--concurrent", action="store_true", help="also two ingests at once (PostgreSQL or SQLite)")
    ap.add_argument("--parts", default="import,ingest,map", help="which parts to run, comma-separated")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    parts = set(args.parts.split(","))
    gaz = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        targets = Targets(folder, args.store)
        try:
            before = before_package(args.before, folder) if args.before else None
            print(f"store benchmark on {'PostgreSQL' if args.store else 'SQLite'}; before = {args.before or '-'}")
            if "import" in parts:
                for line in import_part(args, targets, gaz, folder, before):
                    print(line, flush=True)
            docs = extracted(gaz, args.articles) if ("ingest" in parts or args.concurrent) else []
            if "ingest" in parts:
                for line in ingest_part(args, targets, gaz, folder, before, docs):
                    print(line, flush=True)
            if "map" in parts:
                for line in map_part(args, targets, folder, before):
                    print(line, flush=True)
            if args.concurrent:
                for line in concurrent_part(targets, docs):
                    print(line, flush=True)
        finally:
            targets.close()
    print(f"machine: {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
