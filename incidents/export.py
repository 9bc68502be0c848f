"""Export incidents for other tools: GeoJSON, CSV, GeoPackage; and a readable listing.

    write_export(incidents, "out.gpkg", "gpkg", urls=store.urls(), title="16 incidents", description="disputed only")

- GeoJSON: one Feature per incident, its accounts nested in the properties. Geometry is a Point ``[lon, lat]`` (the
  centroid where several villages are named) or ``null`` when unresolved. The title and description (the person's
  filters) sit in the collection's ``metadata`` member.
- CSV: one row per account, the columns of `CSV_COLUMNS`, UTF-8 with a header. Beside it, ``F.csv-metadata.json``
  (CSV on the Web) gives the title, the filters and each column's meaning. A text cell that a spreadsheet would run
  as a formula (starting with ``= + - @``, a tab or a carriage return) is prefixed with ``'``.
- GeoPackage: a layer ``incidents`` (points, EPSG:4326; unlocated incidents have no geometry) and a table
  ``accounts`` (the CSV's columns), with the title and filters in the layer's description and the file's metadata.

Every incident and account says whether a person corrected it (``corrected``). Given the store's corrections, a
GeoPackage also holds a table ``corrections`` and a CSV has a sidecar ``F.corrections.csv`` (who changed what, when,
why, and whether it still applies), so a published map can be checked.

Dates are ISO ``YYYY-MM-DD``; unknown values are empty (``null`` in JSON), never 0. Snapshot formats (html, png, svg,
pdf) are drawn by ``incidents.maps.snapshot``, the maps the dashboard shows too.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import IncidentsError
from .model import PRECISIONS, Account, Incident, PlaceMention

#: Data formats written here, and snapshot formats drawn by incidents.maps.snapshot.
DATA_FORMATS = ("geojson", "csv", "gpkg")
SNAPSHOT_FORMATS = ("html", "png", "svg", "pdf")
FORMATS = DATA_FORMATS + SNAPSHOT_FORMATS
#: One row per account in the CSV export and the GeoPackage's accounts table.
CSV_COLUMNS = ("incident_id", "place", "lat", "lon", "precision", "date_min", "date_max", "killed_min", "killed_max",
               "injured_min", "injured_max", "casualties_min", "victims", "claimed_by", "outlet", "title", "url",
               "file", "quote", "corrected")
#: What each CSV column holds (written to the CSV's metadata file).
CSV_MEANING = {
    "incident_id": "the incident the account belongs to",
    "place": "the places the account names, as resolved (as written when unresolved)",
    "lat": "latitude of the account's place (WGS 84), empty when unresolved",
    "lon": "longitude of the account's place (WGS 84), empty when unresolved",
    "precision": "how exactly the place is known: " + ", ".join(PRECISIONS),
    "date_min": "earliest day the event can have happened, per this account",
    "date_max": "latest day the event can have happened, per this account",
    "killed_min": "lowest number killed this account claims", "killed_max": "highest number killed it claims",
    "injured_min": "lowest number injured it claims", "injured_max": "highest number injured it claims",
    "casualties_min": "killed and injured lumped together (at least)",
    "victims": "who the victims were, per this account: civilians, soldiers, fighters, unknown",
    "claimed_by": "whom the text credits with the claim", "outlet": "the outlet that published it",
    "title": "the article's title", "url": "the article's URL when known", "file": "the file it was read from",
    "quote": "the sentence the claim was read from",
    "corrected": "true when a person corrected this account's place, date or figures (see the corrections file)",
}
#: The columns of the corrections table and sidecar.
CORRECTION_COLUMNS = ("id", "kind", "status", "description", "before", "after", "author", "created_at", "reason",
                      "undone_by", "undone_at", "document_id", "span_start", "span_end", "account_id",
                      "other_account_id")
#: First characters that make a spreadsheet run a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def place_json(p: PlaceMention) -> dict:
    """A place mention as exported."""
    return {"text": p.text, "name": p.name, "place_id": p.place_id, "lat": p.lat, "lon": p.lon,
            "precision": p.precision}


def corrected(a: Account) -> bool:
    """True when a person corrected what the account says (its place, date window or figures)."""
    from .learning import FROM_CORRECTION

    return a.date_precision == "corrected" or any(m.why == FROM_CORRECTION for m in a.places) or \
        any(d.endswith("(corrected)") for d in a.details)


def incident_corrected(i: Incident, linked: frozenset[str] | set[str] = frozenset()) -> bool:
    """True when a person corrected an account of the incident, or merged or split one (`linked`: the accounts
    merges and splits name)."""
    return any(corrected(a) or a.id in linked for a in i.accounts)


def linked_accounts(corrections: Sequence) -> set[str]:
    """The accounts that merges and splits in force name."""
    return {x for c in corrections if c.status == "applied" and c.kind in ("merge", "split", "not_about")
            for x in (c.account_id, c.other_account_id) if x}


def account_json(a: Account, url: str | None = None) -> dict:
    """An account as exported: offsets index the quote in its article's text."""
    return {
        "file": a.file, "url": url, "article": a.article, "outlet": a.outlet, "title": a.title,
        "published": _iso(a.published),
        "claimed_by": a.claimed_by, "quote": a.quote, "start": a.start, "end": a.end,
        "places": [place_json(p) for p in a.places], "date_min": _iso(a.date_min), "date_max": _iso(a.date_max),
        "date_text": a.date_text, "killed_min": a.killed_min, "killed_max": a.killed_max,
        "injured_min": a.injured_min, "injured_max": a.injured_max, "casualties_min": a.casualties_min,
        "victims": a.victims, "perpetrator": a.perpetrator, "corrected": corrected(a),
    }


