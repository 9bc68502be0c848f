"""Names on the offline base map: towns and villages of the shipped gazetteer, governorates and rivers, by zoom.

    rows = label_rows(gaz.places)                  # every label, most important first
    near = within(rows, ((34.0, 40.0), (35.5, 41.5)))   # those of an area (a standalone file carries only these)

A row is ``[lat, lon, name, arabic name, min zoom, kind, max zoom, angle]`` (max zoom 0: none; angle in degrees,
rivers only). The browser (incidents.maps.map_script, ``atlas.labels``) draws the rows whose zoom range holds the map's
zoom, in order, skipping any that would overlap one already drawn: so the order is the importance.

- governorates: the shipped outlines' names at a point inside each, from zoom 6 to 9;
- towns and villages: localities of the gazetteer, the larger earlier and from a lower zoom (population, else the
  population of the district or subdistrict they are the seat of, else how many sources give them); one label per
  name within 2 km;
- rivers: the named rivers of the shipped outlines, every RIVER_STEP_KM along their course, turned along it.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources

from shapely.geometry import shape

from gazetteer import Place, distance_km, fold

#: Zoom levels: governorate names are shown from GOV_ZOOM[0] to GOV_ZOOM[1]; rivers from RIVER_ZOOM.
GOV_ZOOM, RIVER_ZOOM = (6, 9), 7
#: (population at least, minimum zoom) of towns, largest first; a place with a population below every one of these
#: but with some known one, or the seat of a subdistrict, from SEAT_ZOOM; given by two sources, SUPPORTED_ZOOM;
#: any other village from VILLAGE_ZOOM.
TOWN_ZOOMS = ((500_000, 5), (100_000, 7), (20_000, 8))
SEAT_ZOOM, SUPPORTED_ZOOM, VILLAGE_ZOOM = 9, 10, 11
#: Towns of at least this population are drawn as towns (bolder), the rest as villages.
TOWN_POPULATION = 20_000
#: An administrative unit within this distance with the same name makes a locality its seat.
SEAT_KM = 15.0
#: Two labels of one name closer than this are one.
SAME_NAME_KM = 2.0
#: Types of gazetteer places labelled as towns and villages.
SETTLEMENTS = frozenset({"locality", "neighbourhood"})
#: Rivers labelled: a name in the outlines -> (name, Arabic name).
RIVERS = {"euphrates": ("Euphrates", "الفرات"), "firat": ("Euphrates", "الفرات"), "al furat": ("Euphrates", "الفرات"),
          "tigris": ("Tigris", "دجلة"), "dicle": ("Tigris", "دجلة"), "khabur": ("Khabur", "الخابور"),
          "orontes": ("Orontes", "العاصي")}
#: A river's name is repeated every this many kilometres along it.
RIVER_STEP_KM = 90.0

_ARABIC = re.compile(r"[\u0600-\u06FF]")

Row = list


def arabic(name: str) -> str:
    """`name` when it is written in Arabic script, else "" (some sources give a transliteration there)."""
    return name if name and _ARABIC.search(name) else ""


# -- towns and villages -------------------------------------------------------------------------------------------


def _seat_population(place: Place, key: str, units: dict[str, list[Place]]) -> int:
    """The population of a district or subdistrict of the same name (folded: `key`) within SEAT_KM (0 when it is the
    seat of none)."""
    return max((u.population for u in units.get(key, ()) if distance_km(place.point, u.point) <= SEAT_KM), default=0)


def place_zoom(population: int, seat: bool, support: int) -> int:
    """The zoom from which a town or village is named."""
    for at_least, zoom in TOWN_ZOOMS:
        if population >= at_least:
            return zoom
    if population > 0 or seat:
        return SEAT_ZOOM
    return SUPPORTED_ZOOM if support > 1 else VILLAGE_ZOOM


def place_rows(places: Iterable[Place]) -> list[Row]:
    """Labels of the towns and villages among `places`, most important first, one per name within SAME_NAME_KM."""
    places = list(places)
    units: dict[str, list[Place]] = {}
    for p in places:
        if p.type in ("district", "subdistrict") and p.population > 0:
            units.setdefault(fold(p.name), []).append(p)
    ranked = []
    for p in places:
        if p.type not in SETTLEMENTS or not p.name.strip():
            continue
        key = fold(p.name)
        if p.type == "locality":
            seat = _seat_population(p, key, units)
            population = max(p.population, seat)
        else:  # a neighbourhood's population is its city's in some sources
            seat = population = 0
        ranked.append((place_zoom(population, seat > 0, p.support), -population, -p.support, p.name, key, p))
    ranked.sort(key=lambda t: t[:4])
    rows: list[Row] = []
    kept: dict[str, list[tuple[float, float]]] = {}
    for zoom, minus_population, _, name, key, p in ranked:
        seen = kept.setdefault(key, [])
        if any(distance_km(p.point, q) <= SAME_NAME_KM for q in seen):
            continue
        seen.append(p.point)
        kind = "town" if -minus_population >= TOWN_POPULATION else "village"
        rows.append([round(p.lat, 5), round(p.lon, 5), name, arabic(p.name_ar), zoom, kind, 0, 0])
    return rows


# -- governorates and rivers --------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _geojson(name: str) -> dict:
    """A shipped outline file of the gazetteer's data (cached; callers must not mutate it)."""
    return json.loads(resources.files("gazetteer").joinpath("data", name).read_text(encoding="utf-8"))


