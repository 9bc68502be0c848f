"""Read article files into documents: decode, strip markup, split compilations, take headers and the manifest.

Plain text, Markdown and HTML files are read. A file holding several articles, each headed by a title line and a
``Source: OUTLET`` line, is split into articles. Without a manifest, what the text itself states is taken: a title
line, a "Source:" line, a byline, a dateline. A bad file raises :class:`ReadError` naming the file and the reason.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from .extraction.dates import publication_date
from . import claimants
from .errors import ManifestError, ReadError
from .model import Document, content_hash

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MAX_BYTES = 20_000_000

_SOURCE_LINE = re.compile(r"^[ \t]*Source:[ \t]*(?P<outlet>\S[^\n]{0,80}?)[ \t]*$", re.MULTILINE)
_SOURCE_INLINE = re.compile(r"\bSource:\s*(?P<outlet>(?:(?:[A-Z][a-z][\w.&'-]*|[A-Z]{2,3}\b)\s*){1,3})")
_LINE = re.compile(r"^.*$", re.MULTILINE)
_BYLINE = re.compile(r"^[ \t]*[Bb]y[ \t]+(?P<author>[A-Z][\w.'-]+(?:[ \t]+[A-Z][\w.'-]+){0,3})[ \t]*$", re.MULTILINE)
_BYLINE_INLINE = re.compile(r"\bBy\s+(?P<author>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})\b")
#: Outlet names as written -> one name.
@dataclass(frozen=True)
class ManifestEntry:
    """What a manifest line says of one file."""

    file: str
    outlet: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: dt.date | None = None


#: How much of a file encoding detection looks at.
MAX_DETECT_BYTES = 1 << 20


def normalize_outlet(name: str | None) -> str | None:
    """One spelling per outlet, the claimant registry's ("SyriaTimes" -> "Syria Times"); unknown ones as written."""
    if not name or not name.strip():
        return None
    name = " ".join(name.split()).strip(" .,:;-")
    known = claimants.canonical(name)
    return known.name if known is not None and "outlet" in known.kinds else name


#: The fields a manifest line may give besides 'file', each a string (or null).
MANIFEST_FIELDS = ("outlet", "title", "author", "url", "published")


def _json_kind(value: object) -> str:
    """What JSON calls a value's type ("a number", "a list", …) for messages."""
    if isinstance(value, bool):
        return "true/false"
    kinds = {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}
    return "null" if value is None else kinds.get(type(value), type(value).__name__)


def manifest_entry(line: str) -> ManifestEntry:
    """One manifest line as an entry; ValueError saying what is wrong with it."""
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(rec, dict):
        raise ValueError(f"a JSON object with a 'file' string expected, not {_json_kind(rec)}")
    if not isinstance(rec.get("file"), str) or not rec["file"].strip():
        got = "missing" if "file" not in rec else _json_kind(rec["file"]) if not isinstance(rec["file"], str) \
            else "empty"
        raise ValueError(f"field 'file' must name the article's file ({got})")
    for key in MANIFEST_FIELDS:
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise ValueError(f"field {key!r} must be a string, not {_json_kind(rec[key])}")
    published = (rec.get("published") or "").strip()
    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise ValueError(f"field 'published' must be a date as YYYY-MM-DD, not {published[:40]!r}") from None
    clean = {k: " ".join(rec[k].split()) or None if isinstance(rec.get(k), str) else None
             for k in ("title", "author", "url")}
    return ManifestEntry(file=rec["file"].strip(), outlet=normalize_outlet(rec.get("outlet")), published=day, **clean)


