"""红黑榜 page: a closed round or a span, sort, the unit's rounds, the Excel export."""

from __future__ import annotations

import pytest
from rounds_helpers import Shown
from scorecard_history import TODAY, build_history

from jjjdesk.gui.context import AppContext
from jjjdesk.gui.exporting import common as export_common
from jjjdesk.gui.pages.scorecard_page import SPAN, ScorecardPage
from jjjdesk.gui.rounds import common


@pytest.fixture
def page(empty_db, actor, qtbot, monkeypatch):
    reg, ids = build_history(empty_db)
    Shown(monkeypatch, qtbot)
    monkeypatch.setattr(common, "today", lambda: TODAY)
    ctx = AppContext(empty_db, actor)
    page = ScorecardPage()
    qtbot.addWidget(page)
    page.set_context(ctx)
    ctx.changed.connect(page.on_data_changed)
    page.resize(1300, 700)
    page.show()
    qtbot.waitUntil(lambda: not page.is_loading())
    return page, reg, ids


def _units(page) -> list[tuple[str, str, str]]:
    m = page.model
    return [(m.index(r, 1).data(), m.index(r, 2).data(), m.index(r, 0).data())
            for r in range(m.rowCount())]


def test_rounds_and_spans(page, qtbot):
    page, _reg, (m3, m4, m5, m6) = page
    # Closed rounds only, newest first: May is shown.
    assert [page.round_combo.itemData(i) for i in range(page.round_combo.count())] == [
        m5, m4, m3]
    assert _units(page) == [("市发展改革委", "100", "1"), ("滨海新区", "0", "2")]
    assert page.model.index(1, 8).data() == "连续两期末位、有未报送批次"
    assert "2024年4月" in page.summary.text()  # the rank changes compare with April
    page.round_combo.setCurrentIndex(page.round_combo.findData(m3))
    qtbot.waitUntil(lambda: not page.is_loading())
    assert _units(page) == [("滨海新区", "70", "1"), ("市发展改革委", "23.3", "2")]
    page.view.selectRow(1)
    detail = page.detail.toPlainText()
    assert "2024年3月月报迟交1个工作日,扣30分" in detail
    assert "2024年3月月报:迟交1个工作日(2024-04-09);应报 3 项,已报 2 项,被退回 1 项" in detail

    page.scope_combo.setCurrentIndex(page.scope_combo.findData(SPAN))
    qtbot.waitUntil(lambda: not page.is_loading())
    assert page.first_combo.currentData() == "2024-03"
    assert page.last_combo.currentData() == "2024-05"  # June is still open: not offered
    assert "2024年3月至2024年5月" in page.summary.text()
    page.last_combo.setCurrentIndex(page.last_combo.findData("2024-04"))
    qtbot.waitUntil(lambda: not page.is_loading())
    assert _units(page) == [("市发展改革委", "62.7", "1"), ("滨海新区", "45", "2")]
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("quality"))
    assert [u for u, _s, _r in _units(page)] == ["市发展改革委", "滨海新区"]  # 80 before 100
    page.sort_combo.setCurrentIndex(page.sort_combo.findData("on_time"))
    assert [r for _u, _s, r in _units(page)] == ["1", "2"]  # equal: by rank


def test_export(page, qtbot, tmp_path, monkeypatch):
    import openpyxl

    page, _reg, _ids = page
    out = tmp_path / "红黑榜.xlsx"
    monkeypatch.setattr(export_common, "ask_save_path", lambda *a: out)
    done: list = []
    monkeypatch.setattr(export_common, "show_done", lambda *a: done.append(a))
    page.export()
    qtbot.waitUntil(lambda: bool(done))
    ws = openpyxl.load_workbook(out)["红黑榜"]
    assert ws["A1"].value == "责任单位工作成效红黑榜(2024年5月月报)"


def test_weights_dialog_rescores(page, qtbot):
    page, _reg, _ids = page
    shown = []

    def answer(dialog) -> int:
        shown.append(dialog)
        for key, value in (("scorecard.weight_completeness", 0), ("scorecard.weight_quality", 0),
                           ("scorecard.weight_progress", 0)):
            dialog.widgets[key].setValue(value)
        dialog.save()
        return dialog.result()

    from jjjdesk.gui.rounds import common as rounds_common

    rounds_common.run_dialog.answer = answer  # the Shown installed by the fixture
    page.weights_button.click()
    qtbot.waitUntil(lambda: not page.is_loading())
    assert shown and shown[0].windowTitle() == "红黑榜权重"
    assert _units(page) == [("市发展改革委", "100", "1"), ("滨海新区", "0", "2")]
    assert "按时报送30、完整性0、质量0、进展0" in page.summary.text()
