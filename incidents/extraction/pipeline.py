"""Chain the extraction stages over one document: sentences -> places, dates, figures, attribution -> accounts.

One account per source and claim: a sentence that gives two claimants' figures ("SANA ... at least 30 ... SOHR ...
54"; "some outlets put the toll at 80 while others suggest 62") gives two accounts. A sentence without a casualty
figure gives none, and neither do generic statements ("the coalition continues to kill scores of civilians") nor a
vague summary of claims the same paragraph spells out ("estimates ranging from 30 to 54" before SANA's 30 and
SOHR's 54). Captions, lines of links and keyword lists (`Sentence.kind`) are no part of the article's text: they
give no claim; keywords count as the headline's.

What is no claim of its own (`distinct`, `completed`, `without_headline`):
- the title's copy at the head of the body ("Sun 22 Feb 2015 Suicide bomber kills 4 in ...") when the article states
  its figures again; a headline adding a figure the body lacks is a claim;
- a restatement: two claims of an article whose figures agree ("at least 10", "10"; "58 killed", "58 killed and
  dozens injured"), crediting one source (or one crediting no one: an uncredited lead repeating a credited
  sentence), about what may be one event, are one; a lump of another claim's killed and injured ("killed and
  injured five" for "two killed, three injured") and a part of another's toll said again go;
- an injured figure of the same event in the next sentences joins the claim before it ("A car bomb killed at least
  34 people ... More than 50 people were wounded in the attack");
- background events dated before the week of publication ("In May 2016 more than 300 were killed", the 2013 attack
  in a 2017 article), a toll of WAR_TOLL people or more anywhere, and, unless it is the article's lead claim, a
  toll over a period: war-wide and multi-week
  tallies (`vocab/claims_tally.txt`: "since the conflict began", "the war has killed"), multi-day totals ("since
  Saturday", "in the past four days"), and a toll without day or place right after one ("Meanwhile rebel fire
  killed 1102 people").

The place of a claim is decided at the level of the article (`claim_places`), each mention keeping `why` (and
its `phrase` as written):
1. "same sentence": the claim sentence's own places, when one of them is a village, a town or a neighbourhood.
   When the claim describes an unnamed place near it ("a clinic in a village near X", "a village south of X"),
   a village named beside it within NEAR_KM of X comes first ("other sentence");
2. "other sentence": else the nearest sentence (within NEIGHBOURS sentences of the article's text, the same
   paragraph before the next ones) that names a finer place (not the country) inside the governorate the claim
   names (anywhere when it names only the country or nothing) and speaks of an event or makes a claim; at equal
   distance the sentence after wins for a claim that names a coarse place ("in northern Syria" ... "the strike hit
   the village of X"), the one before for a claim that names none ("SANA said 20 were killed"). A sentence that
   turns to another event ("In another incident", `vocab/places_new_event.txt`) closes the search on its side;
3. "headline", then "dateline": a finer place the title (or the keywords) or the dateline names;
4. the claim's own coarse places (a governorate, the country), else the nearest sentence naming any place.
A name the gazetteer lacks keeps its text, unresolved; when the claim then has no resolved place finer than the
country, the finest resolved place the same search finds is added for a point. Names that are no place of the
article's events are dropped once resolved: a foreign country (the gazetteer's country field against the country
of the article's villages), a dictionary name the gazetteer makes only a village ("Russia").

The date of a claim (`claim_window`): its sentence's own event date (`dates.date_window`; datelines and the day a
source spoke are no event dates); for "Another N ..." and "N ... were also killed", the day of the claim before it;
for a sentence that dates nothing (or only by the day a source spoke of "the attack"), the day of the event it
continues (the nearest event day among the INHERIT sentences before it), else the day the next sentence gives "the
explosion" / "the attacks" it speaks of (or "Tuesdays assault"), from sentences whose places lie in the claim's
governorates; else the title's date; else the publication date bounds it from above: (None, published), precision
"before".
A document that is not English gives no accounts, and says why (`skipped_reason`: its share of Arabic letters, or
of English words). Only the sentences around claims are read for places.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from gazetteer import Gazetteer, Place, distance_km

from .. import claimants
from .attribution import Attribution, find_attributions, perpetrator, target, weapon
from .dates import DateWindow, date_window, dateline_spans
from .figures import Figure, find_figures, parse_quantity
from ..model import Account, Document, PlaceMention
from .places import (
    ENGLISH,
    FEATURES,
    LOCATIVES,
    SAME_PROVINCE,
    Spotted,
    governorate_mention,
    mention,
    moved,
    names_part,
    names_within,
    people_words,
    spot,
    surname_key,
)
from .sentences import Sentence, split_sentences, vocabulary, vocabulary_table, without_furniture

UNATTRIBUTED = "unattributed"
#: Words saying a sentence describes a habit or a tendency, not one event.
GENERIC = re.compile(r"\b(?:continu(?:e|es|ed|ing) to|on (?:a )?daily basis|every (?:day|night|week|month)|"
                     r"day after day|regularly|repeatedly|routinely|systematically|seems? to|would|could|tends? to|"
                     r"admitted to)\b", re.I)
#: Words of an event: a sentence beside a claim holding one may say where the claim's event took place.
EVENT = re.compile(r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    vocabulary("places_event_words"), key=len, reverse=True)) + ")", re.I)
#: Words opening a sentence that turns to another event.
NEW_EVENT = re.compile(r"\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(
    vocabulary("places_new_event"), key=len, reverse=True)) + r")\b", re.I)
#: Phrases of a toll over a period (war-wide, multi-week); "since" unless a same-day start follows it.
TALLY = re.compile(r"(?<![\w-])(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(vocabulary("claims_tally"), key=len, reverse=True)
    if w != "since") + r"|since(?!\s+(?:" + "|".join(
    re.escape(w).replace(r"\ ", r"\s+") for w in sorted(vocabulary("claims_same_day"), key=len, reverse=True))
    + r")\b))(?![\w-])", re.I)
def _alternation(name: str) -> str:
    """A vocabulary's entries as a regular expression alternation, longest first, spaces matching any spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(vocabulary(name), key=len, reverse=True))


_THE_EVENT = rf"(?:the|this|that|these|those)\s+(?:[\w-]+\s+){{0,2}}?(?:{_alternation('dates_event_nouns')})\w*"
#: A sentence opening on the event a claim before it reported ("The explosion took place ... on Saturday",
#: "Thursdays air strikes were carried out in Douma"), or telling when "the <event>" happened anywhere in it.
THE_EVENT = re.compile(rf"\s*(?:{_THE_EVENT}|(?:mon|tues|wednes|thurs|fri|satur|sun|yester)days\s+(?:[\w-]+\s+){{0,2}}?"
                       rf"(?:{_alternation('dates_event_nouns')}))", re.I)
#: An event named by its day anywhere ("said after Tuesdays assault"): the day of the event a claim before it reported.
DAYS_EVENT = re.compile(rf"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days\s+(?:[\w-]+\s+){{0,2}}?"
                        rf"(?:{_alternation('dates_event_nouns')})", re.I)
