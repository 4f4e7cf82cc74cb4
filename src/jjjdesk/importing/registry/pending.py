"""Records a registry import creates before the rows that refer to them: a `Pending` stands in
for the id until commit writes the record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

Ref = Any  # a record id, or a `Pending` record of this import


@dataclass(frozen=True)
class Pending:
    """A record this import creates before the row that refers to it; resolved at commit."""

    kind: str  # unit / task / category / plan
    key: str
    label: str


def stand_in(value: Any) -> Any:
    """What validation sees for a pending reference (the input classes check no ids)."""
    if isinstance(value, Pending):
        return -1
    if isinstance(value, list):
        return [stand_in(v) for v in value]
    return value


def has_pending(value: Any) -> bool:
    return isinstance(value, Pending) or (
        isinstance(value, list) and any(isinstance(v, Pending) for v in value)
    )
