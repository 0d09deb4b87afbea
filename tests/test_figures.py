"""The map's figures and the dashboard's callbacks, called as plain functions on the seed events."""
import copy
import json

import pytest

from dashboard import callbacks
from dashboard.data import EventSource
from dashboard.figures import (ACTOR_COLOURS, TRACE_MARKERS, TRACE_OBLASTS, base_figure,
                               map_figure, view_update)
from dashboard.state import ViewState


def apply_patch(figure: dict, patch) -> dict:
    """Apply a Dash Patch the way the browser does, to a figure dict."""
    figure = copy.deepcopy(figure)
    patch = patch if isinstance(patch, dict) else patch.to_plotly_json()
    assert patch["__dash_patch_update"] == "__dash_patch_update"
    for op in patch["operations"]:
        assert op["operation"] == "Assign", op
        *path, last = op["location"]
        target = figure
        for key in path:
            target = target[key]
        target[last] = op["params"]["value"]
    return figure


@pytest.fixture(scope="module")
def source(seeded_db):
    return EventSource(seeded_db)


def patched(source, **state):
    index = source.index()
    base = base_figure(source.geojson, index).to_plotly_json()
    patch, _, _ = callbacks.update_map(ViewState(**state), index, None)
    return apply_patch(base, patch)


def shown(markers, field):
    """Values of a marker field for the slots drawn (a hidden slot has no longitude)."""
    values = markers[field] if field in markers else markers["marker"][field]
    return [v for v, lon in zip(values, markers["lon"]) if lon is not None]


def z_of(figure, iso):
    trace = figure["data"][TRACE_OBLASTS]
    return trace["z"][list(trace["locations"]).index(iso)]


def test_patch_carries_no_geometry(source):
    patch, _, _ = callbacks.update_map(ViewState(day="2022-09-12"), source.index(), None)
    locations = [op["location"] for op in patch["operations"]]
    assert all("geojson" not in loc for loc in locations)
    assert ["data", TRACE_OBLASTS, "z"] in locations


def test_kharkiv_turns_toward_ukraine_on_2022_09_10(source):
    before = patched(source, day="2022-09-09")
    after = patched(source, day="2022-09-10")
    assert z_of(before, "UA-63") == 0
    assert z_of(after, "UA-63") == 3          # Kupiansk taken; Izium and Balakliia abandoned
    assert z_of(patched(source, day="2022-09-12"), "UA-63") == 4   # + the hedged British assessment
    assert z_of(patched(source, day="2022-09-12", confirmed_only=True), "UA-63") == 3


def test_luhansk_in_june_and_september(source):
    assert z_of(patched(source, day="2022-06-24"), "UA-09") == -4   # three withdrawals and Hirske entered
    assert z_of(patched(source, day="2022-09-12"), "UA-09") == -3   # then Svatove left by Russia
    coloured = [code for code, z in zip(patched(source, day="2022-06-24")["data"][0]["locations"],
                                        patched(source, day="2022-06-24")["data"][0]["z"]) if z]
    assert coloured == ["UA-09", "UA-14"]   # Luhansk, and Donetsk for Mariupol lost in May


def test_markers_for_a_date_and_filters(source):
    june = patched(source, day="2022-06-24")["data"][TRACE_MARKERS]
    # Sievierodonetsk, Hirske, Zolote, Avdiivka, and Mariupol (lost in May); Olhine has no point
    assert len(shown(june, "lon")) == 5
    russian = patched(source, day="2022-09-12", actors=("RU",))["data"][TRACE_MARKERS]
    assert set(shown(russian, "color")) == {ACTOR_COLOURS["RU"]}
    strikes = patched(source, day="2022-09-12", actions=("struck",))
    assert set(shown(strikes["data"][TRACE_MARKERS], "symbol")) == {"diamond"}
    assert not any(strikes["data"][TRACE_OBLASTS]["z"])      # strikes change no control
    recent = patched(source, day="2022-09-12", window="recent", recent_days=1)["data"][TRACE_MARKERS]
    assert shown(recent, "hovertext") and all("2022-09-12" in t for t in shown(recent, "hovertext"))


def test_unconfirmed_and_hedged_markers_are_hollow(source):
    markers = patched(source, day="2022-09-12")["data"][TRACE_MARKERS]
    svatove = [s for s, h in zip(shown(markers, "symbol"), shown(markers, "hovertext")) if "Svatove" in h]
    assert svatove == ["triangle-down-open"]
    kupiansk = [s for s, h in zip(shown(markers, "symbol"), shown(markers, "hovertext")) if "Kupiansk" in h]
    assert kupiansk == ["circle"]


