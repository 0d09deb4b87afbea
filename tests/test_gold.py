"""The loader against the seeds' gold claims (read from seeds/gold_claims.csv, nothing hard-coded)."""

import csv
import math
from datetime import date
from pathlib import Path

import pytest

from dashboard.geo import gazetteer, name_key
from dashboard.loader.extract import EventExtractor

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _manifest():
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        return {row["file"]: date.fromisoformat(row["published"]) for row in csv.DictReader(handle)}


def _gold(kind):
    with (SEEDS / "gold_claims.csv").open(encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if row["required"] == kind]


@pytest.fixture(scope="module")
def events_by_file():
    extractor = EventExtractor()
    return {
        name: extractor.extract((SEEDS / name).read_text(encoding="utf-8"), published).events
        for name, published in _manifest().items()
    }


def _same_place(event, gold) -> bool:
    if not gold["place"]:
        return event.place_name is None
    if event.place_name is None:
        return False
    known = gazetteer().places(gold["place"], gold["oblast_iso"] or None)
    if known and event.geonameid is not None:
        return event.geonameid == known[0].geonameid
    return name_key(event.place_name) == name_key(gold["place"])


def _number(text):
    return float(text) if text else None


def _matches(event, gold) -> bool:
    area = _number(gold["area_km2"])
    settlements = _number(gold["settlements"])
    return (
        event.actor == gold["actor"]
        and event.action == gold["action"]
        and _same_place(event, gold)
        and (event.oblast_iso or "") == gold["oblast_iso"]
        and event.event_date == gold["event_date"]
        and (area is None) == (event.area_km2 is None)
        and (area is None or math.isclose(event.area_km2, area, rel_tol=0.01))
        and (settlements is None) == (event.settlements is None)
        and (settlements is None or event.settlements == settlements)
        and event.confirmed == gold["confirmed"]
    )


@pytest.mark.parametrize(
    "gold", _gold("yes"), ids=lambda g: f"{g['actor']}-{g['action']}-{g['place'] or g['date_basis']}"
)
def test_required_claim_found(gold, events_by_file):
    events = events_by_file[gold["file"]]
    assert any(_matches(e, gold) for e in events), f"missing {gold}; found: " + "; ".join(
        f"{e.actor} {e.action} {e.place_name} {e.oblast_iso} {e.event_date} {e.area_km2} {e.settlements} {e.confirmed}"
        for e in events
    )


@pytest.mark.parametrize("gold", _gold("must_not"), ids=lambda g: f"not-{g['actor']}-{g['action']}-{g['place']}")
def test_must_not_claim_absent(gold, events_by_file):
    for e in events_by_file[gold["file"]]:
        assert not (e.actor == gold["actor"] and e.action == gold["action"] and _same_place(e, gold)), e


def test_every_event_keeps_its_source_sentence(events_by_file):
    for name, events in events_by_file.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        for e in events:
            assert text[e.sentence_start : e.sentence_end] == e.sentence


def test_unknown_places_are_placed_at_oblast_level_and_flagged(events_by_file):
    flagged = [e for events in events_by_file.values() for e in events if "not-in-gazetteer" in e.flags]
    assert flagged and all(e.place_precision == "oblast" and e.latitude is None for e in flagged)
