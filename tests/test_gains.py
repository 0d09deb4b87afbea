"""The gains list (issue 25): only gains that state a figure, grouped by side, newest first, with each side's area
claims charted as claimed (never added up)."""

from __future__ import annotations

import numpy as np

from dashboard.query.index import EventIndex, tally
from dashboard.query.state import ViewState
from dashboard.web import callbacks


def gains_index(seeded_index) -> EventIndex:
    template = seeded_index.frame.iloc[[0] * 4].reset_index(drop=True).copy()
    rows = [
        ("2025-12-17", "UA", np.nan, None),  # "Ukraine: · 2025-12-17 · not stated": no figure at all
        ("2025-12-18", "UA", 6000.0, None),
        ("2025-12-25", "UA", 6000.0, None),  # the same ground, twice
        ("2025-12-20", "RU", np.nan, 12),
    ]
    for i, (day, actor, km2, settlements) in enumerate(rows):
        template.loc[
            i,
            [
                "id",
                "date_start",
                "date_end",
                "event_date",
                "actor",
                "action",
                "area_km2",
                "settlements",
                "place_name",
                "geonameid",
                "latitude",
                "longitude",
                "oblast_iso",
            ],
        ] = [i + 1, day, day, day, actor, "advanced", km2, settlements, "", None, None, None, None]
    return EventIndex(template, seeded_index.oblast_names)


def test_only_gains_with_a_figure_are_listed_by_side(seeded_index):
    index = gains_index(seeded_index)
    result = tally(index, ViewState())
    assert [r["date"] for r in result.rows] == ["2025-12-25", "2025-12-20", "2025-12-18"]  # newest first
    assert result.areas == {"UA": [("2025-12-18", 6000.0), ("2025-12-25", 6000.0)], "RU": []}
    text = str(callbacks.tally_children(ViewState(), index))
    assert "2025-12-17" not in text and "not stated" not in text.split("H3")[0]
    assert (
        text.index("Ukraine")
        < text.index("6,000 km² · 2025-12-25")
        < text.index("Russia")
        < text.index("12 settlements")
    )
    # the chart tells its figures in words, as claimed: the two 6,000 km² are not 12,000
    assert "2 figures from 6,000 to 6,000 km²" in text and "12,000" not in text
