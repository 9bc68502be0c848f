"""The store on a PostgreSQL server with PostGIS, for a team sharing one database (psycopg 3).

    ATLAS_STORE=postgresql://atlas@db.example.org/atlas python -m incidents import --format acled acled.csv

The schema is the SQLite one with PostgreSQL's types (`incidents.sql.POSTGRES`), plus PostGIS geometry: each
incident's point (``incidents.geom``, GiST-indexed, what QGIS and other GIS tools read) and each account's box in
space and time (``accounts.box``: longitude, latitude, day and whether the window is known, under an n-dimensional
GiST index) that clustering asks for neighbours; an undated account's box (``accounts.undated_box``) holds its
article's publication day instead (every day when unknown). A write transaction holds an advisory lock, so two
people ingesting at once write one after the other: neither loses rows, and a document both bring is stored once.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from .errors import StoreError
from .sql import NO_END, NO_START, POSTGRES, Database, Probe, StoreLockedError, lock_timeout

#: The advisory lock every write transaction holds (any fixed number; the same for every program using the store).
WRITE_LOCK = 0x1AC1DE47
_PASSWORD = re.compile(r"(://[^:/@]+):[^@/]*@")


def without_password(url: str) -> str:
    """A URL fit for messages: its password left out."""
    return _PASSWORD.sub(r"\1:***@", url)


def _psycopg():
    try:
        import psycopg
    except ImportError as e:  # an optional dependency: say what to install
        raise StoreError("a postgresql:// store needs psycopg 3: pip install 'incident-atlas[postgres]' "
                         "(or pip install 'psycopg[binary]')") from e
    return psycopg


class PostgresDatabase(Database):
    """A PostgreSQL database with PostGIS (created on first use when the user may create extensions)."""

    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        super().__init__()
        self.label = without_password(url)
        psycopg = _psycopg()
        self._errors = psycopg.Error
        try:
            self.connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as e:
            raise StoreError(f"cannot open store {self.label}: {str(e).strip()}") from e
        self._sql: dict[str, str] = {}
        self._postgis()

    def _postgis(self) -> None:
        if self.value("SELECT 1 FROM pg_extension WHERE extname = 'postgis'"):
            return
        try:
            self.execute("SELECT pg_advisory_lock(?)", (WRITE_LOCK,))
            try:
                self.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            finally:
                self.execute("SELECT pg_advisory_unlock(?)", (WRITE_LOCK,))
        except self._errors as e:
            raise StoreError(f"store {self.label} needs PostGIS: ask the database's owner to run "
                             f"'CREATE EXTENSION postgis' in it ({str(e).strip()})") from e

    def _translate(self, sql: str) -> str:
        out = self._sql.get(sql)
        if out is None:
            out = self._sql[sql] = sql.replace("%", "%%").replace("?", "%s")
        return out

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(self._translate(sql), tuple(params) if params else None)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self.connection.cursor() as cur:
                cur.executemany(self._translate(sql), rows)

    def chunked(self, sql: str, keys: Sequence[Any], size: int = 500) -> Iterator[tuple]:
        """As `Database.chunked`, in one query: ``IN ({marks})`` becomes ``= ANY(?)`` with the keys as one array
        (no statement of hundreds of placeholders for the client to write and the server to parse)."""
        keys = list(keys)
        if keys:
            yield from self.execute(sql.replace("IN ({marks})", "= ANY(?)"), (keys,))

    def insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        with self.connection.cursor() as cur, cur.copy(f"COPY {table} ({','.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def set_column(self, table: str, column: str, key: str, pairs: Sequence[tuple[Any, Any]]) -> None:
        """As `Database.set_column` (text values, integer keys): copied into a temporary table, one UPDATE."""
        if not pairs:
            return
        self.execute("CREATE TEMP TABLE IF NOT EXISTS changes (v TEXT, k BIGINT)")
        self.execute("TRUNCATE changes")
        self.insert("changes", ("v", "k"), pairs)
        self.execute(f"UPDATE {table} t SET {column} = c.v FROM changes c WHERE t.{key} = c.k")

    def tables(self) -> set[str]:
        return {r[0] for r in self.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")}

    def columns(self, table: str) -> list[str]:
        return [r[0] for r in self.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
            "AND table_name = ? ORDER BY ordinal_position", (table,))]

    def _begin(self) -> None:
        waited = lock_timeout()
        self.execute("BEGIN")
        self.execute(f"SET LOCAL lock_timeout = {max(1, round(waited * 1000))}")  # ms; 0 would wait for ever
        try:
            self.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        except _psycopg().errors.LockNotAvailable as e:
            self.execute("ROLLBACK")
            raise StoreLockedError(self.label, waited) from e

    def close(self) -> None:
        self.connection.close()

    def index_ddl(self) -> str:
        day = "(({col} - DATE '1970-01-01')::double precision)"
        dated = "date_min IS NOT NULL AND date_max IS NOT NULL"
        return f"""
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS box geometry GENERATED ALWAYS AS (CASE WHEN lat IS NOT NULL AND {dated}
  THEN ST_MakeLine(ST_MakePoint(lon, lat, {day.format(col='date_min')}), ST_MakePoint(lon, lat,
  {day.format(col='date_max')})) END) STORED;
