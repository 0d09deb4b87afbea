"""Benchmark: claim extraction throughput on one core, ours beside a naive keyword spotter.

Data: ``bench.corpus.articles`` (20,000 synthetic articles by default, ~3.3 KB
each: seed sentences recombined, their place names swapped for other
gazetteer places). Measured: CPU time of this one thread (``thread_time``, so
one core) spent in ``EventExtractor.extract`` (dates, claims, places, events
as Python objects; no database) over the whole corpus, and the same for the
baseline. The corpus is built before timing starts. Each extractor reads the
corpus ``--repeat`` times (3 by default), the two taking turns so that both
meet the same machine; the table gives the fastest pass (what the code costs
when nothing else on a shared machine takes the core) and the median pass.

Baseline: what one writes first. Split every sentence, search it with one
case-insensitive pattern per action, and look every capitalised word up in
the gazetteer. It finds (action, place) pairs only: no actor, date, quantity,
attribution, hedging or context, so it is a floor for "simple", not a rival
in quality.

Run: ``python -m bench.extract [--articles N]``; the issue's floor for ours is
2 MB/s of text on one core.
"""

from __future__ import annotations

import argparse
import re
import statistics
import time

from bench.corpus import articles
from dashboard.geo import gazetteer
from dashboard.loader.extract import EventExtractor

# The action words a first attempt would list, one pattern per action.
ACTION_WORDS = {
    "captured": r"captured|recaptured|retook|retaken|took|taken|seized|entered|occupied|liberated|regained",
    "withdrew": r"withdrew|withdrawn|pulled out|retreated|abandoned|left|ordered to withdraw",
    "repelled": r"repelled|repulsed|fended off|beat back|held off",
    "struck": r"struck|strikes|shelled|shelling|missiles?|rockets?|artillery|drones?",
    "advanced": r"advanced|gained|made gains|pushed forward",
}


class KeywordSpotter:
    """The naive baseline: every sentence, every action pattern, every capitalised word."""

    def __init__(self):
        self.g = gazetteer()
        self.actions = {a: re.compile(rf"\b(?:{w})\b", re.IGNORECASE) for a, w in ACTION_WORDS.items()}

    def extract(self, text: str) -> list[tuple[str, str]]:
        found = []
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            actions = [a for a, p in self.actions.items() if p.search(sentence)]
            if actions:
                places = [w for w in re.findall(r"\b[A-Z][a-z'-]+", sentence) if self.g.places(w)]
                found += [(a, p) for a in actions for p in places]
        return found


def measure(run, corpus) -> tuple[float, int]:
    """CPU seconds of this thread for one pass over the corpus, and how many items it produced."""
    start = time.thread_time()
    produced = sum(len(run(text, published)) for text, published in corpus)
    return time.thread_time() - start, produced


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3, help="passes over the corpus per extractor")
    args = parser.parse_args()
    t = time.perf_counter()
    corpus = articles(args.articles)
    megabytes = sum(len(text.encode("utf-8")) for text, _ in corpus) / 1e6
    print(
        f"corpus: {len(corpus):,} synthetic articles, {megabytes:.1f} MB of text "
        f"(generated in {time.perf_counter() - t:.1f} s)"
    )
    extractor, spotter = EventExtractor(), KeywordSpotter()
    extractor.extract(*corpus[0])  # warm the gazetteer and caches outside the timing
    runs = {
        "ours: EventExtractor (events)": lambda t, d: extractor.extract(t, d).events,
        "baseline: keyword spotter (pairs)": lambda t, d: spotter.extract(t),
    }
    passes: dict[str, list[float]] = {label: [] for label in runs}
    produced: dict[str, int] = {}
    for _ in range(args.repeat):
        for label, run in runs.items():
            seconds, produced[label] = measure(run, corpus)
            passes[label].append(seconds)
    print(f"{'extractor':36} {'best CPU s':>10} {'articles/s':>11} {'MB/s':>7} {'median MB/s':>12} {'output':>9}")
    for label, seconds in passes.items():
        best, median = min(seconds), statistics.median(seconds)
        print(
            f"{label:36} {best:10.2f} {len(corpus) / best:11,.0f} {megabytes / best:7.2f} "
            f"{megabytes / median:12.2f} {produced[label]:9,}"
        )
    print(
        "passes (CPU s): "
        + "; ".join(
            f"{label.split(':')[0]} " + ", ".join(f"{x:.2f}" for x in seconds) for label, seconds in passes.items()
        )
    )
    ours, baseline = (min(seconds) for seconds in passes.values())
    print(f"ours / baseline speed: {baseline / ours:.2f}x  (floor: >= 2 MB/s for ours)")


if __name__ == "__main__":
    main()
