"""The Map page's cost at scale: time to the first map, time for a filter change, and bytes sent to the browser.

    python benchmarks/dashboard_bench.py [--sizes 1000,10000,100000] [--runs 3]

Synthetic incidents (random points in eastern Syria, random dates 2014-2019, one to three accounts each with random
claimants and figures) are shaped as the Map page's frame (incidents.selection.FRAME_COLUMNS). For each size,
the median of the runs of:

- first map: filter_frame with the default view + incident_map + the map's HTML rendered (what st_folium sends);
- filter change: filter_frame with a narrowed view (dates, a claimant, a minimum figure) + the map rebuilt and rendered;
- bytes: the size of the rendered map HTML of the first map.

A filter change is measured from the frame in memory (the page keeps it cached), not from the store.

Beside it, in the same run, a NAIVE build: one folium.Marker with a folium.Popup per incident, no grouping. At sizes
of 100,000 or more it runs once; when an earlier size predicts more than NAIVE_CAP_S seconds, it is built on a
sample and the full time extrapolated (said so in the output).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import folium  # noqa: E402
import pandas as pd  # noqa: E402

from dashboard.incident_map import drawable, incident_map, popup_html  # noqa: E402
from incidents.selection import FRAME_COLUMNS  # noqa: E402
from dashboard.view_state import ViewState, filter_frame  # noqa: E402

#: Eastern Syria: (lat, lon) bounds of the synthetic points.
LAT, LON = (33.5, 37.0), (37.5, 42.3)
FIRST_DAY, LAST_DAY = dt.date(2014, 1, 1), dt.date(2019, 12, 31)
CLAIMANTS = ("SANA", "SOHR", "Airwars", "local sources", "activists", "the coalition", "medical sources")
OUTLETS = ("SANA", "Press TV", "Syria Times", "Reuters", "AFP", "Al Masdar")
PLACES = ("Hajin", "al-Baghuz Fawqani", "Abu Kamal", "al-Mayadin", "al-Shaafah", "Raqqa", "al-Kashma", "Thiban")
PRECISIONS = ("exact", "exact", "near", "district", "governorate")
#: Targets for 100,000 incidents.
TARGET_SIZE, TARGET_FIRST_S, TARGET_BYTES, TARGET_FILTER_S = 100_000, 3.0, 5_000_000, 0.5
#: The longest a naive build may take before it is sampled and extrapolated.
NAIVE_CAP_S = 60.0
#: The view after a filter change.
CHANGED = ViewState(date_from=dt.date(2016, 1, 1), date_to=dt.date(2017, 12, 31), claimants=("SOHR",), min_killed=5)


def synthetic_frame(n: int, seed: int = 1) -> pd.DataFrame:
    """`n` random incidents as the Map page's frame."""
    rng = random.Random(seed)
    span = (LAST_DAY - FIRST_DAY).days
    rows = []
    for k in range(n):
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(span))
        accounts = [(rng.choice(CLAIMANTS), rng.choice(OUTLETS), rng.choice((None, *range(0, 80))))
                    for _ in range(rng.randint(1, 3))]
        figures = [f for _, _, f in accounts if f is not None]
        claims = tuple((who, f"{f} killed" if f is not None else "no figure", outlet, day.isoformat())
                       for who, outlet, f in accounts)
        place = rng.choice(PLACES)
        rows.append({
            "id": f"I{k:07d}", "lat": rng.uniform(*LAT), "lon": rng.uniform(*LON), "place": place,
            "precision": rng.choice(PRECISIONS), "date_min": day, "date_max": day,
            "killed_min": min(figures) if figures else None, "killed_max": max(figures) if figures else None,
            "sources": len({who for who, _, _ in accounts}), "disputed": len(set(figures)) > 1,
            "accounts": len(accounts), "admin1": ("SY09",), "outlets": tuple(dict.fromkeys(o for _, o, _ in accounts)),
            "claimants": tuple(dict.fromkeys(w for w, _, _ in accounts)), "victims": ("civilians",),
            "names": place, "claims": claims,
        })
    frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
    for col in ("killed_min", "killed_max"):
        frame[col] = frame[col].astype("Int64")
    return frame


def rendered(m: folium.Map) -> str:
    """The map's HTML as sent to the browser."""
    return m.get_root().render()


