"""Spot place names in article text and resolve each in the context of its sentence and article.

Spotting reads runs of capitalised words (with the article al-/el-/ad-/... and Arabic script) and keeps the longest
part of each run that the gazetteer knows; the rest of a glued run is read again ("Syria Der-Ezzor" gives both).
A run may go on with a lower-case word when the whole is a name ("Deir ezzor"); a possessive "s" the text glued
to a name is not part of it ("Syrias Idlib"), nor is a direction word glued to it by lost spacing ("Kobaninorth").
Names joined by the Arabic article in lower case are one name ("Karm al-Beik"): when the gazetteer knows only the
words before the article, the whole is kept, unresolved, with its text (not "Karm" alone), unless those words are
a town, a district or more on their own ("Aleppo al-Sukkari" is two names) or the words from the article on are a
known name.

What is not a place, whatever a gazetteer holds, comes from the vocabularies in ``vocab/`` (one file each, read
through `sentences.vocabulary`):

- ``spotting_not_places``: words never a place alone (function words, weekdays and months and their abbreviations,
  number words, acronyms, demonyms, faiths); a word in capitals of three letters or fewer is an acronym;
- ``spotting_english_words``: a single English word ("Ten", "Attack", "Harem") is a place only where the text
  marks it as one: a feature word or "near" beside it, "in"/"near"/"at" before it in the middle of a sentence;
  a compound of English words ("Insurgent-held") is no name;
- ``spotting_english_names``: a single name an English dictionary lists ("Russia", "Ankara", "Omar") is a place
  only where the text marks it, or where the gazetteer makes it a city, a district, a governorate or a country
  (`Spotted.dictionary_name`, decided by the pipeline once resolved);
- ``spotting_organisations`` and ``spotting_organisation_words``: outlets and armed groups ("Zaman al Wasl",
  "Jaish al-Islam", "Deir Ezzor 24", "Aleppo Media Center", "the Hazm movement", "the Assad regime");
- ``spotting_people``: people ("President Bashar al-Assad", "Rami Abdel Rahman") and what is named after them
  ("the Omar bin al-Khattab mosque");
- ``places_name_heads``: words opening an Arabic name that never stand for it alone ("Bab" of "Bab al-Nayrab");
- ``places_feature_words``: the words that say a name is a place, and what kind.

A name the gazetteer does not know is still a place where the text marks it as one: a feature word ("the village
of X", "X village", "al-X region", "X neighbourhood", "the neighbourhoods of X and Y"), a direction opening a region
("Eastern Ghouta", "eastern Ghouta"), the Arabic article after "in"/"near"/"at" ("took place in al-Mashi"), or a
list beside known places. It is kept, unresolved, with its text. Every spotted name keeps its *phrase* as written:
"a village south of Mayadeen", "Deir Ezzor province", "the village of Hajin".

Resolving: each mention with the governorate the article names as a preference and the other places of its sentence
(then of its article) as nearby context. "In the same province" with no village gives the governorate the article
names. Speed: the gazetteer's answers to "is this a name?" and the known parts of each run of words are remembered
per gazetteer; a one-word run that no name is costs one look-up; runs are at most four words (and a lower-case
tail); every pattern reads a bounded stretch of text around a run.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gazetteer import Gazetteer, Precision, fold

from ..model import PlaceMention
from .sentences import vocabulary, vocabulary_table


@functools.lru_cache(maxsize=100_000)
def _norm(phrase: str) -> str:
    """A phrase as vocabularies are matched: lower case, hyphens and apostrophes as spaces, single spaces."""
    return " ".join(re.sub(r"[-‐‑’'`]", " ", phrase.lower()).split())


def _table(name: str) -> dict[str, frozenset[str]]:
    """A "KIND ENTRY" vocabulary with its entries read as vocabularies are matched."""
    return {k: frozenset(_norm(w) for w in v) for k, v in vocabulary_table(name).items()}


NOT_PLACES = frozenset(vocabulary("spotting_not_places"))
ENGLISH = frozenset(vocabulary("spotting_english_words"))
ENGLISH_NAMES = frozenset(vocabulary("spotting_english_names"))
ORGANISATIONS = frozenset(_norm(w) for w in vocabulary("spotting_organisations"))
_ORG = _table("spotting_organisation_words")
ORG_HEADS, ANY_TAILS = _ORG.get("head", frozenset()), _ORG.get("anytail", frozenset())
ORG_TAILS = _ORG.get("tail", frozenset()) | ANY_TAILS
_PEOPLE = _table("spotting_people")
TITLES, PEOPLE, GIVEN_NAMES = (_PEOPLE.get(k, frozenset()) for k in ("title", "name", "given"))
#: The single words of the people and organisation vocabularies.
NAMED_WORDS = frozenset(w for v in (ORGANISATIONS, TITLES, PEOPLE, GIVEN_NAMES, ORG_HEADS)
                        for x in v for w in x.split())
NOT_NAMES = ENGLISH | NOT_PLACES  # lower-case words that do not go on a name ("Deir ezzor" does)
NAME_HEADS = frozenset(vocabulary("places_name_heads"))
FEATURES = {w: k for w, k in (line.rsplit(None, 1) for line in vocabulary("places_feature_words"))}
#: Feature words naming a part of a town ("the Sumaria neighbourhood", "Umayyad square").
PARTS = frozenset(w for w, k in FEATURES.items() if k == "part")
#: Name particles: never a place alone, and they link the words of a name.
PARTICLES = frozenset("al el ad ar as ash at az an ez ed bin ibn bani beni abu bu".split())
#: The Arabic article: names it joins are one name ("Karm al-Beik").
ARTICLES = frozenset("al el ad ar as ash at az an ez ed".split())
#: Place types a name is a town's or a region's own name by: never the head of a longer name ("Aleppo al-Sukkari").
BIG_TYPES = frozenset("country governorate district subdistrict".split())
LEADING_NOT_NAMES = NOT_PLACES - PARTICLES - NAME_HEADS  # words cut from the start of a marked run ("In X village")
REGION_WORDS = frozenset("eastern western northern southern".split())  # "Eastern Ghouta"
LOCATIVES = frozenset("in near at into outside around towards toward inside".split())
PERSON_MARKS = frozenset("bin ibn abu imam".split())  # "the Omar bin al-Khattab mosque" is named after a person
FACILITIES = frozenset("mosque mosques school schools hospital church shrine".split())

#: A capitalized word, with an optional article glued by a hyphen ("al-Baghouz", "Deir-ez-Zor", "al-A’shara").
_WORD = (r"(?:(?:[Aa]l|[Ee]l|[Aa][dtrsznl]h?|[Ee][dtrsznl])[-‐‑’'])?[A-ZĀĪŪḨḤŞŢẒ\u0600-\u06ff]"
         r"[\w’'`ʿʾ\u0600-\u06ff]*(?:-[\w’'`]+)*")
_LINK = r"(?:\s+|-)(?:(?:al|el|ad|ar|as|ash|at|az|ez|ed|bin|ibn|abu|bu|Al|El|Abu|Bu)(?:\s+|-))?"
_CANDIDATE = re.compile(rf"{_WORD}(?:{_LINK}{_WORD}){{0,3}}")
_LOWER_TAIL = re.compile(r"(?:\s|-)(?:(?:al|el|ez|ad|as|ar)[\s-])?[a-z][\w’'`]{2,}")
_ITEM = re.compile(_WORD)
_LIST = re.compile(rf"{_WORD}(?:\s*,\s*{_WORD})+\s*,?\s+and\s+{_WORD}")
_ARTICLE_START = re.compile(r"(?:[Aa]l|[Ee]l|[Aa][dtrsznl]h?|[Ee][dtrsznl])[-‐‑’']")
_ARABIC_RUN = re.compile(r"[\u0621-\u064a\u0640\u064b-\u065f]+(?:\s+[\u0621-\u064a\u0640\u064b-\u065f]+){0,3}")
_TOKENS = re.compile(r"[^\s-]+")
_SPACED = re.compile(r"\S+")
_NEXT_WORD = re.compile(r"\S*\s+")  # the rest of a word and the space after it
_DIRECTION = r"(?:(?:north|south|east|west)(?:east|west)?(?:ern)?|central)"
#: A direction word in lower case at the end of a word, where lost spacing glued it to a name ("Kobaninorth").
_GLUED_DIRECTION = re.compile(r"(?<=[a-z])(?:north|south|east|west)(?:east|west)?(?:ern)?$")
_FEATURE = "|".join(sorted((re.escape(w) for w in FEATURES), key=len, reverse=True))
#: Words before a name: "near", "the village of", "a village south of", "10 km east of" (read on the 80 characters
#: before the name).
_BEFORE = re.compile(
    rf"(?P<phrase>(?:(?:\b(?:a|an|the|two|three|several)\s+)?(?:\w+\s+)?(?P<feat>{_FEATURE})\s+)?"
    rf"(?:(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?(?P<dir>{_DIRECTION})\s+of|(?P<near>near|outside|"
    r"around|(?:the\s+)?outskirts\s+of|(?:the\s+)?vicinity\s+of|(?:the\s+)?surroundings\s+of|(?:the\s+)?suburbs\s+of|"
    rf"(?:the\s+)?(?:{_DIRECTION}\s+)?countryside\s+of)|(?:the\s+)?(?P<feat2>{_FEATURE})\s+of)\s+(?:the\s+)?\[?)$",
    re.IGNORECASE)
#: "Rural" before a name: its countryside ("Rural Idlib"; "Rural Damascus" is a governorate's own name).
_RURAL_BEFORE = re.compile(r"\brural\s+$", re.IGNORECASE)
#: Words after a name: "province", "countryside", "eastern countryside", "village".
#: (An apposition: "Qaboun, a district in the east of the city", "Hajin a town on the Euphrates".)
_APPOSITION = r"(?:,?\s+an?\s+(?:[a-z]+\s+)?)?"
_AFTER = re.compile(rf"^\]?(?:{_APPOSITION}|\s+)(?:(?P<dir>{_DIRECTION})\s+)?(?P<feat>{_FEATURE})\b", re.IGNORECASE)
#: "in the same province", "across the province": the governorate the article names, no village.
SAME_PROVINCE = re.compile(r"\b(?:the same|that|this|the) (?:province|governorate)\b", re.IGNORECASE)
_EDGE = " ,.;:’'\"[]()“”"
BEFORE_CHARS = 80  # how far before a name its phrase is read
ACRONYM = 3  # a word in capitals this short is an acronym ("IDA"), not a place
BEFORE_LAST = frozenset({"of", "near", "outside", "around"})  # the word that ends every phrase before a name

_known_cache: weakref.WeakKeyDictionary[Gazetteer, dict[str, bool]] = weakref.WeakKeyDictionary()
#: The known parts of runs of words (spans within the run) and the words as vocabularies read them, per gazetteer.
_parts_cache: weakref.WeakKeyDictionary[Gazetteer, dict[str, tuple]] = weakref.WeakKeyDictionary()


def knows(gazetteer: Gazetteer, name: str) -> bool:
    """`gazetteer.knows(name)`, remembered per gazetteer (news repeats names)."""
    cache = _known_cache.get(gazetteer)
    if cache is None:
        cache = _known_cache[gazetteer] = {}
    hit = cache.get(name)
    if hit is None:
        if len(cache) > 200_000:
            cache.clear()
        hit = cache[name] = gazetteer.knows(name)
    return hit


@dataclass(frozen=True)
class Spotted:
    """A span of text that names a place, with the words around it."""

    text: str
    start: int
    end: int
    near: bool = False
    province: bool = False
    qualifier: str = ""  # the words around it as written: "near", "countryside", "province"
    phrase: str = ""  # the place phrase as written: "a village south of Mayadeen", "Deir Ezzor province"
    known: bool = True  # False: a name the gazetteer lacks, kept because the text marks it as a place
    cued: bool = False  # a feature word, "near" or a list of places marks it as a place
    dictionary_name: bool = False  # a name an English dictionary lists ("Russia", "Omar"): a place only if big

    @property
    def query(self) -> str:
        """The name with its qualifier, as the gazetteer reads it ("near Hajin", "Deir Ezzor countryside")."""
        if self.province:
            return f"{self.text} province"
        if self.qualifier == "countryside":
            return f"{self.text} countryside"
        return f"near {self.text}" if self.near else self.text


@dataclass(frozen=True)
class _Run:
    """A run of capitalised words: the words' spans in the text, and what blocks some of them."""

    words: tuple[tuple[int, int], ...]
    low: tuple[str, ...]  # the words as vocabularies read them
    blocked: frozenset[int]  # words that belong to a person's or an organisation's name
    units: tuple[int, ...]  # for each word, the index of the first word of the name unit it belongs to


