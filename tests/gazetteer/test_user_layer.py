"""The user layer: names a person's imports and corrections located, resolved beside the shipped places."""

import io
import json
import sqlite3

import pytest

from gazetteer import Gazetteer, GazetteerDataError, Place
from gazetteer import user_layer
from gazetteer.cli import main
from gazetteer.user_layer import Observation, learn

HAJIN = Place(id="hajin", name="Hajin", lat=34.6927, lon=40.827, admin1="SY09")
BOULIL = (35.0662, 40.3357)


def test_spellings_of_one_name_in_one_place_are_one_learned_place():
    places = learn([Observation("Al-Boulil", "SY09", *BOULIL, "ACLED"),
                    Observation("Buleel", "SY09", BOULIL[0] + 0.005, BOULIL[1], "UCDP GED"),
                    Observation("al Boulil", "SY09", *BOULIL, "ACLED"),
                    Observation("Al-Boulil", "SY08", *BOULIL, "ACLED")])  # another governorate: another place
    assert len(places) == 2
    boulil = next(p for p in places if p.admin1 == "SY09")
    assert boulil.support == 3 and boulil.source == "user" and boulil.source_id == "ACLED ×2; UCDP GED ×1"
    assert set(boulil.names) == {"Al-Boulil", "Buleel", "al Boulil"}


def test_the_same_name_far_apart_stays_two_places():
    assert len(learn([Observation("Tayyana", "SY09", 34.95, 40.55, "ACLED"),
                      Observation("Tayyana", "SY09", 35.30, 40.10, "ACLED")])) == 2


def test_a_learned_name_resolves_and_says_where_it_came_from():
    gaz = Gazetteer.from_places([HAJIN])
    assert not gaz.resolve("Al-Boulil", admin1="SY09").resolved
    taught = gaz.with_user_layer(learn([Observation("Al-Boulil", "SY09", *BOULIL, "ACLED")]))
    r = taught.resolve("al Boulil", admin1="SY09")
    assert r.resolved and r.place.point == BOULIL and r.place.source == "user"
    assert "learned from your data (ACLED ×1)" in r.note
    assert taught.resolve("Hajin").place.id == "hajin"  # shipped places still answer


def test_a_learned_namesake_of_a_shipped_place_far_away_is_not_silently_used():
    gaz = Gazetteer.from_places([HAJIN]).with_user_layer(learn([Observation("Hajin", "SY09", 35.5, 40.0, "ACLED")]))
    r = gaz.resolve("Hajin", admin1="SY09")
    assert not r.resolved and r.reason == "ambiguous"
    assert {c.place.source for c in r.candidates} == {"", "user"}


def store_teaching(path, name: str):
    """A store file whose user layer learned `name` at BOULIL from one ACLED row."""
    db = sqlite3.connect(path)
    with db:
        user_layer.write(db, learn([Observation(name, "SY09", *BOULIL, "ACLED")]))
    db.close()
    return path


def test_the_layer_round_trips_through_a_store_file(tmp_path):
    (p,) = user_layer.read(store_teaching(tmp_path / "store.sqlite", "Al-Boulil"))
    assert (p.name, p.point, p.admin1, p.source) == ("Al-Boulil", BOULIL, "SY09", "user")


def test_a_store_without_a_layer_has_no_places_and_a_missing_one_is_an_error(tmp_path):
    path = tmp_path / "empty.sqlite"
    sqlite3.connect(path).close()
    assert user_layer.read(path) == []
    with pytest.raises(GazetteerDataError, match="no store at"):
        user_layer.read(tmp_path / "missing.sqlite")


def test_cli_resolves_through_a_store(tmp_path):
    path = store_teaching(tmp_path / "store.sqlite", "Zumzumiya")
    shipped, learned = io.StringIO(), io.StringIO()
    assert main(["resolve", "Zumzumiya", "--admin1", "Deir ez-Zor", "--json"], out=shipped) == 0
    assert json.loads(shipped.getvalue())["resolved"] is False  # shipped data alone does not know it
    assert main(["resolve", "Zumzumiya", "--admin1", "Deir ez-Zor", "--store", str(path), "--json"], out=learned) == 0
    out = json.loads(learned.getvalue())
    assert out["resolved"] and out["candidates"][0]["source"] == "user" and "ACLED" in out["note"]
