"""The Map and Incident pages in a real browser: markers drawn offline, an incident link, nothing leaves 127.0.0.1."""

import os
import tempfile
from pathlib import Path

import pytest

from .test_gazetteer_page import outside

FOLIUM = "iframe[title='streamlit_folium.st_folium']"


def shot(name: str) -> str:
    return str(Path(tempfile.gettempdir()) / f"atlas-{name}.png")


@pytest.fixture(scope="module")
def kamal(tmp_path_factory):
    """The id of the Abu Kamal strike in a store built from the sample the way the dashboard builds it."""
    from dashboard.incident_view import ensure_sample_store
    from gazetteer import Gazetteer
    from incidents.store import Store

    home = tmp_path_factory.mktemp("kamal")
    os.environ.setdefault("ATLAS_CACHE_DIR", str(home / "cache"))
    path = home / "sample.sqlite"
    ensure_sample_store(path, Gazetteer.load())
    with Store(path) as store:
        found = [i.id for i in store.incidents() if {a.claimed_by for a in i.accounts} == {"SANA", "SOHR"}]
    assert len(found) == 1
    return found[0]


def test_the_map_draws_the_incidents_offline(dashboard, page):
    page.goto(f"{dashboard}/", wait_until="domcontentloaded")
    page.get_by_text("incidents match").first.wait_for(timeout=90_000)
    frame = page.frame_locator(FOLIUM)
    frame.locator(".leaflet-container").wait_for(timeout=60_000)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    frame.locator(".atlas-legend").wait_for(timeout=10_000)
    assert frame.locator("path.leaflet-interactive").count() == 16  # every located incident, dated or not
    page.screenshot(path=shot("map-page"), full_page=True)
    assert outside(page.requested) == []


def test_a_popup_lists_the_accounts(dashboard, page):
    page.goto(f"{dashboard}/?undated=1&disputed=1&q=Albukamal", wait_until="domcontentloaded")
    frame = page.frame_locator(FOLIUM)
    marker = frame.locator("path.leaflet-interactive")
    marker.first.wait_for(timeout=90_000)
    assert marker.count() == 1
    marker.first.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    text = popup.inner_text()
    assert "SANA" in text and "SOHR" in text and "30–54" in text
    assert popup.locator("a[target='_top']").get_attribute("href").startswith("/?incident=")
    page.screenshot(path=shot("map-popup"), full_page=True)
    assert outside(page.requested) == []


def test_an_incident_link_opens_the_accounts_side_by_side(dashboard, page, kamal):
    page.goto(f"{dashboard}/?incident={kamal}", wait_until="domcontentloaded")
    page.get_by_text("The accounts disagree").first.wait_for(timeout=90_000)
    body = page.locator("[data-testid='stMain']").inner_text()
    for needle in ("SANA", "SOHR", "30", "54"):
        assert needle in body
    assert page.locator("mark").first.inner_text().startswith("Syrian state media agency SANA")
    page.frame_locator(FOLIUM).locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    page.screenshot(path=shot("incident-page"), full_page=True)
    page.locator("mark").first.scroll_into_view_if_needed()
    page.screenshot(path=shot("incident-quote"))
    assert outside(page.requested) == []


def test_zooming_the_map_writes_the_view_into_the_url(dashboard, page):
    page.goto(f"{dashboard}/?disputed=1", wait_until="domcontentloaded")
    frame = page.frame_locator(FOLIUM)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=90_000)
    assert "zoom=" not in page.url  # a map that was not moved leaves the link plain
    frame.locator(".leaflet-control-zoom-in").click()
    page.wait_for_url("**zoom=*", timeout=30_000)
    assert "disputed=1" in page.url and "center=" in page.url
    moved = page.url
    page.goto(moved, wait_until="domcontentloaded")  # the link reproduces the view
    frame = page.frame_locator(FOLIUM)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=90_000)
    zoom = moved.split("zoom=")[1].split("&")[0]
    assert page.evaluate("() => new URL(location.href).searchParams.get('zoom')") == zoom
    assert outside(page.requested) == []