def test_hover_escapes_article_text(seeded_db, tmp_path):
    from dashboard.loader.ingest import ingest
    from dashboard.store import Store
    db = tmp_path / "x.db"
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "x.txt").write_text("Russian troops entered Hirske <img src=x onerror=alert(1)> on Friday.")
    with Store(db) as store:
        ingest([folder], store, published=__import__("datetime").date(2022, 6, 25))
    figure = map_figure(EventSource(db).geojson, EventSource(db).index(), ViewState())
    hover = [h for h in figure.data[TRACE_MARKERS].hovertext if h][0]
    assert "<img" not in hover and "&lt;img" in hover


def test_a_step_sends_only_the_markers_that_changed(source):
    index = source.index()
    base = base_figure(source.geojson, index).to_plotly_json()
    first, _, drawn = callbacks.update_map(ViewState(day="2022-09-09"), index, None)
    at_first = apply_patch(base, first)
    step, _, _ = callbacks.update_map(ViewState(day="2022-09-10"), index, None, drawn)
    full, _, _ = callbacks.update_map(ViewState(day="2022-09-10"), index, None)
    assert apply_patch(at_first, step) == apply_patch(base, full)
    sizes = [len(json.dumps(p)) for p in (step, full)]
    assert sizes[0] < sizes[1]
    stale, _, _ = callbacks.update_map(ViewState(day="2022-09-10"), index, None, {**drawn, "version": -1})
    assert ["data", TRACE_MARKERS, "lat"] in [op["location"] for op in stale["operations"]]


def test_selected_row_highlights_its_marker(source):
    index = source.index()
    row = index.frame[index.frame["place_name"] == "Svatove"].iloc[0]
    update = view_update(index, ViewState(day="2022-09-12"), int(row["id"]))
    assert update.highlight_lon == [pytest.approx(row["longitude"])]
    assert view_update(index, ViewState(day="2022-09-12"), None).highlight_lon == []


def test_table_rows_narrowed_by_oblast_and_linked(source):
    index = source.index()
    rows, note = callbacks.table_rows(ViewState(day="2022-09-12", oblast="UA-63"), index)
    assert rows and {r["oblast_name"] for r in rows} == {"Kharkiv"}
    assert "in Kharkiv" in note
    assert all(r["sentence"] for r in rows)
    assert rows[0]["outlet"] == "VOI (English edition)" and rows[0]["url"].startswith("https://voi.id/")
    everything, _ = callbacks.table_rows(ViewState(day="2022-09-12"), index)
    assert len(everything) == index.size


def test_tally_lists_area_and_settlement_claims(source):
    children = callbacks.tally_children(ViewState(day="2022-09-12"), source.index())
    text = str(children)
    assert "6,000 km²" in text and "500 km²" in text and "20 settlements" in text


def test_click_toggles_oblast_and_restore_reads_url(source):
    click = {"points": [{"curveNumber": TRACE_OBLASTS, "location": "UA-63"}]}
    assert callbacks.oblast_from_click(click, None) == "UA-63"
    assert callbacks.oblast_from_click(click, "UA-63") is None
    index = source.index()
    restored = callbacks.restore_view("?date=2022-09-10&actors=RU&embed=1", index)
    day, window, days, actors, actions, confirmed, oblast, class_name = restored
    assert day == 19245   # 2022-09-10 as a day number (days since 1970-01-01, worked out by hand), not an offset
    assert actors == ["RU"] and class_name == "page embed"


def test_title_names_the_date_and_filters(source):
    figure = map_figure(source.geojson, source.index(), ViewState(day="2022-09-12", window="recent", recent_days=3,
                                                                   actors=("UA",)))
    title = figure.layout.title.text
    assert "10 Sep – 12 Sep 2022" in title and "claims by Ukraine" in title
    credits = figure.layout.annotations[0].text
    assert "Natural Earth" in credits and "GeoNames" in credits


def test_an_unplaced_control_claim_colours_no_oblast_and_breaks_nothing(tmp_path):
    """A capture of a place nobody can put on the map (unknown name, no region named) is stored unplaced."""
    from datetime import date
    from dashboard.loader.ingest import ingest
    from dashboard.store import Store
    db = tmp_path / "x.db"
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "x.txt").write_text("Ukrainian forces captured the village of Blahodatne-Verkhnie on Sunday.\n\n"
                                  "Russian forces captured Popasna on Friday.")
    with Store(db) as store:
        ingest([folder], store, published=date(2022, 5, 8))
    index = EventSource(db).index()
    assert (index.oblast < 0).sum() == 1 and (index.sign != 0).sum() == 2
    figure = map_figure(EventSource(db).geojson, index, ViewState(day="2022-05-08"))
    z = dict(zip(figure.data[TRACE_OBLASTS].locations, figure.data[TRACE_OBLASTS].z))
    assert z["UA-09"] == -1 and sum(abs(v) for v in z.values()) == 1   # only Popasna's capture colours a region
