"""Stage 3: what a sentence mentions: sides, places (targets and context hints) and regions.

- **Sides**: words that name Ukraine's or Russia's side ("Ukrainian", "Moscow's",
  "separatists"); "Kyiv" after a preposition ("in Kyiv") is the city, not a side.
- **Places**: runs of capitalised words split into the longest names the
  gazetteer knows ("Nova Kakhovka"). A known word followed by an unknown
  capitalised word, or after a title, is part of a person's name ("Volodymyr
  Zelensky"). A name the gazetteer knows is a place; an unknown one only when
  the text introduces it as a settlement ("the village of Olhine"), right
  after an action word ("captured Maiorsk") or beside another place ("Bakhmut
  and Maiorsk").
- **Context hints**: names used as locators ("north of Kharkiv", "near the town
  of Horlivka", "a town in Donetsk") and regions ("Luhansk province", "Poltava
  and Sumy regions") are kept as the oblasts they point to, not as targets; a
  known place that exists in one oblast only points to it as well.
- **Region mentions** of a whole article ("in the Kherson region", "Kherson's
  region"), which later place a village the gazetteer lacks.

The words are in ``lexicon.py``; the gazetteer is ``dashboard.geo``.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from wordfreq import zipf_frequency

from dashboard.geo import Gazetteer, name_key
from dashboard.loader import lexicon
from dashboard.loader.lexicon import alternation
from dashboard.loader.literals import LiteralScan


class Side(NamedTuple):  # a tuple: made by the thousand, cheaply
    start: int  # offsets in the sentence
    end: int
    side: str  # UA | RU


class PlaceMention(NamedTuple):  # a tuple: made by the thousand, cheaply
    name: str  # as written (words joined by one space)
    start: int  # offset in the article
    known: bool  # the gazetteer knows the name


class RegionMention(NamedTuple):  # a tuple: made by the thousand, cheaply
    start: int  # offset in the sentence
    iso: str
    words: str  # as written ("Kharkiv's territory")


@dataclass
class SentencePlaces:
    places: list[PlaceMention]
    hints: list[str]  # ISO codes the sentence points to, distinct, in order
    regions: list[RegionMention]
    region_hints: list[tuple[int, str]]  # (article offset, ISO) of regions it names outright ("in the Donetsk region")
    context_hints: list[str]  # of the hints, those from regions and locators (not from co-named places)
    russia_cue: bool = False  # the sentence places things in Russia ("across the border", "Russian village")


_SIDE_WORDS = {side: alternation(words) for side, words in lexicon.SIDE_WORDS.items()}
SIDE = re.compile("|".join(rf"(?P<{side}>\b{words}\b)" for side, words in _SIDE_WORDS.items()))
_SIDE_SCAN = LiteralScan(SIDE)  # the same matches as SIDE.finditer, found faster
_CITY_SIDES = frozenset(lexicon.CITY_SIDES)
# The patterns named *_BEFORE and _PLACE_PREPOSITION are matched against lower-cased text (a lower-case
# pattern runs faster than one with re.IGNORECASE): their words are lower case.
_PLACE_PREPOSITION = re.compile(rf"(?:\b{alternation(lexicon.PLACE_PREPOSITIONS)}\s+(?:the\s+)?)$")

# capitalised words, Latin letters with diacritics included ("Sudža", "Černihiv": as Czech, Slovak and Polish
# outlets write them; the gazetteer's fold key drops the marks)
_UPPER, _LOWER = (
    "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ",
    "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž",
)
_NAME_RUN = re.compile(
    rf"\b[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}'’]+)*"
    rf"(?:\s+[{_UPPER}][{_LOWER}'’]+(?:-[{_UPPER}]?[{_LOWER}'’]+)*)*"
)
_LEADING_WORDS = re.compile(rf"^(?:{alternation(lexicon.LEADING_WORDS)}\s+)+")
_WORD = re.compile(r"\S+")
_LONGEST_NAME_WORDS = 4  # "Velyka Oleksandrivka", "Vuhlehirska TES": place names run to a few words
_NOT_PLACES = frozenset(lexicon.NOT_PLACES)
_TITLES = frozenset(lexicon.TITLES)
_REGION_WORDS = frozenset(lexicon.REGION_WORDS)

_REGION_AFTER = re.compile(
    rf"^(?:'s|’s)?\s+{alternation(lexicon.REGION_NOUNS)}\b"
    rf"|^\s+and\s+(?:the\s+)?[A-Z][\w'’-]+\s+{alternation(lexicon.REGION_NOUNS_PLURAL)}\b"
    rf"|^\s+{alternation(lexicon.REGION_NOUNS_PLURAL)}\b"
)
# "Kharkiv's forces" is no place; "Kharkiv's territory", "Vovchansk's urban area" are
_NOT_PLACE_AFTER = re.compile(
    rf"^(?:\s+{alternation(lexicon.NOT_PLACE_AFTER)}\b|(?:'s|’s)\s+"
    rf"(?!{alternation(lexicon.PLACE_PARTS)}))"
)
_LOCATOR_BEFORE = re.compile(
    rf"(?:(?:\b{alternation(lexicon.COMPASS_WORDS)}(?:ern)?\s+of|\baway\s+from|\boutskirts\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){{0,3}}?"
    rf"(?:(?:town|city|village|hub|settlement)\s+of\s+)?"
    rf"|\b(?:a|the)\s+(?:\w+\s+){{0,2}}{alternation(lexicon.LOCATOR_NOUNS)}\s+in\s+(?:the\s+)?"
    r"|\bnear\s+the\s+(?:[\w-]+\s+){0,3}(?:town|city|village)\s+of\s+)$"
)
_SETTLEMENT_BEFORE = re.compile(rf"\b{alternation(lexicon.SETTLEMENT_NOUNS)}\s+(?:of\s+)?$")
_OBJECT_GAP = re.compile(rf"\s+(?:{alternation(lexicon.OBJECT_GAP_WORDS)}\s+)?(?:the\s+)?")
_AND_BEFORE = re.compile(r"(?:,|\s+and|\s+or)\s+$")
_TAIL_NAME = re.compile(r"(?<!\w)([A-Z][\w'’-]+?)(?:'s|’s)?$")  # the name a region noun follows
_REGION_AS_ADJECTIVE_AFTER = re.compile(rf"\s+{alternation(lexicon.REGION_AS_ADJECTIVE_AFTER)}")
_REGION_BEFORE = re.compile(rf"\b{alternation(lexicon.REGION_BEFORE)}\s+(?:the\s+)?$")
_SIDE_AS_PLACE_AFTER = re.compile(alternation(lexicon.SIDE_AS_PLACE_AFTER))
_COUNTRY_AS_PLACE_BEFORE = re.compile(
    rf"\b{alternation(lexicon.COUNTRY_AS_PLACE_BEFORE)}\s+(?:the\s+)?(?:[a-z]+ern\s+|[a-z-]+-held\s+)?$"
)
_COUNTRIES = frozenset({"ukraine", "russia"})
_ACCORDING_BEFORE = re.compile(r"according\s+to\s+$")  # "according to Kyiv": the side
# "seized two villages near Bakhmut": the place after a generic settlement noun and "near" is a locator
_GENERIC_LOCATOR_BEFORE = re.compile(
    rf"\b{alternation(lexicon.GENERIC_SETTLEMENTS)}\s+(?:\w+\s+){{0,2}}?(?:near|around|outside|close\s+to|in\s+the\s+areas?\s+of|"
    rf"east|west|north|south|in)\s+(?:of\s+)?(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?"
    rf"(?:(?:town|city|village|hub|stronghold|cent(?:re|er))\s+of\s+)?$"
)
_REPUBLIC = re.compile(
    "|".join(rf"(?P<{name}>\b{alternation(words)}\b)" for name, words in lexicon.REPUBLIC_WORDS.items())
)
_REPUBLIC_SCAN = LiteralScan(_REPUBLIC)
# A known place named beside others points to its oblast only if it is a town of this size: a village the
# gazetteer knows in one oblast may have namesakes it lacks (GeoNames cities500), so it says little.
HINT_POPULATION = 5_000
_REPUBLIC_CUES = lexicon.stems(w for words in lexicon.REPUBLIC_WORDS.values() for w in words)  # a cheap check first
_NAME_PREFIXES = frozenset(lexicon.NAME_PREFIXES)
_LAST_OF_PREFIXES = frozenset({"of", "river"})
_GENERIC_NOUN_STEMS = lexicon.stems(lexicon.GENERIC_SETTLEMENTS)
_LOCATOR_STEMS = (" of", "from") + lexicon.stems(lexicon.LOCATOR_NOUNS)  # the pattern's own "of", "away from"
# the stems as one literal alternation: re's search is one C pass where any() was one Python step a stem
_GENERIC_STEM = re.compile("|".join(_GENERIC_NOUN_STEMS))
_LOCATOR_STEM = re.compile("|".join(_LOCATOR_STEMS))
_SETTLEMENT_STEMS = lexicon.stems(lexicon.SETTLEMENT_NOUNS)
_IN_REGION_BEFORE = re.compile(
    r"\bin\s+(?:the\s+)?(?:\w+(?:'s|’s)\s+)?(?:(?:[a-z]+ern|central|partially\s+occupied)\s+)?$"
)
_NAME_SUFFIXES = frozenset(lexicon.NAME_SUFFIXES)
_NOT_PLACE_BEFORE = re.compile(rf"\b{alternation(lexicon.NOT_PLACE_BEFORE)}\s+(?:the\s+)?$")
# "Kharkiv, Donetsk, Luhansk, and Kherson oblasts": a name in a list that ends in a plural region noun
_REGION_LIST_AFTER = re.compile(
    rf"^(?:\s*,\s*(?:and\s+)?[A-Z][\w'’-]+|\s+and\s+[A-Z][\w'’-]+)+\s+{alternation(lexicon.REGION_NOUNS_PLURAL)}\b"
)
_NUMBER_AFTER = re.compile(r"-\d|\s\d\d\b")  # a TV channel or a unit ("Rossiya-24"), not a place
# "the Berdiansk and Melitopol directions": names in a list that ends in a front-line noun
_DIRECTION_LIST_AFTER = re.compile(
    rf"(?:\s*,\s*(?:and\s+)?[A-Z][\w'’-]+|\s+and\s+[A-Z][\w'’-]+)+\s+(?i:{alternation(lexicon.LIST_ENDS_NOT_PLACES)})\b"
)
# "Vovchansk in Kharkiv": a name after another name and "in" is where the first one is
_NAME_IN_BEFORE = re.compile(r"[A-Z][\w'’-]+\s+in\s+(?:the\s+)?$")
# "attacks near Robotyne", "an assault on Krynky": an unknown name after an attack noun and these is a place
_ATTACK_PREPOSITIONS = frozenset({"on", "near", "at", "around", "in", "of"})
_ATTACK_BEFORE = re.compile(
    rf"\b{alternation(lexicon.ATTACK_NOUNS)}\s+(?:[\w-]+\s+){{0,3}}?(?:on|near|at|around|in|"
    rf"in\s+the\s+(?:populated\s+)?areas?\s+of|in\s+the\s+vicinity\s+of)\s+(?:the\s+)?$"
)
_LISTED_NEXT = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+(?:and|or)\s+)([A-Z][\w'’-]+)")
_TITLE_WORD = re.compile(r"[A-Za-z][\w'’-]{3,}")
_RUSSIA_CUE = re.compile(alternation(lexicon.RUSSIA_CUES))


@functools.lru_cache(maxsize=65536)
@functools.lru_cache(maxsize=65_536)  # the same capitalised words come back in every article
def common_english_word(name: str) -> bool:
    """Whether any word of a name is an everyday English word ("Village", "Operational", "British")."""
    return any(zipf_frequency(word, "en") >= lexicon.COMMON_WORD_ZIPF for word in name.split())


def is_title_case(text: str) -> bool:
    """A headline in title case ("Russian Military Says Captured Village"): its longer words capitalised, at
    most one not (a sentence that lists many places still has its lower-case verbs and nouns)."""
    words = _TITLE_WORD.findall(text[:400])
    lower = sum(not w[0].isupper() for w in words)
    return len(words) - lower >= 3 and lower <= 1


def sides(text: str) -> list[Side]:
    """The sides a sentence names, in order."""
    found = []
    for m in _SIDE_SCAN.finditer(text):
        word = m.group().lower().rstrip("'’s")
        before = text[max(0, m.start() - 20) : m.start()]
        if (
            word in _CITY_SIDES
            and _PLACE_PREPOSITION.search(before.lower())
            and not _ACCORDING_BEFORE.search(before.lower())
        ):
            continue
        if word in _COUNTRIES and _COUNTRY_AS_PLACE_BEFORE.search(before.lower()):
            continue  # "in eastern Ukraine": a place
        if _SIDE_AS_PLACE_AFTER.match(text, m.end()):
            continue  # "the Ukrainian town of", "Russian-held": a place
        found.append(Side(m.start(), m.end(), m.lastgroup))
    return found


def _region_nouns(text: str):
    """(start, end) of each region noun ("region", "Oblast" ...) after a space, found with str.find."""
    found = []
    for noun in lexicon.REGION_NOUNS:
        at = text.find(noun, 1)
        while at >= 0:
            end = at + len(noun)
            if text[at - 1].isspace() and (end == len(text) or not (text[end].isalnum() or text[end] == "_")):
                found.append((at, end))
            at = text.find(noun, end)
    return sorted(found)


def region_mentions(text: str, gazetteer: Gazetteer) -> list[tuple[int, str]]:
    """(offset, ISO code) of every region an article names ("the Kherson region", "Kherson's region",
    the "Donetsk People's Republic" or "DPR"), in article order."""
    found = []
    for at, _ in _region_nouns(text):  # region nouns are rare: find them, then the name before
        before = text[max(0, at - 60) : at]
        token = before.rstrip()
        if len(token) == len(before):
            continue  # the noun must follow a space
        word = token.rsplit(None, 1)[-1] if token.strip() else ""
        m = _TAIL_NAME.search(word)
        if m:
            iso = gazetteer.oblast_by_name(m.group(1))
            if iso:
                found.append((at - len(before) + len(token) - len(word) + m.start(), iso))
    for m in _REPUBLIC_SCAN.finditer(text) if any(w in text for w in _REPUBLIC_CUES) else ():
        found.append((m.start(), lexicon.REPUBLICS[m.lastgroup]))
    return sorted(found)


class PlaceReader:
    """Reads the places, hints and regions of one sentence, asking the gazetteer which names it knows."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer
        # a run of capitalised words -> its names that may be places (offsets in the run): runs repeat a lot
        self._split_cache: dict[str, tuple[tuple[int, str], ...]] = {}

    @staticmethod
    def _may_be_place(name: str) -> bool:
        """Not a function word, a side or too short: the checks that need no context."""
        if name.endswith(("'s", "’s")):
            name = name[:-2]
        key = name.lower()
        return not (key in _NOT_PLACES or len(name) < 3 or SIDE.search(name) and key not in _CITY_SIDES)

    def read(self, text: str, offset: int, trigger_ends: list[int]) -> SentencePlaces:
        """``text``: the sentence; ``offset``: where it starts in the article; ``trigger_ends``: where
        its action words end (sentence offsets, ascending)."""
        found = SentencePlaces([], [], [], [], [])
        self._headline: bool | None = None  # read when an unknown name needs it
        self._last_hint_end: int | None = None
        for m in _NAME_RUN.finditer(text):
            run = m.group()
            split = self._split_cache.get(run)
            if split is None:
                name = _LEADING_WORDS.sub("", run)
                split = self._split_cache[run] = tuple(
                    (at, word) for at, word in self._known_runs(name, len(run) - len(name)) if self._may_be_place(word)
                )
                if len(self._split_cache) > 100_000:
                    self._split_cache.clear()
            for at, word in split:
                word_start = m.start() + at
                self._classify(text, word, word_start, word_start + len(word), offset, trigger_ends, found)
        found.context_hints = list(dict.fromkeys(found.hints))
        for place in found.places:
            if place.known:
                candidates = self.gazetteer.places(place.name)
                if len({p.oblast_iso for p in candidates}) == 1 and candidates[0].population >= HINT_POPULATION:
                    found.hints.append(candidates[0].oblast_iso)
        found.hints = list(dict.fromkeys(found.hints))
        # cheap gate first: every cue has one of these words
        found.russia_cue = (
            "Russia" in text or "border" in text or "Kursk" in text or "Belgorod" in text or "Bryansk" in text
        ) and bool(_RUSSIA_CUE.search(text))
        return found

    def _listed_before_a_place(self, text: str, end: int) -> bool:
        """ "near Robotyne and Verbove": an unknown name listed right before a name the gazetteer knows."""
        m = _LISTED_NEXT.match(text, end)
        return bool(m) and self.gazetteer.knows(m.group(1)) and not common_english_word(m.group(1))

    def _is_headline(self, text: str) -> bool:
        if self._headline is None:
            self._headline = is_title_case(text)
        return self._headline

    def _known_runs(self, name: str, start: int):
        """Split a run of capitalised words into the longest names the gazetteer knows."""
        words = [(m.start() + start, m.group()) for m in _WORD.finditer(name)]
        knows = self.gazetteer.knows
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _LONGEST_NAME_WORDS), i, -1):
                candidate = " ".join(w for _, w in words[i:j])
                known = knows(candidate)
                prefixed = j - i == 2 and (
                    words[i][1] in _NAME_PREFIXES  # "Mala Oleksandrivka"
                    or words[j - 1][1] in _NAME_SUFFIXES
                )  # "Snake Island"
                if known or j - i == 1 or prefixed:
                    person = (
                        known and j < len(words) and not knows(words[j][1]) and words[j][1] not in _REGION_WORDS
                    ) or (i > 0 and words[i - 1][1] in _TITLES)
                    if not person:
                        yield words[i][0], candidate
                    i = j
                    break

    def _classify(
        self, text: str, name: str, start: int, end: int, offset: int, trigger_ends: list[int], found: SentencePlaces
    ) -> None:
        """A capitalised name of the sentence: the first of ``NAME_READERS`` that decides says what it is."""
        n = _Name(self, text, name, start, end, offset, trigger_ends, found)
        for reader in NAME_READERS:
            if reader(n):
                return


