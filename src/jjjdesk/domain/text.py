"""Text normalisation for matching and search: width, spaces, Traditional → Simplified, pinyin."""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

_SPACES = re.compile(r"[\s\u00a0\u3000\u200b\u200c\u200d\ufeff]+")


@cache
def _t2s():
    import opencc  # opencc-python-reimplemented: pure Python, no native build on office PCs

    return opencc.OpenCC("t2s")


# Control characters too (but tab and line breaks): PostgreSQL refuses NUL in text.
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def prose(value: object) -> str:
    """Free text (工作进展, 任务内容, 备注 …): keeps its line breaks and full-width punctuation;
    drops zero-width characters, trims each line's end and the whole text's edges."""
    text = _INVISIBLE.sub("", "" if value is None else str(value))
    if "\r" in text or "\n" in text:
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        return "\n".join(line.rstrip() for line in lines).strip()
    return text.strip()


def clean(text: str | None) -> str:
    """NFKC (full-width → half-width), odd spaces collapsed, trimmed."""
    if not text:
        return ""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", str(text)))
    return _SPACES.sub(" ", text).strip()


@cache
def _traditional_chars() -> frozenset[str]:
    """Characters whose presence can make OpenCC's t2s change a text.

    opencc-python-reimplemented costs ~80 µs a name; most names in a return are already
    Simplified, so a text with none of these characters is returned as it is (same result,
    about a hundred times faster on a 10,000-row import).
    """
    from importlib.resources import files

    chars: set[str] = set()
    folder = files("opencc") / "dictionary"
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            value = values.split(" ")[0] if values else key
            if len(key) != len(value):
                chars.update(key)
            else:
                chars.update(k for k, v in zip(key, value, strict=True) if k != v)
    return frozenset(chars)


def to_simplified(text: str) -> str:
    if not text:
        return ""
    if _traditional_chars().isdisjoint(text):
        return text
    return _t2s().convert(text)


def match_key(text: str | None) -> str:
    """The form two names are compared in: cleaned, Simplified, lower case, no spaces."""
    if type(text) is str and text.isascii() and text.isprintable():
        # NFKC and Traditional → Simplified leave printable ASCII as it is; spaces go anyway.
        return text.lower().replace(" ", "")
    return _match_key(text)


@lru_cache(maxsize=1 << 16)
def _match_key(text: str | None) -> str:
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
