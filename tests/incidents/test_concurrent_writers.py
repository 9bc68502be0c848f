"""Two writers at once, as two people (or two terminals) would: real `python -m incidents` processes on one store.

Both finish with exactly the union of what they brought; a store held locked longer than ATLAS_LOCK_TIMEOUT gives a
one-line message naming the store, never a traceback; an ingest killed part-way keeps whole chunks and a re-run ends
equal to a clean run.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import incidents
from incidents.ingest import CHUNK_DOCUMENTS, EXIT_AFTER_CHUNKS_ENV
from incidents.reading import read_documents
from incidents.sql import LOCK_TIMEOUT_ENV
from incidents.store import Store

from .store_backends import fresh_postgres, postgres_database  # noqa: F401  (a fixture)

REPO = Path(__file__).resolve().parents[2]
SAMPLE = Path(incidents.__file__).parent / "sample"
ACLED = Path(__file__).parent / "data" / "acled_syria.csv"


def corpus(folder: Path, count: int) -> list[Path]:
    """`count` distinct articles: the sample's single-article files, each copy with a line of its own at the end."""
    singles = [p for p in sorted(SAMPLE.glob("*.txt")) if len(read_documents(p)) == 1]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for k in range(count):
        src = singles[k % len(singles)]
        path = folder / f"article_{k:03d}.txt"
        path.write_text(src.read_text(encoding="utf-8") + f"\n\nFiled as report {k} of the archive.\n",
                        encoding="utf-8")
        paths.append(path)
    return paths


def folder_of(folder: Path, paths: list[Path]) -> Path:
    """A folder holding copies of `paths`."""
    folder.mkdir(parents=True, exist_ok=True)
    for p in paths:
        (folder / p.name).write_bytes(p.read_bytes())
    return folder


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in (EXIT_AFTER_CHUNKS_ENV, LOCK_TIMEOUT_ENV)}
    out.update(extra)
    return out


def start(*args: str, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "incidents", *args], cwd=REPO, env=env(**extra),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def run(*args: str, **extra: str) -> tuple[int, str]:
    p = start(*args, **extra)
    _, err = p.communicate(timeout=300)
    return p.returncode, err


def together(*commands: tuple[str, ...]) -> list[tuple[int, str]]:
    """Start every command before waiting for any; their exit statuses and error outputs."""
    procs = [start(*c) for c in commands]
    errs = [p.communicate(timeout=300)[1] for p in procs]
    return [(p.returncode, err) for p, err in zip(procs, errs)]


def contents(target: str) -> tuple[set[str], set[str], dict[str, int]]:
    """A store's document ids, account ids and counts."""
    with Store(target) as store:
        docs = {d.id for d in store.documents()}
        accounts = {a.id for a in store.stored_accounts()}
        return docs, accounts, store.counts()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list[Path]:
    return corpus(tmp_path_factory.mktemp("corpus"), 24)


@pytest.fixture(scope="module")
def clean(tmp_path_factory, articles) -> tuple[set[str], set[str], dict[str, int]]:
    """The store one ingest of every article makes."""
    target = str(tmp_path_factory.mktemp("clean") / "clean.sqlite")
    status, err = run("ingest", str(articles[0].parent), "--store", target)
    assert status == 0, err
    return contents(target)


def test_two_ingests_of_overlapping_folders_at_once_store_the_union(tmp_path, articles, clean):
    first = folder_of(tmp_path / "first", articles[:20])
    second = folder_of(tmp_path / "second", articles[4:])
    target = tmp_path / "s.sqlite"
    Store(target).close()  # an empty store of the current schema: opening it takes no lock
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # both must reach their first write while the other has not written
    procs = [start("ingest", str(f), "--store", str(target)) for f in (first, second)]
    try:
        for p in procs:  # the progress bar reaches the last file: all read and extracted, the write comes next
            while "20/20" not in (line := p.stderr.readline()):
                assert line, "the ingest ended before reading its files"
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for status, err in results:
        assert status == 0, err
        assert "Traceback" not in err
    summaries = {line.split(";")[0] for _, err in results for line in err.splitlines() if line.startswith("documents:")}
    # the one that wrote second found the 16 articles both brought already stored
    assert summaries == {"documents: 20 new, 0 duplicate, 0 failed", "documents: 4 new, 16 duplicate, 0 failed"}
    docs, accounts, counts = contents(str(target))
    assert docs == clean[0] and len(docs) == 24
    assert accounts == clean[1]
    assert counts["documents"] == 24 and counts["accounts"] == clean[2]["accounts"]


