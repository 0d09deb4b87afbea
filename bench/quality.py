"""Extraction quality on the labelled corpus of real reporting (``tests/eval/``).

Reads every article of ``tests/eval/articles`` the way the loader does
(``dashboard.loader.read``: HTML pages through the main-text extractor,
dates from the manifest), extracts its events, and scores them against
``tests/eval/gold_claims.csv`` (``tests/eval/README.md`` says how it was
labelled and how an event matches a gold row):

- precision, recall and F1 over (article, actor, action, place);
- over matched claims: dates exact, oblast correct, areas and settlement counts equal;
- ``must_not`` hits (each also a false event);
- the canonical claimant of matched claims (the gold's ``attribution`` read by the loader's claimants lexicon);
- all of it by outlet and by action, then every miss and every false event.

Two splits (``tests/eval/GUIDE.md``): **dev** (``tests/eval/articles`` and
``tests/eval/gold_claims.csv``), what rules are written from, and **sealed**
(``tests/eval/sealed/articles/`` with its ``manifest.csv`` there or in
``sealed/``, and ``sealed/gold_claims.csv``), labelled by people who never saw
the loader. ``--split sealed`` prints totals only (overall, by action, by
outlet kind), never a claim or an article; ``--split dev`` the full report.
The default prints the dev report and, when the sealed split exists, both
splits' totals side by side: the gap is how much the rules fit what they saw.

Run: ``python -m bench.quality [--split dev|sealed] [--corpus tests/eval] [--quiet]``; ``--desk DB``
scores the stored extraction against the editors' decisions in a database instead (``bench.desk_quality``);
``--record`` writes each split's figures and hash to ``baseline.json``, the
floors ``tests/test_quality.py`` holds CI to.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import math
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from dashboard.geo import Gazetteer, gazetteer, name_key
from dashboard.loader.claimants import ArticleClaimants
from dashboard.loader.extract import EventExtractor
from dashboard.loader.read import MANIFEST, Article, ArticleProblem, ReadWarning, load_manifest, read_file, read_path
from dashboard.schema import Event
from geodata.names import consonant_skeleton, spelling_variants

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "eval"
FIGURES = ("precision", "recall", "f1", "date_exact", "oblast_correct", "claimant_correct")
_REGION_SUFFIXES = (" oblast", " region", " province")
SPLITS = ("dev", "sealed")
SEALED = "sealed"  # the sealed split's folder inside the corpus
# An outlet's kind, when the manifest has no ``kind`` column: the first group with a name in the outlet.
OUTLET_KINDS = (
    (
        "Ukrainian media",
        (
            "Kyiv Independent",
            "Ukrainska Pravda",
            "Ukrinform",
            "Euromaidan",
            "LB.ua",
            "LIGA",
            "Censor",
            "Babel",
            "Suspilne",
            "Hromadske",
            "UNIAN",
            "Kyiv Post",
            "NV",
            "RBC-Ukraine",
            "Ukrainian",
        ),
    ),
    (
        "Russian state media or wires quoting it",
        ("TASS", "RIA", "RT", "Sputnik", "Russia Today", "Izvestia", "Zvezda", "Rossiyskaya", "Interfax", "Pravda.ru"),
    ),
    ("Russian independent media", ("Moscow Times", "Meduza", "Novaya Gazeta", "Mediazona", "Agentstvo")),
)


def split_root(corpus: Path, split: str) -> Path:
    """The folder of a split: the corpus itself for dev, its ``sealed`` folder for sealed."""
    return corpus / SEALED if split == "sealed" else corpus


def _manifest_path(root: Path) -> Path | None:
    for path in (root / "articles" / MANIFEST, root / MANIFEST):
        if path.is_file():
            return path
    return None


def outlet_kind(outlet: str, row: dict | None = None) -> str:
    """The kind of an outlet: the manifest's ``kind`` column, else by its name (``OUTLET_KINDS``)."""
    if row and (row.get("kind") or row.get("outlet_kind")):
        return row.get("kind") or row.get("outlet_kind")
    words = set(outlet.replace("(", " ").replace(")", " ").split())
    for kind, names in OUTLET_KINDS:
        if any((name in words) if " " not in name else (name in outlet) for name in names):
            return kind
    return "international media"


