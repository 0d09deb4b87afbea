"""Configuration read once, in one place: command-line flags override environment variables.

| setting | env variable | default |
|---|---|---|
| database: a SQLite file path or a postgresql://user:password@host:port/name URL | CONFLICT_MAP_DB | data/events.db (under the project folder) |
| URL prefix | CONFLICT_MAP_PREFIX | / |
| allowed frame ancestors (CSP) | CONFLICT_MAP_FRAME_ANCESTORS | 'self' |
| largest article accepted, bytes | CONFLICT_MAP_MAX_ARTICLE_BYTES | 5000000 (5 MB) |
| largest request body the dashboard reads, bytes | CONFLICT_MAP_MAX_REQUEST_BYTES | 1000000 (1 MB) |
| seed folder ingested on first start | CONFLICT_MAP_SEEDS | seeds/ |
| seconds between the dashboard's checks for new data (per worker; health always checks) | CONFLICT_MAP_RELOAD_SECONDS | 1.0 |
| newsroom review: readers see only reviewed claims, editors may write (``on`` / ``off``) | CONFLICT_MAP_REVIEW | off |
| addresses of the single-sign-on proxies whose user header is trusted (comma-separated) | CONFLICT_MAP_TRUSTED_PROXIES | (none) |
| the header those proxies set to the signed-in user's name | CONFLICT_MAP_USER_HEADER | X-Remote-User |
| file holding the key that signs editors' session cookies (made on first use, mode 600) | CONFLICT_MAP_SECRET_FILE | data/secret-key |
| minutes an editor's session lasts | CONFLICT_MAP_SESSION_MINUTES | 480 |
| the session cookie's ``Secure`` flag: ``on``, ``off``, or ``auto`` (when the request came over https, directly or per ``X-Forwarded-Proto`` from a trusted proxy) | CONFLICT_MAP_SECURE_COOKIE | auto |
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


def normalise_prefix(prefix: str) -> str:
    """'/tools/conflict-map' -> '/tools/conflict-map/'; '' -> '/'."""
    prefix = "/" + prefix.strip("/")
    return prefix if prefix == "/" else prefix + "/"


@dataclass
class Settings:
    # a SQLite file path, or a postgresql:// URL (dashboard.store.engines.Target parses it)
    db: str = field(default_factory=lambda: _env("CONFLICT_MAP_DB", str(PROJECT_ROOT / "data" / "events.db")))
    prefix: str = field(default_factory=lambda: normalise_prefix(_env("CONFLICT_MAP_PREFIX", "/")))
    frame_ancestors: str = field(default_factory=lambda: _env("CONFLICT_MAP_FRAME_ANCESTORS", "'self'"))
    max_article_bytes: int = field(default_factory=lambda: int(_env("CONFLICT_MAP_MAX_ARTICLE_BYTES", "5000000")))
    # the largest callback request the page sends is a few kilobytes (a slider step with the selected row)
    max_request_bytes: int = field(default_factory=lambda: int(_env("CONFLICT_MAP_MAX_REQUEST_BYTES", "1000000")))
    # a loader storing many articles a second would otherwise have every worker rebuild its index each time
    reload_seconds: float = field(default_factory=lambda: float(_env("CONFLICT_MAP_RELOAD_SECONDS", "1.0")))
    seeds_dir: Path = field(default_factory=lambda: Path(_env("CONFLICT_MAP_SEEDS", str(PROJECT_ROOT / "seeds"))))
    review: bool = field(
        default_factory=lambda: _env("CONFLICT_MAP_REVIEW", "off").strip().lower() in ("on", "1", "yes", "true")
    )
    trusted_proxies: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            a.strip() for a in _env("CONFLICT_MAP_TRUSTED_PROXIES", "").split(",") if a.strip()
        )
    )
    user_header: str = field(default_factory=lambda: _env("CONFLICT_MAP_USER_HEADER", "X-Remote-User"))
    secret_file: Path = field(
        default_factory=lambda: Path(_env("CONFLICT_MAP_SECRET_FILE", str(PROJECT_ROOT / "data" / "secret-key")))
    )
    session_minutes: int = field(default_factory=lambda: int(_env("CONFLICT_MAP_SESSION_MINUTES", "480")))
    secure_cookie: str = field(default_factory=lambda: _env("CONFLICT_MAP_SECURE_COOKIE", "auto").strip().lower())

    def __post_init__(self):
        if self.secure_cookie not in ("on", "off", "auto"):
            raise ValueError(f"CONFLICT_MAP_SECURE_COOKIE: {self.secure_cookie!r} is not on, off or auto")
