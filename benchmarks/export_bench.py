"""Time and size of each export format, for the bundled sample corpus and for many synthetic incidents.

    python benchmarks/export_bench.py [--sizes sample,100000] [--runs 3] [--formats geojson,csv,...]

For each size and format, the median of the runs of `incidents.export.write_export` (the code behind
`python -m incidents export` and the dashboard's download buttons) writing to a temporary folder, and the file's
size. Beside it, in the same run, a BASELINE: `json.dump` of one flat record per incident (no accounts, no
geometry), the least any export has to do; the ratio is format time / baseline time.

"sample" is the bundled sample corpus ingested into a temporary store; a number is that many synthetic incidents
(random points in eastern Syria, 2014-2019, one to three accounts each, like benchmarks/dashboard_bench.py).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.dashboard_bench import (  # noqa: E402  (the same synthetic world as the map benchmark)
    CLAIMANTS, FIRST_DAY, LAST_DAY, LAT, LON, OUTLETS, PLACES, PRECISIONS)
from incidents.export import FORMATS, incident_records, write_export  # noqa: E402
from incidents.model import Account, Incident, PlaceMention  # noqa: E402


def synthetic(n: int, seed: int = 1) -> list[Incident]:
    """`n` random incidents, one to three accounts each, with quotes, places and figures."""
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    out = []
    for k in range(n):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        lat, lon, name = rng.uniform(*LAT), rng.uniform(*LON), rng.choice(PLACES)
        place = PlaceMention(name, 10, 10 + len(name), name=name, place_id=f"p{k}", lat=lat, lon=lon,
                             precision=rng.choice(PRECISIONS), admin1="SY09")
        accounts = []
        for j in range(rng.randint(1, 3)):
            killed = rng.choice((None, *range(0, 80)))
            who = rng.choice(CLAIMANTS)
            quote = f"{who} said {killed if killed is not None else 'several'} people were killed in {name}."
            accounts.append(Account(document_id=f"d{k}-{j}", file=f"batch{k // 1000}.txt", article=k, quote=quote,
                                    start=0, end=len(quote), claimed_by=who, outlet=rng.choice(OUTLETS),
                                    title=f"Strike on {name}", published=day, places=(place,), date_min=day,
                                    date_max=day, killed_min=killed, killed_max=killed, victims="civilians"))
        out.append(Incident(f"I{k:07d}", tuple(accounts)))
    return out


def sample() -> tuple[list[Incident], dict[str, str]]:
    """The bundled sample corpus, ingested into a temporary store."""
    from gazetteer import Gazetteer
    from incidents.ingest import ingest
    from incidents.store import Store

    with tempfile.TemporaryDirectory() as folder:
        with Store(Path(folder) / "s.sqlite") as store:
            ingest([REPO / "incidents" / "sample"], store, Gazetteer.load())
            return store.incidents(), store.urls()


def median_of(runs: int, fn: Callable[[], object]) -> float:
    """The median seconds of `runs` calls of `fn`."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def baseline(incidents: list[Incident], path: Path) -> None:
    """The least an export does: one flat JSON record per incident."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(incident_records(incidents), f)


def size_of(path: Path) -> int:
    """A file's size, with its sidecar (the CSV's metadata) if any."""
    side = path.with_name(path.name + "-metadata.json")
    return path.stat().st_size + (side.stat().st_size if side.is_file() else 0)


def measure(label: str, incidents: list[Incident], urls: dict[str, str], formats: list[str], runs: int) -> None:
    accounts = sum(len(i.accounts) for i in incidents)
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder) / "baseline.json"
        base_s = median_of(runs, lambda: baseline(incidents, base))
        print(f"\n{label}: {len(incidents):,} incidents, {accounts:,} accounts; runs={runs}")
        print(f"{'format':<8} | {'time (median)':>13} | {'size':>10} | {'vs baseline':>11}")
        print(f"{'baseline':<8} | {base_s:>11.3f} s | {base.stat().st_size / 1e6:>7.2f} MB | {1:>10.1f}×")
        for fmt in formats:
            path = Path(folder) / f"export.{fmt}"
            secs = median_of(runs, lambda: write_export(incidents, path, fmt, urls=urls, title=label,
                                                        description="benchmark"))
            print(f"{fmt:<8} | {secs:>11.3f} s | {size_of(path) / 1e6:>7.2f} MB | {secs / base_s:>10.1f}×")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="sample,100000", help="comma-separated: 'sample' and/or incident counts")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--formats", default=",".join(FORMATS))
    args = ap.parse_args(argv)
    formats = [f for f in args.formats.split(",") if f]
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        ap.error(f"unknown formats: {', '.join(unknown)}")
    print(f"machine: Python {sys.version.split()[0]}; formats: {', '.join(formats)}")
    for size in args.sizes.split(","):
        if size == "sample":
            incidents, urls = sample()
            measure("sample corpus", incidents, urls, formats, args.runs)
        else:
            measure(f"{int(size):,} synthetic", synthetic(int(size)), {}, formats, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