class _Name:
    """One capitalised name of a sentence and what is around it: the context every name reader reads. The
    patterns read on ``before`` end in a few words; ``last`` (the last word before the name, "the" skipped)
    tells which can match at all (most names follow a verb or a noun, where none can), and cheap substring
    checks gate the rest."""

    __slots__ = (
        "reader",
        "g",
        "text",
        "name",
        "key",
        "start",
        "end",
        "offset",
        "trigger_ends",
        "found",
        "after",
        "before",
        "lowered_before",
        "last",
        "region_match",
        "candidates",
        "coordinated_before",
    )

    def __init__(
        self,
        reader: PlaceReader,
        text: str,
        name: str,
        start: int,
        end: int,
        offset: int,
        trigger_ends: list[int],
        found: SentencePlaces,
    ):
        if name.endswith(("'s", "’s")):
            name, end = name[:-2], end - 2
        self.reader, self.g, self.text, self.name, self.key = reader, reader.gazetteer, text, name, name.lower()
        self.start, self.end, self.offset, self.trigger_ends, self.found = start, end, offset, trigger_ends, found
        self.after = text[end : end + 40]
        self.before = text[max(0, start - 60) : start]
        self.lowered_before = self.before.lower()
        words_before = self.lowered_before.split()
        last = words_before[-1] if words_before else ""
        if last == "the" and len(words_before) > 1:
            last = words_before[-2]
        self.last = last
        self.region_match = _REGION_AFTER.match(self.after)
        self.candidates = None
        self.coordinated_before = None

    def hint(self, iso: str | None) -> bool:
        """Keep the name as a hint of the oblast it points to (not a place); it decides."""
        if iso:
            self.found.hints.append(iso)
        self.reader._last_hint_end = self.end
        return True


