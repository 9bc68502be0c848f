"""The SQLite store: round trips, idempotence, transactions that leave nothing half-done, corrections that stay."""

import sqlite3

import pandas as pd
import pytest

from incidents.errors import StoreError
from incidents.store import SCHEMA_VERSION, Store, account_from_json, account_to_json

from .factories import HAJIN, SUSAH, account, document


def _two_documents(store):
    """Two documents: a disputed incident (two claimants) and a lone one elsewhere."""
    one, two = document(), document(text="Other\n\nSeven were killed in al-Souseh.", file="b.txt", url="https://x.org")
    with store.transaction():
        store.add_document(one, [account(one.id, claimed_by="SANA", day="2018-11-17", killed=(30, None)),
                                 account(one.id, start=20, claimed_by="SOHR", day="2018-11-17", killed=(54, 54))])
        store.add_document(two, [account(two.id, places=(SUSAH,), killed=(7, 7), victims="civilians")])
        store.recluster()


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.sqlite") as s:
        yield s


def test_account_json_round_trip():
    a = account("d1", day="2018-11-17", details=("including 14 children",), victims="civilians")
    assert account_from_json(account_to_json(a)) == a


def test_wal_mode_and_schema_version(store):
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0] == str(SCHEMA_VERSION)


def test_documents_and_accounts_round_trip_and_cluster(store):
    doc = document()
    a = account(doc.id, day="2018-11-17")
    with store.transaction():
        store.add_document(doc, [a])
        store.recluster()
    assert store.has_document(doc.id)
    assert store.accounts() == [a]
    (inc,) = store.incidents()
    assert inc.accounts == (a,)
    assert store.counts() == {"documents": 1, "accounts": 1, "incidents": 1}


def test_a_failure_mid_transaction_leaves_the_store_as_it_was(store):
    doc = document()
    with store.transaction():
        store.add_document(doc, [account(doc.id, day="2018-11-17")])
        store.recluster()
    before = store.counts()
    other = document(text="Other\n\nSeven were killed in Raqqa.", file="b.txt")
    with pytest.raises(sqlite3.IntegrityError):
        with store.transaction():
            store.add_document(other, [account(other.id)])
            store.add_document(other, [])  # the same id again: fails half-way
    assert store.counts() == before
    assert not store.has_document(other.id)


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "new.sqlite"
    Store(path).close()
    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="schema version 99"):
        Store(path)


def test_unopenable_store_names_the_file(tmp_path):
    bad = tmp_path / "dir.sqlite"
    bad.mkdir()
    with pytest.raises(StoreError, match="dir.sqlite"):
        Store(bad)


def test_corrections_survive_reclustering(store):
    d1, d2 = document(file="a.txt"), document(text="Other\n\nSOHR said 54 died in Hajin.", file="b.txt")
    a, b = account(d1.id, day="2018-11-17"), account(d2.id, day="2018-12-20", claimed_by="SOHR")
    with store.transaction():
        store.add_document(d1, [a])
        store.add_document(d2, [b])
        store.recluster()
    assert len(store.incidents()) == 2
    store.add_correction("merge", a.id, other_account_id=b.id, note="same strike")
    assert len(store.incidents()) == 1
    with store.transaction():
        store.recluster()  # as after a later ingest
    assert len(store.incidents()) == 1


def test_place_correction_moves_the_mention(store):
    doc = document()
    a = account(doc.id, places=(HAJIN,))
    with store.transaction():
        store.add_document(doc, [a])
        store.recluster()
    store.correct_place(doc.id, HAJIN.start, place_id="p:susah", name="As Susah", lat=34.5337, lon=40.9582)
    (fixed,) = store.accounts()
    assert fixed.places[0].place_id == "p:susah" and fixed.places[0].text == "Hajin"
    assert fixed.id == a.id


def test_corrections_name_unknown_ids(store):
    with pytest.raises(LookupError, match="nope"):
        store.add_correction("merge", "nope", other_account_id="nope2")
    with pytest.raises(ValueError):
        store.add_correction("rename", "x", other_account_id="y")


# -- incident rows: the map's frame without decoding accounts ----------------------------------------------------


def test_incident_rows_give_the_same_frame_as_the_incidents(tmp_path):
    from incidents.selection import frame_of_rows, incidents_frame

    with Store(tmp_path / "s.sqlite") as s:
        _two_documents(s)
        stored = frame_of_rows(s.incident_rows())
        derived = incidents_frame(s.incidents())
    assert len(stored) == len(derived) > 0
    pd.testing.assert_frame_equal(stored.sort_values("id").reset_index(drop=True),
                                  derived.sort_values("id").reset_index(drop=True))


def test_one_incident_is_read_without_the_others(tmp_path):
    with Store(tmp_path / "s.sqlite") as s:
        _two_documents(s)
        every = s.incidents()
        first = every[0]
        assert s.incident(first.id) == first
        assert s.incident("no-such-id") is None
        assert [i.id for i in s.incidents_by_ids([every[-1].id, "nope", first.id])] == [every[-1].id, first.id]


def test_a_version_1_store_gets_its_incident_rows(tmp_path):
    path = tmp_path / "old.sqlite"
    with Store(path) as s:
        _two_documents(s)
        s.db.execute("DROP TABLE incident_rows")
        s.db.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
        count = len(s.incidents())
    with Store(path) as s:
        assert len(s.incident_rows()) == count
        assert s.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0] == "2"
