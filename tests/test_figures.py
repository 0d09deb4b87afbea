"""The map's figures and the dashboard's callbacks, called as plain functions on the seed events."""

import json

import pytest

from dashboard.query.index import LABEL_COUNT, LABEL_SPACING
from dashboard.query.state import ViewState
from dashboard.render.figure import (
    ACTOR_COLOURS,
    TRACE_LABELS,
    TRACE_MARKERS,
    TRACE_OBLASTS,
    map_figure,
    view_update,
)
from dashboard.web import callbacks
from dashboard.web.layout import TABLE_COLUMNS
from dashboard.web.source import EventSource


@pytest.fixture(scope="module")
def source(seeded_db):
    return EventSource(seeded_db)


def patched(source, **state):
    """The figure of a view as a dict (the browser draws the same view with assets/view.js)."""
    return map_figure(source.geojson, source.index(), ViewState(**state)).to_plotly_json()


def shown(markers, field):
    """Values of a marker field for the slots drawn (a hidden slot has no longitude)."""
    values = markers[field] if field in markers else markers["marker"][field]
    return [v for v, lon in zip(values, markers["lon"]) if lon is not None]


def z_of(figure, iso):
    trace = figure["data"][TRACE_OBLASTS]
    return trace["z"][list(trace["locations"]).index(iso)]


def test_the_page_sends_the_geometry_once_and_the_events_as_columns(source):
    from dashboard.render.columns import browser_columns

    index = source.index()
    columns = browser_columns(index)
    assert "geojson" not in json.dumps(columns)
    assert len(columns["day"]) == len(columns["slot"]) == index.size
    kupiansk = columns["slot_name"].index("Kupiansk")
    assert columns["oblasts"][columns["slot_oblast"][kupiansk]] == "UA-63"
    assert "Kupiansk" not in json.dumps({k: v for k, v in columns.items() if k != "slot_name"})


def test_the_most_claimed_places_are_named_without_overlapping(source):
    labels = patched(source, day="2022-09-12")["data"][TRACE_LABELS]
    assert "Svatove" in labels["text"] and "Mariupol" in labels["text"]
    # Balakliia (36.86 E, 49.46 N) lies within a name's width of Izium (37.26 E, 49.21 N) and of Kupiansk
    # (37.61 E, 49.71 N): named, it keeps both unnamed
    assert "Balakliia" in labels["text"] and not {"Izium", "Kupiansk"} & set(labels["text"])
    assert 0 < len(labels["text"]) <= LABEL_COUNT
    points = list(zip(labels["lon"], labels["lat"]))
    for i, (x1, y1) in enumerate(points):
        for x2, y2 in points[i + 1 :]:
            assert abs(x1 - x2) >= LABEL_SPACING[0] or abs(y1 - y2) >= LABEL_SPACING[1]
    assert patched(source, day="2022-09-12", actions=())["data"][TRACE_LABELS]["text"] == []


def test_kharkiv_turns_toward_ukraine_on_2022_09_10(source):
    before = patched(source, day="2022-09-09")
    after = patched(source, day="2022-09-10")
    assert z_of(before, "UA-63") == 0
    assert z_of(after, "UA-63") == 3  # Kupiansk taken; Izium and Balakliia abandoned
    assert z_of(patched(source, day="2022-09-12"), "UA-63") == 4  # + the hedged British assessment
    assert z_of(patched(source, day="2022-09-12", confirmed_only=True), "UA-63") == 3


def test_luhansk_in_june_and_september(source):
    assert z_of(patched(source, day="2022-06-24"), "UA-09") == -4  # three withdrawals and Hirske entered
    assert z_of(patched(source, day="2022-09-12"), "UA-09") == -3  # then Svatove left by Russia
    coloured = [
        code
        for code, z in zip(
            patched(source, day="2022-06-24")["data"][0]["locations"], patched(source, day="2022-06-24")["data"][0]["z"]
        )
        if z
    ]
    assert coloured == ["UA-09", "UA-14"]  # Luhansk, and Donetsk for Mariupol lost in May


def test_markers_for_a_date_and_filters(source):
    june = patched(source, day="2022-06-24")["data"][TRACE_MARKERS]
    # Sievierodonetsk, Hirske, Zolote, Avdiivka, and Mariupol (lost in May); Olhine has no point
    assert len(shown(june, "lon")) == 5
    russian = patched(source, day="2022-09-12", actors=("RU",))["data"][TRACE_MARKERS]
    assert set(shown(russian, "color")) == {ACTOR_COLOURS["RU"]}
    strikes = patched(source, day="2022-09-12", actions=("struck",))
    assert set(shown(strikes["data"][TRACE_MARKERS], "symbol")) == {"diamond"}
    assert not any(strikes["data"][TRACE_OBLASTS]["z"])  # strikes change no control
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
    from dashboard.store.rows import Store

    db = tmp_path / "x.db"
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "x.txt").write_text("Russian troops entered Hirske <img src=x onerror=alert(1)> on Friday.")
    with Store(db) as store:
        ingest([folder], store, published=__import__("datetime").date(2022, 6, 25))
    figure = map_figure(EventSource(db).geojson, EventSource(db).index(), ViewState())
    hover = [h for h in figure.data[TRACE_MARKERS].hovertext if h][0]
    assert "<img" not in hover and "&lt;img" in hover


