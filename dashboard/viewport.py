"""What the map draws for the area in view: the incidents inside it, as markers with popups or as grid cells.

    bounds = view_bounds(st_folium_result)                # ((south, west), (north, east)) or None
    visible = in_view(frame, bounds)                      # the rows inside the view (a margin around it)
    group, drawn = visible_layer(frame, bounds, zoom=view_zoom(st_folium_result), link=…)  # what the browser gets

The browser receives only what it draws: the incidents in view (with a margin, so a small pan shows markers at
once) as markers with their popups when there are at most MAX_MARKERS of them, otherwise grid cells (one circle per
cell, counting the incidents and the range of figures claimed in it) and no popups. Zooming in turns cells into
markers. Everything here is plain computation on the incidents frame: no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import folium
import pandas as pd

from .incident_map import MAX_MARKERS, cell_degrees, drawable, incident_layer

#: The share of the view's width and height added on each side before selecting what to draw.
MARGIN = 0.25

Bounds = tuple[tuple[float, float], tuple[float, float]]


def view_bounds(returned: Mapping[str, object] | None) -> Bounds | None:
    """The ((south, west), (north, east)) a map component reported, or None when it has not reported any."""
    raw = (returned or {}).get("bounds")
    if not isinstance(raw, Mapping):
        return None
    try:
        sw, ne = raw["_southWest"], raw["_northEast"]
        south, west, north, east = (float(sw["lat"]), float(sw["lng"]), float(ne["lat"]), float(ne["lng"]))
    except (KeyError, TypeError, ValueError):
        return None
    if not all(math.isfinite(v) for v in (south, west, north, east)) or south > north:
        return None
    return (max(-90.0, south), west), (min(90.0, north), east)


def in_view(frame: pd.DataFrame, bounds: Bounds | None, margin: float = MARGIN) -> pd.DataFrame:
    """The rows of `frame` inside `bounds` widened by `margin` of its size on each side (all rows without bounds)."""
    if bounds is None or not len(frame):
        return frame
    (south, west), (north, east) = bounds
    dlat, dlon = (north - south) * margin, (east - west) * margin
    if east - west + 2 * dlon >= 360:  # the whole world is in view
        lon_ok = pd.Series(True, index=frame.index)
    else:
        lon_ok = frame["lon"].between(west - dlon, east + dlon)
    return frame[frame["lat"].between(south - dlat, north + dlat) & lon_ok]


def view_zoom(returned: Mapping[str, object] | None) -> float | None:
    """The zoom a map component reported, or None."""
    try:
        zoom = float((returned or {}).get("zoom"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return zoom if math.isfinite(zoom) else None


def visible_layer(frame: pd.DataFrame, bounds: Bounds | None, *, zoom: float | None = None, undated: bool = False,
                  selected: str | None = None, max_markers: int = MAX_MARKERS,
                  link: Callable[[str], str] | None = None) -> tuple[folium.FeatureGroup, int]:
    """The layer for the area in view and how many incidents it holds (markers, or cells about 40 px wide)."""
    shown = frame[drawable(frame, undated=undated)] if len(frame) else frame
    visible = in_view(shown, bounds)
    layer = incident_layer(visible, selected=selected, max_markers=max_markers, cell_deg=cell_degrees(zoom), link=link)
    return layer, len(visible)
