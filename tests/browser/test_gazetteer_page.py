"""The gazetteer page in a real browser: the map draws offline and nothing leaves 127.0.0.1."""

from urllib.parse import urlparse


def outside(urls):
    """Requests to anywhere but this machine (data: URLs are local)."""
    return [u for u in urls if urlparse(u).scheme in ("http", "https", "ws", "wss")
            and urlparse(u).hostname not in ("127.0.0.1", "localhost")]


def test_lookup_draws_the_candidates_on_an_offline_map(dashboard, page):
    page.goto(f"{dashboard}/gazetteer?q=Dayr%20al-Zawr", wait_until="domcontentloaded")
    page.get_by_text("Deir ez-Zor").first.wait_for(timeout=60_000)
    frame = page.frame_locator("iframe[title='streamlit_folium.st_folium']")
    frame.locator(".leaflet-container").wait_for(timeout=60_000)
    frame.locator("path.leaflet-interactive").first.wait_for(timeout=30_000)
    page.screenshot(path=str(dashboard_screenshot_path()), full_page=True)
    assert outside(page.requested) == []


def dashboard_screenshot_path():
    import tempfile
    from pathlib import Path

    return Path(tempfile.gettempdir()) / "atlas-gazetteer-page.png"
