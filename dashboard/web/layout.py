"""The page: Dash components and their ids. No callbacks here, no data parsing.

Ids are constants of ``Ids`` so that callbacks and browser tests name the
same things.

Accessibility (issue 14, WCAG 2.1 AA): every control has a visible label or
legend that is also its accessible name; the map is a figure described by
its text view ("The map in words", ``dashboard/render/words.py``), which a
polite live region announces when the view settles; the tab order follows
the reading order (map, timeline, window, download, filters, table). What
Dash's own controls lack (names for the slider, checkbox groups that are not
listboxes) is added in the browser by ``assets/aria_repairs.js``.
"""

from __future__ import annotations

from datetime import date

import dash_ag_grid as dag
from dash import dcc, html

from dashboard.dates import day_iso
from dashboard.geo import ATTRIBUTION
from dashboard.query.control import (
    DEFAULT_CONTESTED_DAYS,
    MAX_CONTESTED_DAYS,
    MODE_CLAIMS,
    MODE_CONTROL,
    auto_mode,
    shown_mode,
)
from dashboard.query.index import CLAIMANT_GROUPS, EventIndex
from dashboard.query.state import DEFAULT_RECENT_DAYS, WINDOW_ALL, WINDOW_RECENT, ViewState
from dashboard.render.columns import browser_columns, packed_columns
from dashboard.render.control_map import CONTROL_TICKS
from dashboard.render.figure import CONTROL_LEGEND, TRACE_MARKERS, map_figure
from dashboard.render.palette import COLOURSCALE
from dashboard.render.words import map_summary
from dashboard.schema import ACTIONS, ACTORS
from dashboard.vocabulary import ACTION_GLYPHS, ACTOR_COLOURS, ACTOR_NAMES


class Ids:
    url = "url"
    page = "page"
    map = "map"
    day = "day"
    day_label = "day-label"
    play = "play"
    tick = "tick"
    window = "window"
    recent_days = "recent-days"
    actors = "actors"
    actions = "actions"
    confirmed = "confirmed"
    oblast = "oblast"
    oblast_chip = "oblast-chip"
    clear_oblast = "clear-oblast"
    tally = "tally"
    table = "table"
    table_note = "table-note"
    query = "query"
    query_written = "query-written"
    events = "events"  # the events as compact columns (dashboard/render/columns.py), for assets/view.js
    data_version = "data-version"  # the version of those events: the server sends new ones when it differs
    settled = "settled"  # counts the times the view came to rest: the table and text follow it
    download = "download-png"
    downloaded = "download-done"
    notice = "data-notice"  # says when the database cannot be read and older data is shown
    summary = "map-summary"  # the map in words (always current)
    mode = "mode"  # the map mode: who claims to hold each place, or the claims in a period
    contested_days = "contested-days"  # claimed control: the sides' claims this many days apart disagree
    country = "country"  # Ukraine only, or with Russia's border regions
    fit = "fit"  # the map fitted to the claims in view, or the whole country
    timeline_announce = "timeline-announce"  # polite live region: the window set on the bars (assets/timeline.js)
    announce = "map-announce"  # polite live region: the summary once the view settles (not while playing)
    place_panel = "place-panel"  # both sides' claims about the place of a selected marker or table row
    place_heading = "place-panel-title"
    place_body = "place-panel-body"
    close_place = "place-panel-close"
    banner = "review-banner"  # with review on: which claims the page shows (reader's or desk's view)
    said = "said"  # who said it: the canonical claimants in view (none: anyone)
    said_groups = ("said-UA", "said-RU", "said-other")  # its checkboxes, one group per side (CLAIMANT_GROUPS)


# the element ids assets/view.js looks for, sent with the events (dashboard.render.columns)
BROWSER_IDS = {"map": Ids.map, "day": Ids.day, "settled": Ids.settled}


