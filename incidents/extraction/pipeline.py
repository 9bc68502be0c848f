"""Chain the extraction stages over one document: sentences -> places, dates, figures, attribution -> accounts.

One account per source and claim: a sentence that gives two claimants' figures ("SANA ... at least 30 ... SOHR ...
54"; "some outlets put the toll at 80 while others suggest 62") gives two accounts. A sentence without a casualty
figure gives none, and neither do generic statements ("the coalition continues to kill scores of civilians") nor a
vague summary of claims the same paragraph spells out ("estimates ranging from 30 to 54" before SANA's 30 and
SOHR's 54). A sentence that names no place takes the most precise place named for the event in the sentences
around it (before it in its paragraph, or an elaboration opening the next one); a sentence that gives no date takes
the date of the sentence before it in its paragraph.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from gazetteer import Gazetteer, distance_km

from .attribution import Attribution, find_attributions, perpetrator, target, weapon
from .dates import DateWindow, date_window
from .figures import Figure, find_figures
from ..model import PRECISIONS, Account, Document, PlaceMention
from .places import SAME_PROVINCE, Spotted, governorate_mention, mention, spot
from .sentences import Sentence, split_sentences

UNATTRIBUTED = "unattributed"
#: Words saying a sentence describes a habit or a tendency, not one event.
GENERIC = re.compile(r"\b(?:continu(?:e|es|ed|ing) to|on (?:a )?daily basis|every day|day after day|regularly|"
                     r"repeatedly|routinely|systematically|seems? to|would|could|tends? to|admitted to)\b", re.I)
#: Words of an attack: a sentence with one may elaborate where an event took place.
ATTACK = re.compile(r"\b(?:strikes?|airstrikes?|struck|target(?:ed|ing)?|bomb(?:ed|ing|ings|ardment)?|shell(?:ed|ing)"
                    r"|attack(?:ed|s)?|raids?|hit)\b", re.I)
INHERIT_KM = 30.0
SURE = 0.95  # a resolution this confident without context is kept when the article's governorate agrees  # a place taken from a later sentence must lie this close to the place named before


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says that each sentence may lean on."""

    published: dt.date | None
    context_year: int | None
    admin1: str | None  # the governorate the article names most


@dataclass(frozen=True)
class Claim:
    """An account with the figures and sentence it came from (for the article-level checks)."""

    account: Account
    figures: tuple[Figure, ...]
    paragraph: int


def body_sentences(doc: Document) -> list[Sentence]:
    """The sentences of the article's body (header lines left out, a sentence straddling the header trimmed)."""
    out = []
    for s in split_sentences(doc.text):
        if s.end <= doc.body_start:
            continue
        if s.start < doc.body_start:
            cut = doc.text[doc.body_start:s.end]
            lead = len(cut) - len(cut.lstrip())
            s = Sentence(cut.strip(), doc.body_start + lead, doc.body_start + lead + len(cut.strip()), s.paragraph)
            if not s.text:
                continue
        out.append(s)
    return out


def _moved(m: PlaceMention, sp: Spotted) -> PlaceMention:
    """A resolution made for one mention of a name, given the text and span of another mention of it."""
    return m if (m.start, m.end) == (sp.start, sp.end) else replace(m, text=sp.text, start=sp.start, end=sp.end)


def _dateline(sp: Spotted, s: Sentence, doc: Document) -> bool:
    """True for a dateline ("DAMASCUS, (ST)-"): where the report was filed, not where the event was."""
    return sp.text.isupper() and sp.start - s.start < 3 and s.start - doc.body_start < 40


def article_places(gaz: Gazetteer, doc: Document, sentences: Sequence[Sentence]
                   ) -> tuple[dict[int, list[PlaceMention]], str | None]:
    """Every sentence's place mentions, resolved with the article's governorate and the sentence's other places."""
    spotted = {k: spot(gaz, s.text, offset=s.start) for k, s in enumerate(sentences)}
    alone: dict[str, PlaceMention] = {}  # a name's resolution without context, once per article
    first = {k: [_moved(alone.setdefault(sp.query, mention(gaz, sp, admin1=None, near=())), sp) for sp in v]
             for k, v in spotted.items()}
    votes: Counter[str] = Counter()
    for k, mentions in first.items():
        for sp, m in zip(spotted[k], mentions):
            if m.admin1 and m.precision != "country" and not _dateline(sp, sentences[k], doc):
                votes[m.admin1] += 2 if m.precision == "governorate" else 1
    admin1 = votes.most_common(1)[0][0] if votes else None
    doc_points = sorted({(round(m.lat, 3), round(m.lon, 3)) for v in first.values() for m in v
                         if m.resolved and m.precision in ("exact", "near")})
    out: dict[int, list[PlaceMention]] = {}
    for k, spots in spotted.items():
        out[k] = []
        for sp, m0 in zip(spots, first[k]):
            if _dateline(sp, sentences[k], doc):
                continue
            if m0.resolved and m0.confidence >= SURE and m0.admin1 in (admin1, None):
                out[k].append(m0)  # context could not change a sure answer in the article's governorate
                continue
            others = [(m.lat, m.lon) for m in first[k] if m.resolved and m is not m0 and m.precision in ("exact", "near")]
            out[k].append(mention(gaz, sp, admin1=admin1, near=others or doc_points))
    return out, admin1


