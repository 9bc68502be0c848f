"""Ingestion accuracy on the development articles: the accounts a user gets, matched against hand-written gold.

    python benchmarks/eval_articles.py [--gold GLOB_OR_FILES ...] [--articles DIR] [--against REV] [--show-misses]
                                       [--manifest-date fallback|override|ignore] [--json]

The gold (default ``benchmarks/data/dev_gold/*.jsonl``) holds one JSON object per line: one claim (article,
incident, published, place_text, place_from, governorate, date_min, date_max, killed_min, killed_max, injured_min,
injured_max, casualties_min, victims, claimed_by, quote, note), or ``{"article": F, "none": true}`` for an article
that makes no claim. Exactly the gold's articles are ingested, through ``incidents.ingest.ingest`` with the shipped
gazetteer, into a temporary SQLite store, and the stored accounts are read back.

Manifest: the articles folder's ``manifest.jsonl`` gives outlet and title. Its ``published`` is used as given; when
it is null, the ``date_as_given`` column (month/day/year) becomes ``published`` according to ``--manifest-date``:
``fallback`` (default) only for articles whose text states no publication date (the text wins, as the dev README
says), ``override`` always (the manifest reader then prefers it to the text), ``ignore`` never. Two files with the
same text are one document in the store; its accounts count for both files.

Matching, per article, greedy and best first (a pair matching on figures and place before one on figures alone):
- **figures** match when the account's killed_min, killed_max and casualties_min equal the gold's (a null in the gold
  must be null in the account), and so do injured_min and injured_max when the gold gives an injured figure or
  gives no killed figure; when the gold gives killed but no injured figure, the account's injured figures are not
  looked at. A gold line is only ever paired with an account whose figures match.
- **place** matches when a place mention of the account, stripped of feature words
  (``gazetteer.qualifiers.parse_query(text).name``) and folded (``gazetteer.fold``), equals the gold ``place_text``
  treated the same way; or when the account's point or one of its resolved mentions lies within 10 km of the point
  ``Gazetteer.resolve(place_text, admin1=governorate)`` gives, when that resolves. A gold line without place_text
  matches any place.

Printed (targets beside): **recall** (gold lines paired with an account matching figures and place), recall of
figures alone, **extras per gold line** (accounts of the gold's articles paired with no gold line / gold lines),
**dates** (of the lines paired on figures: the account's window equals the gold's at both ends, an unknown start
equalling an unknown start), **attribution** (of the same lines: the claimants agree, see ``claimants_agree``),
and **articles/s** of the extraction (the time spent in ``extract_accounts`` during the ingest).

``--against REV`` also evaluates a git revision: ``git archive REV`` is unpacked into a temporary folder, this
script is copied into it and run there in a subprocess (that folder first on ``PYTHONPATH`` and as the working
directory, the current gold passed as absolute paths, ``--json``), and a table ``metric | REV | current | target``
is printed with the path of each side's ``incidents`` package. ``--show-misses`` lists, grouped by kind, every gold
line not found (with the nearest account of its article), every extra account, and the date and claimant
disagreements of the found lines.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import functools
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_GOLD = "benchmarks/data/dev_gold/*.jsonl"
DEFAULT_ARTICLES = REPO.parent / "shared" / "eval" / "dev" / "articles"
PLACE_KM = 10.0
FIGURES = ("killed_min", "killed_max", "injured_min", "injured_max", "casualties_min")
DATES = ("date_min", "date_max")
MANIFEST_DATES = ("fallback", "override", "ignore")
COARSE = ("governorate", "country")
#: Words of a toll over a period rather than one event (only to group extra accounts for --show-misses).
TALLY = re.compile(r"\bsince\b|\bso far\b|\bin (?:the )?(?:past|last) (?:\w+ )?(?:weeks|months|years)\b", re.I)
#: metric -> (target text, test of a value); metrics without a target are left out.
TARGETS: dict[str, tuple[str, Callable[[float], bool]]] = {
    "recall": ("≥ 0.85", lambda v: v >= 0.85),
    "extras_per_line": ("≤ 0.15", lambda v: v <= 0.15),
    "dates": ("≥ 0.85", lambda v: v >= 0.85),
    "attribution": ("≥ 0.85", lambda v: v >= 0.85),
}
#: Claimant spellings -> one name, on top of the normalization (lower case, no "the", no punctuation).
CLAIMANT_ALIASES = {
    "Syrian Observatory for Human Rights": "SOHR", "Syrian Observatory": "SOHR", "the Observatory": "SOHR",
    "the Britain-based monitor": "SOHR", "the UK-based monitor": "SOHR", "the British-based Observatory": "SOHR",
    "Syrian Arab News Agency": "SANA", "Syria's official news agency SANA": "SANA", "state news agency SANA": "SANA",
    "Syrian state TV": "Syrian state television", "state TV": "Syrian state television",
    "state television": "Syrian state television", "Syrian television": "Syrian state television",
    "the White Helmets": "Syrian Civil Defence", "the Civil Defence": "Syrian Civil Defence",
    "Civil Defense": "Syrian Civil Defence", "Syrian Civil Defense": "Syrian Civil Defence",
    "the coalition": "US-led coalition", "the international coalition": "US-led coalition",
    "CJTF-OIR": "US-led coalition", "Syrian Foreign Ministry": "Syrian Ministry of Foreign Affairs",
    "Russian Defence Ministry": "Russian Ministry of Defence",
    "Russian Defense Ministry": "Russian Ministry of Defence",
    "Russian Ministry of Defense": "Russian Ministry of Defence",
    "article": "unattributed", "article (unattributed)": "unattributed",
}


class GoldError(ValueError):
    """A gold line that cannot be read; the message names the file and the line."""


# ---------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldLine:
    """One claim of the gold: who says how many, where, when, in which sentence of which article."""

    where: str  # "file:line" of the gold
    article: str
    quote: str = ""
    incident: str = ""
    place_text: str | None = None
    governorate: str | None = None
    date_min: dt.date | None = None
    date_max: dt.date | None = None
    killed_min: int | None = None
    killed_max: int | None = None
    injured_min: int | None = None
    injured_max: int | None = None
    casualties_min: int | None = None
    claimed_by: str | None = None
    victims: str | None = None


@dataclass(frozen=True)
class Gold:
    """The gold's claims and every article it covers (those with no claim too)."""

    lines: tuple[GoldLine, ...]
    articles: tuple[str, ...]
    files: tuple[Path, ...]


