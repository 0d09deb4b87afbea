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
- ``review/revisions.csv`` (GET): every decision ever made;
- ``review/article`` (GET, POST): an editor pastes an article (text,
  publication date, outlet, URL), previews the claims the loader finds and
  saves them: the loader's own path (``read_record``, the extractor, the
  store's one transaction per article), its limits and messages.

Pages are Jinja2 templates with autoescaping: article text, outlets and
notes are data, never markup. No inline script: the Content-Security-Policy
of ``dashboard.headers`` applies unchanged. Every write needs an editor
(403 without) and the session's CSRF token (403 without), and is recorded
in the audit trail with its revision (``dashboard.review.records``).
"""
from __future__ import annotations

import io
import re
import sqlite3
import sys
from pathlib import Path

import flask
import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import SQLAlchemyError

from dashboard.callbacks import is_web_url
from dashboard.data import EventSource
from dashboard.figures import ACTION_LABELS, ACTOR_NAMES
from dashboard.geo import gazetteer
from dashboard.review import records
from dashboard.review.auth import CSRF_FIELD, Editing, check_csrf, csrf_token
from dashboard.review.corrections import correction, form_values
from dashboard.review.view import STATES
from dashboard.schema import ACTIONS, ACTORS, CONFIRMED_VALUES, event_problems
from dashboard.store import Store, article_events, article_of_event, article_texts, spreadsheet_safe

HERE = Path(__file__).resolve().parent
QUEUE_LIMIT = 60           # claims on one page of the queue
PARAGRAPH_CHARS = 700      # at most this much of the paragraph either side of the sentence
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


def queue_filters(args) -> dict[str, str]:
    """The queue's filters from a query string, each checked (anything else falls back to its default)."""
    state = args.get("state", "new")
    return {"state": state if state in (*STATES, "all") else "new",
            "outlet": args.get("outlet", "")[:200],
            "since": args.get("since", "") if _DAY.match(args.get("since", "")) else "",
            "until": args.get("until", "") if _DAY.match(args.get("until", "")) else ""}


def queue(frame: pd.DataFrame, filters: dict[str, str]) -> pd.DataFrame:
    """The claims the filters keep, newest article first, in reading order within an article."""
    keep = pd.Series(True, index=frame.index)
    if filters["state"] != "all":
        keep &= frame["review_state"] == filters["state"]
    if filters["outlet"]:
        keep &= frame["outlet"] == filters["outlet"]
    if filters["since"]:
        keep &= frame["date_end"] >= filters["since"]
    if filters["until"]:
        keep &= frame["date_start"] <= filters["until"]
    return frame[keep].sort_values(["published", "article_id", "sentence_start", "id"],
                                   ascending=[False, False, True, True], kind="stable")


def _claim_title(row) -> str:
    place = row["place_name"] or "(no place named)"
    oblast = f" ({row['oblast_name']})" if row.get("oblast_name") else ""
    return f"{row['event_date']} · {ACTOR_NAMES.get(row['actor'], row['actor'])} " \
           f"{ACTION_LABELS.get(row['action'], row['action'])} {place}{oblast}"