#: A source speaking of an event already reported ("said on Thursday that 90 were killed after the attack"); "that"
#: is left out, as it mostly opens what was said ("said that an air strike killed").
SPOKEN_OF = re.compile(rf"\b(?:the|this|these|those)\s+(?:[\w-]+\s+){{0,2}}?(?:{_alternation('dates_event_nouns')})\w*",
                       re.I)
#: "the <event>" anywhere: a sentence speaking of an event already reported ("wounded in the attack").
THE_EVENT_NAMED = re.compile(rf"\b{_THE_EVENT}\b", re.I)
THE_EVENT_DONE = re.compile(rf"\b{_THE_EVENT}\s+(?:(?:had|has|have)\s+)?(?:{_alternation('dates_event_verbs')})\b",
                            re.I)
_LIST = vocabulary_table("dates_list_openers")
#: Words opening a sentence that continues a list of tolls ("Another 14 ...", "A further five ...").
LIST_OPENER = re.compile(r"\s*(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in _LIST["opener"]) + r")\b",
                         re.I)
#: A casualty verb marked as one more of a list ("were also killed", "died as well").
LIST_ALSO = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _LIST["also"]) + r")\s+(?:been\s+)?(?:killed|died|"
                       r"wounded|injured|executed)\b|\b(?:killed|died|wounded|injured)\s+as\s+well\b", re.I)
SAME_WEEK = 7  # days: a claim dated by itself to before this many days ahead of publication is background
EVENT_DAYS = 3  # a window of at most this many days dates an event; a longer one ending at publication, a period
INHERIT = 4  # article sentences read back for the day of the event a claim continues
COMPLETES = 2  # article sentences after a claim in which an injured figure of the same event joins it
SUMMED = 24  # a headline's total is looked for among the sums of the body's first this many figures
APPROXIMATE = 0.1  # "nearly 30", "about 30": within this share of a toll
WAR_WIDE = 1000  # a vague toll of at least this many ("thousands") is a tally of the war, not of one event
WAR_TOLL = 10_000  # a toll of at least this many (every figure of the sentence) is a tally of a war, even as the
# lead: no single attack claimed in these wars comes near it
HEADLINE_WORDS = 4  # a copy of the title at the head of the body: at least its first this many words
HEADLINE_SLACK = 120  # characters of the body (a dateline, a byline) before the title's copy
_TITLE_WORD = re.compile(r"[^\W_]+")
CITY = 50_000  # people: a dictionary name ("Palmyra") that the gazetteer makes a place this large is a place
SURE = 0.95  # a resolution this confident without context is kept when the article's governorate agrees
DATELINE_SENTENCES = 2  # a dateline stands in the first sentences of the body
NEIGHBOURS = 4  # sentences of the article's text searched on each side of a claim for its place
SCAN = 4 * NEIGHBOURS  # sentences read on each side of a claim, captions and links included
SAME, OTHER, HEADLINE, DATELINE = "same sentence", "other sentence", "headline", "dateline"
#: How fine a mention is: a village or town, near one, a name the gazetteer lacks, a district, ..., the country.
LEVELS = ("exact", "near", None, "district", "governorate", "country")
NAMED = LEVELS.index(None)  # a claim naming a place this fine keeps its own
NEAR = LEVELS.index("near")
COUNTRY = LEVELS.index("country")
NEAR_KM = 30.0  # a village named beside a claim's "a village near X" lies this close to X
CITY_KM = 8.0  # a part of a city (a neighbourhood, a suburb the gazetteer has as a town) lies this close to its point
CITY_POPULATION = 20_000  # a town this big has parts an article may name
CONTEXT_SENTENCES = 1  # how far from a part's sentence the towns around it are looked for
SUPPORT_KM = 25.0  # a village outside the article's governorate needs another place of the article this close
STRAY_VOTES = 3  # ... when the article names this many places of its own governorate
#: An unnamed place the claim describes ("a village", "a town near Aleppo"): its name may stand in another sentence.
UNNAMED = re.compile(r"\b(?:a|an|one)\s+(?:\w+\s+)?(?:" + "|".join(
    w for w in FEATURES if FEATURES[w] == "locality" and not w.endswith("s")) + r")\b", re.I)
LANGUAGE_CHARS = 1500  # the language is judged on the first characters of the body
ARABIC_SHARE = 0.3  # above this share of Arabic-script letters, a text is Arabic
ENGLISH_SHARE = 0.35  # below this share of English words among its words, a text is not English
_LETTERS = re.compile(r"[^\W\d_]")
_ARABIC_LETTERS = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_WORDS = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says that each sentence may lean on."""

    published: dt.date | None
    context_year: int | None
    admin1: str | None  # the governorate the article names most


@dataclass(frozen=True)
class ArticlePlaces:
    """The places an article names: each needed sentence's mentions, the headline's and the dateline's."""

    sentences: dict[int, tuple[PlaceMention, ...]]
    headline: tuple[PlaceMention, ...] = ()
    dateline: tuple[PlaceMention, ...] = ()
    admin1: str | None = None
    cities: frozenset[str] = frozenset()  # ids of the towns named that have parts (neighbourhoods, roads, sites)


@dataclass(frozen=True)
class Claim:
    """An account with the figures and sentence it came from (for the article-level checks)."""

    account: Account
    figures: tuple[Figure, ...]
    paragraph: int
    sentence: int = 0  # index of the claim's sentence in the article


def skipped_reason(doc: Document) -> str | None:
    """Why a document gives no accounts whatever it says: it is not English (judged on its script and its words)."""
    body = doc.text[doc.body_start: doc.body_start + LANGUAGE_CHARS]
    if _ARABIC_LETTERS.search(body):  # letters counted only where there is Arabic script to weigh
        letters = len(_LETTERS.findall(body))
        if len(_ARABIC_LETTERS.findall(body)) > ARABIC_SHARE * letters:
            return "not English: Arabic text"
    words = _WORDS.findall(body.lower())
    if len(words) >= 20 and sum(w in ENGLISH for w in words) < ENGLISH_SHARE * len(words):
        return "not English"
    return None


def body_sentences(doc: Document) -> list[Sentence]:
    """The sentences of the article's body (header lines left out, a sentence straddling the header trimmed)."""
    out = []
    for s in split_sentences(doc.text):
        if s.end <= doc.body_start:
            continue
        if s.start < doc.body_start:
            cut = doc.text[doc.body_start:s.end]
            lead = len(cut) - len(cut.lstrip())
            s = Sentence(cut.strip(), doc.body_start + lead, doc.body_start + lead + len(cut.strip()), s.paragraph,
                         s.kind)
            if not s.text:
                continue
        out.append(s)
    return out


def _dateline(sp: Spotted, s: Sentence, doc: Document) -> bool:
    """True for a dateline ("DAMASCUS, (ST)-"): where the report was filed, not where the event was."""
    return sp.text.isupper() and sp.start - s.start < 3 and s.start - doc.body_start < 40


def _headline(gaz: Gazetteer, doc: Document) -> list[Spotted]:
    """The names the title holds (spans in the article when the title stands in its header, else empty spans)."""
    if not doc.title:
        return []
    at = doc.text.find(doc.title, 0, max(doc.body_start, len(doc.title)))
    found = spot(gaz, doc.title, offset=max(at, 0))
    return found if at >= 0 else [replace(f, start=0, end=0) for f in found]


