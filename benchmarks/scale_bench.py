"""The Map page on one store of 100,000 incidents and 300,000 accounts, beside a naive load and build in the same run.

    python benchmarks/scale_bench.py [--incidents 100000] [--accounts-per 3] [--runs 3] [--store PATH] [--keep]
                                     [--postgres URL] [--profile]

1. The store: N synthetic events, each reported by `--accounts-per` claimants (ACLED, UCDP GED, Airwars or news
   outlets quoting SOHR, SANA, local activists), every account its own document, a point within 1 km of the
   event's, a window of one or two days and its own figures (so many incidents are disputed). Events sit at sites
   of a 0.1° lattice over eastern Syria and western Iraq, busy around a few towns (Raqqa, Mosul, Hajin...); at one
   site they take days three apart: accounts of two events are never within 3 km with overlapping windows, so
   clustering finds N incidents (printed, with how far it is from N). The documents and accounts are written with
   Store.add_document in one transaction, then Store.recluster() in another (its time is the clustering cost at this
   scale). The build runs in a forked child process, so the peak memory printed for the page is not the build's.
   --store PATH reuses a store that exists (else builds it there and keeps it); --keep keeps a built store.
   --postgres URL builds the store on that PostgreSQL server instead (a database with PostGIS, or whose user may
   create it), in a new schema of the URL's database that is dropped at the end; every load then reads it from
   there, and the size printed is the schema's tables with their indexes and TOAST. The first line names the server.
2. Each figure is the median of --runs in this process; each load opens a fresh Store connection (the operating
   system's file cache stays warm):
   - load: frame_of_rows(store.incident_rows()), what the dashboard caches per store version;
   - first map: filter_frame with the default filters + incident_map(markers=False) + visible_layer for no view
     yet + the figure rendered with the layer added (assets made offline as the page does); bytes = that HTML;
   - first render: load + first map (a server that has not cached the frame yet);
   - zoomed in: incident_map + visible_layer for a box around the busiest site (0.5° at zoom 10, 0.1° at zoom 13)
     + render: what the map panel reruns on a pan or zoom (popups are sent only when <= MAX_MARKERS are in view);
   - filter change: filter_frame with a year, a claimant and a minimum figure + the same map, from the frame in
     memory (a new map component, so the base map is sent again);
   - frame copy: pickle.loads of the frame, what st.cache_data does on every rerun that reads the cached frame;
   - memory: ru_maxrss of this process after the page's runs (then after the naive ones), and tracemalloc's peaks
     over the load and over load + first map, in runs of their own after all the timed ones.
   NAIVE: Store.incidents() (every account decoded) + incidents_frame for the load; for the map the same base map
   with one folium.Marker and folium.Popup per incident. When a naive map would take more than NAIVE_CAP_S seconds
   it is built on a sample and its time and bytes extrapolated (said so in the notes). Its memory is tracemalloc's
   peak over the naive load alone.

It prints the store's figures, a table `metric | atlas | naive | ratio | target | met?` (ratio = naive / atlas),
notes (what each map drew, extrapolations) and one `machine:` line. Sizes are in MB of 10^6 bytes. --profile
also prints cProfile's top functions (by cumulative time) of the page's load, first map and filter change.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import math
import multiprocessing
import os
import pickle
import platform
import pstats
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))

import folium  # noqa: E402
import pandas as pd  # noqa: E402

from incidents.maps.assets import STATIC_PREFIX, offline  # noqa: E402
from incidents.maps.incident_map import MAX_MARKERS, CircleLayer, drawable, incident_map, popup_html  # noqa: E402
from dashboard.viewport import Bounds, visible_layer  # noqa: E402
from fresh_stores import FreshStores  # noqa: E402
from incidents.errors import StoreError  # noqa: E402
from incidents.model import Account, Document, PlaceMention  # noqa: E402
from incidents.selection import Filters, filter_frame, frame_of_rows, incidents_frame  # noqa: E402
from incidents.store import Store  # noqa: E402

T = TypeVar("T")

#: The area the events fall in (eastern Syria, western Iraq): south, north, west, east.
SOUTH, NORTH, WEST, EAST = 33.0, 37.0, 38.0, 44.0
#: Events happen at the sites of a lattice this many degrees apart (8.9 km or more): with an event's point within
#: EVENT_KM of its site and its accounts within ACCOUNT_KM of that point, two sites' accounts stay > 3 km apart.
SITE_DEG, EVENT_KM, ACCOUNT_KM = 0.1, 0.5, 1.0
KM_PER_DEG = 111.32
#: At one site, events take days SLOT_DAYS apart and accounts' windows span at most two days: no two overlap.
FIRST_DAY, LAST_DAY, SLOT_DAYS = dt.date(2014, 1, 1), dt.date(2019, 12, 31), 3
#: Busy towns (name, admin1, lat, lon, weight): sites near them get more events; every site gets BACKGROUND.
BUSY = (("Raqqa", "SY11", 35.95, 39.01, 6.0), ("Deir ez-Zor", "SY09", 35.34, 40.14, 4.0),
        ("al-Mayadin", "SY09", 35.02, 40.45, 2.0), ("Hajin", "SY09", 34.69, 40.83, 3.0),
        ("Abu Kamal", "SY09", 34.45, 40.92, 3.0), ("al-Qaim", "IQ-AN", 34.37, 41.09, 2.0),
        ("al-Hasakah", "SY08", 36.50, 40.75, 1.0), ("Tal Afar", "IQ-NI", 36.37, 42.45, 2.0),
        ("Mosul", "IQ-NI", 36.34, 43.13, 6.0), ("Ramadi", "IQ-AN", 33.42, 43.30, 3.0),
        ("Fallujah", "IQ-AN", 33.35, 43.78, 3.0))
BUSY_SPREAD_DEG, BACKGROUND = 0.2, 0.1
#: Who reports an event: (claimant, the outlets that carry its claim).
REPORTERS = (("ACLED", ("ACLED",)), ("UCDP GED", ("UCDP GED",)), ("Airwars", ("Airwars",)),
             ("SOHR", ("Reuters", "AFP", "Enab Baladi")), ("SANA", ("SANA", "Syria Times")),
             ("local activists", ("Deir Ezzor 24", "Step News Agency")))
KILLED = (0, 1, 1, 2, 3, 4, 5, 7, 8, 10, 13, 20, 30, 54, None)
SEED = 1

#: The default view, and the view after a filter change (a year, a claimant, a minimum figure).
DEFAULT = Filters()
CHANGED = Filters(date_from=dt.date(2017, 1, 1), date_to=dt.date(2017, 12, 31), claimants=("Airwars",), min_killed=5)
#: The zoomed-in views: a box of this many degrees around the busiest site, at this zoom.
ZOOMS = ((0.5, 10), (0.1, 13))
#: Targets at 100,000 incidents.
TARGET_FIRST_S, TARGET_BYTES, TARGET_CHANGE_S = 1.5, 5_000_000, 0.3  # a team's store: first render, bytes, a filter change
#: A naive map predicted to take longer is built on a sample and extrapolated; the sample that predicts it.
NAIVE_CAP_S, NAIVE_PROBE = 60.0, 200
#: The local Leaflet assets the page points the map at (instead of a CDN).
LEAFLET_JS, LEAFLET_CSS = [f"{STATIC_PREFIX}/leaflet.js"], [f"{STATIC_PREFIX}/leaflet.css"]


# -- the synthetic store ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One synthetic event: where (its site's name and governorate, its point), which day, how many killed."""

    n: int
    site: int
    place: str
    admin1: str
    lat: float
    lon: float
    day: dt.date
    killed: int | None

    def __post_init__(self) -> None:
        if not (SOUTH - 1 <= self.lat <= NORTH + 1 and WEST - 1 <= self.lon <= EAST + 1):
            raise ValueError(f"event {self.n}: point {self.lat}, {self.lon} outside the area")


