"""Train the loader's learned check (``dashboard/loader/check.py``) on the dev split, and say what it does.

Reads every dev article (``tests/eval/articles``) as ``bench.quality`` does, takes each event the rules
make with its features (``check.features``), and labels it with ``bench.quality``'s own matching against
``tests/eval/gold_claims.csv``: 1 when it matches a required row, 0 when it matches none (or a
``must_not`` row); an event matching only an optional row is left out.

Candidates (scikit-learn): logistic regressions (features standardised) at several regularisation
strengths and small gradient-boosted tree ensembles. Each is scored by cross-validation grouped by article
(no article in both a fold's training and test part) on how well its out-of-fold scores rank right events
above false ones (ROC AUC); the best is then scored with ``bench.quality``'s own precision and recall, the
events scored below each threshold dropped. The threshold kept is the highest whose cross-validated
recall is still the rules' own (the check may drop false events only). The chosen model fitted on all of
dev is written as JSON (``--out``, ``dashboard/loader/check_model.json`` by default: coefficients, or each
tree's nodes), which the loader reads without scikit-learn.

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
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import GroupKFold

from bench.quality import CORPUS, Report, _read_articles, _score_article, corpus_hash, place_matches
from dashboard.geo import gazetteer
from dashboard.loader.check import FEATURES, MODEL_PATH, Check
from dashboard.loader.extract import EventExtractor
from dashboard.schema import Event

# the candidates: (kind, parameters); the simpler first (a tie in AUC goes to it)
CANDIDATES = (
    *(("logistic", {"C": c}) for c in (0.01, 0.03, 0.1, 0.3, 1.0)),
    *(("trees", {"max_depth": d, "n_estimators": n, "learning_rate": 0.05}) for d in (2, 3) for n in (50, 100, 200)),
)
THRESHOLDS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)  # reported besides the chosen one
FOLDS = 5
DIGITS = 6  # the stored numbers' precision: retraining reproduces them to it


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
    extractor = EventExtractor(g, checker=False, describe=True)  # the rules' events, every one, with features
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
        out.append(
            ArticleEvents(name, article.outlet, extraction.events, matrix.reshape(-1, len(FEATURES)), labels, rows)
        )
    return out


def _training(data: list[ArticleEvents], indices) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = [], []
    for i in indices:
        for row, label in zip(data[i].features, data[i].labels, strict=True):
            if label is not None:
                xs.append(row)
                ys.append(label)
    return np.array(xs).reshape(-1, len(FEATURES)), np.array(ys, dtype=int)


def _numbers(values) -> list[float]:
    return [round(float(v), DIGITS) for v in values]


def fit(kind: str, params: dict, x: np.ndarray, y: np.ndarray) -> dict:
    """One candidate fitted, as the plain numbers ``check.Check`` reads."""
    if kind == "logistic":
        means, scales = x.mean(axis=0), x.std(axis=0)
        scales[scales == 0] = 1.0
        model = LogisticRegression(C=params["C"], max_iter=5000, class_weight="balanced")
        model.fit((x - means) / scales, y)
        return {
            "kind": kind,
            "intercept": round(float(model.intercept_[0]), DIGITS),
            "coefficients": dict(zip(FEATURES, _numbers(model.coef_[0]), strict=True)),
            "means": dict(zip(FEATURES, _numbers(means), strict=True)),
            "scales": dict(zip(FEATURES, _numbers(scales), strict=True)),
        }
    model = GradientBoostingClassifier(subsample=0.8, min_samples_leaf=5, random_state=0, **params)
    model.fit(x, y)
    prior = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    trees = []
    for (estimator,) in model.estimators_:
        t = estimator.tree_
        trees.append(
            {
                "feature": [FEATURES[f] if f >= 0 else "" for f in t.feature],
                "threshold": _numbers(t.threshold),
                "left": [int(n) for n in t.children_left],
                "right": [int(n) for n in t.children_right],
                "value": _numbers(t.value[:, 0, 0]),
            }
        )
    stored = {
        "kind": kind,
        "prior_log_odds": round(float(np.log(prior / (1 - prior))), DIGITS),
        "learning_rate": params["learning_rate"],
        "trees": trees,
    }
    # the stored trees give scikit-learn's own probabilities (to the rounding)
    assert np.allclose(predict({**stored, "threshold": 0}, x[:50]), model.predict_proba(x[:50])[:, 1], atol=1e-4)
    return stored


def predict(model: dict, x: np.ndarray) -> np.ndarray:
    """The stored model's scores of feature rows, read as the loader reads them (``check.Check``)."""
    check = Check(model={"threshold": 0, **model})
    return np.array([check.score(dict(zip(FEATURES, row, strict=True))) for row in x])


def out_of_fold(data: list[ArticleEvents], kind: str, params: dict, folds: int = FOLDS) -> list[np.ndarray]:
    """Each article's events scored by a model trained on the folds without it (folds grouped by article)."""
    scores = [np.ones(len(a.events)) for a in data]
    groups = np.arange(len(data))
    for train, test in GroupKFold(n_splits=min(folds, len(data))).split(groups, groups=groups):
        x, y = _training(data, train)
        if len(set(y)) < 2:
            continue  # a fold without both kinds of event: its test articles keep every event
        model = fit(kind, params, x, y)
        for i in test:
            if len(data[i].events):
                scores[i] = predict(model, data[i].features)
    return scores


def _auc(data: list[ArticleEvents], scores: list[np.ndarray]) -> float:
    pairs = [(v, lab) for a, s in zip(data, scores, strict=True) for v, lab in zip(s, a.labels, strict=True)]
    labels = [lab for _, lab in pairs if lab is not None]
    if len(set(labels)) < 2:
        return 0.5
    return float(roc_auc_score(labels, [v for v, lab in pairs if lab is not None]))


