"""Names on the offline base map: towns and villages by importance and zoom, governorates, the Euphrates."""

import pytest

from incidents.maps.labels import (GOV_ZOOM, RIVER_ZOOM, SEAT_ZOOM, SUPPORTED_ZOOM, VILLAGE_ZOOM, arabic, label_rows,
                              labels_json, place_rows, place_zoom, within)
from gazetteer import Place


def place(name, lat, lon, *, type="locality", population=0, support=1, name_ar=""):
    return Place(id=f"t:{name}:{type}:{lat}", name=name, lat=lat, lon=lon, type=type, population=population,
                 support=support, name_ar=name_ar, admin1="SY09")


@pytest.mark.parametrize("population, seat, support, zoom", [
    (1_500_000, False, 1, 5), (150_000, False, 1, 7), (29_000, False, 2, 8), (5_000, False, 1, SEAT_ZOOM),
    (0, True, 1, SEAT_ZOOM), (0, False, 2, SUPPORTED_ZOOM), (0, False, 1, VILLAGE_ZOOM),
])
def test_the_larger_a_place_the_sooner_it_is_named(population, seat, support, zoom):
    assert place_zoom(population, seat, support) == zoom


def test_places_are_ordered_by_importance_and_named_once():
    rows = place_rows([
        place("Baghuz", 34.43, 40.99),
        place("Hajin", 34.6927, 40.827, population=29_237, name_ar="هجين"),
        place("Hajin", 34.70, 40.83),  # the same name within 2 km: one label
        place("Hajin", 34.75, 40.80, type="subdistrict", population=97_870),  # not a settlement: no label of its own
        place("Mayadin", 35.02, 40.45, name_ar="Mayādīn"),  # a transliteration is not an Arabic name
        place("Mayadin", 35.03, 40.46, type="district", population=247_171),  # ... but makes it a district's seat
        place("Al Mawsil al Jadidah", 36.33, 43.09, type="neighbourhood", population=2_000_000),
    ])
    assert [r[2] for r in rows] == ["Mayadin", "Hajin", "Al Mawsil al Jadidah", "Baghuz"]
    mayadin, hajin, neighbourhood, baghuz = rows
    assert mayadin[3:6] == ["", 7, "town"] and hajin[3:6] == ["هجين", 8, "town"]
    assert neighbourhood[4] == VILLAGE_ZOOM  # a neighbourhood's population is its city's: not its own
    assert baghuz[4:6] == [VILLAGE_ZOOM, "village"]


def test_the_shipped_labels_name_governorates_and_the_euphrates_in_both_scripts():
    from gazetteer import Gazetteer

    rows = label_rows(Gazetteer.load().places)
    govs = [r for r in rows if r[5] == "gov"]
    assert rows[:len(govs)] == govs and len(govs) >= 14  # governorates first
    assert any(r[2] == "Deir-ez-Zor" and r[3] == "دير الزور" and (r[4], r[6]) == GOV_ZOOM for r in govs)
    rivers = [r for r in rows if r[5] == "river"]
    assert any(r[2:4] == ["Euphrates", "الفرات"] and r[4] == RIVER_ZOOM for r in rivers)
    assert all(-90 <= r[7] <= 90 for r in rivers)
    hajin = [r for r in rows if r[2] == "Hajin"]
    assert hajin and hajin[0][3] == "هجين" and hajin[0][4] <= 9
    assert all(arabic(r[3]) == r[3] for r in rows)


def test_an_area_keeps_its_own_labels_in_order():
    rows = [[34.5, 40.9, "A", "", 7, "town", 0, 0], [36.0, 38.0, "B", "", 7, "town", 0, 0],
            [34.6, 41.3, "C", "", 11, "village", 0, 0]]
    assert [r[2] for r in within(rows, ((34.0, 40.5), (35.0, 41.0)))] == ["A", "C"]  # C is in the margin
    assert [r[2] for r in within(rows, ((34.0, 40.5), (35.0, 41.0)), margin_deg=0)] == ["A"]


def test_labels_are_compact_json_of_escaped_nothing():
    text = labels_json([[34.5, 40.9, "<b>x</b>", "", 7, "town", 0, 0]])
    assert text == '[[34.5,40.9,"<b>x</b>","",7,"town",0,0]]'  # text, escaped by the browser when drawn
