"""Import throughput: rows per second from ACLED, UCDP GED and Airwars files into a fresh store, at scale.

    python benchmarks/import_bench.py [--rows 300000] [--runs 3] [--seed 1] [--postgres URL] [--profile]

N rows form N/3 events, each reported once by each dataset (an ACLED, a UCDP GED and an Airwars row with their own
spellings, precision codes, date conventions and figures) at gazetteer localities of the governorates the
coalition campaign hit (Deir ez-Zor, Raqqa, Hasakeh, Aleppo, Anbar, Ninewa), a few busy places getting most
events, on days of 2014-2019, points jittered by up to ~300 m. Each run imports the three files into a fresh store
(each import is one transaction and ends with a re-cluster of the whole store) and the median run is printed
beside a naive baseline run in the same process: csv.DictReader, one INSERT of the row as JSON and one commit per
row, into SQLite with the store's settings (WAL, synchronous NORMAL). Also printed: the store's size on disk, the
incidents and accounts it holds, the process's peak memory (ru_maxrss: it includes the generation, every run and
loading every incident after them), the peak memory of the import alone (one more run, in a fresh process that loads
the gazetteer and imports the three files: its own high-water mark, VmHWM, which a child's ru_maxrss is not, since
Linux carries a parent's peak over to it) and the time Store.incidents() takes to load them. --profile prints
cProfile's top functions of one import (by cumulative time).

--postgres URL runs every store on that PostgreSQL server (a database with PostGIS, or whose user may create it):
each run's store, the fresh process's and the baseline's, in a new schema of that database, dropped at the end. The
baseline then runs on the same server (one INSERT and one commit per row, autocommit off per row), and the size
printed is the schema's tables with their indexes and TOAST.

The store's size is also printed as a multiple of the three CSV files and of the baseline's table, and table by table
(its rows, its indexes; a SQLite R-tree as a table of its own), to show where the bytes go.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import datetime as dt
import io
import json
import pstats
import random
import re
import resource
import sqlite3
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

from fresh_stores import FreshStores  # noqa: E402
from gazetteer import Gazetteer, Place  # noqa: E402
from incidents.importers import import_file  # noqa: E402
from incidents.store import Store  # noqa: E402

GOVERNORATES = ("SY09", "SY11", "SY08", "SY02", "IQ-AN", "IQ-NI")
FIRST_DAY, DAYS = dt.date(2014, 1, 1), 6 * 365
JITTER = 0.003  # degrees
BUSY = 20  # place weights 1 / (rank + BUSY): the first places get many events
ACLED_HEADER = ["event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
                "actor2", "admin1", "location", "latitude", "longitude", "geo_precision", "source", "notes",
                "fatalities"]
UCDP_HEADER = ["id", "side_a", "side_b", "number_of_sources", "source_office", "source_headline", "where_prec",
               "where_coordinates", "adm_1", "latitude", "longitude", "date_prec", "date_start", "date_end",
               "deaths_civilians", "best", "high", "low"]
AIRWARS_HEADER = ["Code", "Date", "Location name (English)", "Latitude", "Longitude", "Geolocation accuracy",
                  "Civilians killed min", "Civilians killed max", "Civilians injured min", "Civilians injured max",
                  "Grading", "Belligerent", "Source links"]
FORMATS = (("acled.csv", "acled"), ("ucdp.csv", "ucdp"), ("airwars.csv", "airwars"))
_LATIN = re.compile(r"^[A-Za-z][A-Za-z' -]+$")


@dataclass(frozen=True)
class Event:
    """One synthetic event: where, when, how many killed."""

    n: int
    place: Place
    lat: float
    lon: float
    day: dt.date
    killed: int


def event_places(gaz: Gazetteer, rng: random.Random) -> tuple[list[Place], list[float]]:
    """Localities of the campaign's governorates, shuffled, with weights that make a few of them busy."""
    places = [p for p in gaz.places if p.type == "locality" and p.admin1 in GOVERNORATES]
    rng.shuffle(places)
    return places, [1 / (i + BUSY) for i in range(len(places))]