def spot(gazetteer: Gazetteer, text: str, offset: int = 0) -> list[Spotted]:
    """Place names in `text` (known ones and those the text marks as places), without overlaps, in text order."""
    found: list[Spotted] = []
    runs = []
    for m in _CANDIDATE.finditer(text):
        runs.append((m.start(), m.end()))
        end = m.end()
        tail = _LOWER_TAIL.match(text, end)
        if tail and _norm(tail.group(0)).split()[-1] not in NOT_NAMES:
            end = tail.end()
        elif _SINGLE.fullmatch(m.group(0)) and not _may_be_known(gazetteer, m.group(0).strip(_EDGE)):
            continue  # one word that no name is: most capitalised words
        found += _known_runs(gazetteer, text, m.start(), end, offset)
    for m in _ARABIC_RUN.finditer(text):
        found += _known_runs(gazetteer, text, m.start(), m.end(), offset)
    found = [f for f in found if _plausible(text, f, offset)]
    low = text.lower()
    if any(w in low for w in FEATURES) or (", " in text and " and " in text) or any(w in low for w in REGION_WORDS) \
            or _LOCATIVE_ARTICLE.search(low):
        found = _cued_names(gazetteer, text, found, offset, runs)
    return sorted(found, key=lambda x: x.start)


def _may_be_known(gazetteer: Gazetteer, word: str) -> bool:
    """False for a word that is no name, with or without a possessive "s" ("Syrias")."""
    if _norm(word) in NOT_PLACES:
        return False
    return knows(gazetteer, word) or bool(_unglued(gazetteer, word))


