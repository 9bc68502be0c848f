"""Filters on what the accounts say: the alleged perpetrator, and words in the quotes or the articles' titles.

    texts = texts_frame(rows)                    # rows: (incident id, perpetrator, quote, title), one per account
    perpetrator_choices(texts)                   # ["Russian forces", "US-led coalition", …]
    keep = account_mask(frame, texts, perpetrators=("US-led coalition",), words='"residential buildings" women')

Words match whole or in part, in any case; every word must appear in some account of the incident (its quote or its
article's title); a phrase in double quotes matches as written. The incidents frame holds no account text (the map
draws without decoding accounts), so the page reads these columns apart (dashboard.data.account_texts).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

import pandas as pd

#: Line breaks other than LF: CR and CRLF end a line in Markdown too (two CRs make the blank line that ends an HTML
#: block, after which a page's st.markdown reads Markdown again: an image fetched); Unicode adds its own.
_OTHER_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")


def escape_html(text: str) -> str:
    """Text from a file as HTML for ``st.markdown(..., unsafe_allow_html=True)``: escaped, every line break one LF.

    A caller turns each LF into ``<br>`` (or paragraphs) so no blank line ever leaves the HTML block."""
    return html.escape(_OTHER_BREAKS.sub("\n", text or ""))


#: The columns of the texts frame (indexed by incident id).
TEXT_COLUMNS = ("perpetrators", "text")


def _fold(text: str) -> str:
    """Text as compared: NFKC, case folded, typographic quotes plain, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'}))
    return " ".join(text.split())


def _clean(value: object) -> str:
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def texts_frame(rows: Iterable[Sequence[object]]) -> pd.DataFrame:
    """One row per incident: its accounts' alleged perpetrators (as written, once each) and their quotes and titles
    folded into one searchable text."""
    perpetrators: dict[str, dict[str, None]] = {}
    texts: dict[str, list[str]] = {}
    for incident_id, perpetrator, quote, title in rows:
        key = str(incident_id)
        found = perpetrators.setdefault(key, {})
        if _clean(perpetrator):
            found[_clean(perpetrator)] = None
        texts.setdefault(key, []).extend(_fold(t) for t in (quote, title) if isinstance(t, str) and t.strip())
    ids = list(perpetrators)
    return pd.DataFrame({"perpetrators": [tuple(perpetrators[i]) for i in ids],
                         "text": ["\n".join(texts[i]) for i in ids]}, index=pd.Index(ids, name="id"),
                        columns=list(TEXT_COLUMNS))


def perpetrator_choices(texts: pd.DataFrame) -> list[str]:
    """The alleged perpetrators the accounts name, sorted."""
    return sorted({p for values in texts["perpetrators"] for p in values}, key=str.casefold)


def search_terms(words: str) -> list[str]:
    """The terms of a search: phrases in double quotes as they are, other words one by one (folded)."""
    folded = _fold(words)
    phrases = [p.strip() for p in re.findall(r'"([^"]+)"', folded)]
    rest = re.sub(r'"[^"]*"', " ", folded).replace('"', " ").split()  # an unclosed quote is no phrase
    return [t for t in (*phrases, *rest) if t]


def account_mask(frame: pd.DataFrame, texts: pd.DataFrame, *, perpetrators: Sequence[str] = (),
                 words: str = "") -> pd.Series:
    """Rows of the incidents `frame` whose accounts name one of `perpetrators` and hold every term of `words`."""
    keep = pd.Series(True, index=frame.index)
    if not perpetrators and not words.strip():
        return keep
    found = texts.reindex(frame["id"])
    if perpetrators:
        wanted = set(perpetrators)
        keep &= pd.Series([bool(wanted.intersection(v)) if isinstance(v, tuple) else False
                           for v in found["perpetrators"]], index=frame.index)
    terms = search_terms(words)
    if terms:
        keep &= pd.Series([isinstance(t, str) and all(term in t for term in terms) for t in found["text"]],
                          index=frame.index)
    return keep
