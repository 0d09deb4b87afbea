"""Stage 2c: who a sentence says made its claim.

Forms read, in order, the first that fits wins (each a function named for its form):
"according to X" (unless X only relays another speaker the sentence names: "says Stupun, according to
Ukrinform"), "This was reported by X" (the passive), "RIA quoted X as saying", "..., said X" (the speaker
after the verb; never after "told", whose object is the listener), "..., the general staff said in an
evening update" (the speaker before a trailing verb; "the ministry said, Russia Today reported" is the
ministry's), "Ukraine's general staff said ..." (the subject of the first speech verb; "Rogov, chairman of
the movement, told TASS" keeps the name with its descriptor, "Syniehubov, in a separate post, also said"
skips the aside), "the report by X that ..." (a report named as a noun), and a headline's trailing source
("... in Gorlovka — DPR head"). "X reported, citing Y" is "X citing Y" (``claimants`` reads it as Y's).
Best-effort spans, cleaned of fillers ("Meanwhile, ..."), labels ("Details: ...") and of "on Ukrainian
television". A speaker that is only a pronoun ("he said") is none of the sentence's own: ``refers_back``
tells the article's speaker model (``speakers.py``) to take the one speaking before. The words are in
``lexicon.py``.
"""

from __future__ import annotations

import bisect
import functools
import re

from dashboard.loader import claimants, lexicon
from dashboard.loader.lexicon import alternation


def _any_case(words) -> str:
    """A verb as written or capitalised, as a headline writes it ("Says", "Reports")."""
    return alternation(f"[{w[0].upper()}{w[0]}]{w[1:]}" if w[:1].isalpha() else w for w in words)