def page_map(frame: pd.DataFrame, state: ViewState) -> tuple[float, int]:
    """What the Map page does for a view: filter, build, render. Seconds and bytes."""
    start = time.perf_counter()
    shown = filter_frame(frame, state)
    html = rendered(incident_map(shown, undated=state.undated))
    return time.perf_counter() - start, len(html.encode())


def naive_map(frame: pd.DataFrame) -> tuple[float, int]:
    """One folium.Marker with a folium.Popup per drawable incident, no grouping. Seconds and bytes."""
    start = time.perf_counter()
    m = folium.Map(location=[35.2, 40.0], zoom_start=7, tiles=None)
    for _, row in frame[drawable(frame, undated=True)].iterrows():
        folium.Marker([row["lat"], row["lon"]], popup=folium.Popup(popup_html(row), max_width=360)).add_to(m)
    html = rendered(m)
    return time.perf_counter() - start, len(html.encode())


def median_of(runs: int, fn: Callable[[], tuple[float, int]]) -> tuple[float, int]:
    """The median seconds of `runs` calls, and the bytes of the last."""
    results = [fn() for _ in range(runs)]
    return statistics.median(r[0] for r in results), results[-1][1]


def mb(n: int | float) -> str:
    return f"{n / 1e6:.2f} MB"


def verdict(ok: bool) -> str:
    return "met" if ok else "NOT met"


def naive_row(frame: pd.DataFrame, runs: int, per_incident_s: float | None) -> tuple[float, int, str, float]:
    """The naive build's seconds and bytes (extrapolated from a sample when predicted over the cap), a note, and
    the measured seconds per incident."""
    n = len(frame)
    runs = 1 if n >= TARGET_SIZE else runs
    if per_incident_s is not None and per_incident_s * n > NAIVE_CAP_S:
        sample = max(1, int(NAIVE_CAP_S / 4 / per_incident_s))
        secs, size = naive_map(frame.iloc[:sample])
        scale = n / sample
        return secs * scale, int(size * scale), f"extrapolated from {sample} markers (> {NAIVE_CAP_S:.0f} s)", \
            secs / sample
    secs, size = median_of(runs, lambda: naive_map(frame))
    return secs, size, ("1 run" if runs == 1 else f"median of {runs}"), secs / max(n, 1)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of incidents")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    print(f"dashboard map benchmark: median of {args.runs} run(s); python {sys.version.split()[0]}, "
          f"folium {folium.__version__}, pandas {pd.__version__}")
    print(f"{'incidents':>10}  {'build':<8}{'first map s':>12}{'filter change s':>16}{'bytes sent':>12}  note")
    per_incident: float | None = None
    results: dict[int, tuple[float, float, int]] = {}
    for n in sizes:
        frame = synthetic_frame(n)
        first, size = median_of(args.runs, lambda: page_map(frame, ViewState()))
        change, _ = median_of(args.runs, lambda: page_map(frame, CHANGED))
        results[n] = (first, change, size)
        print(f"{n:>10}  {'atlas':<8}{first:>12.3f}{change:>16.3f}{mb(size):>12}  "
              f"{len(filter_frame(frame, CHANGED))} incidents after the change")
        secs, nbytes, note, per_incident = naive_row(frame, args.runs, per_incident)
        naive_change, _ = median_of(args.runs, lambda: naive_map(filter_frame(frame, CHANGED)))
        print(f"{n:>10}  {'naive':<8}{secs:>12.3f}{naive_change:>16.3f}{mb(nbytes):>12}  {note}")
    target = results.get(TARGET_SIZE)
    if target is None:
        print(f"targets ({TARGET_SIZE} incidents): not measured (add {TARGET_SIZE} to --sizes)")
    else:
        first, change, size = target
        print(f"target: {TARGET_SIZE} incidents drawn in <= {TARGET_FIRST_S:.0f} s: {verdict(first <= TARGET_FIRST_S)}"
              f" ({first:.2f} s)")
        print(f"target: <= {mb(TARGET_BYTES)} sent: {verdict(size <= TARGET_BYTES)} ({mb(size)})")
        print(f"target: a filter change in <= {TARGET_FILTER_S} s: {verdict(change <= TARGET_FILTER_S)} "
              f"({change:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
