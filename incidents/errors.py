"""Errors of ingestion and the store. Each also inherits the matching built-in; messages name the file and reason."""

from __future__ import annotations


class IncidentsError(Exception):
    """Root of the incidents package's errors."""


class ReadError(IncidentsError, ValueError):
    """A file that cannot be read as an article: empty, binary, undecodable, unreadable, unsupported."""


class ManifestError(IncidentsError, ValueError):
    """A manifest line that cannot be used."""


class StoreError(IncidentsError, RuntimeError):
    """The store cannot be opened or written (the message names the store file)."""


class ClaimantDataError(IncidentsError, ValueError):
    """The claimant registry's data cannot be used (the message names the file and the entry)."""
