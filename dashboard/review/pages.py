"""The review page and its writes, served by the app's Flask server under the URL prefix (no Dash).

``install(server, ...)`` adds, under ``{prefix}review``:

- ``review`` (GET): the queue, newest articles first, each claim with its
  sentence highlighted in its paragraph, the outlet and its link (http/https
  only), filters by outlet, date and state, keyboard shortcuts
  (``static/review.js``: j/k next/previous, c confirm, r reject, e correct),
  a "confirm all" button per article;
- ``review/login`` (GET, POST), ``review/logout`` (POST; ``everywhere=1``:
  every session of this editor, on every device);
- ``review/decide`` (POST): confirm, reject or correct one claim;
- ``review/confirm-article`` (POST): confirm the new claims of one article;
- ``review/history/<event id>`` (GET): every decision on a claim;
- ``review/read/<article id>`` (GET): the article's text, its sentences
  (the loader's spans; those it took claims from marked), its claims, and a
  form to add a claim the loader missed on a chosen sentence (radio buttons:
  arrow keys or a click); ``review/read/<article id>/claim`` (POST) stores
  it (``dashboard.review.claims``: checked, 400 with each problem named) as
  an event with ``added_by``, its revision (state ``added``: readers see it
  at once) and an audit row, in one transaction;
- ``review/places.json?q=&oblast=`` (GET): the gazetteer's places beginning
  with ``q`` (the add-a-claim form's place search);
- ``review/revisions.csv`` (GET): every decision ever made;
- ``review/article`` (GET, POST): an editor pastes an article (text,
  publication date, outlet, URL), previews the claims the loader finds and
  saves them: the loader's own path (``read_record``, the extractor, the
  store's one transaction per article), its limits and messages; the
  preview lists the text's sentences, and a claim the loader missed can be
  added on one of them before saving (stored with the article).

Pages are Jinja2 templates with autoescaping: article text, outlets and
notes are data, never markup. No inline script: the Content-Security-Policy
of ``dashboard.web.headers`` applies unchanged. Every write needs an editor
(403 without) and the session's CSRF token (403 without), and is recorded
in the audit trail with its revision (``dashboard.review.records``).
"""

from __future__ import annotations

import io
import re
import sqlite3
import sys
from pathlib import Path
from urllib.parse import urlencode

import flask
import numpy as np
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from dashboard.geo import gazetteer
from dashboard.review import records
from dashboard.review.auth import CSRF_FIELD, Editing, check_csrf, csrf_token, hash_password
from dashboard.review.claims import ADDED_FIELDS, added_claim, sentences
from dashboard.review.corrections import correction, form_values
from dashboard.review.places import contradictions, place_context
from dashboard.review.view import DESK, STATES
from dashboard.schema import ACTIONS, ACTORS, CONFIRMED_VALUES, Event, event_problems, is_web_url
from dashboard.store.rows import (
    Store,
    add_editor_event,
    article_events,
    article_of_event,
    article_row,
    article_texts,
    spreadsheet_safe,
)
from dashboard.store.tables import ROLES
from dashboard.store.tables import articles as articles_table
from dashboard.users import MIN_PASSWORD
from dashboard.vocabulary import ACTION_LABELS, ACTOR_NAMES
from dashboard.web.source import EventSource

