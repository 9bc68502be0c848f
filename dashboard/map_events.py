"""What a map in the browser tells the page: which incident a popup's link asked for, whether the person moved it.

    event = map_event(st_folium_result)
    event.open       # "Ib9e2857816c" when a popup's link was clicked, else None
    event.token      # unique per click, so one click opens once
    event.moved      # the person panned or zoomed since the map last fitted the filters
    event.reset      # which reset of the view that report follows (see dashboard.viewport.MapView)

The map's library (incidents.maps.map_script) puts its messages in the component's ``last_geocoder_result`` field, which
the component passes back as it is. A report that does not hold one reads as "nothing happened". Reading is
lenient: a malformed message is no message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

#: The component field that carries the messages; ask for it among the component's returned objects.
FIELD = "last_geocoder_result"
#: What a map page asks its component to report.
RETURNED = ["center", "zoom", "bounds", FIELD]


@dataclass(frozen=True)
class MapEvent:
    """One report of the map (see the module's docstring)."""

    open: str | None = None
    token: str = ""
    moved: bool = False
    reset: int | None = None


def map_event(returned: Mapping[str, object] | None) -> MapEvent:
    """The map's message in a component report; `MapEvent()` when there is none."""
    raw = (returned or {}).get(FIELD) if isinstance(returned, Mapping) else None
    if not isinstance(raw, Mapping):
        return MapEvent()
    wanted = raw.get("open")
    opened = str(wanted)[:64] if isinstance(wanted, str) and wanted.strip() else None
    reset = raw.get("reset")
    return MapEvent(open=opened, token=f"{raw.get('nonce', '')}:{raw.get('seq', '')}" if opened else "",
                    moved=raw.get("moved") is True, reset=reset if isinstance(reset, int) else None)


def moved_by_person(event: MapEvent, reset: int) -> bool:
    """True when the person moved the map since the page's latest reset of the view (`reset`)."""
    return event.moved and event.reset == reset
