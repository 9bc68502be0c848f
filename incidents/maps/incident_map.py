"""The incidents on the offline base map: circles styled by what is claimed, how sure the place is and when.

    m = incident_map(frame)                          # frame from incidents.selection.incidents_frame
    m = incident_map(frame, selected="Ib9e…", zoom=9)
    layer = incident_layer(frame, view={...})        # the incidents alone, for a map already in the browser

One encoding per property (the legend says the same, one row each):

- colour: claimants agree (blue) or disagree (orange, dashed outline);
- fill: the place's precision, exact filled, "near" lightly filled, district and wider hollow;
- size: the square root of the largest killed figure any account claims;
- grey and hollow: no account dates the incident; faded: its dates only partly fall inside the window chosen;
- a number: incidents closer than a marker's radius share one marker whose popup lists them all (grouped in the
  browser at each zoom, see incidents.maps.map_script); above `max_markers` incidents, the server sends grid cells.

Unlocated incidents are not drawn, nor undated ones unless asked for (`drawable` tells which are). Popups are built
from escaped text (incidents.maps.popups) and sent as JSON inside the script, so no article text can become markup.
Everything is plain Leaflet: no plugin, no script from a CDN.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Callable, Mapping, Sequence

import folium
import numpy as np
import pandas as pd
from branca.element import MacroElement
from folium.utilities import parse_options
from jinja2 import Template

from .basemap import DEFAULT_LOCATION, DEFAULT_ZOOM, base_map, with_library
from .popups import (  # noqa: F401  (re-exported: pages and snapshots read them from here)
    date_window, figure_range, incident_link, marker_label, place_of, popup_html, popup_line, tooltip_text,
)

#: Colours: agreed (or single-source) incidents, disputed ones, undated ones, grid cells, the selected incident.
COLOUR = "#1f5f8b"
DISPUTED_COLOUR = "#d35400"
UNDATED_COLOUR = "#8a8a8a"
CELL_COLOUR = "#6c3483"
SELECTED_COLOUR = "#111111"
#: Fill by precision; None draws a hollow circle.
FILL_OPACITY = {"exact": 0.75, "near": 0.3, "district": None, "governorate": None, "country": None}
#: The dash of disputed outlines.
DISPUTED_DASH = "6 4"
#: How much of its opacity a marker keeps when its dates only partly fall inside the window chosen.
PARTIAL_OPACITY = 0.45
#: Radius in pixels: the base, and per square root of the largest claimed killed figure; capped.
BASE_RADIUS, RADIUS_PER_ROOT, MAX_RADIUS = 5.0, 2.5, 30.0
#: The first grid cell size tried when grouping (degrees), doubled until few enough cells remain.
FIRST_CELL_DEG = 0.05
#: Above this many incidents in view, they are grouped into grid cells (no popups).
MAX_MARKERS = 2000
#: At most this many grid cells are drawn; a cell is about CELL_PX pixels wide at the zoom in view.
MAX_CELLS, CELL_PX = 400, 40
#: The zoom the map opens at when it centres on a selected incident; the most a fit to the incidents zooms in.
SELECTED_ZOOM, FIT_MAX_ZOOM = 10, 10
#: Words the browser puts around a shared marker.
WORDS = {"many": "incidents at this point", "click": "click to list them"}

Window = tuple[dt.date | None, dt.date | None]


def _js(value: object) -> str:
    """`value` as JSON that is safe inside a <script> element: no "<" at all (no "</script>", no "<!--")."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


# -- what is drawn ------------------------------------------------------------------------------------------------


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date)


def drawable(frame: pd.DataFrame, *, undated: bool = False) -> pd.Series:
    """Rows the map can draw: located (lat and lon) and dated (some end of the window known, unless `undated`)."""
    located = frame["lat"].notna() & frame["lon"].notna()
    if undated:
        return located
    return located & (frame["date_min"].notna() | frame["date_max"].notna())  # a date, or None


def partly_outside(row, window: Window | None) -> bool:
    """True when a dated incident's window reaches outside the window chosen (an unknown end may lie outside)."""
    if not window or not (window[0] or window[1]):
        return False
    lo, hi = row["date_min"], row["date_max"]
    lo, hi = (lo if _is_date(lo) else None), (hi if _is_date(hi) else None)
    if lo is None and hi is None:
        return False
    start, end = window
    return bool((start and (lo is None or lo < start)) or (end and (hi is None or hi > end)))