def _home_country(gaz: Gazetteer, mentions: Sequence[PlaceMention]) -> str | None:
    """The country most of an article's villages and towns lie in (the gazetteer's country field)."""
    countries = Counter(p.country for m in mentions if m.place_id and level(m) < NAMED
                        and (p := gaz.get(m.place_id)) is not None)
    return countries.most_common(1)[0][0] if countries else None


def _placed(gaz: Gazetteer, sp: Spotted, m: PlaceMention, home: str | None) -> bool:
    """False for what is named but is no place of the article's events: a foreign country (by the gazetteer's
    country field), a dictionary name ("Russia", "Omar") that the gazetteer makes only a village."""
    place = gaz.get(m.place_id) if m.place_id else None
    if place is not None and place.type == "country" and home and place.country != home:
        return False
    if sp.dictionary_name:
        return place is not None and (place.type not in ("locality", "site") or place.population >= CITY)
    return True


def _a_person(gaz: Gazetteer, text: str, sp: Spotted, m: PlaceMention, people: frozenset[str]) -> bool:
    """True for a name the article gives elsewhere as a person's ("Talal al-Barazi", then "Barazi said"), unless a
    locative marks it as a place ("in Barazi") or the gazetteer makes it a city."""
    if not people or surname_key(sp.text) not in people:
        return False
    before = text[max(0, sp.start - 12):sp.start].split()
    if before and before[-1].lower() in LOCATIVES:
        return False
    place = gaz.get(m.place_id) if m.place_id else None
    return place is None or place.population < CITY


def article_places(gaz: Gazetteer, doc: Document, sentences: Sequence[Sentence], needed: set[int]
                   ) -> ArticlePlaces:
    """The needed sentences' place mentions, the headline's and the dateline's, resolved with the governorate they
    name most and the other places of their sentence (else of the article). Sentences far from every claim are not
    read."""
    spotted = {k: spot(gaz, s.text, offset=s.start) for k, s in enumerate(sentences)
               if s.article and (k in needed or k < DATELINE_SENTENCES)}
    dateline = [sp for k, v in spotted.items() for sp in v if _dateline(sp, sentences[k], doc)]
    spotted = {k: [sp for sp in v if sp not in dateline] for k, v in spotted.items()}
    headline = _headline(gaz, doc) + [sp for k, x in enumerate(sentences) if x.kind == "tags"
                                      for sp in spot(gaz, x.text, offset=x.start)]
    alone: dict[str, PlaceMention] = {}  # a name's resolution without context, once per article

    def first(sp: Spotted) -> PlaceMention:
        return moved(alone.setdefault(sp.query, mention(gaz, sp, admin1=None, near=())), sp)

    firsts = {k: [first(sp) for sp in v] for k, v in spotted.items()}
    home = _home_country(gaz, [m for v in firsts.values() for m in v])
    people = people_words(doc.text)
    for k in firsts:
        keep = [i for i, (sp, m) in enumerate(zip(spotted[k], firsts[k])) if _placed(gaz, sp, m, home)
                and not _a_person(gaz, doc.text, sp, m, people)]
        spotted[k], firsts[k] = [spotted[k][i] for i in keep], [firsts[k][i] for i in keep]
    headline = [sp for sp in headline if _placed(gaz, sp, first(sp), home)]
    dateline = [sp for sp in dateline if _placed(gaz, sp, first(sp), home)]
    votes: Counter[str] = Counter()
    for m in [*(m for v in firsts.values() for m in v), *map(first, headline)]:
        if m.admin1 and m.precision != "country":
            votes[m.admin1] += 2 if m.precision == "governorate" else 1
    admin1 = votes.most_common(1)[0][0] if votes else None
    doc_points = sorted({(round(m.lat, 3), round(m.lon, 3)) for v in firsts.values() for m in v
                         if m.resolved and m.precision in ("exact", "near")})

    seen: dict[tuple, PlaceMention] = {}  # a name resolved in one context, once per article

    def in_context(spots: Sequence[Spotted], ms: Sequence[PlaceMention]) -> tuple[PlaceMention, ...]:
        out = []
        for sp, m0 in zip(spots, ms):
            if m0.resolved and (m0.confidence >= SURE or not m0.runners_up) and m0.admin1 in (admin1, None):
                out.append(m0)  # context cannot change a sure or lone answer in the article's governorate
                continue
            others = tuple((m.lat, m.lon) for m in ms
                           if m.resolved and m is not m0 and m.precision in ("exact", "near"))
            key = (sp.query, others or tuple(doc_points))
            if key not in seen:
                seen[key] = mention(gaz, sp, admin1=admin1, near=list(key[1]))
            out.append(moved(seen[key], sp))
        return tuple(out)

    sentences_ = {k: in_context(spotted[k], firsts[k]) for k in needed if k in spotted}
    heads = in_context(headline, [first(sp) for sp in headline])
    dates = in_context(dateline, [first(sp) for sp in dateline])
    towns = {m.place_id: (m.lat, m.lon) for ms in (*sentences_.values(), heads, dates) for m in ms
             if m.resolved and level(m) == 0}
    cities = {i: p for i, p in towns.items() if _city(gaz.get(i))}

    points = [(m.place_id, (m.lat, m.lon)) for ms in (*sentences_.values(), heads, dates) for m in ms
              if m.resolved and level(m) <= NEAR]

    def parts_in(ms: tuple[PlaceMention, ...]) -> tuple[PlaceMention, ...]:
        ms = tuple(_unplaced_stray(m, votes, admin1, cities, points) for m in ms) if admin1 else ms
        return tuple(_unplaced_part(m, cities) for m in ms) if cities else ms

    return ArticlePlaces(sentences={k: parts_in(v) for k, v in sentences_.items()}, headline=parts_in(heads),
                         dateline=parts_in(dates), admin1=admin1, cities=frozenset(cities))


def _unplaced_stray(m: PlaceMention, votes: Counter[str], admin1: str, cities: dict[str, tuple[float, float]],
                   points: Sequence[tuple[str, tuple[float, float]]]) -> PlaceMention:
    """A village the gazetteer gives, not sure, in a governorate the article names nowhere else, while the article is
    about another one (STRAY_VOTES of its places), with no other place of the article within SUPPORT_KM of it: the
    name is kept, unresolved. (In a Damascus article "Jobar" is the city's district the gazetteer lacks, not the
    village of Jawbar in Homs. An article naming towns of two governorates keeps both; al-Foua and Kefraya named
    together in an Aleppo article support each other; a city is named for itself.)"""
    if not m.resolved or level(m) > NEAR or m.admin1 in (admin1, None) or m.confidence >= SURE \
            or m.place_id in cities or votes[admin1] < STRAY_VOTES or votes[m.admin1] > 1 \
            or any(i != m.place_id and distance_km((m.lat, m.lon), p) <= SUPPORT_KM for i, p in points):
        return m
    far = f"{m.name} ({m.place_id}): another governorate, no place of the article near it"
    return PlaceMention(m.text, m.start, m.end, confidence=m.confidence, runners_up=(far, *m.runners_up),
                        phrase=m.phrase, why=m.why)


