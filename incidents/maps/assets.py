"""Leaflet from the installed ``xstatic-leaflet`` package, never from a CDN.

Two ways to give it to a page:

- ``serve_static(folder)`` copies leaflet.js, leaflet.css and its images into the app's static folder, which
  Streamlit serves at ``/app/static/`` (``server.enableStaticServing``); the map component loads them from there.
- ``inline_head()`` returns ``<style>``/``<script>`` blocks with the CSS (images as data URIs) and the JS inlined, for
  standalone HTML files that open from ``file://`` with the network off.

``offline(m)`` strips folium's CDN links (Leaflet, jQuery, Bootstrap, Font Awesome) from a map and its children.
"""

from __future__ import annotations

import base64
import re
import shutil
from functools import lru_cache
from pathlib import Path

import folium
from branca.element import Element

STATIC_PREFIX = "/app/static/leaflet"


def leaflet_dir() -> Path:
    """The folder of the installed Leaflet distribution."""
    try:
        from xstatic.pkg import leaflet
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise ImportError("the offline map needs Leaflet from the 'xstatic-leaflet' package: "
                          "pip install xstatic-leaflet") from e
    return Path(leaflet.BASE_DIR)


def serve_static(folder: Path) -> tuple[list[str], list[str]]:
    """Copy Leaflet into `folder`/leaflet (once per version) and return its (js, css) URLs under /app/static."""
    src, dst = leaflet_dir(), folder / "leaflet"
    stamp = dst / ".version"
    version = (src / "leaflet.js").stat().st_size
    if not stamp.is_file() or stamp.read_text() != str(version):
        dst.mkdir(parents=True, exist_ok=True)
        for name in ("leaflet.js", "leaflet.css"):
            shutil.copyfile(src / name, dst / name)
        shutil.copytree(src / "images", dst / "images", dirs_exist_ok=True)
        stamp.write_text(str(version))
    return [f"{STATIC_PREFIX}/leaflet.js"], [f"{STATIC_PREFIX}/leaflet.css"]


@lru_cache(maxsize=1)
def inline_head() -> str:
    """Leaflet's CSS (images as data URIs) and JS inlined, for a standalone page."""
    src = leaflet_dir()
    css = (src / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(m: re.Match) -> str:
        path = src / m.group(1)
        if not path.is_file():
            return m.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode()})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)
    js = (src / "leaflet.js").read_text(encoding="utf-8").replace("</script", "<\\/script")
    return f"<style>{css}</style>\n<script>{js}</script>"


def offline(m: folium.Map, *, js: list[str] | None = None, css: list[str] | None = None) -> folium.Map:
    """Point the map's assets at local URLs (or none) instead of CDNs; children with assets are stripped too."""
    m.default_js = [(f"local_js_{k}", url) for k, url in enumerate(js or [])]
    m.default_css = [(f"local_css_{k}", url) for k, url in enumerate(css or [])]
    for child in _walk(m):
        if child is not m and hasattr(child, "default_js"):
            child.default_js, child.default_css = [], []
    return m


def standalone_html(m: folium.Map) -> str:
    """A page that draws `m` from ``file://`` with the network off: Leaflet inlined, no outside reference."""
    offline(m)
    m.get_root().header.add_child(Element(inline_head()), name="leaflet_inline")
    return m.get_root().render()


def _walk(el):
    yield el
    for child in getattr(el, "_children", {}).values():
        yield from _walk(child)
