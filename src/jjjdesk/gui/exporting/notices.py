"""催报通知 and 督办通知单 from the GUI: contact, folder, files written in the worker."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from jjjdesk.gui import settings
from jjjdesk.gui.exporting import common
from jjjdesk.gui.progress_dialog import run_with_progress

CONTACT_KEY = "notices/contact"


def _tr(text: str) -> str:
    return QCoreApplication.translate("notices", text)


def ask_contact(parent: QWidget | None) -> str | None:
    """The office's 联系人及电话 printed on the notice, remembered on this PC; None: cancelled."""
    saved = str(settings.qsettings().value(CONTACT_KEY) or "")
    text, ok = QInputDialog.getText(
        parent, _tr("通知联系人"), _tr("协同办联系人及电话(印在通知上,可留空):"),
        QLineEdit.EchoMode.Normal, saved)
    if not ok:
        return None
    s = settings.qsettings()
    s.setValue(CONTACT_KEY, text.strip())
    s.sync()
    return text.strip()


def write_notices_in_worker(parent: QWidget, context, build: Callable[..., list],
                            title: str, on_done: Callable[[list], None] | None = None,
                            **options: Any):
    """`build(session=…, contact=…, **options)` in the worker, then the .docx files into a
    folder the user picks, then `on_done(paths)`; returns the job (or None when the user
    cancelled a question)."""
    contact = ask_contact(parent)
    if contact is None:
        return None
    folder = common.ask_folder(parent, _tr("选择保存{0}的文件夹").format(title))
    if folder is None:
        return None
    db = context.db

    def work(progress, cancel):
        from jjjdesk.reports.notices_docx import write_notices

        with db.session() as session:
            made = build(session=session, contact=contact, **options)
        return write_notices(folder, made, progress=progress, cancel=cancel)

    def done(paths) -> None:
        if on_done is not None and paths:
            on_done(paths)
        common.show_done(parent, _tr("{0}已生成").format(title),
                         _tr("已生成 {0} 份{1}(Word 文档)。").format(len(paths), title), folder)

    job, _ = run_with_progress(parent, title, _tr("正在生成{0}…").format(title), work, done)
    return job
