"""Split an article into sentences, each with its character span and the paragraph it stands in.

Conventions:
- Spans index the article: `text[s.start:s.end] == s.text`; whitespace around a sentence is left out of its span.
- A sentence ends at ".", "!", "?", "…" (or a run of them, "?." and "..."), closing quotes and brackets included
  (`killed.”`), when the next word does not start lower-case ("al-Baghouz" and the like count as capitalised).
  A period glued to the next sentence ("killed.The") is a break when a word of two letters or more precedes it;
  a word glued to "that" ("assertedthat") is a typo, not a break.
- Not a break: titles and references before a name or number ("Mr.", "Dr.", "Gen.", "St.", "No. 5"), month
  abbreviations before a day ("Sept. 15"), decimals ("3.5", "No.2253"), "e.g." / "i.e." and lower-case words after
  any terminator ("etc. and", "obligations… a breakdown", "“Why?” he asked"). Dotted abbreviations and initials
  ("U.S.", "U.N.", "George W. Bush") end a sentence only before a word that usually opens one ("the U.S. The").
- Line breaks end a sentence even without a period (a title line, a paragraph ending "[Deir Ezzor]"), and open a
  new paragraph. A single line break followed by a lower-case word is a wrapped line: the sentence goes on.
- Paragraphs are numbered from 0 in text order, counting only those holding a sentence.

Not the article (`Sentence.kind`): a photo caption ("kind" "caption": the words a picture or agency credit closes,
"... civilians in Syria (Reuters) Around 600 ..." is split after the credit; a sentence a picture credit alone
follows, "... to rubble. (File photo)") and a line of links to other articles ("link": from "Read more", "Related
News", ... up to the next sentence, which starts at the first capitalised sentence opener after the linked
headline; a line of links apart by " | " runs to the end of its paragraph; the title of an embedded post or video,
up to its mark, "... kills 58 in Idlib - YouTube") and a list of keywords ("tags": "Tags Idlib Russia Syria",
glued to the sentence after it). A credit opening a sentence ("(TRT World and Agencies) At least ...") closes the
caption before it. The words are data: ``vocab/spotting_photo_credits.txt``, ``spotting_link_openers.txt``,
``spotting_embed_marks.txt``, ``spotting_tag_openers.txt``.

Speed: one scan finds the stops and line breaks, and each candidate is checked once, looking at most TOKEN_CHARS
around it: the work is linear in the text, whatever it holds (a run of 100,000 dots is checked once).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab")


@functools.cache
def vocabulary(name: str) -> tuple[str, ...]:
    """The entries of the extraction vocabulary ``vocab/<name>.txt``: one a line, lower-cased, blank lines and '#'
    comments left out. Every word list of the sentence and place stages is read through here, once."""
    path = VOCAB / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise FileNotFoundError(f"vocabulary {name!r}: cannot read {path}: {e.strerror or e}") from e
    return tuple(w for w in (line.split("#", 1)[0].strip().lower() for line in lines) if w)


def vocabulary_table(name: str) -> dict[str, frozenset[str]]:
    """A vocabulary whose lines are "KIND ENTRY": the entries of each kind."""
    table: dict[str, set[str]] = {}
    for line in vocabulary(name):
        kind, _, entry = line.partition(" ")
        table.setdefault(kind, set()).add(entry.strip())
    return {k: frozenset(v) for k, v in table.items()}


#: Words ending with "." that precede a name or a number: never the end of a sentence.
TITLES = frozenset(
    "mr mrs ms dr prof gen col lt sgt maj capt cpt adm brig cmdr gov sen rep rev st mt ft no nos vs cf fig approx "
    "est ref vol pp art para dept univ jr sr".split())
#: Month abbreviations: not a break before a day number ("Sept. 15").
MONTHS = frozenset("jan feb mar apr jun jul aug sep sept oct nov dec".split())
#: Dotted abbreviations that never end a sentence.
NEVER_FINAL = frozenset({"e.g", "i.e", "viz", "a.k.a"})
#: Words that usually open a sentence: after an abbreviation or an initial ("the U.S. The ..."), a break.
STARTERS = frozenset(
    "the a an it its he she they we i in on at but and however this that these those there meanwhile according "
    "after before when while since as earlier later last some many most no local residents his her their our one "
    "two three if yet so although though despite during for from with without by".split())
#: Lower-case name particles that may open a sentence ("al-Baghouz was hit").
_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|an|ibn|bin|abu)-", re.IGNORECASE)
_CANDIDATE = re.compile(r"[.!?…\n]")  # a cheap scan for where a sentence may end
_BOUNDARY = re.compile(
    r"(?P<term>[.!?…]++[\"'”’»)\]]*+)(?P<ws>\s+|(?=[\"“‘(\[]?[A-Z][a-z]))"
    r"|(?P<nl>\n\s*)")
_RUN = re.compile(r"[.!?…]*")
_LEADING = "\"“”‘’'([«"
TOKEN_CHARS = 40  # how far back the word before a period is read
KINDS = ("text", "caption", "link", "tags")
_CREDITS = vocabulary_table("spotting_photo_credits")
PHOTO_WORDS, AGENCY_WORDS = _CREDITS.get("photo", frozenset()), _CREDITS.get("agency", frozenset())
#: A parenthesis that may credit a picture or an agency, and what follows it.
_CREDIT = re.compile(r"\((?P<inner>[^()\n]{1,60})\)(?P<ws>\s*)")
CAPTION_WORDS = 4  # an agency credit closes a caption of at least this many words (fewer: a dateline, "BEIRUT (AFP)")
_CAPTION_WORDS = re.compile(r"\S+(?:\s+\S+){%d}" % (CAPTION_WORDS - 1))


def _capitalised(phrase: str) -> str:
    """A regex for a vocabulary phrase written with a capital first letter or in capitals."""
    first, rest = phrase[:1], re.escape(phrase[1:]).replace(r"\ ", r"\s+")
    return rf"(?:{first.upper()}(?i:{rest})|{re.escape(phrase.upper())})"


_LINK_OPENER = re.compile(r"(?<![\w-])(?:" + "|".join(_capitalised(p) for p in sorted(
    vocabulary("spotting_link_openers"), key=len, reverse=True)) + r")\b:?")
_TAGS = re.compile(r"(?:" + "|".join(_capitalised(p) for p in vocabulary("spotting_tag_openers")) + r")\b:?\s+")
#: Number words that may open the sentence glued after a list of keywords ("Tags Syria Three children ...").
OPENER_NUMBERS = frozenset("one two three four five six seven eight nine ten eleven twelve dozens hundreds".split())
LINK_PHRASES = tuple(vocabulary("spotting_link_openers"))
TAG_INITIALS = frozenset(w[0].upper() for w in vocabulary("spotting_tag_openers"))
EMBED_MARKS = tuple(vocabulary("spotting_embed_marks"))
_EMBED = re.compile("(?:" + "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in EMBED_MARKS) + r")\S*",
                    re.IGNORECASE)
_FURNITURE = re.compile(r"\b(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(
    vocabulary("figures_page_furniture"), key=len, reverse=True)) + r")\b(?:\s+\d[\d,.]*){0,3}", re.IGNORECASE)


def without_furniture(text: str) -> str:
    """`text` with a web page's share buttons and their counts blanked (same length, so spans still index it):
    ``vocab/figures_page_furniture.txt``."""
    return _FURNITURE.sub(lambda m: " " * len(m.group(0)), text) if any(c.isdigit() for c in text) else text


LINK_HEADLINE_WORDS = 3  # a linked headline has at least this many words before the next sentence opens


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its text and where it stands."""

    text: str
    start: int  # article[start:end] == text
    end: int
    paragraph: int  # index of the paragraph (blank-line or newline separated) the sentence is in
    kind: str = "text"  # "text", or what is no part of the article's text: "caption", "link", "tags"

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"sentence span must satisfy 0 <= start <= end, got start={self.start}, end={self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"sentence text length {len(self.text)} does not match its span {self.start}..{self.end}")
        if self.paragraph < 0:
            raise ValueError(f"paragraph must be >= 0, got {self.paragraph}")
        if self.kind not in KINDS:
            raise ValueError(f"sentence kind must be one of {KINDS}, got {self.kind!r}")

    @property
    def article(self) -> bool:
        """True for the article's own text (not a caption nor a line of links)."""
        return self.kind == "text"


