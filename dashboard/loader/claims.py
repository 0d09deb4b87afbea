"""Stage 4: claims: who did what, where, how much, when, said by whom.

A claim is a sentence (or one clause of it) where an action word of the
lexicon (``captured``, ``withdrew``, ``repelled``, ``advanced``, ``struck``)
meets a side (UA or RU) and a place, a region, an area or a count of
settlements. How it reads, in short:

- Action words are found with one scan over the lower-cased article, so
  sentences without one cost almost nothing; only their sentences are read
  closely (``mentions.py`` finds their sides and places).
- Forecasts and background are not events: an action word after a modal
  ("will", "would", "could"), an infinitive ("to completely seize"), a
  negation, an adjective use ("the occupied territories"), or inside a
  leading "Since ..." clause is skipped.
- Each place, region and quantity belongs to the nearest action word before
  it. A place before every action word belongs to the first one only in a
  passive or relative clause ("Kherson was retaken", "Lyman, which Ukraine
  liberated").
- The actor is the side named by a passive "by ..." agent, else the side just
  before a strike noun ("Russian missiles"), else the nearest side named
  before the action word ("its troops" after "Ukraine's general staff"), else
  for "repelled" the side opposite the attacker named after it, else a side
  named after it, else the first side the sentence before names (its
  subject: "They", "The ministry said it ..."). "Ukraine lost X" is a
  capture by the other side.
- An action word with an area or a count and no place ("retaken 500 sq km",
  "taken 12 villages") is an advance; with a place after the count it is an
  advance there ("regained 16 sq km in the north of the city"), or the count
  and a capture when the place is one "including" ("liberated eight
  settlements, including Piatykhatky").
- A place referred back to ("withdrew from the devastated town", "the
  strategic city") is the place named last before it, in the sentence or the
  three before; "the capital" is Kyiv.
- The date is the date phrase nearest the action word in the sentence (the
  earlier on a tie); the attribution is the sentence's speaker, its own or
  the one the article carries to it (``speakers.py``); ``confirmed`` is "no" when the
  sentence or the next one says it could not be confirmed; ``hedged`` when it
  says "may", "reportedly" ...

Everything that could grow with the length of a sentence is found by binary
search, so a scraper's megabyte-long "sentence" costs time linear in its length.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

from dashboard.geo import Gazetteer
from dashboard.loader import attribution, claimants, lexicon, places, quantities, speakers
from dashboard.loader.dates import DatePhrase
from dashboard.loader.lexicon import alternation
from dashboard.loader.literals import LiteralScan
from dashboard.loader.lowercase import lower_keep_offsets
from dashboard.loader.mentions import SIDE, PlaceMention, PlaceReader, RegionMention, Side, region_mentions, sides
from dashboard.loader.sentences import Sentence
from dashboard.loader.sentences import split as split_sentences
from dashboard.schema import other_side

# Matched against the lower-cased text; the look-ahead lets re skip most positions at once.
TRIGGER = re.compile(
    r"\b(?=[a-z])(?:"
    + "|".join(rf"(?P<{action}>{alternation(words)}\b)" for action, words in lexicon.ACTION_WORDS.items())
    + ")"
)
_TRIGGER_SCAN = LiteralScan(TRIGGER)  # the same matches as TRIGGER.finditer, found faster
_STRIKE_NOUN = re.compile(alternation(lexicon.STRIKE_NOUNS), re.IGNORECASE)
_HEDGE = re.compile(rf"\b{alternation(lexicon.HEDGES)}\b")
_UNCONFIRMED = re.compile(
    rf"\b{alternation(lexicon.UNCONFIRMED_NEGATIONS)}\s+(?:be\s+)?(?:been\s+)?(?:independently\s+)?(?:confirm|verif)\w*"
    rf"|\b{alternation(lexicon.UNCONFIRMED_WORDS)}\b",
    re.IGNORECASE,
)
_IRREALIS = re.compile(
    rf"(?:\b{alternation(lexicon.GOAL_WORDS)}\s+(?:\w+ly\s+)?(?:the\s+)?"
    rf"|\b{alternation(lexicon.IRREALIS_WORDS)}\s+(?:\w+\s+){{0,3}}"
    rf"|\b{lexicon.INFINITIVE_MARK}\s+(?:\w+ly\s+)?"
    rf"|\b{alternation(lexicon.ADJECTIVE_MARKS)}\s*|-)$",
    re.IGNORECASE,
)
_AGENT = re.compile(rf"\s+(?:[\w-]+\s+){{0,4}}?{alternation(lexicon.AGENT_WORDS)}\s+(?:the\s+)?")
_STRIKE_GAP = re.compile(r"[\s-]*(?:[\w-]+\s+)?")
_AGAINST_BEFORE = re.compile(rf"\b{alternation(lexicon.AGAINST_WORDS)}\s+(?:the\s+)?$")
_SIDE_AS_OBJECT_BEFORE = re.compile(
    rf"\b{alternation(lexicon.SIDE_AS_OBJECT_BEFORE)}\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?$"
)
_DESTINATION_GAP = re.compile(rf"\s+{alternation(lexicon.DESTINATION_WORDS)}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,5}}?")
_DETERMINER_BEFORE = re.compile(rf"\b{alternation(lexicon.DETERMINERS)}\s+$")
# a lower-case word that is not a preposition, a conjunction or an adverb: the noun the participle describes
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:by|in|on|at|from|to|and|or|but|as|during|with|after|near|overnight|since|"
    r"yesterday|today|the|a|an|by|over|more|than|of|for|across|this|last|early|late)\b)[a-z][a-z-]+\b"
    r"(?!\s+(?:by|in|on|at|from|to)\b)"
)
_DATELINE_AFTER = re.compile(alternation(lexicon.DATELINE_AFTER))
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3}")
_LOCATING_BEFORE = re.compile(rf"\b{alternation(lexicon.LOCATING_BEFORE)}\s+(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?$")
_WAR_START = re.compile(alternation(lexicon.WAR_START))
_DIRECTION_BEFORE = re.compile(
    rf"\b({alternation(lexicon.DIRECTION_BEFORE)})\s+(?:the\s+)?"
    rf"(?:(?:[a-z-]+\s+){{0,2}}(?:town|city|village|settlement|community|hub)\s+of\s+)?$"
)
_ON_ONLY = re.compile(r"on|(?:as\s+)?far\s+as")  # direction words that for a strike or a capture name the place itself
# a list after a direction word: "towards Leonidovo and Aleksandrovka", "with access to Pervomaiskoye, Opytnoe and"
_DIRECTION_LIST_BEFORE = re.compile(
    rf"\b((?i:{alternation(lexicon.DIRECTION_BEFORE)}))\s+(?:the\s+)?"
    r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?(?:\s*,\s*(?:and\s+)?|\s+and\s+|\s+or\s+))+$"
)
_ATTACKER_BEFORE = re.compile(
    rf"\b{alternation(lexicon.ATTACK_NOUNS)}\s+(?:\w+\s+){{0,2}}?(?:by|of|from)\s+(?:the\s+)?$"
)
_ATTACK_NOUN = re.compile(rf"\b{alternation(lexicon.ATTACK_NOUNS)}\b", re.IGNORECASE)
_DENIED_AFTER = re.compile(rf"\b{alternation(lexicon.DENIED_AFTER)}\b")
_PASSIVE_WORDS = re.compile(rf"{alternation(lexicon.PASSIVE_AUXILIARIES)}\s", re.IGNORECASE)  # "was hit"
_SHARE_BEFORE = re.compile(rf"{alternation(lexicon.SHARE_OF)}\s+(?:the\s+)?(?:[\w-]+\s+){{0,2}}?$")
_QUESTION = re.compile(rf"\b{alternation(lexicon.QUESTION_WORDS)}\b")
# "takes control of Donetsk region village": the region says where the village is
_SETTLEMENT_AFTER = re.compile(rf"\s+{alternation(lexicon.SETTLEMENT_NOUNS)}\b", re.IGNORECASE)
_LINES_NEAR = re.compile(alternation(lexicon.LINES_NEAR))
_OWN_SIDE = re.compile(alternation(lexicon.OWN_SIDE_WORDS))
_ENEMY = re.compile(rf"\b{alternation(lexicon.ENEMY_WORDS)}")
_FROM_BEFORE = re.compile(rf"\b{alternation(lexicon.FROM_WORDS)}\s+(?:the\s+)?$")
_BACKGROUND_OPENERS = tuple(f"{word} " for word in lexicon.BACKGROUND_OPENERS)
# an action word used as a noun ("withdrawing", "the capture of") followed in its clause by a modal
_NOMINAL = re.compile(rf"(?:ing|\bof)$|^(?:the\s+)?{alternation(lexicon.ACTION_NOUNS)}\b")
_MODAL_AFTER = re.compile(rf"[^,.;]{{0,80}}?\b{alternation(lexicon.IRREALIS_WORDS[:4])}\b")
_CIVILIANS = re.compile(rf"\b{alternation(lexicon.CIVILIAN_SUBJECTS)}\b")
_SIDE_WORD = re.compile(r"\b(?:troops|forces|units|soldiers|army|military|occupiers|invaders|russians|ukrainians)\b")
_BACKGROUND_BEFORE = re.compile(rf"\b{alternation(lexicon.BACKGROUND_BEFORE)}\s+$")  # lower-cased text
_CLAUSE_BREAK = re.compile(alternation(lexicon.CLAUSE_BREAKS))
# "retook all of Kharkiv's territory", "retook the Kherson region": a region as the action word's object
_REGION_OBJECT_GAP = re.compile(
    rf"\s+(?:(?:from|of|out\s+of|in|across)\s+)?(?:{alternation(lexicon.REGION_SHARES)}\s+of\s+)?"
    r"(?:the\s+)?(?:whole\s+|entire\s+)?"
)
# "the town", "the strategic city" (up to three words between), not followed by "of" or a name
_ANAPHOR = re.compile(
    rf"\b(?i:the)\s+(?:[a-z-]+\s+){{0,3}}?{alternation(lexicon.ANAPHOR_NOUNS).replace('(?:', '(', 1)}\b"
    r"(?!['’]s)(?!\s+of\b)(?!\s+[A-Z])"
)
_ANAPHOR_NOUNS = lexicon.ANAPHOR_NOUNS  # a cheap check before the pattern
_CAPITAL_NOT_KYIV = re.compile(rf"\b{alternation(lexicon.CAPITAL_NOT_KYIV_BEFORE)}\s", re.IGNORECASE)
# "12 villages to the north, east and southeast of the town": the town is where they are, not what was taken
_COMPASS_OF_BEFORE = re.compile(rf"\b{alternation(lexicon.COMPASS_WORDS)}(?:ern)?\s+of\s+$", re.IGNORECASE)
_ANAPHOR_NOUN = re.compile("|".join(_ANAPHOR_NOUNS))
_APPOSITION = re.compile(r",\s+([A-Z][\w'’-]+)")  # "the capital, Kyiv": the name that follows is read itself
_AUXILIARY_BEFORE = re.compile(rf"\b{alternation(lexicon.PROGRESSIVE_AUXILIARIES)}\s+$")  # lower-cased text
_TAKE = re.compile(alternation(lexicon.TAKE_FORMS))
_TAKE_IDIOM_AFTER = re.compile(rf"\s+{alternation(lexicon.TAKE_IDIOMS)}\b")
_AND_THE_PLACES = re.compile(
    r"\band\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:towns?|cities|city|villages?|settlements?)\s+of\b"
)
_NEW_CLAUSE = re.compile(r"\s[-–—]\s|:|;")  # a dash, colon or semicolon: what follows is a clause of its own
_CONTINUATION = re.compile(rf"(?i:{alternation(lexicon.CONTINUATION_OPENERS)})\b")
_NAMED_LIST_GAP = re.compile(r"\s*[,:]\s*")
_INCLUDING = re.compile(rf"\b{alternation(lexicon.INCLUDING_WORDS)}\b", re.IGNORECASE)
# one of these is in every denial word: a cheap check first
_DENIAL_STEM = re.compile("|".join(map(re.escape, lexicon.stems(lexicon.DENIALS))))
_DENIAL = re.compile(rf"\b{alternation(lexicon.DENIALS)}\b")
_BARE_FORM = re.compile(alternation(lexicon.BARE_FORMS))
_NOUN_MARK_BEFORE = re.compile(rf"(?:{'|'.join(lexicon.NOUN_MARKS)})\s+$")  # lower-cased text
# Where the irrealis, goal, adjective and participle patterns put their words (lower case): a modal within
# the last four words before the action word, "to"/"of"/a mark as the last word (or before an adverb).
_MODAL_CUES = frozenset({w for w in lexicon.IRREALIS_WORDS if re.fullmatch(r"[\w']+", w)} | {"longer"})
_LAST_CUES = frozenset(
    {w.lower().rstrip("-") for w in lexicon.ADJECTIVE_MARKS + lexicon.PARTICIPLE_MARKS}
    | lexicon.words_in(lexicon.GOAL_WORDS)
    | {lexicon.INFINITIVE_MARK}
)
_PREV_CUES = lexicon.words_in(lexicon.GOAL_WORDS) | {lexicon.INFINITIVE_MARK}
_ORDINAL_TO = re.compile(rf"\b{alternation(lexicon.ORDINAL_TO)}\s+(?:[\w-]+\s+){{0,3}}to\s+(?:be\s+)?$", re.IGNORECASE)
_IRREGULAR_PARTICIPLES = frozenset(lexicon.IRREGULAR_PARTICIPLES)
_PARTICIPLE = re.compile(r"[a-z-]+(?:ed|en)")
_PARTICIPLE_BEFORE = re.compile(rf"\b{alternation(lexicon.PARTICIPLE_MARKS)}\s+$", re.IGNORECASE)
_ASPECT_TO = re.compile(rf"\b{alternation(lexicon.ASPECT_VERBS)}\s+to\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_STRIKE_TARGET_AFTER = re.compile(rf"\s+{alternation(lexicon.STRIKE_NOUN_TARGETS)}\b")
_HEADLINE_DASH_BEFORE = re.compile(r"\s[-–—:]\s*$")
_FORCES_STRIKE = re.compile(alternation(lexicon.FORCES_STRIKE))
_FORCES_TARGET_REACH = 60  # characters from a strike on forces to the side whose forces it names
_STRIKE_VERB = re.compile(rf"\b{alternation(lexicon.STRIKE_VERBS)}\b")
_OBJECT_FIRST = re.compile(alternation(lexicon.OBJECT_FIRST))
# "Kherson was retaken", "has been fully liberated": a passive auxiliary right before the action word
# (matched against lower-cased text, as the other patterns below without re.IGNORECASE whose words are lower case)
_PASSIVE_BEFORE = re.compile(rf"\b{alternation(lexicon.PASSIVE_AUXILIARIES)}\s+(?:\w+ly\s+|already\s+|now\s+)?$")
# "Lyman, which Ukraine liberated": a relative pronoun right after the place
_RELATIVE_AFTER = re.compile(rf"\W{{0,3}}\s*{alternation(lexicon.RELATIVE_PRONOUNS)}\b", re.IGNORECASE)
# what may stand between "lost"/"losing" and the place it lost ("lost control of the city of")
_LOST_GAP = re.compile(
    rf"\s+(?:control\s+of\s+)?(?:{alternation(lexicon.LOST_OBJECT_WORDS)}\s+){{0,5}}?(?:of\s+)?(?:the\s+)?"
)
_LOST_NOT_OBJECT = re.compile(rf"\b{alternation(lexicon.LOST_NOT_OBJECT)}\b")
# "20 settlements have been liberated": a count before a passive action word
_QUANTITY_BEFORE_GAP = re.compile(r"\s+(?:have|has|had|were|was|are|is)\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:\w+ly\s+)?$")
_DATE_REACH = 120  # characters from an action word to its date phrase
_QUANTITY_REACH = 40  # characters from an action word to its area or count, no comma between


@dataclass
class Claim:
    actor: str
    action: str
    places: list[PlaceMention]
    area_km2: float | None
    settlements: int | None
    region: RegionMention | None  # a region named as the claim's place ("Kharkiv's territory")
    hints: list[str]  # ISO codes the sentence points to (regions, locators, co-named places)
    region_hints: list[tuple[int, str]]  # (article offset, ISO) of the regions the sentence names outright
    context_hints: list[str]  # of those, the ones from regions and locators
    attribution: str | None
    confirmed: str  # no | unknown
    hedged: bool
    date: DatePhrase | None  # the nearest date phrase in the sentence, if any
    sentence: Sentence
    russia_cue: bool = False  # the sentence places things in Russia ("across the border")
    trigger_pos: int = -1  # where its action word starts in the sentence


class ArticleScan(NamedTuple):
    sentences: list[Sentence]
    by_sentence: dict[int, list[re.Match]]  # sentence index -> the action words in it

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of the sentences with action words, in order, and of the sentence before one that details
        it ("In particular, ..."), whose date it may take."""
        spans = []
        for i in sorted(self.by_sentence):
            if (
                i
                and _CONTINUATION.match(self.sentences[i].text)
                and (not spans or spans[-1][1] <= self.sentences[i - 1].start)
            ):
                spans.append((self.sentences[i - 1].start, self.sentences[i - 1].end))
            spans.append((self.sentences[i].start, self.sentences[i].end))
        return spans


