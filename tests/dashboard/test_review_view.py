"""The Review page's logic: counts per kind, pages, the sentence with its span, places to pick, date windows."""

import datetime as dt

import pytest

from dashboard.review_view import (PER_PAGE, counts_caption, checked_window, kind_counts, nearby_incidents, page_bounds,
                                   place_choices, sentence_html, settled_text, typed_choices)

LABELS = {"place": "Place unresolved", "date": "Undated", "merge": "Maybe one incident"}


def test_counts_follow_the_kinds_order_and_keep_an_unknown_kind():
    rows = kind_counts({"merge": 2, "place": 5, "flagged_import": 1}, LABELS)
    assert rows == [("place", "Place unresolved", 5), ("date", "Undated", 0), ("merge", "Maybe one incident", 2),
                    ("flagged_import", "flagged import", 1)]
    assert counts_caption(rows) == "8 items to review"
    assert counts_caption(kind_counts({}, LABELS)).startswith("Nothing to review")
    assert counts_caption([("place", "x", 1)]) == "1 item to review"


PAGES = [
    # total, page asked, per page -> first, end, pages
    (0, 1, 10, (0, 0, 1)),
    (5, 1, 10, (0, 5, 1)),
    (10, 1, 10, (0, 10, 1)),
    (11, 2, 10, (10, 11, 2)),
    (25, 3, 10, (20, 25, 3)),
    (25, 9, 10, (20, 25, 3)),  # past the end: the last page
    (25, 0, 10, (0, 10, 3)),  # before the start: the first
    (25, -4, 10, (0, 10, 3)),
]


@pytest.mark.parametrize(("total", "page", "per_page", "expected"), PAGES)
def test_a_page_is_a_slice_of_the_queue(total, page, per_page, expected):
    assert page_bounds(total, page, per_page) == expected


def test_a_page_holds_at_least_one_item():
    with pytest.raises(ValueError, match="per_page"):
        page_bounds(10, 1, 0)
    assert page_bounds(100, 1)[1] == PER_PAGE


SENTENCES = [
    # sentence, span, sentence start in the document, HTML
    ("Seven killed in Hajin.", (16, 21), None, "<p>Seven killed in <mark>Hajin</mark>.</p>"),
    ("Seven killed in Hajin.", (116, 121), 100, "<p>Seven killed in <mark>Hajin</mark>.</p>"),
    ("Seven killed in Hajin.", None, None, "<p>Seven killed in Hajin.</p>"),
    ("Seven killed in Hajin.", (16, 99), None, "<p>Seven killed in Hajin.</p>"),  # out of range: nothing marked
    ("Seven killed in Hajin.", (5, 5), None, "<p>Seven killed in Hajin.</p>"),
    ("<b>5</b> in *Hajin*", (12, 19), None, "<p>&lt;b&gt;5&lt;/b&gt; in <mark>*Hajin*</mark></p>"),
    ("<script>x</script> Hajin", (0, 8), None, "<p><mark>&lt;script&gt;</mark>x&lt;/script&gt; Hajin</p>"),
    ("", (0, 3), None, "<p></p>"),
]


@pytest.mark.parametrize(("sentence", "span", "start", "expected"), SENTENCES)
def test_the_sentence_is_escaped_and_its_span_marked(sentence, span, start, expected):
    assert sentence_html(sentence, span, start) == expected


def test_settled_text_says_how_many():
    assert settled_text(0) == "No other item of the queue was settled by it."
    assert settled_text(1) == "It settled 1 item of the queue."
    assert settled_text(7) == "It settled 7 items of the queue."


def test_candidates_become_places_in_any_form(gazetteer):
    place = gazetteer.resolve("Hajin").candidates[0].place
    runner_up = f"{place.name} ({place.id}, 0.42)"
    choices = place_choices([runner_up, gazetteer.resolve("Hajin").candidates[0], "Nowhere (no-such-id, 0.1)",
                             "not a runner-up"], gazetteer)
    assert [c.place_id for c in choices] == [place.id]  # the same place once; unknown ids left out
    c = choices[0]
    assert (c.name, c.lat, c.lon) == (place.name, place.lat, place.lon)
    assert c.label.startswith(place.name) and c.precision == "exact"
    assert place_choices([], gazetteer) == [] and place_choices(None, gazetteer) == []


TYPED = ["Hajin", "hajeen", "هجين"]


@pytest.mark.parametrize("name", TYPED)
def test_a_name_typed_in_any_spelling_finds_the_place(gazetteer, name):
    choices = typed_choices(gazetteer, name)
    assert choices and choices[0].name == "Hajin"