#: A word and the one or two capitalised words after it ("Talal al-Barazi", "Governor Talal Barazi"); the lookahead
#: lets every word of a text be tried as the opener.
_OPENER_AND_NAME = re.compile(rf"\b([A-Za-z]+)(?=\s+({_WORD}(?:\s+{_WORD})?))")


def people_words(text: str) -> frozenset[str]:
    """The last words of people's names a text writes out after a given name or a title ("Talal al-Barazi",
    "President Bashar al-Assad"), folded and without their article ("barazi", "assad"): written alone elsewhere in
    the text ("Barazi said"), such a word is that person, not a place."""
    out = set()
    for m in _OPENER_AND_NAME.finditer(text):
        opener = _norm(m.group(1))
        if opener in GIVEN_NAMES or opener in TITLES:
            last = m.group(2).split()[-1]
            key = fold(last[a.end():] if (a := _ARTICLE_START.match(last)) else last)
            if key and _norm(last) not in FEATURES:
                out.add(key)
    return frozenset(out)


def surname_key(name: str) -> str:
    """A spotted name as `people_words` keys it: folded, without a leading article."""
    return fold(name[a.end():] if (a := _ARTICLE_START.match(name)) else name)


def _known_runs(gazetteer: Gazetteer, text: str, start: int, end: int, offset: int) -> list[Spotted]:
    """The known parts of the run text[start:end], unless the words around make it a person or an organisation."""
    cache = _parts_cache.get(gazetteer)
    if cache is None:
        cache = _parts_cache[gazetteer] = {}
    key = text[start:end]
    hit = cache.get(key)
    if hit is None:
        if len(cache) > 200_000:
            cache.clear()
        run = _linked(gazetteer, key, _run(key, 0, len(key)))
        hit = cache[key] = (tuple(_known_parts(gazetteer, key, run, 0, len(run.words))), run.low)
    parts, low = hit
    if not parts or _blocked_by_context(text, start, end, low):
        return []
    return [_spotted(text, start + s, start + e, offset, known=known, cued=not known) for s, e, known in parts]


