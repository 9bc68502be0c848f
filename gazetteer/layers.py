"""Layers of places joined into one gazetteer: the shipped places, the OpenStreetMap villages, the overlay.

Two sources describe one place when their points lie within ``SAME_PLACE_KM`` and one of their names folds to the
same key: the second source's names become alternate names of the first place, and its `support` grows by one.
Places of a layer that meet no such place are added as places of their own (a village the other sources lack, or a
namesake further away), with the layer as their `source`.

The overlay can also take a wrong alias away from a place (``overlay_removals.csv``: id, name, reason), so a name that
a source gives to the wrong village stops making the right one ambiguous.
"""

from __future__ import annotations

import csv
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from .errors import GazetteerDataError
from .fold import fold
from .model import Place, distance_km

#: The credit the OpenStreetMap layer asks for (ODbL 1.0), shown wherever the data is credited.
OSM_CREDIT = "Village names and points © OpenStreetMap contributors (ODbL 1.0), via HOTOSM/HDX"
#: Points of one place from two sources lie at most this far apart.
SAME_PLACE_KM = 2.0
#: Types that are points a second source can describe again (admin units are not merged).
POINT_TYPES = frozenset({"locality", "neighbourhood", "site", "camp", "mountain"})
_CELL = 0.05  # degrees: grid cell of the spatial lookup (larger than SAME_PLACE_KM)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


def _keys(place: Place) -> set[str]:
    return {k for k in (fold(n) for n in (place.names or (place.name,))) if k}


def merge_layer(places: Sequence[Place], layer: Iterable[Place], *, km: float = SAME_PLACE_KM) -> list[Place]:
    """`places` with `layer` joined: same place (≤ `km`, a name in common after folding) merged, the rest added."""
    out = list(places)
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    keys: dict[int, set[str]] = {}
    for i, p in enumerate(out):
        if p.type in POINT_TYPES:
            grid[_cell(p.lat, p.lon)].append(i)
    for new in layer:
        new_keys = _keys(new)
        match = _nearest_namesake(out, grid, keys, new, new_keys, km)
        if match is None:
            out.append(new)
            continue
        old = out[match]
        names = (*old.names, *(n for n in new.names if n not in old.names))
        ids = " ".join(x for x in (old.source_id, new.id) if x)
        out[match] = replace(old, names=names, support=old.support + 1, source_id=ids,
                             name_ar=old.name_ar or new.name_ar)
        keys[match] = keys.get(match, set()) | new_keys
    return out


def _nearest_namesake(places: list[Place], grid: dict, keys: dict[int, set[str]], new: Place, new_keys: set[str],
                      km: float) -> int | None:
    """Index of the nearest point place within `km` of `new` sharing a folded name with it, or None."""
    best, best_d = None, km
    ci, cj = _cell(new.lat, new.lon)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            for i in grid.get((ci + di, cj + dj), ()):
                if i not in keys:
                    keys[i] = _keys(places[i])
                if not keys[i] & new_keys:
                    continue
                d = distance_km(places[i].point, new.point)
                if d <= best_d:
                    best, best_d = i, d
    return best


#: An admin unit's seat lies at most this far from the unit's centroid.
SEAT_KM = 40.0
ADMIN_TYPES = frozenset({"governorate", "district", "subdistrict"})


def mark_seats(places: Sequence[Place]) -> list[Place]:
    """Places with `seat` set on each locality that shares its name with an admin unit of its governorate nearby:
    the city a district or governorate is named after, likelier meant than a village of the same name."""
    units: dict[tuple[str, str], list[Place]] = defaultdict(list)
    for p in places:
        if p.type in ADMIN_TYPES:
            for n in {p.name, *p.names}:
                units[(fold(n), p.admin1)].append(p)

    def is_seat(p: Place) -> bool:
        return p.type == "locality" and any(
            distance_km(u.point, p.point) <= SEAT_KM for n in {p.name, *p.names} for u in units.get((fold(n), p.admin1), ()))

    return [replace(p, seat=True) if is_seat(p) else p for p in places]


def read_removals(path: Path) -> dict[str, set[str]]:
    """Aliases to take away: place id -> names (each row must say why)."""
    out: dict[str, set[str]] = defaultdict(set)
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8", newline="") as f:
            for n, row in enumerate(csv.DictReader(f), start=2):
                if not (row.get("reason") or "").strip():
                    raise GazetteerDataError(f"{path} line {n}: every removal must give its reason")
                out[row["id"].strip()].add(row["name"].strip())
    except (OSError, KeyError) as e:
        raise GazetteerDataError(f"cannot read alias removals {path}: {e}") from e
    return dict(out)


def remove_aliases(places: Sequence[Place], removals: dict[str, set[str]]) -> list[Place]:
    """Places without the aliases listed for them (the place's own name is never removed)."""
    if not removals:
        return list(places)
    return [replace(p, names=tuple(n for n in p.names if n == p.name or n not in removals[p.id]))
            if p.id in removals else p for p in places]
