"""A small office for the 佐证材料 tests: units A and B with one entry each in an open March
round, a problem of unit B, and their reporters."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

from progress_registry import COORDINATOR, build
from sqlalchemy import func
from sqlmodel import select

from jjjdesk.domain.models import Attachment, AttachmentChunk, AttachmentContent, Problem
from jjjdesk.domain.period import Period
from jjjdesk.services import entries, rounds

MARCH = Period.month(2024, 3)
MB = 1024 * 1024


def make_office(db) -> dict:
    reg = build(db)
    with db.session() as s:
        rnd = rounds.create_round(session=s, actor=COORDINATOR, period=MARCH,
                                  deadline=date(2024, 4, 5))
    ids = {}
    for name, subject in (("a", reg.task_a), ("b", reg.task_b)):
        with db.session() as s:
            ids[name] = entries.save_entry(
                session=s, actor=COORDINATOR, subject=subject, round_id=rnd.id,
                values={"assessment": "正常推进", "completion_pct": 10, "progress": "起步"},
            ).entry_id
    with db.session() as s:
        problem = Problem(description="用地指标不足", owner_unit_id=reg.unit_b)
        s.add(problem)
        s.flush()
        ids["problem"] = problem.id
    return {"reg": reg, "round": rnd.id, "entry_a": ids["a"], "entry_b": ids["b"],
            "problem": ids["problem"], "rep_a": reg.reporter(reg.unit_a, "甲填报员"),
            "rep_b": reg.reporter(reg.unit_b, "乙填报员")}


def random_file(path: Path, size: int, seed: int = 1) -> Path:
    """`size` bytes that compress badly and differ per seed."""
    rnd = random.Random(seed)
    with open(path, "wb") as out:
        left = size
        while left:
            n = min(left, MB)
            out.write(rnd.randbytes(n))
            left -= n
    return path


def counts(db) -> tuple[int, int, int]:
    """Rows of attachment_content, attachment_chunk, attachment."""
    with db.session() as s:
        return tuple(s.exec(select(func.count()).select_from(m)).one()
                     for m in (AttachmentContent, AttachmentChunk, Attachment))