TABLE_COLUMNS = [
    # sorted and filtered by the ISO date; shown as "12 Sep 2022", "1–12 Sep 2022", "May 2022"
    {
        "field": "event_date",
        "headerName": "Date",
        "width": 118,
        "sort": "desc",
        "cellDataType": "text",
        "cellRenderer": "ClaimDate",
    },
    {"field": "actor", "headerName": "Actor", "width": 96},
    {"field": "action", "headerName": "Action", "width": 100},
    {"field": "place_name", "headerName": "Place", "width": 135},
    {"field": "oblast_name", "headerName": "Oblast", "width": 125},
    {
        "field": "sentence",
        "headerName": "Source sentence",
        "flex": 1,
        "minWidth": 360,
        "wrapText": True,
        "autoHeight": True,
        "cellStyle": {"lineHeight": "1.35", "paddingTop": "6px", "paddingBottom": "6px"},
    },
    {"field": "area_km2", "headerName": "Area km²", "width": 100, "filter": "agNumberColumnFilter"},
    {"field": "settlements", "headerName": "Settlements", "width": 112, "filter": "agNumberColumnFilter"},
    # the canonical claimant (issue 22, item 4); the attribution as written is its title on hover
    {
        "field": "claimant",
        "headerName": "Said by",
        "width": 170,
        "wrapText": True,
        "autoHeight": True,
        "cellRenderer": "Claimant",
        "cellDataType": "text",
    },
    {"field": "status", "headerName": "Confirmed", "width": 140, "wrapText": True, "autoHeight": True},
    # a link built from the outlet's name and URL as data (assets/dashAgGridComponentFunctions.js), never markup
    {
        "field": "outlet",
        "headerName": "Outlet",
        "width": 150,
        "cellRenderer": "OutletLink",
        "cellDataType": "text",
        "wrapText": True,
        "autoHeight": True,
    },
]


def month_marks(first_day: int, last_day: int) -> dict:
    """Slider marks on the first of each month (with the year on the first mark and on January).

    The slider's values are day numbers (days since 1970-01-01), not offsets from the first event: a
    position keeps meaning the same day when older articles are loaded while a page is open.
    """
    marks = {}
    for number in range(first_day, last_day + 1):
        day = date.fromisoformat(day_iso(number))
        if day.day == 1:
            marks[number] = {"label": f"{day:%b %Y}" if day.month == 1 or not marks else f"{day:%b}"}
    if not marks:  # a timeline shorter than a month: mark its first day
        marks[first_day] = {"label": f"{date.fromisoformat(day_iso(first_day)):%-d %b %Y}"}
    return marks


def timeline_bars(index: EventIndex) -> html.Div:
    """The claims per day, week or month by side above the slider (drawn by assets/timeline.js): a slider of the
    window's length for the keyboard, a drag across it for the pointer; its live region says the window chosen."""
    span = max(1, index.last_day - index.first_day + 1)
    return html.Div(
        className="timeline-bars-frame",
        tabIndex=0,
        role="slider",
        children=[
            html.Canvas(className="timeline-bars", **{"aria-hidden": "true"}),
            html.Div(className="timeline-drag", hidden=True),
        ],
        **{
            "aria-label": "Window of days shown (drag across the claims per day, or shift and arrow keys)",
            "aria-valuemin": 1,
            "aria-valuemax": span,
            "aria-valuenow": span,
            "aria-valuetext": "Everything",
        },
    )


def static_table() -> html.Section:
    """The published page's table of claims in view (assets/claims_table.js fills it from the events the page
    has): a plain HTML table, newest first; each claim's source (sentence, outlet) fetched once the table is seen."""
    return html.Section(
        className="table-section static-table",
        children=[
            html.H2("Claims in view"),
            html.P(id=Ids.table_note, className="table-note"),
            dcc.Store(id=Ids.table, data=[]),  # the highlighted row of the served page's grid: none here
            html.Table(
                className="claims-table",
                children=[
                    html.Thead(
                        html.Tr(
                            [
                                html.Th(name, scope="col")
                                for name in ("Date", "Side", "Action", "Place", "Oblast", "Said by", "Source")
                            ]
                        )
                    ),
                    html.Tbody(id="claims-rows"),
                ],
            ),
        ],
    )


def mode_controls(index: EventIndex) -> html.Fieldset:
    """The map mode (the span's default chosen, dashboard.query.control.auto_mode) and the contested days."""
    return html.Fieldset(
        className="mode",
        children=[
            html.Legend("Map", className="visually-hidden"),
            dcc.RadioItems(
                id=Ids.mode,
                value=auto_mode(index.first_day, index.last_day),
                inline=True,
                options=[
                    {"label": "Who claims to hold each place", "value": MODE_CONTROL},
                    {"label": "Claims in the period", "value": MODE_CLAIMS},
                ],
            ),
            html.Label("contested within", htmlFor=Ids.contested_days),
            dcc.Input(
                id=Ids.contested_days,
                type="number",
                min=1,
                max=MAX_CONTESTED_DAYS,
                step=1,
                value=DEFAULT_CONTESTED_DAYS,
                debounce=True,
                className="recent-days",
            ),
            html.Span("days", **{"aria-hidden": "true"}),
            # ticked: the map zooms to the claims in view; unticked: the whole country
            dcc.Checklist(
                id=Ids.fit,
                value=["1"],
                inline=True,
                options=[{"label": "Zoom to the claims (untick for the whole country)", "value": "1"}],
            ),
        ],
    )


