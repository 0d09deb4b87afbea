"""The gains list beside the map: gains claimed without a place that state a figure (an area or a count of
settlements), grouped by side, newest first, with a small chart per side of the km² each claim states over time.

The figures are as claimed: two claims of "6,000 km²" a week apart are most likely the same ground, so they
are drawn as two points at 6,000, never added up to 12,000. Pure: (tally) -> Dash children; no data access.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

from dash import html

from dashboard.query.index import Tally
from dashboard.vocabulary import ACTOR_COLOURS, ACTOR_NAMES, ACTORS

CHART_SIZE = (240, 44)  # px of a side's chart


def area_chart(points: list[tuple[str, float]], colour: str, first: str, last: str) -> str:
    """An SVG (as a data URL) of the km² claimed over time: one dot per claim, a step line through them."""
    width, height = CHART_SIZE
    start, end = date.fromisoformat(first).toordinal(), date.fromisoformat(last).toordinal()
    most = max(km2 for _, km2 in points) or 1
    xy = [
        (
            4 + (date.fromisoformat(d).toordinal() - start) / max(1, end - start) * (width - 8),
            height - 4 - km2 / most * (height - 10),
        )
        for d, km2 in points
    ]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="2" fill="{colour}"/>' for x, y in xy)
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}">'
        f'<line x1="0" y1="{height - 4}" x2="{width}" y2="{height - 4}" stroke="#d6d3d1"/>'
        f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="1" opacity="0.5"/>{dots}</svg>'
    )
    return "data:image/svg+xml," + quote(svg)


def gains_children(result: Tally) -> list:
    if not result.rows:
        items = [html.P("No area or settlement figures claimed in view.")]
    else:
        items = [
            html.P("As claimed, newest first; figures overlap, so they are listed, not added up.", className="hint")
        ]
        every_day = [d for points in (result.areas or {}).values() for d, _ in points]
        for actor in ACTORS:
            rows = [r for r in result.rows if r["actor"] == actor]
            points = (result.areas or {}).get(actor, [])
            if not rows and not points:
                continue
            items.append(html.H3(ACTOR_NAMES[actor], className="gains-side"))
            if points:
                newest = points[-1]
                items.append(
                    html.Img(
                        src=area_chart(points, ACTOR_COLOURS[actor], min(every_day), max(every_day)),
                        className="gains-chart",
                        width=CHART_SIZE[0],
                        height=CHART_SIZE[1],
                        alt=f"{ACTOR_NAMES[actor]}'s area claims over time, each as claimed: {len(points)} figures "
                        f"from {min(km2 for _, km2 in points):,.0f} to {max(km2 for _, km2 in points):,.0f} km²; "
                        f"the newest {newest[1]:,.0f} km² on {newest[0]}.",
                    )
                )
            if rows:
                items.append(
                    html.Ul(
                        [
                            html.Li(
                                f"{r['amount']} · {r['date']} · {r['attribution']}"
                                + (" (could not be confirmed)" if r["confirmed"] == "no" else "")
                            )
                            for r in rows
                        ]
                    )
                )
        if result.more:
            items.append(
                html.P(f"… and {result.more:,} older gain claim(s) in view, listed in the table.", className="hint")
            )
    if result.oblast_only:
        items.append(
            html.P(
                f"{result.oblast_only} claim(s) in view are placed only at oblast level (a whole "
                "region, or a village missing from the gazetteer): they count in their oblast's "
                "colour and are listed in the table, with no marker.",
                className="hint",
            )
        )
    return items