@pytest.mark.parametrize("name", ["", "   ", "Qqxzzv"])
def test_a_name_that_finds_nothing_gives_no_choice(gazetteer, name):
    assert typed_choices(gazetteer, name) == []


DAY = dt.date(2018, 10, 3)
WINDOWS_ACCEPTED = [((DAY, DAY), (DAY, DAY)), ((DAY, DAY + dt.timedelta(days=3)), (DAY, DAY + dt.timedelta(days=3)))]
WINDOWS_REFUSED = [((None, DAY), "both"), ((DAY, None), "both"), (("2018-10-03", DAY), "both"),
                   ((DAY + dt.timedelta(days=1), DAY), "after the last")]


@pytest.mark.parametrize(("window", "expected"), WINDOWS_ACCEPTED)
def test_a_date_window_is_kept(window, expected):
    assert checked_window(*window) == expected


@pytest.mark.parametrize(("window", "reason"), WINDOWS_REFUSED)
def test_a_bad_date_window_is_refused_naming_the_field(window, reason):
    with pytest.raises(ValueError, match=f"date window: .*{reason}"):
        checked_window(*window)


# -- incidents offered for a merge ----------------------------------------------------------------------------------

HAJIN = {"id": "hajin", "lat": 34.6927, "lon": 40.827, "place": "Hajin", "precision": "exact", "admin1": ("SY09",),
         "date_min": dt.date(2018, 10, 3), "date_max": dt.date(2018, 10, 3), "killed_min": 17, "killed_max": 17}


def _merge_frame(*others: dict):
    import pandas as pd

    rows = [HAJIN] + [{**HAJIN, "place": "elsewhere", **o} for o in others]
    return pd.DataFrame(rows)


@pytest.mark.parametrize("other", [
    {"lat": 34.75, "lon": 40.80},  # a village a few km away, same day
    {"lat": 35.0, "lon": 38.5, "precision": "country", "admin1": ()},  # "eastern Syria": the country's middle
    {"lat": 35.0, "lon": 40.3, "precision": "governorate"},  # "Deir ez-Zor countryside": the governorate's middle
    {"lat": float("nan"), "lon": float("nan"), "precision": None, "admin1": ()},  # no place at all
    {"lat": 35.0, "lon": 38.5, "precision": "country", "admin1": (), "date_min": dt.date(2018, 10, 6),
     "date_max": dt.date(2018, 10, 6)},  # three days later
], ids=["near", "country", "governorate", "unplaced", "days-later"])
def test_an_incident_offered_for_a_merge(other):
    assert [i for i, _ in nearby_incidents(_merge_frame({"id": "other", **other}), "hajin")] == ["other"]
    assert [i for i, _ in nearby_incidents(_merge_frame({"id": "other", **other}), "other")] == ["hajin"]


@pytest.mark.parametrize("other", [
    {"lat": 35.33, "lon": 40.14},  # a village 90 km away
    {"lat": 36.0, "lon": 38.9, "precision": "governorate", "admin1": ("SY11",)},  # another governorate's middle
    {"lat": 35.0, "lon": 38.5, "precision": "country", "admin1": (), "date_min": dt.date(2018, 11, 3),
     "date_max": dt.date(2018, 11, 3)},  # a month later
], ids=["far", "other-governorate", "month-later"])
def test_an_incident_not_offered_for_a_merge(other):
    assert nearby_incidents(_merge_frame({"id": "other", **other}), "hajin") == []


def test_an_area_incident_is_listed_after_the_measured_ones():
    frame = _merge_frame({"id": "country", "lat": 35.0, "lon": 38.5, "precision": "country", "admin1": ()},
                         {"id": "near", "lat": 34.75, "lon": 40.80})
    found = nearby_incidents(frame, "hajin")
    assert [i for i, _ in found] == ["near", "country"]
    assert "km away" in found[0][1] and "km away" not in found[1][1]


# -- the page, through Streamlit's AppTest ------------------------------------------------------------------------


def review_page(monkeypatch, tmp_path, store_file, password: str | None):
    """The Review page over a copy of the sample store; with `password`, in editor mode and signed "Rana"."""
    import shutil
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from dashboard.incident_view import ensure_sample_store
    from gazetteer import Gazetteer

    ensure_sample_store(store_file, Gazetteer.load())
    store = tmp_path / "review.sqlite"
    shutil.copy(store_file, store)
    monkeypatch.setenv("ATLAS_STORE", str(store))
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", password or "")
    at = AppTest.from_file(Path(__file__).resolve().parents[2] / "dashboard" / "app.py", default_timeout=120)
    at.switch_page("views/review.py")
    at.run()
    if password:
        at.text_input(key="editor_password_box").input(password)
        at.button[0].click().run()
        at.text_input(key="editor_author_box").input(" Rana ")
        next(b for b in at.button if b.label.startswith("Sign")).click().run()
    return at