def _run(text: str, start: int, end: int) -> _Run:
    """The words of a run, the ones blocked as a person's or an organisation's name, and the name units."""
    tokens = [(w.start(), w.end()) for w in _TOKENS.finditer(text, start, end) if w.group(0).strip(_EDGE)]
    low, blocked, units = _words(tuple(text[s:e].strip(_EDGE) for s, e in tokens))
    return _Run(tuple(tokens), low, frozenset(range(blocked)) | _inner_blocks(low), units)


@functools.lru_cache(maxsize=50_000)
def _words(words: tuple[str, ...]) -> tuple[tuple[str, ...], int, tuple[int, ...]]:
    """For a run's words: the words as vocabularies read them, how many words from the start a person's or an
    organisation's name takes (all of them, or up to an organisation's tail word), and each word's name unit."""
    low = tuple(_unpossessive(_norm(w)) for w in words)
    n = len(low)
    blocked = 0
    for i, w in enumerate(low):
        followed = i + 1 < n and low[i + 1] not in FEATURES
        if (w in TITLES and followed) or w in PEOPLE or (w in GIVEN_NAMES and followed) or (i == 0 and w in ORG_HEADS):
            blocked = n
    for i in range(1, n):
        for j in range(i + 1, min(n, i + 3) + 1):
            if " ".join(low[i:j]) in ORG_TAILS:
                blocked = max(blocked, j)
    units = list(range(n))
    for i in range(n - 2, -1, -1):
        if low[i] in NAME_HEADS:
            units[i + 1] = units[i]
            if i + 2 < n and low[i + 1] in PARTICLES:
                units[i + 2] = units[i]
    return low, blocked, tuple(units)


