"""An editor's correction form -> the event fields it changes, checked; no Dash, no I/O beyond the gazetteer.

``correction(extracted, form)`` compares the form with the loader's
extraction of the claim (not with an earlier correction: every decision is
complete on its own, so the latest one is what readers see) and returns the
changed fields with their new values, the extraction's values of those
fields (kept in the revision, so a later re-read that disagrees can be
flagged), and a list of problems, each naming the field.

A place is picked from the gazetteer by name (any spelling it knows; the
oblast narrows a name several places share), or left empty with an oblast
chosen: the claim is then placed at oblast level, without a marker.
"""

from __future__ import annotations

import calendar
import re

import pandas as pd

from dashboard.dates import ISO_DAY, parse_day
from dashboard.geo import gazetteer
from dashboard.schema import ACTIONS, ACTORS, CONFIRMED_VALUES, event_problems

PLACE_FIELDS = ("place_name", "geonameid", "oblast_iso", "latitude", "longitude", "place_precision")
DATE_FIELDS = ("event_date", "date_start", "date_end", "date_precision")
FORM_FIELDS = ("actor", "action", "date", "place", "oblast", "area_km2", "settlements", "confirmed")
_DAY = ISO_DAY
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def _plain(value):
    if value is None or value is pd.NA:
        return None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return value


def form_values(row: dict) -> dict[str, str]:
    """The form's fields filled from an event (extracted or corrected)."""

    def text(name):
        value = _plain(row.get(name))
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    place = text("place_name") if text("place_precision") == "point" else ""
    return {
        "actor": text("actor"),
        "action": text("action"),
        "date": text("event_date"),
        "place": place,
        "oblast": text("oblast_iso"),
        "area_km2": text("area_km2"),
        "settlements": text("settlements"),
        "confirmed": text("confirmed"),
    }


def parse_date(value: str) -> tuple[dict, str | None]:
    """'2022-09-10', '2022-09-01/2022-09-12' or '2022-05' -> the date fields, or a problem."""
    value = value.strip()
    try:
        if _DAY.match(value):
            parse_day(value)
            return {"event_date": value, "date_start": value, "date_end": value, "date_precision": "day"}, None
        if "/" in value:
            start, end = (part.strip() for part in value.split("/", 1))
            if _DAY.match(start) and _DAY.match(end) and parse_day(start) <= parse_day(end):
                return {
                    "event_date": f"{start}/{end}",
                    "date_start": start,
                    "date_end": end,
                    "date_precision": "range",
                }, None
        match = _MONTH.match(value)
        if match:
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            return {
                "event_date": value,
                "date_start": f"{value}-01",
                "date_end": f"{value}-{last:02d}",
                "date_precision": "month",
            }, None
    except ValueError:
        pass
    return {}, (f"date: {value!r} is not a day (2022-09-10), a range (2022-09-01/2022-09-12) or a month (2022-05)")


def _number(value: str, name: str, kind: type) -> tuple[object, str | None]:
    value = value.strip().replace(",", "")
    if not value:
        return None, None
    try:
        number = kind(value)
    except (ValueError, OverflowError):
        return None, f"{name}: {value[:40]!r} is not a number"
    if number < 0:
        return None, f"{name}: {value!r} is negative"
    return number, None


def place_fields(place: str, oblast: str) -> tuple[dict, str | None]:
    """The place fields for a place name (from the gazetteer) and/or an oblast code, or a problem."""
    places = gazetteer()
    oblast = oblast.strip()
    if oblast and oblast not in places.oblasts:
        return {}, f"oblast: {oblast!r} is not an oblast code the map knows"
    place = place.strip()
    if not place:
        if not oblast:
            return dict.fromkeys(PLACE_FIELDS) | {"place_precision": "none"}, None
        return {
            "place_name": None,
            "geonameid": None,
            "oblast_iso": oblast,
            "latitude": None,
            "longitude": None,
            "place_precision": "oblast",
        }, None
    found = places.places(place, oblast or None)
    if not found:
        where = f" in {places.oblast_name(oblast)}" if oblast else ""
        return {}, (
            f"place: {place!r} is not in the gazetteer{where}; pick a place it knows, or leave the place "
            "empty and pick the oblast"
        )
    if len({p.oblast_iso for p in found}) > 1 and not oblast:
        names = ", ".join(sorted({places.oblast_name(p.oblast_iso) for p in found}))
        return {}, f"place: {place!r} names places in several oblasts ({names}); pick the oblast too"
    chosen = found[0]
    return {
        "place_name": chosen.name,
        "geonameid": chosen.geonameid,
        "oblast_iso": chosen.oblast_iso,
        "latitude": chosen.latitude,
        "longitude": chosen.longitude,
        "place_precision": "point",
    }, None


def correction(extracted: dict, form: dict) -> tuple[dict, dict, list[str]]:
    """(changed fields -> new values, the extraction's values of those fields, problems)."""
    before = form_values(extracted)
    submitted = {name: str(form.get(name, before[name]) or "").strip() for name in FORM_FIELDS}
    changes: dict = {}
    problems: list[str] = []
    if submitted["actor"] != before["actor"]:
        if submitted["actor"] not in ACTORS:
            problems.append(f"actor: {submitted['actor']!r} is not one of {', '.join(ACTORS)}")
        changes["actor"] = submitted["actor"]
    if submitted["action"] != before["action"]:
        if submitted["action"] not in ACTIONS:
            problems.append(f"action: {submitted['action']!r} is not one of {', '.join(ACTIONS)}")
        changes["action"] = submitted["action"]
    if submitted["confirmed"] != before["confirmed"]:
        if submitted["confirmed"] not in CONFIRMED_VALUES:
            problems.append(f"confirmed: {submitted['confirmed']!r} is not one of {', '.join(CONFIRMED_VALUES)}")
        changes["confirmed"] = submitted["confirmed"]
    if submitted["date"] != before["date"]:
        fields, problem = parse_date(submitted["date"])
        problems += [problem] if problem else []
        changes.update(fields)
    if submitted["place"] != before["place"] or submitted["oblast"] != before["oblast"]:
        fields, problem = place_fields(submitted["place"], submitted["oblast"])
        problems += [problem] if problem else []
        changes.update(fields)
    for name, kind in (("area_km2", float), ("settlements", int)):
        if submitted[name] != before[name]:
            number, problem = _number(submitted[name], name, kind)
            problems += [problem] if problem else []
            changes[name] = number
    # the schema's bounds, the same the loader's claims meet (a huge count, nan, a date in year 1): refused
    problems += [p for p in event_problems(changes) if p.split(":", 1)[0] not in {q.split(":", 1)[0] for q in problems}]
    # a field set back to what the loader found is no change
    changes = {k: v for k, v in changes.items() if _plain(extracted.get(k)) != v}
    return changes, {k: _plain(extracted.get(k)) for k in changes}, problems
