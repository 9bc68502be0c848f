"""The Map and Incident pages in a real browser, doing what a person does: every incident reachable from the map
in two clicks, a popup's link landing on the incident, the map fitting filters until the person moves it, the date
window and the timeline, a share link, keyboard use and a phone's width; nothing leaves 127.0.0.1."""

import os
import tempfile
from pathlib import Path

import pytest

from gazetteer import distance_km

from .mapping import (MARKERS, clickable, close_popup, incidents_drawn, linked_ids, map_frame, marker_count,
                      open_popup, wait_for_incidents, wait_for_markers)
from .test_gazetteer_page import outside


def shot(name: str) -> str:
    return str(Path(tempfile.gettempdir()) / f"atlas-{name}.png")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    """The incidents of a store built from the sample the way the dashboard builds it: id -> incident."""
    from dashboard.incident_view import ensure_sample_store
    from gazetteer import Gazetteer
    from incidents.store import Store

    home = tmp_path_factory.mktemp("sample")
    os.environ.setdefault("ATLAS_CACHE_DIR", str(home / "cache"))
    path = home / "sample.sqlite"
    ensure_sample_store(path, Gazetteer.load())
    with Store(path) as store:
        return {i.id: i for i in store.incidents()}


@pytest.fixture(scope="module")
def kamal(sample):
    """The id of the Abu Kamal strike (SANA and SOHR disagree)."""
    found = [i for i, inc in sample.items() if {a.claimed_by for a in inc.accounts} == {"SANA", "SOHR"}]
    assert len(found) == 1
    return found[0]


def open_map(page, url: str):
    """Open the Map page at `url` and return the map's frame once its circles are drawn."""
    page.goto(url, wait_until="domcontentloaded")
    return wait_for_markers(page)


def map_view(frame) -> tuple[float, float, int]:
    frame.wait_for_function("() => typeof map !== 'undefined'", timeout=60_000)  # the map's script has run
    return tuple(frame.evaluate("() => [map.getCenter().lat, map.getCenter().lng, map.getZoom()]"))


def test_the_map_draws_the_incidents_offline_with_names(dashboard, page, sample):
    frame = open_map(page, f"{dashboard}/")
    frame.locator(".atlas-legend").wait_for(timeout=10_000)
    frame.locator(".atlas-label").first.wait_for(timeout=30_000)
    located = [i for i in sample.values() if i.point]
    assert incidents_drawn(frame) == len(located) == 16  # every located incident, dated or not
    assert marker_count(frame) < len(located)  # incidents at one point share a circle
    labels = frame.locator(".atlas-label").all_inner_texts()
    assert any("DEIR" in t.upper() and "دير الزور" in t for t in labels)  # a governorate, Latin and Arabic
    assert any("Euphrates" in t for t in labels)
    assert any("Mayadin" in t for t in labels)  # a town
    assert page.get_by_text("Deploy", exact=True).count() == 0  # a viewer's toolbar
    page.screenshot(path=shot("map-page"), full_page=True)
    assert outside(page.requested) == []


def test_every_incident_is_reachable_in_two_clicks(dashboard, page, sample):
    frame = open_map(page, f"{dashboard}/")
    reached: dict[str, int] = {}
    for k in range(marker_count(frame)):
        popup = open_popup(page, frame, k)  # first click
        ids = linked_ids(popup)  # the second click is any of these links
        assert ids and len(ids) == len(set(ids))
        for i in ids:
            reached[i] = len(ids)
        close_popup(frame)
    located = {i for i, inc in sample.items() if inc.point}
    assert set(reached) == located
    for a, b in [(a, b) for a in located for b in located if a < b]:
        if distance_km(sample[a].point, sample[b].point) < 0.1:  # one point, or a few metres apart
            assert reached[a] > 1 and reached[b] > 1  # listed together in one popup
    assert outside(page.requested) == []


