"""The store on both backends: round trips, idempotence, transactions that leave nothing half-done, corrections that
stay, the map's columns, schema versions."""

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from incidents.errors import StoreError
from incidents.selection import FrameColumns, claims_of, frame_of_rows, incidents_frame
from incidents.sql import is_url, target_of
from incidents.store import SCHEMA_VERSION, Store, account_from_json, account_to_json, default_store_path

from .factories import HAJIN, SUSAH, account, document
from .store_backends import postgres_database, store, target  # noqa: F401 (fixtures)


def _two_documents(store):
    """Two documents: a disputed incident (two claimants) and a lone one elsewhere."""
    one, two = document(), document(text="Other\n\nSeven were killed in al-Souseh.", file="b.txt", url="https://x.org")
    with store.transaction():
        store.add_document(one, [account(one.id, claimed_by="SANA", day="2018-11-17", killed=(30, None)),
                                 account(one.id, start=20, claimed_by="SOHR", day="2018-11-17", killed=(54, 54))])
        store.add_document(two, [account(two.id, places=(SUSAH,), killed=(7, 7), victims="civilians")])
        store.recluster()


def test_account_json_round_trip():
    a = account("d1", day="2018-11-17", details=("including 14 children",), victims="civilians")
    assert account_from_json(account_to_json(a)) == a
    assert len(account_to_json(a)) < len(json.dumps({"quote": a.quote, "places": [vars(HAJIN)]})) + 300  # compact


def test_account_json_of_schema_version_2_is_read():
    a = account("d1", day="2018-11-17")
    full = {k: getattr(a, k) for k in ("document_id", "file", "article", "quote", "start", "end", "claimed_by",
                                        "outlet", "title", "killed_min", "killed_max", "victims", "id")}
    full |= {"published": None, "date_min": "2018-11-17", "date_max": "2018-11-17", "details": [], "weapon": None,
             "places": [{**{k: getattr(HAJIN, k) for k in ("text", "start", "end", "name", "place_id", "lat", "lon",
                                                           "precision", "confidence", "admin1", "phrase", "why")},
                         "runners_up": []}], "claim_start": 0, "date_precision": "unknown", "confidence": 0.5}
    assert account_from_json(json.dumps(full)) == a


def test_schema_version_and_backend(store):
    assert store.meta("schema_version") == str(SCHEMA_VERSION)
    if store.backend == "sqlite":
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_documents_and_accounts_round_trip_and_cluster(store):
    doc = document()
    a = account(doc.id, day="2018-11-17")
    with store.transaction():
        assert store.add_document(doc, [a])
        assert not store.add_document(doc, [a])  # the same text again: stored once
        store.recluster()
    assert store.has_document(doc.id)
    assert store.accounts() == [a] and store.stored_accounts() == [a]
    assert store.document(doc.id) == doc and store.documents() == [doc]
    (inc,) = store.incidents()
    assert inc.accounts == (a,)
    assert store.counts() == {"documents": 1, "accounts": 1, "incidents": 1}


def test_a_failure_mid_transaction_leaves_the_store_as_it_was(store):
    doc = document()
    with store.transaction():
        store.add_document(doc, [account(doc.id, day="2018-11-17")])
        store.recluster()
    before, generation = store.counts(), store.generation()
    other = document(text="Other\n\nSeven were killed in Raqqa.", file="b.txt")
    with pytest.raises(RuntimeError, match="half-way"):
        with store.transaction():
            store.add_document(other, [account(other.id, day="2018-11-17")])
            store.recluster()
            raise RuntimeError("failed half-way")
    assert store.counts() == before and store.generation() == generation
    assert not store.has_document(other.id)


def test_every_committed_write_moves_the_generation(store):
    start = store.generation()
    _two_documents(store)
    assert store.generation() == start + 1
    with store.transaction():
        pass  # nothing written
    assert store.generation() == start + 1


def test_a_newer_schema_is_refused(target):
    Store(target).close()
    with Store(target) as s:
        s.set_meta("schema_version", "99")
    with pytest.raises(StoreError, match="schema version 99"):
        Store(target)