def gold_paths(specs: Sequence[str]) -> list[Path]:
    """Gold files from globs or paths (relative ones tried from the working directory, then the repository)."""
    paths: list[Path] = []
    for spec in specs:
        for base in (Path.cwd(), REPO):
            pattern = spec if Path(spec).is_absolute() else str(base / spec)
            found = sorted(Path(p) for p in glob.glob(pattern)) if glob.has_magic(spec) else \
                [Path(pattern)] if Path(pattern).is_file() else []
            if found:
                paths += [p.resolve() for p in found if p.resolve() not in paths]
                break
    return paths


def _int(rec: dict, key: str) -> int | None:
    v = rec.get(key)
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValueError(f"{key} must be a count (a whole number ≥ 0) or null, got {v!r}")
    return v


def _date(rec: dict, key: str) -> dt.date | None:
    v = rec.get(key)
    if v is None:
        return None
    try:
        return dt.date.fromisoformat(v)
    except (TypeError, ValueError):
        raise ValueError(f"{key} must be an ISO date (YYYY-MM-DD) or null, got {v!r}") from None


def _text(rec: dict, key: str) -> str | None:
    v = rec.get(key)
    if v is not None and not isinstance(v, str):
        raise ValueError(f"{key} must be text or null, got {v!r}")
    return v.strip() if v and v.strip() else None


