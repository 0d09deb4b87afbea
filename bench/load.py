"""Load test: N simulated readers against gunicorn, on SQLite and on PostgreSQL, optionally during an ingest.

What a reader does (the requests the page really makes, built from the app's
own ``_dash-dependencies``; its browser keeps the scripts, which Dash serves
fingerprinted with a one-year max-age, so they are not fetched again):

- **open**: ``GET /``, ``GET /_dash-layout``, ``GET /_dash-dependencies``, then
  the callbacks the page fires on load (``restore`` from the URL, then the
  ``map``, ``table`` and ``tally`` updates);
- **scrub**: 8 slider steps back in time, each one the callbacks the slider
  fires (before issue 11: ``map`` with the view drawn so far, ``table``,
  ``tally``; since, the map is drawn in the browser and each step is counted
  as the view settling: one ``table`` callback with the tally and text);
- **filter**: one side or action unticked or ticked again (the same three).

Each reader opens the page, then scrubs and filters in turn, with no pause,
on its own keep-alive connection, sending ``Accept-Encoding: gzip`` as
browsers do; it reopens the page every 5 rounds. Everything is bounded: the
readers stop after ``--seconds``, every request has a 30 s timeout, and
only 127.0.0.1 is contacted.

With ``--ingest`` a loader (``python -m dashboard.loader ingest --jobs 1``)
reads ``--articles`` synthetic articles (``bench.corpus``) into the same
database while the readers run; afterwards the articles and events in the
database are compared with what the same feed gives in a fresh SQLite file
(rows expected): 0 lost means every one is there, exactly once.

Baseline: the same load on the page as it was before issue 12 (the code at
``--baseline-ref``, exported with ``git archive`` into a temporary folder),
on SQLite, with the same workers; printed beside each run.

Review desk (issue 24): ``--editors 5 --events 20000`` runs, per engine, on
one server, ``--rounds`` rounds of the readers alone and then the same
readers with 5 editors at the review desk (signed in once; each reads the
queue, confirms or rejects a claim, pauses ``--editor-pause`` seconds),
review on, on ``--events`` synthetic claims (a tenth confirmed); taking turns
so that the machine's other work weighs on both alike, and waiting after each
run with editors until every worker has built their last decisions. It prints
each round and the medians: the readers' p50 and p95 both ways, the errors,
the workers' CPU per reader request (from /proc: the server's work, whatever
else the machine runs), and the decisions the server acknowledged beside
those stored (lost: the difference). Readers take the page's new data
version from the answers, as the page's stores do.

Run: ``python -m bench.load [--readers 50] [--seconds 60] [--workers 2 4] [--engines sqlite postgresql]
[--ingest both|no|yes] [--no-baseline] [--editors 5 --events 20000 --editor-pause 5 --rounds 5]``.
PostgreSQL runs on a throwaway cluster (tests/postgres.py).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE_REF = "97fdda7"  # main before issue 12: the page as it was (SQLite only)
HOST = "127.0.0.1"  # loopback only
REQUEST_TIMEOUT = 30
SCRUB_STEPS = 8
ROUNDS_PER_OPEN = 5
KINDS = [
    "GET /",
    "GET /_dash-layout",
    "GET /_dash-dependencies",
    "POST restore",
    "POST map",
    "POST table",
    "POST tally",
]


@dataclass
class Tally:
    times: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            if error:
                self.errors[kind] += 1
                if len(self.examples) < 5:
                    self.examples.append(f"{kind}: {error}")
            else:
                self.times[kind].append(seconds)


class Page:
    """The callbacks of the running app, as request bodies (from its _dash-dependencies)."""

    def __init__(self, dependencies: list[dict]):
        self.callbacks = {}
        for callback in dependencies:
            if callback.get("clientside_function"):
                continue
            outputs = callback["output"]
            for name, marker in (
                ("restore", "page.className"),
                ("map", "map.figure"),
                ("table", "table.rowData"),
                ("tally", "tally.children"),
            ):
                if marker in outputs and "@" not in outputs:
                    self.callbacks[name] = callback

    def body(self, name: str, values: dict) -> bytes:
        callback = self.callbacks[name]
        outputs = [dict(zip(("id", "property"), o.rsplit(".", 1))) for o in callback["output"].strip(".").split("...")]
        if not callback["output"].startswith(".."):
            outputs = outputs[0]

        def fill(items):
            return [{**i, "value": values.get(f"{i['id']}.{i['property']}")} for i in items]

        inputs = fill(callback["inputs"])
        return json.dumps(
            {
                "output": callback["output"],
                "outputs": outputs,
                "inputs": inputs,
                "state": fill(callback["state"]),
                "changedPropIds": [f"{i['id']}.{i['property']}" for i in inputs[:1]],
            }
        ).encode()


class Reader(threading.Thread):
    def __init__(self, port: int, deadline: float, tally: Tally, seed: int):
        super().__init__(daemon=True)
        self.port, self.deadline, self.tally = port, deadline, tally
        self.random = random.Random(seed)
        self.conn: http.client.HTTPConnection | None = None

    def request(self, kind: str, method: str, path: str, body: bytes | None = None):
        if time.monotonic() > self.deadline:
            raise TimeoutError
        headers = {"Accept-Encoding": "gzip", "Connection": "keep-alive"}
        if body is not None:
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=REQUEST_TIMEOUT)
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
            if response.getheader("Content-Encoding") == "gzip":
                data = gzip.decompress(data)
            if response.getheader("Connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
        except Exception as error:  # a refused, reset or timed-out request is an error of the run
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            self.tally.add(kind, 0, f"{type(error).__name__}: {error}")
            return None
        elapsed = time.perf_counter() - start
        if response.status >= 400 or response.status == 204:
            self.tally.add(kind, elapsed, f"HTTP {response.status}")
            return None
        self.tally.add(kind, elapsed, None)
        return data

    def run(self) -> None:
        try:
            while True:
                values, page = self.open()
                if page is None:
                    time.sleep(0.2)  # the server refused: do not spin
                    continue
                for _ in range(ROUNDS_PER_OPEN):
                    self.scrub(page, values)
                    self.filter(page, values)
        except TimeoutError:
            pass
        finally:
            if self.conn is not None:
                self.conn.close()

    def open(self):
        if self.request("GET /", "GET", "/") is None:
            return None, None
        layout = self.request("GET /_dash-layout", "GET", "/_dash-layout")
        deps = self.request("GET /_dash-dependencies", "GET", "/_dash-dependencies")
        if layout is None or deps is None:
            return None, None
        page = Page(json.loads(deps))
        values = {
            "url.search": "",
            "day.value": None,
            "window.value": "all",
            "recent-days.value": 7,
            "actors.value": ["UA", "RU"],
            "actions.value": ["captured", "withdrew", "repelled", "advanced", "struck"],
            "confirmed.value": [],
            "oblast.data": None,
            "table.selectedRows": None,
            "drawn.data": None,
            "settled.data": 1,
            "data-version.data": None,
        }
        layout = json.loads(layout)
        drawn = _find(layout, "drawn")
        values["drawn.data"] = drawn["props"].get("data") if drawn else None
        version = _find(layout, "data-version")  # the page since issue 11: the events it was sent with
        values["data-version.data"] = version["props"].get("data") if version else None
        slider = _find(layout, "day")
        values["day.max"] = slider["props"]["max"] if slider else None
        values["day.min"] = slider["props"]["min"] if slider else None
        restored = self.request("POST restore", "POST", "/_dash-update-component", page.body("restore", values))
        if restored:
            day = json.loads(restored)["response"].get("day", {}).get("value")
            values["day.value"] = day
        self.views(page, values)
        return values, page

    def views(self, page: Page, values: dict) -> None:
        if "map" in page.callbacks:  # the page before issue 11: the server drew every step
            answer = self.request("POST map", "POST", "/_dash-update-component", page.body("map", values))
            if answer:
                drawn = json.loads(answer)["response"].get("drawn", {}).get("data")
                if drawn is not None:
                    values["drawn.data"] = drawn
        # since issue 11 the browser draws the map and asks for the table, tally and text ("table") only once
        # the view settles; each step is counted as settled here (an upper bound of the load)
        values["settled.data"] = values.get("settled.data", 1) + 1
        answer = self.request("POST table", "POST", "/_dash-update-component", page.body("table", values))
        if answer:  # as the page's stores do: new events (after a write) come once, then the page has them
            response = json.loads(answer)["response"]
            for name, prop in (("data-version", "data"), ("day", "min"), ("day", "max")):
                if prop in response.get(name, {}):
                    values[f"{name}.{prop}"] = response[name][prop]
        if "tally" in page.callbacks:
            self.request("POST tally", "POST", "/_dash-update-component", page.body("tally", values))

    def scrub(self, page: Page, values: dict) -> None:
        low, high = values.get("day.min"), values.get("day.max")
        if low is None or high is None:
            return
        start = self.random.randint(low, high)
        for step in range(SCRUB_STEPS):
            values["day.value"] = max(low, start - step * self.random.randint(1, 6))
            self.views(page, values)

    def filter(self, page: Page, values: dict) -> None:
        key, choices = self.random.choice(
            [
                ("actors.value", ["UA", "RU"]),
                ("actions.value", ["captured", "withdrew", "repelled", "advanced", "struck"]),
            ]
        )
        current = values[key]
        flip = self.random.choice(choices)
        values[key] = [c for c in choices if (c in current) != (c == flip)]
        self.views(page, values)


def _find(layout: dict, component_id: str) -> dict | None:
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == component_id:
                return node
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return None


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


MASTERS: dict[int, int] = {}  # port -> gunicorn's master process id (workers_cpu)


def workers_cpu(port: int) -> float:
    """CPU seconds the gunicorn workers serving ``port`` have used so far (user + system, from /proc; Linux): the
    server's work, whatever else the machine runs meanwhile."""
    master, total = MASTERS[port], 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == master:  # ppid; utime and stime are fields 14 and 15 of stat
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


