"""Layers joined into one gazetteer: same place from two sources merged, namesakes kept apart, aliases removed."""

import pytest

from gazetteer import Gazetteer, GazetteerDataError, Place
from gazetteer.layers import merge_layer, read_removals, remove_aliases

WOF_HAJIN = Place(id="wof:1", name="Hajin", lat=34.6927, lon=40.827, admin1="SY09", names=("Hajin", "Hajīn"))
WOF_KASHMA = Place(id="wof:2", name="Al Kashmah", lat=34.8113, lon=40.601, admin1="SY09")
GOV = Place(id="gov", name="Deir ez-Zor", lat=35.2, lon=40.3, type="governorate", admin1="SY09")

#: (OSM place, id of the place it must merge into, or None to stay a place of its own)
LAYER_ROWS = [
    (Place(id="osm:a", name="Hajeen", lat=34.70, lon=40.83, names=("Hajeen", "هجين")), "wof:1"),  # 1 km, folds
    (Place(id="osm:b", name="al-Kashma", lat=34.82, lon=40.61, names=("al-Kashma",)), "wof:2"),
    (Place(id="osm:c", name="Hajin", lat=34.9, lon=40.9, names=("Hajin",)), None),  # a namesake 25 km away
    (Place(id="osm:d", name="Gharanij", lat=34.695, lon=40.828, names=("Gharanij",)), None),  # next door, other name
    (Place(id="osm:e", name="Deir ez-Zor", lat=35.2, lon=40.3, names=("Deir ez-Zor",)), None),  # admin units stay
]


@pytest.mark.parametrize(("new", "into"), LAYER_ROWS, ids=[r[0].id for r in LAYER_ROWS])
def test_a_layer_merges_only_the_same_place(new, into):
    merged = {p.id: p for p in merge_layer([WOF_HAJIN, WOF_KASHMA, GOV], [new])}
    if into is None:
        assert new.id in merged
    else:
        assert new.id not in merged
        assert set(new.names) <= set(merged[into].names) and merged[into].support == 2
        assert new.id in merged[into].source_id


def test_a_merged_name_resolves_to_the_first_source_place():
    gaz = Gazetteer.from_places(merge_layer([WOF_HAJIN, GOV], [LAYER_ROWS[0][0]]))
    assert gaz.resolve("هجين").place.id == "wof:1"


def test_removed_aliases_no_longer_meet(tmp_path):
    kasan = Place(id="wof:9", name="Kasan", lat=37.24, lon=42.26, admin1="SY08", names=("Kasan", "Bāghūz"))
    path = tmp_path / "removals.csv"
    path.write_text("id,name,reason\nwof:9,Bāghūz,another village's name\n", encoding="utf-8")
    (fixed,) = remove_aliases([kasan], read_removals(path))
    assert fixed.names == ("Kasan",)


def test_a_removal_without_a_reason_is_refused(tmp_path):
    path = tmp_path / "removals.csv"
    path.write_text("id,name,reason\nwof:9,Bāghūz,\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="line 2: every removal must give its reason"):
        read_removals(path)


@pytest.mark.parametrize(("name", "hint", "expected_id"), [
    ("al-Baghouz", "Deir ez-Zor", "wof:1343849925"),  # no longer ambiguous with the two Kasan villages
    ("Kobani", None, "wof:1360282145"),  # Ayn al-Arab, not Afrin
    ("Serêkaniyê", None, "wof:1276457637"),
    ("Qamişlo", None, "wof:1141906295"),
])
def test_shipped_removals_and_kurdish_names(gazetteer, name, hint, expected_id):
    r = gazetteer.resolve(name, admin1=hint)
    assert r.resolved and r.place.id == expected_id


def test_shipped_data_has_the_openstreetmap_layer(gazetteer):
    sources = {p.source for p in gazetteer.places}
    assert "osm" in sources
    assert any(p.support > 1 and "osm:node/" in p.source_id for p in gazetteer.places)