_SPEECH = _any_case(lexicon.SPEECH_VERBS)
_INVERTING = _any_case(w for w in lexicon.SPEECH_VERBS if w not in lexicon.LISTENER_VERBS)
_HAS_SPEECH = re.compile(rf"\b{_SPEECH}\b")
_SPEECH_VERB = re.compile(rf"(?<=\s){_SPEECH}\b")
_CLAUSE_OPENER = re.compile(rf"\b{alternation(lexicon.CLAUSE_OPENERS)}\s+")
_CLAUSE_WORDS = 6  # a clause's subject is short: "Ukraine's military chief"
_CLAUSE_REACH = 120  # characters before a clause's verb searched for its subject (a long sentence stays linear)
_ACCORDING = re.compile(r"\baccording\s+to\s+((?:[^,.;:—]|\.(?=[\w-]))+)", re.IGNORECASE)
_INVERTED = re.compile(rf",\s*{_INVERTING}\s+((?:the\s+)?(?:[A-Z][\w'’.-]*\s*){{1,5}})(?:,|$)")
_LEADING_VERB = re.compile(rf"\s+{_SPEECH}\b")
_NOUN_BEFORE = re.compile(rf"\b{alternation(lexicon.NOUN_BEFORE)}$", re.IGNORECASE)
_SUBJECT_OPENER = re.compile(rf"\b{alternation(lexicon.SUBJECT_CLAUSE_OPENERS)}\s+")
_NAME_AT_END = re.compile(r"\b(?:[A-Z][\w'’-]+\s*)+$")
_SUBJECT_AUXILIARY = re.compile(rf"\s{alternation(lexicon.SUBJECT_AUXILIARIES)}\b")
_TRAILING = re.compile(rf",\s*([^,]+?),?\s+{_SPEECH}\b[^,]*$")
_NOT_SPEECH = re.compile(rf"\b{alternation(lexicon.NOT_SPEECH_BEFORE)}$", re.IGNORECASE)
_RELATIVE_START = re.compile(r"(?:whose|who|which|when|where)\b")
_CLAUSE_START = re.compile(rf"{alternation(lexicon.NOT_SPEAKER_STARTS)}\b")
_NOT_SPEAKERS = frozenset(lexicon.NOT_SPEAKERS)
_CAPITALISED_WORDS = re.compile(r"(?:[A-Z][\w'’-]+\s*){1,4}")
_NAME = re.compile(r"(?:the\s+)?[A-Z][\w'’.-]*(?:\s+(?:(?:of|for|the|and)\s+)*[A-Z][\w'’.-]*){0,6}\s*")
_DESCRIPTOR_START = re.compile(r"(?:the|its|a|an)\b")
_RELATIVE = re.compile(rf",\s*{alternation(lexicon.RELATIVE_WORDS)}\b")
_ASIDE = re.compile(rf"\s*(?:{alternation(lexicon.SPEAKER_ASIDE_STARTS)}\b|$)")
_FILLER = re.compile(rf"^{alternation(lexicon.SPEAKER_FILLERS)}\b\s*,?\s*", re.IGNORECASE)
_LABEL = re.compile(lexicon.SPEAKER_LABEL)
_WIRE_DATELINE = re.compile(alternation(lexicon.WIRE_DATELINES))
_DAYS = alternation(w.capitalize() for w in (*lexicon.WEEKDAYS, *lexicon.MONTHS, *lexicon.MONTH_ABBREVIATIONS))
_WHEN = re.compile(rf"\s+on\s+{_DAYS}\b.*$")  # "Peskov on Jan. 11 neither": the day and what follows
_WHEN_FIRST = re.compile(rf"^(?:[Oo]n\s+)?{_DAYS}\b\.?(?:\s+\d{{1,2}}\b)?\s*,?\s*(?=\S)")  # "On Sunday, the ..."
_TRAILING_ADVERB = re.compile(rf"(?:(?:^|\s+){alternation(lexicon.SPEAKER_TRAILING_ADVERBS)})+$")
_ON_TELEVISION = re.compile(r"\s+(?:on|in)\s+(?:Ukrainian|Russian)?\s*(?:television|TV)$")
_PRONOUNS = frozenset(lexicon.PRONOUN_SPEAKERS)
_PASSIVE = re.compile(rf"\b{alternation(lexicon.PASSIVE_SPEECH)}\s+([^,;]+)")
_NOMINAL = re.compile(rf"\b{alternation(lexicon.NOMINAL_SPEECH)}\s+([^,;]+)", re.IGNORECASE)
_QUOTED_AS = re.compile(alternation(lexicon.QUOTED_AS_SAYING))
_SOURCE_END = re.compile(rf"\s+{alternation(lexicon.SOURCE_ENDS)}\b|\.(?!\w)")
_CITING_TAIL = re.compile(r",\s*(?:citing|quoting)\s+([^,;]+)")
_HEADLINE_SOURCE = re.compile(r"\s[—–-]\s*([^—–\"“”,]{2,40})$")  # a short name, no quotation or clause
_RELAYS = frozenset(lexicon.RELAY_CLAIMANTS)
_SPEAKER_WORDS = 12  # a speaker of more words is a clause, not a name
_LOOSE_END = re.compile(r"(?:,|\s+(?:the|a|an|of|in|on|for|to|and))+$")  # the end of a cut descriptor
_HEADLINE_WORDS = 4  # "— DPR head", "– ISW", "— acting governor"
_SOURCE_LINE_WORDS = 24  # "Source: Oleksandr Shtupun, Spokesman for the Joint Press Centre of the ... Group of Forces"
_ACCORDING_WORDS = 16  # "according to an AFP analysis of data from the U.S.-based Institute for the Study of War"
_SOURCE_LABEL = re.compile(rf"{alternation(lexicon.SOURCE_LABELS)}\s*:\s*(.+)")


def speaker(text: str) -> str | None:
    """Who the sentence says made the claim, or None (a pronoun is None: see ``refers_back``)."""
    found = _raw_speaker(text)
    return found if found and found.lower() not in _PRONOUNS else None


def refers_back(text: str) -> bool:
    """The sentence's speaker is a pronoun ("He added that ...", "Details: He also said"): the one speaking
    before it."""
    found = _raw_speaker(text)
    return bool(found) and found.lower() in _PRONOUNS