def _unpossessive(word: str) -> str:
    """A word of the people and organisation vocabularies without the possessive "s" the text glued to it
    ("Al-Qaedas", "Assads"); other words as they are."""
    return word[:-1] if word.endswith("s") and word not in NAMED_WORDS and word[:-1] in NAMED_WORDS else word


@functools.lru_cache(maxsize=50_000)
def _inner_blocks(low: tuple[str, ...]) -> frozenset[int]:
    """Words of a run that spell an organisation's name ("Zaman al Wasl")."""
    out: set[int] = set()
    for i in range(len(low)):
        for j in range(i + 1, min(len(low), i + 4) + 1):
            if " ".join(low[i:j]) in ORGANISATIONS:
                out.update(range(i, j))
    return frozenset(out)


def _blocked_by_context(text: str, start: int, end: int, low: Sequence[str]) -> bool:
    """True when the words around a run make it a person or an organisation: a title before it ("President"), an
    organisation's tail after it ("24", "Radio"), a mosque or school after a person's name ("bin", "Abu")."""
    before = text[max(0, start - 30):start].split()
    if before and _norm(before[-1].strip(_EDGE)) in TITLES:
        return True
    after = _TOKENS.findall(text, end, end + 40)
    if not after:
        return False
    first = after[0].strip(_EDGE)
    capital = first[:1].isupper() or first.isdigit()
    for j in range(1, min(3, len(after)) + 1):
        tail = _norm(" ".join(a.strip(_EDGE) for a in after[:j]))
        if tail in ANY_TAILS or (capital and tail in ORG_TAILS):
            return True
    return first.lower() in FACILITIES and any(w in PERSON_MARKS for w in low)


def _linked(gazetteer: Gazetteer, text: str, run: _Run) -> _Run:
    """A run whose names joined by an article in lower case make one name unit each ("Karm al-Beik", "Salah
    al-Din"), unless the words before the article are a town, a district or more on their own ("Aleppo al-Sukkari"
    is two names) or the article and the word after it are a known name (a list that lost its commas: "Kafr Hamra
    al-Bab and X"). A capitalised article opens a name more often than it joins one ("Tal Hamra Al Qasr" in a list
    that lost its commas)."""
    units = list(run.units)
    for k in range(1, len(units) - 1):
        left = k - 1
        if run.low[k] not in ARTICLES or not text[run.words[k][0]].islower() or units[k] < k or units[k + 1] < k + 1 \
                or run.low[left] in PARTICLES or run.low[left] in NOT_NAMES or {left, k, k + 1} & run.blocked:
            continue
        head = text[run.words[units[left]][0]:run.words[left][1]].strip(_EDGE)
        tail = text[run.words[k][0]:run.words[k + 1][1]].strip(_EDGE)
        if not _big(gazetteer, head) and not knows(gazetteer, tail):
            units[k] = units[k + 1] = units[left]
    return replace(run, units=tuple(units)) if units != list(run.units) else run


def _big(gazetteer: Gazetteer, name: str) -> bool:
    """True when the gazetteer makes `name` a country, a governorate, a district or the town one is named after."""
    return any(h.place.type in BIG_TYPES or h.place.seat for h in gazetteer.lookup(name, loose=False))


