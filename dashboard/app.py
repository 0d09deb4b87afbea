"""The Dash app factory: URL prefix, local assets only, CSP frame-ancestors, and ``server`` for gunicorn.

``create_app(settings)`` builds the app over the database in ``settings``.
``gunicorn dashboard.app:server`` serves the app configured from environment
variables (see ``dashboard.config``); the seed articles are loaded into an
empty database on first start.
"""
from __future__ import annotations

from dash import Dash

from dashboard import callbacks
from dashboard.config import PROJECT_ROOT, Settings
from dashboard.data import EventSource
from dashboard.layout import page

ASSETS = PROJECT_ROOT / "assets"


def create_app(settings: Settings | None = None, source: EventSource | None = None) -> Dash:
    settings = settings or Settings()
    source = source or EventSource(settings.db_path)
    app = Dash(
        __name__, title="Conflict map", update_title=None, assets_folder=str(ASSETS),
        url_base_pathname=settings.prefix, serve_locally=True, compress=False,
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"}],
    )
    app.layout = lambda: page(source.index(), source.geojson, settings.prefix)
    callbacks.register(app, source)

    @app.server.after_request
    def _headers(response):
        response.headers["Content-Security-Policy"] = f"frame-ancestors {settings.frame_ancestors}"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    app.conflict_map_settings = settings
    return app


def ensure_seeded(settings: Settings) -> None:
    """Ingest the seed articles when the database has no article yet."""
    from dashboard.loader.ingest import ingest
    from dashboard.store import Store
    with Store(settings.db_path) as store:
        if store.counts()["articles"] == 0 and settings.seeds_dir.is_dir():
            summary = ingest([settings.seeds_dir], store)
            print(f"loaded seed articles into {settings.db_path}: "
                  f"{summary.stored_articles} articles, {summary.events_stored} events")


def __getattr__(name: str):
    """``dashboard.app:server`` for gunicorn, built on first access from the environment."""
    if name == "server":
        settings = Settings()
        ensure_seeded(settings)
        return create_app(settings).server
    raise AttributeError(name)
