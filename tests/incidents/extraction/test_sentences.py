"""Sentence splitting: breaks, abbreviations, quotes, paragraphs, spans, the corpus, hostile text."""

import json
import time
from pathlib import Path

import pytest

from incidents.extraction.sentences import Sentence, split_sentences, without_furniture

SHARED = Path(__file__).resolve().parents[3].parent / "shared"


def texts(text):
    return [s.text for s in split_sentences(text)]


# ---------------------------------------------------------------- breaks

@pytest.mark.parametrize("text, expected", [
    ("Twenty civilians were killed. The coalition denied it.",
     ["Twenty civilians were killed.", "The coalition denied it."]),
    ("Was it an airstrike? Residents said it was! Nobody knows…",
     ["Was it an airstrike?", "Residents said it was!", "Nobody knows…"]),
    ("The toll rose... The monitor said 54.", ["The toll rose...", "The monitor said 54."]),
    ("Why does not the UNSC act ?. The states must withdraw.",
     ["Why does not the UNSC act ?.", "The states must withdraw."]),
    # quotes and brackets closing a sentence
    ("“This is a massacre.” The ministry said so.", ["“This is a massacre.”", "The ministry said so."]),
    ('He said "we saw the jets." Then the strikes began.', ['He said "we saw the jets."', "Then the strikes began."]),
    ("It was the coalition’s doing.’ Residents fled.", ["It was the coalition’s doing.’", "Residents fled."]),
    ("(The figure could not be verified.) SANA said 30.", ["(The figure could not be verified.)", "SANA said 30."]),
    ("Sept. 15, 2017. (AP Photo)", ["Sept. 15, 2017.", "(AP Photo)"]),
    # a period glued to the next sentence
    ("Twenty people were killed.The strikes hit Hajin.", ["Twenty people were killed.", "The strikes hit Hajin."]),
    ("SOHR said 54 died.Local sources said 30.", ["SOHR said 54 died.", "Local sources said 30."]),
    # a number opens the next sentence
    ("The toll was revised in 2017. 20 people had died.", ["The toll was revised in 2017.", "20 people had died."]),
    # a name particle opens the next sentence
    ("Strikes hit Hajin. al-Baghouz was hit too.", ["Strikes hit Hajin.", "al-Baghouz was hit too."]),
    # an abbreviation ending a sentence before a sentence opener
    ("The strike was carried out by the U.S. The Pentagon declined to comment.",
     ["The strike was carried out by the U.S.", "The Pentagon declined to comment."]),
    ("Talks were held at the U.N. In Damascus, officials said nothing.",
     ["Talks were held at the U.N.", "In Damascus, officials said nothing."]),
    ("He arrived at 5 p.m. The strike came an hour later.", ["He arrived at 5 p.m.", "The strike came an hour later."]),
])
def test_breaks(text, expected):
    assert texts(text) == expected


@pytest.mark.parametrize("text", [
    # abbreviations, initials, decimals, references: one sentence each (must not split)
    "U.S.-led coalition warplanes struck the town on Friday.",
    "The U.S. Central Command said the strike was under review.",
    "The U.N. Security Council met on Friday.",
    "The U.K.-based Syrian Observatory for Human Rights said 54 were killed.",
    "On Sept. 15, 2017, the strikes resumed.",
    "The strikes on Jan. 3 killed 12 people.",
    "The UNSC should implement resolution No.2253 and act.",
    "The UNSC should implement resolution No. 2253 and act.",
    "Mr. Guterres called for restraint.",
    "Dr. Ahmad said 14 bodies were recovered.",
    "Gen. Viktor Poznikhir spoke in Moscow.",
    "Brig. Gen. Smith said the coalition would review it.",
    "Col. Ryan Dillon, a coalition spokesman, said the report was credible.",
    "He lives on St. George street in Hasakah.",
    "George W. Bush launched the war.",
    "The blast was felt 3.5 km away.",
    "Casualties rose by 2.5 percent, e.g. in Hajin, and the figure grew.",
    "Weapons, i.e. missiles and rockets, were used.",
    "Fuel, food, medicine etc. were scarce in the camp.",
    "The Syrian Observatory for Human Rights (SOHR) has assertedthat 54 were killed.",
    "“Why?” he asked, as the jets returned.",
    "The obligations… a breakdown of the ceasefire will follow.",
    "DAMASCUS,(ST)- Syria has renewed its call on the Security Council.",
])
def test_no_break_inside(text):
    assert texts(text) == [text]


# ---------------------------------------------------------------- lines and paragraphs

def test_title_line_and_paragraph_without_final_period():
    text = ("US-led Coalition Airstrikes Kill 20 more civilians in Syria\n\nSource: Press TV\n"
            "Twenty civilians have been killed in the town of Hajin in Syria’s eastern province of [Deir Ezzor]\n\n"
            "Local sources told SANA that nine children were among the dead. No statement was made.")
    got = [(s.text, s.paragraph) for s in split_sentences(text)]
    assert got == [
        ("US-led Coalition Airstrikes Kill 20 more civilians in Syria", 0),
        ("Source: Press TV", 1),
        ("Twenty civilians have been killed in the town of Hajin in Syria’s eastern province of [Deir Ezzor]", 2),
        ("Local sources told SANA that nine children were among the dead.", 3),
        ("No statement was made.", 3),
    ]