def gold_line(rec: object, where: str) -> GoldLine | None:
    """A gold record as a GoldLine (None for an article without claims); raises ValueError saying what is wrong."""
    if not isinstance(rec, dict):
        raise ValueError(f"a line must be a JSON object, got {type(rec).__name__}")
    if not isinstance(rec.get("article"), str) or not rec["article"].strip():
        raise ValueError("'article' (the article's file name) is missing")
    if rec.get("none") is True:
        return None
    figures = {k: _int(rec, k) for k in FIGURES}
    for lo, hi in (("killed_min", "killed_max"), ("injured_min", "injured_max")):
        if figures[lo] is not None and figures[hi] is not None and figures[lo] > figures[hi]:
            raise ValueError(f"{lo} {figures[lo]} exceeds {hi} {figures[hi]}")
    dates = {k: _date(rec, k) for k in DATES}
    if dates["date_min"] and dates["date_max"] and dates["date_min"] > dates["date_max"]:
        raise ValueError(f"date_min {dates['date_min']} is after date_max {dates['date_max']}")
    quote = _text(rec, "quote")
    if quote is None:
        raise ValueError("'quote' (the claim's sentence) is missing")
    return GoldLine(where=where, article=rec["article"].strip(), quote=quote, incident=_text(rec, "incident") or "",
                    place_text=_text(rec, "place_text"), governorate=_text(rec, "governorate"),
                    claimed_by=_text(rec, "claimed_by"), victims=_text(rec, "victims"), **figures, **dates)


def read_gold(paths: Sequence[Path]) -> Gold:
    """Every gold file's claims; a bad line raises GoldError naming the file and the line."""
    if not paths:
        raise GoldError("no gold file found")
    lines: list[GoldLine] = []
    articles: dict[str, None] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise GoldError(f"{path}: cannot read the gold: {e}") from e
        for n, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                rec = json.loads(raw)
                line = gold_line(rec, f"{path.name}:{n}")
            except ValueError as e:  # json.JSONDecodeError is a ValueError
                raise GoldError(f"{path}: line {n}: {e}") from e
            articles[rec["article"].strip()] = None
            if line is not None:
                lines.append(line)
    return Gold(tuple(lines), tuple(articles), tuple(paths))


# ---------------------------------------------------------------- ingestion


@dataclass(frozen=True)
class Mention:
    """A place mention of an account: the text as written and the resolved point, if any."""

    text: str
    point: tuple[float, float] | None
    precision: str | None = None  # exact / near / district / governorate / country


@dataclass(frozen=True)
class Found:
    """What the evaluation reads of one stored account."""

    file: str
    start: int
    quote: str
    claimed_by: str
    outlet: str | None
    mentions: tuple[Mention, ...]
    point: tuple[float, float] | None
    date_min: dt.date | None
    date_max: dt.date | None
    figures: dict = field(hash=False)

    def figure(self, key: str) -> int | None:
        return self.figures.get(key)


def found_of(account: object, file: str) -> Found:
    """The fields the evaluation reads, from an Account of any revision."""
    mentions = tuple(Mention(p.text, (p.lat, p.lon) if p.lat is not None else None, p.precision)
                     for p in account.places)
    return Found(file=file, start=account.start, quote=account.quote, claimed_by=account.claimed_by,
                 outlet=account.outlet, mentions=mentions, point=account.point, date_min=account.date_min,
                 date_max=account.date_max, figures={k: getattr(account, k, None) for k in FIGURES})


def given_date(value: object) -> dt.date | None:
    """A month/day/year date as the dev manifest gives it ("4/16/17", "4/16/2017"), or None."""
    m = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*", value) if isinstance(value, str) else None
    if not m:
        return None
    month, day, year = (int(g) for g in m.groups())
    try:
        return dt.date(year + 2000 if year < 100 else year, month, day)
    except ValueError:
        return None


def manifest_lines(articles: Path, files: Sequence[str], text_dated: dict[str, bool], mode: str) -> list[dict]:
    """Manifest lines for the files, in the form the manifest reader takes (see the module docstring)."""
    given: dict[str, dict] = {}
    source = articles / "manifest.jsonl"
    if source.is_file():
        for raw in source.read_text(encoding="utf-8-sig").splitlines():
            rec = json.loads(raw) if raw.strip() else None
            if isinstance(rec, dict) and isinstance(rec.get("file"), str):
                given[rec["file"]] = rec
    out = []
    for name in files:
        rec = given.get(name, {})
        published = rec.get("published")
        as_given = given_date(rec.get("date_as_given"))
        if not published and as_given and (mode == "override" or (mode == "fallback" and not text_dated[name])):
            published = as_given.isoformat()
        out.append({"file": name, "outlet": rec.get("outlet"), "title": rec.get("title"),
                    "author": rec.get("author"), "url": rec.get("url"), "published": published})
    return out


@dataclass(frozen=True)
class Ingested:
    """The accounts of the gold's articles as the ingest stored them, and how long extraction took."""

    accounts: tuple[Found, ...]
    documents: int
    extract_seconds: float
    code: str  # where the incidents package was imported from


