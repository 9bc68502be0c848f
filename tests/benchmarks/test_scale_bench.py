"""The scale benchmark runs end to end in its smoke mode and prints every figure it promises (no timing asserted);
its synthetic store holds what it says: one incident per event, accounts near their event, disputed figures."""

from __future__ import annotations

import contextlib
import io
import random
import re
from collections import Counter
from pathlib import Path
from types import ModuleType

import pandas as pd
import pytest

from tests.bench_scripts import load_script

from gazetteer import distance_km
from tests.incidents.store_backends import postgres_database  # noqa: F401  (a fixture)


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/scale_bench.py imported as a module (registered, so its forked build can find its functions)."""
    return load_script("scale_bench")


#: Every metric of the table, with its unit.
METRICS = {
    "load: the incidents frame": "s",
    "frame copy per rerun (unpickle, as st.cache_data)": "s",
    "first map (frame cached)": "s",
    "first render (load + first map)": "s",
    "first map: bytes sent": "MB",
    "zoomed in, 0.5° box at zoom 10": "s",
    "zoomed in, 0.5° box: bytes sent": "MB",
    "zoomed in, 0.1° box at zoom 13": "s",
    "zoomed in, 0.1° box: bytes sent": "MB",
    "filter change": "s",
    "filter change: bytes sent": "MB",
    "peak memory: load (tracemalloc)": "MB",
    "peak memory: load + first map (tracemalloc)": "MB",
    "peak RSS of this process (ru_maxrss)": "MB",
}
#: The metrics with a target, and the target printed.
TARGETS = {"first map (frame cached)": "≤ 1.500 s", "first render (load + first map)": "≤ 1.500 s",
           "first map: bytes sent": "≤ 5.00 MB", "filter change": "≤ 0.300 s",
           "filter change: bytes sent": "≤ 5.00 MB"}
#: The metrics the naive build has no figure for (no cached copy, sends everything up front, map memory untraced).
NO_NAIVE = {"frame copy per rerun (unpickle, as st.cache_data)", "zoomed in, 0.5° box at zoom 10", "zoomed in, 0.5° box: bytes sent", "zoomed in, 0.1° box at zoom 13",
            "zoomed in, 0.1° box: bytes sent", "peak memory: load + first map (tracemalloc)"}
FIGURE = re.compile(r"[\d,]+\.\d+ (s|MB)")


def table_rows(lines: list[str]) -> dict[str, list[str]]:
    """The printed table's rows by metric, each as its stripped cells."""
    return {cells[0]: cells for cells in ([c.strip() for c in line.split("|")] for line in lines if " | " in line)}


