"""A claim an editor adds from a sentence of an article: form values -> an ``Event``, checked. No Flask, no I/O.

``sentences(text, used)`` is the article as the loader reads it (its sentence
spans, ``dashboard.loader.sentences``), each marked when the loader took a
claim from it. ``added_claim(article, form)`` builds the event of the claim
an editor adds on one of those sentences, or the problems, each naming the
field (the page answers them with 400).

The numbers' and dates' bounds are the schema's one validator
(``dashboard.schema.event_problems``, which the store applies to every event
it writes); ``check_event`` adds what only an editor's claim needs: a value of
the vocabulary for each choice, a date not after the article's publication,
and a place, an oblast, an area or a count.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.geo import gazetteer
from dashboard.loader.claimants import identify
from dashboard.review.corrections import _number, parse_date, place_fields
from dashboard.schema import ACTIONS, ACTORS, CONFIRMED_VALUES, DATE_PRECISIONS, PLACE_PRECISIONS, Event, event_problems

MAX_TEXT = 300  # claimant and place as written
ADDED_FIELDS = (
    "span",
    "actor",
    "claim_action",
    "place",
    "oblast",
    "date",
    "area_km2",
    "settlements",
    "attribution",
    "confirmed",
)


def claimant_fields(attribution: str | None) -> dict:
    """The canonical claimant, its side and the person an attribution an editor wrote names (the loader's claimants
    lexicon, as ``dashboard.loader.extract`` stores them)."""
    claimant = identify(attribution)
    return {
        "claimant": claimant.name,
        "claimant_side": claimant.side if claimant.name else None,
        "claimant_person": claimant.person or None,
    }


@dataclass
class ArticleSentence:
    start: int
    end: int
    text: str
    used: bool  # the loader took at least one claim from it
    paragraph: int  # sentences after a blank line start a new paragraph


def sentences(text: str, used_spans: set[tuple[int, int]]) -> list[ArticleSentence]:
    """The article's sentences (the loader's spans), each with whether the loader used it and its paragraph."""
    from dashboard.loader.sentences import split

    out, paragraph, previous_end = [], 0, 0
    for sentence in split(text):
        if "\n" in text[previous_end : sentence.start] and out:
            paragraph += 1
        out.append(
            ArticleSentence(
                sentence.start, sentence.end, sentence.text, (sentence.start, sentence.end) in used_spans, paragraph
            )
        )
        previous_end = sentence.end
    return out


def check_event(event: Event, published: str) -> list[str]:
    """The problems of an event against the schema and its bounds (empty: it may be stored)."""
    problems = []
    if event.actor not in ACTORS:
        problems.append(f"actor: {event.actor!r} is not one of {', '.join(ACTORS)}")
    if event.action not in ACTIONS:
        problems.append(f"action: {event.action!r} is not one of {', '.join(ACTIONS)}")
    if event.confirmed not in CONFIRMED_VALUES:
        problems.append(f"confirmed: {event.confirmed!r} is not one of {', '.join(CONFIRMED_VALUES)}")
    if event.date_precision not in DATE_PRECISIONS or event.place_precision not in PLACE_PRECISIONS:
        problems.append("date or place precision outside the schema")
    problems += event_problems(event)
    if event.date_end and published and event.date_end > published[:10]:
        problems.append(f"date: {event.event_date} ends after the article's publication ({published[:10]})")
    if event.place_precision == "none" and event.area_km2 is None and event.settlements is None:
        problems.append("place: a claim needs a place, an oblast, an area or a number of settlements")
    if event.attribution is not None and len(event.attribution) > MAX_TEXT:
        problems.append(f"attribution: longer than {MAX_TEXT} characters")
    if event.place_as_written is not None and len(event.place_as_written) > MAX_TEXT:
        problems.append(f"place: longer than {MAX_TEXT} characters")
    return problems


def _span(value: str, spans: dict[tuple[int, int], str]) -> tuple[tuple[int, int] | None, str | None]:
    try:
        start, end = (int(part) for part in value.strip().split("-", 1))
    except ValueError:
        return (
            None,
            "sentence: pick a sentence of the article (none was chosen)"
            if not value.strip()
            else f"sentence: {value[:40]!r} is not a sentence's start-end offsets",
        )
    if (start, end) not in spans:
        return None, f"sentence: {start}-{end} is not a sentence of this article"
    return (start, end), None


def added_claim(text: str, published: str, report_day: str, form) -> tuple[Event | None, list[str]]:
    """The event an editor adds from the form (``ADDED_FIELDS``; the action is ``claim_action``, since the
    pasted article's buttons are ``action``) on a sentence of ``text``, or the problems. The date defaults to
    the article's report day."""
    values = {name: str(form.get(name, "") or "").strip() for name in ADDED_FIELDS}
    problems: list[str] = []
    spans = {(s.start, s.end): s.text for s in sentences(text, set())}
    span, problem = _span(values["span"], spans)
    problems += [problem] if problem else []
    date_fields, problem = parse_date(values["date"] or report_day)
    problems += [problem] if problem else []
    place, problem = place_fields(values["place"][:MAX_TEXT], values["oblast"])
    problems += [problem] if problem else []
    area, problem = _number(values["area_km2"], "area_km2", float)
    problems += [problem] if problem else []
    settlements, problem = _number(values["settlements"], "settlements", int)
    problems += [problem] if problem else []
    if problems:
        return None, problems
    event = Event(
        actor=values["actor"],
        action=values["claim_action"],
        **date_fields,
        date_phrase="" if date_fields["date_start"] == report_day == date_fields["date_end"] else "editor",
        place_as_written=values["place"] or None,
        area_km2=area,
        settlements=settlements,
        attribution=values["attribution"][: MAX_TEXT + 1] or None,
        confirmed=values["confirmed"] or "unknown",
        hedged=False,
        sentence=spans[span],
        sentence_start=span[0],
        sentence_end=span[1],
        flags="",
        **claimant_fields(values["attribution"][: MAX_TEXT + 1] or None),
        **{
            name: place[name]
            for name in ("place_name", "geonameid", "oblast_iso", "latitude", "longitude", "place_precision")
        },
    )
    if event.place_precision == "oblast":
        event.place_name = gazetteer().oblast_name(event.oblast_iso)
    problems = check_event(event, published)
    return (None, problems) if problems else (event, [])