def slots() -> int:
    """How many events one site can hold."""
    return ((LAST_DAY - FIRST_DAY).days - 1) // SLOT_DAYS + 1


def sites() -> list[tuple[float, float]]:
    """The lattice's site centres (lat, lon)."""
    rows, cols = round((NORTH - SOUTH) / SITE_DEG), round((EAST - WEST) / SITE_DEG)
    return [(SOUTH + (r + 0.5) * SITE_DEG, WEST + (c + 0.5) * SITE_DEG) for r in range(rows) for c in range(cols)]


def site_weight(lat: float, lon: float) -> float:
    """How busy a site is: BACKGROUND plus a bell around each busy town."""
    return BACKGROUND + sum(w * math.exp(-((lat - y) ** 2 + (lon - x) ** 2) / (2 * BUSY_SPREAD_DEG ** 2))
                            for _, _, y, x, w in BUSY)


def site_counts(n: int, weights: Sequence[float], capacity: int, rng: random.Random) -> list[int]:
    """How many of `n` events each site gets, drawn by weight, none above `capacity`."""
    if n > capacity * len(weights):
        raise ValueError(f"incidents must be at most {capacity * len(weights)}, got {n}")
    counts = [0] * len(weights)
    while (left := n - sum(counts)) > 0:
        open_sites = [i for i, c in enumerate(counts) if c < capacity]
        for i in rng.choices(open_sites, [weights[i] for i in open_sites], k=left):
            if counts[i] < capacity:
                counts[i] += 1
    return counts