@pytest.fixture(scope="module")
def smoke(bench: ModuleType) -> list[str]:
    """The lines printed by `--incidents 300 --runs 1`."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert bench.main(["--incidents", "300", "--runs", "1"]) == 0
    return out.getvalue().splitlines()


def test_smoke_mode_prints_the_store_first(smoke: list[str]) -> None:
    assert smoke[0] == "scale benchmark: median of 1 run(s); ratio = naive / atlas; MB = 10^6 bytes"
    assert re.fullmatch(r"store: 300 events x 3 accounts written in \d+\.\d s \([\d,]+ accounts/s, one transaction\); "
                        r"recluster \d+\.\d s; build peak RSS [\d,]+ MB \((child|this) process\)", smoke[1]), smoke[1]
    counts = re.fullmatch(r"store: ([\d,]+) incidents, 900 accounts, 900 documents; [\d,]+\.\d MB on disk "
                          r"\(incl\. -wal, -shm\); incidents / events = (\d\.\d{4})", smoke[2])
    assert counts, smoke[2]
    assert counts[1] == "300" and counts[2] == "1.0000"  # no event chained into another, none split


def test_smoke_mode_prints_every_metric_with_parseable_figures(smoke: list[str]) -> None:
    rows = table_rows(smoke)
    assert rows["metric"] == ["metric", "atlas", "naive", "ratio", "target", "met?"]
    assert set(rows) - {"metric"} == set(METRICS)
    for metric, unit in METRICS.items():
        _, atlas, naive, ratio, target, met = rows[metric]
        assert FIGURE.fullmatch(atlas) and atlas.endswith(f" {unit}"), (metric, atlas)
        if metric in NO_NAIVE:
            assert (naive, ratio) == ("-", "-"), metric
        else:
            assert FIGURE.fullmatch(naive) and naive.endswith(f" {unit}"), (metric, naive)
            assert re.fullmatch(r"x[\d,]+\.\d", ratio), (metric, ratio)
        assert target == TARGETS.get(metric, "-"), metric
        assert met in ({"yes", "NO"} if metric in TARGETS else {"-"}), metric


def test_smoke_mode_prints_notes_and_one_machine_line(smoke: list[str]) -> None:
    notes = [line for line in smoke if line.startswith("note: ")]
    assert any(re.match(r"note: first map: 300 incidents drawn as 300 circles \(markers with popups\)", n) for n in notes)
    assert sum(n.startswith("note: zoomed in, ") for n in notes) == 2
    assert any(n.startswith("note: filter change (2017-01-01 … 2017-12-31, claimed by Airwars, at least 5 killed)")
               for n in notes)
    assert "note: the stored incident rows and the decoded incidents hold the same incidents: yes" in notes
    machine = [line for line in smoke if line.startswith("machine: ")]
    assert len(machine) == 1 and " CPUs, " in machine[0] and machine[0].endswith("incidents=300, accounts=900")
    assert smoke[-1] == machine[0]  # nothing kept: no path printed


def test_keep_then_reuse_the_store(bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nested" / "scale.sqlite"
    assert bench.main(["--incidents", "60", "--runs", "1", "--store", str(path)]) == 0
    first = capsys.readouterr().out.splitlines()
    assert path.is_file() and first[1].startswith("store: 60 events x 3 accounts written")
    assert bench.main(["--incidents", "999", "--runs", "1", "--store", str(path)]) == 0
    second = capsys.readouterr().out.splitlines()
    assert second[1] == f"store: reusing {path} (not rebuilt; --incidents and --accounts-per ignored)"
    assert second[2].startswith("store: 60 incidents, 180 accounts") and "events" not in second[2]
    assert set(table_rows(second)) == set(table_rows(first))


def test_keep_prints_a_path_that_exists(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--incidents", "30", "--accounts-per", "1", "--runs", "1", "--keep"]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    kept = re.fullmatch(r"store kept at (\S+) \(pass --store \1 to reuse it\)", last)
    assert kept, last
    path = Path(kept[1])
    try:
        assert path.is_file()
    finally:
        for p in path.parent.glob("*"):
            p.unlink()
        path.parent.rmdir()


@pytest.mark.parametrize("argv", [
    ["--incidents", "0"], ["--incidents", "-5"], ["--runs", "0"], ["--accounts-per", "0"], ["--incidents", "many"],
])
def test_bad_arguments_are_refused(bench: ModuleType, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        bench.main(argv)
    assert exit_.value.code == 2
    assert "argument --" in capsys.readouterr().err


def test_a_store_that_is_not_a_database_is_reported(bench: ModuleType, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "notes <script>.sqlite"
    bad.write_text("<script>alert(1)</script> not a database\n" * 50, encoding="utf-8")
    before = bad.read_bytes()
    assert bench.main(["--runs", "1", "--store", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("scale_bench: cannot open store") and str(bad) in err
    assert bad.read_bytes() == before


def test_an_empty_store_is_reported(bench: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from incidents.store import Store

    path = tmp_path / "empty.sqlite"
    Store(path).close()
    assert bench.main(["--runs", "1", "--store", str(path)]) == 2
    assert capsys.readouterr().err == f"scale_bench: store {path} holds no incident\n"


# -- the synthetic data -------------------------------------------------------------------------------------------


def test_events_never_share_a_site_and_overlapping_days(bench: ModuleType) -> None:
    evs = bench.events(3000, random.Random(4))
    assert len(evs) == 3000 and len({e.n for e in evs}) == 3000
    assert len({(e.site, e.day) for e in evs}) == 3000
    by_site = Counter(e.site for e in evs)
    assert max(by_site.values()) <= bench.slots() and len(by_site) > 50  # busy sites, but spread
    assert all(bench.FIRST_DAY <= e.day <= bench.LAST_DAY for e in evs)
    assert all((e.day - bench.FIRST_DAY).days % bench.SLOT_DAYS == 0 for e in evs)
    assert all(bench.SOUTH <= e.lat <= bench.NORTH and bench.WEST <= e.lon <= bench.EAST for e in evs)


def test_events_at_neighbouring_sites_are_far_enough_apart_not_to_join(bench: ModuleType) -> None:
    from incidents.cluster import JOIN_KM

    centres = bench.sites()
    width = round((bench.EAST - bench.WEST) / bench.SITE_DEG)
    north_row = centres[-width:]  # the lattice's narrowest spacing in km is at its northern edge
    spacing = distance_km(north_row[0], north_row[1])
    assert spacing - 2 * (bench.EVENT_KM + bench.ACCOUNT_KM) > JOIN_KM


@pytest.mark.parametrize(("n", "weights", "capacity"), [
    (10, [1.0, 1.0], 5),  # exactly full
    (100, [100.0, 1.0, 1.0], 40),  # the busy site overflows onto the others
    (7, [0.0, 1.0], 7),  # a site of weight 0 gets nothing
    (1, [1e-9, 1e9], 1),
])
def test_site_counts_fill_by_weight_within_capacity(bench: ModuleType, n: int, weights: list[float],
                                                    capacity: int) -> None:
    counts = bench.site_counts(n, weights, capacity, random.Random(1))
    assert sum(counts) == n and max(counts) <= capacity
    assert all(c == 0 for c, w in zip(counts, weights) if w == 0)


def test_site_counts_refuse_more_events_than_room(bench: ModuleType) -> None:
    with pytest.raises(ValueError, match="incidents must be at most 10, got 11"):
        bench.site_counts(11, [1.0, 1.0], 5, random.Random(1))


@pytest.mark.parametrize("per", [1, 3, 6, 9])
def test_reports_are_near_their_event_in_its_window(bench: ModuleType, per: int) -> None:
    rng = random.Random(per)
    for e in bench.events(50, rng):
        pairs = list(bench.reports(e, per, rng))
        assert len(pairs) == per
        claimants = [a.claimed_by for _, a in pairs]
        if per <= len(bench.REPORTERS):
            assert len(set(claimants)) == per
        for doc, a in pairs:
            assert a.document_id == doc.id and a.quote == doc.text
            assert distance_km(a.point, (e.lat, e.lon)) <= bench.ACCOUNT_KM + 1e-6
            assert a.date_min == e.day and (a.date_max - e.day).days in (0, 1)
            assert doc.text[a.places[0].start:a.places[0].end] == e.place
            assert a.killed_min is None or a.killed_min <= a.killed_max


def test_the_built_store_holds_one_incident_per_event_with_disputes(bench: ModuleType, tmp_path: Path) -> None:
    from incidents.store import Store

    built = bench.build_store(tmp_path / "s.sqlite", 200, 3)
    assert (built.events, built.accounts) == (200, 600)
    with Store(tmp_path / "s.sqlite") as store:
        incidents = store.incidents()
    assert len(incidents) == 200
    assert all(len(i.accounts) == 3 and i.sources == 3 for i in incidents)
    assert all(len({a.article for a in i.accounts}) == 1 for i in incidents)  # one event's accounts, no other's
    disputed = sum(i.disputed for i in incidents)
    assert 40 <= disputed <= 180, disputed


def test_profile_lists_the_pages_functions(bench: ModuleType, tmp_path: Path) -> None:
    bench.build_store(tmp_path / "p.sqlite", 40, 2)
    text = bench.profile(tmp_path / "p.sqlite", top=1000)
    assert "cumulative" in text
    for function in ("load_frame", "filtered_map", "incident_rows", "visible_layer"):
        assert f"({function})" in text, function


def test_naive_build_extrapolates_beyond_the_cap(bench: ModuleType, monkeypatch: pytest.MonkeyPatch) -> None:
    from incidents.selection import frame_of_rows

    rows = [{"id": f"I{k}", "lat": 35.0 + k / 1000, "lon": 40.0, "place": "<b>x</b>", "precision": "exact",
             "date_min": None, "date_max": None, "killed_min": 1, "killed_max": 2, "sources": 1, "disputed": False,
             "accounts": 1, "admin1": (), "outlets": (), "claimants": ("SOHR",), "victims": (), "names": "x",
             "claims": '[["SOHR","AFP","2017-01-01",1,1,null,null,null,null]]'} for k in range(40)]
    small = frame_of_rows(rows)
    built = bench.naive_build(small, 1)
    assert built.note == "40 markers built" and built.bytes > 0
    monkeypatch.setattr(bench, "NAIVE_CAP_S", 0.0)
    monkeypatch.setattr(bench, "NAIVE_PROBE", 10)
    guessed = bench.naive_build(small, 1)
    assert guessed.note == "extrapolated from 10 of 40 markers (predicted > 0 s), 1 run"
    assert 0.8 * built.bytes <= guessed.bytes <= 1.2 * built.bytes  # markers of one shape: linear in their number


# -- helpers ------------------------------------------------------------------------------------------------------


def test_busiest_box_centres_on_the_densest_cell(bench: ModuleType) -> None:
    frame = pd.DataFrame({"lat": [35.951, 35.952, 35.953, 34.0, None], "lon": [39.011, 39.012, 39.013, 41.0, 40.0]})
    (south, west), (north, east) = bench.busiest_box(frame, 0.5)
    assert south == pytest.approx(35.702) and north == pytest.approx(36.202)
    assert west == pytest.approx(38.762) and east == pytest.approx(39.262)


def test_busiest_box_refuses_a_frame_without_points(bench: ModuleType) -> None:
    with pytest.raises(ValueError, match="no located incident"):
        bench.busiest_box(pd.DataFrame({"lat": [None], "lon": [None]}, dtype=float), 0.5)


@pytest.mark.parametrize(("in_view", "kind"), [
    (0, "markers with popups"), (2000, "markers with popups"), (2001, "grid cells, no popups"),
])
def test_drawn_kind_follows_the_marker_limit(bench: ModuleType, in_view: int, kind: str) -> None:
    assert bench.MAX_MARKERS == 2000
    assert bench.Drawn(1, in_view, 1).kind == kind


@pytest.mark.parametrize(("row", "met"), [
    (("t", 2.9, 40.0, "s", 3.0), "yes"),
    (("t", 3.1, 40.0, "s", 3.0), "NO"),
    (("b", 5.0, None, "MB", 5.0), "yes"),
    (("m", 120.0, 300.0, "MB", None), "-"),
])
def test_row_verdicts(bench: ModuleType, row: tuple, met: str) -> None:
    assert bench.Row(*row).met == met


def test_table_formats_figures_ratio_and_target(bench: ModuleType) -> None:
    text = bench.table([bench.Row("first map", 0.25, 150.0, "s", 3.0), bench.Row("zoom bytes", 1.5, None, "MB"),
                        bench.Row("empty", 0.0, 2.0, "s")])
    header, rule, first, zoom, empty = text.splitlines()
    assert set(rule) <= {"-", "+"}
    assert [c.strip() for c in first.split("|")] == ["first map", "0.250 s", "150.000 s", "x600.0", "≤ 3.000 s", "yes"]
    assert [c.strip() for c in zoom.split("|")] == ["zoom bytes", "1.50 MB", "-", "-", "-", "-"]
    assert [c.strip() for c in empty.split("|")][3] == "-"  # no ratio over zero


# -- on PostgreSQL ------------------------------------------------------------------------------------------------


def test_on_postgresql_prints_the_same_table_naming_the_server(bench: ModuleType, postgres_database: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import psycopg

    assert bench.main(["--incidents", "120", "--runs", "1", "--postgres", postgres_database]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert re.fullmatch(r"scale benchmark: median of 1 run\(s\); ratio = naive / atlas; MB = 10\^6 bytes; store on "
                        r"PostgreSQL [\d.]+, PostGIS [\d.]+ \(a new schema, dropped at the end\)", lines[0]), lines[0]
    assert lines[1].startswith("store: 120 events x 3 accounts written in ")
    assert re.fullmatch(r"store: 120 incidents, 360 accounts, 360 documents; [\d,]+\.\d MB in PostgreSQL \(tables, "
                        r"indexes, TOAST\); incidents / events = 1\.0000", lines[2]), lines[2]
    rows = table_rows(lines)
    assert set(rows) - {"metric"} == set(METRICS)
    assert all(FIGURE.fullmatch(rows[metric][1]) for metric in METRICS)
    assert "note: the stored incident rows and the decoded incidents hold the same incidents: yes" in lines
    with psycopg.connect(postgres_database) as db:  # the store's schema dropped
        assert db.execute("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'bench%'").fetchall() == []


@pytest.mark.parametrize("other", [["--keep"], ["--store", "kept.sqlite"]])
def test_postgres_refuses_a_kept_or_reused_store(bench: ModuleType, other: list[str],
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        bench.main(["--postgres", "postgresql://nobody@/none", *other])
    assert exit_.value.code == 2
    assert "--postgres builds its store in a new schema and drops it" in capsys.readouterr().err
