"""The incidents on the offline base map: one circle per incident, styled by what is claimed and how sure the place is.

    m = incident_map(frame)                          # frame from incidents.selection.incidents_frame
    m = incident_map(frame, selected="Ib9e…", zoom=9)

- size: the square root of the largest killed figure any account claims;
- colour: disputed incidents (claimants disagree) in orange with a dashed outline, others in blue;
- precision: exact places filled, "near" lightly filled, district/governorate/country hollow and dashed;
- unlocated incidents are not drawn, nor undated ones unless asked for (`drawable` tells which are);
- more than `max_markers` incidents are grouped into grid cells on the server, one circle per cell.

Popups are built from HTML-escaped text and bound as plain JavaScript strings, so no article text can become markup.
Everything is plain Leaflet: no plugin, no script from a CDN.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Callable, Sequence
from urllib.parse import quote

import folium
from folium.utilities import parse_options
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from .basemap import DEFAULT_LOCATION, DEFAULT_ZOOM, base_map

#: Colours: agreed (or single-source) incidents, disputed ones, grid cells, and the selected incident's ring.
COLOUR = "#1f5f8b"
DISPUTED_COLOUR = "#d35400"
CELL_COLOUR = "#6c3483"
SELECTED_COLOUR = "#111111"
#: Fill by precision; None draws a hollow circle.
FILL_OPACITY = {"exact": 0.75, "near": 0.3, "district": None, "governorate": None, "country": None}
#: The dash of disputed outlines and of coarse places.
DISPUTED_DASH, COARSE_DASH = "6 4", "2 4"
#: Radius in pixels: the base, and per square root of the largest claimed killed figure; capped.
BASE_RADIUS, RADIUS_PER_ROOT, MAX_RADIUS = 5.0, 2.5, 30.0
#: The first grid cell size tried when grouping (degrees), doubled until few enough cells remain.
FIRST_CELL_DEG = 0.05
#: Above this many incidents in view, they are grouped into grid cells (no popups).
MAX_MARKERS = 2000
#: At most this many grid cells are drawn; a cell is about CELL_PX pixels wide at the zoom in view.
MAX_CELLS, CELL_PX = 400, 40
#: The zoom the map opens at when it centres on a selected incident.
SELECTED_ZOOM = 10


def _js_string(text: str) -> str:
    """`text` as a JavaScript string literal that is safe inside a <script> element."""
    return json.dumps(text).replace("</", "<\\/")


class CircleLayer(MacroElement):
    """Many circle markers, each with its popup and tooltip, written as one script.

    The same Leaflet calls folium would write, built with one string join instead of one template render per
    marker: with thousands of markers the render, not the browser, was the slow part.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this.js }}
        {% endmacro %}
    """)

    def __init__(self) -> None:
        super().__init__()
        self._name = "CircleLayer"
        self.markers: list[tuple[float, float, dict[str, object], str, str]] = []
        self.js = ""

    def add(self, lat: float, lon: float, style: dict[str, object], popup: str, tooltip: str) -> None:
        """A marker at (lat, lon) with folium-style options, popup HTML (escaped by the caller) and tooltip text."""
        self.markers.append((float(lat), float(lon), style, popup, tooltip))

    def render(self, **kwargs) -> None:
        group = self._parent.get_name()
        self.js = "\n".join(
            f"L.circleMarker([{lat!r}, {lon!r}], {json.dumps(parse_options(bubbling_mouse_events=True, **style))})"
            f".bindPopup({_js_string(popup)}, {{maxWidth: 360}})"
            f".bindTooltip({_js_string(html.escape(tooltip, quote=True))}).addTo({group});"
            for lat, lon, style, popup, tooltip in self.markers)
        super().render(**kwargs)


class Legend(MacroElement):
    """A legend in the map's corner: a Leaflet control holding inline HTML (no library, no stylesheet)."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            (function () {
                var legend = L.control({position: "bottomright"});
                legend.onAdd = function () {
                    var div = L.DomUtil.create("div", "atlas-legend");
                    div.innerHTML = {{ this.html_js }};
                    return div;
                };
                legend.addTo({{ this._parent.get_name() }});
            })();
        {% endmacro %}
    """)

    def __init__(self, legend_html: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.legend_html = legend_html
        self.html_js = _js_string(legend_html)


def _swatch(colour: str, *, fill: float | None, dash: str = "", size: int = 12) -> str:
    """An inline SVG circle like a marker."""
    fill_attr = f'fill="{colour}" fill-opacity="{fill}"' if fill else 'fill="none"'
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    r = size / 2 - 1.5
    return (f'<svg width="{size}" height="{size}" style="vertical-align:middle">'
            f'<circle cx="{size / 2}" cy="{size / 2}" r="{r}" stroke="{colour}" stroke-width="2" {fill_attr}'
            f"{dash_attr}/></svg>")


def legend_html() -> str:
    """The legend's HTML (fixed text, no data)."""
    rows = [
        (_swatch(COLOUR, fill=0.75), "accounts agree (or one source)"),
        (_swatch(DISPUTED_COLOUR, fill=0.75, dash="3 2"), "disputed: claimants disagree"),
        (_swatch(COLOUR, fill=0.75), "place exact"),
        (_swatch(COLOUR, fill=0.3), "near a place"),
        (_swatch(COLOUR, fill=None, dash="2 2"), "district / governorate only"),
        (_swatch(CELL_COLOUR, fill=0.5), "several incidents (grouped)"),
    ]
    body = "".join(f'<div style="margin:2px 0">{s} {html.escape(t)}</div>' for s, t in rows)
    return ('<div style="background:rgba(255,255,255,0.92);padding:6px 8px;border:1px solid #999;'
            'border-radius:4px;font:12px/1.3 sans-serif;color:#222">'
            '<div style="font-weight:bold;margin-bottom:3px">Incidents</div>'
            f'{body}<div style="margin-top:3px;color:#555">size: largest claimed killed figure</div></div>')