def test_read_only_the_queue_is_shown_without_a_control(monkeypatch, tmp_path, store_file):
    at = review_page(monkeypatch, tmp_path, store_file, None)
    assert not at.exception
    assert "to review" in at.markdown[0].value
    assert any("read-only" in i.value for i in at.info)
    assert not at.button and not at.text_input and not at.date_input


def test_a_date_set_from_the_queue_settles_its_item(monkeypatch, tmp_path, store_file):
    at = review_page(monkeypatch, tmp_path, store_file, "pw")
    undated = next(m for m in at.metric if m.label == "Date unknown")
    before = int(undated.value)
    key = next(d.key for d in at.date_input).removesuffix("_dates")
    at.button(key=f"{key}_set_dates").click().run()
    assert "date window" in at.error[0].value  # an undated account's window starts empty
    at.date_input(key=f"{key}_dates").set_value((dt.date(2018, 10, 3), dt.date(2018, 10, 3)))
    at.button(key=f"{key}_set_dates").click().run()
    assert "reason" in at.error[0].value  # the why is required
    at.text_input(key=f"{key}_reason").input("the article dates it")
    at.button(key=f"{key}_set_dates").click().run()
    assert not at.exception
    assert "by Rana" in at.success[0].value and "settled 1 item" in at.success[0].value
    assert int(next(m for m in at.metric if m.label == "Date unknown").value) == before - 1


def test_a_correction_that_meets_a_locked_store_says_so_in_one_line(monkeypatch, tmp_path, store_file):
    from incidents.sql import StoreLockedError

    at = review_page(monkeypatch, tmp_path, store_file, "pw")

    def locked(*args, **kwargs):
        raise StoreLockedError("review.sqlite", 0.5)

    monkeypatch.setattr("dashboard.review_view.apply_correction", locked)
    key = next(d.key for d in at.date_input).removesuffix("_dates")
    at.date_input(key=f"{key}_dates").set_value((dt.date(2018, 10, 3), dt.date(2018, 10, 3)))
    at.text_input(key=f"{key}_reason").input("the article dates it")
    at.button(key=f"{key}_set_dates").click().run()
    assert not at.exception
    assert "is locked" in at.error[0].value and not at.success


@pytest.mark.parametrize("opened", ["SOHR", "SANA"])
def test_the_incident_page_follows_a_merge_to_the_incident_it_made(monkeypatch, tmp_path, opened):
    """Merged from either incident's page, the page shows the one incident both accounts are now in."""
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    from gazetteer import Gazetteer
    from incidents.ingest import ingest
    from incidents.store import Store

    (tmp_path / "sohr.txt").write_text("Coalition strike on Hajin\n\nOctober 3, 2018\n\nThe Syrian Observatory for "
                                       "Human Rights said 17 civilians were killed in a coalition air strike on "
                                       "Hajin on Wednesday.\n", encoding="utf-8")
    (tmp_path / "sana.txt").write_text("Massacre in eastern Syria\n\nOctober 3, 2018\n\nSANA said 25 civilians were "
                                       "killed on Wednesday when coalition aircraft struck a town in eastern Syria.\n",
                                       encoding="utf-8")
    store = tmp_path / "pair.sqlite"
    with Store(store) as s:
        ingest([tmp_path / "sohr.txt", tmp_path / "sana.txt"], s, Gazetteer.load())
        ids = {a.claimed_by: i.id for i in s.incidents() for a in i.accounts}
    monkeypatch.setenv("ATLAS_STORE", str(store))
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "pw")
    at = AppTest.from_file(Path(__file__).resolve().parents[2] / "dashboard" / "app.py", default_timeout=120)
    at.query_params["incident"] = ids[opened]
    at.run()
    at.text_input(key="editor_password_box").input("pw")
    next(b for b in at.button if b.label == "Enter editor mode").click().run()
    at.text_input(key="editor_author_box").input("Rana")
    next(b for b in at.button if b.label.startswith("Sign")).click().run()
    at.text_input(key="inc_merge_reason").input("the same strike")
    at.button(key="inc_merge").click().run()
    assert not at.exception
    with Store(store) as s:
        (merged,) = {i.id for i in s.incidents()}
    assert at.query_params["incident"] == merged
    assert not any("No incident" in w.value for w in at.warning)
    assert any("The accounts disagree" in w.value for w in at.warning)
    assert "merged into one incident by Rana" in at.success[0].value
