"""Read-only mode in Chromium: a share link's visitor can upload nothing and correct nothing, by widget or by URL."""

from __future__ import annotations

import hashlib

import pytest

from .conftest import serve

#: Parameters a visitor might put in a link hoping to write.
WRITING_PARAMS = ["?incident={id}&correct=place&place_id=x&author=me",
                  "?incident={id}&merge=1&other={id}&editor_password=guess",
                  "?kind=undated&undo=1&author=me&reason=x&editor=1"]


@pytest.fixture(scope="module")
def read_only(tmp_path_factory):
    """A dashboard over the sample store with no editor password: (base URL, store path)."""
    from dashboard.incident_view import ensure_sample_store
    from gazetteer import Gazetteer

    home = tmp_path_factory.mktemp("readonly")
    store = home / "sample.sqlite"
    ensure_sample_store(store, Gazetteer.load())
    for url in serve(store, home, env={"ATLAS_EDITOR_PASSWORD": ""}):
        yield url, store


def fingerprint(store) -> str:
    """A digest of every row of every table of the store: equal when nothing was written."""
    import sqlite3

    digest = hashlib.sha256()
    with sqlite3.connect(f"file:{store}?mode=ro", uri=True) as db:
        tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        for table in tables:
            digest.update(table.encode())
            for row in sorted(map(repr, db.execute(f'SELECT * FROM "{table}"'))):
                digest.update(row.encode())
    return digest.hexdigest()


def first_incident(store) -> str:
    from incidents.store import Store

    with Store(store) as s:
        return s.incidents()[0].id


def shown(page, text: str) -> None:
    page.get_by_text(text).first.wait_for(timeout=60_000)


def test_no_page_offers_a_write_without_the_editor_password(read_only, page):
    url, store = read_only
    before = fingerprint(store)
    incident = first_incident(store)
    for path in ("/ingest", "/review", f"/incident?incident={incident}"):
        page.goto(url + path)
        shown(page, "This view is read-only: start the app with ATLAS_EDITOR_PASSWORD to review and correct.")
        assert page.locator("[data-testid=stFileUploader]").count() == 0
        assert page.locator("input[type=password]").count() == 0  # no password to try: none is configured
        for label in ("Ingest", "Set this place", "Set the date window", "Merge", "Undo", "Not a casualty claim",
                      "Not about this incident", "Split out"):
            assert page.get_by_role("button", name=label).count() == 0, (path, label)
    page.goto(url + "/review")
    shown(page, "to review")
    assert page.get_by_text("Correct", exact=True).count() == 0
    assert fingerprint(store) == before


@pytest.mark.parametrize("params", WRITING_PARAMS)
def test_a_link_cannot_write(read_only, page, params):
    url, store = read_only
    before = fingerprint(store)
    incident = first_incident(store)
    for path in ("/incident", "/review", "/ingest"):
        page.goto(url + path + params.format(id=incident))
        shown(page, "This view is read-only")
    assert fingerprint(store) == before
