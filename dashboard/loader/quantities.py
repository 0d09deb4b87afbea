"""Quantities in claims: areas (km², square miles converted) and counts of settlements.

Numbers are read either way they are written: "6.000" and "6,000" are six
thousand (a separator followed by exactly three digits groups thousands),
"2.5" is two and a half, "more than 20" is 20, and small numbers may be words.
"""
from __future__ import annotations

import re

SQ_MILE_KM2 = 2.589988110336

_WORD_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "a dozen": 12, "a hundred": 100, "dozens of": 24, "hundreds of": 200,
}
_NUMBER = (r"(?P<num>\d{1,3}(?:[.,]\d{3})+(?:[.,]\d+)?|\d+(?:\.\d+)?)(?:\s*(?P<mult>thousand|million))?"
           r"|(?P<word>" + "|".join(sorted(map(re.escape, _WORD_NUMBERS), key=len, reverse=True)) + r")")
_KM2 = r"(?:square\s+kilomet(?:er|re)s?|sq\.?\s*km|km2|km²|square\s+km)"
_MI2 = r"(?:square\s+miles?|sq\.?\s*mi(?:les?)?)"
_SETTLEMENTS = (r"(?:towns\s+and\s+villages|villages\s+and\s+towns|villages|towns|settlements|"
                r"localities|communities|hamlets|cities\s+and\s+villages)")

AREA_RE = re.compile(rf"(?:{_NUMBER})\s*(?P<unit>{_KM2}|{_MI2})", re.IGNORECASE)
SETTLEMENTS_RE = re.compile(rf"(?:{_NUMBER})\s+(?:more\s+|other\s+)?{_SETTLEMENTS}\b", re.IGNORECASE)


_AREA_HINTS = ("sq", "km", "mile")
_SETTLEMENT_HINTS = ("villages", "towns", "settlements", "localities", "communities", "hamlets")


def find_areas(text: str) -> list[re.Match]:
    """Area quantities in a sentence (a cheap substring check first: most sentences have none)."""
    lowered = text.lower()
    return list(AREA_RE.finditer(text)) if any(h in lowered for h in _AREA_HINTS) else []


def find_settlements(text: str) -> list[re.Match]:
    lowered = text.lower()
    return list(SETTLEMENTS_RE.finditer(text)) if any(h in lowered for h in _SETTLEMENT_HINTS) else []


def parse_number(num: str | None, mult: str | None = None, word: str | None = None) -> float:
    if word:
        return float(_WORD_NUMBERS[word.lower()])
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", num):
        value = float(re.sub(r"[.,]", "", num))
    elif re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+[.,]\d+", num):
        grouped, _, decimals = re.split(r"([.,])(?=\d+$)", num)
        value = float(re.sub(r"[.,]", "", grouped) + "." + decimals)
    else:
        value = float(num)
    return value * {"thousand": 1e3, "million": 1e6}.get((mult or "").lower(), 1)


def area_km2(match: re.Match) -> float:
    value = parse_number(match.group("num"), match.group("mult"), match.group("word"))
    if re.fullmatch(_MI2, match.group("unit"), re.IGNORECASE):
        value *= SQ_MILE_KM2
    return round(value, 1)


def settlements(match: re.Match) -> int:
    return int(parse_number(match.group("num"), match.group("mult"), match.group("word")))
