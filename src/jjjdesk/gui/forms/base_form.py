"""What every record form shares: load, new, save (one service call), delete, field errors."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from jjjdesk.errors import ConflictError, NotFoundError, UserFacingError, ValidationFailed
from jjjdesk.gui import dialogs, i18n
from jjjdesk.gui.forms.fields import get_value, set_value
from jjjdesk.gui.ui_loader import child, load_form
from jjjdesk.gui.undo import push_change

if TYPE_CHECKING:
    from jjjdesk.gui.context import AppContext

log = logging.getLogger(__name__)

BANNER_STYLE = (
    "color: #b71c1c; background: #fdecea; border: 1px solid #f5c2c0;"
    " border-radius: 3px; padding: 6px;"
)


class RecordForm(QWidget):
    """Subclasses name their widgets (`_fields`), choices and services."""

    UI_FILE = "record_form.ui"
    ENTITY: ClassVar[str] = ""
    ID_ARG: ClassVar[str] = ""
    NOUN: ClassVar[str] = ""  # 项目, 单位… (translated by the subclass's context)

    saved = Signal(int)  # record id
    deleted = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.form = load_form(self.UI_FILE, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.form)
        self.context: AppContext | None = None
        self.record_id: int | None = None
        self.version: int | None = None
        self._shown: dict[str, Any] = {}  # the values as loaded, to tell unsaved input
        self.title_label = child(self.form, QLabel, "titleLabel")
        self.error_banner = child(self.form, QLabel, "errorBanner")
        self.error_banner.setStyleSheet(BANNER_STYLE)
        self.error_banner.hide()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title_label.setFont(font)
        self.field_layout = child(self.form, QFormLayout, "fieldLayout")
        # English labels ("Planned investment this year (100 M yuan)") squeezed the fields
        # beside them to a few characters: in English every label goes above its field.
        self.field_layout.setRowWrapPolicy(
            QFormLayout.RowWrapPolicy.WrapAllRows if i18n.active_language() == i18n.ENGLISH
            else QFormLayout.RowWrapPolicy.WrapLongRows)
        self.save_button = child(self.form, QPushButton, "saveButton")
        self.delete_button = child(self.form, QPushButton, "deleteButton")
        self.revert_button = child(self.form, QPushButton, "revertButton")
        self._build_fields()
        self.fields: dict[str, QWidget] = self._fields()
        for widget in self.fields.values():
            _fix_height(widget)
        self.error_labels: dict[str, QLabel] = {
            name: self._attach_error_label(widget) for name, widget in self.fields.items()
        }
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.revert_button.clicked.connect(self.revert)
        self.setEnabled(False)

    # ---- what subclasses provide ---------------------------------------------------------
    def _build_fields(self) -> None:
        """Add rows to `field_layout` (forms built in code); Designer forms have them."""

    def _fields(self) -> dict[str, QWidget]:
        raise NotImplementedError

    def _fill_choices(self) -> None:
        """Fill the dropdowns from the database."""

    def _services(self) -> tuple[Any, Any, Any, Any]:
        """(get, create, update, delete) service functions."""
        raise NotImplementedError

    def _defaults(self) -> dict[str, Any]:
        return {}

    def _name_of(self, values: dict[str, Any]) -> str:
        return str(values.get("name") or "")

    def tr_noun(self) -> str:
        return QCoreApplication.translate(type(self).__name__, self.NOUN)

    # ---- wiring --------------------------------------------------------------------------
    def add_row(self, label: str, widget: QWidget) -> QWidget:
        self.field_layout.addRow(label, widget)
        return widget

    def _attach_error_label(self, widget: QWidget) -> QLabel:
        """Put a red message line under the field (hidden until there is something to say)."""
        row, role = self.field_layout.getWidgetPosition(widget)
        error = QLabel(self.form)
        error.setObjectName(widget.objectName() + "Error")
        error.setStyleSheet(dialogs.ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        if row < 0:
            return error
        self.field_layout.removeWidget(widget)
        box = QWidget(self.form)
        # Never taller than its field and message: rows stay packed at the top of the form.
        box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        column.addWidget(error)
        self.field_layout.setWidget(row, role, box)
        return error

    @property
    def editable(self) -> bool:
        """A viewer (and anyone on a read-only database) sees the record, greyed, not saved."""
        from jjjdesk.services.permissions import may_write_registry

        return self.context is not None and may_write_registry(self.context.actor)

    def set_context(self, context: AppContext | None) -> None:
        self.context = context
        self.setEnabled(context is not None)
        for widget in self.fields.values():
            widget.setEnabled(self.editable)
        self.save_button.setEnabled(self.editable)
        if context is not None:
            self.refresh_choices()
            self.new_record()

    def refresh_choices(self) -> None:
        if self.context is not None:
            self._fill_choices()

    # ---- states --------------------------------------------------------------------------
    def new_record(self, defaults: dict[str, Any] | None = None) -> None:
        self.record_id = None
        self.version = None
        self.clear_errors()
        for widget in self.fields.values():
            set_value(widget, None)
        for name, value in (self._defaults() | (defaults or {})).items():
            set_value(self.fields[name], value)
        self.title_label.setText(self.tr("新增{0}").format(self.tr_noun()))
        self.delete_button.setEnabled(False)
        self._shown = self.values()
        first = next(iter(self.fields.values()))
        first.setFocus()

    def load(self, record_id: int) -> bool:
        """Show a record; False (and a blank form) when it no longer exists."""
        if self.context is None:
            return False
        get = self._services()[0]
        try:
            detail = self.context.read(get, **{self.ID_ARG: record_id})
        except NotFoundError:
            self.new_record()
            return False
        self.record_id = detail.id
        self.version = detail.version
        self.clear_errors()
        for name, widget in self.fields.items():
            set_value(widget, getattr(detail, name))
        values = {name: getattr(detail, name) for name in self.fields}
        title = self.tr("编辑{0}").format(self.tr_noun())
        if getattr(detail, "is_demo", False):
            title += self.tr("(演示数据)")
        self.title_label.setText(title)
        self.title_label.setToolTip(self._name_of(values))
        self.delete_button.setEnabled(self.editable)
        self._shown = self.values()
        return True

    def revert(self) -> None:
        if self.record_id is None:
            self.new_record()
        else:
            self.load(self.record_id)

    def values(self) -> dict[str, Any]:
        return {name: get_value(widget) for name, widget in self.fields.items()}

    def current_name(self) -> str:
        """The record's name as typed so far (for questions about it)."""
        return self._name_of(self.values())

    def is_dirty(self) -> bool:
        """Input not saved yet: a refresh must not load over it."""
        return self.values() != self._shown

    # ---- errors --------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.error_banner.hide()
        self.error_banner.clear()
        for label in self.error_labels.values():
            label.hide()
            label.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        general = []
        for field, message in errors.items():
            label = self.error_labels.get(field)
            if label is None:
                general.append(message)
            else:
                label.setText(message)
                label.show()
        if general:
            self.show_banner(";".join(general))
        focus = next((self.fields[f] for f in errors if f in self.fields), None)
        if focus is not None:
            focus.setFocus()

    def show_banner(self, text: str) -> None:
        self.error_banner.setText(text)
        self.error_banner.show()

    # ---- writes --------------------------------------------------------------------------
    def save(self) -> bool:
        """One service call = one transaction; errors land next to their fields."""
        if self.context is None:
            return False
        _get, create, update, _delete = self._services()
        values = self.values()
        name = self._name_of(values)
        self.clear_errors()
        try:
            if self.record_id is None:
                result = self.context.write(create, entity=self.ENTITY, values=values)
                text = self.tr("新增{0}“{1}”").format(self.tr_noun(), name)
            else:
                result = self.context.write(
                    update,
                    entity=self.ENTITY,
                    values=values,
                    expected_version=self.version,
                    **{self.ID_ARG: self.record_id},
                )
                text = self.tr("修改{0}“{1}”").format(self.tr_noun(), name)
        except ValidationFailed as exc:
            self.show_errors(exc.errors)
            return False
        except ConflictError as exc:
            return self._resolve_conflict(str(exc))
        except UserFacingError as exc:
            self.show_banner(str(exc))
            return False
        except Exception as exc:
            # Network cut, server restarted: nothing was written and the input stays.
            from jjjdesk.db.errors import describe  # SQLAlchemy loads after the first paint

            message = describe(exc)
            if message is None:
                raise
            log.warning("save failed: %s", exc)
            self.show_banner(message)
            return False
        push_change(self.context, result.audit_event_id, text)
        self.load(result.id)
        self.saved.emit(result.id)
        return True

    def _resolve_conflict(self, message: str) -> bool:
        """Show theirs and mine; the user's input stays until they choose."""
        from jjjdesk.gui.conflict_dialog import ConflictDialog, display_value, run_conflict

        get = self._services()[0]
        try:
            theirs = self.context.read(get, **{self.ID_ARG: self.record_id})
        except NotFoundError:
            self.show_banner(self.tr("该{0}已被他人删除;您的输入仍保留在表单中。").format(
                self.tr_noun()))
            return False
        mine = self.values()
        rows = []
        for name, widget in self.fields.items():
            label = self.field_layout.labelForField(widget.parentWidget())
            label = label or self.field_layout.labelForField(widget)
            text = label.text().removesuffix(":").removesuffix(":") if label else name
            rows.append((text, display_value(widget, getattr(theirs, name, None)),
                         display_value(widget, mine[name])))
        what = self.tr("{0}“{1}”").format(self.tr_noun(), self._name_of(mine))
        choice = run_conflict(ConflictDialog(what, rows, self))
        if choice == ConflictDialog.KEEP_MINE:
            self.version = theirs.version
            return self.save()
        if choice == ConflictDialog.TAKE_THEIRS:
            self.load(self.record_id)
            return False
        self.show_banner(message + self.tr("您的输入仍保留在表单中。"))
        return False

    def delete(self) -> bool:
        if self.context is None or self.record_id is None:
            return False
        name = self._name_of(self.values())
        question = self.tr("确定删除{0}“{1}”吗?\n删除后可用“编辑 → 撤销”(Ctrl+Z)恢复。").format(
            self.tr_noun(), name
        )
        if not dialogs.confirm(self, self.tr("删除{0}").format(self.tr_noun()), question):
            return False
        delete = self._services()[3]
        record_id = self.record_id
        try:
            result = self.context.write(delete, entity=self.ENTITY, **{self.ID_ARG: record_id})
        except UserFacingError as exc:
            dialogs.show_user_error(self, str(exc), self.tr("不能删除"))
            return False
        push_change(
            self.context,
            result.audit_event_id,
            self.tr("删除{0}“{1}”").format(self.tr_noun(), name),
        )
        self.new_record()
        self.deleted.emit(record_id)
        return True


def _fix_height(widget: QWidget) -> None:
    """Tall fields keep their height, so the rows stay packed at the top of the form."""
    if isinstance(widget, QPlainTextEdit | QListWidget):
        height = widget.maximumHeight() if widget.maximumHeight() < 1000 else 110
        widget.setFixedHeight(height)
