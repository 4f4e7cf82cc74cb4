"""催报通知 and 督办通知单 as Word documents in 公文 style, one per unit; a batch fills a folder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from docx.shared import Pt

from jjjdesk.domain.period import chinese_date
from jjjdesk.errors import UserFacingError
from jjjdesk.excel.safety import safe_filename
from jjjdesk.files import atomic_path
from jjjdesk.progress import CancelFlag, ProgressFn, Ticker
from jjjdesk.reports.gongwen import (
    first_para,
    grid_table,
    new_document,
    para,
)
from jjjdesk.services.notices import Notice

DEFAULT_ISSUER = "京津冀协同发展领导小组办公室"
#: Column widths of the item table, in parts of the text width.
_WIDTHS = {4: (8, 22, 60, 22), 5: (8, 40, 60, 26, 40)}


def write_notice_docx(path: Path | str, notice: Notice) -> Path:
    """One notice as .docx: title, 主送 unit, body, the item table, contact, 落款 and date."""
    path = Path(path)
    issuer = notice.issuer or DEFAULT_ISSUER
    doc = new_document(notice.title, issuer)
    title = first_para(doc, notice.title, "简报标题")
    title.paragraph_format.space_after = Pt(16)
    para(doc, f"{notice.addressee}:", "主送")
    for text in notice.paragraphs:
        para(doc, text, "简报正文")
    if notice.table:
        grid_table(doc, [notice.table_head, *notice.table],
                   _WIDTHS.get(len(notice.table_head), (1,) * len(notice.table_head)))
    if notice.contact:
        contact = para(doc, f"联系人及电话:{notice.contact}", "简报正文")
        contact.paragraph_format.space_before = Pt(8)
    sign = para(doc, issuer, "落款")
    sign.paragraph_format.space_before = Pt(28)
    sign.paragraph_format.right_indent = Pt(32)
    if notice.issued is not None:
        para(doc, chinese_date(notice.issued), "落款").paragraph_format.right_indent = Pt(32)
    with atomic_path(path) as tmp:
        doc.save(str(tmp))
    return path


def write_notices(folder: Path | str, notices: Sequence[Notice], *,
                  progress: ProgressFn | None = None, cancel: CancelFlag | None = None
                  ) -> list[Path]:
    """Each notice into `folder` as "<kind>_<unit>.docx"; a second file for one unit gets
    "(2)". Files already there are replaced (each one atomically)."""
    if not notices:
        raise UserFacingError("没有需要生成的通知:所有单位均已报送,或未选择问题")
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserFacingError(f"无法创建文件夹“{folder}”:{exc.strerror or exc}") from exc
    ticker = Ticker(progress, cancel, total=len(notices))
    used: set[str] = set()
    written = []
    for notice in notices:
        ticker.check()
        stem = safe_filename(notice.file_stem or notice.kind_label)
        name, n = f"{stem}.docx", 1
        while name.lower() in used:
            n += 1
            name = f"{stem}({n}).docx"
        used.add(name.lower())
        written.append(write_notice_docx(folder / name, notice))
        ticker.step(force=True)
    ticker.finish()
    return written
