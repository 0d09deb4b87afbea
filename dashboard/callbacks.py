"""The wiring: Dash callbacks, kept thin. Each is a plain function the tests can call.

Data flows one way: the URL sets the controls once (``restore_view``), the
controls make a ``ViewState``, the state makes the map update (sent as a
``Patch``: the oblast geometry travels once, with the page), the table rows
and the tally, and the state is written back to the address bar with
``history.replaceState`` (so moving the slider does not fill the history).
"""
from __future__ import annotations

import re
import weakref
from datetime import date

import numpy as np
import pandas as pd
from dash import ClientsideFunction, Input, Output, Patch, State, html, no_update

from dashboard.data import EventSource
from dashboard.figures import (ACTOR_NAMES, TRACE_HIGHLIGHT, TRACE_MARKERS, TRACE_OBLASTS, EventIndex, day_iso,
                               highlight, marker_fields, marker_state, oblast_view, tally, view_title)
from dashboard.layout import Ids
from dashboard.schema import ACTIONS, ACTORS
from dashboard.state import WINDOW_ALL, WINDOW_RECENT, ViewState

TABLE_ROW_LIMIT = 1000
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)


def state_from_controls(index: EventIndex, day_offset, window, recent_days, actors, actions, confirmed,
                        oblast) -> ViewState:
    offset = int(day_offset) if day_offset is not None else index.last_day - index.first_day
    return ViewState(
        day=day_iso(index.first_day + offset), window=window if window in (WINDOW_ALL, WINDOW_RECENT) else WINDOW_ALL,
        recent_days=int(recent_days) if recent_days and int(recent_days) > 0 else 7,
        actors=tuple(a for a in ACTORS if a in (actors or [])),
        actions=tuple(a for a in ACTIONS if a in (actions or [])),
        confirmed_only=bool(confirmed), oblast=oblast or None)


def day_label(day: int) -> str:
    return f"{date.fromisoformat(day_iso(day)):%-d %b %Y}"


def restore_view(search: str, index: EventIndex):
    """URL query -> control values (runs when the page opens or the address changes)."""
    state = ViewState.from_query(search)
    offset = index.day_of(state) - index.first_day
    return (offset, state.window, state.recent_days, list(state.actors), list(state.actions),
            ["1"] if state.confirmed_only else [], state.oblast, "page embed" if state.embed else "page")


# Patch single marker slots while fewer than this share of them changed; else resend whole arrays.
SPARSE_PATCH_SHARE = 0.25
_MARKER_PATHS = {"lon": ("lon",), "hovertext": ("hovertext",), "color": ("marker", "color"),
                 "symbol": ("marker", "symbol"), "size": ("marker", "size"), "line": ("marker", "line", "color")}


def update_map(state: ViewState, index: EventIndex, selected_event: int | None,
               drawn: dict | None = None) -> tuple[dict, int, dict]:
    """View state -> a Patch of the figure (never the geometry), the day shown, and what is now drawn.

    ``drawn`` says which view the browser's figure shows ({"query", "version"}). When it is a view
    of the same data, only the marker slots that differ are sent; otherwise whole arrays.
    """
    keep = index.mask(state)
    oblasts = oblast_view(index, state, keep)
    patch = Patch()
    patch["data"][TRACE_OBLASTS]["z"] = oblasts.z
    patch["data"][TRACE_OBLASTS]["hovertext"] = oblasts.hover
    patch["data"][TRACE_OBLASTS]["marker"]["line"]["width"] = oblasts.line_width
    new = marker_state(index, state, keep)
    same_data = bool(drawn) and drawn.get("version") == index.version
    changed = None
    if same_data:
        old = marker_state(index, ViewState.from_query(drawn.get("query", "")))
        changed = np.flatnonzero((new.latest != old.latest) | (new.counts != old.counts))
    markers = patch["data"][TRACE_MARKERS]
    if changed is not None and changed.size <= SPARSE_PATCH_SHARE * index.n_slots:
        fields = marker_fields(index, new, changed)
        for name, path in _MARKER_PATHS.items():
            for position, slot in enumerate(changed.tolist()):
                target = markers
                for key in path[:-1]:
                    target = target[key]
                target[path[-1]][slot] = fields[name][position]
    else:
        fields = marker_fields(index, new, np.arange(index.n_slots))
        if not same_data:
            markers["lat"] = index.slot_lat.tolist()
        for name, path in _MARKER_PATHS.items():
            target = markers
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = fields[name]
    highlight_lon, highlight_lat = highlight(index, selected_event)
    patch["data"][TRACE_HIGHLIGHT]["lon"] = highlight_lon
    patch["data"][TRACE_HIGHLIGHT]["lat"] = highlight_lat
    patch["layout"]["title"]["text"] = view_title(index, state)
    # sent as the plain JSON form of the Patch: Dash then serialises the response with orjson's fast path
    # instead of walking a Python object (the browser receives the same operations either way)
    return patch.to_plotly_json(), index.day_of(state), {"query": state.to_query(), "version": index.version}


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
        outlet = (r.outlet or "source").replace("[", "(").replace("]", ")")
        link = f"[{outlet}]({r.url})" if r.url and _SAFE_URL.match(r.url) else outlet
        records.append({
            "id": str(r.id), "event_date": r.event_date, "actor": ACTOR_NAMES.get(r.actor, r.actor),
            "action": r.action, "place_name": r.place_name, "oblast_name": r.oblast_name,
            "area_km2": None if pd.isna(r.area_km2) else float(r.area_km2),
            "settlements": None if pd.isna(r.settlements) else int(r.settlements),
            "attribution": r.attribution, "status": status, "outlet_link": link, "sentence": r.sentence,
        })
    _RECORDS[index] = records
    return records


