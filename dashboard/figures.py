"""The map, as pure functions: (events, view state) -> Plotly figure. No Dash, no I/O.

The figure is built once (``base_figure``: Ukraine's 27 units and Russia's three border regions, empty marker
traces, legend and credits) and then updated per view (``view_update``: the
oblast colours, the markers, the title). The dashboard sends the geometry
once and patches only the update on every slider step; the PNG export and the
tests apply the update to the base figure (``map_figure``).

What the colour means: for each oblast, the net number of control changes the
claims in view report: +1 for every claim that Ukraine took a place or Russia
left one, -1 for every claim the other way round. Strikes, repelled attacks
and area gains do not change the colour.

``EventIndex`` holds the event table as numpy arrays so that one view costs
a few vector operations, whatever the number of events.
"""
from __future__ import annotations

import hashlib
import html
import textwrap
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard.dates import day_iso, day_number
from dashboard.geo import ATTRIBUTION
from dashboard.palette import (ACTION_SYMBOLS, ACTOR_COLOURS, BORDER_REGIONS, BORDERS, COLOURSCALE, HIGHLIGHT_RING,
                               INK, LAND, LEGEND_BACKGROUND, MUTED, OBLAST_OUTLINE, OCEAN, PAPER)
from dashboard.schema import ACTIONS, ACTORS
from dashboard.state import WINDOW_RECENT, ViewState

ACTOR_NAMES = {"UA": "Ukraine", "RU": "Russia"}
ACTION_LABELS = {"captured": "captured", "withdrew": "withdrew from", "repelled": "repelled attack at",
                 "struck": "struck", "advanced": "claimed gains"}
CONTROL_SIGN = {("UA", "captured"): 1, ("RU", "withdrew"): 1, ("RU", "captured"): -1, ("UA", "withdrew"): -1}
COLOUR_TITLE = "Net control changes<br>claimed per oblast<br>(+ toward Ukraine,<br>− toward Russia)"
CREDITS = f"Claims as reported by the outlets, not independently verified. {ATTRIBUTION}"
# The window onto Ukraine (degrees), from the extent of Ukraine's units in geodata/oblasts.geojson with a
# small margin; widened to Russia's border regions (RU-*) when claims are placed there.
MAP_LON_RANGE = (21.6, 40.7)
MAP_LAT_RANGE = (44.0, 52.7)
MAP_MARGIN = 0.3
# Russia's border regions are drawn apart from Ukraine's oblasts: named with their country, and outlined
# by a dashed line (a trace after the view's traces, so their indices stay put)
RUSSIA_SUFFIX = " (Russia)"
BORDER_REGIONS_LEGEND = "Russia's border regions (dashed)"
BORDER_REGIONS_LINE = dict(color=BORDER_REGIONS, width=1.6, dash="dash")
TEXT_COLUMNS = ("place_as_written", "place_name", "oblast_iso", "attribution", "outlet", "url", "date_phrase",
                "flags", "source")

VERSION_COLUMNS = ("id", "date_end", "geonameid", "actor", "action", "confirmed", "hedged", "attribution",
                   "sentence", "oblast_iso")
ACTIONS_INDEX = {a: i for i, a in enumerate(ACTIONS)}

TRACE_OBLASTS, TRACE_MARKERS, TRACE_HIGHLIGHT, TRACE_LABELS = 0, 1, 2, 3
# the places named on the map: the most-claimed in view, at most LABEL_COUNT, none closer to a named one than
# LABEL_SPACING (degrees of longitude, latitude: about a name's width and height at the page's map size)
LABEL_COUNT = 8
# at most this many places get a marker (the most claimed in view, then the newest): thousands of markers are
# a sea nobody reads, and each one costs the map's every redraw; the title says how many are left out
MARKER_LIMIT = 250
LABEL_SPACING = (1.3, 0.45)


def _hover(row) -> str:
    sentence = html.escape(str(row.sentence))
    if len(sentence) > 260:
        sentence = sentence[:257] + "…"
    place = html.escape(row.place_name or "no place named")
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
    review = getattr(row, "review_label", "")   # the desk's review state (dashboard.review.view)
    return (f"<b>{row.event_date}</b> · {ACTOR_NAMES[row.actor]} {ACTION_LABELS[row.action]} "
            f"{place}{oblast}{quantity}<br>Said by: {html.escape(row.attribution or 'not stated')}"
            + (f" · <i>{', '.join(doubts)}</i>" if doubts else "")
            + (f" · Review: {html.escape(review)}" if review else "")
            + "<br>" + "<br>".join(textwrap.wrap(sentence, 70)))


