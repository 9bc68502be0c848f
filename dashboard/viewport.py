"""What the map draws and how it looks: the incidents for the area in view, and the map's view instructions.

    bounds = view_bounds(st_folium_result)                # ((south, west), (north, east)) or None
    visible = in_view(frame, bounds)                      # the rows inside the view (a margin around it)
    view = MapView.follow(shown, token="…", reset=0)      # fit the map to these incidents until the person moves it
    group, drawn = visible_layer(frame, bounds, zoom=view_zoom(st_folium_result), view=view, link=…)

The browser receives only what it draws: the incidents in view (with a margin, so a small pan shows markers at
once) as markers with their popups when there are at most MAX_MARKERS of them, otherwise grid cells (one circle per
cell, counting the incidents and the range of figures claimed in it) and no popups. Zooming in turns cells into
markers. While the map follows the filters, "in view" is every incident the filters keep (the map is about to fit
them). Everything here is plain computation on the incidents frame: no Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import folium
import pandas as pd

from incidents.maps.incident_map import (FIT_MAX_ZOOM, MAX_MARKERS, Window, cell_degrees, drawable, frame_bounds,
                                         incident_layer)

#: The share of the view's width and height added on each side before selecting what to draw.
MARGIN = 0.25
#: The map's size in pixels assumed when guessing the zoom a fit will reach (the page's map is about this big).
MAP_PX = (900, 560)

Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class MapView:
    """How the map should look, sent with its incidents (see incidents.maps.map_script, `applyView`).

    - `fit`: the bounds to fit while the person has not moved the map; a new `token` (the filters) fits again;
    - `reset`: a new number gives the map back to the filters (it forgets that the person moved it);
    - `kept`: the person's view is kept (it is in the URL);
    - `center`/`zoom`: a view from the URL, applied once when the map opens.
    """

    fit: Bounds | None = None
    token: str = ""
    reset: int = 0
    kept: bool = False
    center: tuple[float, float] | None = None
    zoom: int | None = None

    @classmethod
    def follow(cls, frame: pd.DataFrame, *, token: str, reset: int = 0) -> MapView:
        """Fit the map to the located rows of `frame` (nothing to fit when there are none)."""
        located = frame[frame["lat"].notna() & frame["lon"].notna()] if len(frame) else frame
        if not len(located):
            return cls(token=token, reset=reset)
        (s, w), (n, e) = frame_bounds(located)
        return cls(fit=((s, w), (n, e)), token=token, reset=reset)

    def payload(self) -> dict[str, object]:
        """What the browser reads."""
        return {"fit": [list(p) for p in self.fit] if self.fit else None, "token": self.token, "reset": self.reset,
                "kept": self.kept, "center": list(self.center) if self.center else None, "zoom": self.zoom,
                "maxZoom": FIT_MAX_ZOOM}


def fit_zoom(bounds: Bounds | None, size_px: tuple[int, int] = MAP_PX) -> float | None:
    """The zoom at which `bounds` fill a map of `size_px` (capped at the fit's maximum), or None without bounds."""
    if bounds is None:
        return None
    (south, west), (north, east) = bounds
    dlon = max(east - west, 1e-6)
    y = [math.log(math.tan(math.pi / 4 + math.radians(max(-85.0, min(85.0, lat))) / 2)) for lat in (south, north)]
    dy = max(abs(y[1] - y[0]), 1e-9)
    zoom_x = math.log2(size_px[0] * 360.0 / (256 * dlon))
    zoom_y = math.log2(size_px[1] * 2 * math.pi / (256 * dy))
    return max(0.0, min(float(FIT_MAX_ZOOM), math.floor(min(zoom_x, zoom_y))))


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
                  link: Callable[[str], str] | None = None, window: Window | None = None,
                  view: MapView | None = None,
                  focus: Mapping[str, object] | None = None) -> tuple[folium.FeatureGroup, int]:
    """The layer for the area in view and how many incidents it holds (markers, or cells about 40 px wide).

    The selected incident is always sent (a row picked in the table may lie outside the view). While `view` fits
    the incidents, the cells are sized for the zoom the fit will reach.
    """
    shown = frame[drawable(frame, undated=undated)] if len(frame) else frame
    visible = in_view(shown, bounds)
    if selected and len(shown) and selected not in set(visible["id"]):
        visible = pd.concat([visible, shown[shown["id"] == selected]])
    if view is not None and view.fit is not None and not view.kept:
        zoom = fit_zoom(view.fit)
    layer = incident_layer(visible, selected=selected, max_markers=max_markers, cell_deg=cell_degrees(zoom),
                           link=link, window=window, view=view.payload() if view else None, focus=focus)
    return layer, len(visible)
