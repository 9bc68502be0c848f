"""The store: one SQLite file (WAL, the embedded default) or a PostgreSQL/PostGIS database shared by a team.

    with Store("incidents.sqlite") as store, store.transaction():   # or Store("postgresql://atlas@host/atlas")
        store.add_document(doc, accounts)
        store.recluster()          # only the new accounts and the incidents they touch

Documents are keyed by the hash of their normalized text, so ingesting the same article twice stores it once.
Accounts hang off documents: each keeps what it claims as columns (figures, window, point, claimant, outlet, the
places it names), and the account itself as JSON. Incidents are derived from accounts and kept as columns too (the
map's fields: point, place, precision, dates, figures, sources, disputed, outlets, claimants, victims), so a map is
read without decoding anything; display strings (a claim's figures in words) are made when shown.

Clustering is incremental: a new account has no incident yet; `recluster` asks the spatial and temporal index for
clustered accounts near each new one (an R-tree in SQLite, a GiST index over a PostGIS geometry in PostgreSQL),
joins them (`incidents.cluster`) and rewrites only the incidents they touch. A person's corrections are kept in their
own table and applied on every clustering, so they survive re-ingestion: recording one unsettles only the incidents
it concerns. `recluster_all` derives every incident again (``python -m incidents.store recluster``) and gives the
very incidents the incremental path gives.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import sys
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import MISSING, fields, replace
from functools import lru_cache
from pathlib import Path

from gazetteer import Place, fold
from gazetteer import user_layer as layer

from .cluster import (
    JOIN_KM,
    UNDATED_KM,
    UNDATED_PUBLISHED_DAYS,
    Node,
    UnionFind,
    coarse,
    degrees_around,
    edges,
    edges_between,
    id_of,
    index_pairs,
    joins,
    partition,
)
from .errors import StoreError
from .learning import FROM_CORRECTION, observations
from .model import PRECISIONS, Account, Document, Incident, PlaceMention
from .sql import NO_END, NO_START, Database, connect, is_url, target_of

SCHEMA_VERSION = 5
STORE_ENV = "ATLAS_STORE"
#: Accounts clustered per batch: memory follows the batch, not the store.
BATCH = 20_000
#: Accounts whose incidents one clustering batch rewrote that make the planner's statistics worth taking again.
REFRESH_AFTER = 1_000
#: Buffered documents written at once.
FLUSH_EVERY = 2_000
#: Joins values of a multi-valued column (outlets, claimants, victims, governorates) in one text column.
SEP = "\x1f"

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, file TEXT NOT NULL, article INTEGER NOT NULL, outlet TEXT, title TEXT, author TEXT,
    url TEXT, published {date}, language TEXT, body_start INTEGER NOT NULL, text TEXT NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS accounts (
    seq {seq}, id TEXT NOT NULL UNIQUE, document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    incident_id TEXT, start INTEGER NOT NULL, claim_start INTEGER NOT NULL, claimed_by TEXT NOT NULL, outlet TEXT,
    published {date}, date_min {date}, date_max {date}, killed_min INTEGER, killed_max INTEGER, injured_min INTEGER,
    injured_max INTEGER, casualties_min INTEGER, casualties_max INTEGER, victims TEXT NOT NULL, lat {real},
    lon {real}, coarse INTEGER NOT NULL, mentions TEXT NOT NULL, quote TEXT, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS accounts_document ON accounts(document_id);
CREATE INDEX IF NOT EXISTS accounts_incident ON accounts(incident_id, document_id, start, claim_start);
CREATE INDEX IF NOT EXISTS accounts_pending ON accounts(seq) WHERE incident_id IS NULL;
CREATE TABLE IF NOT EXISTS incidents (
    id TEXT PRIMARY KEY, component TEXT NOT NULL, lat {real}, lon {real}, place TEXT NOT NULL, precision TEXT,
    date_min {date}, date_max {date}, killed_min INTEGER, killed_max INTEGER, sources INTEGER NOT NULL,
    disputed INTEGER NOT NULL, accounts INTEGER NOT NULL, admin1 TEXT NOT NULL, outlets TEXT NOT NULL,
    claimants TEXT NOT NULL, victims TEXT NOT NULL, names TEXT NOT NULL, claim_figures TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS incidents_component ON incidents(component);
CREATE INDEX IF NOT EXISTS incidents_dates ON incidents(date_min, date_max);
CREATE INDEX IF NOT EXISTS incidents_point ON incidents(lat, lon);
CREATE INDEX IF NOT EXISTS incidents_killed ON incidents(killed_max);
CREATE TABLE IF NOT EXISTS corrections (
    id {seq},
    kind TEXT NOT NULL CHECK (kind IN ('place', 'date', 'merge', 'split', 'not_about', 'not_casualty', 'figure')),
    account_id TEXT NOT NULL, other_account_id TEXT,
    document_id TEXT, mention_start INTEGER, place_id TEXT, place_name TEXT, lat {real}, lon {real}, precision TEXT,
    note TEXT, created_at TEXT NOT NULL, author TEXT NOT NULL DEFAULT 'unknown', reason TEXT NOT NULL DEFAULT '',
    span_end INTEGER, fix TEXT NOT NULL DEFAULT '{{}}', before_text TEXT NOT NULL DEFAULT '',
    after_text TEXT NOT NULL DEFAULT '', undone_at TEXT, undone_by TEXT, undo_reason TEXT,
    applies INTEGER NOT NULL DEFAULT 1, settled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS corrections_document ON corrections(document_id);
CREATE TABLE IF NOT EXISTS review_flags (
    kind TEXT NOT NULL, account_id TEXT NOT NULL, PRIMARY KEY (kind, account_id)
);
CREATE INDEX IF NOT EXISTS review_flags_account ON review_flags(account_id);
CREATE TABLE IF NOT EXISTS merge_candidates (
    incident_id TEXT NOT NULL, other_id TEXT NOT NULL, km {real}, PRIMARY KEY (incident_id, other_id)
);
CREATE INDEX IF NOT EXISTS merge_candidates_other ON merge_candidates(other_id);
CREATE TABLE IF NOT EXISTS observations (
    account_id TEXT NOT NULL, position INTEGER NOT NULL, key TEXT NOT NULL, admin1 TEXT NOT NULL, name TEXT NOT NULL,
    lat {real} NOT NULL, lon {real} NOT NULL, source TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS observations_key ON observations(key, admin1);
CREATE INDEX IF NOT EXISTS observations_account ON observations(account_id);
CREATE TABLE IF NOT EXISTS gazetteer_user_layer (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, names TEXT NOT NULL, admin1 TEXT NOT NULL, lat {real} NOT NULL,
    lon {real} NOT NULL, sources TEXT NOT NULL, support INTEGER NOT NULL, note TEXT NOT NULL
)"""

#: Tables of schema versions 1 and 2 that version 3 replaces by columns.
_OLD_TABLES = ("incident_accounts", "incident_rows")


def default_store_path() -> str | Path:
    """$ATLAS_STORE (a file, or a postgresql:// URL), else ``incidents.sqlite`` in the per-user data folder."""
    if os.environ.get(STORE_ENV):
        target = os.environ[STORE_ENV]
        return target_of(target) if is_url(target) else Path(target)
    from platformdirs import user_data_dir

    return Path(user_data_dir("incident-atlas")) / "incidents.sqlite"


def store_exists(target: str | Path) -> bool:
    """True when a store is there to read: a SQLite file that exists, or any PostgreSQL URL (the server says)."""
    return is_url(target) or Path(target).is_file()


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _date(s: str | dt.date | None) -> dt.date | None:
    if s is None or isinstance(s, dt.date):
        return s
    return dt.date.fromisoformat(s) if s else None


_ACCOUNT_FIELDS = tuple(f.name for f in fields(Account))
_MENTION_FIELDS = tuple(f.name for f in fields(PlaceMention))
_ACCOUNT_DEFAULTS = {f.name: f.default for f in fields(Account) if f.default is not MISSING and f.name != "id"}
_MENTION_DEFAULTS = {f.name: f.default for f in fields(PlaceMention) if f.default is not MISSING}
_KNOWN = frozenset(_ACCOUNT_FIELDS)


def account_to_json(a: Account) -> str:
    """An account as compact JSON (dates ISO, places as objects; values left at their defaults left out)."""
    defaults = _ACCOUNT_DEFAULTS
    d = {k: v for k, v in vars(a).items()
         if k in _KNOWN and v is not None and not (k in defaults and v == defaults[k])}
    if a.places:
        d["places"] = [{k: v for k, v in vars(p).items() if v is not None and not (
            k in _MENTION_DEFAULTS and v == _MENTION_DEFAULTS[k])} for p in a.places]
    for k in ("published", "date_min", "date_max"):
        if k in d:
            d[k] = d[k].isoformat()
    return _ENCODE(d)


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def account_from_json(text: str) -> Account:
    """The inverse of account_to_json (also reads the full JSON of schema versions 1 and 2)."""
    d = json.loads(text)
    for k in ("published", "date_min", "date_max"):
        if d.get(k):
            d[k] = _date(d[k])
    d["places"] = tuple(PlaceMention(**{**p, "runners_up": tuple(p.get("runners_up", ()))})
                        for p in d.get("places", ()))
    d["details"] = tuple(d.get("details", ()))
    return Account(**{k: v for k, v in d.items() if k in _KNOWN})


