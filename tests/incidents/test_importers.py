"""Importing structured event data: each format from small files, bad rows, the gazetteer check, the round trip."""

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from incidents.datasets import ACLED, AIRWARS, UCDP, ImportFormatError, dataset_for, fold_header
from incidents.importers import (BadRow, ImportedRow, choose_delimiter, import_file, parse_coordinate, parse_figure,
                                 parse_when, read_rows)
from incidents.ingest import ingest
from incidents.store import Store

DATA = Path(__file__).resolve().parent / "data"
D = dt.date

WIRE = ("Coalition strike kills civilians in Abu Kamal\n\nSource: Example Wire\n\n"
        "ABU KAMAL, Syria (12 March 2018) - At least 14 civilians were killed in a coalition airstrike on a "
        "residential area of Abu Kamal on Monday, the Syrian Observatory for Human Rights said.\n")


def rows(gazetteer, name, fmt, mapping=None):
    """Every row of a test file, keyed by its row number."""
    return {r.row: r for r in read_rows(DATA / name, fmt, gazetteer, mapping)}


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.sqlite") as s:
        yield s


# -- each format -----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "fmt", "row", "check", "killed", "window", "precision", "admin1"), [
    # ACLED: a BOM, the full codebook header; "12 March 2018"; time_precision 2 -> a week, 3 -> the month
    ("acled_syria.csv", "acled", 1, "ok", (12, 12), (D(2018, 3, 12), D(2018, 3, 12)), "exact", "SY09"),
    ("acled_syria.csv", "acled", 3, "ok", (None, None), (D(2018, 5, 5), D(2018, 5, 5)), "exact", "SY09"),
    ("acled_syria.csv", "acled", 4, "flagged", (4, 4), (D(2018, 5, 20), D(2018, 5, 20)), "exact", "SY09"),
    ("acled_syria.csv", "acled", 6, "not checked", (1234, 1234), (D(2017, 6, 11), D(2017, 6, 17)), "governorate",
     "SY11"),
    ("acled_syria.csv", "acled", 7, "not checked", (None, None), (D(2017, 8, 1), D(2017, 8, 31)), "exact", "SY09"),
    # old ACLED: upper-case headers, semicolons, decimal commas, no notes, an extra column
    ("acled_semicolon.csv", "acled", 1, "ok", (7, 7), (D(2018, 3, 12), D(2018, 3, 12)), "exact", "IQ-AN"),
    ("acled_semicolon.csv", "acled", 2, "ok", (None, None), (D(2018, 3, 15), D(2018, 3, 15)), "near", "IQ-AN"),
    # UCDP GED: date_start .. date_end with times; low .. high; where_prec 4 -> governorate, 6 -> country
    ("ucdp_ged.csv", "ucdp", 1, "ok", (18, 25), (D(2018, 3, 11), D(2018, 3, 12)), "exact", "SY09"),
    ("ucdp_ged.csv", "ucdp", 2, "not checked", (5, 5), (D(2017, 6, 1), D(2017, 6, 30)), "governorate", "SY11"),
    ("ucdp_ged.csv", "ucdp", 5, "not checked", (0, 0), (D(2016, 1, 1), D(2016, 12, 31)), "country", None),
    # Airwars: tabs, "Location name (English)", ranges of days, an Arabic name only
    ("airwars_incidents.tsv", "airwars", 1, "ok", (16, 30), (D(2018, 3, 12), D(2018, 3, 12)), "exact", "SY09"),
    ("airwars_incidents.tsv", "airwars", 3, "ok", (2, 2), (D(2017, 6, 1), D(2017, 6, 3)), "exact", "SY09"),
    ("airwars_incidents.tsv", "airwars", 5, "not checked", (None, None), (D(2017, 7, 30), D(2017, 7, 31)),
     "governorate", "SY09"),
    ("airwars_lower.csv", "airwars", 1, "ok", (16, 30), (D(2018, 3, 12), D(2018, 3, 12)), "exact", "SY09"),
    # csv with a mapping: declared day-first dates, a precision map, a range of killed
    ("custom_events.csv", "csv", 1, "ok", (5, 5), (D(2018, 4, 3), D(2018, 4, 3)), "exact", "SY09"),
    ("custom_events.csv", "csv", 2, "ok", (2, 4), (D(2018, 4, 13), D(2018, 4, 13)), "near", "SY09"),
])
def test_rows_become_accounts(gazetteer, name, fmt, row, check, killed, window, precision, admin1):
    mapping = DATA / "custom_mapping.json" if fmt == "csv" else None
    got = rows(gazetteer, name, fmt, mapping)[row]
    assert isinstance(got, ImportedRow), got
    a = got.account
    (place,) = a.places
    assert got.check == check
    assert (a.killed_min, a.killed_max) == killed
    assert (a.date_min, a.date_max) == window
    assert (place.precision, place.admin1, place.confidence) == (precision, admin1, 1.0)
    assert a.claimed_by == a.outlet == got.document.outlet == dataset_for(fmt, mapping).name
    assert (got.document.file, got.document.article) == (name, row)
    assert got.document.text[place.start:place.end] == place.text == (place.name or "")
    assert got.document.text[a.start:a.end] == a.quote


