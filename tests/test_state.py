"""The view state and its URL query string (dashboard/query/state.py)."""

from dashboard.query.state import ViewState


def test_round_trip():
    state = ViewState(
        day="2022-09-11",
        window="recent",
        recent_days=3,
        actors=("RU",),
        actions=("captured", "struck"),
        confirmed_only=True,
        oblast="UA-63",
        embed=True,
    )
    assert ViewState.from_query(state.to_query()) == state


def test_default_state_has_an_empty_query():
    assert ViewState().to_query() == ""
    assert ViewState.from_query("") == ViewState()


def test_bad_values_fall_back_to_defaults():
    state = ViewState.from_query("?date=2022-02-30&window=sideways&days=-4&actors=XX&oblast=UA-99x&embed=yes")
    assert state.day is None and state.window == "all" and state.recent_days == 7
    assert state.actors == () and state.oblast is None and not state.embed


def test_one_parser_for_a_typed_day_names_the_input_and_the_problem():
    """dashboard.dates.parse_day: the URL's ?date=, the commands' day flags and the review form all use it."""
    import argparse

    import pytest

    from dashboard.dates import DateInputError, day_argument, parse_day

    assert parse_day(" 2022-09-12 ").isoformat() == "2022-09-12"
    with pytest.raises(DateInputError, match=r"^--from '12/09/2022' is not a date as YYYY-MM-DD$"):
        parse_day("12/09/2022", "--from")
    with pytest.raises(DateInputError, match=r"^\?date= '2022-02-30' is not a day of the calendar"):
        parse_day("2022-02-30", "?date=")
    with pytest.raises(DateInputError):
        parse_day(None)
    with pytest.raises(argparse.ArgumentTypeError, match="--to '2022-9-1' is not a date as YYYY-MM-DD"):
        day_argument("--to")("2022-9-1")
    assert ViewState.from_query("?date=2022-02-30").day is None and ViewState.from_query("?date=2022-02-28").day


def test_said_by_claimants_round_trip_through_the_url_with_bars_between_names():
    """?said= names canonical claimants joined by "|" (a name holds spaces and commas, never a bar); the state
    keeps them sorted without repeats, and writes them back readable (spaces as +, bars and commas as they are)."""
    state = ViewState.from_query("?said=Ukrainian General Staff|Russian Defence Ministry|Ukrainian General Staff")
    assert state.said == ("Russian Defence Ministry", "Ukrainian General Staff")
    assert state.to_query() == "?said=Russian+Defence+Ministry|Ukrainian+General+Staff"
    assert ViewState.from_query(state.to_query()) == state
    assert ViewState().said == () and "said" not in ViewState().to_query()  # none named: anyone
    # a shared link is input from anyone: empty names, a name too long to be a claimant's are dropped
    assert ViewState.from_query("?said=|  |" + "x" * 500 + "|Kremlin").said == ("Kremlin",)
    assert len(ViewState.from_query("?said=" + "|".join(f"n{i}" for i in range(500))).said) == 60
    # escapes survive: a name with an ampersand or an apostrophe
    odd = ViewState(said=("O'Brien & Sons",))
    assert ViewState.from_query(odd.to_query()).said == odd.said
