"""Texts the services write in Chinese, shown in English: lights' reasons and changes,
period labels. The ledgers and briefs stay Chinese; the English interface must not."""

from __future__ import annotations

import re
from datetime import date

from jjjdesk.domain.period import Period
from jjjdesk.gui.labels import period_key_label
from jjjdesk.gui.lag_text import reason_text
from jjjdesk.services import lag, rounds
from jjjdesk.services.demo_history import load_demo_history

CJK = re.compile(r"[\u3400-\u9fff]")
TODAY = date(2026, 12, 3)


def test_every_light_reason_of_the_demo_history_reads_in_english(demo_db, actor, english):
    with demo_db.session() as s:
        load_demo_history(session=s, actor=actor, today=TODAY)
    with demo_db.session() as s:
        closed = [r for r in rounds.list_rounds(session=s) if r.state == "closed"][:4]
        rows = [row for r in closed for row in lag.round_lights(session=s, round_id=r.id)]
        changes = [c for r in closed[:2]
                   for c in lag.light_changes(session=s, round_id=r.id).values()]
        today = lag.subject_lights(session=s, today=TODAY)
    texts = {row.explanation for row in rows + today} | set(changes)
    assert len(texts) > 20 and any("个百分点" in t for t in texts)
    assert any("连续" in t for t in changes)
    for text in texts:
        english_text = reason_text(text)
        assert not CJK.search(english_text), (text, english_text)
    sample = reason_text("计划周期已过62.2%,完成40%,落后22.2个百分点")
    assert sample == "62.2% of the planned window elapsed, 40% done, 22.2 points behind"
    assert reason_text("2024年7月应报未报(最近一次为2024年5月,完成40%)") == (
        "Jul 2024 report missing (last reported May 2024, 40% done)")
    assert reason_text("已超过计划完成时间(2025年12月31日),完成85%") == (
        "Past the planned completion (2025-12-31), 85% done")
    assert period_key_label("2024-Q1") == "Q1 2024"


def test_chinese_interface_shows_the_service_text_as_written(demo_db):
    text = "红转黄；计划周期已过50%,完成50%,与计划同步"
    assert reason_text(text) == text
    assert period_key_label("2024-03") == Period.month(2024, 3).label


def test_dashboard_charts_speak_english(demo_db, actor, english, qtbot):
    from jjjdesk.gui.dashboard.investment_chart import InvestmentChart
    from jjjdesk.gui.dashboard.lights_chart import LightsChart
    from jjjdesk.gui.dashboard.pace_chart import PaceChart
    from jjjdesk.services import dashboard

    with demo_db.session() as s:
        load_demo_history(session=s, actor=actor, today=TODAY)
    with demo_db.session() as s:
        data = dashboard.load_dashboard(session=s, today=TODAY)
    words: list[str] = []
    for chart_type, part in ((LightsChart, data.lights), (PaceChart, data.pace),
                             (InvestmentChart, data.investment)):
        chart = chart_type()
        qtbot.addWidget(chart)
        assert chart.set_data(part)
        item = chart.plot_item
        words += [item.getAxis(a).labelText for a in ("left", "bottom")]
        if item.legend is not None:
            words += [label.text for _sample, label in item.legend.items]
        ticks = item.getAxis("bottom")._tickLevels or []
        words += [text for level in ticks for _x, text in level]
    assert "Red" in words and "Planned cumulative investment" in words and "Mar" in words
    assert not [w for w in words if CJK.search(w)], words
    lights = LightsChart()
    qtbot.addWidget(lights)
    lights.set_data(data.lights)
    tip, _payload = lights.hit(0.5, len(data.lights) - 1)
    assert "Click to see the list" in tip


def test_audit_rows_read_in_english(demo_db, actor, english):
    from jjjdesk.gui import audit_words
    from jjjdesk.services import audit

    with demo_db.session() as s:
        load_demo_history(session=s, actor=actor, today=TODAY)
    with demo_db.session() as s:
        events = audit.query_events(session=s, filters=audit.AuditFilter(), offset=0,
                                    limit=2000)
    assert len({e.entity for e in events}) >= 4
    labels = set()
    for e in events:
        assert not CJK.search(audit_words.action_text(e.action)), e.action
        assert not CJK.search(audit_words.entity_text(e.entity, e.entity_id)), e.entity
        for line in audit_words.change_lines(e.changes, e.entity):
            label = line.split(": ", 1)[0]
            labels.add(label)
            assert not CJK.search(label), line
    assert {"Review state", "State"} & labels