@pytest.mark.parametrize(("name", "fmt", "row", "reason"), [
    ("acled_syria.csv", "acled", 2, "latitude 'north' is not a number"),
    ("acled_syria.csv", "acled", 5, "event_date: '31 February 2018' is not a date"),
    ("ucdp_ged.csv", "ucdp", 3, "latitude is blank"),
    ("ucdp_ged.csv", "ucdp", 4, "low 10 exceeds high 5"),
    ("airwars_incidents.tsv", "airwars", 4, "Date: 'sometime in spring' is not a date"),
    ("custom_events.csv", "csv", 3, "coordinates 0, 0"),
    ("custom_events.csv", "csv", 4, "Lat 'nan' is not a number"),
    ("custom_events.csv", "csv", 5, "Deaths '99999999999999999999' is implausibly large"),
])
def test_bad_rows_are_reported_by_row_line_and_reason(gazetteer, name, fmt, row, reason):
    mapping = DATA / "custom_mapping.json" if fmt == "csv" else None
    got = rows(gazetteer, name, fmt, mapping)[row]
    assert isinstance(got, BadRow)
    assert reason in got.reason
    assert str(got).startswith(f"{name} row {row} (line {row + 1}): ")


def test_the_row_keeps_the_datasets_own_fields(gazetteer):
    a = rows(gazetteer, "acled_syria.csv", "acled")[1].account
    assert "source: SOHR; SANA" in a.details and "event id: SYR1001" in a.details
    assert "precision: geo_precision 1 -> exact" in a.details
    assert a.perpetrator == "Military Forces of the United States (2017-)" and a.target == "Civilians (Syria)"
    assert a.victims == "unknown" and a.title == "ACLED SYR1001"
    u = rows(gazetteer, "ucdp_ged.csv", "ucdp")
    assert u[1].account.victims == "civilians"  # deaths_civilians == best
    assert u[2].account.victims == "unknown"  # 2 civilians of 5
    assert "best estimate of killed: 20" in u[1].account.details
    assert u[1].document.url == "https://example.org/ucdp/200001"
    assert u[1].account.quote == "U.S.-led strikes kill 20 civilians in Albu Kamal, <i>monitor</i> says"
    w = rows(gazetteer, "airwars_incidents.tsv", "airwars")
    assert (w[1].account.injured_min, w[1].account.injured_max) == (5, None)
    assert w[1].account.victims == "civilians" and "grading: Fair" in w[1].account.details
    assert w[2].document.url == "https://example.org/airwars/b1"  # javascript: is not a link
    assert w[5].account.places[0].text == "الشعفة"  # no English name: the Arabic one, as written


def test_a_row_far_from_the_place_it_names_is_flagged_not_dropped(gazetteer):
    got = rows(gazetteer, "acled_syria.csv", "acled")[4]
    assert got.check == "flagged"
    assert "coordinates 60 km from Hajin (gazetteer)" in got.account.details
    assert got.account.places[0].lat == pytest.approx(35.2327)  # the dataset's point is kept
    unresolved = rows(gazetteer, "acled_syria.csv", "acled")[7]
    assert any(d.startswith("place not checked: the gazetteer cannot resolve 'Xqzzyville'")
               for d in unresolved.account.details)


def test_markup_in_notes_is_stored_verbatim_as_data(gazetteer, store):
    import_file(DATA / "acled_syria.csv", "acled", store, gazetteer)
    (a,) = [a for a in store.accounts() if a.title == "ACLED SYR1001"]
    assert '<script>alert("x")</script> & killed 12 civilians.' in a.quote
    assert store.document(a.document_id).text[a.start:a.end] == a.quote


