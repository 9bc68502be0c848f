"""The review queue and corrections at scale: the queue's first page on a store of N incidents, and 1,000 corrections
applied to a small and a large store.

    python benchmarks/review_bench.py [--incidents 100000] [--small 1000] [--corrections 1000] [--runs 5]

1. The stores are scale_bench.py's synthetic ones (`build_store`: N events, each reported by three claimants, one
   incident per event), built in temporary files, then a tenth of their accounts made undated and unplaced, so the
   queue has items of several kinds (their flags worked out again as a store migration does).
2. queue: the median of --runs of `queue_counts` + `review_queue(limit=50)` (what the review page renders first),
   each on a fresh connection.
3. corrections: --corrections figure corrections (`incidents.corrections.correct`) on accounts chosen at random, on
   the small store and on the large one; the median seconds per correction of each, and their ratio (near 1 when a
   correction costs the same however large the store: only the incidents it touches are derived again).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import scale_bench  # noqa: E402

from incidents.corrections import correct  # noqa: E402
from incidents.review import queue_counts, review_queue  # noqa: E402
from incidents.store import Store  # noqa: E402


def build(path: Path, n: int) -> None:
    """A synthetic store of `n` events, a tenth of its accounts with neither date nor place."""
    scale_bench.build_store(path, n, 3)
    with Store(path) as store, store.transaction():
        store.db.execute("UPDATE accounts SET data = json_remove(data, '$.date_min', '$.date_max', '$.places') "
                         "WHERE seq % 10 = 0")
        store._flag_accounts(None)


def queue_seconds(path: Path, runs: int) -> tuple[float, dict]:
    """Median seconds of the queue's counts and first page, on a fresh connection each run."""
    seconds, counts = [], {}
    for _ in range(runs):
        start = time.perf_counter()
        with Store(path) as store:
            counts = queue_counts(store)
            review_queue(store, limit=50)
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), counts


def correction_seconds(path: Path, n: int, seed: int = 7) -> float:
    """Median seconds per figure correction of `n` on accounts chosen at random."""
    with Store(path) as store:
        ids = [r[0] for r in store.db.execute("SELECT id FROM accounts ORDER BY seq")]
        rng = random.Random(seed)
        seconds = []
        for k in range(n):
            account_id = rng.choice(ids)
            start = time.perf_counter()
            correct(store, "figure", author="bench", reason="benchmark", account_id=account_id,
                    figure_field="killed", figure_min=k % 50, figure_max=k % 50 + 5)
            seconds.append(time.perf_counter() - start)
    return statistics.median(seconds)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--corrections", type=int, default=1_000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        small, large = Path(tmp) / "small.sqlite", Path(tmp) / "large.sqlite"
        build(small, args.small)
        build(large, args.incidents)
        q_small, _ = queue_seconds(small, args.runs)
        q_large, counts = queue_seconds(large, args.runs)
        print(f"queue counts + first page of 50: {q_small * 1000:.1f} ms on {args.small:,} incidents, "
              f"{q_large * 1000:.1f} ms on {args.incidents:,} (median of {args.runs})")
        print("  items: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
        c_small = correction_seconds(small, args.corrections)
        c_large = correction_seconds(large, args.corrections)
        print(f"one correction: {c_small * 1000:.1f} ms on {args.small:,} incidents, {c_large * 1000:.1f} ms on "
              f"{args.incidents:,} (median of {args.corrections:,}); ratio large/small {c_large / c_small:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
