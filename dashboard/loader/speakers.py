"""Stage 2d: who speaks across an article: the speaker of every sentence, its own or the one carried to it.

A claim's sentence often does not name who makes it; the article does. One forward pass over the
sentences keeps the *report in effect* (the last speaker a sentence named) and decides, step by step, which
sentences it covers; each step is a function named for what it decides:

- ``own_speaker``: a sentence that names its speaker ("..., the General Staff said") speaks for it and
  starts a new report; one that only refers back ("he added", "the report said") is the report in effect.
- ``list_item``: a list item is said by whoever introduced the list (a ministry's summary read out item by
  item), never by the item before (a live blog's items are unrelated); a heading between items keeps the
  list's speaker, a list nobody introduced has none.
- ``heading``: a line without an end mark (a heading, a time stamp, a live blog's item title) is no one's;
  a label of the article's own voice ("Background:") ends the report.
- ``same_paragraph``: within a paragraph the voice of the sentence before goes on.
- ``new_paragraph``: across a paragraph break the report goes on when the paragraph continues it: right
  after the sentence that named the speaker (unless that sentence was a quotation: a quotation ends with its
  paragraph), or when the paragraph opens with a continuation ("In particular", "Meanwhile", "The enemy
  also ...", a quotation mark, "Quote:"), or when the article is a source's report (a state-media dateline
  "/TASS/", or after a "Source: X" line); otherwise the paragraph is the article's own voice (the report
  stays in effect for a later paragraph that continues it).

After the pass: ``paragraph_lead`` (a paragraph's lead sentences take the speaker its next sentence names:
"A Russian attack killed ten people. The city's governor said ..."), ``opening`` (the headline and lede
before the first speaker named within the article's first sentences take it: "Russian Forces Liberate Two
Settlements" / "... the Russian Defence Ministry reported"; "Source: General Staff", "This was reported by
..." name it too); and during it ``full_name`` (a surname alone is the person named in full before).

The words are in ``lexicon.py`` (``SPEAKER_CONTINUATIONS``, ``OWN_VOICE_LABELS``, ``REPORT_DATELINES``,
``SOURCE_LABELS``).
"""

from __future__ import annotations

import re

from dashboard.loader import attribution, lexicon
from dashboard.loader.lexicon import alternation
from dashboard.loader.sentences import Sentence

LIST_ITEM = re.compile(alternation(lexicon.LIST_ITEM_MARKS))  # "- ", "• ": a sentence opening a list item
_HEADING = re.compile(r"[^.!?:;]{1,80}")  # a line without an end mark: a heading, a time stamp
_TIME_STAMP = re.compile(alternation(lexicon.TIME_STAMPS), re.IGNORECASE)  # "12:30": a live blog's new item
_QUOTED = re.compile(alternation(lexicon.QUOTE_MARKS))  # a sentence quoting its speaker's words
_OPENS_QUOTE = re.compile(rf"\s*(?:[-–—•*·]\s*)?{alternation(lexicon.QUOTE_MARKS)}")
_CONTINUES = re.compile(rf"(?:[-–—•*·]\s*)?{alternation(lexicon.SPEAKER_CONTINUATIONS)}\b", re.IGNORECASE)
_CONTINUES_WITHIN = re.compile(rf"^(?:\S+\s+){{1,4}}?{alternation(lexicon.SPEAKER_CONTINUATIONS_WITHIN)}\b")
_OWN_VOICE = re.compile(rf"{alternation(lexicon.OWN_VOICE_LABELS)}\s*:", re.IGNORECASE)
_REFERRING = re.compile(rf"{alternation(lexicon.REFERRING_CLAIMANTS)}$", re.IGNORECASE)
_REPORT_DATELINE = re.compile(alternation(lexicon.REPORT_DATELINES))
_SOURCE_LINE = re.compile(rf"{alternation(lexicon.SOURCE_LABELS)}\s*:")
_DATELINE_REACH = 600  # characters at the article's start searched for a state-media dateline
OPENING_REACH = 5  # sentences of an article's opening that take the first speaker named in them


class ArticleSpeakers:
    """The speaker of each sentence of one article (a phrase as written, or None: the article's own voice),
    read in one pass the first time one is asked for."""

    def __init__(self, text: str, sentences: list[Sentence]):
        self.text, self.sentences = text, sentences
        self._voices: list[str | None] | None = None
        self.own: list[str | None] = []  # each sentence's own speaker, if it names one

    def of(self, index: int) -> str | None:
        """Who speaks in sentence ``index``: its own speaker, the report carried to it, or None."""
        if self._voices is None:
            self._voices = self._read()
        return self._voices[index]

    def named(self) -> list[tuple[int, str]]:
        """(article offset, phrase) of every speaker a sentence names, in order: what a country or an office
        without its side may stand for."""
        if self._voices is None:
            self._voices = self._read()
        return [(s.start, who) for s, who in zip(self.sentences, self.own, strict=True) if who]

    # --- the pass ---------------------------------------------------------------------------------------

    def _read(self) -> list[str | None]:
        sentences, text = self.sentences, self.text
        state = _State(bool(_REPORT_DATELINE.search(text[:_DATELINE_REACH])))
        voices: list[str | None] = []
        line_start = 0
        people: dict[str, str] = {}  # surname -> the phrase that named the person in full
        for k, s in enumerate(sentences):
            starts_line = k == 0 or "\n" in text[sentences[k - 1].end : s.start]
            ends_line = k + 1 == len(sentences) or "\n" in text[s.end : sentences[k + 1].start]
            own = full_name(attribution.speaker(s.text), people)
            self.own.append(own)
            line = _Line(s.text, starts_line, ends_line, own)
            state.enter(line)
            voice = next(v for step in STEPS if (v := step(state, line)) is not _UNDECIDED)
            state.after(line, voice)
            voices.append(voice)
            if starts_line:
                line_start = k
            elif line.own:
                paragraph_lead(voices, line_start, k, line.own)
                line_start = k + 1  # each sentence is led once: a line of many speakers stays linear
        return opening(voices, self.own, sentences, text)


