"""What the Gazetteer page shows, computed without Streamlit: the lookup from the URL, the summary, tables and map.

    r = gaz.resolve("Deir Ezzor")
    resolution_summary(r)   # "Resolved: 'Deir Ezzor' is Deir ez-Zor (locality; …), precision exact, confidence 1.00."
    candidates_table(r)     # one row per ranked candidate
    candidates_map(r)       # a folium map on the offline base layer, one marker per candidate

Text from the query and the data is escaped wherever it is rendered: HTML in map popups, Markdown in summaries.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from gazetteer import OSM_CREDIT, Candidate, Place, Resolution
from incidents.maps.basemap import DEFAULT_LOCATION, DEFAULT_ZOOM, base_map

#: The columns of the candidates table, in order.
COLUMNS = ("rank", "name", "Arabic name", "type", "governorate", "district", "precision", "score", "match",
           "matched name", "lat", "lon", "source", "id")

#: The governorate hint meaning "no hint".
ANY = "Any"
#: Candidates kept per lookup: the default and the largest a URL may ask for.
DEFAULT_LIMIT, MAX_LIMIT = 10, 50

#: Why a query is unresolved, in words.
REASONS = {
    "no candidate": "no place in the gazetteer has this name or a close spelling",
    "low score": "no candidate matches well enough",
    "ambiguous": "the best candidates are distinct places too close in score to choose between",
}

#: Credit line for the data a lookup shows (the About page has the full list).
DATA_CREDIT = ("Places: Who's On First (CC0; incorporating GeoNames, CC BY 4.0, and Quattroshapes, CC BY), "
               f"OpenSyria Data Geography v0.1.3 (CC BY 4.0); {OSM_CREDIT}. Boundaries: UN OCHA COD-AB "
               "(CC BY 3.0 IGO). Base map: Natural Earth (public domain).")


@dataclass(frozen=True)
class DataSource:
    """One data set the dashboard shows, with its licence and the credit it asks for."""

    name: str
    used_for: str
    licence: str
    credit: str
    url: str


#: Every data set the gazetteer ships, as the About page lists them.
DATA_SOURCES = (
    DataSource("Who's On First", "place names, alternate names, types, populations; Iraqi governorate outlines",
               "CC0 (includes GeoNames, CC BY 4.0, and Quattroshapes, CC BY)",
               "Data from Who's On First, incorporating data from GeoNames (CC BY 4.0) and Quattroshapes (CC BY).",
               "https://whosonfirst.org/docs/licenses/"),
    DataSource("GeoNames (via Who's On First)", "most populated places and their alternate names", "CC BY 4.0",
               "GeoNames, www.geonames.org, CC BY 4.0.", "https://www.geonames.org"),
    DataSource("OpenSyria Data Geography v0.1.3", "governorates, districts, sub-districts, P-codes and aliases",
               "CC BY 4.0",
               "Administrative names and P-codes: OpenSyria Data Geography v0.1.3 (CC BY 4.0), compiled from "
               "UN OCHA/HDX, geoBoundaries, GeoNames and Wikidata.", ""),
    DataSource("UN OCHA Syrian Arab Republic COD-AB (2020-12-17, v02)", "governorate outlines", "CC BY 3.0 IGO",
               "Administrative boundaries: UN OCHA, Syrian Arab Republic COD-AB, via the Humanitarian Data Exchange. "
               "The boundaries and names shown do not imply official endorsement or acceptance by the United Nations.",
               "https://data.humdata.org/dataset/cod-ab-syr"),
    DataSource("Natural Earth 4.0.0", "country outlines, rivers (the Euphrates), lakes", "public domain",
               "Made with Natural Earth.", "https://www.naturalearthdata.com"),
    DataSource("OpenStreetMap populated places (HOTOSM export, via HDX), matched to OCHA communities",
               "village names (Arabic and Latin) and points the other sources lack; OCHA community names as "
               "alternate names (gazetteer/data/osm_places.json.gz, a layer of its own)", "ODbL 1.0",
               f"{OSM_CREDIT}; community names: UN OCHA COD (CC BY 3.0 IGO).",
               "https://www.openstreetmap.org/copyright"),
    DataSource("Curated overlay (gazetteer/data/overlay.csv)", "a few places and names the sources above lack",
               "each row cites its source", "UCDP GED, ACLED, Airwars location records, as cited per row.", ""),
)


# -- the lookup and the URL -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookup:
    """What the page looks up: the name as typed, a governorate code or ANY, and how many candidates to keep."""

    query: str = ""
    admin1: str = ANY
    limit: int = DEFAULT_LIMIT

    @property
    def admin1_hint(self) -> str | None:
        """The governorate hint for `Gazetteer.resolve`, None for ANY."""
        return None if self.admin1 == ANY else self.admin1


def _first(value: object) -> str:
    """A query-string value as one string (the last of a repeated key, like st.query_params)."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return str(value) if value is not None else ""