@dataclass
class ArticleReading:
    """What the claim finder read from one article."""

    claims: list[Claim]
    region_mentions: list[tuple[int, str]]  # (offset, ISO code), in article order
    speakers: speakers.ArticleSpeakers | None = None  # who speaks in each sentence


class _Trigger(NamedTuple):  # a tuple: made by the thousand, cheaply
    pos: int  # offsets in the sentence
    end: int
    action: str
    words: str


def says_unconfirmed(text: str) -> bool:
    """The text says the claim could not be confirmed or verified (cheap check first)."""
    lowered = text.lower()
    return ("confirm" in lowered or "verif" in lowered) and bool(_UNCONFIRMED.search(text))


def _is_irrealis(text: str, pos: int, words: str = "") -> bool:
    window = text[max(0, pos - 40) : pos]
    tail = [w.strip(",.;:\"'“”()") for w in window.lower().split()[-4:]]
    if not (
        window.endswith("-")
        or (tail and (tail[-1] in _LAST_CUES or (len(tail) > 1 and tail[-2] in _PREV_CUES)))
        or not _MODAL_CUES.isdisjoint(tail)
    ):
        return False  # none of the words the patterns below end with, where they must stand: checked cheaply
    if _PARTICIPLE.fullmatch(words) and _PARTICIPLE_BEFORE.search(window):
        return True  # "near liberated Staromaiorske": an adjective
    found = _IRREALIS.search(window)
    if found and (_ASPECT_TO.search(window) or _ORDINAL_TO.search(window)):
        return False  # "continue to advance", "the latest town to fall": it happens
    return bool(found)


