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
  earlier on a tie); the attribution is the sentence's speaker (or the
  previous sentence's, after "They said ..."); ``confirmed`` is "no" when the
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
from dashboard.loader import attribution, lexicon, quantities
from dashboard.loader.dates import DatePhrase
from dashboard.loader.lexicon import alternation
from dashboard.loader.literals import LiteralScan
from dashboard.loader.lowercase import lower_keep_offsets
from dashboard.loader.mentions import SIDE, PlaceMention, PlaceReader, RegionMention, region_mentions, sides
from dashboard.loader.sentences import Sentence, split as split_sentences
from dashboard.schema import other_side

# Matched against the lower-cased text; the look-ahead lets re skip most positions at once.
TRIGGER = re.compile(r"\b(?=[a-z])(?:" + "|".join(
    rf"(?P<{action}>{alternation(words)}\b)" for action, words in lexicon.ACTION_WORDS.items()) + ")")
_TRIGGER_SCAN = LiteralScan(TRIGGER)   # the same matches as TRIGGER.finditer, found faster
_STRIKE_NOUN = re.compile(alternation(lexicon.STRIKE_NOUNS), re.IGNORECASE)
_HEDGE = re.compile(rf"\b{alternation(lexicon.HEDGES)}\b")
_UNCONFIRMED = re.compile(
    rf"\b{alternation(lexicon.UNCONFIRMED_NEGATIONS)}\s+(?:be\s+)?(?:been\s+)?(?:independently\s+)?(?:confirm|verif)\w*"
    rf"|\b{alternation(lexicon.UNCONFIRMED_WORDS)}\b", re.IGNORECASE)
_IRREALIS = re.compile(
    rf"(?:\b{alternation(lexicon.GOAL_WORDS)}\s+(?:\w+ly\s+)?"
    rf"|\b{alternation(lexicon.IRREALIS_WORDS)}\s+(?:\w+\s+){{0,3}}"
    rf"|\b{lexicon.INFINITIVE_MARK}\s+(?:\w+ly\s+)?"
    rf"|\b{alternation(lexicon.ADJECTIVE_MARKS)}\s*|-)$", re.IGNORECASE)
_PRONOUN_START = re.compile(rf"{alternation(lexicon.PRONOUN_STARTS)}\b")
_AGENT = re.compile(rf"\s+(?:[\w-]+\s+){{0,4}}?{lexicon.AGENT_WORD}\s+(?:the\s+)?")
_STRIKE_GAP = re.compile(r"[\s-]*(?:[\w-]+\s+)?")
_AGAINST_BEFORE = re.compile(rf"\b{alternation(lexicon.AGAINST_WORDS)}\s+(?:the\s+)?$")
_FROM_BEFORE = re.compile(rf"\b{alternation(lexicon.FROM_WORDS)}\s+(?:the\s+)?$")
_BACKGROUND_OPENERS = tuple(f"{word} " for word in lexicon.BACKGROUND_OPENERS)
# an action word used as a noun ("withdrawing", "the capture of") followed in its clause by a modal
_NOMINAL = re.compile(r"(?:ing|\bof)$|^(?:the\s+)?(?:re-?capture|capture|takeover|seizure|liberation|occupation|fall)\b")
_MODAL_AFTER = re.compile(rf"[^,.;]{{0,80}}?\b{alternation(lexicon.IRREALIS_WORDS[:4])}\b")
_BACKGROUND_BEFORE = re.compile(rf"\b{alternation(lexicon.BACKGROUND_BEFORE)}\s+$")   # lower-cased text
_CLAUSE_BREAK = re.compile(alternation(lexicon.CLAUSE_BREAKS))
# "retook all of Kharkiv's territory", "retook the Kherson region": a region as the action word's object
_REGION_OBJECT_GAP = re.compile(r"\s+(?:(?:from|of|out\s+of|in|across)\s+)?(?:(?:all|most|much|parts?|the\s+rest)\s+of\s+)?(?:the\s+)?(?:whole\s+|entire\s+)?")
# "the town", "the strategic city" (up to three words between), not followed by "of" or a name
_ANAPHOR = re.compile(rf"\b(?i:the)\s+(?:[a-z-]+\s+){{0,3}}?{alternation(lexicon.ANAPHOR_NOUNS).replace('(?:', '(', 1)}\b"
                      r"(?!['’]s)(?!\s+of\b)(?!\s+[A-Z])")
