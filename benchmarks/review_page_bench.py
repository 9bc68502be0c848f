"""The Review page's first render at scale: in Chromium, and the queue's page read on the server.

    python benchmarks/review_page_bench.py [--big 100000] [--big-store PATH] [--runs 3] [--server-only]

Two stores: the bundled sample (the baseline, in the same process) and a synthetic store of --big incidents (one
account each, built with benchmarks/scale_bench.py's build_store, kept at --big-store to be reused).

- server: the median of --runs reads of the queue's first page with its counts per kind
  (dashboard.review_view.queue_page, what the page calls), after one read that warms the store's pages;
- browser (unless --server-only): the dashboard served on 127.0.0.1 as the browser tests start it, read-only, the
  Review page opened in a fresh headless Chromium context each run, from navigating to the counts and the first
  item drawn (or the "nothing to review" line); the first visit, which fills the server's caches, is printed as
  "cold".

Target: the page's first render on 100,000 incidents in at most TARGET_S seconds.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

#: The page's first render on 100,000 incidents, at most (seconds).
TARGET_S = 2.0
CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run"]
#: What the page shows once rendered: the queue's size line, and an item or the empty line.
RENDERED = ("() => { const t = document.body.innerText; return (/to review/.test(t)) && "
            "(document.querySelector('[class*=st-key-review_item_0]') !== null || /Nothing of this kind/.test(t) "
            "|| /Nothing to review/.test(t)); }")
WAIT_MS = 600_000


def _module(name: str):
    """A sibling benchmark script as a module (their helpers are shared, not copied)."""
    spec = importlib.util.spec_from_file_location(name, REPO / "benchmarks" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def big_store(path: Path, n: int) -> Path:
    """A synthetic store of `n` incidents, one account each, built unless there."""
    if path.is_file() and path.stat().st_size > 0:
        return path
    start = time.perf_counter()
    built = _module("scale_bench").build_store(path, n, 1)
    print(f"built {built.events:,} events / {built.accounts:,} accounts in {time.perf_counter() - start:.0f} s")
    return path


def sample_store(folder: Path) -> Path:
    """A store of the bundled sample corpus, as the dashboard builds it on first run."""
    from dashboard.incident_view import ensure_sample_store
    from gazetteer import Gazetteer

    path = folder / "sample.sqlite"
    ensure_sample_store(path, Gazetteer.load())
    return path


def median_of(runs: int, fn: Callable[[], object]) -> tuple[float, list[float]]:
    """The median seconds of `runs` calls of `fn` (after one untimed call), and every run's."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def server_read(store: Path, runs: int) -> tuple[float, list[float], int]:
    """Seconds to read the queue's first page and counts (median, runs), and the queue's size."""
    from dashboard.review_view import queue_page

    total = queue_page(store, None, 1)[1]
    median, times = median_of(runs, lambda: queue_page(store, None, 1))
    return median, times, total


def open_review(browser, url: str) -> float:
    """Seconds from navigating to the Review page to its counts and first item drawn, in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        start = time.perf_counter()
        page.goto(f"{url}/review", wait_until="commit")
        page.wait_for_function(RENDERED, timeout=WAIT_MS)
        return time.perf_counter() - start
    finally:
        context.close()


def browser_times(store: Path, folder: Path, runs: int) -> tuple[float, float, list[float]]:
    """(cold, median, runs) seconds of the Review page's first render served over `store`."""
    from playwright.sync_api import sync_playwright

    served = _module("dashboard_bench").served
    os.environ["ATLAS_EDITOR_PASSWORD"] = ""  # read-only: what a share link's visitor opens
    with served(store, folder) as url, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            cold = open_review(browser, url)
            times = [open_review(browser, url) for _ in range(runs)]
        finally:
            browser.close()
    return cold, statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--big", type=int, default=100_000, help="incidents in the big store")
    ap.add_argument("--big-store", help="where the big store is kept (built there when missing)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--server-only", action="store_true", help="time the queue's read only (no browser)")
    args = ap.parse_args(argv)
    browser = not args.server_only and Path(CHROMIUM).exists()
    with tempfile.TemporaryDirectory(prefix="atlas-review-bench-") as tmp:
        folder = Path(tmp)
        stores = [("sample", sample_store(folder)),
                  (f"{args.big:,} incidents", big_store(Path(args.big_store) if args.big_store else
                                                        folder / "big.sqlite", args.big))]
        print(f"Review page: median of {args.runs} run(s) (seconds); python {sys.version.split()[0]}; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start"
              + ("" if browser else "; no browser"))
        print(f"{'store':<20}{'queue':>9}{'server read':>13}{'ratio':>7}" + (f"{'cold':>8}{'page':>8}{'ratio':>7}"
                                                                           if browser else ""))
        base_read = base_page = None
        for name, store in stores:
            read, read_runs, total = server_read(store, args.runs)
            base_read = base_read or read
            line = f"{name:<20}{total:>9,}{read:>13.3f}{read / base_read:>7.1f}"
            if browser:
                cold, page, page_runs = browser_times(store, folder, args.runs)
                base_page = base_page or page
                line += f"{cold:>8.2f}{page:>8.2f}{page / base_page:>7.1f}"
                line += f"  page {', '.join(f'{t:.2f}' for t in page_runs)}"
            print(line + f"  read {', '.join(f'{t:.3f}' for t in read_runs)}")
            if name != "sample" and browser:
                ok = page <= TARGET_S or args.big < 100_000
                print(f"target: first render ≤ {TARGET_S:.1f} s on 100,000 incidents: "
                      f"{'met' if ok else 'NOT met'} ({page:.2f} s on {args.big:,})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
