"""Gazetteer accuracy: how many place names in real-world spellings resolve within a few km of where they are.

    python benchmarks/gazetteer_accuracy.py [--gold PATH] [--list CSV ...]

Inputs:

- ``--gold``: the seed gold file (JSON lines; default ``shared/eval/seed_gold.jsonl`` beside the repository, when it
  is there). Every place of a record is resolved with its governorate as the ``admin1`` hint and, as ``near``, the
  points of the record's other places that resolved with the same hint. A place without coordinates
  (``lat: null``) must come out unresolved.
- ``--list``: CSV files ``name,admin1,lat,lon,tol_km,note`` (default: the spelling lists in ``benchmarks/data``).
  Each name is resolved with its ``admin1`` hint alone. Empty ``lat``/``lon`` mean "must come out unresolved"
  (a name that is truly ambiguous with that hint alone).

For each input it prints the share within 5 km, the share within each row's own tolerance, the unresolved share, and
every miss (outside its own tolerance, unresolved when a point was expected, or resolved when none was) with the
expected point, what came out, the distance and the reason.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: The code measured: this checkout, or (for --against) a previous revision written out by benchmarks/revision.py.
CODE = Path(os.environ.get("ATLAS_BENCH_CODE") or REPO)
sys.path.insert(0, str(CODE))

from gazetteer import Gazetteer, Place, Resolution, distance_km  # noqa: E402
from gazetteer.rank import DISTINCT_KM, same_unit  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "seed_gold.jsonl"
DEFAULT_LISTS = tuple(sorted((REPO / "benchmarks" / "data").glob("spellings_*.csv")))
DEFAULT_DEV = REPO.parent / "shared" / "eval" / "dev"
#: The dev place lists: (label, file, name column). Airwars is read twice: its English and its Arabic names.
DEV_LISTS = (("ucdp", "places_ucdp.csv", "name"), ("airwars", "places_airwars.csv", "name"),
             ("airwars-ar", "places_airwars.csv", "name_ar"), ("acled", "places_acled.csv", "name"))
#: Beyond this distance a resolved answer is "confidently wrong": another town, often another district. Only answers
#: that claim a point (precision exact or near) count; a district or governorate answer says it is coarse.
WRONG_KM = 25.0
POINT_PRECISIONS = ("exact", "near")
#: The fixed radius every input is also scored at.
RADIUS_KM = 5.0

Point = tuple[float, float]


class ListFormatError(ValueError):
    """A spelling list or gold file that cannot be read: names the file and the line."""


@dataclass(frozen=True)
class Case:
    """A name to resolve, the point it should give (None: must stay unresolved) and how far off it may be."""

    name: str
    admin1: str
    expected: Point | None
    tol_km: float
    note: str = ""
    group: str = ""  # the gold record id, or the list's file name
    context: tuple[str, ...] = ()  # other names of the same record, resolved first for `near`


@dataclass(frozen=True)
class Outcome:
    """What one case gave."""

    case: Case
    resolution: Resolution
    near: tuple[Point, ...] = ()

    @property
    def got(self) -> Point | None:
        """The resolved point, or None."""
        place = self.resolution.place
        return place.point if place is not None else None

    @property
    def distance(self) -> float | None:
        """Distance from the expected point to the resolved one (None when either is missing)."""
        if self.got is None or self.case.expected is None:
            return None
        return distance_km(self.case.expected, self.got)

    def within(self, km: float) -> bool:
        """True when resolved within `km` of the expected point."""
        return self.distance is not None and self.distance <= km

    @property
    def ok(self) -> bool:
        """Within the row's own tolerance, or unresolved when nothing was expected."""
        if self.case.expected is None:
            return not self.resolution.resolved
        return self.within(self.case.tol_km)

    @property
    def why(self) -> str:
        """Why a miss is one, in a few words."""
        r = self.resolution
        if self.case.expected is None:
            top = r.candidates[0]
            return f"expected unresolved, resolved to {top.place.name} [{top.place.id}] by {top.match} match " \
                   f"(confidence {r.confidence:.2f})"
        if not r.resolved:
            best = r.best
            if best is None:
                return r.reason or "no candidate"
            text = f"{r.reason} (confidence {r.confidence:.2f}; best {self._at(best.place)}"
            rival = self._rival() if r.reason == "ambiguous" else None
            return text + (f"; rival {self._at(rival)}" if rival is not None else "") + ")"
        top = r.candidates[0]
        return (f"wrong place: {top.place.name} [{top.place.id}, {top.place.type}, precision {top.precision}] "
                f"by {top.match} match")

    def _rival(self) -> Place | None:
        """The runner-up that made the answer ambiguous: same precision, another unit, far from the best."""
        best = self.resolution.candidates[0]
        return next((c.place for c in self.resolution.runners_up if c.precision == best.precision
                     and not same_unit(best.place, c.place)
                     and distance_km(best.place.point, c.place.point) > DISTINCT_KM), None)

    def _at(self, place: Place) -> str:
        """ "Name [id] at 12.3 km" from the expected point."""
        assert self.case.expected is not None
        return f"{place.name} [{place.id}] at {distance_km(self.case.expected, place.point):.1f} km"


