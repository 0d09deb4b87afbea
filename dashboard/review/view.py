"""The events a view shows: the loader's extraction with the newsroom's decisions applied. No Dash, no I/O.

``effective_events(frame, decisions, view)`` is the one place that decides
what a reader, the desk, or an instance without review sees; the map, the
table, the summary and the exports get its frame as they always got events.

- ``reader``: confirmed, corrected and added claims only, corrections applied.
- ``desk``: every claim, corrections applied, with its state (``new``,
  ``confirmed``, ``corrected``, ``rejected``) labelled.
- ``all``: the view of an instance where review is not turned on: every
  claim, nothing labelled (as before review existed).

Columns added: ``review_state``, ``review_label`` (the state as shown, empty
in ``all``), ``review_editor``, ``review_at``, ``review_note`` and
``review_flag``: ``re-read differs`` when the loader's extraction of a
reviewed claim no longer has the values the decision was made on (a re-read
with new rules disagrees with a correction or confirmation); on a claim an
editor added (``added_by``), ``the loader finds it too`` when the loader has
the same claim (article, sentence, side, action, place) since a re-read, and
on that claim of the loader's, ``an editor added it too``.
"""

from __future__ import annotations

import json
import math
import numbers
import sys

import numpy as np
import pandas as pd

from dashboard.review.claims import claimant_fields
from dashboard.schema import DATE_BOUNDED_FIELDS, EARLIEST_EVENT_DATE, NUMBER_BOUNDS, field_problem, latest_event_date
from dashboard.store.rows import DECISION_COLUMNS, empty_decisions  # noqa: F401 (re-exported)

READER, DESK, ALL = "reader", "desk", "all"
VIEWS = (READER, DESK, ALL)
STATES = ("new", "confirmed", "corrected", "rejected", "added")
PUBLISHED_STATES = ("confirmed", "corrected", "added")
REREAD_DIFFERS = "re-read differs"
LOADER_FINDS_IT = "the loader finds it too"  # on a claim an editor added, once a re-read finds the same
EDITOR_ADDED_IT = "an editor added it too"  # on the loader's claim an editor had added before
REVIEW_COLUMNS = ["review_state", "review_label", "review_editor", "review_at", "review_note", "review_flag"]


# what a page with review on says it shows, near its title, in the embed and in its PNGs
BANNERS = {READER: "Reviewed claims only", DESK: "Desk view: includes unreviewed claims"}


# where the app keeps its editors' sign-in (``dashboard.review.auth.Editing``): ``server.extensions[...]``
EDITING_EXTENSION = "conflict_map_editing"


def resolve_view(requested: str | None, review_on: bool, embed: bool = False) -> str:
    """The view a request gets: ``all`` without review; with it, the reader's view unless the desk's is asked
    for (never in embed mode, which is for readers)."""
    if not review_on:
        return ALL
    if requested == DESK and not embed:
        return DESK
    return READER


def _same(a, b) -> bool:
    def norm(v):
        if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
            return None
        if isinstance(v, (bool, np.bool_)):
            return bool(v)
        if isinstance(v, numbers.Number):  # numpy's integers and floats too
            return round(float(v), 6)
        try:
            if pd.isna(v):
                return None
        except (TypeError, ValueError):
            pass
        return str(v)

    return norm(a) == norm(b)


def _flag_duplicates(frame: pd.DataFrame, flags: np.ndarray) -> None:
    """Flag an editor's claim the loader has found too (same article, sentence, side, action, place), and the
    loader's copy."""
    if "added_by" not in frame or not (frame["added_by"].to_numpy(dtype=object) != "").any():
        return
    place = frame["geonameid"].astype(object).where(frame["geonameid"].notna(), frame["oblast_iso"])
    claim = pd.DataFrame(
        {
            "article_id": frame["article_id"].to_numpy(),
            "start": frame["sentence_start"].to_numpy(),
            "end": frame["sentence_end"].to_numpy(),
            "actor": frame["actor"].to_numpy(),
            "action": frame["action"].to_numpy(),
            "place": place.astype(str).to_numpy(),
            "position": np.arange(len(frame)),
        }
    )
    added = frame["added_by"].to_numpy(dtype=object) != ""
    keys = ["article_id", "start", "end", "actor", "action", "place"]
    both = claim[added].merge(claim[~added], on=keys, suffixes=("_added", "_loader"))
    for position, text in ((both["position_added"], LOADER_FINDS_IT), (both["position_loader"], EDITOR_ADDED_IT)):
        for at in position.unique():
            flags[at] = f"{flags[at]}; {text}" if flags[at] else text


def _log(message: str) -> None:
    print(f"dashboard: {message}", file=sys.stderr, flush=True)