# --- Name readers: each returns True when it has decided what the name is ------------------------------------


def river_or_republic(n: _Name) -> bool:
    """ "the bank of the Dnipro", "the People's Republic of Luhansk": no place."""
    return n.last in _LAST_OF_PREFIXES and bool(_NOT_PLACE_BEFORE.search(n.before))


def region_named_as_such(n: _Name) -> bool:
    """ "the region of Kharkiv", "Kharkiv and Sumy oblasts": a hint of the oblast."""
    if n.region_match or not n.g.oblast_by_name(n.name):
        return False
    if (n.last in ("of", "including", "as") and _REGION_BEFORE.search(n.lowered_before)) or _REGION_LIST_AFTER.match(
        n.text[n.end : n.end + 80]
    ):
        return n.hint(n.g.oblast_by_name(n.name))
    return False


def region_by_its_own_name(n: _Name) -> bool:
    """An oblast's own name where its city now has another ("Dnipropetrovsk" after the city became Dnipro,
    "Kirovohrad" for Kropyvnytskyi), or a region's name before a settlement noun ("the Donetsk town of Chasiv
    Yar"): the region, a hint of where (and where the sentence is, after "in")."""
    if n.region_match:
        return False
    iso = n.g.oblast_by_name(n.name)
    if not iso:
        return False
    own = name_key(n.g.oblast_name(iso).removesuffix(" Oblast"))
    renamed = name_key(n.name) == own and any(
        name_key(p.name) != own for p in n.g.places(n.name, iso)
    )  # the written name is the oblast's, and its city's name today is another
    if renamed or _REGION_AS_ADJECTIVE_AFTER.match(n.after):
        if renamed and _IN_REGION_BEFORE.search(n.before):
            n.found.region_hints.append((n.offset + n.start, iso))
        return n.hint(iso)
    return False


