"""What list screens ask for (filter, sort, page) and what writes answer."""

from __future__ import annotations

from dataclasses import dataclass

from jjjdesk.domain.text import match_key


@dataclass(frozen=True)
class ListQuery:
    text: str = ""
    unit_id: int | None = None
    category_id: int | None = None
    stage: str | None = None
    kind: str | None = None
    sort: str = ""
    descending: bool = False


@dataclass(frozen=True)
class WriteResult:
    id: int
    version: int
    audit_event_id: int | None


def like_pattern(text: str) -> str:
    """A LIKE pattern for a search-box text, normalised as `search_text` is."""
    key = match_key(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{key}%"