def corpus_hash(corpus: Path) -> str:
    """SHA-256 over the gold file, the manifest and every article file (names and bytes), in name order."""
    digest = hashlib.sha256()
    manifest = _manifest_path(corpus)
    files = [
        corpus / "gold_claims.csv",
        *sorted((corpus / "articles").iterdir()),
        *([manifest] if manifest and manifest.parent == corpus else []),
    ]
    for path in files:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _gold_region(g: Gazetteer, row: dict) -> bool:
    """Whether a gold place names a whole oblast ("Donetsk Oblast", "Kharkiv region")."""
    place = row["place"].strip()
    lowered = place.lower()
    stem = next((place[: -len(s)] for s in _REGION_SUFFIXES if lowered.endswith(s)), place)
    return bool(row["oblast_iso"]) and g.oblast_by_name(stem) == row["oblast_iso"] and not g.places(place)


def place_matches(g: Gazetteer, event: Event, row: dict) -> bool:
    """Whether an event's place is the gold row's place (README: how it is scored)."""
    gold = row["place"].strip()
    if not gold:  # no place; or, as GUIDE.md writes it, a claim about a whole oblast (its code, no place)
        return event.place_name is None or bool(
            row.get("oblast_iso")
            and event.geonameid is None
            and event.oblast_iso == row["oblast_iso"]
            and event.place_name == g.oblast_name(row["oblast_iso"])
        )
    if event.place_name is None:
        return False
    written = {event.place_name, event.place_as_written or ""}
    keys = {name_key(w) for w in written} | {name_key(v) for w in written for v in spelling_variants(w)}
    if name_key(gold) in keys:  # the same spelling, or the Ukrainian form of a Russian one ("Gnutovo")
        return True
    if event.geonameid is not None and any(p.geonameid == event.geonameid for p in g.places(gold)):
        return True
    if (
        event.geonameid is None
        and not g.places(gold)
        and len(consonant_skeleton(gold)) >= 4
        and consonant_skeleton(gold) in {consonant_skeleton(w) for w in written}
    ):
        return True  # a village the gazetteer lacks, in its Russian form ("Belogorka" for the gold's "Bilohirka")
    return (
        _gold_region(g, row)
        and event.geonameid is None
        and event.oblast_iso == row["oblast_iso"]
        and event.place_name == g.oblast_name(row["oblast_iso"])
    )


def _close(value, gold: str) -> bool:
    if not gold:
        return True
    return value is not None and math.isclose(float(value), float(gold), rel_tol=0.01)


@dataclass
class Tally:
    """Counts for one slice of the corpus (all, an outlet, an action)."""

    gold: int = 0  # yes rows
    found: int = 0  # yes rows matched
    correct: int = 0  # event tuples matching a yes row
    false: int = 0  # event tuples matching no row, or a must_not row

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.false) if self.correct + self.false else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Report:
    corpus_sha256: str
    articles: int
    overall: Tally = field(default_factory=Tally)
    by_outlet: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_action: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_kind: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))  # by outlet kind
    dated: list[bool] = field(default_factory=list)  # per matched yes row: date exact
    placed: list[bool] = field(default_factory=list)  # per matched yes row with a placed event: oblast right
    quantities: list[bool] = field(default_factory=list)  # per matched yes row with an area or count: equal
    claimants: list[bool] = field(default_factory=list)  # per matched yes row: canonical claimant right
    wrong_claimants: list[str] = field(default_factory=list)
    must_not_hits: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)
    wrong_oblasts: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    false_events: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # articles the loader refused

    def figures(self) -> dict:
        rate = lambda xs: sum(xs) / len(xs) if xs else 1.0
        return {
            "precision": self.overall.precision,
            "recall": self.overall.recall,
            "f1": self.overall.f1,
            "date_exact": rate(self.dated),
            "oblast_correct": rate(self.placed),
            "quantities_equal": rate(self.quantities),
            "claimant_correct": rate(self.claimants),
            "must_not_hits": len(self.must_not_hits),
            "gold_claims": self.overall.gold,
            "articles": self.articles,
        }