# -- reading ------------------------------------------------------------------------------------------------------


def _number(value: str, what: str, where: str) -> float:
    try:
        return float(value)
    except ValueError as e:
        raise ListFormatError(f"{where}: {what} must be a number, got {value!r}") from e


def read_list(path: Path) -> list[Case]:
    """Cases of a spelling list CSV (name,admin1,lat,lon,tol_km,note)."""
    cases = []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = {"name", "admin1", "lat", "lon", "tol_km", "note"} - set(reader.fieldnames or ())
            if missing:
                raise ListFormatError(f"{path}: missing columns {sorted(missing)}")
            for n, row in enumerate(reader, start=2):
                where = f"{path.name} line {n}"
                lat, lon = row["lat"].strip(), row["lon"].strip()
                expected = (_number(lat, "lat", where), _number(lon, "lon", where)) if lat or lon else None
                cases.append(Case(name=row["name"], admin1=row["admin1"], expected=expected,
                                  tol_km=_number(row["tol_km"] or str(RADIUS_KM), "tol_km", where),
                                  note=row["note"], group=path.name))
    except OSError as e:
        raise ListFormatError(f"cannot read spelling list {path}: {e}") from e
    return cases


def read_dev_list(path: Path, column: str = "name") -> list[Case]:
    """Cases of a dataset's place list (name[, name_ar], admin1, …, lat, lon): every row with a name and a point."""
    cases = []
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            missing = {column, "admin1", "lat", "lon"} - set(reader.fieldnames or ())
            if missing:
                raise ListFormatError(f"{path}: missing columns {sorted(missing)}")
            for n, row in enumerate(reader, start=2):
                name = (row[column] or "").replace("\u200e", "").replace("\u200f", "").strip()
                if not name:
                    continue
                where = f"{path.name} line {n}"
                expected = (_number(row["lat"], "lat", where), _number(row["lon"], "lon", where))
                cases.append(Case(name=name, admin1=row["admin1"] or "", expected=expected, tol_km=RADIUS_KM,
                                  group=path.name))
    except OSError as e:
        raise ListFormatError(f"cannot read place list {path}: {e}") from e
    return cases


def read_gold(path: Path) -> list[Case]:
    """Cases of the seed gold file: one per place of each record, with the record's other places as context."""
    cases = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise ListFormatError(f"cannot read gold file {path}: {e}") from e
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            places = record["places"]
            for i, p in enumerate(places):
                expected = (float(p["lat"]), float(p["lon"])) if p.get("lat") is not None else None
                others = tuple(o["text"] for j, o in enumerate(places) if j != i)
                cases.append(Case(name=p["text"], admin1=p.get("governorate") or "", expected=expected,
                                  tol_km=float(p.get("tol_km") or RADIUS_KM), group=record["id"], context=others))
        except (ValueError, KeyError, TypeError) as e:
            raise ListFormatError(f"{path} line {n}: {e}") from e
    return cases


# -- evaluating ---------------------------------------------------------------------------------------------------


def evaluate(gaz: Gazetteer, cases: Iterable[Case]) -> list[Outcome]:
    """Resolve every case with its admin1 hint and, when it has context, the points of its resolved context names."""
    out = []
    for case in cases:
        near = tuple(r.place.point for r in (gaz.resolve(o, admin1=case.admin1 or None) for o in case.context)
                     if r.place is not None)
        resolution = gaz.resolve(case.name, admin1=case.admin1 or None, near=list(near) or None)
        out.append(Outcome(case, resolution, near))
    return out


def share(part: int, whole: int) -> str:
    """ "12/15 (80.0%)"."""
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else "0/0 (-)"


def _point(p: Point | None) -> str:
    return f"{p[0]:.4f},{p[1]:.4f}" if p is not None else "-"


