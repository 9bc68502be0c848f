"""benchmarks/ingest_bench.py runs tiny and prints its stages, storing in one transaction beside chunks."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "ingest_bench.py"


@pytest.fixture(scope="module")
def bench():
    spec = importlib.util.spec_from_file_location("ingest_bench", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_ingest_benchmark_runs_tiny(bench, capsys):
    assert bench.main(["--articles", "12", "--runs", "1"]) == 0
    out = capsys.readouterr().out
    assert "full extraction (accounts)" in out
    assert "storing and clustering in one transaction" in out and "in chunks of" in out

