"""The meeting pack with the red items' 佐证材料 (issue 18 item 1): a folder per item, byte
exact, a list, the size reported; yellow items and removed files stay out; CLI option."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from jjjdesk.cli.main import main
from jjjdesk.domain.enums import Light
from jjjdesk.domain.models import Attachment, ProgressEntry, now
from jjjdesk.domain.period import Period
from jjjdesk.reports.brief import build_brief
from jjjdesk.reports.pack import export_pack
from jjjdesk.reports.pack_attachments import FOLDER, LIST_NAME
from jjjdesk.services import attachments
from jjjdesk.services.demo import load_demo_progress

Q4 = Period.parse("2024年第四季度")
TODAY = date(2025, 1, 8)


def _attach(db, actor, ref, path: Path, *, period_key: str = "2024-11") -> int:
    """Attach `path` to the item's entry of `period_key` (the demo's entries are approved,
    locked for the entry dialog: stored as an import would)."""
    column = ProgressEntry.task_id if ref.kind == "task" else ProgressEntry.project_id
    with db.session() as s:
        entry = s.exec(select(ProgressEntry).where(column == ref.id,
                                                   ProgressEntry.period_key == period_key)).one()
        row = attachments.attach_imported(session=s, actor=actor,
                                          checked=attachments.check_file(path),
                                          entry_id=entry.id, entry_version=entry.version)
        return row.id


@pytest.fixture
def flagged(demo_db, actor):
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor,
                           periods=[Period.month(2024, m) for m in range(1, 12)])
    with demo_db.session() as s:
        brief = build_brief(session=s, period=Q4, today=TODAY)
    red = [f for f in brief.flagged if f.light == Light.RED]
    yellow = [f for f in brief.flagged if f.light == Light.YELLOW]
    assert len(red) >= 2 and yellow
    return red, yellow


def test_pack_carries_red_items_files_in_a_folder_each_with_a_list(
        demo_db, actor, flagged, tmp_path):
    red, yellow = flagged
    photo = tmp_path / "现场照片.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4000)
    formula = tmp_path / "=SUM(A1).pdf"
    formula.write_bytes(b"%PDF-1.4 " + b"x" * 500)
    _attach(demo_db, actor, red[0].subject, photo)
    _attach(demo_db, actor, red[0].subject, photo, period_key="2024-10")  # same name twice
    _attach(demo_db, actor, red[1].subject, formula)
    gone = _attach(demo_db, actor, red[1].subject, photo)
    with demo_db.session() as s:  # removed before the entry was approved (now locked)
        row = s.get(Attachment, gone)
        row.deleted_at, row.deleted_by = now(), actor.name
        s.add(row)
    _attach(demo_db, actor, yellow[0].subject, photo)
    _attach(demo_db, actor, red[0].subject, photo, period_key="2024-06")  # before Q4

    steps = []
    with demo_db.session() as s:
        result = export_pack(session=s, folder=tmp_path / "材料", period=Q4, today=TODAY,
                             with_attachments=True, progress=lambda d, t: steps.append((d, t)))
    assert steps[-1] == (5, 5)
    root = tmp_path / "材料" / FOLDER
    first = root / f"{red[0].code} {red[0].name}"
    assert sorted(p.name for p in first.iterdir()) == ["现场照片(2).jpg", "现场照片.jpg"]
    assert (first / "现场照片.jpg").read_bytes() == photo.read_bytes()
    second = root / f"{red[1].code} {red[1].name}"
    assert [p.name for p in second.iterdir()] == ["=SUM(A1).pdf"]
    assert sorted(p.name for p in root.iterdir()) == sorted(
        [first.name, second.name, LIST_NAME])  # the yellow item has no folder
    a = result.attachments
    assert (a.count, a.damaged) == (3, 0)
    assert a.size == 2 * photo.stat().st_size + formula.stat().st_size
    assert result.attachments_text() == (
        f"红灯事项佐证材料 3 个,共 {attachments.size_text(a.size)}")
    assert result.files[-1] == root / LIST_NAME
    ws = load_workbook(root / LIST_NAME).active
    assert ws["A1"].value == "红灯事项佐证材料清单"
    assert ws["A2"].value.startswith("共 3 个文件")
    rows = [[c.value for c in r] for r in ws.iter_rows(min_row=4)]
    assert [r[6] for r in rows] == ["现场照片.jpg", "现场照片.jpg", "=SUM(A1).pdf"]
    assert rows[1][10] == f"{first.name}/现场照片(2).jpg"
    assert {r[5] for r in rows} == {"2024年10月", "2024年11月"}
    assert ws.cell(6, 7).data_type == "s"  # user text, not a formula


def test_pack_without_the_option_has_no_files_and_cli_reports_size(
        demo_db, actor, flagged, tmp_path, capsys):
    red, _yellow = flagged
    photo = tmp_path / "照片.png"
    photo.write_bytes(b"\x89PNG\r\n\x1a\n" + b"p" * 2048)
    _attach(demo_db, actor, red[0].subject, photo)
    with demo_db.session() as s:
        plain = export_pack(session=s, folder=tmp_path / "无附件", period=Q4, today=TODAY)
    assert plain.attachments is None and plain.attachments_text() == ""
    assert not (tmp_path / "无附件" / FOLDER).exists()
    capsys.readouterr()
    assert main(["export", "pack", "--db", demo_db.url, "--period", "2024年第四季度",
                 "--today", "2025-01-08", "--out", str(tmp_path / "cli"),
                 "--with-attachments"]) == 0
    out = capsys.readouterr().out
    assert f"{FOLDER}/{red[0].code} {red[0].name}/照片.png" in out
    assert "红灯事项佐证材料 1 个,共 2.0 KB" in out
