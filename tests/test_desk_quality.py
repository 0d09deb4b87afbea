"""The desk's decisions as a test set (issue 26, item 5), on SQLite and PostgreSQL: a script confirms, corrects,
rejects and adds claims on the seeds; ``bench.quality --desk`` prints the figures a hand count gives, and
``dashboard.review export-gold`` writes a corpus ``bench.quality --corpus`` reads to the same figures.

Hand count (seeds/): gold = confirmed Svatove, Maiorsk, Hirske (found) + Kupiansk corrected to Izium + two
claims added (Balakliia, Siverskodonetsk): 6 gold, 3 found; false events = Bakhmut and Avdiivka rejected +
the loader's Kupiansk (corrected away) = 3. Precision 3/6, recall 3/6. By week: 2022-W37 (13 Sep) 4 gold,
2 found, 2 false; 2022-W25 (25 Jun) 2 gold, 1 found, 1 false.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from dashboard.loader.ingest import ingest
from dashboard.review import records
from dashboard.review.claims import added_claim
from dashboard.store.rows import add_editor_event, article_events, article_row

ROOT = Path(__file__).resolve().parent.parent
IZIUM = {
    "place_name": "Izium",
    "geonameid": 707292,
    "oblast_iso": "UA-63",
    "latitude": 49.20697,
    "longitude": 37.27679,
    "place_precision": "point",
}


def decide(conn, row, state, changes=None):
    records.add_revision(
        conn, event_key=row.event_key, state=state, changes=changes or {}, extracted={}, note="", editor="alice"
    )


def add(conn, article_id, sentence_of, **form):
    article = article_row(conn, article_id)
    event, problems = added_claim(
        article["text"],
        article["published"],
        article["report_day"],
        {"span": sentence_of, "confirmed": "unknown", **form},
    )
    assert not problems, problems
    event_id = add_editor_event(conn, article_id, event, "alice")
    key = article_events(conn, article_id).set_index("id").loc[event_id, "event_key"]
    records.add_revision(conn, event_key=key, state="added", changes={}, extracted={}, note="", editor="alice")


def desk_script(store) -> None:
    assert ingest([ROOT / "seeds"], store).stored_articles == 2
    frame = store.events_frame()
    one = lambda place, actor=None: frame[
        (frame.place_name == place) & ((frame.actor == actor) if actor else True)
    ].iloc[0]
    with store.engine.begin() as conn:
        for place, actor in (("Svatove", None), ("Maiorsk", None), ("Hirske", "RU")):
            decide(conn, one(place, actor), "confirmed")
        for place in ("Bakhmut", "Avdiivka"):
            decide(conn, one(place), "rejected")
        decide(conn, one("Kupiansk"), "corrected", IZIUM)
        balakliia = one("Balakliia")
        add(
            conn,
            int(balakliia.article_id),
            f"{balakliia.sentence_start}-{balakliia.sentence_end}",
            actor="UA",
            claim_action="captured",
            place="Balakliia",
            oblast="UA-63",
        )
        hirske = one("Hirske", "RU")
        add(conn, int(hirske.article_id), "0-106", actor="RU", claim_action="captured", place="Sievierodonetsk")


def figures(output: str) -> dict:
    found = re.search(
        r"precision ([\d.]+)  recall ([\d.]+)  F1 [\d.]+  \(found (\d+) of (\d+); (\d+) false events\)", output
    )
    weeks = {
        w: tuple(map(int, rest)) for w, *rest in re.findall(r"^(20\d\d-W\d\d)\s+(\d+)\s+(\d+)\s+(\d+)", output, re.M)
    }
    must_not = int(re.search(r"must_not hits (\d+)", output)[1])
    return {
        "precision": float(found[1]),
        "recall": float(found[2]),
        "found": int(found[3]),
        "gold": int(found[4]),
        "false": int(found[5]),
        "weeks": weeks,
        "must_not": must_not,
    }


def test_the_desk_scores_the_loader_as_counted_by_hand(store, tmp_path):
    desk_script(store)
    db = (
        store.target.url.render_as_string(hide_password=False).replace("+psycopg", "")
        if store.target.is_postgres
        else str(store.target.path)
    )
    done = subprocess.run(
        [sys.executable, "-m", "bench.quality", "--desk", db], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    desk = figures(done.stdout)
    assert desk == {
        "precision": 0.5,
        "recall": 0.5,
        "found": 3,
        "gold": 6,
        "false": 3,
        "must_not": 2,
        "weeks": {"2022-W37": (4, 2, 2), "2022-W25": (2, 1, 1)},
    }, done.stdout
    assert "by claimant" in done.stdout and "by outlet" in done.stdout
    claimants = re.findall(
        r"^(.{44}) +(\d+) +(\d+) +(\d+) ", done.stdout.split("by claimant")[1].split("\n\n")[0], re.M
    )
    assert sum(int(g) for _, g, _, _ in claimants) == 6
    # the same decisions as a corpus, read back by the corpus's own scoring (the loader reads the texts again)
    out = tmp_path / "gold"
    exported = subprocess.run(
        [sys.executable, "-m", "dashboard.review", "export-gold", db, "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert exported.returncode == 0 and "wrote 2 articles and 8 gold rows" in exported.stdout, exported.stderr
    corpus = subprocess.run(
        [sys.executable, "-m", "bench.quality", "--corpus", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert corpus.returncode == 0, corpus.stderr
    read_again = figures(corpus.stdout)
    # the corpus run scores every claim the loader finds now, not only those decided: the undecided ones are
    # false events there (the gold has no row for them), so precision differs; recall and misses are the same
    assert (read_again["found"], read_again["gold"], read_again["must_not"]) == (3, 6, 2), corpus.stdout
