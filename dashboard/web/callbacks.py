"""The wiring: Dash callbacks, kept thin. Each is a plain function the tests can call.

Data flows one way: the URL sets the controls once (``restore_view``); the
controls redraw the map in the browser (``assets/view.js``, from the events
sent once with the page as compact columns, ``dashboard/render/columns.py``): no
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
import weakref
from urllib.parse import parse_qsl, urlencode

import flask
import numpy as np
import pandas as pd
from dash import ClientsideFunction, Input, Output, State, ctx, html, no_update
from dash.exceptions import PreventUpdate

from dashboard.dates import claim_date_label, day_iso, day_number
from dashboard.geo import is_oblast_code
from dashboard.query.control import DEFAULT_CONTESTED_DAYS, MAX_CONTESTED_DAYS, MODES, auto_mode, shown_mode
from dashboard.query.index import CLAIMANT_GROUPS, CLAIMANT_NOT_STATED, GAINS_LISTED, EventIndex, tally
from dashboard.query.state import DEFAULT_RECENT_DAYS, MAX_RECENT_DAYS, WINDOW_ALL, WINDOW_RECENT, ViewState
from dashboard.render.columns import browser_columns
from dashboard.render.figure import TRACE_MARKERS, TRACE_OBLASTS
from dashboard.render.words import map_summary
from dashboard.review.places import place_context
from dashboard.review.view import BANNERS, DESK, EDITING_EXTENSION, READER
from dashboard.schema import ACTIONS, ACTORS, is_web_url
from dashboard.vocabulary import ACTOR_NAMES
from dashboard.web.gains import gains_children
from dashboard.web.layout import BROWSER_IDS, Ids, month_marks
from dashboard.web.source import READ_ERRORS, EventSource

TABLE_ROW_LIMIT = 1000
# the slider's day numbers a page can send: from 1900 to 2199 (anything else is not a day of this timeline)
DAY_RANGE = (day_number("1900-01-01"), day_number("2199-12-31"))


class BadInput(ValueError):
    """A control value the page cannot have sent; the callback changes nothing."""


def _whole_number(value, low: int, high: int) -> int:
    if (
        isinstance(value, bool)
        or not isinstance(value, (int, float))
        or not math.isfinite(value)
        or value != int(value)
        or not low <= value <= high
    ):
        raise BadInput(f"not a whole number from {low} to {high}: {value!r}")
    return int(value)


def _choices(value, allowed) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise BadInput(f"not a list of texts: {value!r}")
    return tuple(a for a in allowed if a in value)


def state_from_controls(
    index: EventIndex,
    day,
    window,
    recent_days,
    actors,
    actions,
    confirmed,
    oblast,
    mode=None,
    contested=None,
    country=None,
    fit=None,
    said=None,
) -> ViewState:
    """Control values -> the view state; BadInput when one of them is not a value its control can have."""
    number = index.last_day if day is None else _whole_number(day, *DAY_RANGE)
    if window not in (WINDOW_ALL, WINDOW_RECENT):
        raise BadInput(f"unknown window: {window!r}")
    recent = DEFAULT_RECENT_DAYS if recent_days is None else _whole_number(recent_days, 1, MAX_RECENT_DAYS)
    if oblast is not None and not is_oblast_code(oblast):
        raise BadInput(f"not an oblast code: {oblast!r}")
    if mode is not None and mode not in MODES:
        raise BadInput(f"unknown map mode: {mode!r}")
    if country not in (None, "UA", "all"):
        raise BadInput(f"unknown country choice: {country!r}")
    days = DEFAULT_CONTESTED_DAYS if contested is None else _whole_number(contested, 1, MAX_CONTESTED_DAYS)
    return ViewState(
        day=day_iso(number),
        window=window,
        recent_days=recent,
        actors=_choices(actors, ACTORS),
        actions=_choices(actions, ACTIONS),
        confirmed_only=bool(_choices(confirmed, ["1"])),
        oblast=oblast,
        ukraine_only=country == "UA",
        contested_days=days,
        fit=fit is None or bool(_choices(fit, ["1"])),
        said=_choices(said, index.claimant_names),
        # the span's default mode is left out of the state (and the URL)
        mode=None if mode == auto_mode(index.first_day, index.last_day) else mode,
    )


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
    return (
        index.day_of(state),
        state.window,
        state.recent_days,
        list(state.actors),
        list(state.actions),
        ["1"] if state.confirmed_only else [],
        state.oblast,
        "page embed" if state.embed else "page",
        shown_mode(index, state),
        state.contested_days,
        "UA" if state.ukraine_only else "all",
        ["1"] if state.fit else [],
        *said_groups(index, state.said),
    )


def said_groups(index: EventIndex, said) -> list[list[str]]:
    """The "said by" checkboxes ticked, per group of claimants (Ukraine's, Russia's, others and unnamed)."""
    return [[n for n in index.claimant_groups[side] if n in said] for side, _ in CLAIMANT_GROUPS]


def new_data(index: EventIndex, page_version) -> tuple:
    """When the data changed since the page got its events: the new columns, their version, the slider's
    min, max and marks (the browser then redraws the map from them); else no change."""
    if page_version == index.version:
        return no_update, no_update, no_update, no_update, no_update
    return (
        _columns(index),
        index.version,
        index.first_day,
        index.last_day,
        month_marks(index.first_day, index.last_day),
    )


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


_RECORDS: weakref.WeakKeyDictionary[EventIndex, list[dict]] = weakref.WeakKeyDictionary()
_COLUMNS: weakref.WeakKeyDictionary[EventIndex, dict] = weakref.WeakKeyDictionary()


def _columns(index: EventIndex) -> dict:
    """The columns a page gets when the data changed since it got its own (``new_data``), built once per
    loaded index: after a write every open page asks for them once."""
    if index not in _COLUMNS:
        _COLUMNS[index] = browser_columns(index, BROWSER_IDS)
    return _COLUMNS[index]


def _records(index: EventIndex) -> list[dict]:
    """Table rows of every event, built once per loaded index."""
    if index in _RECORDS:
        return _RECORDS[index]
    records = []
    for r in index.frame.itertuples():
        status = "could not be confirmed" if r.confirmed == "no" else "not stated"
        if r.hedged:
            status += ", hedged"
        if getattr(r, "review_label", ""):  # the review state (dashboard.review.view)
            status += f"; review: {r.review_label}"
        records.append(
            {
                "id": str(r.id),
                "slot": int(index.slot[r.Index]),
                "event_date": r.event_date,
                "date_label": claim_date_label(r.date_start, r.date_end, r.date_precision),
                "actor": ACTOR_NAMES.get(r.actor, r.actor),
                "action": r.action,
                "place_name": r.place_label,  # the English name where it differs
                "oblast_name": r.oblast_name,
                "area_km2": None if pd.isna(r.area_km2) else float(r.area_km2),
                "settlements": None if pd.isna(r.settlements) else int(r.settlements),
                "attribution": r.attribution,
                "claimant": _claimant(r),
                "status": status,
                "outlet": r.outlet or "source",
                "url": r.url if is_web_url(r.url) else "",
                "sentence": r.sentence,
            }
        )
    _RECORDS[index] = records
    return records


def _claimant(row) -> str:
    """The canonical claimant of a table row ("not stated" for none; a frame from before claimants: as written)."""
    claimant = getattr(row, "claimant", None)
    if isinstance(claimant, str) and claimant:
        return claimant
    return CLAIMANT_NOT_STATED if hasattr(row, "claimant") else (row.attribution or CLAIMANT_NOT_STATED)


def tally_children(state: ViewState, index: EventIndex, limit: int = GAINS_LISTED) -> list:
    """The gains list (dashboard/web/gains.py): figures claimed without a place, by side, newest first."""
    return gains_children(tally(index, state, limit))


def banner_children(source: EventSource, search) -> tuple[list, bool]:
    """(children, hidden) of the review banner: the view's words, and for a signed-in editor (not in the embed)
    a link to the other view."""
    if len(source.views) < 2:
        return [], True
    view = page_view(source, search)
    parts = [html.Span(BANNERS[view], id="review-banner-text")]
    state = ViewState.from_query(search if isinstance(search, str) else None)
    editing = flask.current_app.extensions.get(EDITING_EXTENSION) if flask.has_request_context() else None
    if not state.embed and editing is not None and editing.editor() is not None:
        query = [(k, v) for k, v in parse_qsl((search or "").lstrip("?")) if k != "view"]
        if view == READER:
            query.append(("view", DESK))
        target = "?" + urlencode(query) if query else "?"
        parts += [
            " · ",
            html.A(
                "Switch to the desk view" if view == READER else "Switch to the reader's view",
                href=target,
                id="review-banner-switch",
            ),
        ]
    return parts, False


def _slot_place(index: EventIndex, slot: int) -> int | None:
    ids = index.frame["geonameid"].to_numpy(dtype=object)[index.slot == slot]
    ids = [i for i in ids if i is not None and not pd.isna(i)]
    return int(ids[0]) if ids else None


def place_of_click(index: EventIndex, click_data) -> int | None:
    """The GeoNames id of the marker a map click hit (None: the click was on an oblast or on nothing)."""
    points = click_data.get("points") if isinstance(click_data, dict) else None
    if not isinstance(points, list) or not points or not isinstance(points[0], dict):
        raise BadInput(f"not a map click: {click_data!r}")
    point = points[0]
    if point.get("curveNumber") != TRACE_MARKERS:
        return None
    lon, lat = point.get("lon"), point.get("lat")
    if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in (lon, lat)) or not len(index.slot_lon):
        raise BadInput(f"not a marker's position: {lon!r}, {lat!r}")
    distance = np.abs(index.slot_lon - lon) + np.abs(index.slot_lat - lat)
    slot = int(np.argmin(distance))
    return _slot_place(index, slot) if distance[slot] < 1e-3 else None


def place_of_row(index: EventIndex, rows) -> int | None:
    """The GeoNames id of the place of the table row selected (None: no row, or a claim with no point)."""
    if not rows:
        return None
    if not isinstance(rows, list) or not isinstance(rows[0], dict) or not isinstance(rows[0].get("slot"), int):
        raise BadInput(f"not a table row: {rows!r}"[:200])
    slot = rows[0]["slot"]
    return _slot_place(index, slot) if slot >= 0 else None


def place_panel_children(context: dict, prefix: str) -> tuple:
    """(heading, body, hidden) of the place panel: both sides' columns, contradictions marked, a link to the page."""
    heading = f"Claims about {context['name']}" + (f" ({context['oblast']})" if context["oblast"] else "")
    sides = context["sides"]
    rows = []
    for claim in context["claims"]:
        cells = [html.Th(claim["event_date"], scope="row")]
        for position, _ in enumerate(sides):
            if position != claim["column"]:
                cells.append(html.Td(""))
                continue
            parts = [html.Strong(claim["title"])]
            if claim["contradicted"]:
                parts += [
                    html.Br(),
                    html.Span(
                        f"Contradicted by the other side ({claim['contradicted_by']})", className="contradiction"
                    ),
                ]
            said = f"Said by: {claim.get('attribution') or 'not stated'}"
            if context["review_on"]:
                said += f" · review: {claim.get('review_state')}"
            parts += [
                html.Br(),
                said,
                html.Br(),
                f"“{claim['sentence']}” ",
                html.A(claim.get("outlet") or "source", href=claim["link"], rel="noopener noreferrer", target="_blank")
                if claim["link"]
                else (claim.get("outlet") or "source"),
            ]
            cells.append(html.Td(parts, className="contradicted" if claim["contradicted"] else ""))
        rows.append(html.Tr(cells))
    table = (
        html.Table(
            className="place-history",
            children=[
                html.Thead(
                    html.Tr(
                        [html.Th("Date", scope="col")] + [html.Th(f"{name}'s claims", scope="col") for _, name in sides]
                    )
                ),
                html.Tbody(rows),
            ],
        )
        if rows
        else html.P("No claims about this place in this view.")
    )
    body = [
        html.P(
            html.A(
                "Open the place's full claim history",
                href=f"{prefix}place/{context['geonameid']}",
                id="place-panel-link",
            )
        ),
        table,
    ]
    if context["contradicted"]:
        body.insert(
            0, html.P(f"{context['contradicted']} claim(s) contradicted by the other side.", className="contradiction")
        )
    return heading, body, False


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
    if not is_oblast_code(location):
        raise BadInput(f"not an oblast code: {location!r}")
    return None if location == current else location