_ANAPHOR_NOUNS = lexicon.ANAPHOR_NOUNS   # a cheap check before the pattern
# "12 villages to the north, east and southeast of the town": the town is where they are, not what was taken
_COMPASS_OF_BEFORE = re.compile(rf"\b{alternation(lexicon.COMPASS_WORDS)}(?:ern)?\s+of\s+$", re.IGNORECASE)
_ANAPHOR_NOUN = re.compile("|".join(_ANAPHOR_NOUNS))
_APPOSITION = re.compile(r",\s+([A-Z][\w'’-]+)")   # "the capital, Kyiv": the name that follows is read itself
_AUXILIARY_BEFORE = re.compile(rf"\b{alternation(lexicon.PROGRESSIVE_AUXILIARIES)}\s+$")   # lower-cased text
_TAKE = re.compile(r"took|taken|takes|taking|take")
_TAKE_IDIOM_AFTER = re.compile(rf"\s+{alternation(lexicon.TAKE_IDIOMS)}\b")
_NAMED_LIST_GAP = re.compile(r"\s*[,:]\s*")
_INCLUDING = re.compile(rf"\b{alternation(lexicon.INCLUDING_WORDS)}\b", re.IGNORECASE)
_DENIAL_STEMS = ("den", "dismiss", "refut", "reject", "untrue", "false", "not true", "fake", "disinform", "baseless",
                 "rumo", "premature", "incorrect")   # one of these is in every denial word: a cheap check first
_DENIAL_STEM = re.compile("|".join(_DENIAL_STEMS))
_DENIAL = re.compile(rf"\b{alternation(lexicon.DENIALS)}\b")
_BARE_FORM = re.compile(alternation(lexicon.BARE_FORMS))
_NOUN_MARK_BEFORE = re.compile(rf"(?:{'|'.join(lexicon.NOUN_MARKS)})\s+$")   # lower-cased text
# Where the irrealis, goal, adjective and participle patterns put their words (lower case): a modal within
# the last four words before the action word, "to"/"of"/a mark as the last word (or before an adverb).
_MODAL_CUES = frozenset({w for w in lexicon.IRREALIS_WORDS if re.fullmatch(r"[\w']+", w)} | {"longer"})
_LAST_CUES = frozenset({w.lower().rstrip("-") for w in lexicon.ADJECTIVE_MARKS + lexicon.PARTICIPLE_MARKS}
                       | {"to", "of", "at", "for", "trying", "tried", "seeking", "sought", "failed", "push", "drive"})
