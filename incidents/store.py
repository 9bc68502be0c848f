"""The embedded store: one SQLite file (WAL), schema versioned, written in transactions.

Documents are keyed by the hash of their normalized text, so ingesting the same article twice stores it once.
Accounts hang off documents; incidents are derived from accounts (re-clustered inside the same transaction as each
ingest) and a person's corrections are kept in their own table, applied on every clustering, so they survive
re-ingestion.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import fields, replace
from pathlib import Path

from gazetteer import user_layer

from .cluster import cluster
from .errors import StoreError
from .learning import FROM_CORRECTION, observations
from .model import Account, Document, Incident, PlaceMention

SCHEMA_VERSION = 2
STORE_ENV = "ATLAS_STORE"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, article INTEGER NOT NULL, outlet TEXT, title TEXT, author TEXT,
    url TEXT, published TEXT, language TEXT, body_start INTEGER NOT NULL, text TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    id TEXT PRIMARY KEY, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    data TEXT NOT NULL, claimed_by TEXT NOT NULL, outlet TEXT, date_min TEXT, date_max TEXT,
    killed_min INTEGER, killed_max INTEGER, victims TEXT, lat REAL, lon REAL
);
CREATE INDEX IF NOT EXISTS accounts_document ON accounts(document_id);
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY, lat REAL, lon REAL, place TEXT, precision TEXT, date_min TEXT, date_max TEXT,
    killed_min INTEGER, killed_max INTEGER, sources INTEGER NOT NULL, disputed INTEGER NOT NULL,
    accounts INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_date ON incidents(date_min, date_max);
CREATE TABLE IF NOT EXISTS incident_accounts (
    account_id TEXT PRIMARY KEY, incident_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_accounts_incident ON incident_accounts(incident_id);
CREATE TABLE IF NOT EXISTS incident_rows (id TEXT PRIMARY KEY, row TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL CHECK (kind IN ('place', 'merge', 'split')),
    account_id TEXT NOT NULL, other_account_id TEXT,
    document_id TEXT, mention_start INTEGER, place_id TEXT, place_name TEXT, lat REAL, lon REAL, precision TEXT,
    note TEXT, created_at TEXT NOT NULL
);
"""


