"""The map, as pure functions: (events, view state) -> Plotly figure. No Dash, no I/O.

The figure is built once (``base_figure``: Ukraine's 27 units and Russia's three border regions, empty marker
traces, legend and credits) and then updated per view (``view_update``: the
oblast colours, the markers, the title). The dashboard sends the geometry
once and patches only the update on every slider step; the PNG export and the
tests apply the update to the base figure (``map_figure``).

The colour of an oblast is its net number of control changes in view (``dashboard.query.index.oblast_tallies``).

What is in view is the query engine's (``dashboard.query.index``: the index, masks, markers, labels); this module only
draws it: Plotly traces, hover labels, the legend and the map's extent.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.geo import ATTRIBUTION
from dashboard.query.control import MODE_CONTROL, shown_mode
from dashboard.query.index import EventIndex, MarkerState, highlight, label_slots, marker_state, oblast_tallies
from dashboard.query.state import WINDOW_ALL, ViewState
from dashboard.render.palette import (
    BORDER_REGIONS,
    BORDERS,
    CLUSTER_TEXT,
    COLOURSCALE,
    HIGHLIGHT_RING,
    INK,
    LAND,
    LEGEND_BACKGROUND,
    MUTED,
    OBLAST_OUTLINE,
    OCEAN,
    PAPER,
)
from dashboard.render.words import view_title
from dashboard.vocabulary import (
    ACTION_GLYPHS,
    ACTION_LABELS,
    ACTION_SYMBOLS,
    ACTIONS,
    ACTOR_COLOURS,
    ACTOR_NAMES,
    ACTORS,
)

COLOUR_TITLE = "Net control changes<br>claimed per oblast<br>(+ toward Ukraine,<br>− toward Russia)"
# The credits under the map, on two lines (on one, an 800 px embed cut the licence's name off at the frame)
CREDIT_LINES = ("Claims as reported by the outlets, not independently verified.", ATTRIBUTION)
CREDITS = "<br>".join(CREDIT_LINES)
# The window onto Ukraine (degrees), from the extent of Ukraine's units in geodata/oblasts.geojson with a
# small margin; widened to Russia's border regions (RU-*) when claims are placed there.
MAP_LON_RANGE = (21.6, 40.7)
MAP_LAT_RANGE = (44.0, 52.7)
MAP_MARGIN = 0.3
# Russia's border regions are drawn apart from Ukraine's oblasts: named with their country (query.RUSSIA_SUFFIX),
# and outlined by a dashed line (a trace after the view's traces, so their indices stay put)
BORDER_REGIONS_LEGEND = "Russia's border regions (dashed)"
BORDER_REGIONS_LINE = dict(color=BORDER_REGIONS, width=1.6, dash="dash")
TRACE_OBLASTS, TRACE_MARKERS, TRACE_HIGHLIGHT, TRACE_LABELS = 0, 1, 2, 3
# the traces a view updates, by position (the browser gets these with its columns: dashboard.render.columns)
TRACE_NAMES = ("oblasts", "claims", "selected", "places named")
# The legend of each map mode: legend-only traces after the view's, each shown in its mode (apply_update here,
# assets/view.js in the browser). The claims of the period: colour by side, shape by action; who claims to hold
# each place: colour by the side held, crossed where the sides' latest claims disagree; hollow in both modes.
CONTESTED_SYMBOL = "circle-x"
CONTESTED_LINE = {"color": "white", "width": 1.5}
CONTROL_LEGEND = (
    *(f"claimed held by {ACTOR_NAMES[a]}" for a in ACTORS),
    "contested: the sides' latest claims disagree",
)
HOLLOW_LEGEND = "hollow: unconfirmed or hedged"
TRACE_LEGEND_CLAIMS = tuple(range(4, 4 + len(ACTORS) + len(ACTION_GLYPHS)))  # by side, by action
TRACE_LEGEND_HOLLOW = TRACE_LEGEND_CLAIMS[-1] + 1
TRACE_LEGEND_CONTROL = tuple(range(TRACE_LEGEND_HOLLOW + 1, TRACE_LEGEND_HOLLOW + 1 + len(CONTROL_LEGEND)))


def _hover(row) -> str:
    sentence = html.escape(str(row.sentence))
    if len(sentence) > 260:
        sentence = sentence[:257] + "…"
    place = html.escape(row.place_label or "no place named")
    oblast = f" ({row.oblast_name})" if row.oblast_name else ""
    quantity = ""
    if pd.notna(row.area_km2):
        quantity += f" · {row.area_km2:,.0f} km²"
    if pd.notna(row.settlements):
        quantity += f" · {int(row.settlements):,} settlements"
    doubts = []
    if row.confirmed == "no":
        doubts.append("could not be confirmed")
    if row.hedged:
        doubts.append("hedged")
    review = getattr(row, "review_label", "")  # the desk's review state (dashboard.review.view)
    return (
        f"<b>{row.event_date}</b> · {ACTOR_NAMES[row.actor]} {ACTION_LABELS[row.action]} "
        f"{place}{oblast}{quantity}<br>Said by: {html.escape(row.attribution or 'not stated')}"
        + (f" · <i>{', '.join(doubts)}</i>" if doubts else "")
        + (f" · Review: {html.escape(review)}" if review else "")
        + "<br>"
        + "<br>".join(textwrap.wrap(sentence, 70))
    )


@dataclass
class OblastView:
    z: list[float]
    hover: list[str]
    line_width: list[float]


@dataclass
class ViewUpdate:
    """Everything on the map that changes with the view state (markers: every slot)."""

    oblasts: OblastView
    markers: dict[str, list]  # lon, lat, hovertext, color, symbol, size, line, one entry per place marked
    highlight_lon: list[float]
    highlight_lat: list[float]
    labels: tuple[list[float], list[float], list[str]]  # lon, lat, name of the places named on the map
    title: str
    colour_bar: tuple[str, list[str]] | None = None  # the colour bar's title and end words (None: net changes)
    mode: str = "claims"  # the map mode drawn (its legend is shown: TRACE_LEGEND_CLAIMS or TRACE_LEGEND_CONTROL)
    extent: tuple[list[float], list[float]] | None = None  # lon, lat ranges fitted to the claims (None: whole map)


def oblast_view(index: EventIndex, state: ViewState, keep: np.ndarray | None = None) -> OblastView:
    keep = index.mask(state) if keep is None else keep
    codes = index.oblast_codes
    tallies = oblast_tallies(index, keep)
    balance, claims, strikes, repelled = tallies.net, tallies.control, tallies.strikes, tallies.repelled
    hover = []
    for i, code in enumerate(codes):
        net = int(balance[i])
        toward = "toward Ukraine" if net > 0 else "toward Russia" if net < 0 else "no net change"
        hover.append(
            f"<b>{index.oblast_names[code]}</b><br>net {net:+d} ({toward})<br>"
            f"{claims[i]} control claims · {strikes[i]} strikes · {repelled[i]} attacks repelled"
        )
    return OblastView(balance.tolist(), hover, [3.0 if code == state.oblast else 0.6 for code in codes])


_COLOUR_OF = np.array([ACTOR_COLOURS[a] for a in ACTORS], dtype=object)
_SYMBOLS = np.array([ACTION_SYMBOLS[a] for a in ACTIONS], dtype=object)


def hover_texts(index: EventIndex) -> np.ndarray:
    """Every claim's hover label (HTML, article text escaped), made once per index."""
    cached = getattr(index, "_hover_texts", None)
    if cached is None:
        cached = (
            np.array([_hover(r) for r in index.frame.itertuples()], dtype=object) if index.size else np.zeros(0, object)
        )
        index._hover_texts = cached
    return cached


