"""A throwaway PostgreSQL server for the tests (and for ``bench.load``): initdb + pg_ctl in a temporary folder.

The server runs as an unprivileged user (PostgreSQL refuses root: as root it
is started through ``runuser -u postgres``, or ``nobody`` where Debian's
``postgres`` user is missing), listens on 127.0.0.1 at a free port and on a
unix socket in its own folder, trusts local connections (nothing else can
reach it), and is stopped and deleted by ``stop()``. fsync is off: it holds
test data only.

``find_binaries()`` finds Debian's server programs (``/usr/lib/postgresql/N/bin``,
not on PATH) or None when PostgreSQL is not installed.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "conflict_map"


def find_binaries() -> Path | None:
    candidates = []
    if shutil.which("pg_config"):
        result = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True)
        candidates.append(result.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    if shutil.which("initdb"):
        candidates.append(str(Path(shutil.which("initdb")).resolve().parent))
    for folder in candidates:
        if folder and all((Path(folder) / name).is_file() for name in ("initdb", "pg_ctl", "postgres")):
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _run_as() -> tuple[list[str], int | None, int | None]:
    """(command prefix, uid, gid) to run the server as a user that is not root."""
    if os.geteuid() != 0:
        return [], None, None
    for name in ("postgres", "nobody"):
        try:
            user = pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], user.pw_uid, user.pw_gid
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")


class Cluster:
    """A running PostgreSQL server; ``url(name)`` for a database in it, ``create_database()`` for a new one."""

    def __init__(self, binaries: Path):
        self.binaries = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="conflict-map-pg-"))
        self.data = self.folder / "data"
        self.prefix, uid, gid = _run_as()
        if uid is not None:
            os.chown(self.folder, uid, gid)
        self.folder.chmod(0o700)
        self._databases = 0
        self._pg(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        # PostgreSQL cannot be given port 0 (the port names its socket file): a port found free may be taken
        # by another process before the server binds it, so a start that fails is tried again on another
        for attempt in range(5):
            self.port = _free_port()
            try:
                self._start()
                return
            except RuntimeError:
                if "could not bind" not in self.log() and "already in use" not in self.log() or attempt == 4:
                    raise

    def _pg(self, program: str, *args: str, timeout: float = 120) -> None:
        result = subprocess.run(
            [*self.prefix, str(self.binaries / program), *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            cwd="/",
        )
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stdout}\n{result.stderr}")

    def _start(self) -> None:
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} -c unix_socket_directories={self.folder} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            "-c shared_buffers=64MB"
        )
        self._pg(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "test") -> str:
        """A new empty database; its URL."""
        import psycopg

        self._databases += 1
        name = f"{prefix}_{os.getpid()}_{self._databases}_{int(time.time() * 1000) % 100000}"
        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={SUPERUSER} dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def log(self) -> str:
        try:
            return (self.folder / "server.log").read_text(errors="replace")
        except OSError:
            return ""

    def stop(self) -> None:
        try:
            self._pg("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop", timeout=60)
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)
