"""GeoJSON export and the readable listing: the shape other tools read, disagreement said plainly."""

import csv
import io
import json

import geopandas as gpd
import pyogrio
import pytest

from incidents.cli import main
from incidents.cluster import cluster
from incidents.errors import IncidentsError
from incidents.export import (CSV_COLUMNS, disagreement, figure_text, geojson, listing, write_csv, write_export,
                              write_geojson, write_gpkg)
from incidents.model import Incident
from incidents.store import Store

from .factories import BAGHUZ, HAJIN, SUSAH, account, document

ACCOUNT_KEYS = {"file", "url", "article", "outlet", "title", "published", "claimed_by", "quote", "start", "end", "places",
                "date_min", "date_max", "date_text", "killed_min", "killed_max", "injured_min", "injured_max",
                "casualties_min", "victims", "perpetrator", "corrected"}


def two_accounts():
    return [account("d1", start=10, claimed_by="SANA", places=(SUSAH, BAGHUZ), killed=(30, None), claim_start=20),
            account("d1", start=10, claimed_by="SOHR", places=(SUSAH, BAGHUZ), killed=(54, 54), claim_start=40)]


def test_feature_collection_shape(tmp_path):
    path = tmp_path / "out.geojson"
    write_geojson(cluster(two_accounts()), path)
    data = json.loads(path.read_text(encoding="utf-8"))
    (f,) = data["features"]
    assert data["type"] == "FeatureCollection" and f["type"] == "Feature"
    lon, lat = f["geometry"]["coordinates"]
    assert abs(lat - (SUSAH.lat + BAGHUZ.lat) / 2) < 1e-6 and abs(lon - (SUSAH.lon + BAGHUZ.lon) / 2) < 1e-6
    props = f["properties"]
    assert {"id", "place", "precision", "date_min", "date_max", "killed_min", "killed_max", "sources", "disputed",
            "accounts"} <= set(props)
    assert (props["killed_min"], props["killed_max"], props["sources"], props["disputed"]) == (30, 54, 2, True)
    assert all(set(a) == ACCOUNT_KEYS for a in props["accounts"])
    assert set(props["accounts"][0]["places"][0]) == {"text", "name", "place_id", "lat", "lon", "precision"}


def test_unresolved_incident_has_null_geometry_and_null_unknowns():
    (f,) = geojson(cluster([account("d1", places=(), killed=(5, 5))]))["features"]
    assert f["geometry"] is None
    assert f["properties"]["date_min"] is None and f["properties"]["precision"] is None


def test_disagreement_is_said_plainly():
    (inc,) = cluster(two_accounts())
    assert disagreement(inc) == "SANA: at least 30 killed · SOHR: 54 killed"


def test_figure_text_table():
    assert figure_text(account(killed=(None, None), casualties_min=71)) == "at least 71 killed or injured"
    assert figure_text(account(killed=(6, 6), injured_min=10, injured_max=10)) == "6 killed, 10 injured"
    assert figure_text(account(killed=(None, 12))) == "up to 12 killed"
    assert figure_text(account(killed=(30, 54))) == "30–54 killed"
    assert figure_text(account(killed=(None, None))) == "no figure"


def test_listing_shows_accounts_side_by_side():
    text = listing(cluster(two_accounts()))
    assert "DISPUTED" in text and "SANA: at least 30 killed" in text and "SOHR: 54 killed" in text


