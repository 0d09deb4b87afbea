"""The query engine: the event table as arrays, and what a view state selects from it. No Plotly, no Dash, no I/O.

``EventIndex`` holds the event table as numpy arrays so that one view costs a few vector operations, whatever the
number of events: ``mask`` (the claims in view), ``oblast_tallies`` (net control changes and counts per oblast),
``marker_state`` (one marker per place: its latest claim in view), ``label_slots`` (the places named on the map),
``highlight`` and ``tally`` (area and settlement gains). The drawing (``dashboard.render.figure``), the map in words
(``dashboard.render.words``) and the browser's payload (``dashboard.render.columns``) read these; assets/view.js is this
module's twin in the browser, held to the same values by tests/test_view_twin.py.

What the colour means: for each oblast, the net number of control changes the claims in view report: +1 for every
claim that Ukraine took a place or Russia left one, -1 for every claim the other way round (``CONTROL_SIGN`` from
the vocabulary). Strikes, repelled attacks and area gains do not change the colour.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from dashboard.dates import day_number
from dashboard.query.state import WINDOW_RECENT, ViewState
from dashboard.vocabulary import ACTIONS, ACTORS, CONTROL_SIGN

# Russia's border regions are named with their country wherever an oblast is named
RUSSIA_SUFFIX = " (Russia)"
TEXT_COLUMNS = (
    "place_as_written",
    "place_name",
    "oblast_iso",
    "attribution",
    "outlet",
    "url",
    "date_phrase",
    "flags",
    "source",
)
VERSION_COLUMNS = (
    "id",
    "date_end",
    "geonameid",
    "actor",
    "action",
    "confirmed",
    "hedged",
    "attribution",
    "sentence",
    "oblast_iso",
)
ACTIONS_INDEX = {a: i for i, a in enumerate(ACTIONS)}
# the places named on the map: the most-claimed in view, at most LABEL_COUNT, none closer to a named one than
# LABEL_SPACING (degrees of longitude, latitude: about a name's width and height at the page's map size)
LABEL_COUNT = 8
LABEL_SPACING = (1.3, 0.45)
# at most this many places get a marker (the most claimed in view, then the newest): thousands of markers are
# a sea nobody reads, and each one costs the map's every redraw; the title says how many are left out
MARKER_LIMIT = 250
GAINS_LISTED = 8  # the side list stays short at any scale: the newest gains, then a count of the rest
# who said it (the "said by" filter): a claim with no claimant is "not stated"; claimants are grouped by the side
# all their claims carry (a claimant of either side, a governor on both, goes with the others)
CLAIMANT_NOT_STATED = "not stated"
CLAIMANT_GROUPS = (("UA", "Ukraine's"), ("RU", "Russia's"), ("", "Others and unnamed"))


class EventIndex:
    """The event table as arrays for fast views; built once per database load."""

    def __init__(self, frame: pd.DataFrame, oblasts: dict[str, str], place_names: dict[int, str] | None = None):
        """``oblasts``: code -> name shown; ``place_names``: geonameid -> the name shown for a place whose English
        name differs from the stored ``place_name`` (``geo.Gazetteer.english_names``), kept in ``place_label``."""
        self.oblast_codes = sorted(oblasts)
        # "Kursk Oblast (Russia)": a reader never takes a Russian border region for a Ukrainian oblast
        oblasts = {
            code: name + RUSSIA_SUFFIX if code.startswith("RU-") and not name.endswith(RUSSIA_SUFFIX) else name
            for code, name in oblasts.items()
        }
        self.oblast_names = oblasts
        frame = frame.sort_values(["date_end", "id"], kind="stable").reset_index(drop=True)
        for column in TEXT_COLUMNS:
            frame[column] = frame[column].astype(object).where(frame[column].notna(), "")
        frame["oblast_name"] = frame["oblast_iso"].map(oblasts).fillna("")
        # the name readers see: the English name where the gazetteer's differs; the stored place_name stays
        frame["place_label"] = frame["place_name"]
        if place_names and len(frame):
            frame["place_label"] = [
                place_names.get(int(g), name) if pd.notna(g) else name
                for g, name in zip(frame["geonameid"].astype(object), frame["place_name"])
            ]
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
        self._claimants(frame)
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
        self.slot_name = frame["place_label"].to_numpy(dtype=object)[pointed[first]] if n else np.zeros(0, object)
        # identifies the data: a browser's drawn view can be patched by difference only on the same data,
        # whichever server process (gunicorn worker) answers
        version_columns = [c for c in (*VERSION_COLUMNS, "review_label") if c in frame.columns]
        content = pd.util.hash_pandas_object(frame[version_columns], index=False).to_numpy()
        self.version = hashlib.sha1(content.tobytes()).hexdigest()[:16]
        self.first_day = int(self.day.min()) if n else day_number(date.today().isoformat())
        self.last_day = int(self.day.max()) if n else self.first_day
        # colour range fixed over the whole timeline, so the colours of two days compare
        counted = (self.sign != 0) & (self.oblast >= 0)  # an unplaced claim colours no oblast
        totals = (
            np.bincount(self.oblast[counted], weights=self.sign[counted], minlength=len(self.oblast_codes))
            if n
            else np.zeros(1)
        )
        self.colour_limit = max(1.0, float(np.abs(totals).max(initial=0)))

    def _claimants(self, frame: pd.DataFrame) -> None:
        """``claimant``: each row's position in ``claimant_names`` (sorted canonical claimants, "not stated" for
        none); ``claimant_groups``: side (UA, RU, "") -> its claimants' names."""
        empty = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        claimant = frame["claimant"] if "claimant" in frame else empty
        names = claimant.astype(object).where(claimant.notna() & (claimant.astype(str) != ""), CLAIMANT_NOT_STATED)
        sides = (frame["claimant_side"] if "claimant_side" in frame else empty).astype(object).fillna("")
        self.claimant_names = sorted(set(names))
        self.claimant = names.map({n: i for i, n in enumerate(self.claimant_names)}).to_numpy(dtype=np.int32)
        side_of = {
            name: next(iter(found)) if len(found) == 1 and next(iter(found)) in ACTORS else ""
            for name, found in sides.groupby(names.to_numpy()).agg(lambda v: set(v)).items()
        }
        self.claimant_groups = {
            side: [n for n in self.claimant_names if side_of[n] == side] for side, _ in CLAIMANT_GROUPS
        }

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
        if state.said:  # names the data does not have select nothing
            keep &= np.isin(self.claimant, [i for i, n in enumerate(self.claimant_names) if n in state.said])
        if with_oblast and state.oblast in self.oblast_names:
            keep &= self.oblast == self.oblast_codes.index(state.oblast)
        return keep