def article_windows(doc: Document, sentences: Sequence[Sentence]) -> tuple[list[DateWindow | None], int | None]:
    """Each sentence's date window; a year the article states in a full date dates the day-month ones."""
    def run(year: int | None) -> list[DateWindow | None]:
        out: list[DateWindow | None] = []
        previous = None
        for s in sentences:
            w = date_window(s.text, published=doc.published, context_year=year, previous=previous, offset=s.start)
            out.append(w)
            previous = w if w is not None and (w.date_min or w.date_max) else previous
        return out

    first = run(None)
    years = [w.date_min.year for w in first if w and w.precision == "day" and w.date_min and not w.month_day]
    year = Counter(years).most_common(1)[0][0] if years and doc.published is None else None
    return (run(year) if year else first), year


def _finest(mentions: Sequence[PlaceMention]) -> int:
    found = [PRECISIONS.index(m.precision) for m in mentions if m.precision]
    return min(found) if found else len(PRECISIONS)


def inherited_places(k: int, sentences: Sequence[Sentence], places: dict[int, list[PlaceMention]],
                     has_figures: set[int]) -> list[PlaceMention]:
    """Places for sentence k, which names none: the nearest before it in its paragraph (or the one before), refined
    by an elaboration opening the next paragraph that names places more precisely, close to them."""
    para = sentences[k].paragraph
    before: list[PlaceMention] = []
    for j in range(k - 1, -1, -1):
        if sentences[j].paragraph < para - 1:
            break
        if places.get(j):
            before = places[j]
            break
    for j in range(k + 1, min(k + 4, len(sentences))):
        if sentences[j].paragraph > para + 1:
            break
        if j in has_figures:  # another claim: its places are its own, but an elaboration may follow it
            continue
        after = [m for m in places.get(j, []) if m.resolved]
        if after and ATTACK.search(sentences[j].text) and _finest(after) < _finest(before) \
                and _close(after, before):
            return after
    return before


def _close(a: Sequence[PlaceMention], b: Sequence[PlaceMention]) -> bool:
    pts = [(m.lat, m.lon) for m in b if m.resolved]
    return not pts or all(min(distance_km((m.lat, m.lon), p) for p in pts) <= INHERIT_KM for m in a if m.resolved)


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
    if len({(f.min, f.max) for f in killed}) > 1:  # two different tolls from one claimant: two claims
        rest = [f for f in figures if f.kind != "killed"]
        return [([f, *rest] if i == 0 else [f], who) for i, f in enumerate(killed)]
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
    """A figure that is a spread or a vague word rather than a count ("dozens", "30 to 54")."""
    return f.qualifier == "range" or (f.max is None and not any(c.isdigit() for c in f.text))


def generic(s: Sentence, figures: Sequence[Figure], mentions: Sequence[PlaceMention],
            window: DateWindow | None) -> bool:
    """True for a statement of habit or a tally, not an incident: only vague figures, and a habit word or neither
    place nor date of its own."""
    if not all(_vague(f) for f in figures):
        return False
    return bool(GENERIC.search(s.text)) or (not mentions and window is None)


def subsumed(claims: Sequence[Claim]) -> list[Claim]:
    """Claims without the vague summaries whose range the same paragraph's precise claims fill."""
    keep = []
    for c in claims:
        vague = [f for f in c.figures if _vague(f)]
        others = [f for o in claims if o is not c and abs(o.paragraph - c.paragraph) <= 1
                  for f in o.figures if not _vague(f)]
        if vague and all(any(o.kind == f.kind or "casualties" in (o.kind, f.kind) for o in others
                             if o.min is not None and (f.min or 0) <= o.min and (f.max is None or o.min <= f.max))
                         for f in vague):
            continue
        keep.append(c)
    return keep


def extract_accounts(gaz: Gazetteer, doc: Document) -> list[Account]:
    """The accounts one document carries."""
    sentences = body_sentences(doc)
    places, admin1 = article_places(gaz, doc, sentences)
    windows, _ = article_windows(doc, sentences)
    found = {k: find_figures(s.text, offset=s.start) for k, s in enumerate(sentences)}
    has_figures = {k for k, v in found.items() if v}
    claims: list[Claim] = []
    for k, s in enumerate(sentences):
        figures = found[k]
        if not figures:
            continue
        own = places.get(k, [])
        if not own and admin1 and (m := SAME_PROVINCE.search(s.text)):
            gm = governorate_mention(gaz, m.group(0), s.start + m.start(), s.start + m.end(), admin1)
            own = [gm] if gm else []
        window = windows[k]
        if window is None and k and sentences[k - 1].paragraph == s.paragraph:
            window = windows[k - 1]
        if generic(s, figures, own, windows[k]):
            continue
        mentions = own or inherited_places(k, sentences, places, has_figures)
        context = doc.text[doc.body_start: s.start]
        for figs, who in _pair(figures, find_attributions(s.text, offset=s.start, context=context)):
            claims.append(Claim(_account(doc, s, figs, who, mentions, window), tuple(figs), s.paragraph))
    return [c.account for c in subsumed(claims)]


def _account(doc: Document, s: Sentence, figures: Sequence[Figure], claimed_by: str,
             mentions: Sequence[PlaceMention], window: DateWindow | None) -> Account:
    """One account from a sentence, a claimant's figures, its places and its date window."""
    return Account(
        document_id=doc.id, file=doc.file, article=doc.article, quote=s.text, start=s.start, end=s.end,
        claimed_by=claimed_by or doc.outlet or UNATTRIBUTED, outlet=doc.outlet, title=doc.title,
        published=doc.published, places=tuple(mentions),
        date_min=window.date_min if window else None, date_max=window.date_max if window else None,
        date_text=window.text if window else None, date_precision=window.precision if window else "unknown",
        perpetrator=perpetrator(s.text), target=target(s.text), weapon=weapon(s.text),
        confidence=0.5 + 0.25 * bool(mentions) + 0.25 * bool(window), claim_start=min(f.start for f in figures),
        **_figures_fields(figures))
