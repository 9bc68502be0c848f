"""The gazetteer benchmark scripts run end to end on tiny inputs and print every figure they promise.

Nothing here times anything: the figures themselves depend on the machine; the tests check the lines are there.
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from types import ModuleType

import pytest

from tests.bench_scripts import load_script

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return load_script("gazetteer_bench")


@pytest.fixture(scope="module")
def accuracy() -> ModuleType:
    return load_script("gazetteer_accuracy")


# -- gazetteer_bench ----------------------------------------------------------------------------------------------

BENCH_METRICS = [
    "load, warm cache (fresh process)",
    "load, first build (no cache)",
    "import gazetteer (fresh process)",
    "exact/variant path, cold caches",
    "exact/variant path, warm caches",
    "fuzzy path, cold caches",
    "fuzzy path, warm caches",
    "peak memory of load (tracemalloc)",
    "memory kept after load (tracemalloc)",
    "RSS growth of load (getrusage)",
]


def test_bench_main_prints_the_table_and_machine_line(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--runs", "1", "--n", "50"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(line for line in lines if line.startswith("metric"))
    assert [c.strip() for c in header.split("|")] == ["metric", "value", "baseline", "ratio", "target", "met?"]
    rows = {line.split("|")[0].strip(): [c.strip() for c in line.split("|")] for line in lines if "|" in line}
    for metric in BENCH_METRICS:
        assert metric in rows, metric
        value = rows[metric][1]
        assert re.fullmatch(r"[\d,.]+ (s|/s|MiB)", value), (metric, value)
    for metric in BENCH_METRICS[3:7]:  # every rate has a baseline, a ratio and a verdict
        _, _, baseline, ratio, target, met = rows[metric]
        assert baseline.endswith("/s") and ratio.startswith("x") and target.startswith("≥") and met in {"yes", "NO"}
    assert rows["load, warm cache (fresh process)"][4] == "≤ 0.500 s"
    machine = [line for line in lines if line.startswith("machine: Python ")]
    assert len(machine) == 1 and "CPUs" in machine[0] and "exact queries=50" in machine[0]


def test_bench_profile_prints_top_functions(bench: ModuleType) -> None:
    from gazetteer import Gazetteer

    text = bench.profile(Gazetteer.load(), ["Hajin", "Dayr al-Zawr"], "exact/variant path", warm=False, top=5)
    assert text.startswith("-- profile: exact/variant path (2 queries, cold caches, top 5 by own time)")
    assert "resolve" in text and "tottime" in text


@pytest.mark.parametrize(("name", "variant"), [
    ("al-Bukamal", "Bukamal"),  # article dropped
    ("Hajin", "al-Hajin"),  # article added
    ("Deir al-Zour", "Deir al-Zur"),  # ou -> u
    ("Deir ez-Zor", "Dayr ez-Zor"),  # ei -> ay
    ("Ash Sha'fah", "Ash Sha'fa"),  # -ah -> -a
    ("Raqqa", "Raqqah"),  # -a -> -ah
    ("Baghuz Fawqani", "Baghuz-Fawqani"),  # space -> hyphen
    ("Abu-Kamal", "Abu Kamal"),  # hyphen -> space
])
def test_transliteration_variants(bench: ModuleType, name: str, variant: str) -> None:
    assert variant in bench.transliteration_variants(name)
    assert name in bench.transliteration_variants(name)


def test_arabic_names_have_no_latin_variants(bench: ModuleType) -> None:
    assert bench.transliteration_variants("البوكمال") == {"البوكمال"}


def test_misspell_makes_one_edit_away_from_the_ends(bench: ModuleType) -> None:
    rng = random.Random(3)
    for name in ["Hajin", "Mayadin", "Baghuz Fawqani", "الميادين"]:
        for _ in range(50):
            q = bench.misspell(name, rng)
            assert q != name or len(set(name)) < len(name)  # a transposition of two equal letters changes nothing
            assert len(name) - 1 <= len(q) <= len(name)
            assert q[0] == name[0] and q[-1] == name[-1]


def test_fuzzy_queries_miss_every_exact_and_folded_key(bench: ModuleType) -> None:
    from gazetteer import Gazetteer, fold, plain

    gaz = Gazetteer.load()
    index = gaz._index
    queries = bench.fuzzy_queries(gaz, index, 40, random.Random(2))
    assert len(queries) == 40 == len(set(queries))
    assert not any(fold(q) in index.folded or plain(q) in index.exact for q in queries)


@pytest.mark.parametrize(("row", "met"), [
    (("load", 0.3, 0.1, "s", 0.5, False), "yes"),
    (("load", 0.7, 0.1, "s", 0.5, False), "NO"),
    (("rate", 60_000.0, 1e6, "/s", 50_000, True), "yes"),
    (("rate", 12_000.0, 1e6, "/s", 50_000, True), "NO"),
    (("memory", 50.0, 20.0, "MiB", None, False), "-"),
])
def test_row_verdict(bench: ModuleType, row: tuple, met: str) -> None:
    assert bench.Row(*row).met == met


def test_table_formats_units_and_ratio(bench: ModuleType) -> None:
    text = bench.table([bench.Row("exact", 12_345.0, 100_000.0, "/s", 50_000, True)])
    header, rule, line = text.splitlines()
    assert set(rule) <= {"-", "+"}
    assert [c.strip() for c in line.split("|")] == ["exact", "12,345 /s", "100,000 /s", "x0.12", "≥ 50,000 /s", "NO"]


# -- gazetteer_accuracy -------------------------------------------------------------------------------------------


@pytest.fixture
def tiny_inputs(tmp_path: Path) -> tuple[Path, Path]:
    """A spelling list with a hit, a miss (wrong expected point) and a name that must stay unresolved; a gold file
    with one record of two places, one without coordinates."""
    rows = [
        "name,admin1,lat,lon,tol_km,note",
        "Hajin,Deir ez-Zor,34.6927,40.827,5,WOF 890449895 Hajīn",
        "al-Bukamal,Deir ez-Zor,35.95283,39.00788,5,deliberately wrong: the point of Raqqa",
        "Qxqxzzv,Deir ez-Zor,,,5,no such place",
    ]
    csv_path = tmp_path / "spellings_tiny.csv"
    csv_path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    gold = {"id": "T1", "places": [
        {"text": "Hajin", "governorate": "Deir ez-Zor", "lat": 34.6926, "lon": 40.8256, "tol_km": 5},
        {"text": "Qxqxzzv", "governorate": "Deir ez-Zor", "lat": None, "lon": None, "tol_km": None},
    ]}
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return csv_path, gold_path


def test_accuracy_main_prints_shares_and_misses(accuracy: ModuleType, tiny_inputs: tuple[Path, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    csv_path, gold_path = tiny_inputs
    assert accuracy.main(["--gold", str(gold_path), "--list", str(csv_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    gold, listed = lines.index("== seed gold gold.jsonl: 2 names, 1 with coordinates"), \
        lines.index("== spelling list spellings_tiny.csv: 3 names, 2 with coordinates")
    assert lines[gold + 1: gold + 4] == ["within 5 km: 1/1 (100.0%)", "within own tolerance: 1/1 (100.0%)",
                                         "unresolved: 0/1 (0.0%)"]
    assert lines[gold + 4] == "expected unresolved: Qxqxzzv (T1): ok (unresolved, no candidate)"
    assert "gold target (every place within its tol_km, places without coordinates unresolved): met" in lines
    assert lines[listed + 1: listed + 4] == ["within 5 km: 1/2 (50.0%)", "within own tolerance: 1/2 (50.0%)",
                                             "unresolved: 0/2 (0.0%)"]
    assert lines[listed + 5].startswith("misses: 1 (name | admin1 | expected | got | distance | reason)")
    miss = [c.strip() for c in lines[listed + 6].split("|")]
    assert miss[:4] == ["al-Bukamal", "Deir ez-Zor", "35.9528,39.0079", "34.4500,40.9186"]
    assert miss[4].endswith(" km") and miss[5].startswith("wrong place: Abu Kamal")


def test_accuracy_main_returns_2_on_unreadable_inputs(accuracy: ModuleType, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert accuracy.main(["--gold", str(tmp_path / "none.jsonl"), "--list"]) == 2
    assert "cannot read gold file" in capsys.readouterr().err
    empty_gold = tmp_path / "empty.jsonl"
    empty_gold.write_text("", encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,admin1,lat,lon,tol_km,note\nHajin,,north,40.8,5,x\n", encoding="utf-8")
    assert accuracy.main(["--gold", str(empty_gold), "--list", str(bad)]) == 2
    assert "bad.csv line 2" in capsys.readouterr().err


def test_accuracy_bad_number_names_file_and_line(accuracy: ModuleType, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,admin1,lat,lon,tol_km,note\nHajin,,north,40.8,5,x\n", encoding="utf-8")
    with pytest.raises(accuracy.ListFormatError, match=r"bad.csv line 2: lat must be a number, got 'north'"):
        accuracy.read_list(bad)


def test_gold_context_feeds_near(accuracy: ModuleType) -> None:
    from gazetteer import Gazetteer

    case = accuracy.Case(name="al-Kashem", admin1="Deir ez-Zor", expected=(34.8113, 40.601), tol_km=5,
                         context=("al-Dweir", "al-A’shara"))
    (outcome,) = accuracy.evaluate(Gazetteer.load(), [case])
    assert len(outcome.near) == 2
    assert outcome.ok


# -- gazetteer_miss_kinds -----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kinds() -> ModuleType:
    return load_script("gazetteer_miss_kinds")


def test_misses_are_put_in_their_kind(kinds: ModuleType, accuracy: ModuleType) -> None:
    from gazetteer import Gazetteer, Place

    hajin = Place(id="hajin", name="Hajin", lat=34.6927, lon=40.827, admin1="SY09")
    kasra_a = Place(id="kasra-a", name="Kasra", lat=34.72, lon=40.80, admin1="SY09")
    kasra_b = Place(id="kasra-b", name="Kasra", lat=35.60, lon=39.90, admin1="SY09")
    lone = Place(id="lone", name="Lonely", lat=35.60, lon=39.90, admin1="SY09")
    gov = Place(id="gov", name="Deir ez-Zor", lat=35.2, lon=40.3, type="governorate", admin1="SY09")
    gaz = Gazetteer.from_places([hajin, kasra_a, kasra_b, lone, gov])
    points = kinds.PointIndex(gaz.places)
    cases = {  # name, point -> kind
        ("Kasra", (34.72, 40.80)): "unresolved: namesakes in the hinted governorate",
        ("Lonely", (34.6927, 40.827)): "wrong: the place is not in the data under a like name",
        ("Qxqxzzv", (34.6927, 40.827)): "unresolved: the name is not in the data near the point",
        ("Qxqxzzv", (33.0, 38.0)): "unresolved: no place within 5 km in the data",
        ("Qxqxzzv checkpoint", (33.0, 38.0)): "unresolved: compound or landmark string",
        ("Qxqxzzv, Hajin", (33.0, 38.0)): "wrong: a part of a compound resolved elsewhere",
    }
    for (name, point), kind in cases.items():
        (outcome,) = accuracy.evaluate(gaz, [accuracy.Case(name=name, admin1="Deir ez-Zor", expected=point,
                                                            tol_km=5)])
        assert kinds.kind_of(outcome, gaz, points) == kind, name


def test_miss_kinds_table_has_a_column_per_list_and_totals(kinds: ModuleType) -> None:
    counts = {kinds.KINDS[0]: {"ucdp": 2, "acled": 1}, kinds.KINDS[4]: {"airwars": 3}}
    lines = kinds.table(counts, previous={kinds.KINDS[0]: {"ucdp": 5}}, rev="abc123")
    assert lines[0].split("|")[-1].strip() == "abc123"
    first = [c.strip() for c in lines[2].split("|")]
    assert first == [kinds.KINDS[0], "2", "0", "0", "1", "3", "5"]
    assert [c.strip() for c in lines[-1].split("|")][-2:] == ["6", "5"]


def test_miss_kinds_without_dev_lists_says_so(kinds: ModuleType, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert kinds.main(["--dev", str(tmp_path / "none")]) == 2
    assert "no dev place lists" in capsys.readouterr().err


# -- documentation ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("script", ["gazetteer_bench", "gazetteer_accuracy", "gazetteer_miss_kinds"])
def test_every_option_is_in_the_benchmarks_readme(script: str) -> None:
    readme = (REPO / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert f"python benchmarks/{script}.py" in readme
    parser = load_script(script).build_parser()
    for option in (o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"):
        assert option in readme, f"{script} {option} is not documented"
