"""The import floor benchmark records an import's statements, replays them into an equal store and prints its figures
(no timing asserted)."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from tests.bench_scripts import load_script


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/import_floor_bench.py imported as a module."""
    return load_script("import_floor_bench")


LINES = [
    r"import floor benchmark: 300 rows \(100 events x 3 datasets\); median of 1 run\(s\)",
    r"import: [\d,]+ rows/s \(\d+\.\d\d s\)",
    r"its SQL alone, replayed: [\d,]+ rows/s \(\d+\.\d\d s; [\d,]+ statements; \d+% of the import's time; the "
    r"replayed store's counts equal the import's\)",
    r"most run: .*INSERT INTO accounts 300.*",
    r"longest \(share of the replay\): .+ \d+%(; .+ \d+%){4}",
]


def test_small_run_replays_into_an_equal_store_and_prints_every_figure(
        bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--rows", "300", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(LINES), lines
    assert all(re.fullmatch(p, line) for p, line in zip(LINES, lines)), lines


def test_the_recorder_restores_the_database_methods(bench: ModuleType) -> None:
    from incidents.sql import SQLiteDatabase

    before = (SQLiteDatabase.execute, SQLiteDatabase.executemany)
    with bench.Recorder():
        assert SQLiteDatabase.execute is not before[0]
    assert (SQLiteDatabase.execute, SQLiteDatabase.executemany) == before


def test_every_option_is_documented_in_the_module_docstring(bench: ModuleType) -> None:
    options = [o for a in bench.build_parser()._actions for o in a.option_strings if o.startswith("--")]
    assert set(options) - {"--help"} == {"--rows", "--runs", "--seed"}
    assert all(o in bench.__doc__ for o in options if o != "--help")
