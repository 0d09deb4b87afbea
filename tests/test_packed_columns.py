"""The published page's packed events (dashboard.render.columns.packed_columns, unpacked by assets/packed_columns.js
under Node): unpacked, every column is what browser_columns gives (the seeds, and 20,000 synthetic events over four
years: two-digit marker slots, claims with and without a place), and view.js on the packed events draws what the
Python query engine draws for every view of tests/test_view_twin.py. Bad payloads fail naming the column."""

from __future__ import annotations

import gzip
import json
import shutil
import subprocess

import pytest

from bench.slider import seed_frame, synthetic_frame
from dashboard.render.columns import PER_EVENT, browser_columns, packed_columns
from dashboard.web.layout import BROWSER_IDS
from dashboard.web.source import EventSource
from tests.conftest import ROOT
from tests.test_view_twin import BORDER_ARTICLE, HARNESS, VIEW_JS, VIEWS, controls, differences

PACKED_JS = ROOT / "assets" / "packed_columns.js"
UNPACK = ROOT / "tests" / "node" / "unpack.js"


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("node is not installed: apt-get install nodejs")
    return found


@pytest.fixture(scope="module")
def twin_index(tmp_path_factory):
    """tests/test_view_twin.py's events: the seeds and claims in Russia's border regions."""
    from datetime import date

    from dashboard.loader.ingest import ingest
    from dashboard.store.rows import Store

    folder = tmp_path_factory.mktemp("packed")
    (folder / "border.txt").write_text(BORDER_ARTICLE)
    with Store(folder / "events.db") as store:
        ingest([ROOT / "seeds", folder], store, published=date(2024, 8, 16))
    return EventSource(folder / "events.db").index()


@pytest.fixture(scope="module")
def synthetic_index():
    return EventSource.from_frame(synthetic_frame(seed_frame(), 20_000, span_days=1461)).index()


def unpacked(columns: dict) -> dict:
    done = subprocess.run(
        [node(), str(UNPACK)],
        input=json.dumps({"source": PACKED_JS.read_text(encoding="utf-8"), "columns": packed_columns(columns)}),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.parametrize("name", ["twin_index", "synthetic_index"])
def test_unpacked_in_the_browser_the_events_are_the_columns(name, request):
    index = request.getfixturevalue(name)
    columns = json.loads(json.dumps(browser_columns(index, BROWSER_IDS)))
    assert unpacked(columns) == columns
    packed = packed_columns(columns)["packed"]
    if name == "synthetic_index":  # the cases the test is about are there
        assert packed["slot"]["width"] == 2 and -1 in columns["slot"] and len(set(columns["day"])) > 1000
        assert any(o == packed["slot_oblast"] for o in packed["kinds"]["oblast"])
        assert any(o != packed["slot_oblast"] for o in packed["kinds"]["oblast"])


def test_packed_events_weigh_a_fraction_of_the_lists(synthetic_index):
    columns = json.loads(json.dumps(browser_columns(synthetic_index, BROWSER_IDS)))
    lists = {name: columns[name] for name in PER_EVENT}  # the events' own columns, gzipped as a host would
    lists_size, packed_size = (
        len(gzip.compress(json.dumps(c).encode(), 6)) for c in (lists, packed_columns(columns)["packed"])
    )
    assert packed_size < 0.5 * lists_size, (packed_size, lists_size)


def test_view_js_on_the_packed_events_draws_what_python_draws(twin_index):
    payload = {
        "source": PACKED_JS.read_text(encoding="utf-8") + "\n" + VIEW_JS.read_text(encoding="utf-8"),
        "columns": packed_columns(json.loads(json.dumps(browser_columns(twin_index, BROWSER_IDS)))),
        "views": [controls(twin_index, q) for q in VIEWS],
    }
    done = subprocess.run([node(), str(HARNESS)], input=json.dumps(payload), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert differences(twin_index, json.loads(done.stdout), VIEWS) == []


def test_a_payload_it_cannot_pack_is_refused_naming_the_column(twin_index):
    columns = json.loads(json.dumps(browser_columns(twin_index, BROWSER_IDS)))
    with pytest.raises(ValueError, match="'slot' has 3 values"):
        packed_columns({**columns, "slot": columns["slot"][:3]})
    with pytest.raises(ValueError, match="days are not sorted"):
        packed_columns({**columns, "day": columns["day"][::-1]})


def test_truncated_digits_fail_loudly_in_the_browser(twin_index):
    columns = json.loads(json.dumps(browser_columns(twin_index, BROWSER_IDS)))
    packed = packed_columns(columns)
    packed["packed"]["slot"]["text"] = packed["packed"]["slot"]["text"][:-1]
    script = (
        "const vm = require('vm'); const window = {};"
        f"vm.runInContext({json.dumps(PACKED_JS.read_text(encoding='utf-8'))}, vm.createContext({{window, Int32Array,"
        " Array, Object, Error, Math}));"
        f"window.conflictColumns.unpack({json.dumps(packed)});"
    )
    done = subprocess.run([node(), "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "packed events:" in done.stderr and "digits for" in done.stderr
