"""Command line: resolve place names, one at a time or a CSV batch.

    python -m gazetteer resolve NAME [--admin1 NAME] [--near LAT,LON] [--limit K] [--json] [--store S]
    python -m gazetteer resolve --batch IN.csv --out OUT.csv [--store S]

With ``--store`` the names that store's imports and corrections taught (its user layer) are resolved beside the
shipped places, and an answer from them says so; without it, shipped data only. The store is a SQLite file or a
team's PostgreSQL database (``--store postgresql://user@host/db``, read with psycopg 3, which the store's
``postgres`` extra installs).

IN has a ``name`` column and optionally ``admin1``; every input column is passed through and OUT adds
``place_id, matched_name, lat, lon, precision, score, layer, note`` (``lat``/``lon`` empty when unresolved). A bad row is reported
with its row number on stderr; the rest proceed. Exit status: 0 when every row was read, 1 when some rows were bad,
2 for a usage or file error.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from . import user_layer
from .errors import GazetteerDataError, GazetteerError, InvalidQuery
from .gazetteer import Gazetteer
from .model import Place, Resolution, check_coordinates

OUT_COLUMNS = ["place_id", "matched_name", "lat", "lon", "precision", "score", "layer", "note"]
#: How a store on a PostgreSQL server is named (anything else is a SQLite file). The gazetteer imports nothing of the
#: incidents package, so it knows the schemes itself; a path that folded ``//`` to ``/`` still names a server.
SERVER_SCHEMES = ("postgresql:/", "postgres:/")
_PASSWORD = re.compile(r"(://[^:/@]+):[^@/]*@")


def parse_point(text: str) -> tuple[float, float]:
    """"LAT,LON" -> (lat, lon), or InvalidQuery naming the text."""
    parts = text.split(",")
    if len(parts) != 2:
        raise InvalidQuery(f"--near must be LAT,LON, got {text!r}")
    try:
        return check_coordinates(parts[0].strip(), parts[1].strip())
    except ValueError as e:
        raise InvalidQuery(f"--near {text!r}: {e}") from e


def resolution_dict(r: Resolution) -> dict:
    """A JSON-ready view of a resolution."""
    return {
        "query": r.query, "resolved": r.resolved, "confidence": r.confidence, "reason": r.reason or None,
        "qualifier": r.qualifier or None, "note": r.note or None, "unresolved_part": r.unresolved_part or None,
        "candidates": [{
            "place_id": c.place.id, "name": c.place.name, "name_ar": c.place.name_ar, "type": c.place.type,
            "lat": c.place.lat, "lon": c.place.lon, "admin1": c.place.admin1_name or c.place.admin1,
            "admin2": c.place.admin2, "country": c.place.country, "precision": c.precision.value, "score": c.score,
            "match": c.match, "matched_name": c.matched_name, "source": c.place.source,
            "sources": c.place.source_id or None, "support": c.place.support,
        } for c in r.candidates],
    }


def print_resolution(r: Resolution, out: TextIO) -> None:
    """A readable listing: the verdict, then the ranked candidates."""
    if r.resolved:
        head = f"{r.query!r} -> {r.place.name} ({r.precision.value}, confidence {r.confidence:.2f})"
        head += f" [{r.note}]" if r.note else ""
    else:
        head = f"{r.query!r} -> unresolved ({r.reason}; best score {r.best.score:.2f})" if r.best \
            else f"{r.query!r} -> unresolved ({r.reason})"
    print(head, file=out)
    for n, c in enumerate(r.candidates, start=1):
        p = c.place
        where = ", ".join(x for x in (p.admin2, p.admin1_name, p.country) if x)
        print(f"  {n}. {p.name} [{p.type}] {p.lat:.4f},{p.lon:.4f}  {where}  score {c.score:.2f} "
              f"({c.match}: {c.matched_name!r}) {p.id}", file=out)


def resolve_batch(gaz: Gazetteer, src: Path, dst: Path, err: TextIO) -> int:
    """Resolve every row of `src` into `dst`; report bad rows by number; return how many were bad."""
    try:
        fin = src.open(encoding="utf-8-sig", newline="")
    except OSError as e:
        raise GazetteerError(f"cannot read {src}: {e.strerror or e}") from e
    bad = 0
    with fin, dst.open("w", encoding="utf-8", newline="") as fout:
        reader = csv.DictReader(fin)
        fields = reader.fieldnames or []
        if "name" not in fields:
            raise InvalidQuery(f"{src}: no 'name' column (columns: {', '.join(fields) or 'none'})")
        writer = csv.DictWriter(fout, fieldnames=[*fields, *(c for c in OUT_COLUMNS if c not in fields)])
        writer.writeheader()
        for rownum, row in enumerate(reader, start=2):
            out = {k: v for k, v in row.items() if k is not None}
            try:
                if None in row:
                    raise InvalidQuery(f"more fields than the header has ({len(fields)})")
                name = (row.get("name") or "").strip()
                if not name:
                    raise InvalidQuery("empty name")
                r = gaz.resolve(name, admin1=(row.get("admin1") or "").strip() or None, limit=1)
                out.update(batch_fields(r))
            except (GazetteerError, ValueError) as e:
                bad += 1
                print(f"{src}: row {rownum}: {e}", file=err)
                out.update(dict.fromkeys(OUT_COLUMNS, ""))
            writer.writerow(out)
    return bad


def batch_fields(r: Resolution) -> dict[str, object]:
    """The columns a batch adds for one resolution (lat/lon empty when unresolved)."""
    c = r.best
    if c is None:
        return dict.fromkeys(OUT_COLUMNS, "")
    return {"place_id": c.place.id if r.resolved else "", "matched_name": c.matched_name if r.resolved else "",
            "lat": c.place.lat if r.resolved else "", "lon": c.place.lon if r.resolved else "",
            "precision": c.precision.value if r.resolved else "unresolved", "score": c.score,
            "layer": ("user" if c.place.source == "user" else "shipped") if r.resolved else "",
            "note": r.note or r.reason}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (documented in the README)."""
    ap = argparse.ArgumentParser(prog="python -m gazetteer", description="Resolve place names offline.")
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("resolve", help="resolve a name, or a CSV batch with --batch")
    r.add_argument("name", nargs="?", help="the place name, in any spelling (Latin or Arabic script)")
    r.add_argument("--admin1", help="governorate hint, in any spelling")
    r.add_argument("--near", help="LAT,LON of a place named beside it")
    r.add_argument("--limit", type=int, default=5, help="candidates to show (default 5)")
    r.add_argument("--json", action="store_true", help="print JSON")
    r.add_argument("--batch", type=Path, metavar="IN.csv", help="CSV with a 'name' column (and optional 'admin1')")
    r.add_argument("--out", type=Path, metavar="OUT.csv", help="where --batch writes its results")
    r.add_argument("--store", metavar="S",
                   help="also resolve the names this incidents store's imports and corrections taught (its user "
                        "layer): a SQLite file or a postgresql:// URL")
    return ap


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the command line; return the exit status."""
    args = build_parser().parse_args(argv)
    try:
        gaz = Gazetteer.load()
        if args.store:
            gaz = gaz.with_user_layer(store_layer(args.store))
        if args.batch:
            if not args.out:
                raise InvalidQuery("--batch needs --out OUT.csv")
            bad = resolve_batch(gaz, args.batch, args.out, err)
            print(f"wrote {args.out}" + (f" ({bad} bad rows reported above)" if bad else ""), file=err)
            return 1 if bad else 0
        if not args.name:
            raise InvalidQuery("give a NAME or --batch IN.csv")
        near = parse_point(args.near) if args.near else None
        r = gaz.resolve(args.name, admin1=args.admin1, near=near, limit=args.limit)
    except GazetteerError as e:
        print(f"error: {e}", file=err)
        return 2
    if args.json:
        json.dump(resolution_dict(r), out, ensure_ascii=False, indent=2)
        print(file=out)
    else:
        print_resolution(r, out)
    return 0


def store_layer(store: str) -> list[Place]:
    """The user layer of the store `store` names: a SQLite file, or a database on a PostgreSQL server (a URL)."""
    if not store.startswith(SERVER_SCHEMES):
        return user_layer.read(store)
    url = re.sub(r"^(postgres(?:ql)?):/(?!/)", r"\1://", store)
    label = _PASSWORD.sub(r"\1:***@", url)
    try:
        import psycopg
    except ImportError as e:
        raise GazetteerDataError(f"reading the store {label} needs psycopg 3: pip install 'psycopg[binary]'") from e
    try:
        with psycopg.connect(url) as db:
            if db.execute("SELECT to_regclass(%s)", (user_layer.TABLE,)).fetchone()[0] is None:
                return []  # a store that has learned nothing yet
            rows = db.execute(f"SELECT id, name, names, admin1, lat, lon, sources, support, note "
                              f"FROM {user_layer.TABLE} ORDER BY id").fetchall()
    except psycopg.Error as e:
        raise GazetteerDataError(f"cannot read the user layer of {label}: {str(e).strip()}") from e
    return [Place(id=i, name=n, lat=la, lon=lo, admin1=a, source="user",
                  source_id=s + (f"; {note}" if note else ""), names=tuple(ns.split("|")), support=sup)
            for i, n, ns, a, la, lo, s, sup, note in rows]
