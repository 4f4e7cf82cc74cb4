"""The unit's own file, marked up to send back: bad cells coloured, each with a comment.

An .xlsx/.xlsm keeps its layout (opened with openpyxl, only fills and comments added); a .csv
or .xls is copied value by value into a new .xlsx. A 错误说明 column lists each row's
problems, for the rows whose problem is not tied to one cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from jjjdesk.files import atomic_path
from jjjdesk.importing.read.diagnostics import ERROR, WARNING, Diagnostic
from jjjdesk.importing.read.workbook import read_workbook

ERROR_FILL = "FFC7CE"  # Excel's own "bad" red
WARNING_FILL = "FFEB9C"  # and its "neutral" yellow
NOTE_HEADER = "错误说明"


def annotated_name(source: Path) -> str:
    return f"{source.stem}(待修改).xlsx"


def write_annotated_copy(source: Path | str, diagnostics: Iterable[Diagnostic],
                         target: Path | str | None = None) -> Path:
    """Write the marked-up copy (default: beside the source, "…(待修改).xlsx")."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import PatternFill
    from openpyxl.utils import column_index_from_string, get_column_letter

    source = Path(source)
    target = Path(target) if target else source.with_name(annotated_name(source))
    marks = [d for d in diagnostics if d.level in (ERROR, WARNING)]
    if source.suffix.lower() in (".xlsx", ".xlsm"):
        wb = load_workbook(source, keep_vba=False)
    else:
        raw = read_workbook(source)
        wb = Workbook()
        wb.remove(wb.active)
        for sheet in raw.sheets:
            ws = wb.create_sheet(sheet.name[:31])
            for row in sheet.rows:
                ws.append([v if v != "" else None for v in row])
                for cell in ws[ws.max_row]:
                    if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                        cell.data_type = "s"  # the unit's text stays text
    fills = {ERROR: PatternFill("solid", fgColor=ERROR_FILL),
             WARNING: PatternFill("solid", fgColor=WARNING_FILL)}
    by_cell: dict[tuple[str, int, str], list[Diagnostic]] = defaultdict(list)
    for d in marks:
        if d.row:  # a diagnostic of the whole file or sheet marks no cell
            by_cell[(d.sheet, d.row, d.column)].append(d)
    notes: dict[tuple[str, int], list[str]] = defaultdict(list)
    for (sheet_name, row_no, column), found in by_cell.items():
        if sheet_name not in wb.sheetnames:
            continue
        ws = wb[sheet_name]
        level = ERROR if any(d.level == ERROR for d in found) else WARNING
        text = "\n".join(
            f"{d.level_label}:{d.problem}" + (f"({d.suggestion})" if d.suggestion else "")
            for d in found)
        notes[(sheet_name, row_no)].append(f"{column + '列:' if column else ''}{text}")
        if column:
            cell = ws.cell(row=row_no, column=column_index_from_string(column))
            cell.fill = fills[level]
            comment = Comment(text, "jjjdesk")
            comment.width, comment.height = 300, 120
            cell.comment = comment
    for (sheet_name, row_no), texts in notes.items():
        ws = wb[sheet_name]
        note_col = _note_column(ws)
        ws.cell(row=row_no, column=note_col, value="\n".join(texts)).data_type = "s"
        if ws.cell(row=1, column=note_col).value is None:
            ws.column_dimensions[get_column_letter(note_col)].width = 50
    with atomic_path(target) as tmp:
        wb.save(tmp)
    return target


def _note_column(ws) -> int:
    """The 错误说明 column: found in the first rows, else added after the last column."""
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 20)):
        for cell in row:
            if cell.value == NOTE_HEADER:
                return cell.column
    col = ws.max_column + 1
    # Put the heading on the header line: the first row that has several filled cells.
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 20)):
        if sum(1 for c in row if c.value not in (None, "")) >= 2:
            ws.cell(row=row[0].row, column=col, value=NOTE_HEADER)
            break
    return col