def governorate_rows() -> list[Row]:
    """A label inside each governorate of the shipped outlines, the largest first."""
    rows = []
    for f in _geojson("admin1.geojson")["features"]:
        props, geom = f["properties"], shape(f["geometry"])
        point = geom.representative_point()
        rows.append((geom.area, [round(point.y, 4), round(point.x, 4), props.get("name", ""),
                                 arabic(props.get("name_ar", "")), GOV_ZOOM[0], "gov", GOV_ZOOM[1], 0]))
    return [row for _, row in sorted(rows, key=lambda t: -t[0]) if row[2]]


def _mercator_y(lat: float) -> float:
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _angle(a: Sequence[float], b: Sequence[float]) -> float:
    """The screen angle (degrees, clockwise, within ±90) of the segment from a to b ((lon, lat) pairs)."""
    dx, dy = b[0] - a[0], _mercator_y(b[1]) - _mercator_y(a[1])
    angle = -math.degrees(math.atan2(dy, dx))
    if angle > 90:
        angle -= 180
    elif angle < -90:
        angle += 180
    return round(angle, 1)


def _lines(geometry: dict) -> list[list[Sequence[float]]]:
    if geometry["type"] == "LineString":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiLineString":
        return list(geometry["coordinates"])
    return []


def river_rows(step_km: float = RIVER_STEP_KM) -> list[Row]:
    """Labels along the named rivers of the shipped outlines: one every `step_km`, the first half a step in."""
    rows = []
    for f in _geojson("basemap.geojson")["features"]:
        props = f["properties"]
        if props.get("layer") != "river":
            continue
        names = RIVERS.get(str(props.get("name", "")).strip().lower())
        if names is None:
            continue
        for line in _lines(f["geometry"]):
            travelled, next_at = 0.0, step_km / 2
            for a, b in zip(line, line[1:]):
                travelled += distance_km((a[1], a[0]), (b[1], b[0]))
                if travelled >= next_at:
                    next_at += step_km
                    lat, lon = (a[1] + b[1]) / 2, (a[0] + b[0]) / 2
                    rows.append([round(lat, 4), round(lon, 4), names[0], names[1], RIVER_ZOOM, "river", 0,
                                 _angle(a, b)])
    return rows


# -- all of them ----------------------------------------------------------------------------------------------------


def label_rows(places: Iterable[Place]) -> list[Row]:
    """Every label, most important first: governorates, towns of 100,000 or more, rivers, then the other places."""
    towns = place_rows(places)
    big = [r for r in towns if r[4] <= TOWN_ZOOMS[1][1]]
    rest = [r for r in towns if r[4] > TOWN_ZOOMS[1][1]]
    return [*governorate_rows(), *big, *river_rows(), *rest]


@lru_cache(maxsize=1)
def shipped_rows() -> list[Row]:
    """The labels of the shipped gazetteer (loaded once per process; callers must not mutate them)."""
    from gazetteer import Gazetteer

    return label_rows(Gazetteer.load().places)


def within(rows: Sequence[Row], bounds: tuple[tuple[float, float], tuple[float, float]],
           margin_deg: float = 0.5) -> list[Row]:
    """The rows inside ((south, west), (north, east)) widened by `margin_deg`, in order."""
    (south, west), (north, east) = bounds
    return [r for r in rows if south - margin_deg <= r[0] <= north + margin_deg
            and west - margin_deg <= r[1] <= east + margin_deg]


def labels_json(rows: Sequence[Row]) -> str:
    """The rows as compact JSON (what the browser fetches)."""
    return json.dumps(list(rows), ensure_ascii=False, separators=(",", ":"))
