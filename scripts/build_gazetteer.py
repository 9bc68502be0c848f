"""Build the gazetteer data shipped in ``gazetteer/data`` from the open source data sets.

    python scripts/build_gazetteer.py [--source ../shared/data] [--out gazetteer/data]

Reads Who's On First (Syria; Iraq's Anbar and Nineveh governorates), OpenSyria admin units, OCHA governorate
polygons and Natural Earth outlines and rivers, and writes:

- ``places.json.gz``: one row per place, Latin and Arabic alternate names only, with type, population, admin1 P-code,
  admin2 name and source ids;
- ``admin1.geojson``: governorate polygons (OCHA for Syria, WOF for the two Iraqi border governorates), simplified;
- ``basemap.geojson``: country outlines, the Euphrates and Tigris, lakes, simplified, for the offline map layer;
- ``osm_places.json.gz``: OpenStreetMap village points (HOTOSM export) with their OSM names and the OCHA community
  name, the same columns as ``places.json.gz``. It is ODbL data, kept as its own file and credited apart; the
  gazetteer joins it to the other places when it builds its index (``gazetteer.layers``).

The package never reads the source folder at run time; this script is how the shipped files are regenerated.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from pathlib import Path

from shapely import set_precision
from shapely.geometry import mapping, shape
from shapely.strtree import STRtree

REPO = Path(__file__).resolve().parents[1]
COLUMNS = ["id", "name", "name_ar", "type", "lat", "lon", "country", "admin1", "admin2", "population", "current",
           "source", "source_id", "names", "admin1_near"]
#: Governorates whose outline lies within this many degrees (~3 km) of a place count as "near" it: a dataset's
#: governorate for a village on a boundary may be the neighbour's.
BORDER_DEGREES = 0.03
#: OSM `place` values kept, and the type they give.
OSM_TYPES = {"city": "locality", "town": "locality", "village": "locality", "hamlet": "locality"}
#: Iraqi governorates along the Syrian border that the gazetteer covers: WOF region id -> (code, English, Arabic).
IRAQ_REGIONS = {"85672483": ("IQ-AN", "Al-Anbar", "الأنبار"), "85672429": ("IQ-NI", "Ninewa", "نينوى")}
OSM_CREDIT = "Village names and points © OpenStreetMap contributors (ODbL 1.0), via HOTOSM/HDX; community names: UN OCHA"
WOF_TYPES = {"locality": "locality", "neighbourhood": "neighbourhood", "campus": "site", "county": "district",
             "region": "governorate", "country": "country"}
#: Scripts kept among alternate names: Latin (with diacritics) and Arabic. Others (Cyrillic, CJK, …) are dropped.
_KEEP_NAME = re.compile(r"^[\s\w\-'’‘`ʿʾ.,()/\u00c0-\u024f\u1e00-\u1eff\u0600-\u06ff]+$")
_NON_LATIN_ARABIC = re.compile(r"[^\x00-\u024f\u1e00-\u1eff\u0600-\u06ff\u02b0-\u02ff\u2018-\u201f\s]")


def keep_name(name: str) -> bool:
    """True for a Latin- or Arabic-script name worth indexing."""
    name = name.strip()
    return 1 < len(name) <= 80 and not _NON_LATIN_ARABIC.search(name)


def unique(names) -> list[str]:
    """Names in first-seen order, without repeats or empties, Latin/Arabic only."""
    seen: dict[str, None] = {}
    for n in names:
        n = (n or "").strip()
        if n and keep_name(n) and n not in seen:
            seen[n] = None
    return list(seen)


def read_wof(path: Path) -> list[dict]:
    """WOF places table rows."""
    csv.field_size_limit(1 << 30)
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def admin1_polygons(src: Path, iraq_polys: Path) -> list[dict]:
    """Governorate features: OCHA polygons for Syria, WOF polygons for the Iraqi border governorates."""
    out = []
    for f in json.loads((src / "ocha-cod-ab" / "syr_admin1.geojson").read_text())["features"]:
        p = f["properties"]
        out.append({"code": p["ADM1_PCODE"], "name": p["ADM1_EN"], "name_ar": p["ADM1_AR"], "country": "SY",
                    "geometry": shape(f["geometry"])})
    for f in json.loads(iraq_polys.read_text())["features"]:
        wof_id = str(f["properties"]["wof:id"])
        if wof_id in IRAQ_REGIONS:
            code, en, ar = IRAQ_REGIONS[wof_id]
            out.append({"code": code, "name": en, "name_ar": ar, "country": "IQ", "geometry": shape(f["geometry"])})
    return out


def locate_admin1(polys: list[dict]):
    """A function (lat, lon) -> admin1 code of the polygon holding the point, or the nearest within ~5 km."""
    from shapely.geometry import Point

    geoms = [p["geometry"] for p in polys]
    tree = STRtree(geoms)

    def find(lat: float, lon: float) -> str:
        pt = Point(lon, lat)
        for i in tree.query(pt, predicate="intersects"):
            return polys[int(i)]["code"]
        i = tree.nearest(pt)
        return polys[int(i)]["code"] if geoms[int(i)].distance(pt) < 0.05 else ""

    return find


def border_admin1(polys: list[dict]):
    """A function (lat, lon, own code) -> codes of the other governorates within BORDER_DEGREES of the point."""
    from shapely.geometry import Point

    geoms = [p["geometry"] for p in polys]
    tree = STRtree(geoms)

    def find(lat: float, lon: float, own: str) -> list[str]:
        pt = Point(lon, lat)
        near = (polys[int(i)]["code"] for i in tree.query(pt.buffer(BORDER_DEGREES), predicate="intersects"))
        return sorted({c for c in near if c != own})

    return find


def osm_rows(path: Path, locate) -> list[list]:
    """OpenStreetMap village points (HOTOSM export matched to OCHA communities): OSM names plus the OCHA name."""
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            kind = OSM_TYPES.get(r["osm_place"])
            if not kind or not r["lat"]:
                continue
            lat, lon = round(float(r["lat"]), 5), round(float(r["lon"]), 5)
            ar = r["osm_name"] if re.search(r"[\u0600-\u06ff]", r["osm_name"]) else ""
            latin = r["osm_name_en"] or r["osm_name_latin"] or r["ocha_adm4_name_en"]
            names = unique([latin, r["osm_name_latin"], r["ocha_adm4_name_en"], r["osm_name"]])
            if not names:
                continue
            out.append([f"osm:{r['osm_id']}", latin or names[0], ar, kind, lat, lon, "SY", locate(lat, lon),
                        r["adm2_name"], 0, 1, "osm", "", names])
    return out


def wof_rows(rows: list[dict], country: str, locate, regions: set[str] | None) -> list[list]:
    """Gazetteer rows from a WOF table; Iraq is limited to `regions`."""
    counties = {r["wof_id"]: r["name_eng"] or r["name"] for r in rows if r["placetype"] == "county"}
    out = []
    for r in rows:
        kind = WOF_TYPES.get(r["placetype"])
        if not kind or r["deprecated"] or r["superseded_by"] or not r["lat"]:
            continue
        if regions is not None and r["region_id"] not in regions:
            continue
        if kind in ("governorate", "country"):
            continue  # governorates come from OpenSyria/OCHA, merged below; the country is added once
        lat, lon = round(float(r["lat"]), 5), round(float(r["lon"]), 5)
        names = unique([r["name"], r["name_eng"], r["name_ara"], *r["names"].split("|")])
        admin2 = counties.get(r["county_id"], "") if kind != "district" else (r["name_eng"] or r["name"])
        out.append([f"wof:{r['wof_id']}", r["name_eng"] or r["name"], r["name_ara"], kind, lat, lon, country,
                    locate(lat, lon), admin2, int(float(r["population"] or 0)), int(r["is_current"] != "0"),
                    "wof", r["gn_id"] and f"geonames:{r['gn_id']}", names])
    return out


def opensyria_rows(src: Path, locate) -> list[list]:
    """Governorates, districts and sub-districts from OpenSyria, with aliases and P-codes."""
    out = []
    for fname, kind in (("governorates.json", "governorate"), ("districts.json", "district"),
                        ("subdistricts.json", "subdistrict")):
        for rec in json.loads((src / "opensyria-geography" / fname).read_text()):
            c = rec["centroid"]
            lat, lon = round(c["latitude"], 5), round(c["longitude"], 5)
            ext = rec.get("externalIds") or {}
            names = unique([rec["name"]["en"], rec["name"]["ar"], *(a["value"] for a in rec.get("aliases", []))])
            pop = (rec.get("population") or {}).get("value") or 0
            pcode = ext.get("ochaPcode", "")
            admin1 = pcode[:4] if pcode.startswith("SY") else locate(lat, lon)
            out.append([f"opensyria:{rec['id']}", rec["name"]["en"], rec["name"]["ar"], kind, lat, lon, "SY", admin1,
                        rec["name"]["en"] if kind == "district" else "", int(pop), 1, "opensyria",
                        f"pcode:{pcode}" if pcode else "", names])
    return out


def merge_governorates(rows: list[list], polys: list[dict], wof_sy: list[dict], wof_iq: list[dict]) -> list[list]:
    """Give each governorate one row: OpenSyria aliases + OCHA/WOF names, at a point inside its polygon."""
    by_code = {r[7]: r for r in rows if r[3] == "governorate"}
    wof_regions = {**{r["wof_id"]: r for r in wof_sy if r["placetype"] == "region"},
                   **{r["wof_id"]: r for r in wof_iq if r["placetype"] == "region"}}
    locate = locate_admin1(polys)
    for p in polys:
        rep = p["geometry"].representative_point()
        extra = [p["name"], p["name_ar"]]
        for w in wof_regions.values():
            if w["is_current"] != "0" and w["lat"] and locate(float(w["lat"]), float(w["lon"])) == p["code"]:
                extra += [w["name"], w["name_eng"], w["name_ara"], *w["names"].split("|")]
        row = by_code.get(p["code"])
        if row is None:
            row = [f"admin1:{p['code']}", p["name"], p["name_ar"], "governorate", 0.0, 0.0, p["country"], p["code"],
                   "", 0, 1, "ocha" if p["country"] == "SY" else "wof", "", []]
            rows.append(row)
        row[4], row[5] = round(rep.y, 5), round(rep.x, 5)
        row[13] = unique([*row[13], *extra])
    return rows


def country_rows() -> list[list]:
    """Syria and Iraq as countries (coarsest precision)."""
    return [["country:SY", "Syria", "سوريا", "country", 35.0, 38.5, "SY", "", "", 0, 1, "naturalearth", "",
             ["Syria", "Syrian Arab Republic", "سوريا", "الجمهورية العربية السورية", "Sham"]],
            ["country:IQ", "Iraq", "العراق", "country", 33.0, 43.5, "IQ", "", "", 0, 1, "naturalearth", "",
             ["Iraq", "Republic of Iraq", "العراق"]]]


def simplified(geom, tolerance: float):
    """A geometry simplified and rounded for shipping."""
    return set_precision(geom.simplify(tolerance, preserve_topology=True), 1e-4)


def basemap(src: Path) -> dict:
    """Country outlines, major rivers and lakes as one FeatureCollection with a `layer` property."""
    ne = src / "naturalearth"
    feats = []
    for f in json.loads((ne / "ne_50m_admin_0_countries_syr_irq.geojson").read_text())["features"]:
        p = f["properties"]
        feats.append({"type": "Feature", "properties": {"layer": "country", "name": p["NAME"], "iso": p["ADM0_A3"]},
                      "geometry": mapping(simplified(shape(f["geometry"]), 0.01))})
    for fname, layer in (("ne_10m_rivers_lake_centerlines_syr_irq.geojson", "river"),
                         ("ne_10m_lakes_syr_irq.geojson", "lake")):
        for f in json.loads((ne / fname).read_text())["features"]:
            p = f["properties"]
            feats.append({"type": "Feature", "properties": {"layer": layer, "name": p.get("name") or ""},
                          "geometry": mapping(simplified(shape(f["geometry"]), 0.005))})
    return {"type": "FeatureCollection", "features": feats}


def admin1_geojson(polys: list[dict]) -> dict:
    """Governorate polygons, simplified, with code and names."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": p["code"], "name": p["name"], "name_ar": p["name_ar"],
                                           "country": p["country"]},
         "geometry": mapping(simplified(p["geometry"], 0.005))} for p in polys]}


