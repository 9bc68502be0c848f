"""What the Sources page shows, computed without Streamlit: the documents, and how sources' figures compare.

    documents_table(store.documents(), store.accounts())   # one row per article: title, outlet, published, accounts
    outlet_comparison(incidents)                           # claimant pairs: shared incidents, who claims more
    outlet_comparison(incidents, by="outlet")              # the same by outlet

A comparison only reads killed figures: an account's figure is its largest (its max, else its min); a source with
several accounts on one incident counts with its largest figure there. Pairs are named in alphabetical order.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from itertools import combinations

import pandas as pd

from incidents.model import Account, Document, Incident

#: The columns of the documents table, in order.
DOCUMENT_COLUMNS = ("title", "outlet", "published", "accounts", "file", "article", "id")
#: The columns the page shows, in order (the file name is a detail, shown apart).
SHOWN_COLUMNS = {"title": "title", "outlet": "outlet", "published": "published", "accounts": "accounts"}
#: The columns of the comparison table, in order.
COMPARISON_COLUMNS = ("first", "second", "shared", "first_more", "same", "first_less", "median_ratio")
#: What a comparison can group accounts by: the claimant credited, or the outlet that published the account.
GROUPINGS = {"claimed_by": "claimant", "outlet": "outlet"}
#: The name a missing outlet is shown under.
UNKNOWN_OUTLET = "unknown outlet"


def documents_table(documents: Sequence[Document], accounts: Iterable[Account]) -> pd.DataFrame:
    """One row per document (DOCUMENT_COLUMNS) with its number of accounts; newest first, undated last."""
    per_doc: dict[str, int] = {}
    for a in accounts:
        per_doc[a.document_id] = per_doc.get(a.document_id, 0) + 1
    rows = [{"title": title_of(d), "outlet": d.outlet or UNKNOWN_OUTLET, "published": d.published,
             "accounts": per_doc.get(d.id, 0), "file": d.file, "article": d.article, "id": d.id} for d in documents]
    frame = pd.DataFrame(rows, columns=list(DOCUMENT_COLUMNS))
    if frame.empty:
        return frame
    order = frame["published"].map(lambda d: (d is None, -(d.toordinal() if d else 0)))
    return frame.assign(_o=order).sort_values(["_o", "outlet", "file", "article"]).drop(columns="_o") \
        .reset_index(drop=True)


def title_of(doc: Document) -> str:
    """What a document is called: its title on one line, else "untitled" and where it was read from."""
    title = " ".join((doc.title or "").split())
    if title:
        return title
    return f"untitled (file {doc.file}" + (f", article {doc.article + 1})" if doc.article else ")")


def shown_documents(table: pd.DataFrame) -> pd.DataFrame:
    """The documents table as the page shows it: title first, then outlet, date (or "date unknown"), accounts."""
    shown = table[list(SHOWN_COLUMNS)].rename(columns=SHOWN_COLUMNS)
    shown["published"] = [d.isoformat() if d is not None and d == d else "date unknown" for d in table["published"]]
    return shown


def killed_figure(a: Account) -> int | None:
    """The largest killed figure an account claims (its max, else its min), or None when it gives none."""
    return a.killed_max if a.killed_max is not None else a.killed_min


def _source(a: Account, by: str) -> str:
    """Whom an account is grouped under."""
    if by == "outlet":
        return a.outlet or UNKNOWN_OUTLET
    return a.claimed_by


def figures_by_source(incident: Incident, by: str = "claimed_by") -> dict[str, int]:
    """Each source's largest killed figure on one incident (sources that give no figure are left out)."""
    out: dict[str, int] = {}
    for a in incident.accounts:
        figure = killed_figure(a)
        if figure is not None:
            who = _source(a, by)
            out[who] = max(out.get(who, figure), figure)
    return out


def _ratio(first: int, second: int) -> float | None:
    """first / second; 1 when both are 0, None when only the second is 0 (no finite ratio)."""
    if second == 0:
        return 1.0 if first == 0 else None
    return first / second


def outlet_comparison(incidents: Iterable[Incident], by: str = "claimed_by") -> pd.DataFrame:
    """For each pair of sources with killed figures on the same incidents: how their figures compare.

    `by` is "claimed_by" (the claimant an account credits) or "outlet". One row per pair (COMPARISON_COLUMNS):
    `first`, `second` (alphabetical), `shared` incidents, how many times the first claims more, the `same`, or
    less killed than the second, and the median of first / second over the shared incidents (NaN when no ratio is
    finite). Rows: most shared incidents first.
    """
    if by not in GROUPINGS:
        raise ValueError(f"by must be one of {tuple(GROUPINGS)}, got {by!r}")
    pairs: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for incident in incidents:
        figures = figures_by_source(incident, by)
        for a, b in combinations(sorted(figures, key=lambda s: (s.casefold(), s)), 2):
            pairs.setdefault((a, b), []).append((figures[a], figures[b]))
    rows = []
    for (a, b), shared in pairs.items():
        ratios = [r for r in (_ratio(x, y) for x, y in shared) if r is not None]
        rows.append({"first": a, "second": b, "shared": len(shared),
                     "first_more": sum(x > y for x, y in shared), "same": sum(x == y for x, y in shared),
                     "first_less": sum(x < y for x, y in shared),
                     "median_ratio": statistics.median(ratios) if ratios else float("nan")})
    frame = pd.DataFrame(rows, columns=list(COMPARISON_COLUMNS))
    if frame.empty:
        return frame
    return frame.sort_values(["shared", "first", "second"], ascending=[False, True, True]).reset_index(drop=True)
