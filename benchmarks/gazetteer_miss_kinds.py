"""Gazetteer misses by kind: why each dev-list name was not resolved within 5 km of the dataset's point.

    python benchmarks/gazetteer_miss_kinds.py [--dev DIR] [--examples N] [--against REV] [--json]

Every name of the dev place lists (``gazetteer_accuracy.DEV_LISTS``) that is not resolved within 5 km is put in one
kind, judged from what the gazetteer answered and what it holds near the dataset's point:

- wrong answers: a namesake ranked above the place near the point; a part of a compound string resolved elsewhere;
  the place near the point known under no name like the query (a namesake was the only match); 5-25 km off;
- unresolved, the place near the point among the candidates: namesakes in the hinted governorate (the honest
  "ambiguous"); a lookalike of another name as close; outside the hinted governorate or of another type (the
  dataset's governorate or type and the data's disagree); a loose match scored too low;
- unresolved, the place near the point not among them: a compound or landmark string; a spelling the keys do not
  meet (a place within 5 km has a name at least ``SIMILAR`` % like it, in the same script); a name the data does not
  hold near the point; no place at all within 5 km.

A miss whose hint names no governorate is counted under its kind and also in the line "hint names no governorate".
The table has one column per list and a total; ``--examples N`` prints N misses of each kind.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gazetteer_accuracy import CODE, DEFAULT_DEV, DEV_LISTS, RADIUS_KM, WRONG_KM, Outcome, evaluate, read_dev_list  # noqa: E402

sys.path.insert(0, str(CODE))

from rapidfuzz import fuzz  # noqa: E402

from gazetteer import Gazetteer, Place, distance_km  # noqa: E402
from gazetteer.fold import fold, is_arabic  # noqa: E402
from gazetteer.qualifiers import parse_query  # noqa: E402

#: A place within RADIUS_KM whose name is at least this similar to the query (folded keys, 0-100) counts as the
#: place the query spells.
SIMILAR = 70
#: Words and signs that make a string compound: separators, relations, landmark and settlement words.
COMPOUND = re.compile(
    r"[,،/()٫:;\[\]]|\s[-–]\s|\b(?:near|in|of|and|or|between|outside|road|hospital|school|camp|mosque|market|"
    r"checkpoint|base|airbase|airport|brigade|prison|station|factory|farm|farms|bridge|dam|square|street|"
    r"neighbou?rhood|district)\b|(?:^|\s)(?:في|بين|حي|مخيم|محيط|ريف|جنوب|شمال|شرق|غرب|منطقة|محطة|مشفى|مستشفى|"
    r"مدرسة|جامع|مسجد|دوار|سوق|طريق|جسر|سد|معمل|مطار)(?:\s|$)", re.IGNORECASE)
KINDS = (
    "wrong: a namesake ranked above the place",
    "wrong: a part of a compound resolved elsewhere",
    "wrong: the place is not in the data under a like name",
    "wrong: 5-25 km off",
    "unresolved: namesakes in the hinted governorate",
    "unresolved: a lookalike of another name as close",
    "unresolved: outside the hinted governorate or another type",
    "unresolved: found by a loose match, scored too low",
    "unresolved: compound or landmark string",
    "unresolved: a spelling the keys do not meet",
    "unresolved: the name is not in the data near the point",
    "unresolved: no place within 5 km in the data",
)
NO_HINT = "hint names no governorate"
_CELL = 0.1  # degrees


class PointIndex:
    """Point places of the gazetteer on a grid, for "what lies within 5 km of this point"."""

    def __init__(self, places: Sequence[Place]) -> None:
        self._grid: dict[tuple[int, int], list[Place]] = defaultdict(list)
        for p in places:
            if p.type not in ("governorate", "country"):
                self._grid[self._cell(p.lat, p.lon)].append(p)

    @staticmethod
    def _cell(lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat / _CELL), math.floor(lon / _CELL)

    def within(self, point: tuple[float, float], km: float = RADIUS_KM) -> list[Place]:
        """Places within `km` of `point`."""
        ci, cj = self._cell(*point)
        return [p for di in (-1, 0, 1) for dj in (-1, 0, 1) for p in self._grid.get((ci + di, cj + dj), ())
                if distance_km(p.point, point) <= km]


def likeness(query: str, place: Place) -> float:
    """How like the query (its core name, folded) the most similar name of `place` in the same script is (0-100)."""
    core = parse_query(query).name
    key, arabic = fold(core), is_arabic(core)
    return max((fuzz.ratio(key, fold(n)) for n in (place.names or (place.name,)) if is_arabic(n) == arabic
                and fold(n)), default=0.0)


def kind_of(outcome: Outcome, gaz: Gazetteer, points: PointIndex) -> str:
    """The kind of one miss (see the module docstring)."""
    case, r = outcome.case, outcome.resolution
    assert case.expected is not None
    near = points.within(case.expected)
    found = [c for c in r.candidates if distance_km(c.place.point, case.expected) <= RADIUS_KM]
    compound = bool(COMPOUND.search(case.name))
    similar = max((likeness(case.name, p) for p in near), default=0.0)
    if r.resolved:
        if found:
            return KINDS[0]
        if outcome.distance is not None and outcome.distance <= WRONG_KM:
            return KINDS[3]
        return KINDS[1] if compound or r.unresolved_part else KINDS[2]
    if found:
        best = found[0]
        codes = gaz.admin1_codes(case.admin1)
        if r.reason == "ambiguous":
            rivals = [c for c in r.candidates if c not in found]
            namesake = any(fold(c.matched_name) == fold(best.matched_name) and (not codes or c.place.admin1 in codes)
                           for c in rivals)
            return KINDS[4] if namesake else KINDS[5]
        if best.match in ("skeleton", "fuzzy"):
            return KINDS[7]
        return KINDS[6]
    if compound:
        return KINDS[8]
    if not near:
        return KINDS[11]
    return KINDS[9] if similar >= SIMILAR else KINDS[10]


def count_kinds(gaz: Gazetteer, folder: Path, examples: int = 0) -> tuple[dict[str, dict[str, int]], list[str]]:
    """Misses per kind and list ({kind: {list: n}}), and up to `examples` example lines per kind."""
    points = PointIndex(gaz.places)
    counts: dict[str, Counter[str]] = {k: Counter() for k in (*KINDS, NO_HINT)}
    shown: dict[str, list[str]] = defaultdict(list)
    for label, fname, column in DEV_LISTS:
        if not (folder / fname).is_file():
            continue
        for o in evaluate(gaz, read_dev_list(folder / fname, column)):
            if o.within(RADIUS_KM):
                continue
            kind = kind_of(o, gaz, points)
            counts[kind][label] += 1
            if not gaz.admin1_codes(o.case.admin1):
                counts[NO_HINT][label] += 1
            if len(shown[kind]) < examples:
                got = f"{o.distance:.1f} km off" if o.distance is not None else o.resolution.reason
                shown[kind].append(f"  {label} | {o.case.name} | {o.case.admin1 or '-'} | {got}")
    lines = [line for k in KINDS if shown[k] for line in (f"-- {k}", *shown[k])]
    return {k: dict(v) for k, v in counts.items()}, lines


def table(counts: dict[str, dict[str, int]], previous: dict[str, dict[str, int]] | None = None,
          rev: str = "") -> list[str]:
    """kind | one column per list | total (and the total at `rev` when given)."""
    labels = [label for label, _, _ in DEV_LISTS]
    head = f"{'kind':<60} | " + " | ".join(f"{x:>10}" for x in labels) + f" | {'total':>6}"
    head += f" | {rev or 'previous':>9}" if previous is not None else ""
    lines = [head, "-" * len(head)]
    for kind in (*KINDS, NO_HINT):
        row = counts.get(kind, {})
        line = f"{kind:<60} | " + " | ".join(f"{row.get(x, 0):>10}" for x in labels) + f" | {sum(row.values()):>6}"
        if previous is not None:
            line += f" | {sum(previous.get(kind, {}).values()):>9}"
        lines.append(line)
    total = {x: sum(counts.get(k, {}).get(x, 0) for k in KINDS) for x in labels}
    line = f"{'all misses':<60} | " + " | ".join(f"{total[x]:>10}" for x in labels) + f" | {sum(total.values()):>6}"
    if previous is not None:
        line += f" | {sum(sum(previous.get(k, {}).values()) for k in KINDS):>9}"
    return [*lines, line]


def against(rev: str, folder: Path) -> dict[str, dict[str, int]]:
    """The counts of the gazetteer at git revision `rev` (this script run on that revision's packages)."""
    from revision import checkout, env_for

    with checkout(rev) as code:
        env = {**env_for(code), "ATLAS_BENCH_CODE": str(code)}
        done = subprocess.run([sys.executable, __file__, "--dev", str(folder.resolve()), "--json"], env=env,
                              capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"revision {rev}: the script failed: {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=None, metavar="DIR",
                        help="folder of the dataset place lists (default: shared/eval/dev beside the repository)")
    parser.add_argument("--examples", type=int, default=0, metavar="N", help="print N misses of each kind")
    parser.add_argument("--against", metavar="REV", default=None,
                        help="also count the misses of the gazetteer of this git revision (a total column)")
    parser.add_argument("--json", action="store_true", help="print only the counts, as JSON")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the misses of the dev lists by kind; 2 when the dev folder is missing."""
    args = build_parser().parse_args(argv)
    folder = args.dev if args.dev is not None else DEFAULT_DEV
    if not folder.is_dir():
        print(f"error: no dev place lists in {folder} (pass --dev DIR)", file=sys.stderr)
        return 2
    counts, examples = count_kinds(Gazetteer.load(), folder, args.examples)
    if args.json:
        print(json.dumps(counts))
        return 0
    previous = against(args.against, folder) if args.against else None
    print("\n".join(table(counts, previous, args.against or "")))
    if examples:
        print("\n".join(examples))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