def _known_parts(gazetteer: Gazetteer, text: str, run: _Run, lo: int, hi: int) -> list[tuple[int, int, bool]]:
    """Spans of the longest known parts of words lo..hi of a run, the rest of the run read again on each side, each
    with True; a name joined by an article whose words before the article are known is one part, with False when
    the gazetteer lacks the whole ("Salah al-Din" where it knows only "Salah")."""
    for size in range(hi - lo, 0, -1):
        for i in range(lo, hi - size + 1):
            j = i + size
            if any(k in run.blocked for k in range(i, j)) or run.units[i] != i \
                    or (j < len(run.units) and run.units[j] < j) or run.low[j - 1] in PARTICLES:
                continue  # a name unit split, or a person's or an organisation's name
            s, e = run.words[i][0], run.words[j - 1][1]
            raw = text[s:e]
            phrase = raw.strip(_EDGE)
            s += len(raw) - len(raw.lstrip(_EDGE))
            e = s + len(phrase)
            if not phrase or not _allowed(phrase):
                continue
            known = knows(gazetteer, phrase)
            cut = _unglued(gazetteer, phrase) if size == 1 and not known else 0
            if known or cut or (size > 2 and _joined_head_known(gazetteer, text, run, i, j)):
                return [*_known_parts(gazetteer, text, run, lo, i), (s, e - cut, known or bool(cut)),
                        *_known_parts(gazetteer, text, run, j, hi)]
    return []


def _unglued(gazetteer: Gazetteer, word: str) -> int:
    """How many letters to cut from the end of a word the gazetteer lacks to leave a known name: a possessive "s"
    ("Syrias"), a direction word glued by lost spacing ("Kobaninorth", "Manbijwest"); 0 when none does."""
    m = _GLUED_DIRECTION.search(word)
    for cut in (len(m.group(0)) if m else 0, 1 if word[-1:] == "s" and word[-2:-1] not in "s'’" else 0):
        head = word[:-cut] if cut else ""
        if len(head) > 3 and _allowed(head) and _norm(head) not in NOT_NAMES and knows(gazetteer, head):
            return cut
    return 0


def _joined_head_known(gazetteer: Gazetteer, text: str, run: _Run, i: int, j: int) -> bool:
    """True when words i..j of a run are one name joined by an article and its words before the article are known."""
    if any(run.units[x] != i for x in range(i, j)) or (j < len(run.units) and run.units[j] == i):
        return False  # not one whole name unit
    k = next((k for k in range(i + 1, j - 1) if run.low[k] in ARTICLES), None)
    head = text[run.words[i][0]:run.words[k - 1][1]].strip(_EDGE) if k is not None else ""
    return bool(head) and _allowed(head) and knows(gazetteer, head)


@functools.lru_cache(maxsize=100_000)
def _allowed(phrase: str) -> bool:
    """False for phrases made only of words never a place, too short, or a name head alone."""
    words = [_norm(w) for w in re.split(r"[\s-]+", phrase) if w]
    words = [w for w in words if w]
    if len(fold(phrase)) < 3 or not words:
        return False
    if len(words) == 1 and (words[0] in NAME_HEADS or (phrase.isupper() and len(phrase) <= ACRONYM)):
        return False
    if " " not in phrase and "-" in phrase and all(w in ENGLISH for w in phrase.lower().split("-")):
        return False  # "Insurgent-held", "Western-armed"
    return not all(w in NOT_PLACES or w in PARTICLES or len(w) < 2 for w in words)


def _spotted(text: str, s: int, e: int, offset: int, known: bool = True, cued: bool = False) -> Spotted:
    """A Spotted for text[s:e] with the words around it read."""
    before, after = text[max(0, s - BEFORE_CHARS): s], text[e: e + 40]
    last = before.rstrip(" [").rsplit(None, 2)[-2:]
    b = _BEFORE.search(before) if last and (last[-1].lower() in BEFORE_LAST or (
        len(last) == 2 and last[-1].lower() == "the" and last[0].lower() in BEFORE_LAST)) else None
    a = _AFTER.match(after)
    feat_after = FEATURES.get(a.group("feat").lower()) if a else None
    near = bool(b and (b.group("near") or b.group("dir"))) or feat_after == "near"
    province = feat_after == "governorate" or bool(b and b.group("feat2") and FEATURES.get(b.group("feat2").lower())
                                                    == "governorate")
    rural = None if b else _RURAL_BEFORE.search(before)  # "Rural Idlib", "rural Aleppo": the countryside
    qualifier = "countryside" if rural or (a and a.group("feat").lower() == "countryside") else ""
    p_start = s - len(b.group("phrase")) if b else s - len(rural.group(0)) if rural else s
    p_end = e + a.end() if a else e
    phrase = text[p_start:p_end]
    cued = cued or bool(b or a or rural)
    name = text[s:e]
    return Spotted(name, offset + s, offset + e, near=near, province=province, qualifier=qualifier,
                   phrase=phrase, known=known, cued=cued,
                   dictionary_name=not cued and " " not in name and name.lower() in ENGLISH_NAMES)


