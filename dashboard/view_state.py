"""The Map page's view as a value: filters, the selected incident and the map's centre, to and from the URL.

    state = from_query({"from": "2017-07-01", "to": "2017-08-31", "disputed": "1", "q": "Albukamal",
                        "perpetrator": "US-led coalition", "text": '"residential buildings"'})
    to_query(state)                  # {"from": "2017-07-01", "to": "2017-08-31", "disputed": "1", "q": "Albukamal"}
    filter_frame(frame, state, gaz)  # the incidents the view shows

Reading a URL is lenient: a value that cannot be read falls back to its default, it never raises. Writing leaves
defaults out, so a plain link stays plain.

Undated incidents are kept by default when no date window is chosen and left out by default under a window
(a window cannot say whether they fall inside it); ``undated=1`` or ``undated=0`` in the URL says otherwise.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from gazetteer import Gazetteer
from incidents import selection
from incidents.model import PRECISIONS, VICTIMS

#: Zoom levels a URL may ask for.
MIN_ZOOM, MAX_ZOOM = 1, 18
#: Separator of list values in the query string ("admin1=SY09,SY11").
SEP = ","


@dataclass(frozen=True)
class ViewState(selection.Filters):
    """What the Map page shows: the filters (those of the exports), the incident opened, and where the map looks."""

    incident: str = ""
    center: tuple[float, float] | None = None
    zoom: int | None = None
    perpetrators: tuple[str, ...] = ()  # alleged perpetrators named in the accounts (dashboard.account_text)
    words: str = ""  # words in the accounts' quotes or titles

    @property
    def filters(self) -> selection.Filters:
        """The view's filters, as the exports take them."""
        return selection.Filters.of(self)


DEFAULT = ViewState()


# -- reading and writing the query string -----------------------------------------------------------------------


def _one(value: object) -> str:
    """A query-string value as one stripped string (the last of a repeated key)."""
    if isinstance(value, (list, tuple)):
        value = value[-1] if value else ""
    return "" if value is None else str(value).strip()


def _many(value: object) -> tuple[str, ...]:
    """A list value: repeated keys or one comma-separated string, blanks dropped, order kept, no repeats."""
    items = value if isinstance(value, (list, tuple)) else [value]
    parts = [p.strip() for item in items if item is not None for p in str(item).split(SEP)]
    return tuple(dict.fromkeys(p for p in parts if p))


def _date(value: object) -> dt.date | None:
    """An ISO date, or None when it is not one."""
    try:
        return dt.date.fromisoformat(_one(value))
    except ValueError:
        return None


def _int(value: object, lo: int, hi: int) -> int | None:
    """An integer within [lo, hi], or None."""
    try:
        n = int(_one(value))
    except ValueError:
        return None
    return n if lo <= n <= hi else None


def _center(value: object) -> tuple[float, float] | None:
    """"lat,lon" as a valid point, or None."""
    parts = _one(value).split(SEP)
    if len(parts) != 2:
        return None
    try:
        lat, lon = float(parts[0]), float(parts[1])
    except ValueError:
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return (lat, lon)


def undated_default(date_from: dt.date | None, date_to: dt.date | None) -> bool:
    """Whether undated incidents are kept when the URL does not say: yes without a date window, no under one."""
    return date_from is None and date_to is None


def _undated(value: object, date_from: dt.date | None, date_to: dt.date | None) -> bool:
    """``undated`` of the URL: 1/true/yes, 0/false/no, else the default for the date window."""
    text = _one(value).lower()
    if text in ("1", "true", "yes"):
        return True
    if text in ("0", "false", "no"):
        return False
    return undated_default(date_from, date_to)


