"""What an import costs in the database alone: every SQL statement an import runs, replayed into a fresh store with no
Python work between them, beside the import itself.

    python benchmarks/import_floor_bench.py [--rows 30000] [--runs 3] [--seed 1]

The import (`import_bench.generate`: a third of the rows each from ACLED, UCDP GED and Airwars files; each file
imported with `import_file`, one transaction and its clustering) runs once into a SQLite store while every
statement and its parameters are recorded (`SQLiteDatabase.execute` and `executemany`; reads fetched to the end).
Then the recording is replayed into a new empty store (`Store` made it: same schema, pragmas and triggers), in
order, --runs times; the median is printed beside the median of --runs imports. The replay's rate is the most an
import can reach on this store design, with every Python step (reading the CSV, checking places, clustering,
deriving incidents) made free: the database's share of the import.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent
sys.path.insert(0, str(REPO.parent))
sys.path.insert(0, str(REPO))

from import_bench import generate, import_all  # noqa: E402

from gazetteer import Gazetteer  # noqa: E402
from incidents.sql import SQLiteDatabase  # noqa: E402
from incidents.store import Store  # noqa: E402


class Recorder:
    """Records every statement a SQLite store runs (class-wide while active)."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, Any, bool]] = []  # (sql, params or rows, many?)

    def __enter__(self) -> Recorder:
        self._execute, self._executemany = SQLiteDatabase.execute, SQLiteDatabase.executemany
        recorder = self

        def execute(db, sql: str, params: Sequence[Any] = ()):
            recorder.statements.append((sql, tuple(params), False))
            return recorder._execute(db, sql, params)

        def executemany(db, sql: str, rows: Sequence[Sequence[Any]]) -> None:
            rows = [tuple(r) for r in rows]
            recorder.statements.append((sql, rows, True))
            recorder._executemany(db, sql, rows)

        SQLiteDatabase.execute, SQLiteDatabase.executemany = execute, executemany
        return self

    def __exit__(self, *exc) -> None:
        SQLiteDatabase.execute, SQLiteDatabase.executemany = self._execute, self._executemany



def statement_kinds(statements: Sequence[tuple[str, Any, bool]]) -> Counter:
    """Rows written or statements run, by the statement's first three words."""
    out: Counter = Counter()
    for sql, params, many in statements:
        out[" ".join(sql.split()[:3])] += len(params) if many else 1
    return out


def record(files, folder: Path, gaz: Gazetteer) -> tuple[list[tuple[str, Any, bool]], float]:
    """The statements of one import into a fresh store made after the store's own setup, and the import's seconds."""
    path = folder / "recorded.sqlite"
    Store(path).close()  # the schema made before recording: the replay target gets it the same way
    with Recorder() as rec:
        t = time.perf_counter()
        import_all(files, path, gaz)
        took = time.perf_counter() - t
    setup = 0
    for k, (sql, _, _) in enumerate(rec.statements):  # opening the store again: its checks, before the first write
        if sql.startswith("BEGIN"):
            setup = k
            break
    return rec.statements[setup:], took


def replay(statements: Sequence[tuple[str, Any, bool]], path: Path) -> tuple[float, Counter]:
    """Run the statements in order into a new store at `path` (reads fetched to the end); seconds in all and by
    statement (its first 60 characters)."""
    by: Counter = Counter()
    clock = time.perf_counter
    with Store(path) as store:
        conn = store.db.connection  # type: ignore[attr-defined]
        start = clock()
        for sql, params, many in statements:
            t = clock()
            if many:
                conn.executemany(sql, params)
            else:
                conn.execute(sql, params).fetchall()
            by[" ".join(sql.split())[:60]] += clock() - t
        return clock() - start, by


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=30_000, help="rows in all (a third per dataset)")
    ap.add_argument("--runs", type=int, default=3, help="runs; medians are printed")
    ap.add_argument("--seed", type=int, default=1, help="seed of the generated events")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    gaz = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = generate(folder, gaz, args.rows, args.seed)
        rows = len(files) * max(1, args.rows // 3)
        statements, _ = record(files, folder, gaz)
        imports = [sum(import_all(files, folder / f"import{k}.sqlite", gaz).values()) for k in range(args.runs)]
        replays, costs = [], Counter()
        for k in range(args.runs):
            took, by = replay(statements, folder / f"replay{k}.sqlite")
            replays.append(took)
            costs.update(by)
        with Store(folder / f"replay{args.runs - 1}.sqlite") as a, Store(folder / "import0.sqlite") as b:
            same = a.counts() == b.counts()
        imported, floor = statistics.median(imports), statistics.median(replays)
        print(f"import floor benchmark: {rows:,} rows ({rows // 3:,} events x 3 datasets); median of {args.runs} "
              f"run(s)")
        print(f"import: {rows / imported:,.0f} rows/s ({imported:.2f} s)")
        print(f"its SQL alone, replayed: {rows / floor:,.0f} rows/s ({floor:.2f} s; {len(statements):,} statements; "
              f"{floor / imported:.0%} of the import's time; the replayed store's counts "
              f"{'equal' if same else 'DIFFER from'} the import's)")
        top = ", ".join(f"{k} {n:,}" for k, n in statement_kinds(statements).most_common(6))
        print(f"most run: {top}")
        print("longest (share of the replay): " + "; ".join(
            f"{sql}… {t / sum(costs.values()):.0%}" for sql, t in costs.most_common(5)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