@dataclass
class OblastTallies:
    """Per oblast (in ``index.oblast_codes`` order), over the claims in view."""

    net: np.ndarray  # net control changes: + toward Ukraine, - toward Russia
    control: np.ndarray  # control claims (captured, withdrew)
    strikes: np.ndarray
    repelled: np.ndarray


def oblast_tallies(index: EventIndex, keep: np.ndarray) -> OblastTallies:
    count = len(index.oblast_codes)
    control = keep & (index.sign != 0) & (index.oblast >= 0)
    placed = keep & (index.oblast >= 0)
    return OblastTallies(
        np.bincount(index.oblast[control], weights=index.sign[control], minlength=count),
        np.bincount(index.oblast[control], minlength=count),
        np.bincount(index.oblast[placed & (index.action == ACTIONS_INDEX["struck"])], minlength=count),
        np.bincount(index.oblast[placed & (index.action == ACTIONS_INDEX["repelled"])], minlength=count),
    )


@dataclass
class MarkerState:
    """Per marker slot: the row of its latest claim in view (-1: hidden) and how many claims it has (0 when
    hidden); ``left_out``: places with claims in view beyond MARKER_LIMIT, not drawn."""

    latest: np.ndarray
    counts: np.ndarray
    left_out: int = 0


def marker_state(index: EventIndex, state: ViewState, keep: np.ndarray | None = None) -> MarkerState:
    """One marker per place: its latest claim in view (events are sorted by date, so the highest row)."""
    keep = index.mask(state) if keep is None else keep
    rows = np.flatnonzero(keep & index.has_point)
    latest = np.full(index.n_slots, -1, dtype=np.int64)
    np.maximum.at(latest, index.slot[rows], rows)
    counts = np.bincount(index.slot[rows], minlength=index.n_slots)
    shown = np.flatnonzero(latest >= 0)
    left_out = max(0, shown.size - MARKER_LIMIT)
    if left_out:  # most claims first, then the newest latest claim (assets/view.js sorts the same way)
        hidden = shown[np.lexsort((-latest[shown], -counts[shown]))][MARKER_LIMIT:]
        latest[hidden] = -1
        counts[hidden] = 0
    return MarkerState(latest, counts, left_out)


def highlight(index: EventIndex, selected_event: int | None) -> tuple[list[float], list[float]]:
    """Where the selected claim is on the map (no point: nothing)."""
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
        if any(
            abs(index.slot_lon[slot] - index.slot_lon[c]) < LABEL_SPACING[0]
            and abs(index.slot_lat[slot] - index.slot_lat[c]) < LABEL_SPACING[1]
            for c in chosen
        ):
            continue
        chosen.append(slot)
    return chosen


@dataclass
class Tally:
    """Area and settlement claims with no place, in view: listed, not summed (they overlap)."""

    rows: list[dict]
    oblast_only: int
    more: int = 0  # gains in view not listed (the list keeps the newest ``limit``); all of them are in the table
    # per side: (ISO date, km²) of every area claim in view, oldest first: each as claimed, never added up
    areas: dict[str, list[tuple[str, float]]] | None = None


def tally(index: EventIndex, state: ViewState, limit: int = GAINS_LISTED) -> Tally:
    keep = index.mask(state)
    frame = index.frame
    # only gains with a figure: an area or a count of settlements ("Ukraine: not stated" tells a reader nothing)
    figure = (frame["area_km2"].notna() | frame["settlements"].notna()).to_numpy()
    gains = np.flatnonzero(keep & (index.action == ACTIONS_INDEX["advanced"]) & figure)
    rows = gains[::-1][:limit]
    areas = {a: [] for a in ACTORS}
    with_area = gains[frame["area_km2"].notna().to_numpy()[gains]]
    for actor, day, km2 in zip(
        frame["actor"].to_numpy()[with_area],
        frame["date_end"].to_numpy()[with_area],
        frame["area_km2"].to_numpy()[with_area],
    ):
        areas[actor].append((str(day), float(km2)))
    listed = []
    for i in rows:
        r = frame.iloc[int(i)]
        amount = []
        if pd.notna(r.area_km2):
            amount.append(f"{r.area_km2:,.0f} km²")
        if pd.notna(r.settlements):
            amount.append(f"{int(r.settlements):,} settlements")
        listed.append(
            {
                "actor": r.actor,
                "amount": " and ".join(amount),
                "date": r.event_date,
                "attribution": r.attribution or "not stated",
                "confirmed": r.confirmed,
            }
        )
    oblast_only = int((keep & ~index.has_point & (index.oblast >= 0)).sum())
    return Tally(listed, oblast_only, more=len(gains) - len(rows), areas=areas)