def incident_feature(i: Incident, urls: Mapping[str, str] | None = None, linked: frozenset[str] | set[str] = frozenset()
                     ) -> dict:
    """One incident as a GeoJSON Feature (`urls`: each document's URL, by document id)."""
    urls = urls or {}
    pt = i.point
    return {
        "type": "Feature", "id": i.id,
        "geometry": {"type": "Point", "coordinates": [round(pt[1], 6), round(pt[0], 6)]} if pt else None,
        "properties": {
            "id": i.id, "place": i.place, "precision": i.precision, "date_min": _iso(i.date_min),
            "date_max": _iso(i.date_max), "killed_min": i.killed_min, "killed_max": i.killed_max,
            "sources": i.sources, "disputed": i.disputed, "corrected": incident_corrected(i, linked),
            "accounts": [account_json(a, urls.get(a.document_id)) for a in i.accounts],
        },
    }


def geojson(incidents: Sequence[Incident], urls: Mapping[str, str] | None = None, *, title: str = "",
            description: str = "", corrections: Sequence = ()) -> dict:
    """A FeatureCollection, one Feature per incident; the title and filters in its ``metadata`` member, and the
    corrections of its incidents in ``metadata.corrections``."""
    meta = {"title": title, "filters": description, "exported": dt.date.today().isoformat()}
    if corrections:
        meta["corrections"] = correction_rows(corrections)
    linked = linked_accounts(corrections)
    return {"type": "FeatureCollection", "metadata": meta,
            "features": [incident_feature(i, urls, linked) for i in incidents]}


def correction_rows(corrections: Sequence) -> list[dict]:
    """One dict per correction (`incidents.corrections.Correction`) with the keys of CORRECTION_COLUMNS."""
    return [{"id": c.id, "kind": c.kind, "status": c.status, "description": c.describe(), "before": c.before,
             "after": c.after, "author": c.author, "created_at": c.created_at, "reason": c.reason,
             "undone_by": c.undone_by, "undone_at": c.undone_at, "document_id": c.document_id,
             "span_start": c.span[0] if c.span else None, "span_end": c.span[1] if c.span else None,
             "account_id": c.account_id, "other_account_id": c.other_account_id} for c in corrections]