def clause_speaker(text: str, at: int) -> str | None:
    """In a sentence with two speech verbs or more ("Putin hailed the capture after Ukraine's military chief said
    his troops withdrew"), the speaker of the verb nearest before offset ``at`` (a claim's action word): the
    subject between the clause's start (a comma or a word such as "after") and that verb; else None."""
    verbs = _speech_verbs(text)
    nearest = bisect.bisect_left(verbs, at) - 1  # verbs in order: found by bisection (a long sentence stays linear)
    if len(verbs) < 2 or nearest < 0:
        return None
    head = text[max(0, verbs[nearest] - _CLAUSE_REACH) : verbs[nearest]]
    starts = [head.rfind(",") + 1] + [m.end() for m in _CLAUSE_OPENER.finditer(head)]
    found = _clean(head[max(starts) :], _CLAUSE_WORDS)
    return found if found and found.lower() not in _PRONOUNS else None


@functools.lru_cache(maxsize=256)
def _speech_verbs(text: str) -> tuple[int, ...]:
    """Where the sentence's speech verbs start, those said by their subject (not "a statement not confirmed")."""
    return tuple(
        m.start()
        for m in _SPEECH_VERB.finditer(text)
        if not _NOT_SPEECH.search(text[max(0, m.start() - 12) : m.start()].rstrip())
    )


def _raw_speaker(text: str) -> str | None:
    text = text.rstrip('.!?"”’ ')
    label = _SOURCE_LABEL.match(text)
    if label:  # "Source: General Staff of the Armed Forces of Ukraine"
        return _clean(_source_phrase(label.group(1)), _SOURCE_LINE_WORDS)
    according = _clean(_according_to(text) or "", _ACCORDING_WORDS)
    if according and not _relays(according):
        return according
    for read in (_passive_source, _quoted_as_saying):
        found = _clean(read(text) or "")
        if found:
            return found
    if _HAS_SPEECH.search(text):
        for read in (_inverted_speaker, _trailing_speaker, _leading_speaker):
            found = _clean(read(text) or "")
            if found:
                return _with_citing(found, text)
    return according or _clean(_nominal_source(text) or "") or _headline_source(text)


def _relays(phrase: str) -> bool:
    return claimants.identify(phrase).name in _RELAYS


def _with_citing(found: str, text: str) -> str:
    """ "TASS reported on Saturday, citing Russia's Defense Ministry": "TASS citing Russia's Defense Ministry"."""
    cited = _CITING_TAIL.search(text)
    return f"{found} citing {cited.group(1)}" if cited else found


def _according_to(text: str) -> str | None:
    m = _ACCORDING.search(text)
    return m.group(1) if m else None


def _source_phrase(raw: str) -> str:
    """The agent of a passive or a nominal source, up to a preposition or clause that is no part of it."""
    end = _SOURCE_END.search(raw)
    return raw[: end.start()] if end else raw


def _passive_source(text: str) -> str | None:
    """ "This was reported by the Main Directorate of Intelligence in an appeal ..." """
    m = _PASSIVE.search(text)
    return _source_phrase(m.group(1)) if m else None


def _quoted_as_saying(text: str) -> str | None:
    """ "RIA quoted a pro-Russian official, Vladimir Rogov, as saying ..." """
    m = _QUOTED_AS.search(text)
    return m.group(1) if m else None


def _nominal_source(text: str) -> str | None:
    """ "Reuters could not verify the report by Russia's Defence Ministry that its troops ..." """
    m = _NOMINAL.search(text)
    return _source_phrase(m.group(1)) if m else None


def _headline_source(text: str) -> str | None:
    """A headline's source after a dash ("One killed in shelling of Gorlovka — DPR head"), when it names one."""
    m = _HEADLINE_SOURCE.search(text)
    if not m:
        return None
    found = m.group(1).strip()
    return found if len(found.split()) <= _HEADLINE_WORDS and claimants.identify(found).name else None


def _inverted_speaker(text: str) -> str | None:
    """ "..., said Oleksiy Arestovych, an adviser ..." """
    m = _INVERTED.search(text)
    return m.group(1) if m else None


def _trailing_speaker(text: str) -> str | None:
    """ "..., the general staff said in an evening update"; "..., the city's leader, Oleksiy Babchenko, said";
    "..., the ministry said on Thursday, Russia Today reported": the ministry (the last only relays it)."""
    found = _trailing(text)
    if found and _relays(found[0]):
        earlier = _trailing(text[: found[1]])
        if earlier and not _relays(earlier[0]):
            return earlier[0]
    return found[0] if found else None