def ingest_articles(articles: Path, files: Sequence[str], mode: str = "fallback") -> Ingested:
    """Ingest the files into a temporary store with the shipped gazetteer; the stored accounts, per file."""
    import incidents
    import incidents.ingest as ingest_module
    from gazetteer import Gazetteer
    from incidents.reading import read_documents
    from incidents.store import Store

    paths = [articles / f for f in files]
    missing = [f for f, p in zip(files, paths) if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"{len(missing)} gold article(s) not in {articles}: {', '.join(missing[:5])}")
    docs = {f: read_documents(p) for f, p in zip(files, paths)}  # the text's own header: dates, ids
    text_dated = {f: any(d.published for d in ds) for f, ds in docs.items()}
    extract, spent = ingest_module.extract_accounts, [0.0, 0]

    def timed(gaz, doc):
        t0 = time.perf_counter()
        try:
            return extract(gaz, doc)
        finally:
            spent[0] += time.perf_counter() - t0
            spent[1] += 1

    gaz = Gazetteer.load()
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "manifest.jsonl"
        manifest.write_text("".join(json.dumps(r) + "\n" for r in manifest_lines(articles, files, text_dated, mode)),
                            encoding="utf-8")
        ingest_module.extract_accounts = timed
        try:
            with Store(Path(tmp) / "eval.sqlite") as store:
                ingest_module.ingest(paths, store, gaz, manifest=manifest)
                stored = store.accounts()
        finally:
            ingest_module.extract_accounts = extract
    by_doc: dict[str, list] = defaultdict(list)
    for a in stored:
        by_doc[a.document_id].append(a)
    found = [found_of(a, f) for f, ds in docs.items() for d in ds for a in by_doc.get(d.id, [])]
    found.sort(key=lambda a: (a.file, a.start))
    return Ingested(tuple(found), spent[1], spent[0], str(Path(incidents.__file__).parent))


# ---------------------------------------------------------------- matching


def figures_match(a: Found, g: GoldLine) -> bool:
    """The account's figures are the gold's (see the module docstring for the injured rule)."""
    keys = ["killed_min", "killed_max", "casualties_min"]
    gives_killed = g.killed_min is not None or g.killed_max is not None
    gives_injured = g.injured_min is not None or g.injured_max is not None
    if gives_injured or not gives_killed:
        keys += ["injured_min", "injured_max"]
    return all(a.figure(k) == getattr(g, k) for k in keys)


def place_key(text: str) -> str:
    """A place text compared: feature words stripped, folded."""
    from gazetteer import fold
    from gazetteer.qualifiers import parse_query

    return fold(parse_query(text).name)


class GoldPlaces:
    """Gold place texts resolved with their governorate (once each)."""

    def __init__(self, gazetteer: object) -> None:
        self.gazetteer = gazetteer
        self._points: dict[tuple[str, str | None], tuple[float, float] | None] = {}

    def point(self, g: GoldLine) -> tuple[float, float] | None:
        key = (g.place_text or "", g.governorate)
        if key not in self._points:
            place = self.gazetteer.resolve(key[0], admin1=g.governorate).place if key[0] else None
            self._points[key] = (place.lat, place.lon) if place else None
        return self._points[key]


def place_match(a: Found, g: GoldLine, gold_point: tuple[float, float] | None) -> bool:
    """A mention reads as the gold place, or the account's point or a resolved mention lies within PLACE_KM."""
    from gazetteer import distance_km

    if not g.place_text:
        return True
    key = place_key(g.place_text)
    if key and any(place_key(m.text) == key for m in a.mentions):
        return True
    points = [p for p in (a.point, *(m.point for m in a.mentions)) if p]
    return gold_point is not None and any(distance_km(p, gold_point) <= PLACE_KM for p in points)


def claimant_normalizer() -> Callable[[str], str] | None:
    """The claimant registry's normalization, when the code under test ships one (``incidents.claimants``)."""
    try:
        import incidents.claimants as claimants
    except ImportError:
        return None
    for owner in (claimants, getattr(claimants, "REGISTRY", None), getattr(claimants, "registry", None)):
        for name in ("normalize", "normalise", "canonical", "normalize_claimant", "canonical_name"):
            fn = getattr(owner, name, None) if owner is not None else None
            if callable(fn):
                return fn
    return None


