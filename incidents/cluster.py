"""Group accounts into incidents: the same or a nearby place and overlapping days.

- Accounts from one article join where `joinable` says so (accounts of one sentence, two claimants' figures, always).
- Accounts of different articles join when both are dated, their points lie within JOIN_KM and their date windows
  overlap; or when both are undated (or half-open), their points lie within UNDATED_KM, what is known of their
  windows does not conflict, their articles were published within UNDATED_PUBLISHED_DAYS of each other and their
  quotes read alike (rapidfuzz token_set_ratio >= QUOTE_SIMILARITY). An article reports an undated event shortly
  before it is published, so two articles a month or more apart that tell of an undated strike at one place in
  similar words are not taken for one event. When either publication date is unknown, only the place bounds which
  undated accounts are compared.
- A person's corrections win: "these two are one" (merge) and "this is not that" (split).

Incidents are defined by pairs alone, so the order accounts arrive in never matters: the accounts connected by
joining pairs and merges form a component; a component holding no split pair is one incident, and one that does
is cut by `partition` (merges first, then the joining pairs in order of their account ids, each skipped when it
would put a split pair together). This lets a store add accounts one batch at a time (`edges_between` finds the
pairs of new accounts with stored ones, which a spatial index proposes) and get the very incidents `cluster` gives
for everything at once.

Incident ids are stable: a hash of the first account id (in sorted order) of each incident.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from gazetteer import distance_km

from .model import Account, Incident

JOIN_KM = 3.0
UNDATED_KM = 2.0
SAME_ARTICLE_CHARS = 800  # accounts this close in one article may describe one event
QUOTE_SIMILARITY = 85  # rapidfuzz token_set_ratio for undated accounts in different articles
UNDATED_PUBLISHED_DAYS = 30  # undated accounts of different articles are compared only when published this close
GRID = 0.05  # degrees: spatial buckets for candidate pairs (any two points within JOIN_KM share or touch a bucket)
KM_PER_DEGREE_LAT = 110.5  # a little under the true figure: boxes of `degrees_around` hold every point within km


@dataclass(frozen=True, slots=True)
class Node:
    """What clustering reads of an account (the store keeps exactly these as columns)."""

    id: str
    document_id: str
    start: int
    point: tuple[float, float] | None
    date_min: object  # dt.date | None
    date_max: object
    coarse: bool  # placed only to district, governorate or country
    quote: str = ""  # read only for undated accounts of different articles
    published: object = None  # dt.date | None: the article's publication day (read only for undated accounts)

    @property
    def dated(self) -> bool:
        """Both ends of the window known."""
        return self.date_min is not None and self.date_max is not None


def coarse(a: Account) -> bool:
    """True when an account is placed only to district, governorate or country."""
    return not any(p.precision in ("exact", "near") for p in a.places if p.resolved)


def node_of(a: Account) -> Node:
    """The clustering view of an account."""
    return Node(a.id, a.document_id, a.start, a.point, a.date_min, a.date_max, coarse(a), a.quote, a.published)


def _overlap(a: Node, b: Node) -> bool:
    return a.date_min <= b.date_max and b.date_min <= a.date_max  # type: ignore[operator]


def _conflict(a: Node, b: Node) -> bool:
    """True when what is known of two windows (either bound may be unknown) cannot overlap."""
    return bool((a.date_max and b.date_min and a.date_max < b.date_min)
                or (b.date_max and a.date_min and b.date_max < a.date_min))


def _same_article(a: Node, b: Node) -> bool:
    return a.document_id == b.document_id and abs(a.start - b.start) <= SAME_ARTICLE_CHARS


def _placed_alike(a: Node, b: Node) -> float | None:
    """The distance between two accounts placed at the same level (both fine or both coarse), else None."""
    if a.point is None or b.point is None or a.coarse != b.coarse:
        return None
    return distance_km(a.point, b.point)


def published_near(a: Node, b: Node) -> bool:
    """True when two articles were published within UNDATED_PUBLISHED_DAYS of each other, or either date is unknown."""
    if a.published is None or b.published is None:
        return True
    return abs((a.published - b.published).days) <= UNDATED_PUBLISHED_DAYS  # type: ignore[operator]


def _undated_near(a: Node, b: Node) -> bool:
    """Undated (or half-open) accounts of different articles close enough in place and publication, with windows
    that may meet, to be compared by wording."""
    if not published_near(a, b):
        return False
    d = _placed_alike(a, b)
    return d is not None and d <= UNDATED_KM and not _conflict(a, b)


def similar(a: str, b: str) -> bool:
    """Two quotes that read alike."""
    return fuzz.token_set_ratio(a, b) >= QUOTE_SIMILARITY


def joins(a: Node, b: Node) -> bool:
    """True when two accounts plausibly report one event (the rule every path of clustering applies)."""
    if a.document_id == b.document_id:
        if a.start == b.start:
            return True
        d = _placed_alike(a, b)
        if d is None:
            return False
        if a.dated and b.dated:
            return d <= JOIN_KM and _overlap(a, b)
        return d <= UNDATED_KM and not _conflict(a, b) and (_same_article(a, b) or similar(a.quote, b.quote))
    if a.dated != b.dated:
        return False
    if a.dated:
        d = _placed_alike(a, b)
        return d is not None and d <= JOIN_KM and _overlap(a, b)
    return _undated_near(a, b) and similar(a.quote, b.quote)


def joinable(a: Account, b: Account) -> bool:
    """True when two accounts plausibly report one event."""
    return joins(node_of(a), node_of(b))


def degrees_around(lat: float, km: float) -> tuple[float, float]:
    """Half-widths (degrees of latitude, of longitude) of a box holding every point within `km` of latitude `lat`."""
    dlat = km / KM_PER_DEGREE_LAT
    widest = min(89.0, abs(lat) + dlat)
    return dlat, km / (KM_PER_DEGREE_LAT * math.cos(math.radians(widest)))


# -- pairs among accounts in memory -------------------------------------------------------------------------------


def _cell(p: tuple[float, float]) -> tuple[int, int]:
    return int(p[0] // GRID), int(p[1] // GRID)


def edges(nodes: Sequence[Node]) -> Iterator[tuple[int, int]]:
    """Every joining pair (i < j) among `nodes`, without comparing everything with everything:

    - accounts of one article, all pairs;
    - dated accounts of neighbouring grid cells whose windows overlap (a sweep over start dates);
    - undated accounts of neighbouring grid cells whose articles were published close enough (`published_near`:
      found by bisecting them in order of publication, so an archive of many years is not walked for each), their
      quotes compared in one call per account.
    """
    by_document: dict[str, list[int]] = defaultdict(list)
    cells: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, a in enumerate(nodes):
        by_document[a.document_id].append(i)
        if a.point:
            cells[_cell(a.point)].append(i)
    for group in by_document.values():
        for k, i in enumerate(group):
            for j in group[k + 1:]:
                if joins(nodes[i], nodes[j]):
                    yield (i, j) if i < j else (j, i)
    for (r, c), members in cells.items():
        near = [j for dr in (-1, 0, 1) for dc in (-1, 0, 1) for j in cells.get((r + dr, c + dc), ())]
        dated = sorted((j for j in near if nodes[j].dated), key=lambda j: nodes[j].date_min)
        mine = {i for i in members if nodes[i].dated}
        for k, i in enumerate(dated):
            a = nodes[i]
            for j in dated[k + 1:]:
                b = nodes[j]
                if b.date_min > a.date_max:  # sorted by start: no later one overlaps
                    break
                if (i in mine or j in mine) and a.document_id != b.document_id and joins(a, b):
                    yield (i, j) if i < j else (j, i)
        undated = [j for j in near if not nodes[j].dated]
        by_day = sorted((j for j in undated if nodes[j].published is not None), key=lambda j: nodes[j].published)
        days = [nodes[j].published.toordinal() for j in by_day]  # type: ignore[attr-defined]
        unknown = [j for j in undated if nodes[j].published is None]
        for i in (i for i in members if not nodes[i].dated):
            a = nodes[i]
            day = a.published.toordinal() if a.published is not None else None  # type: ignore[attr-defined]
            pool = undated if day is None else unknown + by_day[
                bisect_left(days, day - UNDATED_PUBLISHED_DAYS):bisect_right(days, day + UNDATED_PUBLISHED_DAYS)]
            others = sorted(j for j in pool if j > i and nodes[j].document_id != a.document_id)
            yield from ((i, j) for j in worded_alike(a, [nodes[j] for j in others], others))


def worded_alike(a: Node, others: Sequence[Node], keys: Sequence[int]) -> list[int]:
    """The keys of the undated accounts of other articles that join the undated account `a` (quotes compared in one
    call)."""
    near = {k: b.quote for k, b in zip(keys, others) if _undated_near(a, b)}
    if not near:
        return []
    found = process.extract(a.quote, near, scorer=fuzz.token_set_ratio, score_cutoff=QUOTE_SIMILARITY, limit=None)
    return sorted(k for _, _, k in found)


def edges_between(new: Node, stored: Iterable[Node]) -> list[Node]:
    """The stored accounts (proposed by an index: any that may be near) that a new account joins."""
    stored = list(stored)
    if new.dated:
        return [b for b in stored if b.dated and joins(new, b)]
    undated = [b for b in stored if not b.dated]
    same = [b for b in undated if b.document_id == new.document_id and joins(new, b)]
    others = [b for b in undated if b.document_id != new.document_id]
    return same + [others[k] for k in worded_alike(new, others, range(len(others)))]


# -- components and a person's corrections ------------------------------------------------------------------------


class UnionFind:
    """Disjoint sets over 0..n-1; the smaller root wins, so results do not depend on the order of unions."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(self, a: int, b: int) -> int:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)
        return min(ra, rb)


