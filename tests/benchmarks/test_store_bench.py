"""The store benchmark runs end to end on tiny inputs and prints every figure it promises (no timing asserted)."""

from __future__ import annotations

import re
from types import ModuleType

import pytest

from tests.bench_scripts import load_script


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/store_bench.py imported as a module (registered, so its forked children find its functions)."""
    return load_script("store_bench")


LINES = [
    r"store benchmark on SQLite; before = -",
    r"import: 90 rows parsed by incidents\.importers in [\d.]+ s \([\d,]+ rows/s; the same for both stores\); raw "
    r"files [\d.]+ MB",
    r"import into an empty store: store [\d,]+ rows/s \([\d.]+ s\), parse \+ store [\d,]+ rows/s; [\d,]+ incidents; "
    r"store [\d.]+ MB = [\d.]+ x the raw rows",
    r"import into a store of 60 accounts \(built in \d+ s\): store [\d,]+ rows/s \([\d.]+ s\) = [\d.]+ x the empty "
    r"store's rate",
    r"import peak RSS \(a fresh process: gazetteer, generation, import_file of each file\): [\d,]+ MB",
    r"map: 30 incidents \(store built in \d+ s\): load [\d.]+ s \+ first map [\d.]+ s = first render [\d.]+ s "
    r"\(target 1\.5\), [\d.]+ MB sent \(target 5\); filter change [\d.]+ s \(target 0\.3\), [\d.]+ MB",
    r"machine: \d+ CPUs; load average [\d.]+",
]


def test_smoke_mode_prints_every_figure(bench: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    assert bench.main(["--rows", "90", "--preload", "60", "--incidents", "30", "--before", "",
                       "--parts", "import,map"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(LINES), lines
    bad = [line for pattern, line in zip(LINES, lines) if not re.fullmatch(pattern, line)]
    assert not bad, bad


def test_every_option_is_documented_in_the_module_docstring(bench: ModuleType) -> None:
    options = [o for a in bench.build_parser()._actions for o in a.option_strings if o.startswith("--")]
    missing = [o for o in options if o != "--help" and o not in bench.__doc__]
    assert not missing
