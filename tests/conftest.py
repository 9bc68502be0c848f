"""Shared fixtures: the shipped gazetteer (loaded once) and the path of the shared sample data, when present."""

from pathlib import Path

import pytest

from gazetteer import Gazetteer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    """The shipped gazetteer."""
    return Gazetteer.load()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the repository (corpus, gold, source data); skips when absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip("the shared sample data is not beside the repository")
    return SHARED
