"""红黑榜 on a small constructed history: figures equal the hand-computed ones, ties share a
rank, every lost point is explained, open rounds are ignored; the CLI and the sheet."""

from __future__ import annotations

import json
from datetime import date

import pytest
from progress_registry import COORDINATOR, build
from scorecard_history import TODAY, build_history, close, stamp, submit
from sqlmodel import select

from jjjdesk.domain.models import KeyTask, RoundUnit, Unit
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.services import rounds, settings
from jjjdesk.services.lag import round_lights
from jjjdesk.services.scorecard import LAST, LAST_TWICE, MISSING, scorecard


@pytest.fixture
def history(empty_db):
    return build_history(empty_db)


def test_the_lights_the_history_was_built_for(empty_db, history):
    reg, (m3, m4, _m5, _m6) = history
    with empty_db.session() as s:
        march = {r.subject: r.light for r in round_lights(session=s, round_id=m3, today=TODAY)}
        april = {r.subject: r.light for r in round_lights(session=s, round_id=m4, today=TODAY)}
    assert march == {reg.task_a: "green", reg.project_a: "red", reg.project_b: "none",
                     reg.task_b: "yellow"}
    assert april == {reg.task_a: "green", reg.project_a: "green", reg.project_b: "none",
                     reg.task_b: "grey"}


def test_one_round_by_hand(empty_db, history):
    reg, (m3, _m4, _m5, _m6) = history
    with empty_db.session() as s:
        card = scorecard(session=s, round_ids=[m3], today=TODAY)
    assert card.label == "2024年3月月报" and card.previous_label == ""
    b, a = card.rows
    # B: on time 100, complete 1/1, not returned 1/1, yellow: (0 green - 0 red)/1 → 0.
    assert (b.unit_id, b.on_time, b.completeness, b.quality, b.progress) == (
        reg.unit_b, 100, 100, 100, 0)
    assert (b.total, b.rank, b.change) == (70.0, 1, None)
    assert b.reasons == ("黄灯1项(参评1项),扣30分",)
    # A: late, 2 of 3 reported, 1 of 2 entries returned, (1 green - 1 red)/2 → 0.
    assert (a.on_time, a.completeness, a.quality, a.progress) == (0, 66.7, 50, 0)
    assert a.total == round(0.2 * 200 / 3 + 0.2 * 50, 1) == 23.3
    assert (a.rank, a.flags) == (2, (LAST,))
    assert a.reasons == (
        "2024年3月月报迟交1个工作日,扣30分",
        "2024年3月月报缺报1项(应报3项),扣6.7分",
        "1项被退回修改(共2项填报),扣10分",
        "红灯1项(参评2项),扣30分",
    )
    assert (a.rounds[0].submitted_on, a.rounds[0].late_workdays) == (date(2024, 4, 9), 1)


def test_the_next_round_compares_with_the_one_before(empty_db, history):
    reg, (_m3, m4, m5, _m6) = history
    with empty_db.session() as s:
        april = scorecard(session=s, round_ids=[m4], today=TODAY)
        may = scorecard(session=s, first="2024-05", today=TODAY)
    a, b = april.rows
    assert april.previous_label == "2024年3月"
    # A: the Saturday deadline moved to Monday: on time; all reported, all green.
    assert (a.unit_id, a.total, a.rank, a.change, a.change_label, a.reasons) == (
        reg.unit_a, 100.0, 1, 1, "↑1", ())
    # B: nothing sent: quality has nothing to judge, the other weights share its place.
    assert (b.on_time, b.completeness, b.quality, b.progress, b.total) == (0, 0, None, 0, 0)
    assert (b.rank, b.change_label, b.flags) == (2, "↓1", (LAST, MISSING))
    assert b.reasons == ("2024年4月月报未报送,扣37.5分",
                         "2024年4月月报缺报1项(应报1项),扣25分",
                         "没有填报,质量不参与评分",
                         "缺报灰灯1项(参评1项),扣37.5分")
    assert sum(float(r.split("扣")[1].rstrip("分")) for r in b.reasons if "扣" in r) == 100
    assert may.rows[1].flags == (LAST_TWICE, MISSING)
    assert may.rows[0].rounds[0].round_id == m5


