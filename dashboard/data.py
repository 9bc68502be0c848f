"""The dashboard's shared data handles; the one module that owns Streamlit caching.

Pages call these instead of loading anything themselves, so each handle is built once per server process.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from pathlib import Path

import folium
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from dashboard.account_text import texts_frame
from dashboard.incident_view import ensure_sample_store, writable_folder
from dashboard.map_events import FIELD
from dashboard.map_view import FrameFacts, frame_facts
from gazetteer import Gazetteer
from incidents.maps.assets import offline, serve_static
from incidents.maps.labels import labels_json, shipped_rows
from incidents.model import Document, Incident
from incidents.selection import frame_of_rows
from incidents.sql import is_url, target_of
from incidents.store import STORE_ENV, Store, store_exists


@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once and shared by every session (it is read-only)."""
    return Gazetteer.load()


STATIC = Path(__file__).parent / "static"


@st.cache_resource
def leaflet_urls() -> tuple[list[str], list[str]]:
    """Local (js, css) URLs of Leaflet, served by Streamlit from dashboard/static (copied from the install)."""
    return serve_static(STATIC)


@st.cache_resource(show_spinner=False)
def labels_url() -> str:
    """The URL of the base map's names (towns, villages, governorates, rivers), written once into the static folder.

    The file's name holds a digest of its content, so a browser never keeps an old one.
    """
    text = labels_json(shipped_rows())
    name = f"labels-{hashlib.sha1(text.encode()).hexdigest()[:12]}.json"
    folder = STATIC / "atlas"
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / name).is_file():
        (folder / name).write_text(text, encoding="utf-8")
    return f"/app/static/atlas/{name}"


def show_map(m: folium.Map, *, key: str, height: int = 520, returned_objects: list[str] | None = None,
             layer: folium.FeatureGroup | None = None, events: bool = True):
    """Render a folium map offline: its assets from this server, none from a CDN.

    `layer` is drawn on the map and replaced in the browser on the next call without redrawing the map. With
    `events`, the map's messages (a popup's link clicked: dashboard.map_events) come back in its value.
    """
    js, css = leaflet_urls()
    offline(m, js=js, css=css)
    if layer is not None:
        offline(layer)
    returned = list(returned_objects or [])
    if events and FIELD not in returned:
        returned.append(FIELD)
    return st_folium(m, key=key, returned_objects=returned, height=height, use_container_width=True,
                     feature_group_to_add=layer)


# -- the incidents store ------------------------------------------------------------------------------------------

#: The store's file name in the per-user cache folder when $ATLAS_STORE is not set.
SAMPLE_STORE_NAME = "sample.sqlite"


def store_target() -> str | Path:
    """$ATLAS_STORE (a SQLite file or a postgresql:// URL), else the sample store in the per-user cache folder, or
    the temporary folder when that cannot be written (a hosted app's home may be read-only)."""
    target = os.environ.get(STORE_ENV, "").strip()
    if target:
        return target_of(target) if is_url(target) else Path(target)
    from platformdirs import user_cache_dir

    return writable_folder(Path(user_cache_dir("incident-atlas")),
                           Path(tempfile.gettempdir()) / "incident-atlas") / SAMPLE_STORE_NAME


_build_lock = threading.Lock()


def ensure_store() -> str | Path:
    """The store's target (a SQLite file's path or a PostgreSQL URL); a SQLite file that is missing is first built
    from the bundled sample corpus, with a spinner. A server's database is the team's: never filled with the sample.
    """
    target = store_target()
    if not store_exists(target):
        with st.spinner("Building the sample store from the bundled articles (first run only)…"), _build_lock:
            ensure_sample_store(Path(target), gazetteer())  # a session that waited on the lock finds it built
    return target


@st.cache_resource(show_spinner=False)
def _server_store(url: str) -> Store:
    """One open connection to a PostgreSQL store, shared by every session to ask for its generation (opening one
    costs tens of milliseconds, asking a few)."""
    return Store(url)


_generation_lock = threading.Lock()


def _generation(url: str) -> int:
    """The generation of the PostgreSQL store at `url`; a connection the server dropped is opened again once."""
    with _generation_lock:
        try:
            return _server_store(url).generation()
        except Exception:  # the shared connection is gone (a server restart): a new one, whose errors say why
            _server_store.clear()
            return _server_store(url).generation()


