"""The desk's decisions as a labelled test set: gold claims in the evaluation corpus's schema (tests/eval/).

For every article with at least one decision:

- ``yes`` rows: claims confirmed (as extracted), corrected (as corrected) and added by an editor;
- ``must_not`` rows: the loader's claims an editor rejected (a false event wherever the loader finds one again);
- the loader's claims nobody decided yet are left out (not scored either way, as ``required=no``).

``desk_decisions(conn)`` reads them; ``write_corpus(decisions, out)`` writes ``articles/*.txt``,
``articles/manifest.csv`` and ``gold_claims.csv`` in the corpus's format (``python -m bench.quality --corpus
DIR`` reads it); ``bench.desk_quality`` scores the stored extraction against the same rows.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from sqlalchemy import select
from sqlalchemy.engine import Connection

from dashboard.review.view import DESK, effective_events
from dashboard.schema import EVENT_FIELDS, Event
from dashboard.store.rows import events_frame, latest_decisions
from dashboard.store.tables import articles

GOLD_COLUMNS = [
    "file",
    "required",
    "actor",
    "action",
    "place",
    "oblast_iso",
    "event_date",
    "date_basis",
    "area_km2",
    "settlements",
    "attribution",
    "confirmed",
    "note",
]
GOLD_STATES = ("confirmed", "corrected", "added")


@dataclass
class DeskArticle:
    article_id: int
    file: str
    published: str
    outlet: str
    url: str
    text: str
    events: list[Event] = field(default_factory=list)  # the loader's decided claims, as it extracted them
    gold: list[dict] = field(default_factory=list)  # GOLD_COLUMNS rows


def _plain(value):
    return None if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)) else value


def _event(row: dict) -> Event:
    values = {name: _plain(row[name]) for name in EVENT_FIELDS}
    for name in ("geonameid", "settlements", "sentence_start", "sentence_end"):
        values[name] = None if values[name] is None else int(values[name])
    values["hedged"] = bool(values["hedged"])
    values["flags"] = values["flags"] or ""
    return Event(**values)


def _number(value) -> str:
    value = _plain(value)
    if value is None:
        return ""
    return f"{float(value):g}"


def _gold_row(file: str, required: str, row: dict) -> dict:
    return {
        "file": file,
        "required": required,
        "actor": row["actor"],
        "action": row["action"],
        "place": _plain(row["place_name"]) or "",
        "oblast_iso": _plain(row["oblast_iso"]) or "",
        "event_date": row["event_date"],
        "date_basis": f"desk: {row['review_state']} by {row['review_editor']}",
        "area_km2": _number(row["area_km2"]),
        "settlements": _number(row["settlements"]),
        "attribution": _plain(row["attribution"]) or "",
        "confirmed": row["confirmed"],
        "claimant": _plain(row.get("claimant")) or "",
        "note": f"{row['review_state']} by {row['review_editor']}: {str(row['sentence'])[:300]}",
    }


def desk_decisions(conn: Connection) -> list[DeskArticle]:
    """Every article with a decision, its loader's decided claims and its gold rows, in article order."""
    extracted = events_frame(conn)
    desk = effective_events(extracted, latest_decisions(conn), DESK)
    decided = desk[desk["review_state"] != "new"]
    out = []
    for article_id in sorted(set(decided["article_id"].tolist())):
        row = conn.execute(select(articles).where(articles.c.id == int(article_id))).one()._mapping
        item = DeskArticle(
            int(article_id), f"desk-{int(article_id):06d}.txt", row["published"], row["outlet"], row["url"], row["text"]
        )
        claims = decided[decided["article_id"] == article_id].sort_values("id")
        as_extracted = extracted.set_index("id")
        for claim in claims.to_dict(orient="records"):
            if claim["added_by"] == "":
                original = {**as_extracted.loc[claim["id"]].to_dict(), "id": claim["id"]}
                item.events.append(_event(original))
            if claim["review_state"] in GOLD_STATES:
                item.gold.append(_gold_row(item.file, "yes", claim))
            elif claim["review_state"] == "rejected" and claim["added_by"] == "":
                original.update(review_state="rejected", review_editor=claim["review_editor"])
                item.gold.append(_gold_row(item.file, "must_not", original))
        out.append(item)
    return out


def write_corpus(decided: list[DeskArticle], out: Path) -> tuple[int, int]:
    """The articles and gold rows in the evaluation corpus's layout under ``out``; (articles, gold rows)."""
    folder = Path(out) / "articles"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "manifest.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["file", "published", "outlet", "url"])
        for item in decided:
            (folder / item.file).write_text(item.text, encoding="utf-8")
            writer.writerow([item.file, item.published, item.outlet, item.url])
    rows = [row for item in decided for row in item.gold]
    with (Path(out) / "gold_claims.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=GOLD_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return len(decided), len(rows)
