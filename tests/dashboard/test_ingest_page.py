"""The Ingest page: saving uploads safely, ingesting real files (good, empty, binary), the results table, the page."""

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ingest_view import (FALLBACK_NAME, RESULT_COLUMNS, ingest_uploads, manifest_messages, results_table,
                                   safe_name, save_uploads, split_manifest)
from incidents.store import Store

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "dashboard" / "app.py"
SAMPLE = REPO / "incidents" / "sample"
ARTICLE = "000_d9cd13157975dac3.txt"


@dataclass(frozen=True)
class Upload:
    """Stands in for Streamlit's UploadedFile: a name and bytes."""

    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


SAFE_NAMES = [
    ("report.txt", "report.txt"),
    ("../../etc/passwd", "passwd"),
    ("/abs/path/a.html", "a.html"),
    ("..\\..\\windows\\b.htm", "b.htm"),
    ("C:\\Users\\x\\c.md", "c.md"),
    (".hidden.txt", "hidden.txt"),
    ("..", FALLBACK_NAME),
    ("", FALLBACK_NAME),
    ("a\x00b\nc.txt", "abc.txt"),
    ("x" * 300 + ".txt", "x" * 116 + ".txt"),
]


@pytest.mark.parametrize(("name", "expected"), SAFE_NAMES)
def test_safe_name_keeps_only_a_clean_base_name(name, expected):
    assert safe_name(name) == expected


def test_save_uploads_writes_inside_the_folder_only(tmp_path):
    folder = tmp_path / "up"
    files = [Upload("../evil.txt", b"one"), Upload("sub/evil.txt", b"two"), Upload("EVIL.txt", b"three"),
             Upload("manifest.jsonl", b"{}\n")]
    paths = save_uploads(files, folder)
    assert [p.name for p in paths] == ["evil.txt", "evil-2.txt", "EVIL-3.txt", "manifest.jsonl"]
    assert all(p.parent == folder for p in paths)
    assert [p.read_bytes() for p in paths] == [b"one", b"two", b"three", b"{}\n"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["up", *(p.name for p in paths)])


def test_split_manifest_joins_several_manifests(tmp_path):
    paths = save_uploads([Upload("a.txt", b"x"), Upload("m1.jsonl", b'{"file": "a.txt"}'),
                          Upload("m2.JSONL", b'{"file": "b.txt"}\n')], tmp_path)
    articles, manifest = split_manifest(paths)
    assert [p.name for p in articles] == ["a.txt"]
    assert manifest is not None and manifest.read_text().splitlines() == ['{"file": "a.txt"}', '{"file": "b.txt"}']
    assert split_manifest(paths[:1]) == (paths[:1], None)
    assert split_manifest(paths[:2]) == (paths[:1], paths[1])


def test_a_bad_file_does_not_stop_the_others(tmp_path, gazetteer):
    store = tmp_path / "store.sqlite"
    manifest = next(line for line in (SAMPLE / "manifest.jsonl").read_text().splitlines() if ARTICLE in line)
    files = [Upload("empty.txt", b""), Upload("../binary.txt", bytes(range(256)) * 4),
             Upload(ARTICLE, (SAMPLE / ARTICLE).read_bytes()), Upload("manifest.jsonl", manifest.encode())]
    seen = []
    report = ingest_uploads(files, tmp_path / "up", store, gazetteer, progress=lambda n, t, p: seen.append((n, t)))
    assert seen == [(1, 3), (2, 3), (3, 3)]
    table = results_table(report, tmp_path / "up")
    assert list(table.columns) == list(RESULT_COLUMNS)
    by_file = table.set_index("file")
    assert list(by_file.index) == ["empty.txt", "binary.txt", ARTICLE]
    assert by_file.loc["empty.txt", "error"] == "empty.txt: empty file"
    assert "binary" in by_file.loc["binary.txt", "error"] and str(tmp_path) not in by_file.loc["binary.txt", "error"]
    assert by_file.loc[ARTICLE, ["new", "duplicate", "error"]].tolist() == [1, 0, ""]
    assert by_file.loc[ARTICLE, "accounts"] > 0
    with Store(store) as s:
        docs = s.documents()
        assert len(docs) == 1 and docs[0].outlet == json.loads(manifest)["outlet"]
        assert s.counts()["incidents"] > 0


def test_the_same_file_twice_is_a_duplicate(tmp_path, gazetteer):
    store = tmp_path / "store.sqlite"
    article = Upload(ARTICLE, (SAMPLE / ARTICLE).read_bytes())
    ingest_uploads([article], tmp_path / "one", store, gazetteer)
    report = ingest_uploads([article], tmp_path / "two", store, gazetteer)
    assert results_table(report).loc[0, ["new", "duplicate"]].tolist() == [0, 1]


def test_manifest_problems_are_reported_without_the_temporary_folder(tmp_path, gazetteer):
    folder = tmp_path / "up"
    report = ingest_uploads([Upload("manifest.jsonl", b"not json\n")], folder, tmp_path / "s.sqlite", gazetteer)
    messages = manifest_messages(report, folder)
    assert messages and all(str(folder) not in m for m in messages)
    assert results_table(report).empty


# -- the page ------------------------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def empty_store(monkeypatch, tmp_path):
    """The page writes to a store in a temporary folder, never a person's own."""
    path = tmp_path / "page.sqlite"
    monkeypatch.setenv("ATLAS_STORE", str(path))
    return path


def ingest_page(password: str | None = None) -> AppTest:
    """The Ingest page, run once; with `password`, that password typed into its editor box."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page("views/ingest.py")
    at.run()
    if password is not None:
        at.text_input(key="editor_password_box").input(password)
        at.button[0].click().run()  # the form's submit button checks it
    return at


def test_without_an_editor_password_the_ingest_page_is_read_only(monkeypatch):
    monkeypatch.delenv("ATLAS_EDITOR_PASSWORD", raising=False)
    at = ingest_page()
    assert not at.exception
    assert at.title[0].value == "Ingest"
    assert not at.get("file_uploader") and not [b for b in at.button if b.key == "ingest_run"]
    assert any("read-only" in i.value and "ATLAS_EDITOR_PASSWORD" in i.value for i in at.info)


def test_a_wrong_password_keeps_the_page_read_only(monkeypatch):
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "open sesame")
    at = ingest_page("open sesam")
    assert not at.exception
    assert not at.get("file_uploader")
    assert "not the editor password" in at.error[0].value
    assert at.text_input(key="editor_password_box").value == ""


def test_the_ingest_page_has_its_uploader_and_button_in_editor_mode(monkeypatch):
    monkeypatch.setenv("ATLAS_EDITOR_PASSWORD", "open sesame")
    at = ingest_page("open sesame")
    assert not at.exception
    assert at.title[0].value == "Ingest"
    uploader = at.get("file_uploader")
    assert len(uploader) == 1 and uploader[0].proto.id.endswith("ingest_files")
    assert uploader[0].proto.multiple_files is True
    assert sorted(uploader[0].proto.type) == [".htm", ".html", ".jsonl", ".md", ".txt"]
    kept = [at.session_state[k] for k in ("editor_password_box", "editor_passed", "editor_refused")]
    assert kept == ["", True, False]  # the box emptied; only the outcome kept, never the password
    at.button(key="ingest_run").click().run()
    assert not at.exception
    assert "Choose at least one file" in at.info[0].value