def events(gaz: Gazetteer, n: int, seed: int = 1) -> list[Event]:
    """N events at weighted places and uniform days."""
    rng = random.Random(seed)
    places, weights = event_places(gaz, rng)
    chosen = rng.choices(places, weights, k=n)
    return [Event(k, p, p.lat + rng.uniform(-JITTER, JITTER), p.lon + rng.uniform(-JITTER, JITTER),
                  FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS)), rng.choice((0, 1, 1, 2, 3, 5, 8, 13, 30)))
            for k, p in enumerate(chosen)]


def spelling(p: Place, rng: random.Random) -> str:
    """One of the place's Latin spellings."""
    names = [x for x in p.names if _LATIN.match(x)] or [p.name]
    return rng.choice(names)


def acled_row(e: Event, rng: random.Random) -> list[object]:
    geo = rng.choices(("1", "2", "3"), (80, 15, 5))[0]
    return [f"SYR{e.n}", e.day.strftime("%d %B %Y"), e.day.year, rng.choices(("1", "2", "3"), (90, 8, 2))[0],
            "Explosions/Remote violence", "Air/drone strike", "Military Forces of the United States", "Civilians",
            e.place.admin1_name, spelling(e.place, rng), f"{e.lat:.4f}", f"{e.lon:.4f}", geo,
            rng.choice(("SOHR", "SANA; SOHR", "Step News Agency", "Deir Ezzor 24")),
            f"On {e.day:%d %B %Y}, coalition airstrikes hit {e.place.name}; {e.killed} people were reported killed.",
            e.killed]


def ucdp_row(e: Event, rng: random.Random) -> list[object]:
    prec = rng.choices(("1", "2", "3", "4"), (75, 15, 5, 5))[0]
    low, high = max(0, e.killed - 2), e.killed + rng.randrange(5)
    start = e.day - dt.timedelta(days=rng.choice((0, 0, 1)))
    return [200_000 + e.n, "Government of United States of America", "IS", rng.randrange(1, 5), "Reuters;SOHR",
            f"Strikes kill {e.killed} in {e.place.name}", prec, f"{spelling(e.place, rng)} town",
            f"{e.place.admin1_name} governorate", f"{e.lat:.4f}", f"{e.lon:.4f}", "1" if start == e.day else "2",
            f"{start:%Y-%m-%d} 00:00:00.000", f"{e.day:%Y-%m-%d} 00:00:00.000",
            e.killed if rng.random() < 0.5 else 0, e.killed, high, low]


def airwars_row(e: Event, rng: random.Random) -> list[object]:
    accuracy = rng.choice(("Within 1km (via Airwars)", "Village", "Town", "Nearby landmark (via Airwars)",
                           "Exact location (via Airwars)"))
    return [f"CS{e.n}", e.day.strftime("%B %d, %Y"), spelling(e.place, rng), f"{e.lat:.5f}", f"{e.lon:.5f}",
            accuracy, max(0, e.killed - 1), e.killed + 2, "", "", rng.choice(("Fair", "Weak", "Contested")),
            "US-led Coalition", f"https://example.org/airwars/CS{e.n}"]


