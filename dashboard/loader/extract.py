"""Article text -> events: the loader's reading, stage by stage.

``EventExtractor.extract(text, published)`` is the loader's one pure step (no
I/O, no database). It drives the stages, each a module with one job:

    sentences.py  text -> sentences
    dates.py      text -> date phrases, resolved; the article's report day
    mentions.py   sentence -> sides, places, context hints, regions
    quantities.py, attribution.py   sentence -> areas and counts; who said it
    claims.py     sentences + mentions -> claims (who did what, where, when)
    places.py     claim places -> gazetteer places, oblasts, coordinates
    extract.py    claims -> events, one per claim and place, de-duplicated

and returns the events with the warnings a person should read (a date after
publication, a place it could not put on the map, a text that is not
English). The rule words are in ``lexicon.py``.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from datetime import date

from dashboard.geo import Gazetteer, name_key
from dashboard.geo import gazetteer as default_gazetteer
from dashboard.loader import check, places
from dashboard.loader.claimants import ArticleClaimants
from dashboard.loader.claims import ClaimFinder, TraceEntry
from dashboard.loader.dates import find_date_phrases, report_day_phrase
from dashboard.loader.lowercase import lower_keep_offsets
from dashboard.loader.sentences import Sentence
from dashboard.schema import Event

__all__ = ["EventExtractor", "Extraction"]

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_CAPITAL = re.compile(r"\b[A-Z]")
# A claim dated more than this before publication is background the article recalls ("captured by
# separatists in 2014", "seized in February 2022" in a 2023 report), not an event it reports.
BACKGROUND_DAYS = 365
SCORE_DIGITS = 4  # an event's score is stored rounded (the review queue pages by it: the same number each read)
REGION_REACH = 80  # characters from a place to "the X region" that says where it is


@dataclass
class Extraction:
    events: list[Event]
    report_day: date
    warnings: list[str] = field(default_factory=list)
    features: list[dict[str, float]] = field(default_factory=list)  # each event's (``check.features``), in order


class _SentenceRegions:
    """A sentence's outright regions ("in the Donetsk region"), by offset: its claims share one list of them,
    read here once per sentence (a claim scanning the whole list was quadratic in a megabyte-long sentence)."""

    def __init__(self, region_hints: list[tuple[int, str]]):
        self.hints = sorted(region_hints)
        self.offsets = [at for at, _ in self.hints]
        self.distinct = list(dict.fromkeys(iso for _, iso in region_hints))

    def regions_for(self, place, claim) -> list[str]:
        """The regions the sentence names outright, the one right after the place first ("Robotyne in the
        southern Zaporizhzhia region")."""
        nearby = self.hints[
            bisect.bisect_right(self.offsets, place.start) : bisect.bisect_right(
                self.offsets, place.start + REGION_REACH
            )
        ]
        after = [
            iso for at, iso in nearby if not any(place.start < other.start < at for other in claim.places)
        ]  # no other place between
        return list(dict.fromkeys(after + self.distinct))


class EventExtractor:
    def __init__(
        self, gazetteer: Gazetteer | None = None, checker: check.Check | None | bool = False, describe: bool = False
    ):
        """``checker``: the learned check that scores each event and drops those below its threshold; True for
        the repo's model (``check.MODEL_PATH``), False or None (the default) for none: events keep no score. The
        check did not earn its place (docs/loader.md, "A learned check"): with today's rules no threshold keeps
        their recall, so it would drop nothing and its scores rank claims little better than chance."""
        self.gazetteer = gazetteer or default_gazetteer()
        self.finder = ClaimFinder(self.gazetteer)
        self.checker = check.default() if checker is True else checker or None
        # each event's features (``Extraction.features``): for the check, or for training it (``describe``); else
        # not computed (a tenth of the reading time)
        self.describe = describe or self.checker is not None

    def extract(self, text: str, published: date, trace: list[TraceEntry] | None = None) -> Extraction:
        """The article's events; ``trace``: a list to append each reading step's decision to (``explain``)."""
        lowered = lower_keep_offsets(text)
        scanned = self.finder.scan(text, lowered)
        # date phrases are needed only in the sentences with action words (and where one sets the report day)
        phrases, day = find_date_phrases(text, published, lowered, within=scanned.spans())
        reading = self.finder.read(text, lowered, phrases, scanned, trace)
        mention_offsets = [offset for offset, _ in reading.region_mentions]
        article_votes: dict[str, int] = {}
        for _, iso in reading.region_mentions:
            article_votes[iso] = article_votes.get(iso, 0) + 2
        for claim in reading.claims:
            for iso in claim.context_hints:
                article_votes[iso] = article_votes.get(iso, 0) + 1
        result = Extraction([], day)
        claimants = ArticleClaimants()
        chosen: dict[tuple, Event] = {}  # one event per claim, in article order
        described: dict[tuple, dict[str, float]] = {}  # the same events' features
        claim_of: dict[tuple, object] = {}  # and the claims they came from
        sentence_regions: dict[int, _SentenceRegions] = {}  # by the identity of a sentence's list
        for claim in reading.claims:
            when = claim.date or report_day_phrase(day)
            if (published - when.last).days > BACKGROUND_DAYS:
                # "occupied by separatists in 2014": history the article recalls, not its news
                _traced(trace, claim, "drop_dated_long_before", f"dated {when.label}")
                continue
            flags = []
            if when.future:
                result.warnings.append(
                    f"date phrase {when.text!r} resolves to {when.label}, after publication on {published}: "
                    f"claim kept, dated to the report day {day} and flagged"
                )
                flags.append("date-after-publication")
                when = report_day_phrase(day)
            claimant = claimants.of(
                claim.attribution, claim.actor, text[max(0, claim.sentence.start - 3000) : claim.sentence.start]
            )
            # a fragment the speaker rules read ("had", "when it"): no claimant, and not shown as one
            said = claim.attribution if claimant.name or _CAPITAL.search(claim.attribution or "") else None
            before = bisect.bisect_right(mention_offsets, claim.sentence.start) - 1
            region_before = reading.region_mentions[before][1] if before >= 0 else None
            if claim.places:
                regions = sentence_regions.get(id(claim.region_hints))
                if regions is None:
                    regions = sentence_regions[id(claim.region_hints)] = _SentenceRegions(claim.region_hints)
                placements = [
                    places.place_name(
                        self.gazetteer,
                        places.PlaceContext(
                            p.name,
                            list(claim.hints),
                            regions.regions_for(p, claim),
                            claim.context_hints,
                            article_votes,
                            region_before,
                            claim.russia_cue,
                        ),
                    )
                    for p in claim.places
                ]
            elif claim.region:
                placements = [places.place_region(self.gazetteer, claim.region.iso, claim.region.words)]
            elif (claim.area_km2 or claim.settlements) and len({iso for _, iso in claim.region_hints}) == 1:
                # "1,250 square kilometres in Russia's Kursk region": the area stays with its region
                placements = [places.quantity_region(claim.region_hints[0][1])]
            else:
                placements = [places.NOWHERE]
            for k, where in enumerate(placements):
                key = (
                    claim.actor,
                    claim.action,
                    name_key(where.name) if where.name else None,
                    when.label,
                    claim.area_km2,
                    claim.settlements,
                )
                # the same claim twice ("fired missiles ... strikes", or repeated later): keep the first
                # sentence, unless a later one gives the claim its own date phrase
                if key in chosen and (chosen[key].date_phrase or not when.text):
                    _traced(trace, claim, "drop_repeated_claim", where.name or "")
                    continue
                if where.flag and key not in chosen:
                    result.warnings.append(
                        f"place {where.as_written!r} is not in the gazetteer: "
                        + (f"placed at oblast level ({where.oblast_iso})" if where.oblast_iso else "kept unplaced")
                    )
                chosen[key] = Event(
                    actor=claim.actor,
                    action=claim.action,
                    event_date=when.label,
                    date_start=when.first.isoformat(),
                    date_end=when.last.isoformat(),
                    date_precision=when.precision,
                    date_phrase=when.text,
                    place_as_written=where.as_written,
                    place_name=where.name,
                    geonameid=where.geonameid,
                    oblast_iso=where.oblast_iso,
                    latitude=where.latitude,
                    longitude=where.longitude,
                    place_precision=where.precision,
                    area_km2=claim.area_km2,
                    settlements=claim.settlements,
                    attribution=said,
                    confirmed=claim.confirmed,
                    hedged=claim.hedged,
                    claimant=claimant.name,
                    claimant_side=claimant.side if claimant.name else None,
                    claimant_person=claimant.person or None,
                    sentence=claim.sentence.text,
                    sentence_start=claim.sentence.start,
                    sentence_end=claim.sentence.end,
                    flags=",".join(flags + ([where.flag] if where.flag else [])),
                )
                claim_of[key] = claim
                if self.describe:
                    described[key] = check.features(
                        claim, k if claim.places else None, where, when, claimant, text, published, self.gazetteer
                    )
        kept = {id(e) for e in _without_counts_of_named_places(list(chosen.values()), trace)}
        keys = [key for key, event in chosen.items() if id(event) in kept]
        result.events = [chosen[k] for k in keys]
        if self.describe:
            result.features = [described[k] for k in keys]
            check.add_article_features(result.events, result.features, text)
        if self.checker is not None:
            self._check(result, [claim_of[k] for k in keys], trace)
        if not result.events and len(_CYRILLIC.findall(text)) > len(text) * 0.3:
            result.warnings.append("text is mostly Cyrillic; the claim finder reads English, so no claims were found")
        return result

    def _check(self, result: Extraction, claims: list, trace: list[TraceEntry] | None) -> None:
        """Score each event (``Event.score``) and drop those below the check's threshold (``drop_low_score``)."""
        scores = [self.checker.score(f) for f in result.features]
        kept = []
        for i, (event, score) in enumerate(zip(result.events, scores, strict=True)):
            if score >= self.checker.threshold:
                event.score = round(score, SCORE_DIGITS)
                kept.append(i)
            else:
                _traced(trace, claims[i], "drop_low_score", f"{event.place_name or ''} scored {score:.3f}")
        result.events, result.features = [result.events[i] for i in kept], [result.features[i] for i in kept]


def _without_counts_of_named_places(events: list[Event], trace: list[TraceEntry] | None) -> list[Event]:
    """A count of settlements taken whose settlements the article names ("captured two villages" and, in the
    same article, the two villages by name, as GUIDE.md labels it): the named captures are the claim, the count
    is said twice (dropped when the same side's captures name at least as many places)."""
    named: dict[str, set[str]] = {}
    for e in events:
        if e.action == "captured" and e.place_name:
            named.setdefault(e.actor, set()).add(name_key(e.place_name))
    kept = []
    for e in events:
        if (
            e.action == "advanced"
            and e.settlements
            and not e.area_km2
            and not e.place_name
            and len(named.get(e.actor, ())) >= e.settlements
        ):
            if trace is not None:
                trace.append(
                    TraceEntry(
                        Sentence(e.sentence_start, e.sentence_end, e.sentence),
                        -1,
                        "",
                        e.action,
                        "drop_count_of_named_places",
                        False,
                        f"{e.settlements} settlements: the article names {len(named[e.actor])} taken",
                    )
                )
            continue
        kept.append(e)
    return kept


def _traced(trace: list[TraceEntry] | None, claim, step: str, detail: str) -> None:
    """A claim the event step drops, in the trace (said after the sentence steps had kept it)."""
    if trace is not None:
        trace.append(TraceEntry(claim.sentence, claim.trigger_pos, "", claim.action, step, False, detail))
