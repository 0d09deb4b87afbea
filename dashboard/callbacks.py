"""The wiring: Dash callbacks, kept thin. Each is a plain function the tests can call.

Data flows one way: the URL sets the controls once (``restore_view``); the
controls redraw the map in the browser (``assets/view.js``, from the events
sent once with the page as compact columns, ``dashboard/columns.py``): no
round trip per slider step or play tick. Once the view settles (the slider
rests, play stops) one server callback answers the table rows, the tally and
the map in words (``_settled``), and new events when the data changed. The
state is written back to the address bar with ``history.replaceState`` (so
moving the slider does not fill the history).

Values from the browser are input from anyone: ``state_from_controls`` and
the click and row checks raise ``BadInput`` for a value the page cannot
send (a day in the year 30,000, a text for a number, a list for an oblast),
and the callback answers "no change" (Dash's 204), not a server error.
"""
from __future__ import annotations

import functools
import math
import re
import weakref
from urllib.parse import urlsplit

import flask
import numpy as np
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, html, no_update
from dash.exceptions import PreventUpdate

from dashboard.columns import browser_columns
from dashboard.data import READ_ERRORS, EventSource
from dashboard.dates import claim_date_label
from dashboard.figures import ACTOR_NAMES, GAINS_LISTED, TRACE_OBLASTS, EventIndex, day_iso, day_number, tally
from dashboard.layout import Ids, month_marks
from dashboard.review.view import DESK, EDITING_EXTENSION, READER
from dashboard.schema import ACTIONS, ACTORS
from dashboard.state import DEFAULT_RECENT_DAYS, MAX_RECENT_DAYS, WINDOW_ALL, WINDOW_RECENT, ViewState
from dashboard.summary import map_summary

TABLE_ROW_LIMIT = 1000
# the slider's day numbers a page can send: from 1900 to 2199 (anything else is not a day of this timeline)
DAY_RANGE = (day_number("1900-01-01"), day_number("2199-12-31"))
_OBLAST = re.compile(r"^UA-\d{2}$")


class BadInput(ValueError):
    """A control value the page cannot have sent; the callback changes nothing."""


def _whole_number(value, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or value != int(value) or not low <= value <= high:
        raise BadInput(f"not a whole number from {low} to {high}: {value!r}")
    return int(value)


def _choices(value, allowed) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"not a list of texts: {value!r}")
    return tuple(a for a in allowed if a in value)


def state_from_controls(index: EventIndex, day, window, recent_days, actors, actions, confirmed,
                        oblast) -> ViewState:
    """Control values -> the view state; BadInput when one of them is not a value its control can have."""
    number = index.last_day if day is None else _whole_number(day, *DAY_RANGE)
    if window not in (WINDOW_ALL, WINDOW_RECENT):
        raise BadInput(f"unknown window: {window!r}")
    recent = DEFAULT_RECENT_DAYS if recent_days is None else _whole_number(recent_days, 1, MAX_RECENT_DAYS)
    if oblast is not None and not (isinstance(oblast, str) and _OBLAST.match(oblast)):
        raise BadInput(f"not an oblast code: {oblast!r}")
    return ViewState(day=day_iso(number), window=window, recent_days=recent, actors=_choices(actors, ACTORS),
                     actions=_choices(actions, ACTIONS), confirmed_only=bool(_choices(confirmed, ["1"])),
                     oblast=oblast)


def no_change_on_bad_input(callback):
    """A callback that answers a value the page cannot send with no change (HTTP 204) instead of an error."""
    @functools.wraps(callback)
    def guarded(*args):
        try:
            return callback(*args)
        except BadInput:
            raise PreventUpdate from None
    return guarded


def restore_view(search: str, index: EventIndex):
    """URL query -> control values (runs when the page opens or the address changes)."""
    if search is not None and not isinstance(search, str):
        raise BadInput(f"not a query string: {search!r}")
    state = ViewState.from_query(search)
    return (index.day_of(state), state.window, state.recent_days, list(state.actors), list(state.actions),
            ["1"] if state.confirmed_only else [], state.oblast, "page embed" if state.embed else "page")


def new_data(index: EventIndex, page_version) -> tuple:
    """When the data changed since the page got its events: the new columns, their version, the slider's
    min, max and marks (the browser then redraws the map from them); else no change."""
    if page_version == index.version:
        return no_update, no_update, no_update, no_update, no_update
    return (browser_columns(index), index.version, index.first_day, index.last_day,
            month_marks(index.first_day, index.last_day))


