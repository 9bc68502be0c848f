"""Text from files is text, on every page and in the HTML export: articles and CSV rows carrying markup (HTML tags,
scripts, Markdown images and links, javascript: and data: URLs, CR/LF in titles and outlets, direction overrides,
very long words) are ingested and imported into a store, every page of the dashboard is opened on it in Chromium,
and so is the HTML snapshot. No request leaves the machine, no script of theirs runs, the payload shows as written.
"""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest

from incidents.store import Store

from .conftest import REPO, serve

#: Every outside URL below is on this host: a request to it means the page rendered a payload as markup.
EVIL = "evil.test"
IMG = f"<img src=http://{EVIL}/img.png onerror=window.__pwned=1>"
MD = f"![seen](http://{EVIL}/md.png) [click](javascript:window.__pwned=1)"
SCRIPT = "<script>window.__pwned=1</script>"
SVG = "<svg onload=window.__pwned=1>"
RLO = "\u202eevil\u202c"
LONG = "W" * 3000
#: Two carriage returns make a blank line that ends an HTML block in Markdown: what follows would be Markdown again.
CR_BREAK = f"\r\r![cr](http://{EVIL}/cr.png)\r\r<img src=http://{EVIL}/cr2.png>"
OUTLET = f"Evil <i>Wire</i>\r\nSource: SANA {MD}"
LOCAL_SCHEMES = ("data", "blob", "about", "file")
LOCAL_HOSTS = ("127.0.0.1", "localhost")

ACLED_COLUMNS = ("data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
                 "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,"
                 "admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,"
                 "iso3").split(",")


def hostile_articles(folder: Path) -> Path:
    """A folder of articles whose title, outlet, URL and text carry payloads (and a manifest that adds more)."""
    folder.mkdir(parents=True)
    (folder / "wire.txt").write_text(
        f"Strike on Hajin {SCRIPT}\n\nSource: SOHR\n\nAn airstrike on the town of Hajin killed 12 civilians {IMG} {MD} "
        f"{SVG} on 3 February 2019, the Syrian Observatory for Human Rights said. {RLO} {LONG}\n", encoding="utf-8")
    (folder / "page.html").write_text(
        "<html><head><title>Raid &lt;b&gt;bold&lt;/b&gt; on Hajin</title>"
        "<meta property='og:url' content='data:text/html,<script>window.__pwned=1</script>'></head><body>"
        "<p>Source: SANA</p><p>An airstrike on the town of Hajin killed 30 civilians on 3 February 2019, SANA said. "
        f"&lt;img src=http://{EVIL}/entity.png&gt;</p><script>window.__pwned=1</script></body></html>",
        encoding="utf-8")
    (folder / "manifest.jsonl").write_text(json.dumps({
        "file": "wire.txt", "outlet": OUTLET, "title": f"Strike {IMG} {MD}\r\n# injected",
        "url": "javascript:window.__pwned=1"}) + "\n", encoding="utf-8")
    return folder


def hostile_csv(path: Path) -> Path:
    """An ACLED file whose place, source and notes carry payloads."""
    row = dict.fromkeys(ACLED_COLUMNS, "")
    row.update({"data_id": "1", "iso": "760", "event_id_cnty": "SYR9001", "event_date": "12 March 2018",
                "year": "2018", "time_precision": "1", "event_type": "Explosions/Remote violence",
                "sub_event_type": "Air/drone strike", "actor1": f"Forces {SVG}", "country": "Syria",
                "admin1": "Deir-ez-Zor", "location": f"Abu Kamal {IMG}", "latitude": "34.4506",
                "longitude": "40.9171", "geo_precision": "1", "source": f"Monitor ![s](http://{EVIL}/src.png)",
                "notes": f"Strikes hit Abu Kamal {MD} {SCRIPT}\r\n<a href='data:text/html,x'>x</a> killed 9.{CR_BREAK}",
                "fatalities": "9", "timestamp": "1552311234", "iso3": "SYR"})
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=ACLED_COLUMNS)
        writer.writeheader()
        writer.writerow(row)
    return path


