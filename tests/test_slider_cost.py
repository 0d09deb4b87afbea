"""The cost of the slider's data work grows at most linearly with the events: timed at n and 4n, the ratio bounded.

Not a deadline (a busy machine would fail it, a slow design pass it): CPU
time at 10,000 and 40,000 synthetic events (bench/slider.py's generator), a
linear cost takes about 4 times as long, a quadratic one 16; the bound of 7
leaves room for noise. Speed itself is measured in ``python -m bench.slider``.

SLIDER_STEP is the Python work that remains per view since the map is
drawn in the browser (issue 11): the settled view's callback, i.e. the
table's rows, the tally and the map in words (``bench.slider.our_step``);
the index built per data version (``EventIndex``) is timed below. The
browser's own share is measured in ``python -m bench.browser``.
"""

import time

import pytest

from bench.slider import our_step, seed_frame, synthetic_frame
from dashboard.dates import day_iso
from dashboard.geo import gazetteer
from dashboard.query.index import EventIndex
from dashboard.query.state import ViewState

SLIDER_STEP = our_step  # the server's share of a view (see the module's docstring)
SMALL, LARGE = 10_000, 40_000
STEPS = 6


@pytest.fixture(scope="module")
def frames():
    seeds = seed_frame()
    return {size: synthetic_frame(seeds, size) for size in (SMALL, LARGE)}


def cpu_seconds(function, *args) -> float:
    started = time.process_time()
    function(*args)
    return time.process_time() - started


def oblast_names() -> dict:
    return {code: o.name for code, o in gazetteer().oblasts.items()}


def scrub(index: EventIndex) -> None:
    """A reader moving the slider back a day at a time, each step drawn over the one before."""
    for k in range(STEPS):
        day = index.last_day - k
        SLIDER_STEP(
            index,
            ViewState(day=day_iso(day)),
            {"query": ViewState(day=day_iso(day + 1)).to_query(), "version": index.version},
        )


def test_a_slider_step_costs_at_most_linear_time_in_the_events(frames):
    indexes = {size: EventIndex(frame, oblast_names()) for size, frame in frames.items()}
    scrub(indexes[SMALL])  # warm-up (imports, caches of the table rows)
    scrub(indexes[LARGE])
    small = min(cpu_seconds(scrub, indexes[SMALL]) for _ in range(2))
    large = min(cpu_seconds(scrub, indexes[LARGE]) for _ in range(2))
    assert large / small < 7, (small, large)


def test_building_the_view_index_costs_at_most_linear_time_in_the_events(frames):
    names = oblast_names()
    small = min(cpu_seconds(EventIndex, frames[SMALL], names) for _ in range(2))
    large = min(cpu_seconds(EventIndex, frames[LARGE], names) for _ in range(2))
    assert large / small < 7, (small, large)
