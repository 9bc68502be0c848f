"""benchmarks/ingest_scale_bench.py runs tiny, prints every figure it promises, and reuses its stores unchanged."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from types import ModuleType

import pytest

from tests.bench_scripts import load_script

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/ingest_scale_bench.py imported as a module."""
    return load_script("ingest_scale_bench")


STORE_LINE = (r"store of (?P<accounts>[\d,]+) accounts \((?P<how>built now|reused)\): storing \d+\.\d{3} ms, "
              r"clustering \d+\.\d{3} ms per article \(x\d+\.\d\d the empty store's\); [\d,]+ of the articles' "
              r"accounts joined stored ones; (?P<after>[\d,]+) accounts, [\d,]+ incidents after")
LINES = [
    r"ingest scale benchmark: 8 articles \([\d,]+ accounts extracted\), published 2014-2019, stored 50 per "
    r"transaction, clustered once after the last chunk \(as ingest does\); median of 1 run\(s\)",
    r"extraction: \d+\.\d{3} ms per article \(the same for every store: extraction does not read it\)",
    STORE_LINE, STORE_LINE, STORE_LINE,
    r"clustering per article, largest store / empty store: x\d+\.\d\d \(target: near 1\)",
    r"machine: Python [\d.]+, \d+ CPUs, load average [\d.]+, [\d.]+, [\d.]+",
]


def number(text: str) -> int:
    return int(text.replace(",", ""))


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_tiny_run_prints_every_figure_and_reuses_its_stores_unchanged(bench: ModuleType, tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--articles", "8", "--accounts", "60", "--middle", "30", "--runs", "1", "--store", str(tmp_path)]
    assert bench.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(LINES), lines
    matches = [re.fullmatch(pattern, line) for pattern, line in zip(LINES, lines)]
    assert all(matches), [line for m, line in zip(matches, lines) if not m]
    stores = matches[2:5]
    assert [number(m["accounts"]) for m in stores] == [0, 30, 60]
    assert {m["how"] for m in stores} == {"built now"}
    added = number(re.search(r"\(([\d,]+) accounts extracted\)", lines[0])[1])
    assert [number(m["after"]) for m in stores] == [added, 30 + added, 60 + added]
    kept = digest(tmp_path)
    assert sorted(kept) == ["accounts-0.sqlite", "accounts-30.sqlite", "accounts-60.sqlite"]

    assert bench.main(argv) == 0
    again = capsys.readouterr().out.splitlines()
    assert all(re.fullmatch(STORE_LINE, line)["how"] == "reused" for line in again[2:5])
    assert digest(tmp_path) == kept  # the runs ingested into copies


def test_articles_are_published_within_the_stores_span_with_their_full_dates_moved(bench: ModuleType) -> None:
    import datetime as dt

    docs = bench.articles(30, seed=2)
    assert len({d.id for d in docs}) == 30
    assert all(bench.FIRST_DAY <= d.published <= bench.LAST_DAY for d in docs)
    assert any(bench.FULL_DATE.search(d.text) for d in docs)
    for d in docs:
        before = f"{d.published - dt.timedelta(days=1):%d %B %Y}"
        assert all(m == before for m in bench.FULL_DATE.findall(d.text)), d.file


def test_dated_moves_every_full_date_and_keeps_the_header(bench: ModuleType) -> None:
    import datetime as dt

    from incidents.model import Document

    text = ("Report 1\nSource: SANA\n\nOn 12 February 2019 and on March 3, 2018 (2017-08-01), on December 16th, "
            "2018, not in 2016.")
    doc = bench.dated(Document(text=text, file="a.txt", body_start=text.index("\n\n") + 2), dt.date(2015, 6, 2))
    assert doc.text == ("Report 1\nSource: SANA\n\nOn 01 June 2015 and on 01 June 2015 (01 June 2015), on 01 June "
                        "2015, not in 2016.")
    assert doc.published == dt.date(2015, 6, 2)
    assert doc.id != Document(text=text, file="a.txt", body_start=doc.body_start).id


def test_apart_articles_are_published_before_every_stored_account(bench: ModuleType) -> None:
    import datetime as dt

    docs = bench.articles(30, seed=2, apart=True)
    first = bench.FIRST_DAY.replace(year=bench.FIRST_DAY.year - bench.APART_YEARS)
    assert all(first <= d.published <= bench.FIRST_DAY - dt.timedelta(days=60) for d in docs)
    assert [d.id for d in docs] != [d.id for d in bench.articles(30, seed=2)]  # their full dates moved too


def test_in_order_articles_are_the_same_articles_by_publication_day(bench: ModuleType) -> None:
    docs, ordered = bench.articles(30, seed=2), bench.articles(30, seed=2, in_order=True)
    assert [d.published for d in ordered] == sorted(d.published for d in docs)
    assert sorted(d.id for d in ordered) == sorted(d.id for d in docs)
    assert len({d.published.year for d in ordered}) > 2  # spread over years, as an archive is


def test_every_option_is_documented(bench: ModuleType) -> None:
    readme = (REPO / "benchmarks" / "README.md").read_text(encoding="utf-8")
    assert "python benchmarks/ingest_scale_bench.py" in readme
    options = [o for a in bench.build_parser()._actions for o in a.option_strings if o.startswith("--")]
    assert set(options) - {"--help"} == {"--articles", "--accounts", "--middle", "--runs", "--batch", "--store",
                                         "--seed", "--apart", "--in-order", "--profile"}
    for option in set(options) - {"--help"}:
        assert option in bench.__doc__ and option in readme, option


def test_batches_print_the_first_and_the_last_batchs_clustering(bench: ModuleType, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["--articles", "10", "--accounts", "30", "--middle", "0", "--runs", "1", "--batch", "4",
            "--store", str(tmp_path)]
    assert bench.main(argv) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "clustered after every 4 articles" in lines[0]
    batch_line = (r"  clustering per article of the first batch \d+\.\d{3} ms, of the last \d+\.\d{3} ms \(x\d+\.\d\d; "
                  r"the store holds the earlier batches' accounts by then\)")
    each_line = r"  clustering per article of each batch: \d+\.\d{3} ms, \d+\.\d{3} ms, \d+\.\d{3} ms"  # 4, 4, 2
    assert [re.fullmatch(STORE_LINE, line) is not None for line in lines[2:8]] == [True, False, False, True, False,
                                                                                  False]
    assert all(re.fullmatch(batch_line, line) for line in (lines[3], lines[6])), lines
    assert all(re.fullmatch(each_line, line) for line in (lines[4], lines[7])), lines
