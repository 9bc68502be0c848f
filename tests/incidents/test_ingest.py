"""Ingesting files end to end: summaries, duplicates, bad files, idempotence, transactions, the sample corpus."""

import io
import json
import shutil

import pytest

from gazetteer import Gazetteer, Place
from incidents.cli import main
from incidents.ingest import ingest
from incidents.store import Store

SMALL = Gazetteer.from_places([
    Place(id="t:hajin", name="Hajin", lat=34.6927, lon=40.827, admin1="SY09", names=("Hajin", "هجين")),
    Place(id="t:susah", name="As Susah", lat=34.5337, lon=40.9582, admin1="SY09", names=("As Susah", "al-Souseh")),
    Place(id="t:dez", name="Deir ez-Zor", lat=35.2, lon=40.29, type="governorate", admin1="SY09",
          names=("Deir ez-Zor", "Deir Ezzor")),
])

WIRE = ("Strike Kills Civilians in Hajin\n\nSource: Example Wire\n\n"
        "HAJIN, Syria (12 February 2019) - At least 12 civilians were killed in an airstrike on a market in Hajin "
        "on Tuesday, the Syrian Observatory for Human Rights said.\n\n"
        "State news agency SANA said 20 people were killed.\n")


def write(folder, name, text):
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "s.sqlite") as s:
        yield s


def test_two_sources_in_one_article_are_two_accounts_of_one_incident(tmp_path, store):
    report = ingest([write(tmp_path, "wire.txt", WIRE)], store, SMALL)
    assert (report.new, report.duplicate, report.failed) == (1, 0, 0)
    (inc,) = store.incidents()
    claims = sorted((a.claimed_by, a.killed_min, a.killed_max) for a in inc.accounts)
    assert claims == [("SANA", 20, 20), ("SOHR", 12, None)]
    assert inc.disputed and inc.sources == 2
    assert all(a.places and a.places[0].place_id == "t:hajin" for a in inc.accounts)


def test_reingesting_is_idempotent(tmp_path, store):
    f = write(tmp_path, "wire.txt", WIRE)
    ingest([f], store, SMALL)
    before = (store.counts(), [i.id for i in store.incidents()])
    report = ingest([f, write(tmp_path, "copy.txt", WIRE.replace("\n\n", "\n \n"))], store, SMALL)
    assert (report.new, report.duplicate) == (0, 2)
    assert (store.counts(), [i.id for i in store.incidents()]) == before


def test_a_bad_file_is_reported_and_the_rest_proceed(tmp_path, store):
    good = write(tmp_path, "good.txt", WIRE)
    empty = write(tmp_path, "empty.txt", "")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    report = ingest([empty, good, binary], store, SMALL)
    errors = [f.error for f in report.files if f.error]
    assert report.new == 1 and report.failed == 2
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("bin.txt" in e and "binary" in e for e in errors)


def test_a_failure_while_writing_leaves_the_store_as_it_was(tmp_path, store, monkeypatch):
    ingest([write(tmp_path, "wire.txt", WIRE)], store, SMALL)
    before = store.counts()

    def boom(self, doc, accounts):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "add_document", boom)
    other = write(tmp_path, "other.txt", WIRE.replace("Hajin", "al-Souseh").replace("12 civilians", "9 civilians"))
    with pytest.raises(RuntimeError):
        ingest([other], store, SMALL)
    monkeypatch.undo()
    assert store.counts() == before


def test_a_failure_while_clustering_keeps_the_documents_and_a_rerun_clusters_them(tmp_path, store, monkeypatch):
    files = [write(tmp_path, "wire.txt", WIRE),
             write(tmp_path, "other.txt", WIRE.replace("Hajin", "al-Souseh").replace("12 civilians", "9 civilians"))]
    with Store(tmp_path / "clean.sqlite") as clean:
        ingest(files, clean, SMALL)
        expected = (clean.counts(), sorted(sorted(a.id for a in i.accounts) for i in clean.incidents()))

    def boom(self):
        raise RuntimeError("killed")

    monkeypatch.setattr(Store, "recluster", boom)
    with pytest.raises(RuntimeError):
        ingest(files, store, SMALL)
    monkeypatch.undo()
    assert store.counts()["documents"] == 2 and store.counts()["incidents"] == 0  # stored, not yet clustered
    report = ingest(files, store, SMALL)
    assert (report.new, report.duplicate) == (0, 2)
    assert (store.counts(), sorted(sorted(a.id for a in i.accounts) for i in store.incidents())) == expected


def variant(k: int) -> str:
    """The wire article with a figure of its own (a different document each)."""
    return WIRE.replace("12 civilians", f"{k + 3} civilians")


