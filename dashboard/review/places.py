"""Both sides' claims about one place, and where they contradict each other. No Flask, no Dash, no I/O.

A claim *says a side holds a place* when that side captured it or repelled an attack on it
(``HOLDING_ACTIONS``). A claim of a side holding a place is *contradicted* when the other side has a claim
about the same place (GeoNames id), dated the same day or later (its last day), saying it holds the place; the
newer claim *contradicts*. Rejected claims take no part.

- ``contradictions(frame)``: per row, ``contradicted`` and ``contradicts`` (vectorised: the queue orders
  100,000 claims by them).
- ``place_history(frame, geonameid)``: every claim about the place in date order, each with its side's column,
  and for a contradicted one the other side's claim that contradicts it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dashboard.geo import gazetteer
from dashboard.schema import ACTORS, other_side
from dashboard.vocabulary import ACTION_LABELS, ACTOR_NAMES

HOLDING_ACTIONS = ("captured", "repelled")


def contradictions(frame: pd.DataFrame) -> pd.DataFrame:
    """Two boolean columns over ``frame``'s index: ``contradicted`` (an older-or-same-day claim of a side holding
    a place the other side says it holds since) and ``contradicts`` (the other side's claim doing so)."""
    out = pd.DataFrame({"contradicted": False, "contradicts": False}, index=frame.index)
    if frame.empty:
        return out
    holding = frame["action"].isin(HOLDING_ACTIONS) & frame["geonameid"].notna()
    if "review_state" in frame:
        holding &= frame["review_state"] != "rejected"
    claims = frame.loc[holding, ["geonameid", "actor", "date_end"]].astype({"geonameid": "int64"})
    # as days (numpy parses ISO dates): pandas' min and max of strings run in Python, 50 times slower
    claims["date_end"] = claims["date_end"].to_numpy(dtype=str).astype("datetime64[D]").astype(np.int64)
    if claims.empty:
        return out
    latest = claims.groupby(["geonameid", "actor"])["date_end"].max()
    earliest = claims.groupby(["geonameid", "actor"])["date_end"].min()
    actors = claims["actor"].to_numpy(dtype=object)
    other = pd.MultiIndex.from_arrays([claims["geonameid"].to_numpy(), np.where(actors == "UA", "RU", "UA")])
    ends = claims["date_end"].to_numpy()
    never = 10**9  # days: further than any claim
    out.loc[claims.index, "contradicted"] = latest.reindex(other).fillna(-never).to_numpy(np.int64) >= ends
    out.loc[claims.index, "contradicts"] = earliest.reindex(other).fillna(never).to_numpy(np.int64) <= ends
    return out


def place_history(frame: pd.DataFrame, geonameid: int) -> list[dict]:
    """Every claim about a place, oldest first (by last day, then first day, then id), each as the frame's row
    with ``column`` (the side's position in ``ACTORS``), ``contradicted`` and ``contradicted_by`` (the newest
    claim of the other side saying it holds the place, as 'date: action', or '')."""
    rows = frame[frame["geonameid"].notna() & (frame["geonameid"].astype("Int64") == int(geonameid))]
    if rows.empty:
        return []
    rows = rows.sort_values(["date_end", "date_start", "id"], kind="stable")
    marks = contradictions(rows)
    out = []
    for (index, row), contradicted in zip(rows.iterrows(), marks["contradicted"].to_numpy()):
        claim = {k: (None if pd.api.types.is_scalar(v) and pd.isna(v) else v) for k, v in row.items()}
        claim["column"] = ACTORS.index(row["actor"]) if row["actor"] in ACTORS else 0
        claim["contradicted"] = bool(contradicted)
        claim["contradicted_by"] = ""
        if contradicted:
            against = rows[
                (rows["actor"] == other_side(row["actor"]))
                & rows["action"].isin(HOLDING_ACTIONS)
                & (rows["date_end"] >= row["date_end"])
                & (rows.get("review_state", pd.Series("", index=rows.index)) != "rejected")
            ]
            newest = against.iloc[-1]
            claim["contradicted_by"] = f"{newest['event_date']}: {newest['action']}"
        out.append(claim)
    return out


def place_context(frame: pd.DataFrame, geonameid: int, view: str, link_ok) -> dict:
    """What a place's claim history shows (the page and the dashboard's panel): its name, oblast, the sides and
    the claims, each with a title and its article's link when ``link_ok(url)``."""
    claims = place_history(frame, geonameid)
    place = gazetteer().place_by_id(geonameid)
    name = place.label if place else (claims[0]["place_name"] if claims else str(geonameid))
    oblast = gazetteer().oblast_name(place.oblast_iso) if place else ""
    for claim in claims:
        claim["title"] = (
            f"{ACTOR_NAMES.get(claim['actor'], claim['actor'])} "
            f"{ACTION_LABELS.get(claim['action'], claim['action'])} {name}"
        )
        claim["link"] = claim["url"] if link_ok(claim.get("url") or "") else ""
    return {
        "geonameid": int(geonameid),
        "name": name,
        "oblast": oblast,
        "claims": claims,
        "known": place is not None,
        "sides": [(a, ACTOR_NAMES[a]) for a in ACTORS],
        "contradicted": sum(c["contradicted"] for c in claims),
        "review_on": view != "all",
        "view": view,
    }
