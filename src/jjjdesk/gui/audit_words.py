"""The audit's words (services.audit_text, written in Chinese) in the interface language.

Labels of record types, actions and fields are translated; of the old and new values only
the words the app itself writes (enum labels, 是/否, (空), (删除)): anything else is data.
A summary is read back into its template and slots (services.audit_summaries): the template
is shown in English, the slots as data, except the app's own words and periods and days.
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
    from jjjdesk.services.settings import DOMAIN_SETTINGS

    words = {w for labels in LABELS.values() for w in labels.values()}
    words |= {w for labels in audit_text.VALUE_LABELS.values() for w in labels.values()}
    words |= {label for spec in DOMAIN_SETTINGS for _, label in spec.choices}  # 月, 宋体…
    return frozenset(words | {"(空)", "是", "否", "(删除)", "工作日", "休息日"})


def _setting_value(text: str) -> str:
    # A setting's choice in the settings' words, as its summary shows it (季度: Quarter).
    return _word("new", text) if text in _own_words() else text


def _label(label: str) -> str:
    from jjjdesk.services.audit_text import CALENDAR_LABEL

    day = label.removeprefix(CALENDAR_LABEL + " ")
    if day != label:  # a work calendar day: "工作日历 2026-12-05"
        return f"{_tr(CALENDAR_LABEL)} {day}"
    return _tr(label)


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
    value = _setting_value if entity == "setting" else _value
    lines = []
    for label, old, new in audit_text.change_items(changes, entity):
        label, new = _label(label), value(new)
        lines.append(f"{label}: {value(old)} → {new}" if old else f"{label}: → {new}")
    return lines


#: Where the English of a word slot is (services.audit_summaries.WORD_SLOTS), first found wins.
_WORD_CONTEXTS = {
    "problem_kind": ("enums",), "old_state": ("enums",), "new_state": ("enums",),
    "step": ("enums",), "setting": ("settings",), "old": ("settings", "enums"),
    "new": ("settings", "enums"), "day_kind": ("common",), "owner": ("dynamic",),
    "channel": ("dynamic",), "from_day": ("lights",), "to_day": ("lights",),
}


def _word(slot: str, text: str) -> str:
    from jjjdesk.services import audit_summaries

    for context in _WORD_CONTEXTS.get(slot, ("dynamic",)):
        english = QCoreApplication.translate(context, text)
        if english != text:
            return english
    return audit_summaries.WORDS.get(text, text)


def _slot(name: str, text: str) -> str:
    from jjjdesk.gui.labels import period_text
    from jjjdesk.gui.lag_text import DAY
    from jjjdesk.services import audit_summaries as catalogue

    if name in catalogue.NESTED_SLOTS:
        return _english_summary(text)
    if name in catalogue.PERIOD_SLOTS:
        return period_text(text)
    if name in catalogue.DAY_SLOTS and (day := DAY.fullmatch(text)):
        return f"{int(day[1]):04d}-{int(day[2]):02d}-{int(day[3]):02d}"
    if name in catalogue.SIZE_SLOTS and text.endswith(" 字节"):
        return text.removesuffix(" 字节") + " bytes"
    if name in catalogue.WORD_SLOTS or name in catalogue.DAY_SLOTS:
        return _word(name, text)
    return text


@lru_cache(maxsize=4096)  # a page repaints the same rows: parse each summary once
def _english_summary(summary: str) -> str:
    from jjjdesk.services import audit_summaries

    parts = audit_summaries.summary_parts(summary)
    if parts is None:
        return summary  # written by an older version: shown as stored
    key, slots = parts
    template = audit_summaries.CATALOGUE[key]
    english = _tr(template.zh)
    shown = {name: _slot(name, value) for name, value in slots.items()}
    try:
        return (english if english != template.zh else template.en).format(**shown)
    except (KeyError, IndexError):  # a translation that lost a slot: the catalogue's English
        return template.en.format(**shown)


def summary_text(summary: str) -> str:
    """A stored summary in the interface language ("新增项目 X" → "New project X")."""
    if i18n.active_language() != i18n.ENGLISH:
        return summary
    return _english_summary(summary)


def joined(lines: list[str]) -> str:
    return ("; " if i18n.active_language() == i18n.ENGLISH else "；").join(lines)
