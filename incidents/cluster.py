"""Group accounts into incidents: the same or a nearby place and overlapping days.

- Accounts from one sentence (two claimants' figures) are one incident.
- Dated accounts join when their points lie within JOIN_KM and their date windows overlap.
- Undated accounts (or half-open windows) join only where place and wording agree: the same place (within
  UNDATED_KM) and either neighbouring sentences of one article or quotes that read alike.
- A person's corrections win: "these two are one" (merge) and "this is not that" (split).

Incident ids are stable: a hash of the first account id (in sorted order) of each cluster.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from gazetteer import distance_km

from .model import Account, Incident

JOIN_KM = 3.0
UNDATED_KM = 2.0
SAME_ARTICLE_CHARS = 800  # accounts this close in one article may describe one event
QUOTE_SIMILARITY = 85  # rapidfuzz token_set_ratio for undated accounts in different articles
GRID = 0.05  # degrees: spatial buckets for candidate pairs
MAX_UNDATED_PER_PLACE = 200  # beyond this many undated accounts around one place, only identical wording joins


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _dated(a: Account) -> bool:
    return a.date_min is not None and a.date_max is not None


def _overlap(a: Account, b: Account) -> bool:
    return a.date_min <= b.date_max and b.date_min <= a.date_max  # type: ignore[operator]


def _conflict(a: Account, b: Account) -> bool:
    """True when what is known of two windows (either bound may be unknown) cannot overlap."""
    return bool((a.date_max and b.date_min and a.date_max < b.date_min)
                or (b.date_max and a.date_min and b.date_max < a.date_min))


def _same_article(a: Account, b: Account) -> bool:
    return a.document_id == b.document_id and abs(a.start - b.start) <= SAME_ARTICLE_CHARS


def _coarse(a: Account) -> bool:
    """True when an account is placed only to district, governorate or country."""
    return not any(p.precision in ("exact", "near") for p in a.places if p.resolved)


def joinable(a: Account, b: Account) -> bool:
    """True when two accounts plausibly report one event."""
    if a.document_id == b.document_id and a.start == b.start:
        return True
    pa, pb = a.point, b.point
    if pa is None or pb is None or _coarse(a) != _coarse(b):
        return False
    d = distance_km(pa, pb)
    if _dated(a) and _dated(b):
        return d <= JOIN_KM and _overlap(a, b)
    if d > UNDATED_KM or _conflict(a, b):
        return False
    return _same_article(a, b) or fuzz.token_set_ratio(a.quote, b.quote) >= QUOTE_SIMILARITY


def _candidate_pairs(accounts: Sequence[Account]) -> Iterable[tuple[int, int]]:
    """Pairs worth comparing, without comparing everything with everything in a busy place:

    - accounts of one sentence, and of one article (undated accounts join only there, or by wording);
    - dated accounts in neighbouring grid cells whose windows overlap (a sweep over start dates);
    - undated accounts at one place from different articles, by wording, when a place has few of them.
    """
    by_sentence: dict[tuple[str, int], list[int]] = defaultdict(list)
    by_document: dict[str, list[int]] = defaultdict(list)
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, a in enumerate(accounts):
        by_sentence[(a.document_id, a.start)].append(i)
        by_document[a.document_id].append(i)
        if a.point:
            cells[(int(a.point[0] // GRID), int(a.point[1] // GRID))].append(i)
    for group in by_sentence.values():
        yield from ((group[0], j) for j in group[1:])
    for group in by_document.values():
        yield from ((i, j) for k, i in enumerate(group) for j in group[k + 1:])
    for (r, c), members in cells.items():
        near = [j for dr in (-1, 0, 1) for dc in (-1, 0, 1) for j in cells.get((r + dr, c + dc), ())]
        dated = sorted((j for j in near if _dated(accounts[j])), key=lambda j: accounts[j].date_min)
        mine = {i for i in members if _dated(accounts[i])}
        for k, i in enumerate(dated):
            for j in dated[k + 1:]:
                if accounts[j].date_min > accounts[i].date_max:  # sorted by start: no later one overlaps
                    break
                if i in mine or j in mine:
                    yield (i, j) if i < j else (j, i)
        undated = [j for j in near if not _dated(accounts[j])]
        if len(undated) <= MAX_UNDATED_PER_PLACE:
            for i in (i for i in members if not _dated(accounts[i])):
                yield from ((i, j) for j in undated if j > i)
        else:  # too many to compare by wording: join only identical wording
            by_quote: dict[str, list[int]] = defaultdict(list)
            for j in undated:
                by_quote[" ".join(accounts[j].quote.casefold().split())].append(j)
            for group in by_quote.values():
                yield from ((group[0], j) for j in group[1:])


def incident_id(accounts: Sequence[Account]) -> str:
    """A stable id: the hash of the cluster's first account id."""
    return "I" + hashlib.sha256(min(a.id for a in accounts).encode()).hexdigest()[:11]


def cluster(accounts: Sequence[Account], *, merges: Iterable[tuple[str, str]] = (),
            splits: Iterable[tuple[str, str]] = ()) -> list[Incident]:
    """Incidents from accounts, honouring a person's merges and splits (pairs of account ids)."""
    ordered = sorted(accounts, key=lambda a: a.id)
    index = {a.id: i for i, a in enumerate(ordered)}
    forbid = {frozenset(p) for p in splits if all(x in index for x in p)}
    uf = _UnionFind(len(ordered))
    for a_id, b_id in merges:
        if a_id in index and b_id in index:
            uf.union(index[a_id], index[b_id])
    for i, j in _candidate_pairs(ordered):
        if uf.find(i) != uf.find(j) and joinable(ordered[i], ordered[j]) and not _forbidden(uf, ordered, i, j, forbid):
            uf.union(i, j)
    groups: dict[int, list[Account]] = defaultdict(list)
    for i, a in enumerate(ordered):
        groups[uf.find(i)].append(a)
    incidents = [Incident(id=incident_id(g), accounts=tuple(sorted(g, key=lambda a: a.order)))
                 for g in groups.values()]
    return sorted(incidents, key=lambda inc: inc.id)


def _forbidden(uf: _UnionFind, ordered: Sequence[Account], i: int, j: int, forbid: set[frozenset[str]]) -> bool:
    """True when joining i's and j's clusters would join two accounts a person split apart."""
    if not forbid:
        return False
    ri, rj = uf.find(i), uf.find(j)
    left = [a.id for k, a in enumerate(ordered) if uf.find(k) == ri]
    right = [a.id for k, a in enumerate(ordered) if uf.find(k) == rj]
    return any(frozenset((x, y)) in forbid for x in left for y in right)
