"""A learned check on the rules' claims: the features of each candidate event and the score a small model gives it.

``features`` describes one event as the claim steps made it (its action word and that word's lexicon group,
the tokens between the action word and the place, what stands just before the place, whether the claim is
hedged or attributed, which side said it, where in the article the sentence is, how the place resolved);
``Check`` reads a logistic regression's coefficients from ``check_model.json`` (written by
``python -m bench.train_check`` from the dev split only; no scikit-learn at run time) and scores an event's
features: the model's probability that the claim is one the gold would list. Pure functions, no I/O but
the one read of the model file.
"""

from __future__ import annotations

import functools
import json
import math
import re
from datetime import date
from pathlib import Path

from wordfreq import zipf_frequency

from dashboard.loader import lexicon
from dashboard.loader.lexicon import alternation

MODEL_PATH = Path(__file__).with_name("check_model.json")
ACTIONS = ("captured", "struck", "advanced", "repelled", "withdrew")
GROUPS = ("lost", "failed_attack")  # lexicon groups read as another action (the rules swap the actor)
PRECISIONS = ("point", "oblast", "none")
# Words just before a place: what the preposition says about it ("near X", "10 km from X", "toward X")
BEFORE_PLACE = {
    "near": r"\b(?:near|around|outside|close\s+to)\s+$",
    "in": r"\b(?:in|at|into|inside)\s+(?:the\s+(?:town|city|village|settlement)\s+of\s+)?$",
    "toward": rf"\b{alternation(lexicon.DIRECTION_BEFORE)}\s+$",
    "from": r"\b(?:from|of)\s+$",
    "distance": r"\d[\d.,]*\s*(?:km|kilomet(?:er|re)s?|miles?|mi)\b[^.;]{0,30}$",
}
_BEFORE = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in BEFORE_PLACE.items()}
_CLAUSE = re.compile(r"\b(?:which|that|where|who|while|after|before|as|when|since|because|but)\b|[,;:()—–]")
_WEAPON = re.compile(r"(?:missiles?|(?:guided\s+|glide\s+|aerial\s+|cluster\s+)?bombs?|rockets?|drones?|artillery)$")
_QUOTE = re.compile(alternation(lexicon.QUOTE_MARKS))
_LIST_ITEM = re.compile(alternation(lexicon.LIST_ITEM_MARKS))
_TOKEN = re.compile(r"\w+")
_BEHIND, _AHEAD = 40, 400  # characters around an action word its pattern may look at (look-behinds, -aheads)
_BETWEEN_REACH = 3000  # characters from the action word to its place read (a place further is far whatever it is)
_MENTION_REACH = 20_000  # characters either side of a sentence searched for its place's other mentions
_TRIGGER = None  # claims.TRIGGER, imported when first needed (claims imports nothing of this module)

FEATURES = (
    *(f"action_{a}" for a in ACTIONS),
    *(f"group_{g}" for g in GROUPS),
    "actor_ru",
    "trigger_weapon",
    "trigger_ing",
    "trigger_words",
    "has_place",
    "places",
    "place_before_trigger",
    "tokens_to_place",
    "clause_break_between",
    *(f"before_{name}" for name in BEFORE_PLACE),
    "place_opens_sentence",
    "quantity",
    "region_claim",
    *(f"precision_{p}" for p in PRECISIONS),
    "not_in_gazetteer",
    "place_common_word",
    "place_is_oblast_name",
    "place_population",
    "hedged",
    "unconfirmed",
    "attributed",
    "claimant_same_side",
    "claimant_other_side",
    "claimant_neutral",
    "quoted",
    "list_item",
    "sentence_position",
    "sentence_tokens",
    "dated",
    "days_before_publication",
    "month_or_range",
    # of the article: how many events it gives, how often it names the place, the sentence's other events
    "article_events",
    "place_mentions",
    "sentence_events",
    "place_other_actions",
)
ARTICLE_FEATURES = FEATURES[-4:]  # set by ``add_article_features`` once all the article's events are read