def marker_fields(index: EventIndex, markers: MarkerState, slots: np.ndarray) -> dict[str, list]:
    """The drawn values of some marker slots: hidden slots get no longitude and no hover text."""
    rows = markers.latest[slots]
    shown = rows >= 0
    safe = np.where(shown, rows, 0)
    counts = markers.counts[slots]
    colour = _COLOUR_OF[index.actor[safe]] if index.size else np.zeros(len(slots), object)
    doubtful = index.doubtful[safe] if index.size else np.zeros(len(slots), bool)
    symbol = _SYMBOLS[index.action[safe]] if index.size else np.zeros(len(slots), object)
    hover = hover_texts(index)[safe].copy() if index.size else np.zeros(len(slots), object)
    for i in np.flatnonzero(counts > 1):
        hover[i] = f"{hover[i]}<br><i>+{counts[i] - 1} earlier claim(s) at this place in view</i>"
    return {
        "lon": np.where(shown, index.slot_lon[slots], None).tolist(),
        "lat": np.where(shown, index.slot_lat[slots], None).tolist(),
        "hovertext": np.where(shown, hover, "").tolist(),
        "color": colour.tolist(),
        "symbol": np.where(doubtful, symbol + "-open", symbol).tolist(),
        "size": (11 + np.minimum(counts, 10) * 0.8).tolist(),
        "line": np.where(doubtful, colour, "white").tolist(),
    }