def install(server: flask.Flask, prefix: str, source: EventSource, editing: Editing, store: Store,
            max_article_bytes: int) -> None:
    base = f"{prefix}review"

    def render(template: str, status: int = 200, **context):
        page = _TEMPLATES.get_template(template).render(
            base=base, prefix=prefix, editor=editing.editor(), csrf=csrf_token(), csrf_field=CSRF_FIELD,
            messages=flask.get_flashed_messages(with_categories=True), **context)
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
        if not target.startswith(base) or "//" in target or "\\" in target \
                or any(ord(c) < 33 or ord(c) == 127 for c in target):   # CR/LF would split the Location header
            target = default or base
        after = flask.request.form.get("next_id", "")
        return target + (f"#claim-{after}" if _DIGITS.match(after) else "")

    def desk_frame() -> pd.DataFrame:
        return source.desk_frame()   # fresh: an editor sees their own decision at once

    @server.route(base, methods=["GET"], endpoint="review_queue")
    def review_queue():
        if not editing.configured():
            return render("not_configured.html")
        editor = editing.editor()
        if editor is None:
            return flask.redirect(f"{base}/login")
        filters = queue_filters(flask.request.args)
        frame = desk_frame()
        chosen = queue(frame, filters)
        shown = chosen.head(QUEUE_LIMIT)
        with source.reader.engine.connect() as conn:
            texts = article_texts(conn, sorted(set(shown["article_id"].tolist())))
        groups = []
        rows = shown.to_dict(orient="records")
        for position, row in enumerate(rows):
            text = texts.get(row["article_id"], "")
            before, sentence, after = paragraph(text, int(row["sentence_start"]), int(row["sentence_end"]))
            if not sentence.strip():
                before, sentence, after = "", row["sentence"], ""
            claim = {**row, "title": _claim_title(row), "before": before, "highlight": sentence, "after": after,
                     "next_id": rows[position + 1]["id"] if position + 1 < len(rows) else "",
                     "form": form_values(row), "link": row["url"] if is_web_url(row["url"]) else ""}
            if not groups or groups[-1]["article_id"] != row["article_id"]:
                article_new = int(((frame["article_id"] == row["article_id"]) &
                                   (frame["review_state"] == "new")).sum())
                groups.append({"article_id": row["article_id"], "outlet": row["outlet"] or "source",
                               "published": row["published"], "link": claim["link"], "new": article_new,
                               "source": row["source"], "claims": []})
            groups[-1]["claims"].append(claim)
        outlets = sorted({o for o in frame["outlet"].tolist() if o})
        return render("queue.html", groups=groups, filters=filters, outlets=outlets, states=(*STATES, "all"),
                      total=len(chosen), shown=len(shown), return_to=flask.request.full_path.rstrip("?"),
                      actors=[(a, ACTOR_NAMES[a]) for a in ACTORS], actions=list(ACTIONS),
                      confirmed_values=CONFIRMED_VALUES,
                      oblasts=sorted(gazetteer().oblasts.items(), key=lambda item: item[1].name))

    @server.route(f"{base}/login", methods=["GET", "POST"], endpoint="review_login")
    def review_login():
        if not editing.configured():
            return render("not_configured.html")
        if flask.request.method == "GET":
            return render("login.html")
        check_csrf()
        result = editing.login(flask.request.form.get("name", ""), flask.request.form.get("password", ""))
        if result.editor is None:
            return render("login.html", status=result.status, problem=result.message,
                          name=flask.request.form.get("name", "")[:200])
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
                if problems:   # refused, nothing stored: 400 naming each field and its problem
                    return render("message.html", status=400, heading=f"Claim {event_id} not corrected",
                                  text="; ".join(problems) + ". Go back, fix the form and save again.")
                state = "corrected" if changes else "confirmed"
            else:
                changes, state = {}, "confirmed" if decision == "confirm" else "rejected"
                before = {name: extracted.get(name) for name in ("actor", "action", "place_name", "event_date")}
                before = {k: (None if pd.isna(v) else v) for k, v in before.items()}
            records.add_revision(conn, event_key=key, state=state, changes=changes, extracted=before, note=note,
                                 editor=editor, remote_addr=flask.request.remote_addr or "")
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
        new_keys = set(current.loc[(current["article_id"] == int(article_id)) &
                                   (current["review_state"] == "new"), "event_key"])
        confirmed = 0
        with editing.engine.begin() as conn:
            for _, row in article_events(conn, int(article_id)).iterrows():
                if row["event_key"] in new_keys:
                    before = {name: (None if pd.isna(row[name]) else row[name])
                              for name in ("actor", "action", "place_name", "event_date")}
                    records.add_revision(conn, event_key=row["event_key"], state="confirmed", changes={},
                                         extracted=before, note=note, editor=editor,
                                         remote_addr=flask.request.remote_addr or "")
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
        return render("history.html", event_id=event_id, sentence=row["sentence"], key=row["event_key"],
                      title=_claim_title({**row.to_dict(), "oblast_name": ""}), decisions=decisions)

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
            return render("article.html", status=400, form=form, claims=None,
                          problems=[f"could not be read for claims ({extraction})"])
        claims = [_claim_title({**event.as_row(), "oblast_name": gazetteer().oblast_name(event.oblast_iso)
                                if event.oblast_iso else ""}) + f" · “{event.sentence}”"
                  for event in extraction.events]
        out_of_bounds = [f"claim {n} refused: {'; '.join(problems)}" for n, event in
                         enumerate(extraction.events, 1) if (problems := event_problems(event))]
        if out_of_bounds:   # the schema's bounds (a count no war has): the editor fixes the text, nothing stored
            return render("article.html", status=400, form=form, claims=claims, problems=out_of_bounds)
        if flask.request.form.get("action") != "save":
            return render("article.html", form=form, claims=claims, problems=[], warnings=article.warnings
                          + extraction.warnings)
        summary = store_one(article, extraction, store)
        with editing.engine.begin() as conn:
            records.record_audit(conn, editor, "article:add", {
                "content_hash": article.content_hash, "outlet": article.outlet, "url": article.url,
                "published": article.published.isoformat(), "stored": summary.stored_articles,
                "events": summary.events_stored}, flask.request.remote_addr or "")
        if summary.stored_articles:
            flask.flash(f"Article stored with {summary.events_stored} claim(s), new in the queue.", "done")
            return flask.redirect(base, 303)
        return render("article.html", status=409, form=form, claims=claims,
                      problems=["this text is stored already (the same article): nothing was added"])

    @server.route(f"{base}/static/<name>", methods=["GET"], endpoint="review_static")
    def review_static(name: str):
        if name not in ("review.js", "review.css"):
            flask.abort(404)
        return flask.send_from_directory(HERE / "static", name, max_age=300)

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
    @server.errorhandler(FileNotFoundError)   # the SQLite file is gone (the read-only engine's open)
    def _store_unavailable(error):
        """The store cannot be read or written now (PostgreSQL down, the SQLite file missing, the disk full):
        503 with a message; a write that failed was rolled back, so nothing is acknowledged that was not stored."""
        print(f"dashboard: {flask.request.method} {flask.request.path}: the store failed: "
              f"{str(error).splitlines()[0] if str(error) else type(error).__name__}", file=sys.stderr, flush=True)
        text = ("The event database cannot be read or written now (it may be restarting, missing or out of "
                "space): nothing was saved. Try again in a moment; if this lasts, tell whoever runs the desk.")
        if not flask.request.path.startswith(base):
            return flask.Response(text + "\n", 503, mimetype="text/plain")
        page = _TEMPLATES.get_template("message.html").render(
            base=base, prefix=prefix, editor=None, csrf="", csrf_field=CSRF_FIELD, messages=[],
            heading="The database is unavailable", text=text)
        return flask.Response(page, 503, headers={"Cache-Control": "no-store", "Retry-After": "5"})
