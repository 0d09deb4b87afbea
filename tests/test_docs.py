"""The documentation covers what a person can set: every setting of dashboard/config.py (its environment variable)
and every command-line flag of every command (the argparse parsers of the entry points ``conflict-map`` dispatches
to, read from their own ``--help``) is named in README.md or docs/. Also: the README stays short."""

import contextlib
import io
import re

import pytest

from dashboard import cli
from tests.conftest import ROOT

FLAG = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*)")


def documentation() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))])


def settings() -> list[str]:
    return sorted(set(re.findall(r"CONFLICT_MAP_[A-Z_]+", (ROOT / "dashboard" / "config.py").read_text())))


def flags_of(command: str) -> list[str]:
    """The long flags a command's --help lists (its usage and options), --help itself and --no-X left out."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as stop:
        cli.main([command, "--help"])
    assert stop.value.code == 0, f"conflict-map {command} --help failed"
    return sorted({f for f in FLAG.findall(out.getvalue()) if f != "--help" and not f.startswith("--no-")})


def test_every_setting_is_documented():
    names = settings()
    assert "CONFLICT_MAP_DB" in names and len(names) >= 10
    text = documentation()
    assert [n for n in names if n not in text] == []


@pytest.mark.parametrize("command", sorted(cli.COMMANDS))
def test_every_flag_of_every_command_is_documented(command):
    flags = flags_of(command)
    text = documentation()
    assert [f for f in flags if not re.search(re.escape(f) + r"(?![\w-])", text)] == [], (
        f"flags of conflict-map {command} named nowhere in README.md or docs/"
    )


def test_the_readme_is_short_and_links_to_every_document():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    for doc in sorted((ROOT / "docs").glob("*.md")):
        assert f"docs/{doc.name}" in readme, f"README does not point to docs/{doc.name}"


def test_generated_mutation_reports_are_not_tracked():
    import subprocess

    tracked = subprocess.run(["git", "ls-files", "bench/mutation"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    reports = [p for p in tracked.stdout.split() if p.endswith(".md") and not p.endswith("README.md")]
    assert reports == []