@contextmanager
def gunicorn(code: Path, db: str, workers: int, extra_env: dict | None = None):
    port = free_port()
    env = {**os.environ, "CONFLICT_MAP_DB": db, "PYTHONPATH": str(code), **(extra_env or {})}
    log = tempfile.TemporaryFile()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "dashboard.web.app:server",
        ],
        cwd=code,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                log.seek(0)
                raise RuntimeError(f"gunicorn exited: {log.read().decode(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/_dash-layout", timeout=10) as response:
                    if response.status == 200:
                        break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.3)
        for _ in range(workers * 3):  # every worker has built its page once before the clock starts
            urllib.request.urlopen(f"http://{HOST}:{port}/_dash-layout", timeout=30).read()
        MASTERS[port] = process.pid
        yield port
    finally:
        MASTERS.pop(port, None)
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def run_load(port: int, readers: int, seconds: float) -> tuple[Tally, float]:
    tally = Tally()
    start = time.monotonic()
    deadline = start + seconds
    threads = [Reader(port, deadline, tally, seed) for seed in range(readers)]
    for thread in threads:
        thread.start()
        time.sleep(min(0.02, seconds / readers / 10))  # readers arrive over the first moments, not in one burst
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 10)
    return tally, time.monotonic() - start


def seed_database(code: Path, db: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "dashboard.loader", "ingest", str(ROOT / "seeds"), "--db", db, "--jobs", "1"],
        cwd=code,
        check=True,
        capture_output=True,
        env={**os.environ, "PYTHONPATH": str(code)},
    )