class EventIndex:
    """The event table as arrays for fast views; built once per database load."""

    def __init__(self, frame: pd.DataFrame, oblasts: dict[str, str]):
        self.oblast_codes = sorted(oblasts)
        # "Kursk Oblast (Russia)": a reader never takes a Russian border region for a Ukrainian oblast
        oblasts = {code: name + RUSSIA_SUFFIX if code.startswith("RU-") and not name.endswith(RUSSIA_SUFFIX) else name
                   for code, name in oblasts.items()}
        self.oblast_names = oblasts
        frame = frame.sort_values(["date_end", "id"], kind="stable").reset_index(drop=True)
        for column in TEXT_COLUMNS:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
        frame["oblast_name"] = frame["oblast_iso"].map(oblasts).fillna("")
        self.frame = frame
        n = len(frame)
        self.size = n
        self.ids = frame["id"].to_numpy()
        self.day = np.array([day_number(d) for d in frame["date_end"]], dtype=np.int32) if n else np.zeros(0, np.int32)
        self.actor = frame["actor"].map({a: i for i, a in enumerate(ACTORS)}).to_numpy(dtype=np.int8)
        self.action = frame["action"].map({a: i for i, a in enumerate(ACTIONS)}).to_numpy(dtype=np.int8)
        oblast_pos = {code: i for i, code in enumerate(self.oblast_codes)}
        self.oblast = frame["oblast_iso"].map(oblast_pos).fillna(-1).to_numpy(dtype=np.int16)
        self.in_russia = frame["oblast_iso"].astype(object).fillna("").str.startswith("RU-").to_numpy(dtype=bool)
        # the Russian border regions with claims: the map widens to them and their legend entry shows
        self.russian_regions = sorted({c for c in frame["oblast_iso"].dropna() if str(c).startswith("RU-")})
        self.doubtful = ((frame["confirmed"] == "no") | frame["hedged"].astype(bool)).to_numpy()
        self.sign = np.array([CONTROL_SIGN.get(k, 0) for k in zip(frame["actor"], frame["action"])], dtype=np.int8)
        self.has_point = (frame["latitude"].notna() & frame["longitude"].notna()).to_numpy()
        self.lat = frame["latitude"].to_numpy(dtype=float)
        self.lon = frame["longitude"].to_numpy(dtype=float)
        # one marker slot per place on the map, in a fixed order, so a view can patch single slots
        place_key = frame["geonameid"].fillna(-1).astype(np.int64).to_numpy()
        slot_keys, first, inverse = np.unique(place_key[self.has_point], return_index=True, return_inverse=True)
        self.slot = np.full(n, -1, dtype=np.int64)
        self.slot[self.has_point] = inverse
        pointed = np.flatnonzero(self.has_point)
        self.n_slots = len(slot_keys)
        self.slot_lon = self.lon[pointed[first]] if n else np.zeros(0)
        self.slot_lat = self.lat[pointed[first]] if n else np.zeros(0)
        self.slot_name = frame["place_name"].to_numpy(dtype=object)[pointed[first]] if n else np.zeros(0, object)
        # identifies the data: a browser's drawn view can be patched by difference only on the same data,
        # whichever server process (gunicorn worker) answers
        version_columns = [c for c in (*VERSION_COLUMNS, "review_label") if c in frame.columns]
        content = pd.util.hash_pandas_object(frame[version_columns], index=False).to_numpy()
        self.version = hashlib.sha1(content.tobytes()).hexdigest()[:16]
        self.hover = np.array([_hover(r) for r in frame.itertuples()], dtype=object) if n else np.zeros(0, object)
        self.first_day = int(self.day.min()) if n else day_number(date.today().isoformat())
        self.last_day = int(self.day.max()) if n else self.first_day
        # colour range fixed over the whole timeline, so the colours of two days compare
        counted = (self.sign != 0) & (self.oblast >= 0)   # an unplaced claim colours no oblast
        totals = np.bincount(self.oblast[counted], weights=self.sign[counted],
                             minlength=len(self.oblast_codes)) if n else np.zeros(1)
        self.colour_limit = max(1.0, float(np.abs(totals).max(initial=0)))

    def day_of(self, state: ViewState) -> int:
        if state.day:
            return min(max(day_number(state.day), self.first_day), self.last_day)
        return self.last_day

    def mask(self, state: ViewState, with_oblast: bool = False) -> np.ndarray:
        day = self.day_of(state)
        keep = self.day <= day
        if state.window == WINDOW_RECENT:
            keep &= self.day > day - state.recent_days
        if tuple(state.actors) != ACTORS:
            keep &= np.isin(self.actor, [ACTORS.index(a) for a in state.actors])
        if tuple(state.actions) != tuple(ACTIONS):
            keep &= np.isin(self.action, [list(ACTIONS).index(a) for a in state.actions])
        if state.confirmed_only:
            keep &= ~self.doubtful
        if state.ukraine_only:
            keep &= ~self.in_russia
        if with_oblast and state.oblast in self.oblast_names:
            keep &= self.oblast == self.oblast_codes.index(state.oblast)
        return keep