def read_manifest(path: Path) -> tuple[dict[str, ManifestEntry], list[ManifestError]]:
    """Manifest entries by file name, and an error per bad line naming the file, the line and why (the rest kept)."""
    entries: dict[str, ManifestEntry] = {}
    errors: list[ManifestError] = []
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError as e:
        raise ManifestError(f"{path}: cannot read the manifest: not UTF-8 text (byte 0x{e.object[e.start]:02x} at "
                            f"offset {e.start})") from e
    except OSError as e:
        raise ManifestError(f"{path}: cannot read the manifest: {e.strerror or e}") from e
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            entry = manifest_entry(line)
        except (ValueError, RecursionError) as e:
            reason = "nested too deeply" if isinstance(e, RecursionError) else str(e)
            errors.append(ManifestError(f"{path}: line {n}: {reason}"))
            continue
        entries[entry.file] = entry
    return entries, errors


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, paragraphs on their own lines, plus <title> and a few meta tags."""

    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "article", "section", "header",
             "footer", "blockquote", "figcaption", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.meta: dict[str, str] = {}
        self._skip = 0
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "noscript", "template", "svg"):
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            a = {k: v or "" for k, v in attrs}
            key = a.get("property") or a.get("name") or ""
            if key and a.get("content"):
                self.meta[key.lower()] = a["content"]
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "noscript", "template", "svg") and self._skip:
            self._skip -= 1
        elif tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, dict[str, str]]:
    """Visible text of an HTML document (markup stripped, entities decoded) and its metadata."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = re.sub(r"[ \t\r\f\v]+", " ", "".join(parser.parts))
    text = re.sub(r" *\n[ \n]*\n *", "\n\n", text).strip()
    meta = dict(parser.meta)
    if parser.title.strip():
        meta.setdefault("title", html.unescape(" ".join(parser.title.split())))
    return text, meta


def detect_encoding(raw: bytes) -> str | None:
    """The encoding a text in an unknown legacy encoding is in (Windows-1256, Latin-1, …), or None for binary data.

    charset-normalizer looks at the bytes as a whole; UTF-8 and UTF-16 with a BOM are read before it is asked.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(raw[:MAX_DETECT_BYTES]).best()
    return best.encoding if best is not None else None


def decode(path: Path, raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, the encoding it was read in): UTF-8 (with or without BOM), UTF-16 with BOM, else the legacy
    encoding charset-normalizer finds; refusing only binary and empty files."""
    if not raw.strip():
        raise ReadError(f"{path}: empty file")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as e:
            raise ReadError(f"{path}: not valid UTF-16 text: {e.reason}") from e
    if b"\x00" in raw[:8192]:
        raise ReadError(f"{path}: binary file (NUL bytes), not text")
    try:
        text, encoding = raw.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as e:
        encoding = detect_encoding(raw)
        if encoding is None:
            raise ReadError(f"{path}: neither UTF-8 nor any text encoding recognised (byte 0x{raw[e.start]:02x} "
                            f"at offset {e.start}); is it text?") from e
        text = raw.decode(encoding, errors="replace")
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > 0.01 * min(len(text), 8192):
        raise ReadError(f"{path}: binary file (control characters), not text")
    if not text.strip():
        raise ReadError(f"{path}: empty file")
    return text, encoding


