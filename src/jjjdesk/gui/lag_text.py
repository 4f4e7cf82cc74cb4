"""A light's reason and its change since the last round in the interface language.

The services write them in Chinese, because ledgers and briefs are Chinese documents. The
English interface translates them phrase by phrase. Each phrase is a translatable template,
and the periods and days inside it are put in English form.
"""

from __future__ import annotations

import re
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from jjjdesk.domain.period import Period
from jjjdesk.gui import i18n

#: The phrases of `domain.lag.assess`, `services.extensions.extension_note` and
#: `services.lag.light_changes`; {0} stands for a figure, a period or a day.
PHRASES = (
    QT_TRANSLATE_NOOP("lights", "未设置计划起止时间,不评价"),
    QT_TRANSLATE_NOOP("lights", "已完成({0}报告)"),
    QT_TRANSLATE_NOOP("lights", "{0}应报未报"),
    QT_TRANSLATE_NOOP("lights", "尚无填报"),
    QT_TRANSLATE_NOOP("lights", "最近一次为{0}"),
    QT_TRANSLATE_NOOP("lights", "计划尚未开始({0}开始)"),
    QT_TRANSLATE_NOOP("lights", "已超过计划完成时间({0})"),
    QT_TRANSLATE_NOOP("lights", "尚未报告完成进度"),
    QT_TRANSLATE_NOOP("lights", "计划周期已过{0}%"),
    QT_TRANSLATE_NOOP("lights", "未填完成进度"),
    QT_TRANSLATE_NOOP("lights", "自评滞后"),
    QT_TRANSLATE_NOOP("lights", "完成{0}%"),
    QT_TRANSLATE_NOOP("lights", "落后{0}个百分点"),
    QT_TRANSLATE_NOOP("lights", "超前{0}个百分点"),
    QT_TRANSLATE_NOOP("lights", "与计划同步"),
    QT_TRANSLATE_NOOP("lights", "已批准延期至{0}"),
    QT_TRANSLATE_NOOP("lights", "原定{0}"),
    QT_TRANSLATE_NOOP("lights", "未定"),
    QT_TRANSLATE_NOOP("lights", "新增红灯"),
    QT_TRANSLATE_NOOP("lights", "红转黄"),
    QT_TRANSLATE_NOOP("lights", "转绿"),
    QT_TRANSLATE_NOOP("lights", "转黄"),
    QT_TRANSLATE_NOOP("lights", "连续{0}期滞后"),
)
#: A figure, a period ("2024年7月", "2024年第1季度") or a day ("2027年12月31日").
VALUE = r"([0-9.\-]+(?:年(?:第?[0-9一二三四]+(?:月|季度|周))?(?:[0-9]+日)?)?)"
#: Chinese and ASCII punctuation of the services' texts, as English sets it.
PUNCTUATION = str.maketrans({
    ",": ", ", "\uff0c": ", ", ";": "; ", "\uff1b": "; ", "\u3001": ", ", "(": " (",
    "\uff08": " (", ")": ")", "\uff09": ")", ":": ": ", "\uff1a": ": ", "\u3002": ". ",
})
DAY = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def _value(text: str) -> str:
    day = DAY.fullmatch(text)
    if day:
        return f"{int(day[1]):04d}-{int(day[2]):02d}-{int(day[3]):02d}"
    if "年" in text:
        try:
            return Period.parse(text).label_en
        except ValueError:
            return text
    return text


@lru_cache(maxsize=2)
def _patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """(pattern, template in `language`), longest phrase first so "红转黄" wins over "转黄"."""
    out = []
    for phrase in sorted(PHRASES, key=len, reverse=True):
        english = QCoreApplication.translate("lights", phrase)
        pattern = re.escape(phrase).replace(re.escape("{0}"), VALUE)
        out.append((re.compile(pattern), english))
    return tuple(out)


def reason_text(text: str) -> str:
    """`text` as the interface shows it: unchanged in Chinese, phrase by phrase in English
    (a phrase not known stays as written)."""
    if not text or i18n.active_language() != i18n.ENGLISH:
        return text
    return _translated(text, i18n.active_language())


@lru_cache(maxsize=4096)  # a list repaints its cells often; its reasons repeat
def _translated(text: str, language: str) -> str:
    for pattern, english in _patterns(language):
        text = pattern.sub(lambda m, e=english: e.format(*(_value(g) for g in m.groups())),
                           text)
    return re.sub(r" {2,}", " ", text.translate(PUNCTUATION)).strip()