@dataclass
class OblastView:
    z: list[float]
    hover: list[str]
    line_width: list[float]


@dataclass
class MarkerState:
    """Per marker slot: the row of its latest claim in view (-1: hidden) and how many claims it has (0 when
    hidden); ``left_out``: places with claims in view beyond MARKER_LIMIT, not drawn."""
    latest: np.ndarray
    counts: np.ndarray
    left_out: int = 0


@dataclass
class ViewUpdate:
    """Everything on the map that changes with the view state (markers: every slot)."""
    oblasts: OblastView
    markers: dict[str, list]        # lon, lat, hovertext, color, symbol, size, line, one entry per place marked
    highlight_lon: list[float]
    highlight_lat: list[float]
    labels: tuple[list[float], list[float], list[str]]   # lon, lat, name of the places named on the map
    title: str
    colour_bar: tuple[str, list[str]] | None = None      # the colour bar's title and end words (None: net changes)


def view_span(index: EventIndex, state: ViewState) -> str:
    """The days in view in words: 'up to 12 Sep 2022' or '6 Sep – 12 Sep 2022'."""
    shown = date.fromisoformat(day_iso(index.day_of(state)))
    if state.window == WINDOW_RECENT:
        first = shown - timedelta(days=state.recent_days - 1)
        return f"{first:%-d %b} – {shown:%-d %b %Y}"
    return f"up to {shown:%-d %b %Y}"


def view_filters(state: ViewState) -> list[str]:
    """The filters that hide claims, in words ('claims by Russia', 'unconfirmed and hedged claims hidden')."""
    filters = []
    if tuple(state.actors) != ACTORS:
        filters.append("claims by " + " and ".join(ACTOR_NAMES[a] for a in state.actors) if state.actors
                       else "no side selected")
    if tuple(state.actions) != tuple(ACTIONS):
        filters.append("actions: " + (", ".join(state.actions) or "none"))
    if state.confirmed_only:
        filters.append("unconfirmed and hedged claims hidden")
    return filters


def view_title(index: EventIndex, state: ViewState, left_out: int = 0) -> str:
    span, filters = view_span(index, state), view_filters(state)
    if left_out:
        filters = [*filters, f"{left_out:,} places with fewer claims not marked"]
    subtitle = f"<br><sup>{'; '.join(filters)}</sup>" if filters else ""
    return f"<b>Territorial claims in news reports</b>, {span}{subtitle}"


def oblast_view(index: EventIndex, state: ViewState, keep: np.ndarray | None = None) -> OblastView:
    keep = index.mask(state) if keep is None else keep
    codes = index.oblast_codes
    count = len(codes)
    control = keep & (index.sign != 0) & (index.oblast >= 0)
    balance = np.bincount(index.oblast[control], weights=index.sign[control], minlength=count)
    placed = keep & (index.oblast >= 0)
    claims = np.bincount(index.oblast[control], minlength=count)
    strikes = np.bincount(index.oblast[placed & (index.action == ACTIONS_INDEX["struck"])], minlength=count)
    repelled = np.bincount(index.oblast[placed & (index.action == ACTIONS_INDEX["repelled"])], minlength=count)
    hover = []
    for i, code in enumerate(codes):
        net = int(balance[i])
        toward = "toward Ukraine" if net > 0 else "toward Russia" if net < 0 else "no net change"
        hover.append(f"<b>{index.oblast_names[code]}</b><br>net {net:+d} ({toward})<br>"
                     f"{claims[i]} control claims · {strikes[i]} strikes · {repelled[i]} attacks repelled")
    return OblastView(balance.tolist(), hover, [3.0 if code == state.oblast else 0.6 for code in codes])


