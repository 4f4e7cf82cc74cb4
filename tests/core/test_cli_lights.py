"""`jjjdesk-cli lights`: the same lights and reasons as the ledger of the same round."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from jjjdesk.cli.main import main
from jjjdesk.domain.period import Period
from jjjdesk.services import rounds
from jjjdesk.services.demo import load_demo_progress


@pytest.fixture
def round_id(demo_db, actor):
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor,
                           periods=[Period.month(2024, m) for m in (1, 2, 3)])
        return rounds.create_round(session=s, actor=actor, period=Period.month(2024, 3),
                                   deadline=date(2024, 4, 5)).id


def _ledger_lights(path) -> dict[str, tuple[str, str]]:
    ws = load_workbook(path).worksheets[0]
    header = [c.value for c in ws[3]]
    sub = [c.value for c in ws[4]]
    code, light = header.index("项目编号"), sub.index("红黄绿灯")
    reason = sub.index("评价说明")
    return {r[code]: (r[light], r[reason] or "") for r in ws.iter_rows(min_row=5, values_only=True)
            if r[code] and r[light]}


@pytest.mark.parametrize("today", [None, "2024-03-20"])
def test_lights_of_a_round_equal_its_ledger(demo_db, round_id, tmp_path, capsys, today):
    db = ["--db", demo_db.url]
    when = ["--today", today] if today else []
    out = tmp_path / "台账.xlsx"
    assert main(["export", "ledger", "--round", str(round_id), "--out", str(out), "--no-indicators",
                 *when, *db]) == 0
    capsys.readouterr()
    assert main(["lights", "--round", str(round_id), "--kind", "project", "--json",
                 *when, *db]) == 0
    cli = {r["code"]: (r["light_label"], r["reason"] if r["light"] != "none" else "")
           for r in json.loads(capsys.readouterr().out)}
    ledger = _ledger_lights(out)
    assert ledger and cli == {code: cli[code] for code in ledger}
    assert set(cli) == set(ledger)
    assert len({label for label, _ in ledger.values()}) > 1, "more than one colour is compared"


def test_lights_refuse_an_unknown_round_in_one_line(demo_db, capsys):
    assert main(["lights", "--round", "999", "--db", demo_db.url]) == 1
    assert capsys.readouterr().err.strip() == "错误:没有编号为 999 的填报批次。"
