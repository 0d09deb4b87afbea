"""The view state and its URL query string (dashboard/state.py)."""
from dashboard.state import ViewState


def test_round_trip():
    state = ViewState(day="2022-09-11", window="recent", recent_days=3, actors=("RU",), actions=("captured", "struck"),
                      confirmed_only=True, oblast="UA-63", embed=True)
    assert ViewState.from_query(state.to_query()) == state


def test_default_state_has_an_empty_query():
    assert ViewState().to_query() == ""
    assert ViewState.from_query("") == ViewState()


def test_bad_values_fall_back_to_defaults():
    state = ViewState.from_query("?date=2022-02-30&window=sideways&days=-4&actors=XX&oblast=UA-99x&embed=yes")
    assert state.day is None and state.window == "all" and state.recent_days == 7
    assert state.actors == () and state.oblast is None and not state.embed
