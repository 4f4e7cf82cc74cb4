"""Exporting from the window: the ledger through its action, and "export this list"."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from jjjdesk.domain.period import Period
from jjjdesk.gui.exporting import actions, common
from jjjdesk.gui.models.projects_model import ProjectsModel
from jjjdesk.gui.worker import shared_worker

WAIT_MS = 30_000


class SaveDialog:
    """QFileDialog.getSaveFileName answered with a path in tmp_path; keeps the proposal."""

    def __init__(self, target: Path):
        self.target = target
        self.proposed: list[str] = []

    def __call__(self, parent, title, proposal, filters=""):
        self.proposed.append(proposal)
        return str(self.target), filters


@pytest.fixture
def opened(monkeypatch):
    folders: list[Path] = []
    monkeypatch.setattr(common, "open_folder", folders.append)
    return folders


def _wait_done(qtbot, boxes, word: str) -> None:
    qtbot.waitUntil(lambda: any(word in t for t in boxes.texts), timeout=WAIT_MS)
    shared_worker().wait(WAIT_MS)


def test_export_ledger_action_writes_the_workbook(
    window, tmp_path, qtbot, boxes, monkeypatch, opened
):
    def answer(dialog: QDialog) -> int:
        assert dialog.windowTitle() == "导出台账"
        dialog.period_radio.setChecked(True)
        dialog.period_picker.set_period(Period.month(2024, 3))
        dialog.split_check.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(actions, "run_dialog", answer)
    save = SaveDialog(tmp_path / "台账.xlsx")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    boxes.answer = boxes.answer.Open  # 打开文件夹
    window.export_actions.ledger_action.trigger()
    _wait_done(qtbot, boxes, "台账已导出")

    assert Path(save.proposed[0]).name == "2024年3月京津冀协同发展重点项目推进情况台账.xlsx"
    assert opened == [tmp_path]
    wb = load_workbook(tmp_path / "台账.xlsx")
    sheet = wb.worksheets[0]
    assert sheet["A1"].value == "2024年3月京津冀协同发展重点项目推进情况台账"
    assert len(wb.worksheets) > 2  # one sheet per category, and the indicators sheet
    assert any("指标" in ws.title for ws in wb.worksheets)


def test_export_current_list_writes_exactly_what_the_view_shows(
    window, tmp_path, qtbot, boxes, monkeypatch, type_into
):
    window.show_page(1)
    page = window.projects_page
    type_into(page.search_edit, "新能源")
    qtbot.waitUntil(lambda: page.model.query.text == "新能源", timeout=5000)
    header = page.view.horizontalHeader()
    header.hideSection(ProjectsModel.COL_CHAIN)
    header.hideSection(ProjectsModel.COL_DISTRICT)
    header.moveSection(header.visualIndex(ProjectsModel.COL_STAGE), 0)  # 阶段 first
    page.view.sortByColumn(ProjectsModel.COL_TOTAL, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: page.model.query.sort == "total_investment")

    model = page.model
    visible = [
        header.logicalIndex(v)
        for v in range(header.count())
        if not header.isSectionHidden(header.logicalIndex(v))
    ]
    expected_headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in visible]
    expected_rows = [[model.index(r, c).data() for c in visible] for r in range(model.rowCount())]
    assert 1 < len(expected_rows) == model.total < model.count_all()

    target = tmp_path / "当前列表.xlsx"
    save = SaveDialog(target)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save)
    boxes.answer = boxes.answer.Close
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    _wait_done(qtbot, boxes, "列表已导出")
    assert Path(save.proposed[0]).name.startswith("重点项目_")

    ws = load_workbook(target).worksheets[0]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[0][0] == "重点项目"
    assert "新能源" in values[1][0]  # the filter is named under the title
    head = next(i for i, row in enumerate(values) if row[0] == "序号")
    assert values[head][1:] == expected_headers
    body = [row for row in values[head + 1 :] if isinstance(row[0], int)]
    assert [row[0] for row in body] == list(range(1, len(expected_rows) + 1))

    def same(cell, text: str) -> bool:
        if isinstance(cell, int | float):  # numeric columns are numbers in Excel
            return cell == float(text.replace(",", ""))
        return ("" if cell is None else cell) == text

    assert len(body) == len(expected_rows)
    for row, texts in zip(body, expected_rows, strict=True):
        assert all(same(cell, text) for cell, text in zip(row[1:], texts, strict=True)), row
    total = 1 + expected_headers.index("总投资(亿元)")
    assert all(isinstance(row[total], int | float) for row in body)
    assert [row[total] for row in body] == sorted((row[total] for row in body), reverse=True)
    assert expected_headers[0] == "阶段"


def test_the_progress_dialog_appears_late_and_cancels(qtbot):
    import threading

    from jjjdesk.errors import Cancelled
    from jjjdesk.gui.progress_dialog import ProgressDialog, run_with_progress

    started = threading.Event()
    outcome: list = []

    def slow(progress, cancel):
        started.set()
        for i in range(1000):
            if cancel.wait(0.01):
                raise Cancelled("已取消")
            progress(i, 1000)
        return "done"

    job, dialog = run_with_progress(
        None, "测试", "正在处理…", slow, outcome.append, on_error=outcome.append
    )
    assert isinstance(dialog, ProgressDialog) and not dialog.isVisible()
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    qtbot.waitUntil(lambda: dialog.bar.value() > 0, timeout=5000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert isinstance(outcome[0], Cancelled) and job.cancelled and job.finished


def test_meeting_pack_writes_ledgers_charts_and_brief(window, tmp_path, qtbot, boxes, monkeypatch):
    def answer(dialog: QDialog) -> int:
        dialog.period_radio.setChecked(True)
        dialog.period_picker.set_period(Period.quarter(2024, 1))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(actions, "run_dialog", answer)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    boxes.answer = boxes.answer.Close
    window.export_actions.pack_action.trigger()
    _wait_done(qtbot, boxes, "会议材料已生成")
    folder = tmp_path / "2024年第一季度季调度会材料"
    names = {p.name for p in folder.rglob("*") if p.is_file()}
    assert any(n.endswith("简报.pdf") for n in names)
    assert any(n.endswith("重点项目台账.xlsx") for n in names)
    assert any(n.endswith(".png") for n in names)  # the dashboard's charts


def test_export_dialog_follows_the_as_of_round_and_sets_the_fonts(
    context, qtbot, monkeypatch
):
    from datetime import date

    from jjjdesk.gui.exporting.export_dialog import ExportDialog
    from jjjdesk.gui.rounds import common as rounds_common
    from jjjdesk.services import rounds, settings

    def create(session, actor, month):
        return rounds.create_round(session=session, actor=actor, period=Period.month(2024, month),
                                   deadline=date(2024, month + 1, 5)).id

    first = context.write(create, entity="round", month=2)
    context.write(create, entity="round", month=3)
    context.set_as_of_round(first)  # chosen on the lights page
    for mode in (common.LEDGER, common.PACK):
        dialog = ExportDialog(context, mode)
        qtbot.addWidget(dialog)
        assert dialog.round_combo.currentData() == first
        assert dialog.choice().period is None and dialog.choice().round_id == first

    def choose(fonts) -> int:
        assert fonts.windowTitle() == "台账字体"
        combo = fonts.widgets["ledger.font"]
        combo.setCurrentIndex(combo.findData("楷体"))
        fonts.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(rounds_common, "run_dialog", choose)
    dialog.fonts_button.click()
    assert context.read(settings.get_setting, key="ledger.font") == "楷体"


def test_meeting_pack_with_the_red_items_files(
        window, demo_db, actor, tmp_path, qtbot, boxes, monkeypatch):
    from sqlmodel import select

    from jjjdesk.domain.enums import Light
    from jjjdesk.domain.models import ProgressEntry
    from jjjdesk.reports.brief import build_brief
    from jjjdesk.services import attachments
    from jjjdesk.services.demo import load_demo_progress

    q4 = Period.quarter(2024, 4)
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor,
                           periods=[Period.month(2024, m) for m in range(10, 12)])
    with demo_db.session() as s:
        red = next(f for f in build_brief(session=s, period=q4).flagged if f.light == Light.RED)
        column = ProgressEntry.task_id if red.subject.kind == "task" else ProgressEntry.project_id
        entry = s.exec(select(ProgressEntry).where(column == red.subject.id,
                                                   ProgressEntry.period_key == "2024-11")).one()
        photo = tmp_path / "现场.jpg"
        photo.write_bytes(b"\xff\xd8\xff\xe0" + b"j" * 3000)
        attachments.attach_imported(session=s, actor=actor, checked=attachments.check_file(photo),
                                    entry_id=entry.id, entry_version=entry.version)

    def answer(dialog: QDialog) -> int:
        assert dialog.attachments_check.isVisibleTo(dialog)
        assert not dialog.attachments_check.isChecked()
        dialog.period_radio.setChecked(True)
        dialog.period_picker.set_period(q4)
        dialog.attachments_check.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(actions, "run_dialog", answer)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    boxes.answer = boxes.answer.Close
    window.export_actions.pack_action.trigger()
    _wait_done(qtbot, boxes, "会议材料已生成")
    text = next(t for t in boxes.texts if "会议材料已生成" in t)
    assert "红灯事项佐证材料 1 个,共 2.9 KB,在“红灯事项佐证材料”文件夹中" in text
    assert "· 佐证材料清单.xlsx" in text and "· 现场.jpg" not in text
    folder = tmp_path / "2024年第四季度季调度会材料" / "红灯事项佐证材料"
    assert (folder / f"{red.code} {red.name}" / "现场.jpg").read_bytes() == photo.read_bytes()
