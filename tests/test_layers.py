"""The layers hold: no module imports a higher layer (tests/layers.py reads every import with ast), and the
checker itself finds an upward import in a made-up tree (so a passing check means something)."""

import ast

from tests.conftest import ROOT
from tests.layers import LAYERS, check, layer_of


def test_no_module_imports_a_higher_layer():
    assert check(ROOT) == []


def test_the_checker_finds_an_upward_import_and_a_module_with_no_layer(tmp_path):
    layers = [("leaves", ("app", "app.schema")), ("query", ("app.query",)), ("web", ("app.page", "app.views.*"))]
    (tmp_path / "app" / "views").mkdir(parents=True)
    files = {
        "app/__init__.py": "",
        "app/schema.py": "ACTIONS = ()\n",
        "app/query.py": "from app.schema import ACTIONS\n\ndef f():\n    from app import page\n",
        "app/page.py": "from app.query import *\nfrom .views import home\n",
        "app/views/__init__.py": "",
        "app/views/home.py": "import app.schema\n",
        "app/stray.py": "import app.page\n",
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    problems = check(tmp_path, layers, packages=("app",))
    assert problems == [
        "app/query.py:4: app.query (query) imports app.page (web), a higher layer",
        "app.stray: in no layer (add it to tests/layers.py LAYERS)",
    ]
    # the same tree with the upward import removed passes
    (tmp_path / "app" / "query.py").write_text("from app.schema import ACTIONS\n")
    (tmp_path / "app" / "stray.py").unlink()
    assert check(tmp_path, layers, packages=("app",)) == []


def test_the_page_and_the_drawing_stay_out_of_the_lower_layers():
    """What ARCHITECTURE.md names: nothing below the web layer imports Dash or the callbacks; the loader never
    imports Plotly; the query engine draws nothing."""
    web = [name for name, _ in LAYERS].index("web")
    for path in sorted((ROOT / "dashboard").rglob("*.py")):
        module = ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")
        if layer_of(module) == web:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        names |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        assert not {n for n in names if n == "dash" or n.startswith("dash.")}, f"{module} imports Dash"
        if module.startswith("dashboard.loader") or module in ("dashboard.query.index", "dashboard.store.rows"):
            assert not {n for n in names if n.startswith("plotly")}, f"{module} imports Plotly"
