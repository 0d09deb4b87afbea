"""Start the real dashboard (``python -m dashboard`` or gunicorn) on a free loopback port for tests."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, seconds: float = 60, log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = log.read_text(errors="replace") if log else ""
            raise RuntimeError(f"server exited with {process.returncode}: {output}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {seconds} s")


@contextmanager
def dashboard_server(db: Path | str, prefix: str = "/", frame_ancestors: str | None = None, gunicorn: bool = False,
                     capture: bool = False, workers: int = 1, reload_seconds: float | None = 0,
                     extra_env: dict[str, str] | None = None):
    """Yields the base URL (with the prefix) of a running dashboard; stops it afterwards.

    ``db``: a SQLite file or a postgresql:// URL; ``workers``: gunicorn's worker processes;
    ``reload_seconds``: CONFLICT_MAP_RELOAD_SECONDS (0: every request sees a change at once, as tests that
    change the database and look straight away need; None: the app's default); ``extra_env``: more environment
    variables (e.g. CONFLICT_MAP_REVIEW=on).

    With ``capture``, yields (base URL, a function returning what the server has printed so far).
    """
    port = free_port()
    env = {**os.environ, "CONFLICT_MAP_DB": str(db), "CONFLICT_MAP_PREFIX": prefix}
    if frame_ancestors:
        env["CONFLICT_MAP_FRAME_ANCESTORS"] = frame_ancestors
    env.pop("CONFLICT_MAP_RELOAD_SECONDS", None)
    env.update(extra_env or {})
    if reload_seconds is not None:
        env["CONFLICT_MAP_RELOAD_SECONDS"] = str(reload_seconds)
    if gunicorn:
        command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
                   "dashboard.app:server"]
    else:
        command = [sys.executable, "-m", "dashboard", "--port", str(port), "--db", str(db), "--prefix", prefix]
    handle, name = tempfile.mkstemp(prefix="dashboard-server-", suffix=".log")
    os.close(handle)
    log = Path(name)
    with log.open("wb") as output:   # a file, not a pipe nobody reads: a chatty server never blocks on it
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}{prefix}"
    try:
        wait_for(base, process, log=log)
        yield (base, lambda: log.read_text(errors="replace")) if capture else base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.unlink(missing_ok=True)
