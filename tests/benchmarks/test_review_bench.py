"""The review benchmark runs end to end on tiny stores and prints the figures it promises (no timing asserted)."""

import contextlib
import io
import importlib.util
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_review_bench_runs_tiny():
    spec = importlib.util.spec_from_file_location("_benchmark_review_bench", REPO / "benchmarks" / "review_bench.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert module.main(["--incidents", "60", "--small", "20", "--corrections", "5", "--runs", "2"]) == 0
    text = out.getvalue()
    assert re.search(r"queue counts \+ first page of 50: [\d.]+ ms on 20 incidents, [\d.]+ ms on 60", text)
    assert re.search(r"items: unresolved_place [1-9]", text) and "undated" in text
    assert re.search(r"one correction: [\d.]+ ms on 20 incidents, [\d.]+ ms on 60 .*ratio large/small [\d.]+", text)
