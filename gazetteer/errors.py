"""Errors of the gazetteer. Each also inherits the matching built-in, so callers may catch either."""

from __future__ import annotations


class GazetteerError(Exception):
    """Root of the gazetteer's errors."""


class GazetteerDataError(GazetteerError, OSError):
    """The shipped data or the overlay could not be read; the message names the file and the reason."""


class InvalidCoordinates(GazetteerError, ValueError):
    """A latitude or longitude that no place can have (out of range, NaN, not a number)."""


class InvalidQuery(GazetteerError, ValueError):
    """A query the gazetteer cannot look up (empty, not text, an unparseable --near point)."""
