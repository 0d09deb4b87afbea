"""Shared pytest configuration: warning filters, the test-output folder, and the databases tests run against.

Store and loader tests take ``new_database`` (or ``store``): parametrised over
both engines, so each runs once on a SQLite file and once on a real
PostgreSQL server (a throwaway cluster started once per session, see
``tests/postgres.py``). Without PostgreSQL's programs the PostgreSQL half is
skipped, saying what to install.

Markers (registered in pyproject.toml) are set here by folder, module and parameter, so a test file need not say
them: ``browser`` (tests/browser/ and the PNG export, headless Chromium), ``postgres`` (the PostgreSQL half of
each store test, and tests taking the PostgreSQL fixtures), ``slow`` (the modules below, each over a few seconds
here). The fast tier is ``-m "not browser and not postgres and not slow"``.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"


# modules and fixtures driving Chromium outside tests/browser/
BROWSER_MODULES = {"test_export"}
BROWSER_FIXTURES = {"exported_png"}
# modules whose tests start servers or subprocesses, read the whole evaluation corpus, or time growth
SLOW_MODULES = {
    "test_app",
    "test_review_http",
    "test_quality",
    "test_slider_cost",
    "test_geodata",
    "test_reading",
    "test_atomicity",
    "test_gold",
    "test_users",
    "test_sessions",
    "test_bounds",
    "test_pull_process",
    # servers, subprocesses and real HTTP of the desk, the hardening and the feeds (pytest --durations, 6 Dec)
    "test_desk_http",
    "test_desk_accounts",
    "test_request_hardening",
    "test_guarantees",
    "test_store_faults",
    "test_csv_safety",
    "test_pull",
    # publishes 100,000 events (issue 25: the published page's weight)
    "test_publish_weight",
    "test_decision_reach",  # gunicorn, and a decision paced by WRITE_PACE_SECONDS (20 s an engine)
}
# single tests over a few seconds here (pytest --durations): several loader processes, or a CLI round trip
SLOW_TESTS = {
    "test_cli_ingest_and_export",
    "test_two_loaders_at_once_store_each_article_once",
    "test_warnings_many_articles_share_are_one_line",
    "test_worker_processes_end_when_the_loader_is_killed",
    "test_exports_carry_the_review_and_use_the_readers_view",
    "test_with_review_on_the_page_shows_readers_only_confirmed_claims",
    "test_the_page_shows_a_new_article_as_soon_as_the_reload_interval_allows",
    "test_publish_with_review_on_writes_the_reviewed_claims_it_reports",
    "test_extraction_in_worker_processes_gives_the_same_database",
}
POSTGRES_FIXTURES = {"postgres_cluster", "seeded_pg"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.path))
        fixtures = set(getattr(item, "fixturenames", ()))
        if "browser" in path.parts or path.stem in BROWSER_MODULES or BROWSER_FIXTURES & fixtures:
            item.add_marker(pytest.mark.browser)
        params = getattr(item, "callspec", None)
        # a parameter "postgresql" (the engine of new_database, store, seeded) or a PostgreSQL fixture by name
        if (params and "postgresql" in params.params.values()) or POSTGRES_FIXTURES & fixtures:
            item.add_marker(pytest.mark.postgres)
        if path.stem in SLOW_MODULES or item.originalname in SLOW_TESTS:
            item.add_marker(pytest.mark.slow)


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
        pytest.skip(
            "PostgreSQL is not installed (no initdb/pg_ctl): run 'bash .ci/setup', or "
            "'apt-get install postgresql', to run the PostgreSQL half of the store tests"
        )
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
    from dashboard.store.rows import Store

    with Store(new_database()) as s:
        yield s


@pytest.fixture(scope="session")
def seeded_pg(postgres_cluster) -> str:
    """A PostgreSQL database with the seed articles ingested by the loader (its URL)."""
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    url = postgres_cluster.create_database("seeded")
    with Store(url) as store:
        assert ingest([ROOT / "seeds"], store).stored_articles == 2
    return url


@pytest.fixture(scope="session")
def seeded_db(tmp_path_factory) -> Path:
    """A real SQLite file with the seed articles ingested by the loader."""
    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    path = tmp_path_factory.mktemp("db") / "events.db"
    with Store(path) as store:
        summary = ingest([ROOT / "seeds"], store)
    assert summary.stored_articles == 2
    return path


@pytest.fixture(scope="session")
def seeded_index(seeded_db):
    from dashboard.web.source import EventSource

    return EventSource(seeded_db).index()