def _plain(name: str) -> str:
    """Lower case, no punctuation, no leading article, plural words singular ("The local sources" -> "local
    source")."""
    name = re.sub(r"[^\w\s]", " ", name.replace("'s ", "s ").replace("’s ", "s ").casefold())
    words = [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in name.split()]
    return re.sub(r"^(?:the|an?) ", "", " ".join(words))


def claimant_key(name: str | None, registry: Callable[[str], str] | None = None) -> str:
    """The claimant a name stands for: the registry's name (if any), lower case, no "the" or punctuation, aliases
    merged; a relay ("local sources via SANA") is left out."""
    if not name:
        return "unattributed"
    main = re.split(r"\s+via\s+|\(via\s+", name, maxsplit=1)[0]
    if registry is not None:
        try:
            main = registry(main) or main
        except (ValueError, LookupError, TypeError):
            pass
    key = _plain(main)
    return _aliases().get(key, key)


@functools.cache
def _aliases() -> dict[str, str]:
    return {_plain(k): _plain(v) for k, v in CLAIMANT_ALIASES.items()}


def claimants_agree(a: Found, g: GoldLine, registry: Callable[[str], str] | None = None) -> bool:
    """The account credits whom the gold credits: the same name once normalized (the relay not compared), or one
    name the last words of the other ("Syrian activists" and "activists"); an account crediting no one (its outlet
    or "unattributed") agrees with a gold line crediting the outlet or no one."""
    ours, theirs = claimant_key(a.claimed_by, registry), claimant_key(g.claimed_by, registry)
    short, long = sorted((ours.split(), theirs.split()), key=len)
    if ours == theirs or (short and short == long[len(long) - len(short):]):
        return True
    outlet = claimant_key(a.outlet, registry) if a.outlet else None
    unclaimed = {"unattributed", outlet}
    return ours in unclaimed and theirs in unclaimed


def dates_agree(a: Found, g: GoldLine) -> bool:
    """The account's date window is the gold's at both ends (an unknown start equals an unknown start)."""
    return (a.date_min, a.date_max) == (g.date_min, g.date_max)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def same_sentence(a: Found, g: GoldLine) -> float:
    """How much the account's sentence is the gold's quote: 1.0 when one holds the other, else a similarity."""
    x, y = _norm(a.quote), _norm(g.quote)
    if not x or not y:
        return 0.0
    if x in y or y in x:
        return 1.0
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


@dataclass(frozen=True)
class Pair:
    """A gold line and the account paired with it (None when none matches its figures)."""

    gold: GoldLine
    account: Found | None
    place: bool = False
    date: bool = False
    claimant: bool = False

    @property
    def found(self) -> bool:
        return self.account is not None and self.place


def match_article(golds: Sequence[GoldLine], accounts: Sequence[Found], places: GoldPlaces,
                  registry: Callable[[str], str] | None = None) -> tuple[list[Pair], list[Found]]:
    """Pair gold lines with accounts of one article, best first; the pairs and the accounts left over."""
    ranked = []
    for i, g in enumerate(golds):
        for j, a in enumerate(accounts):
            if figures_match(a, g):
                place = place_match(a, g, places.point(g))
                date, claim = dates_agree(a, g), claimants_agree(a, g, registry)
                ranked.append(((place, date, claim, same_sentence(a, g)), i, j))
    ranked.sort(key=lambda r: (r[0], -r[1], -r[2]), reverse=True)
    paired: dict[int, Pair] = {}
    used: set[int] = set()
    for (place, date, claim, _), i, j in ranked:
        if i not in paired and j not in used:
            paired[i] = Pair(golds[i], accounts[j], place, date, claim)
            used.add(j)
    pairs = [paired.get(i, Pair(g, None)) for i, g in enumerate(golds)]
    return pairs, [a for j, a in enumerate(accounts) if j not in used]


@dataclass(frozen=True)
class Evaluation:
    """Every pair and every extra account of one run."""

    pairs: tuple[Pair, ...]
    extras: tuple[Found, ...]
    accounts: dict  # article -> its accounts
    articles: int
    extract_seconds: float
    documents: int
    code: str


