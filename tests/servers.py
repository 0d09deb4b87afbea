"""Start the real dashboard (``python -m dashboard`` or gunicorn) on a loopback port for tests.

The server binds port 0 itself (the kernel picks a free port while the
server holds it) and the port is read back from what the server prints, so
no other process can take the port between choosing and binding it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


# werkzeug (python -m dashboard): " * Running on http://127.0.0.1:PORT"; gunicorn: "Listening at: http://127.0.0.1:PORT"
_LISTENING = re.compile(r"(?:Running on|Listening at:) http://127\.0\.0\.1:([1-9]\d*)")


def bound_port(process: subprocess.Popen, log: Path, seconds: float = 60) -> int:
    """The port the server says it bound (it was given port 0), read from its output as it starts."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = _LISTENING.search(log.read_text(errors="replace"))
        if found:
            return int(found.group(1))
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}: {log.read_text(errors='replace')}")
        time.sleep(0.05)  # polling for the line, not waiting for time to pass
    raise TimeoutError(f"the server did not say which port it bound in {seconds} s: {log.read_text(errors='replace')}")


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
def dashboard_server(
    db: Path | str,
    prefix: str = "/",
    frame_ancestors: str | None = None,
    gunicorn: bool = False,
    capture: bool = False,
    workers: int = 1,
    reload_seconds: float | None = 0,
    extra_env: dict[str, str] | None = None,
    args: tuple[str, ...] = (),
):
    """Yields the base URL (with the prefix) of a running dashboard; stops it afterwards.

    ``db``: a SQLite file or a postgresql:// URL; ``workers``: gunicorn's worker processes;
    ``reload_seconds``: CONFLICT_MAP_RELOAD_SECONDS (0: every request sees a change at once, as tests that
    change the database and look straight away need; None: the app's default); ``extra_env``: more environment
    variables (e.g. CONFLICT_MAP_REVIEW=on); ``args``: more options of ``python -m dashboard`` (the dev server
    only).

    With ``capture``, yields (base URL, a function returning what the server has printed so far).
    """
    env = {**os.environ, "CONFLICT_MAP_DB": str(db), "CONFLICT_MAP_PREFIX": prefix}
    if frame_ancestors:
        env["CONFLICT_MAP_FRAME_ANCESTORS"] = frame_ancestors
    env.pop("CONFLICT_MAP_RELOAD_SECONDS", None)
    env.update(extra_env or {})
    if reload_seconds is not None:
        env["CONFLICT_MAP_RELOAD_SECONDS"] = str(reload_seconds)
    if gunicorn:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            "127.0.0.1:0",
            "--workers",
            str(workers),
            "dashboard.web.app:server",
        ]
    else:
        command = [sys.executable, "-m", "dashboard", "--port", "0", "--db", str(db), "--prefix", prefix, *args]
    handle, name = tempfile.mkstemp(prefix="dashboard-server-", suffix=".log")
    os.close(handle)
    log = Path(name)
    with log.open("wb") as output:  # a file, not a pipe nobody reads: a chatty server never blocks on it
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{bound_port(process, log)}{prefix}"
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
