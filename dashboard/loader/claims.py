"""Find territorial claims in an article's sentences.

A claim is a sentence (or one clause of it) where an action word of the
vocabulary (``captured``, ``withdrew``, ``repelled``, ``advanced``, ``struck``)
meets a side (UA or RU) and a place, an area or a count of settlements. For
each claim this module says who, did what, where (as written), how much, when
(the date phrase nearest the action word), said by whom, whether the text
says it could not be confirmed, and whether it is hedged.

How it reads, in short:
- Action words are found with one pattern over the whole text, so sentences
  without one cost almost nothing; only their sentences are read closely.
- Forecasts and background are not events: an action word after a modal
  ("will", "would", "could"), an infinitive ("to completely seize"), a
  negation, or inside a leading "Since ..." clause is skipped.
- The actor is the side named by a passive "by ..." agent, else the nearest
  side named before the action word ("Russian troops have left", "its troops"
  after "Ukraine's general staff"), else for "repelled" the side opposite the
  attacker, else a side named after it or in the sentence before (for "They").
- Places are capitalised names the gazetteer knows, or unknown names that the
  text introduces as settlements ("the village of Olhine", "Bakhmut and
  Maiorsk"). Names used as locators ("north of Kharkiv", "near the town of
  Horlivka", "a town in Donetsk") or regions ("Luhansk province", "Poltava and
  Sumy regions") are kept as context hints, not as targets.

The module resolves nothing against the gazetteer's coordinates: that is
``places.py``. It only asks the gazetteer whether a name is a known place.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from dashboard.geo import Gazetteer
from dashboard.loader import quantities
from dashboard.loader.dates import DatePhrase
from dashboard.loader.lowercase import lower_keep_offsets
from dashboard.schema import other_side

# --- vocabulary --------------------------------------------------------------

_TRIGGERS = {
    "captured": r"re-?captured|captured|recaptured|retook|retaken|re-?took|took\s+(?:back|control\s+of)|"
                r"taken\s+(?:back|control\s+of)|took|taken|seized|entered|occupied|liberated|regained|"
                r"reclaimed|won\s+back|gained\s+control\s+of",
    "withdrew": r"withdrew|withdrawn|pulled\s+(?:out|back)|retreated|abandoned|left|"
                r"ordered\s+to\s+(?:withdraw|retreat|leave|pull\s+(?:out|back)|move\s+elsewhere)|"
                r"ordered\s+(?:(?:its|their|the)\s+)?withdrawal",
    "repelled": r"repelled|repulsed|fended\s+off|beat\s+back|beaten\s+back|held\s+off|thwarted|foiled",
    "struck": r"struck|strikes|shelled|shelling|shells|bombarded|bombed|missiles?|rockets?|artillery|"
              r"drones?|air\s*strikes?|air\s+raids?",
    "advanced": r"advanced|gained|made\s+gains|pushed\s+forward",
    # "Ukraine lost Mariupol": the place was captured by the other side
    "lost": r"lost(?:\s+control\s+of)?|losing(?:\s+control\s+of)?",
}
# Matched against the lower-cased text; the look-ahead lets re skip most positions at once.
TRIGGER_RE = re.compile(
    r"\b(?=[a-z])(?:" + "|".join(rf"(?P<{action}>(?:{words})\b)" for action, words in _TRIGGERS.items()) + ")")
_STRIKE_NOUNS = re.compile(r"strikes|shelling|shells|missiles?|rockets?|artillery|drones?|air\s*strikes?|air\s+raids?",
                           re.IGNORECASE)

_SIDES = {
    "UA": r"Ukrainian|Ukraine(?:'s|’s)?|Kyiv(?:'s|’s)?|Kiev(?:'s|’s)?|Zelensk[iy]{1,2}(?:'s|’s)?",
    "RU": r"Russian|Russia(?:'s|’s)?|Moscow(?:'s|’s)?|Kremlin(?:'s|’s)?|Putin(?:'s|’s)?|separatists?|"
          r"Wagner|Chechen|(?:Luhansk|Donetsk)\s+People(?:'s|’s)\s+Republic|LPR|DPR",
}
SIDE_RE = re.compile("|".join(rf"(?P<{side}>\b(?:{words})\b)" for side, words in _SIDES.items()))
# "Kyiv" after a preposition is the city, not the government.
_PLACE_PREPOSITION = re.compile(r"(?:\b(?:in|from|of|near|to|around|at|outside|towards?|on|capital|into|over)\s+(?:the\s+)?)$",
                                re.IGNORECASE)
_CITY_SIDES = {"kyiv", "kiev"}

_HEDGE_RE = re.compile(r"\b(?:may|might|reportedly|allegedly|apparently|purportedly|appears?\s+to|"
                       r"(?:is|are|was|were)\s+said\s+to|claimed\s+to)\b")
_UNCONFIRMED_RE = re.compile(
    r"\b(?:could\s+not|cannot|can\s*not|can't|couldn't|unable\s+to|was\s+not|were\s+not|has\s+not\s+been|"
    r"have\s+not\s+been|not)\s+(?:be\s+)?(?:been\s+)?(?:independently\s+)?(?:confirm|verif)\w*|"
    r"\bunconfirmed\b|\bunverified\b", re.IGNORECASE)
_IRREALIS_RE = re.compile(
    r"(?:\b(?:will|would|could|shall|cannot|can't|won't|not|never|if|unless|no\s+longer)\s+(?:\w+\s+){0,3}"
    r"|\bto\s+(?:\w+ly\s+)?|\b(?:the|newly|Russian-|Ukrainian-)\s*|-)$",
    re.IGNORECASE)
_SPEECH_VERBS = r"said|says|told|admitted|acknowledged|announced|reported|claimed|stated|added|showed|confirmed"
_PASSIVE_GAP = re.compile(r"\b(?:was|were|is|are|been|being|which|that)\b", re.IGNORECASE)
_ACCORDING_RE = re.compile(r"\baccording\s+to\s+([^,.;]+)", re.IGNORECASE)
_INVERTED_RE = re.compile(rf",\s*(?:{_SPEECH_VERBS})\s+((?:the\s+)?(?:[A-Z][\w'’.-]*\s*){{1,5}})(?:,|$)")
_LEADING_RE = re.compile(rf"^(.*?)\s+(?:{_SPEECH_VERBS})\b")
_TRAILING_RE = re.compile(rf",\s*([^,]+?),?\s+(?:{_SPEECH_VERBS})\b[^,]*$")

# --- places ------------------------------------------------------------------

_NAME_RE = re.compile(r"\b[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*(?:\s+[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*)*")
_STOP_NAMES = {
    "the", "a", "an", "on", "in", "at", "as", "after", "before", "since", "to", "for", "from", "with", "and",
    "but", "meanwhile", "separately", "according", "they", "he", "she", "it", "its", "their", "there",
    "ukraine", "russia", "ukrainian", "russian", "moscow", "kremlin", "crimea", "donbas", "donbass",
    "europe", "west", "east", "north", "south", "president", "general", "governor", "mayor",
}
_REGION_AFTER = re.compile(r"^(?:'s|’s)?\s+(?:region|province|oblast|Oblast|territory)\b|"
                           r"^\s+and\s+(?:the\s+)?[A-Z][\w'’-]+\s+(?:regions|provinces|oblasts)\b|"
                           r"^\s+(?:regions|provinces|oblasts)\b")
_NOT_PLACE_AFTER = re.compile(r"^(?:\s+(?:River|river|People|Sea|Reservoir|Oblast\s+administration)\b|(?:'s|’s)\s+(?!territory))")
_LOCATOR_BEFORE = re.compile(
    r"(?:\b(?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)?\s+of\s+(?:the\s+)?"
    r"|\b(?:a|the)\s+(?:\w+\s+){0,2}(?:town|city|village|region)\s+in\s+(?:the\s+)?"
    r"|\bnear\s+the\s+(?:[\w-]+\s+){0,3}(?:town|city|village)\s+of\s+)$", re.IGNORECASE)
_SETTLEMENT_BEFORE = re.compile(
    r"\b(?:towns?|villages?|city|cities|settlements?|hamlets?|strongholds?)\s+(?:of\s+)?$", re.IGNORECASE)
_OBJECT_GAP = re.compile(r"\s+(?:(?:out\s+)?of\s+|from\s+|near\s+|in\s+)?(?:the\s+)?")
_LEADING_WORD = re.compile(r"^(?:(?:The|A|An|On|In|At|After|Since|To|From|Meanwhile|Separately|Near|By)\s+)+")
_TITLES = {"President", "Governor", "General", "Gen.", "Mayor", "Minister", "Mr", "Mrs", "Ms", "Dr", "Colonel",
           "Commander", "Spokesman", "Spokeswoman", "Prime", "Deputy", "Adviser", "Head", "Chief"}
_WORD_RE = re.compile(r"\S+")
_LONGEST_NAME_WORDS = 4   # "Velyka Oleksandrivka", "Vuhlehirska TES": place names run to a few words
_REGION_WORDS = {"Oblast", "Region", "Province", "River", "Reservoir"}
_AND_BEFORE = re.compile(r"(?:,|\s+and|\s+or)\s+$")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+")
_ABBREVIATIONS = {"mr", "mrs", "ms", "dr", "gen", "lt", "col", "sgt", "st", "u.s", "u.k", "jan", "feb", "aug",
                  "sept", "sep", "oct", "nov", "dec", "no", "vs", "approx", "maj", "capt", "gov", "sen", "rep"}


@dataclass
class PlacePhrase:
    name: str                 # as written
    start: int                # offset in the article
    known: bool               # the gazetteer knows the name


@dataclass
class Claim:
    actor: str
    action: str
    trigger: str
    places: list[PlacePhrase]
    area_km2: float | None
    settlements: int | None
    region_hint: str | None   # ISO code of a region named as the claim's place ("Kharkiv's territory")
    region_text: str | None
    hints: list[str]          # ISO codes the sentence points to (regions, locators, co-named places)
    attribution: str | None
    confirmed: str
    hedged: bool
    date: DatePhrase | None
    sentence_start: int
    sentence_end: int
    sentence: str = field(repr=False, default="")


@dataclass
class _Sentence:
    start: int
    end: int
    text: str


@dataclass
class ArticleReading:
    """What the claim finder read from one article."""
    claims: list[Claim]
    region_mentions: list[tuple[int, str]]   # (offset, ISO code), in article order


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) with abbreviations ("Gen.", "U.S.", "Sept.") kept whole."""
    spans, start = [], 0
    for m in _SENTENCE_BREAK.finditer(text):
        before = text[start:m.start()].rstrip(".!?\"”’')] ")
        last_word = before.rsplit(None, 1)[-1].lower() if before.strip() else ""
        if "\n" not in m.group() and last_word.rstrip(".") in _ABBREVIATIONS:
            continue
        if text[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


class ClaimFinder:
    """Reads claims out of article text, asking the gazetteer which names are places."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    # -- public ---------------------------------------------------------------
    def read(self, text: str, date_phrases: list[DatePhrase]) -> ArticleReading:
        spans = split_sentences(text)
        starts = [s for s, _ in spans]
        by_sentence: dict[int, list[re.Match]] = {}
        for m in TRIGGER_RE.finditer(lower_keep_offsets(text)):
            index = bisect.bisect_right(starts, m.start()) - 1
            if index >= 0 and m.start() < spans[index][1]:
                by_sentence.setdefault(index, []).append(m)
        region_mentions = self._region_mentions(text)
        claims: list[Claim] = []
        for index in sorted(by_sentence):
            sentence = self._sentence(text, spans, index)
            previous = self._sentence(text, spans, index - 1) if index > 0 else None
            following = self._sentence(text, spans, index + 1) if index + 1 < len(spans) else None
            follows_unconfirmed = bool(following and index + 1 not in by_sentence
                                       and says_unconfirmed(following.text))
            found = self._read_sentence(sentence, previous, by_sentence[index], date_phrases,
                                        follows_unconfirmed)
            claims.extend(found)
        return ArticleReading(claims, region_mentions)

    # -- sentences ------------------------------------------------------------
    @staticmethod
    def _sentence(text: str, spans, index: int) -> _Sentence:
        start, end = spans[index]
        raw = text[start:end]
        lead = len(raw) - len(raw.lstrip())
        return _Sentence(start + lead, start + len(raw.rstrip()), raw.strip())

    def _read_sentence(self, s: _Sentence, previous: _Sentence | None, triggers: list[re.Match],
                       date_phrases: list[DatePhrase], follows_unconfirmed: bool) -> list[Claim]:
        text = s.text
        live = []
        for m in triggers:
            pos = m.start() - s.start
            if self._is_irrealis(text, pos) or self._is_background(text, pos):
                continue
            live.append((pos, m.end() - s.start, m.lastgroup, text[pos:m.end() - s.start]))
        if not live:
            return []
        places, hints, regions = self._places(text, s.start, [end for _, end, _, _ in live])
        areas = [(m.start(), m.end(), quantities.area_km2(m)) for m in quantities.find_areas(text)]
        counts = [(m.start(), m.end(), quantities.settlements(m)) for m in quantities.find_settlements(text)]
        sides = self._sides(text)
        attribution = self._attribution(text) or (
            self._attribution(previous.text) if previous and re.match(r"(?:They|It|He|She|Its|Their)\b", text) else None)
        confirmed = "no" if (follows_unconfirmed or says_unconfirmed(text)) else "unknown"
        hedged = bool(_HEDGE_RE.search(text))
        sentence_dates = [d for d in date_phrases if s.start <= d.start < s.end]

        # Assign each place, quantity and region to the nearest action word before it. A place before
        # every action word belongs to the first one only in a passive or relative clause ("Kherson was
        # retaken", "Lyman, which Ukraine liberated"); otherwise it is the subject of something else.
        def owner(pos: int) -> int:
            before = [i for i, t in enumerate(live) if t[0] <= pos]
            if before:
                return before[-1]
            return 0 if _PASSIVE_GAP.search(text[pos:live[0][0]]) else -1
        assigned: dict[int, list[PlacePhrase]] = {}
        for place in places:
            assigned.setdefault(owner(place.start - s.start), []).append(place)
        claims = []
        for i, (pos, end, action, trigger) in enumerate(live):
            own_places = assigned.get(i, [])
            area = next((a for st, en, a in areas if 0 <= st - end <= 40 and "," not in text[end:st]), None)
            count = next((c for st, en, c in counts if 0 <= st - end <= 40 and "," not in text[end:st]), None)
            region = next(((iso, name) for st, iso, name in regions
                           if st > end and owner(st) == i and not own_places), None)
            if action == "advanced" or (action == "captured" and not own_places and (area or count)):
                if not (area or count):
                    continue
                action, own_places, region = "advanced", [], None
            elif not own_places and not region:
                continue
            actor = self._actor(text, pos, end, action, trigger, sides, previous)
            if actor is None:
                continue
            if action == "lost":
                action, actor = "captured", other_side(actor)
            date_phrase = min(sentence_dates, key=lambda d: abs(d.start - s.start - pos), default=None)
            claims.append(Claim(
                actor=actor, action=action, trigger=trigger, places=own_places,
                area_km2=area if action == "advanced" else None,
                settlements=count if action == "advanced" else None,
                region_hint=region[0] if region else None, region_text=region[1] if region else None,
                hints=hints, attribution=attribution, confirmed=confirmed, hedged=hedged,
                date=date_phrase, sentence_start=s.start, sentence_end=s.end, sentence=text))
        return claims

    @staticmethod
    def _is_irrealis(text: str, pos: int) -> bool:
        window = text[max(0, pos - 40):pos]
        return bool(_IRREALIS_RE.search(window))

    @staticmethod
    def _is_background(text: str, pos: int) -> bool:
        if text.startswith("Since ") or text.startswith("since "):
            comma = text.find(",")
            return comma == -1 or pos < comma
        return False

    # -- sides and actors -------------------------------------------------------
    @staticmethod
    def _sides(text: str) -> list[tuple[int, int, str]]:
        sides = []
        for m in SIDE_RE.finditer(text):
            word = m.group().lower().rstrip("'’s")
            if word in _CITY_SIDES and _PLACE_PREPOSITION.search(text[max(0, m.start() - 20):m.start()]):
                continue
            sides.append((m.start(), m.end(), m.lastgroup))
        return sides

    def _actor(self, text, pos, end, action, trigger, sides, previous: _Sentence | None) -> str | None:
        agent = re.match(r"\s+(?:[\w-]+\s+){0,4}?by\s+(?:the\s+)?", text[end:end + 60])
        if agent:
            at = end + agent.end()
            for start, _, side in sides:
                if start == at:
                    return side
        if _STRIKE_NOUNS.fullmatch(trigger):   # "Russian strikes", "Moscow shells", "Ukrainian cruise missiles"
            for _, en, side in reversed(sides):
                if en <= pos and re.fullmatch(r"[\s-]*(?:[\w-]+\s+)?", text[en:pos]):
                    return side
        before = [(st, side) for st, en, side in sides if en <= pos
                  and not re.search(r"\b(?:against|with)\s+(?:the\s+)?$", text[max(0, st - 15):st])]
        if before:
            return before[-1][1]
        after = [(st, side) for st, en, side in sides if st >= end]
        if action == "repelled" and after:
            return "RU" if after[0][1] == "UA" else "UA"
        after = [(st, side) for st, side in after
                 if not re.search(r"\b(?:from|against|with|of)\s+(?:the\s+)?$", text[max(0, st - 15):st])]
        if after:
            return after[0][1]
        if previous is not None:
            earlier = self._sides(previous.text)
            if earlier:
                return earlier[-1][2]
        return None

    # -- attribution ------------------------------------------------------------
    @staticmethod
    def _attribution(text: str) -> str | None:
        """Who the sentence says made the claim, or None."""
        text = text.rstrip(".!?\"”’ ")
        for speaker in (_according_to(text), _inverted_speaker(text), _trailing_speaker(text),
                        _leading_speaker(text)):
            speaker = _clean_speaker(speaker) if speaker else None
            if speaker:
                return speaker
        return None

    # -- places -----------------------------------------------------------------
    def _places(self, text: str, offset: int, trigger_ends: list[int]):
        """Target places, context hints (ISO codes) and regions named in one sentence."""
        places: list[PlacePhrase] = []
        hints: list[str] = []
        regions: list[tuple[int, str, str]] = []
        for m in _NAME_RE.finditer(text):
            name = _LEADING_WORD.sub("", m.group())
            start = m.end() - len(name)
            for word_start, word in self._known_runs(name, start):
                self._classify(text, word, word_start, word_start + len(word), offset, trigger_ends,
                               places, hints, regions)
        for place in places:
            if place.known:
                candidates = self.gazetteer.places(place.name)
                if len({p.oblast_iso for p in candidates}) == 1:
                    hints.append(candidates[0].oblast_iso)
        return places, hints, regions

    def _known_runs(self, name: str, start: int):
        """Split a run of capitalised words into the longest names the gazetteer knows ("Nova Kakhovka").

        A known word followed by an unknown capitalised word, or after a title, is part of a
        person's name ("Volodymyr Zelensky", "President Serhiy ...") and is skipped.
        """
        words = [(m.start() + start, m.group()) for m in _WORD_RE.finditer(name)]
        knows = self.gazetteer.knows
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + _LONGEST_NAME_WORDS), i, -1):
                candidate = " ".join(w for _, w in words[i:j])
                known = knows(candidate)
                if known or j - i == 1:
                    person = (known and j < len(words) and not knows(words[j][1])
                              and words[j][1] not in _REGION_WORDS) or (i > 0 and words[i - 1][1] in _TITLES)
                    if not person:
                        yield words[i][0], candidate
                    i = j
                    break

    def _classify(self, text, name, start, end, offset, trigger_ends, places, hints, regions):
        if name.endswith(("'s", "’s")):
            name, end = name[:-2], end - 2
        key = name.lower()
        if key in _STOP_NAMES or len(name) < 3 or SIDE_RE.search(name) and key not in _CITY_SIDES:
            return
        after, before = text[end:end + 40], text[max(0, start - 60):start]
        region_match = _REGION_AFTER.match(after)
        if region_match:
            iso = self.gazetteer.oblast_by_name(name)
            if iso:
                regions.append((start, iso, text[start:end + region_match.end()]))
                hints.append(iso)
            return
        if _NOT_PLACE_AFTER.match(after):
            return
        if key in _CITY_SIDES and not _PLACE_PREPOSITION.search(before):
            return
        known = bool(self.gazetteer.places(name))
        if _LOCATOR_BEFORE.search(before) and not ("near" in before.lower() and not places):
            # a locator ("north of Kharkiv"); but "near the village of Olhine" alone is the target
            iso = self.gazetteer.oblast_by_name(name)
            candidates = self.gazetteer.places(name)
            if iso or candidates:
                hints.append(iso or candidates[0].oblast_iso)
            return
        if not known:
            introduced = _SETTLEMENT_BEFORE.search(before)
            after_verb = any(0 <= start - e <= 25 and _OBJECT_GAP.fullmatch(text[e:start]) for e in trigger_ends)
            coordinated = places and _AND_BEFORE.search(before) and start - (places[-1].start - offset) < 40
            if not (introduced or after_verb or coordinated) or self.gazetteer.oblast_by_name(name):
                return
        places.append(PlacePhrase(name, offset + start, known))

    def _region_mentions(self, text: str) -> list[tuple[int, str]]:
        mentions = []
        for m in re.finditer(r"\b([A-Z][\w'’-]+)(?:'s|’s)?\s+(?:region|province|oblast|Oblast|territory)\b", text):
            iso = self.gazetteer.oblast_by_name(m.group(1))
            if iso:
                mentions.append((m.start(), iso))
        return mentions


def says_unconfirmed(text: str) -> bool:
    """The text says the claim could not be confirmed or verified (cheap check first)."""
    lowered = text.lower()
    return ("confirm" in lowered or "verif" in lowered) and bool(_UNCONFIRMED_RE.search(text))


def _according_to(text: str) -> str | None:
    m = _ACCORDING_RE.search(text)
    return m.group(1) if m else None


def _inverted_speaker(text: str) -> str | None:
    """"..., said Oleksiy Arestovych, an adviser ..." """
    m = _INVERTED_RE.search(text)
    return m.group(1) if m else None


def _trailing_speaker(text: str) -> str | None:
    """"..., the general staff said in an evening update"; "..., the city's leader, Oleksiy Babchenko, said" """
    m = _TRAILING_RE.search(text)
    if not m or re.match(r"(?:whose|who|which|when|where)\b", m.group(1)):
        return None
    speaker, head = m.group(1), text[:m.start()]
    if re.fullmatch(r"(?:[A-Z][\w'’-]+\s*){1,4}", speaker) and "," in head:
        descriptor = head.rsplit(",", 1)[-1].strip()
        if re.match(r"(?:the|its|a|an)\b", descriptor) and len(descriptor.split()) <= 5:
            speaker = f"{descriptor}, {speaker}"
    return speaker


def _leading_speaker(text: str) -> str | None:
    """"Ukraine's general staff said ..."; "Kyiv, whose troops ..., said ..." """
    m = _LEADING_RE.search(text)
    if not m:
        return None
    subject = m.group(1)
    relative = re.search(r",\s*(?:whose|who|which)\b", subject)
    if relative:
        subject = subject[:relative.start()]
    elif "," in subject:
        subject = subject.rsplit(",", 1)[-1]
    return subject


def _clean_speaker(raw: str) -> str | None:
    speaker = raw.strip(" \"“”'’")
    speaker = re.sub(r"^(?:Meanwhile|Separately|However|But|And|Also)\s*,?\s*", "", speaker)
    speaker = re.sub(r"\s+(?:on|in)\s+(?:Ukrainian|Russian)?\s*(?:television|TV)$", "", speaker)
    if not speaker or len(speaker.split()) > 12 or speaker.lower() in {"it", "he", "she", "they"}:
        return None
    return speaker