def _trigger_group(sentence: str, pos: int) -> tuple[str, str]:
    """The lexicon group of the action word at ``pos`` (``captured`` ... ``lost``, ``failed_attack``) and its words;
    read in a window around it (a scraper's megabyte-long "sentence" is not lower-cased once per claim)."""
    global _TRIGGER
    if _TRIGGER is None:
        from dashboard.loader.claims import TRIGGER

        _TRIGGER = TRIGGER
    if pos < 0:
        return "", ""
    start = max(0, pos - _BEHIND)
    m = _TRIGGER.match(sentence[start : pos + _AHEAD].lower(), pos - start)
    return (m.lastgroup, m.group(0)) if m else ("", "")


@functools.lru_cache(maxsize=64)
def _sentence(text: str) -> tuple[bool, bool, float]:
    """(quoted, a list item, its length in tokens, scaled) of a sentence: read once, however many claims it has."""
    return (
        bool(_QUOTE.search(text)),
        bool(_LIST_ITEM.match(text)),
        math.log1p(len(_TOKEN.findall(text))) / 5,
    )


def features(claim, k: int | None, where, when, claimant, text: str, published: date, g) -> dict[str, float]:
    """One candidate event's features: ``claim`` (claims.Claim), ``k`` the index of its place in ``claim.places``
    (None for a region, an area or a count), ``where`` its placement (places.Placement), ``when`` its date phrase,
    ``claimant`` (claimants.Claimant), ``text`` the article, ``published`` its date, ``g`` the gazetteer."""
    s = claim.sentence
    sentence = s.text
    group, words = _trigger_group(sentence, claim.trigger_pos)
    f = dict.fromkeys(FEATURES, 0.0)
    f[f"action_{claim.action}"] = 1.0
    if group in GROUPS:
        f[f"group_{group}"] = 1.0
    f["actor_ru"] = float(claim.actor == "RU")
    f["trigger_weapon"] = float(bool(_WEAPON.search(words)))
    f["trigger_ing"] = float(words.endswith("ing"))
    f["trigger_words"] = min(len(words.split()), 4) / 4
    f["places"] = min(len(claim.places), 5) / 5
    if k is not None:
        at = claim.places[k].start - s.start
        f["has_place"] = 1.0
        lo, hi = sorted((max(claim.trigger_pos, 0), at))
        between = sentence[lo : min(hi, lo + _BETWEEN_REACH)]
        f["place_before_trigger"] = float(at < claim.trigger_pos)
        f["tokens_to_place"] = math.log1p(len(_TOKEN.findall(between))) / 3
        f["clause_break_between"] = float(bool(_CLAUSE.search(between)))
        before = sentence[max(0, at - 40) : at]
        for name, pattern in _BEFORE.items():
            f[f"before_{name}"] = float(bool(pattern.search(before)))
        f["place_opens_sentence"] = float(at <= 60 and len(_TOKEN.findall(sentence[:at])) <= 1)
    f["quantity"] = float(bool(claim.area_km2 or claim.settlements))
    f["region_claim"] = float(k is None and claim.region is not None)
    f[f"precision_{where.precision}"] = 1.0
    f["not_in_gazetteer"] = float(where.flag == "not-in-gazetteer")
    if where.as_written:
        f["place_common_word"] = zipf_frequency(where.as_written.lower(), "en") / 8
        f["place_is_oblast_name"] = float(g.oblast_by_name(where.as_written) is not None)
    place = g.place_by_id(where.geonameid) if where.geonameid is not None else None
    f["place_population"] = math.log1p(place.population) / 16 if place else 0.0
    f["hedged"] = float(claim.hedged)
    f["unconfirmed"] = float(claim.confirmed == "no")
    f["attributed"] = float(bool(claim.attribution))
    side = claimant.side if claimant.name else None
    f["claimant_same_side"] = float(side == claim.actor)
    f["claimant_other_side"] = float(side in ("UA", "RU") and side != claim.actor)
    f["claimant_neutral"] = float(side == "")
    quoted, list_item, tokens = _sentence(sentence)
    f["quoted"] = float(quoted)
    f["list_item"] = float(list_item)
    f["sentence_position"] = s.start / max(len(text), 1)
    f["sentence_tokens"] = tokens
    f["dated"] = float(bool(when.text))
    f["days_before_publication"] = math.log1p(max((published - when.last).days, 0)) / 6
    f["month_or_range"] = float(when.precision != "day")
    return f