def _event_line(e: Event) -> str:
    place = e.place_name or (
        f"{e.area_km2:g} km²" if e.area_km2 else f"{e.settlements} settlements" if e.settlements else "-"
    )
    return f"{e.actor} {e.action} {place} ({e.oblast_iso or '-'}) {e.event_date}: {e.sentence[:150]!r}"


def _gold_line(row: dict) -> str:
    place = row["place"] or (f"{row['area_km2']} km²" if row["area_km2"] else f"{row['settlements']} settlements")
    return (
        f"{row['actor']} {row['action']} {place} ({row['oblast_iso'] or '-'}) {row['event_date']}: {row['note'][:150]}"
    )


def _read_articles(root: Path, report: Report) -> tuple[dict[str, Article], dict[str, dict]]:
    """The split's articles by file name (read as the loader reads them) and its manifest rows."""
    manifest_path = _manifest_path(root)
    rows: dict[str, dict] = {}
    if manifest_path is not None:
        loaded = load_manifest(manifest_path.parent)
        rows = {} if isinstance(loaded, ArticleProblem) else loaded[0]
    if manifest_path is None or manifest_path.parent == root / "articles":
        items = read_path(root / "articles")
    else:  # the manifest beside the articles folder
        items = (
            item
            for file in sorted((root / "articles").iterdir())
            if file.is_file() and file.name != MANIFEST
            for item in read_file(file, manifest=rows)
        )
    articles: dict[str, Article] = {}
    for item in items:
        if isinstance(item, Article):
            articles[Path(item.source).name] = item
        elif not isinstance(item, ReadWarning):
            report.problems.append(str(item))
    return articles, rows


def evaluate(corpus: Path = CORPUS, extractor: EventExtractor | None = None) -> Report:
    """Score one split's folder (``split_root``): its articles against its gold."""
    g = gazetteer()
    extractor = extractor or EventExtractor(g)
    with (corpus / "gold_claims.csv").open(encoding="utf-8", newline="") as handle:
        gold_rows = list(csv.DictReader(handle))
    gold_by_file: dict[str, list[dict]] = defaultdict(list)
    for row in gold_rows:
        gold_by_file[row["file"]].append(row)
    report = Report(corpus_hash(corpus), 0)
    articles, manifest = _read_articles(corpus, report)
    report.articles = len(articles)
    for name, article in sorted(articles.items()):
        events = extractor.extract(article.text, article.published).events
        _score_article(
            g,
            name,
            article.outlet,
            events,
            gold_by_file.get(name, []),
            report,
            outlet_kind(article.outlet, manifest.get(name)),
        )
    for name in sorted(set(gold_by_file) - set(articles)):
        report.problems.append(f"{name}: has gold rows but was not read")
    return report


