"""Stage 2b: quantities in claims: areas (km², square miles converted) and counts of settlements.

Numbers are read either way they are written: "6.000" and "6,000" are six
thousand (a separator followed by exactly three digits groups thousands),
"2.5" is two and a half, "more than 20" is 20, and small numbers may be words
("twelve villages"). The units and nouns are in ``lexicon.py``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from dashboard.loader import lexicon
from dashboard.loader.lexicon import alternation

SQ_MILE_KM2 = 2.589988110336

_WORD_NUMBERS = lexicon.WORD_NUMBERS
_NUMBER = (
    r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<mult>thousand|million))?"
    r"|(?P<word>" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True)) + r")"
)
_KM2 = alternation(lexicon.SQUARE_KILOMETRES)
_MI2 = alternation(lexicon.SQUARE_MILES)
_AREA = re.compile(rf"(?:{_NUMBER})\s*(?P<unit>{_KM2}|{_MI2})", re.IGNORECASE)
# one word may stand between the number and the noun ("four border villages", "two more villages")
_SETTLEMENTS = re.compile(
    rf"(?:{_NUMBER})\s+(?:[a-z]+\s+)?{alternation(lexicon.SETTLEMENT_COUNT_NOUNS)}\b", re.IGNORECASE
)
_SQUARE_MILES = re.compile(_MI2, re.IGNORECASE)
_AREA_UNIT = re.compile(rf"{_KM2}|{_MI2}", re.IGNORECASE)
_SETTLEMENT_NOUN = re.compile(rf"{alternation(lexicon.SETTLEMENT_COUNT_NOUNS)}\b", re.IGNORECASE)
_NUMBER_REACH = 60  # characters a number (and a word) may take before its unit or noun
_GROUPED = re.compile(r"\d{1,3}(?:[.,]\d{3})+")
_GROUPED_DECIMAL = re.compile(r"(\d{1,3}(?:[.,]\d{3})+)[.,](\d+)")

# cheap substring checks first: most sentences have no quantity at all
_AREA_HINTS = ("sq", "km", "mile")
_SETTLEMENT_HINTS = ("villages", "towns", "settlements", "localities", "communities", "hamlets")


class Quantity(NamedTuple):  # a tuple: made by the thousand, cheaply
    start: int  # offsets in the text searched
    end: int
    value: float


def parse_number(num: str | None, mult: str | None = None, word: str | None = None) -> float:
    if word:
        return float(_WORD_NUMBERS[word.lower()])
    if _GROUPED.fullmatch(num):
        value = float(num.replace(".", "").replace(",", ""))
    elif grouped := _GROUPED_DECIMAL.fullmatch(num):
        value = float(grouped.group(1).replace(".", "").replace(",", "") + "." + grouped.group(2))
    else:
        value = float(num)
    return value * {"thousand": 1e3, "million": 1e6}.get((mult or "").lower(), 1)


def _around_ends(pattern: re.Pattern, ends: re.Pattern, text: str) -> Iterator[re.Match]:
    """The matches of ``pattern`` (which ends in what ``ends`` finds: a unit, a noun) read only just before
    each of those ends: the number alternatives are costly to try at every position of a sentence."""
    done = 0
    for end in ends.finditer(text):
        if end.start() < done:
            continue
        for m in pattern.finditer(text, max(done, end.start() - _NUMBER_REACH), end.end()):
            if m.end() == end.end():
                done = m.end()
                yield m
                break


def areas(text: str, lowered: str | None = None) -> list[Quantity]:
    """Areas in km², in text order. ``lowered``: the text lower-cased, if the caller has it."""
    lowered = text.lower() if lowered is None else lowered
    if not any(h in lowered for h in _AREA_HINTS):
        return []
    found = []
    for m in _around_ends(_AREA, _AREA_UNIT, text):
        value = parse_number(m.group("num"), m.group("mult"), m.group("word"))
        if _SQUARE_MILES.fullmatch(m.group("unit")):
            value *= SQ_MILE_KM2
        found.append(Quantity(m.start(), m.end(), round(value, 1)))
    return found


def settlements(text: str, lowered: str | None = None) -> list[Quantity]:
    """Counts of settlements ("more than 20 towns and villages"), in text order."""
    lowered = text.lower() if lowered is None else lowered
    if not any(h in lowered for h in _SETTLEMENT_HINTS):
        return []
    return [
        Quantity(m.start(), m.end(), int(parse_number(m.group("num"), m.group("mult"), m.group("word"))))
        for m in _around_ends(_SETTLEMENTS, _SETTLEMENT_NOUN, text)
    ]
