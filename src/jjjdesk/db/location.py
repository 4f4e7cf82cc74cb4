"""Which database to open, decided without importing SQLAlchemy (the window paints first)."""

from __future__ import annotations

import os
from pathlib import Path

from jjjdesk.paths import AppPaths

ENV_URL = "JJJDESK_DATABASE_URL"


def resolve_url(db: str | os.PathLike[str] | None = None, paths: AppPaths | None = None) -> str:
    """`--db` (a path or a URL) wins, then JJJDESK_DATABASE_URL, then the default file."""
    if db:
        text = os.fspath(db)
        if "://" in text:
            return text
        return f"sqlite:///{Path(text).expanduser().resolve()}"
    env = os.environ.get(ENV_URL)
    if env:
        return env
    paths = paths or AppPaths.default()
    return f"sqlite:///{paths.default_database}"


def plain_sqlite_file(url: str) -> Path | None:
    """The file of a plain `sqlite:///path` URL; None for anything else (the engine decides)."""
    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url or url == prefix + ":memory:":
        return None
    return Path(url[len(prefix) :])
