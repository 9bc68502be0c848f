"""Snapshots: the standalone HTML page (offline, escaped, one marker per drawable incident, accounts listed) and the
static map (PNG, SVG, PDF: big enough, not blank, titled, deterministic, no math text)."""

import dataclasses
import datetime as dt
import io
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest
from matplotlib.legend import Legend
from matplotlib.text import Text
from PIL import Image

from incidents.maps import snapshot
from incidents.maps.assets import leaflet_dir
from incidents.maps.snapshot import (
    FIG_SIZE, LABELLED, MAP_RECT, MAX_RADIUS_PT, MIN_RADIUS_PT, PNG_DPI, SNAPSHOT_FORMATS, Counts, extent_of,
    legend_sizes, listed, map_figure, outlets_text, radius_pt, snapshot_html, static_map, write_snapshot,
)
from incidents.model import Account, Incident, PlaceMention
from .drawn import markers

D = dt.date
HOSTILE = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
TITLE = "Incident Atlas snapshot test"


# -- builders -----------------------------------------------------------------------------------------------------


def account(who="SANA", killed=20, *, place="Hajin", lat=34.6927, lon=40.827, day=D(2018, 12, 16), outlet="SANA",
            precision="exact", doc="d1", quote="Twenty civilians were killed.", title="Strike on Hajin"):
    places = () if lat is None else (PlaceMention(place, 0, 5, name=place, place_id="t:" + place, lat=lat, lon=lon,
                                                  precision=precision, admin1="SY09"),)
    return Account(document_id=doc, file=f"{doc}.txt", article=0, quote=quote, start=0, end=len(quote),
                   claimed_by=who, outlet=outlet, title=title, published=day, places=places, date_min=day,
                   date_max=day, killed_min=killed, killed_max=killed, victims="civilians")


def selection():
    """Five incidents: agreed, disputed (two claimants), undated, unlocated, no figure."""
    return [
        Incident("hajin", (account(),)),
        Incident("kamal", (account("SANA", 30, place="Abu Kamal", lat=34.45, lon=40.9186, doc="d2"),
                           account("SOHR", 54, place="Abu Kamal", lat=34.45, lon=40.9186, outlet="MintPress News",
                                   doc="d3"))),
        Incident("raqqa", (account("coalition", 78, place="Ar Raqqah", lat=35.95, lon=39.01, day=None,
                                   outlet="Press TV", precision="governorate", doc="d4"),)),
        Incident("lost", (account("activists", 5, place="somewhere", lat=None, lon=None, doc="d5"),)),
        Incident("nofig", (account("local sources", None, place="Mayadin", lat=35.02, lon=40.45, doc="d6"),)),
    ]


def documents(urls):
    """The URLs of documents d1…, by document id."""
    return {f"d{k}": url for k, url in enumerate(urls, start=1)}