def _unplaced_part(m: PlaceMention, cities: dict[str, tuple[float, float]]) -> PlaceMention:
    """A mention the text makes a part of a town ("the Marjeh neighbourhood") resolved to a village farther than
    CITY_KM from every city the article names: the name is kept, unresolved (the village is another place of the
    same name; the gazetteer lacks the neighbourhood)."""
    if not m.resolved or level(m) != 0 or m.place_id in cities or not names_part(m) \
            or any(distance_km((m.lat, m.lon), p) <= CITY_KM for p in cities.values()):
        return m
    far = f"{m.name} ({m.place_id}): no part of a city the article names"
    return PlaceMention(m.text, m.start, m.end, confidence=m.confidence, runners_up=(far, *m.runners_up),
                        phrase=m.phrase, why=m.why)


def _city(p: Place | None) -> bool:
    """True for a town with parts an article may name: a seat of an admin unit, or CITY_POPULATION people."""
    return p is not None and p.type == "locality" and (p.seat or p.population >= CITY_POPULATION)


def article_windows(doc: Document, sentences: Sequence[Sentence]) -> tuple[list[DateWindow | None], int | None]:
    """Each sentence's date window (the datelines at the head of the body are no event dates); a year the article
    states in a full date dates the day-month ones."""
    skip = dateline_spans(doc.text[doc.body_start:], offset=doc.body_start)

    def run(year: int | None) -> list[DateWindow | None]:
        out: list[DateWindow | None] = []
        previous = None
        for s in sentences:
            w = date_window(s.text, published=doc.published, context_year=year, previous=previous, offset=s.start,
                            skip=skip)
            out.append(w)
            previous = w if w is not None and (w.date_min or w.date_max) else previous
        return out

    first = run(None)
    if doc.published is not None or not any(w is not None and w.date_min is None and (
            w.month_day or w.precision == "month") for w in first):
        return first, None  # no day or month waits for a year
    years = [w.date_min.year for w in first if w and w.precision == "day" and w.date_min and not w.month_day]
    year = Counter(years).most_common(1)[0][0] if years else None
    return (run(year) if year else first), year


def background(w: DateWindow | None, published: dt.date | None) -> bool:
    """True for a window before the week of publication: a week, month or year that ended before the publication
    day ("In May", "last week", "in 2013"), or days more than SAME_WEEK days before it."""
    if w is None or published is None or w.date_max is None or w.precision in ("before", "unknown"):
        return False
    if w.precision in ("week", "month", "year"):
        return w.date_max < published
    return w.date_max < published - dt.timedelta(days=SAME_WEEK)


def event_day(w: DateWindow | None, published: dt.date | None) -> bool:
    """True for a window that pins an event to a day or a few (at most EVENT_DAYS; no day a source spoke, no
    background)."""
    return (w is not None and w.precision in ("day", "days") and w.date_min is not None and w.date_max is not None
            and (w.date_max - w.date_min).days < EVENT_DAYS and not background(w, published))


def period(w: DateWindow | None, published: dt.date | None) -> bool:
    """True for a window of a toll over a period ending at publication: days longer than EVENT_DAYS ("in the past
    four days"), weeks, months or a year longer than SAME_WEEK ("over the past two weeks", "in recent months",
    "this year")."""
    if w is None or w.date_min is None or w.date_max is None:
        return False
    span = (w.date_max - w.date_min).days
    return (w.precision == "days" and span >= EVENT_DAYS) or (w.precision in ("week", "month", "year")
                                                              and span > SAME_WEEK)


def _areas(mentions: Sequence[PlaceMention]) -> set[str]:
    """The governorates resolved mentions lie in (the country left out)."""
    return {m.admin1 for m in mentions if m.resolved and m.admin1 and m.precision != "country"}


@dataclass(frozen=True)
class ArticleDates:
    """What dates an article's claims: each sentence's own window, the publication date, the title's date."""

    windows: tuple[DateWindow | None, ...]
    published: dt.date | None
    title: DateWindow | None = None

    def event_day(self, j: int) -> bool:
        """True when sentence j dates an event to a day or a few."""
        return event_day(self.windows[j], self.published)


def claim_window(k: int, sentences: Sequence[Sentence], dates: ArticleDates, places: ArticlePlaces,
                 own_places: Sequence[PlaceMention], earlier: dict[int, DateWindow | None]) -> DateWindow | None:
    """The date window of the claim in sentence k (`earlier`: the windows of the claims before it):
    1. its own date, the day a source spoke aside;
    2. for a sentence continuing a list ("Another 14 ...", "nine ... were also killed" in a sentence that dates
       nothing; `vocab/dates_list_openers.txt`), the day of the claim before it;
    3. for a sentence that dates nothing (or only by the day a source spoke of "the attack" reported before it),
       the day of the event it continues: the nearest event day among the INHERIT article sentences before it;
    4. the day the next sentence gives "the <event>" ("The explosion took place ... on Saturday", "said the attacks
       had occurred in Manbij during the past 24 hours") or names the event by its day ("said after Tuesdays
       assault");
    (3 and 4 from a sentence whose places lie in the claim's governorates) 5. the title's date; 6. the publication
    date bounds it from above (`DateWindow(None, published, "before", "")`), else the day a source spoke."""
    own = dates.windows[k]
    if own is not None and own.precision != "before":
        return own
    if LIST_OPENER.match(sentences[k].text) or (own is None and LIST_ALSO.search(sentences[k].text)):
        previous = [w for j, w in sorted(earlier.items()) if j < k and event_day(w, dates.published)]
        if previous:
            return previous[-1]
    mine = _areas(own_places)

    def same_area(j: int) -> bool:
        theirs = _areas(places.sentences.get(j, ()))
        return not (mine and theirs) or bool(mine & theirs)

    seen = 0
    spoken_of = own is not None and own.precision == "before" and SPOKEN_OF.search(sentences[k].text)
    for j in range(k - 1, -1, -1) if own is None or spoken_of else ():
        if not sentences[j].article:
            continue
        if dates.event_day(j) and same_area(j):
            return dates.windows[j]
        seen += 1
        if seen == INHERIT:
            break
    nxt = next((j for j in range(k + 1, min(len(sentences), k + SCAN)) if sentences[j].article), None)
    if nxt is not None and dates.event_day(nxt) and same_area(nxt) and (
            THE_EVENT.match(sentences[nxt].text) or THE_EVENT_DONE.search(sentences[nxt].text)
            or DAYS_EVENT.search(sentences[nxt].text)):
        return dates.windows[nxt]
    if dates.title is not None:
        return dates.title
    return DateWindow(None, dates.published, "before", "") if dates.published else own


def tally(s: Sentence, figures: Sequence[Figure], w: DateWindow | None, published: dt.date | None) -> bool:
    """True for a toll over a period: war-wide and multi-week tallies (`vocab/claims_tally.txt`: "since 2011", "in
    the war", "over the past year"; vague thousands: "Air raids kill thousands"), and multi-day totals ("since
    Saturday", "in the past four days")."""
    return (bool(TALLY.search(s.text)) or period(w, published)
            or all(_vague(f) and (f.min or 0) >= WAR_WIDE for f in figures))


