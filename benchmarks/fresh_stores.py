"""New empty stores for the benchmarks: SQLite files in a folder, or schemas of their own on a PostgreSQL server.

    with FreshStores(folder, "postgresql://postgres@/bench?host=/run/pg&port=5432") as stores:
        target = stores.new("run0")        # a URL whose tables live in a new schema (search_path set in it)
        with Store(target) as store: ...
        stores.size_mb(target)             # the schema's tables with their indexes and TOAST
    # every schema made is dropped here

The server's database must have PostGIS or let the user create it (it is made in `public`, as the store expects).
Without a server the targets are SQLite files in the folder, removed with it by the caller.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from types import TracebackType
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def in_schema(url: str, schema: str) -> str:
    """The URL with the schema first on its search path (libpq's `options`), other settings kept."""
    parts = urlsplit(url)
    query = {**dict(parse_qsl(parts.query)), "options": f"-csearch_path={schema},public"}
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def schema_of(url: str) -> str | None:
    """The schema a URL made by `in_schema` names, or None."""
    options = dict(parse_qsl(urlsplit(url).query)).get("options", "")
    prefix = "-csearch_path="
    return options[len(prefix):].split(",")[0] if options.startswith(prefix) else None


def files_mb(path: Path) -> float:
    """A SQLite store's files on disk (the database, its -wal and -shm), in MB."""
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*")) / 1e6


def sqlite_parts_mb(path: Path) -> dict[str, tuple[float, float]]:
    """`FreshStores.parts_mb` of a SQLite file: the pages of each b-tree (SQLite's dbstat), by the table they serve."""
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        kinds = {name: (kind, table) for kind, name, table in db.execute(
            "SELECT type, name, tbl_name FROM sqlite_master")}
        rtrees = {name for name, (kind, _) in kinds.items() if kind == "table" and f"{name}_node" in kinds}
        parts: dict[str, list[float]] = {}
        for name, size in db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name"):
            kind, table = kinds.get(name, ("table", name))
            owner, slot = (table, 1) if kind == "index" else (name, 0)
            stem, _, suffix = name.rpartition("_")
            if stem in rtrees and suffix in ("node", "rowid", "parent"):
                owner, slot = stem, 0
            if name in ("sqlite_schema", "sqlite_master"):
                owner = "schema"
            parts.setdefault(owner, [0.0, 0.0])[slot] += size / 1e6
    return {name: (data, index) for name, (data, index) in parts.items()}


class FreshStores:
    """New stores, each a SQLite file in `folder` or, given a server URL, a new schema there (dropped by `close`)."""

    def __init__(self, folder: Path, server: str | None = None) -> None:
        self.folder, self.server = folder, server
        self.schemas: list[str] = []

    @property
    def backend(self) -> str:
        """ "PostgreSQL" or "SQLite"."""
        return "PostgreSQL" if self.server else "SQLite"

    def _connect(self, url: str | None = None):
        import psycopg

        return psycopg.connect(url or self.server, autocommit=True)

    def new(self, name: str) -> str:
        """The target of a new empty store: a file path, or a URL of a new schema."""
        if not self.server:
            return str(self.folder / f"{name}.sqlite")
        schema = f"bench_{name}_{uuid.uuid4().hex[:8]}".lower()
        with self._connect() as db:
            db.execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
            db.execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        return in_schema(self.server, schema)

    def size_mb(self, target: str) -> float:
        """What a store takes: its files on disk, or its schema's tables with their indexes and TOAST, in MB."""
        if (schema_of(target) if self.server else None) is None:
            return files_mb(Path(target))
        return sum(data + index for data, index in self.parts_mb(target).values())

    def parts_mb(self, target: str) -> dict[str, tuple[float, float]]:
        """What each table of a store takes, in MB: {table: (its rows, its indexes)}. A SQLite R-tree counts as a
        table of its own (its node, rowid and parent tables together); SQLite's own schema is "schema"."""
        schema = schema_of(target) if self.server else None
        if schema is None:
            return sqlite_parts_mb(Path(target))
        with self._connect() as db:
            rows = db.execute("SELECT c.relname, pg_total_relation_size(c.oid) - pg_indexes_size(c.oid), "
                              "pg_indexes_size(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                              "WHERE n.nspname = %s AND c.relkind = 'r'", (schema,)).fetchall()
        return {name: (float(data) / 1e6, float(index) / 1e6) for name, data, index in rows}

    def drop(self, target: str) -> None:
        """Drop one store made here (a schema; a SQLite file is left to the folder's removal)."""
        schema = schema_of(target) if self.server else None
        if schema in self.schemas:
            with self._connect() as db:
                db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            self.schemas.remove(schema)

    def close(self) -> None:
        """Drop every schema made and not dropped yet."""
        if self.server and self.schemas:
            with self._connect() as db:
                for schema in self.schemas:
                    db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            self.schemas.clear()

    def server_name(self) -> str:
        """ "PostgreSQL 15.4, PostGIS 3.3.2" (the server's versions), or "SQLite 3.45.1"."""
        if not self.server:
            import sqlite3

            return f"SQLite {sqlite3.sqlite_version}"
        with self._connect() as db:
            version = db.execute("SHOW server_version").fetchone()[0].split()[0]
            postgis = db.execute("SELECT extversion FROM pg_extension WHERE extname = 'postgis'").fetchone()
        return f"PostgreSQL {version}" + (f", PostGIS {postgis[0]}" if postgis else "")

    def __enter__(self) -> FreshStores:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
