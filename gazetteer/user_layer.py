"""The user layer: names a person's own data located, learned into the gazetteer beside the shipped places.

An investigator who imports ACLED, UCDP or Airwars rows, or corrects a place, holds located names the shipped data
lacks ("Al-Boulil" where ACLED put it). Each observation is (name as written, governorate, point, source). Spellings
of one name (folded together) in one governorate within ``SAME_PLACE_KM`` are one learned place, with every source
that gave it and how many rows agree; a learned name that shipped places give somewhere else is kept, and says so.

The layer lives in the user's store (a SQLite table, ``TABLE``), never in the shipped files; this module reads and
writes that table with the standard library, so the gazetteer needs nothing of the store's code.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .errors import GazetteerDataError
from .fold import fold
from .layers import SAME_PLACE_KM
from .model import Place, distance_km

TABLE = "gazetteer_user_layer"
SCHEMA = (f"CREATE TABLE IF NOT EXISTS {TABLE} (id TEXT PRIMARY KEY, name TEXT NOT NULL, names TEXT NOT NULL, "
          "admin1 TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, sources TEXT NOT NULL, support INTEGER NOT NULL, "
          "note TEXT NOT NULL)")
#: A shipped place of the same name further than this from a learned point: the two disagree.
DISAGREE_KM = 5.0


@dataclass(frozen=True)
class Observation:
    """One located name from a person's data: an imported row or a correction."""

    name: str
    admin1: str
    lat: float
    lon: float
    source: str  # "ACLED", "UCDP GED", "correction", …


@dataclass
class _Group:
    key: str
    admin1: str
    lat: float
    lon: float
    names: Counter = field(default_factory=Counter)
    sources: Counter = field(default_factory=Counter)


def learn(observations: Iterable[Observation]) -> list[Place]:
    """Learned places: observations of one folded name in one governorate within SAME_PLACE_KM joined."""
    groups: list[_Group] = []
    by_key: dict[tuple[str, str], list[_Group]] = {}
    for o in observations:
        key = fold(o.name)
        if not key:
            continue
        near = [g for g in by_key.get((key, o.admin1), ()) if distance_km((g.lat, g.lon), (o.lat, o.lon))
                <= SAME_PLACE_KM]
        if near:
            g = near[0]
        else:
            g = _Group(key, o.admin1, o.lat, o.lon)
            groups.append(g)
            by_key.setdefault((key, o.admin1), []).append(g)
        g.names[o.name.strip()] += 1
        g.sources[o.source] += 1
    return [_place(g) for g in groups]


def _place(g: _Group) -> Place:
    names = tuple(n for n, _ in g.names.most_common())
    sources = "; ".join(f"{s} ×{n}" for s, n in g.sources.most_common())
    return Place(id=f"user:{g.admin1 or 'xx'}:{g.key}:{g.lat:.3f},{g.lon:.3f}", name=names[0], lat=g.lat, lon=g.lon,
                 admin1=g.admin1, source="user", source_id=sources, names=names,
                 support=sum(g.sources.values()))


def disagreements(learned: Sequence[Place], shipped_lookup) -> dict[str, str]:
    """Learned place id -> a note naming the shipped places of the same name that lie elsewhere in its governorate.

    `shipped_lookup(name)` gives the shipped places a name folds to.
    """
    out = {}
    for p in learned:
        others = [s for s in shipped_lookup(p.name) if (not p.admin1 or s.admin1 == p.admin1)
                  and s.type in ("locality", "neighbourhood", "site", "camp")]
        if others and all(distance_km(s.point, p.point) > DISAGREE_KM for s in others):
            nearest = min(others, key=lambda s: distance_km(s.point, p.point))
            out[p.id] = (f"disagrees with {nearest.name} ({nearest.id}) "
                         f"{distance_km(nearest.point, p.point):.0f} km away")
    return out


def write(db: sqlite3.Connection, places: Sequence[Place], notes: dict[str, str] | None = None) -> None:
    """Replace the user layer table's rows with `places` (inside the caller's transaction)."""
    db.execute(SCHEMA)
    db.execute(f"DELETE FROM {TABLE}")
    db.executemany(f"INSERT INTO {TABLE} VALUES (?,?,?,?,?,?,?,?,?)", [
        (p.id, p.name, "|".join(p.names), p.admin1, p.lat, p.lon, p.source_id, p.support, (notes or {}).get(p.id, ""))
        for p in places])


def read(path: str | Path) -> list[Place]:
    """The user layer kept in a store file (no table yet: no places)."""
    path = Path(path)
    if not path.is_file():
        raise GazetteerDataError(f"no store at {path}")
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = db.execute(f"SELECT id, name, names, admin1, lat, lon, sources, support, note FROM {TABLE}")
            return [Place(id=i, name=n, lat=la, lon=lo, admin1=a, source="user",
                          source_id=s + (f"; {note}" if note else ""), names=tuple(ns.split("|")), support=sup)
                    for i, n, ns, a, la, lo, s, sup, note in rows]
        finally:
            db.close()
    except sqlite3.OperationalError as e:
        if "no such table" in str(e):
            return []
        raise GazetteerDataError(f"cannot read the user layer of {path}: {e}") from e
    except sqlite3.DatabaseError as e:
        raise GazetteerDataError(f"cannot read the user layer of {path}: {e}") from e