def report(title: str, outcomes: Sequence[Outcome]) -> list[str]:
    """The lines printed for one input: shares, expected-unresolved checks, then every miss."""
    placed = [o for o in outcomes if o.case.expected is not None]
    unplaced = [o for o in outcomes if o.case.expected is None]
    lines = [
        f"== {title}: {len(outcomes)} names, {len(placed)} with coordinates",
        f"within {RADIUS_KM:g} km: {share(sum(o.within(RADIUS_KM) for o in placed), len(placed))}",
        f"within own tolerance: {share(sum(o.ok for o in placed), len(placed))}",
        f"unresolved: {share(sum(not o.resolution.resolved for o in placed), len(placed))}",
    ]
    for o in unplaced:
        verdict = "ok" if o.ok else "wrong"
        got = "unresolved" if not o.resolution.resolved else f"{o.resolution.place.name} {_point(o.got)}"
        lines.append(f"expected unresolved: {o.case.name} ({o.case.group}): {verdict} ({got}"
                     f"{', ' + o.resolution.reason if o.resolution.reason else ''})")
    misses = [o for o in outcomes if not o.ok]
    lines.append(f"misses: {len(misses)}" + (" (name | admin1 | expected | got | distance | reason)" if misses else ""))
    for o in misses:
        dist = f"{o.distance:.1f} km" if o.distance is not None else "-"
        got = _point(o.got) if o.got is not None else "unresolved"
        lines.append(f"  {o.case.name} | {o.case.admin1 or '-'} | {_point(o.case.expected)} | {got} | {dist} | "
                     f"{o.why}")
    return lines


def summary(outcomes: Sequence[Outcome]) -> dict[str, float]:
    """Shares over the cases with a point: within 5 km, within 25 km, unresolved, wrong (> 5 km), confidently wrong."""
    placed = [o for o in outcomes if o.case.expected is not None]
    n = len(placed) or 1
    resolved = [o for o in placed if o.resolution.resolved]
    pointed = [o for o in resolved if str(o.resolution.precision) in POINT_PRECISIONS]
    return {"names": len(placed),
            "within 5 km": sum(o.within(RADIUS_KM) for o in placed) / n,
            "within 25 km": sum(o.within(WRONG_KM) for o in placed) / n,
            "unresolved": (len(placed) - len(resolved)) / n,
            "coarse (district or wider)": (len(resolved) - len(pointed)) / n,
            "resolved > 5 km off": sum(not o.within(RADIUS_KM) for o in resolved) / n,
            "confidently wrong (> 25 km)": sum(not o.within(WRONG_KM) for o in pointed) / n}


def dev_summaries(gaz: Gazetteer, folder: Path) -> dict[str, dict[str, float]]:
    """The summary of every dev place list in `folder`, and of its rows whose point lies in their own governorate."""
    out = {}
    inside = own_governorate(gaz)
    for label, fname, column in DEV_LISTS:
        if (folder / fname).is_file():
            outcomes = evaluate(gaz, read_dev_list(folder / fname, column))
            out[label] = summary(outcomes)
            if inside is not None:
                consistent = [o for o in outcomes if inside(o.case)]
                out[label]["rows whose point is in their governorate"] = len(consistent) / (len(outcomes) or 1)
                out[label]["confidently wrong among those"] = summary(consistent)["confidently wrong (> 25 km)"]
    return out


def own_governorate(gaz: Gazetteer):
    """A test (case -> bool): the dataset's point lies in the governorate its own row names (None when the
    governorate outlines cannot be read). A row failing it contradicts itself: its misses may be the dataset's."""
    try:
        from incidents.importers import Governorates
    except ImportError:
        return None
    outlines = Governorates.shipped()

    def inside(case: Case) -> bool:
        codes = gaz.admin1_codes(case.admin1)
        return not codes or outlines.code_at(*case.expected) in codes

    return inside


def learned_from(gaz: Gazetteer, path: Path) -> Gazetteer:
    """The gazetteer with a user layer learned from a dataset's place list (as an import of its rows would teach)."""
    from gazetteer.user_layer import Observation, learn

    obs = []
    for case in read_dev_list(path):
        codes = gaz.admin1_codes(case.admin1)
        obs.append(Observation(case.name, next(iter(codes)) if len(codes) == 1 else "", *case.expected,
                               source=path.stem))
    return gaz.with_user_layer(learn(obs))