def test_a_span_sums_its_rounds_and_ignores_open_ones(empty_db, history):
    reg, (m3, m4, _m5, m6) = history
    with empty_db.session() as s:
        card = scorecard(session=s, first="2024-03", last="2024-04", today=TODAY)
        wider = scorecard(session=s, first="2024年3月", last="2024年6月", today=TODAY)
    assert card.label == "2024年3月至2024年4月"
    assert [r.id for r in card.rounds] == [m3, m4]
    a, b = card.rows
    # A: on time 1/2, reported 5/6, returned 1 of 5 entries, (3 green - 1 red)/4.
    assert (a.on_time, a.completeness, a.quality, a.progress) == (50, 83.3, 80, 50)
    assert a.total == round(15 + 0.2 * 500 / 6 + 16 + 15, 1) == 62.7
    # B: on time 1/2, reported 1/2, never returned, yellow and grey.
    assert (b.on_time, b.completeness, b.quality, b.progress, b.total) == (50, 50, 100, 0, 45)
    assert "红灯1项次(参评4项次),扣15分" in a.reasons
    assert wider.ignored_open == ("2024年6月月报",)
    assert m6 not in [r.id for r in wider.rounds]
    assert wider.rows[0].rounds[-1].period_key == "2024-05"


def test_no_closed_round_is_a_clear_message(empty_db, history):
    _reg, (_m3, _m4, _m5, m6) = history
    with empty_db.session() as s, pytest.raises(UserFacingError) as caught:
        scorecard(session=s, round_ids=[m6], today=TODAY)
    assert str(caught.value) == ("所选批次“2024年6月月报”尚未关闭。"
                                 "红黑榜只统计已关闭(冻结)的批次,请先关闭批次再生成。")
    with empty_db.session() as s, pytest.raises(UserFacingError) as caught:
        scorecard(session=s, first="2024-06", today=TODAY)
    assert str(caught.value).startswith("2024年6月没有已关闭的填报批次(尚未关闭:2024年6月月报)。")
    with empty_db.session() as s, pytest.raises(UserFacingError, match="2023年1月至2023年2月没有"):
        scorecard(session=s, first="2023-01", last="2023-02", today=TODAY)
    with empty_db.session() as s, pytest.raises(UserFacingError, match="同一类"):
        scorecard(session=s, first="2024-01", last="2024-Q2", today=TODAY)


def test_weights_come_from_the_settings(empty_db, history):
    reg, (m3, _m4, _m5, _m6) = history
    with empty_db.session() as s:
        for key, value in (("scorecard.weight_on_time", 100), ("scorecard.weight_completeness", 0),
                           ("scorecard.weight_quality", 0), ("scorecard.weight_progress", 0)):
            settings.set_setting(session=s, actor=COORDINATOR, key=key, value=value)
        card = scorecard(session=s, round_ids=[m3], today=TODAY)
    assert [(r.unit_id, r.total) for r in card.rows] == [(reg.unit_b, 100), (reg.unit_a, 0)]
    assert card.rows[1].reasons[0] == "2024年3月月报迟交1个工作日,扣100分"


def test_ties_share_a_rank_in_sort_key_order(empty_db):
    reg = build(empty_db)
    with empty_db.session() as s:
        c = Unit(name="市交通运输委", sort_key="0")  # created last, listed first
        s.add(c)
        s.flush()
        task_c = KeyTask(plan_id=reg.plan, category_id=reg.category, number=3, title="交通一体化",
                         lead_unit_id=c.id, start_date=date(2024, 1, 1),
                         due_date=date(2024, 12, 31))
        s.add(task_c)
        s.flush()
        from jjjdesk.domain.subject import SubjectRef

        ref_c = SubjectRef.task(task_c.id)
        rid = rounds.create_round(session=s, actor=COORDINATOR, period=Period.month(2024, 3),
                                  deadline=date(2024, 4, 5),
                                  scope=rounds.RoundScope(items=(reg.task_b, ref_c,
                                                                 reg.task_a))).id
        for unit_id, subject, pct in ((reg.unit_b, reg.task_b, 50), (c.id, ref_c, 50),
                                      (reg.unit_a, reg.task_a, 0)):
            submit(s, reg, unit_id, subject, rid, pct)
            stamp(s, rid, unit_id, date(2024, 4, 3))
        close(s, rid)
        card = scorecard(session=s, round_ids=[rid], today=TODAY)
        c_id = c.id
    assert [(r.unit_id, r.total, r.rank) for r in card.rows] == [
        (c_id, 100, 1), (reg.unit_b, 100, 1), (reg.unit_a, 70, 3)]
    assert card.rows[2].flags == (LAST,) and card.rows[0].flags == ("首位",)