def _word_before(text: str, i: int) -> str:
    """The whitespace-delimited word ending at position i, leading quotes and brackets removed."""
    j = i
    stop = max(0, i - TOKEN_CHARS)
    while j > stop and not text[j - 1].isspace():
        j -= 1
    return text[j:i].lstrip(_LEADING)


def _next_word(text: str, i: int) -> str:
    """The word starting at position i, leading quotes and brackets removed, trailing punctuation dropped."""
    j = i
    stop = min(len(text), i + TOKEN_CHARS)
    while j < stop and not text[j].isspace():
        j += 1
    return text[i:j].lstrip(_LEADING).rstrip(".,;:!?\"'”’)")


def _lowercase_start(text: str, i: int) -> bool:
    """True when the text at i opens with a lower-case word that is not a name particle ("al-")."""
    while i < len(text) and text[i] in _LEADING:
        i += 1
    return i < len(text) and text[i].islower() and not _PARTICLE.match(text, i)


def _period_ends(word: str, following: str, glued: bool) -> bool:
    """True when a period after `word`, followed by `following`, ends the sentence."""
    low = word.lower()
    if low in TITLES:
        return False
    if low in MONTHS:
        return not following[:1].isdigit()
    if "." in word or (len(word) == 1 and word.isalpha()):
        return not glued and low not in NEVER_FINAL and following.lower() in STARTERS
    if glued:
        return len(word) >= 2 and word[-2:].isalpha()
    return True


