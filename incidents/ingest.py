"""Ingest article files into a store: read, de-duplicate, extract accounts, re-cluster, in chunks of documents.

A bad file is reported by name and reason and the rest proceed. Each chunk (a file's articles never split across
two) is stored in one transaction, and the accounts are clustered once after the last: a failure while writing leaves
the store as the last chunk left it, and running the same ingest again resumes (what was stored is a duplicate,
skipped before extraction; the accounts a crashed run stored are clustered then).
Ingesting the same text again adds nothing (documents are keyed by the hash of their normalized text).
"""

from __future__ import annotations

import os
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
from .sql import StoreLockedError
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
    store_error: str | None = None  # why documents read were not stored (the store stayed locked)

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
        """One line: documents new / duplicate / failed, accounts, incidents (and why some were not stored)."""
        skipped = f" ({self.skipped} not read: not English)" if self.skipped else ""
        locked = f"; not all stored: {self.store_error}" if self.store_error else ""
        return (f"documents: {self.new} new, {self.duplicate} duplicate, {self.failed} failed{skipped}; "
                f"accounts: {self.accounts} new ({self.totals.get('accounts', 0)} stored); "
                f"incidents: {self.incidents}{locked}")


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


@dataclass
class _Read:
    """One file read and extracted, not yet stored: its documents (each with its accounts) and what was left out."""

    path: Path
    docs: list[tuple[Document, list[Account]]]
    duplicate: int
    skipped: list[str]
    refused: list[str]
    encoding: str

    def result(self, stored: set[str] | None, error: str | None = None) -> FileResult:
        """The file's result once its documents were offered to the store (`stored`: the ids it took; None when
        they were not written)."""
        if stored is None:
            return FileResult(str(self.path), duplicate=self.duplicate, skipped=tuple(self.skipped),
                              encoding=self.encoding, error="; ".join([*self.refused, error or ""]).strip("; "))
        mine = [(d, a) for d, a in self.docs if d.id in stored]
        return FileResult(str(self.path), new=len(mine), duplicate=self.duplicate + len(self.docs) - len(mine),
                          accounts=sum(len(a) for _, a in mine), skipped=tuple(self.skipped), encoding=self.encoding,
                          error="; ".join(self.refused) or None)


def _manifest_entries(manifests: Iterable[Path]) -> tuple[dict[str, ManifestEntry], list[str]]:
    entries: dict[str, ManifestEntry] = {}
    errors: list[str] = []
    for m in manifests:
        try:
            got, errs = read_manifest(m)
            entries.update(got)
            errors += [str(e) for e in errs]
        except ManifestError as e:
            errors.append(str(e))
    return entries, errors


def _read(path: Path, entries: dict[str, ManifestEntry], store: Store, seen: set[str],
          gazetteer: Gazetteer) -> _Read | FileResult:
    """Read and extract one file (documents already stored, or seen earlier in this batch, are duplicates)."""
    try:
        docs = read_documents(path, entries)
    except ReadError as e:
        return FileResult(str(path), error=str(e))
    read = _Read(path, [], 0, [], [], docs[0].encoding)
    for doc in docs:
        if doc.id in seen or store.has_document(doc.id):
            read.duplicate += 1
            continue
        if reason := too_long(doc):
            read.refused.append(f"{path}: article {doc.article}: {reason}")
            continue
        seen.add(doc.id)
        if reason := skipped_reason(doc):
            read.skipped.append(f"article {doc.article}: {reason}")
        read.docs.append((doc, extract_accounts(gazetteer, doc)))
    return read


def _commit(store: Store, chunk: Sequence[_Read]) -> set[str]:
    """Store a chunk's documents and accounts in one transaction (clustered later); the ids stored (documents another
    writer stored meanwhile are not)."""
    stored: set[str] = set()
    with store.transaction():
        for read in chunk:
            for doc, accounts in read.docs:
                if store.add_document(doc, accounts):
                    stored.add(doc.id)
        if stored and store.meta(VERSION_KEY) is None:
            store.set_meta(VERSION_KEY, extractor_version())
    return stored


def _cluster(store: Store) -> None:
    """Cluster the accounts stored and not clustered yet (this ingest's, or those a killed one left)."""
    if store.db.value("SELECT 1 FROM accounts WHERE incident_id IS NULL LIMIT 1") is not None:
        with store.transaction():
            store.recluster()


#: Documents stored per transaction: a crash or a kill keeps the chunks committed, and a re-run skips them (and
#: clusters what the crashed run stored: clustering runs once, after the last chunk, costing no more than in one go).
CHUNK_DOCUMENTS = 50
#: Tests only: the ingest process ends abruptly (as a kill would) after committing this many chunks.
EXIT_AFTER_CHUNKS_ENV = "ATLAS_TEST_EXIT_AFTER_CHUNKS"


def _exit_after() -> int | None:
    value = os.environ.get(EXIT_AFTER_CHUNKS_ENV, "").strip()
    return int(value) if value.isdigit() else None


def ingest(paths: Sequence[Path], store: Store, gazetteer: Gazetteer, *, manifest: Path | None = None,
           progress: Callable[[int, int, Path], None] | None = None, chunk: int = CHUNK_DOCUMENTS) -> IngestReport:
    """Ingest files (or folders) into the store, `chunk` documents per transaction (a file's articles always in
    one), then cluster every account not clustered yet; return the report.

    When the store stays locked by another writer longer than the lock timeout, what was committed stays, the files
    not written are reported as failed, and the report's `store_error` says why."""
    files, found = expand(paths)
    entries, manifest_errors = _manifest_entries([manifest] if manifest else found)
    results: dict[Path, FileResult] = {}
    pending: list[_Read] = []
    seen: set[str] = set()
    store_error: str | None = None
    committed, exit_after = 0, _exit_after()

    def flush() -> None:
        nonlocal store_error, committed
        if not pending:
            return
        stored: set[str] | None = None
        if store_error is None and any(r.docs for r in pending):
            try:
                stored = _commit(store, pending)
            except StoreLockedError as e:
                store_error = str(e)
            committed += 1
            if exit_after is not None and committed >= exit_after:
                os._exit(3)
        for r in pending:
            if stored is None and r.docs:
                results[r.path] = r.result(None, "not stored: the store was locked")
            else:
                results[r.path] = r.result(stored or set())
        pending.clear()

    for n, path in enumerate(files, start=1):
        if progress:
            progress(n, len(files), path)
        read = _read(path, entries, store, seen, gazetteer)
        if isinstance(read, FileResult):
            results[path] = read
            continue
        pending.append(read)
        if sum(len(r.docs) for r in pending) >= chunk:
            flush()
    flush()
    if store_error is None:
        try:
            _cluster(store)
        except StoreLockedError as e:
            store_error = str(e)
    counts = store.counts()
    return IngestReport(files=tuple(results[p] for p in files if p in results),
                        manifest_errors=tuple(manifest_errors), incidents=counts.get("incidents", 0), totals=counts,
                        store_error=store_error)
