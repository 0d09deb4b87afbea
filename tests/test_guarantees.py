"""Promises of the README that no test guarded (issue 24): each test here reaches its case with data and fails when
the promise is broken (each was checked by breaking it by hand): confirm-all needs the CSRF token, the SSO header
counts only from the peer (never X-Forwarded-For), confirm-all never overrides an earlier rejection, --reread replaces
an article's events in one transaction, PNG exports draw the reader's view even when asked for the desk's, and
the page's own callback gives the desk's view to a signed-in editor only.
"""

from __future__ import annotations

import re
import shutil

import pytest
import requests

from tests.servers import dashboard_server
from tests.test_review_http import add_editor, login, review_env, token


@pytest.fixture
def db(seeded_db, tmp_path):
    copy = tmp_path / "events.db"
    shutil.copy(seeded_db, copy)
    add_editor(copy, "alice")
    return copy


def article_and_claims(queue_html: str) -> tuple[str, list[str]]:
    """The first article of the queue and its claims' ids."""
    article = re.search(r'name="article_id" value="(\d+)"', queue_html)[1]
    block = queue_html.split(f'name="article_id" value="{article}"')[1].split('name="article_id"')[0]
    return article, re.findall(r'data-event="(\d+)"', block)


def test_confirm_all_needs_the_csrf_token_and_never_overrides_a_rejection(db, tmp_path):
    from dashboard.review.read import read_events

    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        article = re.search(r'name="article_id" value="(\d+)"', queue.text)[1]
        for data in ({}, {"csrf_token": "forged"}):
            refused = session.post(base + "review/confirm-article", data={"article_id": article, **data})
            assert refused.status_code == 403
        assert len(read_events(db, "reader")) == 0  # nothing confirmed without the token
        desk = read_events(db, "desk")
        rejected = int(desk[desk["article_id"] == int(article)]["id"].iloc[0])
        done = session.post(
            base + "review/decide",
            data={"csrf_token": token(queue.text), "event_id": rejected, "decision": "reject", "note": "wrong place"},
        )
        assert done.status_code == 200
        confirmed = session.post(
            base + "review/confirm-article", data={"csrf_token": token(queue.text), "article_id": article}
        )
        assert "11 claim(s) of the article confirmed." in confirmed.text
    reader = read_events(db, "reader")
    assert len(reader) == 11 and rejected not in set(reader["id"])
    assert read_events(db, "desk").set_index("id").loc[rejected, "review_state"] == "rejected"


def test_the_sso_header_counts_only_from_the_peer_never_x_forwarded_for(db, tmp_path):
    env = review_env(tmp_path, CONFLICT_MAP_TRUSTED_PROXIES="10.20.30.40")
    with dashboard_server(db, extra_env=env) as base:
        for forwarded in ("10.20.30.40", "10.20.30.40, 127.0.0.1", "127.0.0.1, 10.20.30.40"):
            headers = {"X-Remote-User": "mallory", "X-Forwarded-For": forwarded, "X-Real-IP": "10.20.30.40"}
            answer = requests.get(base + "review", headers=headers, allow_redirects=False)
            assert answer.status_code == 302 and answer.headers["Location"].endswith("/review/login"), forwarded


def test_reread_replaces_an_articles_events_in_one_transaction(store, seeded_db):
    """A re-read that fails half-way (an event the store refuses, after the old ones were deleted) leaves the
    article's events as they were."""
    from dashboard.loader.extract import EventExtractor
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import EventOutOfBounds
    from tests.conftest import ROOT

    ingest([ROOT / "seeds"], store)
    before = store.rows("SELECT id, article_id, place_name FROM events ORDER BY id")
    content_hash = store.rows("SELECT content_hash FROM articles ORDER BY id")[0][0]
    from datetime import date

    good = EventExtractor().extract("Ukrainian forces captured Kupiansk on Saturday.", date(2022, 9, 11)).events
    bad = [*good, good[0].__class__(**{**good[0].as_row(), "settlements": 10**9})]
    with pytest.raises(EventOutOfBounds):
        store.replace_events(content_hash, bad)
    assert store.rows("SELECT id, article_id, place_name FROM events ORDER BY id") == before


def test_a_png_export_asking_for_the_desk_draws_the_readers_view(seeded_db, tmp_path, monkeypatch):
    from dashboard.export import export_index
    from dashboard.query.state import ViewState
    from dashboard.review import records
    from dashboard.store.rows import Store
    from dashboard.web.source import EventSource

    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    with Store(db) as store:
        key = store.events_frame()["event_key"].iloc[0]
        with store.engine.begin() as conn:
            records.add_revision(
                conn, event_key=key, state="confirmed", changes={}, extracted={}, note="", editor="alice"
            )
    source = EventSource(db, review=True)
    state = ViewState.from_query("?view=desk")
    assert state.view == "desk" and source.view_of(state.to_query()) == "desk"  # the page would give the desk
    index = export_index(source)
    assert index.size == 1 and set(index.frame["review_state"]) == {"confirmed"}


def test_the_desk_view_goes_to_signed_in_editors_only_over_the_pages_own_callback(db, tmp_path):
    """docs/review.md: a request for ``?view=desk`` from anyone not signed in as an editor gets the reader's view.
    The page's settled-view callback (what fills the table, the tally and the map in words) with ``?view=desk``:
    anonymous, the one confirmed claim; the signed-in editor, all 19."""
    from tests.test_app import callback_request

    with dashboard_server(db, extra_env=review_env(tmp_path)) as base:
        session, queue = login(base)
        event = re.search(r'data-event="(\d+)"', queue.text)[1]
        done = session.post(
            base + "review/decide",
            data={"csrf_token": token(queue.text), "event_id": event, "decision": "confirm", "note": ""},
        )
        assert done.status_code == 200
        body = callback_request(base, "table", url="?view=desk")
        headers = {"Content-Type": "application/json"}
        in_view = {}
        for who, client in (("anonymous", requests.Session()), ("editor", session)):
            answer = client.post(base + "_dash-update-component", data=body, headers=headers)
            assert answer.status_code == 200, answer.text[:300]
            in_view[who] = int(re.search(r"(\d+) claims? in view", answer.text)[1])
        assert in_view == {"anonymous": 1, "editor": 19}