def test_an_ingest_and_an_import_at_once_store_both(tmp_path, articles):
    folder = folder_of(tmp_path / "articles", articles[:12])
    one_after_the_other = str(tmp_path / "sequential.sqlite")
    alone = [run("ingest", str(folder), "--store", one_after_the_other),
             run("import", "--format", "acled", str(ACLED), "--store", one_after_the_other)]
    assert [status for status, _ in alone] == [0, 1]  # the ACLED file holds two bad rows, reported
    target = str(tmp_path / "s.sqlite")
    results = together(("ingest", str(folder), "--store", target),
                       ("import", "--format", "acled", str(ACLED), "--store", target))
    for (status, err), (expected, _) in zip(results, alone):
        assert status == expected, err
        assert "Traceback" not in err
    expected, got = contents(one_after_the_other), contents(target)
    assert got[0] == expected[0] and got[1] == expected[1]
    assert got[2]["documents"] == expected[2]["documents"] and got[2]["accounts"] == expected[2]["accounts"]


@pytest.mark.parametrize("command", ["ingest", "import"])
def test_a_store_locked_longer_than_the_limit_is_one_clean_line(tmp_path, articles, command):
    target = tmp_path / "s.sqlite"
    assert run("ingest", str(articles[0]), "--store", str(target))[0] == 0
    holder = sqlite3.connect(target, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program writing, and not finishing
    try:
        args = ("ingest", str(articles[1])) if command == "ingest" else ("import", "--format", "acled", str(ACLED))
        status, err = run(*args, "--store", str(target), **{LOCK_TIMEOUT_ENV: "0.2"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert status == 1, err
    assert "Traceback" not in err
    locked = [line for line in err.splitlines() if "is locked" in line]
    assert len(locked) == 1 and str(target) in locked[0], err
    assert contents(str(target))[2]["documents"] == 1  # nothing half-written; the first article kept


@pytest.mark.parametrize(("value", "accepted"), [("0.5", True), ("30", True), ("0", True), ("", True),
                                                 ("soon", False), ("-1", False), ("nan", False), ("inf", False)])
def test_the_lock_timeout_setting(value, accepted, monkeypatch):
    from incidents.errors import StoreError
    from incidents.sql import lock_timeout

    monkeypatch.setenv(LOCK_TIMEOUT_ENV, value)
    if accepted:
        assert lock_timeout() >= 0
    else:
        with pytest.raises(StoreError, match=LOCK_TIMEOUT_ENV):
            lock_timeout()


def test_an_ingest_killed_part_way_keeps_whole_chunks_and_a_rerun_resumes(tmp_path, articles, clean):
    many = corpus(tmp_path / "many", 2 * CHUNK_DOCUMENTS + 10)
    clean_target = str(tmp_path / "clean.sqlite")
    assert run("ingest", str(many[0].parent), "--store", clean_target)[0] == 0
    target = str(tmp_path / "s.sqlite")
    status, _ = run("ingest", str(many[0].parent), "--store", target, **{EXIT_AFTER_CHUNKS_ENV: "2"})
    assert status != 0  # ended abruptly after its second chunk, as a kill would
    docs, accounts, counts = contents(target)
    assert counts["documents"] == 2 * CHUNK_DOCUMENTS  # whole chunks, nothing of the third
    with Store(clean_target) as clean:  # each stored document with all its accounts
        assert accounts == {a.id for a in clean.stored_accounts() if a.document_id in docs}
    status, err = run("ingest", str(many[0].parent), "--store", target)
    assert status == 0, err
    assert f"documents: 10 new, {2 * CHUNK_DOCUMENTS} duplicate" in err
    assert contents(target) == contents(clean_target)


def _fresh_postgres_target(request):
    url, drop = fresh_postgres(request.getfixturevalue("postgres_database"))
    try:
        yield url
    finally:
        drop()


postgres_target = pytest.fixture(_fresh_postgres_target, name="postgres_target")
postgres_target_2 = pytest.fixture(_fresh_postgres_target, name="postgres_target_2")  # a second, for the serial run


def test_two_ingests_at_once_on_postgresql_store_what_one_after_the_other_does(tmp_path, articles, postgres_target,
                                                                               postgres_target_2):
    import psycopg

    from incidents.postgres import WRITE_LOCK

    first = folder_of(tmp_path / "first", articles[:20])
    second = folder_of(tmp_path / "second", articles[4:])
    assert run("ingest", str(first), "--store", postgres_target_2)[0] == 0
    assert run("ingest", str(second), "--store", postgres_target_2)[0] == 0
    Store(postgres_target).close()  # the schema made first: opening it then takes no lock
    with psycopg.connect(postgres_target, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))  # both reach their write before either writes
        procs = [start("ingest", str(f), "--store", postgres_target) for f in (first, second)]
        for p in procs:
            while "20/20" not in (line := p.stderr.readline()):
                assert line, "the ingest ended before reading its files"
        holder.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))
    for p in procs:
        err = p.stderr.read()
        assert p.wait(timeout=300) == 0, err
    assert contents(postgres_target)[:2] == contents(postgres_target_2)[:2]


