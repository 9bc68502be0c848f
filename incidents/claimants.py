"""Who claims: one registry of claimants (outlets, monitors, state media, ministries, militaries, UN bodies, ...).

    from incidents import claimants
    claimants.canonical("Syrian Observatory for Human Rights").name   # 'SOHR'
    claimants.canonical("the Britain-based monitor")                  # None: a description, not a name
    claimants.kind_of("local sources via SANA")                       # 'local sources'
    claimants.kind_of("Turkish Ministry of Defence")                  # 'ministry'

The vocabulary lives in ``incidents/data/claimants.json``; adding an outlet or a spelling is a data change with a
test row. The file holds:

- ``claimants``: one entry per claimant: the canonical short ``name`` ("SOHR"), ``full`` names, ``aliases`` (names
  that always mean it), ``described_as`` (descriptions that stand for it only when the article names it: "the
  Britain-based monitor"), ``kind`` (one or more of KINDS, the main one first: SANA is state media and an outlet)
  and ``country`` where it matters.
- ``countries`` (the words naming each, its adjective) and ``portfolios`` of ministries: a ministry is named from
  them ("Syria's foreign ministry" -> "Syrian Ministry of Foreign Affairs"); a ministry without a country stays
  without one ("Ministry of Defence").
- ``speakers``: the nouns and modifiers of generic speakers kept as written ("local sources", "medical sources",
  "activists", "local reports"); ``descriptions``: generic descriptions of a kind ("a monitor", "state media");
  ``anaphors``: "the X" words that stand for a claimant named before ("the ministry", "the agency");
  ``organisation_words``: head nouns of organisations the registry does not list ("... Committees"); ``titles``
  that name a person's office before the name ("Homs Governor Ahmad Saleh said").
- ``credit``: when a sentence that credits no one takes the credit of the sentence before it: ``new_event``
  openers that turn to another event ("Meanwhile", "On Monday"), ``event_nouns`` a sentence refers back to the
  event with ("the attack", "the dead"), ``continuations`` that go on with a report's figures ("Another ..."),
  ``scenes``: events, places and struck things which, introduced with "a"/"an" ("Two more were killed in a rocket
  attack", "A bus was also hit"), open an event of the sentence's own, so a continuation does not carry the credit;
  ``other_event``: phrases telling of another event anywhere in a sentence ("The attacks came one day after ...").

Alias syntax (aliases, descriptions, anaphors): words separated by spaces (any run of whitespace matches); ``[x]``
an optional part, ``(a|b)`` alternatives (both nest); ``'s`` a possessive whose apostrophe may be missing
("Syria's" matches "Syrias"); ``-`` a hyphen, a dash, spaces or nothing ("Britain-based", "Britain based");
case: an all-capital word matches as written ("SANA", not "Sana"), a capitalised first word needs its capital
("Reuters", not "reuters"; later words may be lower-case: "Syrian Army" matches "Syrian army"), a lower-case word
matches in any case ("observatory", "Observatory"). A name ending in a capital may take a glued possessive ("SANAs
correspondent").
"""

from __future__ import annotations

import functools
import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from .errors import ClaimantDataError

DATA = Path(__file__).resolve().parent / "data" / "claimants.json"
KINDS = ("outlet", "state media", "monitor", "NGO", "UN agency", "UN body", "ministry", "military", "government",
         "armed group", "local sources")
#: Words that open a description rather than name something ("a monitor"): such phrases are indexed by their last word.
OPENERS = frozenset({"a", "an", "one", "the", "some", "two", "three", "several"})
MAX_EXPANSIONS = 5000  # spellings one alias may stand for (its alternatives multiplied out)


# ---------------------------------------------------------------- value objects

@dataclass(frozen=True)
class Claimant:
    """One claimant: its canonical short name, kinds (the main one first), country, and the names it goes by."""

    name: str
    kinds: tuple[str, ...]
    country: str | None = None
    full_names: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()  # alias syntax
    descriptions: tuple[str, ...] = ()  # alias syntax: stand for it only when the article names it

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError(f"a claimant's name must not be empty, got {self.name!r}")
        if not self.kinds or any(k not in KINDS for k in self.kinds):
            raise ValueError(f"claimant {self.name!r}: kinds must be among {KINDS}, got {self.kinds!r}")

    @property
    def kind(self) -> str:
        """The main kind ("state media" for SANA, which is also an outlet)."""
        return self.kinds[0]

    def is_a(self, kind: str) -> bool:
        """True when the claimant is of that kind (SANA is both "state media" and "outlet")."""
        return kind in self.kinds