CREATE INDEX IF NOT EXISTS accounts_box ON accounts USING GIST (box gist_geometry_ops_nd);
{self._AREA_DDL};
ALTER TABLE accounts ADD COLUMN IF NOT EXISTS undated_box geometry GENERATED ALWAYS AS (CASE WHEN lat IS NOT NULL
  AND NOT ({dated}) THEN ST_MakeLine(ST_MakePoint(lon, lat, COALESCE({day.format(col='published')}, {NO_START})),
  ST_MakePoint(lon, lat, COALESCE({day.format(col='published')}, {NO_END}))) END) STORED;
CREATE INDEX IF NOT EXISTS accounts_undated_box ON accounts USING GIST (undated_box gist_geometry_ops_nd);
ALTER TABLE incidents ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326) GENERATED ALWAYS AS
  (CASE WHEN lat IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED;
CREATE INDEX IF NOT EXISTS incidents_geom ON incidents USING GIST (geom)"""

    _AREA_DDL = "CREATE INDEX IF NOT EXISTS accounts_area_box ON accounts USING GIST (box gist_geometry_ops_nd) " \
                "WHERE coarse = 1"
    _has_areas = False

    def refresh_statistics(self, tables: Sequence[str]) -> None:
        """ANALYZE the tables (it counts this transaction's own rows): statistics taken while no account had an
        incident yet make the planner expect one clustered account and walk every probe for each of thousands."""
        for table in tables:
            self.execute(f"ANALYZE {table}")

    def ensure_area_index(self) -> None:
        if not self._has_areas:
            if not self.value("SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND "
                              "indexname = 'accounts_area_box'"):
                self.execute(self._AREA_DDL)
            self._has_areas = True

    def renew_undated_index(self) -> bool:
        """Stores made before undated accounts were kept by publication day hold them as points (``spot``): that
        column goes (`index_ddl` has made ``undated_box`` beside it)."""
        if "spot" not in self.columns("accounts"):
            return False
        self.execute("DROP INDEX IF EXISTS accounts_spot")
        self.execute("ALTER TABLE accounts DROP COLUMN spot")
        return True

    def near(self, probes: Sequence[Probe], columns: str, *, unless: Sequence[tuple[int, str]] = (),
             where: str = "", areas: bool = False) -> Iterator[tuple]:
        if areas:
            self.ensure_area_index()
            where = f"a.coarse = 1 AND ({where})" if where else "a.coarse = 1"
        self.execute("CREATE TEMP TABLE IF NOT EXISTS probes (k INTEGER, lat0 DOUBLE PRECISION, lat1 DOUBLE PRECISION, "
                     "lon0 DOUBLE PRECISION, lon1 DOUBLE PRECISION, day0 DOUBLE PRECISION, day1 DOUBLE PRECISION, "
                     "dated INTEGER)")
        self.execute("TRUNCATE probes")
        self.insert("probes", ("k", "lat0", "lat1", "lon0", "lon1", "day0", "day1", "dated"), probes)
        self.execute("ANALYZE probes")
        if unless:
            self.execute("CREATE TEMP TABLE IF NOT EXISTS probe_claimants (k INTEGER, who TEXT, "
                         "PRIMARY KEY (k, who))")
            self.execute("TRUNCATE probe_claimants")
            self.insert("probe_claimants", ("k", "who"), sorted(set(unless)))
            self.execute("ANALYZE probe_claimants")
        rest = "JOIN incidents i ON i.id = a.incident_id"
        also = self._near_filter(unless, where)
        yield from self.execute(
            f"SELECT p.k, {columns} FROM probes p JOIN accounts a ON a.box &&& ST_MakeLine(ST_MakePoint(p.lon0, "
            f"p.lat0, p.day0), ST_MakePoint(p.lon1, p.lat1, p.day1)){' AND a.coarse = 1' if areas else ''} {rest} "
            f"WHERE p.dated = 1{also}")
        if areas:
            return
        yield from self.execute(
            f"SELECT p.k, {columns} FROM probes p JOIN accounts a ON a.undated_box &&& ST_MakeLine(ST_MakePoint("
            f"p.lon0, p.lat0, p.day0), ST_MakePoint(p.lon1, p.lat1, p.day1)) {rest} WHERE p.dated = 0{also}")
