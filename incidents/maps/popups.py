"""What a marker says: popups, one-line entries of a shared marker's list, tooltips and accessible names.

    popup_html(row)                   # place, dates, the range of figures, each claim, a link to the accounts
    popup_line(row)                   # "<b>2019-01-18</b> · Baghuz Tahtani<br>SANA: 20 killed<br><a …>"
    tooltip_text(row), marker_label(row)
    date_bounds(frame), safe_url(url)  # the dates a frame spans; a URL only when it is http(s)

`row` is a row of the incidents frame (incidents.selection.FRAME_COLUMNS). Every piece of text is escaped here: the
place, outlet and claimant come from articles and are untrusted. Links carry the incident's id in ``data-incident``;
in the dashboard the map turns a click on them into a message to the page (see incidents.maps.map_script), elsewhere
they are ordinary links.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from urllib.parse import quote, urlparse

import pandas as pd

from ..selection import claims_of

#: Place precision in words.
PRECISION_WORDS = {"exact": "exact place", "near": "near the place named", "district": "district only",
                   "governorate": "governorate only", "country": "country only"}
#: The link to an incident's accounts.
OPEN_TEXT = "Open the accounts side by side"
#: Said of an incident whose date window only overlaps the window chosen.
PARTIAL_NOTE = "dates only partly inside the window chosen"


def _e(value: object) -> str:
    """Any value as escaped HTML text."""
    return html.escape(str(value), quote=True)


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date)


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


def date_bounds(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    """The first and last date of any incident's window, or None when nothing is dated."""
    dates = [d for col in ("date_min", "date_max") for d in frame[col] if isinstance(d, dt.date)]
    return (min(dates), max(dates)) if dates else None


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) URL with a host, else None (only those are made links)."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


def precision_words(precision: object) -> str:
    """A place precision in words ("exact place"); unknown ones say so."""
    return PRECISION_WORDS.get(precision, "precision unknown") if isinstance(precision, str) else "precision unknown"


def place_of(row) -> str:
    """The incident's place as shown ("place unresolved" when none)."""
    return str(row["place"] or "place unresolved")


def incident_link(incident_id: str, base_path: str = "") -> str:
    """The URL that opens an incident in the Incident view, from the app's root (`base_path`: the app's path prefix,
    Streamlit's ``server.baseUrlPath``, when it is served below the host's root)."""
    prefix = "/" + base_path.strip("/") if base_path.strip("/") else ""
    return f"{quote(prefix)}/?incident=" + quote(str(incident_id), safe="")


def open_anchor(row, *, link: Callable[[str], str] | None = None, target: str | None = "_blank") -> str:
    """The link to an incident's accounts: its URL, the id for the map's message, an accessible name.

    `target` "_blank" (the dashboard: a link the map's sandbox lets open, used when the message cannot be sent or
    the person asks for a new tab), None (a standalone page: the link jumps within it).
    """
    url = (link or incident_link)(row["id"])
    name = f"{OPEN_TEXT}: {place_of(row)}, {date_window(row['date_min'], row['date_max'])}"
    attrs = f' target="{_e(target)}" rel="noopener"' if target else ""
    return (f'<a href="{_e(url)}" data-incident="{_e(row["id"])}"{attrs} aria-label="{_e(name)}">'
            f"{OPEN_TEXT}</a>")


def claims_line(row) -> str:
    """The claims side by side on one line: "SANA: at least 30 killed · SOHR: 54 killed" (plain text)."""
    claims = claims_of(row["claims"])
    return " · ".join(f"{who}: {figures}" for who, figures, _outlet, _published in claims) or "no claim"


def popup_html(row, *, link: Callable[[str], str] | None = None, target: str | None = "_blank",
               partial: bool = False) -> str:
    """An incident's popup: place, dates, range of figures, each account, and a link to the incident view.

    `link` maps an incident id to the link's URL (default `incident_link`, the dashboard's incident view);
    `partial` notes that its date window only overlaps the window chosen.
    """
    note = f' <span class="atlas-note">({_e(PARTIAL_NOTE)})</span>' if partial else ""
    head = (f"<b>{_e(place_of(row))}</b> ({_e(precision_words(row['precision']))})<br>"
            f"{_e(date_window(row['date_min'], row['date_max']))}{note}<br>"
            f"{_e(figure_range(row['killed_min'], row['killed_max']))}"
            + (" · <b>disputed</b>" if row["disputed"] else ""))
    claims = "".join(f"<li><b>{_e(who)}</b>: {_e(figures)}<br><small>{_e(outlet)}, {_e(published)}</small></li>"
                     for who, figures, outlet, published in claims_of(row["claims"]))
    return (f'<div class="atlas-popup">{head}<ul>{claims}</ul>'
            f"{open_anchor(row, link=link, target=target)}</div>")


def popup_line(row, *, link: Callable[[str], str] | None = None, target: str | None = "_blank",
               partial: bool = False) -> str:
    """An incident as one entry of a shared marker's list: date and place, the claims on one line, the link."""
    note = f' <span class="atlas-note">({_e(PARTIAL_NOTE)})</span>' if partial else ""
    disputed = " · <b>disputed</b>" if row["disputed"] else ""
    return (f"<b>{_e(date_window(row['date_min'], row['date_max']))}</b> · {_e(place_of(row))}{note}<br>"
            f"{_e(claims_line(row))}{disputed}<br>{open_anchor(row, link=link, target=target)}")


def tooltip_text(row) -> str:
    """An incident's tooltip: place and range of figures (plain text; escaped when bound)."""
    return f"{place_of(row)}: {figure_range(row['killed_min'], row['killed_max'])}"


def marker_label(row) -> str:
    """A marker's accessible name: place, dates, figures, whether disputed (plain text)."""
    disputed = ", disputed" if row["disputed"] else ""
    return (f"{place_of(row)}, {date_window(row['date_min'], row['date_max'])}: "
            f"{figure_range(row['killed_min'], row['killed_max'])}{disputed}")
