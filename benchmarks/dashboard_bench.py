"""The Map page's cost at scale: in the browser (page open to markers drawn, a filter change), and on the server.

    python benchmarks/dashboard_bench.py [--sizes 1000,10000,100000] [--runs 3]
    python benchmarks/dashboard_bench.py --browser [--big 100000] [--big-store PATH] [--runs 3]

BROWSER (--browser): the dashboard served on 127.0.0.1 over two stores, the bundled sample and a synthetic store
of --big incidents (three accounts each, built with benchmarks/scale_bench.py's build_store, kept at --big-store to
be reused), driven in Debian's headless Chromium with Playwright. For each store, after one visit that fills the
server's caches (its time is printed as "cold"), the median of --runs visits, each in a fresh browser context:

- page open to markers drawn, server warm: from navigating to the page to the first incident circle (or grid cell)
  drawn in view, in a fresh browser context ("fresh context": the browser loads Streamlit's and Leaflet's files) and
  on reloading the page in that context ("reload": the browser's cache warm too);
- filter change: from ticking "Disputed only" to the new incidents drawn on the map (the map's layer replaced)
  and the count above the map updated; unticked between runs.

SERVER (the default):

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
import contextlib
import datetime as dt
import importlib.util
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import folium  # noqa: E402
import pandas as pd  # noqa: E402

from incidents.maps.incident_map import drawable, incident_map, popup_html  # noqa: E402
from dashboard.viewport import MapView, visible_layer  # noqa: E402
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
        claims = json.dumps([[who, outlet, day.isoformat(), f, f, None, None, None, None]
                             for who, outlet, f in accounts], separators=(",", ":"))  # as selection.claims_text
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


def rendered(m: folium.Map | folium.FeatureGroup) -> str:
    """A map's (or a layer's) HTML as sent to the browser."""
    if isinstance(m, folium.FeatureGroup):
        holder = folium.Map(tiles=None)
        m.add_to(holder)
        return holder.get_root().render()
    return m.get_root().render()


def page_map(frame: pd.DataFrame, state: ViewState) -> tuple[float, int]:
    """What the Map page does for a view: filter, then the incidents' layer for the browser (markers, or grid cells
    above MAX_MARKERS) with the view fitted to them, rendered. Seconds and bytes (the base map is sent once)."""
    start = time.perf_counter()
    shown = filter_frame(frame, state)
    layer, _ = visible_layer(shown, None, undated=state.undated, view=MapView.follow(shown, token="bench"))
    html = rendered(layer)
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


# -- in the browser -------------------------------------------------------------------------------------------

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
FOLIUM = "iframe[title='streamlit_folium.st_folium']"
#: A circle drawn in view (circles out of view are drawn empty).
DRAWN = ("() => [...document.querySelectorAll('path.leaflet-interactive[aria-label]')]"
         ".some(e => e.getAttribute('d') !== 'M0 0')")
#: Generous limits for one wait (a cold server builds its caches first).
WAIT_MS = 600_000


@contextlib.contextmanager
def served(store: Path, home: Path) -> Iterator[str]:
    """The dashboard on 127.0.0.1 over `store`, as the browser tests start it; its base URL."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "ATLAS_STORE": str(store), "ATLAS_CACHE_DIR": str(home / "cache"),
           "PYTHONPATH": str(REPO)}
    cmd = [sys.executable, "-m", "streamlit", "run", str(REPO / "dashboard" / "app.py"), "--server.port", str(port),
           "--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the dashboard did not start") from None
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _open(page, url: str) -> float:
    """Seconds from navigating `page` to `url` to the first circle drawn in view."""
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.frame_locator(FOLIUM).locator("path.leaflet-interactive").first.wait_for(state="attached", timeout=WAIT_MS)
    frame = next(f for f in page.frames if "st_folium" in f.url)
    frame.wait_for_function(DRAWN, timeout=WAIT_MS)
    return time.perf_counter() - start


