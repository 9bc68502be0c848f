"""GeoJSON export and the readable listing: the shape other tools read, disagreement said plainly."""

import json

from incidents.cluster import cluster
from incidents.export import disagreement, figure_text, geojson, listing, write_geojson

from .factories import BAGHUZ, SUSAH, account

ACCOUNT_KEYS = {"file", "article", "outlet", "title", "published", "claimed_by", "quote", "start", "end", "places",
                "date_min", "date_max", "date_text", "killed_min", "killed_max", "injured_min", "injured_max",
                "casualties_min", "victims", "perpetrator"}


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