def test_header_variants_of_one_dataset_read_the_same(gazetteer):
    tsv = rows(gazetteer, "airwars_incidents.tsv", "airwars")[1].account
    low = rows(gazetteer, "airwars_lower.csv", "airwars")[1].account
    keep = ("killed_min", "killed_max", "date_min", "date_max", "claimed_by", "victims", "perpetrator")
    assert [getattr(tsv, k) for k in keep] == [getattr(low, k) for k in keep]
    assert (tsv.places[0].lat, tsv.places[0].lon) == (low.places[0].lat, low.places[0].lon)


# -- whole files -----------------------------------------------------------------------------------------------------


def test_the_report_counts_rows_and_says_so_in_one_line(gazetteer, store):
    report = import_file(DATA / "acled_syria.csv", "acled", store, gazetteer)
    assert (report.rows, report.imported, report.duplicates, len(report.bad)) == (7, 5, 0, 2)
    assert (report.flagged, report.not_checked) == (1, 2)
    assert report.summary().startswith("acled_syria.csv (ACLED): 7 rows: 5 imported, 0 duplicate, 2 bad; "
                                       "place check: 1 flagged, 2 not checked; accounts: 5 stored; incidents: ")
    assert report.incidents == store.counts()["incidents"] == len(store.incidents())


def test_importing_the_same_file_twice_adds_nothing(gazetteer, store, tmp_path):
    import_file(DATA / "ucdp_ged.csv", "ucdp", store, gazetteer)
    before = (store.counts(), [i.id for i in store.incidents()])
    copy = tmp_path / "renamed.csv"
    shutil.copy(DATA / "ucdp_ged.csv", copy)
    for path in (DATA / "ucdp_ged.csv", copy):
        report = import_file(path, "ucdp", store, gazetteer)
        assert (report.imported, report.duplicates, len(report.bad)) == (0, 3, 2)
    assert (store.counts(), [i.id for i in store.incidents()]) == before


def test_a_row_repeated_in_one_file_is_one_document(gazetteer, store, tmp_path):
    text = (DATA / "airwars_lower.csv").read_text(encoding="utf-8")
    twice = tmp_path / "twice.csv"
    twice.write_text(text + text.splitlines()[1] + "\n", encoding="utf-8")
    report = import_file(twice, "airwars", store, gazetteer)
    assert (report.imported, report.duplicates) == (1, 1)


def test_a_missing_required_column_fails_the_file_and_stores_nothing(gazetteer, store):
    import_file(DATA / "airwars_lower.csv", "airwars", store, gazetteer)
    before = store.counts()
    with pytest.raises(ImportFormatError, match=r"acled_no_longitude\.csv: required column 'longitude' is missing"):
        import_file(DATA / "acled_no_longitude.csv", "acled", store, gazetteer)
    assert store.counts() == before


def test_a_failure_half_way_leaves_the_store_as_it_was(gazetteer, store, monkeypatch):
    import_file(DATA / "airwars_lower.csv", "airwars", store, gazetteer)
    before = store.counts()

    def boom(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "recluster", boom)
    with pytest.raises(RuntimeError, match="disk full"):
        import_file(DATA / "acled_syria.csv", "acled", store, gazetteer)
    assert store.counts() == before


def test_progress_is_reported_up_to_the_last_line(gazetteer, store):
    calls = []
    import_file(DATA / "acled_syria.csv", "acled", store, gazetteer, progress=lambda n, total, p: calls.append(
        (n, total, p.name)))
    assert calls[-1] == (8, 8, "acled_syria.csv")


# -- the round trip --------------------------------------------------------------------------------------------------


@pytest.fixture
def atlas(gazetteer, store, tmp_path):
    """The three datasets and a news article about the Abu Kamal strike of 12 March 2018, in one store."""
    for name, fmt in [("acled_syria.csv", "acled"), ("ucdp_ged.csv", "ucdp"), ("airwars_incidents.tsv", "airwars")]:
        import_file(DATA / name, fmt, store, gazetteer)
    wire = tmp_path / "wire.txt"
    wire.write_text(WIRE, encoding="utf-8")
    ingest([wire], store, gazetteer)
    return store


def _incident_of(store, title):
    return next(i for i in store.incidents() if any(a.title == title for a in i.accounts))