def test_a_failure_in_a_later_chunk_keeps_the_chunks_before_it(tmp_path, store, monkeypatch):
    files = [write(tmp_path, f"w{k}.txt", variant(k)) for k in range(4)]
    real, calls = Store.add_document, []

    def fails_third(self, doc, accounts):
        calls.append(1)
        if len(calls) == 3:  # the first document of the second chunk
            raise RuntimeError("disk full")
        return real(self, doc, accounts)

    monkeypatch.setattr(Store, "add_document", fails_third)
    with pytest.raises(RuntimeError):
        ingest(files, store, SMALL, chunk=2)
    monkeypatch.undo()
    assert store.counts()["documents"] == 2  # the first chunk, whole; nothing of the second
    report = ingest(files, store, SMALL, chunk=2)  # a re-run resumes
    assert (report.new, report.duplicate) == (2, 2)
    assert store.counts()["documents"] == 4
    assert store.db.value("SELECT count(*) FROM accounts WHERE incident_id IS NULL") == 0  # all clustered


def test_a_file_of_several_articles_is_never_split_across_chunks(tmp_path, store, monkeypatch):
    import incidents.ingest as ingest_module

    digest = write(tmp_path, "digest.txt", "\n\n".join(
        variant(k).replace("Source: Example Wire", f"Source: Wire {k}") for k in range(3)))
    single = write(tmp_path, "single.txt", variant(7))
    sizes = []
    real = ingest_module._commit

    def counting(store, chunk):
        sizes.append(sum(len(r.docs) for r in chunk))
        return real(store, chunk)

    monkeypatch.setattr(ingest_module, "_commit", counting)
    report = ingest([digest, single], store, SMALL, chunk=2)
    assert report.new == 4
    assert sizes == [3, 1]  # the digest's three articles in one transaction, then the single one


def test_nothing_new_reports_the_stored_counts(tmp_path, store):
    ingest([write(tmp_path, "wire.txt", WIRE)], store, SMALL)
    report = ingest([tmp_path / "wire.txt"], store, SMALL)
    assert report.new == 0 and report.duplicate == 1
    assert report.incidents == store.counts()["incidents"] > 0


def test_cli_ingest_show_export(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    write(folder, "wire.txt", WIRE)
    write(folder, "README.md", "Notes about this folder; 5 people were killed.")  # not an article
    write(folder, "broken.txt", "")
    db = tmp_path / "cli.sqlite"
    err = io.StringIO()
    code = main(["ingest", str(folder), "--store", str(db)], out=io.StringIO(), err=err)
    assert code == 1  # one file failed
    assert "documents: 1 new, 0 duplicate, 1 failed" in err.getvalue() and "broken.txt" in err.getvalue()
    out = io.StringIO()
    assert main(["show", "--store", str(db)], out=out, err=io.StringIO()) == 0
    assert "SANA" in out.getvalue() and "DISPUTED" in out.getvalue()
    dst = tmp_path / "out.geojson"
    assert main(["export", "--store", str(db), "--format", "geojson", "--out", str(dst)], out=io.StringIO(),
                err=io.StringIO()) == 0
    assert json.loads(dst.read_text(encoding="utf-8"))["type"] == "FeatureCollection"


def test_cli_show_without_store_is_a_clear_error(tmp_path):
    err = io.StringIO()
    assert main(["show", "--store", str(tmp_path / "none.sqlite")], out=io.StringIO(), err=err) == 2
    assert "none.sqlite" in err.getvalue()


@pytest.fixture(scope="module")
def sample(tmp_path_factory, gazetteer):
    from pathlib import Path

    import incidents

    folder = tmp_path_factory.mktemp("sample")
    for f in (Path(incidents.__file__).parent / "sample").iterdir():
        shutil.copy(f, folder)
    with Store(folder / "sample.sqlite") as s:
        report = ingest([folder], s, gazetteer)
        yield report, s.incidents()


def test_sample_corpus_reads_every_article_once(sample):
    report, _ = sample
    assert report.failed == 0
    assert (report.new, report.duplicate) == (8, 1)  # four single articles, 004 holds five and opens with 000


def test_sample_corpus_abu_kamal_strike_keeps_both_claims(sample):
    _, incidents = sample
    inc = next(i for i in incidents if {a.claimed_by for a in i.accounts} >= {"SANA", "SOHR"})
    claims = {a.claimed_by: (a.killed_min, a.killed_max) for a in inc.accounts}
    assert claims["SANA"] == (30, None) and claims["SOHR"] == (54, 54)
    assert inc.disputed


def test_sample_corpus_thardeh_toll_is_two_accounts(sample):
    _, incidents = sample
    inc = next(i for i in incidents if any(a.killed_min == 80 for a in i.accounts))
    assert sorted(a.killed_min for a in inc.accounts if a.killed_min in (62, 80)) == [62, 80]


def test_sample_corpus_al_shweit_stays_unresolved(sample):
    _, incidents = sample
    mentions = [p for i in incidents for a in i.accounts for p in a.places if "Shweit" in p.text]
    assert mentions and all(not p.resolved for p in mentions)