def test_hover_shows_the_attribution_as_text_not_markup(tmp_path):
    """The PNG's and the first figure's hover (figures.py; the browser's twin is tested in
    tests/browser/test_reader_sees.py): an attribution with markup in it is shown as written."""
    from dashboard.schema import Event
    from dashboard.store.rows import Store

    db = tmp_path / "x.db"
    event = Event(
        actor="UA",
        action="captured",
        event_date="2022-09-12",
        date_start="2022-09-12",
        date_end="2022-09-12",
        date_precision="day",
        date_phrase="",
        place_as_written="Kupiansk",
        place_name="Kupiansk",
        geonameid=704508,
        oblast_iso="UA-63",
        latitude=49.7106,
        longitude=37.6156,
        place_precision="point",
        area_km2=None,
        settlements=None,
        attribution="<b>Ministry</b> of <i>Defence</i> & co",
        confirmed="unknown",
        hedged=False,
        sentence="Forces captured Kupiansk.",
        sentence_start=0,
        sentence_end=25,
    )
    with Store(db) as store:
        store.add_article(
            content_hash="k",
            source="k.txt",
            published="2022-09-13",
            report_day="2022-09-13",
            outlet="Wire",
            url="",
            title="",
            text="Forces captured Kupiansk.",
            events=[event],
        )
    source = EventSource(db)
    hover = [h for h in map_figure(source.geojson, source.index(), ViewState()).data[TRACE_MARKERS].hovertext if h][0]
    assert "Said by: &lt;b&gt;Ministry&lt;/b&gt; of &lt;i&gt;Defence&lt;/i&gt; &amp; co" in hover, hover


def test_at_most_marker_limit_places_are_marked_the_most_claimed_then_the_newest(tmp_path):
    """MARKER_LIMIT + 3 places with a claim a day each, the oldest place with two more claims: the three oldest
    single-claim places are left out (not the oldest place: it has the most claims), and the title counts them."""
    from datetime import date, timedelta

    from dashboard.query.index import MARKER_LIMIT
    from dashboard.schema import Event
    from dashboard.store.rows import Store

    def claim(k: int, day: date) -> Event:
        iso = day.isoformat()
        return Event(
            actor="UA",
            action="captured",
            event_date=iso,
            date_start=iso,
            date_end=iso,
            date_precision="day",
            date_phrase="",
            place_as_written=f"Place {k}",
            place_name=f"Place {k}",
            geonameid=9_000_000 + k,
            oblast_iso="UA-32",
            latitude=49.0,
            longitude=30.0 + k / 1000,
            place_precision="point",
            area_km2=None,
            settlements=None,
            attribution="",
            confirmed="unknown",
            hedged=False,
            sentence=f"Forces captured Place {k}.",
            sentence_start=0,
            sentence_end=20,
        )

    first = date(2022, 1, 1)
    events = [claim(k, first + timedelta(days=k)) for k in range(MARKER_LIMIT + 3)]
    events += [claim(0, first + timedelta(days=1)), claim(0, first + timedelta(days=2))]
    db = tmp_path / "many.db"
    with Store(db) as store:
        store.add_article(
            content_hash="many",
            source="many.txt",
            published="2023-01-01",
            report_day="2023-01-01",
            outlet="Wire",
            url="",
            title="",
            text="Many places.",
            events=events,
        )
    source = EventSource(db)
    figure = map_figure(source.geojson, source.index(), ViewState()).to_plotly_json()
    marked = {round((lon - 30.0) * 1000) for lon in shown(figure["data"][TRACE_MARKERS], "lon")}
    assert len(marked) == MARKER_LIMIT
    assert 0 in marked and not {1, 2, 3} & marked and MARKER_LIMIT + 2 in marked
    assert "3 places with fewer claims not marked" in figure["layout"]["title"]["text"]


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
    # the "Said by" column: the canonical claimant; the attribution as written comes along for its title
    said = {(r["claimant"], r["attribution"]) for r in everything}
    assert ("Ukrainian General Staff", "Ukraine's general staff") in said
    assert ("Russian Defence Ministry", "Russia's Defense Ministry") in said
    assert ("not stated", "") in said and all(r["claimant"] for r in everything)
    column = next(c for c in TABLE_COLUMNS if c["headerName"] == "Said by")
    assert column["field"] == "claimant" and column["cellRenderer"] == "Claimant"