def _plausible(text: str, f: Spotted, offset: int) -> bool:
    """False for a single English word the text does not mark as a place ("Ten", "Attack")."""
    words = f.text.split()
    if len(words) > 1 or _norm(f.text) not in ENGLISH or f.cued:
        return True
    s = f.start - offset
    head = text[:s].rstrip()
    if not head or head[-1] in ".!?\"“:":
        return False  # the first word of a sentence
    return head.split()[-1].lower() in LOCATIVES


def _cued_names(gazetteer: Gazetteer, text: str, found: list[Spotted], offset: int,
                runs: Sequence[tuple[int, int]]) -> list[Spotted]:
    """Known names plus the names a feature word or a list marks as places. A marked run whose known part does not
    reach the marking word is one name, unknown or not ("Bab al-Nayrab neighbourhood", not "Bab")."""
    out = list(found)
    for s, e, side in _marked_runs(text, runs, [(f.start - offset, f.end - offset) for f in found]):
        inside = [f for f in out if s <= f.start - offset and f.end - offset <= e]
        edge = [f for f in inside if (f.end - offset == e if side in ("after", "region") else f.start - offset == s)]
        if edge:
            out = [replace(f, cued=True) if f in edge else f for f in out]
            continue
        if side == "after" and inside:  # "In Aleppos Qaryat al-Ansari village": the name after the known part
            gap = _NEXT_WORD.search(text, max(f.end - offset for f in inside), e)
            s, inside = (gap.end() if gap else e), []
        while side != "region" and s < e and (m := _SPACED.match(text, s)) \
                and _norm(m.group(0).strip(_EDGE)) in LEADING_NOT_NAMES:
            s = _SPACED.search(text, m.end()).start() if m.end() < e else e
        name = text[s:e].strip(_EDGE)
        if not name or not _allowed(name) or _run(text, s, e).blocked or _blocked_by_context(text, s, e, ()):
            continue
        out = [f for f in out if f not in inside] + [_spotted(text, s, s + len(name), offset,
                                                               known=knows(gazetteer, name), cued=True)]
    return out