def read_text(path: Path) -> tuple[str, dict[str, str]]:
    """The text of a file and any metadata its markup carries (`encoding`: the encoding it was read in)."""
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
        raise ReadError(f"{path}: unsupported file type {suffix!r} (text, Markdown or HTML expected)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"{path}: too large ({size:,} bytes; at most {MAX_BYTES:,})")
        raw = path.read_bytes()
    except OSError as e:
        raise ReadError(f"{path}: cannot read: {e.strerror or e}") from e
    text, encoding = decode(path, raw)
    if suffix in HTML_SUFFIXES or text.lstrip()[:15].lower().startswith(("<!doctype html", "<html")):
        text, meta = html_to_text(text)
        if not text.strip():
            raise ReadError(f"{path}: no visible text in the HTML")
        return text, {**meta, "encoding": encoding}
    return text.replace("\r\n", "\n").replace("\r", "\n"), {"encoding": encoding}


@dataclass(frozen=True)
class ArticleSpan:
    """Where one article lies in a file's text, and its header (title, byline, source) as found."""

    start: int
    end: int
    body_start: int
    title: str | None
    author: str | None
    outlet: str | None


_HEADING_MARKS = re.compile(r"^[ \t]{0,3}#{1,6}(?:[ \t]+|$)|[ \t]+#+[ \t]*$")
_EMPHASIS = re.compile(r"(\*{1,3}|~~)(?=\S)([^*~\n]{1,200}?)(?<=\S)\1"
                       r"|(?<!\w)(_{1,3})(?=\S)([^_\n]{1,200}?)(?<=\S)\3(?!\w)")


def plain_title(line: str) -> str:
    """A title line as words: a Markdown heading's '#'s and emphasis marks taken off ("# **Strike** on _Hajin_" ->
    "Strike on Hajin")."""
    text = _HEADING_MARKS.sub("", line.strip())
    return " ".join(_EMPHASIS.sub(lambda m: m.group(2) or m.group(4), text).split())


def _is_title(line: str) -> bool:
    s = line.strip()
    return 8 <= len(s) <= 200 and not s.endswith((".", "”", '"', ":", ";", ",")) and not _BYLINE.match(line)


def split_articles(text: str) -> list[ArticleSpan]:
    """Split a compilation at each "Source: OUTLET" line, the article starting at the title line above it."""
    sources = list(_SOURCE_LINE.finditer(text))
    if len(sources) < 2:
        return [header_of(text)]
    heads: list[tuple[int, str | None, str | None, str, int]] = []
    for m in sources:
        title_at, title, author = None, None, None
        lines = [(x.start(), x.group()) for x in _LINE.finditer(text, 0, m.start())][-8:]
        for pos, line in reversed(lines):
            if not line.strip():
                continue
            b = _BYLINE.match(line)
            if b:
                author = author or b.group("author")
                continue
            if _is_title(line):
                title_at, title = pos, plain_title(line) or None
                break
        start = max(title_at if title_at is not None else m.start(), 0)
        heads.append((start, title, author, m.group("outlet"), m.end()))
    spans = []
    for k, (start, title, author, outlet, body) in enumerate(heads):
        start = 0 if k == 0 and not text[:start].strip() else start
        end = heads[k + 1][0] if k + 1 < len(heads) else len(text)
        spans.append(ArticleSpan(start, end, body - start, title, author, normalize_outlet(outlet)))
    if heads[0][0] > 0 and text[: heads[0][0]].strip():  # text before the first header: an article of its own
        spans.insert(0, replace(header_of(text[: heads[0][0]]), start=0, end=heads[0][0]))
    return spans


def header_of(text: str) -> ArticleSpan:
    """One article's header as stated in its text: a title line, a byline, a "Source:" line."""
    head = text[:600]
    first = head.lstrip().split("\n", 1)[0]
    title = (plain_title(first) or None) if "\n" in head.strip() and _is_title(first) \
        and not _SOURCE_LINE.match(first) else None  # a "Source:" line first is no title
    src = _SOURCE_LINE.search(head) or _SOURCE_INLINE.search(head)
    by = _BYLINE.search(head) or _BYLINE_INLINE.search(head)
    body = src.end() if src else (len(head) - len(head.lstrip()) + len(first) if title else 0)
    return ArticleSpan(0, len(text), body, title, by.group("author") if by else None,
                       normalize_outlet(src.group("outlet")) if src else None)


def read_documents(path: Path, manifest: dict[str, ManifestEntry] | None = None) -> list[Document]:
    """The articles of one file as documents; raises ReadError naming the file and the reason."""
    text, meta = read_text(path)
    entry = (manifest or {}).get(path.name)
    spans = split_articles(text)
    docs = []
    for k, span in enumerate(spans):
        body = text[span.start: span.end]
        if not body[span.body_start:].strip():
            continue
        single = len(spans) == 1
        published = (entry.published if entry and single else None) or publication_date(body[:400])
        if published is None and meta.get("article:published_time"):
            published = _iso_date(meta["article:published_time"])
        docs.append(Document(
            text=body, file=path.name, article=k, body_start=span.body_start,
            outlet=(entry.outlet if entry and single else None) or span.outlet
            or normalize_outlet(meta.get("og:site_name")),
            title=(entry.title if entry and single else None) or span.title or meta.get("og:title")
            or meta.get("title"),
            author=(entry.author if entry and single else None) or span.author or meta.get("author"),
            url=(entry.url if entry and single else None) or meta.get("og:url"),
            published=published, id=content_hash(body[span.body_start:]), encoding=meta.get("encoding", "utf-8")))
    if not docs:
        raise ReadError(f"{path}: no article text found")
    return docs


def _iso_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
