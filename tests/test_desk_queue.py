"""The review queue at any size (issue 26, item 3): keyset pages that reach every claim even while claims are
decided between pages, the orders (contradictions, new places, low confidence where a score exists), the counts
at its top, over the seeds' desk view; and the page over HTTP with its order and counts.

Expected values are written by hand from the seed articles (seeds/).
"""

from __future__ import annotations

import re

import pandas as pd

from dashboard.review.pages import has_scores, queue_counts, queue_filters, queue_page
from dashboard.review.places import contradictions
from dashboard.review.read import read_events
from tests.test_desk_http import desk, desk_db  # noqa: F401  (fixtures)
from tests.test_review_http import login


def pages(frame, filters, size):
    seen, cursor = [], ""
    while True:
        page, total, cursor = queue_page(frame, filters, cursor, size)
        seen.append(page["id"].tolist())
        if not cursor:
            return seen, total


def test_keyset_pages_reach_every_claim_in_order(seeded_db):
    frame = read_events(seeded_db, "desk")
    filters = queue_filters({"state": "all"})
    everything = queue_page(frame, filters, "", 1000)[0]["id"].tolist()
    assert len(everything) == 19
    # newest article first (published 13 Sep before 25 Jun), in reading order within it
    assert frame.set_index("id").loc[everything[:12], "published"].eq("2022-09-13").all()
    starts = frame.set_index("id").loc[everything[:12], "sentence_start"].tolist()
    assert starts == sorted(starts)
    seen, total = pages(frame, filters, 5)
    assert total == 19 and [len(p) for p in seen] == [5, 5, 5, 4] and sum(seen, []) == everything


def test_a_claim_decided_between_pages_shifts_nothing(seeded_db):
    frame = read_events(seeded_db, "desk")
    filters = queue_filters({"state": "new"})
    first, _, cursor = queue_page(frame, filters, "", 5)
    # the first page's claims are decided: with offsets, page 2 would now skip five claims; with the key, none
    decided = frame.assign(review_state=frame["review_state"].where(~frame["id"].isin(first["id"]), "confirmed"))
    second = queue_page(decided, filters, cursor, 5)[0]
    expected = queue_page(frame, filters, "", 10)[0]["id"].tolist()[5:]
    assert second["id"].tolist() == expected


def test_orders_put_contradictions_new_places_and_low_scores_first(seeded_db):
    frame = read_events(seeded_db, "desk")
    # Hirske: Ukraine withdrew (not a holding claim), Russia captured: no contradiction in the seeds; add one:
    # Russia repelled an attack on Kupiansk on 12 Sep, after Ukraine's capture of 10 Sep
    kupiansk = frame[frame.place_name == "Kupiansk"].iloc[0]
    extra = kupiansk.copy()
    extra["id"], extra["actor"], extra["action"], extra["date_end"] = 999, "RU", "repelled", "2022-09-12"
    frame = pd.concat([frame, extra.to_frame().T], ignore_index=True)
    marks = contradictions(frame)
    assert frame.loc[marks.contradicted, "id"].tolist() == [kupiansk.id]
    assert frame.loc[marks.contradicts, "id"].tolist() == [999]
    page = queue_page(frame, queue_filters({"state": "all", "order": "contradictions"}), "", 60)[0]
    assert set(page["id"].head(2)) == {kupiansk.id, 999}
    # new places: the first claim of each place; Kharkiv is claimed twice (11 and 12 Sep): the later is not new
    page = queue_page(frame, queue_filters({"state": "all", "order": "new-places"}), "", 60)[0]
    kharkiv = page[page.place_name == "Kharkiv"]
    assert kharkiv["_rank"].tolist().count(0.0) == 1 and kharkiv["_rank"].tolist().count(1.0) == 2
    # low confidence: by the loader's score where there is one; without one, newest first as the default
    scored = frame.assign(score=[0.9] * (len(frame) - 1) + [0.1])
    assert (
        queue_page(scored, queue_filters({"state": "all", "order": "low-confidence"}), "", 60)[0]["id"].iloc[0] == 999
    )
    unscored = frame.assign(score=float("nan"))  # a database loaded before the loader scored its claims
    assert not has_scores(unscored)
    low = queue_page(unscored, queue_filters({"state": "all", "order": "low-confidence"}), "", 60)[0]
    assert low["id"].tolist() == queue_page(frame, queue_filters({"state": "all"}), "", 60)[0]["id"].tolist()


