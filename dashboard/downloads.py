"""What the Map page offers to take away: the current view as files, and a link that reproduces it.

    export_bytes(incidents, "gpkg", urls=urls, title=title, description=description)   # the file's bytes
    file_name("png", state, frame)  # "incident-atlas_7-incidents_disputed_2017-06-01_2018-12-31.png"
    export_title(frame, state)      # "Incident Atlas: 16 incidents (9 undated), dates 2017-07-30 … 2019-02-12"
    share_link("https://atlas.example.org/", state)   # "https://atlas.example.org/?from=2017-06-01&disputed=1"

Every file is written by the same code as ``python -m incidents export`` (incidents.export and
incidents.maps.snapshot), so a download and the command line give the same file for the same view.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd

from incidents.export import write_export
from incidents.maps.popups import date_bounds, date_window
from incidents.model import Incident

from .view_state import ViewState, to_query


@dataclass(frozen=True)
class Download:
    """One download button: its label, the export format, the file's extension and MIME type, what it is for."""

    label: str
    fmt: str
    extension: str
    mime: str
    help: str


DOWNLOADS = (
    Download("HTML map", "html", "html", "text/html", "one file that opens offline: the map, popups, legend, sources"),
    Download("PNG", "png", "png", "image/png", "a static map for a report (1600×1200 or more)"),
    Download("SVG", "svg", "svg", "image/svg+xml", "the static map as vector graphics"),
    Download("PDF", "pdf", "pdf", "application/pdf", "the static map as a PDF page"),
    Download("GeoJSON", "geojson", "geojson", "application/geo+json", "one feature per incident, accounts nested"),
    Download("CSV", "csv", "csv", "text/csv", "one row per account"),
    Download("GeoPackage", "gpkg", "gpkg", "application/geopackage+sqlite3",
             "for QGIS: an incidents layer and an accounts table"),
)


def export_bytes(incidents: Sequence[Incident], fmt: str, *, urls: Mapping[str, str] | None = None,
                 title: str = "", description: str = "") -> bytes:
    """The file `python -m incidents export` would write for these incidents, as bytes."""
    with tempfile.TemporaryDirectory(prefix="atlas-export-") as folder:
        path = Path(folder) / f"export.{fmt}"
        write_export(incidents, path, fmt, urls=urls, title=title, description=description)
        return path.read_bytes()


def export_from_store(store_path: Path, ids: Sequence[str], fmt: str, *, title: str = "",
                      description: str = "") -> bytes:
    """The file for the incidents with these ids, read from the store when asked (a download button's click)."""
    from incidents.store import Store

    with Store(store_path) as store:
        return export_bytes(store.incidents_by_ids(list(ids)), fmt, urls=store.urls(), title=title,
                            description=description)


#: The longest part a filter adds to a file name.
NAME_PART = 40


def _slug(text: str) -> str:
    """`text` as a file-name part: letters, digits and hyphens (any script), at most NAME_PART long."""
    return re.sub(r"[^\w]+", "-", text, flags=re.UNICODE).strip("-_")[:NAME_PART].strip("-_")


def file_name(extension: str, state: ViewState, frame: pd.DataFrame | None = None) -> str:
    """A download's file name that says what is in it: how many incidents (when `frame`, the incidents in it, is
    given), the filters that narrow them, and the dates (the window chosen, else the span of the incidents)."""
    parts = ["incident-atlas"]
    if frame is not None:
        parts.append(f"{len(frame)}-incident{'' if len(frame) == 1 else 's'}")
    if state.search.strip():
        parts.append("near-" + _slug(state.search))
    parts += [_slug("+".join(values)) for values in (state.admin1, state.claimants, state.outlets, state.victims,
                                                     state.precision) if values]
    if state.disputed_only:
        parts.append("disputed")
    if state.min_killed:
        parts.append(f"{state.min_killed}plus-killed")
    dates = [d for d in (state.date_from, state.date_to) if d]
    if not dates and frame is not None and len(frame):
        dates = list(date_bounds(frame) or ())
    parts += [d.isoformat() for d in dates]
    return "_".join(p for p in parts if p) + f".{extension}"


def export_title(frame: pd.DataFrame, state: ViewState) -> str:
    """A title for the files of a view that no incident in them contradicts: how many, how many undated, and the
    span of the dated ones' windows ("Incident Atlas: 16 incidents (9 undated), dates 2017-07-30 … 2019-02-12")."""
    n = len(frame)
    dated = frame["date_min"].notna() | frame["date_max"].notna() if n else pd.Series(dtype=bool)
    undated = int((~dated).sum()) if n else 0
    title = f"Incident Atlas: {n:,} incident{'' if n == 1 else 's'}"
    if undated:
        title += f" ({undated:,} undated)" if undated < n else " (all undated)"
    if n and dated.any():
        lo, hi = date_bounds(frame[dated])  # an open end of any window leaves that end of the span open
        lo = None if frame[dated]["date_min"].isna().any() else lo
        hi = None if frame[dated]["date_max"].isna().any() else hi
        title += f", dates {date_window(lo, hi)}" if lo or hi else ", dates ? … ?"
    return title


def share_link(page_url: str, state: ViewState) -> str:
    """The address of this view: the page's URL with the view's query string (scheme and host kept, no fragment)."""
    scheme, netloc, path, _, _ = urlsplit(page_url or "/")
    return urlunsplit((scheme, netloc, path or "/", urlencode(to_query(state)), ""))
