"""Stage 2c: who a sentence says made its claim.

Forms read, first that fits wins: "according to ...", "..., said X" (the
speaker after the verb), "..., the general staff said in an evening update"
(the speaker before a trailing verb), "Ukraine's general staff said ..." (the
subject of the first speech verb). Best-effort spans, cleaned of fillers
("Meanwhile, ...") and of "on Ukrainian television". The speech verbs are in
``lexicon.py``.
"""

from __future__ import annotations

import re

from dashboard.loader import lexicon
from dashboard.loader.lexicon import alternation

_SPEECH = alternation(lexicon.SPEECH_VERBS)
_HAS_SPEECH = re.compile(rf"\b{_SPEECH}\b")
_ACCORDING = re.compile(r"\baccording\s+to\s+([^,.;]+)", re.IGNORECASE)
_INVERTED = re.compile(rf",\s*{_SPEECH}\s+((?:the\s+)?(?:[A-Z][\w'’.-]*\s*){{1,5}})(?:,|$)")
_LEADING = re.compile(rf"(.*?)\s+{_SPEECH}\b")
_TRAILING = re.compile(rf",\s*([^,]+?),?\s+{_SPEECH}\b[^,]*$")
_RELATIVE_START = re.compile(r"(?:whose|who|which|when|where)\b")
_CAPITALISED_WORDS = re.compile(r"(?:[A-Z][\w'’-]+\s*){1,4}")
_DESCRIPTOR_START = re.compile(r"(?:the|its|a|an)\b")
_RELATIVE = re.compile(rf",\s*{alternation(lexicon.RELATIVE_WORDS)}\b")
_FILLER = re.compile(rf"^{alternation(lexicon.SPEAKER_FILLERS)}\s*,?\s*")
_ON_TELEVISION = re.compile(r"\s+(?:on|in)\s+(?:Ukrainian|Russian)?\s*(?:television|TV)$")
_PRONOUNS = frozenset(lexicon.PRONOUN_SPEAKERS)


def speaker(text: str) -> str | None:
    """Who the sentence says made the claim, or None."""
    text = text.rstrip('.!?"”’ ')
    found = _according_to(text)
    if found and (cleaned := _clean(found)):
        return cleaned
    if not _HAS_SPEECH.search(text):  # the other three forms all need a speech verb
        return None
    for read in (_inverted_speaker, _trailing_speaker, _leading_speaker):
        found = read(text)
        if found and (cleaned := _clean(found)):
            return cleaned
    return None


def _according_to(text: str) -> str | None:
    m = _ACCORDING.search(text)
    return m.group(1) if m else None


def _inverted_speaker(text: str) -> str | None:
    """ "..., said Oleksiy Arestovych, an adviser ..." """
    m = _INVERTED.search(text)
    return m.group(1) if m else None


def _trailing_speaker(text: str) -> str | None:
    """ "..., the general staff said in an evening update"; "..., the city's leader, Oleksiy Babchenko, said" """
    # The match holds at most two commas (its first, and one before the verb): it starts at one of the
    # last two, so only that tail is searched (a long sentence with many commas stays linear).
    last = text.rfind(",")
    if last < 0:
        return None
    tail = max(text.rfind(",", 0, last), 0)
    m = _TRAILING.search(text, tail)
    if not m or _RELATIVE_START.match(m.group(1)):
        return None
    found, head = m.group(1), text[: m.start()]
    if _CAPITALISED_WORDS.fullmatch(found) and "," in head:
        descriptor = head.rsplit(",", 1)[-1].strip()
        if _DESCRIPTOR_START.match(descriptor) and len(descriptor.split()) <= 5:
            found = f"{descriptor}, {found}"
    return found


def _leading_speaker(text: str) -> str | None:
    """ "Ukraine's general staff said ..."; "Kyiv, whose troops ..., said ..." """
    m = _LEADING.match(text)
    if not m:
        return None
    subject = m.group(1)
    relative = _RELATIVE.search(subject)
    if relative:
        return subject[: relative.start()]
    return subject.rsplit(",", 1)[-1]


def _clean(raw: str) -> str | None:
    found = raw.strip(" \"“”'’")
    found = _FILLER.sub("", found)
    found = _ON_TELEVISION.sub("", found)
    if not found or len(found.split()) > 12 or found.lower() in _PRONOUNS:
        return None
    return found