def write_geojson(incidents: Sequence[Incident], path, urls: Mapping[str, str] | None = None, *, title: str = "",
                  description: str = "", corrections: Sequence = ()) -> None:
    """Write the FeatureCollection as compact UTF-8 JSON (one feature per line, so large files stay greppable)."""
    data = geojson(incidents, urls, title=title, description=description, corrections=corrections)
    features = data.pop("features")
    head = json.dumps(data, ensure_ascii=False)[:-1]
    with open(path, "w", encoding="utf-8") as f:
        f.write(head + ', "features": [\n')
        f.write(",\n".join(json.dumps(feature, ensure_ascii=False) for feature in features))
        f.write("\n]}\n")


# -- one row per account --------------------------------------------------------------------------------------


def account_place(a: Account) -> tuple[str, float | None, float | None, str | None]:
    """An account's place names, point and finest precision."""
    names = ", ".join(dict.fromkeys(p.name or p.text for p in a.places))
    found = [p.precision for p in a.places if p.precision]
    lat, lon = a.point or (None, None)
    return names, lat, lon, (min(found, key=PRECISIONS.index) if found else None)


def account_rows(incidents: Sequence[Incident], urls: Mapping[str, str] | None = None) -> list[dict]:
    """One dict per account with the keys of CSV_COLUMNS (unknowns None)."""
    urls = urls or {}
    rows = []
    for i in incidents:
        for a in i.accounts:
            place, lat, lon, precision = account_place(a)
            rows.append({
                "incident_id": i.id, "place": place, "lat": lat, "lon": lon, "precision": precision,
                "date_min": _iso(a.date_min), "date_max": _iso(a.date_max), "killed_min": a.killed_min,
                "killed_max": a.killed_max, "injured_min": a.injured_min, "injured_max": a.injured_max,
                "casualties_min": a.casualties_min, "victims": a.victims, "claimed_by": a.claimed_by,
                "outlet": a.outlet, "title": a.title, "url": urls.get(a.document_id), "file": a.file,
                "quote": a.quote, "corrected": corrected(a)})
    return rows


