"""Ingest article files into a store: read, de-duplicate, extract accounts, re-cluster, all in one transaction.

A bad file is reported by name and reason and the rest proceed; a failure while writing leaves the store as it was.
Ingesting the same text again adds nothing (documents are keyed by the hash of their normalized text).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer import Gazetteer

from .errors import ManifestError, ReadError
from .extraction import extract_accounts
from .extraction.pipeline import skipped_reason
from .model import Account, Document
from .reading import HTML_SUFFIXES, TEXT_SUFFIXES, ManifestEntry, read_documents, read_manifest
from .reextract import VERSION_KEY, extractor_version
from .store import Store

#: Files in a folder that are not articles.
SKIP_NAMES = ("readme", "license", "licence", "manifest", "changelog", "attribution")
MANIFEST_NAME = "manifest.jsonl"


@dataclass(frozen=True)
class FileResult:
    """What became of one file."""

    path: str
    new: int = 0  # documents stored
    duplicate: int = 0  # documents already stored (or twice in this batch)
    accounts: int = 0
    error: str | None = None
    encoding: str = "utf-8"  # what the file was read as
    skipped: tuple[str, ...] = ()  # documents read but not extracted, with the reason ("article 0: not English")


@dataclass(frozen=True)
class IngestReport:
    """The summary of one ingest: per-file results and the store's totals after it."""

    files: tuple[FileResult, ...]
    manifest_errors: tuple[str, ...] = ()
    incidents: int = 0
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def new(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def duplicate(self) -> int:
        return sum(f.duplicate for f in self.files)

    @property
    def failed(self) -> int:
        return sum(1 for f in self.files if f.error)

    @property
    def accounts(self) -> int:
        return sum(f.accounts for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(len(f.skipped) for f in self.files)

    def summary(self) -> str:
        """One line: documents new / duplicate / failed, accounts, incidents."""
        skipped = f" ({self.skipped} not read: not English)" if self.skipped else ""
        return (f"documents: {self.new} new, {self.duplicate} duplicate, {self.failed} failed{skipped}; "
                f"accounts: {self.accounts} new ({self.totals.get('accounts', 0)} stored); "
                f"incidents: {self.incidents}")


#: A document's budget: no news article comes near these; a scrape gone wrong or an attack does.
MAX_DOCUMENT_CHARS = 2_000_000
MAX_LINE_CHARS = 500_000


def too_long(doc: Document) -> str | None:
    """Why a document is over its budget ("too long: 5.2 MB on one line; split it"), or None."""
    body = doc.text[doc.body_start:]
    if len(body) > MAX_DOCUMENT_CHARS:
        return f"too long: {len(body.encode()) / 1e6:.1f} MB of text (at most {MAX_DOCUMENT_CHARS / 1e6:.0f} MB); split it"
    longest = max(map(len, body.split("\n")), default=0)
    if longest > MAX_LINE_CHARS:
        return f"too long: {longest / 1e6:.1f} MB on one line; split it into paragraphs"
    return None


def expand(paths: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """Article files under `paths` (folders walked, sorted) and the manifests found beside them."""
    files: list[Path] = []
    manifests: list[Path] = []
    for p in paths:
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.name == MANIFEST_NAME:
                    manifests.append(f)
                elif f.is_file() and f.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES \
                        and not f.name.lower().startswith(SKIP_NAMES) and not f.name.startswith("."):
                    files.append(f)
        else:
            files.append(p)
    return files, manifests


def ingest(paths: Sequence[Path], store: Store, gazetteer: Gazetteer, *, manifest: Path | None = None,
           progress: Callable[[int, int, Path], None] | None = None) -> IngestReport:
    """Ingest files (or folders) into the store in one transaction and re-cluster; return the report."""
    files, found = expand(paths)
    entries: dict[str, ManifestEntry] = {}
    manifest_errors: list[str] = []
    for m in ([manifest] if manifest else found):
        try:
            got, errs = read_manifest(m)
            entries.update(got)
            manifest_errors += [str(e) for e in errs]
        except ManifestError as e:
            manifest_errors.append(str(e))
    results: list[FileResult] = []
    pending: list[tuple[Document, list[Account]]] = []
    seen: set[str] = set()
    for n, path in enumerate(files, start=1):
        if progress:
            progress(n, len(files), path)
        try:
            docs = read_documents(path, entries)
        except ReadError as e:
            results.append(FileResult(str(path), error=str(e)))
            continue
        new = dup = accounts = 0
        skipped: list[str] = []
        refused: list[str] = []
        for doc in docs:
            if doc.id in seen or store.has_document(doc.id):
                dup += 1
                continue
            if reason := too_long(doc):
                refused.append(f"{path}: article {doc.article}: {reason}")
                continue
            seen.add(doc.id)
            if reason := skipped_reason(doc):
                skipped.append(f"article {doc.article}: {reason}")
            extracted = extract_accounts(gazetteer, doc)
            pending.append((doc, extracted))
            new, accounts = new + 1, accounts + len(extracted)
        results.append(FileResult(str(path), new=new, duplicate=dup, accounts=accounts, skipped=tuple(skipped),
                                  encoding=docs[0].encoding, error="; ".join(refused) or None))
    with store.transaction():
        for doc, accounts in pending:
            store.add_document(doc, accounts)
        if pending and store.meta(VERSION_KEY) is None:
            store.set_meta(VERSION_KEY, extractor_version())
        incidents = store.recluster() if pending else store.incidents()
    return IngestReport(files=tuple(results), manifest_errors=tuple(manifest_errors), incidents=len(incidents),
                        totals=store.counts())