def lookup_from_params(params: Mapping[str, object], admin1_codes: Iterable[str] = ()) -> Lookup:
    """The lookup a URL asks for (``?q=…&admin1=SY09&limit=5``); unknown or malformed values fall back to defaults."""
    query = _first(params.get("q", "")).strip()
    admin1 = _first(params.get("admin1", ANY)).strip().upper()
    if admin1 not in set(admin1_codes):
        admin1 = ANY
    try:
        limit = int(_first(params.get("limit", DEFAULT_LIMIT)))
    except ValueError:
        limit = DEFAULT_LIMIT
    if not 1 <= limit <= MAX_LIMIT:
        limit = DEFAULT_LIMIT
    return Lookup(query=query, admin1=admin1, limit=limit)


def params_from_lookup(lookup: Lookup) -> dict[str, str]:
    """The query-string parameters that reproduce `lookup` (defaults left out)."""
    params = {"q": lookup.query.strip()} if lookup.query.strip() else {}
    if lookup.admin1 != ANY:
        params["admin1"] = lookup.admin1
    if lookup.limit != DEFAULT_LIMIT:
        params["limit"] = str(lookup.limit)
    return params


def governorates(places: Iterable[Place]) -> dict[str, str]:
    """Governorate code -> label ("Deir ez-Zor / دير الزور (SY)"), Syrian ones first, then by name."""
    govs = sorted((p for p in places if p.type == "governorate"), key=lambda p: (p.country != "SY", p.name))
    return {p.admin1: f"{p.name} / {p.name_ar} ({p.country})" if p.name_ar else f"{p.name} ({p.country})"
            for p in govs}


# -- text -------------------------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>:~$=&\"'])")


def escape_markdown(text: str) -> str:
    """`text` on one line with every Markdown-significant character backslash-escaped, so it renders as itself."""
    return " ".join(_MARKDOWN_SPECIAL.sub(r"\\\1", text).split())  # CR, LF and other line breaks as spaces


def _where(place: Place) -> str:
    """The place's type and administrative parents: "locality; Markaz Dayr az-Zawr, Deir ez-Zor, SY"."""
    admin2 = "" if place.type == "district" else place.admin2
    admin1 = "" if place.type == "governorate" else place.admin1_name
    parents = [p for p in (admin2, admin1, place.country) if p]
    return f"{place.type}; {', '.join(parents)}" if parents else place.type


def resolution_summary(resolution: Resolution) -> str:
    """One plain sentence: resolved or unresolved, to what or why, with the confidence."""
    query = repr(resolution.query)
    if resolution.resolved and resolution.place is not None:
        place, qualifier = resolution.place, ""
        if resolution.qualifier:
            qualifier = f" ('{resolution.qualifier}' read from the query)"
        return (f"Resolved: {query} is {place.name} ({_where(place)}), precision {resolution.precision}"
                f"{qualifier}, confidence {resolution.confidence:.2f}.")
    reason = resolution.reason or "low score"
    why = REASONS.get(reason, reason)
    best = resolution.best
    tail = (f" Best score {best.score:.2f}, confidence {resolution.confidence:.2f}; the candidates below are "
            "possibilities, not an answer.") if best is not None else ""
    return f"Unresolved: {query} ({reason}: {why}).{tail}"


# -- tables -----------------------------------------------------------------------------------------------------


def _row(rank: int, c: Candidate) -> dict[str, object]:
    """One table row for a candidate."""
    p = c.place
    return {"rank": rank, "name": p.name, "Arabic name": p.name_ar, "type": p.type, "governorate": p.admin1_name,
            "district": p.admin2, "precision": str(c.precision), "score": round(c.score, 4), "match": c.match,
            "matched name": c.matched_name, "lat": p.lat, "lon": p.lon, "source": p.source, "id": p.id}


