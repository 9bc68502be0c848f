"""Re-run the current extractor over the stored articles, keeping a person's corrections.

Extraction improves; the articles in a store were read by an older version. `reextract` reads each stored article
again (imported dataset rows are left as they are: their accounts are the rows), replaces its accounts, and carries
every correction over:

- a place correction is anchored to the document and the mention's first character, so it applies to the new
  accounts as it did to the old ones wherever the same name is still read there;
- a date window, a figure and "not a casualty claim" are anchored to the sentence's span and the claimant, so they
  apply to the account read anew from the same sentence;
- a merge, split or "not about this incident" names accounts; an account's id changes when its figures are read
  differently, so each is followed to the new account read from the same span of text (same claimant first, else any
  claimant). A correction whose anchor is no longer read is kept in the store, marked "no longer applies" and listed
  in the report, never silently dropped (`incidents.corrections.check_anchors`).

The store records which extractor read it (`EXTRACTOR_VERSION`, a hash of the extraction code and vocabularies).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .learning import FROM_DATASET
from .model import Account, Document
from .store import Store

EXTRACTION = Path(__file__).parent / "extraction"
VERSION_KEY = "extractor_version"


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A short hash of the extraction code and its vocabularies: a new version reads text differently."""
    h = hashlib.sha256()
    for path in sorted([*EXTRACTION.glob("*.py"), *EXTRACTION.glob("vocab/*")]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:12]


@dataclass(frozen=True)
class Change:
    """What re-extraction changed in one document."""

    file: str
    removed: tuple[str, ...]  # "SANA: 30 killed" of accounts no longer read
    added: tuple[str, ...]


@dataclass(frozen=True)
class ReextractReport:
    """The summary of one re-extraction."""

    documents: int
    before: int  # accounts of those documents before
    after: int
    changes: tuple[Change, ...] = ()
    carried: int = 0  # merge/split corrections followed to the new accounts
    stale: tuple[str, ...] = ()  # corrections that no longer apply, described
    version_before: str | None = None
    version_after: str = ""
    incidents: int = 0

    def summary(self) -> str:
        """A few lines for the command line."""
        lines = [f"extractor: {self.version_before or 'unknown'} -> {self.version_after}",
                 f"documents re-read: {self.documents}; accounts: {self.before} before, {self.after} after; "
                 f"{len(self.changes)} document(s) changed; incidents: {self.incidents}",
                 f"corrections: {self.carried} carried over, {len(self.stale)} no longer apply"]
        lines += [f"  no longer applies: {s}" for s in self.stale]
        for c in self.changes:
            lines += [f"  {c.file}: - {r}" for r in c.removed] + [f"  {c.file}: + {a}" for a in c.added]
        return "\n".join(lines)


def _label(a: Account) -> str:
    figures = "–".join(str(x) for x in dict.fromkeys((a.killed_min, a.killed_max)) if x is not None) or "?"
    return f"{a.claimed_by}: {figures} killed «{a.quote[:60]}»"


def _imported(accounts: Sequence[Account]) -> bool:
    """True for a document that is an imported dataset row (its place is the dataset's)."""
    return any(m.why == FROM_DATASET for a in accounts for m in a.places)


def _follow(old: Account, new: Sequence[Account]) -> Account | None:
    """The new account read from the same span as `old`: the same claimant first, else any."""
    same_span = [a for a in new if (a.start, a.end) == (old.start, old.end)]
    return next((a for a in same_span if a.claimed_by == old.claimed_by), same_span[0] if same_span else None)


def reextract(store: Store, extract: Callable[[Document], list[Account]]) -> ReextractReport:
    """Re-read every stored article with `extract`, carry the corrections over, re-cluster (one transaction)."""
    by_doc: dict[str, list[Account]] = {}
    for a in store.stored_accounts():
        by_doc.setdefault(a.document_id, []).append(a)
    version_before = store.meta(VERSION_KEY)
    moved: dict[str, str] = {}
    gone: dict[str, Account] = {}
    changes: list[Change] = []
    documents = before = after = 0
    with store.transaction():
        for doc in store.documents():
            old = by_doc.get(doc.id, [])
            if _imported(old):
                continue
            new = extract(doc)
            documents, before, after = documents + 1, before + len(old), after + len(new)
            for a in old:
                b = _follow(a, new)
                if b is None:
                    gone[a.id] = a
                elif b.id != a.id:
                    moved[a.id] = b.id
            removed = {_label(a) for a in old} - {_label(a) for a in new}
            added = {_label(a) for a in new} - {_label(a) for a in old}
            if removed or added:
                changes.append(Change(doc.file, tuple(sorted(removed)), tuple(sorted(added))))
            store.replace_accounts(doc, new)
        carried = store.move_corrections(moved)
        stale = tuple(_stale(store, gone))
        store.set_meta(VERSION_KEY, extractor_version())
        incidents = store.recluster()
    return ReextractReport(documents=documents, before=before, after=after, changes=tuple(changes), carried=carried,
                           stale=stale, version_before=version_before, version_after=extractor_version(),
                           incidents=len(incidents))


def _stale(store: Store, gone: dict[str, Account]) -> list[str]:
    """Descriptions of the corrections that no longer apply (each marked so in the store)."""
    from .corrections import check_anchors

    out = []
    for c in check_anchors(store):
        missing = [gone[x] for x in (c.account_id, c.other_account_id) if x in gone]
        if missing:
            out.append(f"{c.kind} #{c.id}: the account {missing[0].claimed_by!r} in {missing[0].file} "
                       f"«{missing[0].quote[:60]}» is no longer read")
        else:
            out.append(f"{c.kind} #{c.id}: {c.describe()}")
    return out
