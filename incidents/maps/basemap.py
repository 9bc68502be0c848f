"""The offline base layer of every map: country outlines, rivers, lakes and governorates, no tiles.

The outlines ship with the gazetteer (``gazetteer/data/basemap.geojson`` from Natural Earth and
``gazetteer/data/admin1.geojson`` from UN OCHA and Who's On First), so a map drawn with `base_map` needs no network.
Online tiles (OpenStreetMap) are added only when asked for: the browser then requests tiles for the area in view.

    m = base_map(location=(35.0, 39.0), zoom=6)            # offline
    m = base_map(location=(35.0, 39.0), online_tiles=True) # opt-in tiles under the outlines
    m = base_map(labels="/app/static/atlas/labels.json")    # names by zoom, fetched from this server

A map with labels carries the browser library (incidents.maps.map_script) that draws them (`with_library`).
Labels (towns and villages of the shipped gazetteer, governorates, rivers: see incidents.maps.labels) are a URL on the
server the page came from, or the label rows themselves for a standalone file.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

import folium
from branca.element import MacroElement
from jinja2 import Template

from .map_script import Library

#: Where a map with nothing on it looks first: Syria and the Iraqi border.
DEFAULT_LOCATION = (35.0, 39.0)
DEFAULT_ZOOM = 6

#: The opt-in online tiles; the browser fetches them from this host.
ONLINE_TILES = "OpenStreetMap"

#: Credits shown in the map's attribution control (plain text; Leaflet renders it as HTML).
NATURAL_EARTH_CREDIT = "Outlines: Natural Earth (public domain)"
ADMIN1_CREDIT = "Governorates: UN OCHA COD-AB (CC BY 3.0 IGO), Who's On First (CC0)"

#: One style per kind of feature in basemap.geojson (property ``layer``), and for the governorate outlines.
#: With online tiles the countries are not filled, so the tiles show through.
COUNTRY_STYLE = {"color": "#8c8c8c", "weight": 1, "fillColor": "#f3f1ec", "fillOpacity": 1.0}
COUNTRY_OUTLINE_STYLE = {**COUNTRY_STYLE, "fillOpacity": 0.0}
LAKE_STYLE = {"color": "#7fa7c9", "weight": 1, "fillColor": "#bcd3e6", "fillOpacity": 1.0}
RIVER_STYLE = {"color": "#7fa7c9", "weight": 2, "opacity": 0.9}
ADMIN1_STYLE = {"color": "#5b5b5b", "weight": 1, "dashArray": "4 3", "fill": False}

#: The basemap.geojson layers, drawn in this order (later on top).
BASEMAP_LAYERS = ("country", "lake", "river")


@lru_cache(maxsize=None)
def _read(name: str) -> dict:
    """The parsed GeoJSON file `name` of the gazetteer's data (cached; callers must not mutate it)."""
    text = resources.files("gazetteer").joinpath("data", name).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def layer_geojson(layer: str) -> str:
    """The features of one base layer as a GeoJSON string: "country", "lake", "river" or "admin1".

    Properties are dropped (no text of the data files reaches the page); a string, so each map parses its own copy.
    """
    if layer == "admin1":
        features = _read("admin1.geojson")["features"]
    elif layer in BASEMAP_LAYERS:
        features = [f for f in _read("basemap.geojson")["features"] if f["properties"].get("layer") == layer]
    else:
        raise ValueError(f"layer must be one of {(*BASEMAP_LAYERS, 'admin1')}, got {layer!r}")
    stripped = [{"type": "Feature", "properties": {}, "geometry": f["geometry"]} for f in features]
    return json.dumps({"type": "FeatureCollection", "features": stripped}, separators=(",", ":"))


def _style_of(layer: str, *, filled: bool) -> dict:
    """The style of one base layer."""
    styles = {"country": COUNTRY_STYLE if filled else COUNTRY_OUTLINE_STYLE, "lake": LAKE_STYLE,
              "river": RIVER_STYLE, "admin1": ADMIN1_STYLE}
    return styles[layer]


def base_layers(*, filled: bool = True) -> list[folium.GeoJson]:
    """New GeoJson layers for the offline base map, bottom first: countries, lakes, rivers, governorates.

    `filled` False leaves the countries unfilled so online tiles below them show.
    """
    layers = []
    for layer in (*BASEMAP_LAYERS, "admin1"):
        style = _style_of(layer, filled=filled)
        credit = ADMIN1_CREDIT if layer == "admin1" else NATURAL_EARTH_CREDIT
        layers.append(folium.GeoJson(layer_geojson(layer), name=layer, style_function=lambda _f, s=style: s,
                                     control=False, interactive=False, attribution=credit))
    return layers


class Labels(MacroElement):
    """Place, governorate and river names drawn by the browser library (`atlas.labels`) as the zoom allows."""

    _template = Template("""
        {% macro script(this, kwargs) %}
            atlas.labels({{ this._parent.get_name() }}, {{ this.source_js }});
        {% endmacro %}
    """)

    def __init__(self, source: str | list) -> None:
        super().__init__()
        self._name = "Labels"
        self.source_js = json.dumps(source, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")


def base_map(*, location: tuple[float, float] = DEFAULT_LOCATION, zoom: float = DEFAULT_ZOOM,
             online_tiles: bool = False, labels: str | list | None = None) -> folium.Map:
    """A folium map with the offline base layer and, only when `online_tiles` is True, OpenStreetMap tiles below it.

    `labels`: a URL of label rows on this server, the rows themselves, or None for no names.
    """
    # no fade: a popup closes at once (never two on screen), and nothing waits on an animation
    m = folium.Map(location=list(location), zoom_start=zoom, tiles=None, control_scale=True, fade_animation=False)
    if online_tiles:
        folium.TileLayer(ONLINE_TILES, control=False).add_to(m)
    for layer in base_layers(filled=not online_tiles):
        layer.add_to(m)
    if labels is not None:
        with_library(m).add_child(Labels(labels))
    return m


def with_library(m: folium.Map) -> folium.Map:
    """`m` with the browser library (incidents.maps.map_script) among its children, once."""
    if not any(isinstance(child, Library) for child in m._children.values()):
        m.add_child(Library(), name="atlas_library")
    return m
