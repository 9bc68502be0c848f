"""Reading article files: decoding, markup, headers, compilations split into articles, bad files named."""

import datetime as dt
import json

import pytest

from incidents.errors import ReadError
from incidents.reading import html_to_text, read_documents, read_manifest, split_articles

COMPILATION = """First Headline About a Strike

By Jane Roe
Source: Example Times

HAJIN, SYRIA – Twelve civilians were killed on Monday, local sources said.

Second report without a period at the end

Source: Other Wire
Activists said 7 people died in the village.

A Third Title

The long subtitle of the third article, which ends with a period.
by John Doe
Source: Mint Press News
ABU KAMAL – Body of the third.
"""


def test_a_compilation_is_split_at_each_source_line(tmp_path):
    f = tmp_path / "compilation.txt"
    f.write_text(COMPILATION, encoding="utf-8")
    docs = read_documents(f)
    assert [d.title for d in docs] == ["First Headline About a Strike", "Second report without a period at the end",
                                       "A Third Title"]
    assert [d.outlet for d in docs] == ["Example Times", "Other Wire", "MintPress News"]
    assert [d.author for d in docs] == ["Jane Roe", None, "John Doe"]
    assert [d.article for d in docs] == [0, 1, 2]
    assert docs[0].text[docs[0].body_start:].lstrip().startswith("HAJIN, SYRIA")
    assert "subtitle" not in docs[2].text[docs[2].body_start:]
    assert "".join(d.text for d in docs) == COMPILATION  # nothing lost between articles


def test_single_article_headers_from_the_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Strike Hits Market in Hajin\n\nBy Sam Poe\nSource: SyriaTimes\n\n12 February 2019 – Twenty "
                 "civilians were killed.", encoding="utf-8")
    (doc,) = read_documents(f)
    assert (doc.title, doc.outlet, doc.author) == ("Strike Hits Market in Hajin", "Syria Times", "Sam Poe")
    assert doc.published == dt.date(2019, 2, 12)


