"""An import teaches the store's user layer; the next article's spelling resolves through it."""

import dataclasses

from gazetteer import Gazetteer, Place
from incidents.importers import import_file
from incidents.learning import FROM_CORRECTION, FROM_DATASET, observations
from incidents.model import PlaceMention
from incidents.store import Store
from tests.incidents.factories import account

HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,country,admin1,admin2,location,latitude,longitude,"
          "geo_precision,source,notes,fatalities\n")


def test_imported_rows_teach_their_located_names(tmp_path):
    csv = tmp_path / "acled.csv"
    csv.write_text(HEADER + "SYR1,12 March 2018,Battles,Armed clash,Syria,Deir ez Zor,Deir ez Zor,Zumzumiya,"
                   "35.0662,40.3357,1,SOHR,Clashes in Zumzumiya.,3\n"
                   "SYR2,13 March 2018,Battles,Armed clash,Syria,Deir ez Zor,Deir ez Zor,Zoumzoumiyeh,"
                   "35.0670,40.3360,1,SOHR,Clashes again.,1\n"
                   "SYR3,14 March 2018,Battles,Armed clash,Syria,Deir ez Zor,Deir ez Zor,Wideland,"
                   "35.2,40.1,3,SOHR,Somewhere in the district.,1\n", encoding="utf-8")
    gaz = Gazetteer.load()
    with Store(tmp_path / "s.sqlite") as store:
        import_file(csv, "acled", store, gaz)
        learned = store.user_layer()
    (place,) = learned  # the district-precision row teaches nothing
    assert set(place.names) == {"Zumzumiya", "Zoumzoumiyeh"}  # two spellings, one place
    assert place.support == 2 and place.admin1 == "SY09" and "ACLED" in place.source_id
    assert not gaz.resolve("Zumzumiyah", prefer_admin1="Deir ez-Zor").resolved
    r = gaz.with_user_layer(learned).resolve("Zumzumiyah", prefer_admin1="Deir ez-Zor")
    assert r.resolved and r.place.source == "user"


def test_only_dataset_points_and_corrections_are_observations():
    base = account()
    mentions = {
        "from text": PlaceMention("Hajin", 0, 5, name="Hajin", lat=34.69, lon=40.83, precision="exact"),
        "dataset": PlaceMention("Zumzumiya", 0, 9, lat=35.1, lon=40.3, precision="exact", why=FROM_DATASET),
        "dataset, coarse": PlaceMention("Wideland", 0, 8, lat=35.1, lon=40.3, precision="district", why=FROM_DATASET),
        "corrected": PlaceMention("al-Joura", 0, 8, lat=35.34, lon=40.1, precision="exact", why=FROM_CORRECTION),
    }
    got = [o.name for o in observations([dataclasses.replace(base, places=tuple(mentions.values()))])]
    assert got == ["Zumzumiya", "al-Joura"]


def test_learned_places_are_gazetteer_places():
    assert all(isinstance(p, Place) for p in Store(":memory:").user_layer())
