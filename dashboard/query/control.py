"""Claimed control per place, as of a day: which side the latest claim in view says holds each place, and where
the two sides' latest claims disagree. Pure: (event index, view state) -> arrays; no Plotly, no Dash, no I/O.

Who a claim says holds the place afterwards is the vocabulary's (``Action.holds_after``, ARCHITECTURE.md, "One
vocabulary"): a capture by a side or a repelled attack (a claim of holding) -> that side; a withdrawal by a side
-> the other side; advances and strikes say nothing about a place's holder. The claims counted are those of the
view (its days, sides, actions, the hedged filter, Ukraine only), so "as of the day" is every claim up to the
day, or only the last N days.

- **holder**: the side named by the latest such claim at the place (ties on a day: the later stored claim);
- **hedged**: that claim is hedged or could not be confirmed (the map draws it hollow);
- **contested**: each side's own latest claim about the place names a different holder, and the two are at
  most ``contested_days`` apart (e.g. Russia says it took a village on the 3rd, Ukraine says on the 10th it
  repelled an attack there). The side making a claim is the actor here: the claimant's side is not in the
  columns the map gets.

Oblasts: the share of their places with a holder that each side holds (+1: all Ukraine's, -1: all Russia's).

``assets/view.js`` (``controlView``) computes the same values in the browser; tests/test_control.py and
tests/browser/test_control.py hold the two together.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from dashboard.vocabulary import ACTIONS, ACTORS, HOLDER_AFTER

if TYPE_CHECKING:  # the index is the query layer's; imported for the annotations only
    from dashboard.query.index import EventIndex
    from dashboard.query.state import ViewState

MODE_CONTROL, MODE_CLAIMS = "control", "claims"
MODES = (MODE_CONTROL, MODE_CLAIMS)
# the claimed-control map is the default when the timeline is longer than this (half a year): over years, "every
# claim up to this day" piles hundreds of markers on a front; "who claims to hold what" still reads. A season of
# reporting (the seed articles span 104 days) still opens on the claims of the period
AUTO_CONTROL_SPAN_DAYS = 183
DEFAULT_CONTESTED_DAYS = 14
MAX_CONTESTED_DAYS = 365


def auto_mode(first_day: int, last_day: int) -> str:
    return MODE_CONTROL if last_day - first_day > AUTO_CONTROL_SPAN_DAYS else MODE_CLAIMS


def shown_mode(index: EventIndex, state: ViewState) -> str:
    """The map mode of a view: the one asked for, else the default for the timeline's span."""
    mode = getattr(state, "mode", None)
    return mode if mode in MODES else auto_mode(index.first_day, index.last_day)


def holder_of_rows(actor: np.ndarray, action: np.ndarray) -> np.ndarray:
    """Per row: the position in ACTORS of the side the claim says holds its place afterwards, -1 for none."""
    holder = np.full(len(actor), -1, dtype=np.int8)
    for name, who in HOLDER_AFTER.items():  # the vocabulary's holds_after: "actor" or "other"
        rows = action == list(ACTIONS).index(name)
        holder[rows] = actor[rows] if who == "actor" else (len(ACTORS) - 1) - actor[rows]
    return holder


def slot_oblasts(index: EventIndex) -> np.ndarray:
    """The oblast position of each marker slot (its first claim's), -1 for none."""
    first = np.full(index.n_slots, -1, dtype=np.int64)
    rows = np.flatnonzero(index.slot >= 0)[::-1]
    first[index.slot[rows]] = rows  # the first row of each slot wins (written last)
    return np.where(first >= 0, index.oblast[np.maximum(first, 0)], -1) if index.n_slots else np.zeros(0, np.int16)


@dataclass
class Control:
    """Per marker slot and per oblast; rows are the index's rows (-1: none)."""

    holder: np.ndarray  # per slot: position in ACTORS, -1 = no claim of holding in view
    row: np.ndarray  # per slot: the row of the latest claim of holding
    hedged: np.ndarray  # per slot: that claim is hedged or unconfirmed
    contested: np.ndarray  # per slot: the sides' latest claims disagree within contested_days
    other_row: np.ndarray  # per slot: the other side's latest claim when contested, else -1
    counts: np.ndarray  # per slot: claims of holding in view
    held: np.ndarray  # per oblast and side: places held (n_oblasts x len(ACTORS))
    oblast_contested: np.ndarray  # per oblast: contested places
    share: np.ndarray  # per oblast: (Ukraine's - Russia's) / places with a holder, 0 for none


def claimed_control(
    index: EventIndex, state: ViewState, keep: np.ndarray | None = None, contested_days: int | None = None
) -> Control:
    keep = index.mask(state) if keep is None else keep
    days = getattr(state, "contested_days", DEFAULT_CONTESTED_DAYS) if contested_days is None else contested_days
    holder_row = holder_of_rows(index.actor, index.action)
    rows = np.flatnonzero(keep & (index.slot >= 0) & (holder_row >= 0))
    n = index.n_slots
    latest = np.full(n, -1, dtype=np.int64)
    np.maximum.at(latest, index.slot[rows], rows)
    counts = np.bincount(index.slot[rows], minlength=n)
    by_side = []
    for side in range(len(ACTORS)):
        own = rows[index.actor[rows] == side]
        side_latest = np.full(n, -1, dtype=np.int64)
        np.maximum.at(side_latest, index.slot[own], own)
        by_side.append(side_latest)
    ua, ru = by_side
    both = (ua >= 0) & (ru >= 0)
    safe_ua, safe_ru = np.maximum(ua, 0), np.maximum(ru, 0)
    contested = (
        both
        & (holder_row[safe_ua] != holder_row[safe_ru])
        & (np.abs(index.day[safe_ua].astype(np.int64) - index.day[safe_ru]) <= days)
    )
    has = latest >= 0
    safe = np.maximum(latest, 0)
    holder = np.where(has, holder_row[safe], -1).astype(np.int8)
    other_row = np.where(contested, np.where(latest == ua, ru, ua), -1)
    oblast = slot_oblasts(index)
    count = len(index.oblast_codes)
    held = np.zeros((count, len(ACTORS)), dtype=np.int64)
    placed = has & (oblast >= 0)
    for side in range(len(ACTORS)):
        held[:, side] = np.bincount(oblast[placed & (holder == side)], minlength=count)
    oblast_contested = np.bincount(oblast[placed & contested], minlength=count)
    total = held.sum(axis=1)
    share = np.where(total > 0, (held[:, 0] - held[:, 1]) / np.maximum(total, 1), 0.0)
    return Control(
        holder,
        latest,
        has & index.doubtful[safe] if index.size else has,
        contested,
        other_row,
        counts,
        held,
        oblast_contested,
        share,
    )
