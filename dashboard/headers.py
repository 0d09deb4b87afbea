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
are read (Flask's ``MAX_CONTENT_LENGTH``).
"""
from __future__ import annotations

from collections.abc import Sequence

from flask import Flask


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