# -- what the store keeps of an account, and the incidents made of them -------------------------------------------


class _Mention:
    """What an incident reads of a place mention."""

    __slots__ = ("name", "text", "admin1", "precision")

    def __init__(self, name: str | None, text: str, admin1: str | None, precision: str | None) -> None:
        self.name, self.text, self.admin1, self.precision = name, text, admin1, precision


class Member:
    """An account as its columns give it: enough to cluster it and to derive its incident (`model.Incident` reads
    it like an `Account`)."""

    __slots__ = ("seq", "id", "document_id", "start", "claim_start", "claimed_by", "outlet", "published", "date_min",
                 "date_max", "killed_min", "killed_max", "injured_min", "injured_max", "casualties_min",
                 "casualties_max", "victims", "point", "coarse", "places", "quote", "incident_id", "component")

    COLUMNS = ("a.seq, a.id, a.document_id, a.start, a.claim_start, a.claimed_by, a.outlet, a.published, a.date_min, "
               "a.date_max, a.killed_min, a.killed_max, a.injured_min, a.injured_max, a.casualties_min, "
               "a.casualties_max, a.victims, a.lat, a.lon, a.coarse, a.mentions, a.quote, a.incident_id")

    def __init__(self, row: Sequence, component: str | None = None) -> None:
        (self.seq, self.id, self.document_id, self.start, self.claim_start, self.claimed_by, self.outlet,
         published, date_min, date_max, self.killed_min, self.killed_max, self.injured_min, self.injured_max,
         self.casualties_min, self.casualties_max, self.victims, lat, lon, is_coarse, mentions, quote,
         self.incident_id) = row[:23]
        self.published, self.date_min, self.date_max = _date(published), _date(date_min), _date(date_max)
        self.point = (lat, lon) if lat is not None else None
        self.coarse = bool(is_coarse)
        self.places = _mentions_of(mentions)
        self.quote = quote or ""
        self.component = component

    @property
    def order(self) -> tuple[str, int, int]:
        """Text order, as `Account.order`."""
        return (self.document_id, self.start, self.claim_start)

    @property
    def node(self) -> Node:
        """What clustering reads."""
        return Node(self.id, self.document_id, self.start, self.point, self.date_min, self.date_max, self.coarse,
                    self.quote, self.published)


@lru_cache(maxsize=65536)
def _mentions_of(stored: str) -> tuple[_Mention, ...]:
    """The place mentions of an accounts row's `mentions` column (read once per distinct value: names repeat)."""
    return tuple(_Mention(*m) for m in json.loads(stored))


def _mentions(a: Account) -> str:
    return json.dumps([[p.name, p.text, p.admin1, p.precision] for p in a.places], ensure_ascii=False,
                      separators=(",", ":"))