def _nearest_town(lat: float, lon: float) -> tuple[str, str]:
    name, admin1, *_ = min(BUSY, key=lambda b: (b[2] - lat) ** 2 + (b[3] - lon) ** 2)
    return name, admin1


def _offset(lat: float, lon: float, km: float, rng: random.Random) -> tuple[float, float]:
    """A point uniformly within `km` of (lat, lon)."""
    r, a = km * math.sqrt(rng.random()), rng.uniform(0, 2 * math.pi)
    return lat + r * math.cos(a) / KM_PER_DEG, lon + r * math.sin(a) / (KM_PER_DEG * math.cos(math.radians(lat)))


def events(n: int, rng: random.Random) -> list[Event]:
    """`n` events at weighted sites, each site's on distinct days SLOT_DAYS apart."""
    centres = sites()
    counts = site_counts(n, [site_weight(*c) for c in centres], slots(), rng)
    out: list[Event] = []
    for k, ((lat, lon), count) in enumerate(zip(centres, counts)):
        town, admin1 = _nearest_town(lat, lon)
        place = f"village {k:04d} near {town}"
        for slot in rng.sample(range(slots()), count):
            day = FIRST_DAY + dt.timedelta(days=slot * SLOT_DAYS)
            out.append(Event(len(out), k, place, admin1, *_offset(lat, lon, EVENT_KM, rng), day, rng.choice(KILLED)))
    return out


def figures(killed: int | None, rng: random.Random) -> tuple[int | None, int | None]:
    """One account's killed figures for an event: none, the event's, a range around it, or another number."""
    r = rng.random()
    if killed is None or r < 0.1:
        return None, None
    if r < 0.55:
        return killed, killed
    if r < 0.8:
        return max(0, killed - rng.randint(1, 3)), killed + rng.randint(0, 4)
    other = max(0, killed + rng.choice((-2, -1, 1, 2, 5, 10)))
    return other, other