def test_a_popup_link_opens_the_incident_and_back_returns_to_the_same_view(dashboard, page, kamal):
    frame = open_map(page, f"{dashboard}/?disputed=1")
    assert "zoom=" not in page.url  # a map that was not moved leaves the link plain
    frame.locator(".leaflet-control-zoom-out").click()
    page.wait_for_url("**zoom=*", timeout=30_000)
    moved = page.url
    frame = map_frame(page)
    index = next(k for k in clickable(frame) if "Abu Kamal" in frame.locator(MARKERS).nth(k).get_attribute("aria-label"))
    popup = open_popup(page, frame, index)
    assert "SANA" in popup.inner_text() and "SOHR" in popup.inner_text()
    popup.locator(f"a[data-incident='{kamal}']").click()
    page.get_by_text("The accounts disagree").first.wait_for(timeout=60_000)
    assert page.url.endswith(f"?incident={kamal}")
    assert "SANA" in page.locator("[data-testid='stMain']").inner_text()
    page.get_by_text("Back to the map").click()
    page.wait_for_url(moved, timeout=30_000)  # the same filters and view
    zoom = moved.split("zoom=")[1].split("&")[0]
    assert map_view(wait_for_markers(page))[2] == int(zoom)
    assert outside(page.requested) == []


@pytest.mark.parametrize("path", ["/?incident={id}", "/incident?incident={id}"])
def test_a_link_to_an_incident_opens_its_page(dashboard, page, kamal, path):
    page.goto(dashboard + path.format(id=kamal), wait_until="domcontentloaded")
    page.get_by_text("The accounts disagree").first.wait_for(timeout=90_000)
    assert page.url.endswith(f"/incident?incident={kamal}")
    assert page.get_by_text("Page not found").count() == 0
    assert outside(page.requested) == []


def test_the_incident_pages_small_map_opens_another_incident(dashboard, page, kamal):
    page.goto(f"{dashboard}/?incident={kamal}", wait_until="domcontentloaded")
    page.get_by_text("The accounts disagree").first.wait_for(timeout=90_000)
    assert page.locator("mark").first.inner_text().startswith("Syrian state media agency SANA")
    frame = wait_for_markers(page)
    page.screenshot(path=shot("incident-page"), full_page=True)
    target = None
    for k in clickable(frame):
        popup = open_popup(page, frame, k)
        others = [i for i in linked_ids(popup) if i != kamal]
        if others:
            target = others[0]
            popup.locator(f"a[data-incident='{target}']").click()
            break
        close_popup(frame)
    assert target is not None
    page.wait_for_url(f"**incident={target}", timeout=60_000)
    assert outside(page.requested) == []


def test_picking_a_row_of_the_table_finds_its_incident_on_the_map(dashboard, page, sample):
    frame = open_map(page, f"{dashboard}/")
    ranked = sorted((i for i in sample.values() if i.point), key=lambda i: (-(i.killed_max or -1), i.id))
    grid = page.locator("[data-testid='stDataFrame']").first
    grid.scroll_into_view_if_needed()
    box = grid.bounding_box()
    page.mouse.click(box["x"] + 18, box["y"] + 35 + 35 * 2 + 17)  # the third row's selection box
    wanted = ranked[2]
    frame.wait_for_function("(id) => atlas.state.focus === id", arg=wanted.id, timeout=30_000)
    popup = frame.locator(".leaflet-popup-content")
    assert wanted.id in linked_ids(popup)  # its popup is open
    assert frame.evaluate("([lat, lon]) => map.getBounds().contains([lat, lon])", list(wanted.point))
    selected = frame.locator(f"{MARKERS}[stroke='#111111']")
    assert selected.count() == 1  # ringed


def test_a_search_after_a_first_interaction_fits_the_map(dashboard, page, sample):
    frame = open_map(page, f"{dashboard}/")
    open_popup(page, frame, 0)  # a first interaction: a popup opens (and may pan the map)...
    frame.locator(".leaflet-control-zoom-out").click()  # ...and the person zooms out
    page.wait_for_url("**zoom=*", timeout=30_000)
    search = page.get_by_label("Place (any spelling)")
    search.fill("al-Baghouz")
    search.press("Enter")
    page.wait_for_url("**q=al-Baghouz*", timeout=30_000)
    page.wait_for_function("() => !location.search.includes('zoom=')", timeout=30_000)
    frame = map_frame(page)
    frame.wait_for_function("() => !atlas.state.moved && atlas.state.fit !== null", timeout=30_000)
    baghuz = [i for i in sample.values() if i.point and "Baghuz" in (i.place or "")]
    assert baghuz
    for incident in baghuz:  # the map went there: the incidents found are in view, close up
        assert frame.evaluate("([lat, lon]) => map.getBounds().contains([lat, lon])", list(incident.point))
    assert map_view(frame)[2] >= 9
    page.screenshot(path=shot("map-search"), full_page=True)