def table_rows(state: ViewState, index: EventIndex) -> tuple[list[dict], str]:
    """Rows of the claims in view (narrowed to the selected oblast), newest first, at most TABLE_ROW_LIMIT."""
    rows = np.flatnonzero(index.mask(state, with_oblast=True))[::-1]
    total = rows.size
    every_record = _records(index)
    records = [every_record[i] for i in rows[:TABLE_ROW_LIMIT].tolist()]
    where = f" in {index.oblast_names[state.oblast]}" if state.oblast in index.oblast_names else ""
    note = f"{total:,} claims in view{where}"
    if total > TABLE_ROW_LIMIT:
        note += f"; the newest {TABLE_ROW_LIMIT:,} are listed, narrow the view to see others"
    return records, note + "."


_RECORDS: "weakref.WeakKeyDictionary[EventIndex, list[dict]]" = weakref.WeakKeyDictionary()


def _records(index: EventIndex) -> list[dict]:
    """Table rows of every event, built once per loaded index."""
    if index in _RECORDS:
        return _RECORDS[index]
    records = []
    for r in index.frame.itertuples():
        status = "could not be confirmed" if r.confirmed == "no" else "not stated"
        if r.hedged:
            status += ", hedged"
        if getattr(r, "review_label", ""):   # the review state (dashboard.review.view)
            status += f"; review: {r.review_label}"
        records.append({
            "id": str(r.id), "slot": int(index.slot[r.Index]), "event_date": r.event_date,
            "date_label": claim_date_label(r.date_start, r.date_end, r.date_precision),
            "actor": ACTOR_NAMES.get(r.actor, r.actor),
            "action": r.action, "place_name": r.place_name, "oblast_name": r.oblast_name,
            "area_km2": None if pd.isna(r.area_km2) else float(r.area_km2),
            "settlements": None if pd.isna(r.settlements) else int(r.settlements),
            "attribution": r.attribution, "status": status, "outlet": r.outlet or "source",
            "url": r.url if is_web_url(r.url) else "", "sentence": r.sentence,
        })
    _RECORDS[index] = records
    return records


def is_web_url(url: str) -> bool:
    """An absolute http(s) URL with a host and no spaces or control characters: the only links the table makes."""
    if not isinstance(url, str) or not url or any(c.isspace() or ord(c) < 32 or ord(c) == 127 for c in url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)


def tally_children(state: ViewState, index: EventIndex, limit: int = GAINS_LISTED) -> list:
    result = tally(index, state, limit)
    if not result.rows:
        items = [html.P("No area or settlement claims in view.")]
    else:
        items = [html.P("As claimed; figures overlap, so they are listed, not added up.", className="hint"),
                 html.Ul([html.Li(f"{ACTOR_NAMES[r['actor']]}: {r['amount']} · {r['date']} · {r['attribution']}"
                                  + (" (could not be confirmed)" if r["confirmed"] == "no" else ""))
                          for r in result.rows])]
        if result.more:
            items.append(html.P(f"… and {result.more:,} older gain claim(s) in view, listed in the table.",
                                className="hint"))
    if result.oblast_only:
        items.append(html.P(f"{result.oblast_only} claim(s) in view are placed only at oblast level (a whole "
                            "region, or a village missing from the gazetteer): they count in their oblast's "
                            "colour and are listed in the table, with no marker.", className="hint"))
    return items


def oblast_from_click(click_data, current):
    """Clicking an oblast narrows the table to it; clicking it again widens it."""
    if not click_data:
        return no_update
    points = click_data.get("points") if isinstance(click_data, dict) else None
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        raise BadInput(f"not a map click: {click_data!r}")
    point = points[0]
    if point.get("curveNumber") != TRACE_OBLASTS:
        return no_update
    location = point.get("location")
    if not (isinstance(location, str) and _OBLAST.match(location)):
        raise BadInput(f"not an oblast code: {location!r}")
    return None if location == current else location


# the controls a view is made of (the browser's and the server's callbacks read them)
CONTROLS = [Input(Ids.day, "value"), Input(Ids.window, "value"), Input(Ids.recent_days, "value"),
            Input(Ids.actors, "value"), Input(Ids.actions, "value"), Input(Ids.confirmed, "value"),
            Input(Ids.oblast, "data")]


def page_view(source: EventSource, search) -> str:
    """The review view this request may see: the desk's only for a signed-in editor (or one named by the
    trusted proxy); anyone else asking for ``?view=desk`` gets the reader's view."""
    view = source.view_of(search)
    if view == DESK:
        editing = flask.current_app.extensions.get(EDITING_EXTENSION) if flask.has_request_context() else None
        try:
            if editing is None or editing.editor() is None:
                return READER
        except READ_ERRORS:   # who is asking cannot be checked now: the reader's view
            return READER
    return view