def report(e: Event, j: int, claimant: str, outlet: str, rng: random.Random) -> tuple[Document, Account]:
    """One claimant's account of an event, as its own document."""
    lo, hi = figures(e.killed, rng)
    end = e.day + dt.timedelta(days=rng.random() < 0.2)
    said = "no figure given" if lo is None else (f"{lo} killed" if lo == hi else f"{lo} to {hi} killed")
    text = (f"{claimant} via {outlet}: an air strike hit {e.place} on {e.day:%d %B %Y}; {said}. "
            f"Report {j} of event {e.n}.")
    doc = Document(text=text, file=f"{outlet.lower().replace(' ', '_')}.csv", article=e.n, outlet=outlet,
                   title=f"Air strike at {e.place}", url=f"https://example.org/{e.n}/{j}",
                   published=end + dt.timedelta(days=1))
    lat, lon = _offset(e.lat, e.lon, ACCOUNT_KM, rng)
    at = text.index(e.place)
    mention = PlaceMention(e.place, at, at + len(e.place), name=e.place, place_id=f"site-{e.site}", lat=lat, lon=lon,
                           precision="exact" if rng.random() < 0.85 else "near", confidence=1.0, admin1=e.admin1)
    account = Account(document_id=doc.id, file=doc.file, article=e.n, quote=text, start=0, end=len(text),
                      claimed_by=claimant, outlet=outlet, title=doc.title, published=doc.published, places=(mention,),
                      date_min=e.day, date_max=end, date_text=f"{e.day:%d %B %Y}", date_precision="day",
                      killed_min=lo, killed_max=hi, victims="civilians" if rng.random() < 0.8 else "unknown",
                      perpetrator="US-led Coalition", confidence=1.0)
    return doc, account


def reports(e: Event, per: int, rng: random.Random) -> Iterator[tuple[Document, Account]]:
    """`per` accounts of an event, by distinct claimants while there are enough of them."""
    who = rng.sample(REPORTERS, per) if per <= len(REPORTERS) else rng.choices(REPORTERS, k=per)
    for j, (claimant, outlets) in enumerate(who):
        yield report(e, j, claimant, rng.choice(outlets), rng)


@dataclass(frozen=True)
class Built:
    """What building the store took."""

    events: int
    accounts: int
    write_s: float
    recluster_s: float
    peak_rss_mb: float


def build_store(path: Path | str, n: int, per: int, seed: int = SEED) -> Built:
    """Write `n` events' accounts with Store.add_document in one transaction, then recluster in another."""
    rng = random.Random(seed)
    evs = events(n, rng)
    accounts = 0
    with Store(path) as store:
        start = time.perf_counter()
        with store.transaction():
            for e in evs:
                for doc, account in reports(e, per, rng):
                    store.add_document(doc, [account])
                    accounts += 1
        write_s, start = time.perf_counter() - start, time.perf_counter()
        with store.transaction():
            store.recluster()
        recluster_s = time.perf_counter() - start
    return Built(len(evs), accounts, write_s, recluster_s, peak_rss_mb())


def build_apart(path: Path | str, n: int, per: int) -> tuple[Built, str]:
    """`build_store` in a forked child (so this process's peak memory is the page's), or here where fork is missing."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return build_store(path, n, per), "this process"
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        return pool.submit(build_store, path, n, per).result(), "child process"


# -- measuring ----------------------------------------------------------------------------------------------------


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (ru_maxrss: KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak * 1024 / 1e6


def timed(fn: Callable[[], T]) -> tuple[float, T]:
    """Seconds a call takes, and its result."""
    start = time.perf_counter()
    out = fn()
    return time.perf_counter() - start, out


def median_of(runs: int, fn: Callable[[], T]) -> tuple[float, T]:
    """The median seconds of `runs` calls, and the last call's result (earlier results are let go at once, so no
    two are held together)."""
    seconds = [timed(fn)[0] for _ in range(runs - 1)]
    last, out = timed(fn)
    return statistics.median([*seconds, last]), out


def traced_peak_mb(fn: Callable[[], object]) -> float:
    """tracemalloc's peak (MB) over one call."""
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1] / 1e6
    finally:
        tracemalloc.stop()


def load_frame(path: Path | str) -> pd.DataFrame:
    """The page's load: the incidents frame from the rows stored at recluster time (a fresh connection)."""
    with Store(path) as store:
        return frame_of_rows(store.incident_rows())


def naive_frame(path: Path | str) -> pd.DataFrame:
    """The naive load: every incident with its accounts decoded, then the frame (a fresh connection)."""
    with Store(path) as store:
        return incidents_frame(store.incidents())