def place_labels(index: EventIndex, markers: MarkerState) -> tuple[list[float], list[float], list[str]]:
    slots = label_slots(index, markers)
    return (
        [float(index.slot_lon[s]) for s in slots],
        [float(index.slot_lat[s]) for s in slots],
        [html.escape(str(index.slot_name[s])) for s in slots],
    )


def view_update(index: EventIndex, state: ViewState, selected_event: int | None = None) -> ViewUpdate:
    """The view in the mode it is shown in, fitted to the places marked unless the reader asked for the whole
    country (``state.fit``)."""
    if shown_mode(index, state) == MODE_CONTROL:  # who claims to hold each place (issue 25)
        from dashboard.render.control_map import control_view_update  # it draws with this module's pieces

        update = control_view_update(index, state, selected_event)
    else:
        update = claims_view_update(index, state, selected_event)
    update.extent = fit_extent(index, state) if state.fit else None
    return update


# fitting the map to the claims: to every claim with a point that the filters keep, on any day (the frame stays
# still while the slider moves or plays, so that days compare), with a margin (degrees) and at least a window of a
# few oblasts, widened to the whole map's shape on the screen (Mercator: a phone's map keeps its width)
FIT_MARGIN = 0.6
FIT_MIN_SPAN = (4.0, 2.4)