def _unique(values: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


INCIDENT_COLUMNS = ("id", "component", "lat", "lon", "place", "precision", "date_min", "date_max", "killed_min",
                    "killed_max", "sources", "disputed", "accounts", "admin1", "outlets", "claimants", "victims",
                    "names", "claim_figures")


def _incident_values(incident_id: str, component: str, members: Sequence[Member], dates) -> tuple:
    """An incident's row of the incidents table, derived from its members (in text order) exactly as `model.Incident`
    and `selection.incident_row` derive them from accounts (in one pass, without cached properties)."""
    mentions = [p for a in members for p in a.places]
    points = [a.point for a in members if a.point and not a.coarse] or [a.point for a in members if a.point]
    lat = sum(p[0] for p in points) / len(points) if points else None
    lon = sum(p[1] for p in points) / len(points) if points else None
    found = [p.precision for p in mentions if p.precision]
    starts = [a.date_min for a in members if a.date_min]
    ends = [a.date_max for a in members if a.date_max]
    lows = [a.killed_min for a in members if a.killed_min is not None]
    highs = [v for a in members for v in (a.killed_max, a.killed_min) if v is not None]
    by_claimant: dict[str, set] = {}
    victims: dict[str, set] = {}
    for a in members:
        who = a.claimed_by.casefold()
        if a.killed_min is not None or a.killed_max is not None:
            by_claimant.setdefault(who, set()).add((a.killed_min, a.killed_max))
        if a.victims != "unknown":
            victims.setdefault(who, set()).add(a.victims)
    disputed = len({frozenset(v) for v in by_claimant.values()}) > 1 or len({frozenset(v) for v in victims.values()}) > 1
    return (incident_id, component, lat, lon, ", ".join(dict.fromkeys(p.name or p.text for p in mentions)),
            min(found, key=PRECISIONS.index) if found else None, dates(max(starts) if starts else None),
            dates(min(ends) if ends else None), min(lows) if lows else None, max(highs) if highs else None,
            len({a.claimed_by.casefold() for a in members}), int(disputed), len(members),
            SEP.join(_unique(p.admin1 for p in mentions)), SEP.join(_unique(a.outlet for a in members)),
            SEP.join(_unique(a.claimed_by for a in members)), SEP.join(_unique(a.victims for a in members)),
            " | ".join(_unique([*(p.name for p in mentions), *(p.text for p in mentions)])),
            _ENCODE([[a.claimed_by, a.outlet, a.published.isoformat() if a.published else None, a.killed_min,
                      a.killed_max, a.injured_min, a.injured_max, a.casualties_min, a.casualties_max]
                     for a in members]))


class IncidentList(Sequence[Incident]):
    """The store's incidents, read only when looked at (its length is a count)."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._count: int | None = None
        self._items: list[Incident] | None = None

    def _all(self) -> list[Incident]:
        if self._items is None:
            self._items = self._store.incidents()
        return self._items

    def __len__(self) -> int:
        if self._items is not None:
            return len(self._items)
        if self._count is None:
            self._count = self._store.counts()["incidents"]
        return self._count

    def __getitem__(self, k):
        return self._all()[k]

    def __iter__(self) -> Iterator[Incident]:
        return iter(self._all())


class Store:
    """An incidents store: a SQLite file, or a PostgreSQL database when given a postgresql:// URL."""

    def __init__(self, path: str | Path) -> None:
        target = target_of(path)
        self.url = target if is_url(target) else None
        self.path: Path | str = self.url and self._label(target) or (Path(target) if target != ":memory:"
                                                                     else Path(":memory:"))
        self.db: Database = connect(target)
        self._documents: list[tuple] = []
        self._accounts: list[tuple[str, Account]] = []
        self._buffered: set[str] = set()
        self._fixes: dict | None = None
        self._dirty_keys: set[tuple[str, str]] = set()
        self._wrote = False
        try:
            self._migrate()
        except Exception:
            self.db.close()
            raise

    @staticmethod
    def _label(url: str) -> str:
        from .postgres import without_password

        return without_password(url)

    @property
    def backend(self) -> str:
        """ "sqlite" or "postgresql"."""
        return self.db.dialect.name

    def _ddl(self) -> str:
        d = self.db.dialect
        return SCHEMA.format(date=d.date, real=d.real, seq=d.seq) + ";\n" + self.db.index_ddl()

    def _dates(self, d: dt.date | None):
        """A day as the backend's column holds it."""
        if d is None:
            return None
        return d if self.backend == "postgresql" else d.isoformat()

    def _migrate(self) -> None:
        try:
            if "meta" in self.db.tables() and self.meta("schema_version") == str(SCHEMA_VERSION):
                if "claim_figures" in self.db.columns("incidents"):
                    return  # current: no write lock taken (another writer may hold it)
                with self.db.transaction():  # an early version 3 kept no claim figures: derive them
                    self.db.execute("ALTER TABLE incidents ADD COLUMN claim_figures TEXT NOT NULL DEFAULT '[]'")
                    self.recluster_all()
                return
            with self.db.transaction():
                tables = self.db.tables()
                version = int(self.db.value("SELECT value FROM meta WHERE key = 'schema_version'") or 0) \
                    if "meta" in tables else 0
                if version > SCHEMA_VERSION:
                    raise StoreError(f"store {self.path} has schema version {version}; this program knows "
                                     f"{SCHEMA_VERSION}")
                old = "accounts" in tables and "seq" not in self.db.columns("accounts")
                if old:
                    self._retire_old_tables()
                old_corrections = "corrections" in tables and "author" not in self.db.columns("corrections")
                if old_corrections:
                    self.db.execute("ALTER TABLE corrections RENAME TO corrections_v3")
                self.db.script(self._ddl())
                self.db.renew_undated_index()
                self.set_meta("schema_version", str(SCHEMA_VERSION))
                if old_corrections:
                    self._carry_old_corrections()
                if old:
                    self._rebuild_accounts()
                elif 0 < version < SCHEMA_VERSION:
                    if "claim_figures" not in self.db.columns("incidents"):
                        self.db.execute("ALTER TABLE incidents ADD COLUMN claim_figures TEXT NOT NULL DEFAULT '[]'")
                    self._flag_accounts(None)
                    self.recluster_all()
        except StoreError:
            raise
        except Exception as e:
            raise StoreError(f"cannot open store {self.path}: {e}") from e

    _OLD_CORRECTION_COLUMNS = ("id", "kind", "account_id", "other_account_id", "document_id", "mention_start",
                               "place_id", "place_name", "lat", "lon", "precision", "note", "created_at")

    def _carry_old_corrections(self) -> None:
        """Schema versions up to 3: the corrections into the table of version 4 (their author unknown, their reason
        the note they had)."""
        cols = ", ".join(self._OLD_CORRECTION_COLUMNS)
        self.db.execute(f"INSERT INTO corrections ({cols}, author, reason) SELECT {cols}, 'unknown', "
                        "COALESCE(note, '') FROM corrections_v3")
        self.db.execute("DROP TABLE corrections_v3")
        if self.backend == "postgresql" and self.db.value("SELECT count(*) FROM corrections"):
            self.db.execute("SELECT setval(pg_get_serial_sequence('corrections', 'id'), "
                            "(SELECT max(id) FROM corrections))")
        for cid, kind, doc_id, start, data in self.db.rows(
                "SELECT c.id, c.kind, c.document_id, c.mention_start, a.data FROM corrections c LEFT JOIN accounts a "
                "ON a.id = c.account_id ORDER BY c.id"):
            if kind == "place" or data is None:
                continue
            a = account_from_json(data)  # a merge or split: anchor it to its account's sentence too
            self.db.execute("UPDATE corrections SET document_id = ?, mention_start = ?, span_end = ? WHERE id = ?",
                            (a.document_id, a.start, a.end, cid))

    def _retire_old_tables(self) -> None:
        """Schema versions 1 and 2 (SQLite): keep the accounts aside, drop what is derived from them."""
        for index in ("accounts_document", "incidents_date", "incident_accounts_incident"):
            self.db.execute(f"DROP INDEX IF EXISTS {index}")
        self.db.execute("ALTER TABLE accounts RENAME TO accounts_old")
        for table in (*_OLD_TABLES, "incidents"):
            self.db.execute(f"DROP TABLE IF EXISTS {table}")

    def _rebuild_accounts(self) -> None:
        """Schema versions 1 and 2: the accounts again as columns, then every incident derived."""
        rows = self.db.rows("SELECT document_id, data FROM accounts_old ORDER BY id")
        self.db.execute("DROP TABLE accounts_old")
        for doc_id, data in rows:
            self._accounts.append((doc_id, account_from_json(data)))
        self._flush()
        self.recluster_all()

    def close(self) -> None:
        """Close the connection."""
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[Database]:
        """All or nothing: a failure inside leaves the store as it was. One writer at a time."""
        outer = not self.db.in_transaction
        try:
            with self.db.transaction() as db:
                yield db
                if outer:
                    self._flush()
                    if self._wrote:
                        self._bump()
        finally:
            if outer:
                self._documents, self._accounts, self._buffered = [], [], set()
                self._fixes, self._dirty_keys, self._wrote = None, set(), False

    def _bump(self) -> None:
        self.db.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'")
        self.db.execute("INSERT INTO meta (key, value) SELECT 'generation', '1' WHERE NOT EXISTS "
                        "(SELECT 1 FROM meta WHERE key = 'generation')")

    def generation(self) -> int:
        """A number that grows with every committed write (what a cache of the store's contents is keyed on)."""
        return int(self.meta("generation") or 0)

    # -- documents and accounts --------------------------------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        """True when a document with this id is stored."""
        return doc_id in self._buffered or self.db.value("SELECT 1 FROM documents WHERE id = ?", (doc_id,)) is not None

    def add_document(self, doc: Document, accounts: Sequence[Account]) -> bool:
        """Add a document and its accounts, not yet clustered (call inside a transaction, then `recluster`).

        A document already stored (by another writer too) is left as it is: False."""
        if self.has_document(doc.id):
            return False
        self._buffer(doc, accounts)
        return True

    def add_documents(self, items: Sequence[tuple[Document, Sequence[Account]]]) -> list[bool]:
        """`add_document` for many documents (one query asks which are stored): for each, whether it was added (a
        document stored before, or given twice, is left as it is: False)."""
        ids = sorted({doc.id for doc, _ in items})
        there = self._buffered & set(ids)
        there.update(r[0] for r in self.db.chunked("SELECT id FROM documents WHERE id IN ({marks})", ids))
        out = []
        for doc, accounts in items:
            added = doc.id not in there
            if added:
                there.add(doc.id)
                self._buffer(doc, accounts)
            out.append(added)
        return out

    def _buffer(self, doc: Document, accounts: Sequence[Account]) -> None:
        """Keep a document and its accounts to be written (at once outside a transaction)."""
        self._buffered.add(doc.id)
        self._documents.append(
            (doc.id, doc.file, doc.article, doc.outlet, doc.title, doc.author, doc.url, self._dates(doc.published),
             doc.language, doc.body_start, doc.text,
             dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")))
        self._accounts.extend((doc.id, a) for a in accounts)
        self._wrote = True
        if len(self._documents) >= FLUSH_EVERY or not self.db.in_transaction:
            self._flush()

    _DOCUMENT_COLUMNS = ("id", "file", "article", "outlet", "title", "author", "url", "published", "language",
                         "body_start", "text", "ingested_at")
    _ACCOUNT_COLUMNS = ("id", "document_id", "start", "claim_start", "claimed_by", "outlet", "published", "date_min",
                        "date_max", "killed_min", "killed_max", "injured_min", "injured_max", "casualties_min",
                        "casualties_max", "victims", "lat", "lon", "coarse", "mentions", "quote", "data")

    def _flush(self) -> None:
        """Write the buffered documents and accounts (documents another writer stored meanwhile left out)."""
        if not (self._documents or self._accounts):
            return
        docs, accounts = self._documents, self._accounts
        self._documents, self._accounts, self._buffered = [], [], set()
        if docs:
            there = {r[0] for r in self.db.chunked("SELECT id FROM documents WHERE id IN ({marks})",
                                                   [d[0] for d in docs])}
            docs = [d for d in docs if d[0] not in there]
            mine = {d[0] for d in docs}
            accounts = [(doc_id, a) for doc_id, a in accounts if doc_id in mine or doc_id not in there]
            self.db.insert("documents", self._DOCUMENT_COLUMNS, docs)
        self._insert_accounts(accounts)

    _FIX_SELECT = ("SELECT kind, document_id, mention_start, span_end, place_id, place_name, lat, lon, precision, fix "
                   "FROM corrections WHERE kind IN ('place', 'date', 'figure', 'not_casualty') AND undone_at IS NULL")

    def _place_fixes(self) -> Fixes:
        """A person's corrections of what accounts say (places, dates, figures), in force, by their anchors."""
        if self._fixes is None or not self.db.in_transaction:
            self._fixes = Fixes(self.db.execute(self._FIX_SELECT + " ORDER BY id"))
        return self._fixes

    def _fixes_of(self, document_ids: Iterable[str]) -> Fixes:
        """The corrections of what accounts say anchored in these documents only (cost independent of the store)."""
        if self._fixes is not None and self.db.in_transaction:
            return self._fixes
        rows = sorted(self.db.chunked(self._FIX_SELECT.replace("SELECT kind", "SELECT id, kind")
                                      + " AND document_id IN ({marks})", sorted(set(document_ids))))
        return Fixes(r[1:] for r in rows)

    def _insert_accounts(self, accounts: Sequence[tuple[str, Account]]) -> None:
        """Insert accounts (as extracted; their columns with a person's place corrections applied), unclustered."""
        if not accounts:
            return
        fixes = self._fixes_of({doc_id for doc_id, _ in accounts})
        unique: dict[str, tuple[str, Account]] = {}
        for doc_id, a in accounts:
            unique[a.id] = (doc_id, a)
        rows, seen = [], []
        for doc_id, a in unique.values():
            rows.append(self._account_row(doc_id, a, _corrected(a, fixes) if fixes else a))
        self.db.insert("accounts", self._ACCOUNT_COLUMNS, rows)
        for doc_id, a in unique.values():
            seen.append(_corrected(a, fixes) if fixes else a)
        self._observe(seen)
        self._flag(seen)
        self._wrote = True

    def _account_row(self, doc_id: str, a: Account, fixed: Account) -> tuple:
        """An account's columns (what it says as a person corrected it) and its JSON (as extracted)."""
        return (a.id, doc_id, a.start, a.claim_start, a.claimed_by, a.outlet, self._dates(a.published),
                *self._said(fixed)[:-1], account_to_json(a))

    def _said(self, f: Account) -> tuple:
        """The columns of what a (corrected) account says, from date_min to quote, then its id."""
        dates = self._dates
        lat, lon = f.point or (None, None)
        undated = f.date_min is None or f.date_max is None
        return (dates(f.date_min), dates(f.date_max), f.killed_min, f.killed_max, f.injured_min, f.injured_max,
                f.casualties_min, f.casualties_max, f.victims, lat, lon, int(coarse(f)), _mentions(f),
                f.quote if undated else None, f.id)

    def _flag(self, accounts: Sequence[Account], *, replace: bool = False) -> None:
        """Record which review queues these (corrected) accounts belong to (`incidents.review.account_kinds`)."""
        from .review import account_kinds

        if replace:
            self._unflag([a.id for a in accounts])
        self.db.insert("review_flags", ("kind", "account_id"),
                       [(kind, a.id) for a in accounts for kind in account_kinds(a)])

    def _unflag(self, account_ids: Sequence[str]) -> None:
        for start in range(0, len(account_ids), 500):
            chunk = list(account_ids[start:start + 500])
            self.db.execute(f"DELETE FROM review_flags WHERE account_id IN ({','.join('?' * len(chunk))})", chunk)

    def _flag_accounts(self, document_ids: Sequence[str] | None) -> None:
        """Work out the review flags of every account again (of these documents' accounts only, when given)."""
        if document_ids is None:
            self.db.execute("DELETE FROM review_flags")
            fixes = self._place_fixes()
            self._flag([_corrected(account_from_json(r[0]), fixes) for r in self.db.execute(
                "SELECT data FROM accounts ORDER BY seq")])
            return
        fixes = self._fixes_of(document_ids)
        rows = [r[0] for r in self.db.chunked("SELECT data FROM accounts WHERE document_id IN ({marks})",
                                              document_ids)]
        self._flag([_corrected(account_from_json(d), fixes) for d in rows], replace=True)

    def _observe(self, accounts: Sequence[Account]) -> None:
        """Record the located names these accounts teach the user layer (and mark their names to learn again)."""
        rows = []
        for a in accounts:
            for k, o in enumerate(observations([a])):
                key = fold(o.name)
                if key:
                    rows.append((a.id, k, key, o.admin1, o.name, o.lat, o.lon, o.source))
                    self._dirty_keys.add((key, o.admin1))
        self.db.insert("observations", ("account_id", "position", "key", "admin1", "name", "lat", "lon", "source"),
                       rows)

    def _forget(self, account_ids: Sequence[str]) -> None:
        """Drop the observations of these accounts (their names marked to learn again)."""
        for key, admin1 in self.db.chunked("SELECT key, admin1 FROM observations WHERE account_id IN ({marks})",
                                           account_ids):
            self._dirty_keys.add((key, admin1))
        for start in range(0, len(account_ids), 500):
            chunk = list(account_ids[start:start + 500])
            self.db.execute(f"DELETE FROM observations WHERE account_id IN ({','.join('?' * len(chunk))})", chunk)

    _DOCUMENT_SELECT = "id, file, article, outlet, title, author, url, published, language, body_start, text"

    @staticmethod
    def _document(r: tuple) -> Document:
        return Document(id=r[0], file=r[1], article=r[2], outlet=r[3], title=r[4], author=r[5], url=r[6],
                        published=_date(r[7]), language=r[8], body_start=r[9], text=r[10])

    def documents(self) -> list[Document]:
        """Every stored document."""
        self._flush()
        rows = self.db.execute(f"SELECT {self._DOCUMENT_SELECT} FROM documents ORDER BY file, article")
        return [self._document(r) for r in rows]

    def document(self, doc_id: str) -> Document | None:
        """One document by id."""
        self._flush()
        row = self.db.execute(f"SELECT {self._DOCUMENT_SELECT} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return self._document(row) if row else None

    def urls(self) -> dict[str, str]:
        """Each document's URL, by document id (documents without one left out)."""
        self._flush()
        return dict(self.db.rows("SELECT id, url FROM documents WHERE url IS NOT NULL AND url != ''"))

    def stored_accounts(self) -> list[Account]:
        """Every stored account as extracted (no correction applied)."""
        self._flush()
        return [account_from_json(r[0]) for r in self.db.execute("SELECT data FROM accounts ORDER BY id")]

    def replace_accounts(self, doc: Document, accounts: Sequence[Account]) -> None:
        """Replace a stored document's accounts (call inside a transaction, then `recluster`)."""
        self._flush()
        old = self.db.rows("SELECT id, incident_id FROM accounts WHERE document_id = ?", (doc.id,))
        self._unsettle({i for _, i in old if i})
        self._forget([a for a, _ in old])
        self._unflag([a for a, _ in old])
        self.db.execute("DELETE FROM accounts WHERE document_id = ?", (doc.id,))
        self._insert_accounts([(doc.id, a) for a in accounts])

    def meta(self, key: str) -> str | None:
        """A value of the store's meta table."""
        return self.db.value("SELECT value FROM meta WHERE key = ?", (key,))

    def set_meta(self, key: str, value: str) -> None:
        """Set a value of the store's meta table."""
        self.db.execute("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = "
                        "excluded.value", (key, value))

    def accounts(self) -> list[Account]:
        """Every stored account, a person's place corrections applied."""
        self._flush()
        fixes = self._place_fixes()
        accounts = [account_from_json(r[0]) for r in self.db.execute("SELECT data FROM accounts ORDER BY id")]
        return [_corrected(a, fixes) for a in accounts] if fixes else accounts

    # -- clustering -------------------------------------------------------------------------------------------

    def recluster(self) -> IncidentList:
        """Cluster the accounts added or unsettled since the last clustering, rewriting only the incidents they
        touch, and learn the names they teach (call inside a transaction). The store's incidents, read lazily."""
        self._flush()
        self._dirty_keys.update(self.db.rows(
            "SELECT DISTINCT key, admin1 FROM observations WHERE account_id IN "
            "(SELECT id FROM accounts WHERE incident_id IS NULL)"))
        while self._cluster_batch():
            pass
        self._learn(self._dirty_keys)
        self._dirty_keys = set()
        return IncidentList(self)

    def recluster_all(self) -> IncidentList:
        """Derive every incident and the whole user layer again from the accounts and the corrections."""
        with self.transaction():
            self._flush()
            self.db.execute("UPDATE accounts SET incident_id = NULL WHERE incident_id IS NOT NULL")
            self.db.execute("DELETE FROM incidents")
            self.db.execute("DELETE FROM merge_candidates")
            self.db.execute("DELETE FROM gazetteer_user_layer")
            self._dirty_keys = set(self.db.rows("SELECT DISTINCT key, admin1 FROM observations"))
            self._wrote = True
            return self.recluster()

    def _unsettle(self, incident_ids: Iterable[str]) -> None:
        """Return the accounts of these incidents' components to clustering (their incidents deleted)."""
        ids = list(incident_ids)
        if not ids:
            return
        components = {r[0] for r in self.db.chunked("SELECT component FROM incidents WHERE id IN ({marks})", ids)}
        every = [r[0] for r in self.db.chunked("SELECT id FROM incidents WHERE component IN ({marks})", components)]
        for start in range(0, len(every), 500):
            chunk = every[start:start + 500]
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"UPDATE accounts SET incident_id = NULL WHERE incident_id IN ({marks})", chunk)
            self.db.execute(f"DELETE FROM incidents WHERE id IN ({marks})", chunk)
        self._drop_merges(every)
        self._wrote = True

    def _cluster_batch(self) -> bool:
        """Cluster up to BATCH unclustered accounts; False when none was left."""
        rows = self.db.rows(f"SELECT {Member.COLUMNS} FROM accounts a WHERE a.incident_id IS NULL ORDER BY a.seq "
                            f"LIMIT {BATCH}")
        if not rows:
            return False
        new = [Member(r) for r in rows]
        nodes = [m.node for m in new]
        merges, splits = self.links()
        stored = self._neighbours(new, nodes, merges)
        uf = UnionFind(len(new) + len(stored.components))
        comp_index = {c: len(new) + k for k, c in enumerate(stored.components)}
        for i, j in edges(nodes):
            uf.union(i, j)
        for k, joined in stored.joined.items():
            for c in joined if k >= 0 else ():
                uf.union(k, comp_index[c])
        where = {m.id: k for k, m in enumerate(new)}
        for a, b in merges:
            ends = [where[x] if x in where else comp_index.get(stored.component_of.get(x, ""), -1) for x in (a, b)]
            if (a in where or b in where) and -1 not in ends:
                uf.union(*ends)
        groups: dict[int, list[int]] = defaultdict(list)
        for k in range(len(new) + len(stored.components)):
            groups[uf.find(k)].append(k)
        absorbed = [stored.components[k - len(new)] for g in groups.values() for k in g if k >= len(new)]
        members_of = self._component_members(absorbed)
        written = self._write_groups(new, groups.values(), stored.components, members_of, merges, splits)
        if len(written) >= REFRESH_AFTER:
            self.db.refresh_statistics(("accounts", "incidents"))
        self._look_for_merges(written)  # an incident a later batch rewrites drops what is found here
        self._wrote = True
        return True

    class _Found:
        """Clustered accounts near the new ones: their components, and which of them each new account joins."""

        def __init__(self) -> None:
            self.components: list[str] = []
            self.joined: dict[int, set[str]] = defaultdict(set)
            self.component_of: dict[str, str] = {}  # of the accounts merges pair new ones with

        def add(self, component: str, k: int | None = None) -> None:
            if component not in self.joined.get(-1, ()):
                self.joined[-1].add(component)
                self.components.append(component)
            if k is not None:
                self.joined[k].add(component)

    def _neighbours(self, new: Sequence[Member], nodes: Sequence[Node], merges: Sequence[tuple[str, str]]) -> _Found:
        """The clustered accounts each new account joins (proposed by the spatial and temporal index, and the
        accounts of its own article), and the components of the accounts merges pair them with."""
        found = self._Found()
        probes = []
        for k, node in enumerate(nodes):
            if node.point is None:
                continue
            dlat, dlon = degrees_around(node.point[0], JOIN_KM if node.dated else UNDATED_KM)
            lat, lon = node.point
            probes.append((k, lat - dlat, lat + dlat, lon - dlon, lon + dlon, *_probe_days(node), int(node.dated)))
        candidates: dict[int, list[tuple[Node, str]]] = defaultdict(list)
        for k, account_id, doc_id, start, lat, lon, day0, day1, is_coarse, quote, published, component in \
                self.db.near(probes, "a.id, a.document_id, a.start, a.lat, a.lon, a.date_min, a.date_max, a.coarse, "
                                     "a.quote, a.published, i.component"):
            candidates[k].append((Node(account_id, doc_id, start, (lat, lon), _date(day0), _date(day1),
                                       bool(is_coarse), quote or "", _date(published)), component))
        same: dict[str, list[Member]] = defaultdict(list)
        for row in self.db.chunked(f"SELECT {Member.COLUMNS}, i.component FROM accounts a JOIN incidents i "
                                   "ON i.id = a.incident_id WHERE a.document_id IN ({marks})",
                                   sorted({m.document_id for m in new})):
            same[row[2]].append(Member(row, row[-1]))
        for k, node in enumerate(nodes):
            near = {c.id: (c, component) for c, component in candidates.get(k, ()) if c.document_id != node.document_id}
            for b in edges_between(node, [c for c, _ in near.values()]):
                found.add(near[b.id][1], k)
            for c in same.get(node.document_id, ()):
                if joins(node, c.node):
                    found.add(c.component, k)
        ids = {m.id for m in new}
        partners = {y for a, b in merges for x, y in ((a, b), (b, a)) if x in ids and y not in ids}
        for account_id, component in self.db.chunked(
                "SELECT a.id, i.component FROM accounts a JOIN incidents i ON i.id = a.incident_id "
                "WHERE a.id IN ({marks})", sorted(partners)):
            found.component_of[account_id] = component
            found.add(component)
        return found

    def _component_members(self, components: Sequence[str]) -> dict[str, list[Member]]:
        """Every account of these components, by component."""
        out: dict[str, list[Member]] = defaultdict(list)
        for row in self.db.chunked(f"SELECT {Member.COLUMNS}, i.component FROM accounts a JOIN incidents i "
                                   "ON i.id = a.incident_id WHERE i.component IN ({marks})", components):
            out[row[-1]].append(Member(row, row[-1]))
        return out

    def _write_groups(self, new: Sequence[Member], groups: Iterable[list[int]], components: Sequence[str],
                      members_of: dict[str, list[Member]], merges, splits) -> list[Member]:
        """Derive each group's incidents, delete the incidents of the components it absorbed, write the new ones;
        the accounts of the incidents written (their incident ids the new ones)."""
        split_of: dict[str, set[str]] = defaultdict(set)
        for a, b in splits:
            split_of[a].add(b)
            split_of[b].add(a)
        n = len(new)
        rows, moves, gone, written = [], [], [], []
        for g in groups:
            members = [new[k] for k in g if k < n]
            for k in g:
                if k >= n:
                    members.extend(members_of.get(components[k - n], ()))
            gone.extend({m.incident_id for m in members if m.incident_id})
            ids = {m.id for m in members}
            if any(split_of[x] & ids for x in ids if x in split_of):
                members.sort(key=lambda m: m.id)
                index = {m.id: k for k, m in enumerate(members)}
                parts = [[members[k] for k in part] for part in partition(
                    [m.id for m in members], edges([m.node for m in members]), index_pairs(merges, index),
                    index_pairs(splits, index))]
            else:
                parts = [members]
            component = id_of(min(ids))
            for part in parts:
                iid = id_of(min(m.id for m in part))
                rows.append(_incident_values(iid, component, sorted(part, key=lambda m: m.order), self._dates))
                moves.extend((iid, m.seq) for m in part if m.incident_id != iid)
                for m in part:
                    m.incident_id = iid
                written.extend(part)
        for start in range(0, len(gone), 500):
            chunk = gone[start:start + 500]
            self.db.execute(f"DELETE FROM incidents WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        self._drop_merges(gone)
        self.db.insert("incidents", INCIDENT_COLUMNS, rows)
        self.db.set_column("accounts", "incident_id", "seq", moves)
        return written

    # -- incidents a person might merge ------------------------------------------------------------------------

    def _drop_merges(self, incident_ids: Sequence[str]) -> None:
        """Forget the possible merges of incidents that are rewritten or gone."""
        for start in range(0, len(incident_ids), 250):
            chunk = list(incident_ids[start:start + 250])
            marks = ",".join("?" * len(chunk))
            self.db.execute(f"DELETE FROM merge_candidates WHERE incident_id IN ({marks}) OR other_id IN ({marks})",
                            chunk + chunk)

    def _look_for_merges(self, mine: Sequence[Member]) -> None:
        """Record the incidents a person might merge with the incidents just written (`mine`: every account of
        them; `incidents.review.merge_pairs`): asked of the spatial and temporal index and of the accounts of the
        same articles, never of every pair."""
        from .review import MERGE_KM, merge_pairs

        ids = sorted({m.incident_id for m in mine})
        if not ids:
            return
        said: dict[str, set[str]] = defaultdict(set)  # each incident's claimants as written
        for m in mine:
            said[m.incident_id].add(m.claimed_by)
        probes, unless = [], []
        for k, m in enumerate(mine):
            if m.point is None or m.date_min is None or m.date_max is None:
                continue
            dlat, dlon = degrees_around(m.point[0], MERGE_KM)
            lat, lon = m.point
            probes.append((k, lat - dlat, lat + dlat, lon - dlon, lon + dlon, _day(m.date_min), _day(m.date_max), 1))
            unless.extend((k, who) for who in said[m.incident_id])
        # An account claimed by one of the incident's own claimants never makes a possible merge (`merge_pairs`
        # wants claimants apart): the index leaves those out.
        near = [(mine[k].incident_id, mine[k].point, other, (lat, lon))
                for k, other, lat, lon in self.db.near(probes, "a.incident_id, a.lat, a.lon", unless=unless)]
        area = self._area_neighbours(mine, said)
        of_document: dict[str, list[tuple]] = defaultdict(list)
        for doc_id, other, lat, lon, d0, d1 in self.db.chunked(
                "SELECT document_id, incident_id, lat, lon, date_min, date_max FROM accounts WHERE incident_id IS NOT "
                "NULL AND document_id IN ({marks})", sorted({m.document_id for m in mine})):
            of_document[doc_id].append((other, (lat, lon) if lat is not None else None, (_date(d0), _date(d1))))
        same = [(m.incident_id, m.point, (m.date_min, m.date_max), *o) for m in mine
                for o in of_document.get(m.document_id, ()) if o[0] != m.incident_id]
        claimants: dict[str, set[str]] = defaultdict(set)
        for iid, claimed_by in self.db.chunked(
                "SELECT incident_id, claimed_by FROM accounts WHERE incident_id IN ({marks})",
                sorted({r[2] for r in near} | {r[3] for r in same} | {r[3] for r in area} | set(ids))):
            claimants[iid].add(claimed_by.casefold())
        split_rows = self.links()[1]
        split_at = dict(self.db.chunked("SELECT id, incident_id FROM accounts WHERE id IN ({marks})",
                                        sorted({x for pair in split_rows for x in pair})))
        apart = {frozenset((split_at.get(a), split_at.get(b))) for a, b in split_rows}
        pairs = merge_pairs(near, same, claimants, apart, area)
        self._drop_merges(ids)
        self.db.insert("merge_candidates", ("incident_id", "other_id", "km"),
                       [(a, b, km) for (a, b), km in sorted(pairs.items())])

    def _area_neighbours(self, mine: Sequence[Member], said: dict[str, set[str]]) -> list[tuple]:
        """(incident, point, reach, other incident, other point, other reach) of dated accounts on overlapping days
        where one of the two is placed only to an area (`review.area_reach`): one probe of the index per distinct
        window (and claimants of their incidents, `said`) of `mine`, over their points and the widest reach around
        them; accounts of those claimants left out (no possible merge), and, for a window none of whose accounts is
        placed only to an area, asked of the index of accounts placed only to an area."""
        from .review import AREA_KM, area_reach

        reach = {m.id: area_reach(p.precision for p in m.places if p.name) if m.coarse else None for m in mine}
        windows: dict[tuple, list[Member]] = defaultdict(list)
        for m in mine:
            if m.point is not None and m.date_min is not None and m.date_max is not None:
                windows[(_day(m.date_min), _day(m.date_max), frozenset(said[m.incident_id]),
                         reach[m.id] is not None)].append(m)
        probes, unless = {True: [], False: []}, {True: [], False: []}
        groups = list(windows.values())
        for k, ((day0, day1, who, any_coarse), members) in enumerate(windows.items()):
            lats, lons = [m.point[0] for m in members], [m.point[1] for m in members]
            dlat, dlon = degrees_around(max(map(abs, lats)), max(AREA_KM.values()))
            probes[any_coarse].append((k, min(lats) - dlat, max(lats) + dlat, min(lons) - dlon, max(lons) + dlon,
                                       day0, day1, 1))
            unless[any_coarse].extend((k, x) for x in who)
        columns = "a.incident_id, a.lat, a.lon, a.coarse, a.mentions"
        out = []
        for k, other, lat, lon, is_coarse, mentions in [
                *self.db.near(probes[True], columns, unless=unless[True]),
                *self.db.near(probes[False], columns, unless=unless[False], areas=True)]:
            other_reach = area_reach(m[3] for m in json.loads(mentions) if m[0]) if is_coarse else None
            for m in groups[k]:
                if m.incident_id != other and (reach[m.id] or other_reach):
                    out.append((m.incident_id, m.point, reach[m.id], other, (lat, lon), other_reach))
        return out

    # -- the review queue (incidents.review) --------------------------------------------------------------------

    def review_counts(self) -> dict[str, int]:
        """How many accounts each review kind holds, and how many possible merges (SQL counts over indexes)."""
        self._flush()
        counts = dict(self.db.rows("SELECT kind, count(*) FROM review_flags GROUP BY kind"))
        counts["possible_merge"] = self.db.value("SELECT count(*) FROM merge_candidates")
        return counts

    def flagged(self, kind: str, *, limit: int | None = None, offset: int = 0) -> list[tuple[Account, str | None,
                                                                                              dict | None]]:
        """One page of the accounts of a review kind, by account id: (account as corrected, its incident id, its
        document's title, file and article)."""
        self._flush()
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else \
            (f" LIMIT -1 OFFSET {int(offset)}" if offset and self.backend == "sqlite" else
             (f" OFFSET {int(offset)}" if offset else ""))
        rows = self.db.rows("SELECT a.data, a.incident_id, d.id, d.title, d.file, d.article FROM review_flags f "
                            "JOIN accounts a ON a.id = f.account_id JOIN documents d ON d.id = a.document_id "
                            f"WHERE f.kind = ? ORDER BY f.account_id{page}", (kind,))
        fixes = self._fixes_of({r[2] for r in rows})
        return [(_corrected(account_from_json(data), fixes), iid, {"title": t, "file": f, "article": n})
                for data, iid, _, t, f, n in rows]

    def document_titles(self, document_ids: Sequence[str]) -> dict[str, dict]:
        """Each document's title, file and article number, by id."""
        return {i: {"title": t, "file": f, "article": n} for i, t, f, n in self.db.chunked(
            "SELECT id, title, file, article FROM documents WHERE id IN ({marks})", sorted(set(document_ids)))}

    def corrected_accounts(self, account_ids: Sequence[str]) -> dict[str, tuple[Account, str | None]]:
        """These accounts (those that exist) as a person corrected them, with their incident ids, by id."""
        self._flush()
        rows = list(self.db.chunked("SELECT id, incident_id, document_id, data FROM accounts WHERE id IN ({marks})",
                                    sorted(set(account_ids))))
        fixes = self._fixes_of({r[2] for r in rows})
        return {i: (_corrected(account_from_json(data), fixes), iid) for i, iid, _, data in rows}

    def merge_candidates(self, *, limit: int | None = None, offset: int = 0) -> list[tuple[str, str, float | None]]:
        """(incident id, other incident id, km apart or None) of the incidents a person might merge."""
        page = f" LIMIT {int(limit)} OFFSET {int(offset)}" if limit is not None else ""
        return self.db.rows(f"SELECT incident_id, other_id, km FROM merge_candidates ORDER BY incident_id, other_id"
                            f"{page}")

    def _learn(self, keys: Iterable[tuple[str, str]]) -> None:
        """Learn again the user layer's places of these (folded name, governorate) keys from their observations."""
        keys = set(keys)
        if not keys:
            return
        found: dict[tuple[str, str], list] = defaultdict(list)
        for key, admin1, name, lat, lon, source in self.db.chunked(
                "SELECT key, admin1, name, lat, lon, source FROM observations WHERE key IN ({marks}) "
                "ORDER BY key, admin1, account_id, position", sorted({k for k, _ in keys})):
            if (key, admin1) in keys:
                found[(key, admin1)].append(layer.Observation(name, admin1, lat, lon, source))
        prefixes = [(admin1, f"user:{admin1 or 'xx'}:{key}:") for key, admin1 in sorted(keys)]
        self.db.executemany("DELETE FROM gazetteer_user_layer WHERE id >= ? AND id < ? AND admin1 = ?",
                            [(prefix, prefix[:-1] + ";", admin1) for admin1, prefix in prefixes])  # ';' follows ':'
        self.db.insert("gazetteer_user_layer", ("id", "name", "names", "admin1", "lat", "lon", "sources", "support",
                                                "note"),
                       [(p.id, p.name, "|".join(p.names), p.admin1, p.lat, p.lon, p.source_id, p.support, "")
                        for obs in found.values() for p in layer.learn(obs)])

    # -- incidents --------------------------------------------------------------------------------------------

    def incident_rows(self):
        """Every incident's row of the incidents frame (see incidents.selection.incidents_frame), as last clustered,
        in the order of their ids: read from the columns (no account decoded). The claims stay the stored text
        (`incidents.selection.claims_of` puts the ones shown in words)."""
        from itertools import chain
        from operator import itemgetter

        import numpy as np

        from .selection import FrameColumns, per_distinct

        self._flush()
        collecting = gc.isenabled()
        gc.disable()  # many small objects, none cyclic: the collector's passes cost a good share of the load
        try:
            order = ("id", "lat", "lon", "place", "precision", "date_min", "date_max", "killed_min", "killed_max",
                     "sources", "disputed", "accounts", "admin1", "outlets", "claimants", "victims", "names",
                     "claim_figures")
            # read in the table's order and sorted here: walking the id index costs a look-up per row
            rows = self.db.execute(f"SELECT {', '.join(order)} FROM incidents").fetchall()
            rows.sort(key=itemgetter(0))
            table = np.fromiter(chain.from_iterable(rows), dtype=object, count=len(rows) * len(order))
            table = table.reshape(len(rows), len(order))  # each column a view: no loop per row
            del rows
            cols = {name: table[:, k] for k, name in enumerate(order)}
            cols["claims"] = cols.pop("claim_figures")
            # few distinct values: each is parsed once, and the rows share the result
            day = dt.date.fromisoformat
            for name in ("date_min", "date_max"):
                cols[name] = per_distinct(cols[name], lambda v: day(v) if isinstance(v, str) else v)
            for name in ("admin1", "outlets", "claimants", "victims"):
                cols[name] = per_distinct(cols[name], lambda v: tuple(v.split(SEP)) if v else ())
            cols["disputed"] = [bool(v) for v in cols["disputed"]]
            return FrameColumns(cols)
        finally:
            if collecting:
                gc.enable()

    def incident(self, incident_id: str) -> Incident | None:
        """One incident with its accounts (a person's place corrections applied), or None."""
        found = self.incidents_by_ids([incident_id])
        return found[0] if found else None

    def incidents_by_ids(self, ids: Sequence[str]) -> list[Incident]:
        """The incidents with these ids (those that exist), in the order given, with their accounts."""
        self._flush()
        rows = list(self.db.chunked("SELECT incident_id, document_id, data FROM accounts WHERE incident_id IN ({marks})",
                                    list(dict.fromkeys(ids))))
        fixes = self._fixes_of({r[1] for r in rows})
        groups: dict[str, list[Account]] = {}
        for inc_id, _, data in rows:
            a = account_from_json(data)
            groups.setdefault(inc_id, []).append(_corrected(a, fixes) if fixes else a)
        return [Incident(id=i, accounts=tuple(sorted(groups[i], key=lambda a: a.order))) for i in ids if i in groups]

    def incidents(self) -> list[Incident]:
        """Every incident with its accounts, as last clustered."""
        self._flush()
        fixes = self._place_fixes()
        groups: dict[str, list[Account]] = defaultdict(list)
        for inc_id, data in self.db.execute("SELECT incident_id, data FROM accounts WHERE incident_id IS NOT NULL"):
            a = account_from_json(data)
            groups[inc_id].append(_corrected(a, fixes) if fixes else a)
        return sorted((Incident(id=k, accounts=tuple(sorted(v, key=lambda a: a.order))) for k, v in groups.items()),
                      key=lambda i: i.id)

    def counts(self) -> dict[str, int]:
        """How many documents, accounts and incidents are stored."""
        self._flush()
        return {t: self.db.value(f"SELECT count(*) FROM {t}") for t in ("documents", "accounts", "incidents")}

    # -- corrections (incidents.corrections is the interface) -------------------------------------------------

    CORRECTION_COLUMNS = ("id", "kind", "account_id", "other_account_id", "document_id", "mention_start", "span_end",
                          "place_id", "place_name", "lat", "lon", "precision", "note", "created_at", "author",
                          "reason", "fix", "before_text", "after_text", "undone_at", "undone_by", "undo_reason",
                          "applies", "settled")

    def add_correction(self, kind: str, account_id: str, *, other_account_id: str | None = None,
                       note: str | None = None, author: str = "unknown", reason: str = "") -> int:
        """Record a person's correction ("merge"/"split" two accounts' incidents) and re-cluster what it touches;
        its id. An account that is not stored is a LookupError naming it."""
        if kind not in ("merge", "split"):
            raise ValueError(f"correction kind must be 'merge' or 'split', got {kind!r}")
        self._flush()
        known = dict(self.db.rows("SELECT id, document_id FROM accounts WHERE id IN (?, ?)",
                                  (account_id, other_account_id)))
        missing = [x for x in (account_id, other_account_id) if x not in known]
        if missing:
            raise LookupError(f"no account with id {missing[0]!r} in {self.path}")
        with self.transaction():
            cid = self.record_correction(kind, account_id=account_id, other_account_id=other_account_id,
                                         note=note, author=author, reason=reason or note or "")
            self.apply_correction(cid)
        return cid

    def correct_place(self, document_id: str, mention_start: int, *, place_id: str, name: str, lat: float,
                      lon: float, precision: str = "exact", note: str | None = None, author: str = "unknown",
                      reason: str = "", admin1: str | None = None, mention_end: int | None = None,
                      before: str = "") -> int:
        """Record that the mention starting at `mention_start` in a document is this place, and re-cluster; its id."""
        mention = PlaceMention("", 0, 0, name=name, place_id=place_id, lat=lat, lon=lon, precision=precision)
        if self.document(document_id) is None:
            raise LookupError(f"no document with id {document_id!r} in {self.path}")
        with self.transaction():
            cid = self.record_correction("place", document_id=document_id, span=(mention_start, mention_end),
                                         place=(place_id, mention.name, mention.lat, mention.lon, precision),
                                         fix={"admin1": admin1} if admin1 else {}, note=note, author=author,
                                         reason=reason or note or "", before=before, after=name)
            self.apply_correction(cid)
        return cid

    def record_correction(self, kind: str, *, account_id: str = "", other_account_id: str | None = None,
                          document_id: str | None = None, span: tuple[int, int | None] | None = None,
                          place: tuple | None = None, fix: dict | None = None, note: str | None = None,
                          author: str = "unknown", reason: str = "", before: str = "", after: str = "") -> int:
        """Write a correction's row (call inside a transaction, then `apply_correction`); its id. A merge or split
        is also anchored to its account's sentence."""
        if document_id is None and account_id:
            row = self.db.execute("SELECT document_id, start, data FROM accounts WHERE id = ?", (account_id,)
                                  ).fetchone()
            if row:
                a = account_from_json(row[2])
                document_id, span = row[0], (a.start, a.end)
        pid, name, lat, lon, precision = place or (None, None, None, None, None)
        cur = self.db.execute(
            "INSERT INTO corrections (kind, account_id, other_account_id, document_id, mention_start, span_end, "
            "place_id, place_name, lat, lon, precision, note, created_at, author, reason, fix, before_text, "
            "after_text) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
            (kind, account_id or "", other_account_id, document_id, span[0] if span else None,
             span[1] if span else None, pid, name, lat, lon, precision, note, _now(), author, reason,
             _ENCODE(fix or {}), before, after))
        cid = int(cur.fetchone()[0])
        self._fixes = None
        self._wrote = True
        return cid

    def apply_correction(self, correction_id: int) -> None:
        """Re-derive what a correction (made, or undone) touches: its document's accounts, or the incidents of the
        accounts it links; then cluster them again (cost independent of the store's size)."""
        row = self.correction_row(correction_id)
        if row is None:
            raise LookupError(f"no correction #{correction_id} in {self.path}")
        self._fixes = None
        if row["kind"] in LINK_KINDS:
            ids = [row["account_id"], row["other_account_id"], *json.loads(row["fix"]).get("others", ())]
            self._unsettle({r[0] for r in self.db.chunked(
                "SELECT incident_id FROM accounts WHERE incident_id IS NOT NULL AND id IN ({marks})",
                [x for x in ids if x])})
        elif row["document_id"]:
            self._refresh_document(row["document_id"])
        self.recluster()

    def correction_row(self, correction_id: int) -> dict | None:
        """One correction's row as a dict of CORRECTION_COLUMNS, or None."""
        rows = self.correction_rows("WHERE id = ?", (correction_id,))
        return rows[0] if rows else None

    def correction_rows(self, where: str = "", params: Sequence = ()) -> list[dict]:
        """Correction rows (dicts of CORRECTION_COLUMNS) a WHERE clause chooses, oldest first."""
        self._flush()
        return [dict(zip(self.CORRECTION_COLUMNS, r)) for r in self.db.execute(
            f"SELECT {', '.join(self.CORRECTION_COLUMNS)} FROM corrections {where} ORDER BY id", params)]

    def set_correction(self, correction_id: int, **values) -> None:
        """Set columns of one correction's row (undone_at, undone_by, undo_reason, applies, settled)."""
        allowed = {"undone_at", "undone_by", "undo_reason", "applies", "settled", "account_id", "other_account_id",
                   "fix"}
        bad = set(values) - allowed
        if bad:
            raise ValueError(f"cannot set {sorted(bad)[0]!r} of a correction")
        cols = sorted(values)
        self.db.execute(f"UPDATE corrections SET {', '.join(c + ' = ?' for c in cols)} WHERE id = ?",
                        [values[c] for c in cols] + [correction_id])
        self._fixes = None
        self._wrote = True

    def review_flags_of(self, account_ids: Sequence[str]) -> set[tuple[str, str]]:
        """(kind, account id) of the review items these accounts are in."""
        return set(self.db.chunked("SELECT kind, account_id FROM review_flags WHERE account_id IN ({marks})",
                                   account_ids))

    def document_accounts(self, document_id: str) -> list[tuple[Account, str | None]]:
        """A document's accounts as a person corrected them, with their incident ids, in text order."""
        self._flush()
        rows = self.db.rows("SELECT data, incident_id FROM accounts WHERE document_id = ?", (document_id,))
        fixes = self._fixes_of([document_id])
        return sorted(((_corrected(account_from_json(d), fixes), i) for d, i in rows), key=lambda x: x[0].order)

    def anchor_exists(self, row: dict) -> bool:
        """True when what a correction's row is anchored to is still read: the accounts it links, the mention at
        its first character, or its claimant's account of its sentence."""
        if row["kind"] in LINK_KINDS:
            ids = [x for x in (row["account_id"], row["other_account_id"],
                               *json.loads(row["fix"] or "{}").get("others", ())) if x]
            found = {r[0] for r in self.db.chunked("SELECT id FROM accounts WHERE id IN ({marks})", ids)}
            return set(ids) <= found
        values = json.loads(row["fix"] or "{}")
        for data in (r[0] for r in self.db.execute("SELECT data FROM accounts WHERE document_id = ?",
                                                   (row["document_id"],))):
            a = account_from_json(data)
            if row["kind"] == "place" and values.get("anchor") != "sentence":
                if any(m.start == row["mention_start"] for m in a.places):
                    return True
            elif (a.start, a.end) == (row["mention_start"], row["span_end"]) and \
                    values.get("claimed_by") in (None, a.claimed_by):
                return True
        return False

    def merges_of(self, incident_ids: Sequence[str]) -> set[tuple[str, str]]:
        """The possible merges that involve these incidents."""
        ids = list(incident_ids)
        return set(self.db.chunked("SELECT incident_id, other_id FROM merge_candidates WHERE incident_id IN "
                                   "({marks})", ids)) | set(self.db.chunked(
            "SELECT incident_id, other_id FROM merge_candidates WHERE other_id IN ({marks})", ids))

    def _refresh_document(self, document_id: str) -> None:
        """A document's accounts' columns again with the corrections applied (their incidents unsettled), their
        review flags and what they teach the user layer with them."""
        self._fixes = None
        fixes = self._fixes_of([document_id])
        rows = self.db.rows("SELECT id, incident_id, data FROM accounts WHERE document_id = ?", (document_id,))
        self._unsettle({i for _, i, _ in rows if i})
        self._forget([a for a, _, _ in rows])
        fixed = [_corrected(account_from_json(data), fixes) for _, _, data in rows]
        self.db.executemany(
            "UPDATE accounts SET date_min = ?, date_max = ?, killed_min = ?, killed_max = ?, injured_min = ?, "
            "injured_max = ?, casualties_min = ?, casualties_max = ?, victims = ?, lat = ?, lon = ?, coarse = ?, "
            "mentions = ?, quote = ? WHERE id = ?", [self._said(a) for a in fixed])
        self._observe(fixed)
        self._flag(fixed, replace=True)

    def user_layer(self) -> list[Place]:
        """The places this store's imports and corrections taught (`gazetteer.user_layer`), for
        `Gazetteer.with_user_layer`."""
        self._flush()
        return [Place(id=i, name=n, lat=la, lon=lo, admin1=a, source="user",
                      source_id=s + (f"; {note}" if note else ""), names=tuple(ns.split("|")), support=sup)
                for i, n, ns, a, la, lo, s, sup, note in self.db.execute(
                    f"SELECT id, name, names, admin1, lat, lon, sources, support, note FROM {layer.TABLE} ORDER BY id")]

    def link_corrections(self) -> list[tuple[int, str, str, str | None]]:
        """(id, kind, account id, other account id) of every merge and split in force (a split of an account from
        its whole incident is listed once per account it was split from)."""
        out = []
        for cid, kind, a, b, fix in self.db.rows(
                "SELECT id, kind, account_id, other_account_id, fix FROM corrections "
                "WHERE kind IN ('merge', 'split', 'not_about') AND undone_at IS NULL ORDER BY id"):
            kind = "split" if kind == "not_about" else kind
            others = json.loads(fix or "{}").get("others", ())
            out.extend([(cid, kind, a, b)] if b or not others else [(cid, kind, a, o) for o in others])
        return out

    def move_corrections(self, moved: dict[str, str]) -> int:
        """Point merge/split corrections at the accounts old ids became (inside a transaction); how many moved."""
        n = 0
        touched = []
        for cid, a, b, fix in self.db.rows("SELECT id, account_id, other_account_id, fix FROM corrections "
                                           "WHERE kind IN ('merge', 'split', 'not_about') ORDER BY id"):
            values = json.loads(fix or "{}")
            others = values.get("others", [])
            if a in moved or b in moved or any(o in moved for o in others):
                if others:
                    values["others"] = [moved.get(o, o) for o in others]
                self.db.execute("UPDATE corrections SET account_id = ?, other_account_id = ?, fix = ? WHERE id = ?",
                                (moved.get(a, a), moved.get(b, b) if b else b, _ENCODE(values), cid))
                touched += [moved.get(a, a), moved.get(b, b) if b else b, *values.get("others", ())]
                n += 1
        self._unsettle({r[0] for r in self.db.chunked(
            "SELECT incident_id FROM accounts WHERE incident_id IS NOT NULL AND id IN ({marks})", touched)})
        return n

    def links(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """The merges and splits a person recorded (and has not undone), as pairs of account ids."""
        rows = self.link_corrections()
        return ([(a, b) for _, k, a, b in rows if k == "merge" and b],
                [(a, b) for _, k, a, b in rows if k == "split" and b])


#: Corrections that link accounts (by id) rather than change what one says.
LINK_KINDS = ("merge", "split", "not_about")


_EPOCH = dt.date(1970, 1, 1)


def _day(d: dt.date) -> float:
    return float((d - _EPOCH).days)


def _probe_days(node: Node) -> tuple[float, float]:
    """The day range an account's probe of the neighbour index asks for: a dated account's window; an undated one's
    publication day, UNDATED_PUBLISHED_DAYS either side (any day when it is unknown), since the index keeps undated
    accounts by their publication day."""
    if node.dated:
        return _day(node.date_min), _day(node.date_max)
    if node.published is None:
        return NO_START, NO_END
    day = _day(node.published)
    return day - UNDATED_PUBLISHED_DAYS, day + UNDATED_PUBLISHED_DAYS


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


class Fixes:
    """A person's corrections of what accounts say, by their anchors in the text: places by (document, first character
    of the mention); dates, figures and "not a casualty claim" by (document, span of the sentence), for the claimant
    they name. Later corrections of one anchor win."""

    __slots__ = ("places", "claims")

    def __init__(self, rows: Iterable[Sequence] = ()) -> None:
        self.places: dict[tuple[str, int], tuple] = {}
        self.claims: dict[tuple[str, int, int | None], list[tuple[str, dict]]] = defaultdict(list)
        for kind, doc_id, start, end, pid, name, lat, lon, prec, fix in rows:
            values = json.loads(fix or "{}")
            if kind == "place" and values.get("anchor") == "sentence":  # the sentence named no place
                self.claims[(doc_id, start, end)].append((kind, {**values, "place": (pid, name, lat, lon, prec)}))
            elif kind == "place":
                self.places[(doc_id, start)] = (pid, name, lat, lon, prec, values.get("admin1"))
            else:
                self.claims[(doc_id, start, end)].append((kind, values))

    def __bool__(self) -> bool:
        return bool(self.places or self.claims)

    def get(self, key: tuple[str, int]):
        """The place a mention was corrected to (as the dict of earlier versions did)."""
        return self.places.get(key)


FIGURES = ("killed", "injured", "casualties")


def _amended(a: Account, changes: Sequence[tuple[str, dict]]) -> Account:
    """An account with the date, figure and not-a-casualty corrections of its sentence applied (its claimant's)."""
    for kind, values in changes:
        if values.get("claimed_by") not in (None, a.claimed_by):
            continue
        if kind == "place" and not any(m.resolved for m in a.places):
            pid, name, lat, lon, prec = values["place"]
            a = replace(a, places=(*a.places, PlaceMention("", a.start, a.start, name=name, place_id=pid, lat=lat,
                                                           lon=lon, precision=prec, confidence=1.0,
                                                           admin1=values.get("admin1"), why=FROM_CORRECTION)))
        elif kind == "date":
            a = replace(a, date_min=_date(values.get("date_min")), date_max=_date(values.get("date_max")),
                        date_precision="corrected")
        elif kind == "figure":
            field = values["figure_field"]
            a = replace(a, **{f"{field}_min": values.get("figure_min"), f"{field}_max": values.get("figure_max")},
                        details=(*a.details, f"{field} figure (corrected)"))
        elif kind == "not_casualty":
            a = replace(a, **{f"{f}_{end}": None for f in FIGURES for end in ("min", "max")},
                        details=(*a.details, "not a casualty claim (corrected)"))
    return a


def _corrected(a: Account, fixes: Fixes | dict) -> Account:
    """An account with a person's corrections applied: places to its mentions, dates and figures to its claim."""
    places = []
    for m in a.places:
        fix = fixes.get((a.document_id, m.start))
        if fix:
            pid, name, lat, lon, prec, *rest = fix
            m = replace(m, place_id=pid, name=name, lat=lat, lon=lon, precision=prec, confidence=1.0, runners_up=(),
                        why=FROM_CORRECTION, admin1=(rest[0] if rest and rest[0] else m.admin1))
        places.append(m)
    out = replace(a, places=tuple(places)) if places != list(a.places) else a
    claims = getattr(fixes, "claims", None)
    changes = claims.get((a.document_id, a.start, a.end)) if claims else None
    return _amended(out, changes) if changes else out


# -- the command line -------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m incidents.store recluster [--store S]``: derive every incident again."""
    ap = argparse.ArgumentParser(prog="python -m incidents.store", description="Maintain an incidents store.")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("recluster", help="derive every incident and the user layer again from the accounts and the "
                                         "corrections (incremental clustering gives the same incidents)")
    r.add_argument("--store", help=f"a SQLite file or a postgresql:// URL (default: ${STORE_ENV} or the per-user "
                                   "store)")
    args = ap.parse_args(argv)
    target = args.store or default_store_path()
    if not store_exists(target):
        print(f"no store at {target}", file=sys.stderr)
        return 2
    try:
        with Store(target) as store:
            n = len(store.recluster_all())
            print(f"{n:,} incidents from {store.counts()['accounts']:,} accounts; store: {store.path}")
    except StoreError as e:
        print(str(e), file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
