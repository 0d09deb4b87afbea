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
"""
from __future__ import annotations

import re
from re import _constants as sre_constants, _parser as sre_parser
from typing import Iterator

import ahocorasick

_MAX_STARTS = 20_000   # a guard against a pattern whose optional parts multiply out


def literal_starts(pattern: str) -> set[str]:
    """Literal strings one of which begins every match of ``pattern`` (each read up to its first non-literal)."""
    starts = _starts(list(sre_parser.parse(pattern)))
    if "" in starts:
        raise ValueError(f"an alternative of this pattern begins with no literal: {pattern[:80]!r}")
    return starts


def _starts(items: list) -> set[str]:
    if not items:
        return {""}
    (op, arg), rest = items[0], items[1:]
    if op is sre_constants.LITERAL:
        return {chr(arg) + tail for tail in _starts(rest)}
    if op in (sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return _starts(rest)                                     # \b, ^, look-arounds: no character
    if op is sre_constants.SUBPATTERN:                           # (?:...) and (?P<name>...)
        return _starts(list(arg[-1]) + rest)
    if op is sre_constants.BRANCH:
        found = set().union(*(_starts(list(branch) + rest) for branch in arg[1]))
    elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] == 0 and arg[1] == 1:
        found = _starts(list(arg[2]) + rest) | _starts(rest)     # optional: with it, or without it
    elif op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT) and arg[0] >= 1:
        found = _starts(list(arg[2]))                            # one copy at least: its start, then stop
    else:
        return {""}                                              # a class, \s: no literal
    if len(found) > _MAX_STARTS:
        raise ValueError("the pattern has too many literal starts to list")
    return found


class LiteralScan:
    """``finditer`` of a pattern that begins at a word boundary, found from its literal starts."""

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self._automaton = ahocorasick.Automaton()
        for start in literal_starts(pattern.pattern):
            self._automaton.add_word(start, len(start))
        self._automaton.make_automaton()

    def finditer(self, text: str) -> Iterator[re.Match]:
        candidates = []
        for end, length in self._automaton.iter(text):
            before = end - length   # the character before the start must not be a word character
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
