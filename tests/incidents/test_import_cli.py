"""`python -m incidents import`: event data files into the store, bad rows named, the rest imported."""

import io
from pathlib import Path

from incidents.cli import main
from incidents.store import Store

from .store_backends import postgres_database, target  # noqa: F401 (fixtures: each test on SQLite and PostgreSQL)

DATA = Path(__file__).parent / "data"


def run(*argv):
    err = io.StringIO()
    code = main(list(argv), out=io.StringIO(), err=err)
    return code, err.getvalue()


def test_import_reports_bad_rows_and_keeps_the_good_ones(tmp_path):
    db = tmp_path / "s.sqlite"
    code, err = run("import", "--format", "acled", str(DATA / "acled_syria.csv"), "--store", str(db))
    assert code == 1  # some rows were bad
    assert "bad row:" in err and "acled_syria.csv" in err and "store:" in err
    with Store(db) as s:
        accounts = s.accounts()
    assert accounts and {a.claimed_by for a in accounts} == {"ACLED"}
    again, err2 = run("import", "--format", "acled", str(DATA / "acled_syria.csv"), "--store", str(db))
    with Store(db) as s:
        assert len(s.accounts()) == len(accounts)  # importing the same file twice adds nothing
    assert " 0 imported" in err2


def test_import_of_several_files_and_formats_into_one_store(tmp_path):
    db = tmp_path / "s.sqlite"
    run("import", "--format", "ucdp", str(DATA / "ucdp_ged.csv"), "--store", str(db))
    run("import", "--format", "airwars", str(DATA / "airwars_incidents.tsv"), "--store", str(db))
    run("import", "--format", "csv", str(DATA / "custom_events.csv"), "--mapping", str(DATA / "custom_mapping.json"),
        "--store", str(db))
    with Store(db) as s:
        claimants = {a.claimed_by for a in s.accounts()}
    assert {"UCDP GED", "Airwars", "Local Monitor"} <= claimants


def test_a_file_that_cannot_be_imported_is_named_and_the_next_proceeds(tmp_path):
    db = tmp_path / "s.sqlite"
    code, err = run("import", "--format", "acled", str(DATA / "acled_no_longitude.csv"), str(tmp_path / "nope.csv"),
                    str(DATA / "acled_semicolon.csv"), "--store", str(db))
    assert code == 1
    assert "failed: " in err and "acled_no_longitude.csv" in err and "longitude" in err
    assert "nope.csv" in err
    with Store(db) as s:
        assert len(s.accounts()) >= 1  # the semicolon file still came in


def test_csv_without_a_mapping_is_a_clear_error(tmp_path):
    code, err = run("import", "--format", "csv", str(DATA / "custom_events.csv"), "--store", str(tmp_path / "s.sqlite"))
    assert code == 1 and "mapping" in err


def test_ingest_names_a_document_it_does_not_read(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "ar.txt").write_text("عنوان\n\nقتل عشرة مدنيين في غارة على قرية في ريف دير الزور اليوم حسب مصادر "
                                   "محلية وقال المرصد إن العدد ارتفع.\n", encoding="utf-8")
    from incidents.cli import main
    import io
    err = io.StringIO()
    assert main(["ingest", str(folder), "--store", str(tmp_path / "s.sqlite")], err=err) == 0
    assert "not read: " in err.getvalue() and "ar.txt" in err.getvalue() and "not English" in err.getvalue()


# -- a store on either backend -------------------------------------------------------------------------------------

ZUMZUMIYA = ("data_id,event_date,event_type,sub_event_type,actor1,actor2,admin1,admin2,location,latitude,longitude,"
             "geo_precision,source,notes,fatalities\n"
             "9001,2018-03-12,Explosions/Remote violence,Air/drone strike,Unidentified Military Forces,Civilians,"
             "Deir-ez-Zor,Abu Kamal,Zumzumiya,34.6611,40.7712,1,SOHR,An airstrike hit Zumzumiya.,4\n")


def test_the_gazetteer_resolves_what_an_import_taught_a_store_on_either_backend(tmp_path, target):
    """`python -m gazetteer resolve --store S` reads the names a store learned, be it a file or a server's URL."""
    import json

    from gazetteer.cli import main as gazetteer_main

    rows = tmp_path / "zumzumiya.csv"
    rows.write_text(ZUMZUMIYA, encoding="utf-8")
    Store(target).close()  # an empty store
    before = io.StringIO()
    assert gazetteer_main(["resolve", "Zumzumiya", "--admin1", "Deir ez-Zor", "--store", target, "--json"],
                          out=before) == 0
    assert json.loads(before.getvalue())["resolved"] is False  # a store that learned nothing yet
    code, err = run("import", "--format", "acled", str(rows), "--store", target)
    assert code == 0, err
    learned = io.StringIO()
    assert gazetteer_main(["resolve", "Zumzumiya", "--admin1", "Deir ez-Zor", "--store", target, "--json"],
                          out=learned) == 0
    out = json.loads(learned.getvalue())
    assert out["resolved"] and out["candidates"][0]["source"] == "user" and "ACLED" in out["note"]


def test_the_gazetteer_names_a_server_it_cannot_read_without_its_password(tmp_path):
    from gazetteer.cli import main as gazetteer_main

    err = io.StringIO()
    url = f"postgresql://atlas:s3cret@/atlas?host={tmp_path}&port=1&connect_timeout=1"  # no server listens there
    assert gazetteer_main(["resolve", "Hajin", "--store", url], out=io.StringIO(), err=err) == 2
    assert "cannot read the user layer of postgresql://atlas:***@" in err.getvalue()
    assert "s3cret" not in err.getvalue()
