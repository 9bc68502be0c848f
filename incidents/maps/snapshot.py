"""Snapshots of a selection of incidents: a standalone offline HTML page, or a static map (PNG, SVG, PDF).

    html = snapshot_html(incidents, title="Incident Atlas: 16 incidents", description="claimed by: SOHR",
                         urls=store.urls())        # the articles' URLs, by document id
    png = static_map(incidents, "png", title="Incident Atlas: 16 incidents")
    write_snapshot(incidents, Path("atlas.pdf"), "pdf", title="…", description="…")

Conventions:

- the HTML page is one file: Leaflet, styles, the base layer and the place names around the incidents inlined, no
  tile, font or CDN, so it opens from ``file://`` with the network off. It shows the dashboard's markers, popups
  and legend (`incident_map`); each popup links to its incident's entry below the map, where the accounts stand
  side by side. At most MAX_LISTED
  incidents are listed (the largest claimed figures first); the page says how many were left out.
- the static map is drawn with matplotlib (a `Figure`, never pyplot) over the shipped outlines read with geopandas:
  circles sized by the largest claimed killed figure (area proportional above a floor), disputed ones orange and
  dashed, coarse places hollow. The same data gives the same bytes (no dates in the metadata, fixed SVG ids).
- every title, description, place and outlet is untrusted: escaped in HTML, and drawn with math text off.
- undated incidents are drawn (and counted); incidents without a place cannot be drawn (counted, and listed).
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import math
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

import geopandas as gpd
import matplotlib
import numpy as np
import pandas as pd
from branca.element import Element, MacroElement
from jinja2 import Template
from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection, PatchCollection
from matplotlib.colors import to_rgba, to_rgba_array
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath
from matplotlib.ticker import FuncFormatter, MaxNLocator

from incidents.export import figure_text
from incidents.model import Account, Incident
from incidents.selection import incidents_frame

from .assets import standalone_html
from .basemap import COUNTRY_STYLE, LAKE_STYLE, RIVER_STYLE
from .incident_map import (
    COLOUR, DISPUTED_COLOUR, FILL_OPACITY, date_window, drawable, figure_range, incident_map,
)
from .labels import shipped_rows, within
from .popups import date_bounds, safe_url

SNAPSHOT_FORMATS = ("html", "png", "svg", "pdf")
STATIC_FORMATS = SNAPSHOT_FORMATS[1:]

#: The most incidents listed below the map in the HTML page (the largest claimed figures first).
MAX_LISTED = 2000
#: The map's height in the HTML page (CSS vh).
MAP_HEIGHT_VH = 72
#: The credit line of the shipped data (see ATTRIBUTION.md).
DATA_CREDIT = ("Data: Who's On First, incl. GeoNames (CC BY 4.0); OpenSyria Data Geography (CC BY 4.0); "
               "UN OCHA COD-AB (CC BY 3.0 IGO); © OpenStreetMap contributors (ODbL); made with Natural Earth.")
CLAIMS_NOTE = "Every figure is a claim by the outlet or by whom it cites, not a verified count."

# -- the static map's layout and style ----------------------------------------------------------------------------

#: Figure size (inches) and PNG resolution: 2000 x 1500 pixels.
FIG_SIZE, PNG_DPI = (10.0, 7.5), 200
#: Axes rectangles (figure fractions): the map, and the panel beside it holding the legend and notes.
MAP_RECT, PANEL_RECT = (0.045, 0.085, 0.665, 0.755), (0.735, 0.085, 0.25, 0.755)
#: Marker radius in points: per square root of the largest claimed killed figure, floor and cap.
PT_PER_ROOT, MIN_RADIUS_PT, MAX_RADIUS_PT = 1.7, 2.6, 22.0
#: Sizes the legend may show (killed), the largest few that do not exceed the data's largest.
LEGEND_SIZES = (5, 10, 20, 50, 100, 200, 500, 1000)
#: How many incidents get a label, and how many outlets the attribution names before "+N more".
LABELLED, NAMED_OUTLETS = 8, 3
#: Extent: margin around the incidents (fraction of the span), and the smallest span shown (degrees).
MARGIN, MIN_SPAN_DEG = 0.18, 0.8
#: The area shown with no incident: Syria and Iraq.
EMPTY_COUNTRIES = ("SYR", "IRQ")
#: Edge dashes (matplotlib dash tuples): disputed, coarse precision, and the governorate outlines.
DISPUTED_LS, COARSE_LS, ADMIN1_LS = (0, (3.5, 2.0)), (0, (1.2, 1.6)), (0, (4, 3))
ADMIN1_COLOUR, LABEL_GREY, SEA_COLOUR = "#a2a2a2", "#8a8a8a", "#e6eef5"
#: Scale bar lengths to choose from (km).
SCALE_KM = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)
#: Rivers labelled on the map (Natural Earth's names -> the label), and the smallest area named (view fraction).
RIVER_NAMES = {"Euphrates": "Euphrates", "Al Furat": "Euphrates", "Firat": "Euphrates", "Tigris": "Tigris",
               "Dicle": "Tigris"}
RIVER_LABEL_COLOUR, MIN_LABELLED_AREA = "#4a7fb0", 0.02
#: River labels keep this far (pixels) from the map's edges.
RIVER_LABEL_INSET_PX = 60
#: Above this many circles, SVG and PDF hold the circles as one embedded image (at PNG_DPI) to stay small.
RASTERIZE_ABOVE = 20_000
#: Label offsets tried in turn (direction of the label from the circle; points beyond its radius).
LABEL_SPOTS = ((1, 1, "left", "bottom"), (-1, 1, "right", "bottom"), (1, -1, "left", "top"),
               (-1, -1, "right", "top"), (1, 0, "left", "center"), (-1, 0, "right", "center"),
               (0, 1, "center", "bottom"), (0, -1, "center", "top"))
#: Rendering settings: fonts embedded as paths (SVG) or TrueType (PDF), fixed SVG ids, no math text in any string.
RC = {"svg.fonttype": "path", "pdf.fonttype": 42, "svg.hashsalt": "incident-atlas", "text.usetex": False,
      "text.parse_math": False, "font.family": "DejaVu Sans", "path.simplify": True}
#: Unicode categories dropped from text drawn in the static map: control, format, surrogate, unassigned.
DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Cn"})
#: Metadata per format: no creation date, so the same data gives the same bytes.
METADATA = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None, "ModDate": None}}


# -- what a snapshot holds ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """How many incidents and accounts a snapshot holds, and how many of the incidents lack a date or a place."""

    incidents: int
    accounts: int
    undated: int  # located, no date: drawn, "date unknown"
    unlocated: int  # no place: not drawn

    def __post_init__(self) -> None:
        for name in ("incidents", "accounts", "undated", "unlocated"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} must be >= 0, got {getattr(self, name)}")
        if self.undated + self.unlocated > self.incidents:
            raise ValueError(f"undated + unlocated exceed incidents ({self.incidents})")


def counts(incidents: Sequence[Incident], frame: pd.DataFrame) -> Counts:
    """The counts of a selection (`frame` is its incidents frame)."""
    located = drawable(frame, undated=True) if len(frame) else pd.Series([], dtype=bool)
    dated = drawable(frame) if len(frame) else pd.Series([], dtype=bool)
    return Counts(incidents=len(incidents), accounts=sum(len(i.accounts) for i in incidents),
                  undated=int((located & ~dated).sum()), unlocated=int((~located).sum()))


def plain(text: object) -> str:
    """Text fit for a figure and its metadata: control, format (bidi overrides, zero-width) and surrogate
    characters dropped, except line breaks and tabs."""
    return "".join(ch for ch in str(text) if ch in "\n\t" or unicodedata.category(ch) not in DROPPED_CATEGORIES)


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def summary_text(c: Counts) -> str:
    """The counts in words: "16 incidents, 18 accounts · 9 undated (drawn, date unknown) · 1 without a place …"."""
    parts = [f"{_plural(c.incidents, 'incident')}, {_plural(c.accounts, 'account')}"]
    if c.undated:
        parts.append(f"{c.undated:,} undated (drawn, date unknown)")
    if c.unlocated:
        parts.append(f"{c.unlocated:,} without a place (not on the map)")
    return " · ".join(parts)


def window_text(frame: pd.DataFrame) -> str:
    """The dates the incidents span: "dates 2017-07-30 … 2019-02-12", or that none is dated."""
    bounds = date_bounds(frame) if len(frame) else None
    return f"dates {date_window(*bounds)}" if bounds else "no dated incident"


# -- the HTML page ------------------------------------------------------------------------------------------------

PAGE_CSS = """
.snap-head, .snap-list, .snap-foot {font: 14px/1.45 system-ui, sans-serif; color: #222; padding: 10px 20px;}
.snap-head h1 {font-size: 21px; margin: 4px 0;}
.snap-head p {margin: 2px 0;} .snap-meta, .snap-foot {color: #555; font-size: 12.5px;}
.snap-incident {border-top: 1px solid #ddd; padding: 8px 0 10px;}
.snap-incident:target {background: #fff7e6;}
.snap-incident h3 {font-size: 15px; margin: 2px 0;}
.snap-disputed {color: #d35400; font-weight: bold;}
.snap-accounts {overflow-x: auto;}
.snap-accounts table {border-collapse: collapse; font-size: 13px;}
.snap-accounts th, .snap-accounts td {border: 1px solid #ddd; padding: 3px 6px; vertical-align: top;
  text-align: left; min-width: 14em; max-width: 30em;}
.snap-accounts th[scope=row] {min-width: 6em; color: #555; font-weight: normal; background: #f7f7f7;}
.snap-quote {font-style: italic;}
"""

def anchor(incident_id: str) -> str:
    """The id of an incident's entry in the page (escaped when written)."""
    return f"incident-{incident_id}"


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _url_cell(url: str | None) -> str:
    """An article URL: a link when http(s), else escaped text."""
    if not url:
        return "not recorded"
    good = safe_url(url)
    if good is None:
        return f"{_e(url)} <small>(not a web link)</small>"
    return f'<a href="{_e(good)}" target="_blank" rel="noopener noreferrer">{_e(good)}</a>'


#: The rows of an incident's accounts table: label -> the cell's HTML for an account and its document (or None).
ACCOUNT_CELLS: tuple[tuple[str, Callable[[Account, str | None], str]], ...] = (
    ("figures", lambda a, url: _e(figure_text(a))),
    ("victims", lambda a, url: _e(a.victims)),
    ("quote", lambda a, url: f'<span class="snap-quote">“{_e(a.quote)}”</span>'),
    ("outlet", lambda a, url: _e(a.outlet or "unknown outlet")),
    ("article", lambda a, url: _e(a.title or "untitled")),
    ("published", lambda a, url: _e(a.published.isoformat() if a.published else "unknown")),
    ("URL", lambda a, url: _url_cell(url)),
)


def accounts_table(incident: Incident, urls: Mapping[str, str]) -> str:
    """The incident's accounts side by side: one column per account (headed by its claimant), a row per attribute."""
    pairs = [(a, urls.get(a.document_id)) for a in incident.accounts]
    head = "".join(f'<th scope="col">{_e(a.claimed_by)}</th>' for a in incident.accounts)
    rows = "".join(f'<tr><th scope="row">{label}</th>' + "".join(f"<td>{cell(a, d)}</td>" for a, d in pairs) + "</tr>"
                   for label, cell in ACCOUNT_CELLS)
    return f'<div class="snap-accounts"><table><tr><th scope="col">claimed by</th>{head}</tr>{rows}</table></div>'


def incident_entry(incident: Incident, urls: Mapping[str, str]) -> str:
    """One incident in the list: where, when, the range of claims, and its accounts side by side."""
    i = incident
    facts = [date_window(i.date_min, i.date_max), figure_range(i.killed_min, i.killed_max),
             f"{_plural(len(i.accounts), 'account')}, {_plural(i.sources, 'claimant')}"]
    flags = ('<span class="snap-disputed">disputed</span>' if i.disputed else "") + \
        (" · not on the map: no place" if i.point is None else "")
    return (f'<section class="snap-incident" id="{_e(anchor(i.id))}">'
            f"<h3>{_e(i.place or 'place unresolved')} <small>({_e(i.precision or 'no precision')})</small></h3>"
            f"<p>{_e(' · '.join(facts))} {flags} <small>· {_e(i.id)} · <a href=\"#snap-top\">map</a></small></p>"
            f"{accounts_table(i, urls)}</section>")


def listed(incidents: Sequence[Incident], limit: int = MAX_LISTED) -> list[Incident]:
    """The incidents the page lists: all, or the `limit` with the largest claimed figures; in date order."""
    chosen = list(incidents)
    if len(chosen) > limit:
        chosen = sorted(chosen, key=lambda i: (i.killed_max is None, -(i.killed_max or 0), i.id))[:limit]
    return sorted(chosen, key=lambda i: ((i.date_min or i.date_max) is None, i.date_min or i.date_max or dt.date.min,
                                         i.id))


def sources_html(shown: Sequence[Incident], left_out: int, urls: Mapping[str, str]) -> str:
    """The list below the map: each listed incident with its accounts, and how many were left out."""
    note = ""
    if left_out:
        note = (f'<p id="snap-omitted">{left_out:,} more incidents of this selection are not listed here: the list '
                f"holds the {len(shown):,} with the largest claimed figures. Narrow the filters to list them.</p>")
    body = "".join(incident_entry(i, urls) for i in shown) or "<p>No incidents in this selection.</p>"
    return (f'<div class="snap-list"><h2 style="font-size:18px">Incidents and their accounts</h2>{note}{body}'
            "</div>"
            f'<div class="snap-foot"><p>{_e(DATA_CREDIT)} Map: Leaflet. {_e(CLAIMS_NOTE)} Article texts and '
            "figures remain their publishers'.</p></div>")


def page_top(title: str, description: str, frame: pd.DataFrame, c: Counts, made: dt.datetime) -> str:
    """The page's heading: title, filters, when it was made and what it holds."""
    desc = f'<p class="snap-desc">{_e(description)}</p>' if description.strip() else ""
    made_text = made.strftime("%Y-%m-%d %H:%M UTC")
    return (f'<div class="snap-head" id="snap-top"><h1>{_e(title)}</h1>{desc}'
            f'<p class="snap-meta">Made {_e(made_text)} · {_e(summary_text(c))} · {_e(window_text(frame))}. '
            "Click a circle for its accounts.</p></div>")


class _Below(MacroElement):
    """HTML placed in the page after the map (rendered after its parent, the map)."""

    _template = Template("""{% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}""")

    def __init__(self, markup: str) -> None:
        super().__init__()
        self._name = "SnapshotBelow"
        self.markup = markup


#: The most place names a page carries (those around its incidents, the most important first).
MAX_LABELS = 4000


def labels_near(frame: pd.DataFrame) -> list:
    """The base map's names (incidents.maps.labels) around the located incidents of `frame`, at most MAX_LABELS."""
    located = frame[frame["lat"].notna() & frame["lon"].notna()] if len(frame) else frame
    if not len(located):
        return []
    bounds = ((float(located["lat"].min()), float(located["lon"].min())),
              (float(located["lat"].max()), float(located["lon"].max())))
    return within(shipped_rows(), bounds, margin_deg=1.0)[:MAX_LABELS]


def snapshot_html(incidents: Sequence[Incident], *, title: str, description: str = "",
                  urls: Mapping[str, str] | None = None) -> str:
    """One standalone HTML page: the incidents on the offline map, then each incident's accounts side by side.

    `urls` (optional) give the articles' URLs by document id; only http(s) ones become links.
    """
    urls = urls or {}
    frame = incidents_frame(incidents)
    c = counts(incidents, frame)
    shown = listed(incidents, MAX_LISTED)
    ids = {i.id for i in shown}

    def link(incident_id: str) -> str:
        return "#" + (quote(anchor(incident_id), safe="") if incident_id in ids else "snap-omitted")

    m = incident_map(frame, undated=True, link=link, target=None, labels=labels_near(frame))
    m.height = (float(MAP_HEIGHT_VH), "vh")
    root = m.get_root()
    root.title = _e(title)
    root.header.add_child(Element(f"<style>{PAGE_CSS}</style>"), name="snapshot_css")
    made = dt.datetime.now(dt.timezone.utc)
    root.html.add_child(Element(page_top(title, description, frame, c, made)), name="snapshot_top")
    m.add_child(_Below(sources_html(shown, len(incidents) - len(shown), urls)))
    return standalone_html(m)


# -- the static map: base layer -----------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def base_frame(name: str) -> gpd.GeoDataFrame:
    """A shipped outline file of the gazetteer's data as a GeoDataFrame (cached: callers must not mutate it)."""
    data = json.loads(resources.files("gazetteer").joinpath("data", name).read_text(encoding="utf-8"))
    return gpd.GeoDataFrame.from_features(data["features"], crs="EPSG:4326")


def _rings_path(geom) -> MplPath | None:
    """A matplotlib path of a (multi)polygon's rings, holes included."""
    polys = getattr(geom, "geoms", [geom])
    verts, codes = [], []
    for poly in polys:
        if poly.geom_type != "Polygon" or poly.is_empty:
            continue
        for ring in (poly.exterior, *poly.interiors):
            xy = np.asarray(ring.coords)[:, :2]
            verts.append(xy)
            codes.append([MplPath.MOVETO] + [MplPath.LINETO] * (len(xy) - 2) + [MplPath.CLOSEPOLY])
    if not verts:
        return None
    return MplPath(np.concatenate(verts), np.concatenate(codes))


def _polygons(ax, frame: gpd.GeoDataFrame, extent, **style) -> None:
    """The polygons of `frame` clipped to `extent`, as one collection."""
    x0, x1, y0, y1 = extent
    clipped = frame.geometry.clip_by_rect(x0 - 1, y0 - 1, x1 + 1, y1 + 1)
    paths = [p for p in (_rings_path(g) for g in clipped if g is not None and not g.is_empty) if p is not None]
    ax.add_collection(PatchCollection([PathPatch(p) for p in paths], **style))


def _lines(ax, frame: gpd.GeoDataFrame, extent, **style) -> None:
    """The lines of `frame` clipped to `extent`, as one collection."""
    x0, x1, y0, y1 = extent
    segments = []
    for g in frame.geometry.clip_by_rect(x0 - 1, y0 - 1, x1 + 1, y1 + 1):
        for line in getattr(g, "geoms", [g]):
            if line.geom_type == "LineString" and not line.is_empty:
                segments.append(np.asarray(line.coords)[:, :2])
    ax.add_collection(LineCollection(segments, **style))


def _area_labels(ax, frame: gpd.GeoDataFrame, column: str, renderer, **style) -> list:
    """Names of the areas, each inside its part in view, where the name fits (faint; incident labels avoid them)."""
    x0, x1, y0, y1 = (*ax.get_xlim(), *ax.get_ylim())
    view_area, frame_box, texts = (x1 - x0) * (y1 - y0), ax.get_window_extent(renderer), []
    for name, geom in zip(frame[column], frame.geometry.clip_by_rect(x0, y0, x1, y1)):
        if not isinstance(name, str) or geom is None or geom.is_empty or geom.area < MIN_LABELLED_AREA * view_area:
            continue
        pt = geom.representative_point()
        t = ax.text(pt.x, pt.y, name, ha="center", va="center", zorder=2, **style)
        box = t.get_window_extent(renderer)
        if frame_box.contains(box.x0, box.y0) and frame_box.contains(box.x1, box.y1):
            texts.append(t)
        else:
            t.remove()
    return texts


def _stretches(frame: gpd.GeoDataFrame, view) -> dict[str, np.ndarray]:
    """The longest stretch in view (its vertices) of each river named in RIVER_NAMES."""
    x0, x1, y0, y1 = view
    found: dict[str, np.ndarray] = {}
    for name, geom in zip(frame["name"], frame.geometry.clip_by_rect(x0, y0, x1, y1)):
        label = RIVER_NAMES.get(name)
        if label is None or geom is None or geom.is_empty:
            continue
        for line in getattr(geom, "geoms", [geom]):
            if line.geom_type == "LineString" and len(line.coords) > len(found.get(label, ())):
                found[label] = np.asarray(line.coords)[:, :2]
    return found


def river_labels(ax, frame: gpd.GeoDataFrame, points: np.ndarray, renderer) -> list:
    """One label per river named in RIVER_NAMES, along its longest stretch in view, away from the incidents."""
    inner = ax.get_window_extent(renderer).padded(-RIVER_LABEL_INSET_PX)
    texts = []
    for label, xy in _stretches(frame, (*ax.get_xlim(), *ax.get_ylim())).items():
        px = ax.transData.transform(xy)
        inside = np.flatnonzero([inner.contains(x, y) for x, y in px])
        if len(inside) < 3:
            continue
        k = int(inside[_far_from(px[inside], ax.transData.transform(points) if len(points) else px[:0])])
        (ax_, ay), (bx, by) = px[max(k - 2, 0)], px[min(k + 2, len(px) - 1)]
        angle = math.degrees(math.atan2(by - ay, bx - ax_))
        angle = angle - 180 if angle > 90 else angle + 180 if angle < -90 else angle  # never upside down
        texts.append(ax.text(*xy[k], label, rotation=angle, rotation_mode="anchor", ha="center", va="bottom",
                             fontsize=7.5, style="italic", color=RIVER_LABEL_COLOUR, zorder=2.5,
                             path_effects=[patheffects.withStroke(linewidth=2.2, foreground="white")]))
    return texts


def _far_from(candidates: np.ndarray, points: np.ndarray, sample: int = 2000) -> int:
    """The index of the candidate farthest from every point (of a sample of them; the middle one if none)."""
    if not len(points):
        return len(candidates) // 2
    pts = points[:: max(1, len(points) // sample)]
    d = np.min(np.linalg.norm(candidates[:, None, :] - pts[None, :, :], axis=2), axis=1)
    return int(np.argmax(d))


def draw_base(ax, extent, renderer) -> list:
    """Countries, lakes, rivers and governorate outlines, and the areas' names; returns the labels drawn."""
    base, admin1 = base_frame("basemap.geojson"), base_frame("admin1.geojson")
    countries = base[base["layer"] == "country"]
    _polygons(ax, countries, extent, facecolor=COUNTRY_STYLE["fillColor"], edgecolor=COUNTRY_STYLE["color"],
              linewidth=0.8, zorder=1)
    _polygons(ax, base[base["layer"] == "lake"], extent, facecolor=LAKE_STYLE["fillColor"],
              edgecolor=LAKE_STYLE["color"], linewidth=0.5, zorder=1.2)
    _lines(ax, base[base["layer"] == "river"], extent, colors=RIVER_STYLE["color"], linewidths=1.3, zorder=1.3,
           capstyle="round")
    _polygons(ax, admin1, extent, facecolor="none", edgecolor=ADMIN1_COLOUR, linewidth=0.45, linestyle=ADMIN1_LS,
              zorder=1.4)
    upper = countries.assign(name=countries["name"].str.upper())
    return (_area_labels(ax, upper, "name", renderer, fontsize=10, color="#a5a5a5", fontweight="bold")
            + _area_labels(ax, admin1, "name", renderer, fontsize=6.5, color=LABEL_GREY, style="italic"))


# -- the static map: incidents ------------------------------------------------------------------------------------


def radius_pt(killed: object) -> float:
    """A circle's radius in points: square-root scale (area proportional to the figure) between a floor and a cap."""
    if killed is None or pd.isna(killed) or float(killed) <= 0:  # type: ignore[arg-type]
        return MIN_RADIUS_PT
    return float(np.clip(PT_PER_ROOT * math.sqrt(float(killed)), MIN_RADIUS_PT, MAX_RADIUS_PT))  # type: ignore


def extent_of(frame: pd.DataFrame) -> tuple[float, float, float, float]:
    """(lon0, lon1, lat0, lat1): the drawn incidents with a margin, or Syria and Iraq when there are none."""
    if not len(frame):
        base = base_frame("basemap.geojson")
        x0, y0, x1, y1 = base[base["iso"].isin(EMPTY_COUNTRIES)].total_bounds
        return float(x0), float(x1), float(y0), float(y1)
    x0, x1, y0, y1 = frame["lon"].min(), frame["lon"].max(), frame["lat"].min(), frame["lat"].max()
    dx, dy = max(x1 - x0, MIN_SPAN_DEG), max(y1 - y0, MIN_SPAN_DEG)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    return (cx - dx * (0.5 + MARGIN), cx + dx * (0.5 + MARGIN), cy - dy * (0.5 + MARGIN), cy + dy * (0.5 + MARGIN))


def fill_box(extent: tuple[float, float, float, float], box_ratio: float,
             aspect: float) -> tuple[float, float, float, float]:
    """`extent` widened in x or y to fill a box of height/width `box_ratio` where a degree of latitude is drawn
    `aspect` times as long as a degree of longitude."""
    x0, x1, y0, y1 = extent
    dx, dy = x1 - x0, y1 - y0
    if aspect * dy / dx < box_ratio:
        grow = (box_ratio * dx / aspect - dy) / 2
        return x0, x1, y0 - grow, y1 + grow
    grow = (aspect * dy / box_ratio - dx) / 2
    return x0 - grow, x1 + grow, y0, y1


def draw_incidents(ax, frame: pd.DataFrame) -> None:
    """Every drawn incident in one scatter: colour by dispute, fill by precision, dashed edges, largest first.

    Above RASTERIZE_ABOVE incidents the circles are rasterized in vector formats (labels and outlines stay vector).
    """
    order = frame.assign(_r=[radius_pt(k) for k in frame["killed_max"]]).sort_values(["_r", "id"],
                                                                                       ascending=[False, True])
    disputed = order["disputed"].to_numpy(dtype=bool)
    colours = to_rgba_array(np.where(disputed, DISPUTED_COLOUR, COLOUR))
    fill = np.array([FILL_OPACITY.get(p or "country") or 0.0 for p in order["precision"]])
    faces = colours.copy()
    faces[:, 3] = fill
    coarse = fill == 0
    styles = [DISPUTED_LS if d else (COARSE_LS if c else "solid") for d, c in zip(disputed, coarse)]
    ax.scatter(order["lon"], order["lat"], s=(2 * order["_r"].to_numpy()) ** 2, facecolors=faces,
               edgecolors=colours, linewidths=np.where(disputed, 1.5, 1.0), linestyles=styles, zorder=3,
               rasterized=len(order) > RASTERIZE_ABOVE)


def _short_place(place: str) -> str:
    """The first place named, with how many more: "As Susah +2"."""
    names = [n.strip() for n in plain(place or "").split(",") if n.strip()]
    if not names:
        return "place unresolved"
    first = textwrap.shorten(names[0], 32, placeholder="…")
    return first + (f" +{len(names) - 1}" if len(names) > 1 else "")


def _figure_short(lo: object, hi: object) -> str:
    """The claimed killed range, short: "30–54 killed", "20 killed"."""
    lo = None if lo is None or pd.isna(lo) else int(lo)  # type: ignore[arg-type]
    hi = None if hi is None or pd.isna(hi) else int(hi)  # type: ignore[arg-type]
    if lo is None or lo == hi:
        return f"{hi:,} killed"
    return f"{lo:,}–{hi:,} killed"


def _overlaps(box, boxes) -> bool:
    return any(box.overlaps(b) for b in boxes)


def _box_meets_circle(box, x: float, y: float, r: float) -> bool:
    """True when a display box and a circle (centre, radius in pixels) overlap."""
    nx, ny = min(max(x, box.x0), box.x1), min(max(y, box.y0), box.y1)
    return (nx - x) ** 2 + (ny - y) ** 2 < r * r


def label_largest(ax, frame: pd.DataFrame, renderer, obstacles: list) -> int:
    """Label the LABELLED largest claimed figures where a label fits without overlap; returns how many."""
    top = frame[frame["killed_max"].notna()].assign(_k=lambda f: f["killed_max"].astype(float))
    top = top.sort_values(["_k", "id"], ascending=[False, True]).head(LABELLED)
    frame_box = ax.get_window_extent(renderer)
    taken = [o.get_window_extent(renderer) for o in obstacles]
    to_px = renderer.points_to_pixels(1.0)
    circles = [(*ax.transData.transform((row.lon, row.lat)), radius_pt(row.killed_max) * to_px)
               for row in top.itertuples()]
    done = 0
    for row in top.itertuples():
        r = radius_pt(row.killed_max) * 0.75 + 2.5
        text = f"{_short_place(row.place)}\n{_figure_short(row.killed_min, row.killed_max)}"
        for dx, dy, ha, va in LABEL_SPOTS:
            t = ax.annotate(text, (row.lon, row.lat), xytext=(dx * r, dy * r), textcoords="offset points", ha=ha,
                            va=va, fontsize=8, color="#1a1a1a", zorder=5, linespacing=1.1,
                            path_effects=[patheffects.withStroke(linewidth=2.6, foreground="white")])
            box = t.get_window_extent(renderer)
            if frame_box.contains(box.x0, box.y0) and frame_box.contains(box.x1, box.y1) and \
                    not _overlaps(box, taken) and not any(_box_meets_circle(box, *c) for c in circles):
                taken.append(box)
                done += 1
                break
            t.remove()
    return done


def _degrees(hemispheres: str) -> FuncFormatter:
    """Tick labels in degrees: "40.5°E"; `hemispheres` is "EW" or "NS" (positive, negative)."""
    return FuncFormatter(lambda v, _pos: f"{abs(v):g}°{hemispheres[0] if v >= 0 else hemispheres[1]}")


def scale_bar(ax) -> object:
    """A scale bar in the map's lower left, about a fifth of its width; returns its label (an obstacle)."""
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    km_per_deg = 111.32 * math.cos(math.radians((y0 + y1) / 2))
    km = max([k for k in SCALE_KM if k <= (x1 - x0) * km_per_deg / 5] or [SCALE_KM[0]])
    bx, by, length = x0 + (x1 - x0) * 0.03, y0 + (y1 - y0) * 0.04, km / km_per_deg
    ax.plot([bx, bx + length], [by, by], color="#333333", linewidth=2.2, solid_capstyle="butt", zorder=6)
    return ax.text(bx + length / 2, by + (y1 - y0) * 0.012, f"{km:g} km", ha="center", va="bottom", fontsize=7,
                   color="#333333", zorder=6,
                   path_effects=[patheffects.withStroke(linewidth=2.4, foreground="white")])


# -- the static map: legend and text ------------------------------------------------------------------------------


def _legend_marker(panel, colour: str, fill: float | None, ls, radius: float):
    face = to_rgba(colour, fill) if fill else "none"
    return panel.scatter([], [], s=(2 * radius) ** 2, facecolors=face, edgecolors=colour,
                         linewidths=1.5 if ls == DISPUTED_LS else 1.0, linestyles=ls)


def legend_sizes(largest: float | None) -> list[int]:
    """Up to four legend sizes no larger than the largest claimed figure (always at least the smallest)."""
    fits = [k for k in LEGEND_SIZES if largest is not None and k <= largest]
    if len(fits) > 4:
        fits = [fits[0], fits[len(fits) // 3], fits[2 * len(fits) // 3], fits[-1]]
    return fits or [LEGEND_SIZES[0]]


def draw_legend(panel, frame: pd.DataFrame, renderer) -> float:
    """The legends (kinds of circle, then sizes) in the panel; returns the panel y (0-1) below them."""
    kinds = [(_legend_marker(panel, COLOUR, 0.75, "solid", 5), "accounts agree (or one source)"),
             (_legend_marker(panel, DISPUTED_COLOUR, 0.75, DISPUTED_LS, 5), "disputed: claimants disagree"),
             (_legend_marker(panel, COLOUR, 0.75, "solid", 5), "place exact"),
             (_legend_marker(panel, COLOUR, 0.3, "solid", 5), "near a place"),
             (_legend_marker(panel, COLOUR, None, COARSE_LS, 5), "district / governorate only")]
    first = panel.legend(*zip(*kinds), loc="upper left", bbox_to_anchor=(0, 1), frameon=False, fontsize=8,
                         title="Incidents", title_fontsize=9, alignment="left", handletextpad=0.6,
                         borderaxespad=0)
    panel.add_artist(first)
    top = panel.transAxes.inverted().transform(first.get_window_extent(renderer))[0][1] - 0.03
    largest = frame["killed_max"].max() if len(frame) and frame["killed_max"].notna().any() else None
    sizes = [(_legend_marker(panel, "#777777", 0.35, "solid", radius_pt(k)), f"{k:,} killed")
             for k in legend_sizes(None if largest is None else float(largest))]
    sizes.append((_legend_marker(panel, "#777777", 0.35, "solid", MIN_RADIUS_PT), "no killed figure"))
    second = panel.legend(*zip(*sizes), loc="upper left", bbox_to_anchor=(0, top), frameon=False, fontsize=8,
                          title="Circle area: largest claimed\nkilled figure", title_fontsize=9, alignment="left",
                          labelspacing=1.25, borderpad=0.4, handletextpad=1.2, borderaxespad=0)
    return float(panel.transAxes.inverted().transform(second.get_window_extent(renderer))[0][1]) - 0.03


def outlets_text(frame: pd.DataFrame, named: int = NAMED_OUTLETS) -> str:
    """The outlets of the accounts shown, most frequent first: "SANA, SOHR, Press TV +3 more"."""
    tally = Counter(plain(o) for outlets in frame["outlets"] for o in outlets if plain(o).strip())
    if not tally:
        return "no outlet recorded"
    names = sorted(tally, key=lambda o: (-tally[o], o.casefold()))
    shown = ", ".join(textwrap.shorten(o, 40, placeholder="…") for o in names[:named])
    return shown + (f" +{len(names) - named} more" if len(names) > named else "")


def _notes(c: Counts, labelled: int) -> list[str]:
    """The notes below the legend."""
    notes = [CLAIMS_NOTE]
    if c.undated:
        notes.append(f"{_plural(c.undated, 'undated incident')} drawn (date unknown).")
    if c.unlocated:
        notes.append(f"{_plural(c.unlocated, 'incident')} without a place: not drawn.")
    if labelled:
        notes.append(f"Labelled: {_plural(labelled, 'incident')} with the largest claimed figures.")
    return notes


def draw_text(fig: Figure, title: str, description: str, frame: pd.DataFrame, c: Counts) -> None:
    """The title, the description (filters), the dates and counts, and the attribution lines."""
    fig.text(0.045, 0.968, textwrap.shorten(plain(title), 95, placeholder="…") or "Incident Atlas", fontsize=14.5,
             fontweight="bold", va="top", color="#111111")
    desc = textwrap.wrap(plain(description), 150, max_lines=2, placeholder=" …")
    fig.text(0.045, 0.925, "\n".join(desc), fontsize=9, va="top", color="#333333", linespacing=1.3)
    fig.text(0.045, 0.925 - (0.026 * len(desc) + 0.006 if desc else 0), f"{window_text(frame)} · {summary_text(c)}",
             fontsize=8.5, va="top", color="#555555")
    fig.text(0.045, 0.040, DATA_CREDIT, fontsize=6.5, color="#555555", va="bottom")
    sources = textwrap.shorten(f"Sources of the accounts shown: {outlets_text(frame)}.", 190, placeholder="…")
    fig.text(0.045, 0.018, sources, fontsize=6.5, color="#555555", va="bottom")


def _empty_note(ax) -> None:
    ax.text(0.5, 0.5, "No incidents in this selection", transform=ax.transAxes, ha="center", va="center",
            fontsize=13, color="#444444", zorder=6,
            bbox={"boxstyle": "round,pad=0.5", "facecolor": "white", "edgecolor": "#999999", "alpha": 0.92})


def map_axes(fig: Figure, shown: pd.DataFrame) -> tuple[object, tuple[float, float, float, float]]:
    """The map's axes fitted to the incidents (or Syria and Iraq) at the map's aspect, with degree ticks; and the
    view (lon0, lon1, lat0, lat1)."""
    ax = fig.add_axes(MAP_RECT, facecolor=SEA_COLOUR)
    extent = extent_of(shown)
    aspect = 1 / math.cos(math.radians((extent[2] + extent[3]) / 2))
    view = fill_box(extent, (MAP_RECT[3] * FIG_SIZE[1]) / (MAP_RECT[2] * FIG_SIZE[0]), aspect)
    ax.set_aspect(aspect, adjustable="box")
    ax.set_xlim(view[0], view[1])
    ax.set_ylim(view[2], view[3])
    for axis, hemispheres in ((ax.xaxis, "EW"), (ax.yaxis, "NS")):
        axis.set_major_formatter(_degrees(hemispheres))
        axis.set_major_locator(MaxNLocator(6, steps=[1, 2, 2.5, 5, 10]))
    ax.tick_params(labelsize=7, colors="#555555", length=3)
    for spine in ax.spines.values():
        spine.set_edgecolor("#888888")
    return ax, view


def map_figure(incidents: Sequence[Incident], *, title: str, description: str = "") -> Figure:
    """The static map as a matplotlib Figure (Agg canvas attached; no pyplot)."""
    with matplotlib.rc_context(RC):  # read when each text is made: no math text, no TeX
        frame = incidents_frame(incidents)
        c = counts(incidents, frame)
        shown = frame[drawable(frame, undated=True)] if len(frame) else frame
        fig = Figure(figsize=FIG_SIZE, dpi=PNG_DPI, facecolor="white")
        renderer = FigureCanvasAgg(fig).get_renderer()
        ax, view = map_axes(fig, shown)
        obstacles = draw_base(ax, view, renderer) + [scale_bar(ax)]
        rivers = base_frame("basemap.geojson")
        centre = [[(view[0] + view[1]) / 2, (view[2] + view[3]) / 2]]  # where the "no incidents" note stands
        points = shown[["lon", "lat"]].to_numpy(dtype=float) if len(shown) else np.array(centre)
        obstacles += river_labels(ax, rivers[rivers["layer"] == "river"], points, renderer)
        labelled = 0
        if len(shown):
            draw_incidents(ax, shown)
            labelled = label_largest(ax, shown, renderer, obstacles)
        else:
            _empty_note(ax)
        panel = fig.add_axes(PANEL_RECT)
        panel.set_axis_off()
        y = draw_legend(panel, shown, renderer)
        notes = "\n".join(textwrap.fill(n, 44) for n in _notes(c, labelled))
        panel.text(0.0, y, notes, transform=panel.transAxes, fontsize=7.5, color="#444444", va="top",
                   linespacing=1.35)
        draw_text(fig, title, description, frame, c)
    return fig


def static_map(incidents: Sequence[Incident], fmt: str, *, title: str, description: str = "") -> bytes:
    """The static map as PNG, SVG or PDF bytes (the same data gives the same bytes)."""
    if fmt not in STATIC_FORMATS:
        raise ValueError(f"fmt must be one of {STATIC_FORMATS}, got {fmt!r}")
    fig = map_figure(incidents, title=title, description=description)
    with matplotlib.rc_context(RC):  # read when saving: fonts embedded, fixed SVG ids
        metadata = {**METADATA[fmt], "Title": plain(title)}
        buf = io.BytesIO()
        fig.savefig(buf, format=fmt, dpi=PNG_DPI, metadata=metadata, facecolor="white")
    return buf.getvalue()


# -- writing ------------------------------------------------------------------------------------------------------


def write_snapshot(incidents: Sequence[Incident], path: Path, fmt: str, *, title: str, description: str = "",
                   urls: Mapping[str, str] | None = None) -> None:
    """Write a snapshot in `fmt` (one of SNAPSHOT_FORMATS) to `path`; `urls` give the HTML page's article links."""
    if fmt not in SNAPSHOT_FORMATS:
        raise ValueError(f"fmt must be one of {SNAPSHOT_FORMATS}, got {fmt!r}")
    path = Path(path)
    if fmt == "html":
        page = snapshot_html(incidents, title=title, description=description, urls=urls)
        path.write_bytes(page.encode("utf-8", errors="replace"))  # a lone surrogate becomes "?"
    else:
        path.write_bytes(static_map(incidents, fmt, title=title, description=description))