def war_toll(figures: Sequence[Figure]) -> bool:
    """True when every figure of a sentence counts WAR_TOLL people or more ("the conflict has killed more than
    230000"): a war's toll, never one event's, wherever it stands in the article."""
    return bool(figures) and all((f.min or 0) >= WAR_TOLL for f in figures)


def level(m: PlaceMention) -> int:
    """How fine a mention is (`LEVELS`): 0 for a village or town ... 5 for the country."""
    return LEVELS.index(m.precision) if m.precision in LEVELS else NAMED


def finest(mentions: Sequence[PlaceMention]) -> int:
    """The finest level among mentions (len(LEVELS) when there are none)."""
    return min((level(m) for m in mentions), default=len(LEVELS))


def _area(mentions: Sequence[PlaceMention]) -> str | None:
    """The governorate a claim's coarse places lie in (None for the country or nothing)."""
    inside = [m for m in mentions if m.resolved and level(m) < LEVELS.index("country") and m.admin1]
    return inside[0].admin1 if inside else None


def neighbours(k: int, sentences: Sequence[Sentence], after_first: bool) -> list[int]:
    """The article sentences around sentence k in the order they are searched for its place: the same paragraph
    before the next ones, nearer before farther (captions and links not counted, at most SCAN sentences read on
    each side); a sentence turning to another event closes each side."""
    para = sentences[k].paragraph
    found: list[tuple[int, int, bool, int]] = []  # (paragraph distance, sentence distance, order at a tie, index)
    for step, stop in ((-1, max(-1, k - SCAN - 1)), (1, min(len(sentences), k + SCAN + 1))):
        if step < 0 and NEW_EVENT.match(sentences[k].text):
            continue
        near = 0
        for j in range(k + step, stop, step):
            s = sentences[j]
            if not s.article:
                continue
            if abs(s.paragraph - para) > 1 or near == NEIGHBOURS or (step > 0 and NEW_EVENT.match(s.text)):
                break
            near += 1
            found.append((abs(s.paragraph - para), near, (j < k) == after_first, j))
            if step < 0 and NEW_EVENT.match(s.text):
                break
    return [j for *_, j in sorted(found)]


def _search(order: Sequence[int], sentences: Sequence[Sentence], places: ArticlePlaces, claims: set[int],
            keep: Callable[[PlaceMention, Sequence[PlaceMention]], bool], heads: bool = True
            ) -> tuple[PlaceMention, ...]:
    """The mentions `keep` accepts (given the other mentions of their source) from the first source holding one:
    the neighbours in order (a sentence of an event or a claim), then (`heads`) the headline, then the dateline;
    each mention tagged with why it was taken."""
    for j in order:
        mentions = places.sentences.get(j, ())
        found = [m for m in mentions if keep(m, mentions)]
        if found and (j in claims or EVENT.search(sentences[j].text)):
            return tuple(replace(m, why=OTHER) for m in found)
    for why, source in ((HEADLINE, places.headline), (DATELINE, places.dateline)) if heads else ():
        found = [m for m in source if keep(m, source)]
        if found:
            return tuple(replace(m, why=why) for m in found)
    return ()


def claim_places(k: int, sentences: Sequence[Sentence], places: ArticlePlaces, own: Sequence[PlaceMention],
                 claims: set[int]) -> tuple[PlaceMention, ...]:
    """The places of the claim in sentence k, each with why it was taken (see the module's docstring)."""
    mine = tuple(replace(m, why=SAME) for m in own)
    here = finest(own)
    order = neighbours(k, sentences, after_first=bool(own))
    if here < NAMED:
        if here == 0 and not UNNAMED.search(sentences[k].text):
            return _with_part(k, order, sentences, places, claims, mine)
        points = [(m.lat, m.lon) for m in own if m.resolved and level(m) == here]  # "a village near X": which
        ids = {m.place_id for m in own}
        found = _search(order, sentences, places, claims, lambda m, _: level(m) == 0 and m.place_id not in ids
                        and any(distance_km((m.lat, m.lon), p) <= NEAR_KM for p in points))
        return (*found, *mine)
    area = _area(own)
    if here == NAMED and area:  # a village the gazetteer lacks, in a governorate the claim names: all is said
        return mine
    wanted = min(here, COUNTRY)  # finer than the claim's own places and than the country
    chosen = (*_search(order, sentences, places, claims, lambda m, ms: level(m) < wanted and _inside(m, ms, area)),
              *mine)
    near = [(m.lat, m.lon) for m in chosen if m.resolved and m.precision == "near" and m.why != SAME]
    if near and finest(chosen) == LEVELS.index("near"):  # "strikes near X" around the claim: the villages by X
        ids = {m.place_id for m in chosen}  # that an event sentence after it names ("targeted the towns of ...")
        chosen = (*_search([j for j in order if j > k], sentences, places, claims,
                           lambda m, _: level(m) == 0 and m.place_id not in ids
                           and any(distance_km((m.lat, m.lon), p) <= NEAR_KM for p in near), heads=False),
                  *chosen)
    if chosen and not any(m.resolved and level(m) < COUNTRY for m in chosen):  # names without a point: the
        point = _search(order, sentences, places, claims,  # finest resolved place around gives one
                        lambda m, ms: m.resolved and level(m) < COUNTRY and _inside(m, ms, area))
        chosen = (*chosen, *[m for m in point if level(m) == finest(point)][:1])
    if chosen:
        return chosen
    for j in order:
        if places.sentences.get(j):
            return tuple(replace(m, why=OTHER) for m in places.sentences[j])
    return tuple(replace(m, why=HEADLINE) for m in places.headline)


def _with_part(k: int, order: Sequence[int], sentences: Sequence[Sentence], places: ArticlePlaces, claims: set[int],
               mine: tuple[PlaceMention, ...]) -> tuple[PlaceMention, ...]:
    """A claim placed in a city (`ArticlePlaces.cities`) and nothing finer: the part of it that the sentences around
    name ("... killed in Damascus." "The attack occurred in the Qaboun district"), first. A part is a name the
    gazetteer lacks that a feature word makes a part of a town or an area (`places.names_within`), or a village or
    town the gazetteer has within CITY_KM of the city; neither the sentence naming it nor the sentences on each side
    of it (CONTEXT_SENTENCES) name a town outside the city's governorate."""
    towns = [m for m in mine if m.resolved and level(m) == 0]
    if not towns or any(m.place_id not in places.cities for m in towns):
        return mine
    points = [(m.lat, m.lon) for m in towns]

    def by_town(m: PlaceMention) -> bool:
        return any(distance_km((m.lat, m.lon), p) <= CITY_KM for p in points)

    def part(m: PlaceMention, beside: Sequence[PlaceMention]) -> bool:
        if any(o.resolved and level(o) == 0 and not by_town(o) for o in beside):
            return False  # the sentence is about another town
        if not m.resolved:
            return names_within(m)
        return level(m) == 0 and m.place_id not in places.cities and by_town(m)

    if any(part(m, mine) for m in mine if m not in towns):
        return mine
    areas = {m.admin1 for m in towns}

    def elsewhere(j: int) -> bool:
        """True when the sentence on either side of j names a town outside the city's governorate: a part named
        there may belong to another city."""
        for step in (-1, 1):
            i, seen = j + step, 0
            while 0 <= i < len(sentences) and seen < CONTEXT_SENTENCES:
                if sentences[i].article:
                    seen += 1
                    ms = [m for m in places.sentences.get(i, ()) if m.resolved and level(m) <= NEAR]
                    if ms:
                        if any(m.admin1 not in areas and not by_town(m) for m in ms):
                            return True
                        break
                i += step
        return False

    for j in order:
        ms = places.sentences.get(j, ())
        found = [m for m in ms if part(m, ms)]
        if found and (j in claims or EVENT.search(sentences[j].text)) and not elsewhere(j):
            return (*(replace(m, why=OTHER) for m in found), *mine)
    return mine