@dataclass(frozen=True)
class Country:
    """A country as claimants name it: "Syria", adjective "Syrian", words "Syria", "Syrian", "Syrian Arab Republic"."""

    name: str
    adjective: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Portfolio:
    """A ministry's portfolio ("Foreign Affairs") and the words naming it; some wordings belong to one country."""

    name: str
    words: tuple[str, ...]
    country: str | None = None


@dataclass(frozen=True)
class Speakers:
    """Generic speakers of one group kept as written: nouns, the modifiers before them, nouns that stand alone."""

    nouns: tuple[str, ...]
    modifiers: tuple[str, ...] = ()
    alone: tuple[str, ...] = ()


@dataclass(frozen=True)
class Description:
    """A phrase standing for a claimant named elsewhere in the article.

    `claimant` set: a description of that one claimant ("the Britain-based monitor" -> SOHR). Otherwise it stands
    for claimants of the kinds `stands_for` ("a monitor"); an anaphor ("the ministry") takes the nearest name before
    it, of the first kind in `stands_for` that has one (or of any, when `nearest`)."""

    phrase: str
    stands_for: tuple[str, ...]
    claimant: str | None = None
    name: str | None = None  # what an unresolved anaphor is called ("the ministry"); None: as written
    nearest: bool = False


@dataclass(frozen=True)
class AliasPattern:
    """An alias compiled: the regex, the lower-case words a match may open and close with, its longest spelling."""

    regex: str
    first_words: frozenset[str]
    last_words: frozenset[str]
    longest: int

    @property
    def opens_with_article(self) -> bool:
        """True for "a monitor", "one source": the first word says nothing, index by the last."""
        return bool(self.first_words & OPENERS)


# ---------------------------------------------------------------- alias syntax

def _parse(text: str, i: int = 0, stops: str = "") -> tuple[list, int]:
    """The alias from position i as a list of nodes: literal text, ("opt", nodes), ("alt", [nodes, ...])."""
    out: list = []
    buf = ""
    while i < len(text):
        c = text[i]
        if c in stops:
            break
        if c == "[":
            inner, i = _parse(text, i + 1, "]")
            if i >= len(text):
                raise ValueError(f"unclosed '[' in alias {text!r}")
            out, buf = out + ([buf] if buf else []) + [("opt", inner)], ""
        elif c == "(":
            options = []
            while True:
                inner, i = _parse(text, i + 1, "|)")
                options.append(inner)
                if i >= len(text):
                    raise ValueError(f"unclosed '(' in alias {text!r}")
                if text[i] == ")":
                    break
            out, buf = out + ([buf] if buf else []) + [("alt", options)], ""
        elif c in "])|":
            raise ValueError(f"unbalanced {c!r} in alias {text!r}")
        else:
            buf += c
        i += 1
    if buf:
        out.append(buf)
    return out, i


def _spaced(nodes: list) -> list:
    """The nodes with literal text split at spaces (" " items), a space beside an optional part moved into it."""
    items: list = []
    for n in nodes:
        if isinstance(n, str):
            for k, piece in enumerate(n.split(" ")):
                if k:
                    items.append(" ")
                if piece:
                    items.append(piece)
        elif n[0] == "opt":
            items.append(("opt", _spaced(n[1])))
        else:
            items.append(("alt", [_spaced(o) for o in n[1]]))
    out: list = []
    k = 0
    while k < len(items):
        it = items[k]
        if isinstance(it, tuple) and it[0] == "opt":
            word_before = not out or out[-1] == " " or (isinstance(out[-1], tuple) and out[-1][1][-1:] == [" "])
            word_after = k + 1 == len(items) or items[k + 1] == " "
            if word_before and k + 1 < len(items) and items[k + 1] == " ":  # "[the] Syrian"
                out.append(("opt", it[1] + [" "]))
                k += 2
                continue
            if out and out[-1] == " " and word_after:  # "Observatory [for Human Rights]"
                out[-1] = ("opt", [" "] + it[1])
                k += 1
                continue
        out.append(it)
        k += 1
    return out


