"""Numbers written either way, areas and settlement counts (dashboard/loader/quantities.py)."""

import pytest

from dashboard.loader import quantities


@pytest.mark.parametrize(
    "text,km2",
    [
        ("6.000 square kilometers (2.400 square miles)", 6000),
        ("6,000 sq km", 6000),
        ("500 sq km", 500),
        ("2.5 sq km", 2.5),
        ("1,000 square miles", 2590.0),
        ("8,500 km2", 8500),
        ("1.2 thousand square kilometres", 1200),
    ],
)
def test_areas(text, km2):
    areas = quantities.areas(text)
    assert areas[0].value == pytest.approx(km2, rel=1e-3)


@pytest.mark.parametrize(
    "text,count",
    [
        ("more than 20 towns and villages", 20),
        ("twelve villages", 12),
        ("1,000 settlements", 1000),
    ],
)
def test_settlements(text, count):
    assert [q.value for q in quantities.settlements(text)] == [count]


def test_no_quantity():
    for text in ("the river bank", "villages near the front"):
        assert quantities.areas(text) == [] and quantities.settlements(text) == []