class Page(HTMLParser):
    """The parts of a page the tests look at: start tags with attributes, style and script bodies, text by tag."""

    def __init__(self, markup: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self.text: dict[str, list[str]] = {}
        self._open: list[str] = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._open.append(tag)

    def handle_endtag(self, tag):
        if tag in self._open:
            del self._open[len(self._open) - 1 - self._open[::-1].index(tag):]

    def handle_data(self, data):
        where = self._open[-1] if self._open else ""
        {"style": self.styles, "script": self.scripts}.get(where, []).append(data)
        self.text.setdefault(where, []).append(data)


def figure_strings(incidents, **kw) -> str:
    """Every string drawn in the static map's figure, one per line."""
    fig = map_figure(incidents, title=kw.pop("title", TITLE), **kw)
    return "\n".join(t.get_text() for t in fig.findobj(Text) if t.get_visible())


def svg_text(data: bytes) -> str:
    """The strings drawn in an SVG made with text as paths (matplotlib writes each as a comment)."""
    return "\n".join(re.findall(r"<!-- (.*?) -->", data.decode("utf-8"), flags=re.S))


# -- the HTML page ------------------------------------------------------------------------------------------------


def test_the_page_requests_nothing_from_outside():
    urls = ["https://example.org/hajin", "http://example.org/kamal"]
    page = Page(snapshot_html(selection(), title=TITLE, urls=documents(urls)))
    for tag, attrs in page.tags:
        for name in ("src", "srcset", "data", "poster", "action"):
            assert name not in attrs or attrs[name].startswith(("data:", "#")), (tag, attrs)
        if tag != "a" and "href" in attrs:
            assert not re.match(r"\s*(https?:)?//", attrs["href"]), (tag, attrs)
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a" and re.match(r"https?:", attrs.get("href", ""))]
    assert sorted(links) == sorted(urls)
    css = " ".join(page.styles) + " ".join(a.get("style", "") for _, a in page.tags)
    assert all(u.startswith(("data:", "#")) for u in re.findall(r"url\(\s*['\"]?([^'\")]*)", css))


def test_the_page_inlines_leaflet():
    page = Page(snapshot_html(selection(), title=TITLE))
    leaflet = (leaflet_dir() / "leaflet.js").read_text(encoding="utf-8")
    assert any(leaflet[:300] in body for body in page.scripts)
    assert "leaflet-popup" in " ".join(page.styles)


def test_one_marker_per_drawable_incident():
    html = snapshot_html(selection(), title=TITLE)
    assert len(markers(html)) == 4  # "lost" has no place; "raqqa" is undated and drawn
    assert html.count('class="snap-incident"') == 5  # every incident is listed, drawn or not


def test_the_page_carries_the_names_around_its_incidents():
    html = snapshot_html(selection(), title=TITLE)
    call = html.index("atlas.labels(")
    rows = json.loads(html[html.index("[", call):html.index(");", call)])
    names = {r[2] for r in rows}
    assert "Hajin" in names and "Deir-ez-Zor" in names and "Damascus" not in names  # around the incidents only
    assert 0 < len(rows) <= snapshot.MAX_LABELS


def test_the_title_description_and_counts_are_on_the_page():
    page = Page(snapshot_html(selection(), title=TITLE, description="claimed by: SOHR; disputed only"))
    assert "".join(page.text["h1"]) == TITLE and "".join(page.text["title"]) == TITLE
    body = " ".join(" ".join(v) for v in page.text.values())
    assert "claimed by: SOHR; disputed only" in body
    assert "5 incidents, 6 accounts" in body
    assert "1 undated (drawn, date unknown)" in body and "1 without a place (not on the map)" in body
    assert "Who's On First" in body and "OpenSyria" in body and "OCHA" in body and "Natural Earth" in body


def test_hostile_text_is_escaped_and_not_linked():
    evil = dataclasses.replace(account(HOSTILE, 3, place=HOSTILE, outlet=IMG, quote=HOSTILE), title=IMG)
    html = snapshot_html([Incident(HOSTILE, (evil,))], title=HOSTILE, description=IMG,
                         urls=documents(["javascript:alert(1)"]))
    page = Page(html)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert not [t for t, _ in page.tags if t == "img"]
    assert not [(t, a) for t, a in page.tags for k in a if k.startswith("on")]
    assert not [a for t, a in page.tags if (a.get("href") or "").strip().lower().startswith("javascript:")]
    assert "".join(page.text["h1"]) == HOSTILE  # shown as text
    assert "javascript:alert(1) <small>(not a web link)</small>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize("url, linked", [
    ("https://example.org/a?b=1&c=2", True), ("http://example.org/b", True), ("javascript:alert(1)", False),
    ("ftp://example.org/c", False), ("data:text/html,<b>x</b>", False), ("//example.org/d", False),
    ("https://", False),
])
def test_only_http_urls_become_links(url, linked):
    page = Page(snapshot_html([Incident("hajin", (account(),))], title=TITLE, urls=documents([url])))
    hrefs = [a.get("href") for t, a in page.tags if t == "a"]
    assert (url in hrefs) is linked
    assert url in " ".join(" ".join(v) for v in page.text.values())  # shown either way


def test_popups_jump_to_the_accounts_below_the_map():
    html = snapshot_html(selection(), title=TITLE)
    page = Page(html)
    ids = {a.get("id") for _, a in page.tags}
    for incident_id in ("hajin", "kamal", "raqqa", "nofig"):
        assert any(f'href="#incident-{incident_id}"' in m["popup"] for m in markers(html))
        assert f"incident-{incident_id}" in ids
    assert "/?incident=" not in html


def test_the_accounts_stand_side_by_side():
    page = Page(snapshot_html(selection(), title=TITLE))
    columns = [a for t, a in page.tags if t == "th" and a.get("scope") == "col"]
    assert len(columns) == 5 + 6  # one heading column per table, one per account
    text = " ".join(" ".join(v) for v in page.text.values())
    assert "SANA" in text and "SOHR" in text and "30 killed" in text and "54 killed" in text
    assert "30–54 killed (claimed, by different accounts)" in text and "disputed" in text


def test_the_list_is_bounded(monkeypatch):
    many = [Incident(f"i{k:02d}", (account(killed=k, doc=f"d{k}", day=D(2018, 1, 1) + dt.timedelta(days=-k)),))
            for k in range(10)]
    chosen = listed(many, 3)
    assert [i.id for i in chosen] == ["i09", "i08", "i07"]  # largest figures, in date order
    monkeypatch.setattr(snapshot, "MAX_LISTED", 3)
    html = snapshot_html(many, title=TITLE)
    assert html.count('class="snap-incident"') == 3 and "7 more incidents of this selection are not listed" in html
    assert sum('href="#snap-omitted"' in m["popup"] for m in markers(html)) == 7 and len(markers(html)) == 10