def _inside(m: PlaceMention, beside: Sequence[PlaceMention], area: str | None) -> bool:
    """True when there is no governorate to lie in, or the mention lies in it, or (a name the gazetteer lacks) a
    place named beside it lies in it."""
    return area is None or m.admin1 == area or (m.admin1 is None and any(o.admin1 == area for o in beside))


def _pair(figures: Sequence[Figure], attributions: Sequence[Attribution]) -> list[tuple[list[Figure], str]]:
    """Group a sentence's figures by claimant."""
    if len(attributions) >= 2 and len(figures) >= 2:
        groups: dict[str, list[Figure]] = {}
        for f in figures:
            before = [a for a in attributions if a.start <= f.start]
            a = before[-1] if before else attributions[0]
            groups.setdefault(a.claimed_by, []).append(f)
        return [(fs, who) for who, fs in groups.items()]
    who = attributions[0].claimed_by if attributions else ""
    killed = [f for f in figures if f.kind == "killed"]
    if len({(f.min, f.max) for f in killed}) > 1:  # two different tolls from one claimant: two claims, each with
        groups = [[f] for f in killed]  # the other figures standing after it (before the next toll)
        for f in figures:
            if f.kind != "killed":
                before = [i for i, k in enumerate(killed) if k.start <= f.start]
                groups[before[-1] if before else 0].append(f)
        return [(g, who) for g in groups]
    return [(list(figures), who)]


def _figures_fields(figures: Sequence[Figure]) -> dict:
    """Account fields from a claimant's figures: killed, injured, lumped casualties, victims, details."""
    fields: dict = {}
    for f in figures:
        if f"{f.kind}_min" not in fields:
            fields[f"{f.kind}_min"], fields[f"{f.kind}_max"] = f.min, f.max
    victims = [f.victims for f in figures if f.victims != "unknown"]
    fields["victims"] = victims[0] if victims else "unknown"
    fields["details"] = tuple(d for f in figures for d in f.details)
    return fields


def _vague(f: Figure) -> bool:
    """A figure that is a spread or a vague word rather than a count ("dozens", "30 to 54"; not "at least five")."""
    return f.qualifier == "range" or (f.max is None and f.qualifier is None)


def generic(s: Sentence, figures: Sequence[Figure], mentions: Sequence[PlaceMention],
            window: DateWindow | None, continues: bool = False) -> bool:
    """True for a statement of habit or a tally, not an incident: only vague figures, and a habit word or neither
    place nor date of its own, unless (`continues`) it goes on from the claim of the sentence before ("At least five
    civilians were killed in ... Aleppo on Sunday. Dozens were injured when helicopters targeted the area")."""
    if not all(_vague(f) for f in figures):
        return False
    return bool(GENERIC.search(s.text)) or (not mentions and window is None and not continues)


def subsumed(claims: Sequence[Claim]) -> list[Claim]:
    """Claims without the summaries of a spread ("estimates ranging from 30 to 54") that the precise claims of the
    same paragraph fill (vague words of one source's claim: `distinct`)."""
    keep = []
    by_paragraph: dict[int, list[Claim]] = {}
    for c in claims:
        by_paragraph.setdefault(c.paragraph, []).append(c)
    for c in claims:
        vague = [f for f in c.figures if f.qualifier == "range"]
        if not vague:
            keep.append(c)
            continue
        others = [f for p in (c.paragraph - 1, c.paragraph, c.paragraph + 1) for o in by_paragraph.get(p, ())
                  if o is not c for f in o.figures if not _vague(f)]
        if vague and all(any(o.kind == f.kind or "casualties" in (o.kind, f.kind) for o in others
                             if o.min is not None and (f.min or 0) <= o.min and (f.max is None or o.min <= f.max))
                         for f in vague):
            continue
        keep.append(c)
    return keep


def headline_copy(doc: Document) -> tuple[int, int] | None:
    """The span where the body repeats the title at its head ("Sun 22 Feb 2015 Suicide bomber kills 4 in ...",
    glued to the dateline and the lead): the longest run of the title's first words (at least HEADLINE_WORDS, or
    all of a shorter title) standing within the body's first characters."""
    words = _TITLE_WORD.findall(doc.title or "")
    if len(words) < 3:
        return None
    end = min(len(doc.text), doc.body_start + len(doc.title or "") + HEADLINE_SLACK)
    for n in range(len(words), min(len(words), HEADLINE_WORDS) - 1, -1):
        m = re.compile(r"\W*".join(map(re.escape, words[:n])), re.I).search(doc.text, doc.body_start, end)
        if m:
            return m.start(), m.end()
    return None


_DIGITS = re.compile(r"\d+")


def _number_word(n: int, text: str) -> bool:
    """True when the text writes n in words ("among them eleven children")."""
    words = _TITLE_WORD.findall(text.lower())
    return any(parse_quantity(w) == (n, n) for w in words if not w.isdigit())


def _written(f: Figure) -> set[int]:
    """The numbers a figure states as written: its bounds ("more than 58" states 58), its parts and the numbers of
    its breakdowns ("15 civilians among them 11 children" states 15 and 11)."""
    lo = f.min - 1 if f.qualifier == "more than" and f.min else f.min
    return ({v for v in (lo, f.max) if v is not None} | {n for p in f.parts for n in _written(p)}
            | {int(d) for text in f.details for d in _DIGITS.findall(text)})


def restated(f: Figure, others: Sequence[Figure]) -> bool:
    """True when other figures state one of the numbers f states, or two or three of them add up to it (a
    headline's total of the body's tolls, "Kills 140 in Hama & Homs" for 70 and 70); of any kind: a headline's
    telegraphese ("Child killed 9 Civilians Injured") is read loosely, its vague words not ("Dozens Wounded" is no
    "dozens dead")."""
    mine = _written(f)
    if any(mine & _written(o) for o in others if not _vague(f) or o.kind == f.kind):
        return True
    stated = [n for o in others[:SUMMED] for n in [min(_written(o), default=0)] if n]
    return any(sum(c) in mine for r in (2, 3) for c in itertools.combinations(stated, r))


def without_headline(doc: Document, found: dict[int, list[Figure]]) -> dict[int, list[Figure]]:
    """The figures of each sentence without those of the title's copy at the head of the body when the article
    states them all again (the lead's claim is the claim); a headline adding a figure the body lacks keeps its
    figures, a claim of its own."""
    span = headline_copy(doc)
    if span is None:
        return found
    inside = lambda f: span[0] <= f.start < span[1]  # noqa: E731
    head = [f for v in found.values() for f in v if inside(f)]
    body = [f for v in found.values() for f in v if not inside(f)]
    if not head or not all(restated(f, body) for f in head):
        return found
    return {k: [f for f in v if not inside(f)] for k, v in found.items()}


