"""Offline gazetteer for Syria and the Iraqi border: every spelling of a place, resolved with context.

    from gazetteer import Gazetteer
    Gazetteer.load().resolve("Deir Ezzor").place
"""

from .errors import GazetteerDataError, GazetteerError, InvalidCoordinates, InvalidQuery
from .fold import fold, plain, skeleton
from .gazetteer import Gazetteer
from .layers import OSM_CREDIT
from .model import Candidate, Place, Precision, Resolution, distance_km

__all__ = [
    "Candidate", "Gazetteer", "OSM_CREDIT", "GazetteerDataError", "GazetteerError", "InvalidCoordinates", "InvalidQuery", "Place",
    "Precision", "Resolution", "distance_km", "fold", "plain", "skeleton",
]