# -- what is drawn ------------------------------------------------------------------------------------------------


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date)


def drawable(frame: pd.DataFrame, *, undated: bool = False) -> pd.Series:
    """Rows the map can draw: located (lat and lon) and dated (some end of the window known, unless `undated`)."""
    located = frame["lat"].notna() & frame["lon"].notna()
    if undated:
        return located
    dated = frame["date_min"].map(_is_date) | frame["date_max"].map(_is_date)
    return located & dated


def radius(killed: object) -> float:
    """The radius of a marker for the largest claimed killed figure (None or NaN: the base radius)."""
    if killed is None or pd.isna(killed) or killed <= 0:  # type: ignore[operator]
        return BASE_RADIUS
    return min(MAX_RADIUS, BASE_RADIUS + RADIUS_PER_ROOT * math.sqrt(float(killed)))  # type: ignore[arg-type]


def marker_style(row) -> dict[str, object]:
    """CircleMarker keyword arguments for one incident row: radius, colour, fill and dash."""
    colour = DISPUTED_COLOUR if row["disputed"] else COLOUR
    fill = FILL_OPACITY.get(row["precision"] or "country")
    dash = DISPUTED_DASH if row["disputed"] else (COARSE_DASH if fill is None else None)
    style: dict[str, object] = {"radius": radius(row["killed_max"]), "color": colour,
                                "weight": 3 if row["disputed"] else 2, "fill": fill is not None}
    if fill is not None:
        style.update(fill_color=colour, fill_opacity=fill)
    if dash:
        style["dash_array"] = dash
    return style


# -- popups -------------------------------------------------------------------------------------------------------


def _e(value: object) -> str:
    """Any value as escaped HTML text."""
    return html.escape(str(value), quote=True)


def date_window(lo: object, hi: object) -> str:
    """A date window in words: "2017-07-30", "2017-07-30 … 2017-07-31", "? … 2018-12-16", "date unknown"."""
    lo = lo if _is_date(lo) else None
    hi = hi if _is_date(hi) else None
    if lo is None and hi is None:
        return "date unknown"
    if lo == hi:
        return lo.isoformat()  # type: ignore[union-attr]
    return f"{lo.isoformat() if lo else '?'} … {hi.isoformat() if hi else '?'}"


def figure_range(lo: object, hi: object) -> str:
    """The range of killed figures claimed: "30–54 killed (claimed)", "20 killed (claimed)", "no killed figure"."""
    lo = None if lo is None or pd.isna(lo) else int(lo)  # type: ignore[arg-type]
    hi = None if hi is None or pd.isna(hi) else int(hi)  # type: ignore[arg-type]
    if lo is None and hi is None:
        return "no killed figure"
    if lo is None or hi is None or lo == hi:
        return f"{lo if lo is not None else hi} killed (claimed)"
    return f"{lo}–{hi} killed (claimed, by different accounts)"


def incident_link(incident_id: str, base_path: str = "") -> str:
    """The URL that opens an incident in the Incident view, from the app's root (`base_path`: the app's path prefix,
    Streamlit's ``server.baseUrlPath``, when it is served below the host's root)."""
    prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""
    return f"{quote(prefix)}/?incident=" + quote(str(incident_id), safe="")


def popup_html(row, *, link: Callable[[str], str] | None = None) -> str:
    """An incident's popup: place, dates, range of figures, each account, and a link to the incident view.

    `link` maps an incident id to the link's URL (default `incident_link`, the dashboard's incident view).
    """
    head = (f"<b>{_e(row['place'] or 'place unresolved')}</b> ({_e(row['precision'] or 'no precision')})<br>"
            f"{_e(date_window(row['date_min'], row['date_max']))}<br>"
            f"{_e(figure_range(row['killed_min'], row['killed_max']))}"
            + (" · <b>disputed</b>" if row["disputed"] else ""))
    claims = "".join(f"<li><b>{_e(who)}</b>: {_e(figures)}<br><small>{_e(outlet)}, {_e(published)}</small></li>"
                     for who, figures, outlet, published in row["claims"])
    url = (link or incident_link)(row["id"])
    anchor = f'<a href="{_e(url)}" target="_top">Open the accounts side by side</a>'
    return f'<div style="font-size:12px">{head}<ul style="padding-left:16px;margin:4px 0">{claims}</ul>{anchor}</div>'


