"""The app over real HTTP: headers, URL prefix, local assets only, first start, gunicorn."""
import json
import re
import subprocess
import sys
import urllib.request

from tests.servers import ROOT, dashboard_server


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")


def test_csp_frame_ancestors_and_local_assets_under_prefix(seeded_db):
    prefix = "/tools/conflict-map/"
    with dashboard_server(seeded_db, prefix, frame_ancestors="'self' https://intranet.example.org") as base:
        status, headers, page = get(base)
        assert status == 200
        assert headers["Content-Security-Policy"] == "frame-ancestors 'self' https://intranet.example.org"
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert sources and all(s.startswith(prefix) for s in sources), sources
        assert "cdn." not in page and "fonts.googleapis" not in page
        status, _, topojson = get(base + "assets/topojson/europe_50m.json")
        assert status == 200 and '"objects"' in topojson
        status, _, layout = get(base + "_dash-layout")
        config = json.loads(layout)   # the graph's config points plotly.js at the local base map
        assert f'"topojsonURL": "{prefix}assets/topojson/"' in json.dumps(config)


def test_first_start_loads_the_seeds_into_an_empty_database(tmp_path):
    db = tmp_path / "fresh.db"
    with dashboard_server(db) as base:
        status, _, layout = get(base + "_dash-layout")
    assert status == 200
    from dashboard.store import read_events
    assert len(read_events(db)) > 0
    assert "claims from 2 articles" in layout


def test_help_lists_options():
    result = subprocess.run([sys.executable, "-m", "dashboard", "--help"], cwd=ROOT, capture_output=True, text=True)
    for option in ("--host", "--port", "--db", "--prefix", "--frame-ancestors"):
        assert option in result.stdout


def test_gunicorn_serves_the_app(tmp_path):
    db = tmp_path / "g.db"
    with dashboard_server(db, "/maps/", gunicorn=True) as base:
        status, headers, page = get(base)
        assert status == 200 and "frame-ancestors" in headers["Content-Security-Policy"]
        assert "/maps/_dash-component-suites/" in page
