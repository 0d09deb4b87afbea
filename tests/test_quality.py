"""The quality floor: extraction on the labelled corpus of real reporting never gets worse.

``tests/eval/baseline.json`` records precision, recall, F1, dates exact and
oblast correct, the number of ``must_not`` hits, and the SHA-256 of the corpus
they were measured on. A changed corpus must record new figures on purpose
(``python -m bench.quality --record``); a rule change that lowers any figure
fails here. The scoring itself is checked on made-up events.
"""
import json

import pytest

from bench.quality import CORPUS, FIGURES, corpus_hash, evaluate, place_matches
from dashboard.geo import gazetteer
from dashboard.schema import Event

BASELINE = json.loads((CORPUS / "baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    return evaluate(CORPUS)


def test_the_corpus_is_the_one_the_baseline_was_measured_on():
    assert corpus_hash(CORPUS) == BASELINE["corpus_sha256"], (
        "tests/eval changed: check the new figures and record them with `python -m bench.quality --record`")


def test_the_corpus_is_as_large_and_varied_as_promised(report):
    import csv
    with (CORPUS / "articles" / "manifest.csv").open(encoding="utf-8") as handle:
        manifest = list(csv.DictReader(handle))
    assert len(manifest) >= 80 and len({row["outlet"] for row in manifest}) >= 12
    assert report.articles == len(manifest) and not report.problems
    years = {row["published"][:4] for row in manifest}
    assert {"2022", "2023", "2024"} <= years


@pytest.mark.parametrize("figure", FIGURES)
def test_quality_does_not_drop_below_the_baseline(report, figure):
    measured = report.figures()[figure]
    assert measured >= BASELINE[figure] - 1e-9, (
        f"{figure} fell to {measured:.4f} from {BASELINE[figure]:.4f}; `python -m bench.quality` lists the misses "
        "and false events")


def test_must_not_hits_do_not_rise(report):
    assert len(report.must_not_hits) <= BASELINE["must_not_hits"], report.must_not_hits


def _event(**fields):
    base = dict(actor="UA", action="captured", event_date="2022-11-11", date_start="2022-11-11",
                date_end="2022-11-11", date_precision="day", date_phrase="", place_as_written=None, place_name=None,
                geonameid=None, oblast_iso=None, latitude=None, longitude=None, place_precision="none",
                area_km2=None, settlements=None, attribution=None, confirmed="unknown", hedged=False, sentence="",
                sentence_start=0, sentence_end=0)
    base.update(fields)
    return Event(**base)


def _row(place, oblast=""):
    return {"place": place, "oblast_iso": oblast}


def test_place_matching_follows_spellings_gazetteer_and_regions():
    g = gazetteer()
    kherson = g.places("Kherson")[0]
    as_point = _event(place_as_written="Kherson", place_name=kherson.name, geonameid=kherson.geonameid,
                      oblast_iso=kherson.oblast_iso)
    assert place_matches(g, as_point, _row("Kherson", "UA-65"))
    assert not place_matches(g, as_point, _row("Mykolaiv", "UA-48"))
    izium = g.places("Izium")[0]
    written_otherwise = _event(place_as_written="Izyum", place_name=izium.name, geonameid=izium.geonameid)
    assert place_matches(g, written_otherwise, _row("Izium"))
    region = _event(place_as_written="Donetsk region", place_name=g.oblast_name("UA-14"), oblast_iso="UA-14",
                    place_precision="oblast")
    assert place_matches(g, region, _row("Donetsk Oblast", "UA-14"))
    assert not place_matches(g, region, _row("Luhansk Oblast", "UA-09"))
    assert place_matches(g, _event(action="advanced", area_km2=500.0), _row(""))
    assert not place_matches(g, as_point, _row(""))