@pytest.mark.parametrize("text, expected", [
    ("One. Two.\n\nThree.", [0, 0, 1]),
    ("One.\nTwo.\nThree.", [0, 1, 2]),
    ("\n\n\nOne.\n\n\n\nTwo.\n", [0, 1]),
    ("One.\r\n\r\nTwo.", [0, 1]),
    ("Title\n\nBody one. Body two.\n\n\n", [0, 1, 1]),
])
def test_paragraph_numbers(text, expected):
    assert [s.paragraph for s in split_sentences(text)] == expected


def test_wrapped_line_continues_the_sentence():
    text = "Twenty civilians were killed when warplanes struck\nthe village of al-Buqa’an. Residents fled."
    assert texts(text) == ["Twenty civilians were killed when warplanes struck\nthe village of al-Buqa’an.",
                           "Residents fled."]
    assert [s.paragraph for s in split_sentences(text)] == [0, 0]


# ---------------------------------------------------------------- spans

SPAN_TEXTS = [
    "  Leading spaces. Trailing spaces.   ",
    "\tTabbed title\n\n   Indented paragraph. Second sentence!  \n",
    "“Quoted.” Then plain.The glued one.",
    "US-led Coalition’s crimes\n\nDAMASCUS,(ST)- Syria said. The ministry said 17 were killed.",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_spans_index_the_text_and_are_trimmed(text):
    sentences = split_sentences(text)
    assert sentences
    for s in sentences:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip() and s.text
    assert [s.start for s in sentences] == sorted(s.start for s in sentences)
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


def test_sentence_validates_itself():
    with pytest.raises(ValueError, match="start"):
        Sentence("x", 5, 2, 0)
    with pytest.raises(ValueError, match="length"):
        Sentence("abc", 0, 2, 0)
    with pytest.raises(ValueError, match="paragraph"):
        Sentence("abc", 0, 3, -1)
    with pytest.raises(Exception):
        Sentence("abc", 0, 3, 0).text = "x"  # frozen


# ---------------------------------------------------------------- hostile text

@pytest.mark.parametrize("text", [
    "", " ", "\n\n\n", ".", "...", "?!?!", "….", "\u200f\u200e", "\x00\x00.", "İstanbul. İzmir.",
    "ﷺ. ‏مقتل 20 مدنياً. 🚀🚀. Done.", "a" * 10, "A." * 50, "e\u0301tude. Élan.",
])
def test_odd_text_does_not_crash(text):
    for s in split_sentences(text):
        assert text[s.start:s.end] == s.text


@pytest.mark.parametrize("text", [
    "word " * 20_000,
    "Killed. " * 12_500,
    "U.S. " * 20_000,
    "." * 100_000,
    "\n" * 100_000,
    ("x" * 999 + "\n") * 100,
])
def test_long_text_is_fast(text):
    t0 = time.perf_counter()
    sentences = split_sentences(text)
    assert time.perf_counter() - t0 < 2.0
    for s in sentences[:50]:
        assert text[s.start:s.end] == s.text


# ---------------------------------------------------------------- the sample corpus

@pytest.fixture(scope="module")
def corpus():
    folder = SHARED / "corpus"
    if not folder.is_dir():
        pytest.skip("the shared sample corpus is not beside the repository")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))}


def test_corpus_spans(corpus):
    for text in corpus.values():
        for s in split_sentences(text):
            assert text[s.start:s.end] == s.text


def test_every_gold_quote_lies_in_one_sentence(corpus):
    gold = [json.loads(line) for line in (SHARED / "eval" / "seed_gold.jsonl").read_text().splitlines() if line]
    for incident in gold:
        for account in incident["accounts"]:
            text = corpus[account["doc"]]
            at = text.index(account["quote"])
            end = at + len(account["quote"])
            holding = [s for s in split_sentences(text) if s.start <= at and end <= s.end]
            assert holding, (incident["id"], account["quote"][:60])


def test_corpus_sentences_read_as_a_person_would(corpus):
    sentences = texts(corpus["004_4d2f4ba04db9a048.txt"])
    assert "Twenty civilians, including women and children, have been killed in airstrikes carried out by the " \
           "coalition led by the United States in the town of Hajin situated in Syria’s eastern province of " \
           "[Deir Ezzor]" in sentences
    assert "Some outlets put the death toll as high as 80 while others suggest 62 soldiers were killed." in sentences
    assert "The Syrian Observatory for Human Rights (SOHR), often cited by international and particularly Western " \
           "media, has assertedthat 54 were killed." in sentences
    assert "Top Photo | A view of the city of Deir ez-Zor, Syria, Friday, Sept. 15, 2017." in sentences


# ---------------------------------------------------------------- captions, links, keywords: not the article

def kinds(text):
    return [(s.text, s.kind) for s in split_sentences(text)]


