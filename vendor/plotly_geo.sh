#!/bin/sh
# Vendors plotly.js's geo partial bundle (scattergeo, choropleth: all the page draws) into assets/vendor/, of the
# SAME plotly.js version Dash ships (read from its plotly.min.js), with its licence. The page then loads it
# instead of Dash's full plotly.js (dcc.Graph uses window.Plotly when it is there): 1.3 MB instead of 4.8 MB.
# Run after upgrading dash or plotly: sh vendor/plotly_geo.sh   (tests/test_vendor.py checks the versions agree)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
version=$(python3 -c "import plotly, pathlib, re; t = (pathlib.Path(plotly.__file__).parent / 'package_data' / 'plotly.min.js').read_text()[:200]; print(re.search(r'plotly.js v([0-9.]+)', t).group(1))")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "plotly.js-geo-dist-min@$version" >/dev/null && tar -xzf plotly.js-geo-dist-min-"$version".tgz)
mkdir -p "$here/assets/vendor"
cp "$work/package/plotly-geo.min.js" "$here/assets/vendor/plotly-geo.min.js"
cp "$work/package/LICENSE" "$here/assets/vendor/plotly-geo.LICENSE.txt"
echo "assets/vendor/plotly-geo.min.js: plotly.js-geo-dist-min $version"