@dataclass(frozen=True)
class Drawn:
    """What one map sent: bytes of the rendered HTML, incidents in and around the view, circles drawn."""

    bytes: int
    in_view: int
    circles: int

    @property
    def kind(self) -> str:
        """ "markers with popups" or "grid cells, no popups"."""
        return "markers with popups" if self.in_view <= MAX_MARKERS else "grid cells, no popups"


def rendered(m: folium.Map) -> str:
    """The map's HTML as the page sends it (assets pointed at the local Leaflet first)."""
    offline(m, js=LEAFLET_JS, css=LEAFLET_CSS)
    return m.get_root().render()


def page_map(shown: pd.DataFrame, filters: Filters, bounds: Bounds | None, zoom: float | None) -> Drawn:
    """What the map panel does: the base map, the layer for the view added, the figure rendered."""
    m = incident_map(shown, undated=filters.undated, markers=False)
    layer, in_view = visible_layer(shown, bounds, zoom=zoom, undated=filters.undated)
    offline(layer)
    layer.add_to(m)
    circles = sum(len(c.markers) for c in layer._children.values() if isinstance(c, CircleLayer))
    return Drawn(len(rendered(m).encode()), in_view, circles)


def filtered_map(frame: pd.DataFrame, filters: Filters) -> Drawn:
    """A first render or a filter change from the frame in memory: filter, then the map for no view yet."""
    return page_map(filter_frame(frame, filters), filters, None, None)