def _score_article(
    g: Gazetteer, name: str, outlet: str, events: list[Event], rows: list[dict], report: Report, kind: str = ""
) -> None:
    matched: dict[int, list[Event]] = defaultdict(list)  # yes row index -> its events
    gold_claimants = ArticleClaimants()  # the gold's attribution read by the loader's own claimants lexicon
    claimant_of = {i: gold_claimants.of(row.get("attribution"), row["actor"]).name for i, row in enumerate(rows)}
    false_tuples: dict[tuple, Event] = {}
    for e in events:
        hits = [
            i
            for i, row in enumerate(rows)
            if row["actor"] == e.actor and row["action"] == e.action and place_matches(g, e, row)
        ]
        kinds = {rows[i]["required"] for i in hits}
        if "yes" in kinds:
            for i in hits:
                if rows[i]["required"] == "yes":
                    matched[i].append(e)
        elif "no" in kinds:
            continue
        else:
            key = (e.actor, e.action, name_key(e.place_name) if e.place_name else "")
            false_tuples.setdefault(key, e)
            if "must_not" in kinds:
                report.must_not_hits.append(f"{name}: {_event_line(e)}")
    for tally in (report.overall, report.by_outlet[outlet], report.by_kind[kind]):
        tally.false += len(false_tuples)
    for e in false_tuples.values():
        report.by_action[e.action].false += 1
        report.false_events.append(f"{name} [{outlet}]: {_event_line(e)}")
    for i, row in enumerate(rows):
        if row["required"] != "yes":
            continue
        for tally in (report.overall, report.by_outlet[outlet], report.by_action[row["action"]], report.by_kind[kind]):
            tally.gold += 1
        found = matched.get(i)
        if not found:
            report.misses.append(f"{name} [{outlet}]: {_gold_line(row)}")
            continue
        for tally in (report.overall, report.by_outlet[outlet], report.by_action[row["action"]], report.by_kind[kind]):
            tally.found += 1
            tally.correct += 1
        report.dated.append(any(e.event_date == row["event_date"] for e in found))
        if not report.dated[-1]:
            report.wrong_dates.append(
                f"{name}: gold {row['event_date']} ({row['date_basis']}), found "
                + ", ".join(f"{e.event_date} ({e.date_phrase or 'report day'})" for e in found)
                + f": {_gold_line(row)}"
            )
        placed = [e for e in found if e.oblast_iso]
        if placed and row["oblast_iso"]:
            report.placed.append(any(e.oblast_iso == row["oblast_iso"] for e in placed))
            if not report.placed[-1]:
                report.wrong_oblasts.append(
                    f"{name}: gold {row['oblast_iso']}, found "
                    + ", ".join(f"{e.place_name} {e.oblast_iso} ({e.place_precision})" for e in placed)
                    + f": {_gold_line(row)}"
                )
        report.claimants.append(any(e.claimant == claimant_of[i] for e in found))
        if not report.claimants[-1]:
            report.wrong_claimants.append(
                f"{name}: gold {row.get('attribution')!r} = {claimant_of[i]}, found "
                + ", ".join(f"{e.attribution!r} = {e.claimant}" for e in found)
            )
        if row["area_km2"] or row["settlements"]:
            report.quantities.append(
                any(_close(e.area_km2, row["area_km2"]) and _close(e.settlements, row["settlements"]) for e in found)
            )


def _table(title: str, tallies: dict[str, Tally]) -> list[str]:
    lines = [f"{title:44} {'gold':>5} {'found':>6} {'false':>6} {'P':>6} {'R':>6} {'F1':>6}"]
    for key, t in sorted(tallies.items(), key=lambda item: (-item[1].gold, item[0])):
        lines.append(f"{key[:44]:44} {t.gold:5} {t.found:6} {t.false:6} {t.precision:6.2f} {t.recall:6.2f} {t.f1:6.2f}")
    return lines


def _totals(report: Report) -> list[str]:
    f = report.figures()
    return [
        f"corpus: {report.articles} articles, {report.overall.gold} required claims "
        f"(sha256 {report.corpus_sha256[:12]})",
        f"precision {f['precision']:.3f}  recall {f['recall']:.3f}  F1 {f['f1']:.3f}  "
        f"(found {report.overall.found} of {report.overall.gold}; {report.overall.false} false events)",
        f"dates exact {f['date_exact']:.3f} of {len(report.dated)} matched  |  oblast correct "
        f"{f['oblast_correct']:.3f} of {len(report.placed)} placed  |  areas/counts equal "
        f"{f['quantities_equal']:.3f} of {len(report.quantities)}  |  must_not hits {f['must_not_hits']}",
        f"claimant correct {f['claimant_correct']:.3f} of {len(report.claimants)} matched",
        "",
    ]


def render(report: Report, quiet: bool = False) -> str:
    """The dev report: totals, by action, by outlet kind, by outlet, then (unless quiet) every miss."""
    lines = _totals(report)
    lines += _table("by action", report.by_action) + [""]
    lines += _table("by outlet kind", report.by_kind) + [""]
    lines += _table("by outlet", report.by_outlet)
    if not quiet:
        for title, items in (
            ("refused articles", report.problems),
            ("must_not hits", report.must_not_hits),
            ("misses", report.misses),
            ("false events", report.false_events),
            ("dates not exact", report.wrong_dates),
            ("oblasts wrong", report.wrong_oblasts),
            ("claimants wrong", report.wrong_claimants),
        ):
            lines += ["", f"{title} ({len(items)}):"] + [f"  {item}" for item in items]
    return "\n".join(lines)


