"""Chain the extraction stages over one document: sentences -> places, dates, figures, attribution -> accounts.

One account per source and claim: a sentence that gives two claimants' figures ("SANA ... at least 30 ... SOHR ...
54"; "some outlets put the toll at 80 while others suggest 62") gives two accounts. A sentence without a casualty
figure gives none. Places and dates a sentence lacks are taken from the sentences before it in the same paragraph,
then the article ("in the village" after a sentence naming it).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer

from .attribution import Attribution, find_attributions, perpetrator, target, weapon
from .dates import DateWindow, date_window, years_in
from .figures import Figure, find_figures
from .model import Account, Document, PlaceMention
from .places import SAME_PROVINCE, governorate_mention, mention, spot
from .sentences import Sentence, split_sentences

UNATTRIBUTED = "unattributed"


@dataclass(frozen=True)
class ArticleContext:
    """What the whole article says that each sentence may lean on."""

    published: dt.date | None
    context_year: int | None
    admin1: str | None  # the governorate the article names most
    points: tuple[tuple[float, float], ...]  # where the article's resolved places lie


def article_places(gaz: Gazetteer, doc: Document, sentences: Sequence[Sentence]
                   ) -> tuple[dict[int, list[PlaceMention]], ArticleContext]:
    """Every sentence's place mentions, resolved with the article's governorate and the sentence's other places."""
    spotted = {k: spot(gaz, s.text, offset=s.start) for k, s in enumerate(sentences)}
    first = {k: [mention(gaz, sp, admin1=None, near=()) for sp in v] for k, v in spotted.items()}
    codes = Counter(m.admin1 for v in first.values() for m in v if m.admin1)
    admin1 = codes.most_common(1)[0][0] if codes else None
    doc_points = tuple((m.lat, m.lon) for v in first.values() for m in v
                       if m.resolved and m.precision in ("exact", "near"))
    out: dict[int, list[PlaceMention]] = {}
    for k, spots in spotted.items():
        out[k] = []
        for sp in spots:
            others = [(m.lat, m.lon) for m in first[k] if m.resolved and m.text != sp.text
                      and m.precision in ("exact", "near")]
            out[k].append(mention(gaz, sp, admin1=admin1, near=others or doc_points))
    years = years_in(doc.text)
    ctx = ArticleContext(published=doc.published, context_year=max(years) if years else None, admin1=admin1,
                         points=doc_points)
    return out, ctx


def _pair(figures: Sequence[Figure], attributions: Sequence[Attribution]) -> list[tuple[list[Figure], str, str]]:
    """Group a sentence's figures by claimant: (figures, claimed_by, via-less name)."""
    if len(attributions) >= 2 and len(figures) >= 2:
        groups: dict[str, list[Figure]] = {}
        for f in figures:
            before = [a for a in attributions if a.start <= f.start]
            a = before[-1] if before else attributions[0]
            groups.setdefault(a.claimed_by, []).append(f)
        return [(fs, who, who) for who, fs in groups.items()]
    who = attributions[0].claimed_by if attributions else ""
    killed = [f for f in figures if f.kind == "killed"]
    if len({(f.min, f.max) for f in killed}) > 1:  # two different tolls from one claimant: two claims
        rest = [f for f in figures if f.kind != "killed"]
        return [([f, *rest] if i == 0 else [f], who, who) for i, f in enumerate(killed)]
    return [(list(figures), who, who)]


def _figures_fields(figures: Sequence[Figure]) -> dict:
    """Account fields from a claimant's figures: killed, injured, lumped casualties, victims, details."""
    fields: dict = {}
    for f in figures:
        prefix = {"killed": "killed", "injured": "injured", "casualties": "casualties"}[f.kind]
        if f"{prefix}_min" not in fields:
            fields[f"{prefix}_min"], fields[f"{prefix}_max"] = f.min, f.max
    victims = [f.victims for f in figures if f.victims != "unknown"]
    fields["victims"] = victims[0] if victims else "unknown"
    fields["details"] = tuple(d for f in figures for d in f.details)
    return fields


def extract_accounts(gaz: Gazetteer, doc: Document) -> list[Account]:
    """The accounts one document carries."""
    sentences = [s for s in split_sentences(doc.text) if s.start >= doc.body_start]
    places, ctx = article_places(gaz, doc, sentences)
    accounts: list[Account] = []
    last_places: list[PlaceMention] = []
    last_window: DateWindow | None = None
    last_paragraph = -1
    for k, s in enumerate(sentences):
        window = date_window(s.text, published=ctx.published, context_year=ctx.context_year, previous=last_window,
                             offset=s.start)
        here = places.get(k, [])
        if not here and ctx.admin1 and (m := SAME_PROVINCE.search(s.text)):
            gm = governorate_mention(gaz, m.group(0), s.start + m.start(), s.start + m.end(), ctx.admin1)
            here = [gm] if gm else []
        figures = find_figures(s.text, offset=s.start)
        if figures:
            mentions = here or (last_places if s.paragraph - last_paragraph <= 1 else [])
            use_window = window or (last_window if s.paragraph == last_paragraph else None)
            context = doc.text[max(doc.body_start, s.start - 1500): s.start]
            attributions = find_attributions(s.text, offset=s.start, context=context)
            for figs, who, _ in _pair(figures, attributions):
                accounts.append(_account(doc, s, figs, who, mentions, use_window))
        if here:
            last_places, last_paragraph = here, s.paragraph
        if window is not None:
            last_window = window
    return accounts


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
