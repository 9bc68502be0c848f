"""The name index: every alternate name of every place under its plain, folded and skeleton keys.

Building it folds ~70,000 names, which takes a few seconds, so the built index is pickled into a per-user cache
folder, keyed by a hash of the shipped data and of the folding code; a change to either builds it anew.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
import os
import pickle
from collections import defaultdict
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path

from .errors import GazetteerDataError
from .fold import fold, is_arabic, plain, skeleton, variant_keys
from .layers import mark_seats, merge_layer, read_removals, remove_aliases
from .model import Place

DATA = resources.files("gazetteer") / "data"
#: Shortest skeleton used to gather candidates: shorter ones ("dr", "hm") match too much.
MIN_SKELETON = 3
CACHE_ENV = "ATLAS_CACHE_DIR"

Posting = tuple[int, int]  # (place index, name index)


@dataclass(frozen=True)
class NameIndex:
    """Places and their names under three keys, plus fuzzy buckets of folded keys by first letter."""

    places: tuple[Place, ...]
    exact: dict[str, tuple[Posting, ...]]
    folded: dict[str, tuple[Posting, ...]]
    skeletons: dict[str, tuple[Posting, ...]]
    variants: dict[str, tuple[Posting, ...]]  # variant keys (fold.variant_keys) of every name
    buckets: dict[str, tuple[str, ...]]  # first letter of folded key -> folded keys

    def postings(self, key: str) -> tuple[Posting, ...]:
        """Postings of a folded key (for the fuzzy path)."""
        return self.folded.get(key, ())


def read_places(path: Path | None = None, admin1_names: dict[str, str] | None = None) -> list[Place]:
    """A places table (the shipped one by default) as Place objects."""
    src = path or DATA / "places.json.gz"
    try:
        with gzip.open(src, "rt", encoding="utf-8") as f:  # type: ignore[arg-type]
            table = json.load(f)
    except (OSError, ValueError) as e:
        raise GazetteerDataError(f"cannot read gazetteer data {src}: {e}") from e
    if admin1_names is None:
        admin1_names = {r[7]: r[1] for r in table["rows"] if r[3] == "governorate"}
    cols = {c: i for i, c in enumerate(table["columns"])}
    near = cols.get("admin1_near")
    return [
        Place(id=r[cols["id"]], name=r[cols["name"]], lat=r[cols["lat"]], lon=r[cols["lon"]], type=r[cols["type"]],
              name_ar=r[cols["name_ar"]], country=r[cols["country"]], admin1=r[cols["admin1"]],
              admin1_name=admin1_names.get(r[cols["admin1"]], ""), admin2=r[cols["admin2"]],
              population=r[cols["population"]], current=bool(r[cols["current"]]), source=r[cols["source"]],
              source_id=r[cols["source_id"]], names=tuple(r[cols["names"]]),
              admin1_near=tuple(r[near]) if near is not None else ())
        for r in table["rows"]
    ]


def read_overlay(path: Path | None = None, admin1_names: dict[str, str] | None = None) -> list[Place]:
    """The curated overlay: places the open sources lack or spell differently, one cited source per row."""
    src = path or DATA / "overlay.csv"
    out = []
    try:
        with open(src, encoding="utf-8", newline="") as f:  # type: ignore[arg-type]
            for n, row in enumerate(csv.DictReader(f), start=2):
                if not row.get("source", "").strip():
                    raise GazetteerDataError(f"{src} line {n}: every overlay row must cite its source")
                names = tuple(x.strip() for x in row["names"].split("|") if x.strip())
                out.append(Place(id=row["id"], name=row["name"], lat=row["lat"], lon=row["lon"], type=row["type"],
                                 name_ar=row["name_ar"], country=row["country"], admin1=row["admin1"],
                                 admin1_name=(admin1_names or {}).get(row["admin1"], ""), admin2=row["admin2"],
                                 source="overlay", source_id=row["source"], names=(row["name"], *names)))
    except (OSError, KeyError, ValueError) as e:
        if isinstance(e, GazetteerDataError):
            raise
        raise GazetteerDataError(f"cannot read gazetteer overlay {src}: {e}") from e
    return out


def apply_overlay(places: list[Place], overlay: list[Place]) -> list[Place]:
    """Places with the overlay applied: a row whose id is a shipped place adds its names; others are new places."""
    extra = {o.id: o for o in overlay}
    merged = [replace(p, names=(*p.names, *(n for n in extra.pop(p.id).names if n not in p.names)))
              if p.id in extra else p for p in places]
    return merged + list(extra.values())


def build_index(places: list[Place]) -> NameIndex:
    """Index every name of every place under its three keys."""
    exact: dict[str, list[Posting]] = defaultdict(list)
    folded: dict[str, list[Posting]] = defaultdict(list)
    skel: dict[str, list[Posting]] = defaultdict(list)
    var: dict[str, list[Posting]] = defaultdict(list)
    for i, place in enumerate(places):
        seen: set[str] = set()
        for j, name in enumerate(place.names or (place.name,)):  # as gazetteer.names_of
            key = fold(name)
            if not key:
                continue
            exact[plain(name)].append((i, j))
            if key in seen:
                continue
            seen.add(key)
            folded[key].append((i, j))
            for alt in variant_keys(name):
                var[alt].append((i, j))
            sk = skeleton(name)
            if len(sk) >= MIN_SKELETON:
                skel[sk].append((i, j))
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in folded:
        buckets[key[0]].append(key)
    return NameIndex(
        places=tuple(places),
        exact={k: tuple(v) for k, v in exact.items()},
        folded={k: tuple(v) for k, v in folded.items()},
        skeletons={k: tuple(v) for k, v in skel.items()},
        variants={k: tuple(v) for k, v in var.items()},
        buckets={k: tuple(v) for k, v in buckets.items()},
    )


def shipped_places(overlay: Path | None = None) -> list[Place]:
    """Every shipped layer joined: places, OpenStreetMap villages, the overlay's places, names and removals."""
    places = read_places()
    admin1_names = {p.admin1: p.name for p in places if p.type == "governorate"}
    places = merge_layer(places, read_places(Path(str(DATA / "osm_places.json.gz")), admin1_names))
    places = apply_overlay(places, read_overlay(overlay, admin1_names))
    return mark_seats(remove_aliases(places, read_removals(Path(str(DATA / "overlay_removals.csv")))))


