"""The map in words: a short text of what the map shows for a view. Pure: (events, view state) -> text; no Dash, no I/O.

The same text is the page's text view of the map (for screen readers and for
readers who prefer text, announced in a polite live region as the slider
moves), the embed's description, and the text alternative written beside an
exported PNG. It says what the map's marks say, in this order:

1. the days and filters in view, with the number of claims and articles;
2. the latest claims that a place was taken or left (the claims that colour
   the map), newest first, those of one day, side, action and source joined
   ("Russia withdrew from Izium and Balakliia"), each with its date, who said
   it and any doubt; at most ``LATEST_GROUPS`` of them;
3. how many other claims are in view (attacks repelled, gains without a
   place, strikes);
4. the oblasts the claims shade toward either side, with their net number.

Text from articles (places, who said it) is data: the result is plain text,
never markup.
"""

from __future__ import annotations

import html
from datetime import date, timedelta

import numpy as np

from dashboard.dates import claim_date_label, day_iso
from dashboard.query.index import EventIndex, oblast_tallies
from dashboard.query.state import WINDOW_RECENT, ViewState
from dashboard.vocabulary import ACTION_LABELS, ACTIONS, ACTOR_NAMES, ACTORS, CONTROL_ACTIONS, COUNTED_WORDS

LATEST_GROUPS = 4
# the actions counted (with their words for one and many) come from the vocabulary's records
OTHER_ACTIONS = COUNTED_WORDS
MINUS = "\u2212"
ACTIONS_POSITION = {a: i for i, a in enumerate(ACTIONS)}


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
        filters.append(
            "claims by " + " and ".join(ACTOR_NAMES[a] for a in state.actors) if state.actors else "no side selected"
        )
    if tuple(state.actions) != tuple(ACTIONS):
        filters.append("actions: " + (", ".join(state.actions) or "none"))
    if state.confirmed_only:
        filters.append("unconfirmed and hedged claims hidden")
    if state.said:
        filters.append("said by " + " or ".join(state.said))
    return filters


def view_title(index: EventIndex, state: ViewState, left_out: int = 0) -> str:
    """The map's title (HTML: the filters as a subtitle)."""
    # a claimant's name is text from articles: escaped in the title's HTML (assets/view.js escapes the same)
    span, filters = view_span(index, state), [html.escape(f) for f in view_filters(state)]
    if left_out:
        filters = [*filters, f"{left_out:,} places with fewer claims not marked"]
    subtitle = f"<br><sup>{'; '.join(filters)}</sup>" if filters else ""
    return f"<b>Territorial claims in news reports</b>, {span}{subtitle}"


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _doubts(row) -> list[str]:
    doubts = []
    if row.confirmed == "no":
        doubts.append("could not be confirmed")
    if row.hedged:
        doubts.append("hedged")
    return doubts


def _latest_control_claims(index: EventIndex, keep: np.ndarray) -> str:
    control = [ACTIONS_POSITION[a] for a in CONTROL_ACTIONS]
    rows = np.flatnonzero(keep & np.isin(index.action, control))[::-1]  # newest first
    if rows.size == 0:
        return ""
    frame = index.frame
    groups: list[tuple[tuple, list[str]]] = []
    told = 0
    for row in rows.tolist():
        r = frame.iloc[row]
        when = claim_date_label(r.date_start, r.date_end, r.date_precision)
        key = (when, r.actor, r.action, r.attribution, tuple(_doubts(r)))
        place = r.place_label or "an unnamed place"
        if groups and groups[-1][0] == key:
            groups[-1][1].insert(0, place)  # in the order the claims were stored (the article's order)
        elif len(groups) == LATEST_GROUPS:
            break
        else:
            groups.append((key, [place]))
        told += 1
    items = []
    for (when, actor, action, attribution, doubts), places in groups:
        notes = [when]
        if attribution:
            notes.append(f"said by {attribution}")
        notes += list(doubts)
        items.append(f"{ACTOR_NAMES[actor]} {ACTION_LABELS[action]} {_and(places)} ({', '.join(notes)})")
    earlier = rows.size - told
    if earlier:
        items.append(f"and {_count(earlier, 'earlier such claim', 'earlier such claims')}")
    return "Places claimed taken or left, newest first: " + "; ".join(items) + "."


def _other_claims(index: EventIndex, keep: np.ndarray, after_control_claims: bool) -> str:
    parts = []
    for action, (one, many) in OTHER_ACTIONS.items():
        n = int((keep & (index.action == ACTIONS_POSITION[action])).sum())
        if n:
            parts.append(_count(n, one, many))
    if not parts:
        return ""
    return f"{'Also in view' if after_control_claims else 'In view'}: {', '.join(parts)}."


def _oblasts(index: EventIndex, state: ViewState, keep: np.ndarray) -> str:
    net = oblast_tallies(index, keep).net.tolist()
    named = [(index.oblast_names[code], int(n)) for code, n in zip(index.oblast_codes, net) if n]
    toward_ukraine = sorted((x for x in named if x[1] > 0), key=lambda x: (-x[1], x[0]))
    toward_russia = sorted((x for x in named if x[1] < 0), key=lambda x: (x[1], x[0]))
    if not named:
        return "No oblast is shaded toward either side."
    sides = []
    if toward_ukraine:
        sides.append("toward Ukraine in " + ", ".join(f"{name} (+{n})" for name, n in toward_ukraine))
    if toward_russia:
        sides.append("toward Russia in " + ", ".join(f"{name} ({MINUS}{-n})" for name, n in toward_russia))
    return "Net control changes claimed: " + "; ".join(sides) + "."


def map_summary(index: EventIndex, state: ViewState) -> str:
    """What the map shows for ``state``, in a few plain sentences (of the mode the map shows)."""
    from dashboard.query.control import MODE_CONTROL, shown_mode

    if shown_mode(index, state) == MODE_CONTROL:
        from dashboard.render.control_map import control_summary

        return control_summary(index, state)
    span = view_span(index, state)
    filters = view_filters(state)
    heading = span[0].upper() + span[1:] + (f" ({'; '.join(filters)})" if filters else "")
    keep = index.mask(state)
    total = int(keep.sum())
    if total == 0:
        return f"{heading}: no claims in view."
    articles = int(index.frame.loc[keep, "article_id"].nunique())
    latest = _latest_control_claims(index, keep)
    sentences = [
        f"{heading}: {_count(total, 'claim', 'claims')} from {_count(articles, 'article', 'articles')}.",
        latest,
        _other_claims(index, keep, bool(latest)),
        _oblasts(index, state, keep),
    ]
    return " ".join(s for s in sentences if s)
