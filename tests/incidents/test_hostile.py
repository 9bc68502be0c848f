"""Hostile and odd input: every path is bounded work, and a document over its budget is named, not read.

Each pathological input runs in a subprocess under a CPU-time and memory limit (no wall-clock assert): it must end
on its own, with the accounts (or the refusal) it gives.
"""

import resource
import subprocess
import sys
import textwrap

import pytest

from incidents.ingest import MAX_DOCUMENT_CHARS, MAX_LINE_CHARS, too_long
from incidents.model import Document

SENTENCE = "At least 12 civilians were killed in Hajin on Tuesday the Observatory said. "
#: name -> Python expression of the article text (each under the budget, each a known way to make regexes blow up)
PATHOLOGICAL = {
    "100k repeats of a number on one line": "'T\\n\\n' + 'killed 12 ' * 100_000",
    "1,500 claims on one line": f"'T\\n\\n' + {SENTENCE!r} * 1500",
    "400k characters without a space": "'T\\n\\n' + 'a' * 400_000",
    "400k digits": "'T\\n\\n' + '1' * 400_000",
    "100k commas and numbers": "'T\\n\\n' + '1, ' * 130_000",
    "al- prefixes without end": "'T\\n\\n' + 'al-' * 130_000",
    "capitalised words without end": "'T\\n\\n' + 'Deir ' * 90_000",
    "400k characters of days beside words of speaking": "'T\\n\\n' + 'Friday the monitor said ' * 16_000",
    "nested quotes and brackets": "'T\\n\\n' + '(\"' * 100_000 + 'killed 3' + '\")' * 100_000",
    "deep HTML nesting": "'<html><body>' + '<div>' * 100_000 + 'killed 3 in Hajin' + '</div>' * 100_000",
}
LIMIT_CPU_S, LIMIT_MEMORY = 120, 2_000_000_000

SCRIPT = textwrap.dedent("""
    import sys, tempfile, pathlib
    from gazetteer import Gazetteer
    from incidents.ingest import ingest
    from incidents.store import Store
    text = eval(sys.argv[1])
    suffix = ".html" if text.startswith("<html>") else ".txt"
    with tempfile.TemporaryDirectory() as tmp:
        path = pathlib.Path(tmp) / ("article" + suffix)
        path.write_text(text, encoding="utf-8")
        with Store(pathlib.Path(tmp) / "s.sqlite") as store:
            report = ingest([path], store, Gazetteer.load())
    print(report.summary())
""")


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (LIMIT_CPU_S, LIMIT_CPU_S))
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_MEMORY, LIMIT_MEMORY))


@pytest.mark.parametrize("expression", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_text_is_bounded_work(expression):
    done = subprocess.run([sys.executable, "-c", SCRIPT, expression], capture_output=True, text=True,
                          preexec_fn=_limits, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "documents: 1 new" in done.stdout or "1 failed" in done.stdout


def _doc(body: str) -> Document:
    return Document(text="Title\n\n" + body, file="a.txt", body_start=7)


@pytest.mark.parametrize(("body", "reason"), [
    ("word " * (MAX_DOCUMENT_CHARS // 5 + 10), "MB of text"),
    ("x" * (MAX_LINE_CHARS + 1), "on one line; split it"),
])
def test_a_document_over_its_budget_is_named_with_the_reason(body, reason):
    assert reason in too_long(_doc(body))


@pytest.mark.parametrize("body", [SENTENCE * 100, ("x" * 1000 + "\n") * 1000, "y" * MAX_LINE_CHARS])
def test_a_document_within_its_budget_is_read(body):
    assert too_long(_doc(body)) is None


def test_the_hostile_benchmark_runs_tiny(monkeypatch, capsys):
    """benchmarks/hostile_bench.py prints a row per input with its ratio to its baseline (run tiny, three inputs)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location(
        "hostile_bench", Path(__file__).resolve().parents[2] / "benchmarks" / "hostile_bench.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    kept = ("plain article", "claims in paragraphs", "claims on one line")
    monkeypatch.setattr(bench, "INPUTS", {k: bench.INPUTS[k] for k in kept})
    assert bench.main(["--runs", "1", "--size", "3000"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith(kept)]
    assert len(rows) == 3 and "(ratio vs claims in paragraphs)" in rows[2]
    assert all("account(s)" in row for row in rows)