def _token(html: str) -> str:
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', html)[1]


def editor_session(port: int, name: str, password: str):
    """A signed-in editor's HTTP session (``requests``): an editor signs in once a working day, not per run (a
    sign-in verifies an argon2id hash, 0.3 s of a core)."""
    import requests

    base = f"http://{HOST}:{port}/"
    session = requests.Session()
    page = session.get(base + "review/login", timeout=REQUEST_TIMEOUT).text
    answer = session.post(
        base + "review/login",
        timeout=REQUEST_TIMEOUT,
        data={"csrf_token": _token(page), "name": name, "password": password},
    )
    if answer.url.rstrip("/") != base + "review":
        raise RuntimeError(f"editor {name} could not sign in: HTTP {answer.status_code}")
    return session


class Editor(threading.Thread):
    """An editor at the review desk, signed in (``editor_session``): over and over reads the queue, confirms or
    rejects its first claim, and pauses ``pause`` seconds (a fast human); counts the decisions the server
    acknowledged (303)."""

    def __init__(self, port: int, session, deadline: float, tally: Tally, pause: float, seed: int):
        super().__init__(daemon=True)
        self.base, self.session = f"http://{HOST}:{port}/", session
        self.deadline, self.tally, self.pause = deadline, tally, pause
        self.random = random.Random(seed)
        self.acknowledged = 0

    def run(self) -> None:
        import re

        import requests

        session, token = self.session, _token
        while time.monotonic() < self.deadline:
            start = time.perf_counter()
            try:
                queue = session.get(self.base + "review", timeout=REQUEST_TIMEOUT)
                self.tally.add(
                    "editor GET /review",
                    time.perf_counter() - start,
                    None if queue.status_code == 200 else f"HTTP {queue.status_code}",
                )
                claims = re.findall(r'data-event="(\d+)"', queue.text)
                if claims:
                    start = time.perf_counter()
                    done = session.post(
                        self.base + "review/decide",
                        allow_redirects=False,
                        timeout=REQUEST_TIMEOUT,
                        data={
                            "csrf_token": token(queue.text),
                            "event_id": claims[0],
                            "decision": self.random.choice(["confirm", "reject"]),
                            "note": "",
                        },
                    )
                    self.tally.add(
                        "editor POST decide",
                        time.perf_counter() - start,
                        None if done.status_code == 303 else f"HTTP {done.status_code}",
                    )
                    self.acknowledged += done.status_code == 303
            except requests.RequestException as error:
                self.tally.add("editor", 0, f"{type(error).__name__}: {error}")
            time.sleep(self.pause)