def _is_background(text: str, pos: int) -> bool:
    """Inside a leading "Since ..." clause: background, not the day's news."""
    if text.startswith(_BACKGROUND_OPENERS):
        comma = text.find(",")
        return comma == -1 or pos < comma
    return False


class TraceEntry(NamedTuple):
    """What one step decided about one candidate: an action word (``kind`` "claim") or a place (``kind``
    "place") of a sentence."""

    sentence: Sentence
    pos: int  # offset of the action word (or the place) in the sentence
    words: str  # the action word (or the place) as written
    action: str
    step: str  # the step that dropped it, or "kept"
    kept: bool
    detail: str = ""  # for a kept claim: actor, action and places; for a place: the action word it was for
    kind: str = "claim"  # claim | place


class _SentenceContext:
    """One sentence as the reading steps see it: its text, lower-cased text, neighbours and cached readings."""

    __slots__ = (
        "s",
        "previous",
        "text",
        "lowered",
        "denial",
        "denied_from",
        "dates",
        "dates_before",
        "barriers",
        "follows_unconfirmed",
        "named_before",
        "_strike_verb",
        "_said",
        "speaker_before",
    )

    def __init__(
        self,
        s: Sentence,
        previous: Sentence | None,
        sentence_dates: list[DatePhrase],
        follows_unconfirmed: bool,
        named_before,
        speaker_before=lambda: None,
    ):
        self.s, self.previous, self.text = s, previous, s.text
        self.lowered = lower_keep_offsets(s.text)  # the same offsets as text
        self.denial = _DENIAL.search(self.lowered) if _DENIAL_STEM.search(self.lowered) else None
        self.denied_from = self.denial.start() if self.denial else len(s.text)
        self.dates, self.follows_unconfirmed, self.named_before = sentence_dates, follows_unconfirmed, named_before
        self.dates_before: list[DatePhrase] = []  # the sentence before's, when this one details it
        self.barriers: list[int] = []  # where action words dropped as a clause of their own start
        self._strike_verb: bool | None = None
        self._said: tuple | None = None
        self.speaker_before = speaker_before

    def strike_verb(self) -> bool:
        """The sentence has a verb of striking ("hit", "fired"): read once, when a strike noun needs it."""
        if self._strike_verb is None:
            self._strike_verb = bool(_STRIKE_VERB.search(self.lowered))
        return self._strike_verb

    def said(self) -> tuple[str | None, str, bool]:
        """Who said the sentence (its own speaker or the one the article carries to it: ``speakers.py``),
        whether it or the next one says it could not be confirmed, whether it hedges: read once, when a claim
        needs them."""
        if self._said is None:
            text = self.text
            self._said = (
                self.speaker_before(),
                "no" if (self.follows_unconfirmed or says_unconfirmed(text)) else "unknown",
                bool(_HEDGE.search(text)),
            )
        return self._said


