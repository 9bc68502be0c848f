"""Filters on what the accounts say: the alleged perpetrator, and words in the quotes or the titles."""

import pytest

from dashboard.account_text import account_mask, escape_html, perpetrator_choices, search_terms, texts_frame
from incidents.selection import incidents_frame

from .test_view_state import incidents

ROWS = [
    ("hajin", "US-led coalition", "Twenty civilians were killed in residential buildings.", "Strikes on Hajin"),
    ("hajin", "  US-led   coalition ", "Women and children among the dead.", None),
    ("kamal", None, "SANA said at least 30 were killed.", "US Airstrike Kills 54 Civilians Near Abu Kamal"),
    ("raqqa", "Russian forces", "The city’s market was hit.", ""),
]


@pytest.fixture
def texts():
    return texts_frame(ROWS)


def test_one_row_per_incident_with_its_perpetrators_once(texts):
    assert list(texts.index) == ["hajin", "kamal", "raqqa"]
    assert texts.loc["hajin", "perpetrators"] == ("US-led coalition",) and texts.loc["kamal", "perpetrators"] == ()
    assert perpetrator_choices(texts) == ["Russian forces", "US-led coalition"]


@pytest.mark.parametrize("words, terms", [
    ("women children", ["women", "children"]),
    ('"residential buildings" Women', ["residential buildings", "women"]),
    ("“city’s market”", ["city's market"]),  # typographic quotes and apostrophes read as plain ones
    ('"unclosed phrase', ["unclosed", "phrase"]),
    ("   ", []),
])
def test_search_terms(words, terms):
    assert search_terms(words) == terms


KEEPS = [  # (perpetrators, words, incidents kept)
    ((), "", {"hajin", "kamal", "raqqa", "nofig"}),
    (("US-led coalition",), "", {"hajin"}),
    (("US-led coalition", "Russian forces"), "", {"hajin", "raqqa"}),
    ((), "killed", {"hajin", "kamal"}),
    ((), '"residential buildings" women', {"hajin"}),  # words from two accounts of one incident
    ((), "abu kamal", {"kamal"}),  # in a title
    ((), "city's", {"raqqa"}),
    ((), '"buildings residential"', set()),
    (("US-led coalition",), "SANA", set()),
]


@pytest.mark.parametrize("perpetrators, words, kept", KEEPS)
def test_what_the_accounts_say_narrows_the_incidents(texts, perpetrators, words, kept):
    frame = incidents_frame(incidents())  # "nofig" has no text: kept only when nothing is asked
    assert set(frame[account_mask(frame, texts, perpetrators=perpetrators, words=words)]["id"]) == kept


# -- text from files as HTML for st.markdown --------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("plain words", "plain words"),
    ("<img src=http://evil.test/x.png>", "&lt;img src=http://evil.test/x.png&gt;"),
    ("a & \"b\" 'c'", "a &amp; &quot;b&quot; &#x27;c&#x27;"),
    ("one\ntwo", "one\ntwo"),
    ("one\r\ntwo", "one\ntwo"),
    ("one\r\rtwo", "one\n\ntwo"),  # two CRs are a blank line: a caller's paragraphs, never a raw one
    ("one\u2028two\u2029three\x0bfour\x0cfive\x85six", "one\ntwo\nthree\nfour\nfive\nsix"),
    ("\u202eevil\u202c", "\u202eevil\u202c"),  # direction marks kept: the text as written
    ("", ""),
    (None, ""),
])
def test_escape_html_leaves_no_markup_and_only_lf_breaks(text, expected):
    assert escape_html(text) == expected
    assert "\r" not in escape_html(text) and "<" not in escape_html(text)


def test_the_pages_html_helpers_keep_no_line_break_markdown_could_read():
    from dashboard.incident_view import quote_in_article, quote_in_context
    from dashboard.review_view import sentence_html
    from incidents.model import Account, Document

    text = "Title\n\nStrikes hit Abu Kamal\r\r![x](http://evil.test/x.png) killed 9.\r\rMore."
    doc = Document(text=text, file="a.csv")
    start = text.index("Strikes")
    account = Account(document_id=doc.id, file="a.csv", article=0, quote=text[start:], start=start, end=len(text),
                      claimed_by="ACLED")
    for out in (quote_in_article(doc, account), quote_in_context(doc, account), sentence_html(text[start:])):
        assert "\r" not in out and "\n" not in out
        assert "![x](http://evil.test/x.png)" in out  # as letters inside the HTML, which Markdown leaves alone
