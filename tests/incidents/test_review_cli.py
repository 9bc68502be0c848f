"""The review, correct and corrections commands: output, exit statuses, one-line errors, a PostgreSQL URL."""

import json

import pytest

from incidents.cli import main
from incidents.store import Store
from tests.incidents.factories import account, document
from tests.incidents.store_backends import postgres_database, target  # noqa: F401
from tests.incidents.test_review import AMBIGUOUS, SURE


@pytest.fixture
def filled(target):
    doc = document(text="T\n\nSOHR said 17 died in Hajin. SANA said 25 died in Hajeen.", file="a.txt", title="Hajin")
    sohr = account(doc.id, start=0, claimed_by="SOHR", places=(SURE,), day="2018-11-17", killed=(17, 17))
    sana = account(doc.id, start=30, claimed_by="SANA", places=(AMBIGUOUS,), day="2018-11-17", killed=(25, 25))
    with Store(target) as store, store.transaction():
        store.add_document(doc, [sohr, sana])
        store.recluster()
    return target, sohr, sana


def run(*argv):
    from io import StringIO

    out, err = StringIO(), StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_review_prints_counts_then_items(filled):
    target, _, sana = filled
    code, out, _ = run("review", "--store", target)
    assert code == 0 and out.startswith("Place unresolved: 0\nPlace ambiguous: 1\n")
    assert "Possibly the same incident: 1" in out and f"account {sana.id}" in out and "“Hajeen” may be" in out


def test_review_json_is_a_list_of_items_with_a_kind(filled):
    target, *_ = filled
    code, out, _ = run("review", "--store", target, "--json", "--kind", "ambiguous_place")
    items = json.loads(out)
    assert code == 0 and [i["kind"] for i in items] == ["ambiguous_place"] and items[0]["candidates"]


def test_correct_undo_and_list(filled):
    target, sohr, sana = filled
    code, out, _ = run("correct", "merge", "--store", target, "--account", sohr.id, "--other", sana.id,
                       "--author", "Rana", "--reason", "same strike")
    assert code == 0 and out.startswith("#1 SOHR: 17 killed and SANA: 25 killed merged into one incident by Rana")
    assert "settled 1 review item(s)" in out
    code, out, _ = run("correct", "--undo", "1", "--store", target, "--author", "Omar", "--reason", "two strikes")
    assert code == 0 and "undone by Omar" in out
    code, out, _ = run("corrections", "--store", target, "--json")
    (c,) = json.loads(out)
    assert code == 0 and (c["status"], c["author"], c["undone_by"]) == ("undone", "Rana", "Omar")


@pytest.mark.parametrize(("argv", "code", "message"), [
    (("correct", "figure", "--account", "nope", "--field", "killed", "--min", "3", "--author", "R", "--reason", "x"),
     1, "correction failed: no account with id 'nope'"),
    (("correct", "figure", "--account", "{sohr}", "--field", "killed", "--min", "9", "--max", "3", "--author", "R",
      "--reason", "x"), 1, "correction failed: figure_min 9 exceeds figure_max 3"),
    (("correct", "date", "--account", "{sohr}", "--author", "R"), 1, "correction failed: reason"),
    (("correct", "--undo", "7", "--author", "R"), 1, "correction failed: no correction #7"),
    (("correct", "--author", "R"), 2, "error: correct: give a KIND, or --undo ID"),
    (("corrections", "--incident", "I0"), 2, "error: no incident 'I0'"),
])
def test_errors_are_one_line(filled, argv, code, message):
    target, sohr, _ = filled
    got, out, err = run(*[a.format(sohr=sohr.id) for a in argv], "--store", target)
    assert got == code and err.strip() == err.strip().splitlines()[0] and err.startswith(message)


def test_a_command_given_a_store_that_is_not_there_says_so(tmp_path):
    code, _, err = run("review", "--store", str(tmp_path / "none.sqlite"))
    assert code == 2 and err.startswith("error: no store at")