def test_the_2019_preset_draws_the_2019_incidents_only(dashboard, page, sample):
    open_map(page, f"{dashboard}/")
    page.get_by_role("combobox", name="Dates").click()
    page.get_by_role("option", name="2019").click()
    page.wait_for_url("**from=2019-01-01*", timeout=30_000)
    in_2019 = [i for i in sample.values() if i.point and i.date_max and i.date_max.year == 2019]
    page.get_by_text(f"{len(in_2019)} drawn").wait_for(timeout=30_000)
    frame = map_frame(page)
    wait_for_incidents(frame, len(in_2019))
    assert incidents_drawn(frame) == len(in_2019) == 2
    page.get_by_text("The 2 incidents the map shows").wait_for(timeout=10_000)  # the table lists what is drawn
    page.screenshot(path=shot("map-2019"), full_page=True)


def test_brushing_the_timeline_sets_the_date_window(dashboard, page):
    open_map(page, f"{dashboard}/")
    chart = page.locator("[data-testid='stVegaLiteChart']").first
    chart.scroll_into_view_if_needed()
    surface = chart.locator("canvas, svg").first
    surface.wait_for(timeout=30_000)
    box = surface.bounding_box()
    y = box["y"] + box["height"] * 0.5
    page.mouse.move(box["x"] + box["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.8, y, steps=8)
    page.mouse.up()
    page.wait_for_url("**from=*", timeout=30_000)
    assert "to=" in page.url
    page.get_by_text("not drawn (tick 'Draw undated incidents')").wait_for(timeout=30_000)
    page.screenshot(path=shot("map-brushed"), full_page=True)


def test_a_share_link_opens_the_same_view_in_a_fresh_context(dashboard, browser, page):
    frame = open_map(page, f"{dashboard}/?disputed=1")
    frame.locator(".leaflet-control-zoom-out").click()
    page.wait_for_url("**zoom=*", timeout=30_000)
    link = page.url
    lat, lon, zoom = map_view(map_frame(page))
    fresh = browser.new_context(viewport={"width": 1200, "height": 900})
    try:
        other = fresh.new_page()
        frame = open_map(other, link)
        frame.wait_for_function("() => atlas.state.goto", timeout=30_000)
        lat2, lon2, zoom2 = map_view(frame)
        pixel = 360 / (256 * 2 ** zoom)  # degrees of longitude in one pixel: the link keeps 4 decimals
        assert zoom2 == zoom and abs(lat2 - lat) < 2 * pixel and abs(lon2 - lon) < 2 * pixel
        assert incidents_drawn(frame) == 2  # the filters came along
        assert other.url == link
    finally:
        fresh.close()


def test_markers_are_named_and_reachable_by_keyboard(dashboard, page, kamal):
    frame = open_map(page, f"{dashboard}/?disputed=1")
    names = frame.locator(MARKERS).evaluate_all("els => els.map(e => [e.getAttribute('role'), e.tabIndex])")
    assert names and all(role == "button" and tab == 0 for role, tab in names)
    marker = frame.locator(f"{MARKERS}[aria-label*='Abu Kamal']")
    marker.focus()
    page.keyboard.press("Enter")
    frame.locator(".leaflet-popup-content").wait_for(timeout=10_000)
    assert frame.evaluate("() => document.activeElement.dataset.incident") == kamal
    page.keyboard.press("Enter")
    page.get_by_text("The accounts disagree").first.wait_for(timeout=60_000)
    assert page.url.endswith(f"?incident={kamal}")


def test_at_a_phones_width_the_legend_folds_away(dashboard, browser):
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        page = phone.new_page()
        frame = open_map(page, f"{dashboard}/")
        frame.locator(".atlas-legend").wait_for(timeout=10_000)
        assert frame.evaluate("() => document.querySelector('.atlas-legend details').open") is False
        frame.locator(".atlas-legend summary").click()
        assert frame.evaluate("() => document.querySelector('.atlas-legend details').open") is True
        assert incidents_drawn(frame) == 16
        page.screenshot(path=shot("map-phone"), full_page=True)
    finally:
        phone.close()
