"""Stage 1 of reading: an article's text -> sentence spans (the headline is a sentence too).

A sentence ends at ``.``, ``!`` or ``?`` (and any closing quotes or brackets)
followed by space and a capital letter or digit (maybe after an opening
quote), or at a run of newlines. A full stop after an abbreviation of the
lexicon ("Gen.", "U.S.", "Sept.") does not end a sentence. Offsets are
code-point offsets into the article, as everywhere in the loader.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from dashboard.loader.lexicon import ABBREVIATIONS

# A stop and what follows it (group 1: closing quotes and the space), or newlines. The pattern begins with
# the one class of characters that can start a break, so that re jumps from one of them to the next (as two
# alternatives, "[.!?]...|\n+", it tried both at every character: four times slower).
_BREAK = re.compile(r"[\n.!?](?:(?<=\n)\n*|(?<=[.!?])([\"”’')\]]*\s+)(?=[\"“‘(\[]?[A-Z0-9]))")
_ABBREVIATIONS = frozenset(ABBREVIATIONS)
_STOPS = ".!?\"”’')] "  # stripped from the end of a sentence before its last word is read
_TAIL = 24  # characters looked at before a break for an abbreviation (the longest is six letters)


class Sentence(NamedTuple):  # a tuple: made by the thousand, cheaply
    start: int  # code-point offsets in the article, surrounding space stripped
    end: int
    text: str


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] ends with an abbreviation ("Gen."), reading only its tail when the tail
    decides (two words or more in it), so that a long "sentence" costs time linear in its length."""
    tail_start = max(start, end - _TAIL)
    words = text[tail_start:end].rstrip(_STOPS).split()
    if len(words) < 2 and tail_start > start:
        words = text[start:end].rstrip(_STOPS).split()[-1:]
    return bool(words) and words[-1].lower().rstrip(".") in _ABBREVIATIONS


def spans(text: str) -> list[tuple[int, int]]:
    """Raw sentence spans (start, end) between breaks, before stripping."""
    out, start = [], 0
    for m in _BREAK.finditer(text):
        newline = m.group(1) is None
        brk_start = m.start() if newline else m.start(1)
        if (
            not newline
            and text[m.start()] == "."
            and "\n" not in m.group(1)
            and _ends_with_abbreviation(text, start, brk_start)
        ):  # "no?" is not "No."
            continue
        if not text[start:brk_start].isspace() and brk_start > start:
            out.append((start, brk_start))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def split(text: str) -> list[Sentence]:
    """The article's sentences, space around each stripped."""
    out = []
    for start, end in spans(text):
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        out.append(Sentence(start + lead, start + lead + len(stripped), stripped))
    return out
