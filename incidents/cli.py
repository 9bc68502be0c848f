"""Command line: ingest articles, export incidents, show them.

    python -m incidents ingest PATH... [--manifest M.jsonl] [--store S.sqlite]
    python -m incidents export --store S --format FORMAT --out F [--from DATE] [--to DATE] [filters]
    python -m incidents import --format acled|ucdp|airwars|csv FILE... [--mapping M.json] [--store S]
    python -m incidents show --store S [--incident ID]
    python -m incidents reextract [--store S]
    python -m incidents review [--store S] [--kind K] [--limit N] [--json]
    python -m incidents correct KIND --account ID [...] --author A --reason R
    python -m incidents correct --undo ID --author A [--reason R]
    python -m incidents corrections [--store S] [--incident ID] [--json]

A store is a SQLite file or a postgresql:// URL. The default store is $ATLAS_STORE, else ``incidents.sqlite`` in the per-user data folder (on Linux
``~/.local/share/incident-atlas/``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from .datasets import FORMATS as IMPORT_FORMATS
from .errors import IncidentsError
from .export import FORMATS, listing, write_export
from .model import PRECISIONS, VICTIMS
from .store import Store, default_store_path, store_exists

PROGRESS_FROM = 20  # files: show a progress bar on batches at least this long


def progress_bar(err: TextIO):
    """A progress callback drawing a bar on `err`, for batches of PROGRESS_FROM files (or lines) or more."""
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
    store_help = f"a SQLite file or a postgresql:// URL (default: $ATLAS_STORE or {default_store_path()})"
    i = sub.add_parser("ingest", help="read article files (text, Markdown, HTML) or folders into the store")
    i.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    i.add_argument("--manifest", type=Path, help="JSON lines: file, outlet, title, author, url, published")
    i.add_argument("--store", type=Path, help=store_help)
    e = sub.add_parser("export", help="write the incidents (those the filters keep) to a file")
    e.add_argument("--store", type=Path, help=store_help)
    e.add_argument("--format", choices=FORMATS, help="default: from the extension of --out")
    e.add_argument("--out", type=Path, required=True)
    add_filter_arguments(e)
    m = sub.add_parser("import", help="import event data (ACLED, UCDP GED, Airwars, or any CSV with a mapping)")
    m.add_argument("--format", required=True, choices=IMPORT_FORMATS, help="the dataset the files come from")
    m.add_argument("files", nargs="+", type=Path, metavar="FILE")
    m.add_argument("--mapping", type=Path, help="JSON: our field -> your column (required for --format csv)")
    m.add_argument("--store", type=Path, help=store_help)
    r = sub.add_parser("reextract", help="read the stored articles again with the current extractor, keeping "
                                         "corrections, and report what changed")
    r.add_argument("--store", type=Path, help=store_help)
    s = sub.add_parser("show", help="print incidents with their accounts side by side")
    s.add_argument("--store", type=Path, help=store_help)
    s.add_argument("--incident", help="only this incident id")
    add_review_arguments(sub, store_help)
    return ap


def add_review_arguments(sub, store_help: str) -> None:
    """The review, correct and corrections commands."""
    from .corrections import FIGURE_FIELDS, KINDS as CORRECTION_KINDS
    from .review import KINDS as REVIEW_KINDS

    v = sub.add_parser("review", help="list what a person should check: counts per kind, then the items")
    v.add_argument("--store", type=Path, help=store_help)
    v.add_argument("--kind", choices=REVIEW_KINDS, action="append", help="only this kind (repeatable)")
    v.add_argument("--limit", type=int, default=50, metavar="N", help="at most N items (default 50; 0: counts only)")
    v.add_argument("--offset", type=int, default=0, metavar="N", help="skip the first N items (paging)")
    v.add_argument("--json", action="store_true", help="a JSON list of items, each with its kind")
    c = sub.add_parser("correct", help="correct what the machine read (recorded with author, time and reason)")
    c.add_argument("kind", nargs="?", choices=CORRECTION_KINDS, help="what to correct")
    c.add_argument("--store", type=Path, help=store_help)
    c.add_argument("--account", help="the account's id (see review --json or export)")
    c.add_argument("--other", help="merge: an account of the other incident; split: the account to split it from")
    c.add_argument("--document", help="instead of --account: the document's id, with --span")
    c.add_argument("--span", type=_span, help="START:END of the sentence or place mention in the document's text")
    c.add_argument("--place", help="place: its name, in any spelling (resolved with the gazetteer)")
    c.add_argument("--place-id", help="place: a gazetteer place id")
    c.add_argument("--lat", type=float, help="place: latitude (with --lon and --place as its name)")
    c.add_argument("--lon", type=float)
    c.add_argument("--precision", choices=PRECISIONS)
    c.add_argument("--from", dest="date_min", type=_date, metavar="DATE", help="date: the window's first day")
    c.add_argument("--to", dest="date_max", type=_date, metavar="DATE", help="date: the window's last day")
    c.add_argument("--field", choices=FIGURE_FIELDS, help="figure: which figure")
    c.add_argument("--min", dest="figure_min", type=int, metavar="N", help="figure: the lowest number")
    c.add_argument("--max", dest="figure_max", type=int, metavar="N", help="figure: the highest number")
    c.add_argument("--undo", type=int, metavar="ID", help="undo the correction with this id")
    c.add_argument("--author", required=True, help="who makes the correction")
    c.add_argument("--reason", default="", help="why (required, except for --undo)")
    c.add_argument("--json", action="store_true", help="print the correction as JSON")
    r = sub.add_parser("corrections", help="list the corrections with who made them, when and why")
    r.add_argument("--store", type=Path, help=store_help)
    r.add_argument("--incident", help="only this incident's history")
    r.add_argument("--json", action="store_true")


def _span(text: str) -> tuple[int, int]:
    try:
        start, end = (int(x) for x in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a span START:END: {text!r}") from None
    if not 0 <= start <= end:
        raise argparse.ArgumentTypeError(f"a span needs 0 <= START <= END: {text!r}")
    return start, end


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _list(text: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip()))


def add_filter_arguments(ap: argparse.ArgumentParser) -> None:
    """The dashboard's filters as options (lists are comma-separated)."""
    f = ap.add_argument_group("filters (as on the dashboard's Map page)")
    f.add_argument("--from", dest="date_from", type=_date, metavar="DATE", help="incidents on or after this day")
    f.add_argument("--to", dest="date_to", type=_date, metavar="DATE", help="incidents on or before this day")
    f.add_argument("--admin1", type=_list, default=(), metavar="CODES", help="governorate codes, e.g. SY09,SY11")
    f.add_argument("--outlet", type=_list, default=(), metavar="NAMES", help="outlets, e.g. 'SANA,Press TV'")
    f.add_argument("--claimant", type=_list, default=(), metavar="NAMES", help="claimants, e.g. SOHR")
    f.add_argument("--victims", type=_list, default=(), metavar="KINDS", help=", ".join(VICTIMS))
    f.add_argument("--precision", type=_list, default=(), metavar="LEVELS", help=", ".join(PRECISIONS))
    f.add_argument("--disputed", action="store_true", help="only incidents whose claimants disagree")
    f.add_argument("--min-killed", type=int, default=0, metavar="N", help="largest claimed killed figure >= N")
    f.add_argument("--place", default="", metavar="NAME", help="near this place, in any spelling")
    f.add_argument("--no-undated", action="store_true", help="leave out incidents whose date is unknown")


