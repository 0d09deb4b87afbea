"""The view state a reader chooses (date, window, filters, oblast, review view) and its URL query string.

Who said it (``?said=Russian Defence Ministry|Ukrainian General Staff``): canonical claimants (the loader's
claimants lexicon) joined by ``|`` (names hold spaces and commas, never a bar); none named: anyone.

``ViewState.from_query("?date=2022-09-12&actors=UA")`` restores a shared view;
``state.to_query()`` writes it back. Unknown or malformed values fall back to
the defaults instead of breaking the page.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import parse_qs, urlencode

from dashboard.dates import DateInputError, parse_day
from dashboard.geo import is_oblast_code
from dashboard.schema import ACTIONS, ACTORS

WINDOW_ALL = "all"
WINDOW_RECENT = "recent"
DEFAULT_RECENT_DAYS = 7
MAX_RECENT_DAYS = 3660
SAID_SEPARATOR = "|"
MAX_SAID = 60  # claimants a URL may name (the lexicon has about 25, plus persons and "not stated")
MAX_CLAIMANT_LENGTH = 120  # characters of one claimant's name


@dataclass(frozen=True)
class ViewState:
    day: str | None = None  # ISO date shown; None = the last event date
    window: str = WINDOW_ALL  # all: everything up to day; recent: only the last N days
    recent_days: int = DEFAULT_RECENT_DAYS
    actors: tuple[str, ...] = ACTORS
    actions: tuple[str, ...] = tuple(ACTIONS)
    confirmed_only: bool = False  # hide claims marked unconfirmed or hedged
    oblast: str | None = None  # ISO code the table is narrowed to
    ukraine_only: bool = False  # hide claims placed in Russia's border regions (?country=UA)
    embed: bool = False
    view: str | None = None  # review view asked for: desk or reader (dashboard.review.view)
    mode: str | None = None  # map mode asked for: control or claims; None: the span's default
    contested_days: int = 14  # claimed control: sides' claims this many days apart disagree
    fit: bool = True  # the map fitted to the claims in view; False: the whole country
    said: tuple[str, ...] = ()  # canonical claimants in view (sorted); empty: anyone

    @classmethod
    def from_query(cls, search: str | None) -> ViewState:
        params = {k: v[-1] for k, v in parse_qs((search or "").lstrip("?")).items()}
        state = cls()
        day = params.get("date")
        if day:
            try:
                state = replace(state, day=parse_day(day, "?date=").isoformat())
            except DateInputError:
                pass  # a shared link with a bad date opens on the last day
        if params.get("window") in (WINDOW_ALL, WINDOW_RECENT):
            state = replace(state, window=params["window"])
        if params.get("days", "").isdigit() and 0 < int(params["days"]) <= MAX_RECENT_DAYS:
            state = replace(state, recent_days=int(params["days"]))
        if "actors" in params:
            state = replace(state, actors=tuple(a for a in ACTORS if a in params["actors"].split(",")))
        if "actions" in params:
            state = replace(state, actions=tuple(a for a in ACTIONS if a in params["actions"].split(",")))
        if params.get("confirmed") == "1":
            state = replace(state, confirmed_only=True)
        if is_oblast_code(params.get("oblast", "")):
            state = replace(state, oblast=params["oblast"])
        if params.get("country") == "UA":
            state = replace(state, ukraine_only=True)
        if params.get("embed") == "1":
            state = replace(state, embed=True)
        if params.get("view") in ("desk", "reader"):
            state = replace(state, view=params["view"])
        if params.get("mode") in ("control", "claims"):
            state = replace(state, mode=params["mode"])
        if params.get("contested", "").isdigit() and 0 < int(params["contested"]) <= 365:
            state = replace(state, contested_days=int(params["contested"]))
        if params.get("fit") == "0":
            state = replace(state, fit=False)
        if params.get("said"):
            state = replace(state, said=said_names(params["said"].split(SAID_SEPARATOR)))
        return state

    def to_query(self) -> str:
        default = ViewState()
        params = {}
        if self.day:
            params["date"] = self.day
        if self.window != default.window:
            params["window"] = self.window
        if self.window == WINDOW_RECENT or self.recent_days != default.recent_days:
            params["days"] = str(self.recent_days)
        if self.actors != default.actors:
            params["actors"] = ",".join(self.actors)
        if self.actions != default.actions:
            params["actions"] = ",".join(self.actions)
        if self.confirmed_only:
            params["confirmed"] = "1"
        if self.oblast:
            params["oblast"] = self.oblast
        if self.ukraine_only:
            params["country"] = "UA"
        if self.embed:
            params["embed"] = "1"
        if self.view:
            params["view"] = self.view
        if self.mode:
            params["mode"] = self.mode
        if self.contested_days != default.contested_days:
            params["contested"] = str(self.contested_days)
        if not self.fit:
            params["fit"] = "0"
        if self.said:
            params["said"] = SAID_SEPARATOR.join(self.said)
        return "?" + urlencode(params, safe="," + SAID_SEPARATOR) if params else ""


def said_names(names) -> tuple[str, ...]:
    """Claimants' names as a view state holds them: trimmed, no empty one, no repeat, sorted; a name too long to
    be a claimant's, or more than MAX_SAID of them, is dropped (a shared link is input from anyone)."""
    kept = {
        n.strip()
        for n in names
        if isinstance(n, str) and 0 < len(n.strip()) <= MAX_CLAIMANT_LENGTH and SAID_SEPARATOR not in n
    }
    return tuple(sorted(kept))[:MAX_SAID]