def radius(killed: object) -> float:
    """The radius of a marker for the largest claimed killed figure (None or NaN: the base radius)."""
    if killed is None or pd.isna(killed) or killed <= 0:  # type: ignore[operator]
        return BASE_RADIUS
    return min(MAX_RADIUS, BASE_RADIUS + RADIUS_PER_ROOT * math.sqrt(float(killed)))  # type: ignore[arg-type]


def marker_style(row, *, partial: bool = False) -> dict[str, object]:
    """CircleMarker keyword arguments for one incident row: radius, colour, fill, dash and opacity."""
    dated = _is_date(row["date_min"]) or _is_date(row["date_max"])
    colour = (DISPUTED_COLOUR if row["disputed"] else COLOUR) if dated else UNDATED_COLOUR
    fill = FILL_OPACITY.get(row["precision"] or "country") if dated else None
    style: dict[str, object] = {"radius": radius(row["killed_max"]), "color": colour,
                                "weight": 3 if row["disputed"] else 2, "fill": fill is not None}
    if fill is not None:
        style.update(fill_color=colour, fill_opacity=round(fill * (PARTIAL_OPACITY if partial else 1), 3))
    if row["disputed"]:
        style["dash_array"] = DISPUTED_DASH
    if partial:
        style["opacity"] = PARTIAL_OPACITY
    return style


# -- the layer ----------------------------------------------------------------------------------------------------


def marker_data(row, *, link: Callable[[str], str] | None = None, target: str | None = "_blank",
                window: Window | None = None) -> dict[str, object]:
    """One incident as the browser draws it: point, radius, Leaflet style, popup, list entry, and its name (the
    circle's accessible name and tooltip)."""
    partial = partly_outside(row, window)
    day = row["date_min"] if _is_date(row["date_min"]) else row["date_max"]
    return {
        "id": str(row["id"]), "lat": float(row["lat"]), "lon": float(row["lon"]), "r": radius(row["killed_max"]),
        "style": parse_options(**marker_style(row, partial=partial)), "disputed": bool(row["disputed"]),
        "popup": popup_html(row, link=link, target=target, partial=partial),
        "line": popup_line(row, link=link, target=target, partial=partial),
        "label": marker_label(row), "place": place_of(row),
        "day": day.isoformat() if _is_date(day) else "",
    }


class CircleLayer(MacroElement):
    """The incidents of a layer as data, drawn by the browser library (`atlas.incidents`) in one call.

    `markers` holds what each circle shows; `view` and `focus` tell the map how to look (dashboard.viewport).
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            atlas.incidents({{ this._parent.get_name() }}, {{ this._parent._parent.get_name() }}, {{ this.js }});
        {% endmacro %}
    """)

    def __init__(self, *, grouped: bool = True, selected: str | None = None,
                 view: Mapping[str, object] | None = None, focus: Mapping[str, object] | None = None) -> None:
        super().__init__()
        self._name = "CircleLayer"
        self.markers: list[dict[str, object]] = []
        self.grouped, self.selected, self.view, self.focus = grouped, selected, view, focus
        self.js = ""

    def add(self, marker: Mapping[str, object]) -> None:
        """One circle (see `marker_data`)."""
        self.markers.append(dict(marker))

    def payload(self) -> dict[str, object]:
        """What the browser receives."""
        return {"markers": self.markers, "grouped": self.grouped, "selected": self.selected, "view": self.view,
                "focus": self.focus, "disputedColour": DISPUTED_COLOUR, "disputedDash": DISPUTED_DASH,
                "words": WORDS}

    def render(self, **kwargs) -> None:
        self.js = _js(self.payload())
        super().render(**kwargs)


def grid_cells(frame: pd.DataFrame, max_cells: int, first_size: float = FIRST_CELL_DEG) -> tuple[float, pd.DataFrame]:
    """Group located rows into square grid cells of `first_size` degrees, doubled until at most `max_cells` remain.

    Returns the cell size in degrees and one row per cell: lat, lon (the members' mean), count, killed_min,
    killed_max (the lowest and highest claimed figures among the members).
    """
    lat, lon = frame["lat"].to_numpy(dtype=float), frame["lon"].to_numpy(dtype=float)
    size = first_size
    while True:
        keys = _cell_keys(lat, lon, size)
        if len(np.unique(keys)) <= max(1, max_cells) or size > 180:
            break
        size *= 2
    grouped = frame.assign(_cell=keys).groupby("_cell")
    cells = pd.DataFrame({"lat": grouped["lat"].mean(), "lon": grouped["lon"].mean(), "count": grouped.size(),
                          "killed_min": grouped["killed_min"].min(), "killed_max": grouped["killed_max"].max()})
    return size, cells.reset_index(drop=True)


