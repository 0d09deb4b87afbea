"""The loader scored against the desk's decisions in a database: the newsroom's own sources as a test set.

Confirmed and corrected claims are gold (corrected: as corrected), claims an editor added are gold the loader
missed, rejected claims are false events (``dashboard.review.gold``). The stored extraction is scored with
``bench.quality``'s own scoring (``_score_article``: the same matching of side, action and place, dates, oblasts
and quantities), and printed in its report format, with tables by claimant and by week beside by outlet.

Run: ``python -m bench.quality --desk DB [--quiet]`` (or ``python -m bench.desk_quality DB``).
"""

from __future__ import annotations

import sys
from collections import defaultdict
from datetime import date

from bench.quality import Report, _score_article, _table, render
from dashboard.geo import gazetteer
from dashboard.review.gold import DeskArticle, desk_decisions
from dashboard.store.rows import Reader

NOT_STATED = "not stated"


def claimant_of(item) -> str:
    """The canonical claimant (the loader's claimants lexicon), else the attribution as written."""
    if isinstance(item, dict):
        return item.get("claimant") or item["attribution"] or NOT_STATED
    return item.claimant or item.attribution or NOT_STATED


def week_of(published: str) -> str:
    year, week, _ = date.fromisoformat(published[:10]).isocalendar()
    return f"{year}-W{week:02d}"


def evaluate_desk(decided: list[DeskArticle], label: str = "desk") -> tuple[Report, dict, dict]:
    """(the whole report, reports by claimant, reports by week of publication)."""
    g = gazetteer()
    report = Report(label, len(decided))
    by_claimant: dict[str, Report] = defaultdict(lambda: Report(label, 0))
    by_week: dict[str, Report] = defaultdict(lambda: Report(label, 0))
    for item in decided:
        _score_article(g, item.file, item.outlet or "source", item.events, item.gold, report)
        _score_article(g, item.file, item.outlet or "source", item.events, item.gold, by_week[week_of(item.published)])
        claimants = {claimant_of(e) for e in item.events} | {claimant_of(r) for r in item.gold}
        for claimant in claimants:
            _score_article(
                g,
                item.file,
                item.outlet or "source",
                [e for e in item.events if claimant_of(e) == claimant],
                [r for r in item.gold if claimant_of(r) == claimant],
                by_claimant[claimant],
            )
    return report, dict(by_claimant), dict(by_week)


def render_desk(report: Report, by_claimant: dict, by_week: dict, quiet: bool = False) -> str:
    lines = render(report, quiet).split("\n")
    lines[0] = f"desk decisions: {report.articles} articles, {report.overall.gold} gold claims ({report.corpus_sha256})"
    tables = (
        [""]
        + _table("by claimant", {k: r.overall for k, r in by_claimant.items()})
        + [""]
        + _table("by week", {k: r.overall for k, r in sorted(by_week.items())})
    )
    at = next((i for i, line in enumerate(lines) if line.startswith("by outlet")), len(lines))
    end = next((i for i in range(at + 1, len(lines)) if not lines[i].strip()), len(lines))
    return "\n".join(lines[:end] + tables + lines[end:])


def main(db: str, quiet: bool = False) -> int:
    reader = Reader(db)
    try:
        with reader.engine.connect() as conn:
            decided = desk_decisions(conn)
    finally:
        reader.close()
    if not decided:
        print(f"bench.quality --desk: {reader.target} has no decisions yet", file=sys.stderr)
        return 1
    print(render_desk(*evaluate_desk(decided, f"database {reader.target}"), quiet=quiet))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], "--quiet" in sys.argv))
