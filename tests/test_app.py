"""The app over real HTTP: headers, URL prefix, local assets only, first start, gunicorn."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from datetime import date

import pytest

from tests.servers import ROOT, dashboard_server


def get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode("utf-8", "replace")


def test_csp_frame_ancestors_and_local_assets_under_prefix(seeded_db):
    prefix = "/tools/conflict-map/"
    with dashboard_server(seeded_db, prefix, frame_ancestors="'self' https://intranet.example.org") as base:
        status, headers, page = get(base)
        assert status == 200
        assert "; frame-ancestors 'self' https://intranet.example.org" in headers["Content-Security-Policy"]
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert sources and all(s.startswith(prefix) for s in sources), sources
        assert "cdn." not in page and "fonts.googleapis" not in page
        status, _, topojson = get(base + "assets/topojson/europe_50m.json")
        assert status == 200 and '"objects"' in topojson
        status, _, layout = get(base + "_dash-layout")
        config = json.loads(layout)  # the graph's config points plotly.js at the local base map
        assert f'"topojsonURL": "{prefix}assets/topojson/"' in json.dumps(config)


def test_first_start_loads_the_seeds_into_an_empty_database(tmp_path):
    db = tmp_path / "fresh.db"
    with dashboard_server(db) as base:
        status, _, layout = get(base + "_dash-layout")
    assert status == 200
    from dashboard.review.read import read_events

    assert len(read_events(db)) > 0
    assert "claims from 2 articles" in layout


def test_help_lists_options():
    result = subprocess.run([sys.executable, "-m", "dashboard", "--help"], cwd=ROOT, capture_output=True, text=True)
    for option in ("--host", "--port", "--db", "--prefix", "--frame-ancestors"):
        assert option in result.stdout


def test_gunicorn_serves_the_app_with_the_seeds_loaded_on_first_start(tmp_path):
    db = tmp_path / "g.db"
    with dashboard_server(db, "/maps/", gunicorn=True) as base:
        status, headers, page = get(base)
        assert status == 200 and "frame-ancestors" in headers["Content-Security-Policy"]
        assert "/maps/_dash-component-suites/" in page
        status, _, health = get(base + "health")
        assert status == 200 and json.loads(health)["articles"] == 2  # the two files in seeds/
        assert "claims from 2 articles" in get(base + "_dash-layout")[2]


def test_the_frame_ancestors_flag_sets_the_policy(seeded_db):
    """Issue 16: `--frame-ancestors` ignored went unnoticed (the tests set the environment variable only).
    The flag wins over the variable, as README's configuration says."""
    with dashboard_server(
        seeded_db,
        frame_ancestors="https://from-the-environment.example.org",
        args=("--frame-ancestors", "'self' https://cms.example.org"),
    ) as base:
        _, headers, _ = get(base)
    assert csp_directives(headers["Content-Security-Policy"])["frame-ancestors"] == [
        "'self'",
        "https://cms.example.org",
    ]


# --- Issue 10: what broke when the server was attacked --------------------------------------------------------


