"""Russia's border regions on the page, in headless Chromium: a shared ``?oblast=RU-KRS`` view fills the table,
the tally and the map in words, and the mouse clicking Belgorod's shape narrows the table to it (the page used to
refuse every RU-* code in its callbacks: the table stayed empty and a click did nothing)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tests.browser.test_page import INSIDE_THE_SHAPE, click_at, js, open_page, table_note, wait_until
from tests.conftest import ROOT
from tests.servers import dashboard_server

ARTICLE = (
    "Ukrainian troops took Sudzha in the Kursk region on Tuesday, according to Kyiv.\n\n"
    "Russian forces retook Korenevo in Russia's Kursk region on Wednesday, the defence ministry said.\n\n"
    "Russian troops withdrew from Shebekino in the Belgorod region on Thursday, the governor said."
)


@pytest.fixture(scope="module")
def border_db(tmp_path_factory):
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    folder = tmp_path_factory.mktemp("border")
    (folder / "border.txt").write_text(ARTICLE)
    db = folder / "events.db"
    with Store(db) as store:
        ingest([ROOT / "seeds", folder], store, published=date(2024, 8, 16))
    return db


@pytest.fixture(scope="module")
def border_server(border_db):
    with dashboard_server(border_db) as base:
        yield base


def count(db, oblast: str) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM events WHERE oblast_iso = ?", (oblast,)).fetchone()[0]


def text_of(browser, element_id: str) -> str:
    return js(browser, f"return document.getElementById('{element_id}').textContent")


def test_a_shared_kursk_view_and_a_click_on_belgorod(browser, border_server, border_db):
    kursk, belgorod = count(border_db, "RU-KRS"), count(border_db, "RU-BEL")
    assert kursk == 2 and belgorod == 1, "the article's claims placed in Kursk and Belgorod regions"
    open_page(browser, border_server + "?oblast=RU-KRS&mode=claims")  # claims in the period: the words name places
    wait_until(
        lambda: table_note(browser) == f"{kursk} claims in view in Kursk Oblast (Russia).",
        message="the table narrowed to Kursk",
    )
    assert "Table narrowed to Kursk Oblast (Russia)." in text_of(browser, "oblast-chip")
    assert "Sudzha" in text_of(browser, "map-summary") and text_of(browser, "tally").strip()
    point = browser.driver.execute_script(INSIDE_THE_SHAPE, "RU-BEL")
    assert point, "no point inside Belgorod region's shape away from the markers"
    click_at(browser, *point)
    wait_until(
        lambda: table_note(browser) == f"{belgorod} claims in view in Belgorod Oblast (Russia).",
        message="the table narrowed to Belgorod",
    )
    assert "oblast=RU-BEL" in browser.driver.current_url
    assert "Shebekino" in text_of(browser, "map-summary")
