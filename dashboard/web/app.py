"""The Dash app factory: URL prefix, local assets only, security headers, health endpoint, ``server`` for gunicorn.

``create_app(settings)`` builds the app over the database in ``settings``;
the dashboard only reads it (see ``dashboard.web.source``).
``gunicorn dashboard.web.app:server`` serves the app configured from environment
variables (see ``dashboard.config``); the seed articles are loaded on first
start when there is no database yet and its folder can be written.

With ``CONFLICT_MAP_REVIEW=on`` the app also serves the review page
(``dashboard.review.pages``) and opens a writer connection for editors'
decisions; readers get the reader view by default (``dashboard.review.view``).

``{prefix}health`` answers 200 with the article and event counts when the
database can be read, 503 with the reason when it cannot (for the proxy and
for monitoring); ``feeds_failing`` lists the news feeds whose pulls have
failed for more than a day (``dashboard.store.feeds.failing_feeds``).
"""

from __future__ import annotations

import os
import sys

from dash import Dash
from flask import jsonify

from dashboard.config import PROJECT_ROOT, Settings
from dashboard.store.engines import Target
from dashboard.web import callbacks, headers
from dashboard.web.layout import page
from dashboard.web.serving import CachingDash, install_compression
from dashboard.web.source import READ_ERRORS, EventSource

ASSETS = PROJECT_ROOT / "assets"


def create_app(
    settings: Settings | None = None, source: EventSource | None = None, static: bool = False, embed: bool = False
) -> Dash:
    """The app; ``static``: the page for the static publish (``dashboard.publish``): only the callbacks that
    run in the browser, asset paths relative to the page, ``embed`` fixed (there is no server to read the URL)."""
    settings = settings or Settings()
    source = source or EventSource(settings.db, settings.reload_seconds, review=settings.review)

    def layout_key():
        """What the page shows: the data's version and the notice (the layout is rebuilt when either changes)."""
        return source.index().version, source.notice()

    app = CachingDash(
        __name__,
        layout_key=layout_key,
        on_build=source.note_layout_cost,
        title="Conflict map",
        update_title=None,
        assets_folder=str(ASSETS),
        url_base_pathname=settings.prefix,
        serve_locally=True,
        compress=False,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
        # Without this Dash builds the layout at start-up and embeds that copy (155 KB with the map) in every
        # page as its "validation layout". tests/test_app.py checks what it checked: every callback names
        # components and properties of the page.
        suppress_callback_exceptions=True,
    )
    if not static:
        source.on_rebuilt.append(app.prepare_layout)  # the new layout built beside the new views, not by a reader
    # the page's language, for screen readers' pronunciation (WCAG 3.1.1); the rest of Dash's template as it is
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    if static:
        app.layout = lambda: page(source.index(), source.geojson, "./", static=True, embed=embed)
        callbacks.register_static(app)
    else:
        app.layout = lambda: page(source.index(), source.geojson, settings.prefix, source.notice())
        callbacks.register(app, source)
    install_compression(app.server)
    headers.install(
        app.server,
        headers.content_security_policy(settings.frame_ancestors, app.csp_hashes()),
        settings.max_request_bytes,
    )
    headers.install_dash_checks(app)

    def health():
        status, body = source.health()
        response = jsonify(body)
        response.status_code = status
        response.headers["Cache-Control"] = "no-store"
        return response

    app.server.add_url_rule(f"{settings.prefix}health", "conflict_map_health", health)
    if settings.review and not static:  # the static page has no server: no sessions, no writer, no key file
        install_review(app.server, settings, source)
    else:  # a place's claim history is for every instance; editors' pages only with review
        from dashboard.review.pages import install_place

        install_place(app.server, settings.prefix, source, None)
    app.conflict_map_settings = settings
    return app


def install_review(server, settings: Settings, source: EventSource) -> None:
    """The review page and editors' sessions: a writer engine (the tables migrated), the signing key, cookies."""
    from datetime import timedelta

    from dashboard.review import pages
    from dashboard.review.auth import Editing, SessionInterface, secret_key
    from dashboard.review.view import EDITING_EXTENSION
    from dashboard.store.rows import Store

    store = Store(source.target)  # the writer: migrates the database to the review's tables
    engine = store.engine
    server.secret_key = secret_key(settings.secret_file)
    server.config.update(
        SESSION_COOKIE_NAME="conflict_map_session",
        SESSION_COOKIE_PATH=settings.prefix,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=timedelta(minutes=settings.session_minutes),
    )
    editing = Editing(
        engine,
        settings.trusted_proxies,
        settings.user_header,
        settings.session_minutes,
        read_engine=source.reader.engine,
        secure_cookie=settings.secure_cookie,
    )
    server.session_interface = SessionInterface(editing)  # the cookie's Secure flag per request
    server.extensions[EDITING_EXTENSION] = editing  # the desk's view only for editors (callbacks.page_view)
    pages.install(server, settings.prefix, source, editing, store, settings.max_article_bytes)
    from dashboard.review import feeds

    feeds.install(server, settings.prefix, source.reader.engine, editing)


def ensure_seeded(settings: Settings) -> None:
    """Ingest the seed articles when the database has no articles yet and can be written.

    A SQLite file: when it is missing (or has no articles) and its folder can be written; an existing file is
    only opened read-only here, and a missing one in a folder that cannot be written is reported (the page
    says so until the loader writes it). PostgreSQL: when the database has no articles (its tables are
    created if need be); a server that cannot be reached, or refuses to write, is reported.
    """
    from dashboard.store.rows import read_counts

    target = Target.parse(settings.db)
    try:
        if read_counts(target)["articles"]:
            return
    except FileNotFoundError:
        pass
    except READ_ERRORS as error:
        if not target.is_postgres:
            print(
                f"dashboard: database {target} cannot be read ({error}); not loading the seed articles",
                file=sys.stderr,
                flush=True,
            )
            return  # PostgreSQL: maybe no tables yet; the Store below creates them
    if not settings.seeds_dir.is_dir():
        return
    if not target.is_postgres:
        path = target.path
        folder = next((p for p in (path.parent, *path.parent.parents) if p.exists()), path.parent)
        if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            if not path.exists():
                print(
                    f"dashboard: database {path} does not exist, and {folder} cannot be written to create it: "
                    f"the page shows no claims until the loader writes it "
                    f"(python -m dashboard.loader ingest ARTICLES --db {path})",
                    file=sys.stderr,
                    flush=True,
                )
            return
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    try:
        with Store(target) as store:
            if store.counts()["articles"] == 0:
                summary = ingest([settings.seeds_dir], store)
                print(
                    f"loaded seed articles into {target}: "
                    f"{summary.stored_articles} articles, {summary.events_stored} events",
                    flush=True,
                )
    except READ_ERRORS as error:
        print(
            f"dashboard: could not load the seed articles into {target} ({str(error).splitlines()[0]})",
            file=sys.stderr,
            flush=True,
        )


def __getattr__(name: str):
    """``dashboard.web.app:server`` for gunicorn, built on first access from the environment."""
    if name == "server":
        settings = Settings()
        ensure_seeded(settings)
        return create_app(settings).server
    raise AttributeError(name)