# the controls a view is made of (the browser's and the server's callbacks read them)
CONTROLS = [
    Input(Ids.day, "value"),
    Input(Ids.window, "value"),
    Input(Ids.recent_days, "value"),
    Input(Ids.actors, "value"),
    Input(Ids.actions, "value"),
    Input(Ids.confirmed, "value"),
    Input(Ids.oblast, "data"),
    Input(Ids.mode, "value"),
    Input(Ids.contested_days, "value"),
    Input(Ids.country, "value"),
    Input(Ids.fit, "value"),
    Input(Ids.said, "data"),
]


def page_view(source: EventSource, search) -> str:
    """The review view this request may see: the desk's only for a signed-in editor (or one named by the
    trusted proxy); anyone else asking for ``?view=desk`` gets the reader's view."""
    view = source.view_of(search)
    if view == DESK:
        editing = flask.current_app.extensions.get(EDITING_EXTENSION) if flask.has_request_context() else None
        try:
            if editing is None or editing.editor() is None:
                return READER
        except READ_ERRORS:  # who is asking cannot be checked now: the reader's view
            return READER
    return view


def _restored_outputs() -> list[Output]:
    """What a view read from the URL sets (``restore_view``'s values, in order): the server's and the published
    page's restore write the same controls."""
    return [
        Output(Ids.day, "value"),
        Output(Ids.window, "value"),
        Output(Ids.recent_days, "value"),
        Output(Ids.actors, "value"),
        Output(Ids.actions, "value"),
        Output(Ids.confirmed, "value"),
        Output(Ids.oblast, "data"),
        Output(Ids.page, "className"),
        Output(Ids.mode, "value"),
        Output(Ids.contested_days, "value"),
        Output(Ids.country, "value"),
        Output(Ids.fit, "value"),
        *[Output(i, "value") for i in Ids.said_groups],
    ]


