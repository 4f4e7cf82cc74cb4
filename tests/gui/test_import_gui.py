"""Importing returns from the window: drop → preview in the worker → confirm → undo; cancel."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import func, select

from jjjdesk.domain.models import ImportBatch, ImportMapping, ProgressEntry, Project
from jjjdesk.domain.period import Period
from jjjdesk.gui.importing import controller as import_controller
from jjjdesk.gui.importing.preview_models import DiagnosticsModel, PreviewRowsModel
from jjjdesk.gui.worker import shared_worker

WAIT_MS = 30_000


def messy_return(path: Path, *, cumulative: str = "12,000") -> Path:
    """Title rows, a two-row merged header in 万元, text and full-width numbers, a fraction
    percentage, a Traditional name, an unknown project, a 合计 row and a 填表人 footer."""
    rows = [
        ["2024年3月重点项目进展情况表"],
        ["填报单位:市工信局", None, None, "填报日期:2024年4月2日"],
        [
            "序号",
            "项目名称",
            "责任单位",
            "投资完成情况(万元)",
            None,
            "完成进度",
            "进展情况",
            "存在问题",
        ],
        [None, None, None, "本月完成", "累计完成", None, None, None],
        [
            1,
            "中芯国际12英寸晶圆代工项目",
            "市工信局",
            "3000",
            cumulative,
            "45%",
            "设备安装\u00a0过半",
            "无",
        ],
        [2, "滨海新能源电池项目", "市工信局", "１,５００", "20000", "0.6", "主体完工", ""],
        [3, "力神新能源基地項目", "市工信局", None, "8000", "30%", "厂房封顶", ""],
        [4, "不存在的项目", "市工信局", "10", "20", "10%", "不应导入", ""],
        ["合计", None, None, "4510", "40020", None, None, None],
        ["填表人:张三", None, "联系电话:022-12345678"],
    ]
    wb = Workbook()
    ws = wb.active
    ws.title = "进展情况"
    for row in rows:
        ws.append(row)
    for rng in ("A1:H1", "A3:A4", "B3:B4", "C3:C4", "D3:E3", "F3:F4", "G3:G4", "H3:H4"):
        ws.merge_cells(rng)
    wb.save(path)
    return path


def drop_files(window, *paths: Path) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(
        QPointF(300, 300),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(window, drop)
    return True


def entries(db) -> dict[str, ProgressEntry]:
    with db.session() as s:
        rows = s.execute(
            select(Project.code, ProgressEntry).join(
                Project, Project.id == ProgressEntry.project_id
            )
        ).all()
        return {code: entry for code, entry in rows}


def count(db, model) -> int:
    with db.session() as s:
        return s.execute(select(func.count()).select_from(model)).scalar_one()


@pytest.fixture
def ctrl(window):
    yield window.import_controller
    shared_worker().wait(WAIT_MS)


def shown(view) -> list[list[str]]:
    model = view.model()
    return [
        [model.index(r, c).data() for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_a_dropped_messy_return_is_previewed_imported_and_undone(
    window, ctrl, demo_db, tmp_path, qtbot, boxes
):
    path = messy_return(tmp_path / "工信局3月.xlsx")
    assert not drop_files(window, tmp_path / "notes.txt")  # only spreadsheets are taken
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS) as previewed:
        assert drop_files(window, path)
    preview = previewed.args[0]
    dialog = ctrl.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert (preview.unit_name, preview.period_key) == ("市工业和信息化局", "2024-03")
    c = preview.counts
    assert (c["new"], c["changed"], c["unchanged"], c["rejected"]) == (3, 0, 0, 1)
    assert "新增 3" in dialog.info_label.text() and "不导入 1" in dialog.info_label.text()

    rows = shown(dialog.rows_view)
    statuses = sorted(r[PreviewRowsModel.COL_STATUS] for r in rows)
    assert statuses == ["不导入", "新增", "新增", "新增"]
    chip = next(r for r in rows if r[PreviewRowsModel.COL_CODE] == "JJJ-2023-002")
    assert "累计完成投资(亿元):(空) → 1.2" in chip[PreviewRowsModel.COL_CHANGES]

    # the diagnostics table: the unknown project, where it is and what to do
    diags = shown(dialog.diag_view)
    unknown = next(d for d in diags if "不存在的项目" in d[DiagnosticsModel.COL_PROBLEM])
    assert unknown[DiagnosticsModel.COL_LEVEL] == "错误"
    assert (unknown[DiagnosticsModel.COL_ROW], unknown[DiagnosticsModel.COL_COLUMN]) == ("8", "B")
    assert unknown[DiagnosticsModel.COL_SUGGESTION]
    # filterable: only errors, then a text filter
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findText("错误"))
    assert [d[DiagnosticsModel.COL_LEVEL] for d in shown(dialog.diag_view)] == ["错误"]
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("新增"))
    dialog.rows_search.setText("电池")
    assert [r[PreviewRowsModel.COL_NAME] for r in shown(dialog.rows_view)] == ["滨海新能源电池项目"]
    dialog.rows_view.selectRow(0)
    assert "主体完工" in dialog.detail_label.text()
    assert entries(demo_db) == {}  # nothing written before 确认导入

    with qtbot.waitSignal(ctrl.committed, timeout=WAIT_MS) as committed:
        qtbot.mouseClick(dialog.commit_button, Qt.MouseButton.LeftButton)
    result = committed.args[0]
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None, timeout=WAIT_MS)
    assert any("导入完成" in t and "新增 3 条" in t for t in boxes.texts)
    stored = entries(demo_db)
    assert set(stored) == {"JJJ-2023-002", "JJJ-2023-003", "JJJ-2023-004"}
    chip = stored["JJJ-2023-002"]
    assert (chip.invest_period, chip.invest_cumulative, chip.completion_pct) == (0.3, 1.2, 45.0)
    assert (
        stored["JJJ-2023-003"].invest_period == 0.15 and stored["JJJ-2023-003"].completion_pct == 60
    )
    assert {e.import_batch_id for e in stored.values()} == {result.batch_id}
    if demo_db.file is not None:  # the embedded database is backed up before an import
        assert result.backup_path is not None and result.backup_path.exists()

    # 导入记录 → 撤销导入 puts the database back as it was
    ctrl.batches_action.trigger()
    batches = ctrl.batches_dialog
    assert batches.model.batches[0].id == result.batch_id
    assert batches.undo_button.isEnabled()
    qtbot.mouseClick(batches.undo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any("已撤销导入" in t for t in boxes.texts), timeout=WAIT_MS)
    assert entries(demo_db) == {}
    assert not batches.undo_button.isEnabled()
    assert "已撤销" in batches.model.index(0, batches.model.COL_STATE).data()
    batches.close_button.click()


def test_the_same_file_twice_offers_nothing_to_import(
    window, ctrl, demo_db, tmp_path, qtbot, boxes
):
    path = messy_return(tmp_path / "r.xlsx")
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS):
        ctrl.import_files([path])
    with qtbot.waitSignal(ctrl.committed, timeout=WAIT_MS):
        ctrl.preview_dialog.commit_button.click()
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None, timeout=WAIT_MS)
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS) as again:
        ctrl.import_files([path])
    assert again.args[0].counts["unchanged"] == 3
    dialog = ctrl.preview_dialog
    assert not dialog.commit_button.isEnabled()
    assert "已在导入批次" in dialog.banner_label.text()
    dialog.close_button.click()
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None)


def test_column_mapping_dialog_remaps_and_remembers_for_the_unit(
    window, ctrl, demo_db, tmp_path, qtbot, monkeypatch
):
    wb = Workbook()
    ws = wb.active
    for row in (["2024年3月 市工信局"], ["项目名称", "本月干了啥"], ["滨海新能源电池项目", "调试"]):
        ws.append(row)
    path = tmp_path / "m.xlsx"
    wb.save(path)
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS) as first:
        ctrl.import_files([path])
    assert not first.args[0].rows[0].changes or all(
        c.label != "工作进展" for c in first.args[0].rows[0].changes
    )

    def answer(dialog: QDialog) -> int:
        dialog.set_field("本月干了啥", "progress")
        assert dialog.remember_check.isChecked()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_controller, "run_dialog", answer)
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS) as remapped:
        ctrl.preview_dialog.mapping_button.click()
    changes = {c.label: c.new for c in remapped.args[0].rows[0].changes}
    assert changes["工作进展"] == "调试"
    assert count(demo_db, ImportMapping) == 1
    ctrl.preview_dialog.close_button.click()
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None)


def test_a_return_without_period_asks_for_it(window, ctrl, demo_db, tmp_path, qtbot, monkeypatch):
    wb = Workbook()
    ws = wb.active
    for row in (["项目名称", "工作进展", "责任单位"], ["滨海新能源电池项目", "调试", "市工信局"]):
        ws.append(row)
    path = tmp_path / "np.xlsx"
    wb.save(path)
    asked = []

    def answer(dialog: QDialog) -> int:
        asked.append(dialog.windowTitle())
        dialog.period_check.setChecked(True)
        dialog.period_picker.set_period(Period.month(2024, 2))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(import_controller, "run_dialog", answer)
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS) as first:
        ctrl.import_files([path])
    assert "期次" in first.args[0].fatal
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS) as second:
        pass  # the target dialog opens by itself and the preview runs again
    assert asked
    assert second.args[0].period_key == "2024-02" and second.args[0].counts["new"] == 1
    ctrl.preview_dialog.close_button.click()
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None)


def big_return(path: Path, rows: int) -> Path:
    lines = ["2024年3月 市工信局", "项目名称,累计完成投资(亿元),工作进展"]
    lines += [f"某某项目{i},{i % 50}.5,进展{i}" for i in range(rows)]
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_cancel_during_a_long_parse_leaves_nothing_written(
    window, ctrl, demo_db, tmp_path, qtbot, monkeypatch
):
    from jjjdesk import importing
    from jjjdesk.gui import progress_dialog

    monkeypatch.setattr(progress_dialog, "SHOW_AFTER_MS", 0)
    real_preview = importing.preview_import

    def slow_preview(**kwargs):
        # The parse is fast now; hold it after its first progress report until the user's
        # cancel arrives, then let the real service see the cancel flag.
        kwargs["progress"](0, 20_000)
        kwargs["cancel"].wait(WAIT_MS / 1000)
        return real_preview(**kwargs)

    # The GUI calls the package's face, so that is where the slow parse goes in.
    monkeypatch.setattr(importing, "preview_import", slow_preview)
    path = big_return(tmp_path / "big.csv", 20_000)
    ctrl.import_files([path])
    dialog = window.findChild(progress_dialog.ProgressDialog, "progressDialog")
    assert dialog is not None
    # Cancel as soon as the parse reports its first progress, with the 取消 button.
    qtbot.waitUntil(lambda: dialog.bar.maximum() > 0, timeout=WAIT_MS)
    with qtbot.waitSignal(ctrl.idle, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert ctrl.preview_dialog is None
    assert ctrl.job.cancelled
    assert count(demo_db, ImportBatch) == 0 and count(demo_db, ProgressEntry) == 0


def test_hidden_rows_and_chosen_rows_can_be_left_out_in_the_preview(
    window, ctrl, demo_db, tmp_path, qtbot, boxes
):
    from openpyxl import load_workbook

    path = messy_return(tmp_path / "工信局3月.xlsx")
    wb = load_workbook(path)
    wb.active.row_dimensions[6].hidden = True  # 滨海新能源电池项目
    wb.save(path)
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS):
        assert drop_files(window, path)
    dialog = ctrl.preview_dialog
    assert dialog.preview.counts["new"] == 3  # hidden rows are data: imported by default
    assert not dialog.exclude_hidden_button.isHidden()
    marks = {r[PreviewRowsModel.COL_NAME]: r[PreviewRowsModel.COL_STATUS]
             for r in shown(dialog.rows_view)}
    assert marks["滨海新能源电池项目"] == "新增·隐藏行" and marks["力神新能源基地项目"] == "新增"
    dialog.exclude_hidden_button.click()
    assert (dialog.preview.counts["new"], dialog.preview.counts["rejected"]) == (2, 2)
    left_out = next(r for r in dialog.preview.rows if r.row == 6)
    assert left_out.status_label == "不导入" and left_out.messages[0] == "已在预览中排除"
    dialog.include_button.click()
    assert dialog.preview.counts["new"] == 3
    dialog.exclude_hidden_button.click()
    # and one more chosen by hand
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findText("新增"))
    dialog.rows_search.setText("中芯")
    dialog.rows_view.selectRow(0)
    dialog.exclude_button.click()
    assert dialog.preview.counts["new"] == 1
    with qtbot.waitSignal(ctrl.committed, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.commit_button, Qt.MouseButton.LeftButton)
    assert set(entries(demo_db)) == {"JJJ-2023-004"}