def _credited(a: Account) -> bool:
    return a.claimed_by not in (a.outlet, UNATTRIBUTED)


@functools.lru_cache(maxsize=4096)
def _claimant(name: str) -> tuple[str | None, str | None]:
    """(canonical name, kind) of a claimant as credited."""
    found = claimants.canonical(name)
    return (found.name, found.kind) if found else (None, claimants.kind_of(name))


def one_source(a: Account, b: Account) -> bool:
    """True when two accounts may credit one source: the same name, one claimant by two names ("SOHR", "the
    Syrian Observatory"), a description and a claimant of its kind ("a monitoring group", "SOHR"), or either
    crediting no one (its outlet)."""
    if a.claimed_by == b.claimed_by or not (_credited(a) and _credited(b)):
        return True
    (na, ka), (nb, kb) = _claimant(a.claimed_by), _claimant(b.claimed_by)
    if na is not None and nb is not None:
        return na == nb
    return (na is None) != (nb is None) and ka is not None and ka == kb


def _same_event(a: Account, b: Account, fine: bool = True) -> bool:
    """True when two accounts' places and dates do not tell them apart: no day of one falls in the other's window,
    and they share a village or town when both name one (`fine`), else a governorate when both name one."""
    if fine:
        here = {m.place_id for m in a.places if m.resolved and level(m) <= LEVELS.index("near")}
        there = {m.place_id for m in b.places if m.resolved and level(m) <= LEVELS.index("near")}
    else:
        here, there = _areas(a.places), _areas(b.places)
    if here and there and not here & there:
        return False
    return not ((a.date_max and b.date_min and a.date_max < b.date_min)
                or (b.date_max and a.date_min and b.date_max < a.date_min))


KINDS = (("killed_min", "killed_max"), ("injured_min", "injured_max"), ("casualties_min", "casualties_max"))


def agree(a: Account, b: Account) -> bool:
    """True when two accounts' figures never disagree and share a count: each kind either given by one only, or
    with the same lower bound and upper bounds that are equal or open ("at least 10", "10")."""
    shared = False
    for lo, hi in KINDS:
        (a0, a1), (b0, b1) = (getattr(a, lo), getattr(a, hi)), (getattr(b, lo), getattr(b, hi))
        if (a0, a1) == (None, None) or (b0, b1) == (None, None):
            continue
        if a0 != b0 or (a1 is not None and b1 is not None and a1 != b1):
            return False
        shared = True
    return shared


def _kinds(a: Account) -> set[str]:
    """The kinds of figure (killed, injured, lumped) an account gives."""
    return {lo for lo, hi in KINDS if getattr(a, lo) is not None or getattr(a, hi) is not None}


def _given(a: Account) -> int:
    """How many kinds of figure an account gives."""
    return len(_kinds(a))


def _dated(a: Account) -> int:
    """How closely an account's window dates its event: 2 one day, 1 a few days, 0 less."""
    return {"day": 2, "days": 1}.get(a.date_precision, 0)


def _dated_as(a: Account, b: Account) -> Account:
    """Account a, with b's window when b dates the event more closely."""
    if _dated(b) <= _dated(a):
        return a
    return replace(a, date_min=b.date_min, date_max=b.date_max, date_text=b.date_text,
                   date_precision=b.date_precision)


def _restates(a: Account, b: Account) -> bool:
    """True when a repeats b's claim: figures that agree, one source, what may be one event (in one village or
    town when both credit a source, in one governorate when one of them credits no one: an uncredited lead)."""
    return agree(a, b) and one_source(a, b) and _same_event(a, b, fine=_credited(a) and _credited(b))


def _lumps(a: Account, b: Account) -> bool:
    """True when a lumps b's killed and injured together ("killed and injured five" for "two killed, three
    injured")."""
    return (a.casualties_min is not None and a.killed_min is None and a.injured_min is None
            and b.killed_min is not None and b.killed_min == b.killed_max and b.injured_min is not None
            and b.injured_min == b.injured_max and a.casualties_min == b.killed_min + b.injured_min
            and one_source(a, b) and _same_event(a, b))


def _covers(f: Figure, others: Sequence[Figure]) -> bool:
    """True when a precise figure of the same kind (or lumped) lies in the vague figure f's range."""
    return any((o.kind == f.kind or "casualties" in (o.kind, f.kind)) and not _vague(o) and o.min is not None
               and (f.min or 0) <= o.min and (f.max is None or o.min <= f.max) for o in others)


def _vaguely(c: Claim, o: Claim) -> bool:
    """True when c says in vague words what o counts: "fighting that left dozens dead a monitor said" before "At
    least 29 fighters were killed along with six", from one source that c credits, about what may be one event (an
    outlet's own vague words are its claim; "dozens ... including at least 29 in one neighbourhood" is a total)."""
    return (bool(c.figures) and all(_vague(f) and _covers(f, o.figures) for f in c.figures)
            and _credited(c.account) and c.sentence != o.sentence
            and one_source(c.account, o.account) and _same_event(c.account, o.account, fine=False))


def _rounds(c: Claim, o: Claim) -> bool:
    """True when c, crediting no one, rounds o's credited toll ("Nearly 30 ... were killed" for "killing 29"):
    killed about as many (APPROXIMATE), no other figure, what may be one event."""
    a, b = c.account, o.account
    about = [f for f in c.figures if f.kind == "killed" and f.qualifier == "about"]
    return (bool(about) and not _credited(a) and _credited(b) and a.injured_min is None and a.casualties_min is None
            and b.killed_min is not None and a.killed_min is not None
            and abs(a.killed_min - b.killed_min) <= max(1, APPROXIMATE * b.killed_min)
            and _same_event(a, b, fine=False))


def _part_of(c: Claim, o: Claim) -> bool:
    """True when c restates a part of o's toll ("50 militants and eight civilians" ... "most of the 50 fighters";
    "Fifteen civilians among them 11 children" ... "Eleven children were killed")."""
    a = c.account
    victims = {p.victims for f in o.figures if f.kind == "killed" for p in f.parts
               if (p.min, p.max) == (a.killed_min, a.killed_max)}  # the parts stating c's toll: whom they count
    if a.killed_min is not None and a.killed_min == a.killed_max and any(
            str(a.killed_min) in _DIGITS.findall(d) or _number_word(a.killed_min, d)
            for f in o.figures if f.kind == "killed" for d in f.details):
        victims.add("unknown")  # a breakdown as written
    return (a.killed_min is not None and a.injured_min is None and bool(victims & {a.victims, "unknown"}
                                                                          or (victims and a.victims == "unknown"))
            and a.casualties_min is None and one_source(a, o.account) and _same_event(a, o.account))