def default_store_path() -> Path:
    """$ATLAS_STORE, else ``incidents.sqlite`` in the per-user data folder."""
    if os.environ.get(STORE_ENV):
        return Path(os.environ[STORE_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("incident-atlas")) / "incidents.sqlite"


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


_ACCOUNT_FIELDS = tuple(f.name for f in fields(Account))
_MENTION_FIELDS = tuple(f.name for f in fields(PlaceMention))
_KNOWN = frozenset(_ACCOUNT_FIELDS)


def account_to_json(a: Account) -> str:
    """An account as JSON (dates ISO, places as objects)."""
    d = {k: getattr(a, k) for k in _ACCOUNT_FIELDS}  # not dataclasses.asdict: it deep-copies every value
    d["places"] = [{k: getattr(p, k) for k in _MENTION_FIELDS} for p in a.places]
    for k in ("published", "date_min", "date_max"):
        d[k] = _iso(d[k])
    return json.dumps(d, ensure_ascii=False)


def account_from_json(text: str) -> Account:
    """The inverse of account_to_json."""
    d = json.loads(text)
    for k in ("published", "date_min", "date_max"):
        d[k] = _date(d[k])
    d["places"] = tuple(PlaceMention(**{**p, "runners_up": tuple(p["runners_up"])}) for p in d["places"])
    d["details"] = tuple(d["details"])
    return Account(**{k: v for k, v in d.items() if k in _KNOWN})


class Store:
    """An incidents store in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path) if str(path) != ":memory:" else Path(":memory:")
        try:
            if str(path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except (sqlite3.Error, OSError) as e:
            raise StoreError(f"cannot open store {path}: {e}") from e

    def _migrate(self) -> None:
        row = None
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except sqlite3.OperationalError:
            pass
        if row and int(row[0]) > SCHEMA_VERSION:
            raise StoreError(f"store {self.path} has schema version {row[0]}; this program knows {SCHEMA_VERSION}")
        self.db.executescript(SCHEMA)
        if row and int(row[0]) < 2:  # version 1 kept no incident rows: derive them once from the incidents
            with self.transaction():
                self._write_rows(self.incidents())
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing: a failure inside leaves the store as it was."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # -- documents and accounts --------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this id is stored."""
        return self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def add_document(self, doc: Document, accounts: Sequence[Account]) -> None:
        """Insert a document and its accounts (call inside a transaction)."""
        self.db.execute(
            "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (doc.id, doc.file, doc.article, doc.outlet, doc.title, doc.author, doc.url, _iso(doc.published),
             doc.language, doc.body_start, doc.text, dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        self._insert_accounts(doc, accounts)

    def _insert_accounts(self, doc: Document, accounts: Sequence[Account]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO accounts VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(a.id, doc.id, account_to_json(a), a.claimed_by, a.outlet, _iso(a.date_min), _iso(a.date_max),
              a.killed_min, a.killed_max, a.victims, *(a.point or (None, None))) for a in accounts])

    _DOCUMENT_COLUMNS = "id, file, article, outlet, title, author, url, published, language, body_start, text"

    @staticmethod
    def _document(r: tuple) -> Document:
        return Document(id=r[0], file=r[1], article=r[2], outlet=r[3], title=r[4], author=r[5], url=r[6],
                        published=_date(r[7]), language=r[8], body_start=r[9], text=r[10])

    def documents(self) -> list[Document]:
        """Every stored document."""
        rows = self.db.execute(f"SELECT {self._DOCUMENT_COLUMNS} FROM documents ORDER BY file, article")
        return [self._document(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        """One document by id."""
        row = self.db.execute(f"SELECT {self._DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._document(row) if row else None

    def urls(self) -> dict[str, str]:
        """Each document's URL, by document id (documents without one left out)."""
        return dict(self.db.execute("SELECT id, url FROM documents WHERE url IS NOT NULL AND url != ''"))

    def _place_fixes(self) -> dict:
        """A person's place corrections: (document id, mention start) -> the place."""
        return {(d, s): (pid, name, lat, lon, prec) for d, s, pid, name, lat, lon, prec in self.db.execute(
            "SELECT document_id, mention_start, place_id, place_name, lat, lon, precision FROM corrections "
            "WHERE kind = 'place' ORDER BY id")}

    def stored_accounts(self) -> list[Account]:
        """Every stored account as extracted (no correction applied)."""
        return [account_from_json(r[0]) for r in self.db.execute("SELECT data FROM accounts ORDER BY id")]

    def replace_accounts(self, doc: Document, accounts: Sequence[Account]) -> None:
        """Replace a stored document's accounts (call inside a transaction)."""
        self.db.execute("DELETE FROM accounts WHERE document_id = ?", (doc.id,))
        self._insert_accounts(doc, accounts)

    def meta(self, key: str) -> str | None:
        """A value of the store's meta table."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the store's meta table."""
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def accounts(self) -> list[Account]:
        """Every stored account, a person's place corrections applied."""
        fixes = self._place_fixes()
        accounts = [account_from_json(r[0]) for r in self.db.execute("SELECT data FROM accounts ORDER BY id")]
        return [_corrected(a, fixes) for a in accounts] if fixes else accounts

    # -- incidents --------------------------------------------------------------------------------------------

    def recluster(self) -> list[Incident]:
        """Derive incidents from all accounts and the corrections, and store them (inside a transaction)."""
        merges, splits = self.links()
        accounts = self.accounts()
        incidents = cluster(accounts, merges=merges, splits=splits)
        user_layer.write(self.db, user_layer.learn(observations(accounts)))
        self.db.execute("DELETE FROM incidents")
        self.db.execute("DELETE FROM incident_accounts")
        self.db.executemany("INSERT INTO incidents VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", [
            (i.id, *(i.point or (None, None)), i.place, i.precision, _iso(i.date_min), _iso(i.date_max),
             i.killed_min, i.killed_max, i.sources, int(i.disputed), len(i.accounts)) for i in incidents])
        self.db.executemany("INSERT INTO incident_accounts VALUES (?, ?)",
                            [(a.id, i.id) for i in incidents for a in i.accounts])
        self._write_rows(incidents)
        return incidents

    def _write_rows(self, incidents: Sequence[Incident]) -> None:
        """Store each incident's row of the incidents frame, so a map can be drawn without decoding accounts."""
        from .selection import incident_row

        self.db.execute("DELETE FROM incident_rows")
        self.db.executemany("INSERT INTO incident_rows VALUES (?, ?)",
                            [(i.id, json.dumps(incident_row(i), ensure_ascii=False, default=_iso)) for i in incidents])

    def incident_rows(self) -> list[dict]:
        """Every incident's row of the incidents frame (see incidents.selection.incidents_frame), as last clustered."""
        from .selection import row_from_json

        collecting = gc.isenabled()
        gc.disable()  # millions of small objects, none cyclic: the collector's passes cost a quarter of the load
        try:
            return [row_from_json(r) for (r,) in self.db.execute("SELECT row FROM incident_rows ORDER BY id")]
        finally:
            if collecting:
                gc.enable()

    def incident(self, incident_id: str) -> Incident | None:
        """One incident with its accounts (a person's place corrections applied), or None."""
        found = self.incidents_by_ids([incident_id])
        return found[0] if found else None

    def incidents_by_ids(self, ids: Sequence[str]) -> list[Incident]:
        """The incidents with these ids (those that exist), in the order given, with their accounts."""
        fixes = self._place_fixes()
        groups: dict[str, list[Account]] = {}
        for start in range(0, len(ids), 500):
            chunk = list(ids[start:start + 500])
            marks = ",".join("?" * len(chunk))
            for inc_id, data in self.db.execute(
                    f"SELECT ia.incident_id, a.data FROM incident_accounts ia JOIN accounts a ON a.id = ia.account_id "
                    f"WHERE ia.incident_id IN ({marks})", chunk):
                a = account_from_json(data)
                groups.setdefault(inc_id, []).append(_corrected(a, fixes) if fixes else a)
        return [Incident(id=i, accounts=tuple(sorted(groups[i], key=lambda a: a.order))) for i in ids if i in groups]

    def incidents(self) -> list[Incident]:
        """Every incident with its accounts, as last clustered."""
        by_id = {a.id: a for a in self.accounts()}
        groups: dict[str, list[Account]] = {}
        for acc_id, inc_id in self.db.execute("SELECT account_id, incident_id FROM incident_accounts"):
            if acc_id in by_id:
                groups.setdefault(inc_id, []).append(by_id[acc_id])
        return sorted((Incident(id=k, accounts=tuple(sorted(v, key=lambda a: a.order)))
                       for k, v in groups.items()), key=lambda i: i.id)

    def counts(self) -> dict[str, int]:
        """How many documents, accounts and incidents are stored."""
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "accounts", "incidents")}

    # -- corrections ------------------------------------------------------------------------------------------

    def add_correction(self, kind: str, account_id: str, *, other_account_id: str | None = None,
                       note: str | None = None) -> None:
        """Record a person's correction ("merge"/"split" two accounts' incidents) and re-cluster."""
        if kind not in ("merge", "split"):
            raise ValueError(f"correction kind must be 'merge' or 'split', got {kind!r}")
        known = {r[0] for r in self.db.execute("SELECT id FROM accounts WHERE id IN (?, ?)",
                                                (account_id, other_account_id))}
        missing = [x for x in (account_id, other_account_id) if x not in known]
        if missing:
            raise LookupError(f"no account with id {missing[0]!r} in {self.path}")
        with self.transaction():
            self.db.execute("INSERT INTO corrections (kind, account_id, other_account_id, note, created_at) "
                            "VALUES (?,?,?,?,?)", (kind, account_id, other_account_id, note,
                                                   dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            self.recluster()

    def correct_place(self, document_id: str, mention_start: int, *, place_id: str, name: str, lat: float,
                      lon: float, precision: str = "exact", note: str | None = None) -> None:
        """Record that the mention starting at `mention_start` in a document is this place, and re-cluster."""
        mention = PlaceMention("", 0, 0, name=name, place_id=place_id, lat=lat, lon=lon, precision=precision)
        if self.document(document_id) is None:
            raise LookupError(f"no document with id {document_id!r} in {self.path}")
        with self.transaction():
            self.db.execute(
                "INSERT INTO corrections (kind, account_id, document_id, mention_start, place_id, place_name, lat, "
                "lon, precision, note, created_at) VALUES ('place',?,?,?,?,?,?,?,?,?,?)",
                ("", document_id, mention_start, place_id, mention.name, mention.lat, mention.lon, precision, note,
                 dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
            self.recluster()

    def user_layer(self) -> list:
        """The places this store's imports and corrections taught (`gazetteer.user_layer`), for
        `Gazetteer.with_user_layer`."""
        return user_layer.read(self.path) if str(self.path) != ":memory:" else user_layer.learn(
            observations(self.accounts()))

    def link_corrections(self) -> list[tuple[int, str, str, str | None]]:
        """(id, kind, account id, other account id) of every merge and split."""
        return list(self.db.execute("SELECT id, kind, account_id, other_account_id FROM corrections "
                                    "WHERE kind IN ('merge', 'split') ORDER BY id"))

    def move_corrections(self, moved: dict[str, str]) -> int:
        """Point merge/split corrections at the accounts old ids became (inside a transaction); how many moved."""
        n = 0
        for cid, _, a, b in self.link_corrections():
            if a in moved or b in moved:
                self.db.execute("UPDATE corrections SET account_id = ?, other_account_id = ? WHERE id = ?",
                                (moved.get(a, a), moved.get(b, b) if b else b, cid))
                n += 1
        return n

    def links(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The merges and splits a person recorded, as pairs of account ids."""
        rows = self.db.execute("SELECT kind, account_id, other_account_id FROM corrections "
                               "WHERE kind IN ('merge', 'split') ORDER BY id").fetchall()
        return ([(a, b) for k, a, b in rows if k == "merge"], [(a, b) for k, a, b in rows if k == "split"])


def _corrected(a: Account, fixes: dict) -> Account:
    """An account with a person's place corrections applied to its mentions."""
    places = []
    for m in a.places:
        fix = fixes.get((a.document_id, m.start))
        if fix:
            pid, name, lat, lon, prec = fix
            m = replace(m, place_id=pid, name=name, lat=lat, lon=lon, precision=prec, confidence=1.0, runners_up=(),
                        why=FROM_CORRECTION)
        places.append(m)
    return replace(a, places=tuple(places)) if places != list(a.places) else a
