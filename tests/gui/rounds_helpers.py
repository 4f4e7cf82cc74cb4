"""Shared set-up for the progress GUI tests: the small registry, a round, dialogs captured."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))

from progress_registry import COORDINATOR, Registry, build  # noqa: E402

from jjjdesk.domain.period import Period  # noqa: E402
from jjjdesk.gui.rounds import common  # noqa: E402
from jjjdesk.services import entries, rounds  # noqa: E402

MARCH = Period.month(2024, 3)
TODAY = date(2024, 4, 1)

__all__ = ["COORDINATOR", "MARCH", "TODAY", "Registry", "build", "make_round", "Shown", "submit"]


def make_round(db, **kw) -> rounds.RoundView:
    with db.session() as s:
        return rounds.create_round(
            session=s, actor=COORDINATOR, period=MARCH, deadline=date(2024, 4, 5), **kw
        )


def submit(db, subject, round_id: int, **values) -> None:
    """An entry saved and sent through the services (what another user did)."""
    values = {"progress": "按计划推进"} | values
    with db.session() as s:
        saved = entries.save_entry(
            session=s, actor=COORDINATOR, subject=subject, values=values, round_id=round_id
        )
        entries.submit_entry(session=s, actor=COORDINATOR, entry_id=saved.entry_id)


class Shown:
    """Replaces `common.run_dialog`: dialogs are shown without blocking and kept here; an
    optional `answer(dialog)` acts on it (fill, click) before the caller continues."""

    def __init__(self, monkeypatch, qtbot):
        self.dialogs: list = []
        self.answer = None
        self.qtbot = qtbot
        monkeypatch.setattr(common, "run_dialog", self)
        monkeypatch.setattr(common, "today", lambda: TODAY)

    def __call__(self, dialog) -> int:
        self.qtbot.addWidget(dialog)
        self.dialogs.append(dialog)
        dialog.show()
        if self.answer is not None:
            return self.answer(dialog)
        return 0

    @property
    def last(self):
        return self.dialogs[-1]


def settle(page, qtbot) -> None:
    """Pages read their lists in the worker: wait until what they show has come in."""
    qtbot.waitUntil(lambda: not page.is_loading(), timeout=10_000)