def fetch(url, data=None, headers=None):
    """(status, headers, body) of a request, also for error statuses."""
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def test_csp_allows_only_the_app_itself(seeded_db):
    """Issue 10.1: beside frame-ancestors, a policy that stops a request to another host whatever the markup."""
    with dashboard_server(seeded_db, frame_ancestors="'self' https://intranet.example.org") as base:
        _, headers, _ = get(base)
        _, asset_headers, _ = get(base + "assets/style.css")
    policy = csp_directives(headers["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["img-src"] == ["'self'", "data:", "blob:"]  # blob: for the PNG download (browser test)
    assert policy["frame-ancestors"] == ["'self'", "https://intranet.example.org"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    for values in policy.values():
        assert "*" not in values and "'unsafe-eval'" not in values
        assert not any(v.startswith(("http:", "https:")) and "intranet" not in v for v in values)
    assert "'unsafe-inline'" not in policy.get("script-src", [])
    assert asset_headers["Content-Security-Policy"] == headers["Content-Security-Policy"]


def test_security_headers_on_every_response(running_server):
    """Issue 16: CSP sent only on HTML, and nosniff removed, went unnoticed. Every kind of response carries
    both: the page, the layout's JSON, a callback's answer, a script, a style, health, a 404, a 413."""
    _, _, page = fetch(running_server)
    script = re.search(r'src="(/_dash-component-suites/[^"]+\.js)"', page).group(1).lstrip("/")
    responses = {
        name: fetch(running_server + path)
        for name, path in (
            ("page", ""),
            ("layout", "_dash-layout"),
            ("script", script),
            ("style", "assets/style.css"),
            ("health", "health"),
            ("missing", "assets/no-such-file.css"),
        )
    }
    responses["callback"] = post_callback(running_server, callback_request(running_server, "table"))
    responses["too large"] = fetch(
        running_server + "_dash-update-component", b"x" * 1_000_001, {"Content-Type": "application/json"}
    )
    statuses = {name: status for name, (status, _, _) in responses.items()}
    assert statuses == {
        "page": 200,
        "layout": 200,
        "script": 200,
        "style": 200,
        "health": 200,
        "missing": 404,
        "callback": 200,
        "too large": 413,
    }
    for name, (_, headers, _) in responses.items():
        policy = csp_directives(headers.get("Content-Security-Policy", "none"))
        assert policy.get("default-src") == ["'self'"] and policy.get("frame-ancestors") == ["'self'"], name
        assert headers.get("X-Content-Type-Options") == "nosniff", name
        assert headers.get("Referrer-Policy") == "same-origin", name


def test_the_page_is_sent_without_a_startup_copy_of_the_layout(seeded_db):
    """Issue 10.10: every GET / carried a 155 KB validation layout built at start-up."""
    with dashboard_server(seeded_db) as base:
        _, _, page = get(base)
        _, _, layout = get(base + "_dash-layout")
    assert "validation_layout" not in page
    assert len(page.encode()) < 20_000, len(page.encode())
    assert len(layout.encode()) > 100_000  # the layout itself comes once, on its own request


def test_every_callback_names_components_of_the_page(seeded_index):
    """What Dash's validation layout checked in the browser, checked once here instead."""
    from dashboard.web.app import create_app
    from dashboard.web.layout import page
    from dashboard.web.source import EventSource

    app = create_app(source=EventSource.from_frame(seeded_index.frame))
    tree = page(seeded_index, {"type": "FeatureCollection", "features": []}, "/")
    props = {}
    for component in [tree, *tree._traverse()]:
        if getattr(component, "id", None):
            props[component.id] = set(component._prop_names)
    for callback in app.callback_map.values():
        for item in callback["inputs"] + callback["state"]:
            assert item["property"] in props.get(item["id"], ()), item
    for key in app.callback_map:
        for output in key.strip(".").split("..."):
            component_id, prop = output.split("@")[0].rsplit(".", 1)
            assert prop in props.get(component_id, ()), output


def callback_request(base, output_id, **values):
    """The JSON body of the callback whose outputs include ``output_id``, its inputs set to ``values``."""
    _, _, text = get(base + "_dash-dependencies")
    callback = next(c for c in json.loads(text) if f"{output_id}." in c["output"] and "@" not in c["output"])
    outputs = [dict(zip(("id", "property"), o.rsplit(".", 1))) for o in callback["output"].strip(".").split("...")]
    if not callback["output"].startswith(".."):  # a single output is sent as itself, not as a list
        outputs = outputs[0]
    defaults = {
        "day": None,
        "window": "all",
        "recent-days": 7,
        "actors": ["UA", "RU"],
        "actions": ["captured", "withdrew", "repelled", "advanced", "struck"],
        "confirmed": [],
        "oblast": None,
        "table": None,
        "url": "",
        "settled": 1,
        "data-version": None,
    }

    def fill(items):
        return [{**i, "value": values.get(i["id"].replace("-", "_"), defaults.get(i["id"]))} for i in items]

    inputs = fill(callback["inputs"])
    body = {
        "output": callback["output"],
        "outputs": outputs,
        "inputs": inputs,
        "state": fill(callback["state"]),
        "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs],
    }
    return json.dumps(body).encode()


def post_callback(base, body):
    return fetch(base + "_dash-update-component", body, {"Content-Type": "application/json"})


MALFORMED = [
    {"day": 1e12},
    {"day": "1e12"},
    {"day": float("nan")},
    {"day": [3]},
    {"recent_days": "seven"},
    {"recent_days": 1e300},
    {"oblast": ["UA-63"]},
    {"oblast": {"a": 1}},
    {"actors": "UA"},
    {"actions": [["x"]]},
    {"window": ["all"]},
    {"confirmed": 5},
    {"table": [{"id": ["1"]}]},
    {"table": "row"},
    {"url": ["?date=2022-09-01"]},
]


@pytest.mark.parametrize(
    "output_id, values", [("table", values) for values in MALFORMED if not {"table", "url"} & set(values)], ids=str
)
def test_malformed_callback_values_change_nothing(running_server, output_id, values):
    """Issue 10.9: day=1e12, a text in the days box, a list as oblast: 500s. Now: 204, no change.
    (Since issue 11 the map is drawn in the browser: the one server callback of a view is the settled one.)"""
    status, _, text = post_callback(running_server, callback_request(running_server, output_id, **values))
    assert status == 204, (status, text[:300])


def test_well_formed_callback_values_still_answer(running_server):
    status, _, text = post_callback(running_server, callback_request(running_server, "table", oblast="UA-63"))
    assert status == 200 and "in Kharkiv" in text
    day = (date(2022, 9, 8) - date(1970, 1, 1)).days
    status, _, text = post_callback(running_server, callback_request(running_server, "table", day=day))
    assert status == 200 and "Up to 8 Sep 2022" in text


def test_well_formed_default_requests_answer(running_server):
    """The requests the malformed ones are made from are answered (so a 204 above is the value's doing)."""
    for output_id in ("table", "page"):
        status, _, text = post_callback(running_server, callback_request(running_server, output_id))
        assert status == 200, (output_id, status, text[:300])


def test_malformed_url_value_changes_nothing(running_server):
    status, _, text = post_callback(running_server, callback_request(running_server, "page", url=["?date=1"]))
    assert status == 204, (status, text[:300])


def server_rss_kb(base) -> int:
    port = int(base.split(":")[2].split("/")[0])
    for line in open("/proc/net/tcp").read().splitlines()[1:]:
        fields = line.split()
        if fields[3] == "0A" and int(fields[1].split(":")[1], 16) == port:
            inode = fields[9]
            break
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if any(os.readlink(f"/proc/{pid}/fd/{fd}") == f"socket:[{inode}]" for fd in os.listdir(f"/proc/{pid}/fd")):
                status = open(f"/proc/{pid}/status").read()
                return int(status.split("VmRSS:")[1].split()[0])
        except OSError:
            continue
    raise LookupError(port)


def test_a_huge_request_is_refused_before_it_is_read(running_server):
    """Issue 10.9: a 300 MB POST to the callback endpoint raised the server's memory from 317 MB to 1.2 GB."""
    before = server_rss_kb(running_server)
    host, port = "127.0.0.1", int(running_server.split(":")[2].split("/")[0])
    size = 300_000_000
    with socket.create_connection((host, port), timeout=30) as conn:
        conn.sendall(
            f"POST /_dash-update-component HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Content-Length: {size}\r\nConnection: close\r\n\r\n".encode()
        )
        chunk, sent = b"[" + b"1," * 524_288, 0
        try:
            while sent < size:
                conn.sendall(chunk)
                sent += len(chunk)
        except OSError:  # the server answered and closed the connection: good
            pass
        reply = b""
        try:
            while data := conn.recv(65536):
                reply += data
        except OSError:
            pass
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert sent < size or server_rss_kb(running_server) - before < 50_000
    assert server_rss_kb(running_server) - before < 50_000
    status, _, _ = post_callback(running_server, callback_request(running_server, "table"))
    assert status == 200  # and the server still answers


@pytest.fixture(scope="module")
def running_server(seeded_db):
    with dashboard_server(seeded_db) as base:
        yield base


# --- a database that cannot be written, or cannot be read --------------------------------------------------------


@contextmanager
def read_only_folder(path):
    """``path`` made read-only for the server: chmod for a normal user; for root (whom modes do not stop) a
    read-only bind mount over it."""
    if os.geteuid() != 0:
        path.chmod(0o555)
        try:
            yield path
        finally:
            path.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True)
    if mounted.returncode == 0:
        mounted = subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], capture_output=True)
    if mounted.returncode != 0:
        subprocess.run(["umount", str(path)], capture_output=True)
        pytest.fail(f"cannot make a read-only folder as root here: {mounted.stderr.decode()}")
    try:
        assert not os.access(path, os.W_OK)
        yield path
    finally:
        subprocess.run(["umount", str(path)], check=True)