def _mercator(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


FIT_ASPECT = math.radians(MAP_LON_RANGE[1] - MAP_LON_RANGE[0]) / (
    _mercator(MAP_LAT_RANGE[1]) - _mercator(MAP_LAT_RANGE[0])
)


def fit_extent(index: EventIndex, state: ViewState) -> tuple[list[float], list[float]] | None:
    """The longitude and latitude ranges that show every claim the filters keep (None: none: the whole map).
    assets/view.js (fitExtent) computes the same."""
    rows = np.flatnonzero(index.mask(replace(state, day=None, window=WINDOW_ALL)) & index.has_point)
    if rows.size == 0:
        return None
    return fit_ranges(
        float(index.lon[rows].min()),
        float(index.lon[rows].max()),
        float(index.lat[rows].min()),
        float(index.lat[rows].max()),
    )


def fit_ranges(west: float, east: float, south: float, north: float) -> tuple[list[float], list[float]]:
    lon_span = max(east - west + 2 * FIT_MARGIN, FIT_MIN_SPAN[0])
    low, high = south - FIT_MARGIN, north + FIT_MARGIN
    if high - low < FIT_MIN_SPAN[1]:
        low, high = (low + high - FIT_MIN_SPAN[1]) / 2, (low + high + FIT_MIN_SPAN[1]) / 2
    width, bottom, top = math.radians(lon_span), _mercator(low), _mercator(high)
    if width < (top - bottom) * FIT_ASPECT:
        width = (top - bottom) * FIT_ASPECT
    else:
        middle = (bottom + top) / 2
        low, high = _latitude(middle - width / FIT_ASPECT / 2), _latitude(middle + width / FIT_ASPECT / 2)
    middle, half = (west + east) / 2, math.degrees(width) / 2
    return [round(middle - half, 2), round(middle + half, 2)], [round(low, 2), round(high, 2)]


def claims_view_update(index: EventIndex, state: ViewState, selected_event: int | None = None) -> ViewUpdate:
    keep = index.mask(state)
    markers = marker_state(index, state, keep)
    highlight_lon, highlight_lat = highlight(index, selected_event)
    # only the places marked go to the map (hundreds), not every place of the data (thousands)
    marked = np.flatnonzero(markers.latest >= 0)
    return ViewUpdate(
        oblast_view(index, state, keep),
        marker_fields(index, markers, marked),
        highlight_lon,
        highlight_lat,
        place_labels(index, markers),
        view_title(index, state, markers.left_out),
    )


def base_figure(geojson: dict, index: EventIndex, embed: bool = False) -> go.Figure:
    """The figure without the view: shapes, empty markers, legend, credits. Built once."""
    codes = index.oblast_codes
    fig = go.Figure()
    fig.add_trace(
        go.Choropleth(
            geojson=geojson,
            locations=codes,
            z=[0] * len(codes),
            featureidkey="id",
            colorscale=COLOURSCALE,
            zmid=0,
            zmin=-index.colour_limit,
            zmax=index.colour_limit,
            marker=dict(line=dict(color=OBLAST_OUTLINE, width=[0.6] * len(codes))),
            hovertemplate="%{hovertext}<extra></extra>",
            hovertext=[""] * len(codes),
            name="oblasts",
            colorbar=dict(
                title=dict(text=COLOUR_TITLE, side="top", font=dict(size=11)),
                thickness=12,
                len=0.6,
                x=0.9,
                xanchor="left",
                y=0.5,
                tickvals=[-index.colour_limit, 0, index.colour_limit],
                ticktext=[f"−{index.colour_limit:g} Russia", "0", f"+{index.colour_limit:g} Ukraine"],
            ),
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scattergeo(  # the places marked in a view: filled by apply_update (or assets/view.js)
            lon=[],
            lat=[],
            mode="markers+text",  # the text: a cluster's number of places (assets/map_clusters.js), else empty
            name="claims",
            showlegend=False,
            hovertemplate="%{hovertext}<extra></extra>",
            hovertext=[],
            text=[],
            textposition="middle center",
            textfont=dict(size=10, color=CLUSTER_TEXT),  # on a cluster's filled circle of a side's colour
            marker=dict(size=11, color=[], symbol=[], line=dict(width=1.5, color=[])),
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            mode="markers",
            name="selected",
            showlegend=False,
            hoverinfo="skip",
            marker=dict(size=24, symbol="circle-open", color=HIGHLIGHT_RING, line=dict(width=4)),
        )
    )
    fig.add_trace(
        go.Scattergeo(
            lon=[],
            lat=[],
            text=[],
            mode="text",
            name="places named",
            showlegend=False,
            hoverinfo="skip",
            textposition="top center",
            textfont=dict(size=12, color=INK),
        )
    )

    def legend_only(name: str, rank: int, visible: bool = True, **marker) -> None:
        fig.add_trace(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="markers",
                name=name,
                marker={"size": 10, **marker},
                hoverinfo="skip",
                legendrank=rank,
                visible=visible,
            )
        )

    # the claims of the period's legend (TRACE_LEGEND_CLAIMS): colour by actor, symbol by action
    for rank, actor in enumerate(ACTORS, 1):
        legend_only(f"claim by {ACTOR_NAMES[actor]}", rank, color=ACTOR_COLOURS[actor], symbol="circle")
    for rank, action in enumerate(ACTION_GLYPHS, len(ACTORS) + 1):  # the actions the legend shows
        legend_only(action, rank, color=MUTED, symbol=ACTION_SYMBOLS[action])
    legend_only(HOLLOW_LEGEND, 100, color=MUTED, symbol="circle-open")  # both modes (TRACE_LEGEND_HOLLOW)
    # who claims to hold each place's legend (TRACE_LEGEND_CONTROL), hidden until that mode is drawn
    for rank, actor in enumerate(ACTORS, 1):
        legend_only(CONTROL_LEGEND[rank - 1], rank, False, color=ACTOR_COLOURS[actor], symbol="circle")
    # the cross is the marker's outline, white as on the map
    legend_only(CONTROL_LEGEND[-1], 101, False, color=MUTED, symbol=CONTESTED_SYMBOL, size=13, line=CONTESTED_LINE)
    lon_range, lat_range = map_extent(geojson, index.russian_regions)
    add_border_regions(fig, geojson, show_legend=bool(index.russian_regions))
    # the sea is the map's background colour, not a shape: the same picture (pixel for pixel but for the
    # coast's anti-aliasing), and a seventh less of every slider step's redraw (bench.map_engines)
    fig.update_geos(
        scope="europe",
        resolution=50,
        projection_type="mercator",
        lonaxis_range=lon_range,
        lataxis_range=lat_range,
        domain=dict(x=[0, 0.9], y=[0, 1]),
        showland=True,
        landcolor=LAND,
        showcountries=True,
        countrycolor=BORDERS,
        showcoastlines=True,
        coastlinecolor=BORDERS,
        showocean=False,
        showlakes=False,
        showrivers=False,
        showframe=False,
        bgcolor=OCEAN,
    )
    fig.update_layout(
        meta=dict(country=[lon_range, lat_range]),  # the whole map's window: "fit" off (assets/view.js)
        title=dict(text="", x=0.01, xanchor="left", y=0.98, yanchor="top", font=dict(size=16 if not embed else 14)),
        margin=dict(l=4, r=4, t=86 if not embed else 70, b=42),
        legend=dict(
            orientation="h",
            yanchor="bottom",
            y=1.0,
            x=0.0,
            xanchor="left",
            font=dict(size=11),
            itemclick=False,
            itemdoubleclick=False,
            bgcolor=LEGEND_BACKGROUND,
        ),
        # every text colour named (none left to plotly's defaults), so tests/test_palette.py can check contrast
        font=dict(color=INK),
        hoverlabel=dict(bgcolor=PAPER, bordercolor=INK, font=dict(color=INK)),
        paper_bgcolor=PAPER,
        uirevision="keep-zoom",
        dragmode="pan",
        annotations=[
            dict(
                text=CREDITS,
                align="left",  # both lines from the left edge (plotly centres a multi-line annotation's lines)
                showarrow=False,
                xref="paper",
                yref="paper",
                x=0,
                y=0,
                yshift=-6,
                xanchor="left",
                yanchor="top",
                font=dict(size=10, color=MUTED),
            )
        ],
    )
    return fig


def map_extent(geojson: dict, regions: list[str]) -> tuple[list[float], list[float]]:
    """Ukraine's window, widened to the bounds of the given Russian border regions."""
    west, east = MAP_LON_RANGE
    south, north = MAP_LAT_RANGE
    for feature in geojson.get("features", []):
        if feature["id"] in regions:
            coords = np.array([xy for ring in _rings(feature["geometry"]) for xy in ring])
            west, east = min(west, coords[:, 0].min() - MAP_MARGIN), max(east, coords[:, 0].max() + MAP_MARGIN)
            south, north = min(south, coords[:, 1].min() - MAP_MARGIN), max(north, coords[:, 1].max() + MAP_MARGIN)
    return [round(west, 2), round(east, 2)], [round(south, 2), round(north, 2)]


def _rings(geometry: dict):
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [ring for polygon in polygons for ring in polygon]


def add_border_regions(fig: go.Figure, geojson: dict, show_legend: bool) -> None:
    """A dashed outline around each of Russia's border regions in the geometry (one trace, after the rest)."""
    lon: list = []
    lat: list = []
    for feature in geojson.get("features", []):
        if not str(feature["id"]).startswith("RU-"):
            continue
        for ring in _rings(feature["geometry"]):
            lon += [x for x, _ in ring] + [None]
            lat += [y for _, y in ring] + [None]
    if lon:
        fig.add_trace(
            go.Scattergeo(
                lon=lon,
                lat=lat,
                mode="lines",
                line=BORDER_REGIONS_LINE,
                hoverinfo="skip",
                name=BORDER_REGIONS_LEGEND,
                showlegend=show_legend,
            )
        )


def apply_update(fig: go.Figure, update: ViewUpdate) -> go.Figure:
    """Write a view into a full figure (what the dashboard's Patch does in the browser)."""
    fig.data[TRACE_OBLASTS].update(
        z=update.oblasts.z, hovertext=update.oblasts.hover, marker=dict(line=dict(width=update.oblasts.line_width))
    )
    m = update.markers
    fig.data[TRACE_MARKERS].update(
        lon=m["lon"],
        lat=m["lat"],
        hovertext=m["hovertext"],
        marker=dict(color=m["color"], symbol=m["symbol"], size=m["size"], line=dict(color=m["line"])),
    )
    fig.data[TRACE_HIGHLIGHT].update(lon=update.highlight_lon, lat=update.highlight_lat)
    fig.data[TRACE_LABELS].update(lon=update.labels[0], lat=update.labels[1], text=update.labels[2])
    fig.layout.title.text = update.title
    if update.extent:
        fig.update_geos(lonaxis_range=update.extent[0], lataxis_range=update.extent[1])
    title, ends = update.colour_bar or (COLOUR_TITLE, net_ticks(fig.data[TRACE_OBLASTS].zmax))
    fig.data[TRACE_OBLASTS].colorbar.update(title=dict(text=title), ticktext=ends)
    for k, visible in legend_visibility(update.mode).items():
        fig.data[k].visible = visible
    return fig


def legend_visibility(mode: str) -> dict[int, bool]:
    """Which legend traces a map mode shows (by trace position): its own legend, not the other mode's."""
    control = mode == MODE_CONTROL
    return {
        **dict.fromkeys(TRACE_LEGEND_CLAIMS, not control),
        TRACE_LEGEND_HOLLOW: True,
        **dict.fromkeys(TRACE_LEGEND_CONTROL, control),
    }


def net_ticks(limit: float) -> list[str]:
    """The colour bar's words for net control changes: its two ends and the middle."""
    return [f"−{limit:g} Russia", "0", f"+{limit:g} Ukraine"]


def map_figure(geojson: dict, index: EventIndex, state: ViewState, selected_event: int | None = None) -> go.Figure:
    return apply_update(base_figure(geojson, index, state.embed), view_update(index, state, selected_event))
