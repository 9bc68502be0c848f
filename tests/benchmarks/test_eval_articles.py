"""The dev-gold ingestion benchmark reads gold, matches it to accounts and prints the figures it promises.

A tiny gold is written in tmp_path about the bundled sample corpus (the seed gold's S02: the Foreign Ministry's
17 civilians in al-Boukhatir on December 16th, 2018); nothing here times anything.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

from tests.bench_scripts import load_script

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "incidents" / "sample"
S02 = "001_8582c4b2d1b43d00.txt"  # the Foreign Ministry's letters: 17 civilians in al-Boukhatir, a Hajin tally
S04 = "002_78fe00e81fe7418c.txt"  # Press TV: 20 killed in al-Baghuz al-Tahtani, local sources via SANA
S05 = "003_2399c1ba290ee3ea.txt"  # an opinion piece: 7 civilians in al-Mayadin, and older massacres
S02_QUOTE = ("the last of which was on December 16th, 2018, when the warplanes of the international alliance shelled "
             "the citizens’ houses in al-Boukhatir village in Deir Ezzor southeastern countryside, claiming the lives "
             "of 17 civilians and causing material damage to houses and properties.")


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    return load_script("eval_articles")


def gold_record(**fields) -> dict:
    """A gold line: the seed gold's S02 unless fields say otherwise."""
    rec = {"article": S02, "incident": f"{S02}#1", "published": None, "place_text": "al-Boukhatir",
           "place_from": "same sentence", "governorate": "Deir ez-Zor", "date_min": "2018-12-16",
           "date_max": "2018-12-16", "killed_min": 17, "killed_max": 17, "injured_min": None, "injured_max": None,
           "casualties_min": None, "victims": "civilians", "claimed_by": "Syrian Ministry of Foreign Affairs",
           "quote": S02_QUOTE, "note": ""}
    return {**rec, **fields}


def write_gold(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def account(ev: ModuleType, **kw):
    """A Found account of S02's article (17 killed in al-Boukhatir, the Ministry) with fields replaced."""
    figures = {k: kw.pop(k, None) for k in ev.FIGURES}
    if not any(v is not None for v in figures.values()):
        figures.update(killed_min=17, killed_max=17)
    base = dict(file=S02, start=0, quote=S02_QUOTE, claimed_by="Syrian Ministry of Foreign Affairs", outlet="SANA",
                mentions=(ev.Mention("al-Boukhatir", (34.6738, 40.8719), "exact"),), point=(34.6738, 40.8719),
                date_min=dt.date(2018, 12, 16), date_max=dt.date(2018, 12, 16))
    return ev.Found(**{**base, **kw}, figures=figures)


def line(ev: ModuleType, **fields):
    return ev.gold_line(gold_record(**fields), "gold.jsonl:1")


def table_rows(text: str) -> dict[str, list[str]]:
    return {r.split("|")[0].strip(): [c.strip() for c in r.split("|")[1:]] for r in text.splitlines() if "|" in r}


# -- reading the gold ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fields", [
    {},
    {"killed_max": None},  # "at least 17"
    {"killed_min": None, "killed_max": None, "casualties_min": 24},  # "dozens killed or injured"
    {"date_min": None},  # no event day: the window ends at publication
    {"place_text": None, "governorate": None},
    {"killed_min": 0, "killed_max": 0},  # "no casualties"
])
def test_accepted_gold_lines(ev: ModuleType, fields: dict) -> None:
    g = line(ev, **fields)
    assert g.article == S02 and g.quote == S02_QUOTE
    assert (g.killed_min, g.casualties_min) == (fields.get("killed_min", 17), fields.get("casualties_min"))


@pytest.mark.parametrize(("rec", "says"), [
    ([1, 2], "JSON object"),
    ({"quote": "x"}, "'article'"),
    (gold_record(killed_min="17"), "killed_min must be a count"),
    (gold_record(injured_min=-1), "injured_min must be a count"),
    (gold_record(killed_min=True), "killed_min must be a count"),
    (gold_record(killed_min=20, killed_max=17), "killed_min 20 exceeds killed_max 17"),
    (gold_record(date_min="16/12/2018"), "date_min must be an ISO date"),
    (gold_record(date_min="2018-12-17", date_max="2018-12-16"), "is after date_max"),
    (gold_record(quote=""), "'quote'"),
    (gold_record(claimed_by=3), "claimed_by must be text"),
])
def test_rejected_gold_lines(ev: ModuleType, rec: object, says: str) -> None:
    with pytest.raises(ValueError, match=re.escape(says)):
        ev.gold_line(rec, "gold.jsonl:1")