_RUN = re.compile(r"[^\W\d_]+|'s(?![^\W\d_])|.", re.DOTALL)


def _literal(text: str, strict: bool = True) -> str:
    """Regex for literal alias text (no spaces): the case rules (a capital needed only when `strict`, and never
    after a hyphen: "Abdel-Rahman", "Abdelrahman"), possessives, hyphens."""
    out = []
    for m in _RUN.finditer(text):
        run = m.group(0)
        after_hyphen = m.start() > 0 and text[m.start() - 1] in "-‐–—"
        if run == "'s":
            out.append("['’]?s")
        elif run[0].isalpha():
            if len(run) >= 2 and run.isupper():
                out.append(re.escape(run))
            elif run[0].isupper() and strict and not after_hyphen:
                out.append(re.escape(run[0]) + (f"(?i:{re.escape(run[1:])})" if run[1:] else ""))
            else:
                out.append(f"(?i:{re.escape(run)})")
        elif run in "'’":
            out.append("['’]")
        elif run in "-‐–—":
            out.append(r"\s*[-‐–—]?\s*")
        else:
            out.append(re.escape(run))
    return "".join(out)


def _regex(items: list, strict: bool = True) -> str:
    """Regex for parsed alias items; capitals are `strict` in the first word only."""
    parts = []
    for it in items:
        if it == " ":
            parts.append(r"\s+")
            strict = False
        elif isinstance(it, str):
            parts.append(_literal(it, strict))
        elif it[0] == "opt":
            parts.append(f"(?:{_regex(it[1], strict)})?")
        else:
            parts.append("(?:" + "|".join(_regex(o, strict) for o in it[1]) + ")")
    return "".join(parts)


def _expand(items: list) -> Iterator[str]:
    """Every spelling the items stand for (alternatives and options multiplied out)."""
    choices: list[list[str]] = []
    for it in items:
        if isinstance(it, str):
            choices.append([it])
        elif it[0] == "opt":
            choices.append(["", *_expand(it[1])])
        else:
            choices.append([s for o in it[1] for s in _expand(o)])
    for combo in itertools.product(*choices):
        yield "".join(combo)


def _word_forms(word: str) -> set[str]:
    """A first or last word as the text may spell it: lower-case, hyphen kept, split or dropped, possessive glued."""
    w = word.lower().strip(".,")
    forms = {w, w.replace("-", ""), w.split("-")[0], w.split("-")[-1]}
    for f in list(forms):
        if f.endswith("'s"):
            forms |= {f[:-2], f[:-2] + "s"}
    return {f for f in forms if f}


@functools.lru_cache(maxsize=4096)
def compile_alias(alias: str) -> AliasPattern:
    """An alias in the registry's syntax as a regex, with the words a match opens and closes with.

    >>> compile_alias("[Britain-based] Syrian Observatory").first_words >= {"britain-based", "syrian"}
    True
    """
    if not alias.strip():
        raise ValueError(f"an alias must not be empty, got {alias!r}")
    items = _spaced(_parse(" ".join(alias.split()))[0])
    regex = _regex(items) + r"(?:(?<=[A-Z])['’]?s)?"
    firsts: set[str] = set()
    lasts: set[str] = set()
    longest = 0
    for spelling in itertools.islice(_expand(items), MAX_EXPANSIONS):
        words = spelling.split()
        if not words:
            continue
        longest = max(longest, len(" ".join(words)))
        firsts |= _word_forms(words[0])
        lasts |= _word_forms(words[-1])
        if len(words) == 1:  # a possessive with its apostrophe lost: "SANAs", "Observatorys"
            firsts.add(words[0].lower() + "s")
        if words[-1].isupper() and len(words[-1]) >= 2:
            lasts.add(words[-1].lower() + "s")
    return AliasPattern(regex, frozenset(firsts), frozenset(lasts), longest)


def spellings(alias: str, limit: int = MAX_EXPANSIONS) -> list[str]:
    """The spellings an alias stands for ("(UN|U.N.) Security Council" -> two), at most `limit`."""
    items = _spaced(_parse(" ".join(alias.split()))[0])
    return [" ".join(s.split()) for s in itertools.islice(_expand(items), limit) if s.strip()]


