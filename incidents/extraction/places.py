"""Spot place names in article text and resolve each in the context of its sentence and article.

Spotting: runs of capitalized words (with the article al-/el-/ad-/… and Arabic script) whose folded form is a name
the gazetteer knows, longest first. Resolving: each mention with the governorate the article names as hint and the
other places of its sentence (then of its article) as nearby context. "In the same province" with no village gives
the governorate the article names, at governorate precision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer, Precision, fold

from ..model import PlaceMention

#: A capitalized word, with an optional article glued by a hyphen ("al-Baghouz", "Deir-ez-Zor", "al-A’shara").
_WORD = r"(?:(?:[Aa]l|[Ee]l|[Aa][dtrsznl]h?|[Ee][dtrsznl])[-‐‑’'])?[A-ZĀĪŪḨḤŞŢẒ\u0600-\u06ff][\w’'`ʿʾ\u0600-\u06ff]*(?:-[\w’'`]+)*"
_LINK = r"(?:\s+|-)(?:(?:al|el|ad|ar|as|ash|at|az|ez|ed|bin|ibn|abu|bu|Al|El|Abu|Bu)(?:\s+|-))?"
_CANDIDATE = re.compile(rf"{_WORD}(?:{_LINK}{_WORD}){{0,3}}")
_ITEM = re.compile(_WORD)
_LIST = re.compile(rf"{_WORD}(?:\s*,\s*{_WORD})+\s*,?\s+and\s+{_WORD}")
_CUE = re.compile(rf"\b(?:the\s+)?(?:village|town|hamlet|neighbou?rhood)s?\s+of\s+(?P<name>{_WORD})")
_ARTICLE_START = re.compile(r"^(?:[Aa]l|[Ee]l|[Aa][dtrsznl]h?|[Ee][dtrsznl])[-‐‑’']")
_ARABIC_RUN = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f]+(?:\s+[\u0621-\u064a\u0640\u064b-\u065f]+){0,3}")
#: Qualifier words read around a mention: near X / X countryside -> precision near.
_NEAR_BEFORE = re.compile(r"(?:\bnear|\boutskirts of|\bvicinity of|\baround|\boutside|\bsurroundings of|"
                          r"\bcountryside of|\bsuburbs of|\beast of|\bwest of|\bnorth of|\bsouth of)\s+(?:the\s+)?$",
                          re.IGNORECASE)
_NEAR_AFTER = re.compile(r"^\s+(?:(?:\w+ern|north|south|east|west)\s+)?(?:countryside|outskirts|suburbs|area|region)\b",
                         re.IGNORECASE)
_PROVINCE_AFTER = re.compile(r"^\s+(?:province|governorate)\b", re.IGNORECASE)
_PROVINCE_BEFORE = re.compile(r"(?:province|governorate) of\s+(?:\[)?$", re.IGNORECASE)
#: "in the same province", "across the province": the governorate the article names, no village.
SAME_PROVINCE = re.compile(r"\b(?:the same|that|this|the) (?:province|governorate)\b", re.IGNORECASE)
#: Capitalized words that are never place names here, though a gazetteer may hold a village so called.
STOPWORDS = frozenset("""
the a an and or but in on at of for to from by with as this that these those it its his her their our
january february march april may june july august september october november december jan feb mar apr jun jul aug
sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday today
us u.s un u.n uk eu usa nato isis isil daesh is sdf ypg saa sohr sana cnn bbc ap afp reuters hrw
united states nations security council general secretary ministry foreign affairs president army forces
coalition syrian syrians iraqi iraqis russian russians american americans kurdish arab arabs western eastern
northern southern central north south east west photo top check also more read source by articles article
according local sources reports report state media agency observatory human rights watch international
government military air force central command islamic democratic people protection units council
moreover however furthermore thankfully either if why whilst while after before during since
over kill kills killed she he we they some many most center centre road street hospital market camp city town
village villages mountains mountain deir dayr tal tell jabal jebel ain abu al sham al-sham levant roundabout square
""".split())
#: Countries outside the gazetteer's coverage: named, but not places to resolve here.
FOREIGN = frozenset({"iran", "israel", "russia", "jordan", "turkey", "lebanon", "chile", "washington", "moscow",
                     "geneva", "london", "paris", "saudi arabia", "america", "europe", "united states"})


_EDGE = " ,.;:’'\"[]()“”"


@dataclass(frozen=True)
class Spotted:
    """A span of text the gazetteer knows as a name, with the words around it."""

    text: str
    start: int
    end: int
    near: bool = False
    province: bool = False
    qualifier: str = ""  # the words around it as written: "near", "countryside", "province"

    @property
    def query(self) -> str:
        """The name with its qualifier, as the gazetteer reads it ("near Hajin", "Deir Ezzor countryside")."""
        if self.province:
            return f"{self.text} province"
        if self.qualifier == "countryside":
            return f"{self.text} countryside"
        return f"near {self.text}" if self.near else self.text


def spot(gazetteer: Gazetteer, text: str, offset: int = 0) -> list[Spotted]:
    """Known place names in `text`, longest match first, without overlaps, in text order."""
    found: list[Spotted] = []
    for m in [*_CANDIDATE.finditer(text), *_ARABIC_RUN.finditer(text)]:
        words = list(re.finditer(r"\S+", m.group(0)))
        best = _longest_known(gazetteer, m.group(0), words)
        if best is None:
            continue
        s, e = m.start() + best[0], m.start() + best[1]
        name = text[s:e]
        before, after = text[max(0, s - 40): s], text[e: e + 40]
        near_after = _NEAR_AFTER.match(after)
        qualifier = "countryside" if near_after and "countryside" in near_after.group(0).lower() else ""
        found.append(Spotted(name, offset + s, offset + e, near=bool(_NEAR_BEFORE.search(before) or near_after),
                             province=bool(_PROVINCE_AFTER.match(after) or _PROVINCE_BEFORE.search(before)),
                             qualifier=qualifier))
    found.sort(key=lambda x: x.start)
    known = [f for k, f in enumerate(found) if not any(o.start < f.end and f.start < o.end for o in found[:k])]
    return sorted(known + unknown_names(text, known, offset), key=lambda x: x.start)


def unknown_names(text: str, known: Sequence[Spotted], offset: int = 0) -> list[Spotted]:
    """Names the gazetteer lacks but the text plainly gives as places: an Arabic-article name listed beside known
    places ("al-Kashem, al-Shweit, al-Dweir and al-A’shara"), or any name after "the village/town of"."""
    taken = [(k.start - offset, k.end - offset) for k in known]
    out: list[Spotted] = []

    def add(start: int, end: int) -> None:
        name = text[start:end].strip(_EDGE)
        start += text[start:end].find(name)
        end = start + len(name)
        if name and not any(a < end and start < b for a, b in taken) and _plausible(name):
            taken.append((start, end))
            out.append(Spotted(name, offset + start, offset + end))

    for m in _LIST.finditer(text):
        items = list(_ITEM.finditer(m.group(0)))
        inside = [k for k in taken if m.start() <= k[0] < m.end()]
        if inside:
            for it in items:
                if _ARTICLE_START.match(it.group(0)):
                    add(m.start() + it.start(), m.start() + it.end())
    for m in _CUE.finditer(text):
        add(m.start("name"), m.end("name"))
    return out


def _longest_known(gazetteer: Gazetteer, run: str, words: Sequence[re.Match]) -> tuple[int, int] | None:
    """The longest sub-run of words (from any start) that the gazetteer knows."""
    n = len(words)
    for size in range(n, 0, -1):
        for i in range(0, n - size + 1):
            s, e = words[i].start(), words[i + size - 1].end()
            raw = run[s:e]
            phrase = raw.strip(_EDGE)
            if phrase and gazetteer.knows(phrase) and _plausible(phrase):
                s += len(raw) - len(raw.lstrip(_EDGE))
                return s, s + len(phrase)
    return None


def _plausible(phrase: str) -> bool:
    """False for phrases made only of stopwords, too short, or foreign countries."""
    words = [w.strip("’'`-").lower() for w in re.split(r"[\s-]+", phrase) if w]
    if len(fold(phrase)) < 3 or phrase.lower() in FOREIGN:
        return False
    return not all(w in STOPWORDS or len(w) < 2 for w in words)


def mention(gazetteer: Gazetteer, spotted: Spotted, *, admin1: str | None, near: Sequence[tuple[float, float]]
            ) -> PlaceMention:
    """Resolve one spotted name in context into a PlaceMention (unresolved when the gazetteer is unsure)."""
    r = gazetteer.resolve(spotted.query, admin1=admin1, near=list(near) or None)
    runners = tuple(f"{c.place.name} ({c.place.id}, {c.score:.2f})" for c in r.candidates[1:4])
    if not r.resolved:
        return PlaceMention(spotted.text, spotted.start, spotted.end, runners_up=tuple(
            f"{c.place.name} ({c.place.id}, {c.score:.2f})" for c in r.candidates[:4]), confidence=r.confidence)
    p = r.place
    precision = r.precision.value if r.precision else None
    if spotted.near and r.precision is Precision.EXACT:
        precision = "near"
    return PlaceMention(spotted.text, spotted.start, spotted.end, name=p.name, place_id=p.id, lat=p.lat, lon=p.lon,
                        precision=precision, confidence=r.confidence, admin1=p.admin1 or None, runners_up=runners)


def governorate_mention(gazetteer: Gazetteer, text: str, start: int, end: int, admin1: str) -> PlaceMention | None:
    """A governorate-precision mention for "the same province" when the article names the governorate."""
    gov = next((p for p in gazetteer.places if p.type == "governorate" and p.admin1 == admin1), None)
    if gov is None:
        return None
    return PlaceMention(text, start, end, name=gov.name, place_id=gov.id, lat=gov.lat, lon=gov.lon,
                        precision="governorate", confidence=0.8, admin1=admin1)