def test_an_article_without_claims_is_no_line_but_counts_as_an_article(ev: ModuleType, tmp_path: Path) -> None:
    path = write_gold(tmp_path / "g.jsonl", [gold_record(), {"article": S04, "none": True, "note": "x"}])
    gold = ev.read_gold([path])
    assert len(gold.lines) == 1 and gold.articles == (S02, S04)


def test_a_bad_gold_line_is_named_by_file_and_line(ev: ModuleType, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "batch9.jsonl"
    path.write_text(json.dumps(gold_record()) + "\n\n" + '{"article": "x.txt", "killed_min": 1,\n', encoding="utf-8")
    with pytest.raises(ev.GoldError, match=r"batch9\.jsonl: line 3: "):
        ev.read_gold([path])
    assert ev.main(["--gold", str(path), "--articles", str(SAMPLE)]) == 2
    assert "batch9.jsonl: line 3" in capsys.readouterr().err
    assert ev.main(["--gold", str(tmp_path / "nothing-*.jsonl")]) == 2
    assert "no gold file" in capsys.readouterr().err


def test_gold_globs_and_files(ev: ModuleType, tmp_path: Path) -> None:
    a, b = write_gold(tmp_path / "a.jsonl", []), write_gold(tmp_path / "b.jsonl", [])
    assert ev.gold_paths([str(tmp_path / "*.jsonl")]) == [a, b]
    assert ev.gold_paths([str(b), str(tmp_path / "*.jsonl")]) == [b, a]


# -- the manifest -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "date"), [
    ("4/16/17", dt.date(2017, 4, 16)), ("12/1/2015", dt.date(2015, 12, 1)), (" 7/10/16 ", dt.date(2016, 7, 10)),
    ("2/30/17", None), ("2017-04-16", None), ("", None), (None, None), (417, None),
])
def test_date_as_given(ev: ModuleType, value: object, date: dt.date | None) -> None:
    assert ev.given_date(value) == date


@pytest.mark.parametrize(("mode", "text_dated", "published"), [
    ("fallback", False, "2017-04-16"), ("fallback", True, None),
    ("override", True, "2017-04-16"), ("ignore", False, None),
])
def test_date_as_given_becomes_published_by_mode(ev: ModuleType, tmp_path: Path, mode: str, text_dated: bool,
                                                 published: str | None) -> None:
    (tmp_path / "manifest.jsonl").write_text(json.dumps(
        {"file": "a.txt", "outlet": "nna", "title": "T", "published": None, "date_as_given": "4/16/17"}) + "\n" +
        json.dumps({"file": "b.txt", "published": "2019-01-20", "date_as_given": "4/16/17"}) + "\n")
    lines = ev.manifest_lines(tmp_path, ["a.txt", "b.txt"], {"a.txt": text_dated, "b.txt": False}, mode)
    assert lines[0] == {"file": "a.txt", "outlet": "nna", "title": "T", "author": None, "url": None,
                        "published": published}
    assert lines[1]["published"] == "2019-01-20"  # a publication date the manifest gives is kept in every mode


# -- matching -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("gold", "ours", "match"), [
    ({}, {}, True),
    ({}, {"killed_min": 17, "killed_max": None}, False),  # "17" is not "at least 17"
    ({}, {"killed_min": 17, "killed_max": 17, "injured_min": 4}, True),  # killed only in the gold: injured not read
    ({"injured_min": 4, "injured_max": 4}, {"killed_min": 17, "killed_max": 17}, False),
    ({"injured_min": 4, "injured_max": 4}, {"killed_min": 17, "killed_max": 17, "injured_min": 4, "injured_max": 4},
     True),
    ({"killed_min": None, "killed_max": None, "casualties_min": 24}, {"casualties_min": 24}, True),
    ({"killed_min": None, "killed_max": None, "casualties_min": 24}, {"casualties_min": 24, "injured_min": 3}, False),
    ({"killed_min": None, "killed_max": None, "casualties_min": 24}, {"killed_min": 24}, False),
])
def test_figures_match(ev: ModuleType, gold: dict, ours: dict, match: bool) -> None:
    assert ev.figures_match(account(ev, **ours), line(ev, **gold)) is match


