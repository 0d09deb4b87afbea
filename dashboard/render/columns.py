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

from dashboard.query.control import AUTO_CONTROL_SPAN_DAYS, DEFAULT_CONTESTED_DAYS, MODES
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
    TRACE_LEGEND_CLAIMS,
    TRACE_LEGEND_CONTROL,
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
    "fit": {"margin": FIT_MARGIN, "min_span": list(FIT_MIN_SPAN), "aspect": FIT_ASPECT},
    "colour_titles": {"claims": COLOUR_TITLE, "control": CONTROL_COLOUR_TITLE},
    "control_ticks": list(CONTROL_TICKS),
}
TRACES = {
    "oblasts": TRACE_OBLASTS,
    "markers": TRACE_MARKERS,
    "highlight": TRACE_HIGHLIGHT,
    "labels": TRACE_LABELS,
    # each map mode's legend (figure.legend_visibility): shown in its mode, hidden in the other
    "legend_claims": list(TRACE_LEGEND_CLAIMS),
    "legend_control": list(TRACE_LEGEND_CONTROL),
}


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


# The published page's events (dashboard.publish), packed for the wire: assets/packed_columns.js unpacks them
# into the columns above. Each event's claim fields (side, action, sign, flags, who said it, review state, oblast)
# become one position in a table of the distinct combinations ("kinds": a few dozen where there are 100,000
# events), its day a count of events per day (the rows are sorted by day), and the kind and the marker slot are
# written as fixed-width numbers in base len(ALPHABET), one digit plane after another (the most significant digits
# of every row, then the next), a text that gzip and brotli compress to near its entropy (a JSON list of numbers
# costs about a third more). 100,000 events over four years: 3.5 MB of JSON lists become 0.3 MB of text,
# 0.2 MB compressed. Lossless: unpacked, every column is what browser_columns gave.
PER_EVENT = ("day", "actor", "action", "oblast", "sign", "flags", "slot", "said", "claimant", "reviewed")
KIND_FIELDS = ("actor", "action", "sign", "flags", "said", "claimant", "reviewed", "oblast")
COORDINATE_SCALE = 100_000  # the places' coordinates: in 1e-5 degrees (about a metre)
SLOT_OBLAST = -2  # a kind's oblast when it is that of the event's marker slot (any event with a place)
# printable ASCII that needs no escape in JSON, HTML or a script: no quote, backslash, <, >, & or apostrophe
ALPHABET = "".join(chr(c) for c in range(35, 127) if chr(c) not in "\\<>&'")


def _digits(values: np.ndarray) -> dict:
    """Non-negative integers as fixed-width base-len(ALPHABET) text, digit planes most significant first."""
    base = len(ALPHABET)
    width = 1
    while len(values) and base**width <= int(values.max()):
        width += 1
    symbols = np.frombuffer(ALPHABET.encode("ascii"), dtype=np.uint8)
    planes = [symbols[(values // base**k) % base] for k in reversed(range(width))]
    return {"width": width, "text": np.concatenate(planes).tobytes().decode("ascii") if planes else ""}


def packed_columns(columns: dict) -> dict:
    """``browser_columns``' payload with its per-event columns packed (see above); everything else as it was."""
    n = len(columns["day"])
    rows = {name: np.asarray(columns[name], dtype=np.int64) for name in PER_EVENT if len(columns.get(name) or [])}
    for name, values in rows.items():
        if len(values) != n:
            raise ValueError(f"the events' column {name!r} has {len(values)} values for {n} events")
    if n and np.any(np.diff(rows["day"]) < 0):
        raise ValueError("the events' days are not sorted: the rows of a day would not be a prefix")
    slot = rows["slot"] if "slot" in rows else np.full(n, -1)
    slot_oblast = np.asarray(columns["slot_oblast"], dtype=np.int64)
    if "oblast" in rows and n:
        own = (
            (slot >= 0) & (slot_oblast[np.maximum(slot, 0)] == rows["oblast"])
            if len(slot_oblast)
            else np.zeros(n, bool)
        )
        rows["oblast"] = np.where(own, SLOT_OBLAST, rows["oblast"])
    fields = [name for name in KIND_FIELDS if name in rows]
    table, kind = (
        np.unique(np.stack([rows[name] for name in fields], axis=1), axis=0, return_inverse=True)
        if n and fields
        else (np.zeros((0, len(fields)), dtype=np.int64), np.zeros(n, dtype=np.int64))
    )
    payload = {key: value for key, value in columns.items() if key not in PER_EVENT}
    payload["packed"] = {
        "rows": n,
        "alphabet": ALPHABET,
        "slot_oblast": SLOT_OBLAST,
        "empty": [name for name in PER_EVENT if name not in rows],
        "day_counts": np.bincount(rows["day"]).tolist() if n else [],
        "kinds": {name: table[:, k].tolist() for k, name in enumerate(fields)},
        "kind": _digits(kind.reshape(-1)),
        "slot": _digits(slot + 1),  # -1 (no place) is 0
    }
    # the places' coordinates (rounded to 5 decimals by browser_columns) as whole 1e-5 degrees above the least
    for name in ("slot_lon", "slot_lat"):
        units = np.round(np.asarray(columns[name], dtype=float) * COORDINATE_SCALE).astype(np.int64)
        least = int(units.min()) if len(units) else 0
        payload[name] = {"scale": COORDINATE_SCALE, "least": least, **_digits(units - least)}
    return payload
