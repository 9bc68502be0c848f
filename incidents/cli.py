"""Command line: ingest articles, export incidents, show them.

    python -m incidents ingest PATH... [--manifest M.jsonl] [--store S.sqlite]
    python -m incidents export --store S --format geojson --out F
    python -m incidents show --store S [--incident ID]

The default store is $ATLAS_STORE, else ``incidents.sqlite`` in the per-user data folder (on Linux
``~/.local/share/incident-atlas/``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .errors import IncidentsError
from .export import listing, write_geojson
from .store import Store, default_store_path

PROGRESS_FROM = 20  # files: show a progress bar on batches at least this long


def progress_bar(err: TextIO):
    """A progress callback drawing a bar on `err`."""
    def show(n: int, total: int, path: Path) -> None:
        if total < PROGRESS_FROM:
            return
        width = 30
        done = int(width * n / total)
        end = "\n" if n == total else ""
        print(f"\r[{'#' * done}{'.' * (width - done)}] {n}/{total} {path.name[:40]:<40}", end=end, file=err,
              flush=True)
    return show


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (documented in the README)."""
    ap = argparse.ArgumentParser(prog="python -m incidents", description="Ingest articles into attributed accounts "
                                 "and incidents; export and show them.")
    sub = ap.add_subparsers(dest="command", required=True)
    store_help = f"SQLite store (default: $ATLAS_STORE or {default_store_path()})"
    i = sub.add_parser("ingest", help="read article files (text, Markdown, HTML) or folders into the store")
    i.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    i.add_argument("--manifest", type=Path, help="JSON lines: file, outlet, title, author, url, published")
    i.add_argument("--store", type=Path, help=store_help)
    e = sub.add_parser("export", help="write the incidents to a file")
    e.add_argument("--store", type=Path, help=store_help)
    e.add_argument("--format", choices=["geojson"], default="geojson")
    e.add_argument("--out", type=Path, required=True)
    s = sub.add_parser("show", help="print incidents with their accounts side by side")
    s.add_argument("--store", type=Path, help=store_help)
    s.add_argument("--incident", help="only this incident id")
    return ap


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the command line; return the exit status (1 when some files failed, 2 on a usage or store error)."""
    args = build_parser().parse_args(argv)
    path = args.store or default_store_path()
    try:
        if args.command != "ingest" and not Path(path).is_file():
            raise IncidentsError(f"no store at {path} (ingest some articles first)")
        with Store(path) as store:
            if args.command == "ingest":
                return _ingest(args, store, err)
            incidents = store.incidents()
            if args.command == "export":
                write_geojson(incidents, args.out)
                print(f"wrote {len(incidents)} incidents to {args.out}", file=err)
                return 0
            if args.incident:
                incidents = [i for i in incidents if i.id == args.incident]
                if not incidents:
                    raise IncidentsError(f"no incident {args.incident!r} in {path}")
            print(listing(incidents), file=out)
            return 0
    except IncidentsError as e:
        print(f"error: {e}", file=err)
        return 2


def _ingest(args, store: Store, err: TextIO) -> int:
    from gazetteer import Gazetteer

    from .ingest import ingest

    missing = [p for p in args.paths if not p.exists()]
    report = ingest([p for p in args.paths if p.exists()], store, Gazetteer.load(), manifest=args.manifest,
                    progress=progress_bar(err))
    for p in missing:
        print(f"failed: {p}: no such file or folder", file=err)
    for f in report.files:
        if f.error:
            print(f"failed: {f.error}", file=err)
    for m in report.manifest_errors:
        print(f"manifest: {m}", file=err)
    failed = report.failed + len(missing)
    print(report.summary().replace(f"{report.failed} failed", f"{failed} failed"), file=err)
    print(f"store: {store.path}", file=err)
    return 1 if failed else 0