@pytest.mark.parametrize(("mentions", "match"), [
    ((("the village of al-Boukhatir", None, None),), True),  # feature words stripped, folded: the same name
    ((("Al Boukhateer", None, None),), True),
    ((("somewhere", (34.70, 40.90), "exact"),), True),  # within 10 km of the gold place
    ((("Hajin", (34.6926, 40.8256), "exact"),), True),  # about 6 km away
    ((("Deir Ezzor", (35.336, 40.140), "governorate"),), False),
    ((("al-Boukhatir-x", None, None),), False),
    ((), False),
])
def test_place_match(ev: ModuleType, mentions: tuple, match: bool) -> None:
    a = account(ev, mentions=tuple(ev.Mention(*m) for m in mentions), point=None)
    assert ev.place_match(a, line(ev), (34.6738, 40.8719)) is match


def test_a_gold_line_without_a_place_matches_any_place(ev: ModuleType) -> None:
    assert ev.place_match(account(ev, mentions=(), point=None), line(ev, place_text=None), None)


@pytest.mark.parametrize(("gold", "ours", "agree"), [
    ("SOHR", "Syrian Observatory for Human Rights", True),
    ("SOHR", "the Observatory", True),
    ("White Helmets", "the White Helmets", True),
    ("Syrian state TV", "Syrian state television", True),
    ("local sources via SANA", "Local sources", True),  # the relay is not compared
    ("a police source via SANA", "police sources via SANA", True),
    ("activists", "Syrian activists", True),  # one name the last words of the other
    ("a source", "Aleppo Police Command", False),
    ("SOHR", "--", False),  # nothing left once normalized
    ("nna", "nna", True),  # the outlet, crediting no one
    ("article (unattributed)", "unattributed", True),
    ("SOHR", "SANA", False),
    ("local sources via SANA", "SANA", False),
    ("Russian Defence Ministry", "Syrian Ministry of Foreign Affairs", False),
])
def test_claimants_agree(ev: ModuleType, gold: str, ours: str, agree: bool) -> None:
    assert ev.claimants_agree(account(ev, claimed_by=ours, outlet="nna"), line(ev, claimed_by=gold)) is agree


@pytest.mark.parametrize(("gold", "ours", "agree"), [
    (("2018-12-16", "2018-12-16"), (dt.date(2018, 12, 16), dt.date(2018, 12, 16)), True),
    ((None, "2018-12-16"), (None, dt.date(2018, 12, 16)), True),
    ((None, "2018-12-16"), (None, None), False),
    (("2018-12-15", "2018-12-16"), (dt.date(2018, 12, 16), dt.date(2018, 12, 16)), False),
])
def test_dates_agree(ev: ModuleType, gold: tuple, ours: tuple, agree: bool) -> None:
    g = line(ev, date_min=gold[0], date_max=gold[1])
    assert ev.dates_agree(account(ev, date_min=ours[0], date_max=ours[1]), g) is agree


def test_matching_is_greedy_best_first_and_one_to_one(ev: ModuleType, gazetteer) -> None:
    elsewhere = account(ev, mentions=(ev.Mention("Raqqa", (35.95, 39.01), "exact"),), point=(35.95, 39.01))
    right = account(ev, start=10)
    other = account(ev, start=20, killed_min=20, killed_max=None)
    golds = [line(ev), line(ev, quote="The same claim again.")]
    pairs, extras = ev.match_article(golds, [elsewhere, right, other], ev.GoldPlaces(gazetteer))
    assert pairs[0].account is right and pairs[0].found  # the pair matching the place goes first
    assert pairs[1].account is elsewhere and not pairs[1].found  # figures alone: paired, but not found
    assert extras == [other]


# -- the whole run on the sample corpus ---------------------------------------------------------------------------


@pytest.fixture
def tiny_gold(tmp_path: Path) -> Path:
    """One line the code finds (S02), one with a wrong figure (S05 says 7, not 8), one article without claims."""
    return write_gold(tmp_path / "tiny.jsonl", [
        gold_record(),
        gold_record(article=S05, incident=f"{S05}#1", place_text="al-Mayadin", date_min=None, date_max=None,
                    killed_min=8, killed_max=8, claimed_by="unattributed",
                    quote="A few days ago, the aircrafts of the US-led ‘international coalition’ carried out "
                          "airstrikes against residential neighborhoods in al-Mayadin city killing 7 civilians, mostly "
                          "women and children."),
        {"article": S04, "none": True, "note": "for the test: its account is an extra"},
    ])