def distinct(claims: Sequence[Claim]) -> list[Claim]:
    """Claims without restatements (one claim, one account).

    Of two claims of an article that agree (`agree`), credit one source (`one_source`) and may be about one event,
    the one crediting a source stays (an uncredited lead or headline repeating it goes, unless it gives a kind of
    figure the other lacks), else the one giving more kinds of figure, else the one dating its event more closely,
    else the first (of one sentence, the last: a lead glued after its headline), dated as closely as either dates
    it. A claim lumping another's killed and injured together, repeating a part of another's toll, rounding
    another's credited toll without credit ("Nearly 30" for 29), or saying in vague words what another counts
    ("dozens dead" for 35) goes. Two sources giving the same figures are two claims."""
    kept: list[Claim] = []
    for c in claims:
        a = c.account
        twin = next((i for i, o in enumerate(kept) if _restates(o.account, a)), None)
        if twin is None:
            kept.append(c)
            continue
        o = kept[twin]
        later = o.sentence == c.sentence  # one sentence read twice: its last claim is the lead after a headline's
        mine, theirs = (_credited(a), _given(a), _dated(a), later), (_credited(o.account), _given(o.account),
                                                                       _dated(o.account), False)
        win, lose = (c, o) if mine > theirs else (o, c)
        if _kinds(lose.account) - _kinds(win.account):  # the one to go says more ("35 dead, dozens wounded"
            kept.append(c)  # beside a credited "35 killed"): both stay
            continue
        kept[twin] = replace(win, account=_dated_as(win.account, lose.account))
    out = []
    for c in kept:
        together = sum(o.sentence == c.sentence for o in kept) > 1  # a vague total beside its parts
        other = next((o for o in kept if o is not c and (_lumps(c.account, o.account) or _part_of(c, o)
                                                          or _rounds(c, o) or (not together and _vaguely(c, o)))),
                     None)
        if other is None:
            out.append(c)
    return out


def completed(claims: Sequence[Claim], sentences: Sequence[Sentence]) -> list[Claim]:
    """Claims with the injured figure of the claim after them joined in, when that claim gives only an injured
    figure of the same event (in the claim's governorate, or "the attack" it speaks of) within COMPLETES article
    sentences ("A car bomb killed at least 34 people ... SANA reported. More than 50 people were wounded in the
    attack"): from the same source, from no one, or marked as one more of the list ("two fighters were also
    wounded")."""
    out: list[Claim] = []
    skip = False
    claims = sorted(claims, key=lambda c: (c.sentence, c.account.claim_start))
    for c, nxt in zip(claims, [*claims[1:], None]):
        if skip:
            skip = False
            continue
        a = c.account
        if nxt is not None and a.killed_min is not None and a.injured_min is None and a.casualties_min is None:
            b = nxt.account
            near = sum(s.article for s in sentences[c.sentence + 1: nxt.sentence + 1]) <= COMPLETES
            marked = one_source(a, b) or LIST_ALSO.search(b.quote) or LIST_OPENER.match(b.quote)
            same = _same_event(a, b, fine=False) or (THE_EVENT_NAMED.search(b.quote) and _same_event(a, replace(
                b, places=())))  # "wounded in the attack": the event before, wherever the places resolved
            if (near and b.injured_min is not None and b.killed_min is None and b.casualties_min is None and marked
                    and not NEW_EVENT.match(b.quote) and same and nxt.sentence != c.sentence):
                out.append(replace(c, account=replace(a, injured_min=b.injured_min, injured_max=b.injured_max),
                                   figures=(*c.figures, *nxt.figures)))
                skip = True
                continue
        out.append(c)
    return out


def extract_accounts(gaz: Gazetteer, doc: Document) -> list[Account]:
    """The accounts one document carries (none for a document that is not English: see `skipped_reason`)."""
    if skipped_reason(doc):
        return []
    sentences = body_sentences(doc)
    found = without_headline(doc, {k: find_figures(without_furniture(s.text), offset=s.start)
                                   for k, s in enumerate(sentences) if s.article})
    has_figures = {k for k, v in found.items() if v}
    needed = {j for k in has_figures for j in (k, *neighbours(k, sentences, after_first=True))}
    places = article_places(gaz, doc, sentences, needed)
    windows, year = article_windows(doc, sentences)
    dates = ArticleDates(tuple(windows), doc.published, _title_window(doc, year))
    lead = min(has_figures, default=None)
    claims: list[Claim] = []
    decided: dict[int, DateWindow | None] = {}
    tallies: set[int] = set()
    made: set[int] = set()  # sentences that made claims
    for k in sorted(has_figures):
        s, figures = sentences[k], found[k]
        own = places.sentences.get(k, ())
        if not own and places.admin1 and (m := SAME_PROVINCE.search(s.text)):
            gm = governorate_mention(gaz, m.group(0), s.start + m.start(), s.start + m.end(), places.admin1)
            own = (gm,) if gm else ()
        if war_toll(figures) or k != lead and (tally(s, figures, windows[k], doc.published) or (
                windows[k] is None and finest(own) > NAMED and _previous(k, sentences) in tallies)):
            tallies.add(k)  # a tally, or a toll without day or place continuing one ("Meanwhile ... killed 1102")
            continue
        previous = _previous(k, sentences)
        continues = previous is not None and previous in made and sentences[previous].paragraph == s.paragraph
        if generic(s, figures, own, windows[k], continues) or background(windows[k], doc.published):
            continue  # habits and background events
        made.add(k)
        window = decided[k] = claim_window(k, sentences, dates, places, own, decided)
        mentions = claim_places(k, sentences, places, own, has_figures)
        context = doc.text[doc.body_start: s.start]
        for figs, who in _pair(figures, find_attributions(s.text, offset=s.start, context=context,
                                                              following=doc.text[s.end:])):
            claims.append(Claim(_account(doc, s, figs, who, mentions, window), tuple(figs), s.paragraph, k))
    return [c.account for c in completed(distinct(subsumed(claims)), sentences)]


def _previous(k: int, sentences: Sequence[Sentence]) -> int | None:
    """The article sentence before sentence k (captions and links passed over)."""
    return next((j for j in range(k - 1, -1, -1) if sentences[j].article), None)


def _title_window(doc: Document, year: int | None) -> DateWindow | None:
    """The date the title gives, for the claims whose text gives none."""
    if not doc.title:
        return None
    w = date_window(doc.title, published=doc.published, context_year=year)
    return w if w is not None and (w.date_min or w.date_max) else None


def _account(doc: Document, s: Sentence, figures: Sequence[Figure], claimed_by: str,
             mentions: Sequence[PlaceMention], window: DateWindow | None) -> Account:
    """One account from a sentence, a claimant's figures, its places and its date window."""
    return Account(
        document_id=doc.id, file=doc.file, article=doc.article, quote=s.text, start=s.start, end=s.end,
        claimed_by=claimed_by or doc.outlet or UNATTRIBUTED, outlet=doc.outlet, title=doc.title,
        published=doc.published, places=tuple(mentions),
        date_min=window.date_min if window else None, date_max=window.date_max if window else None,
        date_text=(window.text or None) if window else None, date_precision=window.precision if window else "unknown",
        perpetrator=perpetrator(s.text), target=target(s.text), weapon=weapon(s.text),
        confidence=0.5 + 0.25 * bool(mentions) + 0.25 * bool(window and window.precision != "before"),
        claim_start=min(f.start for f in figures),
        **_figures_fields(figures))
