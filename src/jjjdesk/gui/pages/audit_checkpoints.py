"""The 审计日志 page's 导出检查点… and 核对检查点…: the CLI's `audit checkpoint` and
`audit verify --checkpoint` (services/audit_anchor.py), run in the page's worker."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from jjjdesk.errors import UserFacingError
from jjjdesk.gui import dialogs
from jjjdesk.gui.worker import Worker

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext


# ---- the questions (tests answer them) --------------------------------------------------
def ask_open(parent: QWidget, title: str, pattern: str) -> str | None:
    path, _filter = QFileDialog.getOpenFileName(parent, title, "", pattern)
    return path or None


def ask_open_many(parent: QWidget, title: str, pattern: str) -> list[str]:
    paths, _filter = QFileDialog.getOpenFileNames(parent, title, "", pattern)
    return paths


def ask_save(parent: QWidget, title: str, suggested: str, pattern: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return path or None


def ask_passphrase(parent: QWidget, title: str, label: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, QLineEdit.EchoMode.Password)
    return text if ok else None


class CheckpointButtons(QWidget):
    """Two buttons; the work runs in `worker`, on the database of `context()`."""

    exported = Signal()

    def __init__(self, worker: Worker, context: Callable[[], AppContext | None], parent=None):
        super().__init__(parent)
        self.worker, self._context = worker, context
        self.export_button = QPushButton(self.tr("导出检查点…"), objectName="checkpointButton")
        self.verify_button = QPushButton(self.tr("核对检查点…"),
                                         objectName="verifyCheckpointButton")
        self.export_button.clicked.connect(self.export)
        self.verify_button.clicked.connect(self.verify)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.export_button)
        layout.addWidget(self.verify_button)

    def _busy(self, busy: bool) -> None:
        self.export_button.setEnabled(not busy)
        self.verify_button.setEnabled(not busy)

    # ---- export ----------------------------------------------------------------------
    def export(self) -> None:
        context = self._context()
        if context is None:
            return
        key = ask_open(self, self.tr("选择审计员的私钥"), self.tr("私钥 (*.key);;所有文件 (*)"))
        if not key:
            return
        passphrase: bytes | None = None
        if _encrypted(Path(key)):  # asked here: the worker must never open a dialog
            text = ask_passphrase(self, self.tr("私钥口令"), self.tr("请输入私钥的口令:"))
            if text is None:
                return
            passphrase = text.encode("utf-8")
        out = ask_save(self, self.tr("导出审计检查点"),
                       f"审计检查点_{datetime.now():%Y%m%d}.json",
                       self.tr("审计检查点 (*.json)"))
        if not out:
            return
        if not out.lower().endswith(".json"):
            out += ".json"
        db, actor = context.db, context.actor

        def job() -> dict:
            from jjjdesk.services import audit_anchor, audit_keys

            private = audit_keys.load_private_key(Path(key), passphrase)
            return audit_anchor.export_checkpoint(db=db, actor=actor, private_key=private,
                                                  path=Path(out))

        self._busy(True)
        self.worker.submit(job, lambda document: self._exported(out, document), self._failed)

    def _exported(self, path: str, document: dict) -> None:
        self._busy(False)
        body = document["body"]
        self.exported.emit()  # the page shows the export's own row
        self._tell(QMessageBox.Icon.Information, self.tr("已导出审计检查点"),
                   self.tr("已导出审计检查点:至第 {0} 条,共 {1} 条记录,公钥编号 {2}。\n{3}\n"
                           "请把它存放在服务器以外(例如审计员的 U 盘)。").format(
                       body["event_id"], body["count"], body["key_id"], path))

    # ---- verify ----------------------------------------------------------------------
    def verify(self) -> None:
        context = self._context()
        if context is None:
            return
        files = ask_open_many(self, self.tr("选择审计检查点(可多选)"),
                              self.tr("审计检查点 (*.json)"))
        if not files:
            return
        public = ask_open(self, self.tr("选择审计员的公钥(须是审计员自己保存的那份)"),
                          self.tr("公钥 (*.pub);;所有文件 (*)"))
        if not public:
            return
        db = context.db

        def job():
            from jjjdesk.services import audit_anchor, audit_keys

            key = audit_keys.load_public_key(Path(public))
            documents = [(f, audit_anchor.read_checkpoint(Path(f))) for f in files]
            with db.session() as s:
                return audit_anchor.verify(session=s, checkpoints=documents, public_key=key)

        self._busy(True)
        self.worker.submit(job, self._verified, self._failed)

    def _verified(self, report) -> None:
        from jjjdesk.services.audit_anchor import report_lines

        self._busy(False)
        if report.ok:
            self._tell(QMessageBox.Icon.Information, self.tr("核对通过"),
                       "\n".join(report_lines(report)))
        else:
            self._tell(QMessageBox.Icon.Warning, self.tr("核对未通过"),
                       "\n".join(report_lines(report)))

    # ---- both ------------------------------------------------------------------------
    def _failed(self, exc: BaseException) -> None:
        self._busy(False)
        if isinstance(exc, UserFacingError | OSError):
            dialogs.show_user_error(self, str(exc), self.tr("审计检查点"))
            return
        raise exc

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        dialogs.run_box(QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self))


def _encrypted(path: Path) -> bool:
    """Whether a PEM private key asks for a passphrase (its header says so)."""
    try:
        return b"ENCRYPTED" in path.read_bytes()[:64]
    except OSError:
        return False  # the worker then says in words what is wrong with the file
