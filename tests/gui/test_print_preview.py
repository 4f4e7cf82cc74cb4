"""打印预览 for the brief and the ledger, offscreen: the dialog opens with pages, and closes."""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewWidget

from jjjdesk.domain.period import Period
from jjjdesk.excel.ledger_data import project_ledger
from jjjdesk.gui.exporting import printing
from jjjdesk.reports.brief import build_brief
from jjjdesk.reports.charts import chart_png
from jjjdesk.services.demo import load_demo_progress

PERIOD = Period.month(2024, 6)
TODAY = date(2024, 7, 8)


def _pages(qtbot, dialog) -> int:
    dialog.show()
    qtbot.waitExposed(dialog)
    widget = dialog.findChild(QPrintPreviewWidget)
    widget.updatePreview()
    qtbot.waitUntil(lambda: widget.pageCount() > 0, timeout=10_000)
    return widget.pageCount()


def test_brief_preview_has_pages_and_charts(demo_db, actor, qtbot):
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor, periods=[Period.month(2024, m)
                                                             for m in range(1, 7)])
        brief = build_brief(session=s, period=PERIOD, today=TODAY)
    from jjjdesk.reports.brief import brief_figures

    charts = {f.kind: chart_png(brief, f) for f in brief_figures(brief)}
    doc = printing.brief_document(brief, charts)
    assert "一、总体情况" in doc.toPlainText()
    dialog = printing.preview_dialog(doc, landscape=False, title="打印预览")
    qtbot.addWidget(dialog)
    assert _pages(qtbot, dialog) >= 2
    dialog.close()


def test_ledger_preview_repeats_the_header(demo_db, actor, qtbot):
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor, periods=[PERIOD])
        data = project_ledger(session=s, period=PERIOD, today=TODAY)
    doc = printing.ledger_document(data)
    text = doc.toPlainText()
    assert data.title in text and "需协调事项" in text
    # 17 columns do not fit one A4 width at 9 pt: the rest follow in a 续 table that
    # repeats the labels, and numbers read as the Excel ledger's formats show them
    assert f"{data.title}(续)" in text
    assert text.count("项目名称") >= 2
    assert re.search(r"\n\d{1,3}%\n", text) and re.search(r"\n\d+\.\d\d\n", text)
    dialog = printing.preview_dialog(doc, landscape=True, title="打印预览")
    qtbot.addWidget(dialog)
    assert _pages(qtbot, dialog) >= 2
    dialog.close()


def test_preview_actions_from_the_export_menu(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from jjjdesk.gui.exporting import actions
    from jjjdesk.gui.worker import shared_worker

    def answer(dialog: QDialog) -> int:
        dialog.period_radio.setChecked(True)
        dialog.period_picker.set_period(Period.month(2024, 3))
        return QDialog.DialogCode.Accepted

    seen: list[tuple[str, int]] = []

    def look(dialog) -> int:
        seen.append((dialog.windowTitle(), _pages(qtbot, dialog)))
        dialog.close()
        return 0

    monkeypatch.setattr(actions, "run_dialog", answer)
    monkeypatch.setattr(actions, "run_preview", look)
    window.export_actions.preview_brief_action.trigger()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=30_000)
    window.export_actions.preview_ledger_action.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2, timeout=30_000)
    shared_worker().wait(30_000)
    assert all(title == "打印预览" and pages > 0 for title, pages in seen)


def test_the_current_list_prints_as_shown(window, qtbot, monkeypatch, boxes):
    """打印预览当前列表 prints the page's table: its visible columns, rows and colours; a page
    without one says so."""
    from jjjdesk.gui.exporting import actions
    from jjjdesk.gui.pages import catalog

    seen = []

    def look(dialog) -> int:
        seen.append((dialog.document.toPlainText(), dialog.document.toHtml(),
                     _pages(qtbot, dialog)))
        dialog.close()
        return 0

    monkeypatch.setattr(actions, "run_preview", look)
    window.show_page(catalog.index_of("projects"))
    page = window.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() > 0, timeout=10_000)
    page.view.setColumnHidden(1, True)
    hidden_header = page.model.headerData(1, Qt.Orientation.Horizontal)
    window.export_actions.print_list_action.trigger()
    text, _html, pages = seen[-1]
    first = page.model.index(0, 0).data()
    assert pages > 0 and first in text and hidden_header not in text.splitlines()[:3]
    assert text.splitlines()[0] == "重点项目"

    window.show_page(catalog.index_of("lights"))
    lights = window.current_page()
    qtbot.waitUntil(lambda: not lights.is_loading() and lights.model.rowCount() > 0,
                    timeout=10_000)
    window.export_actions.print_list_action.trigger()
    _text, html, _pages_ = seen[-1]
    assert "#ffc7ce" in html.lower() or "bgcolor" in html.lower()  # the lights keep colour

    window.show_page(catalog.index_of("home"))
    window.export_actions.print_list_action.trigger()
    assert "当前页面没有可打印的列表。" in boxes.texts[-1]
