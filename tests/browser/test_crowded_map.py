"""A crowded map in a real browser: grid cells while too many incidents are in view, markers with popups zoomed in."""

from .conftest import CROWDED
from .mapping import FOLIUM, clickable, map_frame, marker_count, open_popup
from .test_gazetteer_page import outside
from .test_map_page import shot


def test_zooming_in_turns_cells_into_markers_with_popups(crowded_dashboard, page):
    page.goto(f"{crowded_dashboard}/", wait_until="domcontentloaded")
    page.get_by_text(f"{CROWDED:,} of {CROWDED:,} incidents match").wait_for(timeout=90_000)
    page.frame_locator(FOLIUM).locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    page.get_by_text("grouped into cells").wait_for(timeout=30_000)
    frame = map_frame(page)
    cells = marker_count(frame)
    assert 0 < cells < CROWDED  # the browser got cells, not every incident
    assert "incidents;" in open_popup(page, frame, 0).inner_text()
    page.screenshot(path=shot("crowded-cells"), full_page=True)
    page.goto(f"{crowded_dashboard}/?center=34.5%2C40.7&zoom=11", wait_until="domcontentloaded")
    page.get_by_text("incidents in and around the view.").wait_for(timeout=90_000)
    page.frame_locator(FOLIUM).locator("path.leaflet-interactive").first.wait_for(timeout=60_000)
    frame = map_frame(page)
    drawn = marker_count(frame)
    assert 0 < drawn < 2000  # only those in and around the view, each its own marker
    popup = open_popup(page, frame, clickable(frame)[-1])
    assert "Open the accounts side by side" in popup.inner_text()
    page.screenshot(path=shot("crowded-markers"), full_page=True)
    assert outside(page.requested) == []
