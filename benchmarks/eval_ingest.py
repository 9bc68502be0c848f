"""Compare an export with a gold file (the seed_gold.jsonl format) and print how much of the gold was found.

    python benchmarks/eval_ingest.py [--export F.geojson] [--gold G.jsonl] [--corpus DIR]

Without --export, the corpus (default: the bundled sample) is ingested into a temporary store first.
Prints: accounts found (same figures and a place within the gold tolerance), date agreement on the dated gold
accounts, attribution agreement, the two differing-accounts cases (S15, S16), al-Shweit unresolved, and every
exported account that matches no gold account.
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from gazetteer import distance_km  # noqa: E402

DEFAULT_GOLD = REPO.parent / "shared" / "eval" / "seed_gold.jsonl"
DEFAULT_CORPUS = REPO / "incidents" / "sample"


def export_corpus(corpus: Path) -> dict:
    """Ingest a corpus into a temporary store and return the GeoJSON export."""
    from gazetteer import Gazetteer
    from incidents.export import geojson
    from incidents.ingest import ingest
    from incidents.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "eval.sqlite") as store:
        ingest([corpus], store, Gazetteer.load())
        return geojson(store.incidents())


def _d(s: str | None) -> dt.date | None:
    return dt.date.fromisoformat(s) if s else None


def figures_match(acc: dict, gold: dict) -> bool:
    """Same killed and lumped-casualties figures."""
    return all(acc.get(k) == gold.get(k) for k in ("killed_min", "killed_max", "casualties_min"))


def place_ok(acc: dict, gold_places: list[dict], incident_point) -> bool:
    """Some resolved place of the account (or its incident's point) lies within a gold place's tolerance."""
    located = [g for g in gold_places if g.get("lat") is not None]
    if not located:
        return True
    points = [(p["lat"], p["lon"]) for p in acc["places"] if p.get("lat") is not None]
    if incident_point:
        points.append(incident_point)
    return any(distance_km(pt, (g["lat"], g["lon"])) <= g["tol_km"] for pt in points for g in located)


def month_day_ok(acc: dict, month_day: str) -> bool:
    """For a gold date with day and month but no year: the account's date text states that day and month."""
    month, day = (int(x) for x in month_day.split("-"))
    text = (acc.get("date_text") or "").casefold()
    names = (calendar.month_name[month].casefold(), calendar.month_abbr[month].casefold())
    return any(n in text for n in names) and re.search(rf"\b{day}(?:st|nd|rd|th)?\b", text) is not None


def is_dated(gold: dict) -> bool:
    """The gold reading fixes a day window, or at least a day and month."""
    return bool(gold.get("date_min") or gold.get("date_max") or gold.get("month_day"))


def date_ok(acc: dict, gold: dict) -> bool:
    """The account's window overlaps the gold window (open bounds are open); an unknown window disagrees."""
    if gold.get("month_day") and not (gold.get("date_min") or gold.get("date_max")):
        return month_day_ok(acc, gold["month_day"])
    lo, hi = _d(acc["date_min"]), _d(acc["date_max"])
    if lo is None and hi is None:
        return False
    glo, ghi = _d(gold.get("date_min")), _d(gold.get("date_max"))
    return (hi is None or glo is None or hi >= glo) and (lo is None or ghi is None or lo <= ghi)


def main_claimant(name: str) -> str:
    """"local sources (via SANA)" -> "local sources"; "Syrian Ministry of Foreign Affairs (via Press TV)" -> …"""
    name = re.sub(r"\(.*?\)", "", name.split(" via ")[0]).strip().casefold()
    return re.sub(r"^the\s+", "", name)


def attribution_ok(acc: dict, gold_claim: str) -> bool:
    """Whom the account credits agrees with the gold reading."""
    if gold_claim.startswith("article"):
        return acc["claimed_by"] in {acc.get("outlet"), "unattributed"} or main_claimant(acc["claimed_by"]) == \
            main_claimant(gold_claim.split("(", 1)[-1].rstrip(")"))
    ours, theirs = main_claimant(acc["claimed_by"]), main_claimant(gold_claim)
    return ours == theirs or ours in theirs or theirs in ours


def evaluate(export: dict, gold_lines: list[dict], out=sys.stdout) -> dict:
    """Match gold accounts to exported accounts and print the figures; return them."""
    accounts = []
    for f in export["features"]:
        pt = tuple(reversed(f["geometry"]["coordinates"])) if f["geometry"] else None
        for a in f["properties"]["accounts"]:
            accounts.append((f["properties"]["id"], pt, a))
    used: set[int] = set()
    found = dates_agree = attributed = 0
    total = sum(len(g["accounts"]) for g in gold_lines)
    incident_of: dict[tuple[str, int], str] = {}
    for g in gold_lines:
        for k, ga in enumerate(g["accounts"]):
            match = next((i for i, (inc, pt, a) in enumerate(accounts) if i not in used and a["file"] == ga["doc"]
                          and figures_match(a, ga) and place_ok(a, g["places"], pt)), None)
            dated_gold_account = is_dated(g)
            if match is None:
                print(f"  MISSED {g['id']} {ga['claimed_by']}: killed {ga['killed_min']}-{ga['killed_max']} "
                      f"casualties {ga['casualties_min']} in {ga['doc']}", file=out)
                continue
            used.add(match)
            inc, _, a = accounts[match]
            incident_of[(g["id"], k)] = inc
            found += 1
            dates_agree += dated_gold_account and date_ok(a, g)
            attributed += attribution_ok(a, ga["claimed_by"])
            if dated_gold_account and not date_ok(a, g):
                print(f"  date   {g['id']}: ours {a['date_min']}..{a['date_max']} ({a['date_text']!r}), gold "
                      f"{g.get('date_min')}..{g.get('date_max')}", file=out)
            if not attribution_ok(a, ga["claimed_by"]):
                print(f"  claim  {g['id']}: ours {a['claimed_by']!r}, gold {ga['claimed_by']!r}", file=out)
    unmatched = [a for i, (_, _, a) in enumerate(accounts) if i not in used]
    for a in unmatched:
        print(f"  EXTRA  {a['file']}#{a['article']} {a['claimed_by']}: killed {a['killed_min']}-{a['killed_max']} "
              f"casualties {a['casualties_min']} — {a['quote'][:90]!r}", file=out)
    pairs = {}
    for gid in ("S15", "S16"):
        incs = {v for (g, _), v in incident_of.items() if g == gid}
        n = sum(1 for (g, _) in incident_of if g == gid)
        pairs[gid] = len(incs) == 1 and n == 2
    shweit = [p for _, _, a in accounts for p in a["places"] if "shweit" in p["text"].casefold()]
    shweit_ok = bool(shweit) and all(p["lat"] is None for p in shweit)
    dated_gold = sum(1 for g in gold_lines for _ in g["accounts"] if is_dated(g))
    figures = {"gold_accounts": total, "found": found, "dated": dated_gold, "dates_agree": dates_agree,
               "attributed": attributed, "unmatched": len(unmatched), "S15": pairs["S15"], "S16": pairs["S16"],
               "al_shweit_unresolved": shweit_ok, "incidents": len(export["features"]), "accounts": len(accounts)}
    rows = [
        ("accounts found (figures + place)", f"{found}/{total} = {found / total:.0%}", "≥ 90%", found / total >= 0.9),
        ("dates agree (dated or day-month gold)", f"{dates_agree}/{dated_gold} = {dates_agree / max(dated_gold, 1):.0%}", "≥ 80%",
         dates_agree / max(dated_gold, 1) >= 0.8),
        ("attribution agrees (found)", f"{attributed}/{found}", "", True),
        ("S15: one incident, two accounts", str(pairs["S15"]), "True", pairs["S15"]),
        ("S16: one incident, two accounts", str(pairs["S16"]), "True", pairs["S16"]),
        ("accounts matching nothing", str(len(unmatched)), "≤ 3", len(unmatched) <= 3),
        ("al-Shweit unresolved", str(shweit_ok), "True", shweit_ok),
        ("exported: incidents / accounts", f"{len(export['features'])} / {len(accounts)}", "", True),
    ]
    print(f"\n{'metric':36} {'value':18} {'target':8} met", file=out)
    for name, value, target, met in rows:
        print(f"{name:36} {value:18} {target:8} {'yes' if met else 'NO'}", file=out)
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--export", type=Path, help="a GeoJSON export (default: ingest --corpus first)")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args(argv)
    if not args.gold.is_file():
        print(f"error: no gold file at {args.gold}", file=sys.stderr)
        return 2
    gold = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    export = json.loads(args.export.read_text(encoding="utf-8")) if args.export else export_corpus(args.corpus)
    evaluate(export, gold)
    return 0


if __name__ == "__main__":
    sys.exit(main())
