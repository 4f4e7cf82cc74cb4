"""佐证材料 beyond the entry form's list: the size limit the office sets, thumbnails and PDF
first pages, the panel in the review page and the grid, and on 延期申请."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from rounds_helpers import Shown, build, make_round

from jjjdesk.gui.context import AppContext
from jjjdesk.gui.rounds.attachments_panel import AttachmentsPanel
from jjjdesk.services import entries


@pytest.fixture
def entry_id(empty_db, actor):
    reg = build(empty_db)
    rnd = make_round(empty_db)
    with empty_db.session() as s:
        return entries.save_entry(session=s, actor=actor, subject=reg.task_a, round_id=rnd.id,
                                  values={"progress": "推进中"}).entry_id


@pytest.fixture
def panel(empty_db, actor, entry_id, qtbot):
    widget = AttachmentsPanel(AppContext(empty_db, actor))
    qtbot.addWidget(widget)
    widget.resize(520, 300)
    widget.show()
    widget.set_entry(entry_id, True)
    return widget


def test_the_office_sets_the_size_limit_and_the_hint_names_it(panel, qtbot, monkeypatch):
    assert "每个不超过 50 MB" in panel.hint.text()
    assert panel.limit_button.isVisible()
    shown = Shown(monkeypatch, qtbot)

    def answer(dialog):
        dialog.widgets["attach.max_mb"].setValue(10)
        qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save),
                         Qt.MouseButton.LeftButton)
        return 1

    shown.answer = answer
    panel.limit_button.click()
    assert shown.last.windowTitle() == "佐证材料设置"
    assert "每个不超过 10 MB" in panel.hint.text()


def test_a_reporter_sees_no_limit_button(empty_db, entry_id, qtbot):
    from jjjdesk.domain.actor import Actor, Role

    reporter = Actor("甲填报员", Role.REPORTER, unit_id=1)
    widget = AttachmentsPanel(AppContext(empty_db, reporter))
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.limit_button.isVisible()


# ---- thumbnails and previews ------------------------------------------------------------------
def _png(path, color: str, size=(640, 480)):
    from PySide6.QtGui import QColor, QImage

    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    assert image.save(str(path), "PNG")
    return path


def _pdf(path, color: str):
    from PySide6.QtGui import QColor, QPageSize, QPainter, QPdfWriter

    writer = QPdfWriter(str(path))
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    painter.fillRect(0, 0, writer.width(), writer.height(), QColor(color))
    painter.end()
    return path


def _add(panel, qtbot, *files):
    before = panel.list.count()
    panel.add_files(list(files))
    qtbot.waitUntil(lambda: panel.list.count() == before + len(files), timeout=10_000)
    qtbot.waitUntil(lambda: not panel._rendering, timeout=10_000)


def _icon_colour(item) -> str:
    image = item.icon().pixmap(40, 40).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2).name()


def _preview_colour(panel) -> str | None:
    pixmap = panel.preview_label.pixmap()
    if pixmap.isNull():
        return None
    image = pixmap.toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2).name()


def test_a_photo_and_a_pdf_show_thumbnails_and_a_first_page_preview(panel, qtbot, tmp_path):
    photo = _png(tmp_path / "现场照片.png", "#00ff00", (4000, 3000))
    report = _pdf(tmp_path / "验收报告.pdf", "#ff0000")
    _add(panel, qtbot, photo, report)
    photo_item, pdf_item = panel.list.item(0), panel.list.item(1)
    assert _icon_colour(photo_item) == "#00ff00"
    assert _icon_colour(pdf_item) == "#ff0000"
    panel.list.setCurrentRow(0)
    assert _preview_colour(panel) == "#00ff00"
    pixmap = panel.preview_label.pixmap()
    assert (pixmap.width(), pixmap.height()) == (150, 112), "a 4000 × 3000 photo, fitted"
    panel.list.setCurrentRow(1)
    assert _preview_colour(panel) == "#ff0000"
    assert panel.preview_label.pixmap().height() == 150, "an A4 page, upright"


def test_corrupt_files_and_other_types_show_a_plain_icon_and_words(panel, qtbot, tmp_path):
    bad_photo = tmp_path / "坏照片.jpg"
    bad_photo.write_bytes(b"\xff\xd8\xff\xe0" + b"not a jpeg" * 300)
    good = _pdf(tmp_path / "good.pdf", "#ff0000").read_bytes()
    truncated = tmp_path / "半截.pdf"
    truncated.write_bytes(good[: len(good) // 2])
    sheet = tmp_path / "汇总表.xlsx"
    sheet.write_bytes(b"PK\x03\x04" + b"x" * 500)
    _add(panel, qtbot, bad_photo, truncated, sheet)
    plain = panel.style().standardIcon(panel.style().StandardPixmap.SP_FileIcon)
    plain_key = plain.pixmap(40, 40).toImage()
    for i in range(3):
        assert panel.list.item(i).icon().pixmap(40, 40).toImage() == plain_key
    panel.list.setCurrentRow(0)
    assert panel.preview_label.text() == "无法预览,可双击用系统程序打开"
    panel.list.setCurrentRow(1)
    assert panel.preview_label.text() == "无法预览,可双击用系统程序打开"
    panel.list.setCurrentRow(2)
    assert panel.preview_label.text() == "此类文件无预览,可双击打开"


def test_render_is_bounded_and_quiet():
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QColor, QImage

    from jjjdesk.gui.rounds import attachment_previews as previews

    assert previews.render(b"%PDF-1.7 " * 50, "pdf") is None
    assert previews.render(b"", "image") is None
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "JPEG")
    small = previews.render(bytes(data), "image", QSize(60, 60))
    assert small is not None and (small.width(), small.height()) == (60, 20)
    # a PNG header claiming 100000 × 100000 pixels: refused by the allocation limit
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", 100_000, 100_000, 8, 2, 0, 0, 0)
    bomb = (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + ihdr
            + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr)))
    assert previews.render(bomb, "image") is None
    assert previews.kind_of("扫描件.PDF", "application/octet-stream") == "pdf"
    assert previews.kind_of("x.docx", "application/msword") == ""


# ---- the review page and the grid -------------------------------------------------------------
def test_reviewers_see_the_selected_entrys_files_and_add_until_approved(
        empty_db, actor, qtbot, monkeypatch, tmp_path):
    from rounds_helpers import submit

    from jjjdesk.gui.pages.review_page import ReviewPage
    from jjjdesk.services import attachments, review

    Shown(monkeypatch, qtbot)
    reg = build(empty_db)
    rnd = make_round(empty_db)
    submit(empty_db, reg.task_a, rnd.id, progress="完成征迁30%")
    submit(empty_db, reg.task_b, rnd.id, progress="规划已批复")
    photo = _png(tmp_path / "征迁现场.png", "#0000ff")
    with empty_db.session() as s:
        first = entries.find_entry(s, reg.task_a, "2024-03").id
        attachments.add_attachments(session=s, actor=actor, files=[photo], entry_id=first)
    ctx = AppContext(empty_db, actor)
    page = ReviewPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    ctx.changed.connect(page.on_data_changed)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading() and page.review_pane.model.rowCount() == 2)
    pane = page.review_pane
    panel = pane.attachments
    pane.view.selectRow(0)
    assert pane.current().id == first
    files = [c.header for c in pane.model.COLUMNS].index("佐证")
    assert pane.model.headerData(files, Qt.Orientation.Horizontal) == "佐证"
    assert [pane.model.index(r, files).data() for r in range(2)] == ["1", ""]
    assert [panel.list.item(i).text().splitlines()[0] for i in range(panel.list.count())] == [
        "征迁现场.png"]
    qtbot.waitUntil(lambda: not panel._rendering, timeout=10_000)
    assert _preview_colour(panel) == "#0000ff"
    assert panel.add_button.isEnabled(), "the office may add to a submitted entry"
    pane.view.selectRow(1)
    assert panel.list.count() == 0 and panel.add_button.isEnabled()
    with empty_db.session() as s:
        review.approve_entry(session=s, actor=actor, entry_id=first)
    page.reload()
    qtbot.waitUntil(lambda: not page.is_loading())
    page.state_combo.setCurrentIndex(page.state_combo.findData("approved"))
    qtbot.waitUntil(lambda: not page.is_loading() and pane.model.rowCount() == 1)
    pane.view.selectRow(0)
    assert panel.list.count() == 1
    assert not panel.add_button.isEnabled() and not panel.remove_button.isEnabled()
    assert panel.open_button.isEnabled(), "an approved entry's files still open"


def test_the_grid_shows_the_current_rows_files(empty_db, actor, qtbot, monkeypatch, tmp_path):
    from jjjdesk.gui.rounds.grid_dialog import UnitReturnDialog
    from jjjdesk.services import attachments

    Shown(monkeypatch, qtbot)
    reg = build(empty_db)
    rnd = make_round(empty_db)
    with empty_db.session() as s:
        saved = entries.save_entry(session=s, actor=actor, subject=reg.task_a,
                                   round_id=rnd.id, values={"progress": "推进中"})
        attachments.add_attachments(session=s, actor=actor, entry_id=saved.entry_id,
                                    files=[_pdf(tmp_path / "批复.pdf", "#ff0000")])
    dialog = UnitReturnDialog(AppContext(empty_db, actor), rnd.id, reg.unit_a, "市发展改革委")
    qtbot.addWidget(dialog)
    dialog.show()
    panel = dialog.attachments
    assert panel.entry_id == saved.entry_id and panel.list.count() == 1
    assert panel.add_button.isEnabled()
    qtbot.waitUntil(lambda: not panel._rendering, timeout=10_000)
    assert _icon_colour(panel.list.item(0)) == "#ff0000"
    dialog.view.setCurrentIndex(dialog.model.index(1, 3))  # 津兴城际铁路: nothing saved yet
    assert panel.entry_id is None and panel.list.count() == 0
    assert not panel.add_button.isEnabled()
    assert panel.hint.text() == "保存该行后可添加照片、PDF、Word、Excel 等佐证材料。"


# ---- 延期申请 -----------------------------------------------------------------------------------
def test_a_request_takes_its_files_and_the_office_sees_them_when_deciding(
        empty_db, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import QDate, QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent
    from rounds_helpers import COORDINATOR

    from jjjdesk.gui.pages.extensions_page import ExtensionsPage
    from jjjdesk.gui.rounds.extension_dialog import (
        ExtensionDecisionDialog,
        ExtensionRequestDialog,
    )
    from jjjdesk.services import attachments, extensions

    shown = Shown(monkeypatch, qtbot)
    reg = build(empty_db)
    reporter = AppContext(empty_db, reg.reporter(reg.unit_a, "甲填报员"))
    letter = _pdf(tmp_path / "延期申请函.pdf", "#ff0000")
    program = tmp_path / "工具.bat"
    program.write_bytes(b"@echo off\n")

    dialog = ExtensionRequestDialog(reporter)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.until_edit.setDate(QDate(2025, 6, 30))
    dialog.reason_edit.setPlainText("征地拆迁推迟")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(letter)), QUrl.fromLocalFile(str(program))])
    dialog.files.list.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                                           Qt.MouseButton.LeftButton,
                                           Qt.KeyboardModifier.NoModifier))
    assert [dialog.files.list.item(i).text() for i in range(2)] == ["延期申请函.pdf", "工具.bat"]
    dialog.save()
    qtbot.waitUntil(lambda: "工具.bat" in dialog.error_label.text(), timeout=10_000)
    assert dialog.error_label.text().startswith("文件“工具.bat”是可执行程序或脚本")
    assert dialog.saved is None and dialog.isVisible()
    with empty_db.session() as s:
        assert extensions.list_extensions(session=s) == [], "nothing stored"
    dialog.files.list.setCurrentRow(1)
    dialog.files.remove_button.click()
    dialog.save()
    qtbot.waitUntil(lambda: dialog.saved is not None, timeout=10_000)
    request_id = dialog.saved.id

    office = AppContext(empty_db, COORDINATOR)
    page = ExtensionsPage()
    qtbot.addWidget(page)
    page.set_context(office)
    page.resize(1300, 500)
    page.show()
    page.view.selectRow(0)
    panel = page.attachments
    assert panel.list.item(0).text().splitlines()[0] == "延期申请函.pdf"
    assert panel.add_button.isEnabled()
    qtbot.waitUntil(lambda: not panel._rendering, timeout=10_000)
    assert _icon_colour(panel.list.item(0)) == "#ff0000"

    def approve(decision: ExtensionDecisionDialog) -> int:
        assert decision.attachments.list.count() == 1
        assert decision.attachments.add_button.isEnabled()
        decision.save()
        return decision.result()

    shown.answer = approve
    page.approve_button.click()
    assert isinstance(shown.last, ExtensionDecisionDialog)
    page.reload()
    page.view.selectRow(0)
    assert panel.list.count() == 1 and not panel.add_button.isEnabled(), "decided: kept as is"
    with empty_db.session() as s:
        [kept] = attachments.list_attachments(session=s, actor=COORDINATOR,
                                              extension_id=request_id)
    assert kept.uploader == "甲填报员"


def test_a_reporter_is_told_in_words_when_the_files_are_not_its_own(empty_db, entry_id, qtbot):
    from jjjdesk.domain.actor import Actor, Role

    stranger = Actor("乙填报员", Role.REPORTER, unit_id=999)
    widget = AttachmentsPanel(AppContext(empty_db, stranger))
    qtbot.addWidget(widget)
    widget.show()
    widget.set_entry(entry_id, None)
    assert widget.hint.text() == "单位填报员只能查看本单位填报的佐证材料。"
    assert widget.list.count() == 0 and not widget.add_button.isEnabled()
    widget.set_entry(123456, None)
    assert "不存在" in widget.hint.text()


# ---- 问题清单 -----------------------------------------------------------------------------------
def test_the_problem_list_shows_the_current_problems_files(empty_db, actor, qtbot, monkeypatch,
                                                           tmp_path):
    from jjjdesk.domain.period import Period
    from jjjdesk.gui.pages.problems_page import ProblemsPage
    from jjjdesk.services import attachments, problems

    Shown(monkeypatch, qtbot)
    reg = build(empty_db)
    with empty_db.session() as s:
        saved = entries.save_entry(session=s, actor=actor, subject=reg.project_a,
                                   period=Period.month(2024, 5),
                                   values={"progress": "推进中", "problems": "用地指标尚未落实"})
        entries.submit_entry(session=s, actor=actor, entry_id=saved.entry_id)
    with empty_db.session() as s:
        [problem] = problems.list_problems(session=s)
        attachments.add_attachments(session=s, actor=actor, problem_id=problem.id,
                                    files=[_png(tmp_path / "用地红线图.png", "#00ff00")])
    ctx = AppContext(empty_db, actor)
    page = ProblemsPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    page.resize(1300, 500)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading() and page.model.rowCount() == 1)
    page.view.selectRow(0)
    panel = page.attachments
    assert panel.list.item(0).text().splitlines()[0] == "用地红线图.png"
    assert panel.add_button.isEnabled()
    qtbot.waitUntil(lambda: not panel._rendering, timeout=10_000)
    assert _icon_colour(panel.list.item(0)) == "#00ff00"
