"""Numbers written in Chinese in number cells (四十, 一百二十万, 1.2万, 百分之四十五): read with
cn2an, a maintained MIT library that knows 两, 〇/零, 点 and mixed forms, and always shown to
the user as what they were read as."""

from __future__ import annotations

import re

#: A unit at the end that the column's own readers understand (亿元, 万元, %…): kept as text.
_UNIT = re.compile(r"(亿元|万元|亿|万|元|%|%)$")
_NUMERAL_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿点壹贰叁肆伍陆柒捌玖拾佰仟")
_PERCENT_WORDS = "百分之"


def arabic_reading(text: str) -> str | None:
    """"一百二十万" → "120万", "百分之四十五" → "45%", "四十" → "40"; None when `text` holds no
    Chinese numeral (plain figures, words, dates) or is not a number cn2an can read."""
    s = text.strip()
    if not s or not any(c in _NUMERAL_CHARS for c in s):
        return None
    suffix = ""
    if s.startswith(_PERCENT_WORDS):
        s, suffix = s[len(_PERCENT_WORDS):], "%"
    else:
        unit = _UNIT.search(s)
        if unit and unit.start() > 0:
            s, suffix = s[: unit.start()], unit.group(1)
    # One numeral character is needed after the unit is split off: "12.5万" is the amount
    # reader's, not a Chinese numeral.
    if not s or not any(c in _NUMERAL_CHARS for c in s) or not all(
            c in _NUMERAL_CHARS or c.isdigit() or c == "." for c in s):
        return None
    import cn2an  # type: ignore[import-untyped]  # only when a cell needs it

    try:
        value = cn2an.cn2an(s, "smart")
    except (ValueError, KeyError, IndexError):
        return None
    return f"{value:.15g}{suffix}"