def register(app, source: EventSource) -> None:
    """The server's callbacks (URL, settled view, oblast clicks) and the browser's (``register_browser``)."""
    controls = CONTROLS
    source.on_rebuilt += [_records, _columns]  # built by the source's background rebuild, before readers ask

    @app.callback(
        *_restored_outputs(),
        Input(Ids.url, "search"),
    )
    @no_change_on_bad_input
    def _restore(search):
        return restore_view(search, source.index(page_view(source, search)))

    # the page's text follows the view once it settles (assets/view.js, settle): the table, the tally, the map in
    # words, the notice; and new events when the data changed since the page got its columns
    @app.callback(
        Output(Ids.table, "rowData"),
        Output(Ids.table_note, "children"),
        Output(Ids.oblast_chip, "children"),
        Output(Ids.notice, "children"),
        Output(Ids.notice, "hidden"),
        Output(Ids.tally, "children"),
        Output(Ids.summary, "children"),
        Output(Ids.events, "data"),
        Output(Ids.data_version, "data"),
        Output(Ids.day, "min"),
        Output(Ids.day, "max"),
        Output(Ids.day, "marks"),
        Input(Ids.settled, "data"),
        *[State(c.component_id, c.component_property) for c in controls],
        State(Ids.data_version, "data"),
        State(Ids.url, "search"),
    )
    @no_change_on_bad_input
    def _settled(
        _,
        day,
        window,
        recent,
        actors,
        actions,
        confirmed,
        oblast,
        mode,
        contested,
        country,
        fit,
        said,
        page_version,
        search=None,
    ):
        index = source.index(page_view(source, search))
        state = state_from_controls(
            index, day, window, recent, actors, actions, confirmed, oblast, mode, contested, country, fit, said
        )
        rows, note = table_rows(state, index)
        chip = (
            f"Table narrowed to {index.oblast_names[state.oblast]}."
            if state.oblast in index.oblast_names
            else "Click an oblast to narrow the table to it."
        )
        notice = source.notice()
        return (
            rows,
            note,
            chip,
            notice,
            not notice,
            tally_children(state, index),
            map_summary(index, state),
            *new_data(index, page_version),
        )

    @app.callback(
        Output(Ids.oblast, "data", allow_duplicate=True),
        Input(Ids.map, "clickData"),
        State(Ids.oblast, "data"),
        prevent_initial_call=True,
    )
    @no_change_on_bad_input
    def _click(click_data, current):
        return oblast_from_click(click_data, current)

    @app.callback(
        Output(Ids.oblast, "data", allow_duplicate=True), Input(Ids.clear_oblast, "n_clicks"), prevent_initial_call=True
    )
    def _clear(_):
        return None

    @app.callback(Output(Ids.banner, "children"), Output(Ids.banner, "hidden"), Input(Ids.url, "search"))
    def _banner(search):
        return banner_children(source, search)

    @app.callback(
        Output(Ids.place_heading, "children"),
        Output(Ids.place_body, "children"),
        Output(Ids.place_panel, "hidden"),
        Input(Ids.map, "clickData"),
        Input(Ids.table, "selectedRows"),
        Input(Ids.close_place, "n_clicks"),
        State(Ids.url, "search"),
        prevent_initial_call=True,
    )
    @no_change_on_bad_input
    def _place(click_data, selected_rows, _close, search):
        if ctx.triggered_id == Ids.close_place:
            return "", [], True
        view = page_view(source, search)
        index = source.index(view)
        geonameid = (
            place_of_click(index, click_data) if ctx.triggered_id == Ids.map else place_of_row(index, selected_rows)
        )
        if geonameid is None:
            return no_update, no_update, no_update
        prefix = app.config.url_base_pathname or "/"
        return place_panel_children(place_context(index.frame, geonameid, view, is_web_url), prefix)

    register_browser(app)


