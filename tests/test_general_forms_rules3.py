"""General forms of false events, missed claims and wrong dates found on the dev split (issue 22, third round of
rules), one class at a time, each with made-up sentences for both sides: the one the form must catch and the one
it must leave alone. No sentence is taken from an article of the corpus."""

from datetime import date

import pytest

from dashboard.loader.extract import EventExtractor

PUBLISHED = date(2024, 11, 1)  # a Friday
_EXTRACTOR = EventExtractor()


def events(text, published=PUBLISHED):
    return [
        (e.actor, e.action, e.place_name or e.oblast_iso, e.settlements)
        for e in _EXTRACTOR.extract(text, published).events
    ]


# --- A count of settlements whose settlements the article names is said twice --------------------------------


def test_a_count_whose_places_the_article_names_is_not_a_claim_of_its_own():
    text = (
        "Russia says its forces captured two villages in eastern Ukraine. "
        "The ministry said its troops took control of Ukrainsk and Selydove."
    )
    assert sorted(events(text)) == [("RU", "captured", "Selydove", None), ("RU", "captured", "Ukrainsk", None)]


def test_a_count_larger_than_the_places_named_stays_an_advance():
    text = (
        "Ukraine says its forces recaptured twelve villages in the Kharkiv region. "
        "The general staff said Ukrainian troops retook Balakliia."
    )
    assert ("UA", "advanced", "UA-63", 12) in events(text)
