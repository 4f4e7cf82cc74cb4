"""Text that must never become a formula, and file names Windows and Linux both accept."""

from __future__ import annotations

import hashlib
import re
import unicodedata

#: Leading characters a spreadsheet may read as the start of a formula (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_BAD_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")
MAX_NAME = 120  # characters of a file name before its suffix; paths stay under 260
#: Bytes of a whole file name: ext4 and most Linux file systems refuse names over 255 bytes,
#: and a Chinese character takes 3 in UTF-8 (a 90-character unit name broke template export).
MAX_NAME_BYTES = 240


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet could take `text` for a formula if a user re-entered it."""
    return text.startswith(FORMULA_PREFIXES)


def safe_filename(name: str, *, fallback: str = "未命名") -> str:
    """A file name (no folders) that Windows, macOS and Linux accept, readable as given.

    Characters Windows forbids become "_", control characters go, trailing dots and
    spaces go, reserved device names (CON, NUL, COM1…) get a leading "_", and long names
    are cut before the suffix.
    """
    name = unicodedata.normalize("NFC", name or "")
    name = _BAD_CHARS.sub("_", name).strip().rstrip(". ")
    name = re.sub(r"_{2,}", "_", name)
    stem, dot, suffix = name.rpartition(".")
    if not dot or len(suffix) > 8 or not stem:
        stem, suffix = name, ""
    stem = _fit(stem, MAX_NAME_BYTES - len(suffix.encode()) - 1)
    if not stem.strip("_ "):
        stem = fallback
    if stem.split(".")[0].upper() in _RESERVED:
        stem = "_" + stem
    return f"{stem}.{suffix}" if suffix else stem


def _fit(stem: str, max_bytes: int) -> str:
    """`stem` cut to MAX_NAME characters and `max_bytes` UTF-8 bytes; a cut stem ends in
    "~" and six hex digits of the full stem, so two long names sharing a start stay apart."""
    if len(stem) <= MAX_NAME and len(stem.encode()) <= max_bytes:
        return stem
    tag = "~" + hashlib.sha1(stem.encode()).hexdigest()[:6]
    room = max_bytes - len(tag)
    cut = stem[:MAX_NAME - len(tag)]
    while len(cut.encode()) > room:
        cut = cut[:-1]
    return cut.rstrip(". ") + tag


def safe_sheet_name(name: str, used: set[str] | None = None) -> str:
    """An Excel sheet name: no []:*?/\\, at most 31 characters, unique within `used`."""
    base = _SHEET_BAD.sub("_", name).strip("'") or "Sheet"
    base = base[:31]
    candidate, n = base, 2
    while used is not None and candidate.lower() in {u.lower() for u in used}:
        tail = f"({n})"
        candidate = base[: 31 - len(tail)] + tail
        n += 1
    if used is not None:
        used.add(candidate)
    return candidate