@pytest.mark.parametrize("text, expected", [
    # a caption closed by a picture credit, glued to the next sentence
    ("Strikes resumed. US-led jets continue to target civilians in Syria (Reuters) Around 600 Syrians have died.",
     [("Strikes resumed.", "text"), ("US-led jets continue to target civilians in Syria (Reuters)", "caption"),
      ("Around 600 Syrians have died.", "text")]),
    # a sentence that a picture credit alone follows
    ("Jets struck. The bombing reduced the areas to rubble. (File photo) After a lull the jets returned.",
     [("Jets struck.", "text"), ("The bombing reduced the areas to rubble.", "caption"), ("(File photo)", "caption"),
      ("After a lull the jets returned.", "text")]),
    ("Top Photo | A view of the city of Deir ez-Zor, Syria, Friday, Sept. 15, 2017. (AP Photo)",
     [("Top Photo | A view of the city of Deir ez-Zor, Syria, Friday, Sept. 15, 2017.", "caption"),
      ("(AP Photo)", "caption")]),
    # an agency credit opening a sentence closes the caption before it
    ("Law. A picture taken on July 29 shows a corridor in Aleppo. (TRT World and Agencies) At least 15 died.",
     [("Law.", "text"), ("A picture taken on July 29 shows a corridor in Aleppo.", "caption"),
      ("(TRT World and Agencies)", "caption"), ("At least 15 died.", "text")]),
    # the title of an embedded video or post, up to its mark
    ("Hit. \"Toxic gas attack\" kills at least 58 in Idlib - YouTube Opposition groups said 58 died.",
     [("Hit.", "text"), ('"Toxic gas attack" kills at least 58 in Idlib - YouTube', "link"),
      ("Opposition groups said 58 died.", "text")]),
    ("Hit. Toll Rises in Aleppo httpst.co5rT60 pic.twitter.com0Zw6eH The Observer (observesyria) July 27 2016 The US "
     "has rejected calls.", [("Hit.", "text"), ("Toll Rises in Aleppo httpst.co5rT60 pic.twitter.com0Zw6eH", "link"),
                             ("The Observer (observesyria) July 27 2016 The US has rejected calls.", "text")]),
    # a dateline with an agency credit is no caption
    ("BEIRUT (Reuters) At least 20 were killed.", [("BEIRUT (Reuters) At least 20 were killed.", "text")]),
    # a linked headline inside the text: the next sentence starts at its first opener
    ("She was rescued. Read more here Syrian baby saver killed in Aleppo The fighters launched an attack.",
     [("She was rescued.", "text"), ("Read more here Syrian baby saver killed in Aleppo", "link"),
      ("The fighters launched an attack.", "text")]),
    ("The toll rose. Related News Iraqs vote violations | The global gag rule | Elections in Slovenia. Thousands "
     "walk into Turkey.", [("The toll rose.", "text"),
                           ("Related News Iraqs vote violations | The global gag rule | Elections in Slovenia.",
                            "link"), ("Thousands walk into Turkey.", "link")]),
    ("Check Also\n\nUS strikes kill 20", [("Check Also", "link"), ("US strikes kill 20", "text")]),
    # keywords glued before the lead
    ("It was hit. Tags Idlib Russia Syria Anti-government activists say 12 died.",
     [("It was hit.", "text"), ("Tags Idlib Russia Syria", "tags"), ("Anti-government activists say 12 died.", "text")]),
    ("It was hit. Tags Syria Islamic State Group Three children were among 19 killed.",
     [("It was hit.", "text"), ("Tags Syria Islamic State Group", "tags"),
      ("Three children were among 19 killed.", "text")]),
])
def test_captions_links_and_keywords(text, expected):
    assert kinds(text) == expected
    assert all(text[s.start:s.end] == s.text for s in split_sentences(text))


@pytest.mark.parametrize("text", [
    "The Syrian Observatory for Human Rights (SOHR) said 54 were killed.",
    "Agence France-Presse (AFP) reported that 12 people died.",
    "Residents were told to read more carefully.",
    "He said (Reuters) that the toll was 20.",
])
def test_not_captions_nor_links(text):
    assert {s.kind for s in split_sentences(text)} == {"text"}


def test_sentence_kind_is_checked():
    with pytest.raises(ValueError, match="kind"):
        Sentence("abc", 0, 3, 0, "footnote")


@pytest.mark.parametrize("text, kept", [
    # a share button and its counts are blanked, the article after them kept
    ("16.04.2017Get short URL 0 612 A woman and child were killed", "A woman and child were killed"),
    ("Get short URL 0 67 At least 45 people were killed", "At least 45 people were killed"),
    ("Share on Facebook 1,204 Five civilians died", "Five civilians died"),
    # figures with no furniture before them are left alone
    ("At least 12 people were killed", "At least 12 people were killed"),
    ("A short road to 12 villages", "A short road to 12 villages"),
])
def test_page_furniture_and_its_counts_are_no_text(text, kept):
    out = without_furniture(text)
    assert len(out) == len(text)  # spans still index the text
    assert " ".join(out.split()).endswith(kept) and "612" not in out and "1,204" not in out
