"""One oblast code (dashboard/geo.py OBLAST_CODE): the URL, a click on the map and the settled view's callback
all accept Russia's three border regions as they accept Ukraine's units, so ``?oblast=RU-KRS`` fills the table,
the tally and the map in words (state.py and callbacks.py used to disagree: RU-KRS passed one and not the other)."""

from datetime import date

import pytest

from dashboard.geo import OBLAST_CODE, gazetteer, is_oblast_code
from dashboard.query.state import ViewState
from dashboard.render.figure import TRACE_OBLASTS
from dashboard.render.words import map_summary
from dashboard.web import callbacks
from dashboard.web.source import EventSource

KURSK_ARTICLE = (
    "Ukrainian troops took Sudzha in the Kursk region on Tuesday, according to Kyiv.\n\n"
    "Russian forces retook Korenevo in Russia's Kursk region on Wednesday, the defence ministry said."
)


@pytest.fixture(scope="module")
def kursk_db(tmp_path_factory):
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store
    from tests.conftest import ROOT

    folder = tmp_path_factory.mktemp("kursk")
    (folder / "kursk.txt").write_text(KURSK_ARTICLE)
    db = folder / "events.db"
    with Store(db) as store:
        ingest([ROOT / "seeds", folder], store, published=date(2024, 8, 15))
    return db


def test_every_drawn_unit_is_an_oblast_code_and_nothing_else_is():
    codes = set(gazetteer().oblasts)
    assert {"RU-KRS", "RU-BEL", "RU-BRY", "UA-63"} <= codes
    assert all(OBLAST_CODE.match(code) for code in codes)
    for bad in ("RU-MOW", "UA-6", "ua-63", "UA-63 ", "RU-KRSX", "", None, ["UA-63"], 63):
        assert not is_oblast_code(bad), bad


def test_the_url_and_the_controls_agree_on_a_russian_border_region(kursk_db):
    index = EventSource(kursk_db).index()
    assert ViewState.from_query("?oblast=RU-KRS").oblast == "RU-KRS"
    state = callbacks.state_from_controls(
        index, None, "all", None, ["UA", "RU"], list(ViewState().actions), [], "RU-KRS"
    )
    assert state.oblast == "RU-KRS"
    with pytest.raises(callbacks.BadInput, match="not an oblast code: 'RU-MOW'"):
        callbacks.state_from_controls(index, None, "all", None, ["UA"], [], [], "RU-MOW")


def test_a_shared_kursk_view_fills_the_table_the_tally_and_the_map_in_words(kursk_db):
    """What the settled view's callback returns for ?oblast=RU-KRS (the same functions, in the same order)."""
    index = EventSource(kursk_db).index()
    restored = callbacks.restore_view("?oblast=RU-KRS&mode=claims", index)
    state = callbacks.state_from_controls(index, *restored[:7], restored[8])  # the map mode the URL names
    rows, note = callbacks.table_rows(state, index)
    assert sorted(r["place_name"] for r in rows) == ["Korenevo", "Sudzha"]
    assert note == "2 claims in view in Kursk Oblast (Russia)."
    assert callbacks.tally_children(state, index)  # the gains list renders for the view
    words = map_summary(index, state)
    assert "Ukraine captured Sudzha" in words and "Russia captured Korenevo" in words


def test_clicking_a_russian_border_region_narrows_the_table_to_it():
    click = {"points": [{"curveNumber": TRACE_OBLASTS, "location": "RU-BEL"}]}
    assert callbacks.oblast_from_click(click, None) == "RU-BEL"
    assert callbacks.oblast_from_click(click, "RU-BEL") is None  # clicked again: the whole table
    with pytest.raises(callbacks.BadInput):
        callbacks.oblast_from_click({"points": [{"curveNumber": TRACE_OBLASTS, "location": "RU-MOW"}]}, None)