def cache_dir() -> Path:
    """Where built indexes are cached: $ATLAS_CACHE_DIR, else the per-user cache folder."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("incident-atlas"))


def data_fingerprint(overlay: Path | None = None) -> str:
    """A hash of the shipped data, the overlay and the code that folds and indexes names."""
    h = hashlib.sha256()
    here = Path(__file__).parent
    for part in (DATA / "places.json.gz", DATA / "osm_places.json.gz", overlay or DATA / "overlay.csv",
                 DATA / "overlay_removals.csv", here / "fold.py", here / "index.py", here / "model.py",
                 here / "layers.py"):
        h.update(Path(str(part)).read_bytes())
    return h.hexdigest()[:16]


def load_index(overlay: Path | None = None, use_cache: bool = True) -> NameIndex:
    """The name index, from the cache when it is there and current, else built (and cached)."""
    try:
        fingerprint = data_fingerprint(overlay)
    except OSError as e:
        raise GazetteerDataError(f"cannot read gazetteer data: {e}") from e
    path = cache_dir() / f"gazetteer-{fingerprint}.pickle"
    if use_cache and path.is_file():
        try:
            with path.open("rb") as f:
                index = pickle.load(f)
            if isinstance(index, NameIndex):
                return index
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass  # a stale or broken cache is rebuilt below
    index = build_index(shipped_places(overlay))
    if use_cache:
        _write_cache(path, index)
    return index


def _write_cache(path: Path, index: NameIndex) -> None:
    """Write the cache atomically; a read-only cache folder only costs speed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
