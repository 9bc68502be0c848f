"""Decoding that reads what can be read: legacy encodings detected, binary refused, a bad CSV row is a bad row."""

import pytest

from incidents.errors import ReadError
from incidents.importers import read_rows
from incidents.reading import decode, read_documents

ENGLISH = ("Air strike kills 12 in Hajin\n\nAt least 12 civilians were killed on Tuesday in an air strike on the "
           "café of the town of Hajin, the Syrian Observatory for Human Rights said. Résidents fled the area.\n")
ARABIC = "غارة على هجين\n\nقتل اثنا عشر مدنيا يوم الثلاثاء في غارة جوية على بلدة هجين في ريف دير الزور الشرقي.\n"

#: (bytes, encoding that must be recorded, a piece of text that must be read back)
ACCEPTED = [
    (ENGLISH.encode("utf-8"), "utf-8", "café"),
    (b"\xef\xbb\xbf" + ENGLISH.encode("utf-8"), "utf-8", "Résidents"),
    (ENGLISH.encode("utf-16"), "utf-16", "café"),
    (ARABIC.encode("cp1256"), "cp1256", "هجين"),
    (ENGLISH.encode("latin-1"), None, "café"),  # latin-1 or cp1252: both read it right
]
REJECTED = [
    (b"", "empty file"),
    (b"   \n\t", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (bytes(range(1, 32)) * 400, "binary"),
]


@pytest.mark.parametrize(("raw", "encoding", "piece"), ACCEPTED, ids=["utf8", "utf8-bom", "utf16", "cp1256", "latin1"])
def test_text_in_any_encoding_is_read_and_the_encoding_recorded(raw, encoding, piece, tmp_path):
    text, used = decode(tmp_path / "a.txt", raw)
    assert piece in text
    if encoding:
        assert used == encoding
    path = tmp_path / "a.txt"
    path.write_bytes(raw)
    (doc,) = read_documents(path)
    assert doc.encoding == used


@pytest.mark.parametrize(("raw", "reason"), REJECTED, ids=["empty", "blank", "png", "controls"])
def test_what_is_not_text_is_refused_by_name(raw, reason, tmp_path):
    with pytest.raises(ReadError, match=f"a.txt: {reason}"):
        decode(tmp_path / "a.txt", raw)


HEADER = ("event_id_cnty,event_date,event_type,country,admin1,location,latitude,longitude,geo_precision,fatalities,"
          "notes\n")
NOTE = "قصف مدفعي على البلدة وسقوط ضحايا من المدنيين"


def _row(n: int, place: str, note: str = "Shelling on the town.") -> str:
    return f"SYR{n},12 March 2018,Battles,Syria,Deir ez Zor,{place},34.69,40.83,1,{n % 5},{note}\n"


def test_a_row_that_is_not_utf8_late_in_a_file_is_a_bad_row_not_a_bad_file(tmp_path, gazetteer):
    path = tmp_path / "acled.csv"
    rows = [_row(n, "Hajin").encode() for n in range(1, 3001)]
    rows[2983] = _row(2984, "Caf\xe9 Hajin").encode("latin-1")  # one row saved in another encoding
    path.write_bytes(HEADER.encode() + b"".join(rows))
    out = list(read_rows(path, "acled", gazetteer))
    bad = [r for r in out if hasattr(r, "reason")]
    assert len(out) == 3000 and len(bad) == 1
    assert bad[0].line == 2985 and "not UTF-8" in bad[0].reason and "0xe9" in bad[0].reason


def test_a_csv_in_a_legacy_encoding_is_read(tmp_path, gazetteer):
    path = tmp_path / "acled.csv"
    body = HEADER + "".join(_row(n, "هجين", NOTE) for n in range(1, 40))
    path.write_bytes(body.encode("cp1256"))
    out = list(read_rows(path, "acled", gazetteer))
    assert len(out) == 39 and not any(hasattr(r, "reason") for r in out)
    assert "هجين" in out[0].account.places[0].text
