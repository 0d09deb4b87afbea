"""The desk's feeds page, ``{prefix}review/feeds`` (editors only): each news feed the loader pulls, with its last
success, last error and its time, failures in a row, the next pull, and items seen and stored.

A small page of its own beside the review queue (``dashboard.review.pages``), from the same templates folder
and base; it only reads the store (``dashboard.store.feeds.feed_rows``), which ``python -m dashboard.loader pull``
writes. A database the loader has not pulled into yet has no feeds: the page says so.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import flask
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.exc import SQLAlchemyError

from dashboard.review.auth import CSRF_FIELD, Editing, csrf_token
from dashboard.store.feeds import feed_rows, iso

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).resolve().parent / "templates"), autoescape=select_autoescape(default=True)
)
FAILING_FOR = timedelta(days=1)  # the same threshold as the health endpoint's


def install(server: flask.Flask, prefix: str, engine, editing: Editing) -> None:
    base = f"{prefix}review"

    @server.route(f"{base}/feeds", methods=["GET"], endpoint="review_feeds")
    def review_feeds():
        if not editing.configured():
            flask.abort(403, "No editor is configured.")
        editor = editing.editor()
        if editor is None:
            return flask.redirect(f"{base}/login")
        try:
            with engine.connect() as conn:
                rows = feed_rows(conn)
        except SQLAlchemyError:
            rows = []
        long_ago = iso(datetime.now(UTC) - FAILING_FOR)
        for row in rows:
            row["failing_long"] = bool(row["failing_since"] and row["failing_since"] < long_ago)
        page = _TEMPLATES.get_template("feeds.html").render(
            base=base, prefix=prefix, editor=editor, csrf=csrf_token(), csrf_field=CSRF_FIELD, messages=[], feeds=rows
        )
        response = flask.make_response(page, 200)
        response.headers["Cache-Control"] = "no-store"
        return response
