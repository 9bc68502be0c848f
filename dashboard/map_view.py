"""What the Map page computes, without Streamlit: date presets, playback, claimant choices, counts, the table.

    presets(lo, hi)                             # {"All dates": (lo, hi), "2017": (…), …}
    step_window(window, bounds, "M", +1)        # the window one month on, and whether it reached the end
    claimant_choices(frame)                     # claimants as the registry groups them ("SANA" finds "… via SANA")
    counts_caption(matching=16, total=16, drawn=7, undated_hidden=9, unlocated=0)
    incidents_table(drawn, link=…, governorates=…)   # what the map shows, in words a person reads
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pandas as pd

from incidents import claimants as registry
from incidents.maps.incident_map import Window, partly_outside
from incidents.maps.popups import claims_line, date_bounds, date_window, figure_range, precision_words
from incidents.selection import describe

from .incident_view import choices
from .view_state import ViewState, to_query

#: The date preset covering everything.
ALL = "All dates"
#: Playback: the length of a step, and the pause between steps (seconds) by speed.
STEPS = {"W": dt.timedelta(weeks=1), "M": dt.timedelta(days=30)}
SPEEDS = {"slow": 2.0, "normal": 1.0, "fast": 0.5}


def plural(n: int, word: str, words: str | None = None) -> str:
    """ "1 incident", "2 incidents"."""
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


# -- dates --------------------------------------------------------------------------------------------------------


def presets(lo: dt.date, hi: dt.date) -> dict[str, tuple[dt.date, dt.date]]:
    """The date presets: everything, and each year the data covers."""
    years = {str(y): (max(lo, dt.date(y, 1, 1)), min(hi, dt.date(y, 12, 31))) for y in range(lo.year, hi.year + 1)}
    return {ALL: (lo, hi), **years}


def step_window(window: tuple[dt.date, dt.date], bounds: tuple[dt.date, dt.date], period: str,
                direction: int = 1) -> tuple[tuple[dt.date, dt.date], bool]:
    """The window moved one step (`period` "W" or "M") forward (`direction` 1) or back (-1), keeping its width,
    within `bounds`; and True when it reached the end it moves towards.

    A window that covers all the data first becomes one step wide at the start (forward) or the end (back).
    """
    step = STEPS[period]
    lo, hi = window
    first, last = bounds
    if lo <= first and hi >= last:
        start = (first, min(last, first + step - dt.timedelta(days=1))) if direction > 0 else \
            (max(first, last - step + dt.timedelta(days=1)), last)
        return start, start[1] >= last if direction > 0 else start[0] <= first
    if direction > 0:
        delta = min(step, last - hi)
        moved = (lo + delta, hi + delta)
        return moved, moved[1] >= last
    delta = min(step, lo - first)
    moved = (lo - delta, hi - delta)
    return moved, moved[0] <= first


def brushed_window(selection: object, bounds: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date] | None:
    """The date window a brush on the timeline chose (Vega-Lite: ``{"period": [ms, ms]}`` or ISO strings), inside
    `bounds`; None when nothing is brushed."""
    if not isinstance(selection, Mapping):
        return None
    span = selection.get("period")
    if not isinstance(span, (list, tuple)) or len(span) != 2:
        return None
    try:
        days = sorted(pd.Timestamp(v, unit="ms").date() if isinstance(v, (int, float)) else pd.Timestamp(v).date()
                      for v in span)
    except (TypeError, ValueError):
        return None
    lo, hi = max(days[0], bounds[0]), min(days[1], bounds[1])
    return (lo, hi) if lo <= hi else None


# -- choices ------------------------------------------------------------------------------------------------------


def claimant_choices(frame: pd.DataFrame) -> list[str]:
    """The claimants to filter on, grouped as the claimant registry says: each name once under its canonical name,
    and every claimant a chain relays through ("local sources via SANA" gives "local sources" and "SANA")."""
    written = {claimed_by for values in frame["claimants"] for claimed_by in values or ()}
    parts = {part for claimed_by in written for part in re.split(r"\s+via\s+", claimed_by.strip()) if part}
    return sorted({registry.normalize(part) for part in parts}, key=str.casefold)


@dataclass(frozen=True)
class FrameFacts:
    """What the filters offer for a set of incidents: the dates they span, and each filter's choices."""

    bounds: tuple[dt.date, dt.date] | None
    admin1: tuple[str, ...]
    outlets: tuple[str, ...]
    claimants: tuple[str, ...]
    victims: tuple[str, ...]


