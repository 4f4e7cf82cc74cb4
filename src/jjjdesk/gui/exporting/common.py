"""What the export actions share: file and folder choosers, the 打开文件夹 message, folders."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from jjjdesk.excel.safety import safe_filename
from jjjdesk.gui import dialogs, settings

LEDGER, TEMPLATES, PACK = "ledger", "templates", "pack"  # what the export dialog sets up

FOLDER_KEY = "export/folder"


def tr(text: str) -> str:
    """For `common.tr("…")` calls elsewhere: lupdate files them under the context "common"."""
    return QCoreApplication.translate("common", text)


def last_folder() -> Path:
    saved = settings.qsettings().value(FOLDER_KEY)
    folder = Path(str(saved)) if saved else Path.home()
    return folder if folder.is_dir() else Path.home()


def remember_folder(folder: Path) -> None:
    s = settings.qsettings()
    s.setValue(FOLDER_KEY, str(folder))
    s.sync()


def ask_save_path(parent: QWidget | None, title: str, default_name: str) -> Path | None:
    """A .xlsx to write, proposed as `default_name` (sanitised) in the last folder used."""
    proposal = last_folder() / safe_filename(default_name)
    path, _filter = QFileDialog.getSaveFileName(
        parent, title, str(proposal), QCoreApplication.translate("common", "Excel 工作簿 (*.xlsx)")
    )
    if not path:
        return None
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        target = target.with_name(target.name + ".xlsx")
    remember_folder(target.parent)
    return target


def ask_folder(parent: QWidget | None, title: str) -> Path | None:
    folder = QFileDialog.getExistingDirectory(parent, title, str(last_folder()))
    if not folder:
        return None
    remember_folder(Path(folder))
    return Path(folder)


def open_folder(folder: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def show_done(parent: QWidget | None, title: str, text: str, folder: Path) -> None:
    """The job's result, with 打开文件夹 to see the files."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        title,
        text,
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        parent,
    )
    box.button(QMessageBox.StandardButton.Open).setText(
        QCoreApplication.translate("common", "打开文件夹")
    )
    box.button(QMessageBox.StandardButton.Close).setText(
        QCoreApplication.translate("common", "关闭")
    )
    box.setDefaultButton(QMessageBox.StandardButton.Open)
    box.setInformativeText(str(folder))
    if dialogs.run_box(box) == QMessageBox.StandardButton.Open:
        open_folder(folder)