def test_unopenable_store_names_the_file(tmp_path):
    bad = tmp_path / "dir.sqlite"
    bad.mkdir()
    with pytest.raises(StoreError, match="dir.sqlite"):
        Store(bad)


def test_unreachable_server_is_named_without_its_password():
    with pytest.raises(StoreError, match=r"cannot open store postgresql://atlas:\*\*\*@") as e:
        Store("postgresql://atlas:secret@/nowhere?host=/nonexistent-socket-folder&connect_timeout=1")
    assert "secret" not in str(e.value)


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
    store.recluster_all()
    assert len(store.incidents()) == 1
    store.add_correction("split", a.id, other_account_id=b.id)  # the later split wins over nothing: merges win
    assert len(store.incidents()) == 1


def test_a_split_keeps_apart_what_would_join(store):
    d1, d2 = document(file="a.txt"), document(text="Other\n\nSOHR said 54 died in Hajin.", file="b.txt")
    a, b = account(d1.id, day="2018-11-17"), account(d2.id, day="2018-11-17", claimed_by="SOHR")
    with store.transaction():
        store.add_document(d1, [a])
        store.add_document(d2, [b])
        store.recluster()
    assert len(store.incidents()) == 1
    store.add_correction("split", a.id, other_account_id=b.id)
    assert sorted(len(i.accounts) for i in store.incidents()) == [1, 1]
    d3 = document(text="Third\n\nSANA said 30 died in Hajin.", file="c.txt")
    with store.transaction():
        store.add_document(d3, [account(d3.id, day="2018-11-17", claimed_by="AFP")])
        store.recluster()
    assert sorted(len(i.accounts) for i in store.incidents()) == [1, 2]  # joins one side, never both


def test_place_correction_moves_the_mention(store):
    doc = document()
    a = account(doc.id, places=(HAJIN,), day="2018-11-17")
    other = document(text="Other\n\nSeven were killed in al-Souseh.", file="b.txt")
    b = account(other.id, places=(SUSAH,), day="2018-11-17", claimed_by="SOHR")
    with store.transaction():
        store.add_document(doc, [a])
        store.add_document(other, [b])
        store.recluster()
    assert len(store.incidents()) == 2
    store.correct_place(doc.id, HAJIN.start, place_id="p:susah", name="As Susah", lat=34.5337, lon=40.9582)
    fixed = next(x for x in store.accounts() if x.id == a.id)
    assert fixed.places[0].place_id == "p:susah" and fixed.places[0].text == "Hajin"
    assert store.stored_accounts()[0].places[0].place_id in ("p:hajin", "p:susah")
    assert len(store.incidents()) == 1  # now at the same place, the same day
    (row,) = store.incident_rows()
    assert row["place"] == "As Susah" and "Hajin" in row["names"]


def test_corrections_name_unknown_ids(store):
    with pytest.raises(LookupError, match="nope"):
        store.add_correction("merge", "nope", other_account_id="nope2")
    with pytest.raises(ValueError):
        store.add_correction("rename", "x", other_account_id="y")
    with pytest.raises(LookupError, match="no document"):
        store.correct_place("nope", 0, place_id="p", name="P", lat=35.0, lon=40.0)


def test_replaced_accounts_leave_no_trace_of_the_old_ones(store):
    doc = document()
    with store.transaction():
        store.add_document(doc, [account(doc.id, day="2018-11-17"), account(doc.id, start=40, day="2018-11-17",
                                                                             claimed_by="SOHR")])
        store.recluster()
    new = account(doc.id, start=5, day="2018-11-18", killed=(3, 3))
    with store.transaction():
        store.replace_accounts(doc, [new])
        store.recluster()
    (inc,) = store.incidents()
    assert inc.accounts == (new,) and store.counts()["accounts"] == 1


def test_recluster_returns_the_incidents_without_reading_them_for_a_count(store):
    _two_documents(store)
    with store.transaction():
        found = store.recluster()
        assert len(found) == 2
        assert sorted(i.id for i in found) == [i.id for i in store.incidents()]


# -- the map's columns ----------------------------------------------------------------------------------------