@pytest.mark.parametrize("gunicorn", [False, True], ids=["dev-server", "gunicorn"])
def test_a_database_in_a_read_only_place_is_served(seeded_db, tmp_path, gunicorn):
    """Issue 10.7: the dev server exited and gunicorn workers failed to boot ('unable to open database file')."""
    folder = tmp_path / "ro"
    folder.mkdir()
    shutil.copy(seeded_db, folder / "events.db")
    with read_only_folder(folder):
        with dashboard_server(folder / "events.db", gunicorn=gunicorn) as base:
            status, _, layout = fetch(base + "_dash-layout")
            assert status == 200 and "claims from 2 articles" in layout
            status, _, health = fetch(base + "health")
            assert status == 200 and json.loads(health)["status"] == "ok"
        assert sorted(p.name for p in folder.iterdir()) == ["events.db"]  # nothing written beside it


def test_a_missing_database_in_a_read_only_place_is_said_clearly(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    with read_only_folder(folder):
        with dashboard_server(folder / "events.db", capture=True) as (base, log):
            status, _, health = fetch(base + "health")
            assert status == 503 and "missing" in json.loads(health)["problem"]
            status, _, layout = fetch(base + "_dash-layout")
            assert status == 200 and "database is missing" in layout
            text = log()
    assert f"{folder / 'events.db'}" in text and "does not exist" in text and "Traceback" not in text


def test_a_corrupt_or_deleted_database_keeps_the_last_good_data_and_health_says_503(seeded_db, tmp_path):
    """Issue 10.8: corruption gave a blank 'Error loading layout' page, deletion an empty map, and / stayed 200."""
    db = tmp_path / "events.db"
    shutil.copy(seeded_db, db)
    with dashboard_server(db) as base:
        status, _, health = fetch(base + "health")
        assert status == 200 and json.loads(health) == {
            "status": "ok",
            "articles": 2,
            "events": json.loads(health)["events"],
            "feeds_failing": [],
        }
        size = db.stat().st_size
        db.write_bytes(b"this is not a database, it was overwritten" * (size // 42 + 1))
        status, _, health = fetch(base + "health")
        assert status == 503 and "cannot be read" in json.loads(health)["problem"]
        status, _, layout = fetch(base + "_dash-layout")
        assert status == 200 and "claims from 2 articles" in layout and "cannot be read" in layout
        db.unlink()
        status, _, health = fetch(base + "health")
        assert status == 503 and "missing" in json.loads(health)["problem"]
        status, _, layout = fetch(base + "_dash-layout")
        assert status == 200 and "claims from 2 articles" in layout and "database is missing" in layout
        shutil.copy(seeded_db, db)
        status, _, health = fetch(base + "health")
        assert status == 200
        _, _, layout = fetch(base + "_dash-layout")
        assert "cannot be read" not in layout and "is missing" not in layout


# --- Issue 12: the dashboard over PostgreSQL ------------------------------------------------------------------


def test_gunicorn_workers_over_postgresql_see_new_articles_without_a_restart(postgres_cluster, tmp_path):
    """Two gunicorn workers read a PostgreSQL database (seeded on first start); the loader adds an article
    and every worker shows it on its next request; health counts it."""
    url = postgres_cluster.create_database("dashboard")
    with dashboard_server(url, gunicorn=True, workers=2, reload_seconds=None) as base:  # the default: 1 s
        status, _, health = fetch(base + "health")
        assert status == 200 and json.loads(health)["articles"] == 2
        folder = tmp_path / "new"
        folder.mkdir()
        (folder / "a.txt").write_text("Ukrainian forces captured Lyman on Sunday, the defence ministry said.")
        result = subprocess.run(
            [sys.executable, "-m", "dashboard.loader", "ingest", str(folder), "--db", url, "--published", "2022-10-03"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0 and "stored: 1 articles" in result.stdout, result.stdout + result.stderr
        # CONFLICT_MAP_RELOAD_SECONDS: each worker asks again after a second; wait until 8 answers in a row
        # (both workers answer some of these) show the new article
        deadline = time.monotonic() + 30
        while not all("claims from 3 articles" in fetch(base + "_dash-layout")[2] for _ in range(8)):
            assert time.monotonic() < deadline, "the workers did not show the new article within 30 s"
        status, _, health = fetch(base + "health")
        assert status == 200 and json.loads(health)["articles"] == 3


def test_an_unreachable_postgresql_server_is_said_clearly(tmp_path):
    with socket.socket() as held:  # a port this test holds without listening: connections to it are refused
        held.bind(("127.0.0.1", 0))
        url = f"postgresql://nobody:secret@127.0.0.1:{held.getsockname()[1]}/events"
        _check_unreachable(url)


def _check_unreachable(url):
    with dashboard_server(url, capture=True) as (base, log):
        status, _, health = fetch(base + "health")
        assert status == 503 and "cannot be reached" in json.loads(health)["problem"]
        status, _, layout = fetch(base + "_dash-layout")
        assert status == 200 and "cannot be reached" in layout
        text = log()
    assert "secret" not in text and "secret" not in layout


def test_responses_are_compressed_as_the_browser_accepts(running_server):
    """Issue 12: the page, its layout, its scripts and callback answers travel compressed (brotli or gzip)."""
    import gzip

    import brotli

    _, _, page = fetch(running_server)
    script = re.search(r'src="(/_dash-component-suites/dash_ag_grid/[^"]+\.js)"', page).group(1)
    plain_layout = fetch(running_server + "_dash-layout")[2]
    for encoding, decode in (("br", brotli.decompress), ("gzip", gzip.decompress)):
        for path in ("_dash-layout", script.lstrip("/")):
            request = urllib.request.Request(running_server + path, headers={"Accept-Encoding": encoding})
            with urllib.request.urlopen(request, timeout=30) as response:
                body = response.read()
                assert response.headers["Content-Encoding"] == encoding
                assert "Accept-Encoding" in response.headers["Vary"]
            text = decode(body).decode()
            assert len(body) < len(text) / 3
            if path == "_dash-layout":
                assert text == plain_layout
        body = callback_request(running_server, "table")
        request = urllib.request.Request(
            running_server + "_dash-update-component",
            data=body,
            headers={"Content-Type": "application/json", "Accept-Encoding": encoding},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            assert response.headers["Content-Encoding"] == encoding
            assert "rowData" in decode(response.read()).decode()


def test_the_layout_is_built_once_per_data_version(seeded_index):
    """Issue 12: the layout (90 ms, 150 KB) was built on every page load; now once per data version and notice."""
    from dashboard.web import layout
    from dashboard.web.app import create_app
    from dashboard.web.source import EventSource

    source = EventSource.from_frame(seeded_index.frame)
    app = create_app(source=source)
    client = app.server.test_client()
    built = []
    original = layout.page

    def counting_page(*args, **kwargs):
        built.append(1)
        return original(*args, **kwargs)

    import dashboard.web.app as app_module

    app_module.page = counting_page
    try:
        first = client.get("/_dash-layout").data  # Dash may also build it once on its first request
        built.clear()
        assert [client.get("/_dash-layout").data for _ in range(5)] == [first] * 5 and built == []
        source.problem = "The event database cannot be read"  # what a failed re-read sets
        changed = client.get("/_dash-layout").data
        assert len(built) == 1 and b"cannot be read" in changed
        source._index = type(seeded_index)(seeded_index.frame.iloc[:3], source.oblast_names)  # new data
        source.problem = None
        assert b"claims from 1 articles" in client.get("/_dash-layout").data and len(built) == 2
    finally:
        app_module.page = original


def test_only_web_links_reach_the_table(tmp_path):
    """Issue 16: the server's http(s) check removed passed (the browser checks again; both must hold). Over
    real HTTP, the table's rows carry an outlet's URL only when it is an absolute http(s) URL."""
    from dashboard.schema import Event
    from dashboard.store.rows import Store

    urls = {
        "a": "javascript:alert(1)",
        "b": "https://example.org/b",
        "c": "data:text/html,<b>x</b>",
        "d": "//example.org/no-scheme",
        "e": "http://example.org/e",
    }
    db = tmp_path / "links.db"
    with Store(db) as store:
        for name, url in urls.items():
            event = Event(
                actor="UA",
                action="captured",
                event_date="2022-09-10",
                date_start="2022-09-10",
                date_end="2022-09-10",
                date_precision="day",
                date_phrase="",
                place_as_written=None,
                place_name=None,
                geonameid=None,
                oblast_iso="UA-63",
                latitude=None,
                longitude=None,
                place_precision="oblast",
                area_km2=None,
                settlements=None,
                attribution=None,
                confirmed="unknown",
                hedged=False,
                sentence=f"Claim {name}.",
                sentence_start=0,
                sentence_end=8,
            )
            store.add_article(
                content_hash=name,
                source=f"{name}.txt",
                published="2022-09-13",
                report_day="2022-09-13",
                outlet=f"Outlet {name}",
                url=url,
                title="",
                text=f"Claim {name}.",
                events=[event],
            )
    with dashboard_server(db) as base:
        status, _, text = post_callback(base, callback_request(base, "table"))
    assert status == 200
    rows = json.loads(text)["response"]["table"]["rowData"]
    assert {row["outlet"]: row["url"] for row in rows} == {
        "Outlet a": "",
        "Outlet b": "https://example.org/b",
        "Outlet c": "",
        "Outlet d": "",
        "Outlet e": "http://example.org/e",
    }


def test_the_app_factory_in_process(seeded_db, tmp_path):
    """create_app's promises checked through Flask's test client (mutation survivors: most of them are
    otherwise seen only through a server in another process): prefix, language, title, headers, health,
    request limit. Expected values from the settings given and README."""
    from dashboard.config import Settings
    from dashboard.web.app import create_app

    settings = Settings(
        db=str(seeded_db),
        prefix="/maps/",
        frame_ancestors="'self' https://cms.example.org",
        max_request_bytes=2_000,
        reload_seconds=0,
        seeds_dir=tmp_path,
    )
    app = create_app(settings)
    assert app.conflict_map_settings is settings
    client = app.server.test_client()
    page = client.get("/maps/")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert '<html lang="en">' in html and "<title>Conflict map</title>" in html and "/maps/_dash-" in html
    policy = csp_directives(page.headers["Content-Security-Policy"])
    assert policy["frame-ancestors"] == ["'self'", "https://cms.example.org"]
    assert (page.headers["X-Content-Type-Options"], page.headers["Referrer-Policy"]) == ("nosniff", "same-origin")
    health = client.get("/maps/health")
    assert health.status_code == 200 and health.headers["Cache-Control"] == "no-store"
    assert health.get_json()["status"] == "ok" and health.get_json()["articles"] == 2
    assert client.get("/health").status_code == 404  # only under the prefix
    assert (
        client.post("/maps/_dash-update-component", data=b"x" * 2_001, content_type="application/json").status_code
        == 413
    )
    missing = (
        create_app(Settings(db=str(tmp_path / "none.db"), prefix="/", reload_seconds=0, seeds_dir=tmp_path))
        .server.test_client()
        .get("/health")
    )
    assert missing.status_code == 503 and missing.get_json() == {
        "status": "unavailable",
        "problem": "The event database is missing",
    }