def within_bounds(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame without what ``dashboard.schema`` would refuse to store, stored before its bounds existed: a
    number out of bounds becomes missing, a claim dated out of range is left out; each kind logged once."""
    numbers_out = {}
    for name, (low, high) in NUMBER_BOUNDS.items():
        if name not in frame or frame.empty:
            continue
        values = pd.to_numeric(frame[name], errors="coerce").astype("float64")
        bad = frame[name].notna().to_numpy() & ~values.between(low, high).to_numpy()
        if bad.any():
            numbers_out[name] = int(bad.sum())
            frame = frame.copy()
            frame.loc[bad, name] = np.nan if frame[name].dtype.kind == "f" else pd.NA
    keep = pd.Series(True, index=frame.index)
    for name in DATE_BOUNDED_FIELDS:
        if name in frame and not frame.empty:
            days = frame[name].astype(str).str.slice(0, 10)
            keep &= (days >= EARLIEST_EVENT_DATE.isoformat()) & (days <= latest_event_date().isoformat())
    for name, count in numbers_out.items():
        _log(f"{count} stored claim(s) have {name} out of bounds: shown without it")
    if not keep.all():
        _log(
            f"{int((~keep).sum())} stored claim(s) dated outside {EARLIEST_EVENT_DATE} to {latest_event_date()}: "
            "left out"
        )
        frame = frame[keep]
    return frame


def effective_events(frame: pd.DataFrame, decisions: pd.DataFrame, view: str, bounded: bool = False) -> pd.DataFrame:
    """The events ``view`` shows; ``decisions`` is the latest decision per ``event_key`` (``DECISION_COLUMNS``,
    ``changes`` and ``extracted`` as JSON text). ``bounded``: ``frame`` is ``within_bounds``'s answer already (the
    dashboard's source checks the events once per read of them, not once per decision and view)."""
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}: one of {', '.join(VIEWS)}")
    frame = (frame if bounded else within_bounds(frame)).copy()
    latest = decisions.drop_duplicates("event_key", keep="last").set_index("event_key")
    keys = frame["event_key"] if "event_key" in frame else pd.Series("", index=frame.index)
    frame["review_state"] = keys.map(latest["state"]).fillna("new").astype(object)
    frame["review_editor"] = keys.map(latest["editor"]).fillna("").astype(object)
    frame["review_at"] = keys.map(latest["created_at"]).fillna("").astype(object)
    frame["review_note"] = keys.map(latest["note"]).fillna("").astype(object)
    flags = np.full(len(frame), "", dtype=object)
    changes_of, extracted_of = keys.map(latest["changes"]).to_numpy(), keys.map(latest["extracted"]).to_numpy()
    columns: dict[str, np.ndarray] = {}  # the extraction's values, one array per column asked about
    updates: dict[str, tuple[list[int], list]] = {}
    for position in np.flatnonzero(frame["review_state"].to_numpy() != "new"):
        changes_text, extracted_text = changes_of[position], extracted_of[position]
        if changes_text in ("{}", "") and extracted_text in ("{}", ""):
            continue  # most decisions: a confirmation or rejection as extracted
        for name, value in json.loads(extracted_text or "{}").items():
            if name in frame.columns:
                values = columns.setdefault(name, frame[name].to_numpy(dtype=object))
                if not _same(values[position], value):
                    flags[position] = REREAD_DIFFERS
        for name, value in json.loads(changes_text or "{}").items():
            if name in frame.columns and (problem := field_problem(name, value)):
                # stored before the bounds (dashboard.schema) existed: the extraction's value stays
                _log(f"a decision on {keys.iloc[position]} is not applied to {problem}")
            elif name in frame.columns:
                rows, values = updates.setdefault(name, ([], []))
                rows.append(position)
                values.append(value)
    _flag_duplicates(frame, flags)
    frame["review_flag"] = flags
    for name, (rows, values) in updates.items():
        if frame[name].dtype != object:
            values = [pd.NA if v is None else v for v in values]
            if frame[name].dtype.kind == "f":
                values = [np.nan if v is pd.NA else v for v in values]
        column = frame.columns.get_loc(name)
        frame.iloc[rows, column] = pd.Series(values, index=frame.index[rows], dtype=frame[name].dtype)
    if "attribution" in updates and "claimant" in frame:  # a corrected attribution: who it names, read again
        rows = updates["attribution"][0]
        read = [claimant_fields(v) for v in frame["attribution"].to_numpy(dtype=object)[rows]]
        for name in ("claimant", "claimant_side", "claimant_person"):
            frame[name] = frame[name].astype(object)
            frame.iloc[rows, frame.columns.get_loc(name)] = [r[name] for r in read]
    frame["review_label"] = "" if view == ALL else frame["review_state"]
    if view == READER:
        frame = frame[frame["review_state"].isin(PUBLISHED_STATES)].reset_index(drop=True)
    return frame