# ---------------------------------------------------------------- the registry

def fold(name: str) -> str:
    """A name as lookups compare it: case, spacing, punctuation, a leading "the" and "al-" ignored."""
    n = " ".join(name.casefold().replace("’", "'").split())
    n = re.sub(r"^the\s+", "", n)
    n = re.sub(r"^(?:al|el)[-\s]+", "", n)
    return re.sub(r"[\W_]+", "", n)


@dataclass(frozen=True)
class Registry:
    """The claimants and the vocabulary that names them; lookups by any name, alias or spelling."""

    claimants: tuple[Claimant, ...]
    countries: tuple[Country, ...] = ()
    portfolios: tuple[Portfolio, ...] = ()
    speakers: Mapping[str, Speakers] = field(default_factory=dict)
    descriptions: tuple[Description, ...] = ()
    anaphors: tuple[Description, ...] = ()
    organisation_words: frozenset[str] = frozenset()
    titles: frozenset[str] = frozenset()  # lower-case: "governor", "spokesman", "gen."
    credit: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # new_event, event_nouns, continuations,
    # scenes, other_event

    def __post_init__(self) -> None:
        seen: dict[str, str] = {}
        for c in self.claimants:
            for spelling in (c.name, *c.full_names, *(s for a in c.aliases for s in spellings(a))):
                key = fold(spelling)
                if key and seen.setdefault(key, c.name) != c.name:
                    raise ValueError(f"{spelling!r} names both {seen[key]!r} and {c.name!r}")
        object.__setattr__(self, "_by_fold", MappingProxyType(seen))
        object.__setattr__(self, "_by_name", MappingProxyType({c.name: c for c in self.claimants}))

    # -- lookups

    def get(self, name: str) -> Claimant | None:
        """The claimant of exactly this canonical name."""
        return self._by_name.get(name)  # type: ignore[attr-defined]

    def canonical(self, name: str) -> Claimant | None:
        """The claimant a name, full name or alias stands for ("the Syrian Observatory" -> SOHR), a ministry from
        its words ("Russia's defense ministry"); a chain by its first part ("SOHR via AFP" -> SOHR); None for a
        description, a generic speaker or an unknown name."""
        if not name or not name.strip():
            return None
        head = re.split(r"\s+via\s+", name.strip(), maxsplit=1)[0]
        found = self._by_fold.get(fold(head))  # type: ignore[attr-defined]
        if found:
            return self._by_name[found]  # type: ignore[attr-defined]
        return self.ministry_named(head)

    def kind_of(self, name: str) -> str | None:
        """The main kind of whoever a name stands for: registered claimants, ministries, descriptions ("the
        Britain-based monitor" -> "monitor"), generic speakers ("medical sources" -> "local sources"); else None."""
        c = self.canonical(name)
        if c is not None:
            return c.kind
        head = " ".join(re.split(r"\s+via\s+", name.strip(), maxsplit=1)[0].split())
        for d in (*self.descriptions, *self.anaphors, *self._claimant_descriptions()):
            if re.fullmatch(rf"(?:(?i:the)\s+)?(?:{compile_alias(d.phrase).regex})", head):
                return self.get(d.claimant).kind if d.claimant and self.get(d.claimant) else d.stands_for[0]
        last = head.split()[-1].lower() if head else ""
        if any(last == n.lower().split()[-1] for s in self.speakers.values() for n in (*s.nouns, *s.alone)):
            return "local sources"
        return None

    def same(self, a: str, b: str) -> bool:
        """True when two names stand for one claimant ("SOHR", "Syrian Observatory for Human Rights"), or are the
        same words (descriptions and generic speakers)."""
        ca, cb = self.canonical(a), self.canonical(b)
        if ca is not None or cb is not None:
            return ca == cb
        return fold(a) == fold(b)

    def credits(self, claimed_by: str, wanted: str) -> bool:
        """True when an account's claimant is `wanted` or relays through it: "local sources via SANA" is credited
        to SANA and to local sources."""
        return any(self.same(part, wanted) for part in re.split(r"\s+via\s+", claimed_by.strip()) if part)

    def _claimant_descriptions(self) -> Iterator[Description]:
        for c in self.claimants:
            for d in c.descriptions:
                yield Description(d, c.kinds, claimant=c.name)

    # -- countries and ministries

    @functools.cached_property
    def _country_words(self) -> Mapping[str, Country]:
        return MappingProxyType({fold(w): c for c in self.countries for w in (*c.words, c.name, c.adjective)})

    def country(self, word: str) -> Country | None:
        """The country a word names ("Syrian", "Syria's", "U.S." -> ...), None if none."""
        w = re.sub(r"['’]?s$", "", word.strip()) if re.search(r"['’]s$", word.strip()) else word
        return self._country_words.get(fold(w)) or self._country_words.get(fold(word))

    def portfolio(self, words: str) -> Portfolio | None:
        """The portfolio the words name ("foreign and expatriates" -> Foreign Affairs, of Syria)."""
        key = fold(words)
        return next((p for p in self.portfolios for w in p.words if fold(w) == key), None)

    @functools.cached_property
    def ministry_regex(self) -> str:
        """A regex for a ministry's words, with groups n1/n2 (country), k1/k2 (portfolio)."""
        nation = "|".join(_literal_words(w) for c in self.countries
                          for w in sorted({*c.words, c.name, c.adjective}, key=len, reverse=True))
        portfolio = "|".join(_literal_words(w) for p in sorted(self.portfolios, key=lambda p: -max(map(len, p.words)))
                             for w in sorted(p.words, key=len, reverse=True))
        n = rf"(?:{nation})"
        k = rf"(?i:{portfolio})"
        return (rf"(?:(?P<n1>{n})(?:['’]?s)?\s+)?(?:(?P<k1>{k})\s+(?i:ministry)|(?i:ministry\s+of)\s+(?P<k2>{k}))"
                rf"(?:\s+of\s+(?:the\s+)?(?P<n2>{n}))?")

    def ministry(self, country: str | None, portfolio: str) -> Claimant:
        """The ministry of a portfolio, of a country or of none ("Ministry of Defence")."""
        c = next((c for c in self.countries if c.name == country), None)
        name = f"{c.adjective} Ministry of {portfolio}" if c else f"Ministry of {portfolio}"
        return Claimant(name, ("ministry",), c.name if c else None)

    def ministry_named(self, text: str) -> Claimant | None:
        """The ministry the words name ("the Russian Defence Ministry", "Ministry of Defence"), None if not one."""
        text = re.sub(r"^(?i:the)\s+", "", " ".join(text.split()))
        m = re.fullmatch(self.ministry_regex, text)
        if m is None:
            return None
        p = self.portfolio(m.group("k1") or m.group("k2"))
        if p is None:
            return None
        nation = m.group("n1") or m.group("n2")
        found = self.country(nation) if nation else None
        return self.ministry(found.name if found else p.country, p.name)