def test_three_datasets_and_an_article_join_one_incident_side_by_side(atlas):
    inc = _incident_of(atlas, "ACLED SYR1001")
    claims = sorted((a.claimed_by, a.killed_min, a.killed_max) for a in inc.accounts)
    assert claims == [("ACLED", 12, 12), ("Airwars", 16, 30), ("SOHR", 14, None), ("UCDP GED", 18, 25)]
    assert inc.sources == 4 and inc.disputed
    assert (inc.killed_min, inc.killed_max) == (12, 30)


def test_a_strike_40_km_away_on_the_same_day_is_another_incident(atlas):
    far = _incident_of(atlas, "Airwars CS1002")
    assert [a.title for a in far.accounts] == ["Airwars CS1002"]
    assert far.id != _incident_of(atlas, "ACLED SYR1001").id


# -- values ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "fmt", "expected"), [
    ("2018-03-12", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("2018-03-12 00:00:00.000", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("2018-03-12T10:00:00Z", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("12 March 2018", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("12-March-2018", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("12-Mar-18", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("12th Sept. 2017", None, (D(2017, 9, 12), D(2017, 9, 12), "day")),
    ("March 12, 2018", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("2018/03/12", None, (D(2018, 3, 12), D(2018, 3, 12), "day")),
    ("13/03/2018", None, (D(2018, 3, 13), D(2018, 3, 13), "day")),
    ("03/13/2018", None, (D(2018, 3, 13), D(2018, 3, 13), "day")),
    ("03/03/2018", None, (D(2018, 3, 3), D(2018, 3, 3), "day")),
    ("03/04/2018", "%d/%m/%Y", (D(2018, 4, 3), D(2018, 4, 3), "day")),
    ("03/04/2018", "%m/%d/%Y", (D(2018, 3, 4), D(2018, 3, 4), "day")),
    ("March 2018", None, (D(2018, 3, 1), D(2018, 3, 31), "month")),
    ("2016", None, (D(2016, 1, 1), D(2016, 12, 31), "year")),
    ("2017-03-12 - 2017-03-14", None, (D(2017, 3, 12), D(2017, 3, 14), "days")),
    ("12 March 2017 – 14 March 2017", None, (D(2017, 3, 12), D(2017, 3, 14), "days")),
    ("12-13 March 2017", None, (D(2017, 3, 12), D(2017, 3, 13), "days")),
    ("March 12-13, 2017", None, (D(2017, 3, 12), D(2017, 3, 13), "days")),
    ("2017-03-12/2017-03-14", None, (D(2017, 3, 12), D(2017, 3, 14), "days")),
])
def test_dates_accepted(text, fmt, expected):
    assert tuple(parse_when(text, fmt)) == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("", "blank"), ("03/04/2018", "ambiguous"), ("31 February 2018", "not a date"), ("12 Smarch 2018", "not a month"),
    ("2018-14-01", "not a date"), ("14/14/2018", "not a date"), ("12 March 1066", "implausible year"),
    ("2017-03-14 - 2017-03-12", "ends before it starts"), ("<b>yesterday</b>", "not a date"), ("9" * 40, "not a date"),
])
def test_dates_rejected(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_when(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("12", (12, 12)), ("1,234", (1234, 1234)), ("1 234", (1234, 1234)), ("12.0", (12, 12)), ("3-5", (3, 5)),
    ("3 – 5", (3, 5)), ("10+", (10, None)), ("at least 10", (10, None)), ("", (None, None)), ("?", (None, None)),
    ("Unknown", (None, None)), ("n/a", (None, None)), ("0", (0, 0)),
])
def test_figures_accepted(text, expected):
    assert parse_figure(text, "fatalities") == expected


@pytest.mark.parametrize(("text", "reason"), [
    ("-3", "not a number"), ("lots", "not a number"), ("1.5", "not a number"), ("5-3", "ends below its start"),
    ("2000000", "implausibly large"), ("9" * 400, "implausibly large"), ("1" + "0" * 400 + ".0", "implausibly large"),
    ("<script>1</script>", "not a number"), ("²", "not a number"),
])
def test_figures_rejected(text, reason):
    with pytest.raises(ValueError, match=f"fatalities .*{reason}"):
        parse_figure(text, "fatalities")


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("34.45", 90, 34.45), (" -34.45 ", 90, -34.45), ("34,45", 90, 34.45), ("40.92°", 180, 40.92), ("180", 180, 180),
])
def test_coordinates_accepted(text, limit, expected):
    assert parse_coordinate(text, "latitude", limit) == expected


@pytest.mark.parametrize(("text", "limit", "reason"), [
    ("", 90, "blank"), ("north", 90, "not a number"), ("nan", 90, "not a number"), ("inf", 90, "not a number"),
    ("91", 90, "out of range"), ("-180.5", 180, "out of range"), ("1,234.5", 90, "not a number"),
])
def test_coordinates_rejected(text, limit, reason):
    with pytest.raises(ValueError, match=reason):
        parse_coordinate(text, "latitude", limit)


@pytest.mark.parametrize(("dataset", "code", "ours"), [
    (ACLED, "1", "exact"), (ACLED, "2", "near"), (ACLED, "3", "governorate"), (ACLED, "2.0", "near"),
    (ACLED, "", None), (ACLED, "9", None),
    (UCDP, "1", "exact"), (UCDP, "2", "near"), (UCDP, "3", "district"), (UCDP, "4", "governorate"),
    (UCDP, "5", "country"), (UCDP, "6", "country"), (UCDP, "7", "country"),
    (AIRWARS, "Exact location (via Airwars)", "exact"), (AIRWARS, "Within 100m (via Airwars)", "exact"),
    (AIRWARS, "Within 1km", "exact"), (AIRWARS, "Nearby landmark (via Airwars)", "near"),
    (AIRWARS, "Neighbourhood area", "exact"), (AIRWARS, "Village", "exact"), (AIRWARS, "Town", "exact"),
    (AIRWARS, "City", "near"), (AIRWARS, "Subdistrict/County/Township", "district"),
    (AIRWARS, "District/Area", "district"), (AIRWARS, "Province/Governorate", "governorate"),
    (AIRWARS, "governorate", "governorate"), (AIRWARS, "somewhere", None),
])
def test_precision_codes(dataset, code, ours):
    assert dataset.precision(code) == ours


@pytest.mark.parametrize(("header", "expected"), [
    ("Civilians killed (min)", "civilians killed min"), ("civilians_killed_min", "civilians killed min"),
    ("\ufeffevent_id_cnty", "event id cnty"), ("  EVENT_DATE ", "event date"), ("Location name (English)",
                                                                                "location name english"),
])
def test_header_folding(header, expected):
    assert fold_header(header) == expected


@pytest.mark.parametrize(("sample", "expected"), [
    ("a,b,c\n1,2,3\n", ","), ("a;b;c\n1,5;2;3\n", ";"), ("a\tb\tc\n1\t2\t3\n", "\t"), ("a|b|c\n", "|"),
    ("single\n1\n", ","), ("a;b,c\n1;2,3\n4;5,6\n", ","),
])
def test_delimiter(sample, expected):
    assert choose_delimiter(sample) == expected


# -- awkward files ---------------------------------------------------------------------------------------------------


ACLED_MIN = "event_id_cnty,event_date,location,admin1,latitude,longitude,geo_precision,fatalities,source,notes\n"


@pytest.mark.parametrize(("content", "encoding", "message"), [
    (b"", None, "no header row"),
    (b"\x00\x01\x02\x03binary", None, "looks binary"),
    ("event_id_cnty,event_date,location\nX,2018-01-01,Hajin\n".encode(), None, "required column 'latitude'"),
])
def test_files_that_cannot_be_imported(gazetteer, store, tmp_path, content, encoding, message):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    with pytest.raises(ImportFormatError, match=f"broken.csv.*{message}"):
        import_file(path, "acled", store, gazetteer)
    assert store.counts() == {"documents": 0, "accounts": 0, "incidents": 0}


def test_utf16_blank_lines_and_multiline_notes(gazetteer, tmp_path):
    text = (ACLED_MIN + "\n"
            'A1,2018-01-01,Hajin,Deir-ez-Zor,34.6927,40.827,1,2,SOHR,"first line\nsecond line"\n'
            "\n"
            "A2,2018-01-02,Hajin,Deir-ez-Zor,x,40.827,1,2,SOHR,bad\n")
    path = tmp_path / "excel.csv"
    path.write_text(text, encoding="utf-16")
    got = list(read_rows(path, "acled", gazetteer))
    assert [(r.row, r.line) for r in got] == [(1, 3), (2, 6)]
    assert got[0].account.quote == "first line\nsecond line"
    assert str(got[1]) == "excel.csv row 2 (line 6): latitude 'x' is not a number"


def test_a_shifted_row_is_bad_and_a_short_one_reads_blanks(gazetteer, tmp_path):
    path = tmp_path / "shifted.csv"
    path.write_text(ACLED_MIN + "A1,2018-01-01,Hajin,Deir-ez-Zor,34.6927,40.827,1,2,SOHR,notes,spilled\n"
                    "A2,2018-01-01,Hajin,Deir-ez-Zor,34.6927,40.827\n", encoding="utf-8")
    first, second = read_rows(path, "acled", gazetteer)
    assert isinstance(first, BadRow) and "11 values, the header 10 columns" in first.reason
    assert isinstance(second, ImportedRow) and second.account.killed_min is None
    assert "precision: not given, taken as near" in second.account.details


@pytest.mark.parametrize("place", ["<img src=x onerror=alert(1)>", "Hajin\u200f\u202e", "Ḥajīn", "X" * 5000, "''"])
def test_hostile_place_names_are_kept_as_written(gazetteer, store, tmp_path, place):
    path = tmp_path / "hostile.csv"
    quoted = place.replace('"', '""')
    path.write_text(ACLED_MIN + f'A1,2018-01-01,"{quoted}",Deir-ez-Zor,34.6927,40.827,1,2,SOHR,"{quoted}"\n',
                    encoding="utf-8")
    report = import_file(path, "acled", store, gazetteer)
    assert report.imported == 1
    (a,) = store.accounts()
    assert a.places[0].text == place and a.quote == place


# -- mappings --------------------------------------------------------------------------------------------------------


def test_a_mapping_may_override_a_known_format(gazetteer, tmp_path):
    path = tmp_path / "renamed.csv"
    path.write_text("id_cnty,day,loc,lat,lng,killed\nQ1,03/04/2018,Hajin,34.6927,40.827,3\n", encoding="utf-8")
    mapping = {"event_id": "id_cnty", "date": "day", "place": "loc", "latitude": "lat", "longitude": "lng",
               "killed": "killed", "date_format": "%m/%d/%Y"}
    (got,) = read_rows(path, "acled", gazetteer, mapping)
    assert got.account.claimed_by == "ACLED" and got.account.date_min == D(2018, 3, 4)
    assert got.account.killed_min == 3


@pytest.mark.parametrize(("mapping", "message"), [
    ({"name": "X", "lattitude": "lat"}, "unknown key 'lattitude'"),
    ({"name": "X", "date": 3}, "date must be a column name"),
    ({"date": "d", "latitude": "a", "longitude": "o"}, "'name'"),
    ({"name": "X", "precision_map": {"A": "pinpoint"}}, "precision must be one of"),
    ({"name": "X", "victims": "children"}, "victims must be one of"),
    ({"name": "X", "delimiter": ";;"}, "delimiter must be one character"),
])
def test_bad_mappings(mapping, message):
    with pytest.raises(ImportFormatError, match=message):
        dataset_for("csv", mapping)


def test_a_mapping_file_that_is_not_json_names_itself(tmp_path):
    path = tmp_path / "m.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="mapping m.json: cannot read it as JSON"):
        dataset_for("csv", path)
    path.write_text(json.dumps(["a"]), encoding="utf-8")
    with pytest.raises(ImportFormatError, match="must be a JSON object"):
        dataset_for("csv", path)


@pytest.mark.parametrize(("fmt", "message"), [("csv", "needs a mapping"), ("gdelt", "format must be one of")])
def test_formats_without_what_they_need(fmt, message):
    with pytest.raises(ImportFormatError, match=message):
        dataset_for(fmt)


# -- the governorate holding a point, remembered ---------------------------------------------------------------------


@pytest.mark.parametrize("lat, lon, code", [
    (34.4506, 40.9171, "SY09"),  # Abu Kamal, Deir ez-Zor
    (35.9528, 39.0079, "SY11"),  # Ar Raqqah
    (36.2021, 37.1343, "SY02"),  # Aleppo
    (30.0, 20.0, None),  # the Libyan desert: no shipped outline
])
def test_the_governorate_of_a_point_is_the_same_when_asked_again(lat, lon, code):
    from incidents.importers import Governorates

    govs = Governorates.shipped()
    assert govs.code_at(lat, lon) == code
    assert govs.code_at(lat, lon) == code  # from memory
    assert govs._lookup(lat, lon) == code  # and what the outlines say