def test_an_empty_selection_gives_an_empty_map():
    html = snapshot_html([], title=TITLE)
    assert markers(html) == [] and "No incidents in this selection" in html and "atlas-legend" in html


def test_the_sample_store_page(sample_incidents):
    incidents, docs = sample_incidents
    html = snapshot_html(incidents, title=TITLE, urls=docs)
    assert len(markers(html)) == sum(1 for i in incidents if i.point) > 0


# -- the static map -----------------------------------------------------------------------------------------------


def test_the_png_is_big_and_not_blank():
    img = np.asarray(Image.open(io.BytesIO(static_map(selection(), "png", title=TITLE))).convert("RGB"))
    h, w, _ = img.shape
    assert (w, h) == (FIG_SIZE[0] * PNG_DPI, FIG_SIZE[1] * PNG_DPI) and w >= 1600 and h >= 1200
    assert img.std() > 10
    x0, y0, x1, y1 = MAP_RECT[0], 1 - MAP_RECT[1] - MAP_RECT[3], MAP_RECT[0] + MAP_RECT[2], 1 - MAP_RECT[1]
    area = img[int(y0 * h):int(y1 * h), int(x0 * w):int(x1 * w)].reshape(-1, 3)
    colours = {tuple(c) for c in area[:: 7]}
    assert len(colours) > 20
    blue, orange = np.array([0x1f, 0x5f, 0x8b]), np.array([0xd3, 0x54, 0x00])
    for colour in (blue, orange):  # agreed and disputed markers drawn
        assert (np.abs(area.astype(int) - colour).sum(axis=1) < 30).sum() > 50


def test_the_svg_parses_and_holds_the_text():
    data = static_map(selection(), "svg", title=TITLE, description="claimed by: SOHR")
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.find("{http://www.w3.org/2000/svg}title").text == TITLE
    drawn = svg_text(data)
    for needle in (TITLE, "claimed by: SOHR", "1 undated incident drawn", "1 incident without a place", "SYRIA",
                   "Natural Earth", "SANA, MintPress News, Press TV"):
        assert needle in drawn, needle
    assert "<text" not in data.decode()  # text drawn as paths: no font needed to show it


def test_the_largest_claims_are_labelled_and_the_euphrates_named():
    drawn = figure_strings(selection())
    for needle in ("Abu Kamal\n30–54 killed", "Ar Raqqah\n78 killed", "Hajin\n20 killed", "Euphrates", "50 km"):
        assert needle in drawn, needle
    assert "Mayadin" not in drawn  # no figure, no label


def test_the_pdf_embeds_its_fonts_and_title():
    data = static_map(selection(), "pdf", title=TITLE)
    assert data.startswith(b"%PDF")
    assert b"/Type /Page\n" in data or b"/Type /Page " in data or re.search(rb"/Type\s*/Page\b", data)
    assert b"/FontFile2" in data  # TrueType fonts embedded
    assert b"/Title (" + TITLE.encode() + b")" in data  # the document's title


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_the_same_data_gives_the_same_bytes(fmt):
    assert static_map(selection(), fmt, title=TITLE) == static_map(selection(), fmt, title=TITLE)