def score_at(data: list[ArticleEvents], scores: list[np.ndarray], threshold: float) -> Report:
    """``bench.quality``'s report with the events scored below ``threshold`` dropped."""
    g = gazetteer()
    report = Report("", len(data))
    for a, s in zip(data, scores, strict=True):
        kept = [e for e, v in zip(a.events, s, strict=True) if v >= threshold]
        _score_article(g, a.name, a.outlet, kept, a.gold, report)
    return report


def safe_threshold(data: list[ArticleEvents], scores: list[np.ndarray]) -> float:
    """The highest threshold whose cross-validated recall is the rules' own: below it the check drops only
    events no required gold row is found by (0.0 when the lowest-scored event is already needed)."""
    base = score_at(data, scores, 0.0).overall.found
    values = sorted({float(v) for s in scores for v in s})
    chosen = 0.0
    for low, high in zip(values, values[1:], strict=False):
        if score_at(data, scores, high).overall.found < base:
            break
        chosen = round((low + high) / 2, DIGITS)  # between the last event dropped and the next kept
    return chosen


def _line(label: str, r: Report) -> str:
    o = r.overall
    return f"  {label:>9} {o.precision:6.3f} {o.recall:6.3f} {o.f1:6.3f} {o.found:6} {o.false:6}"


def train(corpus: Path = CORPUS, limit: int | None = None, log=print) -> dict:
    """Cross-validate the candidates on dev, choose one and its threshold, fit it on all of dev."""
    data = collect(corpus, limit)
    x, y = _training(data, range(len(data)))
    log(f"dev: {len(data)} articles, {len(y)} labelled events ({int(y.sum())} right, {int(len(y) - y.sum())} false)")
    log("cross-validated (5 folds grouped by article) ROC AUC of each candidate:")
    aucs = []
    for kind, params in CANDIDATES:
        aucs.append(_auc(data, out_of_fold(data, kind, params)))
        log(f"  {kind:9} {json.dumps(params):60} {aucs[-1]:.3f}")
    best = max(range(len(CANDIDATES)), key=lambda i: (round(aucs[i], 3), -i))
    kind, params = CANDIDATES[best]
    scores = out_of_fold(data, kind, params)
    threshold = safe_threshold(data, scores)
    table = [(0.0, score_at(data, scores, 0.0)), (threshold, score_at(data, scores, threshold))]
    table += [(t, score_at(data, scores, t)) for t in THRESHOLDS]
    log(
        f"chosen: {kind} {json.dumps(params)}; bench.quality figures, cross-validated, events below a threshold dropped"
    )
    log(f"  {'threshold':>9} {'P':>6} {'R':>6} {'F1':>6} {'found':>6} {'false':>6}")
    for i, (t, r) in enumerate(table):
        log(_line("rules" if i == 0 else f"{t:.4f}" + ("*" if i == 1 else ""), r))
    log(f"* the threshold kept: the highest with the rules' own cross-validated recall ({threshold})")
    model = fit(kind, params, x, y)
    model.update(
        {
            "threshold": threshold,
            "params": params,
            "trained_on": {
                "split": "dev",
                "corpus_sha256": corpus_hash(corpus) if limit is None else f"first {limit} dev articles",
                "articles": len(data),
                "events": len(y),
                "right": int(y.sum()),
            },
            "cross_validated": {
                "auc": round(aucs[best], 4),
                "by_threshold": [
                    {
                        "threshold": t,
                        "precision": round(r.overall.precision, 4),
                        "recall": round(r.overall.recall, 4),
                        "false": r.overall.false,
                    }
                    for t, r in table
                ],
            },
        }
    )
    return model


def same_model(a, b, tolerance: float = 1e-5) -> bool:
    """Whether two stored models are the same (every number to ``tolerance``)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same_model(a[k], b[k], tolerance) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same_model(u, v, tolerance) for u, v in zip(a, b, strict=True))
    if isinstance(a, float | int) and isinstance(b, float | int) and not isinstance(a, bool):
        return abs(a - b) <= tolerance
    return a == b


def dumps(model: dict) -> str:
    """The model as JSON, a line a key (and a line a tree): small, and a retrained model's diff readable."""

    def compact(value) -> str:
        return json.dumps(value, separators=(",", ":"))

    lines = []
    for key, value in model.items():
        if key == "trees":
            lines.append('"trees": [\n  ' + ",\n  ".join(compact(t) for t in value) + "\n ]")
        else:
            lines.append(f"{json.dumps(key)}: {compact(value)}")
    return "{\n " + ",\n ".join(lines) + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the evaluation folder (its dev split is read)")
    parser.add_argument("--articles", type=int, help="train on the first N dev articles only")
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help=f"where to write the model (default {MODEL_PATH})")
    parser.add_argument("--verify", action="store_true", help="retrain and compare with --out instead of writing it")
    args = parser.parse_args(argv)
    if args.articles is not None and args.articles < FOLDS:
        print(f"bench.train_check: --articles {args.articles}: at least {FOLDS} articles are needed", file=sys.stderr)
        return 2
    if not (args.corpus / "gold_claims.csv").is_file():
        print(f"bench.train_check: {args.corpus}: no gold_claims.csv (the dev split's gold)", file=sys.stderr)
        return 2
    model = train(args.corpus, args.articles)
    if args.verify:
        stored = json.loads(args.out.read_text(encoding="utf-8"))
        same = same_model(stored, model)
        print(f"{args.out}: {'reproduced' if same else 'NOT what the dev split gives: retrain'}")
        return 0 if same else 1
    args.out.write_text(dumps(model), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