_CUE_BEFORE = re.compile(rf"\b(?:{_FEATURE})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_SINGLE = re.compile(r"[^\s-]+")
_LOCATIVE_ARTICLE = re.compile(r"\b(?:in|near|at|into|outside|towards)\s+(?:al|el|ad|ar|as|ash|at|az|an)[-‐‑’']")
_LOCATIVE_BEFORE = re.compile(r"\b(?:in|near|at|into|outside|towards)\s+$")
_DIRECTION_BEFORE = re.compile(r"\b(?:eastern|western|northern|southern)\s+$", re.IGNORECASE)
_AND = re.compile(r"\s*(?:,\s*)?(?:and\s+)?")
_CUE_AFTER = re.compile(rf"(?:{_APPOSITION}|\s+)(?:(?:{_DIRECTION})\s+)?(?:{_FEATURE})\b", re.IGNORECASE)


def _region(run: str) -> bool:
    """True for a region a direction opens ("Eastern Ghouta", "Northern Qalamoun"): a capitalised direction and
    a word that is neither English nor a name an English dictionary lists."""
    words = run.split()
    return len(words) == 2 and words[0].lower() in REGION_WORDS and words[1].lower() not in NOT_NAMES \
        and words[1].lower() not in ENGLISH_NAMES and "-" not in words[1]


def _marked_runs(text: str, runs: Sequence[tuple[int, int]], known: Sequence[tuple[int, int]]
                 ) -> list[tuple[int, int, str]]:
    """Runs of capitalised words that a feature word marks ("the village of X": side "before"; "X village",
    "al-X region": side "after") or that stand in a list beside a known place ("al-Kashem, al-Shweit, al-Dweir
    and al-A’shara": side "list")."""
    out: list[tuple[int, int, str]] = []
    for s, e in runs:
        if _CUE_AFTER.match(text, e):
            out.append((s, e, "after"))
        elif _region(text[s:e]):
            out.append((s, e, "region"))
        elif (d := _DIRECTION_BEFORE.search(text, max(0, s - 12), s)) and _region(text[d.start():e]):
            out.append((d.start(), e, "region"))  # "regime bombs landed on eastern Ghouta"
        elif _ARTICLE_START.match(text, s) and _LOCATIVE_BEFORE.search(text, max(0, s - 12), s):
            out.append((s, e, "before"))  # "the blast took place in al-Mashi": an Arabic name after "in"
        elif (text.endswith(("of ", "of the "), 0, s) and _CUE_BEFORE.search(text, max(0, s - 40), s)) or (
                out and out[-1][2] == "before" and _AND.fullmatch(text, out[-1][1], s)):
            out.append((s, e, "before"))  # "the neighbourhoods of X and Y"
    for m in _LIST.finditer(text) if ", " in text and " and " in text else ():
        if any(m.start() <= k[0] < m.end() for k in known):
            for it in _ITEM.finditer(m.group(0)):
                if _ARTICLE_START.match(it.group(0)):
                    out.append((m.start() + it.start(), m.start() + it.end(), "list"))
    return out


def mention(gazetteer: Gazetteer, spotted: Spotted, *, admin1: str | None, near: Sequence[tuple[float, float]]
            ) -> PlaceMention:
    """Resolve one spotted name in context into a PlaceMention (unresolved when the gazetteer is unsure)."""
    # the article's governorate is what the text is mostly about: a preference, not a filter
    r = gazetteer.resolve(spotted.query, prefer_admin1=admin1, near=list(near) or None)
    phrase = spotted.phrase
    if not r.resolved:
        return PlaceMention(spotted.text, spotted.start, spotted.end, runners_up=tuple(
            f"{c.place.name} ({c.place.id}, {c.score:.2f})" for c in r.candidates[:4]), confidence=r.confidence,
            phrase=phrase)
    p = r.place
    precision = r.precision.value if r.precision else None
    if spotted.near and r.precision is Precision.EXACT:
        precision = "near"
    runners = tuple(f"{c.place.name} ({c.place.id}, {c.score:.2f})" for c in r.candidates[1:4])
    return PlaceMention(spotted.text, spotted.start, spotted.end, name=p.name, place_id=p.id, lat=p.lat, lon=p.lon,
                        precision=precision, confidence=r.confidence, admin1=p.admin1 or None, runners_up=runners,
                        phrase=phrase)


def _words_pattern(words) -> re.Pattern[str]:
    """Any of `words` as whole words (longest first)."""
    return re.compile(r"\b(?:" + "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True)) + r")\b")


_PART_WORDS = _words_pattern(PARTS)
#: Feature kinds that may name a part of a town or a site by it when the gazetteer lacks the name ("the Rashidin
#: area", "the Castello road"; "the Shahba al-Jadida district": the gazetteer has every admin district).
_WITHIN_WORDS = _words_pattern(w for w, k in FEATURES.items() if k in ("part", "site", "near", "district"))


def names_part(m: PlaceMention) -> bool:
    """True when the words around a mention say it is a part of a town ("the Sumaria neighbourhood", "the Umayyad
    square")."""
    return bool(m.phrase) and bool(_PART_WORDS.search(_norm(m.phrase)))


def names_within(m: PlaceMention) -> bool:
    """True when a feature word beside a name makes it a part of a town, a site or an area by one ("the Sheikh
    Maqsoud area", "the Marjeh neighbourhood", "the Castello road", "the Qaboun district" when the gazetteer lacks
    it), not a village."""
    return bool(m.phrase) and bool(_WITHIN_WORDS.search(_norm(m.phrase)))


def moved(m: PlaceMention, sp: Spotted) -> PlaceMention:
    """A resolution made for one mention of a name, given the text, span and phrase of another mention of it."""
    if (m.start, m.end) == (sp.start, sp.end):
        return m
    return replace(m, text=sp.text, start=sp.start, end=sp.end, phrase=sp.phrase)


def governorate_mention(gazetteer: Gazetteer, text: str, start: int, end: int, admin1: str) -> PlaceMention | None:
    """A governorate-precision mention for "the same province" when the article names the governorate."""
    gov = next((p for p in gazetteer.places if p.type == "governorate" and p.admin1 == admin1), None)
    if gov is None:
        return None
    return PlaceMention(text, start, end, name=gov.name, place_id=gov.id, lat=gov.lat, lon=gov.lon,
                        precision="governorate", confidence=0.8, admin1=admin1, phrase=text)
