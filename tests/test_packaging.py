"""Packaging: pyproject.toml's pins and requirements.txt's agree, and the ``conflict-map`` command dispatches
each subcommand to its ``python -m`` entry point."""

import re
import tomllib

import pytest

from dashboard import cli
from tests.conftest import ROOT


def _pins(lines) -> dict[str, str]:
    pins = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if not line or line.startswith("-"):
            continue
        name, version = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==(\S+)", line).groups()
        pins[re.sub(r"[-_.]+", "-", name.lower())] = version
    return pins


def test_requirements_and_pyproject_pin_the_same_versions():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = list(project["dependencies"])
    for extra, names in project["optional-dependencies"].items():
        declared += [n for n in names if not n.startswith("conflict-map")]
    assert _pins(declared) == _pins((ROOT / "requirements.txt").read_text().splitlines())
    assert all("==" in d for d in project["dependencies"]), "runtime dependencies are pinned"


@pytest.mark.parametrize(
    "command, prog",
    [
        ("serve", "python -m dashboard"),
        ("png", "python -m dashboard.export"),
        ("publish", "python -m dashboard.publish"),
        ("users", "python -m dashboard.users"),
        ("ingest", "python -m dashboard.loader ingest"),
        ("export", "python -m dashboard.loader export"),
    ],
)
def test_each_subcommand_is_its_entry_points_own_parser(command, prog, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main([command, "--help"])
    assert stop.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: {prog}")


def test_an_unknown_subcommand_is_named_with_the_list(capsys):
    assert cli.main(["serv"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'serv'" in err and "serve" in err and "explain" in err
    assert cli.main([]) == 2


def test_the_console_script_is_declared():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"conflict-map": "dashboard.cli:main"}