def marker_state(index: EventIndex, state: ViewState, keep: np.ndarray | None = None) -> MarkerState:
    """One marker per place: its latest claim in view (events are sorted by date, so the highest row)."""
    keep = index.mask(state) if keep is None else keep
    rows = np.flatnonzero(keep & index.has_point)
    latest = np.full(index.n_slots, -1, dtype=np.int64)
    np.maximum.at(latest, index.slot[rows], rows)
    counts = np.bincount(index.slot[rows], minlength=index.n_slots)
    shown = np.flatnonzero(latest >= 0)
    left_out = max(0, shown.size - MARKER_LIMIT)
    if left_out:   # most claims first, then the newest latest claim (assets/view.js sorts the same way)
        hidden = shown[np.lexsort((-latest[shown], -counts[shown]))][MARKER_LIMIT:]
        latest[hidden] = -1
        counts[hidden] = 0
    return MarkerState(latest, counts, left_out)


_COLOUR_OF = np.array([ACTOR_COLOURS[a] for a in ACTORS], dtype=object)
_SYMBOLS = np.array([ACTION_SYMBOLS[a] for a in ACTIONS], dtype=object)


def marker_fields(index: EventIndex, markers: MarkerState, slots: np.ndarray) -> dict[str, list]:
    """The drawn values of some marker slots: hidden slots get no longitude and no hover text."""
    rows = markers.latest[slots]
    shown = rows >= 0
    safe = np.where(shown, rows, 0)
    counts = markers.counts[slots]
    colour = _COLOUR_OF[index.actor[safe]] if index.size else np.zeros(len(slots), object)
    doubtful = index.doubtful[safe] if index.size else np.zeros(len(slots), bool)
    symbol = _SYMBOLS[index.action[safe]] if index.size else np.zeros(len(slots), object)
    hover = index.hover[safe].copy() if index.size else np.zeros(len(slots), object)
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


def highlight(index: EventIndex, selected_event: int | None) -> tuple[list[float], list[float]]:
    if selected_event is not None:
        at = np.flatnonzero(index.ids == selected_event)
        if at.size and index.has_point[at[0]]:
            return [float(index.lon[at[0]])], [float(index.lat[at[0]])]
    return [], []


def label_slots(index: EventIndex, markers: MarkerState) -> list[int]:
    """The marker slots named on the map: most claims in view first (then slot order), skipping any slot
    within LABEL_SPACING of one already named, at most LABEL_COUNT. assets/view.js does the same."""
    slots = np.flatnonzero(markers.counts > 0)
    order = slots[np.lexsort((slots, -markers.counts[slots]))]
    chosen: list[int] = []
    for slot in order.tolist():
        if len(chosen) == LABEL_COUNT:
            break
        if any(abs(index.slot_lon[slot] - index.slot_lon[c]) < LABEL_SPACING[0]
               and abs(index.slot_lat[slot] - index.slot_lat[c]) < LABEL_SPACING[1] for c in chosen):
            continue
        chosen.append(slot)
    return chosen


def place_labels(index: EventIndex, markers: MarkerState) -> tuple[list[float], list[float], list[str]]:
    slots = label_slots(index, markers)
    return ([float(index.slot_lon[s]) for s in slots], [float(index.slot_lat[s]) for s in slots],
            [html.escape(str(index.slot_name[s])) for s in slots])


def view_update(index: EventIndex, state: ViewState, selected_event: int | None = None) -> ViewUpdate:
    from dashboard.control import MODE_CONTROL, shown_mode   # the claimed-control map (issue 25)
    if shown_mode(index, state) == MODE_CONTROL:
        from dashboard.control_map import control_view_update
        return control_view_update(index, state, selected_event)
    keep = index.mask(state)
    markers = marker_state(index, state, keep)
    highlight_lon, highlight_lat = highlight(index, selected_event)
    # only the places marked go to the map (hundreds), not every place of the data (thousands)
    marked = np.flatnonzero(markers.latest >= 0)
    return ViewUpdate(oblast_view(index, state, keep), marker_fields(index, markers, marked),
                      highlight_lon, highlight_lat, place_labels(index, markers),
                      view_title(index, state, markers.left_out))