def test_incident_rows_give_the_same_frame_as_the_incidents(store):
    _two_documents(store)
    stored = frame_of_rows(store.incident_rows())
    derived = incidents_frame(store.incidents())
    assert len(stored) == len(derived) > 0
    pd.testing.assert_frame_equal(stored.sort_values("id").reset_index(drop=True),
                                  derived.sort_values("id").reset_index(drop=True))


def test_incident_rows_are_columns_with_rows_on_demand(store):
    _two_documents(store)
    rows = store.incident_rows()
    assert isinstance(rows, FrameColumns) and len(rows) == 2
    assert [r["id"] for r in rows] == sorted(r["id"] for r in rows)
    disputed = next(r for r in rows if r["disputed"])
    assert claims_of(disputed["claims"]) == (
        ("SANA", "at least 30 killed", "unknown outlet", "date of publication unknown"),
        ("SOHR", "54 killed", "unknown outlet", "date of publication unknown"))


def test_the_map_fields_are_columns_of_the_incidents_table(store):
    _two_documents(store)
    columns = set(store.db.columns("incidents"))
    assert {"lat", "lon", "place", "precision", "date_min", "date_max", "killed_min", "killed_max", "sources",
            "disputed", "outlets", "claimants", "victims"} <= columns
    assert not {"row", "claims"} & columns  # no JSON row, no display strings: a claim's figures as numbers
    assert "killed" not in "".join(r[0] for r in store.db.rows("SELECT claim_figures FROM incidents"))


def test_one_incident_is_read_without_the_others(store):
    _two_documents(store)
    every = store.incidents()
    first = every[0]
    assert store.incident(first.id) == first
    assert store.incident("no-such-id") is None
    assert [i.id for i in store.incidents_by_ids([every[-1].id, "nope", first.id])] == [every[-1].id, first.id]


# -- PostgreSQL/PostGIS -------------------------------------------------------------------------------------------


def test_postgis_geometry_columns_have_spatial_indexes(store):
    if store.backend != "postgresql":
        pytest.skip("PostGIS only")
    _two_documents(store)
    indexes = dict(store.db.rows("SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN ('accounts', "
                                 "'incidents') AND schemaname = current_schema()"))
    assert "gist" in indexes["incidents_geom"].lower() and "gist_geometry_ops_nd" in indexes["accounts_box"]
    assert "gist_geometry_ops_nd" in indexes["accounts_undated_box"]
    assert store.db.value("SELECT count(*) FROM incidents WHERE ST_Y(geom) = lat AND ST_X(geom) = lon") == 2
    assert store.db.value("SELECT ST_SRID(geom) FROM incidents WHERE geom IS NOT NULL LIMIT 1") == 4326


# -- schema versions and targets ----------------------------------------------------------------------------------

VERSION_2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (id TEXT PRIMARY KEY, file TEXT NOT NULL, article INTEGER NOT NULL, outlet TEXT, title TEXT,
    author TEXT, url TEXT, published TEXT, language TEXT, body_start INTEGER NOT NULL, text TEXT NOT NULL,
    ingested_at TEXT NOT NULL);
CREATE TABLE accounts (id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    data TEXT NOT NULL, claimed_by TEXT NOT NULL, outlet TEXT, date_min TEXT, date_max TEXT, killed_min INTEGER,
    killed_max INTEGER, victims TEXT, lat REAL, lon REAL);
CREATE INDEX accounts_document ON accounts(document_id);
CREATE TABLE incidents (id TEXT PRIMARY KEY, lat REAL, lon REAL, place TEXT, precision TEXT, date_min TEXT,
    date_max TEXT, killed_min INTEGER, killed_max INTEGER, sources INTEGER NOT NULL, disputed INTEGER NOT NULL,
    accounts INTEGER NOT NULL);
CREATE INDEX incidents_date ON incidents(date_min, date_max);
CREATE TABLE incident_accounts (account_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL);
CREATE TABLE incident_rows (id TEXT PRIMARY KEY, row TEXT NOT NULL);
CREATE TABLE corrections (id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, account_id TEXT NOT NULL,
    other_account_id TEXT, document_id TEXT, mention_start INTEGER, place_id TEXT, place_name TEXT, lat REAL,
    lon REAL, precision TEXT, note TEXT, created_at TEXT NOT NULL);
