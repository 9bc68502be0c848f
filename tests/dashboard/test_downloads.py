"""Downloads of the current view and the link that reproduces it: the same files the export command writes."""

import csv
import datetime as dt
import io
import json

import geopandas as gpd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.downloads import DOWNLOADS, export_bytes, export_title, file_name, share_link
from dashboard.view_state import ViewState, from_query
from incidents.cluster import cluster
from incidents.export import CSV_COLUMNS, FORMATS

from ..incidents.factories import HAJIN, SUSAH, account
from .test_app import APP, TIMEOUT


def incidents():
    return cluster([account("d1", claimed_by="SANA", places=(SUSAH,), day="2017-08-01", killed=(30, None)),
                    account("d1", start=20, claimed_by="SOHR", places=(SUSAH,), day="2017-08-01", killed=(54, 54)),
                    account("d2", claimed_by="<script>x</script>", places=(HAJIN,), killed=(3, 3))])


def test_every_export_format_has_a_button():
    assert sorted(d.fmt for d in DOWNLOADS) == sorted(FORMATS)
    assert len({d.label for d in DOWNLOADS}) == len(DOWNLOADS)


@pytest.mark.parametrize("fmt", ["csv", "geojson"])
def test_export_bytes_are_what_the_command_writes(fmt):
    raw = export_bytes(incidents(), fmt, urls={"d1": "https://example.org/1"}, title="T", description="D")
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
        assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 3
        assert {r["claimed_by"] for r in rows} == {"SANA", "SOHR", "<script>x</script>"}
    else:
        data = json.loads(raw)
        assert data["metadata"]["filters"] == "D" and len(data["features"]) == 2


def test_export_bytes_of_a_geopackage_open_in_geopandas(tmp_path):
    path = tmp_path / "view.gpkg"
    path.write_bytes(export_bytes(incidents(), "gpkg", title="T", description="D"))
    assert len(gpd.read_file(path, layer="incidents")) == 2
    assert len(gpd.read_file(path, layer="accounts")) == 3


@pytest.mark.parametrize("state, name", [
    (ViewState(), "incident-atlas.png"),
    (ViewState(date_from=dt.date(2017, 6, 1), date_to=dt.date(2018, 12, 31)), "incident-atlas_2017-06-01_2018-12-31.png"),
    (ViewState(date_to=dt.date(2018, 12, 31)), "incident-atlas_2018-12-31.png"),
])
def test_file_names_carry_the_date_window(state, name):
    assert file_name("png", state) == name


def view_frame():
    from incidents.selection import incidents_frame

    return incidents_frame(incidents())


@pytest.mark.parametrize("state, name", [
    (ViewState(), "incident-atlas_2-incidents_2017-08-01_2017-08-01.csv"),  # the span of the dated ones
    (ViewState(disputed_only=True, claimants=("SOHR", "SANA")), "incident-atlas_2-incidents_SOHR-SANA_disputed_"
                                                                 "2017-08-01_2017-08-01.csv"),
    (ViewState(search="البوكمال", min_killed=10, date_from=dt.date(2017, 1, 1)),
     "incident-atlas_2-incidents_near-البوكمال_10plus-killed_2017-01-01.csv"),
    (ViewState(search="../../etc/passwd"), "incident-atlas_2-incidents_near-etc-passwd_2017-08-01_2017-08-01.csv"),
])
def test_file_names_say_what_is_in_them(state, name):
    assert file_name("csv", state, view_frame()) == name


def test_the_title_holds_every_incident_of_the_file():
    frame = view_frame()
    assert export_title(frame, ViewState()) == "Incident Atlas: 2 incidents (1 undated), dates 2017-08-01"
    assert export_title(frame.iloc[0:0], ViewState()) == "Incident Atlas: 0 incidents"
    undated = frame[frame["date_min"].isna()]
    assert export_title(undated, ViewState()) == "Incident Atlas: 1 incident (all undated)"


@pytest.mark.parametrize("page_url, state, link", [
    ("http://localhost:8501/", ViewState(), "http://localhost:8501/"),
    ("https://atlas.example.org/map?old=1#top", ViewState(disputed_only=True, search="البوكمال"),
     "https://atlas.example.org/map?disputed=1&q=%D8%A7%D9%84%D8%A8%D9%88%D9%83%D9%85%D8%A7%D9%84"),
    ("", ViewState(center=(34.5, 40.9), zoom=9), "/?center=34.5000%2C40.9000&zoom=9"),
])
def test_the_share_link_holds_the_view(page_url, state, link):
    assert share_link(page_url, state) == link


def test_a_share_link_reads_back_as_the_same_view():
    state = ViewState(date_from=dt.date(2017, 7, 1), claimants=("SOHR", "SANA"), min_killed=5, center=(34.45, 40.9),
                      zoom=10)
    from urllib.parse import parse_qs, urlsplit

    query = parse_qs(urlsplit(share_link("http://h/", state)).query)
    assert from_query(query) == state


def test_the_map_page_offers_each_download_and_the_link():
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.query_params.update({"disputed": "1"})
    at.run()
    assert not at.exception
    buttons = {e.proto.label for e in at.get("download_button")}
    assert buttons == {d.label for d in DOWNLOADS}
    links = [c.value for c in at.code]
    assert any("disputed=1" in link for link in links)
    assert any("disputed only" in c.value for c in at.caption)


def test_a_download_reads_only_the_incidents_in_view_from_the_store(tmp_path):
    from dashboard.downloads import export_from_store
    from incidents.store import Store

    from ..incidents.factories import document

    path = tmp_path / "s.sqlite"
    doc = document(url="https://example.org/d")
    with Store(path) as s, s.transaction():
        s.add_document(doc, [account(doc.id, claimed_by="SANA", places=(SUSAH,), day="2017-08-01"),
                             account(doc.id, start=30, claimed_by="SOHR", places=(HAJIN,), day="2018-11-20")])
        wanted = [i.id for i in s.recluster() if i.accounts[0].claimed_by == "SOHR"]
    rows = list(csv.DictReader(io.StringIO(export_from_store(path, wanted, "csv").decode("utf-8"))))
    assert [r["claimed_by"] for r in rows] == ["SOHR"] and rows[0]["url"] == "https://example.org/d"