def _cell(value: object) -> object:
    """A CSV cell: None empty, text that a spreadsheet would run as a formula defused with a leading quote."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(incidents: Sequence[Incident], path, urls: Mapping[str, str] | None = None, *, title: str = "",
              description: str = "", corrections: Sequence = ()) -> None:
    """Write one row per account, the CSV on the Web metadata file beside it, and (given corrections) the
    corrections sidecar ``F.corrections.csv``."""
    path = Path(path)
    with open(path, "w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(CSV_COLUMNS)
        out.writerows([_cell(r[c]) for c in CSV_COLUMNS] for r in account_rows(incidents, urls))
    meta = {
        "@context": "http://www.w3.org/ns/csvw", "url": path.name, "dc:title": title,
        "dc:description": description or "no filter", "dc:created": dt.date.today().isoformat(),
        "tableSchema": {"columns": [{"name": c, "titles": c, "dc:description": CSV_MEANING[c]} for c in CSV_COLUMNS]},
    }
    path.with_name(path.name + "-metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1),
                                                            encoding="utf-8")
    if corrections:
        with open(path.with_name(path.stem + ".corrections.csv"), "w", encoding="utf-8", newline="") as f:
            out = csv.writer(f)
            out.writerow(CORRECTION_COLUMNS)
            out.writerows([_cell(r[c]) for c in CORRECTION_COLUMNS] for r in correction_rows(corrections))


# -- GeoPackage ----------------------------------------------------------------------------------------------


def incident_records(incidents: Sequence[Incident], linked: frozenset[str] | set[str] = frozenset()) -> list[dict]:
    """One flat dict per incident: the GeoJSON properties without the nested accounts, plus claimants."""
    out = []
    for i in incidents:
        lat, lon = i.point or (None, None)
        out.append({"id": i.id, "place": i.place, "precision": i.precision, "date_min": _iso(i.date_min),
                    "date_max": _iso(i.date_max), "killed_min": i.killed_min, "killed_max": i.killed_max,
                    "sources": i.sources, "disputed": i.disputed, "accounts": len(i.accounts),
                    "claimed_by": "; ".join(dict.fromkeys(a.claimed_by for a in i.accounts)), "lat": lat, "lon": lon,
                    "corrected": incident_corrected(i, linked)})
    return out


def write_gpkg(incidents: Sequence[Incident], path, urls: Mapping[str, str] | None = None, *, title: str = "",
               description: str = "", corrections: Sequence = ()) -> None:
    """Write a GeoPackage: layer ``incidents`` (points, EPSG:4326), table ``accounts`` and (given corrections)
    table ``corrections``; replaces the file."""
    import geopandas as gpd
    import pandas as pd
    import pyogrio

    path = Path(path)
    path.unlink(missing_ok=True)
    records = pd.DataFrame(incident_records(incidents, linked_accounts(corrections)), columns=[
        "id", "place", "precision", "date_min", "date_max", "killed_min", "killed_max", "sources", "disputed",
        "accounts", "claimed_by", "lat", "lon", "corrected"])
    for col in ("killed_min", "killed_max"):
        records[col] = records[col].astype("Int64")
    points = gpd.points_from_xy(records["lon"].astype(float), records["lat"].astype(float), crs="EPSG:4326")
    layer = gpd.GeoDataFrame(records.drop(columns=["lat", "lon"]), geometry=points)
    layer.loc[records["lat"].isna().to_numpy(), "geometry"] = None
    meta = {"TITLE": title, "FILTERS": description or "no filter", "EXPORTED": dt.date.today().isoformat()}
    pyogrio.write_dataframe(layer, path, layer="incidents", driver="GPKG", geometry_type="Point",
                            layer_options={"DESCRIPTION": " · ".join(x for x in (title, description) if x)},
                            dataset_metadata=meta)
    accounts = pd.DataFrame(account_rows(incidents, urls), columns=list(CSV_COLUMNS))
    for col in ("killed_min", "killed_max", "injured_min", "injured_max", "casualties_min"):
        accounts[col] = accounts[col].astype("Int64")
    pyogrio.write_dataframe(accounts, path, layer="accounts", driver="GPKG", append=True,
                            layer_options={"DESCRIPTION": "one row per account; incident_id joins the incidents layer"})
    if corrections:
        table = pd.DataFrame(correction_rows(corrections), columns=list(CORRECTION_COLUMNS))
        for col in ("span_start", "span_end"):
            table[col] = table[col].astype("Int64")
        pyogrio.write_dataframe(table, path, layer="corrections", driver="GPKG", append=True,
                                layer_options={"DESCRIPTION": "who corrected what, when and why"})


# -- any format ----------------------------------------------------------------------------------------------

_WRITERS = {"geojson": write_geojson, "csv": write_csv, "gpkg": write_gpkg}


def write_export(incidents: Sequence[Incident], path, fmt: str, *, urls: Mapping[str, str] | None = None,
                 title: str = "", description: str = "", corrections: Sequence = ()) -> None:
    """Write `incidents` to `path` in `fmt` (one of FORMATS); snapshots are drawn by incidents.maps.snapshot.
    `corrections` (`incidents.corrections.corrections(store)`) are written beside the data formats."""
    if fmt in _WRITERS:
        _WRITERS[fmt](incidents, path, urls, title=title, description=description, corrections=corrections)
        return
    if fmt not in SNAPSHOT_FORMATS:
        raise IncidentsError(f"unknown export format {fmt!r} (choose from {', '.join(FORMATS)})")
    from .maps.snapshot import write_snapshot  # imported here: drawing loads folium and matplotlib

    write_snapshot(incidents, Path(path), fmt, title=title, description=description, urls=urls)


def figure_text(a: Account) -> str:
    """An account's figures in words: "at least 30 killed", "54 killed, 10 injured", "71+ killed or injured"."""
    return figures_in_words(a.killed_min, a.killed_max, a.injured_min, a.injured_max, a.casualties_min,
                            a.casualties_max)


def figures_in_words(killed_min: int | None, killed_max: int | None, injured_min: int | None = None,
                     injured_max: int | None = None, casualties_min: int | None = None,
                     casualties_max: int | None = None) -> str:
    """Figures in words as `figure_text` says them: "at least 30 killed", "12–15 killed, up to 40 injured"."""
    parts = []
    for label, lo, hi in (("killed", killed_min, killed_max), ("injured", injured_min, injured_max),
                          ("killed or injured", casualties_min, casualties_max)):
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