def run_review_load(
    port: int, readers: int, editors: list, seconds: float, pause: float
) -> tuple[Tally, Tally, float, int]:
    """Readers as ``run_load``, and editors deciding at the same time; (readers' tally, editors' tally,
    seconds, decisions acknowledged)."""
    tally, desk = Tally(), Tally()
    start = time.monotonic()
    deadline = start + seconds
    threads = [Editor(port, session, deadline, desk, pause, n) for n, session in enumerate(editors)]
    threads += [Reader(port, deadline, tally, seed) for seed in range(readers)]
    for thread in threads:
        thread.start()
        time.sleep(min(0.02, seconds / max(1, readers) / 10))
    for thread in threads:
        thread.join(timeout=seconds + REQUEST_TIMEOUT + 10)
    return tally, desk, time.monotonic() - start, sum(t.acknowledged for t in threads if isinstance(t, Editor))


def settle(port: int, workers: int) -> None:
    """Wait until every worker has the views of the last decisions (beyond the write pace, then a request each to
    start their rebuilds, then their time): a run of readers alone must not pay for the editors before it."""
    from dashboard.web.source import WRITE_PACE_SECONDS

    time.sleep(WRITE_PACE_SECONDS + 1.5)
    for _ in range(workers * 4):
        urllib.request.urlopen(f"http://{HOST}:{port}/_dash-layout", timeout=REQUEST_TIMEOUT).read()
        time.sleep(0.3)
    time.sleep(3)
    for _ in range(workers * 4):
        urllib.request.urlopen(f"http://{HOST}:{port}/_dash-layout", timeout=REQUEST_TIMEOUT).read()