def legend_compact(mode: str = MODE_CLAIMS) -> html.Div:
    """The embed's legend: each colour and shape beside its word (the shapes are decoration for screen readers), for
    each map mode; the mode drawn (``data-mode``, kept by assets/view.js) shows its own items (assets/style.css)."""

    def glyph(text, **style):
        return html.Span(text, style=style or None, **{"aria-hidden": "true"})

    def item(children, mode_class: str, extra: str = "") -> html.Span:
        return html.Span(children, className=f"legend-item {mode_class} {extra}".strip())

    def colour_key(low: str, high: str, mode_class: str) -> html.Span:
        # the map's colour bar where it has no room beside the map (phones): the same scale, in words at both ends
        gradient = {"background": "linear-gradient(90deg, " + ", ".join(c for _, c in COLOURSCALE) + ")"}
        key = html.Span(className="colour-key", style=gradient, **{"aria-hidden": "true"})
        return item([f"oblasts: {low} ", key, f" {high}"], mode_class, "colour-key-item")

    items = [item([glyph("●", color=ACTOR_COLOURS[a]), f" claim by {ACTOR_NAMES[a]}"], "legend-claims") for a in ACTORS]
    items += [item([glyph(ACTION_GLYPHS[a]), f" {a}"], "legend-claims") for a in ACTION_GLYPHS]
    items += [
        item([glyph("●", color=ACTOR_COLOURS[a]), f" {CONTROL_LEGEND[k]}"], "legend-control")
        for k, a in enumerate(ACTORS)
    ]
    items.append(item([glyph("○"), " unconfirmed / hedged"], "legend-both"))
    items.append(item([glyph("⊗"), f" {CONTROL_LEGEND[-1]}"], "legend-control"))
    items.append(colour_key("toward Russia", "toward Ukraine", "legend-claims"))
    items.append(colour_key(f"{CONTROL_TICKS[0]}", f"{CONTROL_TICKS[-1]}", "legend-control"))
    return html.Div(items, className="legend-compact", role="group", **{"aria-label": "Legend", "data-mode": mode})


def text_view(summary: str, heading: str = "The map in words") -> html.Section:
    """The map in words, for screen readers and readers who prefer text; the live region that announces it."""
    return html.Section(
        className="in-words",
        **{"aria-labelledby": "in-words-title"},
        children=[
            html.H2(heading, id="in-words-title"),
            html.P(summary, id=Ids.summary),
            # announced by assets/conflict_map.js (announce) when the view settles, never on every step of play
            html.P(
                "",
                id=Ids.announce,
                className="visually-hidden",
                role="status",
                **{"aria-live": "polite", "aria-atomic": "true"},
            ),
        ],
    )


def place_panel() -> html.Section:
    """Both sides' claims about the place of the marker or table row selected (filled by the server's callback;
    hidden until then). Rows are selected by keyboard too (the table's own keys: arrows, then space)."""
    return html.Section(
        id=Ids.place_panel,
        className="place-panel needs-server",
        hidden=True,
        role="region",
        **{"aria-labelledby": Ids.place_heading, "aria-live": "polite"},
        children=[
            html.H2("", id=Ids.place_heading),
            html.Button(
                "Close", id=Ids.close_place, n_clicks=0, className="close-place", title="Close the place's claims"
            ),
            html.Div(id=Ids.place_body),
        ],
    )


def said_by(index: EventIndex) -> html.Details:
    """The "said by" filter: the claimants the data has, grouped by side, each group a fieldset of checkboxes
    (native: keyboard-operable, named by their labels); none ticked: anyone. Folded, as the list is long."""
    groups = [
        html.Fieldset(
            [
                html.Legend(name),
                dcc.Checklist(
                    id=group_id, value=[], options=[{"label": n, "value": n} for n in index.claimant_groups[side]]
                ),
            ]
        )
        for (side, name), group_id in zip(CLAIMANT_GROUPS, Ids.said_groups)
    ]
    return html.Details(
        className="said-by",
        children=[
            html.Summary("Said by (none ticked: anyone)"),
            html.P("Only the claims made by the claimants ticked.", className="hint"),
            *groups,
        ],
    )


def graph_config(prefix: str) -> dict:
    return {
        "topojsonURL": f"{prefix}assets/topojson/",
        "displaylogo": False,
        "scrollZoom": False,
        # plotly 7's "Share chart..." (sendChartToCloud) offers to upload the figure to another host: never here
        "modeBarButtonsToRemove": ["select2d", "lasso2d", "sendChartToCloud"],
        "toImageButtonOptions": {"format": "png", "filename": "conflict-map", "width": 1400, "height": 900},
    }


