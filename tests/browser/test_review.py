"""Review and corrections in Chromium, in editor mode, doing what a person does: fix a place from the queue and see
the marker move; merge two outlets' accounts of one strike from the queue and see one disputed incident; ingest and
re-extract the same articles again and see the corrections hold, listed in the incident's history, and undo one.

The tests of this module run in order over one store: each starts from what the one before it left.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from gazetteer import distance_km

from .conftest import REPO, serve
from .mapping import map_frame, wait_for_markers
from .test_gazetteer_page import outside

PASSWORD = "a long editor password"
AUTHOR = "Rana K."

#: The articles a person ingested: a village the extractor cannot settle, and two outlets on one strike.
ARTICLES = {
    "farm.txt": "Strike on a farm\n\nJune 2, 2018\n\nActivists said 3 civilians were killed in an air strike on the "
                "village of Kharayej in Raqqa countryside on Saturday.\n",
    "sohr_hajin.txt": "Coalition strike on Hajin\n\nOctober 3, 2018\n\nThe Syrian Observatory for Human Rights said "
                      "17 civilians were killed in a coalition air strike on Hajin on Wednesday.\n",
    "sana_east.txt": "Massacre in eastern Syria\n\nOctober 3, 2018\n\nSANA said 25 civilians were killed on Wednesday "
                     "when coalition aircraft struck a town in eastern Syria.\n",
}
#: The village the farm was in (the gazetteer's Kharayij in Deir ez-Zor), as the Place box labels it.
KHARAYIJ = ("Kharayij [locality], Deir ez-Zor", (34.78005, 40.71415))
HAJIN = (34.6927, 40.827)
#: The reasons the person gives (kept with each correction, shown in the history).
WHY_PLACE = "the farm is on the Euphrates near Hajin"
WHY_MERGE = "SANA's town in eastern Syria is Hajin: same day, same strike"


def run_cli(*args: str) -> str:
    """Run `python -m incidents ARGS` as a person would; what it printed (the test fails on a non-zero exit)."""
    done = subprocess.run([sys.executable, "-m", "incidents", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout + done.stderr


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A dashboard in editor mode over a store of ARTICLES ingested by the CLI: (base URL, store, articles folder)."""
    home = tmp_path_factory.mktemp("review")
    folder = home / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    store = home / "review.sqlite"
    run_cli("ingest", str(folder), "--store", str(store))
    for url in serve(store, home, env={"ATLAS_EDITOR_PASSWORD": PASSWORD}):
        yield url, store, folder


# -- what the store holds (to find the incidents the page should show) --------------------------------------------


def incident_of(store, claimed_by: str):
    """The incident holding the account `claimed_by` claims."""
    from incidents.store import Store

    with Store(store) as s:
        return next(i for i in s.incidents() if any(a.claimed_by == claimed_by for a in i.accounts))


# -- doing what a person does ---------------------------------------------------------------------------------------


def main(page):
    return page.locator("[data-testid='stMain']")


def enter_editor_mode(page) -> None:
    """Type the editor password and sign with AUTHOR (the page must be one with a gate)."""
    page.get_by_label("Editor password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Enter editor mode").click()
    page.get_by_label("Your name (signs your corrections)", exact=True).fill(AUTHOR)
    page.get_by_role("button", name="Sign corrections with this name").click()
    main(page).get_by_text("Corrections are signed").wait_for(timeout=60_000)


def pick(page, scope, label: str, option: str) -> None:
    """Choose `option` in the select box `label` within `scope`."""
    box, wanted = scope.get_by_role("combobox", name=label, exact=True), page.get_by_role("option", name=option,
                                                                                              exact=True)
    for _ in range(5):  # a rerun the last typing caused may close the list as it opens: open it again
        box.click()
        try:
            wanted.wait_for(timeout=5_000)
            wanted.click()
            break
        except PlaywrightTimeout:
            continue
    else:
        raise AssertionError(f"{label}: no option {option!r}")


def markers(page, url: str) -> dict[str, dict]:
    """The incidents the Map page draws, by id: the data the page ships to the map (point, disputed)."""
    page.goto(f"{url}/map", wait_until="domcontentloaded")
    frame = wait_for_markers(page)
    return {m["id"]: m for m in frame.evaluate("() => atlas.state.layer.payload.markers")}


def at(marker: dict, point: tuple[float, float]) -> bool:
    return distance_km((marker["lat"], marker["lon"]), point) < 0.5


def open_incident(page, url: str, incident_id: str) -> None:
    page.goto(f"{url}/?incident={incident_id}", wait_until="domcontentloaded")
    main(page).get_by_text("Accounts side by side").wait_for(timeout=90_000)


def history(page, line: str) -> str:
    """The text of the Incident page from its History heading on, once it shows `line`."""
    main(page).get_by_text(line).first.wait_for(timeout=60_000)
    text = main(page).inner_text()
    return text[text.index("History"):]


# -- the tests, in order ---------------------------------------------------------------------------------------------


