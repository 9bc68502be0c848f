"""Shared fixtures: the shipped gazetteer (loaded once), the sample store's incidents, and the shared data folder."""

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


@pytest.fixture(scope="session")
def sample_incidents(tmp_path_factory, gazetteer):
    """The incidents of a store built from the bundled sample corpus (once), and its documents' URLs."""
    from dashboard.incident_view import ensure_sample_store
    from incidents.store import Store

    path = tmp_path_factory.mktemp("sample-incidents") / "sample.sqlite"
    ensure_sample_store(path, gazetteer)
    with Store(path) as store:
        return store.incidents(), store.urls()
