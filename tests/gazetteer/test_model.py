"""Value objects refuse impossible values at construction."""

import math

import pytest

from gazetteer import Candidate, InvalidCoordinates, Place, Precision

OK = [(0, 0), (34.69, 40.83), (-90, -180), (90, 180), ("34.5", "40.1")]
BAD = [(91, 0), (-90.5, 0), (0, 181), (math.nan, 0), (0, math.inf), ("north", 0), (None, 0)]


@pytest.mark.parametrize(("lat", "lon"), OK)
def test_places_accept_real_coordinates(lat, lon):
    p = Place(id="x", name="X", lat=lat, lon=lon)
    assert (p.lat, p.lon) == (float(lat), float(lon))


@pytest.mark.parametrize(("lat", "lon"), BAD)
def test_places_refuse_impossible_coordinates(lat, lon):
    with pytest.raises(InvalidCoordinates) as e:
        Place(id="x", name="X", lat=lat, lon=lon)
    assert isinstance(e.value, ValueError)


@pytest.mark.parametrize("score", [-0.1, 1.01, math.nan])
def test_candidates_refuse_scores_outside_0_1(score):
    with pytest.raises(ValueError):
        Candidate(place=Place(id="x", name="X", lat=0, lon=0), score=score, matched_name="X", match="exact",
                  precision=Precision.EXACT)


def test_place_precision_follows_type():
    assert Place(id="g", name="G", lat=0, lon=0, type="governorate").precision is Precision.GOVERNORATE
    assert Place(id="v", name="V", lat=0, lon=0).precision is Precision.EXACT
