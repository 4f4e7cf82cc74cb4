"""A return with its evidence from the window: a dropped folder or zip is previewed with the
files it brings (which row each goes to, which match nothing), then imported with them."""

from __future__ import annotations

import zipfile

from PySide6.QtCore import Qt
from sqlalchemy import select
from test_import_gui import WAIT_MS, drop_files, messy_return, shown

from jjjdesk.domain.models import Attachment, ProgressEntry, Project
from jjjdesk.gui.importing.preview_models import EvidenceModel

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 20
PE = b"MZ" + b"\0" * 58 + (64).to_bytes(4, "little") + b"PE\0\0" + b"\0" * 200


def _attached(db) -> list[tuple[str, str]]:
    with db.session() as s:
        rows = s.execute(select(Project.code, Attachment.file_name)
                         .join(ProgressEntry, ProgressEntry.id == Attachment.entry_id)
                         .join(Project, Project.id == ProgressEntry.project_id)).all()
    return sorted(tuple(r) for r in rows)


def test_a_dropped_folder_shows_its_files_and_imports_them(
        window, demo_db, tmp_path, qtbot, boxes):
    ctrl = window.import_controller
    root = tmp_path / "工信局3月报送"
    (root / "JJJ-2023-003").mkdir(parents=True)
    messy_return(root / "工信局3月.xlsx")
    (root / "1_现场照片.jpg").write_bytes(b"\xff\xd8\xff\xe0" + PDF)
    (root / "JJJ-2023-003" / "验收意见.pdf").write_bytes(PDF)
    (root / "3_工具.exe").write_bytes(PE)
    (root / "会议通知.pdf").write_bytes(PDF + b"x")
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS):
        assert drop_files(window, root)
    dialog = ctrl.preview_dialog
    assert dialog.tabs.isTabVisible(2)
    assert dialog.tabs.tabText(2) == "佐证材料(2/4)"
    assert "<b>佐证材料</b> 共 4 个,将附加 2 个" in dialog.info_label.text()
    files = {r[EvidenceModel.COL_FILE]: r for r in shown(dialog.files_view)}
    photo = files["1_现场照片.jpg"]
    assert (photo[EvidenceModel.COL_STATUS], photo[EvidenceModel.COL_ROW]) == ("将附加", "5")
    assert photo[EvidenceModel.COL_ITEM].startswith("JJJ-2023-002")
    assert files["JJJ-2023-003/验收意见.pdf"][EvidenceModel.COL_STATUS] == "将附加"
    assert files["3_工具.exe"][EvidenceModel.COL_STATUS] == "不附加"
    assert "可执行程序" in files["3_工具.exe"][EvidenceModel.COL_MESSAGE]
    assert files["会议通知.pdf"][EvidenceModel.COL_STATUS] == "未对应到行"
    dialog.files_combo.setCurrentIndex(dialog.files_combo.findText("未附加的"))
    assert sorted(r[EvidenceModel.COL_FILE] for r in shown(dialog.files_view)) == [
        "3_工具.exe", "会议通知.pdf"]
    # the files that go nowhere are also diagnostics, on their row when they have one
    from jjjdesk.gui.importing.preview_models import DiagnosticsModel as D

    notes = [d for d in shown(dialog.diag_view) if "佐证材料" in d[D.COL_PROBLEM]]
    assert any(d[D.COL_ROW] == "7" and "3_工具.exe" in d[D.COL_PROBLEM] for d in notes)
    assert any(d[D.COL_ROW] == "" and "会议通知.pdf" in d[D.COL_PROBLEM] for d in notes)
    # the row's detail names its files
    dialog.rows_search.setText("中芯")
    dialog.rows_view.selectRow(0)
    assert "1_现场照片.jpg" in dialog.detail_label.text()
    assert _attached(demo_db) == []
    # a row left out takes its files with it
    dialog.rows_view.selectRow(0)
    dialog.exclude_selected()
    assert dialog.tabs.tabText(2) == "佐证材料(1/4)"
    dialog.set_excluded(set())
    assert dialog.tabs.tabText(2) == "佐证材料(2/4)"

    with qtbot.waitSignal(ctrl.committed, timeout=WAIT_MS) as committed:
        qtbot.mouseClick(dialog.commit_button, Qt.MouseButton.LeftButton)
    assert committed.args[0].attached == 2
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None, timeout=WAIT_MS)
    assert any("附加佐证材料 2 个" in t for t in boxes.texts)
    assert _attached(demo_db) == [("JJJ-2023-002", "1_现场照片.jpg"),
                                  ("JJJ-2023-003", "验收意见.pdf")]


def test_a_zip_is_taken_and_a_plain_workbook_has_no_files_tab(
        window, demo_db, tmp_path, qtbot, boxes):
    ctrl = window.import_controller
    book = messy_return(tmp_path / "book.xlsx")
    zipped = tmp_path / "报送.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(book, "工信局3月.xlsx")
        zf.writestr("2_照片.png", b"\x89PNG\r\n\x1a\n" + PDF)
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS) as previewed:
        ctrl.import_files([zipped])
    assert previewed.args[0].file_name == "报送.zip"
    assert ctrl.preview_dialog.tabs.tabText(2) == "佐证材料(1/1)"
    ctrl.preview_dialog.close_button.click()
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None, timeout=WAIT_MS)
    with qtbot.waitSignal(ctrl.previewed, timeout=WAIT_MS):
        ctrl.import_files([book])
    assert not ctrl.preview_dialog.tabs.isTabVisible(2)
    ctrl.preview_dialog.close_button.click()
    qtbot.waitUntil(lambda: ctrl.preview_dialog is None, timeout=WAIT_MS)
