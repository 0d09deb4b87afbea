"""Stage 2e: who makes a claim, as an entity: a canonical claimant, its side and the person named.

``identify("Deputy Defence Minister Hanna Maliar")`` is ``Claimant("Ukrainian Defence Ministry", "UA", "Hanna
Maliar")``; "Russia's Defense Ministry", "the Russian Defence Ministry" and "Konashenkov" are one claimant. The
phrases are data (``lexicon.CLAIMANTS``, the specific before the general); a phrase naming none of them and no
person is no claimant (a fragment such as "had" or "hours after"), so every claimant is an organisation, an
office, a person or "unnamed". "X citing Y" is Y's claim; of "A; B" the first; "X (note)" is X's unless X is
too general to name one ("officials (Governor Y)"). An institution named without its side ("the Defence
Ministry") takes the side the article gave that kind of claimant last; a bare country ("Russia said") the
office of that side named last, while "Russian officials" stay as the text names them (``ArticleClaimants``).
Which sentence's speaker a claim has is ``speakers.py``'s work.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from wordfreq import zipf_frequency

from dashboard.loader import lexicon
from dashboard.loader.lexicon import alternation

_CLAIMANTS = [
    (name, side, re.compile(rf"(?<![\w-]){alternation(words)}(?![\w])", re.IGNORECASE))
    for name, (side, words) in lexicon.CLAIMANTS.items()
]
_UNQUALIFIED = [
    (name, re.compile(rf"\b{alternation(words)}\b", re.IGNORECASE))
    for name, (_, words) in lexicon.UNQUALIFIED_CLAIMANTS.items()
]
_RU_CUE = re.compile(rf"\b{alternation(lexicon.CLAIMANT_RU_CUES)}\b")
_UA_CUE = re.compile(rf"\b{alternation(lexicon.CLAIMANT_UA_CUES)}\b")
_NOTE = re.compile(r"\s*\([^()]*\)")  # a note in brackets: "officials (Belgorod Governor Gladkov)"
# claimants too general to stand for a note that names one ("officials (Governor X)", "the ministry (Russia's)")
_GENERIC = frozenset(("unnamed", *lexicon.COUNTRY_CLAIMANTS, *lexicon.UNQUALIFIED_CLAIMANTS))
_CITING = re.compile(r"\b(?:citing|quoting|according\s+to)\s+", re.IGNORECASE)
_VIA = re.compile(r"\s*\(?\bvia\b.*$", re.IGNORECASE)  # "Sergei Shoigu (via Russian media)": Shoigu's claim
_NAME_RUN = re.compile(r"\b[A-Z][a-z'’.-]+(?:\s+[A-Z][a-z'’-]+)*")
_TITLE = re.compile(alternation(lexicon.CLAIMANT_TITLES), re.IGNORECASE)
_CALENDAR = frozenset(lexicon.WEEKDAYS) | frozenset(lexicon.MONTHS)
# words of the organisations' names of several words are never part of a person's name ("Ukrainska Pravda");
# the one-word phrases that are capitalised and name no country, group or outlet are surnames ("Konashenkov")
_ORGANISATION_WORDS = lexicon.words_in(w for _, words in lexicon.CLAIMANTS.values() for w in words if "\\s" in w)
_SURNAMES = tuple(
    w
    for _, words in lexicon.CLAIMANTS.values()
    for w in words
    if w[:1].isupper()
    and "\\s" not in w
    and not w.startswith("(?")
    and lexicon.words_in((w,)).isdisjoint(lexicon.CLAIMANT_COUNTRY_WORDS)
)
_SURNAME = re.compile(rf"\b{alternation(_SURNAMES)}\b")
_COMMON_ZIPF = 5.2  # "General", "Later", "Times" are this common; first names ("David", "Hanna") rarer


class Claimant(NamedTuple):
    name: str | None  # canonical ("Russian Defence Ministry"), None when no claimant is named
    side: str  # UA | RU | "" (neither, or not known)
    person: str  # the person the phrase names ("Hanna Maliar"), or ""


NOBODY = Claimant(None, "", "")


@functools.lru_cache(maxsize=4096)
def identify(phrase: str | None) -> Claimant:
    """The claimant a phrase as written names (an attribution of the loader or of the gold), or NOBODY."""
    if not phrase or not phrase.strip():
        return NOBODY
    first = re.split(r"\s*;\s*|\s+/\s+", phrase.strip())[0]  # "Hanna Maliar; Russian-installed official": the first
    first = _VIA.sub("", first) or first
    cited = _CITING.search(first)
    if cited and identify(first[cited.end() :]).name:
        return identify(first[cited.end() :])  # "TASS citing Russia's Defense Ministry"
    noted = _NOTE.search(first)
    if noted and first[: noted.start()].strip():  # "Russian-backed officials (TASS, Vladimir Leontyev)"
        outside = identify(first[: noted.start()] + first[noted.end() :])
        if outside.name and outside.name not in _GENERIC:
            return outside  # the phrase as written names its claimant; the note only adds to it
    person = _person(first)
    for name, side, pattern in _CLAIMANTS:
        if pattern.search(first):
            return Claimant(name, side or _side_of(first), person)
    for name, pattern in _UNQUALIFIED:
        if pattern.search(first):
            return Claimant(name, "", person)
    if person:  # a person the lexicon does not know ("Samuel Ramani"): the person is the claimant
        return Claimant(person, _side_of(first), person)
    return NOBODY


def _side_of(phrase: str) -> str:
    ru, ua = _RU_CUE.search(phrase), _UA_CUE.search(phrase)
    if ru and ua:
        return "RU" if ru.start() < ua.start() else "UA"
    return "RU" if ru else "UA" if ua else ""


def _person(phrase: str) -> str:
    """A person's name in the phrase: the last two to four capitalised words of a run ("Kyiv Governor Oleksandr
    Pavlyuk"), none a title, a word of an organisation's name or a very common English word; else a surname the
    lexicon lists ("Konashenkov")."""
    for m in _NAME_RUN.finditer(phrase):
        words = m.group().split()
        name: list[str] = []
        for word in reversed(words):
            if _not_a_name(word) or len(name) == 4:
                break
            name.insert(0, word)
        if len(name) >= 2:
            return " ".join(name)
    surname = _SURNAME.search(phrase)
    return surname.group() if surname else ""


def _not_a_name(word: str) -> bool:
    bare = re.sub(r"['’]s$", "", word).rstrip(".")
    return (
        bare.lower() in _ORGANISATION_WORDS
        or bare.lower() in _CALENDAR
        or bool(_TITLE.fullmatch(bare))
        or zipf_frequency(bare, "en") >= _COMMON_ZIPF
    )


class ArticleClaimants:
    """The claimants of one article's claims, in order. An institution named without its side ("the Defence
    Ministry") is the one of that kind the article named last with its side ("Russia's Defence Ministry"); a
    phrase that only refers back ("the statement") is the claimant named last; a side named only as a country
    ("Russia said") the specific claimant of that side named last."""

    def __init__(self):
        self.last: dict[str, Claimant] = {}  # kind of unqualified institution -> its claimant
        self.last_of_side: dict[str, Claimant] = {}  # side -> its specific claimant named last
        self.latest: Claimant = NOBODY

    def of(self, phrase: str | None, actor: str | None = None, told_before: str = "") -> Claimant:
        """The claimant of a claim whose attribution is ``phrase``, by ``actor`` (UA | RU); ``told_before``: the
        article's text before the claim, where a reference back may find the claimant it stands for."""
        found = identify(phrase)
        if found.name in lexicon.UNQUALIFIED_CLAIMANTS:
            by_side = dict(lexicon.UNQUALIFIED_CLAIMANTS[found.name][0])
            found = self.last.get(found.name) or (
                Claimant(by_side[actor], actor, found.person) if actor in by_side else found
            )
        elif phrase and _REFERRING.search(phrase) and found.name == "unnamed":
            found = self.latest if self.latest.name else (named_last(told_before) or found)
        elif found.name in lexicon.COUNTRY_CLAIMANTS and not _OFFICIALS.search(phrase or ""):
            found = self.last_of_side.get(found.side, found)
        self._remember(found)
        return found

    def _remember(self, found: Claimant) -> None:
        if not found.name or found.name == "unnamed":
            return
        self.latest = found
        for kind, (by_side, _) in lexicon.UNQUALIFIED_CLAIMANTS.items():
            if found.name in dict(by_side).values():
                self.last[kind] = found
        if found.side and found.name in lexicon.STANDING_CLAIMANTS:
            self.last_of_side[found.side] = found


_REFERRING = re.compile(alternation(lexicon.REFERRING_CLAIMANTS), re.IGNORECASE)
_OFFICIALS = re.compile(rf"\b{alternation(lexicon.OFFICIALS_WORDS)}\b", re.IGNORECASE)


_STANDING = [(name, side, pattern) for name, side, pattern in _CLAIMANTS if name in lexicon.STANDING_CLAIMANTS]
_TOLD_REACH = 3000  # characters of the article before a claim searched for the claimant a reference stands for


def named_last(text: str, side: str | None = None) -> Claimant | None:
    """The government, forces or office (``lexicon.STANDING_CLAIMANTS``, of ``side`` if given) the text names
    last, within its last ``_TOLD_REACH`` characters: what "the report" or "Russia said" stands for."""
    text = text[-_TOLD_REACH:]
    best: tuple[int, Claimant] | None = None
    for name, own_side, pattern in _STANDING:
        for m in pattern.finditer(text):
            claimant_side = own_side or _side_of(text[max(0, m.start() - 40) : m.end() + 40])
            if side and claimant_side != side:
                continue
            if best is None or m.end() > best[0]:
                best = (m.end(), Claimant(name, claimant_side, ""))
    return best[1] if best else None
