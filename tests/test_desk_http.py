"""The desk's new routes over real HTTP, on SQLite and PostgreSQL (issue 26): an editor adds a claim the loader
missed from a sentence (stored with its offsets, audited, in the reader's view at once, kept by a re-read and
flagged when the loader finds it too), on a stored or a pasted article; numbers and dates refused with 400 naming
the field; the place search; and no write without a login and the CSRF token.

Expected values are written by hand from the seed articles (seeds/).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import markupsafe
import pytest
import requests

from dashboard.loader.ingest import ingest
from dashboard.review.read import read_events
from dashboard.store.rows import Store
from tests.servers import dashboard_server
from tests.test_review_http import add_editor, login, review_env, token

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
# the second seed article's first sentence: the loader finds no claim in it (it says "reportedly")
SIEVIERODONETSK_SPAN = "0-106"


@pytest.fixture
def desk_db(engine_name, request, tmp_path, seeded_db):
    """The seeds, with an editor alice: a SQLite file or a PostgreSQL URL."""
    if engine_name == "postgresql":
        db = request.getfixturevalue("postgres_cluster").create_database("desk")
        with Store(db) as store:
            assert ingest([SEEDS], store).stored_articles == 2
    else:
        db = tmp_path / "events.db"
        shutil.copy(seeded_db, db)
    add_editor(db, "alice")
    return db


@pytest.fixture
def desk(desk_db, tmp_path):
    with dashboard_server(desk_db, extra_env=review_env(tmp_path)) as base:
        yield base, desk_db


def second_article(db) -> int:
    with Store(db) as store:
        return store.rows("SELECT id FROM articles WHERE published = '2022-06-25'")[0][0]


def escaped(text: str) -> str:
    """As Jinja writes text into a page (markupsafe: ' as &#39;)."""
    return str(markupsafe.escape(text))


def claim_form(csrf: str, **more) -> dict:
    return {
        "csrf_token": csrf,
        "span": SIEVIERODONETSK_SPAN,
        "actor": "RU",
        "claim_action": "captured",
        "place": "Sievierodonetsk",
        "oblast": "",
        "date": "",
        "area_km2": "",
        "settlements": "",
        "attribution": "VOI",
        "confirmed": "unknown",
        "note": "the loader missed it",
        **more,
    }


def test_an_editor_adds_a_claim_the_loader_missed_and_readers_see_it(desk):
    base, db = desk
    session, answer = login(base)
    article = second_article(db)
    page = session.get(base + f"review/read/{article}")
    assert page.status_code == 200
    # the sentences the loader took claims from are marked; the one it missed is a choice like the others
    assert (
        f'value="{SIEVIERODONETSK_SPAN}"' in page.text and page.text.count("<mark>") == 6 + 1
    )  # six sentences + the legend
    added = session.post(base + f"review/read/{article}/claim", data=claim_form(token(page.text)))
    assert added.status_code == 200 and "added: 2022-06-24" in added.text
    reader = read_events(db, "reader")
    row = reader[reader.place_name == "Siverskodonetsk"].iloc[0]
    assert (
        row.actor,
        row.action,
        row.event_date,
        row.geonameid,
        row.oblast_iso,
        row.added_by,
        row.review_state,
        row.sentence_start,
        row.sentence_end,
        row.attribution,
    ) == ("RU", "captured", "2022-06-24", 691999, "UA-09", "alice", "added", 0, 106, "VOI")
    assert row.sentence.startswith("JAKARTA - Russian troops reportedly pushed back")
    with Store(db) as store:
        actions = [a for (a,) in store.rows("SELECT action FROM audit ORDER BY id")]
    assert actions[-2:] == ["review:added", "claim:add"]
    # the reader's page data has it at once (the dashboard's own JSON for the map's columns)
    assert "Siverskodonetsk" in requests.get(base + "_dash-layout").text
    # a re-read keeps it; when the loader then finds the same claim, both are flagged
    target = str(db)
    done = subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(SEEDS), "--db", target, "--reread"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    desk_view = read_events(db, "desk")
    kept = desk_view[desk_view.added_by == "alice"]
    assert len(kept) == 1 and kept.iloc[0].review_state == "added" and kept.iloc[0].review_flag == ""
    # the loader's claim that an editor also added: a claim of the same sentence, side, action and place
    hirske = desk_view[(desk_view.place_name == "Hirske") & (desk_view.actor == "RU")].iloc[0]
    page = session.get(base + f"review/read/{article}")
    copy = claim_form(token(page.text), span=f"{hirske.sentence_start}-{hirske.sentence_end}", place="Hirske", date="")
    assert session.post(base + f"review/read/{article}/claim", data=copy).status_code == 200
    flagged = read_events(db, "desk")
    hirske = flagged[flagged.place_name == "Hirske"]
    assert sorted(zip(hirske.added_by, hirske.actor, hirske.action, hirske.review_flag)) == [
        ("", "RU", "captured", "an editor added it too"),
        ("", "UA", "withdrew", ""),  # not the same claim
        ("alice", "RU", "captured", "the loader finds it too"),
    ]


BAD = [
    ("settlements", "-3", "settlements: '-3' is negative"),
    ("settlements", "90000", "settlements: 90,000 is outside 0 to 50,000"),
    ("area_km2", "1e9", "area_km2: 1,000,000,000.0 is outside 0.0 to 1,000,000.0"),
    ("area_km2", "lots", "area_km2: 'lots' is not a number"),
    ("date", "2022-13-40", "date: '2022-13-40' is not a day"),
    ("date", "2022-07-01", "date: 2022-07-01 ends after the article's publication (2022-06-25)"),
    ("date", "2001-05", "date_start: 2001-05-01 is outside 2014-01-01 to"),
    ("span", "0-5", "sentence: 0-5 is not a sentence of this article"),
    ("span", "", "sentence: pick a sentence of the article"),
    ("place", "Atlantis", "place: 'Atlantis' is not in the gazetteer"),
    ("actor", "NATO", "actor: 'NATO' is not one of UA, RU"),
]


def test_bad_numbers_and_dates_get_400_naming_the_field(desk):
    base, db = desk
    session, _ = login(base)
    article = second_article(db)
    csrf = token(session.get(base + f"review/read/{article}").text)
    for field, value, message in BAD:
        answer = session.post(base + f"review/read/{article}/claim", data=claim_form(csrf, **{field: value}))
        assert answer.status_code == 400 and escaped(message) in answer.text, (field, value)
    assert "alice" not in set(read_events(db, "desk").added_by)


def test_new_routes_refuse_writes_without_login_or_csrf(desk):
    base, db = desk
    article = second_article(db)
    anonymous = requests.Session()
    csrf = token(anonymous.get(base + "review/login").text)
    assert anonymous.post(base + f"review/read/{article}/claim", data=claim_form(csrf)).status_code == 403
    assert anonymous.get(base + f"review/read/{article}").status_code == 403
    assert anonymous.get(base + "review/places.json?q=Iz").status_code == 403
    session, _ = login(base)
    for bad in ({}, {"csrf_token": "forged"}):
        form = {k: v for k, v in claim_form("x").items() if k != "csrf_token"} | bad
        assert session.post(base + f"review/read/{article}/claim", data=form).status_code == 403
    assert "alice" not in set(read_events(db, "desk").added_by)


def test_the_place_search_lists_places_with_their_oblast(desk):
    base, _ = desk
    session, _ = login(base)
    found = session.get(base + "review/places.json?q=iziu").json()
    assert found[0] == {"name": "Izium", "oblast": "UA-63", "geonameid": 707292, "oblast_name": "Kharkiv"}
    assert [p["name"] for p in session.get(base + "review/places.json?q=iziu&oblast=UA-43").json()] == ["Izyumovka"]


def test_a_claim_is_added_to_a_pasted_article_before_saving(desk):
    base, db = desk
    session, _ = login(base)
    text = (
        "Russian forces said they had taken the village of Novoselivka. "
        "Local officials could not be reached.\n\nFighting went on near Izium, the army said."
    )
    form = {"text": text, "published": "2023-03-02", "outlet": "Desk Test", "url": ""}
    page = session.get(base + "review/article")
    preview = session.post(base + "review/article", data={"csrf_token": token(page.text), **form, "action": "preview"})
    assert preview.status_code == 200 and 'name="span"' in preview.text
    start = text.index("Fighting")
    claim = {
        "span": f"{start}-{len(text)}",
        "actor": "UA",
        "claim_action": "repelled",
        "place": "Izium",
        "oblast": "UA-63",
        "date": "2023-03-01",
        "attribution": "the army",
        "confirmed": "unknown",
    }
    bad = session.post(
        base + "review/article",
        data={"csrf_token": token(preview.text), **form, **claim, "settlements": "-1", "action": "save"},
    )
    assert bad.status_code == 400 and escaped("settlements: '-1' is negative") in bad.text
    saved = session.post(
        base + "review/article", data={"csrf_token": token(preview.text), **form, **claim, "action": "save"}
    )
    assert saved.status_code == 200 and "and the claim you added" in saved.text
    reader = read_events(db, "reader")
    izium = reader[(reader.outlet == "Desk Test") & (reader.added_by == "alice")]
    assert izium[["actor", "action", "place_name", "event_date", "sentence_start"]].values.tolist() == [
        ["UA", "repelled", "Izium", "2023-03-01", start]
    ]


def test_a_place_claimed_by_both_sides_shows_both_columns_and_the_contradiction(desk):
    """Kupiansk: Ukraine captured it on 10 Sep 2022 (the loader's claim); an editor adds Russia's claim of
    12 Sep that it repelled an attack there: Ukraine's older claim is contradicted. Readers see only reviewed
    claims; the editor's desk view has both, from the queue's link and by URL."""
    base, db = desk
    session, answer = login(base)
    kupiansk = 703656
    assert f'href="/place/{kupiansk}" class="place-link"' in answer.text  # linked from the queue
    with Store(db) as store:
        article, start, end = store.rows(
            "SELECT article_id, sentence_start, sentence_end FROM events WHERE place_name = 'Kupiansk'"
        )[0]
    page = session.get(base + f"review/read/{article}")
    added = session.post(
        base + f"review/read/{article}/claim",
        data=claim_form(
            token(page.text),
            span=f"{start}-{end}",
            actor="RU",
            claim_action="repelled",
            place="Kupiansk",
            date="2022-09-12",
        ),
    )
    assert added.status_code == 200
    desk_page = session.get(base + f"place/{kupiansk}")
    assert desk_page.status_code == 200 and "Claims about Kupiansk (Kharkiv)" in desk_page.text
    cells = re.findall(
        r'<td class="claim-cell side-(\w\w)( contradicted)?">\s*<strong>([^<]+)</strong>', desk_page.text
    )
    assert cells == [
        ("UA", " contradicted", "Ukraine captured Kupiansk"),
        ("RU", "", "Russia repelled attack at Kupiansk"),
    ]
    assert "added by alice" in desk_page.text and 'Review: <span class="state">new</span>' in desk_page.text
    reader_page = requests.get(base + f"place/{kupiansk}")  # a reader: only the reviewed (added) claim
    assert reader_page.status_code == 200 and "Ukraine captured" not in reader_page.text
    assert "Russia repelled attack at Kupiansk" in reader_page.text
    assert requests.get(base + "place/1").status_code == 404


def test_the_png_says_which_claims_it_shows(seeded_db, tmp_path):
    """With review on, the command line's PNG carries the banner, read back by OCR; without review, none. A PNG is
    always the public (reader's) view: asking for the desk gets the reader's banner (issue 24)."""
    import os

    from tests.test_export import ocr_words

    for review, view, words in (
        ("on", "", "reviewed claims only"),
        ("on", "?view=desk", "reviewed claims only"),
        ("off", "", None),
    ):
        png = tmp_path / f"map-{review}{len(view)}.png"
        env = {**os.environ, "CONFLICT_MAP_REVIEW": review}
        done = subprocess.run(
            [sys.executable, "-m", "dashboard.export", "--db", str(seeded_db), "--out", str(png), "--query", view],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        read = ocr_words(png)
        if words:
            assert words in read, read
        else:
            assert "reviewed claims" not in read and "desk view" not in read