def _literal_words(words: str) -> str:
    """Regex for plain words (no alias syntax), whitespace between them flexible."""
    return r"\s+".join(_literal(w, k == 0) for k, w in enumerate(words.split()))


# ---------------------------------------------------------------- loading

def _strings(entry: Mapping, key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ClaimantDataError(f"{where}: {key!r} must be a list of non-empty strings, got {value!r}")
    return tuple(value)


def _claimant(entry: Mapping, where: str) -> Claimant:
    try:
        c = Claimant(name=entry["name"], kinds=_strings(entry, "kind", where), country=entry.get("country"),
                     full_names=_strings(entry, "full", where), aliases=_strings(entry, "aliases", where),
                     descriptions=_strings(entry, "described_as", where))
        for a in (*c.aliases, *c.descriptions):
            compile_alias(a)
        return c
    except (KeyError, TypeError, ValueError) as e:
        raise ClaimantDataError(f"{where}: {e}") from e


def _description(entry: Mapping, where: str, key: str) -> Description:
    try:
        d = Description(phrase=entry[key], stands_for=_strings(entry, "stands_for", where), name=entry.get("name"),
                        nearest=bool(entry.get("nearest", False)))
        compile_alias(d.phrase)
    except (KeyError, TypeError, ValueError) as e:
        raise ClaimantDataError(f"{where}: {e}") from e
    if not d.stands_for or any(k not in KINDS for k in d.stands_for):
        raise ClaimantDataError(f"{where}: stands_for must be among {KINDS}, got {d.stands_for!r}")
    return d


def from_data(data: Mapping, source: str = "claimant data") -> Registry:
    """A registry from the parsed JSON document (see the module docstring for its sections)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("claimants"), list):
        raise ClaimantDataError(f"{source}: expected an object with a 'claimants' list")
    claimants = tuple(_claimant(e, f"{source}: claimants[{k}] ({e.get('name', '?')!r})")
                      for k, e in enumerate(data["claimants"]))
    countries = tuple(Country(e["name"], e["adjective"], _strings(e, "words", f"{source}: countries[{k}]"))
                      for k, e in enumerate(data.get("countries", [])))
    names = {c.name for c in countries}
    portfolios = tuple(Portfolio(e["name"], _strings(e, "words", f"{source}: portfolios[{k}]"), e.get("country"))
                       for k, e in enumerate(data.get("portfolios", [])))
    for k, c in [*enumerate(claimants), *enumerate(portfolios)]:
        if c.country is not None and c.country not in names:
            raise ClaimantDataError(f"{source}: {c.name!r} has country {c.country!r}, not among the countries")
    speakers = {group: Speakers(_strings(e, "nouns", f"{source}: speakers.{group}"),
                                _strings(e, "modifiers", f"{source}: speakers.{group}"),
                                _strings(e, "alone", f"{source}: speakers.{group}"))
                for group, e in data.get("speakers", {}).items()}
    descriptions = tuple(_description(e, f"{source}: descriptions[{k}]", "phrase")
                         for k, e in enumerate(data.get("descriptions", [])))
    anaphors = tuple(_description(e, f"{source}: anaphors[{k}]", "words")
                     for k, e in enumerate(data.get("anaphors", [])))
    credit = {k: _strings(data.get("credit", {}), k, f"{source}: credit")
              for k in ("new_event", "event_nouns", "continuations", "scenes", "other_event")}
    try:
        for k in ("new_event", "continuations", "other_event"):
            for phrase in credit[k]:
                compile_alias(phrase)
        return Registry(claimants, countries, portfolios, MappingProxyType(speakers), descriptions, anaphors,
                        frozenset(_strings(data, "organisation_words", source)),
                        frozenset(t.lower() for t in _strings(data, "titles", source)), MappingProxyType(credit))
    except ValueError as e:
        raise ClaimantDataError(f"{source}: {e}") from e


def load(path: Path | str | None = None) -> Registry:
    """The registry in a JSON file (the shipped one by default, read once)."""
    if path is None:
        return registry()
    return _load(Path(path))


def _load(path: Path) -> Registry:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ClaimantDataError(f"{path.name}: cannot read the claimant registry: {e}") from e
    return from_data(data, path.name)


@functools.cache
def registry() -> Registry:
    """The shipped registry, loaded once."""
    return _load(DATA)


def canonical(name: str) -> Claimant | None:
    """The registered claimant a name stands for (see `Registry.canonical`)."""
    return registry().canonical(name)


def normalize(name: str) -> str:
    """The canonical name of the registered claimant a name stands for, else the name as given ("Syrian
    Observatory for Human Rights" -> "SOHR", "local sources" -> "local sources")."""
    found = registry().canonical(name)
    return found.name if found else name


def kind_of(name: str) -> str | None:
    """The main kind of whoever the name stands for (see `Registry.kind_of`)."""
    return registry().kind_of(name)


def credits(claimed_by: str, wanted: Iterable[str]) -> bool:
    """True when an account's claimant is, or relays through, one of the wanted claimants (any of their names)."""
    return _credits(claimed_by, tuple(wanted))


@functools.lru_cache(maxsize=8192)
def _credits(claimed_by: str, wanted: tuple[str, ...]) -> bool:
    reg = registry()
    return any(reg.credits(claimed_by, w) for w in wanted)


__all__ = ["KINDS", "AliasPattern", "Claimant", "ClaimantDataError", "Country", "Description", "Portfolio",
           "Registry", "Speakers", "canonical", "compile_alias", "credits", "fold", "from_data", "kind_of", "load",
           "normalize", "registry", "spellings"]