def _describe(d) -> str:
    """A kept claim in a few words: "UA captured Lyman", "RU advanced 12 settlements"."""
    what = ", ".join(p.name for p in d.places) or (d.region.words if d.region else "")
    if d.area:
        what = f"{d.area:g} km2 {what}".strip()
    if d.count:
        what = f"{d.count} settlements {what}".strip()
    return f"{d.actor} {d.action} {what}" + (f" (and {d.extra} by the count)" if d.extra else "")


# --- Steps over each action word: each returns True when the action word is no claim ---------------------


def drop_after_denial(c: _SentenceContext, t: _Trigger) -> bool:
    """After a denial in the sentence ("Kyiv denied that Lyman had fallen"), or denied later in its clause
    ("Russian claims to have captured X are false")."""
    if t.pos > c.denied_from:
        return True
    if not c.denial:
        return False
    after = _DENIED_AFTER.search(c.lowered, t.end)
    return bool(after) and not _CLAUSE_BREAK.search(c.lowered, t.end, after.start())


def drop_irrealis(c: _SentenceContext, t: _Trigger) -> bool:
    """A forecast, goal, negation or adjective ("will capture", "to seize", "the occupied territories")."""
    return _is_irrealis(c.text, t.pos, t.words.lower())


def drop_since_clause(c: _SentenceContext, t: _Trigger) -> bool:
    """Inside a leading "Since ..." clause: background."""
    return _is_background(c.text, t.pos)


def drop_denied_noun(c: _SentenceContext, t: _Trigger) -> bool:
    """A noun of action in a sentence with a denial ("statements about the capture of X were premature")."""
    return bool(c.denial) and bool(_NOMINAL.search(c.lowered[t.pos : t.end]))


def drop_supposition(c: _SentenceContext, t: _Trigger) -> bool:
    """A noun of action followed by a modal ("Withdrawing from X would be ...", "The capture of X could")."""
    return bool(_NOMINAL.search(c.lowered[t.pos : t.end])) and bool(_MODAL_AFTER.match(c.text, t.end))


def drop_background_ing(c: _SentenceContext, t: _Trigger) -> bool:
    """An -ing form after "after"/"since" ("after retreating from Kherson"), unless a date follows it."""
    return (
        t.words.endswith("ing")
        and bool(_BACKGROUND_BEFORE.search(c.lowered, max(0, t.pos - 10), t.pos))
        and not any(0 < d.start - (c.s.start + t.end) <= 60 for d in c.dates)
    )


def drop_civilians_leaving(c: _SentenceContext, t: _Trigger) -> bool:
    """People who are no side leaving a place ("local residents, many of whom have fled the area", "civilians left
    Pokrovsk"): no withdrawal."""
    if t.action != "withdrew":
        return False
    before = c.lowered[max(0, t.pos - 60) : t.pos]
    m = None
    for m in _CIVILIANS.finditer(before):
        pass
    return m is not None and not _CLAUSE_BREAK.search(before, m.end()) and not _SIDE_WORD.search(before, m.end())


def drop_bare_noun(c: _SentenceContext, t: _Trigger) -> bool:
    """A bare form used as a noun ("Russia's advance toward Pokrovsk")."""
    return bool(_BARE_FORM.fullmatch(t.words.lower())) and bool(
        _NOUN_MARK_BEFORE.search(c.lowered, max(0, t.pos - 20), t.pos)
    )


def drop_take_idiom(c: _SentenceContext, t: _Trigger) -> bool:
    """ "take" in an idiom ("fighting took place near X")."""
    return bool(_TAKE.fullmatch(t.words.lower())) and bool(_TAKE_IDIOM_AFTER.match(c.text, t.end))


def drop_hyphen_adjective(c: _SentenceContext, t: _Trigger) -> bool:
    """A hyphenated adjective ("a bombed-out building", "occupied-territories")."""
    return c.text.startswith("-", t.end)


def drop_weapon_only(c: _SentenceContext, t: _Trigger) -> bool:
    """A weapon named with nothing hit ("drones were heading towards Izmail")."""
    if t.action != "struck" or not _STRIKE_NOUN.fullmatch(t.words):
        return False
    if t.words.endswith("ing") and _AUXILIARY_BEFORE.search(c.lowered, max(0, t.pos - 20), t.pos):
        return False  # "have been shelling": a verb
    return not c.strike_verb() and not _STRIKE_TARGET_AFTER.match(c.text, t.end)


def drop_passive_without_agent(c: _SentenceContext, t: _Trigger) -> bool:
    """A passive strike without who struck ("the city has been destroyed")."""
    return (
        t.action == "struck"
        and not _STRIKE_NOUN.fullmatch(t.words)
        and bool(_PASSIVE_BEFORE.search(c.lowered, max(0, t.pos - 30), t.pos) or _PASSIVE_WORDS.match(t.words))
        and not _AGENT.match(c.text, t.end)
    )


def drop_question(c: _SentenceContext, t: _Trigger) -> bool:
    """A reported question in the action word's clause ("asked whether the capture of X by Russian troops was
    true")."""
    before = c.lowered[max(0, t.pos - 80) : t.pos]
    m = _QUESTION.search(before)
    return bool(m) and not _CLAUSE_BREAK.search(before, m.end())


def drop_war_start_background(c: _SentenceContext, t: _Trigger) -> bool:
    """Background about the war's start in the action word's clause ("captured Kherson in the first days of the
    invasion", "Early in the war, Russia seized X")."""
    after = c.lowered[t.end : t.end + 90]
    brk = _CLAUSE_BREAK.search(after)
    before = c.lowered[max(0, t.pos - 90) : t.pos]
    return bool(_WAR_START.search(after, 0, brk.start() if brk else len(after)) or _WAR_START.search(before))


