"""The Review page benchmark runs end to end on a tiny store (server read only) and prints its figures."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_the_review_page_benchmark_prints_its_figures(tmp_path, capsys):
    path = REPO / "benchmarks" / "review_page_bench.py"
    spec = importlib.util.spec_from_file_location("_benchmark_review_page_bench", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert module.main(["--big", "60", "--big-store", str(tmp_path / "big.sqlite"), "--runs", "1",
                        "--server-only"]) == 0
    out = capsys.readouterr().out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.startswith(("sample", "60 "))}
    assert set(rows) == {"sample", "60"}
    queue, read, ratio = rows["60"][2:5]
    assert int(queue.replace(",", "")) >= 0 and float(read) >= 0 and float(ratio) > 0
