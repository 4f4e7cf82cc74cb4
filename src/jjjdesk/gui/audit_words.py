"""The audit's words (services.audit_text, written in Chinese) in the interface language.

Labels of record types, actions and fields are translated; of the old and new values only
the words the app itself writes (enum labels, 是/否, (空), (删除)): anything else is data.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from PySide6.QtCore import QCoreApplication

from jjjdesk.gui import i18n


def _tr(text: str) -> str:
    # scripts/gui_literals.py lists audit_text's literals in the "dynamic" context
    return QCoreApplication.translate("dynamic", text)


@lru_cache(maxsize=1)
def _own_words() -> frozenset[str]:
    from jjjdesk.domain.enums import LABELS
    from jjjdesk.services import audit_text

    words = {w for labels in LABELS.values() for w in labels.values()}
    words |= {w for labels in audit_text.VALUE_LABELS.values() for w in labels.values()}
    return frozenset(words | {"(空)", "是", "否", "(删除)"})


def _value(text: str) -> str:
    return _tr(text) if text in _own_words() else text  # (the translator finds any context)


def action_text(action: str) -> str:
    from jjjdesk.services import audit_text

    return _tr(audit_text.action_label(action))


def entity_text(entity: str, entity_id: int | None) -> str:
    from jjjdesk.services import audit_text

    label = _tr(audit_text.entity_label(entity))
    return f"{label} #{entity_id}" if entity_id is not None else label


def change_lines(changes: dict[str, Any], entity: str) -> list[str]:
    """One line per field: "完成进度(%):40 → 60", or in English "Completion (%): 40 → 60"."""
    from jjjdesk.services import audit_text

    if i18n.active_language() != i18n.ENGLISH:
        return audit_text.describe_changes(changes, entity)
    lines = []
    for label, old, new in audit_text.change_items(changes, entity):
        label, new = _tr(label), _value(new)
        lines.append(f"{label}: {_value(old)} → {new}" if old else f"{label}: → {new}")
    return lines


def joined(lines: list[str]) -> str:
    return ("; " if i18n.active_language() == i18n.ENGLISH else "；").join(lines)