"""


@pytest.mark.parametrize("version", ["1", "2"])
def test_an_older_store_gets_columns_and_its_incidents(tmp_path, version):
    path = tmp_path / "old.sqlite"
    one, two = document(), document(text="Other\n\nSOHR said 54 died in Hajin.", file="b.txt")
    a, b = account(one.id, day="2018-11-17"), account(two.id, day="2018-11-17", claimed_by="SOHR")
    c = account(two.id, start=300, places=(SUSAH,), day="2018-11-17", claimed_by="SOHR")
    db = sqlite3.connect(path)
    db.executescript(VERSION_2)
    db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (version,))
    for doc in (one, two):
        db.execute("INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", (
            doc.id, doc.file, 0, None, None, None, None, None, "en", 0, doc.text, "2024-01-01T00:00:00+00:00"))
    for x in (a, b, c):
        db.execute("INSERT INTO accounts (id, document_id, data, claimed_by) VALUES (?,?,?,?)",
                   (x.id, x.document_id, account_to_json(x), x.claimed_by))
    db.execute("INSERT INTO corrections (kind, account_id, other_account_id, created_at) VALUES "
               "('split', ?, ?, '2024-01-01')", (a.id, b.id))
    db.commit()
    db.close()
    with Store(path) as s:
        assert s.meta("schema_version") == str(SCHEMA_VERSION)
        assert sorted(len(i.accounts) for i in s.incidents()) == [1, 1, 1]  # the split honoured
        assert len(s.incident_rows()) == 3 and not {"incident_rows", "accounts_old"} & s.db.tables()


#: Version 4's index of undated accounts: their points only, whatever their articles' publication days.
VERSION_4_UNDATED_INDEX = {"sqlite": """
DROP TRIGGER account_boxes_insert;
DROP TRIGGER account_boxes_update;
DROP TABLE undated_boxes;
CREATE VIRTUAL TABLE undated_boxes USING rtree(seq, lat0, lat1, lon0, lon1);
CREATE TRIGGER account_boxes_insert AFTER INSERT ON accounts BEGIN
  INSERT INTO account_boxes SELECT new.seq, new.lat, new.lat, new.lon, new.lon, julianday(new.date_min) - 2440587.5,
    julianday(new.date_max) - 2440587.5 WHERE new.lat IS NOT NULL AND new.date_min IS NOT NULL
    AND new.date_max IS NOT NULL;
  INSERT INTO undated_boxes SELECT new.seq, new.lat, new.lat, new.lon, new.lon WHERE new.lat IS NOT NULL
    AND NOT (new.date_min IS NOT NULL AND new.date_max IS NOT NULL);
END;
CREATE TRIGGER account_boxes_update AFTER UPDATE OF lat, lon, date_min, date_max ON accounts BEGIN
  DELETE FROM account_boxes WHERE seq = old.seq;
  DELETE FROM undated_boxes WHERE seq = old.seq;
  INSERT INTO account_boxes SELECT new.seq, new.lat, new.lat, new.lon, new.lon, julianday(new.date_min) - 2440587.5,
    julianday(new.date_max) - 2440587.5 WHERE new.lat IS NOT NULL AND new.date_min IS NOT NULL
    AND new.date_max IS NOT NULL;
  INSERT INTO undated_boxes SELECT new.seq, new.lat, new.lat, new.lon, new.lon WHERE new.lat IS NOT NULL
    AND NOT (new.date_min IS NOT NULL AND new.date_max IS NOT NULL);
END;
INSERT INTO undated_boxes SELECT seq, lat, lat, lon, lon FROM accounts WHERE lat IS NOT NULL
  AND NOT (date_min IS NOT NULL AND date_max IS NOT NULL);
