"""The events a view needs, as compact columns for the browser: sent once with the page, read by assets/view.js.

The browser recomputes the map from these columns on every slider step, play
tick and filter change (no server round trip). One row per event, in the
index's order (by last day, then id), so the rows up to a day are a prefix:

- ``day``: days since ``first_day``; ``actor`` / ``action``: positions in
  ``schema.ACTORS`` / ``schema.ACTIONS``; ``oblast``: position in ``oblasts``
  (-1: none); ``sign``: the control sign (+1 toward Ukraine, -1 toward
  Russia, 0); ``flags``: 1 = unconfirmed or hedged, 2 = placed in Russia;
  ``slot``: the marker slot of the event's place (-1: no point);
  ``said``: position in ``attributions`` (-1: not stated); ``claimant``: position in ``claimant_names`` (the
  canonical claimants, sorted; "not stated" among them), for the "said by" filter; ``claimant_groups``: their
  names per group (Ukraine's, Russia's, others: ``query.CLAIMANT_GROUPS``).
- per marker slot: ``slot_lon``, ``slot_lat``, ``slot_name`` (the place's
  name), ``slot_oblast``.
- ``vocabulary``: the actors' and actions' names, labels, colours, symbols and
  control signs (``dashboard.vocabulary``) and the query's limits;
  ``traces``: the position of each trace a view updates (``dashboard.render.figure``);
  ``ids``: the page's element ids the script looks for (``dashboard.web.layout``).
  The browser hard-codes none of them.

Text from articles (place names, who said it) is data: the browser escapes
it before it goes into hover labels.
"""

from __future__ import annotations

import numpy as np

from dashboard.query.control import AUTO_CONTROL_SPAN_DAYS, DEFAULT_CONTESTED_DAYS, HOLDER_BY_ACTION, MODES
from dashboard.query.index import CLAIMANT_GROUPS, LABEL_COUNT, LABEL_SPACING, MARKER_LIMIT, EventIndex
from dashboard.query.state import DEFAULT_RECENT_DAYS
from dashboard.render.control_map import CONTROL_COLOUR_TITLE, CONTROL_TICKS
from dashboard.render.figure import (
    COLOUR_TITLE,
    FIT_ASPECT,
    FIT_MARGIN,
    FIT_MIN_SPAN,
    TRACE_HIGHLIGHT,
    TRACE_LABELS,
    TRACE_MARKERS,
    TRACE_OBLASTS,
)
from dashboard.vocabulary import browser_vocabulary

DOUBTFUL, IN_RUSSIA = 1, 2
# the words and marks the browser draws with, from the one place each is defined
VOCABULARY = {
    **browser_vocabulary(),
    "label_count": LABEL_COUNT,
    "marker_limit": MARKER_LIMIT,
    "label_spacing": list(LABEL_SPACING),
    "default_recent_days": DEFAULT_RECENT_DAYS,
    # claimed control (dashboard/query/control.py)
    "modes": list(MODES),
    "auto_control_span_days": AUTO_CONTROL_SPAN_DAYS,
    "default_contested_days": DEFAULT_CONTESTED_DAYS,
    "control_holder": HOLDER_BY_ACTION,
    "fit": {"margin": FIT_MARGIN, "min_span": list(FIT_MIN_SPAN), "aspect": FIT_ASPECT},
    "colour_titles": {"claims": COLOUR_TITLE, "control": CONTROL_COLOUR_TITLE},
    "control_ticks": list(CONTROL_TICKS),
}
TRACES = {"oblasts": TRACE_OBLASTS, "markers": TRACE_MARKERS, "highlight": TRACE_HIGHLIGHT, "labels": TRACE_LABELS}


def _codes(values) -> tuple[list[int], list[str]]:
    """Dictionary-encode texts: (a position per value, -1 for empty; the distinct texts)."""
    distinct: dict[str, int] = {}
    positions = []
    for value in values:
        if not value:
            positions.append(-1)
        else:
            positions.append(distinct.setdefault(value, len(distinct)))
    return positions, list(distinct)


def browser_columns(index: EventIndex, ids: dict[str, str] | None = None) -> dict:
    """The payload of assets/view.js; ``ids``: the page's element ids it needs (map, day, settled)."""
    frame = index.frame
    said, attributions = _codes(frame["attribution"].tolist()) if index.size else ([], [])
    # the desk's review state of each claim (dashboard.review.view), when review is on and the view has it
    reviewed, review_states = (
        _codes(frame["review_label"].tolist()) if index.size and "review_label" in frame else ([], [])
    )
    first_slot_row = np.full(index.n_slots, -1, dtype=np.int64)
    rows = np.flatnonzero(index.slot >= 0)
    first_slot_row[index.slot[rows[::-1]]] = rows[::-1]  # the first row of each slot wins
    return {
        "version": index.version,
        "first_day": index.first_day,
        "last_day": index.last_day,
        "colour_limit": index.colour_limit,
        "oblasts": index.oblast_codes,
        "oblast_names": [index.oblast_names[c] for c in index.oblast_codes],
        "day": (index.day - index.first_day).tolist(),
        "actor": index.actor.tolist(),
        "action": index.action.tolist(),
        "oblast": index.oblast.tolist(),
        "sign": index.sign.tolist(),
        "flags": (index.doubtful * DOUBTFUL + index.in_russia * IN_RUSSIA).astype(int).tolist(),
        "slot": index.slot.tolist(),
        "said": said,
        "attributions": attributions,
        "claimant": index.claimant.tolist(),
        "claimant_names": index.claimant_names,
        "claimant_groups": [index.claimant_groups[side] for side, _ in CLAIMANT_GROUPS],
        "reviewed": reviewed,
        "review_states": review_states,
        "slot_lon": np.round(index.slot_lon, 5).tolist(),
        "slot_lat": np.round(index.slot_lat, 5).tolist(),
        "slot_name": [str(n) for n in index.slot_name],
        "slot_oblast": index.oblast[first_slot_row].tolist() if index.n_slots else [],
        "vocabulary": VOCABULARY,
        "traces": TRACES,
        "ids": dict(ids or {}),
    }