def partition(ids: Sequence[str], links: Iterable[tuple[int, int]], merges: Iterable[tuple[int, int]] = (),
              splits: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """Groups of indexes of `ids`: components of `links` and `merges`, those holding a split pair cut apart.

    A component with a split pair is rebuilt from its merges (always kept) and then its links in order of their
    account ids, each link skipped when it would join two accounts a person split. Each split check looks only at
    the splits of the accounts being joined (constant time, however many accounts there are).
    """
    links, merges = list(links), list(merges)
    uf = UnionFind(len(ids))
    for i, j in merges:
        uf.union(i, j)
    for i, j in links:
        uf.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(ids)):
        groups[uf.find(i)].append(i)
    cut = {uf.find(i) for i, j in splits if uf.find(i) == uf.find(j)}
    if not cut:
        return list(groups.values())
    splits_of: dict[int, set[int]] = defaultdict(set)
    for i, j in splits:
        splits_of[i].add(j)
        splits_of[j].add(i)
    out = [g for root, g in groups.items() if root not in cut]
    for root in sorted(cut):
        out.extend(_cut(ids, groups[root], [(i, j) for i, j in merges if uf.find(i) == root],
                        [(i, j) for i, j in links if uf.find(i) == root], splits_of))
    return out


def _cut(ids: Sequence[str], members: list[int], merges: list[tuple[int, int]], links: list[tuple[int, int]],
         splits_of: dict[int, set[int]]) -> list[list[int]]:
    """One component holding split pairs, cut: merges first, then links by account ids unless they join a split."""
    local = {i: k for k, i in enumerate(members)}
    uf = UnionFind(len(members))
    forbidden: dict[int, set[int]] = {local[i]: {local[j] for j in splits_of[i] if j in local}
                                      for i in members if i in splits_of}

    def join(i: int, j: int, check: bool) -> None:
        ri, rj = uf.find(local[i]), uf.find(local[j])
        if ri == rj:
            return
        if check:
            small, other = (ri, rj) if len(forbidden.get(ri, ())) <= len(forbidden.get(rj, ())) else (rj, ri)
            if any(uf.find(x) == other for x in forbidden.get(small, ())):
                return
        root = uf.union(ri, rj)
        merged = forbidden.pop(ri, set()) | forbidden.pop(rj, set())
        if merged:
            forbidden[root] = merged

    for i, j in merges:
        join(i, j, check=False)
    for i, j in sorted(links, key=lambda p: tuple(sorted((ids[p[0]], ids[p[1]])))):
        join(i, j, check=True)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in members:
        groups[uf.find(local[i])].append(i)
    return list(groups.values())


