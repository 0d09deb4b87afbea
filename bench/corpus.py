"""Synthetic article corpus for benchmarks: seed sentences recombined with other gazetteer places.

Deterministic (fixed random seed). Each article takes 20-35 sentences of the
two seed articles in random order, and every gazetteer place named in them
is swapped for another place of the gazetteer, so the extractor meets
thousands of different names, not the same dozen.
"""

from __future__ import annotations

import csv
import random
import re
from datetime import date, timedelta
from pathlib import Path

from dashboard.loader.extract import EventExtractor
from dashboard.loader.sentences import split

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_sentences() -> list[str]:
    sentences = []
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = (SEEDS / row["file"]).read_text(encoding="utf-8")
            sentences += [s.text for s in split(text)]
    return [s for s in sentences if len(s) > 20]


def seed_place_names() -> set[str]:
    """Every gazetteer place the extractor finds as a claim's place in the seeds, as written."""
    names, extractor = set(), EventExtractor()
    with (SEEDS / "manifest.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            text = (SEEDS / row["file"]).read_text(encoding="utf-8")
            events = extractor.extract(text, date.fromisoformat(row["published"])).events
            names.update(e.place_as_written for e in events if e.geonameid is not None)
    return names


def place_pool(minimum_population: int = 2000) -> list[str]:
    from dashboard.geo import PLACES_FILE

    with PLACES_FILE.open(encoding="utf-8") as handle:
        return sorted(
            {
                r["name"]
                for r in csv.DictReader(handle)
                if int(r["population"]) >= minimum_population and re.fullmatch(r"[A-Z][a-z'’-]+", r["name"])
            }
        )


def articles(count: int, seed: int = 7) -> list[tuple[str, date]]:
    rng = random.Random(seed)
    sentences = seed_sentences()
    pool = place_pool()
    names = sorted(seed_place_names(), key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
    out = []
    for _ in range(count):
        chosen = rng.sample(sentences, rng.randint(20, 35))
        text = "\n\n".join(pattern.sub(lambda m: rng.choice(pool), s) for s in chosen)
        out.append((text, date(2022, 3, 1) + timedelta(days=rng.randint(0, 300))))
    return out
