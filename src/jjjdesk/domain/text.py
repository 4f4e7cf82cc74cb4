"""Text normalisation for matching and search: width, spaces, Traditional → Simplified, pinyin."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")


@cache
def _t2s():
    import opencc  # opencc-python-reimplemented: pure Python, no native build on office PCs

    return opencc.OpenCC("t2s")


def clean(text: str | None) -> str:
    """NFKC (full-width → half-width), odd spaces collapsed, trimmed."""
    if not text:
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", str(text))).strip()


def to_simplified(text: str) -> str:
    return _t2s().convert(text) if text else ""


def match_key(text: str | None) -> str:
    """The form two names are compared in: cleaned, Simplified, lower case, no spaces."""
    return to_simplified(clean(text)).lower().replace(" ", "")


def pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of a Chinese text, e.g. 津兴城际 → ("jinxingchengji", "jxcj")."""
    from pypinyin import Style, lazy_pinyin

    simplified = to_simplified(clean(text))
    full = "".join(lazy_pinyin(simplified, errors="default")).lower()
    initials = "".join(lazy_pinyin(simplified, style=Style.FIRST_LETTER, errors="default"))
    return full.replace(" ", ""), initials.lower().replace(" ", "")


def sort_key(text: str) -> str:
    """Pinyin collation key stored at write time (Qt's collator mis-files polyphones)."""
    from pypinyin import lazy_pinyin

    return " ".join(lazy_pinyin(to_simplified(clean(text)), errors="default")).lower()[:400]


def search_text(*parts: str | None) -> str:
    """What a search box matches against: the texts, their pinyin and pinyin initials."""
    pieces: list[str] = []
    for part in parts:
        key = match_key(part)
        if not key:
            continue
        full, initials = pinyin_keys(key)
        pieces.extend([key, full, initials])
    return "\x1f".join(pieces)
