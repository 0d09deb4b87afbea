"""Review views read from a database: the store's extraction with the newsroom's decisions applied above it.

The store (``dashboard.store.rows``) returns the events as extracted and the latest decisions; which of them a reader,
the desk or an instance without review sees is decided here, by ``dashboard.review.view.effective_events``. The
map, the table, the PNG, the static publish and the CSV/GeoJSON exports all get their frame this way.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from sqlalchemy.engine import Connection

from dashboard.review.view import ALL, effective_events
from dashboard.store.engines import Target
from dashboard.store.rows import Store, empty_decisions, events_frame, latest_decisions, read_extraction
from dashboard.store.rows import empty_events as empty_extraction


def events_for_view(conn: Connection, view: str = ALL) -> pd.DataFrame:
    """The events a review view shows (``reader``, ``desk`` or ``all``), read on one connection."""
    return effective_events(events_frame(conn), latest_decisions(conn), view)


def store_events(store: Store, view: str = ALL) -> pd.DataFrame:
    """The events of a review view of a store the caller has open."""
    with store.engine.connect() as conn:
        return events_for_view(conn, view)


def read_events(target: str | Path | Target, view: str = ALL) -> pd.DataFrame:
    """The events of a review view of a database, read-only (one-off reads; the dashboard keeps a Reader)."""
    return effective_events(*read_extraction(target), view)


def empty_events() -> pd.DataFrame:
    """A view with no rows: the columns and types of any view (what the page shows before a database is read)."""
    return effective_events(empty_extraction(), empty_decisions(), ALL)