def add_article_features(events, described: list[dict[str, float]], text: str) -> None:
    """Fill in each event's ``ARTICLE_FEATURES`` (``events`` and ``described`` in the same order)."""
    by_sentence: dict[int, int] = {}
    actions: dict[str, set[str]] = {}
    for e in events:
        by_sentence[e.sentence_start] = by_sentence.get(e.sentence_start, 0) + 1
        if e.place_name:
            actions.setdefault(e.place_name, set()).add(e.action)
    for e, f in zip(events, described, strict=True):
        f["article_events"] = math.log1p(len(events)) / 4
        written = e.place_as_written or ""
        near = text[max(0, e.sentence_start - _MENTION_REACH) : e.sentence_end + _MENTION_REACH]
        f["place_mentions"] = math.log1p(near.count(written)) / 3 if written else 0.0
        f["sentence_events"] = min(by_sentence[e.sentence_start] - 1, 5) / 5
        f["place_other_actions"] = float(len(actions.get(e.place_name, ())) > 1) if e.place_name else 0.0


class Check:
    """A model over ``FEATURES`` read from a JSON file (``MODEL_PATH``): a logistic regression (``"kind":
    "logistic"``: intercept, coefficients, the features' means and scales) or gradient-boosted trees (``"kind":
    "trees"``: the prior's log-odds, a learning rate, each tree's nodes). ``score`` of an event's features is the
    probability the claim is right; ``threshold`` is the score below which the loader would drop it."""

    def __init__(self, path: Path = MODEL_PATH, model: dict | None = None):
        """The model in the JSON file ``path``, or ``model`` already read (the training script's)."""
        try:
            if model is None:
                model = json.loads(Path(path).read_text(encoding="utf-8"))
            self.kind = model["kind"]
            self.threshold = float(model["threshold"])
            if self.kind == "logistic":
                self.intercept = float(model["intercept"])
                self.coefficients = [float(model["coefficients"][n]) for n in FEATURES]
                self.means = [float(model["means"][n]) for n in FEATURES]
                self.scales = [float(model["scales"][n]) or 1.0 for n in FEATURES]
            elif self.kind == "trees":
                self.intercept = float(model["prior_log_odds"])
                self.rate = float(model["learning_rate"])
                self.trees = [_tree(t) for t in model["trees"]]
            else:
                raise ValueError(f"unknown kind {self.kind!r} (logistic or trees)")
        except (OSError, ValueError, KeyError, TypeError, IndexError) as error:
            raise ValueError(f"{path}: not a check model ({type(error).__name__}: {error})") from error
        self.path = Path(path)

    def score(self, f: dict[str, float]) -> float:
        x = [f[n] for n in FEATURES]
        if self.kind == "logistic":
            z = self.intercept + sum(
                c * (v - m) / s for c, v, m, s in zip(self.coefficients, x, self.means, self.scales, strict=True)
            )
        else:
            z = self.intercept + self.rate * sum(_leaf(tree, x) for tree in self.trees)
        return 1.0 / (1.0 + math.exp(-z))


@functools.cache
def default() -> Check:
    """The repo's model (``MODEL_PATH``), read once per process."""
    return Check(MODEL_PATH)


def _tree(nodes: dict) -> tuple:
    """A tree's nodes as parallel lists: feature index (-1 at a leaf), threshold, left child, right child, value."""
    index = {n: i for i, n in enumerate(FEATURES)}
    features = [index[n] if n else -1 for n in nodes["feature"]]
    return features, nodes["threshold"], nodes["left"], nodes["right"], nodes["value"]


def _leaf(tree: tuple, x: list[float]) -> float:
    features, thresholds, left, right, values = tree
    node = 0
    while features[node] >= 0:
        node = left[node] if x[features[node]] <= thresholds[node] else right[node]
    return values[node]