def test_the_demo_year_scores_every_unit(demo_db, actor):
    from jjjdesk.services.demo_history import load_demo_history

    with demo_db.session() as s:
        load_demo_history(session=s, actor=actor, today=date(2026, 12, 2))
        card = scorecard(session=s, first="2026-01", last="2026-10", today=date(2026, 12, 2))
        units = len(set(s.exec(select(RoundUnit.unit_id)).all()))
    assert len(card.rounds) == 10 and len(card.rows) == units
    assert [r.rank for r in card.rows] == sorted(r.rank for r in card.rows)
    assert all(r.reasons for r in card.rows if r.total < 100)
    late = [r for r in card.rows if r.on_time is not None and r.on_time < 100]
    assert late and all(any("迟交" in x for x in r.reasons) for r in late)


# ---------------------------------------------------------------------------- CLI and sheet


def test_cli_json_and_text(empty_db, history, capsys):
    from jjjdesk.cli.main import main

    _reg, (m3, _m4, _m5, m6) = history
    url = empty_db.url
    assert main(["scorecard", "--round", str(m3), "--today", "2024-07-01", "--json",
                 "--db", url]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["label"] == "2024年3月月报"
    assert [(r["unit"], r["score"], r["rank"], r["change"]) for r in data["rows"]] == [
        ("滨海新区", 70.0, 1, None), ("市发展改革委", 23.3, 2, None)]
    assert data["rows"][1]["reasons"][0] == "2024年3月月报迟交1个工作日,扣30分"
    assert main(["scorecard", "--from", "2024-03", "--to", "2024-04", "--today", "2024-07-01",
                 "--db", url]) == 0
    text = capsys.readouterr().out
    assert "2024年3月至2024年4月" in text and "市发展改革委" in text and "62.7" in text
    assert main(["scorecard", "--round", str(m6), "--db", url]) == 1
    assert "尚未关闭" in capsys.readouterr().err


def test_sheet_reads_back(empty_db, history, tmp_path):
    import openpyxl

    from jjjdesk.excel.scorecard_sheet import export_scorecard

    _reg, (m3, m4, _m5, _m6) = history
    out = tmp_path / "红黑榜.xlsx"
    with empty_db.session() as s:
        card = scorecard(session=s, first="2024-04", today=TODAY)
    export_scorecard(out, card, today=TODAY)
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    assert "红黑榜" in ws["A1"].value and "2024年4月" in ws["A2"].value
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=4) if row[0].value]
    assert rows[0][:5] == [1, "市发展改革委", 100, 1, "↑1"]
    assert rows[1][1] == "滨海新区" and rows[1][3] == 2
    assert "2024年4月月报未报送" in rows[1][-1]
    detail = wb.worksheets[1]
    assert detail.title == "明细"
    assert any(row[1].value == "滨海新区" and row[2].value == "2024年4月月报"
               for row in detail.iter_rows(min_row=4))


def test_cli_export_scorecard(empty_db, history, tmp_path, capsys):
    import openpyxl

    from jjjdesk.cli.main import main

    out = tmp_path / "榜.xlsx"
    assert main(["export", "scorecard", "--from", "2024-03", "--to", "2024-05", "--today",
                 "2024-07-01", "--out", str(out), "--db", empty_db.url]) == 0
    assert "已导出红黑榜" in capsys.readouterr().out
    ws = openpyxl.load_workbook(out)["红黑榜"]
    assert ws["A1"].value == "责任单位工作成效红黑榜(2024年3月至2024年5月)"


def test_the_weights_cannot_all_be_zero(empty_db):
    from jjjdesk.errors import ValidationFailed

    with empty_db.session() as s:
        for key in ("scorecard.weight_on_time", "scorecard.weight_completeness",
                    "scorecard.weight_quality"):
            settings.set_setting(session=s, actor=COORDINATOR, key=key, value=0)
        with pytest.raises(ValidationFailed, match="不能都为0"):
            settings.set_setting(session=s, actor=COORDINATOR, key="scorecard.weight_progress",
                                 value=0)


def test_the_meeting_pack_carries_the_scorecard(empty_db, history, tmp_path):
    from jjjdesk.reports.pack import export_pack, pack_scorecard

    _reg, (_m3, m4, m5, m6) = history
    with empty_db.session() as s:
        quarter = pack_scorecard(s, Period.quarter(2024, 2), None, TODAY)
        assert pack_scorecard(s, Period.month(2024, 6), m6, TODAY) is None  # still open
        result = export_pack(session=s, folder=tmp_path / "材料", round_id=m5, today=TODAY)
    assert quarter is not None and quarter.label == "2024年4月至2024年6月"
    assert [r.id for r in quarter.rounds] == [m4, m5]
    names = [p.name for p in result.files]
    assert "2024年5月月报红黑榜.xlsx" in names
    assert names.index("2024年5月月报红黑榜.xlsx") == 2  # after the two ledgers
