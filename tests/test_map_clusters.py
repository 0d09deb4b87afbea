"""assets/map_clusters.js's two choices, under Node (no browser, seconds): which markers are drawn as one cluster
(group: within a radius on screen of a more claimed one) and which names are written (placeNames: most claimed
first, never meeting another name nor covering another circle, inside the map's frame). The drawn map is tested
in Chromium by tests/browser/test_clusters.py."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import ROOT

SOURCE = (ROOT / "assets" / "map_clusters.js").read_text(encoding="utf-8")
RUN = """
const vm = require("vm");
const window = {};
vm.runInContext(process.argv[1], vm.createContext({window, Uint8Array, Math, Object, JSON, String, isFinite}));
const [name, args] = JSON.parse(process.argv[2]);
process.stdout.write(JSON.stringify(window.conflictClusters[name](...args)));
"""


def call(name: str, *args):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: apt-get install nodejs")
    done = subprocess.run(
        [node, "-e", RUN, SOURCE, json.dumps([name, list(args)])], capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def point(x, y, weight=1):
    return {"x": x, "y": y, "weight": weight, "key": "#000"}


def test_markers_within_the_radius_of_a_more_claimed_one_join_it():
    points = [point(0, 0, 1), point(10, 0, 5), point(25, 0, 1), point(100, 100, 2)]
    groups = call("group", points, 16)
    # the most claimed (index 1) first: 0 and 2 are within 16 px of it; 3 alone
    assert groups == [{"centre": 1, "members": [1, 0, 2]}, {"centre": 3, "members": [3]}]
    # closer than the radius only: 16 px apart is two markers
    assert len(call("group", [point(0, 0), point(16, 0)], 16)) == 2
    # zoomed in (twice as far apart on screen), the cluster splits
    farther = [point(p["x"] * 2, p["y"] * 2, p["weight"]) for p in points]
    assert [g["members"] for g in call("group", farther, 16)] == [[1], [3], [0], [2]]


def name(x, y, width=40, weight=1):
    return {"x": x, "y": y, "width": width, "height": 15, "weight": weight}


def test_names_never_meet_the_more_claimed_is_written_and_all_stay_inside_the_frame():
    frame = [0, 0, 500, 500]
    candidates = [
        name(100, 100, weight=1),
        name(110, 105, weight=9),  # meets the first: the more claimed is written
        name(300, 100, weight=2),
        name(490, 300, weight=5),  # half of it outside the frame
        name(300, 110, weight=1),  # meets the third within the margin
    ]
    assert call("placeNames", candidates, frame, 12, None) == [1, 2]
    assert call("placeNames", candidates, frame, 1, None) == [1]  # at most the limit


def test_a_name_never_covers_another_places_circle_but_may_touch_its_own():
    frame = [0, 0, 500, 500]
    candidates = [name(100, 100, weight=5), name(200, 200, weight=1)]
    circles = [[95, 100, 105, 110], [90, 90, 110, 110]]  # the second place's circle under the first name
    assert call("placeNames", candidates, frame, 12, circles) == [1]
    circles[1] = [180, 200, 220, 240]  # away: both written
    assert call("placeNames", candidates, frame, 12, circles) == [0, 1]
