"""Dashboard tests read the sample store in a temporary folder (built once), never a person's own."""

import pytest


@pytest.fixture(scope="session")
def store_file(tmp_path_factory):
    """Where the incidents store is built from the sample corpus (once for the session)."""
    return tmp_path_factory.mktemp("store") / "sample.sqlite"


@pytest.fixture(autouse=True)
def sample_store(monkeypatch, store_file):
    """Every app run reads the sample store in a temporary folder."""
    monkeypatch.setenv("ATLAS_STORE", str(store_file))
    return store_file
