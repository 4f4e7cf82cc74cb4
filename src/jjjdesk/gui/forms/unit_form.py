"""The 责任单位 form: name, kind, aliases (comma or 、 separated), contact."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLineEdit, QPlainTextEdit, QWidget

from jjjdesk.domain.enums import UnitKind
from jjjdesk.gui.forms.base_form import RecordForm
from jjjdesk.gui.forms.fields import enum_choices, fill_combo


class UnitForm(RecordForm):
    ENTITY = "unit"
    ID_ARG = "unit_id"
    NOUN = "单位"

    def _build_fields(self) -> None:
        self.name_edit = QLineEdit(objectName="nameEdit")
        self.kind_combo = QComboBox(objectName="kindCombo")
        self.aliases_edit = QLineEdit(objectName="aliasesEdit")
        self.aliases_edit.setPlaceholderText(
            self.tr("多个别名用“、”或逗号分隔,如 市发改委、发改委")
        )
        self.contact_edit = QLineEdit(objectName="contactPersonEdit")
        self.phone_edit = QLineEdit(objectName="contactPhoneEdit")
        self.note_edit = QPlainTextEdit(objectName="noteEdit")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMaximumHeight(110)
        self.add_row(self.tr("单位名称 *"), self.name_edit)
        self.add_row(self.tr("单位类型"), self.kind_combo)
        self.add_row(self.tr("别名"), self.aliases_edit)
        self.add_row(self.tr("联系人"), self.contact_edit)
        self.add_row(self.tr("联系电话"), self.phone_edit)
        self.add_row(self.tr("备注"), self.note_edit)

    def _fields(self) -> dict[str, QWidget]:
        return {
            "name": self.name_edit,
            "kind": self.kind_combo,
            "aliases": self.aliases_edit,
            "contact_person": self.contact_edit,
            "contact_phone": self.phone_edit,
            "note": self.note_edit,
        }

    def _fill_choices(self) -> None:
        fill_combo(self.kind_combo, enum_choices(UnitKind))

    def _services(self):
        from jjjdesk.services import units

        return units.get_unit, units.create_unit, units.update_unit, units.delete_unit

    def _defaults(self):
        return {"kind": UnitKind.DEPARTMENT.value}