def tooltip_text(row) -> str:
    """An incident's tooltip: place and range of figures (plain text; escaped when bound)."""
    return f"{row['place'] or 'place unresolved'}: {figure_range(row['killed_min'], row['killed_max'])}"


# -- grouping -----------------------------------------------------------------------------------------------------


def grid_cells(frame: pd.DataFrame, max_cells: int, first_size: float = FIRST_CELL_DEG) -> tuple[float, pd.DataFrame]:
    """Group located rows into square grid cells of `first_size` degrees, doubled until at most `max_cells` remain.

    Returns the cell size in degrees and one row per cell: lat, lon (the members' mean), count, killed_min,
    killed_max (the lowest and highest claimed figures among the members).
    """
    size = first_size
    while True:
        keys = list(zip((frame["lat"] // size).astype(int), (frame["lon"] // size).astype(int)))
        if len(set(keys)) <= max(1, max_cells) or size > 180:
            break
        size *= 2
    grouped = frame.assign(_cell=keys).groupby("_cell")
    cells = pd.DataFrame({"lat": grouped["lat"].mean(), "lon": grouped["lon"].mean(), "count": grouped.size(),
                          "killed_min": grouped["killed_min"].min(), "killed_max": grouped["killed_max"].max()})
    return size, cells.reset_index(drop=True)


def _add_cells(group: folium.FeatureGroup, frame: pd.DataFrame, max_cells: int, first_size: float) -> None:
    """One circle per grid cell, sized by the number of incidents in it."""
    _, cells = grid_cells(frame, max_cells, first_size)
    layer = CircleLayer()
    for cell in cells.to_dict("records"):
        n = int(cell["count"])
        text = f"{n} incidents; {figure_range(cell['killed_min'], cell['killed_max'])}"
        layer.add(cell["lat"], cell["lon"], {"radius": min(MAX_RADIUS, 6 + 2 * math.sqrt(n)), "color": CELL_COLOUR,
                                             "weight": 2, "fill": True, "fill_color": CELL_COLOUR, "fill_opacity": 0.5},
                  f"{_e(text)}<br><small>zoom in or narrow the filters to see each one</small>", text)
    group.add_child(layer)


# -- the map ------------------------------------------------------------------------------------------------------


def cell_degrees(zoom: float | None) -> float:
    """The grid cell size (degrees) that is about CELL_PX pixels wide at `zoom` (the first size tried without one)."""
    if zoom is None:
        return FIRST_CELL_DEG
    return CELL_PX * 360.0 / (256 * 2 ** max(0.0, float(zoom)))


def _bounds(frame: pd.DataFrame) -> list[list[float]]:
    return [[frame["lat"].min(), frame["lon"].min()], [frame["lat"].max(), frame["lon"].max()]]


def incident_layer(frame: pd.DataFrame, *, selected: str | None = None, max_markers: int = MAX_MARKERS,
                   max_cells: int = MAX_CELLS, cell_deg: float = FIRST_CELL_DEG,
                   link: Callable[[str], str] | None = None) -> folium.FeatureGroup:
    """The incidents of `frame` (located rows) as one layer: a marker with its popup each, or above `max_markers`
    grid cells (`cell_deg` degrees, doubled until at most `max_cells`); the selected incident drawn last, ringed."""
    group = folium.FeatureGroup(name="incidents", control=False)
    if len(frame) > max_markers:
        _add_cells(group, frame, max_cells, cell_deg)
        return group
    order = frame.assign(_sel=frame["id"] == selected).sort_values(["_sel", "killed_max"], na_position="first")
    layer = CircleLayer()
    for row in order.to_dict("records"):
        style = marker_style(row)
        if row["id"] == selected:
            style.update(color=SELECTED_COLOUR, weight=4)
        layer.add(row["lat"], row["lon"], style, popup_html(row, link=link), tooltip_text(row))
    return group.add_child(layer)


def incident_map(frame: pd.DataFrame, *, center: Sequence[float] | None = None, zoom: int | None = None,
                 online_tiles: bool = False, selected: str | None = None, max_markers: int = MAX_MARKERS,
                 undated: bool = False, link: Callable[[str], str] | None = None, markers: bool = True) -> folium.Map:
    """The drawable incidents of `frame` on the offline base map, with a legend (undated ones only if `undated`).

    The view: `center`/`zoom` when given; else the selected incident; else fitted to the incidents drawn.
    `link` maps an incident id to the URL its popup links to (default: the dashboard's incident view).
    With `markers` off the map holds no incident (a page adds the layer for the area in view: see
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
    m = base_map(location=location, zoom=start_zoom, online_tiles=online_tiles)
    if markers:
        incident_layer(shown, selected=selected, max_markers=max_markers, link=link).add_to(m)
    m.add_child(Legend(legend_html()))
    if center is None and not len(chosen) and len(shown):
        m.fit_bounds(_bounds(shown), padding=(30, 30), max_zoom=zoom or 9)
    return m