def _requests(tally: Tally) -> int:
    return sum(len(times) for kind, times in tally.times.items() if kind in KINDS)


def review_database(db: str, events: int, editors: int, password: str) -> None:
    """``events`` synthetic claims, a tenth of them confirmed (the readers' map has claims), and the editors."""
    from dashboard.review import records
    from dashboard.review.auth import hash_password
    from dashboard.store.rows import Store

    synthetic_database(db, events)
    with Store(db) as store:
        keys = store.events_frame()["event_key"].tolist()
        with store.engine.begin() as conn:
            for key in keys[::10]:
                records.add_revision(
                    conn, event_key=key, state="confirmed", changes={}, extracted={}, note="", editor="bench"
                )
            hashed = hash_password(password)
            for n in range(editors):
                records.set_editor(conn, f"editor{n}", hashed, by="bench")


def revisions_count(db: str) -> int:
    from dashboard.store.rows import Store

    with Store(db) as store:
        return store.rows("SELECT count(*) FROM revisions")[0][0]


def readers_figures(tally: Tally) -> dict[str, float]:
    """p50 and p95 of GET / and of every reader request, seconds."""
    every = [t for kind in KINDS for t in tally.times.get(kind, [])]
    root = tally.times.get("GET /", [])
    return {
        "root p50": statistics.median(root) if root else float("nan"),
        "root p95": percentile(root, 0.95),
        "all p50": statistics.median(every) if every else float("nan"),
        "all p95": percentile(every, 0.95),
    }


