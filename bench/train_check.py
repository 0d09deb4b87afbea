"""Train the loader's learned check (``dashboard/loader/check.py``) on the dev split, and say what it does.

Reads every dev article (``tests/eval/articles``) as ``bench.quality`` does, takes each event the rules
make with its features (``check.features``), and labels it with ``bench.quality``'s own matching against
``tests/eval/gold_claims.csv``: 1 when it matches a required row, 0 when it matches none (or a
``must_not`` row); an event matching only an optional row is left out. A logistic regression (scikit-learn,
features standardised) is scored by cross-validation grouped by article (no article in both a fold's
training and test part): for each regularisation strength the out-of-fold log loss, then, for the chosen
one, ``bench.quality``'s precision and recall with the events scored below each threshold dropped. The
threshold kept is the highest whose cross-validated recall is the rules' own (the check may only drop
false events); the model fitted on all of dev is written as JSON coefficients (``--out``,
``dashboard/loader/check_model.json`` by default), which the loader reads without scikit-learn.

The sealed split is never read here.

Run: ``python -m bench.train_check [--corpus tests/eval] [--articles N] [--out FILE] [--verify]``;
``--articles N`` trains on the first N dev articles only (a quick run); ``--verify`` retrains and says
whether the stored model is what the dev split gives (exit 1 if not).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss
from sklearn.model_selection import GroupKFold

from bench.quality import CORPUS, Report, _read_articles, _score_article, corpus_hash, place_matches
from dashboard.geo import gazetteer
from dashboard.loader.check import FEATURES, MODEL_PATH
from dashboard.loader.extract import EventExtractor
from dashboard.schema import Event

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)  # inverse regularisation strengths tried
THRESHOLDS = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7)
FOLDS = 5
DIGITS = 6  # the stored coefficients' precision: retraining reproduces them to it


@dataclass
class ArticleEvents:
    """One dev article's events, their features and labels (1, 0, or None for an optional row), and its gold."""

    name: str
    outlet: str
    events: list[Event]
    features: np.ndarray
    labels: list[int | None]
    gold: list[dict]


def collect(corpus: Path = CORPUS, limit: int | None = None) -> list[ArticleEvents]:
    """The dev split's articles (the first ``limit`` by name), each with its events labelled."""
    g = gazetteer()
    extractor = EventExtractor(g)
    with (corpus / "gold_claims.csv").open(encoding="utf-8", newline="") as handle:
        gold_by_file: dict[str, list[dict]] = defaultdict(list)
        for row in csv.DictReader(handle):
            gold_by_file[row["file"]].append(row)
    articles, _ = _read_articles(corpus, Report("", 0))
    out = []
    for name, article in sorted(articles.items())[:limit]:
        extraction = extractor.extract(article.text, article.published)
        rows = gold_by_file.get(name, [])
        labels: list[int | None] = []
        for e in extraction.events:
            kinds = {
                row["required"]
                for row in rows
                if row["actor"] == e.actor and row["action"] == e.action and place_matches(g, e, row)
            }
            labels.append(1 if "yes" in kinds else None if "no" in kinds else 0)
        matrix = np.array([[f[n] for n in FEATURES] for f in extraction.features], dtype=float)
        out.append(ArticleEvents(name, article.outlet, extraction.events, matrix.reshape(-1, len(FEATURES)), labels, rows))
    return out


def _training(data: list[ArticleEvents], indices) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for i in indices:
        for row, label in zip(data[i].features, data[i].labels, strict=True):
            if label is not None:
                xs.append(row)
                ys.append(label)
    return np.array(xs).reshape(-1, len(FEATURES)), np.array(ys)


def fit(x: np.ndarray, y: np.ndarray, c: float) -> dict:
    """A logistic regression on standardised features, as plain numbers (``check.Check`` reads them)."""
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model = LogisticRegression(C=c, max_iter=5000, solver="lbfgs", class_weight="balanced")
    model.fit((x - means) / scales, y)
    return {
        "intercept": round(float(model.intercept_[0]), DIGITS),
        "coefficients": {n: round(float(v), DIGITS) for n, v in zip(FEATURES, model.coef_[0], strict=True)},
        "means": {n: round(float(v), DIGITS) for n, v in zip(FEATURES, means, strict=True)},
        "scales": {n: round(float(v), DIGITS) for n, v in zip(FEATURES, scales, strict=True)},
    }


def predict(model: dict, x: np.ndarray) -> np.ndarray:
    coef = np.array([model["coefficients"][n] for n in FEATURES])
    means = np.array([model["means"][n] for n in FEATURES])
    scales = np.array([model["scales"][n] or 1.0 for n in FEATURES])
    return 1.0 / (1.0 + np.exp(-(model["intercept"] + ((x - means) / scales) @ coef)))