def from_query(params: Mapping[str, object]) -> ViewState:
    """The view a URL asks for; unknown keys are ignored and unreadable values fall back to their defaults."""
    date_from, date_to = _date(params.get("from")), _date(params.get("to"))
    if date_from and date_to and date_from > date_to:
        date_from, date_to = date_to, date_from
    return ViewState(
        date_from=date_from,
        date_to=date_to,
        admin1=tuple(dict.fromkeys(a.upper() for a in _many(params.get("admin1")))),
        outlets=_many(params.get("outlet")),
        claimants=_many(params.get("claimant")),
        victims=tuple(v for v in _many(params.get("victims")) if v in VICTIMS),
        disputed_only=_one(params.get("disputed")).lower() in ("1", "true", "yes"),
        undated=_undated(params.get("undated"), date_from, date_to),
        precision=tuple(p for p in _many(params.get("precision")) if p in PRECISIONS),
        min_killed=_int(params.get("min_killed"), 0, 10**6) or 0,
        search=_one(params.get("q"))[:200],
        incident=_one(params.get("incident"))[:64],
        center=_center(params.get("center")),
        zoom=_int(params.get("zoom"), MIN_ZOOM, MAX_ZOOM),
        perpetrators=_many(params.get("perpetrator")),
        words=_one(params.get("text"))[:200],
    )


def to_query(state: ViewState) -> dict[str, str]:
    """The query-string parameters that reproduce `state`, defaults left out."""
    out: dict[str, str] = {}
    if state.date_from:
        out["from"] = state.date_from.isoformat()
    if state.date_to:
        out["to"] = state.date_to.isoformat()
    for key, values in (("admin1", state.admin1), ("outlet", state.outlets), ("claimant", state.claimants),
                        ("victims", state.victims), ("precision", state.precision), ("perpetrator", state.perpetrators)):
        if values:
            out[key] = SEP.join(values)
    if state.disputed_only:
        out["disputed"] = "1"
    if state.undated != undated_default(state.date_from, state.date_to):
        out["undated"] = "1" if state.undated else "0"
    if state.min_killed:
        out["min_killed"] = str(state.min_killed)
    if state.search.strip():
        out["q"] = state.search.strip()
    if state.words.strip():
        out["text"] = state.words.strip()
    if state.incident:
        out["incident"] = state.incident
    if state.center is not None:
        out["center"] = f"{state.center[0]:.4f}{SEP}{state.center[1]:.4f}"
    if state.zoom is not None:
        out["zoom"] = str(state.zoom)
    return out


# -- where the map looks ------------------------------------------------------------------------------------------


def seen_view(returned: Mapping[str, object] | None) -> tuple[tuple[float, float], int] | None:
    """The centre (to 4 decimals, as the URL holds it) and zoom a map component reported ({"center": {"lat", "lng"},
    "zoom"}), or None. Whether the person moved the map there is the map's to say (dashboard.map_events)."""
    if not returned:
        return None
    center, zoom = returned.get("center"), returned.get("zoom")
    if not isinstance(center, Mapping) or zoom is None:
        return None
    point = _center(f"{center.get('lat')}{SEP}{center.get('lng')}")
    level = _int(zoom, MIN_ZOOM, MAX_ZOOM)
    if point is None or level is None:
        return None
    return (round(point[0], 4), round(point[1], 4)), level


def same_view(a: tuple[tuple[float, float], int] | None, b: tuple[tuple[float, float] | None, int | None] | None,
              pixels: float = 2.0) -> bool:
    """True when two (centre, zoom) views are the same zoom and their centres lie within `pixels` of each other
    (a map opened on a link reports the link's view back, give or take its rounding)."""
    if a is None or b is None or b[0] is None or a[1] != b[1]:
        return False
    degrees = pixels * 360.0 / (256 * 2 ** a[1])
    return abs(a[0][0] - b[0][0]) <= degrees and abs(a[0][1] - b[0][1]) <= degrees


# -- filtering ----------------------------------------------------------------------------------------------------


def filter_frame(frame: pd.DataFrame, state: ViewState, gazetteer: Gazetteer | None = None) -> pd.DataFrame:
    """The rows of the incidents frame that the view's filters keep (the exports' filters, see incidents.selection)."""
    return selection.filter_frame(frame, state.filters, gazetteer)