def filters_of(args: argparse.Namespace):
    """The Filters the parsed options ask for (IncidentsError when they contradict each other)."""
    from .selection import Filters

    try:
        return Filters(date_from=args.date_from, date_to=args.date_to, admin1=tuple(a.upper() for a in args.admin1),
                       outlets=args.outlet, claimants=args.claimant, victims=args.victims,
                       precision=args.precision, disputed_only=args.disputed, min_killed=args.min_killed,
                       search=args.place, undated=not args.no_undated)
    except ValueError as e:
        raise IncidentsError(f"filters: {e}") from None


def main(argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the command line; return the exit status (1 when some files failed, 2 on a usage or store error)."""
    args = build_parser().parse_args(argv)
    path = args.store or default_store_path()
    try:
        if args.command not in ("ingest", "import") and not store_exists(path):
            raise IncidentsError(f"no store at {path} (ingest some articles first)")
        if args.command == "correct" and args.kind is None and args.undo is None:
            raise IncidentsError("correct: give a KIND, or --undo ID")
        with Store(path) as store:
            if args.command == "ingest":
                return _ingest(args, store, err)
            if args.command == "import":
                return _import(args, store, err)
            if args.command == "export":
                return _export(args, store, err)
            if args.command == "reextract":
                return _reextract(store, out)
            if args.command == "review":
                return _review(args, store, out)
            if args.command == "correct":
                return _correct(args, store, out, err)
            if args.command == "corrections":
                return _corrections(args, store, out)
            incidents = store.incidents_by_ids([args.incident]) if args.incident else store.incidents()
            if args.incident:
                if not incidents:
                    raise IncidentsError(f"no incident {args.incident!r} in {path}")
            print(listing(incidents), file=out)
            return 0
    except IncidentsError as e:
        print(f"error: {e}", file=err)
        return 2


def _review(args, store: Store, out: TextIO) -> int:
    from .review import KIND_LABELS, queue_counts, review_queue

    if args.limit < 0 or args.offset < 0:
        raise IncidentsError("--limit and --offset must not be negative")
    items = review_queue(store, kinds=args.kind, limit=args.limit, offset=args.offset) if args.limit else []
    if args.json:
        print(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=1), file=out)
        return 0
    counts = queue_counts(store)
    for kind, n in counts.items():
        if not args.kind or kind in args.kind:
            print(f"{KIND_LABELS[kind]}: {n:,}", file=out)
    for i in items:
        print(f"\n[{i.label}] {i.title}", file=out)
        print(f"  {i.detail}", file=out)
        print(f"  “{i.sentence}”", file=out)
        ids = f"account {i.account_id}" if i.kind != "possible_merge" else \
            f"incidents {i.incident_id} and {i.other_incident_id}"
        print(f"  {ids}" + (f", incident {i.incident_id}" if i.kind != "possible_merge" and i.incident_id else ""),
              file=out)
    shown = len(items)
    total = sum(n for k, n in counts.items() if not args.kind or k in args.kind)
    if 0 < shown < total:
        print(f"\n{shown} of {total:,} items shown (--limit, --offset for more)", file=out)
    return 0


def _correct(args, store: Store, out: TextIO, err: TextIO) -> int:
    from .corrections import correct, undo

    try:
        if args.undo is not None:
            c = undo(store, args.undo, author=args.author, reason=args.reason)
        else:
            c = correct(store, args.kind, author=args.author, reason=args.reason, account_id=args.account,
                        other_account_id=args.other, document_id=args.document, span=args.span,
                        place_id=args.place_id, place_name=args.place, lat=args.lat, lon=args.lon,
                        precision=args.precision, date_min=args.date_min, date_max=args.date_max,
                        figure_field=args.field, figure_min=args.figure_min, figure_max=args.figure_max)
    except (LookupError, ValueError) as e:
        message = e.args[0] if isinstance(e, KeyError) and e.args else e
        print(f"correction failed: {message}", file=err)
        return 1
    if args.json:
        print(json.dumps(c.to_json(), ensure_ascii=False, indent=1), file=out)
    else:
        settled = f"; settled {c.settled} review item(s)" if c.settled and args.undo is None else ""
        print(f"#{c.id} {c.describe()}{settled}", file=out)
    return 0


def _corrections(args, store: Store, out: TextIO) -> int:
    from .corrections import corrections

    try:
        found = corrections(store, incident_id=args.incident)
    except LookupError as e:
        raise IncidentsError(str(e).strip("'\"")) from None
    if args.json:
        print(json.dumps([c.to_json() for c in found], ensure_ascii=False, indent=1), file=out)
    elif not found:
        print("no corrections", file=out)
    for c in found if not args.json else ():
        print(f"#{c.id} [{c.status}] {c.describe()}", file=out)
    return 0


def _export(args, store: Store, err: TextIO) -> int:
    from .corrections import corrections
    from .selection import describe, select, title_of

    fmt = args.format or args.out.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise IncidentsError(f"--out {args.out}: cannot tell the format from the extension; give --format "
                             f"({', '.join(FORMATS)})")
    filters = filters_of(args)
    gazetteer = None
    if filters.search:
        from gazetteer import Gazetteer

        gazetteer = Gazetteer.load()
    every = store.incidents()
    chosen = select(every, filters, gazetteer)
    try:
        write_export(chosen, args.out, fmt, urls=store.urls(), title=title_of(chosen, filters),
                     description=describe(filters), corrections=corrections(store))
    except OSError as e:
        raise IncidentsError(f"--out {args.out}: {e.strerror or e}") from None
    print(f"wrote {len(chosen)} of {len(every)} incidents "
          f"({sum(len(i.accounts) for i in chosen)} accounts) to {args.out} as {fmt}", file=err)
    return 0


def _import(args, store: Store, err: TextIO) -> int:
    from gazetteer import Gazetteer

    from .importers import import_file

    gazetteer = Gazetteer.load()
    failed = 0
    for path in args.files:
        try:
            report = import_file(path, args.format, store, gazetteer, mapping=args.mapping,
                                 progress=progress_bar(err))
        except (IncidentsError, OSError) as e:
            print(f"failed: {path}: {getattr(e, 'strerror', None) or e}", file=err)
            failed += 1
            continue
        for bad in report.bad:
            print(f"bad row: {bad}", file=err)
        print(report.summary(), file=err)
        failed += bool(report.bad)
    print(f"store: {store.path}", file=err)
    return 1 if failed else 0


def _reextract(store: Store, out: TextIO) -> int:
    from gazetteer import Gazetteer

    from .extraction import extract_accounts
    from .reextract import reextract

    gazetteer = Gazetteer.load().with_user_layer(store.user_layer())
    report = reextract(store, lambda doc: extract_accounts(gazetteer, doc))
    print(report.summary(), file=out)
    print(f"store: {store.path}", file=out)
    return 0


def _ingest(args, store: Store, err: TextIO) -> int:
    from gazetteer import Gazetteer

    from .ingest import ingest

    missing = [p for p in args.paths if not p.exists()]
    gazetteer = Gazetteer.load().with_user_layer(store.user_layer())  # names the store's imports taught
    report = ingest([p for p in args.paths if p.exists()], store, gazetteer, manifest=args.manifest,
                    progress=progress_bar(err))
    for p in missing:
        print(f"failed: {p}: no such file or folder", file=err)
    for f in report.files:
        if f.error:
            print(f"failed: {f.error}", file=err)
        for reason in f.skipped:
            print(f"not read: {f.path}: {reason}", file=err)
        if not f.error and f.encoding not in ("utf-8", "utf-16"):
            print(f"read as {f.encoding}: {f.path}", file=err)
    for m in report.manifest_errors:
        print(f"manifest: {m}", file=err)
    failed = report.failed + len(missing)
    print(report.summary().replace(f"{report.failed} failed", f"{failed} failed"), file=err)
    print(f"store: {store.path}", file=err)
    return 1 if failed else 0
