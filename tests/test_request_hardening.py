"""Bad requests get 400 with a message, never 500 (issue 24 #13, #15, #18, #19), on real servers (PostgreSQL too,
which refuses NUL bytes in text): NUL bytes and overlong names, malformed Dash callback bodies, a return_to with
CR/LF, and the anonymous health check counting only what readers may see.
"""

from __future__ import annotations

import pytest
import requests

from tests.servers import dashboard_server
from tests.test_bounds import review_db  # noqa: F401
from tests.test_review_http import first_claim, login, review_env, token


@pytest.fixture
def server(review_db, tmp_path):  # noqa: F811
    with dashboard_server(review_db, extra_env=review_env(tmp_path)) as base:
        yield base


def test_nul_bytes_and_overlong_names_get_400(server):
    anonymous = requests.Session()
    csrf = token(anonymous.get(server + "review/login").text)
    for name, password in (("al\x00ice", "x"), ("alice", "pass\x00word"), ("a" * 5000, "x")):
        answer = anonymous.post(server + "review/login", data={"csrf_token": csrf, "name": name, "password": password})
        assert answer.status_code == 400, (name[:10], answer.status_code)
    session, queue = login(server)
    csrf, event = token(queue.text), first_claim(queue.text)
    note = session.post(
        server + "review/decide",
        data={"csrf_token": csrf, "event_id": event, "decision": "reject", "note": "bad\x00note"},
    )
    assert note.status_code == 400 and "&#39;note&#39;: contains a NUL byte" in note.text
    pasted = session.post(
        server + "review/article",
        data={
            "csrf_token": csrf,
            "text": "Ukrainian forces captured Kupiansk.",
            "published": "2022-09-11",
            "outlet": "Wire\x00",
            "url": "",
            "action": "save",
        },
    )
    assert pasted.status_code == 400 and "&#39;outlet&#39;: contains a NUL byte" in pasted.text
    assert session.get(server + "review/revisions.csv").text.strip().count("\n") == 0  # nothing stored


def test_malformed_dash_bodies_get_400(seeded_db):
    with dashboard_server(seeded_db) as base:
        for body in (
            b"[1, 2]",
            b"{}",
            b'{"output": "nope..value", "inputs": []}',
            b"not json",
            b'{"output": "x", "inputs": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        ):
            answer = requests.post(
                base + "_dash-update-component", data=body, headers={"Content-Type": "application/json"}
            )
            assert answer.status_code == 400 and answer.text.startswith("Bad callback request: "), body[:40]


def test_a_return_to_with_cr_lf_redirects_safely(server):
    session, queue = login(server)
    csrf, event = token(queue.text), first_claim(queue.text)
    answer = session.post(
        server + "review/decide",
        allow_redirects=False,
        data={
            "csrf_token": csrf,
            "event_id": event,
            "decision": "confirm",
            "return_to": "/review\r\nSet-Cookie: evil=1",
        },
    )
    assert answer.status_code == 303 and answer.headers["Location"].endswith("/review")
    assert "evil" not in answer.headers.get("Set-Cookie", "")


def test_anonymous_health_counts_only_what_readers_see(server):
    counts = lambda body: {k: body[k] for k in ("status", "articles", "events")}
    assert counts(requests.get(server + "health").json()) == {"status": "ok", "articles": 0, "events": 0}
    session, queue = login(server)
    session.post(
        server + "review/decide",
        data={"csrf_token": token(queue.text), "event_id": first_claim(queue.text), "decision": "confirm"},
    )
    assert counts(requests.get(server + "health").json()) == {"status": "ok", "articles": 1, "events": 1}