def test_tally_lists_area_and_settlement_claims(source):
    children = callbacks.tally_children(ViewState(day="2022-09-12"), source.index())
    text = str(children)
    assert "6,000 km²" in text and "500 km²" in text and "20 settlements" in text
    assert "older gain claim" not in text


def test_the_gains_list_is_capped_with_a_count_of_the_rest(source):
    # the seeds' gains claimed with no place by 12 Sep 2022, counted by hand from seeds/gold_claims.csv:
    # 6,000 km², 500 km² and 20 settlements; the newest one listed, the two others counted
    text = str(callbacks.tally_children(ViewState(day="2022-09-12"), source.index(), limit=1))
    assert text.count("Li(") == 1 and "and 2 older gain claim(s) in view" in text


def test_click_toggles_oblast_and_restore_reads_url(source):
    click = {"points": [{"curveNumber": TRACE_OBLASTS, "location": "UA-63"}]}
    assert callbacks.oblast_from_click(click, None) == "UA-63"
    assert callbacks.oblast_from_click(click, "UA-63") is None
    index = source.index()
    restored = callbacks.restore_view(
        "?date=2022-09-10&actors=RU&embed=1&mode=control&contested=9&country=UA&fit=0", index
    )
    day, window, days, actors, actions, confirmed, oblast, class_name, mode, contested, country, fit, *said = restored
    assert day == 19245  # 2022-09-10 as a day number (days since 1970-01-01, worked out by hand), not an offset
    assert actors == ["RU"] and class_name == "page embed"
    assert (mode, contested, country, fit) == ("control", 9, "UA", [])
    # the seed articles span 104 days: the claims of the period are the default mode, and a page's controls say so
    assert callbacks.restore_view("", index)[8:] == ("claims", 14, "all", ["1"], [], [], [])
    assert said == [[], [], []]
    # who said it: the names the data has, ticked in their side's group; a name it does not have is dropped
    said = callbacks.restore_view("?said=Russian Defence Ministry|Ukrainian General Staff|Nobody|not stated", index)[
        12:
    ]
    assert said == (["Ukrainian General Staff"], ["Russian Defence Ministry"], ["not stated"])
    controls = (None, "all", None, ["UA", "RU"], list(ViewState().actions), [], None, None, None, None, None)
    state = callbacks.state_from_controls(index, *controls, ["Ukrainian General Staff", "Nobody"])
    assert state.said == ("Ukrainian General Staff",) and index.mask(state).sum() == 7
    with pytest.raises(callbacks.BadInput, match="not a list of texts"):
        callbacks.state_from_controls(index, *controls, "Ukrainian General Staff")


def test_title_names_the_date_and_filters(source):
    figure = map_figure(
        source.geojson, source.index(), ViewState(day="2022-09-12", window="recent", recent_days=3, actors=("UA",))
    )
    title = figure.layout.title.text
    assert "10 Sep – 12 Sep 2022" in title and "claims by Ukraine" in title
    credits = figure.layout.annotations[0].text
    assert "Natural Earth" in credits and "GeoNames" in credits


def test_an_unplaced_control_claim_colours_no_oblast_and_breaks_nothing(tmp_path):
    """A capture of a place nobody can put on the map (unknown name, no region named) is stored unplaced."""
    from datetime import date

    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    db = tmp_path / "x.db"
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "x.txt").write_text(
        "Ukrainian forces captured the village of Blahodatne-Verkhnie on Sunday.\n\n"
        "Russian forces captured Popasna on Friday."
    )
    with Store(db) as store:
        ingest([folder], store, published=date(2022, 5, 8))
    index = EventSource(db).index()
    assert (index.oblast < 0).sum() == 1 and (index.sign != 0).sum() == 2
    figure = map_figure(EventSource(db).geojson, index, ViewState(day="2022-05-08"))
    z = dict(zip(figure.data[TRACE_OBLASTS].locations, figure.data[TRACE_OBLASTS].z))
    assert z["UA-09"] == -1 and sum(abs(v) for v in z.values()) == 1  # only Popasna's capture colours a region


def test_the_credits_fit_an_embeds_width_and_keep_every_licence(source):
    """At 800 px one line of credits ran out of the embed's frame and cut the licence's name: they are two lines,
    each short enough for 800 px at their 10 px type (about 6 px a character), and still name every source (the
    served page is built once for every URL, embed or not: the same credits for both)."""
    from dashboard.geo import ATTRIBUTION

    for embed in (True, False):
        (credits,) = patched(source, day="2022-09-13", embed=embed)["layout"]["annotations"]
        parts = credits["text"].split("<br>")
        assert len(parts) == 2 and ATTRIBUTION in credits["text"]
        assert all(len(part) * 6 < 800 for part in parts), parts