def evaluate(gold: Gold, ingested: Ingested, gazetteer: object) -> Evaluation:
    """Pair the gold with the accounts, article by article."""
    registry = claimant_normalizer()
    by_article: dict[str, list[Found]] = defaultdict(list)
    for a in ingested.accounts:
        by_article[a.file].append(a)
    golds: dict[str, list[GoldLine]] = defaultdict(list)
    for g in gold.lines:
        golds[g.article].append(g)
    places = GoldPlaces(gazetteer)
    pairs: list[Pair] = []
    extras: list[Found] = []
    for article in gold.articles:
        p, e = match_article(golds.get(article, []), by_article.get(article, []), places, registry)
        pairs += p
        extras += e
    return Evaluation(tuple(pairs), tuple(extras), dict(by_article), len(gold.articles), ingested.extract_seconds,
                      ingested.documents, ingested.code)


def metrics(ev: Evaluation) -> dict:
    """The figures of a run, machine-readable."""
    n = len(ev.pairs)
    paired = [p for p in ev.pairs if p.account is not None]
    found = sum(p.found for p in ev.pairs)
    return {
        "gold_lines": n, "articles": ev.articles, "accounts": sum(len(v) for v in ev.accounts.values()),
        "found": found, "recall": found / n if n else 0.0,
        "figures_found": len(paired), "figures_recall": len(paired) / n if n else 0.0,
        "extras": len(ev.extras), "extras_per_line": len(ev.extras) / n if n else 0.0,
        "dates_agree": sum(p.date for p in paired),
        "dates": sum(p.date for p in paired) / len(paired) if paired else 0.0,
        "claimants_agree": sum(p.claimant for p in paired),
        "attribution": sum(p.claimant for p in paired) / len(paired) if paired else 0.0,
        "documents": ev.documents, "extract_seconds": ev.extract_seconds,
        "articles_per_s": ev.documents / ev.extract_seconds if ev.extract_seconds else 0.0,
        "code": ev.code,
    }


# ---------------------------------------------------------------- report

ROWS = [  # metric key, label, formatter of a metrics dict
    ("gold_lines", "gold lines", lambda m: f"{m['gold_lines']:,}"),
    ("articles", "articles (gold)", lambda m: f"{m['articles']:,}"),
    ("accounts", "accounts of those articles", lambda m: f"{m['accounts']:,}"),
    ("recall", "recall (figures + place)", lambda m: f"{m['recall']:.3f} ({m['found']}/{m['gold_lines']})"),
    ("figures_recall", "recall of figures alone",
     lambda m: f"{m['figures_recall']:.3f} ({m['figures_found']}/{m['gold_lines']})"),
    ("extras_per_line", "extras per gold line",
     lambda m: f"{m['extras_per_line']:.3f} ({m['extras']}/{m['gold_lines']})"),
    ("dates", "dates (of lines paired on figures)",
     lambda m: f"{m['dates']:.3f} ({m['dates_agree']}/{m['figures_found']})"),
    ("attribution", "attribution (of lines paired on figures)",
     lambda m: f"{m['attribution']:.3f} ({m['claimants_agree']}/{m['figures_found']})"),
    ("articles_per_s", "articles/s (extraction)",
     lambda m: f"{m['articles_per_s']:,.0f} ({m['documents']} in {m['extract_seconds']:.2f} s)"),
]


def _grid(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(r[k]) for r in (header, *rows)) for k in range(len(header))]
    line = lambda r: " | ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip()  # noqa: E731
    return "\n".join([line(header), "-+-".join("-" * w for w in widths), *(line(r) for r in rows)])


def table(current: dict, previous: dict | None = None, rev: str = "") -> str:
    """The metrics as `metric | value | target | met?`, or `metric | REV | current | target` beside a revision."""
    rows = []
    for key, label, fmt in ROWS:
        target, test = TARGETS.get(key, ("-", None))
        if previous is None:
            rows.append([label, fmt(current), target, ("yes" if test(current[key]) else "NO") if test else "-"])
        else:
            rows.append([label, fmt(previous), fmt(current), target])
    header = ["metric", "value", "target", "met?"] if previous is None else ["metric", rev, "current", "target"]
    return _grid(header, rows)


# ---------------------------------------------------------------- misses