def against(rev: str, folder: Path) -> dict[str, dict[str, float]]:
    """The dev summaries of the gazetteer at git revision `rev`, computed in a subprocess importing that revision."""
    from revision import checkout, env_for

    with checkout(rev) as code:
        env = {**env_for(code), "ATLAS_BENCH_CODE": str(code)}
        done = subprocess.run([sys.executable, __file__, "--dev", str(folder.resolve()), "--json"], env=env, cwd=code,
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise ListFormatError(f"revision {rev}: the benchmark failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def dev_table(current: dict[str, dict[str, float]], previous: dict[str, dict[str, float]] | None,
              rev: str = "") -> list[str]:
    """One block per list: metric | previous | current | target."""
    targets = {"within 5 km": "≥ 0.85", "confidently wrong (> 25 km)": "≤ 0.02"}
    lines = []
    for label, figures in current.items():
        lines.append(f"== dev list {label}: {figures['names']:.0f} names (admin1 as the hint)")
        lines.append(f"{'metric':<40} | {rev or 'previous':>9} | {'current':>7} | target")
        for metric, value in figures.items():
            if metric == "names":
                continue
            before = f"{previous[label][metric]:.3f}" if previous and metric in previous.get(label, {}) else "-"
            lines.append(f"{metric:<40} | {before:>9} | {value:>7.3f} | {targets.get(metric, '-')}")
    return lines


def gold_verdict(outcomes: Sequence[Outcome]) -> str:
    """Whether the gold target is met: every placed name within its tolerance, every unplaced one unresolved."""
    met = all(o.ok for o in outcomes)
    return f"gold target (every place within its tol_km, places without coordinates unresolved): {'met' if met else 'NOT met'}"


def write_misses(gaz: Gazetteer, folder: Path, out: Path) -> None:
    """Every dev-list case not within 5 km, one line each, for reading misses by kind."""
    with out.open("w", encoding="utf-8") as f:
        for label, fname, column in DEV_LISTS:
            if not (folder / fname).is_file():
                continue
            for o in evaluate(gaz, read_dev_list(folder / fname, column)):
                if not o.within(RADIUS_KM):
                    dist = f"{o.distance:.1f}" if o.distance is not None else "-"
                    f.write(f"{label} | {o.case.name} | {o.case.admin1} | {dist} | {o.why}\n")


def build_parser() -> argparse.ArgumentParser:
    """The command line of the accuracy report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gold", type=Path, default=None,
                        help="seed gold JSON lines (default: shared/eval/seed_gold.jsonl beside the repository)")
    parser.add_argument("--list", type=Path, nargs="*", default=None, dest="lists", metavar="CSV",
                        help="spelling lists name,admin1,lat,lon,tol_km,note (default: benchmarks/data/spellings_*.csv)")
    parser.add_argument("--dev", type=Path, default=None, metavar="DIR",
                        help="folder of dataset place lists places_{ucdp,airwars,acled}.csv (default: shared/eval/dev "
                             "beside the repository, when it is there)")
    parser.add_argument("--against", metavar="REV", default=None,
                        help="also measure the dev lists with the gazetteer of this git revision (e.g. a commit)")
    parser.add_argument("--misses", type=Path, default=None, metavar="FILE",
                        help="write every dev-list miss to FILE (list | name | admin1 | distance | reason)")
    parser.add_argument("--json", action="store_true", help="print only the dev lists' figures as JSON")
    parser.add_argument("--learn", type=Path, default=None, metavar="CSV",
                        help="also measure the dev lists with a user layer learned from this dataset place list "
                             "(e.g. places_acled.csv), beside the figures without it")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate the gold file and the spelling lists, print the report; 2 when an input cannot be read."""
    args = build_parser().parse_args(argv)
    gold = args.gold if args.gold is not None else (DEFAULT_GOLD if DEFAULT_GOLD.is_file() else None)
    lists = list(args.lists) if args.lists is not None else list(DEFAULT_LISTS)
    dev = args.dev if args.dev is not None else (DEFAULT_DEV if DEFAULT_DEV.is_dir() else None)
    gaz = Gazetteer.load()
    if args.json:
        print(json.dumps(dev_summaries(gaz, dev) if dev is not None else {}))
        return 0
    try:
        if dev is not None:
            previous = against(args.against, dev) if args.against else None
            current = dev_summaries(gaz, dev)
            print("\n".join(dev_table(current, previous, args.against or "")))
            if args.learn is not None:
                taught = dev_summaries(learned_from(gaz, args.learn), dev)
                print(f"-- with a user layer learned from {args.learn.name} (previous column: without it)")
                print("\n".join(dev_table(taught, current, "no layer")))
            if args.misses is not None:
                write_misses(gaz, dev, args.misses)
        if gold is not None:
            outcomes = evaluate(gaz, read_gold(gold))
            print("\n".join(report(f"seed gold {gold.name}", outcomes)))
            print(gold_verdict(outcomes))
        else:
            print("seed gold: not found (pass --gold PATH)")
        for path in lists:
            print("\n".join(report(f"spelling list {path.name}", evaluate(gaz, read_list(path)))))
    except ListFormatError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