def _trailing(text: str) -> tuple[str, int] | None:
    # The match holds at most two commas (its first, and one before the verb): it starts at one of the
    # last two, so only that tail is searched (a long sentence with many commas stays linear).
    last = text.rfind(",")
    if last < 0:
        return None
    tail = max(text.rfind(",", 0, last), 0)
    m = _TRAILING.search(text, tail)
    if not m or _RELATIVE_START.match(m.group(1)) or _CLAUSE_START.match(m.group(1)) or _NOT_SPEECH.search(m.group(1)):
        return None
    found, head = m.group(1), text[: m.start()]
    if _CAPITALISED_WORDS.fullmatch(found) and "," in head:
        descriptor = head.rsplit(",", 1)[-1].strip()
        if _DESCRIPTOR_START.match(descriptor) and len(descriptor.split()) <= 5:
            found = f"{descriptor}, {found}"
    elif _DESCRIPTOR_START.match(found) and _NAME.fullmatch(name := head.rsplit(",", 1)[-1].strip()):
        # "..., the Institute for the Study of War, a U.S. think-tank, said": the name with its descriptor (cut
        # to a speaker's length: the name first)
        cut = " ".join(found.split()[: max(0, _SPEAKER_WORDS - len(name.split()))])
        found = _LOOSE_END.sub("", f"{name}, {cut}")
    return found, m.start()


def _leading_speaker(text: str) -> str | None:
    """ "Ukraine's general staff said ..."; "Kyiv, whose troops ..., said ..."; "Vladimir Rogov, chairman of
    the movement, told TASS"; "Syniehubov, in a separate post on Telegram, also said ..." (the first verb
    that is one: "listened to reports" is a noun)."""
    for m in _LEADING_VERB.finditer(text):
        before = text[max(0, m.start() - 15) : m.start()]
        if _NOT_SPEECH.search(before):  # "This was reported by ...": a passive, read by ``_passive_source``
            return None
        if not _NOUN_BEFORE.search(before):
            return _subject(text[: m.start()])
    return None


def _subject(subject: str) -> str:
    relative = _RELATIVE.search(subject)
    if relative:
        return subject[: relative.start()]
    parts = [p.strip() for p in subject.rstrip(" ,").split(",")]
    while len(parts) > 1 and _ASIDE.fullmatch(parts[-1].split(" ", 1)[0]):
        parts.pop()  # an aside between the speaker and the verb
    found = parts[-1]
    opener = None
    for opener in _SUBJECT_OPENER.finditer(found):
        pass
    if opener:  # "The announcement came after Ukraine's armed forces"
        found = found[opener.end() :]
    auxiliary = _SUBJECT_AUXILIARY.search(found)
    if auxiliary and auxiliary.start() > 0:
        # "Urozhaine is the only village Ukraine (claims)": the name right before the verb; "Russia's defence
        # ministry has not commented on the report but it (says)": the subject before the auxiliary
        named = _NAME_AT_END.search(found, auxiliary.end())
        found = named.group().strip() if named else found[: auxiliary.start()]
    if len(parts) > 1 and not found[:1].isupper() and _NAME.fullmatch(parts[-2]):
        found = f"{parts[-2]}, {found}"  # "Vladimir Rogov, chairman of ..."
    return found


def _clean(raw: str, longest: int = _SPEAKER_WORDS) -> str | None:
    found = raw.strip(" \"“”'’-–—•*·")
    found = _LABEL.sub("", found, count=1) if _LABEL.match(found) else found
    found = _WIRE_DATELINE.sub("", found, count=1)
    found = _WHEN.sub("", found)
    found = _WHEN_FIRST.sub("", found)
    found = _FILLER.sub("", found)
    found = _ON_TELEVISION.sub("", found)
    found = _TRAILING_ADVERB.sub("", found).strip(" ,")
    if not found or len(found.split()) > longest or found.lower() in _NOT_SPEAKERS:
        return None
    return found