HERE = Path(__file__).resolve().parent
QUEUE_LIMIT = 60  # claims on one page of the queue
PARAGRAPH_CHARS = 700  # at most this much of the paragraph either side of the sentence
_TEMPLATES = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True))
_DIGITS = re.compile(r"^\d{1,18}$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def paragraph(text: str, start: int, end: int) -> tuple[str, str, str]:
    """(before, sentence, after): the sentence at ``start:end`` of ``text`` inside its paragraph (line)."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    begin = text.rfind("\n", 0, start) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    begin, stop = max(begin, start - PARAGRAPH_CHARS), min(stop, end + PARAGRAPH_CHARS)
    return text[begin:start], text[start:end], text[end:stop]


ORDERS = {
    "newest": "newest first",
    "contradictions": "contradictions first",
    "new-places": "new places first",
    "low-confidence": "low confidence first",
}
_CURSOR = re.compile(r"^(-?\d+(?:\.\d+)?)~(\d{4}-\d{2}-\d{2}[0-9T:+.\-]*)~(\d{1,18})~(\d{1,12})~(\d{1,18})$")


def queue_filters(args) -> dict[str, str]:
    """The queue's filters from a query string, each checked (anything else falls back to its default)."""
    state = args.get("state", "new")
    order = args.get("order", "newest")
    return {
        "state": state if state in (*STATES, "all") else "new",
        "outlet": args.get("outlet", "")[:200],
        "since": args.get("since", "") if _DAY.match(args.get("since", "")) else "",
        "until": args.get("until", "") if _DAY.match(args.get("until", "")) else "",
        "order": order if order in ORDERS else "newest",
    }


_RANKS: dict = {}  # (id of the frame, order) -> its rank column: one desk frame per reload of the store


def has_scores(frame: pd.DataFrame) -> bool:
    """Whether any claim carries the loader's score (``events.score``: none in a database loaded before v8)."""
    return per_frame(frame, "scored", lambda f: "score" in f and bool(f["score"].notna().any()))


def order_rank(frame: pd.DataFrame, order: str) -> np.ndarray:
    """The first sort key of every claim for an order (smaller first): 0/1 for contradictions and new places
    (a place no earlier claim names), the loader's score for low confidence (its learned check's, lowest first;
    a claim without one, an editor's or one loaded before scores existed, after every scored one)."""
    key = (id(frame), order)
    if key in _RANKS and _RANKS[key][0] is frame:
        return _RANKS[key][1]
    rank = np.zeros(len(frame))
    if order == "contradictions":
        marks = contradictions(frame)
        rank = np.where(marks["contradicted"].to_numpy() | marks["contradicts"].to_numpy(), 0.0, 1.0)
    elif order == "new-places":
        placed = frame["geonameid"].notna() & (frame["review_state"] != "rejected")
        days = frame.loc[placed, "date_end"].to_numpy(dtype=str).astype("datetime64[D]").astype(np.int64)
        places = frame.loc[placed, "geonameid"].to_numpy(dtype=np.int64)
        first = pd.Series(days).groupby(places).transform("min").to_numpy()
        new = np.zeros(len(frame), dtype=bool)
        new[np.flatnonzero(placed.to_numpy())] = days == first
        rank = np.where(new, 0.0, 1.0)
    elif order == "low-confidence" and "score" in frame:
        rank = pd.to_numeric(frame["score"], errors="coerce").fillna(1.0).to_numpy(dtype=float)
    if len(_RANKS) > 8:
        _RANKS.clear()
    _RANKS[key] = (frame, rank)
    return rank


_PER_FRAME: dict = {}  # (id of the frame, what) -> (frame, value): one desk frame per reload of the store


def per_frame(frame: pd.DataFrame, what: str, make):
    """``make(frame)``, computed once per desk frame (the source keeps one frame until the store changes)."""
    cached = _PER_FRAME.get((id(frame), what))
    if cached is not None and cached[0] is frame:
        return cached[1]
    if len(_PER_FRAME) > 32:
        _PER_FRAME.clear()
    value = make(frame)
    _PER_FRAME[(id(frame), what)] = (frame, value)
    return value


def _column(frame: pd.DataFrame, name: str) -> np.ndarray:
    return per_frame(frame, f"column:{name}", lambda f: f[name].to_numpy(dtype=object))


def kept(frame: pd.DataFrame, filters: dict[str, str]) -> np.ndarray:
    """Which claims the queue's filters keep (state, outlet, days), as a new boolean array."""
    keep = np.ones(len(frame), dtype=bool)
    if filters["state"] != "all":
        keep &= per_frame(frame, f"state:{filters['state']}", lambda f: _column(f, "review_state") == filters["state"])
    if filters["outlet"]:
        keep &= _column(frame, "outlet") == filters["outlet"]
    if filters["since"]:
        keep &= _column(frame, "date_end") >= filters["since"]
    if filters["until"]:
        keep &= _column(frame, "date_start") <= filters["until"]
    return keep


def cursor_of(row) -> str:
    """The queue's keyset cursor of a claim: its sort key, so the next page starts after it however many claims
    were decided (and left the filter) meanwhile."""
    return (
        f"{float(row['_rank']):g}~{row['published']}~{int(row['article_id'])}~{int(row['sentence_start'])}~"
        f"{int(row['id'])}"
    )


_KEYS: dict = {}  # id of the frame -> (frame, its sort keys as numbers): one desk frame per reload of the store


def _sort_keys(frame: pd.DataFrame) -> tuple:
    """(the distinct publication dates in order, each claim's position among them, article ids, sentence starts,
    ids) as numpy arrays: the queue sorts and compares numbers, not strings."""
    cached = _KEYS.get(id(frame))
    if cached is not None and cached[0] is frame:
        return cached[1]
    published = frame["published"].to_numpy(dtype=object).astype(str)
    days = np.unique(published)
    keys = (
        days,
        np.searchsorted(days, published),
        frame["article_id"].to_numpy(dtype=np.int64),
        frame["sentence_start"].to_numpy(dtype=np.int64),
        frame["id"].to_numpy(dtype=np.int64),
    )
    if len(_KEYS) > 4:
        _KEYS.clear()
    _KEYS[id(frame)] = (frame, keys)
    return keys


def queue_page(
    frame: pd.DataFrame, filters: dict[str, str], after: str = "", size: int = QUEUE_LIMIT
) -> tuple[pd.DataFrame, int, str]:
    """(the claims of one page, the claims the filters keep, the cursor of the next page or ''): keyset paging,
    ordered by the order's rank (``order_rank``), then newest article first, in reading order within an article;
    the rows after ``after`` are found by their sort key, so deciding claims never shifts the next page."""
    keep = kept(frame, filters)
    total = int(keep.sum())
    rank = order_rank(frame, filters.get("order", "newest"))
    days, day, article, start, event = _sort_keys(frame)
    match = _CURSOR.match(after or "")
    if match:
        r, published, c_article, c_start, c_event = (
            float(match[1]),
            match[2],
            int(match[3]),
            int(match[4]),
            int(match[5]),
        )
        c_day = int(np.searchsorted(days, published))
        exact = c_day < len(days) and days[c_day] == published
        same_day = (day == c_day) if exact else np.zeros(len(day), dtype=bool)
        later = (rank > r) | (
            (rank == r)
            & (
                (day < c_day)
                | (
                    same_day
                    & (
                        (article < c_article)
                        | ((article == c_article) & ((start > c_start) | ((start == c_start) & (event > c_event))))
                    )
                )
            )
        )
        keep &= later
    positions = np.flatnonzero(keep)
    order = np.lexsort((event[positions], start[positions], -article[positions], -day[positions], rank[positions]))
    chosen = positions[order[:size]]
    page = frame.iloc[chosen].assign(_rank=rank[chosen])
    more = len(positions) > size
    return page, total, cursor_of(page.iloc[-1]) if more and len(page) else ""


def queue_counts(frame: pd.DataFrame, claimants: int = 12) -> dict:
    """Claims per review state and per claimant (the most frequent first; 'not stated' for none); once per
    desk frame."""
    return per_frame(frame, f"counts:{claimants}", lambda f: _queue_counts(f, claimants))


def _queue_counts(frame: pd.DataFrame, claimants: int) -> dict:
    states = frame["review_state"].value_counts()
    # the canonical claimant (the loader's claimants lexicon) where the store has it, else the attribution
    column = frame["claimant"].fillna(frame["attribution"]) if "claimant" in frame else frame["attribution"]
    said = column.fillna("not stated").replace("", "not stated").value_counts()
    return {
        "states": [(s, int(states.get(s, 0))) for s in STATES],
        "claimants": [(name, int(n)) for name, n in said.head(claimants).items()],
        "more_claimants": max(0, len(said) - claimants),
    }


def _claim_title(row) -> str:
    place = row["place_name"] or "(no place named)"
    oblast = f" ({row['oblast_name']})" if row.get("oblast_name") else ""
    return (
        f"{row['event_date']} · {ACTOR_NAMES.get(row['actor'], row['actor'])} "
        f"{ACTION_LABELS.get(row['action'], row['action'])} {place}{oblast}"
    )


def _place_id(row: dict) -> int | None:
    """A claim's GeoNames id as an int, or None (a claim placed at oblast level, or not at all)."""
    value = row.get("geonameid")
    return None if value is None or pd.isna(value) else int(value)


def install_place(server: flask.Flask, prefix: str, source: EventSource, editing: Editing | None) -> None:
    """``{prefix}place/<geonameid>``: every claim about a place, both sides side by side (readers: the
    reader's view; editors: the desk's, with review states and links to the article page); and the review
    pages' static files. Served with or without review."""
    base = f"{prefix}review"

    @server.route(f"{prefix}place/<int:geonameid>", methods=["GET"], endpoint="place_history")
    def place_page(geonameid: int):
        editor = editing.editor() if editing is not None else None
        view = DESK if editor else source.default_view
        context = place_context(source.index(view, check=True).frame, geonameid, view, is_web_url)
        status = 200 if context["claims"] or gazetteer().place_by_id(geonameid) else 404
        page = _TEMPLATES.get_template("place.html").render(
            base=base,
            prefix=prefix,
            editor=editor,
            csrf=csrf_token() if editing is not None else "",
            csrf_field=CSRF_FIELD,
            messages=[],
            panel=flask.request.args.get("panel") == "1",
            **context,
        )
        response = flask.make_response(page, status)
        response.headers["Cache-Control"] = "no-store"
        return response

    @server.route(f"{base}/static/<name>", methods=["GET"], endpoint="review_static")
    def review_static(name: str):
        if name not in ("review.js", "review.css"):
            flask.abort(404)
        return flask.send_from_directory(HERE / "static", name, max_age=300)


def install(
    server: flask.Flask, prefix: str, source: EventSource, editing: Editing, store: Store, max_article_bytes: int
) -> None:
    base = f"{prefix}review"
    install_place(server, prefix, source, editing)

    def render(template: str, status: int = 200, **context):
        page = _TEMPLATES.get_template(template).render(
            base=base,
            prefix=prefix,
            editor=editing.editor(),
            csrf=csrf_token(),
            csrf_field=CSRF_FIELD,
            messages=flask.get_flashed_messages(with_categories=True),
            **context,
        )
        response = flask.make_response(page, status)
        response.headers["Cache-Control"] = "no-store"
        return response

    def require_editor() -> str:
        editor = editing.editor()
        if editor is None:
            flask.abort(403, "Only a logged-in editor may do this.")
        return editor

    def back(default: str = "") -> str:
        """Where to go after a write: a review URL this page sent (never another site)."""
        target = flask.request.form.get("return_to", "")
        if (
            not target.startswith(base)
            or "//" in target
            or "\\" in target
            or any(ord(c) < 33 or ord(c) == 127 for c in target)
        ):  # CR/LF would split the Location header
            target = default or base
        after = flask.request.form.get("next_id", "")
        return target + (f"#claim-{after}" if _DIGITS.match(after) else "")

    def desk_frame() -> pd.DataFrame:
        return source.desk_frame()  # fresh: an editor sees their own decision at once

    @server.route(base, methods=["GET"], endpoint="review_queue")
    def review_queue():
        if not editing.configured():
            return render("not_configured.html")
        editor = editing.editor()
        if editor is None:
            return flask.redirect(f"{base}/login")
        filters = queue_filters(flask.request.args)
        frame = desk_frame()
        after = flask.request.args.get("after", "")[:200]
        shown, total, next_cursor = queue_page(frame, filters, after)
        new_per_article = per_frame(
            frame, "new per article", lambda f: f.loc[_column(f, "review_state") == "new", "article_id"].value_counts()
        )
        with source.reader.engine.connect() as conn:
            texts = article_texts(conn, sorted(set(shown["article_id"].tolist())))
        groups = []
        rows = shown.to_dict(orient="records")
        for position, row in enumerate(rows):
            text = texts.get(row["article_id"], "")
            before, sentence, after = paragraph(text, int(row["sentence_start"]), int(row["sentence_end"]))
            if not sentence.strip():
                before, sentence, after = "", row["sentence"], ""
            claim = {
                **row,
                "title": _claim_title(row),
                "place_id": _place_id(row),
                "before": before,
                "highlight": sentence,
                "after": after,
                "next_id": rows[position + 1]["id"] if position + 1 < len(rows) else "",
                "form": form_values(row),
                "link": row["url"] if is_web_url(row["url"]) else "",
                # who said it: the canonical claimant (the loader's claimants lexicon); its phrase beside it
                "claimant": row.get("claimant")
                if isinstance(row.get("claimant"), str) and row["claimant"]
                else "not stated",
                # the phrase as written; a claim with none has a missing value (NaN), never shown as "nan"
                "attribution": row["attribution"] if isinstance(row.get("attribution"), str) else "",
            }
            if not groups or groups[-1]["article_id"] != row["article_id"]:
                article_new = int(new_per_article.get(row["article_id"], 0))
                groups.append(
                    {
                        "article_id": row["article_id"],
                        "outlet": row["outlet"] or "source",
                        "published": row["published"],
                        "link": claim["link"],
                        "new": article_new,
                        "source": row["source"],
                        "claims": [],
                    }
                )
            groups[-1]["claims"].append(claim)
        outlets = per_frame(frame, "outlets", lambda f: sorted({o for o in _column(f, "outlet") if o}))
        query = {k: v for k, v in filters.items() if v}
        return render(
            "queue.html",
            groups=groups,
            filters=filters,
            outlets=outlets,
            states=(*STATES, "all"),
            total=total,
            shown=len(shown),
            return_to=flask.request.full_path.rstrip("?"),
            orders=ORDERS,
            scored=has_scores(frame),
            counts=queue_counts(frame),
            paged=bool(after),
            next_url=f"{base}?{urlencode({**query, 'after': next_cursor})}" if next_cursor else "",
            first_url=f"{base}?{urlencode(query)}",
            actors=[(a, ACTOR_NAMES[a]) for a in ACTORS],
            actions=list(ACTIONS),
            confirmed_values=CONFIRMED_VALUES,
            oblasts=sorted(gazetteer().oblasts.items(), key=lambda item: item[1].name),
        )

    @server.route(f"{base}/login", methods=["GET", "POST"], endpoint="review_login")
    def review_login():
        if not editing.configured():
            return render("not_configured.html")
        if flask.request.method == "GET":
            return render("login.html")
        check_csrf()
        result = editing.login(flask.request.form.get("name", ""), flask.request.form.get("password", ""))
        if result.editor is None:
            return render(
                "login.html",
                status=result.status,
                problem=result.message,
                name=flask.request.form.get("name", "")[:200],
            )
        return flask.redirect(base, 303)

    @server.route(f"{base}/logout", methods=["POST"], endpoint="review_logout")
    def review_logout():
        check_csrf()
        editing.logout(everywhere=flask.request.form.get("everywhere") == "1")
        return flask.redirect(f"{base}/login", 303)

    @server.route(f"{base}/decide", methods=["POST"], endpoint="review_decide")
    def review_decide():
        editor = require_editor()
        check_csrf()
        form = flask.request.form
        event_id, decision = form.get("event_id", ""), form.get("decision", "")
        note = form.get("note", "").strip()[:2000]
        if not _DIGITS.match(event_id) or decision not in ("confirm", "reject", "correct"):
            flask.abort(400, "event_id: a claim's number, and decision: confirm, reject or correct")
        with editing.engine.begin() as conn:
            article_id = article_of_event(conn, int(event_id))
            if article_id is None:
                flask.abort(404, f"There is no claim {event_id} (re-read or removed): reload the queue.")
            extracted = article_events(conn, article_id).set_index("id").loc[int(event_id)].to_dict()
            key = extracted["event_key"]
            if decision == "correct":
                changes, before, problems = correction(extracted, form)
                if not note:
                    problems.append("note: say why the claim is corrected")
                if problems:  # refused, nothing stored: 400 naming each field and its problem
                    return render(
                        "message.html",
                        status=400,
                        heading=f"Claim {event_id} not corrected",
                        text="; ".join(problems) + ". Go back, fix the form and save again.",
                    )
                state = "corrected" if changes else "confirmed"
            else:
                changes, state = {}, "confirmed" if decision == "confirm" else "rejected"
                before = {name: extracted.get(name) for name in ("actor", "action", "place_name", "event_date")}
                before = {k: (None if pd.isna(v) else v) for k, v in before.items()}
            records.add_revision(
                conn,
                event_key=key,
                state=state,
                changes=changes,
                extracted=before,
                note=note,
                editor=editor,
                remote_addr=flask.request.remote_addr or "",
            )
        flask.flash(f"Claim {event_id} {state}.", "done")
        return flask.redirect(back(), 303)

    @server.route(f"{base}/confirm-article", methods=["POST"], endpoint="review_confirm_article")
    def review_confirm_article():
        editor = require_editor()
        check_csrf()
        article_id = flask.request.form.get("article_id", "")
        if not _DIGITS.match(article_id):
            flask.abort(400, "article_id: an article's number")
        note = flask.request.form.get("note", "").strip()[:2000]
        current = desk_frame()
        new_keys = set(
            current.loc[(current["article_id"] == int(article_id)) & (current["review_state"] == "new"), "event_key"]
        )
        confirmed = 0
        with editing.engine.begin() as conn:
            for _, row in article_events(conn, int(article_id)).iterrows():
                if row["event_key"] in new_keys:
                    before = {
                        name: (None if pd.isna(row[name]) else row[name])
                        for name in ("actor", "action", "place_name", "event_date")
                    }
                    records.add_revision(
                        conn,
                        event_key=row["event_key"],
                        state="confirmed",
                        changes={},
                        extracted=before,
                        note=note,
                        editor=editor,
                        remote_addr=flask.request.remote_addr or "",
                    )
                    confirmed += 1
        flask.flash(f"{confirmed} claim(s) of the article confirmed.", "done")
        return flask.redirect(back(), 303)

    @server.route(f"{base}/history/<int:event_id>", methods=["GET"], endpoint="review_history")
    def review_history(event_id: int):
        require_editor()
        with source.reader.engine.connect() as conn:
            article_id = article_of_event(conn, event_id)
            if article_id is None:
                flask.abort(404, f"There is no claim {event_id}.")
            row = article_events(conn, article_id).set_index("id").loc[event_id]
            decisions = records.history(conn, row["event_key"])
        return render(
            "history.html",
            event_id=event_id,
            sentence=row["sentence"],
            key=row["event_key"],
            title=_claim_title({**row.to_dict(), "oblast_name": ""}),
            decisions=decisions,
        )

    def require_admin() -> str:
        editor = require_editor()
        with editing.engine.connect() as conn:
            if records.editor_role(conn, editor) != "admin":
                flask.abort(403, "Only an admin may manage accounts or read every editor's audit trail.")
        return editor

    @server.route(f"{base}/accounts", methods=["GET", "POST"], endpoint="review_accounts")
    def review_accounts():
        admin = require_admin()
        problems = []
        if flask.request.method == "POST":
            check_csrf()
            form = flask.request.form
            name, action = form.get("name", "").strip()[:200], form.get("action", "")
            with editing.engine.begin() as conn:
                known = name in records.editor_names(conn)
                if not known:
                    problems.append(f"name: there is no account {name!r}")
                elif action in ("disable", "enable"):
                    if name == admin and action == "disable":
                        problems.append("name: an admin cannot disable their own account")
                    else:
                        records.set_disabled(conn, name, action == "disable", by=admin)
                elif action == "role" and form.get("role") in ROLES:
                    records.set_role(conn, name, form["role"], by=admin)
                elif action == "reset-password":
                    password = form.get("password", "")
                    if len(password) < MIN_PASSWORD:
                        problems.append(f"password: at least {MIN_PASSWORD} characters")
                    else:
                        records.set_editor(conn, name, hash_password(password), by=admin)
                else:
                    problems.append("action: disable, enable, role (editor or admin) or reset-password")
            if not problems:
                flask.flash(f"Account {name}: {action} done.", "done")
                return flask.redirect(f"{base}/accounts", 303)
        with editing.engine.connect() as conn:
            listed = records.accounts(conn)
        return render("accounts.html", status=400 if problems else 200, accounts=listed, roles=ROLES, problems=problems)

    @server.route(f"{base}/audit", methods=["GET"], endpoint="review_audit")
    def review_audit():
        editor = require_editor()
        with editing.engine.connect() as conn:
            admin = records.editor_role(conn, editor) == "admin"
            rows = records.audit_rows(conn, None if admin else editor)
        return render("audit.html", rows=rows, everyone=admin)

    @server.route(f"{base}/revisions.csv", methods=["GET"], endpoint="review_revisions_csv")
    def review_revisions_csv():
        require_editor()
        with source.reader.engine.connect() as conn:
            frame = records.all_revisions(conn)
        buffer = io.StringIO()
        # no cell runs as a formula in a spreadsheet; CRLF lines (RFC 4180) quote a cell's carriage return
        spreadsheet_safe(frame).to_csv(buffer, index=False, lineterminator="\r\n")
        response = flask.make_response(buffer.getvalue())
        response.headers["Content-Type"] = "text/csv; charset=utf-8"
        response.headers["Content-Disposition"] = "attachment; filename=revisions.csv"
        return response

    @server.route(f"{base}/article", methods=["GET", "POST"], endpoint="review_article")
    def review_article():
        from dashboard.loader.ingest import extract_one, store_one
        from dashboard.loader.read import ArticleProblem, read_record

        editor = require_editor()
        form = {name: flask.request.form.get(name, "") for name in ("text", "published", "outlet", "url")}
        if flask.request.method == "GET":
            return render("article.html", form=form, claims=None, problems=[])
        check_csrf()
        problems = []
        if form["url"].strip() and not is_web_url(form["url"].strip()):
            problems.append(f"url: {form['url'].strip()[:200]!r} is not an http or https address")
        article = read_record(f"pasted by {editor}", {**form, "url": form["url"].strip()}, None, max_article_bytes)
        if isinstance(article, ArticleProblem):
            problems.append(article.problem)
        if problems:
            return render("article.html", status=400, form=form, claims=None, problems=problems)
        extraction = extract_one(article)
        if isinstance(extraction, str):
            return render(
                "article.html",
                status=400,
                form=form,
                claims=None,
                problems=[f"could not be read for claims ({extraction})"],
            )
        claims = [
            _claim_title(
                {**event.as_row(), "oblast_name": gazetteer().oblast_name(event.oblast_iso) if event.oblast_iso else ""}
            )
            + f" · “{event.sentence}”"
            for event in extraction.events
        ]
        report_day = extraction.report_day.isoformat()
        claim_form = {name: flask.request.form.get(name, "")[:2000] for name in (*ADDED_FIELDS, "note")}
        claim_form["date"] = claim_form["date"] or report_day
        claim_form["confirmed"] = claim_form["confirmed"] or "unknown"
        used = {(e.sentence_start, e.sentence_end) for e in extraction.events}
        paragraphs: list[list] = []
        for sentence in sentences(article.text, used):
            if len(paragraphs) <= sentence.paragraph:
                paragraphs.append([])
            paragraphs[-1].append(sentence)
        preview = {
            "form": form,
            "claims": claims,
            "paragraphs": paragraphs,
            "claim_form": claim_form,
            "warnings": article.warnings + extraction.warnings,
            **claim_form_context(),
        }
        out_of_bounds = [
            f"claim {n} refused: {'; '.join(problems)}"
            for n, event in enumerate(extraction.events, 1)
            if (problems := event_problems(event))
        ]
        if out_of_bounds:  # the schema's bounds (a count no war has): the editor fixes the text, nothing stored
            return render("article.html", status=400, problems=out_of_bounds, **preview)
        if flask.request.form.get("action") != "save":
            return render("article.html", problems=[], **preview)
        added = None
        if claim_form["span"]:
            added, claim_problems = added_claim(article.text, article.published.isoformat(), report_day, claim_form)
            if claim_problems:
                return render("article.html", status=400, problems=claim_problems, **preview)
        summary = store_one(article, extraction, store)
        with editing.engine.begin() as conn:
            records.record_audit(
                conn,
                editor,
                "article:add",
                {
                    "content_hash": article.content_hash,
                    "outlet": article.outlet,
                    "url": article.url,
                    "published": article.published.isoformat(),
                    "stored": summary.stored_articles,
                    "events": summary.events_stored,
                },
                flask.request.remote_addr or "",
            )
            if summary.stored_articles and added is not None:
                article_id = conn.execute(
                    select(articles_table.c.id).where(articles_table.c.content_hash == article.content_hash)
                ).scalar()
                store_added(conn, article_id, article.content_hash, added, editor, claim_form["note"].strip())
        if summary.stored_articles:
            flask.flash(
                f"Article stored with {summary.events_stored} claim(s), new in the queue"
                + (", and the claim you added." if added is not None else "."),
                "done",
            )
            return flask.redirect(base, 303)
        return render(
            "article.html",
            status=409,
            problems=["this text is stored already (the same article): nothing was added"],
            **preview,
        )

    def claim_form_context() -> dict:
        return {
            "actors": [(a, ACTOR_NAMES[a]) for a in ACTORS],
            "actions": list(ACTIONS),
            "confirmed_values": CONFIRMED_VALUES,
            "oblasts": sorted(gazetteer().oblasts.items(), key=lambda item: item[1].name),
        }

    def store_added(conn, article_id: int, content_hash: str, event: Event, editor: str, note: str) -> int:
        """An editor's claim, its revision (``added``) and its audit row, in the caller's transaction."""
        event_id = add_editor_event(conn, article_id, event, editor)
        key = article_events(conn, article_id).set_index("id").loc[event_id, "event_key"]
        records.add_revision(
            conn,
            event_key=key,
            state="added",
            changes={},
            extracted={},
            note=note,
            editor=editor,
            remote_addr=flask.request.remote_addr or "",
        )
        records.record_audit(
            conn,
            editor,
            "claim:add",
            {"event_id": event_id, "article_id": article_id, "content_hash": content_hash, **event.as_row()},
            flask.request.remote_addr or "",
        )
        return event_id

    def article_page(article_id: int, status: int = 200, problems=(), form=None):
        with source.reader.engine.connect() as conn:
            article = article_row(conn, article_id)
            if article is None:
                flask.abort(404, f"There is no article {article_id}.")
            extracted = article_events(conn, article_id)
        loader_spans = set(
            zip(
                extracted.loc[extracted["added_by"] == "", "sentence_start"].astype(int),
                extracted.loc[extracted["added_by"] == "", "sentence_end"].astype(int),
            )
        )
        paragraphs: list[list] = []
        for sentence in sentences(article["text"], loader_spans):
            if len(paragraphs) <= sentence.paragraph:
                paragraphs.append([])
            paragraphs[-1].append(sentence)
        frame = desk_frame()
        claims = [
            {**row, "title": _claim_title(row), "place_id": _place_id(row)}
            for row in frame[frame["article_id"] == article_id]
            .sort_values(["sentence_start", "id"])
            .to_dict(orient="records")
        ]
        form = form or {"date": article["report_day"], "confirmed": "unknown"}
        return render(
            "read.html",
            status=status,
            article=article,
            paragraphs=paragraphs,
            claims=claims,
            problems=list(problems),
            form=form,
            link=article["url"] if is_web_url(article["url"]) else "",
            **claim_form_context(),
        )

    @server.route(f"{base}/read/<int:article_id>", methods=["GET"], endpoint="review_read")
    def review_read(article_id: int):
        require_editor()
        return article_page(article_id)

    @server.route(f"{base}/read/<int:article_id>/claim", methods=["POST"], endpoint="review_add_claim")
    def review_add_claim(article_id: int):
        editor = require_editor()
        check_csrf()
        form = {name: flask.request.form.get(name, "")[:2000] for name in flask.request.form}
        with source.reader.engine.connect() as conn:
            article = article_row(conn, article_id)
        if article is None:
            flask.abort(404, f"There is no article {article_id}.")
        event, problems = added_claim(article["text"], article["published"], article["report_day"], form)
        if problems:
            return article_page(article_id, 400, problems, form)
        with editing.engine.begin() as conn:
            event_id = store_added(
                conn, article_id, article["content_hash"], event, editor, form.get("note", "").strip()
            )
        flask.flash(f"Claim {event_id} added: {_claim_title({**event.as_row(), 'oblast_name': ''})}.", "done")
        return flask.redirect(f"{base}/read/{article_id}", 303)

    @server.route(f"{base}/places.json", methods=["GET"], endpoint="review_places")
    def review_places():
        require_editor()
        oblast = flask.request.args.get("oblast", "")
        places = gazetteer().search(
            flask.request.args.get("q", "")[:100], oblast if oblast in gazetteer().oblasts else None
        )
        return flask.jsonify(
            [
                {
                    "name": p.name,
                    "oblast": p.oblast_iso,
                    "geonameid": p.geonameid,
                    "oblast_name": gazetteer().oblast_name(p.oblast_iso),
                }
                for p in places
            ]
        )

    @server.errorhandler(403)
    def _forbidden(error):
        if not flask.request.path.startswith(base):
            return error
        return render("message.html", status=403, heading="Not allowed", text=error.description)

    @server.errorhandler(400)
    def _bad_request(error):
        if not flask.request.path.startswith(base):
            return error
        return render("message.html", status=400, heading="Not understood", text=error.description)

    @server.before_request
    def _no_nul_bytes():
        """A NUL byte in any field (PostgreSQL refuses one in text): 400 naming the field, before any write."""
        if flask.request.path.startswith(base):
            for where in (flask.request.args, flask.request.form if flask.request.method == "POST" else None):
                for name, value in where.items(multi=True) if where is not None else ():
                    if "\x00" in value or "\x00" in name:
                        flask.abort(400, f"{name[:40]!r}: contains a NUL byte, which no text here may hold.")
        return None

    @server.errorhandler(SQLAlchemyError)
    @server.errorhandler(sqlite3.Error)
    @server.errorhandler(FileNotFoundError)  # the SQLite file is gone (the read-only engine's open)
    def _store_unavailable(error):
        """The store cannot be read or written now (PostgreSQL down, the SQLite file missing, the disk full):
        503 with a message; a write that failed was rolled back, so nothing is acknowledged that was not stored."""
        print(
            f"dashboard: {flask.request.method} {flask.request.path}: the store failed: "
            f"{str(error).splitlines()[0] if str(error) else type(error).__name__}",
            file=sys.stderr,
            flush=True,
        )
        text = (
            "The event database cannot be read or written now (it may be restarting, missing or out of "
            "space): nothing was saved. Try again in a moment; if this lasts, tell whoever runs the desk."
        )
        if not flask.request.path.startswith(base):
            return flask.Response(text + "\n", 503, mimetype="text/plain")
        page = _TEMPLATES.get_template("message.html").render(
            base=base,
            prefix=prefix,
            editor=None,
            csrf="",
            csrf_field=CSRF_FIELD,
            messages=[],
            heading="The database is unavailable",
            text=text,
        )
        return flask.Response(page, 503, headers={"Cache-Control": "no-store", "Retry-After": "5"})
