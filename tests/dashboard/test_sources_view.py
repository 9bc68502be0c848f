"""The Sources page's logic as tables (documents, claimant/outlet comparison), and the page itself through AppTest."""

import datetime as dt
import math
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.sources_view import (COMPARISON_COLUMNS, DOCUMENT_COLUMNS, documents_table, outlet_comparison,
                                    shown_documents, title_of)
from incidents.model import Account, Document, Incident
from incidents.store import Store

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"


def account(who: str, killed: int | tuple[int | None, int | None] | None, *, outlet: str | None = None,
            doc: str = "d1", start: int = 0) -> Account:
    """An account crediting `who` with a killed figure (an int, or a (min, max) pair)."""
    lo, hi = killed if isinstance(killed, tuple) else (killed, killed)
    return Account(document_id=doc, file=f"{doc}.txt", article=0, quote="q", start=start, end=start + 1,
                   claimed_by=who, outlet=outlet, killed_min=lo, killed_max=hi)


def incident(n: int, *accounts: Account) -> Incident:
    return Incident(id=f"I{n}", accounts=accounts)


def rows(frame) -> list[tuple]:
    """The comparison's rows as tuples, the ratio rounded (NaN as None)."""
    out = []
    for r in frame.itertuples(index=False):
        ratio = None if math.isnan(r.median_ratio) else round(r.median_ratio, 3)
        out.append((r.first, r.second, r.shared, r.first_more, r.same, r.first_less, ratio))
    return out


COMPARISONS = [
    pytest.param([], [], id="no incidents"),
    pytest.param([incident(1, account("SANA", 30))], [], id="one source: no pair"),
    pytest.param([incident(1, account("SOHR", 54), account("SANA", (30, None)))],
                 [("SANA", "SOHR", 1, 0, 0, 1, 0.556)], id="pair named alphabetically, min stands for an open max"),
    pytest.param([incident(1, account("SANA", 30), account("SOHR", 54)),
                  incident(2, account("SANA", 10), account("SOHR", 10)),
                  incident(3, account("SANA", 20), account("SOHR", 5))],
                 [("SANA", "SOHR", 3, 1, 1, 1, 1.0)], id="more, same, less; median ratio"),
    pytest.param([incident(1, account("SANA", 30), account("SOHR", None))], [], id="a source without a figure"),
    pytest.param([incident(1, account("SANA", 30, start=0), account("SANA", 40, start=5), account("SOHR", 20))],
                 [("SANA", "SOHR", 1, 1, 0, 0, 2.0)], id="a source's largest figure on the incident counts"),
    pytest.param([incident(1, account("A", 0), account("B", 0)), incident(2, account("A", 3), account("B", 0))],
                 [("A", "B", 2, 1, 1, 0, 1.0)], id="0/0 is 1, n/0 has no ratio"),
    pytest.param([incident(1, account("A", 5), account("B", 0))], [("A", "B", 1, 1, 0, 0, None)],
                 id="no finite ratio: NaN"),
    pytest.param([incident(1, account("C", 3), account("A", 1), account("B", 2)),
                  incident(2, account("A", 1), account("B", 1))],
                 [("A", "B", 2, 0, 1, 1, 0.75), ("A", "C", 1, 0, 0, 1, 0.333), ("B", "C", 1, 0, 0, 1, 0.667)],
                 id="three sources: three pairs, most shared first"),
]


@pytest.mark.parametrize(("incidents", "expected"), COMPARISONS)
def test_claimant_comparison(incidents, expected):
    frame = outlet_comparison(incidents)
    assert list(frame.columns) == list(COMPARISON_COLUMNS)
    assert rows(frame) == expected


def test_comparison_by_outlet_groups_accounts_by_publisher():
    incidents = [incident(1, account("SANA", 30, outlet="SANA"), account("SOHR", 54, outlet="Press TV")),
                 incident(2, account("SANA", 8, outlet="SANA"), account("SOHR", 4, outlet=None))]
    assert rows(outlet_comparison(incidents, by="outlet")) == [
        ("Press TV", "SANA", 1, 1, 0, 0, 1.8), ("SANA", "unknown outlet", 1, 1, 0, 0, 2.0)]


@pytest.mark.parametrize("by", ["claimant", "", "OUTLET"])
def test_comparison_refuses_unknown_groupings(by):
    with pytest.raises(ValueError, match=repr(by)):
        outlet_comparison([], by=by)


def document(text: str, *, outlet=None, published=None, title=None, file="a.txt") -> Document:
    return Document(text=text, file=file, outlet=outlet, published=published, title=title)


def test_documents_table_counts_accounts_newest_first():
    old = document("old", outlet="SANA", published=dt.date(2017, 8, 1), title="Old")
    new = document("new", outlet="SOHR", published=dt.date(2018, 3, 2), file="b.txt")
    undated = document("undated", file="c.txt")
    accounts = [account("SANA", 1, doc=old.id), account("SANA", 2, doc=old.id, start=3), account("x", 1, doc=new.id)]
    frame = documents_table([undated, old, new], accounts)
    assert list(frame.columns) == list(DOCUMENT_COLUMNS)
    assert list(frame[["outlet", "title", "published", "accounts"]].itertuples(index=False, name=None)) == [
        ("SOHR", "untitled (file b.txt)", dt.date(2018, 3, 2), 1), ("SANA", "Old", dt.date(2017, 8, 1), 2),
        ("unknown outlet", "untitled (file c.txt)", None, 0)]
    shown = shown_documents(frame)
    assert list(shown.columns) == ["title", "outlet", "published", "accounts"]  # the file name only as a detail
    assert list(shown["published"]) == ["2018-03-02", "2017-08-01", "date unknown"]


@pytest.mark.parametrize(("title", "file", "article", "expected"), [
    ("Strike on Hajin", "a.txt", 0, "Strike on Hajin"),
    ("  Strike\r\non   Hajin ", "a.txt", 0, "Strike on Hajin"),
    (None, "a.txt", 0, "untitled (file a.txt)"),
    ("   ", "digest.txt", 2, "untitled (file digest.txt, article 3)"),
])
def test_a_document_is_called_by_its_title_else_by_its_file(title, file, article, expected):
    doc = Document(text="text", file=file, article=article, title=title)
    assert title_of(doc) == expected


def test_documents_table_of_nothing_is_empty_with_its_columns():
    frame = documents_table([], [])
    assert frame.empty and list(frame.columns) == list(DOCUMENT_COLUMNS)


# -- the page ------------------------------------------------------------------------------------------------------




def test_the_sources_page_lists_documents_and_compares_claimants(sample_store):
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("views/sources.py")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Sources"
    docs = next(d.value for d in at.dataframe if list(d.value.columns)[:2] == ["title", "outlet"])
    assert "file" not in docs.columns and not docs["title"].str.endswith(".txt").any()
    with Store(sample_store) as store:
        counts = store.counts()
    assert len(docs) == counts["documents"] and docs["accounts"].sum() == counts["accounts"]
    pairs = next(d.value for d in at.dataframe if d.value.columns[0] == "first")
    sana_sohr = pairs[(pairs["first"] == "SANA") & (pairs["second"] == "SOHR")]
    assert len(sana_sohr) == 1 and sana_sohr.iloc[0]["first_less"] >= 1  # SANA 30 vs SOHR 54 at Abu Kamal
    at.radio(key="sources_by").set_value("outlet").run()
    assert not at.exception