def region_with_its_noun(n: _Name) -> bool:
    """ "the Kharkiv region", "Kharkiv's territory": a region (and where the sentence is, after "in")."""
    if not n.region_match:
        return False
    iso = n.g.oblast_by_name(n.name)
    if iso:
        n.found.regions.append(RegionMention(n.start, iso, n.text[n.start : n.end + n.region_match.end()]))
        n.found.hints.append(iso)
        if _IN_REGION_BEFORE.search(n.before):  # "in Ukraine's eastern Donetsk region": where it is
            n.found.region_hints.append((n.offset + n.start, iso))
    return True


def not_a_place_after(n: _Name) -> bool:
    """ "Dnipro River", "Kyiv Post", "Rossiya-24", "the Berdiansk and Melitopol directions": no place."""
    return bool(
        _NOT_PLACE_AFTER.match(n.after)
        or _NUMBER_AFTER.match(n.after)
        or _DIRECTION_LIST_AFTER.match(n.text, n.end, n.end + 80)
    )


def capital_as_its_government(n: _Name) -> bool:
    """ "Kyiv said", "according to Kyiv": the government, not the city ("struck Kyiv", "in Kyiv": the city)."""
    return (
        n.key in _CITY_SIDES
        and (not _PLACE_PREPOSITION.search(n.lowered_before) or bool(_ACCORDING_BEFORE.search(n.lowered_before)))
        and not _after_action_word(n)
    )