def base_figure(geojson: dict, index: EventIndex, embed: bool = False) -> go.Figure:
    """The figure without the view: shapes, empty markers, legend, credits. Built once."""
    codes = index.oblast_codes
    fig = go.Figure()
    fig.add_trace(go.Choropleth(
        geojson=geojson, locations=codes, z=[0] * len(codes), featureidkey="id",
        colorscale=COLOURSCALE, zmid=0, zmin=-index.colour_limit, zmax=index.colour_limit,
        marker=dict(line=dict(color=OBLAST_OUTLINE, width=[0.6] * len(codes))),
        hovertemplate="%{hovertext}<extra></extra>", hovertext=[""] * len(codes), name="oblasts",
        colorbar=dict(title=dict(text=COLOUR_TITLE, side="top", font=dict(size=11)),
                      thickness=12, len=0.6, x=0.9, xanchor="left", y=0.5,
                      tickvals=[-index.colour_limit, 0, index.colour_limit],
                      ticktext=[f"−{index.colour_limit:g} Russia", "0", f"+{index.colour_limit:g} Ukraine"]),
        showlegend=False))
    fig.add_trace(go.Scattergeo(   # the places marked in a view: filled by apply_update (or assets/view.js)
        lon=[], lat=[], mode="markers", name="claims", showlegend=False,
        hovertemplate="%{hovertext}<extra></extra>", hovertext=[],
        marker=dict(size=11, color=[], symbol=[], line=dict(width=1.5, color=[]))))
    fig.add_trace(go.Scattergeo(
        lon=[], lat=[], mode="markers", name="selected", showlegend=False, hoverinfo="skip",
        marker=dict(size=24, symbol="circle-open", color=HIGHLIGHT_RING, line=dict(width=4))))
    fig.add_trace(go.Scattergeo(
        lon=[], lat=[], text=[], mode="text", name="places named", showlegend=False, hoverinfo="skip",
        textposition="top center", textfont=dict(size=12, color=INK)))
    for actor in ACTORS:   # legend only: colour by actor
        fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=f"claim by {ACTOR_NAMES[actor]}",
                                    marker=dict(size=10, color=ACTOR_COLOURS[actor], symbol="circle"),
                                    hoverinfo="skip"))
    for action, symbol in ACTION_SYMBOLS.items():   # legend only: symbol by action
        if action == "advanced":
            continue
        fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name=action,
                                    marker=dict(size=10, color=MUTED, symbol=symbol),
                                    hoverinfo="skip"))
    fig.add_trace(go.Scattergeo(lon=[None], lat=[None], mode="markers", name="hollow: unconfirmed or hedged",
                                marker=dict(size=10, color=MUTED, symbol="circle-open"),
                                hoverinfo="skip"))
    lon_range, lat_range = map_extent(geojson, index.russian_regions)
    add_border_regions(fig, geojson, show_legend=bool(index.russian_regions))
    # the sea is the map's background colour, not a shape: the same picture (pixel for pixel but for the
    # coast's anti-aliasing), and a seventh less of every slider step's redraw (bench.map_engines)
    fig.update_geos(
        scope="europe", resolution=50, projection_type="mercator",
        lonaxis_range=lon_range, lataxis_range=lat_range, domain=dict(x=[0, 0.9], y=[0, 1]),
        showland=True, landcolor=LAND, showcountries=True, countrycolor=BORDERS, showcoastlines=True,
        coastlinecolor=BORDERS, showocean=False, showlakes=False, showrivers=False,
        showframe=False, bgcolor=OCEAN)
    fig.update_layout(
        title=dict(text="", x=0.01, xanchor="left", y=0.98, yanchor="top", font=dict(size=16 if not embed else 14)),
        margin=dict(l=4, r=4, t=86 if not embed else 70, b=30),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0.0, xanchor="left", font=dict(size=11),
                    itemclick=False, itemdoubleclick=False, bgcolor=LEGEND_BACKGROUND),
        # every text colour named (none left to plotly's defaults), so tests/test_palette.py can check contrast
        font=dict(color=INK), hoverlabel=dict(bgcolor=PAPER, bordercolor=INK, font=dict(color=INK)),
        paper_bgcolor=PAPER, uirevision="keep-zoom", dragmode="pan",
        annotations=[dict(text=CREDITS, showarrow=False, xref="paper", yref="paper", x=0, y=0, yshift=-6,
                          xanchor="left", yanchor="top", font=dict(size=10, color=MUTED))])
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
        fig.add_trace(go.Scattergeo(lon=lon, lat=lat, mode="lines", line=BORDER_REGIONS_LINE, hoverinfo="skip",
                                    name=BORDER_REGIONS_LEGEND, showlegend=show_legend))