def review_main(args) -> int:
    """Per engine, ``--rounds`` rounds on one server, each the readers alone then the same readers with
    ``--editors`` editors deciding (taking turns, so the machine's other work weighs on both alike); the
    medians over the rounds, and each round's figures."""
    from tests.postgres import Cluster, find_binaries

    password = "bench password long enough"
    cluster = Cluster(find_binaries()) if "postgresql" in args.engines else None
    print(
        f"{args.readers} readers alone, then with {args.editors} editors (a decision every "
        f"{args.editor_pause:g} s each), taking turns {args.rounds} times, {args.seconds:g} s per run, "
        f"{args.events:,} events, review on, gunicorn on {HOST}"
    )
    try:
        with tempfile.TemporaryDirectory(prefix="bench-review-load-") as tmp:
            for workers in args.workers:
                for engine in args.engines:
                    db = cluster.create_database("review") if engine == "postgresql" else str(Path(tmp) / "r.db")
                    review_database(db, args.events, args.editors, password)
                    env = {"CONFLICT_MAP_REVIEW": "on", "CONFLICT_MAP_SECRET_FILE": str(Path(tmp) / "secret")}
                    before = revisions_count(db)
                    rounds = {"alone": [], "mixed": []}
                    rates = {"alone": [], "mixed": []}
                    cpu = {"alone": [], "mixed": []}  # workers' CPU ms per reader request
                    errors = {"alone": 0, "mixed": 0}
                    acknowledged, desk_times = 0, defaultdict(list)
                    with gunicorn(ROOT, db, workers, env) as port:
                        sessions = [editor_session(port, f"editor{n}", password) for n in range(args.editors)]
                        for n in range(args.rounds):
                            used = workers_cpu(port)
                            alone, seconds = run_load(port, args.readers, args.seconds)
                            cpu["alone"].append((workers_cpu(port) - used) * 1000 / max(1, _requests(alone)))
                            used = workers_cpu(port)
                            rounds["alone"].append(readers_figures(alone))
                            rates["alone"].append(sum(map(len, alone.times.values())) / seconds)
                            errors["alone"] += sum(alone.errors.values())
                            mixed, desk, seconds, decided = run_review_load(
                                port,
                                args.readers,
                                sessions,
                                args.seconds,
                                args.editor_pause,
                            )
                            cpu["mixed"].append((workers_cpu(port) - used) * 1000 / max(1, _requests(mixed)))
                            rounds["mixed"].append(readers_figures(mixed))
                            rates["mixed"].append(sum(map(len, mixed.times.values())) / seconds)
                            errors["mixed"] += sum(mixed.errors.values()) + sum(desk.errors.values())
                            for example in mixed.examples + desk.examples + alone.examples:
                                print(f"   error: {example}")
                            acknowledged += decided
                            settle(port, workers)  # the editors' last decisions built before readers run alone
                            for kind, times in desk.times.items():
                                desk_times[kind] += times
                            a, m = rounds["alone"][-1], rounds["mixed"][-1]
                            print(
                                f"   {workers} workers, {engine}, round {n + 1}: p50 / p95 GET / "
                                f"{a['root p50'] * 1000:.0f} / {a['root p95'] * 1000:.0f} ms alone, "
                                f"{m['root p50'] * 1000:.0f} / {m['root p95'] * 1000:.0f} ms with editors; "
                                f"every request {a['all p50'] * 1000:.0f} / {a['all p95'] * 1000:.0f} -> "
                                f"{m['all p50'] * 1000:.0f} / {m['all p95'] * 1000:.0f} ms; req/s "
                                f"{rates['alone'][-1]:.1f} -> {rates['mixed'][-1]:.1f}; workers' CPU per reader "
                                f"request {cpu['alone'][-1]:.0f} -> {cpu['mixed'][-1]:.0f} ms",
                                flush=True,
                            )
                    stored = revisions_count(db) - before
                    median = {
                        mode: {k: statistics.median(r[k] for r in runs) for k in runs[0]}
                        for mode, runs in rounds.items()
                    }
                    a, m = median["alone"], median["mixed"]
                    print(f"\n== {workers} workers, {engine}: medians of {args.rounds} rounds")
                    print(
                        f"   readers alone:        {statistics.median(rates['alone']):6.1f} req/s, GET / p50 "
                        f"{a['root p50'] * 1000:.0f} p95 {a['root p95'] * 1000:.0f} ms, every request p50 "
                        f"{a['all p50'] * 1000:.0f} p95 {a['all p95'] * 1000:.0f} ms, {errors['alone']} errors, "
                        f"workers' CPU {statistics.median(cpu['alone']):.0f} ms a request"
                    )
                    print(
                        f"   with {args.editors} editors:       {statistics.median(rates['mixed']):6.1f} req/s, "
                        f"GET / p50 {m['root p50'] * 1000:.0f} p95 {m['root p95'] * 1000:.0f} ms, every request "
                        f"p50 {m['all p50'] * 1000:.0f} p95 {m['all p95'] * 1000:.0f} ms, {errors['mixed']} errors, "
                        f"workers' CPU {statistics.median(cpu['mixed']):.0f} ms a reader's request (editors' included)"
                    )
                    print(
                        f"   readers' p95 with editors / alone: GET / {m['root p95'] / a['root p95']:.2f}x, every "
                        f"request {m['all p95'] / a['all p95']:.2f}x; decisions acknowledged {acknowledged}, "
                        f"stored {stored}, lost {acknowledged - stored}"
                    )
                    for kind in ("editor GET /review", "editor POST decide"):
                        times = desk_times.get(kind, [])
                        print(
                            f"   {kind:24} p50 {statistics.median(times) * 1000 if times else float('nan'):6.0f} ms"
                            f"  p95 {percentile(times, 0.95) * 1000:6.0f} ms  {len(times)} requests"
                        )
                    sys.stdout.flush()
    finally:
        if cluster is not None:
            cluster.stop()
    return 0