def render_sealed(report: Report) -> str:
    """The sealed split's totals only: overall, by action, by outlet kind; never a claim, an article or an
    outlet (refused articles only counted)."""
    lines = _totals(report)
    lines += _table("by action", report.by_action) + [""]
    lines += _table("by outlet kind", report.by_kind)
    if report.problems:
        lines += ["", f"refused articles or gold rows without an article: {len(report.problems)}"]
    return "\n".join(lines)


def render_side_by_side(dev: Report, sealed: Report) -> str:
    """Both splits' totals in columns, with the gap (dev - sealed)."""
    fd, fs = dev.figures(), sealed.figures()
    lines = [
        f"{'':24} {'dev':>8} {'sealed':>8} {'gap':>8}",
        f"{'articles':24} {dev.articles:8} {sealed.articles:8}",
        f"{'required claims':24} {dev.overall.gold:8} {sealed.overall.gold:8}",
    ]
    for key in (*FIGURES, "quantities_equal"):
        lines.append(f"{key:24} {fd[key]:8.3f} {fs[key]:8.3f} {fd[key] - fs[key]:+8.3f}")
    lines.append(f"{'must_not_hits':24} {fd['must_not_hits']:8} {fs['must_not_hits']:8}")
    for title, d, t in (
        ("F1 by action", dev.by_action, sealed.by_action),
        ("F1 by outlet kind", dev.by_kind, sealed.by_kind),
    ):
        lines += ["", f"{title:24} {'dev':>8} {'sealed':>8} {'gap':>8}"]
        for key in sorted(set(d) | set(t)):
            a, b = (d[key].f1 if key in d else math.nan), (t[key].f1 if key in t else math.nan)
            lines.append(f"{key[:24]:24} {a:8.3f} {b:8.3f} {a - b:+8.3f}")
    return "\n".join(lines)


def _floors(report: Report) -> dict:
    figures = report.figures()
    return {
        "corpus_sha256": report.corpus_sha256,
        **{k: math.floor(figures[k] * 10000) / 10000 for k in FIGURES},
        "must_not_hits": figures["must_not_hits"],
    }


def has_split(corpus: Path, split: str) -> bool:
    root = split_root(corpus, split)
    return (root / "gold_claims.csv").is_file() and (root / "articles").is_dir()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="the evaluation folder (default tests/eval)")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        help="dev: the full report; sealed: its totals only "
        "(default: the dev report, then both splits' totals side by side when sealed exists)",
    )
    parser.add_argument("--quiet", action="store_true", help="figures and tables only, no lists")
    parser.add_argument(
        "--record", action="store_true", help="write each split's floors and hash to <corpus>/baseline.json"
    )
    parser.add_argument("--desk", metavar="DB", help="score against the editors' decisions in a database")
    args = parser.parse_args(argv)
    if args.desk:
        from bench.desk_quality import main as desk_main

        return desk_main(args.desk, args.quiet)
    if args.split and not has_split(args.corpus, args.split):
        print(
            f"bench.quality: no {args.split} split in {split_root(args.corpus, args.split)} "
            "(gold_claims.csv and articles/ expected)",
            file=sys.stderr,
        )
        return 2
    reports = {}
    if args.split in (None, "dev"):
        reports["dev"] = evaluate(args.corpus)
        print(render(reports["dev"], args.quiet))
    if args.split == "sealed" or (args.split is None and has_split(args.corpus, "sealed")):
        reports["sealed"] = evaluate(split_root(args.corpus, "sealed"))
        if args.split == "sealed":
            print(render_sealed(reports["sealed"]))
        else:
            print(
                "\n\ndev and sealed side by side (sealed: totals only)\n"
                + render_side_by_side(reports["dev"], reports["sealed"])
            )
    if args.record:
        path = args.corpus / "baseline.json"
        baseline = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        baseline = {split: baseline[split] for split in SPLITS if isinstance(baseline.get(split), dict)}
        baseline.update({split: _floors(report) for split, report in reports.items()})
        path.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
        print(f"\nrecorded {', '.join(reports)} in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