def test_manifest_wins_over_the_text(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Some title\n\nSource: SANA\nText of the article, 20 killed.", encoding="utf-8")
    m = tmp_path / "manifest.jsonl"
    m.write_text(json.dumps({"file": "a.txt", "outlet": "Syria Times", "title": "Real title", "author": "A. B.",
                             "url": "https://example.org/a", "published": "2019-02-12"}) + "\n", encoding="utf-8")
    entries, errors = read_manifest(m)
    (doc,) = read_documents(f, entries)
    assert not errors
    assert (doc.outlet, doc.title, doc.url, doc.published) == ("Syria Times", "Real title", "https://example.org/a",
                                                               dt.date(2019, 2, 12))


def test_bad_manifest_lines_are_reported_and_the_rest_kept(tmp_path):
    m = tmp_path / "manifest.jsonl"
    m.write_text('{"file": "a.txt", "outlet": "SANA"}\nnot json\n{"outlet": "x"}\n'
                 '{"file": "b.txt", "published": "12/02/2019"}\n{"file": "c.txt"}\n', encoding="utf-8")
    entries, errors = read_manifest(m)
    assert set(entries) == {"a.txt", "c.txt"}
    assert [str(e).split(": ")[1] for e in errors] == ["line 2", "line 3", "line 4"]
    assert all(str(m) in str(e) for e in errors)


def test_the_same_article_twice_has_one_id(tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Title line here\nSource: SANA\nThe strike killed 20 people.", encoding="utf-8")
    b.write_text("Another Title Here\n\nSource: SANA\n\nThe  strike killed\n20 people.", encoding="utf-8")
    assert read_documents(a)[0].id == read_documents(b)[0].id


def test_html_markup_is_stripped_and_metadata_kept(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("""<!doctype html><html><head><title>Strike &amp; toll</title>
    <meta property="og:site_name" content="Example Wire"><meta property="article:published_time" content="2018-11-17T10:00:00Z">
    <script>var x = "<p>not text</p>";</script><style>p{color:red}</style></head>
    <body><h1>Strike &amp; toll</h1><p>Twenty civilians were <b>killed</b> in Hajin.</p><p>Second paragraph.</p></body></html>""",
                 encoding="utf-8")
    (doc,) = read_documents(f)
    assert "not text" not in doc.text and "color" not in doc.text
    assert "Twenty civilians were killed in Hajin." in doc.text
    assert doc.outlet == "Example Wire" and doc.published == dt.date(2018, 11, 17)


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t ", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ("image.png", b"\x89PNG", "unsupported file type"),
    ("empty.html", b"<html><body><script>x</script></body></html>", "no visible text"),
])
def test_bad_files_are_named_with_the_reason(tmp_path, name, content, reason):
    f = tmp_path / name
    f.write_bytes(content)
    with pytest.raises(ReadError) as e:
        read_documents(f)
    assert name in str(e.value) and reason in str(e.value)


def test_missing_file_is_a_read_error(tmp_path):
    with pytest.raises(ReadError, match="nope.txt"):
        read_documents(tmp_path / "nope.txt")


def test_utf16_with_bom_is_read(tmp_path):
    f = tmp_path / "u16.txt"
    f.write_bytes("Headline\n\nSource: SANA\n20 killed in Hajin.".encode("utf-16"))
    assert "Hajin" in read_documents(f)[0].text


def test_text_without_source_lines_is_one_article():
    assert len(split_articles("Just a paragraph.\n\nAnother paragraph.")) == 1


def test_html_to_text_keeps_paragraphs_apart():
    text, meta = html_to_text("<p>One.</p><p>Two &lt;b&gt;.</p>")
    assert text == "One.\n\nTwo <b>." and meta == {}


def test_sample_corpus_compilation_repeats_the_first_file(shared):
    from incidents.reading import read_manifest as rm

    entries, _ = rm(shared / "corpus" / "manifest.jsonl")
    first = read_documents(shared / "corpus" / "000_d9cd13157975dac3.txt", entries)
    comp = read_documents(shared / "corpus" / "004_4d2f4ba04db9a048.txt", entries)
    assert len(comp) == 5
    assert comp[0].id == first[0].id
    assert [d.outlet for d in comp] == ["Syria Times", "Press TV", "Press TV", "MintPress News", "Activist Post"]


@pytest.mark.parametrize(("first_line", "title"), [
    ("# Strike on Hajin kills 12", "Strike on Hajin kills 12"),
    ("## **Strike** on _Hajin_ ##", "Strike on Hajin"),
    ("### Strike on ~~Hajin~~ *al-Souseh*", "Strike on Hajin al-Souseh"),
    ("Strike on Hajin kills 12", "Strike on Hajin kills 12"),
    ("#1 killer in the east: airstrikes", "#1 killer in the east: airstrikes"),  # no heading without a space
    ("Strike on snake_case_village", "Strike on snake_case_village"),  # underscores inside a word stay
])
def test_a_markdown_heading_title_loses_its_marks(tmp_path, first_line, title):
    f = tmp_path / "a.md"
    f.write_text(f"{first_line}\n\nSource: SANA\n\nThe strike killed 20 people in Hajin on Monday.\n", encoding="utf-8")
    (doc,) = read_documents(f)
    assert doc.title == title


def test_a_source_line_first_is_no_title_and_the_html_title_is_used(tmp_path):
    f = tmp_path / "page.html"
    f.write_text("<html><head><title>Raid &lt;b&gt;bold&lt;/b&gt; on Hajin</title></head><body><p>Source: SANA</p>"
                 "<p>An airstrike on the town of Hajin killed 30 civilians on 3 February 2019.</p></body></html>",
                 encoding="utf-8")
    (doc,) = read_documents(f)
    assert (doc.title, doc.outlet) == ("Raid <b>bold</b> on Hajin", "SANA")
