"""PostgreSQL LISTEN on a channel in a plain thread; the GUI wraps the callback in a signal."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)


def listen(
    url: str, channel: str, on_notify: Callable[[str], None], stop: threading.Event
) -> threading.Thread | None:
    """Call `on_notify(payload)` for every NOTIFY on `channel` until `stop` is set.

    Returns None for databases without LISTEN (SQLite: the caller polls instead). A lost
    connection is retried every few seconds; the listener never raises into the app.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() != "postgresql":
        return None
    from jjjdesk.db import tls

    # The same sslmode as the engine's, or the listener alone would fall back to plaintext.
    parsed = make_url(tls.with_default_mode(url))
    dsn = parsed.set(drivername="postgresql").render_as_string(hide_password=False)

    def run() -> None:
        import psycopg

        while not stop.is_set():
            try:
                with psycopg.connect(dsn, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {channel}")
                    while not stop.is_set():
                        for note in conn.notifies(timeout=1.0, stop_after=50):
                            on_notify(note.payload)
            except Exception:  # noqa: BLE001 - network trouble: wait and reconnect
                log.warning("change listener lost its connection; retrying", exc_info=True)
                stop.wait(3.0)

    thread = threading.Thread(target=run, name="jjjdesk-listen", daemon=True)
    thread.start()
    return thread