def register_browser(app, static: bool = False) -> None:
    """The callbacks that run in the browser: all a reader needs to scrub, play and filter the map (the static
    publish, ``dashboard.publish``, has these alone)."""
    controls = CONTROLS
    app.clientside_callback(
        ClientsideFunction("conflictView", "drawView"),
        Output(Ids.day_label, "children"),
        Output(Ids.query, "data"),
        *controls,
        # the columns as State (the renderer handles the small version as the Input)
        # the published page has no grid to select in: its table is a plain one
        Input(Ids.table, "data" if static else "selectedRows"),
        Input(Ids.data_version, "data"),
        State(Ids.events, "data"),
        State(Ids.url, "search"),
    )
    app.clientside_callback(
        ClientsideFunction("conflictView", "settle"),
        Output(Ids.settled, "data"),
        *controls,
        Input(Ids.tick, "disabled"),
    )
    # the "said by" filter: the claimants ticked in its three groups, as one value
    app.clientside_callback(
        ClientsideFunction("conflictView", "mergeSaid"),
        Output(Ids.said, "data"),
        *[Input(i, "value") for i in Ids.said_groups],
    )
    app.clientside_callback(
        ClientsideFunction("conflictMap", "writeQuery"), Output(Ids.query_written, "data"), Input(Ids.query, "data")
    )
    app.clientside_callback(
        ClientsideFunction("conflictMap", "togglePlay"),
        Output(Ids.tick, "disabled"),
        Output(Ids.play, "children"),
        Output(Ids.play, "className"),
        Output(Ids.day, "value", allow_duplicate=True),
        Input(Ids.play, "n_clicks"),
        State(Ids.tick, "disabled"),
        State(Ids.day, "value"),
        State(Ids.day, "min"),
        State(Ids.day, "max"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("conflictMap", "step"),
        Output(Ids.day, "value", allow_duplicate=True),
        Output(Ids.tick, "disabled", allow_duplicate=True),
        Output(Ids.play, "children", allow_duplicate=True),
        Output(Ids.play, "className", allow_duplicate=True),
        Input(Ids.tick, "n_intervals"),
        State(Ids.day, "value"),
        State(Ids.day, "max"),
        prevent_initial_call=True,
    )
    # the live region speaks the summary once the view settles: after a slider move, or when play stops
    app.clientside_callback(
        ClientsideFunction("conflictMap", "announce"),
        Output(Ids.announce, "children"),
        Input(Ids.summary, "children"),
        Input(Ids.tick, "disabled"),
    )
    app.clientside_callback(
        ClientsideFunction("conflictMap", "downloadPng"),
        Output(Ids.downloaded, "data"),
        Input(Ids.download, "n_clicks"),
        State(Ids.day_label, "children"),
        State(Ids.summary, "children"),
        prevent_initial_call=True,
    )


def register_static(app) -> None:
    """The published page (no server): the view read from its URL in the browser (assets/static_page.js, the
    twin of ``restore_view``), then the browser's callbacks."""
    app.clientside_callback(
        ClientsideFunction("conflictStatic", "restore"),
        *_restored_outputs(),
        Input(Ids.url, "search"),
        State(Ids.events, "data"),
        State(Ids.page, "className"),
    )
    register_browser(app, static=True)
