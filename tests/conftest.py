"""Shared pytest configuration: warning filters and the test-output folder."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"


def pytest_configure(config):
    for line in ("ignore::DeprecationWarning", "ignore::pytest.PytestRemovedIn10Warning"):
        config.addinivalue_line("filterwarnings", line)


@pytest.fixture(scope="session")
def output_dir() -> Path:
    """Folder for artefacts a person should look at (screenshots, PNGs)."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """A real SQLite file with the seed articles ingested by the loader."""
    from dashboard.loader.ingest import ingest
    from dashboard.store import Store
    path = tmp_path_factory.mktemp("db") / "events.db"
    with Store(path) as store:
        summary = ingest([ROOT / "seeds"], store)
    assert summary.stored_articles == 2
    return path


@pytest.fixture(scope="session")
def seeded_index(seeded_db):
    from dashboard.data import EventSource
    return EventSource(seeded_db).index()