def candidates_table(resolution: Resolution) -> pd.DataFrame:
    """The ranked candidates, one row each in the resolution's order, with the columns of COLUMNS."""
    rows = [_row(i, c) for i, c in enumerate(resolution.candidates, start=1)]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def candidate_label(resolution: Resolution, i: int) -> str:
    """A one-line label for candidate `i` (0-based): "1. Deir ez-Zor [locality], Deir ez-Zor"."""
    c = resolution.candidates[i]
    where = f", {c.place.admin1_name}" if c.place.admin1_name and c.place.admin1_name != c.place.name else ""
    return f"{i + 1}. {c.place.name} [{c.place.type}]{where}"


_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")


def alternate_names(place: Place) -> pd.DataFrame:
    """Every name of `place` once, in the gazetteer's order, with its script ("Arabic" or "Latin")."""
    names = list(dict.fromkeys(n for n in (place.name, place.name_ar, *place.names) if n))
    scripts = ["Arabic" if _ARABIC.search(n) else "Latin" for n in names]
    return pd.DataFrame({"name": names, "script": scripts}, columns=["name", "script"])


# -- the map ----------------------------------------------------------------------------------------------------

#: Marker styles: the highlighted candidate and the others.
TOP_STYLE = {"radius": 10, "color": "#7a1f1f", "weight": 3, "fill_color": "#c0392b", "fill_opacity": 0.9}
OTHER_STYLE = {"radius": 6, "color": "#2c3e50", "weight": 1, "fill_color": "#5d7d9a", "fill_opacity": 0.7}
#: The closest the map zooms when fitting the candidates (one candidate alone would zoom in all the way).
FIT_MAX_ZOOM = 11


def _js_string(text: str) -> str:
    """`text` as a JavaScript string literal that is safe inside a <script> element."""
    return json.dumps(text).replace("</", "<\\/")


class EscapedPopup(MacroElement):
    """A popup and a tooltip bound to the parent marker, from text that is HTML-escaped here.

    folium's own Popup puts its HTML in a JavaScript template literal parsed by jQuery; this binds a plain string
    literal with Leaflet alone, so it needs no jQuery and no text can leave the string.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
            {{ this._parent.get_name() }}.bindPopup({{ this.popup_js }}).bindTooltip({{ this.tooltip_js }});
        {% endmacro %}
    """)

    def __init__(self, lines: Iterable[str], tooltip: str) -> None:
        super().__init__()
        self._name = "EscapedPopup"
        self.popup_html = "<br>".join(html.escape(line, quote=True) for line in lines)
        self.tooltip_html = html.escape(tooltip, quote=True)
        self.popup_js = _js_string(self.popup_html)
        self.tooltip_js = _js_string(self.tooltip_html)


def _popup_lines(rank: int, c: Candidate) -> list[str]:
    """The text lines of a candidate's popup."""
    p = c.place
    name = f"{rank}. {p.name}" + (f" / {p.name_ar}" if p.name_ar else "")
    return [name, f"{_where(p)}", f"score {c.score:.2f} ({c.match}: {c.matched_name})",
            f"precision {c.precision}", f"{p.lat:.4f}, {p.lon:.4f}  {p.id}"]


def _bounds(points: list[tuple[float, float]]) -> list[list[float]]:
    """[[south, west], [north, east]] around `points`."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def candidates_map(resolution: Resolution, *, online_tiles: bool = False, selected: int = 0) -> folium.Map:
    """The candidates on the offline base map, one marker each; candidate `selected` (0-based, the top by default)
    is highlighted and drawn on top. OpenStreetMap tiles only when `online_tiles` is True."""
    m = base_map(location=DEFAULT_LOCATION, zoom=DEFAULT_ZOOM, online_tiles=online_tiles)
    candidates = list(resolution.candidates)
    if not candidates:
        return m
    markers = folium.FeatureGroup(name="candidates", control=False,
                                  attribution="Places: Who's On First, GeoNames, OpenSyria, © OpenStreetMap contributors")
    order = [i for i in range(len(candidates)) if i != selected] + ([selected] if selected < len(candidates) else [])
    for i in order:
        c = candidates[i]
        style = TOP_STYLE if i == selected else OTHER_STYLE
        marker = folium.CircleMarker(location=[c.place.lat, c.place.lon], **style)
        marker.add_child(EscapedPopup(_popup_lines(i + 1, c), tooltip=f"{i + 1}. {c.place.name}"))
        markers.add_child(marker)
    markers.add_to(m)
    m.fit_bounds(_bounds([c.place.point for c in candidates]), padding=(30, 30), max_zoom=FIT_MAX_ZOOM)
    return m