def _figs(x: Found | GoldLine) -> str:
    get = x.figure if isinstance(x, Found) else (lambda k: getattr(x, k))
    parts = []
    for kind in ("killed", "injured"):
        lo, hi = get(f"{kind}_min"), get(f"{kind}_max")
        if lo is not None or hi is not None:
            parts.append(f"{kind} {lo if lo is not None else '?'}-{hi if hi is not None else '?'}")
    if get("casualties_min") is not None:
        parts.append(f"casualties {get('casualties_min')}+")
    return ", ".join(parts) or "no figure"


def _place(a: Found) -> str:
    return "; ".join(f"{m.text}{'' if m.point else ' (unresolved)'}" for m in a.mentions) or "no place"


def _head(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def nearest(g: GoldLine, accounts: Sequence[Found]) -> Found | None:
    """The article's account most like the gold line: the same sentence first, then the closest killed figure."""
    def closeness(a: Found) -> tuple:
        killed = a.figure("killed_min") if a.figure("killed_min") is not None else a.figure("casualties_min")
        want = g.killed_min if g.killed_min is not None else g.casualties_min
        gap = abs(killed - want) if killed is not None and want is not None else 10**9
        return (round(same_sentence(a, g), 1), -gap)
    return max(accounts, key=closeness, default=None)


def miss_kind(p: Pair, accounts: Sequence[Found], gold_point: tuple[float, float] | None) -> str:
    """Why a gold line was not found, as a kind a developer can fix."""
    if p.account is not None:
        resolved = [m for m in p.account.mentions if m.point]
        if not p.account.mentions:
            return "figures right, no place"
        if not resolved:
            return "figures right, place unresolved"
        if all(m.precision in COARSE for m in resolved):
            return "figures right, only a governorate or the country"
        if gold_point is None:
            return "figures right, another name (the gold place does not resolve)"
        return f"figures right, a place over {PLACE_KM:g} km away"
    near = nearest(p.gold, accounts)
    if near is None:
        return "article gave no account"
    if same_sentence(near, p.gold) < 0.6:
        return "no account from the gold sentence"
    differ = [k.split("_")[0] for k in FIGURES if near.figure(k) != getattr(p.gold, k)]
    return "gold sentence read, figures differ: " + "/".join(dict.fromkeys(differ))


def extra_kind(a: Found, gold: Sequence[GoldLine]) -> str:
    """What kind of account matched no gold line."""
    if not gold:
        return "article without a claim in the gold"
    if any(same_sentence(a, g) >= 0.6 for g in gold):
        return "from a gold sentence (a claim read twice, or figures read wrong)"
    if any(figures_match(a, g) for g in gold):
        return "repeats the figures of a gold claim (headline, lead or restatement)"
    if TALLY.search(a.quote) or any((a.figure(k) or 0) >= 1000 for k in FIGURES):
        return "a tally over time ('since', or a figure of 1,000 or more)"
    return "from a sentence the gold does not annotate"


def _grouped(title: str, items: Iterable[tuple[str, str]]) -> list[str]:
    groups: dict[str, list[str]] = defaultdict(list)
    for kind, text in items:
        groups[kind].append(text)
    out = [f"== {title}: {sum(len(v) for v in groups.values())}"]
    for kind, texts in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        out.append(f"-- {kind}: {len(texts)}")
        out += [f"   {t}" for t in texts]
    return out


def show_misses(ev: Evaluation, gazetteer: object) -> str:
    """Every gold line not found, every extra, and the date and claimant disagreements, grouped by kind."""
    places = GoldPlaces(gazetteer)
    golds: dict[str, list[GoldLine]] = defaultdict(list)
    for p in ev.pairs:
        golds[p.gold.article].append(p.gold)
    misses = []
    for p in ev.pairs:
        if p.found:
            continue
        accounts = ev.accounts.get(p.gold.article, [])
        near = p.account or nearest(p.gold, accounts)
        ours = f"{_figs(near)} at {_place(near)}" if near else "no account"
        misses.append((miss_kind(p, accounts, places.point(p.gold)),
                       f"{p.gold.article} {_head(p.gold.quote, 70)!r}\n"
                       f"     gold: {_figs(p.gold)} at {p.gold.place_text} ({p.gold.governorate}) | ours: {ours}"))
    extras = [(extra_kind(a, golds.get(a.file, [])),
               f"{a.file} {_head(a.quote, 70)!r}\n     {_figs(a)} at {_place(a)}, by {a.claimed_by}")
              for a in ev.extras]
    paired = [p for p in ev.pairs if p.account is not None]
    dates = [("date differs", f"{p.gold.article} {_head(p.gold.quote, 60)!r}\n     gold {p.gold.date_min}.."
              f"{p.gold.date_max} | ours {p.account.date_min}..{p.account.date_max}") for p in paired if not p.date]
    claims = [("claimant differs", f"{p.gold.article} gold {p.gold.claimed_by!r} | ours {p.account.claimed_by!r}"
               f" — {_head(p.gold.quote, 60)!r}") for p in paired if not p.claimant]
    return "\n".join([*_grouped("gold lines not found", misses), *_grouped("extra accounts", extras),
                      *_grouped("paired lines, date off", dates), *_grouped("paired lines, claimant off", claims)])


# ---------------------------------------------------------------- runs


def run(gold: Gold, articles: Path, mode: str) -> tuple[Evaluation, object]:
    """Ingest the gold's articles with the code on the import path and evaluate; the evaluation and gazetteer."""
    from gazetteer import Gazetteer

    ingested = ingest_articles(articles, gold.articles, mode)
    gaz = Gazetteer.load()
    return evaluate(gold, ingested, gaz), gaz


def against(rev: str, gold: Gold, articles: Path, mode: str) -> dict:
    """The metrics of a git revision: its tree archived into a temporary folder, this script run there."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "tree"
        root.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", "--format=tar", rev],
                                 capture_output=True, check=False)
        if archive.returncode:
            raise RuntimeError(f"git archive {rev}: {archive.stderr.decode(errors='replace').strip()}")
        tar = Path(tmp) / "tree.tar"
        tar.write_bytes(archive.stdout)
        with tarfile.open(tar) as t:
            t.extractall(root, filter="data")
        (root / "benchmarks").mkdir(exist_ok=True)
        shutil.copy2(Path(__file__), root / "benchmarks" / "eval_articles.py")
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(root), os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep), "ATLAS_CACHE_DIR": str(Path(tmp) / "cache")}
        cmd = [sys.executable, str(root / "benchmarks" / "eval_articles.py"), "--json", "--articles",
               str(articles.resolve()), "--manifest-date", mode, "--gold", *(str(p) for p in gold.files)]
        done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True, check=False)
        if done.returncode:
            raise RuntimeError(f"evaluating {rev} failed:\n{done.stderr.strip()}")
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["code"] = result["code"].replace(str(root), f"<{rev}>")
        return result


def build_parser() -> argparse.ArgumentParser:
    """The command line (every option is documented in benchmarks/README.md)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", nargs="+", default=[DEFAULT_GOLD], metavar="GLOB_OR_FILE",
                    help=f"gold files or globs (default {DEFAULT_GOLD})")
    ap.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES, help="the articles folder, with manifest.jsonl")
    ap.add_argument("--against", metavar="REV", help="also evaluate this git revision and print both")
    ap.add_argument("--show-misses", action="store_true", help="list every miss, extra and disagreement by kind")
    ap.add_argument("--manifest-date", choices=MANIFEST_DATES, default="fallback",
                    help="when the manifest's date_as_given becomes the publication date (default: fallback)")
    ap.add_argument("--json", action="store_true", help="print the metrics as one JSON line")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        gold = read_gold(gold_paths(args.gold))
        ev, gaz = run(gold, args.articles, args.manifest_date)
        current = metrics(ev)
        if args.json:
            print(json.dumps(current))
            return 0
        previous = against(args.against, gold, args.articles, args.manifest_date) if args.against else None
    except (GoldError, FileNotFoundError, RuntimeError) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    files = ", ".join(p.name for p in gold.files)
    print(f"Ingestion on the dev gold ({files}): {current['gold_lines']} gold lines in {current['articles']} "
          f"articles; manifest dates: {args.manifest_date}")
    print(table(current, previous, args.against or ""))
    if previous is not None:
        print(f"code: {args.against}: {previous['code']}; current: {current['code']}")
    if args.show_misses:
        print()
        print(show_misses(ev, gaz))
    return 0


if __name__ == "__main__":
    sys.exit(main())
