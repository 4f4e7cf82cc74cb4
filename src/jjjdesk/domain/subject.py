"""What an entry, a round item or a problem is about: one task or one project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypedDict

SubjectKind = Literal["task", "project"]


class SubjectColumns(TypedDict):
    task_id: int | None
    project_id: int | None


@dataclass(frozen=True, order=True)
class SubjectRef:
    kind: SubjectKind
    id: int

    def __post_init__(self) -> None:
        if self.kind not in ("task", "project"):
            raise ValueError(f"unknown subject kind {self.kind!r}")

    @classmethod
    def task(cls, task_id: int) -> SubjectRef:
        return cls("task", task_id)

    @classmethod
    def project(cls, project_id: int) -> SubjectRef:
        return cls("project", project_id)

    @classmethod
    def of(cls, row: Any) -> SubjectRef:
        """The subject of any row with `task_id` / `project_id` columns."""
        if getattr(row, "task_id", None) is not None:
            return cls.task(row.task_id)
        return cls.project(row.project_id)

    @property
    def columns(self) -> SubjectColumns:
        """{"task_id": …, "project_id": …} for building or filtering rows."""
        return {
            "task_id": self.id if self.kind == "task" else None,
            "project_id": self.id if self.kind == "project" else None,
        }

    @property
    def kind_label(self) -> str:
        return "重点任务" if self.kind == "task" else "重点项目"