def drop_participle_adjective(c: _SentenceContext, t: _Trigger) -> bool:
    """A past participle used as an adjective before a noun ("ten damaged apartment buildings")."""
    return (
        (t.words.endswith("ed") or t.words in _IRREGULAR_PARTICIPLES)
        and bool(_DETERMINER_BEFORE.search(c.lowered, max(0, t.pos - 20), t.pos))
        and bool(_NOUN_AFTER.match(c.text, t.end))
    )


# In order: the first that drops an action word names why in the trace.
ACTION_WORD_STEPS = (
    drop_after_denial,
    drop_irrealis,
    drop_since_clause,
    drop_denied_noun,
    drop_supposition,
    drop_background_ing,
    drop_civilians_leaving,
    drop_war_start_background,
    drop_question,
    drop_bare_noun,
    drop_take_idiom,
    drop_hyphen_adjective,
    drop_participle_adjective,
    drop_weapon_only,
    drop_passive_without_agent,
)


# Action words these drop are a proposition of their own: a place after one is its object, not an earlier word's.
_CLAUSE_OF_ITS_OWN = frozenset(
    {
        drop_after_denial,
        drop_irrealis,
        drop_supposition,
        drop_background_ing,
        drop_war_start_background,
        drop_question,
        drop_civilians_leaving,
    }
)


# --- Steps over each place an action word owns: each returns True when the place is not its object ---------


