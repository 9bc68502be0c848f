"""The command line other tools call: single names, JSON, and CSV batches with bad rows."""

import csv
import io
import json
import subprocess
import sys

import pytest

from gazetteer.cli import OUT_COLUMNS, main


def run(*argv):
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_resolve_prints_the_place_and_ranked_candidates():
    code, out, _ = run("resolve", "Dayr al-Zawr", "--limit", "3")
    assert code == 0
    assert out.splitlines()[0].startswith("'Dayr al-Zawr' -> Deir ez-Zor (exact")
    assert len([line for line in out.splitlines() if line.startswith("  ")]) == 3


def test_json_output_with_context():
    code, out, _ = run("resolve", "al-Kashem", "--admin1", "Deir ez-Zor", "--near", "34.769,40.649", "--json")
    data = json.loads(out)
    assert code == 0 and data["resolved"] is True
    assert data["candidates"][0]["place_id"] == "wof:1343949645"
    assert {"lat", "lon", "precision", "score", "match", "matched_name"} <= set(data["candidates"][0])


def test_unresolved_is_said_plainly():
    code, out, _ = run("resolve", "al-Shweit", "--admin1", "Deir ez-Zor")
    assert code == 0 and "unresolved" in out.splitlines()[0]


@pytest.mark.parametrize("near", ["34.7", "95,40", "a,b"])
def test_bad_near_is_a_clear_error(near):
    code, _, err = run("resolve", "Hajin", "--near", near)
    assert code == 2 and "--near" in err


def test_batch_passes_columns_through_and_reports_bad_rows(tmp_path):
    src, dst = tmp_path / "in.csv", tmp_path / "out.csv"
    src.write_text("id,name,admin1\n1,Hajin,Deir ez-Zor\n2,al-Shweit,Deir ez-Zor\n3,,\n4,x,y,z\n5,البوكمال,\n",
                   encoding="utf-8")
    code, _, err = run("resolve", "--batch", str(src), "--out", str(dst))
    rows = list(csv.DictReader(dst.open(encoding="utf-8")))
    assert code == 1
    assert "row 4: empty name" in err and "row 5:" in err
    assert [r["id"] for r in rows] == ["1", "2", "3", "4", "5"]
    assert list(rows[0])[:3] == ["id", "name", "admin1"] and list(rows[0])[3:] == OUT_COLUMNS
    assert rows[0]["place_id"] and abs(float(rows[0]["lat"]) - 34.69) < 0.05
    assert rows[1]["lat"] == "" and rows[1]["lon"] == "" and rows[1]["precision"] == "unresolved"
    assert rows[4]["place_id"] == "wof:890449891"


def test_batch_without_a_name_column_names_the_file(tmp_path):
    src = tmp_path / "places.csv"
    src.write_text("place\nHajin\n", encoding="utf-8")
    code, _, err = run("resolve", "--batch", str(src), "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "places.csv" in err and "'name'" in err


def test_missing_batch_file_is_a_clear_error(tmp_path):
    code, _, err = run("resolve", "--batch", str(tmp_path / "nope.csv"), "--out", str(tmp_path / "o.csv"))
    assert code == 2 and "nope.csv" in err


def test_module_entry_point_runs():
    proc = subprocess.run([sys.executable, "-m", "gazetteer", "resolve", "Abu Kamal", "--limit", "1"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "Abu Kamal" in proc.stdout