def synthetic_database(db: str, events: int, per_article: int = 10) -> None:
    """A database with ``events`` synthetic claims (``bench.slider.synthetic_frame``: the seed claims on random
    gazetteer places and days), ``per_article`` to an article, written through the store (its bounds and all)."""
    from bench.slider import seed_frame, synthetic_frame
    from dashboard.schema import EVENT_FIELDS, Event
    from dashboard.store.rows import Store

    frame = synthetic_frame(seed_frame(), events)
    rows = frame[EVENT_FIELDS].astype(object).where(frame[EVENT_FIELDS].notna(), None).to_dict(orient="records")
    with Store(db) as store:
        for start in range(0, len(rows), per_article):
            claims = []
            for row in rows[start : start + per_article]:
                row = {k: (v.item() if hasattr(v, "item") else v) for k, v in row.items()}
                row["hedged"] = bool(row["hedged"])
                claims.append(Event(**row))
            store.add_article(
                content_hash=hashlib.sha256(str(start).encode()).hexdigest(),
                source=f"synthetic/{start}",
                published="2023-03-01",
                report_day="2023-03-01",
                outlet="Bench",
                url="",
                title="",
                text=" ".join(sorted({c.sentence for c in claims})),
                events=claims,
            )


def counts(db: str) -> dict:
    from dashboard.store.rows import read_counts

    return read_counts(db)


def write_feed(path: Path, n: int) -> None:
    from bench.corpus import articles

    with path.open("w", encoding="utf-8") as out:
        for i, (text, published) in enumerate(articles(n)):
            out.write(
                json.dumps(
                    {
                        "text": text,
                        "published": published.isoformat(),
                        "outlet": "Bench",
                        "url": f"https://example.org/{i}",
                    }
                )
                + "\n"
            )


def ingest_command(feed: Path, db: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "dashboard.loader",
        "ingest",
        str(feed),
        "--db",
        db,
        "--jobs",
        "1",
        "--max-bytes",
        str(feed.stat().st_size + 1),
        "--no-progress",
    ]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def summarise(tally: Tally, seconds: float) -> dict:
    total = sum(len(v) for v in tally.times.values())
    rows = {
        kind: (
            statistics.median(tally.times[kind]) if tally.times[kind] else float("nan"),
            percentile(tally.times[kind], 0.95),
            len(tally.times[kind]),
            tally.errors.get(kind, 0),
        )
        for kind in KINDS
        if tally.times.get(kind) or tally.errors.get(kind)
    }
    return {"rps": total / seconds, "errors": sum(tally.errors.values()), "kinds": rows, "examples": tally.examples}