def _version(target: str | Path) -> tuple[int, int]:
    """What the caches are keyed on. A SQLite file: its mtime and its write-ahead log's (WAL mode), read without
    opening it. A PostgreSQL store: the store's generation, which every committed write moves (one small query)."""
    if is_url(target):
        return (_generation(str(target)), 0)
    path = Path(target)
    wal = path.with_name(path.name + "-wal")
    return (path.stat().st_mtime_ns, wal.stat().st_mtime_ns if wal.is_file() else 0)


@st.cache_resource(show_spinner="Loading the incidents…", max_entries=4)
def _incidents(path: str, version: tuple[int, int]) -> dict[str, Incident]:
    """Every incident of the store at `path`, by id (shared, read-only)."""
    with Store(path) as store:
        return {i.id: i for i in store.incidents()}


@st.cache_resource(show_spinner=False, max_entries=4)
def _documents(path: str, version: tuple[int, int]) -> dict[str, Document]:
    """Every document of the store at `path`, by id (shared, read-only)."""
    with Store(path) as store:
        return {d.id: d for d in store.documents()}


@st.cache_resource(show_spinner="Loading the incidents…", max_entries=4)
def _frame(path: str, version: tuple[int, int]) -> pd.DataFrame:
    """The incidents frame of the store at `path`, from its incident rows (no account decoded).

    Shared by every session and never modified (filters return new frames): a per-rerun copy cost 0.5 s at 100k.
    """
    with Store(path) as store:
        return frame_of_rows(store.incident_rows())


@st.cache_resource(show_spinner=False, max_entries=256)
def _incident(path: str, version: tuple[int, int], incident_id: str) -> Incident | None:
    """One incident of the store at `path`, with its accounts."""
    with Store(path) as store:
        return store.incident(incident_id)


@st.cache_resource(show_spinner=False, max_entries=256)
def _document(path: str, version: tuple[int, int], doc_id: str) -> Document | None:
    """One document of the store at `path`."""
    with Store(path) as store:
        return store.document(doc_id)


def incidents() -> pd.DataFrame:
    """The incidents as a frame, one row per incident (see incidents.selection.incidents_frame)."""
    target = ensure_store()
    return _frame(str(target), _version(target))


@st.cache_resource(show_spinner=False, max_entries=4)
def _facts(path: str, version: tuple[int, int]) -> FrameFacts:
    return frame_facts(_frame(path, version))


def incidents_facts() -> FrameFacts:
    """What the filters offer for the incidents: the dates they span and each filter's choices (once per store)."""
    target = ensure_store()
    return _facts(str(target), _version(target))


@st.cache_resource(show_spinner="Reading what the accounts say…", max_entries=4)
def _account_texts(path: str, version: tuple[int, int]) -> pd.DataFrame:
    """What the accounts of the store at `path` say, per incident (see dashboard.account_text).

    Decodes every account once per store version; the Map page asks only when its account filters are in use.
    """
    with Store(path) as store:
        return texts_frame((i.id, a.perpetrator, a.quote, a.title) for i in store.incidents() for a in i.accounts)


def account_texts() -> pd.DataFrame:
    """Per incident: its accounts' alleged perpetrators and their quotes and titles (for the Map page's filters)."""
    target = ensure_store()
    return _account_texts(str(target), _version(target))


def documents() -> list[Document]:
    """Every stored document (cached with the incidents, on the store's version)."""
    target = ensure_store()
    return list(_documents(str(target), _version(target)).values())


@st.cache_resource(show_spinner=False, max_entries=4)
def _urls(path: str, version: tuple[int, int]) -> dict[str, str]:
    """Each document's URL by document id, of the store at `path`."""
    with Store(path) as store:
        return store.urls()


def urls() -> dict[str, str]:
    """Each stored document's URL, by document id (for exports)."""
    target = ensure_store()
    return _urls(str(target), _version(target))


def incident(incident_id: str) -> Incident | None:
    """One incident with its accounts, or None (read alone: a large store is not decoded whole)."""
    target = ensure_store()
    return _incident(str(target), _version(target), incident_id)


def incidents_by_id() -> dict[str, Incident]:
    """Every incident by id, with its accounts (decodes the whole store: for pages that need them all)."""
    target = ensure_store()
    return _incidents(str(target), _version(target))


def document(doc_id: str) -> Document | None:
    """A stored document (an article) by id, or None (read alone)."""
    target = ensure_store()
    return _document(str(target), _version(target), doc_id)
