"""Compound place strings split into the parts worth looking up, in the order to try them.

Datasets and articles write places as more than a name: "Kafrah/Kesra village", "Ar-Raqqa - Al-Rasheed" (a city and
its neighbourhood), "Ar Raqqah: Mr. Sufi's bakery", "Abu Naytal (Farraj) village", "al-Abbas and Hajeen", "Abirha
near Al Busaira", "Afes Cemetery", "Tal Jijan" for a village the data calls "Jijan". `attempts(text)` gives the
lookups to try after the whole string fails:

- the parts of "A/B", "A (B)", "A and B", "A or B" (each a spelling or a place of its own);
- the head of "A, B", "B - A", "B: A", "A near B", "A in B", "A 5 km west of B", with B as its parent (its point
  is context), then B alone as a fallback: precision ``near``, A kept as the unresolved part;
- feature words (``data/feature_words.csv``): a settlement word ("village", "قرية") is dropped; a landmark word
  ("hospital", "checkpoint", "مخيم") leaves the name before it, precision ``near``; a qualifier ("Sharqi", "II",
  "Fawqani") is dropped only as a fallback, precision ``near``; an optional head ("Tall", "Qabr") is tried off and on.

Fallbacks that loosen what the text says accept only strict (exact or folded) name matches.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

DATA = resources.files("gazetteer") / "data"
KINDS = ("settlement", "landmark", "qualifier", "head")
#: Most attempts one string gives (a bound on work for hostile input).
MAX_ATTEMPTS = 24
#: A part said to be in or near its parent ("A near B", "A, B") lies at most this far from it, or the distance the
#: text gives ("A 12 km east of B") plus this.
PARENT_KM = 40.0
#: A part after "Town - " or "Town: " (a neighbourhood, a landmark) lies at most this far from the town.
TOWN_KM = 10.0
#: Shortest name left once a qualifier is dropped ("Western Deir" is not "Deir").
MIN_BARE = 5


@dataclass(frozen=True)
class Attempt:
    """One lookup to try for a compound string."""

    name: str
    parent: str = ""  # a place named around it: its point is context
    near: bool = False  # the answer is near, not at, what the text names
    leftover: str = ""  # the part of the text no lookup of this attempt covers, as written
    strict: bool = True  # only exact or folded name matches count
    within_km: float | None = None  # the answer lies at most this far from the parent (when the parent is a point)
    landmark: bool = False  # a landmark word was dropped: the rest may be a person's or an idea's name
    parent_fallback: bool = False  # the parent alone, an area around the place: precision district at best


@lru_cache(maxsize=1)
def feature_words() -> dict[str, str]:
    """Feature word (lower case) -> kind, from data/feature_words.csv."""
    out: dict[str, str] = {}
    with (DATA / "feature_words.csv").open(encoding="utf-8", newline="") as f:
        for n, row in enumerate(csv.DictReader(f), start=2):
            word, kind = " ".join(row["word"].casefold().split()), row["kind"].strip()
            if kind not in KINDS:
                raise ValueError(f"feature_words.csv line {n}: kind must be one of {KINDS}, got {kind!r}")
            out[word] = kind
    return out


_BRACKETS = re.compile(r"\[[^\]]{0,80}\]")
_PAREN = re.compile(r"^(?P<a>[^()]{1,120})\((?P<b>[^()]{1,120})\)(?P<c>[^()]{0,120})$")
_ALTERNATIVES = re.compile(r"\s*[/\\|]\s*|\s+(?:and|or|&|و)\s+", re.IGNORECASE)
_BETWEEN = re.compile(r"^(?:the\s+)?(?:area\s+)?between\s+", re.IGNORECASE)
_DASH = re.compile(r"\s+[-–—]\s+")
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
#: The same relations in Arabic: "X في Y" (in), "X قرب Y" / "X بالقرب من Y" (near), "X جنوب Y" (south of).
_ARABIC_RELATION = r"في|قرب|بالقرب\s+من|بلقرب\s+من|قريب\s+من|(?:الى\s+|إلى\s+)?(?:شمال|جنوب|شرق|غرب)(?:\s+(?:شرق|غرب))?"
_RELATION = re.compile(
    r"\s+(?:\d+(?:\.\d+)?\s*(?:km|kilometers|kilometres|miles)\s+)?(?:(?:to\s+the\s+)?" + _DIRECTION + r"\s+of"
    r"|near|in|at|outside|inside|close\s+to|on\s+the\s+outskirts\s+of|in\s+the\s+vicinity\s+of|(?:in\s+the\s+)?"
    r"(?:countryside|outskirts|vicinity)\s+of|off|" + _ARABIC_RELATION + r")\s+(?:the\s+)?", re.IGNORECASE)
#: A comma in Latin or Arabic script ("حي الاذاعة، حلب"), or the Arabic decimal sign some lists use as one.
_COMMA = re.compile(r"\s*[,،٫]\s*")
_DISTANCE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:km|kilometers|kilometres)\b", re.IGNORECASE)
_TOKEN = re.compile(r"[^\s,;]+")
_EDGE = " .,;:-–—'’\"“”،\u200e\u200f\u202a\u202b\u202c"


def _clean(text: str) -> str:
    return " ".join(_BRACKETS.sub(" ", text).split()).strip(_EDGE)


def _words(text: str) -> list[str]:
    return _TOKEN.findall(text)


def _strip_article(word: str) -> str:
    w = word.casefold()
    for art in ("al-", "el-", "as-", "ash-", "ad-", "ar-", "at-", "az-", "an-", "al ", "ال"):
        if w.startswith(art) and len(w) > len(art) + 1:
            return w[len(art):]
    return w


def _edge_feature(words: list[str], at_end: bool) -> tuple[str, int] | None:
    """(kind, number of words) of the longest feature phrase at one end of `words`."""
    table = feature_words()
    for size in (3, 2, 1):
        if len(words) <= size:
            continue
        part = words[-size:] if at_end else words[:size]
        phrase = " ".join(w.casefold().strip(_EDGE) for w in part)
        kind = table.get(phrase) or (table.get(_strip_article(phrase)) if size == 1 else None)
        if kind:
            return kind, size
    return None


def feature_variants(text: str) -> list[Attempt]:
    """Lookups for one part with its feature words dropped (see the module docstring), loosest last."""
    words = _words(text)
    out: list[Attempt] = []
    near, leftover = False, []
    for _ in range(4):  # "Al Mentar village", "A'bedeen camp for IDPs", "Abeen village II"
        found = _edge_feature(words, at_end=True) or _edge_feature(words, at_end=False)
        if not found:
            break
        kind, size = found
        at_end = _edge_feature(words, at_end=True) == found
        cut, words = (words[-size:], words[:-size]) if at_end else (words[:size], words[size:])
        if kind == "head":
            words = cut + words  # a head stays; tried off and on below
            break
        if kind != "settlement":
            near = True
            leftover.append(" ".join(cut))
        if kind == "qualifier" and len(re.sub(r"\W|^(?:al|el)", "", " ".join(words).casefold())) < MIN_BARE:
            break
        out.append(Attempt(" ".join(words), near=near, leftover=" ".join(leftover) if near else "",
                           landmark=kind == "landmark" or any(a.landmark for a in out)))
    out.extend(_head_variants(" ".join(words), near, " ".join(leftover)))
    return out


def _head_variants(name: str, near: bool, leftover: str) -> list[Attempt]:
    """"Tall X" tried as "X", and "X" as "Tall X" (strict matches only)."""
    words = _words(name)
    if not words or not re.search(r"[^\W\d_]", name):
        return []
    if len(words) > 1 and feature_words().get(words[0].casefold()) == "head":
        return [Attempt(" ".join(words[1:]), near=near, leftover=leftover, strict=True)]
    prefix = "تل" if re.match(r"[\u0600-\u06ff]", words[0]) else "Tall"
    return [Attempt(f"{prefix} {name}", near=near, leftover=leftover, strict=True)]


def attempts(text: str) -> list[Attempt]:
    """Lookups to try for a compound string, most faithful first (empty for a bare name with nothing to split)."""
    out: list[Attempt] = []

    def add(a: Attempt) -> None:
        if a.name and a.name.casefold() != text.casefold() and a not in out and len(out) < MAX_ATTEMPTS:
            out.append(a)

    if not re.search(r"[^\W\d_]", text):
        return []
    for a in _parts(_clean(text), depth=0):
        add(a)
    return out


def _parts(text: str, depth: int) -> list[Attempt]:
    """The attempts of `text`: split at the first separator found, then feature words of each part."""
    if depth > 3 or not text:
        return []
    text = _BETWEEN.sub("", text)
    m = _PAREN.match(text)
    if m:  # "Abu Naytal (Farraj) village": the name with and without the bracket, then the bracket
        outer = " ".join(f"{m['a']} {m['c']}".split())
        inner = " ".join(f"{m['b']} {m['c']}".split())
        return [replace(a, strict=False) if a.name in (outer, inner) else a
                for a in (*_whole(outer, depth), *_whole(inner, depth))]
    for splitter, head_first in ((_RELATION, True), (_COMMA, True), (_DASH, False),
                                 (re.compile(r"\s*:\s*"), False)):
        pieces = splitter.split(text, maxsplit=1)
        if len(pieces) == 2 and all(p.strip(_EDGE) for p in pieces):
            head, parent = (pieces[0], pieces[1]) if head_first else (pieces[1], pieces[0])
            head, parent = head.strip(_EDGE), parent.strip(_EDGE)
            km = _DISTANCE.search(text)
            within = PARENT_KM + (float(km.group(1)) if km else 0.0) if head_first else TOWN_KM
            out = [replace(a, parent=parent, within_km=within) for a in _whole(head, depth)]
            # the parent alone locates the whole only roughly; after "A, B" or "A near B" it is often a governorate
            out += [replace(a, near=True, leftover=head, parent_fallback=head_first) for a in _whole(parent, depth)]
            return out
    alternatives = [p.strip(_EDGE) for p in _ALTERNATIVES.split(text) if p.strip(_EDGE)]
    if len(alternatives) > 1:  # "Kafrah/Kesra village": a trailing feature word belongs to every part
        tail = _edge_feature(_words(alternatives[-1]), at_end=True)
        suffix = " ".join(_words(alternatives[-1])[-tail[1]:]) if tail else ""
        out = []
        for p in alternatives[:6]:
            full = p if not suffix or p.endswith(suffix) else f"{p} {suffix}"
            spelling = "/" in text or "\\" in text  # "Kafrah/Kesra": two spellings, loose matches allowed
            out += [replace(a, near=a.near or not spelling, strict=a.strict and not spelling)
                    for a in _whole(full, depth)]
        return out
    return feature_variants(text)


def _whole(text: str, depth: int) -> list[Attempt]:
    """`text` itself first, then its parts."""
    text = text.strip(_EDGE)
    return [Attempt(text), *_parts(text, depth + 1)] if text else []
