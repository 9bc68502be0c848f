"""What the Incident view shows: accounts side by side, quotes in their articles, safe links, the timeline."""

import dataclasses
import datetime as dt

import pytest

from dashboard.incident_view import (
    accounts_side_by_side, choices, date_bounds, ensure_sample_store, quote_in_article, safe_url,
    source_link, timeline,
)
from gazetteer import Gazetteer
from incidents.model import Document
from incidents.selection import incidents_frame
from incidents.store import Store

from .test_view_state import account, incidents

HOSTILE = "<script>alert(1)</script>"


def test_accounts_side_by_side_one_column_per_account():
    kamal = incidents()[1]
    table = accounts_side_by_side(kamal)
    assert list(table.columns) == ["1. SANA", "2. SOHR"]
    assert table.loc["figures"].tolist() == ["30 killed", "54 killed"]
    assert table.loc["places"].iloc[0] == "Albukamal → Abu Kamal (exact)"
    assert table.loc["date"].iloc[0] == "date unknown"


def doc(text: str, url: str | None = None) -> Document:
    return Document(text=text, file="f.txt", url=url, title="T")


def test_quote_is_marked_in_its_escaped_article():
    text = f"Title\n\nFirst {HOSTILE}. Then 54 were killed.\n\nEnd."
    start = text.index("Then")
    a = dataclasses.replace(account("SOHR", 54), start=start, end=text.index(".\n\nEnd") + 1)
    out = quote_in_article(doc(text), a)
    assert "<mark>Then 54 were killed.</mark>" in out
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert out.count("<p>") == 3


def test_a_span_outside_the_text_marks_nothing():
    a = dataclasses.replace(account("SOHR", 54), start=5, end=500)
    assert "<mark>" not in quote_in_article(doc("short text"), a)


@pytest.mark.parametrize("url, ok", [("https://sana.sy/en/?p=1", True), ("http://example.org/a", True),
                                     ("javascript:alert(1)", False), ("file:///etc/passwd", False),
                                     ("data:text/html,x", False), ("//example.org", False), ("", False),
                                     (None, False), ("https://", False)])
def test_only_http_urls_become_links(url, ok):
    a = account("SANA", 3)
    link = source_link(a, doc("some text", url=url))
    assert (link is not None) is ok
    assert (safe_url(url) is not None) is ok


def test_a_link_escapes_its_label_and_url():
    a = dataclasses.replace(account("SANA", 3), title=HOSTILE)
    link = source_link(a, doc("x", url='https://e.org/?a="><b>'))
    assert "<script>" not in link and '"><b>' not in link and "&lt;script&gt;" in link


def test_timeline_gives_the_range_of_claims_not_a_sum():
    frame = incidents_frame([*incidents(),
                             dataclasses.replace(incidents()[0], id="hajin2",
                                                 accounts=(account("SOHR", 50),))])
    months = timeline(frame, "M")
    assert [p.date() for p in months["period"]] == [dt.date(2017, 7, 1), dt.date(2017, 8, 1), dt.date(2018, 12, 1)]
    dec = months.iloc[-1]
    assert (dec["incidents"], dec["killed_min"], dec["killed_max"]) == (2, 20, 50)
    weeks = timeline(frame, "W")
    assert weeks["incidents"].sum() == 4  # the undated one is left out


def test_timeline_of_nothing_dated_is_empty():
    assert timeline(incidents_frame([incidents()[1]]), "W").empty


def test_timeline_refuses_unknown_periods():
    with pytest.raises(ValueError, match="'D'"):
        timeline(incidents_frame(incidents()), "D")


def test_choices_and_bounds():
    frame = incidents_frame(incidents())
    assert choices(frame, "claimants") == ["local sources", "SANA", "SOHR", "US-led coalition"]
    assert date_bounds(frame) == (dt.date(2017, 7, 30), dt.date(2018, 12, 16))
    assert date_bounds(incidents_frame([incidents()[1]])) is None


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "sample.sqlite"
    built = ensure_sample_store(path, Gazetteer.load())
    with Store(path) as store:
        yield built, path, store.incidents()


def test_the_sample_store_is_built_once(sample):
    built, path, found = sample
    assert built is True and len(found) == 16
    assert ensure_sample_store(path, Gazetteer.load()) is False


def test_the_sample_holds_the_disputed_abu_kamal_strike(sample):
    _, _, found = sample
    frame = incidents_frame(found)
    kamal = frame[frame["claimants"].map(lambda c: {"SANA", "SOHR"} <= set(c))]
    assert len(kamal) == 1
    row = kamal.iloc[0]
    assert (row["killed_min"], row["killed_max"], bool(row["disputed"])) == (30, 54, True)
    assert "Abu Kamal" in row["place"]


def test_a_folder_that_cannot_be_written_falls_back_to_the_next(tmp_path):
    from dashboard.incident_view import writable_folder

    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    assert writable_folder(blocked / "cache", tmp_path / "tmp") == tmp_path / "tmp"
    assert (tmp_path / "tmp").is_dir()
    assert writable_folder(tmp_path / "first", tmp_path / "second") == tmp_path / "first"


def test_long_lists_hold_the_largest_claims_and_the_one_asked_for():
    from dashboard.incident_view import largest_first

    frame = incidents_frame(incidents())
    ids_by_figure = list(frame.sort_values("killed_max", ascending=False, na_position="last")["id"])
    top = largest_first(frame, limit=2)
    assert list(top["id"]) == ids_by_figure[:2]
    smallest = ids_by_figure[-1]
    kept = largest_first(frame, limit=2, keep=smallest)
    assert list(kept["id"]) == [smallest, *ids_by_figure[:2]]
    assert len(largest_first(frame, limit=100)) == len(frame)


def test_the_quote_is_shown_in_its_line_escaped():
    from dashboard.incident_view import quote_in_context

    text = "Title\n\nFirst paragraph.\n\nBefore <b>it</b>. SANA said 30 were killed. After.\nNext line.\n\nLast."
    start = text.index("SANA")
    doc = Document(text=text, file="a.txt")
    quote = "SANA said 30 were killed."
    a = dataclasses.replace(account("SANA", 30), document_id=doc.id, start=start, end=start + len(quote))
    assert quote_in_context(doc, a) == f"<p>Before &lt;b&gt;it&lt;/b&gt;. <mark>{quote}</mark> After.</p>"
    assert quote_in_context(doc, dataclasses.replace(a, start=0, end=10_000)) == ""
