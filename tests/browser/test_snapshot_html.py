"""The HTML snapshot in a real browser, opened from file:// with every other request aborted: the markers draw,
a popup shows escaped text and jumps to the accounts below the map, and nothing is requested from anywhere."""

import dataclasses
import tempfile
from pathlib import Path
from urllib.parse import urlparse

import pytest

from incidents.maps.snapshot import snapshot_html
from incidents.model import Account, Incident, PlaceMention

from .mapping import MARKERS, clickable, incidents_drawn, open_popup

HOSTILE = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
LOCAL = ("file", "data", "about")


@pytest.fixture
def sample(sample_incidents):
    """The sample store's incidents and its documents' URLs (built once for the session)."""
    return sample_incidents


@pytest.fixture
def offline_page(page):
    """The page with every request that is not file:// or data: aborted and recorded in `page.blocked`."""
    page.blocked = []
    page.dialogs = []

    def handle(route):
        if urlparse(route.request.url).scheme in LOCAL:
            route.continue_()
        else:
            page.blocked.append(route.request.url)
            route.abort()

    page.route("**/*", handle)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def open_snapshot(page, html: str, folder: Path) -> None:
    path = folder / "snapshot.html"
    path.write_text(html, encoding="utf-8")
    page.goto(path.as_uri(), wait_until="load")
    page.locator(".leaflet-container").wait_for(timeout=30_000)


def assert_nothing_left(page) -> None:
    assert page.blocked == []
    assert [u for u in page.requested if urlparse(u).scheme not in LOCAL] == []


def test_the_sample_snapshot_draws_every_located_incident_offline(offline_page, sample, tmp_path):
    incidents, docs = sample
    located = [i for i in incidents if i.point]
    open_snapshot(offline_page, snapshot_html(incidents, title="Sample snapshot", urls=docs), tmp_path)
    markers = offline_page.locator(MARKERS)
    markers.first.wait_for(timeout=30_000)
    offline_page.locator(".atlas-legend").wait_for(timeout=10_000)
    frame = offline_page.main_frame
    assert incidents_drawn(frame) == len(located) > 0  # co-located incidents share a circle
    assert offline_page.locator(".atlas-label").count() > 0  # place names, inlined
    assert offline_page.locator("h1").inner_text() == "Sample snapshot"
    assert offline_page.locator("section.snap-incident").count() == len(incidents)
    largest = max(located, key=lambda i: i.killed_max or -1)
    for k in clickable(frame):
        popup = open_popup(offline_page, frame, k)
        if popup.locator(f"a[data-incident='{largest.id}']").count():
            break
    assert f"{largest.killed_max} killed" in popup.inner_text()
    offline_page.screenshot(path=str(Path(tempfile.gettempdir()) / "atlas-snapshot.png"), full_page=True)
    assert_nothing_left(offline_page)


def test_a_popup_shows_hostile_text_as_text_and_jumps_to_the_accounts(offline_page, tmp_path):
    place = PlaceMention(HOSTILE, 0, 5, name=HOSTILE, place_id="t:x", lat=34.69, lon=40.83, precision="exact")
    evil = Account(document_id="d1", file="d1.txt", article=0, quote=IMG, start=0, end=5, claimed_by=HOSTILE,
                   outlet=IMG, places=(place,), killed_min=3, killed_max=3)
    other = dataclasses.replace(evil, claimed_by="SOHR", killed_min=9, killed_max=9, quote="q", outlet="SOHR")
    html = snapshot_html([Incident(HOSTILE, (evil, other))], title=HOSTILE, description=IMG)
    open_snapshot(offline_page, html, tmp_path)
    marker = offline_page.locator(MARKERS)
    marker.first.wait_for(timeout=30_000)
    assert marker.count() == 1
    popup = open_popup(offline_page, offline_page.main_frame, 0)
    assert HOSTILE in popup.inner_text() and IMG in popup.inner_text()
    assert popup.locator("img, script").count() == 0
    assert offline_page.locator("img[src='x']").count() == 0
    assert offline_page.locator("h1").inner_text() == HOSTILE
    popup.get_by_text("Open the accounts side by side").click()
    entry = offline_page.locator("section.snap-incident").first
    offline_page.wait_for_function("() => location.hash.startsWith('#incident-')", timeout=10_000)
    assert entry.evaluate("e => e.matches(':target')")
    table = entry.locator("table").inner_text()
    assert HOSTILE in table and "SOHR" in table and "3 killed" in table and "9 killed" in table
    assert offline_page.dialogs == []
    assert_nothing_left(offline_page)