_PREV_CUES = frozenset({"to", "of", "at", "for"})
_ORDINAL_TO = re.compile(rf"\b{alternation(lexicon.ORDINAL_TO)}\s+(?:[\w-]+\s+){{0,3}}to\s+(?:be\s+)?$", re.IGNORECASE)
_PARTICIPLE = re.compile(r"[a-z-]+(?:ed|en)")
_PARTICIPLE_BEFORE = re.compile(rf"\b{alternation(lexicon.PARTICIPLE_MARKS)}\s+$", re.IGNORECASE)
_ASPECT_TO = re.compile(rf"\b{alternation(lexicon.ASPECT_VERBS)}\s+to\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_STRIKE_TARGET_AFTER = re.compile(rf"\s+{alternation(lexicon.STRIKE_NOUN_TARGETS)}\b")
_HEADLINE_DASH_BEFORE = re.compile(r"\s[-–—:]\s*$")
_STRIKE_VERB = re.compile(rf"\b{alternation(lexicon.STRIKE_VERBS)}\b")
_OBJECT_FIRST = re.compile(alternation(lexicon.OBJECT_FIRST))
# "Kherson was retaken", "has been fully liberated": a passive auxiliary right before the action word
# (matched against lower-cased text, as the other patterns below without re.IGNORECASE whose words are lower case)
_PASSIVE_BEFORE = re.compile(rf"\b{alternation(lexicon.PASSIVE_AUXILIARIES)}\s+(?:\w+ly\s+|already\s+|now\s+)?$")
# "Lyman, which Ukraine liberated": a relative pronoun right after the place
_RELATIVE_AFTER = re.compile(rf"\W{{0,3}}\s*{alternation(lexicon.RELATIVE_PRONOUNS)}\b", re.IGNORECASE)
# what may stand between "lost"/"losing" and the place it lost ("lost control of the city of")
_LOST_GAP = re.compile(r"\s+(?:control\s+of\s+)?(?:(?:the|a|an|key|strategic|[a-z]+ern|[a-z-]+|town|city|village|"
                       r"port)\s+){0,5}?(?:of\s+)?(?:the\s+)?")
_LOST_NOT_OBJECT = re.compile(r"\b(?:during|in|near|at|on|after|from|with|around|than|dozens|hundreds|vehicles|"
                              r"soldiers|troops|men|tanks|equipment|lives|positions|ground)\b")
# "20 settlements have been liberated": a count before a passive action word
_QUANTITY_BEFORE_GAP = re.compile(r"\s+(?:have|has|had|were|was|are|is)\s+(?:\w+\s+){0,2}?(?:been\s+)?(?:\w+ly\s+)?$")
_DATE_REACH = 120     # characters from an action word to its date phrase
_QUANTITY_REACH = 40   # characters from an action word to its area or count, no comma between


@dataclass
class Claim:
    actor: str
    action: str
    places: list[PlaceMention]
    area_km2: float | None
    settlements: int | None
    region: RegionMention | None   # a region named as the claim's place ("Kharkiv's territory")
    hints: list[str]               # ISO codes the sentence points to (regions, locators, co-named places)
    region_hints: list[tuple[int, str]]   # (article offset, ISO) of the regions the sentence names outright
    context_hints: list[str]       # of those, the ones from regions and locators
    attribution: str | None
    confirmed: str                 # no | unknown
    hedged: bool
    date: DatePhrase | None        # the nearest date phrase in the sentence, if any
    sentence: Sentence
    russia_cue: bool = False       # the sentence places things in Russia ("across the border")


class ArticleScan(NamedTuple):
    sentences: list[Sentence]
    by_sentence: dict[int, list[re.Match]]   # sentence index -> the action words in it

    def spans(self) -> list[tuple[int, int]]:
        """(start, end) of the sentences with action words, in order."""
        return [(self.sentences[i].start, self.sentences[i].end) for i in sorted(self.by_sentence)]


@dataclass
class ArticleReading:
    """What the claim finder read from one article."""
    claims: list[Claim]
    region_mentions: list[tuple[int, str]]   # (offset, ISO code), in article order


class _Trigger(NamedTuple):   # a tuple: made by the thousand, cheaply
    pos: int       # offsets in the sentence
    end: int
    action: str
    words: str


def says_unconfirmed(text: str) -> bool:
    """The text says the claim could not be confirmed or verified (cheap check first)."""
    lowered = text.lower()
    return ("confirm" in lowered or "verif" in lowered) and bool(_UNCONFIRMED.search(text))


def _is_irrealis(text: str, pos: int, words: str = "") -> bool:
    window = text[max(0, pos - 40):pos]
    tail = [w.strip(",.;:\"'“”()") for w in window.lower().split()[-4:]]
    if not (window.endswith("-") or (tail and (tail[-1] in _LAST_CUES or (len(tail) > 1 and tail[-2] in _PREV_CUES)))
            or not _MODAL_CUES.isdisjoint(tail)):
        return False   # none of the words the patterns below end with, where they must stand: checked cheaply
    if _PARTICIPLE.fullmatch(words) and _PARTICIPLE_BEFORE.search(window):
        return True   # "near liberated Staromaiorske": an adjective
    found = _IRREALIS.search(window)
    if found and (_ASPECT_TO.search(window) or _ORDINAL_TO.search(window)):
        return False   # "continue to advance", "the latest town to fall": it happens
    return bool(found)


def _is_background(text: str, pos: int) -> bool:
    """Inside a leading "Since ..." clause: background, not the day's news."""
    if text.startswith(_BACKGROUND_OPENERS):
        comma = text.find(",")
        return comma == -1 or pos < comma
    return False


class ClaimFinder:
    """Reads claims out of article text, asking the gazetteer which names are places."""

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

    def read(self, text: str, lowered: str, date_phrases: list[DatePhrase],
             scanned: ArticleScan | None = None) -> ArticleReading:
        """Claims of an article; ``lowered`` is the article lower-cased with the same offsets; ``scanned``:
        ``scan`` of it, if the caller has it."""
        sentences, by_sentence = scanned or self.scan(text, lowered)
        date_starts = [d.start for d in date_phrases]
        claims: list[Claim] = []
        named: dict[int, list[PlaceMention]] = {}   # sentence index -> the places it names (read when needed)

        def named_before(index: int, at: int) -> PlaceMention | None:
            """The place a phrase like "the town" at article offset ``at`` refers back to: of the places named in
            this sentence before it and the three sentences before, the one the article names most often up to
            there (the story's subject), the latest on a tie."""
            seen: list[PlaceMention] = []
            for k in range(max(0, index - 3), index + 1):
                if k not in named:
                    named[k] = self.place_reader.read(sentences[k].text, sentences[k].start, []).places
                seen += [p for p in named[k] if p.start < at]
            if not seen:
                return None
            told = text[max(0, at - 5000):at]   # bounded: a degenerate article stays linear
            return max(reversed(seen), key=lambda p: told.count(p.name))

        for index in sorted(by_sentence):
            sentence = sentences[index]
            previous = sentences[index - 1] if index > 0 else None
            following = sentences[index + 1] if index + 1 < len(sentences) else None
            follows_unconfirmed = bool(following and index + 1 not in by_sentence
                                       and says_unconfirmed(following.text))
            sentence_dates = date_phrases[bisect.bisect_left(date_starts, sentence.start):
                                          bisect.bisect_left(date_starts, sentence.end)]
            claims += self._read_sentence(sentence, previous, by_sentence[index], sentence_dates,
                                          follows_unconfirmed, lambda at, i=index: named_before(i, at))
        return ArticleReading(claims, region_mentions(text, self.gazetteer))

    def _read_sentence(self, s: Sentence, previous: Sentence | None, matches: list[re.Match],
                       sentence_dates: list[DatePhrase], follows_unconfirmed: bool,
                       named_before=lambda at: None) -> list[Claim]:
        text = s.text
        lowered = lower_keep_offsets(text)   # the same offsets as text
        denial = _DENIAL.search(lowered) if _DENIAL_STEM.search(lowered) else None
        denied_from = denial.start() if denial else len(text)
        strike_verb: list[bool] = []
        live = []
        for m in matches:
            pos, end = m.start() - s.start, min(m.end(), s.end) - s.start
            words = text[pos:end]
            if pos > denied_from or _is_irrealis(text, pos, words.lower()) or _is_background(text, pos):
                continue
            lowered_words = lowered[pos:end]
            if denial and _NOMINAL.search(lowered_words):
                continue   # "statements about the capture of X were premature"
            if _NOMINAL.search(lowered_words) and _MODAL_AFTER.match(text, end):
                continue   # "Withdrawing from X would be ...", "The capture of X could ...": a supposition
            if (words.endswith("ing") and _BACKGROUND_BEFORE.search(lowered, max(0, pos - 10), pos)
                    and not any(0 < d.start - m.end() <= 60 for d in sentence_dates)):
                continue   # "after retreating from Kherson": background (kept when dated: "since losing X in May")
            if _BARE_FORM.fullmatch(words.lower()) and _NOUN_MARK_BEFORE.search(lowered, max(0, pos - 20), pos):
                continue   # "Russia's advance toward Pokrovsk": a noun
            if _TAKE.fullmatch(words.lower()) and _TAKE_IDIOM_AFTER.match(text, end):
                continue   # "fighting took place near X"
            if text.startswith("-", end):
                continue   # "a bombed-out building", "occupied-territories": an adjective
            if m.lastgroup == "struck" and _STRIKE_NOUN.fullmatch(words) and not (
                    words.endswith("ing") and _AUXILIARY_BEFORE.search(lowered, max(0, pos - 20), pos)):
                if not strike_verb:
                    strike_verb.append(bool(_STRIKE_VERB.search(lowered)))
                if not strike_verb[0] and not _STRIKE_TARGET_AFTER.match(text, end):
                    continue   # "drones were heading towards Izmail": a weapon named, nothing hit
            if (m.lastgroup == "struck" and not _STRIKE_NOUN.fullmatch(words)
                    and _PASSIVE_BEFORE.search(lowered, max(0, pos - 30), pos) and not _AGENT.match(text, end)):
                continue   # "the city has been destroyed": who struck is not said
            live.append(_Trigger(pos, end, m.lastgroup, words))
        if not live:
            return []
        positions = [t.pos for t in live]
        found = self.place_reader.read(text, s.start, [t.end for t in live])
        if "the " in lowered and _ANAPHOR_NOUN.search(lowered):
            referred = [self._referent(m, s.start, named_before) for m in _ANAPHOR.finditer(text)
                        if not self._apposition(text, m.end())
                        and not _COMPASS_OF_BEFORE.search(text, max(0, m.start() - 30), m.start())]
            referred = [p for p in referred if p is not None]
            if referred:   # "withdrew from the devastated town": the place named before
                found.places = sorted(found.places + referred, key=lambda p: p.start)
        areas = _Quantities(text, quantities.areas(text, lowered))
        counts = _Quantities(text, quantities.settlements(text, lowered))
        dates = _Dates(sentence_dates)
        first = live[0]
        # the first action word takes a place before it as its object: "Kherson was retaken",
        # "Lyman fell to Russian forces", "Lyman, which Ukraine liberated"
        object_first = bool(_OBJECT_FIRST.fullmatch(first.words.lower())
                            or _PASSIVE_BEFORE.search(lowered, max(0, first.pos - 30), first.pos)
                            or _HEADLINE_DASH_BEFORE.search(text[max(0, first.pos - 5):first.pos]))

        def owner(pos: int, end: int | None = None) -> int:
            """The action word a place or region at ``pos`` (ending at ``end``) belongs to, or -1."""
            after = bisect.bisect_right(positions, pos)
            if after:
                return after - 1
            gap = text[pos:first.pos]
            if len(gap) <= 120 and not _CLAUSE_BREAK.search(gap) and (
                    object_first or (end is not None and _RELATIVE_AFTER.match(text, end, first.pos))):
                return 0
            return -1

        assigned: dict[int, list[PlaceMention]] = {}
        for place in found.places:
            at = place.start - s.start
            belongs = owner(at, at + len(place.name))
            if belongs >= 0 and at > live[belongs].end and _CLAUSE_BREAK.search(text, live[belongs].end, at):
                continue   # "left Hostomel, but was digging in at Bucha": another clause
            if belongs >= 0 and live[belongs].action == "lost" and at > live[belongs].end:
                gap = text[live[belongs].end:at]
                if not _LOST_GAP.fullmatch(gap) or _LOST_NOT_OBJECT.search(gap):
                    continue   # "lost dozens of vehicles during an attack on Vuhledar": not the place lost
            assigned.setdefault(belongs, []).append(place)
        region_starts = [r.start for r in found.regions]
        # read once, and only when a claim needs them: many sentences with an action word yield none
        actors: _Actors | None = None
        shared: dict[str, object] = {}
        claims = []
        for i, t in enumerate(live):
            own_places = assigned.get(i, [])
            area, count = areas.after(t.end), counts.after(t.end)
            if area is None and count is None and t.action in ("captured", "advanced"):
                area = areas.before(t.pos, _QUANTITY_BEFORE_GAP)
                count = counts.before(t.pos, _QUANTITY_BEFORE_GAP)
            region = None
            if not own_places:
                for k in range(bisect.bisect_right(region_starts, t.end), len(found.regions)):
                    belongs = owner(found.regions[k].start)
                    if belongs == i and _REGION_OBJECT_GAP.fullmatch(text, t.end, found.regions[k].start):
                        region = found.regions[k]
                    if belongs >= i:
                        break
            action = t.action
            extra = None
            quantity = areas.first_after(t.end) or counts.first_after(t.end)
            if action == "captured" and own_places and quantity and quantity.end <= own_places[0].start - s.start:
                # "liberated eight settlements, including Piatykhatky": the count, and the place;
                # "regained 16 square kilometres in the north of the city": an advance there
                if (count == len(own_places) and quantity is counts.first_after(t.end)
                        and _NAMED_LIST_GAP.fullmatch(text, quantity.end, own_places[0].start - s.start)):
                    pass   # "the recapture of two other villages, Melovoi and Podol": the places themselves
                elif _INCLUDING.search(text, quantity.end, own_places[0].start - s.start):
                    extra = "advanced"
                else:
                    action = "advanced"
            if action == "advanced" and not (area or count):
                if not own_places:
                    continue   # "advanced" alone says nothing; "advanced near Bakhmut" keeps its place
            elif action == "advanced" and own_places and quantity:
                pass   # an area or a count in a named place
            elif action == "advanced" or (action == "captured" and not own_places and (area or count)):
                action, own_places, region = "advanced", [], None
            elif not own_places and not region:
                continue
            if actors is None:
                actors = _Actors(text, previous)
            actor = actors.of(t, action)
            if actor is None:
                continue
            if action == "lost":
                action, actor = "captured", other_side(actor)
            if not shared:
                shared["attribution"] = attribution.speaker(text) or (
                    attribution.speaker(previous.text) if previous and _PRONOUN_START.match(text) else None)
                shared["confirmed"] = "no" if (follows_unconfirmed or says_unconfirmed(text)) else "unknown"
                shared["hedged"] = bool(_HEDGE.search(text))
            for kind, places in ((action, own_places), (extra, [])):
                if kind is None:
                    continue
                claims.append(Claim(
                    actor=actor, action=kind, places=places,
                    area_km2=area if kind == "advanced" else None,
                    settlements=count if kind == "advanced" else None,
                    region=region if kind == action else None, hints=found.hints, region_hints=found.region_hints,
                    context_hints=found.context_hints, attribution=shared["attribution"],
                    confirmed=shared["confirmed"], hedged=shared["hedged"],
                    date=dates.nearest(s.start + t.pos), sentence=s, russia_cue=found.russia_cue))
        return claims


    def _apposition(self, text: str, end: int) -> bool:
        m = _APPOSITION.match(text, end)
        return bool(m) and bool(self.gazetteer.places(m.group(1)))

    @staticmethod
    def _referent(m: re.Match, offset: int, named_before) -> PlaceMention | None:
        if m.group(1) == "capital":
            return PlaceMention(lexicon.CAPITAL, offset + m.start(), True)
        referent = named_before(offset + m.start())
        return PlaceMention(referent.name, offset + m.start(), referent.known) if referent else None


class _Actors:
    """Who did it, for each action word of one sentence (its sides read once, searched by bisection)."""

    def __init__(self, text: str, previous: Sentence | None):
        self.text = text
        self.previous = previous
        self.sides = sides(text)
        self.starts = [x.start for x in self.sides]
        self.ends = [x.end for x in self.sides]

    def of(self, t: _Trigger, action: str) -> str | None:
        text, found = self.text, self.sides
        if _OBJECT_FIRST.fullmatch(t.words.lower()):
            inside = SIDE.search(t.words.title())
            if inside:   # "back under Ukrainian control"
                return inside.lastgroup
        if action == "repelled" and _PASSIVE_BEFORE.search(text[max(0, t.pos - 30):t.pos].lower()):
            # "Russian troops were repelled": the side named is the one driven off
            ended_before = bisect.bisect_right(self.ends, t.pos)
            return other_side(found[ended_before - 1].side) if ended_before else None
        agent = _AGENT.match(text[t.end:t.end + 60])
        if agent:   # "retaken by Ukrainian troops"
            at = t.end + agent.end()
            i = bisect.bisect_left(self.starts, at)
            if i < len(found) and found[i].start == at:
                return found[i].side
        ended_before = bisect.bisect_right(self.ends, t.pos)
        if ended_before and _STRIKE_NOUN.fullmatch(t.words):
            # "Russian strikes", "Moscow shells", "Ukrainian cruise missiles": the side just before
            x = found[ended_before - 1]
            if _STRIKE_GAP.fullmatch(text[x.end:t.pos]):
                return x.side
        for k in range(ended_before - 1, -1, -1):
            x = found[k]
            if not _AGAINST_BEFORE.search(text[max(0, x.start - 15):x.start]):
                return x.side
        first_after = bisect.bisect_left(self.starts, t.end)
        if action == "repelled" and first_after < len(found):
            return other_side(found[first_after].side)
        for k in range(first_after, len(found)):
            x = found[k]
            if not _FROM_BEFORE.search(text[max(0, x.start - 15):x.start]):
                return x.side
        if self.previous is not None:
            earlier = sides(self.previous.text)
            if earlier:
                return earlier[0].side
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
            if q.end <= pos and pos - q.end <= _QUANTITY_REACH and gap.fullmatch(self.text[q.end:pos]):
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
            if "," not in self.text[end:q.start]:
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
        candidates = [p for p in self.phrases[max(0, i - 1):i + 1] if abs(p.start - at) <= _DATE_REACH]
        return min(candidates, key=lambda p: abs(p.start - at)) if candidates else None
