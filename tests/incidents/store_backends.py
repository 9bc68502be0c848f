"""The store's backends for tests: every store test runs on SQLite and on PostgreSQL/PostGIS.

PostgreSQL needs a server: set ATLAS_TEST_POSTGRES to a URL of a database on a server with PostGIS whose user may
create databases (``.ci/run`` starts a throwaway one and sets it). Each test gets a schema of its own in one database
made for the run, dropped afterwards. Without the variable the PostgreSQL runs are skipped, saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

from incidents.store import Store

TEST_SERVER_ENV = "ATLAS_TEST_POSTGRES"
SKIP_MESSAGE = (f"PostgreSQL store tests skipped: set {TEST_SERVER_ENV}=postgresql://USER@HOST/DB (a server with "
                "PostGIS whose user may create databases); .ci/run starts a throwaway server and sets it")
BACKENDS = ("sqlite", "postgresql")


def with_database(url: str, database: str, **options: str) -> str:
    """A connection URL to another database of the same server (and libpq options added)."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(options)
    return urlunsplit((parts.scheme, parts.netloc, "/" + database, urlencode(query), ""))


@pytest.fixture(scope="session")
def postgres_database() -> Iterator[str]:
    """A database made for this run on the test server, with PostGIS (dropped at the end)."""
    server = os.environ.get(TEST_SERVER_ENV)
    if not server:
        pytest.skip(SKIP_MESSAGE)
    import psycopg

    name = f"atlas_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    url = with_database(server, name)
    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE EXTENSION IF NOT EXISTS postgis")
    try:
        yield url
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def fresh_postgres(database_url: str) -> tuple[str, object]:
    """A URL whose tables live in a new empty schema of the test database, and a function dropping it."""
    import psycopg

    schema = f"s_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database_url, autocommit=True) as db:
        db.execute(f"CREATE SCHEMA {schema}")

    def drop() -> None:
        with psycopg.connect(database_url, autocommit=True) as db:
            db.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")

    return with_database(database_url, urlsplit(database_url).path.lstrip("/"),
                         options=f"-csearch_path={schema},public"), drop


@pytest.fixture(params=BACKENDS)
def target(request, tmp_path) -> Iterator[str]:
    """A new empty store's target: a SQLite file, or a PostgreSQL URL (a schema of its own)."""
    if request.param == "sqlite":
        yield str(tmp_path / "s.sqlite")
        return
    url, drop = fresh_postgres(request.getfixturevalue("postgres_database"))
    try:
        yield url
    finally:
        drop()


@pytest.fixture
def store(target) -> Iterator[Store]:
    """An open empty store on each backend."""
    with Store(target) as s:
        yield s
