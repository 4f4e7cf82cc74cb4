"""A rotating log file in the user's log folder; every error lands there."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path


class _AppLogHandler(logging.handlers.RotatingFileHandler):
    """Marks the one file handler the app owns, so setting up again replaces it."""


def setup_logging(log_file: Path, level: int = logging.INFO) -> Path:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _AppLogHandler)]:
        if Path(handler.baseFilename) == log_file.resolve():
            return log_file
        root.removeHandler(handler)
        handler.close()
    log_file.parent.mkdir(parents=True, exist_ok=True)
    handler = _AppLogHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8", delay=True
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    )
    root.addHandler(handler)
    root.setLevel(level)
    return log_file


def close_logging() -> None:
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _AppLogHandler)]:
        root.removeHandler(handler)
        handler.close()
