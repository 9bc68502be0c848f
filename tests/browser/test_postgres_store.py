"""The dashboard on a team's PostgreSQL store (ATLAS_STORE=postgresql://…) in a real browser: the Map page draws its
incidents, their popups open, and what another person writes to the server shows on the next visit.

Needs a PostgreSQL server with PostGIS: ATLAS_TEST_POSTGRES (see tests/incidents/store_backends.py); skipped without.
"""

from __future__ import annotations

import datetime as dt

import pytest

from ..incidents.store_backends import postgres_database  # noqa: F401 (a fixture: a database made for this run)
from .conftest import serve
from .mapping import clickable, incidents_drawn, open_popup, wait_for_incidents, wait_for_markers
from .test_gazetteer_page import outside

#: Incidents put in the server's store before the dashboard starts, far enough apart to stay apart.
STRIKES = 12


def add_strike(store, k: int) -> None:
    """One document whose one account is one incident, in village `k` of a row across Deir ez-Zor."""
    from incidents.model import Account, Document, PlaceMention

    text = f"Strike on Village {k}\n\nLocal sources said {k + 2} people were killed in Village {k}."
    doc = Document(text=text, file=f"server{k}.txt", outlet="Team Wire", title=f"Strike on Village {k}")
    place = PlaceMention(f"Village {k}", 0, 9, name=f"Village {k}", place_id=f"pg{k}", lat=34.6 + 0.01 * k,
                         lon=39.6 + 0.2 * k, precision="exact", admin1="SY09")
    store.add_document(doc, [Account(
        document_id=doc.id, file=doc.file, article=0, quote=text.split("\n")[-1], start=0, end=10,
        claimed_by="local sources", outlet="Team Wire", places=(place,), date_min=dt.date(2018, 3, 1 + k),
        date_max=dt.date(2018, 3, 1 + k), killed_min=k + 2, killed_max=k + 2)])


@pytest.fixture(scope="module")
def server_store(postgres_database):  # noqa: F811 (the fixture imported above)
    """A store on the test server holding STRIKES incidents; its URL."""
    from incidents.store import Store

    with Store(postgres_database) as store, store.transaction():
        for k in range(STRIKES):
            add_strike(store, k)
        store.recluster()
    return postgres_database


@pytest.fixture(scope="module")
def server_dashboard(server_store, tmp_path_factory):
    """The base URL of a dashboard whose ATLAS_STORE is the server's store."""
    home = tmp_path_factory.mktemp("pg-dash")
    yield from serve(home / "unused.sqlite", home, env={"ATLAS_STORE": server_store})


def test_the_map_draws_a_server_store_and_follows_what_others_write(server_store, server_dashboard, page):
    from incidents.store import Store

    page.goto(f"{server_dashboard}/", wait_until="domcontentloaded")
    page.get_by_text(f"{STRIKES} of {STRIKES} incidents match").wait_for(timeout=90_000)
    frame = wait_for_markers(page)
    wait_for_incidents(frame, STRIKES)
    assert incidents_drawn(frame) == STRIKES
    popup = open_popup(page, frame, clickable(frame)[0])
    text = popup.inner_text()
    assert "Village" in text and "local sources" in text and "Open the accounts side by side" in text

    with Store(server_store) as store, store.transaction():  # another person's import, on the server
        add_strike(store, STRIKES)
        store.recluster()
    page.goto(f"{server_dashboard}/", wait_until="domcontentloaded")
    page.get_by_text(f"{STRIKES + 1} of {STRIKES + 1} incidents match").wait_for(timeout=90_000)
    wait_for_incidents(wait_for_markers(page), STRIKES + 1)
    assert outside(page.requested) == []
