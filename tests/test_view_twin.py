"""The browser's twin of the query engine, tested in seconds: assets/view.js's view computation runs under Node
(tests/node/view_twin.js, no browser) on the very columns the page sends, for a table of views, and must give the
values the Python side draws (dashboard.query.index through dashboard.render.figure.view_update) and the same
query string.

The views cover windows (all, recent days, a day before the data, a day past it), filters (side, action,
text-confirmed only, no side at all), Russia's border regions (in view, left out by ``country=UA``, selected) and
an empty view. A one-day shift of the window in view.js alone makes this fail (the last test shows it)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from datetime import date

import pytest

from dashboard.query.state import ViewState
from dashboard.render.columns import browser_columns
from dashboard.render.figure import (
    TRACE_HIGHLIGHT,
    TRACE_LABELS,
    TRACE_LEGEND_HOLLOW,
    TRACE_MARKERS,
    TRACE_OBLASTS,
    legend_visibility,
    view_update,
)
from dashboard.web import callbacks
from dashboard.web.layout import BROWSER_IDS
from dashboard.web.source import EventSource
from tests.conftest import ROOT

VIEW_JS = ROOT / "assets" / "view.js"
HARNESS = ROOT / "tests" / "node" / "view_twin.js"
BORDER_ARTICLE = (
    "Ukrainian troops took Sudzha in the Kursk region on Tuesday, according to Kyiv.\n\n"
    "Russian forces retook Korenevo in Russia's Kursk region on Wednesday, the defence ministry said.\n\n"
    "Russian troops withdrew from Shebekino in the Belgorod region on Thursday, the governor said."
)
VIEWS = [
    "",  # everything up to the last day
    "?date=2022-09-10",
    "?date=2022-09-12&window=recent&days=3",
    "?date=2022-09-11&window=recent&days=1",
    "?date=2022-06-24&window=recent&days=7",
    "?date=1999-01-01",  # before the data: the first day
    "?date=2030-01-01",  # past it: the last day
    "?actors=RU",
    "?actors=UA&actions=captured,withdrew",
    "?actions=struck",
    "?actions=advanced",
    "?confirmed=1",
    "?actors=RU&actions=withdrew&confirmed=1",  # unconfirmed Svatove, the easternmost withdrawal: out of the fit
    "?actors=",  # no side ticked: an empty view
    "?actions=",  # no action ticked: an empty view
    "?mode=control",  # who claims to hold each place (issue 25)
    "?mode=control&date=2022-06-24&window=recent&days=30&contested=3",
    "?mode=control&actors=UA&country=UA&confirmed=1",
    "?fit=0",  # the whole country: no extent
    "?date=2022-05-01&actors=UA",  # nothing by Ukraine yet: an empty view
    "?country=UA",  # Russia's border regions left out
    "?oblast=RU-KRS",
    "?date=2024-08-15&window=recent&days=2&oblast=RU-BEL",
    "?window=recent&days=30&actors=RU&country=UA",
    # who said it (issue 22, item 4): canonical claimants, one side's, two sides', "not stated", one unknown
    "?said=Russian Defence Ministry",
    "?said=Ukrainian General Staff|regional governor&window=recent&days=30&date=2022-09-12",
    "?said=not stated|Oleksiy Arestovych&actors=UA",
    "?said=Somebody the data does not have",  # unknown names: anyone, as with no filter
    "?mode=control&said=Russian Defence Ministry|Ukrainian General Staff",
]
# over this index's two years the claimed control is the default map: every view again as the claims of the period
VIEWS += [q + ("&" if q else "?") + "mode=claims" for q in VIEWS if "mode=" not in q]


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    folder = tmp_path_factory.mktemp("twin")
    (folder / "border.txt").write_text(BORDER_ARTICLE)
    db = folder / "events.db"
    with Store(db) as store:
        ingest([ROOT / "seeds", folder], store, published=date(2024, 8, 16))
    return EventSource(db).index()


# boxes a reader unticked: a shared URL cannot say "none" (an empty parameter is no parameter), the page can
UNTICKED = {"?actors=": {"actors": []}, "?actions=": {"actions": []}}


def controls(index, query: str) -> dict:
    """The page's controls for a view (what the browser's drawView gets from Dash)."""
    day, window, recent, actors, actions, confirmed, oblast, _, mode, contested, country, fit, *said = (
        callbacks.restore_view(query, index)
    )
    values = {
        "day": day,
        "window": window,
        "recent": recent,
        "actors": actors,
        "actions": actions,
        "confirmed": confirmed,
        "oblast": oblast,
        "mode": mode,
        "contested": contested,
        "country": country,
        "fit": fit,
        "said": [n for group in said for n in group],
    }  # the groups' ticks as one (mergeSaid)
    return {**values, **UNTICKED.get(query, {}), "search": query}


def view_state(index, query: str) -> ViewState:
    """The same view as the server's callbacks see it: the controls, and the URL's country filter."""
    values = controls(index, query)
    search = values.pop("search")
    state = callbacks.state_from_controls(index, *values.values())
    return replace(state, ukraine_only=ViewState.from_query(search).ukraine_only)


def run_twin(index, queries: list[str], source: str | None = None) -> list[dict]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: apt-get install nodejs")
    payload = {
        "source": source if source is not None else VIEW_JS.read_text(encoding="utf-8"),
        "columns": json.loads(json.dumps(browser_columns(index, BROWSER_IDS))),
        "views": [controls(index, q) for q in queries],
    }
    done = subprocess.run([node, str(HARNESS)], input=json.dumps(payload), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def python_values(index, query: str) -> dict:
    state = view_state(index, query)
    update = view_update(index, state)
    m = update.markers
    return {
        f"{TRACE_OBLASTS}:z": [float(z) for z in update.oblasts.z],
        f"{TRACE_OBLASTS}:hovertext": update.oblasts.hover,
        f"{TRACE_OBLASTS}:marker.line.width": update.oblasts.line_width,
        f"{TRACE_MARKERS}:lon": m["lon"],
        f"{TRACE_MARKERS}:lat": m["lat"],
        f"{TRACE_MARKERS}:marker.color": m["color"],
        f"{TRACE_MARKERS}:marker.symbol": m["symbol"],
        f"{TRACE_MARKERS}:marker.size": m["size"],
        f"{TRACE_MARKERS}:marker.line.color": m["line"],
        f"{TRACE_HIGHLIGHT}:lon": [],
        f"{TRACE_HIGHLIGHT}:lat": [],
        f"{TRACE_LABELS}:lon": update.labels[0],
        f"{TRACE_LABELS}:lat": update.labels[1],
        f"{TRACE_LABELS}:text": update.labels[2],
        "title": update.title,
        "query": state.to_query(),
        "extent": [list(r) for r in update.extent] if update.extent else None,  # fitted to the claims (issue 25)
        # the legend of the mode drawn (issue 25: control mode showed the claims' action shapes)
        **{
            f"{k}:visible": visible for k, visible in legend_visibility(update.mode).items() if k != TRACE_LEGEND_HOLLOW
        },
    }


def browser_values(twin: dict) -> dict:
    values = {
        k: [round(v, 5) if isinstance(v, float) else v for v in vs] if isinstance(vs, list) else vs
        for k, vs in twin["values"].items()
    }
    return {**values, "title": twin["title"], "query": twin["query"], "extent": twin["extent"]}


def rounded(values: dict) -> dict:
    return {
        k: [round(v, 5) if isinstance(v, float) else v for v in vs] if isinstance(vs, list) else vs
        for k, vs in values.items()
    }


def differences(index, twins: list[dict], queries: list[str]) -> list[str]:
    found = []
    for query, twin in zip(queries, twins):
        ours, theirs = rounded(python_values(index, query)), browser_values(twin)
        for key in ours:
            if ours[key] != theirs.get(key):
                found.append(
                    f"{query or '(no query)'} {key}: python {ours[key]!r:.160} browser {theirs.get(key)!r:.160}"
                )
    return found


def test_the_views_cover_what_they_say(index):
    in_view = {q: int(index.mask(view_state(index, q)).sum()) for q in VIEWS}
    assert in_view["?actors="] == in_view["?actions="] == in_view["?date=2022-05-01&actors=UA"] == 0
    assert in_view[""] > in_view["?country=UA"] > 0  # border-region claims in the data
    assert index.russian_regions == ["RU-BEL", "RU-KRS"]
    assert in_view["?date=1999-01-01"] > 0 and in_view["?date=2030-01-01"] == in_view[""]
    # the said-by views narrow the claims, each to its own
    assert 0 < in_view["?said=Russian Defence Ministry"] < in_view[""]
    assert 0 < in_view["?said=not stated|Oleksiy Arestovych&actors=UA"] < in_view[""]
    assert in_view["?said=Somebody the data does not have"] == in_view[""]
    said = view_state(index, "?said=Russian Defence Ministry")
    assert "said by Russian Defence Ministry" in view_update(index, said).title


def test_view_js_under_node_gives_the_python_values_for_every_view(index):
    twins = run_twin(index, VIEWS)
    assert len(twins) == len(VIEWS)
    assert differences(index, twins, VIEWS) == []
    # the slider's label is the day in view
    assert twins[VIEWS.index("?date=2022-09-10")]["label"] == "10 Sep 2022"


def test_a_one_day_shift_of_the_window_in_view_js_alone_is_caught(index):
    source = VIEW_JS.read_text(encoding="utf-8")
    # the window's last day, in both map modes (countView, controlView): over this index's two years the claimed
    # control is the default mode, so the claims of the period are seen only where a view asks for them
    window_line = "last = s.day - c.first_day"
    assert source.count(window_line) == 2, "the window's lines in view.js (countView, controlView) moved"
    shifted = source.replace(window_line, window_line.replace("s.day - c.first_day", "s.day - c.first_day - 1"))
    found = differences(index, run_twin(index, VIEWS, shifted), VIEWS)
    assert found, "a window shifted by a day went unnoticed"
    assert any(":z:" in f or ":lon:" in f for f in found)


def test_the_said_by_filter_left_out_of_view_js_alone_is_caught(index):
    source = VIEW_JS.read_text(encoding="utf-8")
    said_line = "      if (saidOk && !saidOk[p.claimant[i]]) { continue; }\n"
    assert source.count(said_line) == 3, "the said-by lines in view.js (countView, controlView, fitExtent) moved"
    views = [q for q in VIEWS if "said=" in q]
    found = differences(index, run_twin(index, views, source.replace(said_line, "")), views)
    assert any(":z:" in f or ":lon:" in f for f in found), "a said-by filter the browser ignores went unnoticed"


def test_view_js_writes_a_claimant_s_name_into_the_query_as_python_does(index):
    """Names are text from articles: spaces, an apostrophe, an ampersand, brackets, a comma and a non-ASCII letter
    are written into the address bar as ViewState.to_query writes them, and escaped in the map's title."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: apt-get install nodejs")
    odd = "O'Brien & Sons (Kyiv, *Ukraïna*)!"
    columns = json.loads(json.dumps(browser_columns(index, BROWSER_IDS)))
    columns["claimant_names"] = sorted([*columns["claimant_names"], odd])
    columns["claimant"] = [columns["claimant_names"].index(index.claimant_names[k]) for k in columns["claimant"]]
    view = {**controls(index, "?mode=claims"), "said": [odd, "Russian Defence Ministry"]}
    done = subprocess.run(
        [node, str(HARNESS)],
        capture_output=True,
        text=True,
        timeout=60,
        input=json.dumps({"source": VIEW_JS.read_text(encoding="utf-8"), "columns": columns, "views": [view]}),
    )
    assert done.returncode == 0, done.stderr
    twin = json.loads(done.stdout)[0]
    state = replace(view_state(index, "?mode=claims"), said=(odd, "Russian Defence Ministry"))
    assert twin["query"] == state.to_query()
    assert ViewState.from_query(twin["query"]).said == state.said
    assert "O&#x27;Brien &amp; Sons" in twin["title"] and view_update(index, state).title == twin["title"]