def out_of_fold(data: list[ArticleEvents], c: float, folds: int = FOLDS) -> list[np.ndarray]:
    """Each article's events scored by a model trained on the folds without it (folds grouped by article)."""
    scores = [np.zeros(len(a.events)) for a in data]
    groups = np.arange(len(data))
    for train, test in GroupKFold(n_splits=min(folds, len(data))).split(groups, groups=groups):
        x, y = _training(data, train)
        if len(set(y)) < 2:
            for i in test:
                scores[i][:] = 1.0
            continue
        model = fit(x, y, c)
        for i in test:
            if len(data[i].events):
                scores[i] = predict(model, data[i].features)
    return scores


def score_at(data: list[ArticleEvents], scores: list[np.ndarray], threshold: float) -> Report:
    """``bench.quality``'s report with the events scored below ``threshold`` dropped."""
    g = gazetteer()
    report = Report("", len(data))
    for a, s in zip(data, scores, strict=True):
        kept = [e for e, v in zip(a.events, s, strict=True) if v >= threshold]
        _score_article(g, a.name, a.outlet, kept, a.gold, report)
    return report


def choose_threshold(table: list[tuple[float, Report]]) -> float:
    """The highest threshold whose cross-validated recall is the rules' own (threshold 0)."""
    base = table[0][1].overall.recall
    return max(t for t, r in table if r.overall.recall >= base - 1e-12)


def train(corpus: Path = CORPUS, limit: int | None = None, log=print) -> dict:
    """Cross-validate on dev, pick C and the threshold, fit on all of dev: the model as stored."""
    data = collect(corpus, limit)
    x, y = _training(data, range(len(data)))
    log(f"dev: {len(data)} articles, {len(y)} labelled events ({int(y.sum())} right, {int(len(y) - y.sum())} false)")
    losses = {}
    for c in C_GRID:
        scores = out_of_fold(data, c)
        xs = [v for a, s in zip(data, scores, strict=True) for v, lab in zip(s, a.labels, strict=True) if lab is not None]
        losses[c] = log_loss(y, np.clip(xs, 1e-9, 1 - 1e-9), labels=[0, 1])
        log(f"  C={c:<5} out-of-fold log loss {losses[c]:.4f}")
    c = min(C_GRID, key=lambda k: (round(losses[k], 6), k))
    scores = out_of_fold(data, c)
    table = [(t, score_at(data, scores, t)) for t in THRESHOLDS]
    log(f"C={c}: cross-validated (grouped by article) bench.quality figures by threshold")
    log(f"  {'threshold':>9} {'P':>6} {'R':>6} {'F1':>6} {'found':>6} {'false':>6}")
    for t, r in table:
        o = r.overall
        log(f"  {t:9.2f} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} {o.found:6} {o.false:6}")
    threshold = choose_threshold(table)
    log(f"threshold {threshold} (the highest keeping the rules' cross-validated recall)")
    model = fit(x, y, c)
    model.update(
        {
            "threshold": threshold,
            "C": c,
            "trained_on": {
                "split": "dev",
                "corpus_sha256": corpus_hash(corpus),
                "articles": len(data),
                "events": len(y),
                "right": int(y.sum()),
            },
            "cross_validated": [
                {"threshold": t, "precision": round(r.overall.precision, 4), "recall": round(r.overall.recall, 4)}
                for t, r in table
            ],
        }
    )
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the evaluation folder (its dev split is read)")
    parser.add_argument("--articles", type=int, help="train on the first N dev articles only")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help=f"where to write the model (default {MODEL_PATH})")
    parser.add_argument("--verify", action="store_true", help="retrain and compare with --out instead of writing it")
    args = parser.parse_args(argv)
    if args.articles is not None and args.articles < 2:
        print(f"bench.train_check: --articles {args.articles}: at least 2 articles are needed", file=sys.stderr)
        return 2
    model = train(args.corpus, args.articles)
    if args.verify:
        stored = json.loads(args.out.read_text(encoding="utf-8"))
        same = same_model(stored, model)
        print(f"{args.out}: {'reproduced' if same else 'NOT what the dev split gives: retrain'}")
        return 0 if same else 1
    args.out.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


def same_model(a: dict, b: dict, tolerance: float = 1e-5) -> bool:
    """Whether two stored models are the same (numbers to ``tolerance``)."""
    if a.keys() != b.keys():
        return False
    for key in a:
        x, y = a[key], b[key]
        if isinstance(x, dict) and all(isinstance(v, float | int) for v in x.values()):
            if x.keys() != y.keys() or any(abs(x[k] - y[k]) > tolerance for k in x):
                return False
        elif isinstance(x, float):
            if abs(x - y) > tolerance:
                return False
        elif x != y:
            return False
    return True


if __name__ == "__main__":
    sys.exit(main())