def register(app, source: EventSource) -> None:
    """The server's callbacks (URL, settled view, oblast clicks) and the browser's (``register_browser``)."""
    controls = CONTROLS

    @app.callback(
        Output(Ids.day, "value"), Output(Ids.window, "value"), Output(Ids.recent_days, "value"),
        Output(Ids.actors, "value"), Output(Ids.actions, "value"), Output(Ids.confirmed, "value"),
        Output(Ids.oblast, "data"), Output(Ids.page, "className"),
        Input(Ids.url, "search"))
    @no_change_on_bad_input
    def _restore(search):
        return restore_view(search, source.index(page_view(source, search)))

    # the page's text follows the view once it settles (assets/view.js, settle): the table, the tally, the map in
    # words, the notice; and new events when the data changed since the page got its columns
    @app.callback(Output(Ids.table, "rowData"), Output(Ids.table_note, "children"),
                  Output(Ids.oblast_chip, "children"), Output(Ids.notice, "children"),
                  Output(Ids.notice, "hidden"), Output(Ids.tally, "children"), Output(Ids.summary, "children"),
                  Output(Ids.events, "data"), Output(Ids.data_version, "data"), Output(Ids.day, "min"),
                  Output(Ids.day, "max"), Output(Ids.day, "marks"),
                  Input(Ids.settled, "data"), *[State(c.component_id, c.component_property) for c in controls],
                  State(Ids.data_version, "data"), State(Ids.url, "search"))
    @no_change_on_bad_input
    def _settled(_, day, window, recent, actors, actions, confirmed, oblast, page_version, search=None):
        index = source.index(page_view(source, search))
        state = state_from_controls(index, day, window, recent, actors, actions, confirmed, oblast)
        rows, note = table_rows(state, index)
        chip = (f"Table narrowed to {index.oblast_names[state.oblast]}."
                if state.oblast in index.oblast_names else "Click an oblast to narrow the table to it.")
        notice = source.notice()
        return (rows, note, chip, notice, not notice, tally_children(state, index), map_summary(index, state),
                *new_data(index, page_version))

    @app.callback(Output(Ids.oblast, "data", allow_duplicate=True), Input(Ids.map, "clickData"),
                  State(Ids.oblast, "data"), prevent_initial_call=True)
    @no_change_on_bad_input
    def _click(click_data, current):
        return oblast_from_click(click_data, current)

    @app.callback(Output(Ids.oblast, "data", allow_duplicate=True), Input(Ids.clear_oblast, "n_clicks"),
                  prevent_initial_call=True)
    def _clear(_):
        return None

    register_browser(app)


def register_browser(app) -> None:
    """The callbacks that run in the browser: all a reader needs to scrub, play and filter the map (the static
    publish, ``dashboard.publish``, has these alone)."""
    controls = CONTROLS
    app.clientside_callback(ClientsideFunction("conflictView", "drawView"),
                            Output(Ids.day_label, "children"), Output(Ids.query, "data"), *controls,
                            # the columns as State (the renderer handles the small version as the Input)
                            Input(Ids.table, "selectedRows"), Input(Ids.data_version, "data"),
                            State(Ids.events, "data"), State(Ids.url, "search"))
    app.clientside_callback(ClientsideFunction("conflictView", "settle"),
                            Output(Ids.settled, "data"), *controls, Input(Ids.tick, "disabled"))
    app.clientside_callback(ClientsideFunction("conflictMap", "writeQuery"),
                            Output(Ids.query_written, "data"), Input(Ids.query, "data"))
    app.clientside_callback(ClientsideFunction("conflictMap", "togglePlay"),
                            Output(Ids.tick, "disabled"), Output(Ids.play, "children"),
                            Output(Ids.play, "className"), Output(Ids.day, "value", allow_duplicate=True),
                            Input(Ids.play, "n_clicks"), State(Ids.tick, "disabled"), State(Ids.day, "value"),
                            State(Ids.day, "min"), State(Ids.day, "max"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("conflictMap", "step"),
                            Output(Ids.day, "value", allow_duplicate=True),
                            Output(Ids.tick, "disabled", allow_duplicate=True),
                            Output(Ids.play, "children", allow_duplicate=True),
                            Output(Ids.play, "className", allow_duplicate=True),
                            Input(Ids.tick, "n_intervals"), State(Ids.day, "value"), State(Ids.day, "max"),
                            prevent_initial_call=True)
    # the live region speaks the summary once the view settles: after a slider move, or when play stops
    app.clientside_callback(ClientsideFunction("conflictMap", "announce"),
                            Output(Ids.announce, "children"), Input(Ids.summary, "children"),
                            Input(Ids.tick, "disabled"))
    app.clientside_callback(ClientsideFunction("conflictMap", "downloadPng"),
                            Output(Ids.downloaded, "data"), Input(Ids.download, "n_clicks"),
                            State(Ids.day_label, "children"), State(Ids.summary, "children"),
                            prevent_initial_call=True)