def write_json(path: Path, obj, compress: bool = False) -> None:
    """Write compact JSON (gzip with a fixed mtime so rebuilds are byte-identical)."""
    data = json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode()
    if compress:
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
            f.write(data)
    else:
        path.write_bytes(data)
    print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path} ({path.stat().st_size:,} bytes)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--source", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--out", type=Path, default=REPO / "gazetteer" / "data")
    args = ap.parse_args(argv)
    src = args.source
    if not (src / "whosonfirst").is_dir():
        print(f"error: {src} does not hold the source data (whosonfirst/ missing)", file=sys.stderr)
        return 2
    wof = src / "whosonfirst"
    polys = admin1_polygons(src, wof / "wof_admin_iq_polygons.geojson")
    locate = locate_admin1(polys)
    sy, iq = read_wof(wof / "wof_admin_sy_places.tsv"), read_wof(wof / "wof_admin_iq_places.tsv")
    rows = opensyria_rows(src, locate)
    rows = merge_governorates(rows, polys, sy, iq)
    rows += wof_rows(sy, "SY", locate, None)
    rows += wof_rows(iq, "IQ", locate, set(IRAQ_REGIONS))
    rows += country_rows()
    osm = osm_rows(src / "hotosm-iom-syr" / "hotosm_iom_syr_places.csv", locate)
    near = border_admin1(polys)
    for row in (*rows, *osm):
        row.append(near(row[4], row[5], row[7]) if row[3] not in ("governorate", "country") else [])
    args.out.mkdir(parents=True, exist_ok=True)
    write_json(args.out / "places.json.gz", {"columns": COLUMNS, "rows": rows}, compress=True)
    write_json(args.out / "osm_places.json.gz", {"columns": COLUMNS, "rows": osm,
                                                 "licence": "ODbL-1.0", "attribution": OSM_CREDIT}, compress=True)
    write_json(args.out / "admin1.geojson", admin1_geojson(polys))
    write_json(args.out / "basemap.geojson", basemap(src))
    print(f"{len(rows):,} places; {sum(len(r[13]) for r in rows):,} names; OpenStreetMap layer: {len(osm):,} places")
    return 0


if __name__ == "__main__":
    sys.exit(main())
