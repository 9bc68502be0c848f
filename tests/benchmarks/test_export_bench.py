"""The export benchmark runs end to end on a tiny input and prints a line per format; nothing is timed here."""

from __future__ import annotations

import re

from .test_benchmark_scripts import load_script


def test_export_bench_prints_time_size_and_ratio_per_format(capsys):
    bench = load_script("export_bench")
    assert bench.main(["--sizes", "sample,40", "--runs", "1", "--formats", "geojson,csv,gpkg"]) == 0
    out = capsys.readouterr().out
    assert re.search(r"sample corpus: 16 incidents, \d+ accounts", out) and "40 synthetic: 40 incidents" in out
    for fmt in ("baseline", "geojson", "csv", "gpkg"):
        rows = re.findall(rf"^{fmt}\s+\|\s+[\d.]+ s \|\s+[\d.]+ MB \|\s+[\d.]+×$", out, flags=re.M)
        assert len(rows) == 2, fmt


def test_synthetic_incidents_are_valid_and_reproducible():
    bench = load_script("export_bench")
    first, again = bench.synthetic(50, seed=3), bench.synthetic(50, seed=3)
    assert [i.id for i in first] == [i.id for i in again] and len({i.id for i in first}) == 50
    assert all(i.point is not None and 1 <= len(i.accounts) <= 3 for i in first)
