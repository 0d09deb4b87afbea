"""Shared pytest configuration: warning filters, the test-output folder, and the databases tests run against.

Store and loader tests take ``new_database`` (or ``store``): parametrised over
both engines, so each runs once on a SQLite file and once on a real
PostgreSQL server (a throwaway cluster started once per session, see
``tests/postgres.py``). Without PostgreSQL's programs the PostgreSQL half is
skipped, saying what to install.
"""
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


ENGINES = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def postgres_cluster():
    """A PostgreSQL server for this test session, stopped and deleted at its end."""
    from tests.postgres import Cluster, find_binaries
    binaries = find_binaries()
    if binaries is None:
        pytest.skip("PostgreSQL is not installed (no initdb/pg_ctl): run 'bash .ci/setup', or "
                    "'apt-get install postgresql', to run the PostgreSQL half of the store tests")
    cluster = Cluster(binaries)
    yield cluster
    cluster.stop()


@pytest.fixture(params=ENGINES)
def engine_name(request) -> str:
    return request.param


@pytest.fixture
def new_database(engine_name, request, tmp_path):
    """A function returning a new empty database of this test's engine each time: a SQLite path or a URL."""
    if engine_name == "postgresql":
        cluster = request.getfixturevalue("postgres_cluster")
        return cluster.create_database
    names = iter(range(1_000_000))
    return lambda: str(tmp_path / f"events{next(names)}.db")


@pytest.fixture
def store(new_database):
    from dashboard.store import Store
    with Store(new_database()) as s:
        yield s


@pytest.fixture(scope="session")
def seeded_pg(postgres_cluster) -> str:
    """A PostgreSQL database with the seed articles ingested by the loader (its URL)."""
    from dashboard.loader.ingest import ingest
    from dashboard.store import Store
    url = postgres_cluster.create_database("seeded")
    with Store(url) as store:
        assert ingest([ROOT / "seeds"], store).stored_articles == 2
    return url


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