def drop_place_in_other_clause(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """In another clause after the action word ("left Hostomel, but was digging in at Bucha")."""
    return at > t.end and bool(_CLAUSE_BREAK.search(c.text, t.end, at))


def drop_not_what_was_lost(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """Not the object of "lost" ("lost dozens of vehicles during an attack on Vuhledar")."""
    if t.action != "lost" or at <= t.end:
        return False
    gap = c.text[t.end : at]
    return not _LOST_GAP.fullmatch(gap) or bool(_LOST_NOT_OBJECT.search(gap))


def drop_destination(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """Where the side went, not what it left ("fled to Pokrovsk", "withdrew towards Kramatorsk")."""
    return (
        t.action == "withdrew"
        and at > t.end
        and bool(_DESTINATION_GAP.fullmatch(c.lowered, t.end, at))
        and not _LINES_NEAR.search(c.lowered, t.end, at)
    )


def drop_dateline(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """The place of a dateline ("Kyiv, Feb 3 (Reuters) -", "Moscow:"): where the report was filed."""
    return is_dateline(c.text, at)


def drop_locating_clause(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """A place named only to locate another ("a village 15 km from Pokrovsk", "on the road to Kramatorsk")."""
    return bool(_LOCATING_BEFORE.search(c.lowered, max(0, at - 60), at))


def drop_direction_only(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """A place only in the direction the side went ("advancing toward Pokrovsk", "liberated two districts in the
    direction of Donetsk", "seized X, attacking towards Y and Z"): the gain is not at the place; an advance "on" a
    place too (a capture "on" a place is at it)."""
    if at <= t.end or t.action not in ("advanced", "captured"):
        return False  # an attack repelled "towards X" was an attack on X, which held; a strike "on X" hit it
    # "towards Leonidovo and Aleksandrovka": the list's later names too
    found = _DIRECTION_BEFORE.search(c.lowered, max(t.end, at - 60), at) or _DIRECTION_LIST_BEFORE.search(
        c.text, max(t.end, at - 120), at
    )
    return bool(found) and (t.action == "advanced" or not _ON_ONLY.fullmatch(found.group(1).lower()))


def drop_share_of_place(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """A share of a place, not the place ("the majority of the Luhansk area", "70 percent of Pokrovsk", "two
    districts of the city of X"); a strike on a district of a place is a strike on the place."""
    return t.action != "struck" and bool(_SHARE_BEFORE.search(c.lowered, max(0, at - 40), at))


def drop_object_of_a_dropped_action_word(c: _SentenceContext, t: _Trigger, at: int) -> bool:
    """After an action word dropped as a proposition of its own (a forecast, a goal, an infinitive, a denial, a
    question, background) that stands between: its object, not the earlier action word's ("liberated five
    villages, forcing the invaders to retreat to X")."""
    return at > t.end and any(t.end <= b < at for b in c.barriers)


PLACE_STEPS = (
    drop_dateline,
    drop_place_in_other_clause,
    drop_object_of_a_dropped_action_word,
    drop_not_what_was_lost,
    drop_destination,
    drop_locating_clause,
    drop_direction_only,
    drop_share_of_place,
)


def is_dateline(text: str, at: int) -> bool:
    """Whether the name at sentence offset ``at`` is a dateline: the sentence's first word, then a date, an
    agency or both, then a colon or a dash."""
    if text[:at].strip(" \t\n\"“'‘") or not text[at : at + 1].isupper():
        return False
    name = _CAPITALISED_RUN.match(text, at)
    return bool(name) and bool(_DATELINE_AFTER.match(text, name.end()))


# --- Steps over each claim drafted from an action word: each may change the draft; True drops it ----------


class _Draft:
    """One action word's claim as the claim steps shape it."""

    __slots__ = (
        "t",
        "index",
        "places",
        "area",
        "count",
        "region",
        "action",
        "extra",
        "quantity",
        "actor",
        "listed_regions",
    )

    def __init__(self, t: _Trigger, index: int, places: list[PlaceMention]):
        self.t, self.index, self.places, self.action = t, index, places, t.action
        self.area = self.count = self.region = self.extra = self.quantity = self.actor = None
        self.listed_regions: list = []  # "the Sumy and Kharkiv regions": the regions listed with ``region``


class _SentenceReading(NamedTuple):
    """What the claim steps share about one sentence."""

    c: _SentenceContext
    found: object  # SentencePlaces
    areas: _Quantities
    counts: _Quantities
    owners: _Owners
    actors: list  # [_Actors], made when a claim first needs it
    region_starts: list[int]


def read_area_or_count(r: _SentenceReading, d: _Draft) -> bool:
    """The area or count right after the action word, or for a capture or advance one just before a passive
    ("20 settlements have been liberated")."""
    d.area, d.count = r.areas.after(d.t.end), r.counts.after(d.t.end)
    if d.area is None and d.count is None and d.action in ("captured", "advanced"):
        d.area = r.areas.before(d.t.pos, _QUANTITY_BEFORE_GAP)
        d.count = r.counts.before(d.t.pos, _QUANTITY_BEFORE_GAP)
    d.quantity = r.areas.first_after(d.t.end) or r.counts.first_after(d.t.end)
    return False


def read_region_object(r: _SentenceReading, d: _Draft) -> bool:
    """Without a place, a region as the object ("retook all of Kharkiv's territory", "the Kherson region")."""
    if d.places:
        return False
    regions = r.found.regions
    for k in range(bisect.bisect_right(r.region_starts, d.t.end), len(regions)):
        belongs = r.owners.of(regions[k].start)
        if (
            belongs == d.index
            and _REGION_OBJECT_GAP.fullmatch(r.c.text, d.t.end, regions[k].start)
            and not _SETTLEMENT_AFTER.match(r.c.text, regions[k].start + len(regions[k].words))
        ):
            d.region = regions[k]
            d.listed_regions = _listed_with(regions, k)
        if belongs >= d.index:
            break
    return False


def _listed_with(regions: list, k: int) -> list:
    """The regions a list names with region ``k`` under one noun: "the Sumy and Kharkiv regions" is read as
    "Sumy and Kharkiv regions" and "Kharkiv regions", the second inside the first."""
    listed, first = [], regions[k]
    for other in regions[k + 1 :]:
        if other.start >= first.start + len(first.words):
            break
        listed.append(other)
    return listed


def count_before_named_places(r: _SentenceReading, d: _Draft) -> bool:
    """A capture with a count before its places: "liberated eight settlements, including Piatykhatky" is the
    count (an advance) and the place; "regained 16 square kilometres in the north of the city" an advance
    there; "two other villages, Melovoi and Podol" the places themselves."""
    q, places = d.quantity, d.places
    if d.action != "captured" or not places or not q or q.end > places[0].start - r.c.s.start:
        return False
    first_place = places[0].start - r.c.s.start
    if (
        d.count == len(places)
        and q is r.counts.first_after(d.t.end)
        and _NAMED_LIST_GAP.fullmatch(r.c.text, q.end, first_place)
    ):
        return False
    if _INCLUDING.search(r.c.text, q.end, first_place) or _AND_THE_PLACES.search(r.c.text, q.end, first_place):
        # "270 square miles and the towns of X and Y": the area and the places
        d.extra = "advanced"
    else:
        d.action = "advanced"  # an area before a place: ground gained there
    return False


def drop_bare_advance(r: _SentenceReading, d: _Draft) -> bool:
    """ "advanced" with no place, area or count says nothing ("advanced near Bakhmut" keeps its place)."""
    return d.action == "advanced" and not (d.area or d.count) and not d.places


def quantity_is_advance(r: _SentenceReading, d: _Draft) -> bool:
    """An area or a count with no place of its own is an advance of that much ("taken 12 villages")."""
    if d.action == "advanced" and (d.area or d.count) and not (d.places and d.quantity):
        d.places, d.region = [], None
    elif d.action == "captured" and not d.places and (d.area or d.count):
        d.action, d.places, d.region = "advanced", [], None
    return False


def drop_without_place(r: _SentenceReading, d: _Draft) -> bool:
    """Not an advance and neither a place nor a region: nothing to put on the map."""
    return d.action != "advanced" and not d.places and not d.region


def drop_without_actor(r: _SentenceReading, d: _Draft) -> bool:
    """No side can be read for it."""
    if not r.actors:
        r.actors.append(_Actors(r.c.text, r.c.previous, lambda: r.c.said()[0]))
    d.actor = r.actors[0].of(d.t, d.action)
    return d.actor is None


def lost_is_other_sides_capture(r: _SentenceReading, d: _Draft) -> bool:
    """ "Ukraine lost X": a capture by the other side."""
    if d.action == "lost":
        d.action, d.actor = "captured", other_side(d.actor)
    return False


def failed_attack_is_other_sides_repel(r: _SentenceReading, d: _Draft) -> bool:
    """ "The enemy unsuccessfully tried to advance near X": the other side repelled an attack there."""
    if d.action == "failed_attack":
        d.action, d.actor = "repelled", other_side(d.actor)
    return False


CLAIM_STEPS = (
    read_area_or_count,
    read_region_object,
    count_before_named_places,
    drop_bare_advance,
    quantity_is_advance,
    drop_without_place,
    drop_without_actor,
    lost_is_other_sides_capture,
    failed_attack_is_other_sides_repel,
)


class _Owners:
    """Which action word each place or region of a sentence belongs to."""

    def __init__(self, c: _SentenceContext, live: list[_Trigger]):
        self.text, self.live, self.positions = c.text, live, [t.pos for t in live]
        first = live[0]
        # the first action word takes a place before it as its object: "Kherson was retaken",
        # "Lyman fell to Russian forces", "Lyman, which Ukraine liberated"
        self.object_first = bool(
            _OBJECT_FIRST.fullmatch(first.words.lower())
            or _PASSIVE_BEFORE.search(c.lowered, max(0, first.pos - 30), first.pos)
            or _HEADLINE_DASH_BEFORE.search(c.text[max(0, first.pos - 5) : first.pos])
        )

    def of(self, pos: int, end: int | None = None) -> int:
        """The action word a place or region at ``pos`` (ending at ``end``) belongs to, or -1."""
        after = bisect.bisect_right(self.positions, pos)
        if after and after < len(self.live) and self._subject_of_next(after, pos):
            return after  # "entered Kherson - the city is returning to Ukrainian control"
        if after:
            return after - 1
        first = self.live[0]
        gap = self.text[pos : first.pos]
        if (
            len(gap) <= 120
            and not _CLAUSE_BREAK.search(gap)
            and (self.object_first or (end is not None and _RELATIVE_AFTER.match(self.text, end, first.pos)))
        ):
            return 0
        return -1

    def _subject_of_next(self, k: int, pos: int) -> bool:
        """The place stands as the subject of action word ``k`` that takes its object first ("the town of X ...
        has fallen", "the city is returning to Ukrainian control"), in its own clause after the word before."""
        t = self.live[k]
        return (
            bool(_OBJECT_FIRST.fullmatch(t.words.lower()))
            and t.pos - pos <= 80
            and not _CLAUSE_BREAK.search(self.text, pos, t.pos)
            and bool(_NEW_CLAUSE.search(self.text, self.live[k - 1].end, pos))
        )


class ClaimFinder:
    """Reads claims out of article text, asking the gazetteer which names are places.

    A sentence is read in named steps (``ACTION_WORD_STEPS``, ``PLACE_STEPS``, ``CLAIM_STEPS``): given a
    ``trace`` list, ``read`` appends a ``TraceEntry`` for each action word and place saying which step
    kept or dropped it (``python -m dashboard.loader explain FILE`` prints them)."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        self.place_reader = PlaceReader(gazetteer)

    @staticmethod
    def scan(text: str, lowered: str) -> ArticleScan:
        """The article's sentences and the action words in each: the sentences worth reading closely."""
        sentences = split_sentences(text)
        starts = [s.start for s in sentences]
        by_sentence: dict[int, list[re.Match]] = {}
        for m in _TRIGGER_SCAN.finditer(lowered):
            index = bisect.bisect_right(starts, m.start()) - 1
            if index >= 0 and m.start() < sentences[index].end:
                by_sentence.setdefault(index, []).append(m)
        return ArticleScan(sentences, by_sentence)

    def read(
        self,
        text: str,
        lowered: str,
        date_phrases: list[DatePhrase],
        scanned: ArticleScan | None = None,
        trace: list[TraceEntry] | None = None,
    ) -> ArticleReading:
        """Claims of an article; ``lowered`` is the article lower-cased with the same offsets; ``scanned``:
        ``scan`` of it, if the caller has it; ``trace``: a list to append each step's decisions to."""
        sentences, by_sentence = scanned or self.scan(text, lowered)
        date_starts = [d.start for d in date_phrases]
        claims: list[Claim] = []
        named: dict[int, list[PlaceMention]] = {}  # sentence index -> the places it names (read when needed)

        def named_before(index: int, at: int, small: bool = False) -> PlaceMention | None:
            """The place a phrase like "the town" at article offset ``at`` refers back to: of the places named in
            this sentence before it and the three sentences before, the one the article names most often up to
            there (the story's subject), the latest on a tie; for "the village" (``small``), never a city."""
            seen: list[PlaceMention] = []
            for k in range(max(0, index - 3), index + 1):
                if k not in named:
                    named[k] = self.place_reader.read(sentences[k].text, sentences[k].start, []).places
                seen += [p for p in named[k] if p.start < at and not (small and self._a_city(p.name))]
            if not seen:
                return None
            told = text[max(0, at - 5000) : at]  # bounded: a degenerate article stays linear
            return max(reversed(seen), key=lambda p: told.count(p.name))

        voices = speakers.ArticleSpeakers(text, sentences)  # who speaks in each sentence, read when asked

        for index in sorted(by_sentence):
            sentence = sentences[index]
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            context = _SentenceContext(
                sentence,
                sentences[index - 1] if index > 0 else None,
                date_phrases[
                    bisect.bisect_left(date_starts, sentence.start) : bisect.bisect_left(date_starts, sentence.end)
                ],
                bool(following and index + 1 not in by_sentence and says_unconfirmed(following.text)),
                lambda at, small=False, i=index: named_before(i, at, small),
                lambda i=index: voices.of(i),
            )
            if index and _CONTINUATION.match(sentence.text):
                before = sentences[index - 1]
                context.dates_before = date_phrases[
                    bisect.bisect_left(date_starts, before.start) : bisect.bisect_left(date_starts, before.end)
                ]
            claims += self._read_sentence(context, by_sentence[index], trace)
        return ArticleReading(claims, region_mentions(text, self.gazetteer), voices)

    def _read_sentence(
        self, c: _SentenceContext, matches: list[re.Match], trace: list[TraceEntry] | None
    ) -> list[Claim]:
        live = self._live_action_words(c, matches, trace)
        if not live:
            return []
        found = self.place_reader.read(c.text, c.s.start, [t.end for t in live])
        self._add_referents(c, found)
        owners = _Owners(c, live)
        assigned = self._assign_places(c, live, found.places, owners, trace)
        reading = _SentenceReading(
            c,
            found,
            _Quantities(c.text, quantities.areas(c.text, c.lowered)),
            _Quantities(c.text, quantities.settlements(c.text, c.lowered)),
            owners,
            [],
            [r.start for r in found.regions],
        )
        claims: list[Claim] = []
        for i, t in enumerate(live):
            draft = _Draft(t, i, assigned.get(i, []))
            dropped = next((step for step in CLAIM_STEPS if step(reading, draft)), None)
            if trace is not None:
                trace.append(
                    TraceEntry(
                        c.s,
                        t.pos,
                        t.words,
                        t.action,
                        dropped.__name__ if dropped else "kept",
                        dropped is None,
                        "" if dropped else _describe(draft),
                    )
                )
            if dropped is None:
                claims += self._claims_of(reading, draft)
        return claims

    @staticmethod
    def _live_action_words(
        c: _SentenceContext, matches: list[re.Match], trace: list[TraceEntry] | None
    ) -> list[_Trigger]:
        """The action words no step of ``ACTION_WORD_STEPS`` drops."""
        live = []
        for m in matches:
            pos, end = m.start() - c.s.start, min(m.end(), c.s.end) - c.s.start
            t = _Trigger(pos, end, m.lastgroup, c.text[pos:end])
            dropped = next((step for step in ACTION_WORD_STEPS if step(c, t)), None)
            if dropped is None:
                live.append(t)
            else:
                if dropped in _CLAUSE_OF_ITS_OWN:
                    c.barriers.append(pos)
                if trace is not None:
                    trace.append(TraceEntry(c.s, pos, t.words, t.action, dropped.__name__, False))
        return live

    def _add_referents(self, c: _SentenceContext, found) -> None:
        """ "withdrew from the devastated town": the place named before; "the capital": Kyiv."""
        if "the " in c.lowered and _ANAPHOR_NOUN.search(c.lowered):
            referred = [
                self._referent(m, c.s.start, c.named_before)
                for m in _ANAPHOR.finditer(c.text)
                if not self._apposition(c.text, m.end())
                and not _COMPASS_OF_BEFORE.search(c.text, max(0, m.start() - 30), m.start())
            ]
            referred = [p for p in referred if p is not None]
            if referred:
                found.places = sorted(found.places + referred, key=lambda p: p.start)

    @staticmethod
    def _assign_places(
        c: _SentenceContext,
        live: list[_Trigger],
        places: list[PlaceMention],
        owners: _Owners,
        trace: list[TraceEntry] | None,
    ) -> dict[int, list[PlaceMention]]:
        """Each place to the action word it belongs to, unless a step of ``PLACE_STEPS`` drops it."""
        assigned: dict[int, list[PlaceMention]] = {}
        for place in places:
            at = place.start - c.s.start
            belongs = owners.of(at, at + len(place.name))
            dropped = None if belongs < 0 else next((step for step in PLACE_STEPS if step(c, live[belongs], at)), None)
            if dropped is not None:
                if trace is not None:
                    trace.append(
                        TraceEntry(
                            c.s,
                            at,
                            place.name,
                            live[belongs].action,
                            dropped.__name__,
                            False,
                            f"for {live[belongs].words!r}",
                            "place",
                        )
                    )
                continue
            assigned.setdefault(belongs, []).append(place)
        return assigned

    @staticmethod
    def _claims_of(r: _SentenceReading, d: _Draft) -> list[Claim]:
        c, found = r.c, r.found
        attributed, confirmed, hedged = c.said()
        attributed = attribution.clause_speaker(c.text, d.t.pos) or attributed  # "A said X after B said Y"
        # a sentence detailing the one before ("In particular, ...") takes its date when it has none of its own
        date = _Dates(c.dates).nearest(c.s.start + d.t.pos) or (c.dates_before[-1] if c.dates_before else None)
        drafts = [(d.action, d.places, d.region), (d.extra, [], None)]
        drafts[1:1] = [(d.action, [], listed) for listed in d.listed_regions if d.region is not None]
        return [
            Claim(
                actor=d.actor,
                action=kind,
                places=places,
                area_km2=d.area if kind == "advanced" else None,
                settlements=d.count if kind == "advanced" else None,
                region=region,
                hints=found.hints,
                region_hints=found.region_hints,
                context_hints=found.context_hints,
                attribution=attributed,
                confirmed=confirmed,
                hedged=hedged,
                date=date,
                sentence=c.s,
                russia_cue=found.russia_cue,
                trigger_pos=d.t.pos,
            )
            for kind, places, region in drafts
            if kind is not None
        ]

    def _apposition(self, text: str, end: int) -> bool:
        m = _APPOSITION.match(text, end)
        return bool(m) and bool(self.gazetteer.places(m.group(1)))

    def _a_city(self, name: str) -> bool:
        """A place of that name is a city ("the village" never refers back to Dnipro)."""
        found = self.gazetteer.places(name)
        return bool(found) and found[0].population >= places.MAJOR_CITY

    @staticmethod
    def _referent(m: re.Match, offset: int, named_before) -> PlaceMention | None:
        if m.group(1) == "capital" and not _CAPITAL_NOT_KYIV.search(m.group()):
            return PlaceMention(lexicon.CAPITAL, offset + m.start(), True)  # "the regional capital" is named before
        referent = named_before(offset + m.start(), m.group(1) in lexicon.SMALL_ANAPHOR_NOUNS)
        return PlaceMention(referent.name, offset + m.start(), referent.known) if referent else None


def _relative_sides(text: str, speaker) -> list:
    """ "our units" (the speaker's side) and "the enemy" (the other), when who said it has a side."""
    if not ("our " in text or "Our " in text or "enemy" in text or "adversary" in text or "opponent" in text):
        return []
    found = [(m, False) for m in _OWN_SIDE.finditer(text)] + [(m, True) for m in _ENEMY.finditer(text)]
    side = claimants.identify(speaker()).side if found else ""
    if side not in ("UA", "RU"):
        return []
    return [Side(m.start(), m.end(), other_side(side) if enemy else side) for m, enemy in found]


class _Actors:
    """Who did it, for each action word of one sentence (its sides read once, searched by bisection)."""

    def __init__(self, text: str, previous: Sentence | None, speaker=lambda: None):
        self.text = text
        self.previous = previous
        self.sides = sides(text) + _relative_sides(text, speaker)
        self.sides.sort()
        self.starts = [x.start for x in self.sides]
        self.ends = [x.end for x in self.sides]

    def of(self, t: _Trigger, action: str) -> str | None:
        text, found = self.text, self.sides
        if _OBJECT_FIRST.fullmatch(t.words.lower()):
            inside = SIDE.search(t.words.title())
            if inside:  # "back under Ukrainian control"
                return inside.lastgroup
        if action == "repelled" and _PASSIVE_BEFORE.search(text[max(0, t.pos - 30) : t.pos].lower()):
            # "Russian troops were repelled": the side named is the one driven off
            ended_before = bisect.bisect_right(self.ends, t.pos)
            return other_side(found[ended_before - 1].side) if ended_before else None
        agent = _AGENT.match(text[t.end : t.end + 60])
        if agent and _ATTACK_NOUN.search(text, t.end, t.end + agent.end()):
            agent = None  # "repelled three counterattacks by Ukrainian groups": the attacker, no agent
        if agent:  # "retaken by Ukrainian troops"
            at = t.end + agent.end()
            i = bisect.bisect_left(self.starts, at)
            if i < len(found) and found[i].start == at:
                return found[i].side
        target = self.forces_struck(t, action)
        if target:  # "defeated concentrations of enemy personnel": the side named is the one hit
            return other_side(target)
        ended_before = bisect.bisect_right(self.ends, t.pos)
        if ended_before and _STRIKE_NOUN.fullmatch(t.words):
            # "Russian strikes", "Moscow shells", "Ukrainian cruise missiles": the side just before
            x = found[ended_before - 1]
            if _STRIKE_GAP.fullmatch(text[x.end : t.pos]):
                return x.side
        for k in range(ended_before - 1, -1, -1):
            x = found[k]
            if action == "repelled" and _ATTACKER_BEFORE.search(text[max(0, x.start - 40) : x.start].lower()):
                return other_side(x.side)  # "repelled attacks by Ukrainian groups ..., and foiled attacks near X"
            if not _AGAINST_BEFORE.search(text[max(0, x.start - 15) : x.start]) and not (
                k and _SIDE_AS_OBJECT_BEFORE.search(text[max(0, x.start - 40) : x.start].lower())
            ):
                return x.side  # not "against Russian forces"; not "rout the Ukrainian formations" after a side
        first_after = bisect.bisect_left(self.starts, t.end)
        if action == "repelled" and first_after < len(found):
            return other_side(found[first_after].side)
        for k in range(first_after, len(found)):
            x = found[k]
            if not _FROM_BEFORE.search(text[max(0, x.start - 15) : x.start]) and not _ENEMY.match(text, x.start):
                return x.side  # "the enemy" after the action word is its object ("inflicted losses on the enemy")
        if self.previous is not None:
            earlier = sides(self.previous.text)
            if earlier:
                return earlier[0].side
        return None

    def forces_struck(self, t: _Trigger, action: str) -> str | None:
        """The side whose forces a strike on forces names as its object ("inflicted losses on Ukrainian manpower")."""
        m = _FORCES_STRIKE.match(self.text.lower(), t.pos) if action == "struck" else None
        if m is None or m.end() != t.end:
            return None
        i = bisect.bisect_left(self.starts, t.end)
        if i < len(self.sides) and self.sides[i].start - t.end <= _FORCES_TARGET_REACH:
            return self.sides[i].side
        return None


class _Quantities:
    """The areas or counts of one sentence, searched by bisection."""

    def __init__(self, text: str, found: list[quantities.Quantity]):
        self.text, self.found, self.starts = text, found, [q.start for q in found]

    def before(self, pos: int, gap: re.Pattern):
        """The last quantity ending within 40 characters before an action word, the gap fitting ``gap``."""
        k = bisect.bisect_left(self.starts, pos) - 1
        if k >= 0:
            q = self.found[k]
            if q.end <= pos and pos - q.end <= _QUANTITY_REACH and gap.fullmatch(self.text[q.end : pos]):
                return q.value
        return None

    def after(self, end: int):
        """The first quantity starting within 40 characters after an action word, no comma between."""
        q = self.first_after(end)
        return q.value if q else None

    def first_after(self, end: int) -> quantities.Quantity | None:
        for k in range(bisect.bisect_left(self.starts, end), len(self.found)):
            q = self.found[k]
            if q.start - end > _QUANTITY_REACH:
                break
            if "," not in self.text[end : q.start]:
                return q
        return None


class _Dates:
    """The date phrases of one sentence, searched by bisection."""

    def __init__(self, phrases: list[DatePhrase]):
        self.phrases, self.starts = phrases, [p.start for p in phrases]

    def nearest(self, at: int) -> DatePhrase | None:
        """The date phrase nearest an article offset (the earlier one on a tie), if within reach: a phrase far
        off in a long sentence dates another clause ("..., one of four regions annexed in September 2022")."""
        i = bisect.bisect_left(self.starts, at)
        candidates = [p for p in self.phrases[max(0, i - 1) : i + 1] if abs(p.start - at) <= _DATE_REACH]
        return min(candidates, key=lambda p: abs(p.start - at)) if candidates else None