UPDATE meta SET value = '4' WHERE key = 'schema_version'""", "postgresql": """
DROP INDEX accounts_undated_box;
ALTER TABLE accounts DROP COLUMN undated_box;
ALTER TABLE accounts ADD COLUMN spot geometry(Point, 4326) GENERATED ALWAYS AS (CASE WHEN lat IS NOT NULL
  AND NOT (date_min IS NOT NULL AND date_max IS NOT NULL) THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED;
CREATE INDEX accounts_spot ON accounts USING GIST (spot);
UPDATE meta SET value = '4' WHERE key = 'schema_version'"""}
ALIKE = ("Twenty civilians were killed in airstrikes on the town of Hajin",
         "twenty civilians were killed in airstrikes on the town of Hajin, SANA said")


def _undated_article(n, published):
    doc = document(text=f"Report {n}\n\n{ALIKE[n % 2]}.", file=f"u{n}.txt", published=published)
    return doc, [account(doc.id, quote=ALIKE[n % 2], published=published, claimed_by=f"u{n}")]


def test_a_version_4_store_keeps_undated_accounts_by_publication_day(target, monkeypatch):
    """Version 4 compared undated accounts of articles published any time apart: opened now, its index of undated
    accounts is rebuilt with their publication days and its incidents are derived again by the rule of today."""
    import incidents.cluster
    import incidents.store

    for module in (incidents.cluster, incidents.store):  # version 4's rule: no bound on the publication days
        monkeypatch.setattr(module, "UNDATED_PUBLISHED_DAYS", 10**6)
    with Store(target) as s:
        with s.transaction():
            for n, day in enumerate([dt.date(2018, 1, 1), dt.date(2018, 6, 1)]):
                s.add_document(*_undated_article(n, day))
            s.recluster()
        assert len(s.incidents()) == 1
        with s.transaction():
            s.db.script(VERSION_4_UNDATED_INDEX[s.backend])
    monkeypatch.undo()
    with Store(target) as s:
        assert s.meta("schema_version") == str(SCHEMA_VERSION)
        if s.backend == "sqlite":
            assert s.db.columns("undated_boxes")[-2:] == ["day0", "day1"]
            assert s.db.value("SELECT count(*) FROM undated_boxes") == 2
        else:
            assert "spot" not in s.db.columns("accounts") and "undated_box" in s.db.columns("accounts")
        assert sorted(sorted(a.claimed_by for a in i.accounts) for i in s.incidents()) == [["u0"], ["u1"]]
        with s.transaction():
            s.add_document(*_undated_article(2, dt.date(2018, 6, 20)))  # found through the rebuilt index
            s.recluster()
        assert sorted(sorted(a.claimed_by for a in i.accounts) for i in s.incidents()) == [["u0"], ["u1", "u2"]]
    with Store(target) as s:  # opened again: nothing to migrate
        assert len(s.incidents()) == 2


@pytest.mark.parametrize(("given", "expected", "url"), [
    ("postgresql://atlas@db.example.org/atlas", "postgresql://atlas@db.example.org/atlas", True),
    ("postgres://atlas@db/atlas", "postgres://atlas@db/atlas", True),
    (Path("postgresql://atlas@db/atlas"), "postgresql://atlas@db/atlas", True),  # a Path folds '//'
    ("incidents.sqlite", "incidents.sqlite", False),
    ("/data/postgresql/store.sqlite", "/data/postgresql/store.sqlite", False),
    (":memory:", ":memory:", False),
])
def test_targets(given, expected, url):
    assert target_of(given) == expected and is_url(given) == url


def test_the_environment_names_the_store(monkeypatch, tmp_path):
    monkeypatch.setenv("ATLAS_STORE", "postgresql://atlas@db/atlas")
    assert default_store_path() == "postgresql://atlas@db/atlas"
    monkeypatch.setenv("ATLAS_STORE", str(tmp_path / "x.sqlite"))
    assert default_store_path() == tmp_path / "x.sqlite"


def test_the_recluster_command(tmp_path, capsys):
    from incidents.store import main

    path = tmp_path / "s.sqlite"
    with Store(path) as s:
        _two_documents(s)
    assert main(["recluster", "--store", str(path)]) == 0
    assert capsys.readouterr().out.startswith("2 incidents from 3 accounts; store: ")
    assert main(["recluster", "--store", str(tmp_path / "missing.sqlite")]) == 2
    assert "no store at" in capsys.readouterr().err