SELECTIONS = {
    "empty": [],
    "one": [Incident("hajin", (account(),))],
    "no figures": [Incident(f"n{k}", (account(killed=None, lon=40.8 + k / 10),)) for k in range(3)],
    "only unlocated": [Incident("lost", (account(lat=None, lon=None),))],
    "huge figure": [Incident("big", (account(killed=10**12),))],
    "odd unicode": [Incident("u", (account(place="البوكمال \u202e💥\u200b", outlet="Ⓢ\u0000ANA\x1b"),))],
}


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")  # the odd unicode: drawn as empty boxes
@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
@pytest.mark.parametrize("name", list(SELECTIONS))
def test_any_selection_gives_a_map(name, fmt):
    data = static_map(SELECTIONS[name], fmt, title=TITLE + " \x00\ud800\u202e")
    assert data.startswith({"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[fmt])
    if fmt == "svg":
        assert ET.fromstring(data).find("{http://www.w3.org/2000/svg}title").text == TITLE + " "


@pytest.mark.parametrize("name, note", [("empty", "No incidents in this selection"),
                                        ("only unlocated", "No incidents in this selection"),
                                        ("no figures", "no killed figure"),
                                        ("huge figure", "1,000,000,000,000 killed")])
def test_what_a_selection_says(name, note):
    assert note in figure_strings(SELECTIONS[name])


def test_dollars_are_text_not_math():
    title = r"$x^2$ costs $5 \frac{ and $10"
    drawn = svg_text(static_map([Incident("i", (account(place="$Hajin$", outlet="$$"),))], "svg", title=title,
                                description="$\\alpha$"))
    drawn += figure_strings([Incident("i", (account(place="$Hajin$", outlet="$$"),))], title=title)
    assert "$x^2$ costs $5 \\frac{ and $10" in drawn and "$\\alpha$" in drawn and "$Hajin$" in drawn


def test_at_most_the_largest_are_labelled():
    many = [Incident(f"i{k}", (account(killed=k + 1, place=f"P{k}", lat=34 + (k % 5) / 2, lon=39 + (k // 5) / 2),))
            for k in range(20)]
    drawn = figure_strings(many)
    labels = re.findall(r"^P\d+\n(\d+) killed$", drawn, flags=re.M)
    assert 0 < len(labels) <= LABELLED and {int(n) for n in labels} <= set(range(20 - LABELLED + 1, 21))


def test_no_text_is_clipped():
    fig = map_figure(selection(), title=TITLE, description="governorate: Deir ez-Zor; " * 12)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    box = fig.bbox
    legends = [leg for ax in fig.axes for leg in ax.findobj(Legend)]
    texts = [*fig.texts, *(t for ax in fig.axes for t in ax.texts),
             *(t for leg in legends for t in (*leg.get_texts(), leg.get_title()))]
    assert len(legends) == 2 and len(texts) >= 25
    for t in texts:
        if t.get_visible() and t.get_text().strip():
            ext = t.get_window_extent(renderer)
            assert box.x0 <= ext.x0 and ext.x1 <= box.x1 and box.y0 <= ext.y0 and ext.y1 <= box.y1, t.get_text()


RADII = [(None, MIN_RADIUS_PT), (float("nan"), MIN_RADIUS_PT), (pd.NA, MIN_RADIUS_PT), (0, MIN_RADIUS_PT),
         (-4, MIN_RADIUS_PT), (10**12, MAX_RADIUS_PT)]


@pytest.mark.parametrize("killed, expected", RADII)
def test_radius_bounds(killed, expected):
    assert radius_pt(killed) == expected


def test_circle_area_is_proportional_to_the_figure():
    assert radius_pt(4 * 20) == pytest.approx(2 * radius_pt(20))


@pytest.mark.parametrize("largest, sizes", [(None, [5]), (3, [5]), (80, [5, 10, 20, 50]),
                                            (10_000, [5, 20, 200, 1000])])
def test_legend_sizes(largest, sizes):
    assert legend_sizes(largest) == sizes


def test_outlets_are_named_then_counted():
    frame = pd.DataFrame({"outlets": [("SANA",), ("SOHR", "SANA"), ("Press TV",), ("SOHR",), ("AFP",), ("BBC",),
                                      ()]})
    assert outlets_text(frame) == "SANA, SOHR, AFP +2 more"
    assert outlets_text(frame.iloc[6:]) == "no outlet recorded"


def test_the_extent_fits_the_incidents_or_shows_syria_and_iraq():
    x0, x1, y0, y1 = extent_of(pd.DataFrame({"lat": [], "lon": []}))
    assert x0 < 36 and x1 > 48 and y0 < 30 and y1 > 37  # Syria and Iraq
    x0, x1, y0, y1 = extent_of(pd.DataFrame({"lat": [34.5], "lon": [40.9]}))
    assert x0 < 40.9 < x1 and y0 < 34.5 < y1 and x1 - x0 >= 0.8


@pytest.mark.parametrize("kwargs", [{"incidents": -1}, {"accounts": -2}, {"undated": 4}])
def test_counts_refuse_impossible_values(kwargs):
    with pytest.raises(ValueError, match=next(iter(kwargs)) if kwargs.get("undated") is None else "exceed"):
        Counts(**{"incidents": 3, "accounts": 3, "undated": 0, "unlocated": 0, **kwargs})


# -- writing ------------------------------------------------------------------------------------------------------

MAGIC = {"html": b"<!DOCTYPE html>", "png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}


@pytest.mark.filterwarnings("ignore:Glyph .* missing from font")
@pytest.mark.parametrize("fmt", SNAPSHOT_FORMATS)
def test_write_snapshot_writes_each_format(tmp_path, fmt):
    path = tmp_path / f"atlas.{fmt}"
    write_snapshot([*selection(), *SELECTIONS["odd unicode"]], path, fmt, title=TITLE + "\ud800")
    assert path.read_bytes().startswith(MAGIC[fmt])


@pytest.mark.parametrize("fmt", ["jpeg", "HTML", "", "png "])
def test_an_unknown_format_is_refused(tmp_path, fmt):
    with pytest.raises(ValueError, match=re.escape(repr(fmt))):
        write_snapshot(selection(), tmp_path / "x", fmt, title=TITLE)
    assert not (tmp_path / "x").exists()