def _is_break(text: str, m: re.Match[str]) -> tuple[bool, bool]:
    """(ends a sentence, starts a new paragraph) for one boundary match."""
    ws = m.group("nl") or m.group("ws") or ""
    lines = ws.count("\n")
    nxt = m.end()
    if lines and not (lines == 1 and _lowercase_start(text, nxt)):
        return True, True
    if m.group("nl") is not None or nxt >= len(text):
        return False, False
    if _lowercase_start(text, nxt):
        return False, False
    term = m.group("term").rstrip("\"'”’»)]")
    if term != ".":
        return True, False
    return _period_ends(_word_before(text, m.start()), _next_word(text, nxt), glued=not ws), False


def split_sentences(text: str) -> list[Sentence]:
    """The sentences of an article in text order, with spans and paragraph numbers."""
    out: list[Sentence] = []
    paragraph, seg, used = 0, 0, False

    def emit(start: int, end: int) -> None:
        nonlocal used
        chunk = text[start:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            out.append(Sentence(body, start + lead, start + lead + len(body), paragraph))
            used = True

    floor = 0
    for c in _CANDIDATE.finditer(text):
        if c.start() < floor:
            continue
        m = _BOUNDARY.match(text, c.start())
        if m is None:  # "3.5", "U.S.-led": skip the whole run of stops
            floor = _RUN.match(text, c.start()).end()
            continue
        floor = m.end()
        ends, new_paragraph = _is_break(text, m)
        if not ends:
            continue
        emit(seg, m.start() + len(m.group("term") or ""))
        seg = m.end()
        if new_paragraph and used:
            paragraph, used = paragraph + 1, False
    emit(seg, len(text))
    return _not_article(text, out)


def _credit_kind(inner: str) -> str | None:
    """"photo" or "agency" when a parenthesis's words credit a picture or an agency, else None."""
    words = set(re.findall(r"[a-z]+", inner.lower()))
    if words & PHOTO_WORDS:
        return "photo"
    return "agency" if words & AGENCY_WORDS and len(words) <= 6 else None


def _cut(text: str, s: Sentence, at: int, first: str, second: str) -> list[Sentence]:
    """Sentence s cut at article position `at`, the two parts of the given kinds (whitespace left out)."""
    out = []
    for a, b, kind in ((s.start, at, first), (at, s.end, second)):
        chunk = text[a:b]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            out.append(Sentence(body, a + lead, a + lead + len(body), s.paragraph, kind))
    return out


def _split_credits(text: str, s: Sentence) -> list[Sentence]:
    """A sentence cut after each credit followed by more words: the words the credit closes are a caption."""
    if "(" not in s.text:
        return [s]
    out: list[Sentence] = []
    rest = s
    while True:
        cut = _credit_cut(rest)
        if cut is None:
            return [*out, rest]
        if cut == len(rest.text):
            return [*out, replace(rest, kind="caption")]
        head = _cut(text, rest, rest.start + cut, "caption", rest.kind)
        if len(head) < 2:
            return [*out, *head]
        out.append(head[0])
        rest = head[1]


def _credit_cut(s: Sentence) -> int | None:
    """Where a caption the first credit closes ends in s (its length when s ends with it), else None."""
    for m in _CREDIT.finditer(s.text):
        kind = _credit_kind(m.group("inner"))
        if kind is None:
            continue
        if not (kind == "photo" or m.start() == 0 or _CAPTION_WORDS.match(s.text, 0, m.start())):
            continue
        after = s.text[m.end():]
        if after[:1].isupper() or after[:1] in "\"“(":
            return m.end()
        if not after.strip():
            return len(s.text)
    return None


def _split_link(text: str, s: Sentence) -> list[Sentence]:
    """A sentence holding a link opener: the words before it stay, the linked headline is a link, and the words
    from the first sentence opener after the headline's first words are a sentence again."""
    low = s.text.lower()
    if not any(p in low for p in LINK_PHRASES):
        return [s]
    m = _LINK_OPENER.search(s.text)
    if m is None:
        return [s]
    head = _cut(text, s, s.start + m.start(), s.kind, "link") if m.start() else [replace(s, kind="link")]
    link = head[-1]
    if " | " not in link.text:
        words = list(re.finditer(r"\S+", link.text))
        for w in words[LINK_HEADLINE_WORDS + 1:]:
            if w.group(0).lower() in STARTERS and w.group(0)[:1].isupper():
                return [*head[:-1], *_cut(text, link, link.start + w.start(), "link", "text")]
    return head


def _split_embeds(text: str, s: Sentence) -> list[Sentence]:
    """A sentence holding the mark of an embedded post or video: the words up to the mark are a link."""
    low = s.text.lower()
    if not any(m in low for m in EMBED_MARKS):
        return [s]
    m = None
    for m in _EMBED.finditer(s.text):
        pass
    assert m is not None
    if not s.text[m.end():].strip():
        return [replace(s, kind="link")]
    return _cut(text, s, s.start + m.end(), "link", s.kind)


def _split_tags(text: str, s: Sentence) -> list[Sentence]:
    """A sentence opening with a list of keywords: the list ("tags") cut from the sentence glued after it."""
    m = _TAGS.match(s.text) if s.text[:1] in TAG_INITIALS else None
    if m is None:
        return [s]
    words = list(re.finditer(r"\S+", s.text[m.end():]))
    lower = next((i for i, w in enumerate(words) if w.group(0)[:1].islower()), None)
    if lower is None or lower == 0:
        return [replace(s, kind="tags")]
    caps = [i for i in range(max(0, lower - 3), lower) if words[i].group(0)[:1].isupper()
            or words[i].group(0)[:1].isdigit()]
    if not caps:
        return [replace(s, kind="tags")]
    opener = next((i for i in caps if words[i].group(0).lower() in STARTERS | OPENER_NUMBERS), caps[-1])
    return _cut(text, s, s.start + m.end() + words[opener].start(), "tags", s.kind)


def _not_article(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """The sentences with captions and lines of links told apart (cut out of the sentences they are glued to)."""
    out: list[Sentence] = []
    for s in [part for s in sentences for part in _split_embeds(text, s)]:
        for part in _split_credits(text, s):
            for piece in _split_link(text, part) if part.kind == "text" else [part]:
                out += _split_tags(text, piece) if piece.kind == "text" else [piece]
    for k, s in enumerate(out):
        credit = _CREDIT.fullmatch(s.text) if s.text[:1] == "(" else None
        kind = _credit_kind(credit.group("inner")) if credit else None
        glued = k + 1 < len(out) and out[k + 1].start - s.end < 3  # "(TRT World and Agencies) At least 15 ..."
        if kind and k and out[k - 1].paragraph == s.paragraph and (kind == "photo" or glued):
            out[k - 1] = replace(out[k - 1], kind="caption")
            out[k] = replace(s, kind="caption")
        elif s.kind == "text" and k and out[k - 1].kind == "link" and " | " in out[k - 1].text \
                and out[k - 1].paragraph == s.paragraph:
            out[k] = replace(s, kind="link")
    return out
