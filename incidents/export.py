"""Export incidents: GeoJSON (one Feature per incident, accounts nested) and a readable listing.

Geometry is a Point ``[lon, lat]`` (the centroid where several villages are named) or ``null`` when unresolved.
Dates are ISO ``YYYY-MM-DD``; unknown values are ``null``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

from .model import Account, Incident, PlaceMention


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def place_json(p: PlaceMention) -> dict:
    """A place mention as exported."""
    return {"text": p.text, "name": p.name, "place_id": p.place_id, "lat": p.lat, "lon": p.lon,
            "precision": p.precision}


def account_json(a: Account) -> dict:
    """An account as exported: offsets index the quote in its article's text."""
    return {
        "file": a.file, "article": a.article, "outlet": a.outlet, "title": a.title, "published": _iso(a.published),
        "claimed_by": a.claimed_by, "quote": a.quote, "start": a.start, "end": a.end,
        "places": [place_json(p) for p in a.places], "date_min": _iso(a.date_min), "date_max": _iso(a.date_max),
        "date_text": a.date_text, "killed_min": a.killed_min, "killed_max": a.killed_max,
        "injured_min": a.injured_min, "injured_max": a.injured_max, "casualties_min": a.casualties_min,
        "victims": a.victims, "perpetrator": a.perpetrator,
    }


def incident_feature(i: Incident) -> dict:
    """One incident as a GeoJSON Feature."""
    pt = i.point
    return {
        "type": "Feature", "id": i.id,
        "geometry": {"type": "Point", "coordinates": [round(pt[1], 6), round(pt[0], 6)]} if pt else None,
        "properties": {
            "id": i.id, "place": i.place, "precision": i.precision, "date_min": _iso(i.date_min),
            "date_max": _iso(i.date_max), "killed_min": i.killed_min, "killed_max": i.killed_max,
            "sources": i.sources, "disputed": i.disputed, "accounts": [account_json(a) for a in i.accounts],
        },
    }


def geojson(incidents: Sequence[Incident]) -> dict:
    """A FeatureCollection, one Feature per incident."""
    return {"type": "FeatureCollection", "features": [incident_feature(i) for i in incidents]}


def write_geojson(incidents: Sequence[Incident], path) -> None:
    """Write the FeatureCollection as UTF-8 JSON."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump(geojson(incidents), f, ensure_ascii=False, indent=1)


def figure_text(a: Account) -> str:
    """An account's figures in words: "at least 30 killed", "54 killed, 10 injured", "71+ killed or injured"."""
    parts = []
    for label, lo, hi in (("killed", a.killed_min, a.killed_max), ("injured", a.injured_min, a.injured_max),
                          ("killed or injured", a.casualties_min, a.casualties_max)):
        if lo is None and hi is None:
            continue
        if lo == hi:
            parts.append(f"{lo} {label}")
        elif hi is None:
            parts.append(f"at least {lo} {label}")
        elif lo is None:
            parts.append(f"up to {hi} {label}")
        else:
            parts.append(f"{lo}–{hi} {label}")
    return ", ".join(parts) or "no figure"


def disagreement(i: Incident) -> str:
    """The accounts' claims said plainly: "SANA: at least 30 killed · SOHR: 54 killed"."""
    return " · ".join(f"{a.claimed_by}: {figure_text(a)}" for a in i.accounts)


def listing(incidents: Sequence[Incident]) -> str:
    """A readable listing of incidents, each account on its own lines."""
    out = []
    for i in incidents:
        when = "date unknown" if not (i.date_min or i.date_max) else \
            f"{_iso(i.date_min) or '?'} … {_iso(i.date_max) or '?'}"
        flag = " DISPUTED" if i.disputed else ""
        out.append(f"{i.id}  {i.place or 'place unresolved'} ({i.precision or 'no precision'})  {when}  "
                   f"{i.sources} source(s){flag}")
        out.append(f"  {disagreement(i)}")
        for a in i.accounts:
            src = " · ".join(x for x in (a.outlet, _iso(a.published), f"{a.file}#{a.article}") if x)
            out.append(f"  - {a.claimed_by}: {figure_text(a)}, {a.victims}  [{src}]")
            out.append(f"    “{a.quote}”")
        out.append("")
    return "\n".join(out)