def test_scores_order_low_confidence_first_page_by_page(seeded_db):
    """Claims with scores (a loader run with the learned check): the lowest first, and paging by the score (a
    keyset cursor holding it) reaches every claim once in that order."""
    frame = read_events(seeded_db, "desk")
    frame = frame.assign(score=[round((i * 37 % 19) / 19, 4) for i in range(len(frame))])  # stored to 4 digits
    filters = queue_filters({"state": "all", "order": "low-confidence"})
    everything = queue_page(frame, filters, "", 1000)[0]
    assert everything["score"].tolist() == sorted(frame["score"].tolist())
    seen, total = pages(frame, filters, 4)
    assert total == 19 and sum(seen, []) == everything["id"].tolist()


def test_counts_per_state_and_claimant(seeded_db):
    frame = read_events(seeded_db, "desk")
    counts = queue_counts(frame)
    assert counts["states"] == [("new", 19), ("confirmed", 0), ("corrected", 0), ("rejected", 0), ("added", 0)]
    said = frame["claimant"].fillna(frame["attribution"]).fillna("not stated").replace("", "not stated").value_counts()
    assert (
        counts["more_claimants"] == max(0, len(said) - 12)
        and sum(n for _, n in counts["claimants"]) == said.head(12).sum()
    )
    assert counts["claimants"][0] == ("Ukrainian General Staff", 7)


def test_the_queue_page_has_orders_counts_and_links(desk):
    base, _ = desk
    session, answer = login(base)
    assert '<option value="contradictions">contradictions first</option>' in answer.text
    assert re.search(r'new</a>: <span class="count-new">19</span>', answer.text)
    ordered = session.get(base + "review?order=new-places&state=all")
    assert ordered.status_code == 200 and '<option value="new-places" selected>' in ordered.text
    low = session.get(base + "review?order=low-confidence")
    assert low.status_code == 200 and 'id="no-score"' in low.text  # the loader runs without the learned check
    assert session.get(base + "review?after=not-a-cursor").status_code == 200  # a bad cursor: the first page


def test_a_claim_of_the_same_day_contradicts_and_one_of_the_day_before_does_not(seeded_db):
    """docs/review.md: a side's claim of holding a place is contradicted by the other side's claim "of the same day
    or later". Ukraine captured Kupiansk on 10 Sep (the seeds); Russia's claim of repelling an attack there, on the
    same day, contradicts it; on 9 Sep it does not (it is the one contradicted then)."""
    frame = read_events(seeded_db, "desk")
    kupiansk = frame[frame.place_name == "Kupiansk"].iloc[0]
    assert (kupiansk["actor"], kupiansk["action"], kupiansk["date_end"]) == ("UA", "captured", "2022-09-10")
    for day, ukraine_contradicted in (("2022-09-10", True), ("2022-09-09", False)):
        russia = kupiansk.copy()
        russia["id"], russia["actor"], russia["action"] = 999, "RU", "repelled"
        russia["date_start"] = russia["date_end"] = day
        both = pd.concat([frame, russia.to_frame().T], ignore_index=True)
        marks = contradictions(both).set_index(both["id"])
        assert bool(marks.loc[kupiansk["id"], "contradicted"]) is ukraine_contradicted, day
        assert bool(marks.loc[999, "contradicts"]) is ukraine_contradicted, day
        assert bool(marks.loc[999, "contradicted"]) is True, day  # Ukraine's claim is as late or later