def page(
    index: EventIndex, geojson: dict, prefix: str, notice: str = "", static: bool = False, embed: bool = False
) -> html.Div:
    """The page; ``static``: the published page with no server (dashboard.publish): map, timeline, filters,
    legend and credits, without the table, the tally and the oblast chip (they need the server)."""
    state = ViewState(embed=embed)
    figure = map_figure(geojson, index, state)
    if static:  # the browser draws the URL's view as the base map arrives (assets/view.js): the default view's
        # markers would be sent for a moment's display
        figure.update_traces(lon=[], lat=[], hovertext=[], selector=TRACE_MARKERS)
        figure.data[TRACE_MARKERS].marker.update(color=[], symbol=[], size=[], line_color=[])
    articles = index.frame["article_id"].nunique() if index.size else 0
    return html.Div(
        id=Ids.page,
        className="page" + (" embed" if embed else "") + (" static" if static else ""),
        children=[
            dcc.Location(id=Ids.url, refresh=False),
            dcc.Store(id=Ids.oblast, data=None),
            dcc.Store(id=Ids.query, data=""),
            dcc.Store(id=Ids.query_written),
            # the published page's events packed for the wire (assets/packed_columns.js unpacks them)
            dcc.Store(
                id=Ids.events,
                data=packed_columns(browser_columns(index, BROWSER_IDS))
                if static
                else browser_columns(index, BROWSER_IDS),
            ),
            dcc.Store(id=Ids.data_version, data=index.version),
            dcc.Store(id=Ids.settled, data=0),
            dcc.Store(id=Ids.downloaded),
            dcc.Store(id=Ids.said, data=[]),
            dcc.Interval(id=Ids.tick, interval=600, disabled=True),
            html.Header(
                className="masthead",
                children=[
                    html.H1("Conflict map: territorial claims in news reports"),
                    html.P(
                        f"{index.size} claims from {articles} articles · every claim links to its source sentence. "
                        "Claims are what the outlets report, not verified facts.",
                        className="lede",
                    ),
                    html.P(notice, id=Ids.notice, className="notice", role="alert", hidden=not notice),
                ],
            ),
            # with review on: which claims the page shows, filled per request by the server (the embed shows it too)
            html.P(id=Ids.banner, className="review-banner", hidden=True, children=[]),
            html.Main(
                className="layout",
                children=[
                    html.Section(
                        className="map-column",
                        **{"aria-label": "Map and timeline"},
                        children=[
                            # a figure named by its purpose and described by the text view below
                            html.Div(
                                role="figure",
                                className="map-figure",
                                **{
                                    "aria-label": "Map of territorial claims per oblast",
                                    "aria-describedby": Ids.summary,
                                },
                                children=dcc.Graph(
                                    id=Ids.map,
                                    figure=figure,
                                    config=graph_config(prefix),
                                    className="map",
                                    clear_on_unhover=True,
                                ),
                            ),
                            html.Div(
                                className="timeline",
                                role="group",
                                **{"aria-label": "Timeline"},
                                children=[
                                    # its text is a word; the ▶ / ❚❚ glyph is drawn by the stylesheet (class "playing")
                                    html.Button(
                                        "Play",
                                        id=Ids.play,
                                        className="play",
                                        n_clicks=0,
                                        title="Play or pause the timeline (space bar on the slider)",
                                    ),
                                    html.Div(
                                        [
                                            timeline_bars(index),
                                            dcc.Slider(
                                                id=Ids.day,
                                                min=index.first_day,
                                                max=index.last_day,
                                                step=1,
                                                value=index.last_day,
                                                marks=month_marks(index.first_day, index.last_day),
                                                allow_direct_input=False,
                                                updatemode="drag",
                                            ),
                                            # the ticks that fit the slider's width (assets/timeline.js);
                                            # Dash's own marks hide
                                            html.Div(className="timeline-ticks", **{"aria-hidden": "true"}),
                                            html.P(
                                                "",
                                                id=Ids.timeline_announce,
                                                className="visually-hidden",
                                                role="status",
                                                **{"aria-live": "polite", "aria-atomic": "true"},
                                            ),
                                        ],
                                        className="slider",
                                        **{"data-thumb-label": "Day shown"},
                                    ),
                                    # a plain span: an <output> is a live region and would speak every step of
                                    # play; the slider's value text says the same day to screen readers
                                    # (assets/aria_repairs.js)
                                    html.Span("", id=Ids.day_label, className="day-label", **{"aria-hidden": "true"}),
                                ],
                            ),
                            html.Div(
                                className="window-row",
                                children=[
                                    html.Fieldset(
                                        className="window",
                                        children=[
                                            html.Legend("Claims shown", className="visually-hidden"),
                                            dcc.RadioItems(
                                                id=Ids.window,
                                                value=WINDOW_ALL,
                                                inline=True,
                                                options=[
                                                    {"label": "Everything up to this day", "value": WINDOW_ALL},
                                                    {"label": "Only the last", "value": WINDOW_RECENT},
                                                ],
                                            ),
                                            dcc.Input(
                                                id=Ids.recent_days,
                                                type="number",
                                                min=1,
                                                max=365,
                                                step=1,
                                                value=DEFAULT_RECENT_DAYS,
                                                debounce=True,
                                                className="recent-days",
                                            ),
                                            # its name, "Only the last N days", holds the visible word (WCAG 2.5.3)
                                            html.Label(
                                                [html.Span("Only the last N ", className="visually-hidden"), "days"],
                                                htmlFor=Ids.recent_days,
                                            ),
                                        ],
                                    ),
                                    mode_controls(index),
                                    html.Button(
                                        "Download PNG",
                                        id=Ids.download,
                                        className="download",
                                        n_clicks=0,
                                        title="Saves the map as a PNG and its text alternative as a .txt beside it",
                                    ),
                                ],
                            ),
                            legend_compact(shown_mode(index, state)),
                            # the static page has no server to say each view in words: its text tells the latest day's
                            text_view(
                                map_summary(index, state), "The latest day in words" if static else "The map in words"
                            ),
                        ],
                    ),
                    html.Aside(
                        className="side",
                        children=[
                            place_panel(),
                            html.H2("Filters"),
                            html.Fieldset(
                                [
                                    html.Legend("Side"),
                                    dcc.Checklist(
                                        id=Ids.actors,
                                        value=list(ACTORS),
                                        inline=True,
                                        options=[{"label": ACTOR_NAMES[a], "value": a} for a in ACTORS],
                                    ),
                                ]
                            ),
                            html.Fieldset(
                                [
                                    html.Legend("Action"),
                                    dcc.Checklist(
                                        id=Ids.actions,
                                        value=list(ACTIONS),
                                        options=[{"label": a, "value": a} for a in ACTIONS],
                                    ),
                                ]
                            ),
                            dcc.Checklist(
                                id=Ids.confirmed,
                                value=[],
                                options=[{"label": "Hide claims marked unconfirmed or hedged", "value": "1"}],
                            ),
                            html.Fieldset(
                                [
                                    html.Legend("Where"),
                                    dcc.RadioItems(
                                        id=Ids.country,
                                        value="all",
                                        options=[
                                            {"label": "Ukraine only", "value": "UA"},
                                            {"label": "With Russia's border regions", "value": "all"},
                                        ],
                                    ),
                                ]
                            ),
                            said_by(index),
                            html.Div(
                                id=Ids.oblast_chip,
                                className="oblast-chip needs-server",
                                children=[
                                    html.Span("Click an oblast to narrow the table to it."),
                                ],
                            ),
                            html.Button(
                                "Show all oblasts",
                                id=Ids.clear_oblast,
                                n_clicks=0,
                                className="clear-oblast needs-server",
                            ),
                            html.H2("Gains claimed without a place", className="needs-server"),
                            html.Div(id=Ids.tally, className="tally needs-server"),
                        ],
                    ),
                ],
            ),
            static_table()
            if static
            else html.Section(
                className="table-section needs-server",
                children=[
                    html.H2("Claims in view"),
                    html.P(id=Ids.table_note, className="table-note"),
                    dag.AgGrid(
                        id=Ids.table,
                        columnDefs=TABLE_COLUMNS,
                        rowData=[],
                        defaultColDef={"sortable": True, "filter": True, "resizable": True},
                        getRowId="params.data.id",
                        dashGridOptions={
                            "rowSelection": {"mode": "singleRow", "enableClickSelection": True},
                            "pagination": True,
                            "paginationPageSize": 50,
                            "domLayout": "autoHeight",
                        },
                        className="ag-theme-quartz",
                        style={"width": "100%"},
                    ),
                ],
            ),
            html.Footer(
                className="credits",
                children=[
                    html.P(ATTRIBUTION),
                    html.P(
                        "Dates: a weekday in an article means the latest such day on or before publication; "
                        "claims without a date of their own take the article's report day."
                    ),
                ],
            ),
        ],
    )
