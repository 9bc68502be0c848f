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

Speed: one scan finds the stops and line breaks, and each candidate is checked once, looking at most TOKEN_CHARS
around it: the work is linear in the text, whatever it holds (a run of 100,000 dots is checked once).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article: its text and where it stands."""

    text: str
    start: int  # article[start:end] == text
    end: int
    paragraph: int  # index of the paragraph (blank-line or newline separated) the sentence is in

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"sentence span must satisfy 0 <= start <= end, got start={self.start}, end={self.end}")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"sentence text length {len(self.text)} does not match its span {self.start}..{self.end}")
        if self.paragraph < 0:
            raise ValueError(f"paragraph must be >= 0, got {self.paragraph}")


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
    return out
