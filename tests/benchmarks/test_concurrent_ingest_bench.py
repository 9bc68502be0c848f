"""The concurrent ingest benchmark runs end to end on a few articles, on SQLite and on PostgreSQL, and prints that the
store written by two ingests at once holds what the two one after the other write (no timing asserted)."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from tests.bench_scripts import load_script

from tests.incidents.store_backends import postgres_database  # noqa: F401  (a fixture)


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/concurrent_ingest_bench.py imported as a module."""
    return load_script("concurrent_ingest_bench")


HEADER = ["store", "at once", "one after the other", "ratio", "side by side", "same documents", "same accounts",
          "same incidents"]
ROW = r"(?P<store>(SQLite|PostgreSQL) [^|]+?) +\| \d+\.\d\d s +\| \d+\.\d\d s +\| x\d+\.\d\d +\| \d+\.\d\d s +\| yes +\| " \
      r"yes +\| yes"


def rows_of(lines: list[str]) -> list[re.Match]:
    assert [c.strip() for c in lines[1].split("|")] == HEADER, lines
    assert set(lines[2]) <= {"-", "+"}
    return [m for line in lines[3:] if (m := re.fullmatch(ROW, line))]


def check_note(line: str, backend: str) -> None:
    """The last run's note: both commands' summaries (12 + 12 articles, 4 in both) and the store's counts."""
    note = re.fullmatch(rf"note: {backend} [^,]+(, PostGIS [\d.]+)?, last run at once: (?P<said>.+) \(an article both "
                        r"bring is stored by whichever commits it first, a duplicate to the other\); store: 20 documents, [\d,]+ accounts, "
                        r"[\d,]+ incidents; each command's seconds at once: A \d+\.\d, B \d+\.\d, one after the other: A \d+\.\d, "
                        r"B \d+\.\d", line)
    assert note, line
    said = set(note["said"].split("; "))
    assert said in ({"A: documents: 12 new, 0 duplicate, 0 failed", "B: documents: 8 new, 4 duplicate, 0 failed"},
                    {"A: documents: 8 new, 4 duplicate, 0 failed", "B: documents: 12 new, 0 duplicate, 0 failed"}), said


def test_halves_share_the_overlap_around_the_middle(bench: ModuleType) -> None:
    first, second = bench.halves(100, 0.1)
    assert (first, second) == (range(0, 55), range(45, 100))
    assert bench.halves(10, 0.0) == (range(0, 5), range(5, 10))
    assert bench.halves(3, 1.0) == (range(0, 3), range(0, 3))
    with pytest.raises(ValueError, match="overlap must be between 0 and 1, got 1.5"):
        bench.halves(10, 1.5)


def test_on_sqlite_the_store_written_at_once_is_the_one_written_in_turn(bench: ModuleType,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--articles", "20", "--overlap", "0.2", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("concurrent ingest benchmark: 20 generated articles, A 12 + B 12 (4 in both); ")
    (row,) = rows_of(lines)
    assert row["store"].startswith("SQLite ")
    check_note(lines[4], "SQLite")
    assert lines[-1].startswith("machine: Python ") and lines[-1].endswith("articles=20, overlap=0.2, runs=1")


def test_on_postgresql_too(bench: ModuleType, postgres_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    assert bench.main(["--articles", "20", "--overlap", "0.2", "--runs", "1", "--postgres", postgres_database]) == 0
    lines = capsys.readouterr().out.splitlines()
    sqlite, postgres = rows_of(lines)
    assert sqlite["store"].startswith("SQLite ") and postgres["store"].startswith("PostgreSQL ")
    check_note(lines[5], "SQLite")
    check_note(lines[6], "PostgreSQL")
    with psycopg.connect(postgres_database) as db:  # every store's schema dropped
        assert db.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench%'").fetchall() == []


@pytest.mark.parametrize("argv", [["--articles", "1"], ["--runs", "0"], ["--overlap", "2"], ["--overlap", "-0.1"]])
def test_bad_arguments_are_refused(bench: ModuleType, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        bench.main(argv)
    assert exit_.value.code == 2
    assert "--articles must be at least 2" in capsys.readouterr().err