def _after_action_word(n: _Name) -> bool:
    """An action word ends at most 25 characters before the name, only gap words between ("captured Maiorsk")."""
    ends, text, start = n.trigger_ends, n.text, n.start
    return any(
        _OBJECT_GAP.fullmatch(text[e:start])
        for e in ends[bisect.bisect_left(ends, start - 25) : bisect.bisect_right(ends, start)]
    )


def locator(n: _Name) -> bool:
    """ "north of Kharkiv", "two villages near Bakhmut", "Vovchansk in Kharkiv": a hint of where, not a place
    (but "near the village of Olhine" alone is the target)."""
    n.candidates = n.g.places(n.name)
    before, lowered = n.before, n.lowered_before
    found, last = n.found, n.last
    generic = _GENERIC_STEM.search(lowered) and _GENERIC_LOCATOR_BEFORE.search(lowered)
    n.coordinated_before = (last in ("and", "or") or before.rstrip().endswith(",")) and _AND_BEFORE.search(before)
    hint_end = n.reader._last_hint_end
    listed_after_hint = hint_end is not None and n.start - hint_end <= 40 and n.coordinated_before
    located = (
        _LOCATOR_STEM.search(lowered)
        and _LOCATOR_BEFORE.search(lowered)
        and not ("near" in lowered and not found.places)
    )
    if generic or listed_after_hint or (found.places and last == "in" and _NAME_IN_BEFORE.search(before)) or located:
        return n.hint(n.g.oblast_by_name(n.name) or (n.candidates[0].oblast_iso if n.candidates else None))
    return False


