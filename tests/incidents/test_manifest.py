"""The manifest (JSON lines: file, outlet, title, author, url, published): accepted and rejected lines as tables.

A bad line is reported with the manifest's file, the line number and the reason, never a traceback; the other lines
are used. A non-English article is reported by name with the reason, not ingested as a silent success.
"""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from incidents.cli import main
from incidents.ingest import ingest
from incidents.reading import read_manifest
from incidents.store import Store

ACCEPTED = [
    ({"file": "a.txt"}, {"file": "a.txt"}),
    ({"file": "a.txt", "outlet": "SyriaTimes"}, {"outlet": "Syria Times"}),
    ({"file": "a.txt", "published": "2019-02-12"}, {"published": dt.date(2019, 2, 12)}),
    ({"file": "a.txt", "published": None, "title": None}, {"published": None, "title": None}),
    ({"file": "a.txt", "published": ""}, {"published": None}),
    ({"file": "a.txt", "title": "Strike on\r\nHajin\u202e"}, {"title": "Strike on Hajin\u202e"}),
    ({"file": "a.txt", "url": "https://example.org/a", "author": "A. B."}, {"url": "https://example.org/a"}),
    ({"file": "a.txt", "extra": [1, 2]}, {"file": "a.txt"}),  # fields it does not know are left alone
    ({"file": " a.txt "}, {"file": "a.txt"}),
]

REJECTED = [
    ("not json", "not JSON"),
    ("{'file': 'a.txt'}", "not JSON"),
    ('{"file": "a.txt"', "not JSON"),
    ("[1, 2]", "JSON object"),
    ('"a.txt"', "JSON object"),
    ("42", "JSON object"),
    ("null", "JSON object"),
    ("{}", "'file'"),
    ('{"file": ""}', "'file'"),
    ('{"file": 3}', "'file'"),
    ('{"file": ["a.txt"]}', "'file'"),
    ('{"file": "a.txt", "outlet": 123}', "'outlet' must be a string, not a number"),
    ('{"file": "a.txt", "outlet": {"name": "SANA"}}', "'outlet' must be a string, not an object"),
    ('{"file": "a.txt", "title": ["x"]}', "'title' must be a string, not a list"),
    ('{"file": "a.txt", "author": true}', "'author' must be a string"),
    ('{"file": "a.txt", "url": 5}', "'url' must be a string"),
    ('{"file": "a.txt", "published": 2019}', "'published' must be a string"),
    ('{"file": "a.txt", "published": "12/02/2019"}', "'published' must be a date as YYYY-MM-DD"),
    ('{"file": "a.txt", "published": "2019-13-01"}', "'published' must be a date"),
    ("[" * 100_000 + "]" * 100_000, ""),  # nested past what a parser recurses into: still one bad line
]


def manifest(tmp_path, *lines: str):
    path = tmp_path / "manifest.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("record", "expected"), ACCEPTED)
def test_accepted_lines(tmp_path, record, expected):
    entries, errors = read_manifest(manifest(tmp_path, json.dumps(record)))
    assert not errors
    (entry,) = entries.values()
    for key, value in expected.items():
        assert getattr(entry, key) == value


@pytest.mark.parametrize(("line", "reason"), REJECTED)
def test_rejected_lines_name_the_file_the_line_and_the_reason_and_the_rest_proceed(tmp_path, line, reason):
    path = manifest(tmp_path, '{"file": "first.txt", "outlet": "SANA"}', line, '{"file": "last.txt"}')
    entries, errors = read_manifest(path)
    assert set(entries) == {"first.txt", "last.txt"}
    (error,) = errors
    assert str(error).startswith(f"{path}: line 2: ")
    assert reason in str(error)


def test_a_manifest_that_is_not_text_is_one_clear_error(tmp_path):
    from incidents.errors import ManifestError

    path = tmp_path / "manifest.jsonl"
    path.write_bytes(b'{"file": "a.txt", "outlet": "\xff\xfe"}\n')
    with pytest.raises(ManifestError, match="manifest.jsonl: cannot read the manifest: not UTF-8"):
        read_manifest(path)


WIRE = ("Source: SOHR\n\nAn airstrike on the town of Hajin killed 12 civilians on 3 February 2019, the Syrian "
        "Observatory for Human Rights said.\n")
FRENCH = ("Source: AFP\n\nUne frappe aérienne sur la ville de Hajin a tué douze civils le 3 février 2019, selon "
          "l'Observatoire syrien des droits de l'homme, qui dit que les avions de la coalition ont visé des maisons "
          "dans le centre de la ville pendant la nuit.\n")


def test_the_cli_reports_bad_manifest_lines_and_non_english_articles_and_ingests_the_rest(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE, encoding="utf-8")
    (folder / "depeche.txt").write_text(FRENCH, encoding="utf-8")
    (folder / "manifest.jsonl").write_text('{"file": "wire.txt", "title": "Strike on Hajin"}\nnot json\n'
                                           '{"file": "depeche.txt", "outlet": 7}\n', encoding="utf-8")
    store = tmp_path / "s.sqlite"
    out = io.StringIO()
    status = main(["ingest", str(folder), "--store", str(store)], err=out)
    err = out.getvalue()
    assert "Traceback" not in err
    assert f"manifest: {folder / 'manifest.jsonl'}: line 2: not JSON" in err
    assert f"manifest: {folder / 'manifest.jsonl'}: line 3: field 'outlet' must be a string, not a number" in err
    assert f"not read: {folder / 'depeche.txt'}: article 0: not English" in err
    assert status == 0  # a manifest's problems and a foreign article are told, not failures of the batch
    with Store(store) as s:
        titles = {d.file: d.title for d in s.documents()}
    assert titles["wire.txt"] == "Strike on Hajin"


def test_a_non_english_article_is_counted_as_not_read(tmp_path, gazetteer):
    (tmp_path / "depeche.txt").write_text(FRENCH, encoding="utf-8")
    with Store(tmp_path / "s.sqlite") as store:
        report = ingest([tmp_path / "depeche.txt"], store, gazetteer)
    (result,) = report.files
    assert result.skipped == ("article 0: not English",) and result.accounts == 0
    assert "(1 not read: not English)" in report.summary()
