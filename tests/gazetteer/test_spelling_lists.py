"""Spelling lists in the styles of news agencies, monitors and humanitarian datasets: enough resolve within 5 km.

The lists live in benchmarks/data (name,admin1,lat,lon,tol_km,note; the note cites where each expected point comes
from). Each floor sits just below the share measured when the list was written, so a regression of one or two
names fails here; `python benchmarks/gazetteer_accuracy.py` prints every miss.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import pytest

from gazetteer import Gazetteer, distance_km
from gazetteer.fold import is_arabic

LISTS = Path(__file__).resolve().parents[2] / "benchmarks" / "data"
RADIUS_KM = 5.0
#: Share of the rows with coordinates that must resolve within 5 km (measured: news 55/59, humanitarian 54/59).
FLOORS = {"spellings_news.csv": 0.92, "spellings_humanitarian.csv": 0.90}


@dataclass(frozen=True)
class Row:
    """One name of a list and where it should resolve (None: it must stay unresolved)."""

    name: str
    admin1: str
    expected: tuple[float, float] | None
    tol_km: float
    note: str


def read_rows(path: Path) -> list[Row]:
    """The rows of a spelling list."""
    with path.open(encoding="utf-8", newline="") as f:
        return [Row(r["name"], r["admin1"], (float(r["lat"]), float(r["lon"])) if r["lat"] else None,
                    float(r["tol_km"]), r["note"]) for r in csv.DictReader(f)]


@pytest.mark.parametrize("file", sorted(FLOORS))
def test_list_is_well_formed(file: str) -> None:
    rows = read_rows(LISTS / file)
    assert 30 <= len(rows) <= 60
    assert all(r.name.strip() and r.admin1.strip() and r.tol_km > 0 for r in rows)
    assert all("WOF " in r.note for r in rows if r.expected is not None), "every expected point cites its record"
    assert all(-90 <= r.expected[0] <= 90 and -180 <= r.expected[1] <= 180 for r in rows if r.expected)
    assert sum(is_arabic(r.name) for r in rows) >= 5, "Arabic-script spellings are part of every list"


@pytest.mark.parametrize("file", sorted(FLOORS))
def test_share_within_5_km_stays_above_floor(gazetteer: Gazetteer, file: str) -> None:
    rows = [r for r in read_rows(LISTS / file) if r.expected is not None]
    misses = []
    for r in rows:
        place = gazetteer.resolve(r.name, admin1=r.admin1).place
        if place is None or distance_km(r.expected, place.point) > RADIUS_KM:
            misses.append(f"{r.name} ({r.admin1}) -> {place.name if place else 'unresolved'}")
    share = 1 - len(misses) / len(rows)
    assert share >= FLOORS[file], f"{share:.1%} within {RADIUS_KM:g} km; misses: {misses}"


def test_names_without_a_point_stay_unresolved(gazetteer: Gazetteer) -> None:
    unplaced = [r for file in sorted(FLOORS) for r in read_rows(LISTS / file) if r.expected is None]
    assert unplaced, "the lists keep at least one name that context alone can place"
    resolved = [r.name for r in unplaced if gazetteer.resolve(r.name, admin1=r.admin1).resolved]
    assert not resolved
