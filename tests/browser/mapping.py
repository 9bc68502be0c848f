"""Doing on a map what a person does: find the circles, click the visible part of one, read its popup."""

from __future__ import annotations

import re

FOLIUM = "iframe[title='streamlit_folium.st_folium']"
MARKERS = "path.leaflet-interactive[aria-label]"

#: A point of a circle that a click would land on (not under another circle, the legend or a popup), in the
#: coordinates of the circle's document; null when none is.
_VISIBLE_POINT = """(index) => {
  const el = document.querySelectorAll('path.leaflet-interactive[aria-label]')[index];
  if (!el) { return null; }
  const r = el.getBoundingClientRect(), cx = r.x + r.width / 2, cy = r.y + r.height / 2, rad = r.width / 2;
  const tries = [[0, 0]];
  for (const f of [0.5, 0.8]) { for (let a = 0; a < 8; a++) { tries.push([f * rad * Math.cos(a * Math.PI / 4),
                                                                            f * rad * Math.sin(a * Math.PI / 4)]); } }
  for (const [dx, dy] of tries) {
    if (document.elementFromPoint(cx + dx, cy + dy) === el) { return [cx + dx, cy + dy]; }
  }
  return null;
}"""


def map_frame(page):
    """The map's frame in the dashboard (the Streamlit component), or the page itself for a standalone file."""
    maps = [f for f in page.frames if "st_folium" in f.url and not f.is_detached()]
    return maps[-1] if maps else page.main_frame  # the newest: not the map of a page just left


def wait_for_markers(page, timeout: float = 90_000):
    """The map's frame once at least one circle shows (circles out of view are drawn empty)."""
    page.frame_locator(FOLIUM).locator(MARKERS).first.wait_for(state="attached", timeout=timeout)
    frame = map_frame(page)
    frame.wait_for_function(f"() => [...document.querySelectorAll('{MARKERS}')]"
                            ".some(e => e.getAttribute('d') !== 'M0 0')", timeout=timeout)
    return frame


def incidents_drawn(frame) -> int:
    """How many incidents the circles stand for: a shared circle is named "N incidents at this point: …"."""
    total = 0
    for label in frame.eval_on_selector_all(MARKERS, "els => els.map(e => e.getAttribute('aria-label'))"):
        found = re.match(r"(\d+) incidents at this point", label)
        total += int(found.group(1)) if found else 1
    return total


def wait_for_incidents(frame, n: int, timeout: float = 30_000) -> None:
    """Wait until the circles stand for `n` incidents (the page may still be replacing them)."""
    frame.wait_for_function("""(n) => [...document.querySelectorAll('path.leaflet-interactive[aria-label]')]
        .map(e => (e.getAttribute('aria-label').match(/^(\\d+) incidents at this point/) || [0, 1])[1])
        .reduce((a, b) => a + Number(b), 0) === n""", arg=n, timeout=timeout)


def marker_count(frame) -> int:
    return frame.locator(MARKERS).count()


def clickable(frame) -> list[int]:
    """The circles a click can reach now (in view, not covered), by document order."""
    return [k for k in range(marker_count(frame)) if frame.evaluate(_VISIBLE_POINT, k) is not None]


def click_marker(page, frame, index: int) -> None:
    """Click circle number `index` (document order) where it shows, as a person would."""
    if frame is not page.main_frame:
        page.locator(FOLIUM).scroll_into_view_if_needed()
    point = frame.evaluate(_VISIBLE_POINT, index)
    assert point is not None, f"circle {index} shows nowhere a click could reach it"
    dx = dy = 0.0
    if frame is not page.main_frame:
        box = page.locator(FOLIUM).bounding_box()
        dx, dy = box["x"], box["y"]
    page.mouse.click(dx + point[0], dy + point[1])


def open_popup(page, frame, index: int):
    """Click circle `index` and return its popup once shown."""
    click_marker(page, frame, index)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    return popup


def close_popup(frame) -> None:
    frame.locator(".leaflet-popup-close-button").click()
    frame.locator(".leaflet-popup").wait_for(state="detached", timeout=10_000)


def linked_ids(popup) -> list[str]:
    """The incidents a popup links to (each link's data-incident)."""
    return popup.locator("a[data-incident]").evaluate_all("els => els.map(e => e.dataset.incident)")