def apply_update(fig: go.Figure, update: ViewUpdate) -> go.Figure:
    """Write a view into a full figure (what the dashboard's Patch does in the browser)."""
    fig.data[TRACE_OBLASTS].update(z=update.oblasts.z, hovertext=update.oblasts.hover,
                                   marker=dict(line=dict(width=update.oblasts.line_width)))
    m = update.markers
    fig.data[TRACE_MARKERS].update(lon=m["lon"], lat=m["lat"], hovertext=m["hovertext"], marker=dict(
        color=m["color"], symbol=m["symbol"], size=m["size"], line=dict(color=m["line"])))
    fig.data[TRACE_HIGHLIGHT].update(lon=update.highlight_lon, lat=update.highlight_lat)
    fig.data[TRACE_LABELS].update(lon=update.labels[0], lat=update.labels[1], text=update.labels[2])
    fig.layout.title.text = update.title
    title, ends = update.colour_bar or (COLOUR_TITLE, net_ticks(fig.data[TRACE_OBLASTS].zmax))
    fig.data[TRACE_OBLASTS].colorbar.update(title=dict(text=title), ticktext=ends)
    return fig


def net_ticks(limit: float) -> list[str]:
    """The colour bar's words for net control changes: its two ends and the middle."""
    return [f"−{limit:g} Russia", "0", f"+{limit:g} Ukraine"]


def map_figure(geojson: dict, index: EventIndex, state: ViewState, selected_event: int | None = None) -> go.Figure:
    return apply_update(base_figure(geojson, index, state.embed), view_update(index, state, selected_event))


@dataclass
class Tally:
    """Area and settlement claims with no place, in view: listed, not summed (they overlap)."""
    rows: list[dict]
    oblast_only: int
    more: int = 0   # gains in view not listed (the list keeps the newest ``limit``); all of them are in the table
    # per side: (ISO date, km²) of every area claim in view, oldest first: each as claimed, never added up
    areas: dict[str, list[tuple[str, float]]] | None = None


GAINS_LISTED = 8   # the side list stays short at any scale: the newest gains, then a count of the rest


def tally(index: EventIndex, state: ViewState, limit: int = GAINS_LISTED) -> Tally:
    keep = index.mask(state)
    frame = index.frame
    # only gains with a figure: an area or a count of settlements ("Ukraine: not stated" tells a reader nothing)
    figure = (frame["area_km2"].notna() | frame["settlements"].notna()).to_numpy()
    gains = np.flatnonzero(keep & (index.action == ACTIONS_INDEX["advanced"]) & figure)
    rows = gains[::-1][:limit]
    areas = {a: [] for a in ACTORS}
    with_area = gains[frame["area_km2"].notna().to_numpy()[gains]]
    for actor, day, km2 in zip(frame["actor"].to_numpy()[with_area], frame["date_end"].to_numpy()[with_area],
                               frame["area_km2"].to_numpy()[with_area]):
        areas[actor].append((str(day), float(km2)))
    listed = []
    for i in rows:
        r = frame.iloc[int(i)]
        amount = []
        if pd.notna(r.area_km2):
            amount.append(f"{r.area_km2:,.0f} km²")
        if pd.notna(r.settlements):
            amount.append(f"{int(r.settlements):,} settlements")
        listed.append({"actor": r.actor, "amount": " and ".join(amount), "date": r.event_date,
                       "attribution": r.attribution or "not stated", "confirmed": r.confirmed})
    oblast_only = int((keep & ~index.has_point & (index.oblast >= 0)).sum())
    return Tally(listed, oblast_only, more=len(gains) - len(rows), areas=areas)