def _cell_keys(lat: np.ndarray, lon: np.ndarray, size: float) -> np.ndarray:
    """Each point's grid cell of `size` degrees as one integer, ordered as (row, column) pairs are."""
    rows, cols = np.floor(lat / size).astype(np.int64), np.floor(lon / size).astype(np.int64)
    if not len(cols):
        return cols
    return rows * (int(cols.max()) - int(cols.min()) + 1) + (cols - cols.min())


def _cells_layer(layer: CircleLayer, frame: pd.DataFrame, max_cells: int, first_size: float) -> None:
    """One circle per grid cell, sized by the number of incidents in it."""
    _, cells = grid_cells(frame, max_cells, first_size)
    layer.grouped = False
    for k, cell in enumerate(cells.to_dict("records")):
        n = int(cell["count"])
        text = f"{n} incidents; {figure_range(cell['killed_min'], cell['killed_max'])}"
        r = min(MAX_RADIUS, 6 + 2 * math.sqrt(n))
        style = parse_options(radius=r, color=CELL_COLOUR, weight=2, fill=True, fill_color=CELL_COLOUR,
                              fill_opacity=0.5)
        layer.add({"id": f"cell-{k}", "lat": float(cell["lat"]), "lon": float(cell["lon"]), "r": r, "style": style,
                   "disputed": False, "popup": f'<div class="atlas-popup">{html.escape(text)}<br><small>zoom in or '
                                               f"narrow the filters to see each one</small></div>",
                   "line": "", "label": text, "place": "", "day": ""})


def cell_degrees(zoom: float | None) -> float:
    """The grid cell size (degrees) that is about CELL_PX pixels wide at `zoom` (the first size tried without one)."""
    if zoom is None:
        return FIRST_CELL_DEG
    return CELL_PX * 360.0 / (256 * 2 ** max(0.0, float(zoom)))


def incident_layer(frame: pd.DataFrame, *, selected: str | None = None, max_markers: int = MAX_MARKERS,
                   max_cells: int = MAX_CELLS, cell_deg: float = FIRST_CELL_DEG,
                   link: Callable[[str], str] | None = None, target: str | None = "_blank",
                   window: Window | None = None, view: Mapping[str, object] | None = None,
                   focus: Mapping[str, object] | None = None) -> folium.FeatureGroup:
    """The incidents of `frame` (located rows) as one layer: a circle each (co-located ones grouped by the browser),
    or above `max_markers` grid cells (`cell_deg` degrees, doubled until at most `max_cells`); the selected incident
    ringed and drawn on top. `window` is the date window chosen (marks incidents partly outside it); `view` and
    `focus` are the map's instructions (see the dashboard's viewport)."""
    group = folium.FeatureGroup(name="incidents", control=False)
    layer = CircleLayer(selected=selected, view=view, focus=focus)
    if len(frame) > max_markers:
        _cells_layer(layer, frame, max_cells, cell_deg)
    else:
        for row in frame.to_dict("records"):
            layer.add(marker_data(row, link=link, target=target, window=window))
    return group.add_child(layer)


# -- the legend ---------------------------------------------------------------------------------------------------


def _swatch(colour: str, *, fill: float | None, dash: str = "", size: int = 14, stroke: float = 1.0) -> str:
    """An inline SVG circle like a marker."""
    fill_attr = f'fill="{colour}" fill-opacity="{fill}"' if fill else 'fill="none"'
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    r = size / 2 - 1.5
    return (f'<svg width="{size}" height="{size}" aria-hidden="true"><circle cx="{size / 2}" cy="{size / 2}" '
            f'r="{r}" stroke="{colour}" stroke-width="2" stroke-opacity="{stroke}" {fill_attr}{dash_attr}/></svg>')


