"""Chinese numerals as the plan writes them: categories are (一)…(七), 十二 is 12."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九十"
_VALUES = {c: i for i, c in enumerate(_DIGITS[:10])} | {"〇": 0, "两": 2}


def chinese_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 23 → 二十三; outside 0–99 the Arabic number."""
    if not 0 <= n <= 99:
        return str(n)
    if n <= 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + _DIGITS[n - 10]
    return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")


def chinese_number(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十三 → 23, "7" → 7; None when it is no number."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    if not text or any(c not in _VALUES and c != "十" for c in text):
        return None
    if "十" not in text:
        return _VALUES[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1:
        return None
    return (_VALUES[tens] if tens else 1) * 10 + (_VALUES[ones] if ones else 0)


def category_label(number: int, title: str) -> str:
    """(三)生态环境联建联防联治 — how lists, charts and ledgers name a category."""
    return f"({chinese_numeral(number)}){title}"