class _State:
    """What the pass carries from one sentence to the next."""

    __slots__ = ("report", "report_quoted", "last_named", "previous", "list_voice", "in_list", "report_article")

    def __init__(self, report_article: bool):
        self.report: str | None = None  # the report in effect: the last speaker named
        self.report_quoted = False  # the sentence that named it quoted its words
        self.last_named = False  # the sentence before named its speaker
        self.previous: str | None = None  # the voice of the sentence before
        self.list_voice: str | None = None  # who introduced the list being read
        self.in_list = False
        self.report_article = report_article  # a state-media report: every paragraph carries it

    def enter(self, line: _Line) -> None:
        """A list begins at its first item or a heading, with the voice of the sentence before it; it ends at
        a paragraph that is neither."""
        if (line.item or line.heading) and not self.in_list:
            self.in_list, self.list_voice = True, self.previous
        elif line.starts_line and not (line.item or line.heading):
            self.in_list, self.list_voice = False, None

    def after(self, line: _Line, voice: str | None) -> None:
        self.last_named, self.previous = bool(line.own), voice
        if line.own and line.starts_line and _SOURCE_LINE.match(line.text):
            self.report_article = True  # "Source: X": the body that follows is X's report
        if line.own:
            self.report, self.report_quoted = line.own, bool(_QUOTED.search(line.text))
        elif voice and line.refers_back:
            self.report_quoted = bool(_QUOTED.search(line.text))


class _Line:
    """One sentence as the steps see it."""

    __slots__ = ("text", "starts_line", "ends_line", "own", "refers_back", "item", "heading")

    def __init__(self, text: str, starts_line: bool, ends_line: bool, own: str | None):
        self.text, self.starts_line, self.ends_line = text, starts_line, ends_line
        self.own = own if own and not _REFERRING.match(own) else None  # "the report said": the report in effect
        self.refers_back = (own is not None and self.own is None) or attribution.refers_back(text)
        self.item = starts_line and bool(LIST_ITEM.match(text))
        self.heading = starts_line and ends_line and bool(_HEADING.fullmatch(text) or _TIME_STAMP.fullmatch(text))


_UNDECIDED = object()  # a step that does not decide the sentence


def own_speaker(state: _State, line: _Line):
    """The sentence names its speaker; or it only refers back ("he said", "the report said")."""
    if line.own:
        return line.own
    if line.refers_back:
        return state.report
    return _UNDECIDED


def list_item(state: _State, line: _Line):
    """A list item: who introduced the list, never the item before."""
    return state.list_voice if line.item else _UNDECIDED


def heading(state: _State, line: _Line):
    """A line without an end mark (a heading, a time stamp) is no one's; a label of the article's own voice
    ("Background:") ends the report."""
    if line.starts_line and _OWN_VOICE.match(line.text):
        state.report, state.in_list, state.list_voice, state.report_article = None, False, None, False
        return None
    if not line.heading:
        return _UNDECIDED
    state.report = None  # a new item of a live blog or a new section: the report before it is over
    return None


def same_paragraph(state: _State, line: _Line):
    """Within a paragraph (a list item's line too) the voice of the sentence before goes on."""
    return state.previous if not line.starts_line else _UNDECIDED


def new_paragraph(state: _State, line: _Line):
    """A paragraph carries the report when it continues it (see the module's docstring)."""
    carrying = bool(state.report) and (
        (state.last_named and not state.report_quoted)
        or state.report_article
        or bool(_CONTINUES.match(line.text) or _CONTINUES_WITHIN.match(line.text) or _OPENS_QUOTE.match(line.text))
    )
    return state.report if carrying else None


STEPS = (own_speaker, list_item, heading, same_paragraph, new_paragraph)


_FULL_NAME = re.compile(r"\b[A-Z][a-z'’-]+\s+([A-Z][a-z'’-]{2,})\b")
_SURNAME = re.compile(r"[A-Z][a-z'’-]{2,}")


def full_name(who: str | None, people: dict[str, str]) -> str | None:
    """A speaker named by surname alone ("Prikhodko said") is the person the article named in full before
    ("the city mayor, Ivan Prikhodko"); a speaker named in full is remembered by surname."""
    if not who:
        return who
    if _SURNAME.fullmatch(who):
        return people.get(who, who)
    for m in _FULL_NAME.finditer(who):
        people.setdefault(m.group(1), who)
    return who


def paragraph_lead(voices: list[str | None], start: int, at: int, who: str) -> None:
    """A paragraph's (or a list item's) sentences before the one that names its speaker, in no one's voice,
    take that speaker ("A Russian attack killed ten people. The city's governor, Ivan Fedorov, said ...")."""
    for k in range(start, at):
        if voices[k] is None:
            voices[k] = who


def opening(voices: list[str | None], own: list[str | None], sentences: list[Sentence], text: str) -> list:
    """The headline and lede before the first speaker named in the article's first ``OPENING_REACH``
    sentences (a heading, a byline counts: a speaker named further down is no longer the opening's) take that
    speaker; a live blog's opening (a list item before it) is no one's report."""
    counted, first = 0, None
    for k, s in enumerate(sentences):
        if LIST_ITEM.match(s.text) or counted >= OPENING_REACH:
            break
        if own[k] and not _REFERRING.match(own[k]):
            first = k
            break
        counted += 1
    if first is None:
        return voices
    return [own[first] if k < first and who is None else who for k, who in enumerate(voices)]