def unknown_name_not_a_place(n: _Name) -> bool:
    """A name the gazetteer does not know is a place only when the text introduces it as a settlement ("the
    village of Olhine"), right after an action word ("captured Maiorsk") or beside another place ("Bakhmut and
    Maiorsk", "near Robotyne and Verbove"); never an everyday word or a word of a title-case headline."""
    if n.candidates:
        return False
    lowered, last, text, start = n.lowered_before, n.last, n.text, n.start
    named = n.name.rsplit(" ", 1)[-1] in _NAME_SUFFIXES
    introduced = (
        (last == "of" or any(noun in last for noun in _SETTLEMENT_STEMS))
        and _SETTLEMENT_BEFORE.search(lowered)
        or last in _ATTACK_PREPOSITIONS
        and _ATTACK_BEFORE.search(lowered)
    )  # "repelled attacks near X"
    if (common_english_word(n.name) and not named) or (not introduced and n.reader._is_headline(text)):
        return True
    after_verb = _after_action_word(n)
    places = n.found.places
    coordinated = (
        places and n.coordinated_before and start - (places[-1].start - n.offset) < 40
    ) or n.reader._listed_before_a_place(text, n.end)
    return not (introduced or after_verb or coordinated) or bool(n.g.oblast_by_name(n.name))


def a_place(n: _Name) -> bool:
    """Anything else: a place the claim may be about."""
    n.found.places.append(PlaceMention(n.name, n.offset + n.start, bool(n.candidates)))
    return True


# In order: the first that decides says what a capitalised name is.
NAME_READERS = (
    river_or_republic,
    region_named_as_such,
    region_by_its_own_name,
    region_with_its_noun,
    not_a_place_after,
    capital_as_its_government,
    locator,
    unknown_name_not_a_place,
    a_place,
)