def legend_rows() -> list[tuple[str, str]]:
    """The legend, one encoding per row: (swatches HTML, words)."""
    count = ('<svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="7.5" stroke="#1f5f8b" '
             'stroke-width="2" fill="#1f5f8b" fill-opacity="0.3"/><text x="9" y="13" font-size="10" '
             'text-anchor="middle" font-weight="bold" fill="#111">3</text></svg>')
    return [
        (_swatch(COLOUR, fill=0.75) + " " + _swatch(DISPUTED_COLOUR, fill=0.75, dash="3 2"),
         "claimants agree · disagree"),
        (_swatch(COLOUR, fill=0.75) + " " + _swatch(COLOUR, fill=0.3) + " " + _swatch(COLOUR, fill=None),
         "place exact · near · district or wider"),
        (_swatch(COLOUR, fill=0.3, size=8) + " " + _swatch(COLOUR, fill=0.3, size=14) + " "
         + _swatch(COLOUR, fill=0.3, size=22), "size: largest killed figure claimed"),
        (_swatch(UNDATED_COLOUR, fill=None), "date unknown"),
        (_swatch(COLOUR, fill=0.75 * PARTIAL_OPACITY, stroke=PARTIAL_OPACITY), "dates partly outside the window"),
        (count, "incidents at one point: click to list"),
        (_swatch(CELL_COLOUR, fill=0.5), "many incidents: zoom in"),
    ]


def legend_html() -> str:
    """The legend's HTML (fixed text, no data): collapsible, one encoding per row."""
    body = "".join(f'<div class="row">{s} {html.escape(t)}</div>' for s, t in legend_rows())
    return ('<div style="background:rgba(255,255,255,0.94);padding:5px 8px;border:1px solid #999;'
            'border-radius:4px;font:12px/1.3 sans-serif;color:#222;max-width:260px">'
            f'<details open><summary>Legend</summary>{body}</details></div>')


class Legend(MacroElement):
    """The legend in the map's corner (`atlas.legend`): a Leaflet control holding inline HTML."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            atlas.legend({{ this._parent.get_name() }}, {{ this.html_js }});
        {% endmacro %}
    """)

    def __init__(self, legend_html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.legend_html = legend_html
        self.html_js = _js(legend_html)


# -- the map ------------------------------------------------------------------------------------------------------


def frame_bounds(frame: pd.DataFrame) -> list[list[float]]:
    """[[south, west], [north, east]] of the located rows of `frame`."""
    return [[float(frame["lat"].min()), float(frame["lon"].min())],
            [float(frame["lat"].max()), float(frame["lon"].max())]]


def incident_base_map(*, location: Sequence[float] = DEFAULT_LOCATION, zoom: float = DEFAULT_ZOOM,
                      online_tiles: bool = False, labels: object = None) -> folium.Map:
    """The base map with the legend and no incident (a page adds them as a layer); `labels` as for `base_map`."""
    m = with_library(base_map(location=(float(location[0]), float(location[1])), zoom=zoom,
                              online_tiles=online_tiles, labels=labels))
    m.add_child(Legend(legend_html()))
    return m


def incident_map(frame: pd.DataFrame, *, center: Sequence[float] | None = None, zoom: int | None = None,
                 online_tiles: bool = False, selected: str | None = None, max_markers: int = MAX_MARKERS,
                 undated: bool = False, link: Callable[[str], str] | None = None, markers: bool = True,
                 target: str | None = "_blank", labels: object = None, window: Window | None = None) -> folium.Map:
    """The drawable incidents of `frame` on the offline base map, with a legend (undated ones only if `undated`).

    The view: `center`/`zoom` when given; else the selected incident; else fitted to the incidents drawn.
    `link` maps an incident id to the URL its popup links to (default: the dashboard's incident view), opened in
    `target`. With `markers` off the map holds no incident (a page adds the layer for the area in view: see
    dashboard.viewport), but its view is still fitted to them.
    """
    shown = frame[drawable(frame, undated=undated)] if len(frame) else frame
    chosen = shown[shown["id"] == selected] if selected and len(shown) else shown.iloc[0:0]
    if center is not None:
        location, start_zoom = (float(center[0]), float(center[1])), zoom or DEFAULT_ZOOM
    elif len(chosen):
        location, start_zoom = (chosen.iloc[0]["lat"], chosen.iloc[0]["lon"]), zoom or SELECTED_ZOOM
    else:
        location, start_zoom = DEFAULT_LOCATION, zoom or DEFAULT_ZOOM
    m = incident_base_map(location=location, zoom=start_zoom, online_tiles=online_tiles, labels=labels)
    fit = center is None and not len(chosen) and len(shown)
    if markers:  # the layer fits the view itself, at once and clear of the legend
        view = {"fit": frame_bounds(shown), "token": "incidents", "reset": 0, "kept": False,
                "maxZoom": zoom or FIT_MAX_ZOOM} if fit else None
        incident_layer(shown, selected=selected, max_markers=max_markers, link=link, target=target,
                       window=window, view=view).add_to(m)
    elif fit:
        m.fit_bounds(frame_bounds(shown), padding=(30, 30), max_zoom=zoom or 9)
    return m