def test_main_prints_recall_extras_dates_and_attribution(ev: ModuleType, tiny_gold: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    ingested = ev.ingest_articles(SAMPLE, [S02, S05, S04])
    assert {a.file for a in ingested.accounts} == {S02, S05, S04} and ingested.documents == 3
    extras = len(ingested.accounts) - 1  # every account but the one S02's line is paired with
    assert ev.main(["--gold", str(tiny_gold), "--articles", str(SAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Ingestion on the dev gold (tiny.jsonl): 2 gold lines in 3 articles; "
                          "manifest dates: fallback")
    rows = table_rows(out)
    assert rows["metric"] == ["value", "target", "met?"]
    assert rows["gold lines"][0] == "2" and rows["articles (gold)"][0] == "3"
    assert rows["recall (figures + place)"] == ["0.500 (1/2)", "≥ 0.85", "NO"]
    assert rows["recall of figures alone"][0] == "0.500 (1/2)"
    assert rows["extras per gold line"][:2] == [f"{extras / 2:.3f} ({extras}/2)", "≤ 0.15"]
    assert rows["dates (of lines paired on figures)"] == ["1.000 (1/1)", "≥ 0.85", "yes"]
    assert rows["attribution (of lines paired on figures)"] == ["1.000 (1/1)", "≥ 0.85", "yes"]
    assert re.fullmatch(r"[\d,]+ \(3 in \d+\.\d\d s\)", rows["articles/s (extraction)"][0])


def test_json_gives_the_same_figures(ev: ModuleType, tiny_gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--gold", str(tiny_gold), "--articles", str(SAMPLE), "--json"]) == 0
    m = json.loads(capsys.readouterr().out)
    assert (m["gold_lines"], m["found"], m["figures_found"], m["dates_agree"], m["claimants_agree"]) == (2, 1, 1, 1, 1)
    assert Path(m["code"]) == REPO / "incidents"


def test_show_misses_names_the_kind_and_the_nearest_account(ev: ModuleType, tiny_gold: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--gold", str(tiny_gold), "--articles", str(SAMPLE), "--show-misses"]) == 0
    out = capsys.readouterr().out
    misses = out[out.index("== gold lines not found: 1"):out.index("== extra accounts")]
    assert "-- gold sentence read, figures differ: killed: 1" in misses
    assert "gold: killed 8-8 at al-Mayadin (Deir ez-Zor) | ours: killed 7-7 at al-Mayadin" in misses
    assert "-- article without a claim in the gold: " in out and S04 in out[out.index("== extra accounts"):]
    assert "== paired lines, date off: 0" in out and "== paired lines, claimant off: 0" in out


def test_articles_missing_from_the_folder_are_an_error(ev: ModuleType, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = write_gold(tmp_path / "g.jsonl", [gold_record(article="nowhere.txt")])
    assert ev.main(["--gold", str(path), "--articles", str(SAMPLE)]) == 2
    assert "not in" in capsys.readouterr().err


@pytest.mark.skipif(shutil.which("git") is None or not (REPO / ".git").exists(), reason="needs the git checkout")
def test_against_runs_the_revision_from_its_own_tree(ev: ModuleType, tiny_gold: Path) -> None:
    head = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                          check=True).stdout.strip()
    gold = ev.read_gold([tiny_gold])
    old = ev.against(head, gold, SAMPLE, "fallback")
    assert old["code"] == f"<{head}>/incidents"  # imported from the archived tree, not the working tree
    assert old["gold_lines"] == 2 and old["articles"] == 3
    with pytest.raises(RuntimeError, match="git archive no-such-revision"):
        ev.against("no-such-revision", gold, SAMPLE, "fallback")


def test_against_table_has_both_columns(ev: ModuleType) -> None:
    m = {"gold_lines": 2, "articles": 3, "accounts": 9, "found": 1, "recall": 0.5, "figures_found": 1,
         "figures_recall": 0.5, "extras": 8, "extras_per_line": 4.0, "dates_agree": 1, "dates": 1.0,
         "claimants_agree": 0, "attribution": 0.0, "documents": 3, "extract_seconds": 0.5, "articles_per_s": 6.0}
    rows = table_rows(ev.table({**m, "found": 2, "recall": 1.0}, m, "1e05a72"))
    assert rows["metric"] == ["1e05a72", "current", "target"]
    assert rows["recall (figures + place)"] == ["0.500 (1/2)", "1.000 (2/2)", "≥ 0.85"]
    assert rows["attribution (of lines paired on figures)"][2] == "≥ 0.85"


def test_every_option_is_in_the_benchmarks_readme(ev: ModuleType) -> None:
    readme = (REPO / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert "python benchmarks/eval_articles.py" in readme
    for option in (o for a in ev.build_parser()._actions for o in a.option_strings if o.startswith("--")):
        assert option == "--help" or option in readme, f"{option} is not documented"