def incident_id(accounts: Sequence[Account]) -> str:
    """A stable id: the hash of the cluster's first account id."""
    return id_of(min(a.id for a in accounts))


def id_of(first_account_id: str) -> str:
    """The id of an incident whose first account id (in sorted order) is this."""
    return "I" + hashlib.sha256(first_account_id.encode()).hexdigest()[:11]


def index_pairs(pairs: Iterable[tuple[str, str]], index: dict[str, int]) -> list[tuple[int, int]]:
    """Pairs of account ids as pairs of indexes, those naming an account not in `index` left out."""
    return [(index[a], index[b]) for a, b in pairs if a in index and b in index and a != b]


def groups_of(nodes: Sequence[Node], merges: Iterable[tuple[str, str]] = (),
              splits: Iterable[tuple[str, str]] = ()) -> list[list[int]]:
    """The incidents among `nodes` as groups of their indexes (merges and splits are pairs of account ids)."""
    index = {n.id: k for k, n in enumerate(nodes)}
    ids = [n.id for n in nodes]
    return partition(ids, edges(nodes), index_pairs(merges, index), index_pairs(splits, index))


def cluster(accounts: Sequence[Account], *, merges: Iterable[tuple[str, str]] = (),
            splits: Iterable[tuple[str, str]] = ()) -> list[Incident]:
    """Incidents from accounts, honouring a person's merges and splits (pairs of account ids)."""
    ordered = sorted(accounts, key=lambda a: a.id)
    groups = groups_of([node_of(a) for a in ordered], merges, splits)
    incidents = [Incident(id=incident_id([ordered[k] for k in g]),
                          accounts=tuple(sorted((ordered[k] for k in g), key=lambda a: a.order))) for g in groups]
    return sorted(incidents, key=lambda inc: inc.id)