def mixed():
    """A disputed incident, one with hostile text, and one with no place."""
    evil = account("d9", claimed_by="=HYPERLINK(\"http://x\")", places=(HAJIN,), day="2018-11-20",
                   outlet="<b>Outlet</b>", title="-2+3", quote="@SUM(A1) \"quoted\", with, commas\nand a newline")
    lost = account("d8", claimed_by="local sources", places=(), killed=(5, 5))
    return [*cluster(two_accounts()), Incident("evil", (evil,)), Incident("lost", (lost,))]


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_csv_has_one_row_per_account_with_the_named_columns(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(mixed(), path, {"d1": "https://example.org/a"}, title="T", description="disputed only")
    rows = read_csv(path)
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 4
    sana, sohr = rows[0], rows[1]
    assert (sana["claimed_by"], sana["killed_min"], sana["killed_max"]) == ("SANA", "30", "")  # unknown is empty
    assert (sohr["killed_min"], sohr["killed_max"], sohr["url"]) == ("54", "54", "https://example.org/a")
    assert sana["incident_id"] == sohr["incident_id"] and sana["place"] == "As Susah, Baghuz Fawqani"
    lost = rows[3]
    assert (lost["lat"], lost["lon"], lost["precision"], lost["place"]) == ("", "", "", "")
    meta = json.loads((tmp_path / "out.csv-metadata.json").read_text(encoding="utf-8"))
    assert meta["dc:title"] == "T" and meta["dc:description"] == "disputed only"
    assert [c["name"] for c in meta["tableSchema"]["columns"]] == list(CSV_COLUMNS)


def test_csv_defuses_spreadsheet_formulas_and_keeps_the_text(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(mixed(), path)
    evil = read_csv(path)[2]
    assert evil["claimed_by"] == "'=HYPERLINK(\"http://x\")" and evil["title"] == "'-2+3"
    assert evil["quote"] == "'@SUM(A1) \"quoted\", with, commas\nand a newline"
    assert evil["outlet"] == "<b>Outlet</b>"  # data, not markup: kept as written
    assert float(evil["lon"]) == pytest.approx(HAJIN.lon)  # numbers are not touched


def test_geopackage_opens_with_an_incidents_layer_and_an_accounts_table(tmp_path):
    path = tmp_path / "out.gpkg"
    path.write_bytes(b"an older file is replaced")
    write_gpkg(mixed(), path, {"d1": "https://example.org/a"}, title="Atlas", description="claimed by: SANA")
    layers = dict(pyogrio.list_layers(path))
    assert layers == {"incidents": "Point", "accounts": None}
    inc = gpd.read_file(path, layer="incidents")
    assert inc.crs.to_epsg() == 4326 and len(inc) == 3
    disputed = inc[inc["disputed"]].iloc[0]
    assert (disputed["killed_min"], disputed["killed_max"], disputed["sources"]) == (30, 54, 2)
    assert disputed.geometry.x == pytest.approx((SUSAH.lon + BAGHUZ.lon) / 2)
    assert inc.set_index("id").loc["lost"].geometry is None
    acc = gpd.read_file(path, layer="accounts")
    assert list(acc.columns) == list(CSV_COLUMNS) and len(acc) == 4
    assert set(acc["incident_id"]) == set(inc["id"])
    assert acc.iloc[0]["url"] == "https://example.org/a"
    info = pyogrio.read_info(path, layer="incidents")
    assert info["dataset_metadata"]["FILTERS"] == "claimed by: SANA" and "Atlas" in info["layer_metadata"]["DESCRIPTION"]


def test_an_empty_selection_still_writes_readable_files(tmp_path):
    write_gpkg([], tmp_path / "e.gpkg")
    assert len(gpd.read_file(tmp_path / "e.gpkg", layer="incidents")) == 0
    write_csv([], tmp_path / "e.csv")
    assert read_csv(tmp_path / "e.csv") == []
    write_geojson([], tmp_path / "e.geojson")
    assert json.loads((tmp_path / "e.geojson").read_text())["features"] == []


def test_geojson_echoes_the_title_and_filters_and_gives_urls():
    data = geojson(cluster(two_accounts()), {"d1": "https://example.org/a"}, title="T", description="F")
    assert data["metadata"]["title"] == "T" and data["metadata"]["filters"] == "F"
    assert data["features"][0]["properties"]["accounts"][0]["url"] == "https://example.org/a"


def test_an_unknown_format_is_refused_by_name(tmp_path):
    with pytest.raises(IncidentsError, match="'xlsx'"):
        write_export([], tmp_path / "x.xlsx", "xlsx")


# -- the command line -----------------------------------------------------------------------------------------


@pytest.fixture
def store_file(tmp_path):
    path = tmp_path / "s.sqlite"
    doc = document(url="https://example.org/wire")
    with Store(path) as s:
        with s.transaction():
            s.add_document(doc, [
                account(doc.id, claimed_by="SANA", places=(SUSAH,), day="2017-08-01", killed=(30, None)),
                account(doc.id, start=20, claimed_by="SOHR", places=(SUSAH,), day="2017-08-01", killed=(54, 54)),
                account(doc.id, start=40, claimed_by="SOHR", places=(HAJIN,), day="2018-11-20", killed=(12, 12))])
            s.recluster()
    return path


def run(*argv):
    err = io.StringIO()
    code = main(list(argv), out=io.StringIO(), err=err)
    return code, err.getvalue()


def test_cli_export_applies_the_filters_and_echoes_them(store_file, tmp_path):
    out = tmp_path / "view.csv"
    code, err = run("export", "--store", str(store_file), "--out", str(out), "--from", "2017-07-01",
                    "--to", "2017-12-31", "--claimant", "SANA,SOHR", "--disputed")
    assert code == 0 and "wrote 1 of 2 incidents (2 accounts)" in err and "as csv" in err
    rows = read_csv(out)
    assert {r["claimed_by"] for r in rows} == {"SANA", "SOHR"} and {r["url"] for r in rows} == {"https://example.org/wire"}
    meta = json.loads((tmp_path / "view.csv-metadata.json").read_text(encoding="utf-8"))
    assert meta["dc:description"] == "dates 2017-07-01 … 2017-12-31; claimed by: SANA, SOHR; disputed only"
    assert meta["dc:title"] == "Incident Atlas: 1 incident, 2017-07-01 … 2017-12-31"


@pytest.mark.parametrize("args, message", [
    (["--out", "x.xlsx"], "cannot tell the format"),
    (["--out", "x.csv", "--victims", "aliens"], "victims"),
    (["--out", "x.csv", "--from", "2019-01-01", "--to", "2018-01-01"], "date_from"),
    (["--out", "missing-folder/x.csv"], "missing-folder"),
])
def test_cli_export_errors_name_the_option(store_file, tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    code, err = run("export", "--store", str(store_file), *args)
    assert code == 2 and message in err


def test_cli_export_refuses_a_date_that_is_not_one(store_file, capsys):
    with pytest.raises(SystemExit):
        main(["export", "--store", str(store_file), "--out", "x.csv", "--from", "last year"])
    assert "not a date" in capsys.readouterr().err


@pytest.mark.parametrize("fmt, magic", [("html", b"<!DOCTYPE html>"), ("png", b"\x89PNG"), ("svg", b"<?xml"),
                                        ("pdf", b"%PDF")])
def test_cli_export_draws_snapshots_with_the_filters_in_the_title(store_file, tmp_path, fmt, magic):
    out = tmp_path / f"view.{fmt}"
    code, err = run("export", "--store", str(store_file), "--out", str(out), "--claimant", "SANA")
    assert code == 0 and f"as {fmt}" in err
    data = out.read_bytes()
    assert data.lstrip()[:len(magic)].lower() == magic.lower()
    if fmt == "html":
        text = data.decode("utf-8")
        assert "claimed by: SANA" in text and "https://example.org/wire" in text