def print_run(label: str, ours: dict, baseline: dict | None, rows_line: str) -> None:
    print(f"\n== {label}")
    base_rps = f"   baseline {baseline['rps']:6.1f} req/s, {baseline['errors']} errors" if baseline else ""
    print(f"   ours {ours['rps']:6.1f} req/s, {ours['errors']} errors{base_rps}")
    print(
        f"   {'request':24} {'p50 ms':>8} {'p95 ms':>8} {'count':>7} {'errors':>6}"
        + (f"  | {'base p50':>8} {'base p95':>8} {'count':>7} {'errors':>6} {'p95 x':>6}" if baseline else "")
    )
    for kind in KINDS:
        if kind not in ours["kinds"] and not (baseline and kind in baseline["kinds"]):
            continue
        p50, p95, count, errors = ours["kinds"].get(kind, (float("nan"),) * 2 + (0, 0))
        line = f"   {kind:24} {p50 * 1000:8.0f} {p95 * 1000:8.0f} {count:7d} {errors:6d}"
        if baseline:
            b50, b95, bcount, berrors = baseline["kinds"].get(kind, (float("nan"),) * 2 + (0, 0))
            line += f"  | {b50 * 1000:8.0f} {b95 * 1000:8.0f} {bcount:7d} {berrors:6d} {b95 / p95:6.1f}"
        print(line)
    if rows_line:
        print(f"   {rows_line}")
    for example in ours["examples"]:
        print(f"   error: {example}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, nargs="+", default=[2, 4])
    parser.add_argument("--engines", nargs="+", default=["sqlite", "postgresql"], choices=["sqlite", "postgresql"])
    parser.add_argument(
        "--ingest",
        choices=["no", "yes", "both"],
        default="both",
        help="run a loader into the same database during the load (default: both ways)",
    )
    parser.add_argument("--articles", type=int, default=400, help="articles the concurrent loader reads")
    parser.add_argument("--baseline-ref", default=BASELINE_REF)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument(
        "--editors",
        type=int,
        default=0,
        help="review on: readers alone, then with this many editors deciding (issue 24)",
    )
    parser.add_argument("--events", type=int, default=20_000, help="synthetic events for --editors runs")
    parser.add_argument("--editor-pause", type=float, default=1.0, help="seconds between an editor's decisions")
    parser.add_argument("--rounds", type=int, default=3, help="--editors runs: rounds of readers alone, then with")
    args = parser.parse_args()
    if args.readers > 500 or args.seconds > 600 or args.editors > 50:
        parser.error("bounded: at most 500 readers and 50 editors for 600 s")
    sys.path.insert(0, str(ROOT))
    if args.editors:
        return review_main(args)
    from tests.postgres import Cluster, find_binaries

    ingest_modes = {"no": [False], "yes": [True], "both": [False, True]}[args.ingest]
    with tempfile.TemporaryDirectory(prefix="bench-load-") as tmp:
        tmp = Path(tmp)
        feed = tmp / "feed.jsonl"
        expected = None
        if True in ingest_modes:
            write_feed(feed, args.articles)
            reference = str(tmp / "reference.db")
            seed_database(ROOT, reference)
            subprocess.run(ingest_command(feed, reference), cwd=ROOT, check=True, capture_output=True)
            expected = counts(reference)
        baselines: dict[int, dict] = {}
        if not args.no_baseline:
            old = tmp / "baseline"
            old.mkdir()
            archive = subprocess.run(["git", "archive", args.baseline_ref], cwd=ROOT, capture_output=True, check=True)
            subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
            for workers in args.workers:
                db = str(tmp / f"baseline-{workers}.db")
                seed_database(ROOT, db)
                with gunicorn(old, db, workers) as port:
                    tally, seconds = run_load(port, args.readers, args.seconds)
                baselines[workers] = summarise(tally, seconds)
        cluster = Cluster(find_binaries()) if "postgresql" in args.engines else None
        print(
            f"{args.readers} readers for {args.seconds:g} s per run against gunicorn on {HOST}; "
            f"baseline: the page at {args.baseline_ref} on SQLite"
            if baselines
            else ""
        )
        try:
            for workers in args.workers:
                for engine in args.engines:
                    for with_ingest in ingest_modes:
                        db = (
                            cluster.create_database("load")
                            if engine == "postgresql"
                            else str(tmp / f"load-{workers}-{with_ingest}.db")
                        )
                        seed_database(ROOT, db)
                        loader = None
                        with gunicorn(ROOT, db, workers) as port:
                            if with_ingest:  # its summary to a file: a pipe nobody reads would block it
                                loader_log = (tmp / "loader.log").open("wb")
                                loader = subprocess.Popen(
                                    ingest_command(feed, db), cwd=ROOT, stdout=loader_log, stderr=subprocess.STDOUT
                                )
                            tally, seconds = run_load(port, args.readers, args.seconds)
                            rows = ""
                            if loader is not None:
                                finished = loader.poll() is not None
                                loader.wait(timeout=600)
                                loader_log.close()
                                stored = counts(db)
                                lost_articles = expected["articles"] - stored["articles"]
                                lost_events = expected["events"] - stored["events"]
                                rows = (
                                    f"rows stored {stored['articles']} articles, {stored['events']} events; "
                                    f"expected {expected['articles']}, {expected['events']}; lost "
                                    f"{lost_articles} articles, {lost_events} events; loader "
                                    f"{'finished during' if finished else 'still running after'} the load"
                                )
                        label = f"{workers} workers, {engine}, " + (
                            "with a concurrent ingest" if with_ingest else "no ingest"
                        )
                        print_run(label, summarise(tally, seconds), baselines.get(workers), rows)
                        sys.stdout.flush()
        finally:
            if cluster is not None:
                cluster.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