def busiest_box(frame: pd.DataFrame, size_deg: float) -> Bounds:
    """A square of `size_deg` degrees around the mean point of the busiest SITE_DEG cell of the frame."""
    located = frame[frame["lat"].notna() & frame["lon"].notna()]
    if not len(located):
        raise ValueError("the frame holds no located incident to zoom in on")
    cells = list(zip((located["lat"] // SITE_DEG).astype(int), (located["lon"] // SITE_DEG).astype(int)))
    (row, col), _ = Counter(cells).most_common(1)[0]
    inside = located[[c == (row, col) for c in cells]]
    lat, lon, half = float(inside["lat"].mean()), float(inside["lon"].mean()), size_deg / 2
    return (lat - half, lon - half), (lat + half, lon + half)


def naive_map(frame: pd.DataFrame) -> int:
    """The same base map with one folium.Marker and folium.Popup per drawable incident, rendered; bytes."""
    m = incident_map(frame, undated=True, markers=False)
    for row in frame[drawable(frame, undated=True)].to_dict("records"):
        folium.Marker([row["lat"], row["lon"]], popup=folium.Popup(popup_html(row), max_width=360)).add_to(m)
    return len(rendered(m).encode())


@dataclass(frozen=True)
class Naive:
    """A naive map's seconds and bytes, and how they were had."""

    seconds: float
    bytes: int
    note: str


def naive_build(frame: pd.DataFrame, runs: int, before: Callable[[], object] = lambda: None) -> Naive:
    """The naive map of `frame` (after `before`, timed with it), or, when a probe predicts more than NAIVE_CAP_S,
    its time and bytes extrapolated from a sample."""
    n = len(frame)
    probe = min(n, NAIVE_PROBE)
    per = timed(lambda: naive_map(frame.iloc[:probe]))[0] / max(probe, 1)
    if per * n <= NAIVE_CAP_S:
        secs, size = median_of(runs, lambda: (before(), naive_map(frame))[1])
        return Naive(secs, size, f"{n:,} markers built")
    sample = max(probe, int(NAIVE_CAP_S / 4 / per))
    extra, _ = timed(before)
    empty_s, empty = timed(lambda: naive_map(frame.iloc[:0]))  # the base map alone: counted once, not scaled
    secs, size = timed(lambda: naive_map(frame.iloc[:sample]))
    scale = n / sample
    return Naive(extra + empty_s + (secs - empty_s) * scale, int(empty + (size - empty) * scale),
                 f"extrapolated from {sample:,} of {n:,} markers (predicted > {NAIVE_CAP_S:.0f} s), 1 run")


def profile(path: Path | str, top: int = 25) -> str:
    """cProfile's top functions (cumulative) of the page's load, first map and filter change."""
    prof = cProfile.Profile()
    prof.enable()
    frame = load_frame(path)
    filtered_map(frame, DEFAULT)
    filtered_map(frame, CHANGED)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# -- the report ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One line of the table: a figure for the page's path and the naive one, with its unit and target."""

    metric: str
    atlas: float
    naive: float | None
    unit: str  # "s" or "MB"
    target: float | None = None

    @property
    def met(self) -> str:
        """ "yes", "NO", or "-" without a target."""
        return "-" if self.target is None else ("yes" if self.atlas <= self.target else "NO")


def fmt(value: float | None, unit: str) -> str:
    """A figure with its unit ("0.312 s", "4.21 MB"); "-" for none."""
    if value is None:
        return "-"
    return f"{value:,.3f} s" if unit == "s" else f"{value:,.2f} MB"


def table(rows: Sequence[Row]) -> str:
    """The rows as an aligned text table: metric | atlas | naive | ratio | target | met?"""
    head = ("metric", "atlas", "naive", "ratio", "target", "met?")
    body = [(r.metric, fmt(r.atlas, r.unit), fmt(r.naive, r.unit),
             f"x{r.naive / r.atlas:,.1f}" if r.naive is not None and r.atlas > 0 else "-",
             f"≤ {fmt(r.target, r.unit)}" if r.target is not None else "-", r.met) for r in rows]
    widths = [max(len(line[i]) for line in (head, *body)) for i in range(len(head))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(line, widths)).rstrip() for line in (head, *body)]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def machine_line(runs: int, counts: dict[str, int]) -> str:
    """One line: interpreter, platform, CPUs, library versions and the run's settings."""
    return (f"machine: Python {platform.python_version()} ({platform.python_implementation()}), {platform.system()} "
            f"{platform.machine()}, {os.cpu_count()} CPUs, pandas {pd.__version__}, folium {folium.__version__}; "
            f"runs={runs}, incidents={counts['incidents']:,}, accounts={counts['accounts']:,}")


# -- the run ------------------------------------------------------------------------------------------------------


def positive(text: str) -> int:
    """An argparse type: an integer of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--incidents", type=positive, default=100_000, help="events in the built store")
    ap.add_argument("--accounts-per", type=positive, default=3, help="accounts (claimants) per event")
    ap.add_argument("--runs", type=positive, default=3, help="runs per figure; the median is printed")
    ap.add_argument("--store", type=Path, help="reuse this store if it exists, else build it there (and keep it)")
    ap.add_argument("--keep", action="store_true", help="keep the built store and print its path")
    ap.add_argument("--postgres", metavar="URL", help="build the store on this PostgreSQL server (a new schema)")
    ap.add_argument("--profile", action="store_true", help="also print cProfile's top functions of the page's path")
    return ap


def prepare(args: argparse.Namespace, path: Path | str) -> Path | str:
    """The store to measure at `path`: reused when --store names one that exists, else built there (printing what
    the build took)."""
    if args.store is not None and path.is_file():
        print(f"store: reusing {path} (not rebuilt; --incidents and --accounts-per ignored)")
        return path
    built, where = build_apart(path, args.incidents, args.accounts_per)
    print(f"store: {built.events:,} events x {args.accounts_per} accounts written in {built.write_s:.1f} s "
          f"({built.accounts / built.write_s:,.0f} accounts/s, one transaction); recluster {built.recluster_s:.1f} s; "
          f"build peak RSS {built.peak_rss_mb:,.0f} MB ({where})")
    return path


def describe_store(path: Path | str, events: int | None, stores: FreshStores) -> dict[str, int]:
    """Print the store's counts and size; check the incidents against the events written."""
    with Store(path) as store:
        counts = store.counts()
    where = "in PostgreSQL (tables, indexes, TOAST)" if stores.server else "on disk (incl. -wal, -shm)"
    line = (f"store: {counts['incidents']:,} incidents, {counts['accounts']:,} accounts, {counts['documents']:,} "
            f"documents; {stores.size_mb(str(path)):,.1f} MB {where}")
    if events:
        share = counts["incidents"] / events
        line += f"; incidents / events = {share:.4f}" + ("" if abs(share - 1) <= 0.01 else " (events chained or split)")
    print(line)
    return counts


@dataclass(frozen=True)
class PageFigures:
    """The page's path: seconds (medians) and what each map sent."""

    load_s: float
    copy_s: float
    first_s: float
    first: Drawn
    zooms: tuple[tuple[float, int, float, Drawn], ...]  # box size, zoom, seconds, drawn
    change_s: float
    change: Drawn
    base_bytes: int
    rss_mb: float
    ids: tuple[str, ...]


def page_figures(path: Path | str, runs: int) -> PageFigures:
    """Time the page's load, first map, zoomed-in views and filter change; then read the process's peak RSS."""
    load_s, frame = median_of(runs, lambda: load_frame(path))
    blob = pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL)
    copy_s, _ = median_of(runs, lambda: pickle.loads(blob))
    del blob
    first_s, first = median_of(runs, lambda: filtered_map(frame, DEFAULT))
    shown = filter_frame(frame, DEFAULT)
    zooms = []
    for size, zoom in ZOOMS:
        box = busiest_box(shown, size)
        zooms.append((size, zoom, *median_of(runs, lambda: page_map(shown, DEFAULT, box, zoom))))
    change_s, change = median_of(runs, lambda: filtered_map(frame, CHANGED))
    base = len(rendered(incident_map(shown, markers=False)).encode())
    return PageFigures(load_s, copy_s, first_s, first, tuple(zooms), change_s, change, base, peak_rss_mb(),
                       tuple(frame["id"]))


@dataclass(frozen=True)
class NaiveFigures:
    """The naive path: the load's median seconds, its maps, the process's peak RSS after it, and a check."""

    load_s: float
    first: Naive
    change: Naive
    rss_mb: float
    same: bool  # the naive frame holds the page's incidents


def naive_figures(path: Path | str, runs: int, ids: Sequence[str]) -> NaiveFigures:
    """Time the naive load and maps (the naive first map and filter change include their filter)."""
    load_s, naive = median_of(runs, lambda: naive_frame(path))
    first = naive_build(filter_frame(naive, DEFAULT), runs, lambda: filter_frame(naive, DEFAULT))
    change = naive_build(filter_frame(naive, CHANGED), runs, lambda: filter_frame(naive, CHANGED))
    return NaiveFigures(load_s, first, change, peak_rss_mb(), tuple(naive["id"]) == tuple(ids))


def memory_figures(path: Path | str) -> tuple[float, float, float]:
    """tracemalloc's peaks (MB) of the page's load, its load + first map, and the naive load; each its own run."""
    return (traced_peak_mb(lambda: load_frame(path)), traced_peak_mb(lambda: filtered_map(load_frame(path), DEFAULT)),
            traced_peak_mb(lambda: naive_frame(path)))


def rows_of(page: PageFigures, naive: NaiveFigures, memory: tuple[float, float, float]) -> list[Row]:
    """The table's rows."""
    load_mem, first_mem, naive_mem = memory
    return [
        Row("load: the incidents frame", page.load_s, naive.load_s, "s"),
        Row("frame copy per rerun (unpickle, as st.cache_data)", page.copy_s, None, "s"),
        Row("first map (frame cached)", page.first_s, naive.first.seconds, "s", TARGET_FIRST_S),
        Row("first render (load + first map)", page.load_s + page.first_s, naive.load_s + naive.first.seconds, "s",
            TARGET_FIRST_S),
        Row("first map: bytes sent", page.first.bytes / 1e6, naive.first.bytes / 1e6, "MB", TARGET_BYTES / 1e6),
        *[r for size, zoom, secs, drawn in page.zooms for r in (
            Row(f"zoomed in, {size}° box at zoom {zoom}", secs, None, "s"),
            Row(f"zoomed in, {size}° box: bytes sent", drawn.bytes / 1e6, None, "MB"))],
        Row("filter change", page.change_s, naive.change.seconds, "s", TARGET_CHANGE_S),
        Row("filter change: bytes sent", page.change.bytes / 1e6, naive.change.bytes / 1e6, "MB", TARGET_BYTES / 1e6),
        Row("peak memory: load (tracemalloc)", load_mem, naive_mem, "MB"),
        Row("peak memory: load + first map (tracemalloc)", first_mem, None, "MB"),
        Row("peak RSS of this process (ru_maxrss)", page.rss_mb, naive.rss_mb, "MB"),
    ]


def notes_of(page: PageFigures, naive: NaiveFigures) -> list[str]:
    """What each map drew, how the naive figures were had, and how memory was read."""
    first, change = page.first, page.change
    return [
        f"first map: {first.in_view:,} incidents drawn as {first.circles:,} circles ({first.kind}); base map alone "
        f"(outlines, legend) {page.base_bytes / 1e6:.2f} MB, sent again with every new map component",
        *[f"zoomed in, {size}° box at zoom {zoom}: {d.in_view:,} incidents in and around the view, {d.circles:,} "
          f"circles ({d.kind})" for size, zoom, _, d in page.zooms],
        f"filter change ({CHANGED.date_from} … {CHANGED.date_to}, claimed by {', '.join(CHANGED.claimants)}, "
        f"at least {CHANGED.min_killed} killed): {change.in_view:,} incidents, {change.circles:,} circles "
        f"({change.kind})",
        "frame copy: st.cache_data hands each rerun its own unpickled copy of the cached frame, before any filter",
        f"naive first map: {naive.first.note}; naive filter change: {naive.change.note}",
        "peak RSS: atlas read after the page's runs, naive after the naive runs (the process's peak so far); "
        "tracemalloc peaks come from runs of their own, after both; the naive map's memory is not traced",
        f"the stored incident rows and the decoded incidents hold the same incidents: {'yes' if naive.same else 'NO'}",
    ]


def measure(path: Path | str, runs: int) -> tuple[list[Row], list[str]]:
    """Every figure: the page's path, then the naive one (each peak RSS read before any tracemalloc run)."""
    page = page_figures(path, runs)
    naive = naive_figures(path, runs, page.ids)
    return rows_of(page, naive, memory_figures(path)), notes_of(page, naive)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.postgres and (args.store or args.keep):
        parser.error("--postgres builds its store in a new schema and drops it: not with --store or --keep")
    folder = Path(tempfile.mkdtemp(prefix="scale_bench_"))
    stores = FreshStores(folder, args.postgres)
    try:
        reused = args.store is not None and args.store.is_file()
        try:
            path = args.store or (stores.new("scale") if args.postgres else folder / "scale.sqlite")
            on = f"; store on {stores.server_name()} (a new schema, dropped at the end)" if args.postgres else ""
            print(f"scale benchmark: median of {args.runs} run(s); ratio = naive / atlas; MB = 10^6 bytes{on}")
            path = prepare(args, path)
            counts = describe_store(path, None if reused else args.incidents, stores)
        except StoreError as e:
            print(f"scale_bench: {e}", file=sys.stderr)
            return 2
        if not counts["incidents"]:
            print(f"scale_bench: store {path} holds no incident", file=sys.stderr)
            return 2
        rows, notes = measure(path, args.runs)
        print(table(rows))
        for note in notes:
            print(f"note: {note}")
        if args.profile:
            print(profile(path))
        print(machine_line(args.runs, counts))
        if args.keep and args.store is None:
            print(f"store kept at {path} (pass --store {path} to reuse it)")
    finally:
        stores.close()
        if not (args.keep and args.store is None):
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
