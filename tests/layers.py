"""The layers of the code and the check that holds them (``ARCHITECTURE.md``'s rule as data): a module may import
its own layer and the layers below it, never one above. Imports are read with ``ast`` (every ``import`` and
``from ... import``, at the top of a module or inside a function), so nothing is run.

``LAYERS`` lists, lowest first, the modules of each layer by name: an exact module, or a package with ``.*``
(the package and its modules, unless one is named elsewhere). A module of the project no layer names is an error
too: a new module is given its layer when it is made.
"""

from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "leaves",
        (
            "dashboard",
            "dashboard.config",
            "dashboard.dates",
            "dashboard.geo",
            "dashboard.schema",
            "dashboard.vocabulary",
            "geodata",
            "geodata.*",
        ),
    ),
    ("store", ("dashboard.store.*",)),
    ("loader", ("dashboard.loader.*",)),
    ("query", ("dashboard.query.*",)),
    ("render", ("dashboard.render.*",)),
    ("review", ("dashboard.review.*",)),
    # the page and the commands: Dash, Flask routes, entry points (each may drive everything below)
    (
        "web",
        (
            "dashboard.web.*",
            "dashboard.export",
            "dashboard.publish",
            "dashboard.users",
            "dashboard.cli",
            "dashboard.__main__",
            "dashboard.loader.__main__",
            "dashboard.review.pages",
        ),
    ),
]
PACKAGES = ("dashboard", "geodata")


def module_name(root: Path, path: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def layer_of(module: str, layers=LAYERS) -> int | None:
    """The position of the module's layer (0 = lowest); an exact name wins over a package's ``.*``."""
    for exact in (True, False):
        for position, (_, patterns) in enumerate(layers):
            for pattern in patterns:
                wild = pattern.endswith(".*") and (fnmatch(module, pattern) or module == pattern[:-2])
                if (pattern == module) if exact else wild:
                    return position
    # a package named by none: the layer of its modules (a package that groups one layer's modules)
    inside = {
        position
        for position, (_, patterns) in enumerate(layers)
        for pattern in patterns
        if pattern.startswith(module + ".")
    }
    return inside.pop() if len(inside) == 1 else None


def imports_of(source: str, module: str, is_package: bool, known: set[str]) -> list[tuple[int, str]]:
    """(line, module) of every project module the source imports; ``from a import b`` names ``a.b`` when that is
    a module, else ``a``."""
    found = []
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from . import x, from ..a import b
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            names = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for name in names:
            while name and name not in known and "." in name:
                name = name.rpartition(".")[0]
            if name in known:
                found.append((node.lineno, name))
    return found


def check(root: Path, layers=LAYERS, packages=PACKAGES) -> list[str]:
    """Every upward import, and every module with no layer, under ``root`` (the folder holding the packages)."""
    files = {module_name(root, p): p for package in packages for p in sorted((root / package).rglob("*.py"))}
    known = set(files)
    problems = []
    for module, path in files.items():
        own = layer_of(module, layers)
        if own is None:
            problems.append(f"{module}: in no layer (add it to tests/layers.py LAYERS)")
            continue
        for line, imported in imports_of(path.read_text(encoding="utf-8"), module, path.name == "__init__.py", known):
            theirs = layer_of(imported, layers)
            if theirs is not None and theirs > own:
                problems.append(
                    f"{path.relative_to(root)}:{line}: {module} ({layers[own][0]}) imports "
                    f"{imported} ({layers[theirs][0]}), a higher layer"
                )
    return problems