def test_a_postgresql_store_locked_longer_than_the_limit_is_one_clean_line(articles, postgres_target):
    import psycopg

    from incidents.postgres import WRITE_LOCK

    assert run("ingest", str(articles[0]), "--store", postgres_target)[0] == 0
    with psycopg.connect(postgres_target, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (WRITE_LOCK,))  # another program writing, and not finishing
        status, err = run("ingest", str(articles[1]), "--store", postgres_target, **{LOCK_TIMEOUT_ENV: "0.2"})
    assert status == 1, err
    assert "Traceback" not in err
    locked = [line for line in err.splitlines() if "is locked" in line]
    assert len(locked) == 1 and "postgresql://" in locked[0], err
    assert contents(postgres_target)[2]["documents"] == 1


def _open_and_write(path: str, barrier, results) -> None:
    """Wait for the others, then open the store and write one value (in a process of its own)."""
    barrier.wait()
    try:
        with Store(path) as store, store.transaction():
            store.set_meta(f"opened by {os.getpid()}", "yes")
        results.put("ok")
    except Exception as e:  # reported to the test, not raised in the child
        results.put(f"{type(e).__name__}: {e}")


def test_programs_opening_a_new_store_at_the_same_moment_all_open_it(tmp_path):
    """Two people starting on a store that does not exist yet: SQLite answers "locked" at once to a program that
    meets another's switch of the new file to WAL; each waits its turn instead of failing. Ten trials of three
    programs (before, about one trial in six failed)."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    for trial in range(10):
        path = str(tmp_path / f"new{trial}.sqlite")
        barrier, results = ctx.Barrier(3), ctx.Queue()
        programs = [ctx.Process(target=_open_and_write, args=(path, barrier, results)) for _ in range(3)]
        for p in programs:
            p.start()
        outcomes = [results.get(timeout=120) for _ in programs]
        for p in programs:
            p.join()
        assert outcomes == ["ok"] * 3, outcomes
        with Store(path) as store:
            assert sum(1 for k, in store.db.rows("SELECT key FROM meta") if k.startswith("opened by")) == 3