def test_a_contest_on_the_contested_windows_boundary(index):
    """Who holds Kupiansk: Ukraine says it captured it on 10 Sep 2022, and here Russia says it captured it on the
    13th, 3 days later: contested with ``contested=3`` (at most 3 days apart), not with 2; view.js must agree on
    both sides of that boundary."""
    frame = index.frame
    russian = frame[frame["place_name"] == "Kupiansk"].iloc[[0]].copy()
    assert russian["actor"].iloc[0] == "UA" and russian["date_end"].iloc[0] == "2022-09-10"
    russian = russian.assign(
        actor="RU", action="captured", date_start="2022-09-13", date_end="2022-09-13", event_date="2022-09-13"
    )
    russian["id"] = int(frame["id"].max()) + 1
    if "event_key" in russian:
        russian["event_key"] = "contest on the boundary"
    import pandas as pd

    contest = EventSource.from_frame(pd.concat([frame, russian], ignore_index=True)).index()
    views = ["?mode=control&date=2022-09-13&contested=3", "?mode=control&date=2022-09-13&contested=2"]
    symbols = [python_values(contest, q)[f"{TRACE_MARKERS}:marker.symbol"] for q in views]
    assert symbols[0].count("circle-x") == symbols[1].count("circle-x") + 1  # the case is reached
    assert differences(contest, run_twin(contest, views), views) == []
