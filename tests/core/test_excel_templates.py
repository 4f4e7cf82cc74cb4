"""Unit templates as a reader (and the importer) sees them."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from jjjdesk.domain.enums import Assessment
from jjjdesk.domain.models import ProgressEntry
from jjjdesk.domain.period import Period
from jjjdesk.errors import UserFacingError
from jjjdesk.excel.templates import (
    COOP_SHEET,
    DATA_SHEET,
    HELP_SHEET,
    TEMPLATE_COLUMNS,
    export_templates,
    template_file_name,
)
from jjjdesk.importing.template_format import META_SHEET, template_checksum
from jjjdesk.services import rounds
from jjjdesk.services.demo import load_demo_progress

PERIOD = Period.month(2024, 3)


@pytest.fixture
def round_id(demo_db, actor):
    with demo_db.session() as s:
        load_demo_progress(session=s, actor=actor,
                           periods=[Period.month(2024, 1), Period.month(2024, 2)])
        return rounds.create_round(session=s, actor=actor, period=PERIOD,
                                   deadline=date(2024, 4, 5)).id


def _col(name: str) -> int:
    return [c[1] for c in TEMPLATE_COLUMNS].index(name) + 1


def test_one_template_per_unit_named_after_round_and_unit(demo_db, round_id, tmp_path):
    with demo_db.session() as s:
        paths = export_templates(session=s, round_id=round_id, folder=tmp_path / "模板")
        units = rounds.get_round(session=s, round_id=round_id).unit_count
    assert len(paths) == units > 10
    names = {p.name for p in paths}
    assert "2024年3月月报_市发展改革委.xlsx" in names
    assert all(p.exists() and p.suffix == ".xlsx" for p in paths)
    assert template_file_name("2024年3月月报", "市/区:委") == "2024年3月月报_市_区_委.xlsx"


def test_template_structure(demo_db, round_id, tmp_path):
    with demo_db.session() as s:
        [path] = [p for p in export_templates(session=s, round_id=round_id, folder=tmp_path)
                  if p.name == "2024年3月月报_市发展改革委.xlsx"]
    wb = load_workbook(path)
    # 市发展改革委 is 配合 on tasks 5 and others: their sheet comes after its own items.
    assert wb.sheetnames == [DATA_SHEET, COOP_SHEET, HELP_SHEET, META_SHEET]
    ws, meta = wb[DATA_SHEET], wb[META_SHEET]
    assert wb[HELP_SHEET]["A1"].value == "2024年3月月报填报说明"
    assert meta.sheet_state == "veryHidden"
    info = {r[0]: r[1] for r in meta.iter_rows(values_only=True)}
    assert info["format"] == "jjjdesk-unit-template" and info["template_version"] == 1
    assert info["round_id"] == round_id and info["unit_name"] == "市发展改革委"
    assert info["period_key"] == "2024-03"
    # The hidden key column, and the checksum an importer recomputes from it.
    assert ws.column_dimensions["A"].hidden
    assert ws["A3"].value == "_key"
    keys = [r[0] for r in ws.iter_rows(min_row=4, max_col=1, values_only=True) if r[0]]
    assert len(keys) == info["item_count"] > 0
    assert all(k.split(":")[0] in ("task", "project") for k in keys)
    assert info["checksum"] == template_checksum(round_id, info["unit_id"], "2024-03", keys)
    # Protection: key columns locked, input cells unlocked and highlighted.
    assert ws.protection.sheet
    key_cell, name_cell = ws.cell(4, 1), ws.cell(4, _col("name"))
    progress = ws.cell(4, _col("progress"))
    assert key_cell.protection.locked and name_cell.protection.locked
    assert not progress.protection.locked
    assert progress.fill.fgColor.rgb == "FFFFFFE0"
    assert ws.freeze_panes == "F4"
    # Dropdown of assessment labels, range checks for numbers.
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    lists = [dv for dv in validations.values() if dv.type == "list"]
    assert len(lists) == 1
    assert lists[0].formula1 == '"' + ",".join(a.label for a in Assessment) + '"'
    assert {r.min_col for r in lists[0].sqref.ranges} == {_col("assessment")}
    assert {dv.type for dv in validations.values()} == {"list", "decimal"}
    assert ws.print_title_rows == "$3:$3"


def test_prefill_last_period_and_injection_text(demo_db, actor, round_id, tmp_path):
    with demo_db.session() as s:
        entry = s.exec(ProgressEntry.__table__.select().where(
            ProgressEntry.period_key == "2024-02", ProgressEntry.project_id.is_not(None))
        ).first()
        project_id = entry.project_id
        s.add(ProgressEntry(project_id=project_id, period_kind="month", period_key="2024-03",
                            progress="=cmd|' /C calc'!A0", review_state="draft"))
    with demo_db.session() as s:
        paths = export_templates(session=s, round_id=round_id, folder=tmp_path)
    found = None
    for path in paths:
        ws = load_workbook(path)[DATA_SHEET]
        for row in ws.iter_rows(min_row=4):
            if row[0].value == f"project:{project_id}":
                found = row
                break
        if found:
            break
    assert found is not None
    assert found[_col("prev_cumulative") - 1].value == pytest.approx(entry.invest_cumulative)
    cell = found[_col("progress") - 1]
    assert cell.value == "=cmd|' /C calc'!A0" and cell.data_type == "s" and cell.quotePrefix


def test_tasks_have_no_investment_inputs(demo_db, round_id, tmp_path):
    with demo_db.session() as s:
        paths = export_templates(session=s, round_id=round_id, folder=tmp_path)
    for path in paths:
        ws = load_workbook(path)[DATA_SHEET]
        for row in ws.iter_rows(min_row=4):
            if str(row[0].value).startswith("task:"):
                invest = row[_col("invest_period") - 1]
                assert invest.value == "—" and invest.protection.locked
                return
    pytest.fail("no task row in any template")


def test_unknown_round_and_unit_filter(demo_db, round_id, tmp_path):
    with demo_db.session() as s, pytest.raises(UserFacingError):
        export_templates(session=s, round_id=9999, folder=tmp_path)
    with demo_db.session() as s, pytest.raises(UserFacingError, match="没有所选单位"):
        export_templates(session=s, round_id=round_id, folder=tmp_path, unit_ids=[99999])


def test_a_unit_with_a_100_character_name_gets_its_template(demo_db, actor, round_id, tmp_path):
    """A 100-character Chinese name is 300 bytes: past the 255-byte file-name limit of Linux."""
    from sqlmodel import select

    from jjjdesk.domain.models import Unit
    from jjjdesk.services import units

    long_name = ("北京市" + "京津冀协同发展领导小组办公室" * 7)[:100]
    with demo_db.session() as s:
        unit_id = s.exec(select(Unit.id).where(Unit.name == "市发展改革委")).one()
        units.update_unit(session=s, actor=actor, unit_id=unit_id, values={"name": long_name})
    with demo_db.session() as s:
        paths = export_templates(session=s, round_id=round_id, folder=tmp_path / "模板")
    [path] = [p for p in paths if p.name.startswith("2024年3月月报_北京市京津冀")]
    assert len(path.name.encode()) <= 255 and path.suffix == ".xlsx"
    info = {r[0]: r[1] for r in load_workbook(path)[META_SHEET].iter_rows(values_only=True)}
    assert info["unit_name"] == long_name