def tally_children(state: ViewState, index: EventIndex) -> list:
    result = tally(index, state)
    if not result.rows:
        items = [html.P("No area or settlement claims in view.")]
    else:
        items = [html.P("As claimed; figures overlap, so they are listed, not added up.", className="hint"),
                 html.Ul([html.Li(f"{ACTOR_NAMES[r['actor']]}: {r['amount']} · {r['date']} · {r['attribution']}"
                                  + (" (could not be confirmed)" if r["confirmed"] == "no" else ""))
                          for r in result.rows])]
    if result.oblast_only:
        items.append(html.P(f"{result.oblast_only} claim(s) in view are placed only at oblast level (a whole "
                            "region, or a village missing from the gazetteer): they count in their oblast's "
                            "colour and are listed in the table, with no marker.", className="hint"))
    return items


def oblast_from_click(click_data, current):
    """Clicking an oblast narrows the table to it; clicking it again widens it."""
    if not click_data or not click_data.get("points"):
        return no_update
    point = click_data["points"][0]
    if point.get("curveNumber") != TRACE_OBLASTS:
        return no_update
    location = point.get("location")
    return None if location == current else location


def register(app, source: EventSource) -> None:
    controls = [Input(Ids.day, "value"), Input(Ids.window, "value"), Input(Ids.recent_days, "value"),
                Input(Ids.actors, "value"), Input(Ids.actions, "value"), Input(Ids.confirmed, "value"),
                Input(Ids.oblast, "data")]

    @app.callback(
        Output(Ids.day, "value"), Output(Ids.window, "value"), Output(Ids.recent_days, "value"),
        Output(Ids.actors, "value"), Output(Ids.actions, "value"), Output(Ids.confirmed, "value"),
        Output(Ids.oblast, "data"), Output(Ids.page, "className"),
        Input(Ids.url, "search"))
    def _restore(search):
        return restore_view(search, source.index())

    @app.callback(Output(Ids.map, "figure"), Output(Ids.day_label, "children"), Output(Ids.query, "data"),
                  Output(Ids.drawn, "data"), *controls, Input(Ids.table, "selectedRows"),
                  State(Ids.url, "search"), State(Ids.drawn, "data"))
    def _map(day, window, recent, actors, actions, confirmed, oblast, selected_rows, search, drawn):
        index = source.index()
        state = state_from_controls(index, day, window, recent, actors, actions, confirmed, oblast)
        selected = int(selected_rows[0]["id"]) if selected_rows else None
        patch, shown_day, now_drawn = update_map(state, index, selected, drawn)
        embed = ViewState.from_query(search).embed
        query = ViewState(**{**state.__dict__, "embed": embed}).to_query()
        return patch, day_label(shown_day), query, now_drawn

    @app.callback(Output(Ids.table, "rowData"), Output(Ids.table_note, "children"),
                  Output(Ids.oblast_chip, "children"), *controls)
    def _table(day, window, recent, actors, actions, confirmed, oblast):
        index = source.index()
        state = state_from_controls(index, day, window, recent, actors, actions, confirmed, oblast)
        rows, note = table_rows(state, index)
        chip = (f"Table narrowed to {index.oblast_names[state.oblast]}."
                if state.oblast in index.oblast_names else "Click an oblast to narrow the table to it.")
        return rows, note, chip

    @app.callback(Output(Ids.tally, "children"), *controls[:-1])
    def _tally(day, window, recent, actors, actions, confirmed):
        index = source.index()
        return tally_children(state_from_controls(index, day, window, recent, actors, actions, confirmed, None),
                              index)

    @app.callback(Output(Ids.oblast, "data", allow_duplicate=True), Input(Ids.map, "clickData"),
                  State(Ids.oblast, "data"), prevent_initial_call=True)
    def _click(click_data, current):
        return oblast_from_click(click_data, current)

    @app.callback(Output(Ids.oblast, "data", allow_duplicate=True), Input(Ids.clear_oblast, "n_clicks"),
                  prevent_initial_call=True)
    def _clear(_):
        return None

    app.clientside_callback(ClientsideFunction("conflictMap", "writeQuery"),
                            Output(Ids.query_written, "data"), Input(Ids.query, "data"))
    app.clientside_callback(ClientsideFunction("conflictMap", "togglePlay"),
                            Output(Ids.tick, "disabled"), Output(Ids.play, "children"),
                            Output(Ids.day, "value", allow_duplicate=True),
                            Input(Ids.play, "n_clicks"), State(Ids.tick, "disabled"), State(Ids.day, "value"),
                            State(Ids.day, "max"), prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("conflictMap", "step"),
                            Output(Ids.day, "value", allow_duplicate=True),
                            Output(Ids.tick, "disabled", allow_duplicate=True),
                            Output(Ids.play, "children", allow_duplicate=True),
                            Input(Ids.tick, "n_intervals"), State(Ids.day, "value"), State(Ids.day, "max"),
                            prevent_initial_call=True)
    app.clientside_callback(ClientsideFunction("conflictMap", "downloadPng"),
                            Output(Ids.downloaded, "data"), Input(Ids.download, "n_clicks"),
                            State(Ids.day_label, "children"), prevent_initial_call=True)
