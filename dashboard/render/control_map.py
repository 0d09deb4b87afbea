"""The claimed-control map: each place in the colour of the side the latest claim says holds it, hollow where
that claim is hedged or unconfirmed, crossed where the two sides' latest claims disagree (contested); oblasts
shaded by the share of their places each side holds. Pure: (events, view state) -> the view's update; no Dash.

The values come from ``dashboard.query.control.claimed_control``; ``assets/view.js`` (``controlValues``) draws the
same in the browser.
"""

from __future__ import annotations

import html
from datetime import date

import numpy as np

from dashboard.dates import day_iso
from dashboard.query.control import MODE_CONTROL, claimed_control, holder_of_rows
from dashboard.query.index import MarkerState, highlight, marker_state
from dashboard.query.state import ViewState
from dashboard.render.figure import CONTESTED_SYMBOL, OblastView, ViewUpdate, place_labels
from dashboard.render.words import view_filters, view_span
from dashboard.vocabulary import ACTION_LABELS, ACTIONS, ACTOR_COLOURS, ACTOR_NAMES, ACTORS

CONTROL_COLOUR_TITLE = "Claimed places<br>each side holds<br>(share per oblast)"
CONTROL_TICKS = ("all Russia's", "even", "all Ukraine's")
HOLDER_WORDS = {"UA": "Ukraine", "RU": "Russia"}


def _day_words(index, row: int) -> str:
    return f"{date.fromisoformat(day_iso(int(index.day[row]))):%-d %b %Y}"


def control_title(index, state: ViewState, left_out: int = 0) -> str:
    filters = [html.escape(f) for f in view_filters(state)]  # a claimant's name is text from articles
    if left_out:
        filters = [*filters, f"{left_out:,} places with fewer claims not marked"]
    subtitle = f"<br><sup>{'; '.join(filters)}</sup>" if filters else ""
    return f"<b>Who claims to hold each place</b>, {view_span(index, state)}{subtitle}"


def control_oblasts(index, state: ViewState, control) -> OblastView:
    hover = []
    for i, code in enumerate(index.oblast_codes):
        ua, ru = (int(n) for n in control.held[i])
        text = f"<b>{index.oblast_names[code]}</b><br>claimed held: {ua} by Ukraine · {ru} by Russia"
        if control.oblast_contested[i]:
            text += f"<br>{int(control.oblast_contested[i])} contested"
        hover.append(text)
    z = (np.round(control.share * index.colour_limit, 6)).tolist()
    return OblastView(z, hover, [3.0 if code == state.oblast else 0.6 for code in index.oblast_codes])


def control_hover(index, control, slot: int) -> str:
    row = int(control.row[slot])
    oblast = index.oblast[row]
    name = html.escape(str(index.slot_name[slot]))
    where = f" ({index.oblast_names[index.oblast_codes[oblast]]})" if oblast >= 0 else ""
    said = html.escape(str(index.frame["attribution"].iat[row]) or "not stated")
    text = (
        f"<b>{name}</b>{where}<br>Claimed held by {HOLDER_WORDS[ACTORS[control.holder[slot]]]}: "
        f"{_day_words(index, row)} · {ACTOR_NAMES[ACTORS[index.actor[row]]]} "
        f"{ACTION_LABELS[index_action(index, row)]}<br>Said by: {said}"
    )
    if control.hedged[slot]:
        text += " · <i>unconfirmed or hedged</i>"
    other = int(control.other_row[slot])
    if other >= 0:
        text += (
            f"<br><b>Contested</b>: {_day_words(index, other)} · {ACTOR_NAMES[ACTORS[index.actor[other]]]} "
            f"{ACTION_LABELS[index_action(index, other)]}"
        )
    return text


def index_action(index, row: int) -> str:
    return list(ACTIONS)[index.action[row]]


def control_markers(index, control, markers: MarkerState) -> dict[str, list]:
    fields = {k: [] for k in ("lon", "lat", "hovertext", "color", "symbol", "size", "line")}
    for slot in np.flatnonzero(markers.latest >= 0).tolist():
        colour = ACTOR_COLOURS[ACTORS[control.holder[slot]]]
        symbol = CONTESTED_SYMBOL if control.contested[slot] else "circle"
        hedged = bool(control.hedged[slot])
        fields["lon"].append(float(index.slot_lon[slot]))
        fields["lat"].append(float(index.slot_lat[slot]))
        fields["hovertext"].append(control_hover(index, control, slot))
        fields["color"].append(colour)
        fields["symbol"].append(symbol + "-open" if hedged else symbol)
        fields["size"].append(13.0 if control.contested[slot] else 10.0)
        fields["line"].append(colour if hedged else "white")
    return fields


def control_view_update(index, state: ViewState, selected_event: int | None = None) -> ViewUpdate:
    keep = index.mask(state)
    control = claimed_control(index, state, keep)
    # the places marked: those with a holder, at most MARKER_LIMIT (most claims of holding, then the newest)
    markers = marker_state(index, state, keep & (holder_of_rows(index.actor, index.action) >= 0))
    highlight_lon, highlight_lat = highlight(index, selected_event)
    return ViewUpdate(
        control_oblasts(index, state, control),
        control_markers(index, control, markers),
        highlight_lon,
        highlight_lat,
        place_labels(index, markers),
        control_title(index, state, markers.left_out),
        colour_bar=(CONTROL_COLOUR_TITLE, list(CONTROL_TICKS)),
        mode=MODE_CONTROL,
    )


def control_summary(index, state: ViewState) -> str:
    """The claimed-control map in words: the places each side is claimed to hold, the contested ones, per oblast."""
    span = view_span(index, state)
    filters = view_filters(state)
    heading = f"Who claims to hold each place, {span}" + (f" ({'; '.join(filters)})" if filters else "")
    control = claimed_control(index, state)
    has = control.holder >= 0
    if not has.any():
        return f"{heading}: no claim in view says who holds a place."
    counts = [int((control.holder == side).sum()) for side in range(len(ACTORS))]
    sentences = [
        f"{heading}: {int(has.sum())} places with a claim of who holds them; the latest claim says "
        + " and ".join(f"{HOLDER_WORDS[a]} holds {counts[i]}" for i, a in enumerate(ACTORS))
        + "."
    ]
    contested = np.flatnonzero(control.contested)
    if contested.size:
        newest = contested[np.argsort(-control.row[contested], kind="stable")][:5]
        names = ", ".join(str(index.slot_name[s]) for s in newest)
        more = f" and {contested.size - newest.size} more" if contested.size > newest.size else ""
        sentences.append(
            f"Contested (the two sides' latest claims disagree within {state.contested_days} days): {names}{more}."
        )
    hedged = int((has & control.hedged).sum())
    if hedged:
        sentences.append(f"{hedged} of these rest on a claim that is hedged or could not be confirmed.")
    oblasts = [
        (index.oblast_names[code], int(control.held[i, 0]), int(control.held[i, 1]))
        for i, code in enumerate(index.oblast_codes)
        if control.held[i].sum()
    ]
    oblasts.sort(key=lambda x: -(x[1] + x[2]))
    sentences.append(
        "By oblast (Ukraine, Russia): "
        + "; ".join(f"{n} {u}, {r}" for n, u, r in oblasts[:8])
        + ("; and others" if len(oblasts) > 8 else "")
        + "."
    )
    return " ".join(sentences)
