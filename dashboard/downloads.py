"""What the Map page offers to take away: the current view as files, and a link that reproduces it.

    export_bytes(incidents, "gpkg", urls=urls, title=title, description=description)   # the file's bytes
    file_name("png", state)         # "incident-atlas_2017-06-01_2018-12-31.png"
    share_link("https://atlas.example.org/", state)   # "https://atlas.example.org/?from=2017-06-01&disputed=1"

Every file is written by the same code as ``python -m incidents export`` (incidents.export and dashboard.snapshot),
so a download and the command line give the same file for the same view.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

from incidents.export import write_export
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


def file_name(extension: str, state: ViewState) -> str:
    """A download's file name, with the view's date window when it has one."""
    dates = "_".join(d.isoformat() for d in (state.date_from, state.date_to) if d)
    return f"incident-atlas{'_' + dates if dates else ''}.{extension}"


def share_link(page_url: str, state: ViewState) -> str:
    """The address of this view: the page's URL with the view's query string (scheme and host kept, no fragment)."""
    scheme, netloc, path, _, _ = urlsplit(page_url or "/")
    return urlunsplit((scheme, netloc, path or "/", urlencode(to_query(state)), ""))
