"""The claim vocabulary as data: one record per action and per actor, from which every other table derives.

An action's record says what it means, how the map draws it (marker symbol, the legend's glyph), how it moves
the colour of an oblast (``control_sign``: +1 when the claim moves the place toward its actor, -1 toward the
other side, 0 no change of holder; the sign toward Ukraine is this times the actor's ``toward_ukraine``), and
how the map in words speaks of it (``label`` after the actor's name, ``one``/``many`` when counted), and who
the claim says holds the place afterwards (``holds_after``: the claimed-control map). The figure,
the palette, the legend, the map in words (``dashboard.render.words``), the browser's payload
(``dashboard.render.columns``, read by assets/view.js) and the review forms all read these records; nothing else
spells an action out.

A new action is one ``Action`` here, its lexicon group in the loader, and tests (tests/test_vocabulary.py adds a
throwaway one and checks that every derived table has it). Pure data: no project imports.
"""

from __future__ import annotations

from dataclasses import dataclass

# who holds the place after a claim of an action: its actor, the other side, or "" (the claim does not say)
HOLDS_AFTER = ("actor", "other", "")


@dataclass(frozen=True)
class Action:
    name: str  # the stored value (events.action)
    meaning: str  # what a claim of it says (docs, the loader's rules)
    label: str  # after the actor's name: "Russia withdrew from Izium"
    one: str  # the map in words counting one claim of it ("1 strike")
    many: str  # ... and several ("3 strikes")
    symbol: str  # plotly marker symbol (hollow: symbol + "-open" for a doubtful claim)
    glyph: str  # the page's legend: the symbol as a character ("" = not in the legend)
    control_sign: int  # +1: the place goes to the actor; -1: to the other side; 0: no change of holder
    counted: bool  # the map in words counts its claims in view (control claims are listed instead)
    # who the claim says holds the place afterwards (the claimed-control map, dashboard/query/control.py and its
    # browser twin): "actor" (a capture, a repelled attack: a claim of holding), "other" (a withdrawal), "" (none)
    holds_after: str = ""

    def __post_init__(self) -> None:
        if self.holds_after not in HOLDS_AFTER:
            raise ValueError(
                f"action {self.name!r}: holds_after must be one of {HOLDS_AFTER}, not {self.holds_after!r}"
            )


@dataclass(frozen=True)
class Actor:
    code: str  # the stored value (events.actor)
    name: str  # "Ukraine"
    toward_ukraine: int  # +1 / -1: the sign a control change toward this actor has on the map's colour
    colour: str  # marker colour (checked for contrast and colour-vision deficiencies in tests)


ACTION_RECORDS: tuple[Action, ...] = (
    Action(
        "captured",
        "actor took, retook, entered, occupied or liberated the place",
        "captured",
        "place captured",
        "places captured",
        "circle",
        "●",
        +1,
        False,
        "actor",
    ),
    Action(
        "withdrew",
        "actor left, abandoned, retreated from, or was ordered out of the place",
        "withdrew from",
        "withdrawal",
        "withdrawals",
        "triangle-down",
        "▼",
        -1,
        False,
        "other",
    ),
    Action(
        "repelled",
        "actor held the place against an attack",
        "repelled attack at",
        "attack repelled",
        "attacks repelled",
        "square",
        "■",
        0,
        True,
        "actor",
    ),
    Action(
        "advanced",
        "actor gained an area or a count of settlements, no place named",
        "claimed gains",
        "gain claimed without a place",
        "gains claimed without a place",
        "star",
        "",
        0,
        True,
    ),
    Action(
        "struck",
        "actor hit the place with missiles, artillery, rockets or drones",
        "struck",
        "strike",
        "strikes",
        "diamond",
        "◆",
        0,
        True,
    ),
)

ACTOR_RECORDS: tuple[Actor, ...] = (
    Actor("UA", "Ukraine", +1, "#1d4ed8"),
    Actor("RU", "Russia", -1, "#b91c1c"),
)

# the derived tables (the order of ACTION_RECORDS is the order of every list of actions)
ACTIONS: dict[str, str] = {a.name: a.meaning for a in ACTION_RECORDS}
ACTORS: tuple[str, ...] = tuple(a.code for a in ACTOR_RECORDS)
ACTION = {a.name: a for a in ACTION_RECORDS}
ACTOR = {a.code: a for a in ACTOR_RECORDS}
ACTOR_NAMES = {a.code: a.name for a in ACTOR_RECORDS}
ACTOR_COLOURS = {a.code: a.colour for a in ACTOR_RECORDS}
ACTION_LABELS = {a.name: a.label for a in ACTION_RECORDS}
ACTION_SYMBOLS = {a.name: a.symbol for a in ACTION_RECORDS}
ACTION_GLYPHS = {a.name: a.glyph for a in ACTION_RECORDS if a.glyph}
# (actor, action) -> +1 toward Ukraine, -1 toward Russia; pairs that change no holder are left out
CONTROL_SIGN = {
    (actor.code, action.name): action.control_sign * actor.toward_ukraine
    for actor in ACTOR_RECORDS
    for action in ACTION_RECORDS
    if action.control_sign
}
CONTROL_ACTIONS = tuple(a.name for a in ACTION_RECORDS if a.control_sign)
COUNTED_WORDS = {a.name: (a.one, a.many) for a in ACTION_RECORDS if a.counted}
# action -> who holds the place after a claim of it ("actor" or "other"); actions that do not say are left out
HOLDER_AFTER = {a.name: a.holds_after for a in ACTION_RECORDS if a.holds_after}


def other_side(actor: str) -> str:
    """The other actor (there are two)."""
    return next(a for a in ACTORS if a != actor)


def browser_vocabulary() -> dict:
    """The vocabulary as the browser reads it (assets/view.js): lists in the stored order, maps by name."""
    return {
        "actors": list(ACTORS),
        "actor_names": ACTOR_NAMES,
        "actor_colours": ACTOR_COLOURS,
        "actions": list(ACTIONS),
        "action_labels": ACTION_LABELS,
        "action_symbols": ACTION_SYMBOLS,
        "control_signs": [[CONTROL_SIGN.get((actor, action), 0) for action in ACTIONS] for actor in ACTORS],
        "holds_after": HOLDER_AFTER,
    }
