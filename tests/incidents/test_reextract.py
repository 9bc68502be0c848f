"""Re-extraction: stored articles read again by the current extractor, corrections carried over, changes reported."""

import dataclasses
import io
from pathlib import Path

import pytest

from incidents.cli import main
from incidents.extraction import extract_accounts
from incidents.importers import import_file
from incidents.ingest import ingest
from incidents.reextract import VERSION_KEY, extractor_version, reextract
from incidents.store import Store

SAMPLE = Path(__file__).resolve().parents[2] / "incidents" / "sample"
ACLED = Path(__file__).parent / "data" / "acled_syria.csv"


@pytest.fixture
def store(tmp_path, gazetteer):
    with Store(tmp_path / "s.sqlite") as s:
        ingest([SAMPLE], s, gazetteer)
        yield s


def two_accounts(store):
    """Two article accounts of different documents (the correction's subjects)."""
    accounts = sorted(store.stored_accounts(), key=lambda a: (a.file, a.start))
    a = accounts[0]
    b = next(x for x in accounts if x.document_id != a.document_id)
    return a, b


def test_the_store_records_which_extractor_read_it(store):
    assert store.meta(VERSION_KEY) == extractor_version()


def test_the_same_extractor_changes_nothing(store, gazetteer):
    before = {a.id for a in store.stored_accounts()}
    report = reextract(store, lambda d: extract_accounts(gazetteer, d))
    assert {a.id for a in store.stored_accounts()} == before
    assert report.changes == () and report.before == report.after == len(before) and report.stale == ()


def test_a_merge_follows_an_account_whose_figure_is_read_anew(store, gazetteer):
    a, b = two_accounts(store)
    store.add_correction("merge", a.id, other_account_id=b.id)

    def reads_a_differently(doc):
        out = extract_accounts(gazetteer, doc)
        return [dataclasses.replace(x, killed_min=(x.killed_min or 0) + 1, killed_max=None, id="")
                if (x.document_id, x.start) == (a.document_id, a.start) else x for x in out]

    report = reextract(store, reads_a_differently)
    new_a = next(x for x in store.stored_accounts() if (x.document_id, x.start, x.end) == (a.document_id, a.start,
                                                                                             a.end))
    assert new_a.id != a.id and report.carried == 1 and report.stale == ()
    (_, kind, x, y), = store.link_corrections()
    assert (kind, x, y) == ("merge", new_a.id, b.id)
    assert any(c.added and c.removed for c in report.changes)
    incident = next(i for i in store.incidents() if new_a.id in {acc.id for acc in i.accounts})
    assert b.id in {acc.id for acc in incident.accounts}  # still merged


def test_a_correction_whose_account_is_no_longer_read_is_listed_not_dropped(store, gazetteer):
    a, b = two_accounts(store)
    store.add_correction("split", a.id, other_account_id=b.id)
    report = reextract(store, lambda d: [x for x in extract_accounts(gazetteer, d) if x.start != a.start
                                         or x.document_id != a.document_id])
    assert len(report.stale) == 1 and "no longer read" in report.stale[0] and a.file in report.stale[0]
    assert len(store.link_corrections()) == 1  # kept


def test_a_place_correction_survives_reextraction(store, gazetteer):
    a = next(x for x in store.stored_accounts() if x.places)
    m = a.places[0]
    store.correct_place(a.document_id, m.start, place_id="user:x", name="Somewhere", lat=35.0, lon=40.0)
    reextract(store, lambda d: extract_accounts(gazetteer, d))
    fixed = next(x for x in store.accounts() if x.id == a.id)
    assert (fixed.places[0].name, fixed.places[0].lat, fixed.places[0].lon) == ("Somewhere", 35.0, 40.0)


def test_imported_rows_are_not_read_again(tmp_path, gazetteer):
    with Store(tmp_path / "s.sqlite") as s:
        import_file(ACLED, "acled", s, gazetteer)
        rows = {a.id for a in s.stored_accounts()}
        report = reextract(s, lambda d: pytest.fail(f"an imported row was re-read: {d.file}"))
        assert report.documents == 0 and {a.id for a in s.stored_accounts()} == rows


def test_cli_reextract_reports(tmp_path, gazetteer):
    path = tmp_path / "s.sqlite"
    with Store(path) as s:
        ingest([SAMPLE], s, gazetteer)

    out = io.StringIO()
    assert main(["reextract", "--store", str(path)], out=out) == 0
    text = out.getvalue()
    assert "documents re-read:" in text and "corrections: 0 carried over, 0 no longer apply" in text
