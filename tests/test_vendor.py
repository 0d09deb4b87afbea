"""The vendored plotly.js geo bundle (assets/vendor/, from vendor/plotly_geo.sh) is the version Dash ships."""

import re
from pathlib import Path

import plotly

ROOT = Path(__file__).resolve().parent.parent


def header_version(path: Path) -> str:
    return re.search(r"plotly\.js (?:\(geo - minified\) )?v([0-9.]+)", path.read_text(encoding="utf-8")[:300]).group(1)


def test_the_geo_bundle_is_the_plotly_version_dash_ships_with_its_licence():
    shipped = header_version(Path(plotly.__file__).parent / "package_data" / "plotly.min.js")
    vendored = ROOT / "assets" / "vendor" / "plotly-geo.min.js"
    assert header_version(vendored) == shipped, "run: sh vendor/plotly_geo.sh"
    assert "(geo - minified)" in vendored.read_text(encoding="utf-8")[:200]
    assert (
        "MIT" in (ROOT / "assets" / "vendor" / "plotly-geo.LICENSE.txt").read_text()
        or "Permission is hereby granted" in (ROOT / "assets" / "vendor" / "plotly-geo.LICENSE.txt").read_text()
    )
