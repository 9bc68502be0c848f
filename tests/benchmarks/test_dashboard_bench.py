"""The dashboard benchmark runs end to end on a tiny size and prints every figure it promises (no timing asserted)."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from tests.bench_scripts import load_script


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/dashboard_bench.py imported as a module."""
    return load_script("dashboard_bench")


ROW = re.compile(r"^\s+200  (atlas|naive)\s+(\d+\.\d{3})\s+(\d+\.\d{3})\s+(\d+\.\d{2}) MB  (\S.*)$")


def test_main_prints_both_builds_for_each_size(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--sizes", "200", "--runs", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("dashboard map benchmark: median of 1 run(s)")
    assert lines[1].split() == ["incidents", "build", "first", "map", "s", "filter", "change", "s", "bytes", "sent",
                                "note"]
    rows = [ROW.match(line) for line in lines[2:4]]
    assert all(rows), lines
    assert [r.group(1) for r in rows] == ["atlas", "naive"]  # type: ignore[union-attr]
    assert all(float(r.group(4)) > 0 for r in rows)  # type: ignore[union-attr]
    assert rows[0].group(5).endswith("incidents after the change")  # type: ignore[union-attr]
    assert lines[4] == "targets (100000 incidents): not measured (add 100000 to --sizes)"


def test_the_synthetic_frame_has_the_map_pages_shape(bench: ModuleType) -> None:
    from incidents.selection import FRAME_COLUMNS

    frame = bench.synthetic_frame(300)
    assert list(frame.columns) == list(FRAME_COLUMNS) and frame["id"].is_unique
    assert frame["lat"].between(33.5, 37).all() and frame["lon"].between(37.5, 42.3).all()
    assert frame["accounts"].between(1, 3).all()
    assert (frame["date_min"].map(lambda d: d.year).between(2014, 2019)).all()
    assert (frame["killed_min"].dropna() <= frame["killed_max"].dropna()).all()


def test_the_verdicts_say_met_or_not(bench: ModuleType) -> None:
    assert (bench.verdict(True), bench.verdict(False)) == ("met", "NOT met")
