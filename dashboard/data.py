"""The dashboard's shared data handles; the one module that owns Streamlit caching.

Pages call these instead of loading anything themselves, so each handle is built once per server process.
"""

from __future__ import annotations

from pathlib import Path

import folium
import streamlit as st
from streamlit_folium import st_folium

from dashboard.assets import offline, serve_static
from gazetteer import Gazetteer


@st.cache_resource(show_spinner="Loading the gazetteer…")
def gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded once and shared by every session (it is read-only)."""
    return Gazetteer.load()


STATIC = Path(__file__).parent / "static"


@st.cache_resource
def leaflet_urls() -> tuple[list[str], list[str]]:
    """Local (js, css) URLs of Leaflet, served by Streamlit from dashboard/static (copied from the install)."""
    return serve_static(STATIC)


def show_map(m: folium.Map, *, key: str, height: int = 520, returned_objects: list[str] | None = None):
    """Render a folium map offline: its assets from this server, none from a CDN."""
    js, css = leaflet_urls()
    offline(m, js=js, css=css)
    return st_folium(m, key=key, returned_objects=returned_objects or [], height=height, use_container_width=True)
