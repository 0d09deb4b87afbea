"""What the server promises every browser: the Content-Security-Policy and other headers, and a request size limit.

The policy lets a page load only what this app serves: no image, script,
style, font or connection to another host, whatever an article's text holds.
What Dash, plotly.js and AG Grid need beyond ``default-src 'self'`` was found
by loading the page in Chromium under the policy (tests/browser):

- ``script-src``: Dash's one inline script (``new DashRenderer()``), by its
  hash, not ``'unsafe-inline'``; no ``eval``.
- ``style-src 'unsafe-inline'``: plotly.js and AG Grid write ``<style>``
  elements and style attributes at run time (with ``'self'`` alone the page
  does not lay out). Styles cannot fetch from another host: ``default-src``
  still covers fonts and images they name.
- ``img-src blob:``: plotly.js draws the PNG download (Download PNG, the
  camera button) from the figure's SVG loaded as a blob: URL the page made
  itself; without it the download fails (test_png_button_downloads_the_view).
  ``data:`` as the issue asked; blob: and data: URLs are made by the page,
  never fetched from a host.

Requests larger than ``max_request_bytes`` are refused with 413 before they
are read (Flask's ``MAX_CONTENT_LENGTH``). ``check_dash_request`` answers 400
with a message, before Dash reads it, to a callback request that is not the
JSON object Dash's renderer sends (a list, no ``output``/``inputs``, an
output no callback has, arrays nested past ``MAX_JSON_DEPTH``), instead of
letting Dash fail with 500.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

import flask
from flask import Flask

MAX_JSON_DEPTH = 64  # the renderer's requests nest a few levels (a pattern id in a list in a dict)


def content_security_policy(frame_ancestors: str, script_hashes: Sequence[str]) -> str:
    directives = {
        "default-src": "'self'",
        "script-src": " ".join(["'self'", *script_hashes]),
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": frame_ancestors,
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def install(server: Flask, policy: str, max_request_bytes: int) -> None:
    """Send ``policy`` and ``nosniff`` with every response; refuse request bodies over the limit."""
    server.config["MAX_CONTENT_LENGTH"] = max_request_bytes

    @server.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = policy
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response


def _depth(value, limit: int) -> int:
    """How deep lists and dicts nest in ``value`` (counting stops past ``limit``), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, (list, dict)):
            deepest = max(deepest, level)
            if deepest > limit:
                return deepest
            stack.extend((child, level + 1) for child in (node.values() if isinstance(node, dict) else node))
    return deepest


def check_dash_request(callback_outputs) -> str | None:
    """Why the current ``_dash-update-component`` request is not one Dash's renderer sends, or None."""
    try:
        body = json.loads(flask.request.get_data(cache=True) or b"null")
    except (ValueError, RecursionError):
        return "the request body is not JSON"
    if not isinstance(body, dict):
        return "the request body is not a JSON object"
    if not isinstance(body.get("output"), str) or not isinstance(body.get("inputs"), list):
        return "the request has no 'output' text or no 'inputs' list"
    if body["output"] not in callback_outputs():
        return "the request names an output no callback has"
    for name in ("inputs", "state", "outputs", "changedPropIds"):
        if name in body and not isinstance(body[name], (list, dict)):
            return f"'{name}' is not a list"
    if _depth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
        return "the request nests deeper than any control's value"
    return None


def install_dash_checks(app) -> None:
    """400 with a message for a callback request Dash itself would answer 500 (``check_dash_request``)."""
    path = f"{app.config.requests_pathname_prefix}_dash-update-component"

    @app.server.before_request
    def _check():
        if flask.request.path == path and flask.request.method == "POST":
            problem = check_dash_request(lambda: app.callback_map)
            if problem:
                return flask.Response(f"Bad callback request: {problem}.\n", 400, mimetype="text/plain")
        return None