def test_a_place_fixed_from_the_queue_moves_the_marker(site, page):
    url, store, _ = site
    farm = incident_of(store, "activists")
    before = markers(page, url)[farm.id]
    assert not at(before, KHARAYIJ[1])  # drawn in the middle of the governorate the article names

    page.goto(f"{url}/review", wait_until="domcontentloaded")
    enter_editor_mode(page)
    item = main(page).locator("[class*='st-key-review_item_']").filter(has_text="Strike on a farm")
    item.get_by_text("Place ambiguous").wait_for(timeout=30_000)
    assert "Kharayej" in item.locator("mark").inner_text()  # the words the item is about
    item.get_by_text("Correct", exact=True).click()
    item.get_by_label("Why (required: kept with the correction)", exact=True).fill(WHY_PLACE)
    pick(page, item, "Place", KHARAYIJ[0])
    item.get_by_role("button", name="Set this place").click()
    main(page).get_by_text(f"to Kharayij by {AUTHOR}").wait_for(timeout=60_000)
    assert "It settled 1 item of the queue" in main(page).inner_text()
    assert main(page).locator("[class*='st-key-review_item_']").filter(has_text="Strike on a farm").count() == 0

    moved = markers(page, url)
    farm_now = incident_of(store, "activists")
    assert at(moved[farm_now.id], KHARAYIJ[1])
    assert distance_km((before["lat"], before["lon"]), KHARAYIJ[1]) > 50
    assert outside(page.requested) == []


def test_two_outlets_on_one_strike_merged_from_the_queue_into_one_disputed_incident(site, page):
    url, store, _ = site
    hajin, sana = incident_of(store, "SOHR"), incident_of(store, "SANA")
    assert hajin.id != sana.id  # the extractor kept them apart: "eastern Syria" is no place to join on
    drawn = markers(page, url)
    assert not drawn[hajin.id]["disputed"]

    page.goto(f"{url}/review", wait_until="domcontentloaded")
    enter_editor_mode(page)
    item = main(page).locator("[class*='st-key-review_item_']").filter(has_text="Possibly the same incident")
    item.wait_for(timeout=30_000)
    assert "claimed by SOHR and SANA" in item.inner_text() and "placed only to" in item.inner_text()
    item.get_by_text("Correct", exact=True).click()
    item.get_by_label("Why (required: kept with the correction)", exact=True).fill(WHY_MERGE)
    item.get_by_role("button", name="Merge with the suggested incident").click()
    main(page).get_by_text(f"merged into one incident by {AUTHOR}").first.wait_for(timeout=60_000)
    assert "It settled 1 item of the queue" in main(page).inner_text()

    one = incident_of(store, "SOHR")
    open_incident(page, url, one.id)
    main(page).get_by_text("The accounts disagree").first.wait_for(timeout=60_000)
    shown = main(page).inner_text()
    assert "SOHR: 17 killed" in shown and "SANA: 25 killed" in shown

    assert one.id == incident_of(store, "SANA").id and one.disputed
    drawn = markers(page, url)
    assert drawn[one.id]["disputed"] and at(drawn[one.id], HAJIN)
    assert set(drawn) == {one.id, incident_of(store, "activists").id}  # the farm, and one strike on Hajin
    assert outside(page.requested) == []


def test_corrections_hold_through_reingestion_and_reextraction_and_undo_reverts_one(site, page):
    url, store, folder = site
    assert "documents: 0 new, 3 duplicate" in run_cli("ingest", str(folder), "--store", str(store))
    run_cli("reextract", "--store", str(store))

    strike, farm = incident_of(store, "SOHR"), incident_of(store, "activists")
    assert strike.id == incident_of(store, "SANA").id
    drawn = markers(page, url)
    assert at(drawn[farm.id], KHARAYIJ[1]) and drawn[strike.id]["disputed"] and at(drawn[strike.id], HAJIN)

    open_incident(page, url, strike.id)
    main(page).get_by_text("The accounts disagree").first.wait_for(timeout=30_000)
    assert "SOHR: 17 killed" in main(page).inner_text() and "SANA: 25 killed" in main(page).inner_text()
    assert WHY_MERGE in history(page, f"merged into one incident by {AUTHOR}")

    open_incident(page, url, farm.id)
    assert WHY_PLACE in history(page, f"to Kharayij by {AUTHOR}")
    assert "Kharayij" in main(page).locator("h3").first.inner_text()
    enter_editor_mode(page)
    main(page).get_by_role("button", name="Undo").click()
    main(page).get_by_text(f"undone by {AUTHOR}").first.wait_for(timeout=60_000)
    assert "Kharayij" not in main(page).locator("h3").first.inner_text()
    assert not at(markers(page, url)[incident_of(store, "activists").id], KHARAYIJ[1])
    page.goto(f"{url}/review", wait_until="domcontentloaded")  # the village is the queue's to settle again
    main(page).get_by_text("1 item to review").wait_for(timeout=60_000)
    assert "Kharayej" in main(page).locator("mark").first.inner_text()