def page_open(browser, url: str) -> tuple[float, float]:
    """Seconds to the first circle drawn in a fresh browser context (nothing cached in the browser), then again on
    reloading the page in that context (the browser's cache warm)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        return _open(page, url), _open(page, url)
    finally:
        context.close()


def filter_changes(browser, url: str, runs: int) -> list[float]:
    """Seconds from ticking "Disputed only" to the new incidents drawn and the count updated, `runs` times (unticked
    in between, untimed)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.goto(url, wait_until="commit")
        page.frame_locator(FOLIUM).locator("path.leaflet-interactive").first.wait_for(state="attached",
                                                                                       timeout=WAIT_MS)
        frame = next(f for f in page.frames if "st_folium" in f.url)
        frame.wait_for_function(DRAWN, timeout=WAIT_MS)
        box = page.get_by_text("Disputed only (claimants disagree)")
        times = []
        for _ in range(runs):
            for timed_run in (True, False):
                caption = page.get_by_text(" incidents match").first.inner_text()
                frame.evaluate("() => { window.__before = atlas.state.layer; }")
                start = time.perf_counter()
                box.click()
                frame.wait_for_function("() => atlas.state.layer !== window.__before", timeout=WAIT_MS)
                page.wait_for_function("(old) => ![...document.querySelectorAll('[data-testid=stCaptionContainer]')]"
                                       ".some(e => e.innerText === old)", arg=caption, timeout=WAIT_MS)
                if timed_run:
                    times.append(time.perf_counter() - start)
        return times
    finally:
        context.close()


def sample_store(folder: Path) -> Path:
    """A store of the bundled sample corpus, as the dashboard builds it on first run."""
    from dashboard.incident_view import ensure_sample_store
    from gazetteer import Gazetteer

    path = folder / "sample.sqlite"
    ensure_sample_store(path, Gazetteer.load())
    return path


def big_store(path: Path, n: int) -> Path:
    """A synthetic store of `n` incidents with three accounts each (benchmarks/scale_bench.py), built unless there."""
    if path.is_file() and path.stat().st_size > 0:
        return path
    spec = importlib.util.spec_from_file_location("scale_bench", REPO / "benchmarks" / "scale_bench.py")
    scale = importlib.util.module_from_spec(spec)
    sys.modules["scale_bench"] = scale  # its dataclasses look their module up
    spec.loader.exec_module(scale)  # type: ignore[union-attr]
    start = time.perf_counter()
    built = scale.build_store(path, n, 3)
    print(f"built {built.events:,} events / {built.accounts:,} accounts in {time.perf_counter() - start:.0f} s "
          f"at {path}")
    return path


def browser_bench(args: argparse.Namespace) -> int:
    """The browser figures for the sample store and the big one."""
    if not Path(CHROMIUM).exists():
        print(f"--browser needs Debian's Chromium at {CHROMIUM}")
        return 2
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="atlas-dash-bench-") as tmp:
        folder = Path(tmp)
        stores = [("sample", sample_store(folder)),
                  (f"{args.big:,} incidents", big_store(Path(args.big_store) if args.big_store else
                                                        folder / "big.sqlite", args.big))]
        print(f"dashboard in the browser: median of {args.runs} run(s) after one cold visit (seconds); Chromium "
              f"headless, 1400x1000; python {sys.version.split()[0]}; {os.cpu_count()} CPUs, load average "
              f"{os.getloadavg()[0]:.1f} at start")
        print(f"{'store':<20}{'cold':>7}{'fresh context':>15}{'reload':>9}{'filter change':>15}  runs")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            try:
                for name, store in stores:
                    with served(store, folder) as url:
                        cold, _ = page_open(browser, f"{url}/")
                        opens = [page_open(browser, f"{url}/") for _ in range(args.runs)]
                        changes = filter_changes(browser, f"{url}/", args.runs)
                    fresh, reload = [o[0] for o in opens], [o[1] for o in opens]
                    print(f"{name:<20}{cold:>7.2f}{statistics.median(fresh):>15.2f}{statistics.median(reload):>9.2f}"
                          f"{statistics.median(changes):>15.2f}  fresh {', '.join(f'{t:.2f}' for t in fresh)}; "
                          f"reload {', '.join(f'{t:.2f}' for t in reload)}; "
                          f"change {', '.join(f'{t:.2f}' for t in changes)}")
            finally:
                browser.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated numbers of incidents")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--browser", action="store_true", help="time the page in Chromium (sample and --big stores)")
    ap.add_argument("--big", type=int, default=100_000, help="incidents in the big store of --browser")
    ap.add_argument("--big-store", help="where the big store is kept (built there when missing)")
    args = ap.parse_args(argv)
    if args.browser:
        return browser_bench(args)
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
