"""The 配合事项 sheet of a unit's template: its parts (配合进展) as planned writes."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from jjjdesk.domain.subject import SubjectRef
from jjjdesk.importing.read.diagnostics import ERROR, INFO, Diagnostic
from jjjdesk.importing.read.normalise import entry_text, is_empty, read_percent
from jjjdesk.importing.read.workbook import RawWorkbook
from jjjdesk.importing.template_format import parse_key
from jjjdesk.importing.views import CHANGED, NEW, UNCHANGED

#: As the template writer names them (`excel.templates.COOP_SHEET` / `COOP_COLUMNS`); the
#: importer reads headers by name so a unit that moved columns still comes back.
COOP_SHEET = "配合事项"
KEY_HEADER, PROGRESS_HEADER, PCT_HEADER = "_key", "本单位配合进展", "本单位完成进度(%)"


@dataclass(frozen=True)
class PlannedPart:
    sheet: str
    row: int  # 1-based Excel row
    subject: SubjectRef
    name: str
    progress: str
    completion_pct: float | None
    status: str  # new / changed / unchanged


def _letter(c: int) -> str:
    out = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        out = chr(65 + r) + out
    return out


def plan_parts(session: Session, book: RawWorkbook, round_id: int, unit_id: int
               ) -> tuple[list[PlannedPart], list[Diagnostic]]:
    """Rows of the 配合事项 sheet with a part typed in; blank rows are no part (nothing stored)."""
    from jjjdesk.services.coop_parts import round_parts

    sheet = book.sheet(COOP_SHEET)
    if sheet is None:
        return [], []
    header_at = next((i for i, r in enumerate(sheet.rows[:10])
                      if any(entry_text(v) == PROGRESS_HEADER for v in r)), None)
    if header_at is None:
        return [], [Diagnostic(ERROR, sheet.name, None, "", "", "",
                               f"找不到“{PROGRESS_HEADER}”列,配合事项未导入")]
    heads = [entry_text(v) for v in sheet.rows[header_at]]
    col = {h: i for i, h in enumerate(heads) if h}
    k, p, q = col.get(KEY_HEADER), col[PROGRESS_HEADER], col.get(PCT_HEADER)
    asked = {part.subject: part for part in round_parts(session=session, round_id=round_id,
                                                        unit_id=unit_id)}
    planned: list[PlannedPart] = []
    notes: list[Diagnostic] = []
    for i, cells in enumerate(sheet.rows[header_at + 1:], start=header_at + 2):
        def cell(c: int | None, cells=cells) -> object:
            return cells[c] if c is not None and c < len(cells) else None

        text, pct_raw = entry_text(cell(p)), cell(q)
        if not text and is_empty(pct_raw):
            continue
        key = parse_key(cell(k)) if k is not None else None
        ref = SubjectRef(key[0], key[1]) if key else None  # type: ignore[arg-type]
        if ref is None or ref not in asked:
            notes.append(Diagnostic(ERROR, sheet.name, i, _letter(k or 0), "", str(cell(k) or ""),
                                    "该行不是本单位在本批次中的配合事项,未导入"))
            continue
        if not text:
            notes.append(Diagnostic(ERROR, sheet.name, i, _letter(p), "progress", "",
                                    "只填了完成进度,未填配合进展,该行未导入",
                                    f"请在“{PROGRESS_HEADER}”中填写本单位的进展"))
            continue
        pct: float | None = None
        if not is_empty(pct_raw):
            try:
                pct = read_percent(pct_raw)
            except ValueError:
                pct = -1.0
            if pct is None or not 0 <= pct <= 100:
                notes.append(Diagnostic(ERROR, sheet.name, i, _letter(q or 0), "completion_pct",
                                        str(pct_raw), "完成进度应为0到100之间的数字,该行未导入"))
                continue
        part = asked[ref]
        status = NEW if not part.reported else (
            UNCHANGED if (part.progress, part.completion_pct) == (text, pct) else CHANGED)
        planned.append(PlannedPart(sheet.name, i, ref, part.subject_name, text, pct, status))
    if planned:
        n = sum(1 for x in planned if x.status != UNCHANGED)
        notes.append(Diagnostic(INFO, sheet.name, None, "", "", "",
                                f"配合事项 {len(planned)} 项,其中 {n} 项将新增或修改"))
    return planned, notes