def cli(*args: str) -> None:
    done = subprocess.run([sys.executable, "-m", "incidents", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(the dashboard's base URL, the payload incident's id, the HTML snapshot's path) over the hostile store."""
    home = tmp_path_factory.mktemp("hostile")
    store = home / "hostile.sqlite"
    cli("ingest", str(hostile_articles(home / "articles")), "--store", str(store))
    cli("import", "--format", "acled", str(hostile_csv(home / "acled.csv")), "--store", str(store))
    snapshot = home / "snapshot.html"
    cli("export", "--store", str(store), "--format", "html", "--out", str(snapshot))
    with Store(store) as s:
        incident = next(i for i in s.incidents() if any(a.outlet and "Evil" in a.outlet for a in i.accounts))
        imported = next(i for i in s.incidents() if any("Abu Kamal" in a.quote for a in i.accounts))
    for base in serve(store, home):
        yield base, incident.id, imported.id, snapshot


@pytest.fixture
def watched(page):
    """The page with every request off this machine aborted and recorded (`page.outside`), dialogs recorded."""
    page.outside, page.dialogs = [], []

    def handle(route):
        url = urlparse(route.request.url)
        if url.scheme in LOCAL_SCHEMES or url.hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            page.outside.append(route.request.url)
            route.abort()

    page.context.route("**/*", handle)
    page.on("dialog", lambda d: (page.dialogs.append(d.message), d.dismiss()))
    return page


def settle(page, heading: str) -> str:
    """Wait for the page's title and for the app to finish running; the page's visible text."""
    page.get_by_role("heading", name=heading).first.wait_for(timeout=90_000)
    page.wait_for_selector('[data-test-script-state="notRunning"]', timeout=90_000)
    return page.locator("body").inner_text()


def assert_nothing_ran_or_left(page) -> None:
    assert page.outside == [], f"requests off the machine: {page.outside}"
    assert page.dialogs == []
    for frame in page.frames:
        assert frame.evaluate("() => window.__pwned === undefined"), f"a payload ran in {frame.url}"
    assert not [u for u in page.requested if urlparse(u).hostname == EVIL]


#: (page path with its query, its title): every page of the app (dashboard/views), the payload in its URL where the
#: page reads one.
PAGES = [
    (f"map?q={quote(IMG + ' ' + MD)}", "Map"),
    ("sources", "Sources"),
    ("review", "Review"),
    ("ingest", "Ingest"),
    ("about", "About Incident Atlas"),
    (f"gazetteer?q={quote(IMG + MD + SCRIPT)}", "Gazetteer"),
]


def test_every_page_in_the_app_is_listed():
    views = {p.stem for p in (REPO / "dashboard" / "views").glob("*.py")}
    assert views == {path.split("?")[0] for path, _ in PAGES} | {"incident"}


@pytest.mark.parametrize(("path", "heading"), PAGES, ids=[p.split("?")[0] for p, _ in PAGES])
def test_a_page_shows_payloads_as_text_and_nothing_runs_or_leaves(hostile, watched, path, heading):
    base, *_ = hostile
    watched.goto(f"{base}/{path}", wait_until="domcontentloaded")
    settle(watched, heading)
    if path.startswith("gazetteer"):
        shows(watched, IMG)  # the query, as typed, in the lookup's summary
    assert_nothing_ran_or_left(watched)


def shows(page, *texts: str) -> None:
    """Wait until the page shows each text (the app may still be drawing a part of it)."""
    from playwright.sync_api import expect

    for text in texts:
        expect(page.locator("body")).to_contain_text(text, timeout=30_000)


def test_the_incident_page_shows_each_payload_as_written(hostile, watched):
    base, incident, _, _ = hostile
    watched.goto(f"{base}/?incident={incident}", wait_until="domcontentloaded")
    settle(watched, "Incident")
    watched.get_by_text("The quote in its whole article").first.click()
    shows(watched, "Evil <i>Wire</i>",  # the outlet, its markup as letters
          f"killed 12 civilians {IMG} {MD}",  # the quote as written
          LONG[:200], "\u202e")
    assert_nothing_ran_or_left(watched)
    assert not watched.locator(f"a[href^='javascript:'], a[href^='data:'], img[src*='{EVIL}']").count()


def test_the_imported_row_shows_as_written(hostile, watched):
    base, _, imported, _ = hostile
    watched.goto(f"{base}/?incident={imported}", wait_until="domcontentloaded")
    settle(watched, "Incident")
    shows(watched, f"Abu Kamal {IMG}")  # the place as the row wrote it
    watched.get_by_text("The quote in its whole article").first.click()
    shows(watched, f"Strikes hit Abu Kamal {MD} {SCRIPT}")
    assert_nothing_ran_or_left(watched)


def test_the_html_snapshot_shows_payloads_as_text_offline(hostile, watched):
    *_, snapshot = hostile
    watched.goto(snapshot.as_uri(), wait_until="load")
    watched.locator(".leaflet-container").wait_for(timeout=30_000)
    text = watched.locator("body").inner_text()
    assert "Evil <i>Wire</i>" in text or "Strike <img" in text
    assert_nothing_ran_or_left(watched)


def popup_of(page, frame, index: int):
    """Open circle `index`'s popup, clicking again when a first click lands while the map is still settling."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    from .mapping import click_marker

    for _ in range(3):
        click_marker(page, frame, index)
        try:
            frame.locator(".leaflet-popup-content").wait_for(timeout=5_000)
            return frame.locator(".leaflet-popup-content")
        except PlaywrightTimeout:
            continue
    raise AssertionError(f"circle {index} opened no popup")


def test_the_map_popups_show_payloads_as_text(hostile, watched):
    from .mapping import clickable, close_popup, wait_for_markers

    base, *_ = hostile
    watched.goto(f"{base}/map", wait_until="domcontentloaded")
    settle(watched, "Map")
    frame = wait_for_markers(watched)
    frame.locator(".atlas-label").first.wait_for(timeout=30_000)
    texts = []
    for index in clickable(frame):
        popup = popup_of(watched, frame, index)
        texts.append(popup.inner_text())
        assert not popup.locator("img, script, svg, iframe, a[href^='javascript:'], a[href^='data:']").count()
        close_popup(frame)
    assert any(f"Abu Kamal {IMG}" in t for t in texts)  # the place as the imported row wrote it
    assert_nothing_ran_or_left(watched)
