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