def frame_facts(frame: pd.DataFrame) -> FrameFacts:
    """The facts of an incidents frame (a page caches them per store: each reads every row)."""
    return FrameFacts(date_bounds(frame), tuple(choices(frame, "admin1")), tuple(choices(frame, "outlets")),
                      tuple(claimant_choices(frame)), tuple(choices(frame, "victims")))


# -- counts -------------------------------------------------------------------------------------------------------


def counts_caption(*, matching: int, total: int, drawn: int, undated_hidden: int, unlocated: int) -> str:
    """What the map holds, in one line: "7 of 16 incidents match and are drawn; 9 with no date are not (…)"."""
    parts = [f"{matching:,} of {plural(total, 'incident')} match", f"{drawn:,} drawn"]
    if undated_hidden:
        parts.append(f"{undated_hidden:,} with no date not drawn (tick 'Draw undated incidents')")
    if unlocated:
        parts.append(f"{unlocated:,} with no resolved place not drawn")
    return "; ".join(parts) + "."


def fit_token(state: ViewState) -> str:
    """What makes the map fit again while it follows the filters: every filter but the date window (moving through
    time keeps the place in view) and the map's own view."""
    query = {k: v for k, v in to_query(state).items() if k not in ("from", "to", "undated", "center", "zoom",
                                                                   "incident")}
    return hashlib.sha1(repr(sorted(query.items())).encode()).hexdigest()[:12]


def view_description(state: ViewState, names: Mapping[str, str] | None = None) -> str:
    """The view's filters in words, as the exports' metadata says them, with what the accounts must say."""
    parts = [describe(state.filters, names)]
    if state.perpetrators:
        parts.append(f"alleged perpetrator: {', '.join(state.perpetrators)}")
    if state.words.strip():
        parts.append(f"accounts saying {state.words.strip()!r}")
    return "; ".join(p for p in parts if p)


def where_of(state: ViewState) -> tuple[str, tuple[str, ...]]:
    """The filters that say where to look: a change of these gives the map back to the filters."""
    return (state.search.strip().casefold(), tuple(sorted(state.admin1)))


# -- the table ----------------------------------------------------------------------------------------------------

#: The table's columns, in order.
TABLE_COLUMNS = ("place", "dates", "killed", "claims", "sources", "disputed", "governorate", "place precision",
                 "open")


def incidents_table(frame: pd.DataFrame, *, link: Callable[[str], str],
                    governorates: Mapping[str, str] | None = None, window: Window | None = None) -> pd.DataFrame:
    """The incidents of `frame` as the table under the map shows them: words, not codes; indexed by incident id.

    An incident whose dates only partly fall inside `window` (the date window chosen) says so.
    """
    governorates = governorates or {}
    rows = [{
        "place": str(r["place"] or "place unresolved"),
        "dates": date_window(r["date_min"], r["date_max"]) + (" (partly outside the window)"
                                                              if partly_outside(r, window) else ""),
        "killed": figure_range(r["killed_min"], r["killed_max"]).replace(" (claimed)", "").replace(
            " (claimed, by different accounts)", ""),
        "claims": claims_line(r),
        "sources": int(r["sources"]),
        "disputed": "disputed" if r["disputed"] else "",
        "governorate": ", ".join(governorates.get(c, c).split(" / ")[0] for c in r["admin1"]) or "unknown",
        "place precision": precision_words(r["precision"]),
        "open": link(r["id"]),
    } for r in frame.to_dict("records")]
    return pd.DataFrame(rows, columns=list(TABLE_COLUMNS), index=pd.Index(frame["id"].tolist(), name="id"))


def pick_labels(frame: pd.DataFrame) -> dict[str, str]:
    """Incident id -> a label for a pick list: place, dates, figures (no id)."""
    return {r["id"]: f"{r['place'] or 'place unresolved'} · {date_window(r['date_min'], r['date_max'])} · "
                     f"{figure_range(r['killed_min'], r['killed_max'])}" for r in frame.to_dict("records")}
