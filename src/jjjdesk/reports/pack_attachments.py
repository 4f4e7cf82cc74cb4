"""The meeting pack's 佐证材料: the red items' attachments, a folder per item, and a list.

Red as the pack's brief judges it (`FlaggedItem.subject`); the attachments, not removed, of
the item's entries whose period lies within the pack's (a round's: its period; a quarter's:
its months too). Bytes are copied
chunk by chunk from the database (`db.blobs`), never a whole file in memory.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlmodel import Session, col, select

from jjjdesk.db import blobs
from jjjdesk.domain.models import Attachment, ProgressEntry
from jjjdesk.domain.period import Period
from jjjdesk.domain.subject import SubjectRef
from jjjdesk.excel.safety import safe_filename
from jjjdesk.files import atomic_path
from jjjdesk.reports.brief import FlaggedItem

FOLDER = "红灯事项佐证材料"
LIST_NAME = "佐证材料清单.xlsx"


@dataclass
class PackAttachments:
    folder: Path
    count: int = 0  # files written
    size: int = 0  # their bytes
    damaged: int = 0  # listed, not written (content damaged in the database)
    files: list[Path] = field(default_factory=list)  # the files written, the list last


def _in_period(key: str, period: Period) -> bool:
    try:
        p = Period.from_key(key)
    except ValueError:
        return False
    return period.start <= p.start and p.end <= period.end


def _attachments(session: Session, ref: SubjectRef, period: Period
                 ) -> list[tuple[Attachment, ProgressEntry]]:
    column = ProgressEntry.task_id if ref.kind == "task" else ProgressEntry.project_id
    query = (select(Attachment, ProgressEntry)
             .join(ProgressEntry, col(ProgressEntry.id) == col(Attachment.entry_id))
             .where(column == ref.id, col(Attachment.deleted_at).is_(None)))
    rows = session.exec(query.order_by(col(ProgressEntry.period_key), col(Attachment.id))).all()
    return [(a, e) for a, e in rows if _in_period(e.period_key, period)]


def _unique(folder: Path, name: str, used: set[str]) -> Path:
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, n = name, 1
    while candidate.lower() in used:
        n += 1
        candidate = f"{stem}({n}).{suffix}" if suffix else f"{stem}({n})"
    used.add(candidate.lower())
    return folder / candidate


def write_red_attachments(session: Session, pack: Path, flagged: Sequence[FlaggedItem],
                          period: Period, check: Callable[[], None] = lambda: None
                          ) -> PackAttachments:
    """Copy the red items' attachments into `pack`/红灯事项佐证材料/<编号 名称>/ and write
    佐证材料清单.xlsx there (also when there are none: the list says so)."""
    from jjjdesk.services.attachments import size_text

    root = pack / FOLDER
    out = PackAttachments(root)
    lines: list[list[object]] = []
    for item in flagged:
        if item.light != "red" or item.subject is None:
            continue
        found = _attachments(session, item.subject, period)
        if not found:
            continue
        folder = root / safe_filename(f"{item.code} {item.name}".strip(), fallback="事项")
        used: set[str] = set()
        for attachment, entry in found:
            check()
            target = _unique(folder, safe_filename(attachment.file_name, fallback="附件"), used)
            where = f"{folder.name}/{target.name}"
            try:
                with atomic_path(target) as tmp, open(tmp, "wb") as handle:
                    for data in blobs.read_chunks(session, attachment.content_sha256):
                        handle.write(data)
            except blobs.DamagedContent:
                out.damaged += 1
                where = "(数据库中的内容已损坏,未导出)"
            else:
                out.count += 1
                out.size += attachment.size
                out.files.append(target)
            lines.append([item.kind_label, item.code, item.name, item.unit,
                          Period.from_key(entry.period_key).label, attachment.file_name,
                          size_text(attachment.size), attachment.uploader,
                          attachment.created_at.strftime("%Y-%m-%d %H:%M"), where])
    root.mkdir(parents=True, exist_ok=True)
    out.files.append(_write_list(root / LIST_NAME, lines, out))
    return out


def _write_list(path: Path, lines: list[list[object]], result: PackAttachments) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from jjjdesk.excel.safety import looks_like_formula

    wb = Workbook()
    ws = wb.active
    assert ws is not None  # a new workbook has its sheet
    ws.title = "佐证材料清单"
    ws.append(["红灯事项佐证材料清单"])
    ws["A1"].font = Font(bold=True, size=14)
    from jjjdesk.services.attachments import size_text

    ws.append([f"共 {result.count} 个文件,{size_text(result.size)}"
               + (f";{result.damaged} 个内容损坏未导出" if result.damaged else "")
               if lines else "本期红灯事项没有佐证材料。"])
    headers = ["序号", "类别", "编号", "名称", "责任单位", "期次", "文件名", "大小", "上传人",
               "上传时间", "在材料包中的位置"]
    ws.append(headers)
    for cell in ws[3]:
        cell.font = Font(bold=True)
    for n, line in enumerate(lines, start=1):
        ws.append([n, *line])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and looks_like_formula(cell.value):
                cell.data_type = "s"  # user text, never a formula
    for letter, width in zip("ABCDEFGHIJK", (6, 10, 12, 30, 18, 14, 30, 10, 12, 17, 44),
                             strict=True):
        ws.column_dimensions[letter].width = width
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "3:3"
    with atomic_path(path) as tmp:
        wb.save(tmp)
    return path
