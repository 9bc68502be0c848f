"""The import benchmark runs end to end in its smoke mode and prints every figure it promises (no timing asserted)."""

from __future__ import annotations

import csv
import io
import random
import re
from pathlib import Path
from types import ModuleType

import pytest

from tests.bench_scripts import load_script

from tests.incidents.store_backends import postgres_database  # noqa: F401  (a fixture)


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/import_bench.py imported as a module."""
    return load_script("import_bench")


LINES = [
    r"import benchmark: 300 rows \(100 events x 3 datasets: ACLED, UCDP GED, Airwars\); median of 1 run\(s\)",
    r"rows/s: [\d,]+ \(\d+\.\d\d s\); baseline [\d,]+ rows/s \(\d+\.\d\d s: csv\.DictReader \+ one INSERT and commit "
    r"per row\); ratio x\d+\.\d\d",
    r"seconds per file \(each with its re-cluster\): acled \d+\.\d\d, ucdp \d+\.\d\d, airwars \d+\.\d\d",
    r"store size on disk: \d+\.\d MB \(baseline \d+\.\d MB\); the CSV files \d+\.\d MB: x\d+\.\d\d the CSV, "
    r"x\d+\.\d\d the baseline's rows as JSON",
    r"incidents: (?P<incidents>[\d,]+); accounts: 300; documents: 300",
    r"peak memory \(ru_maxrss\): [\d,]+ MB \([\d,]+ MB with the gazetteer loaded\)",
    r"peak memory of the import alone \(VmHWM of a fresh process importing the three files, one more run: \d+\.\d\d s\): "
    r"(?P<alone>[\d,]+) MB \((?P<gazetteer>[\d,]+) MB with the gazetteer loaded\)",
    r"load incidents \(Store\.incidents\(\)\): \d+\.\d\d s",
]


def test_smoke_mode_prints_every_figure(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--rows", "300", "--runs", "1"]) == 0
    lines, parts = split_parts(capsys.readouterr().out.splitlines())
    assert len(lines) == len(LINES), lines
    matches = [re.fullmatch(pattern, line) for pattern, line in zip(LINES, lines)]
    assert all(matches), [line for m, line in zip(matches, lines) if not m]
    incidents = int(matches[4]["incidents"].replace(",", ""))  # type: ignore[index]
    assert 100 <= incidents < 300  # most events' three rows join; coarse rows stay apart
    alone, gazetteer = (int(matches[6][k].replace(",", "")) for k in ("alone", "gazetteer"))  # type: ignore[index]
    assert 0 < gazetteer <= alone  # the fresh process's own peak: the gazetteer, then the import on top
    assert {"documents", "accounts", "incidents", "account_boxes"} <= set(parts)  # an R-tree is a table of its own


PART = re.compile(r"(?P<name>\w+) +\| +(?P<rows>\d+\.\d) \| +(?P<indexes>\d+\.\d) \| x(?P<x>\d+\.\d\d)")


def split_parts(lines: list[str]) -> tuple[list[str], dict[str, tuple[float, float]]]:
    """The figures' lines, and the table-by-table rows of the store's size (checked: well formed, largest first, the
    total their sum)."""
    at = lines.index("store by table (MB; x CSV = table and indexes over the CSV files' size):")
    assert re.fullmatch(r"table +\| +rows \| indexes \| x CSV", lines[at + 1])
    rows = [PART.fullmatch(line) for line in lines[at + 2:]]
    assert all(rows), lines[at + 2:]
    *tables, total = rows
    assert total["name"] == "total"  # type: ignore[index]
    sizes = [float(m["rows"]) + float(m["indexes"]) for m in tables]  # type: ignore[index]
    assert sizes == sorted(sizes, reverse=True)
    assert abs(sum(sizes) - float(total["rows"]) - float(total["indexes"])) < 0.1 * len(sizes) + 0.05  # type: ignore[index]
    return lines[:at], {m["name"]: (float(m["rows"]), float(m["indexes"])) for m in tables}  # type: ignore[index]


def test_on_postgresql_prints_the_same_figures_naming_the_server(bench: ModuleType, postgres_database: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    assert bench.main(["--rows", "300", "--runs", "2", "--postgres", postgres_database]) == 0
    lines, parts = split_parts(capsys.readouterr().out.splitlines())
    assert {"documents", "accounts", "incidents"} <= set(parts)
    expected = [*LINES]
    expected[0] = (r"import benchmark: 300 rows \(100 events x 3 datasets: ACLED, UCDP GED, Airwars\); median of 2 "
                   r"run\(s\); store on PostgreSQL [\d.]+, PostGIS [\d.]+ \(each store in a new schema, dropped at "
                   r"the end\)")
    expected[1] = LINES[1].replace(r"per row\)", r"per row, on PostgreSQL\)")
    expected[3] = LINES[3].replace("on disk", r"in PostgreSQL \(tables, indexes, TOAST\)")
    assert len(lines) == len(expected), lines
    assert [line for pattern, line in zip(expected, lines) if not re.fullmatch(pattern, line)] == []
    with psycopg.connect(postgres_database) as db:  # every store's schema dropped
        assert db.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench%'").fetchall() == []


def test_generated_files_are_three_datasets_about_the_same_events(bench: ModuleType, tmp_path: Path) -> None:
    from gazetteer import Gazetteer

    files = bench.generate(tmp_path, Gazetteer.load(), 30, seed=3)
    assert [fmt for _, fmt in files] == ["acled", "ucdp", "airwars"]
    tables = [list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))) for path, _ in files]
    assert [len(t) for t in tables] == [10, 10, 10]
    acled, ucdp, airwars = tables
    for a, u, w in zip(acled, ucdp, airwars):
        assert a["event_id_cnty"][3:] == w["Code"][2:] == str(int(u["id"]) - 200_000)
        assert abs(float(a["latitude"]) - float(w["Latitude"])) < 0.01
        assert 33.0 < float(a["latitude"]) < 37.5 and 35.5 < float(a["longitude"]) < 44.5
        assert 2014 <= int(a["year"]) <= 2019


def test_events_favour_busy_places_and_stay_in_the_campaigns_governorates(bench: ModuleType) -> None:
    from gazetteer import Gazetteer

    events = bench.events(Gazetteer.load(), 2000, seed=5)
    assert {e.place.admin1 for e in events} <= set(bench.GOVERNORATES)
    counts = sorted((sum(1 for e in events if e.place.id == pid) for pid in {e.place.id for e in events}),
                    reverse=True)
    assert counts[0] >= 5 * (sum(counts) / len(counts))  # a few places get many events
    assert bench.spelling(events[0].place, random.Random(1))


def test_every_option_is_documented_in_the_module_docstring(bench: ModuleType) -> None:
    options = [o for a in bench.build_parser()._actions for o in a.option_strings if o.startswith("--")]
    assert set(options) - {"--help"} == {"--rows", "--runs", "--seed", "--postgres", "--profile"}
    assert all(o in bench.__doc__ for o in options if o != "--help")
