"""Find a big alternation's matches fast: its literal starts first (Aho-Corasick), the pattern only there.

Python's ``re`` tries every alternative of a pattern at every position of a
text; with a hundred action words that is most of the cost of a scan. Every
match of such a pattern begins with one of a set of literal strings read off
the pattern itself ("took", "recaptured", "the" of "the capture of" ...).
``LiteralScan`` finds those with one Aho-Corasick pass (``pyahocorasick``, in
C) and runs the pattern only where one starts at a word boundary: the same
matches as ``pattern.finditer``, in the same order. A pattern with an
alternative that can begin with no literal (a class such as ``\\d``) is
refused: use ``finditer`` for it.

A start may run on over whitespace (``\\s+``, ``\\s*``, ``\\s?``) once: "the" of
"the\\s+capture\\s+of" is the start "the capture" (and "the  " for two or more
spaces), so that the automaton is not stopped at every "the" of the text. It
reads a copy of the text with every whitespace character made a space (same
length, same offsets), where a one-space start stands for any one whitespace
character and a two-space start for any run of them: the candidates still
hold every match.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from re import _constants as sre_constants
from re import _parser as sre_parser

import ahocorasick

_MAX_STARTS = 20_000  # a guard against a pattern whose optional parts multiply out


_WHITESPACE = "".join(c for c in map(chr, range(0x3001)) if c.isspace())  # what \\s matches (none after U+3000)
_ASCII_SPACED = bytes(32 if chr(i).isspace() else i for i in range(256))  # (bytes.translate needs 256)


def spaced(text: str) -> str:
    """``text`` with every whitespace character made a space (the same length and offsets)."""
    if text.isascii():  # the usual case, done in C at once
        return text.encode("ascii").translate(_ASCII_SPACED).decode("ascii")
    for c in _WHITESPACE:
        if c != " " and c in text:
            text = text.replace(c, " ")
    return text


_WHITESPACE_RUNS = 1  # how many whitespace runs a start may run on over


def literal_starts(pattern: str) -> set[str]:
    """Literal strings one of which begins every match of ``pattern`` (each read up to its first non-literal,
    over one whitespace run; whitespace written as spaces, see the module's docstring)."""
    starts = _starts(list(sre_parser.parse(pattern)), _WHITESPACE_RUNS)
    if "" in starts or any(start.isspace() for start in starts):
        raise ValueError(f"an alternative of this pattern begins with no literal: {pattern[:80]!r}")
    return {spaced(start) for start in starts}


def _is_whitespace_repeat(op, arg) -> bool:
    return op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and list(arg[2]) == [
        (sre_constants.IN, [(sre_constants.CATEGORY, sre_constants.CATEGORY_SPACE)])
    ]


def _starts(items: list, runs: int) -> set[str]:
    if not items:
        return {""}
    (op, arg), rest = items[0], items[1:]
    if op is sre_constants.LITERAL:
        return {chr(arg) + tail for tail in _starts(rest, runs)}
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return _starts(rest, runs)  # \b, ^, look-arounds: no character
    if op is sre_constants.SUBPATTERN:  # (?:...) and (?P<name>...)
        return _starts(list(arg[-1]) + rest, runs)
    if op is sre_constants.BRANCH:
        found = set().union(*(_starts(list(branch) + rest, runs) for branch in arg[1]))
    elif _is_whitespace_repeat(op, arg) and runs:  # \s+, \s*, \s?: one space, or a run (two)
        least, most = arg[0], arg[1]
        found = _starts(rest, runs - 1) if least == 0 else set()
        if least <= 1 <= most:
            found |= {" " + tail for tail in _starts(rest, runs - 1)}
        if most >= 2:
            found.add("  ")
    elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] == 0 and arg[1] == 1:
        found = _starts(list(arg[2]) + rest, runs) | _starts(rest, runs)  # optional: with it, or without it
    elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
        found = _starts(list(arg[2]), 0)  # one copy at least: its start, then stop
    else:
        return {""}  # a class, \s: no literal
    if len(found) > _MAX_STARTS:
        raise ValueError("the pattern has too many literal starts to list")
    return found


class LiteralScan:
    """``finditer`` of a pattern that begins at a word boundary, found from its literal starts."""

    def __init__(self, pattern: re.Pattern):
        if pattern.flags & re.IGNORECASE:
            raise ValueError("LiteralScan reads literals as written: match lower-cased text without re.IGNORECASE")
        self.pattern = pattern
        self._automaton = ahocorasick.Automaton()
        starts = literal_starts(pattern.pattern)
        for start in starts:
            self._automaton.add_word(start, len(start))
        self._automaton.make_automaton()
        self._spaced = any(" " in start for start in starts)  # read a spaced copy only when a start needs it

    def finditer(self, text: str) -> Iterator[re.Match]:
        candidates = []
        for end, length in self._automaton.iter(spaced(text) if self._spaced else text):
            before = end - length  # the character before the start must not be a word character
            if before < 0 or not (text[before].isalnum() or text[before] == "_"):
                candidates.append(before + 1)
        candidates.sort()
        done = 0
        for at in candidates:
            if at < done:
                continue
            m = self.pattern.match(text, at)
            if m:
                done = m.end()
                yield m