def generate(folder: Path, gaz: Gazetteer, rows: int, seed: int = 1) -> list[tuple[Path, str]]:
    """Three files (ACLED, UCDP GED, Airwars) of rows/3 rows each about the same events."""
    rng = random.Random(seed + 1)
    evs = events(gaz, max(1, rows // 3), seed)
    out = []
    for (name, fmt), header, make in zip(FORMATS, (ACLED_HEADER, UCDP_HEADER, AIRWARS_HEADER),
                                         (acled_row, ucdp_row, airwars_row)):
        path = folder / name
        with path.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(make(e, rng) for e in evs)
        out.append((path, fmt))
    return out


def import_all(files: Sequence[tuple[Path, str]], target: str | Path, gaz: Gazetteer) -> dict[str, float]:
    """Import every file into a fresh store; seconds per format."""
    times = {}
    with Store(target) as store:
        for path, fmt in files:
            t = time.perf_counter()
            import_file(path, fmt, store, gaz)
            times[fmt] = time.perf_counter() - t
    return times


def baseline(files: Sequence[tuple[Path, str]], store_path: Path) -> float:
    """csv.DictReader, one INSERT (the row as JSON) and one commit per row into SQLite; seconds."""
    t = time.perf_counter()
    db = sqlite3.connect(str(store_path), isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("CREATE TABLE rows (file TEXT, row INTEGER, data TEXT)")
    for path, _ in files:
        with path.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), start=1):
                db.execute("BEGIN")
                db.execute("INSERT INTO rows VALUES (?, ?, ?)", (path.name, n, json.dumps(row)))
                db.execute("COMMIT")
    db.close()
    return time.perf_counter() - t


def baseline_postgres(files: Sequence[tuple[Path, str]], url: str) -> float:
    """The same baseline on a PostgreSQL server: one INSERT and one commit per row; seconds."""
    import psycopg

    t = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE rows (file TEXT, row INTEGER, data TEXT)")
        for path, _ in files:
            with path.open(encoding="utf-8", newline="") as f:
                for n, row in enumerate(csv.DictReader(f), start=1):
                    with db.transaction():
                        db.execute("INSERT INTO rows VALUES (%s, %s, %s)", (path.name, n, json.dumps(row)))
    return time.perf_counter() - t


def own_peak_mb() -> float:
    """This process's own peak resident memory in MB: VmHWM on Linux (not carried over from a parent), else
    ru_maxrss."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024 / 1e6
    except OSError:
        pass
    return peak_rss_mb()


def import_in_this_process(target: str, files: Sequence[str]) -> None:
    """What the fresh process runs: load the gazetteer, import the files ("path:format") into the store, print its
    peaks (after the gazetteer, after the import) and the import's seconds as JSON."""
    gaz = Gazetteer.load()
    loaded = own_peak_mb()
    times = import_all([(Path(p), fmt) for p, fmt in (f.rsplit(":", 1) for f in files)], target, gaz)
    print(json.dumps({"gazetteer_mb": loaded, "peak_mb": own_peak_mb(), "seconds": sum(times.values())}))


_CHILD = ("import importlib.util, sys; spec = importlib.util.spec_from_file_location('import_bench', sys.argv[1]); "
          "bench = importlib.util.module_from_spec(spec); sys.modules['import_bench'] = bench; "
          "spec.loader.exec_module(bench); bench.import_in_this_process(sys.argv[2], sys.argv[3:])")


def import_apart(files: Sequence[tuple[Path, str]], target: str) -> dict[str, float]:
    """One import in a fresh Python process; its peaks (MB) and seconds."""
    out = subprocess.run([sys.executable, "-c", _CHILD, str(Path(__file__).resolve()), target,
                          *(f"{p}:{fmt}" for p, fmt in files)], cwd=REPO, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB (ru_maxrss is in KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6


def profile(files: Sequence[tuple[Path, str]], target: str, gaz: Gazetteer, top: int = 25) -> str:
    """cProfile's top functions (cumulative time) of importing the files into a fresh store."""
    prof = cProfile.Profile()
    prof.enable()
    import_all(files, target, gaz)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def parts_table(parts: dict[str, tuple[float, float]], csv_mb: float) -> str:
    """What each table of the store takes (its rows, its indexes), largest first, with its share as a multiple of the
    CSV files' size, and the total."""
    lines = ["store by table (MB; x CSV = table and indexes over the CSV files' size):",
             f"{'table':<22} | {'rows':>7} | {'indexes':>7} | x CSV"]
    for name, (data, index) in sorted(parts.items(), key=lambda kv: (-sum(kv[1]), kv[0])):
        lines.append(f"{name:<22} | {data:>7.1f} | {index:>7.1f} | x{(data + index) / csv_mb:.2f}")
    data, index = (sum(v[k] for v in parts.values()) for k in (0, 1))
    lines.append(f"{'total':<22} | {data:>7.1f} | {index:>7.1f} | x{(data + index) / csv_mb:.2f}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=300_000, help="rows in all (a third per dataset)")
    ap.add_argument("--runs", type=int, default=3, help="runs; the median is printed")
    ap.add_argument("--seed", type=int, default=1, help="seed of the generated events")
    ap.add_argument("--postgres", metavar="URL", help="run the stores on this PostgreSQL server (a schema each)")
    ap.add_argument("--profile", action="store_true", help="also print cProfile's top functions of one import")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    gaz = Gazetteer.load()
    rss_before = peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp, FreshStores(Path(tmp), args.postgres) as stores:
        folder = Path(tmp)
        files = generate(folder, gaz, args.rows, args.seed)
        rows = len(files) * max(1, args.rows // 3)
        runs, bases = [], []
        for k in range(args.runs):  # the last run's store and the first baseline's are kept for their sizes
            last = stores.new(f"run{k}")
            runs.append(import_all(files, last, gaz))
            base = stores.new(f"base{k}")
            bases.append(baseline_postgres(files, base) if args.postgres else baseline(files, Path(base)))
            if k == 0:
                base0 = base
            else:
                stores.drop(base)
            if k < args.runs - 1:
                stores.drop(last)
        with Store(last) as store:
            counts = store.counts()
            loads = []
            for _ in range(args.runs):
                t = time.perf_counter()
                store.incidents()
                loads.append(time.perf_counter() - t)
        apart = import_apart(files, stores.new("apart"))
        total = statistics.median(sum(r.values()) for r in runs)
        base = statistics.median(bases)
        on = f"; store on {stores.server_name()} (each store in a new schema, dropped at the end)" if args.postgres \
            else ""
        print(f"import benchmark: {rows:,} rows ({rows // 3:,} events x 3 datasets: ACLED, UCDP GED, Airwars); "
              f"median of {args.runs} run(s){on}")
        print(f"rows/s: {rows / total:,.0f} ({total:.2f} s); baseline {rows / base:,.0f} rows/s ({base:.2f} s: "
              f"csv.DictReader + one INSERT and commit per row{', on PostgreSQL' if args.postgres else ''}); "
              f"ratio x{base / total:.2f}")
        print("seconds per file (each with its re-cluster): " + ", ".join(
            f"{fmt} {statistics.median(r[fmt] for r in runs):.2f}" for _, fmt in files))
        where = "in PostgreSQL (tables, indexes, TOAST)" if args.postgres else "on disk"
        size, base_size = stores.size_mb(last), stores.size_mb(base0)
        csv_mb = sum(path.stat().st_size for path, _ in files) / 1e6
        print(f"store size {where}: {size:.1f} MB (baseline {base_size:.1f} MB); the CSV files {csv_mb:.1f} MB: "
              f"x{size / csv_mb:.2f} the CSV, x{size / base_size:.2f} the baseline's rows as JSON")
        print(f"incidents: {counts['incidents']:,}; accounts: {counts['accounts']:,}; documents: "
              f"{counts['documents']:,}")
        print(f"peak memory (ru_maxrss): {peak_rss_mb():,.0f} MB ({rss_before:,.0f} MB with the gazetteer loaded)")
        print(f"peak memory of the import alone (VmHWM of a fresh process importing the three files, one more run: "
              f"{apart['seconds']:.2f} s): {apart['peak_mb']:,.0f} MB ({apart['gazetteer_mb']:,.0f} MB with the "
              f"gazetteer loaded)")
        print(f"load incidents (Store.incidents()): {statistics.median(loads):.2f} s")
        print(parts_table(stores.parts_mb(last), csv_mb))
        if args.profile:
            print(profile(files, stores.new("profile"), gaz))
    return 0


if __name__ == "__main__":
    sys.exit(main())
