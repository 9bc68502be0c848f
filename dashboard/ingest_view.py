"""What the Ingest page does, without Streamlit: save uploaded files safely, ingest them, report per file.

    with tempfile.TemporaryDirectory() as folder:
        paths = save_uploads(uploaded, Path(folder))     # base names only; a name never becomes a path
        articles, manifest = split_manifest(paths)
        report = ingest(articles, store, gaz, manifest=manifest)
    results_table(report)                                # file, new, duplicate, accounts, error

An uploaded file's name is untrusted: only its last path component is kept, cleaned of control characters and
leading dots, and two uploads of one name are saved side by side ("a.txt", "a-2.txt").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Protocol

import pandas as pd

from gazetteer import Gazetteer
from incidents.ingest import MANIFEST_NAME, IngestReport, ingest
from incidents.store import Store

#: The file types the uploader accepts (articles, and a manifest.jsonl).
UPLOAD_TYPES = ("txt", "md", "html", "htm", "jsonl")
#: The suffix of a manifest.
MANIFEST_SUFFIX = ".jsonl"
#: The columns of the results table, in order.
RESULT_COLUMNS = ("file", "new", "duplicate", "accounts", "error")
#: The name given to an upload whose name has nothing usable left.
FALLBACK_NAME = "upload"
#: Longest file name kept (characters).
MAX_NAME = 120

_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


class Upload(Protocol):
    """What an uploaded file offers (Streamlit's UploadedFile does): a name and its bytes."""

    name: str

    def getvalue(self) -> bytes: ...


def safe_name(name: str) -> str:
    """The last component of an uploaded file's name, safe to create in a folder ("../../x.txt" -> "x.txt")."""
    base = PureWindowsPath(PurePosixPath(str(name)).name).name  # both separators
    base = _UNSAFE.sub("", base).strip().lstrip(".").strip()
    if len(base) > MAX_NAME:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[: MAX_NAME - len(suffix) - 1] + dot + suffix) if dot and len(suffix) < 10 else base[:MAX_NAME]
    return base or FALLBACK_NAME


def _unique(name: str, taken: set[str]) -> str:
    """`name`, or "stem-2.suffix", "stem-3.suffix"… when taken (case-insensitively)."""
    path = PurePosixPath(name)
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{path.stem}-{n}{path.suffix}"
    taken.add(candidate.casefold())
    return candidate


def save_uploads(files: Iterable[Upload], folder: Path) -> list[Path]:
    """Write each upload into `folder` under its safe base name; the paths written, in upload order."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    taken: set[str] = set()
    paths = []
    for f in files:
        path = folder / _unique(safe_name(f.name), taken)
        path.write_bytes(f.getvalue())
        paths.append(path)
    return paths


def split_manifest(paths: Sequence[Path]) -> tuple[list[Path], Path | None]:
    """The article files, and one manifest: the .jsonl uploads joined into manifest.jsonl (None when none)."""
    manifests = [p for p in paths if p.suffix.lower() == MANIFEST_SUFFIX]
    articles = [p for p in paths if p.suffix.lower() != MANIFEST_SUFFIX]
    if not manifests:
        return articles, None
    if len(manifests) == 1:
        return articles, manifests[0]
    joined = manifests[0].with_name(_unique(MANIFEST_NAME, {p.name.casefold() for p in paths}))
    joined.write_bytes(b"\n".join(p.read_bytes().rstrip(b"\n") for p in manifests) + b"\n")
    return articles, joined


def _relabel(text: str | None, folder: Path) -> str | None:
    """A message with the temporary folder's path taken out (the person knows the file by its name)."""
    if text is None:
        return None
    return text.replace(str(folder) + "/", "").replace(str(folder) + "\\", "").replace(str(folder), "")


def results_table(report: IngestReport, folder: Path | None = None) -> pd.DataFrame:
    """One row per file (RESULT_COLUMNS): its base name, documents new and duplicate, accounts, the error if any."""
    rows = [{"file": Path(f.path).name, "new": f.new, "duplicate": f.duplicate, "accounts": f.accounts,
             "error": (_relabel(f.error, folder) if folder else f.error) or ""} for f in report.files]
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS))


def manifest_messages(report: IngestReport, folder: Path | None = None) -> list[str]:
    """The manifest's problems, the temporary folder's path taken out."""
    return [(_relabel(m, folder) if folder else m) or "" for m in report.manifest_errors]


def ingest_uploads(files: Sequence[Upload], folder: Path, store_path: Path, gazetteer: Gazetteer, *,
                   progress: Callable[[int, int, Path], None] | None = None) -> IngestReport:
    """Save the uploads into `folder` and ingest them into the store at `store_path`; the report."""
    paths = save_uploads(files, folder)
    articles, manifest = split_manifest(paths)
    with Store(store_path) as store:
        return ingest(articles, store, gazetteer, manifest=manifest, progress=progress)
