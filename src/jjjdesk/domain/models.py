"""The registry's tables: units, plans, tasks, projects, indicators, entries, audit."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Protocol

from sqlalchemy import BigInteger, CheckConstraint, Index, LargeBinary, UniqueConstraint, text
from sqlmodel import Field, SQLModel

# Every table shares one naming convention so Alembic's batch mode on SQLite can find
# constraints by name.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class _Row(Protocol):
    @property
    def id(self) -> int | None: ...


def stored_id(value: int | None) -> int:
    """An id read from the database (a key column the query cannot leave NULL) or of a
    flushed row.

    Tables declare `id: int | None` because a new row has none until it is flushed; past
    that point a missing id is a bug, not a state.
    """
    if value is None:
        raise RuntimeError("a stored row has no id: flush it first")
    return value


def row_id(row: _Row) -> int:
    """The id of a row that is in the database (loaded, or added and flushed)."""
    return stored_id(row.id)


def now() -> datetime:
    """An aware UTC timestamp, second precision; shown in local time by the views."""
    return datetime.now(UTC).replace(microsecond=0)


class Unit(SQLModel, table=True):
    """责任单位: a department, a district or an enterprise."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100, unique=True)
    kind: str = Field(default="department", max_length=20)
    contact_person: str = Field(default="", max_length=50)
    contact_phone: str = Field(default="", max_length=50)
    note: str = Field(default="")
    sort_key: str = Field(default="", max_length=400, index=True)
    search_text: str = Field(default="")
    is_demo: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class UnitAlias(SQLModel, table=True):
    """Another name people use for a unit (市发改委 = 市发展改革委)."""

    __tablename__ = "unit_alias"
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="CASCADE", index=True)
    alias: str = Field(max_length=100, unique=True)


class Plan(SQLModel, table=True):
    """方案 / 工作要点 with its years."""

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    short_name: str = Field(default="", max_length=100)
    issuer: str = Field(default="", max_length=200)
    issued: date | None = None
    start_year: int
    end_year: int
    is_demo: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class Category(SQLModel, table=True):
    """A numbered section of a plan: (一)…(七)."""

    __table_args__ = (UniqueConstraint("plan_id", "number"),)
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="CASCADE", index=True)
    number: int
    title: str = Field(max_length=200)
    version: int = 1


class KeyTask(SQLModel, table=True):
    """重点任务, or a sub-task (分解任务) when `parent_id` is set."""

    __tablename__ = "key_task"
    __table_args__ = (
        CheckConstraint("start_date IS NULL OR due_date IS NULL OR start_date <= due_date",
                        name="window"),
    )
    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="RESTRICT", index=True)
    category_id: int = Field(foreign_key="category.id", ondelete="RESTRICT", index=True)
    parent_id: int | None = Field(
        default=None, foreign_key="key_task.id", ondelete="RESTRICT", index=True
    )
    number: int
    title: str = Field(max_length=300)
    content: str = Field(default="")
    lead_unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    start_date: date | None = None
    due_date: date | None = None
    sort_key: str = Field(default="", max_length=400)
    search_text: str = Field(default="")
    is_demo: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


#: A task's or project's further units: `coop` 配合单位, `lead` 共同牵头 beside the first lead.
#: Both report their own part (`CoopPart`) in a round; the first lead owns the entry.
UNIT_ROLES = {"coop": "配合", "lead": "共同牵头"}


class TaskUnit(SQLModel, table=True):
    """A further unit of a task: cooperating (配合) or a further lead (共同牵头), migration 0019."""

    __tablename__ = "task_unit"
    task_id: int = Field(foreign_key="key_task.id", ondelete="CASCADE", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", primary_key=True, index=True)
    role: str = Field(default="coop", max_length=10)


class ProjectUnit(SQLModel, table=True):
    """A further unit of a project: cooperating (配合) or a further lead (共同牵头)."""

    __tablename__ = "project_unit"
    project_id: int = Field(foreign_key="project.id", ondelete="CASCADE", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", primary_key=True, index=True)
    role: str = Field(default="coop", max_length=10)


#: Codes that do not key as themselves in lower case (a lower-case letter, or a space,
#: control or non-ASCII character): the few a return's code lookup must read besides the
#: codes it names (`importing.returns.plan.return_registry`). A partial index holds just them, so
#: finding them reads no table (migration 0006); the query must spell the same SQL.
ODD_CODE_SQLITE = "code != upper(code) OR code GLOB '*[^!-~]*'"
ODD_CODE_POSTGRESQL = "code <> upper(code) OR code ~ '[^!-~]'"


class Project(SQLModel, table=True):
    """重点项目."""

    __table_args__ = (
        CheckConstraint("total_investment IS NULL OR total_investment >= 0",
                        name="total_investment"),
        Index("ix_project_code_odd", "code", sqlite_where=text(ODD_CODE_SQLITE),
              postgresql_where=text(ODD_CODE_POSTGRESQL)),
    )
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=200)
    district_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    lead_unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    industry_chain: str = Field(default="", max_length=100)
    kind: str = Field(default="industry", max_length=20, index=True)
    # Indexed (0015): the list sorts by them, a page an index range, not a sort of all.
    total_investment: float | None = Field(default=None, index=True)
    annual_investment: float | None = Field(default=None, index=True)
    stage: str = Field(default="planning", max_length=20, index=True)
    planned_start: date | None = Field(default=None, index=True)
    planned_completion: date | None = Field(default=None, index=True)
    task_id: int | None = Field(
        default=None, foreign_key="key_task.id", ondelete="SET NULL", index=True
    )
    description: str = Field(default="")
    sort_key: str = Field(default="", max_length=400, index=True)
    search_text: str = Field(default="")
    is_demo: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class Indicator(SQLModel, table=True):
    """目标指标 with its baseline and target."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", ondelete="RESTRICT", index=True)
    task_id: int | None = Field(
        default=None, foreign_key="key_task.id", ondelete="SET NULL", index=True
    )
    lead_unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    name: str = Field(max_length=200, unique=True)
    measure: str = Field(default="", max_length=40)
    baseline_year: int | None = None
    baseline_value: float | None = None
    target_year: int | None = None
    target_value: float | None = None
    direction: str = Field(default="up", max_length=10)
    note: str = Field(default="")
    sort_key: str = Field(default="", max_length=400)
    search_text: str = Field(default="")
    is_demo: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class ImportBatch(SQLModel, table=True):
    """One imported file: what, who, when, and what it did (can be undone as a whole)."""

    __tablename__ = "import_batch"
    id: int | None = Field(default=None, primary_key=True)
    file_name: str = Field(max_length=400)
    file_hash: str = Field(max_length=64, index=True)
    actor: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=now)
    counts: str = Field(default="{}")
    diagnostics: str = Field(default="[]")
    undone_at: datetime | None = None
    kind: str = Field(default="return", max_length=20)  # return / registry
    round_id: int | None = Field(
        default=None, foreign_key="reporting_round.id", ondelete="SET NULL", index=True
    )
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="SET NULL")
    undone_by: str = Field(default="", max_length=100)


class IndicatorValue(SQLModel, table=True):
    """The value of an indicator for one period, with where it came from."""

    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "period_key"),)
    id: int | None = Field(default=None, primary_key=True)
    indicator_id: int = Field(foreign_key="indicator.id", ondelete="CASCADE", index=True)
    period_key: str = Field(max_length=10)
    value: float
    source: str = Field(default="", max_length=400)
    import_batch_id: int | None = Field(
        default=None, foreign_key="import_batch.id", ondelete="SET NULL"
    )
    source_sheet: str = Field(default="", max_length=100)
    source_row: int | None = None
    is_demo: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class ProgressEntry(SQLModel, table=True):
    """进展填报: one subject (task or project) in one period."""

    __tablename__ = "progress_entry"
    __table_args__ = (
        CheckConstraint("(task_id IS NULL) <> (project_id IS NULL)", name="one_subject"),
        CheckConstraint(
            "completion_pct IS NULL OR (completion_pct >= 0 AND completion_pct <= 100)",
            name="completion_pct",
        ),
        Index("uq_progress_entry_task_period", "task_id", "period_key", unique=True,
              sqlite_where=text("task_id IS NOT NULL"),
              postgresql_where=text("task_id IS NOT NULL")),
        Index("uq_progress_entry_project_period", "project_id", "period_key", unique=True,
              sqlite_where=text("project_id IS NOT NULL"),
              postgresql_where=text("project_id IS NOT NULL")),
        Index("ix_progress_entry_period_kind_key", "period_kind", "period_key"),
        # Covering indexes of the dashboard (migration 0005): latest entry per project,
        # investment per period, read from the index without touching the wide rows.
        Index("ix_progress_entry_dash_project", "project_id", "period_kind", "period_key",
              "review_state", "completion_pct", "assessment",
              sqlite_where=text("project_id IS NOT NULL"),
              postgresql_where=text("project_id IS NOT NULL")),
        Index("ix_progress_entry_dash_period", "period_kind", "period_key", "review_state",
              "project_id", "invest_period"),
        # The 审核 list pages a round's entries in one state by submission time (0015).
        Index("ix_progress_entry_round_review", "round_id", "review_state", "submitted_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    task_id: int | None = Field(default=None, foreign_key="key_task.id", ondelete="RESTRICT")
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="RESTRICT")
    period_kind: str = Field(max_length=10)
    period_key: str = Field(max_length=10)
    assessment: str = Field(default="on_track", max_length=20)
    completion_pct: float | None = None
    invest_period: float | None = None
    invest_cumulative: float | None = None
    progress: str = Field(default="")
    problems: str = Field(default="")
    next_steps: str = Field(default="")
    coordination: str = Field(default="")
    reporter_unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    round_id: int | None = Field(
        default=None, foreign_key="reporting_round.id", ondelete="SET NULL"
    )
    reporter: str = Field(default="", max_length=100)
    submitted_at: datetime | None = None
    reviewed_by: str = Field(default="", max_length=100)
    reviewed_at: datetime | None = None
    cumulative_reason: str = Field(default="")
    review_state: str = Field(default="draft", max_length=20, index=True)
    review_comment: str = Field(default="")
    source: str = Field(default="manual", max_length=10)
    import_batch_id: int | None = Field(
        default=None, foreign_key="import_batch.id", ondelete="SET NULL", index=True
    )
    source_sheet: str = Field(default="", max_length=100)
    source_row: int | None = None
    # 填报日期 as the return states it (None: the return has none, or it was implausible)
    reported_on: date | None = None
    is_demo: bool = False
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class ReportingRound(SQLModel, table=True):
    """填报批次: one period's reporting by a set of units, with a deadline."""

    __tablename__ = "reporting_round"
    __table_args__ = (UniqueConstraint("period_key", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    period_kind: str = Field(max_length=10)
    period_key: str = Field(max_length=10, index=True)
    deadline: date
    state: str = Field(default="open", max_length=10)
    note: str = Field(default="")
    created_by: str = Field(default="", max_length=100)
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class RoundUnit(SQLModel, table=True):
    """A unit in a round's scope and where its return stands (未报/已报/退回)."""

    __tablename__ = "round_unit"
    round_id: int = Field(foreign_key="reporting_round.id", ondelete="CASCADE", primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", primary_key=True, index=True)
    state: str = Field(default="pending", max_length=20)
    submitted_at: datetime | None = None
    reminded_at: datetime | None = None
    version: int = 1


class RoundItem(SQLModel, table=True):
    """A task or project a unit must report on in a round."""

    __tablename__ = "round_item"
    __table_args__ = (
        CheckConstraint("(task_id IS NULL) <> (project_id IS NULL)", name="one_subject"),
        Index("uq_round_item_task", "round_id", "task_id", unique=True,
              sqlite_where=text("task_id IS NOT NULL"),
              postgresql_where=text("task_id IS NOT NULL")),
        Index("uq_round_item_project", "round_id", "project_id", unique=True,
              sqlite_where=text("project_id IS NOT NULL"),
              postgresql_where=text("project_id IS NOT NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="reporting_round.id", ondelete="CASCADE", index=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    task_id: int | None = Field(default=None, foreign_key="key_task.id", ondelete="CASCADE")
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="CASCADE")
    sort_order: int = 0


class Problem(SQLModel, table=True):
    """问题清单: a problem or coordination need raised in an entry, tracked until closed."""

    # The import's carry-forward looks up a subject's open problems per row, and the list
    # pages read open problems oldest first: both stay index lookups at a million entries.
    __table_args__ = (Index("ix_problem_state_created", "state", "created_at", "id"),)
    id: int | None = Field(default=None, primary_key=True)
    kind: str = Field(default="problem", max_length=20)
    description: str
    owner_unit_id: int | None = Field(
        default=None, foreign_key="unit.id", ondelete="RESTRICT", index=True
    )
    task_id: int | None = Field(default=None, foreign_key="key_task.id", ondelete="SET NULL",
                                index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="SET NULL",
                                   index=True)
    state: str = Field(default="pending", max_length=20)  # ix_problem_state_created leads
    raised_period_key: str = Field(default="", max_length=10)
    last_period_key: str = Field(default="", max_length=10)
    resolution: str = Field(default="")
    closed_at: datetime | None = None
    # 责任人 and 办结时限, set when the office assigns (交办) the problem.
    responsible_person: str = Field(default="", max_length=100)
    due_date: date | None = Field(default=None, index=True)
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class CoopPart(SQLModel, table=True):
    """The part a cooperating (or further lead) unit reports on an item in a round (配合进展).

    Never the lead's entry: that stays one per item and period (`ProgressEntry`).
    """

    __tablename__ = "coop_part"
    __table_args__ = (
        CheckConstraint("(task_id IS NULL) <> (project_id IS NULL)", name="one_subject"),
        CheckConstraint(
            "completion_pct IS NULL OR (completion_pct >= 0 AND completion_pct <= 100)",
            name="completion_pct",
        ),
        Index("uq_coop_part_task", "round_id", "task_id", "unit_id", unique=True,
              sqlite_where=text("task_id IS NOT NULL"),
              postgresql_where=text("task_id IS NOT NULL")),
        Index("uq_coop_part_project", "round_id", "project_id", "unit_id", unique=True,
              sqlite_where=text("project_id IS NOT NULL"),
              postgresql_where=text("project_id IS NOT NULL")),
    )
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="reporting_round.id", ondelete="CASCADE", index=True)
    task_id: int | None = Field(default=None, foreign_key="key_task.id", ondelete="CASCADE")
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="CASCADE")
    unit_id: int = Field(foreign_key="unit.id", ondelete="RESTRICT", index=True)
    progress: str = Field(default="")
    completion_pct: float | None = None
    source: str = Field(default="manual", max_length=10)
    import_batch_id: int | None = Field(
        default=None, foreign_key="import_batch.id", ondelete="SET NULL", index=True
    )
    reported_by: str = Field(default="", max_length=100)
    reported_at: datetime = Field(default_factory=now)
    version: int = 1


class ProblemAction(SQLModel, table=True):
    """One step in a problem's history: 交办, 协调, 反馈 or 销号, when, by whom, with a note."""

    __tablename__ = "problem_action"
    id: int | None = Field(default=None, primary_key=True)
    problem_id: int = Field(foreign_key="problem.id", ondelete="CASCADE", index=True)
    kind: str = Field(max_length=20)
    at: datetime = Field(default_factory=now)
    actor: str = Field(default="", max_length=100)
    note: str = Field(default="")


class ProblemEntry(SQLModel, table=True):
    """Links a problem to every entry that raised or carried it."""

    __tablename__ = "problem_entry"
    problem_id: int = Field(foreign_key="problem.id", ondelete="CASCADE", primary_key=True)
    entry_id: int = Field(
        foreign_key="progress_entry.id", ondelete="CASCADE", primary_key=True, index=True
    )


class ExtensionRequest(SQLModel, table=True):
    """延期申请: a unit asks to move an item's due date; on approval the item's date moves and
    `original_due` keeps what it was."""

    __tablename__ = "extension_request"
    __table_args__ = (
        CheckConstraint("(task_id IS NULL) <> (project_id IS NULL)", name="one_subject"),
    )
    id: int | None = Field(default=None, primary_key=True)
    task_id: int | None = Field(default=None, foreign_key="key_task.id", ondelete="CASCADE",
                                index=True)
    project_id: int | None = Field(default=None, foreign_key="project.id", ondelete="CASCADE",
                                   index=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="SET NULL",
                                index=True)  # the item's responsible unit when asked
    original_due: date | None = None
    requested_until: date
    reason: str
    state: str = Field(default="pending", max_length=20, index=True)
    requested_by: str = Field(default="", max_length=100)
    requested_at: datetime = Field(default_factory=now)
    decided_by: str = Field(default="", max_length=100)
    decided_at: datetime | None = None
    decision_note: str = Field(default="")
    version: int = 1


class AuditEvent(SQLModel, table=True):
    """审计日志: one change, chained to the previous row by hash."""

    __tablename__ = "audit_event"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=now, index=True)
    actor: str = Field(default="", max_length=100, index=True)
    action: str = Field(max_length=20)
    entity: str = Field(max_length=40, index=True)
    entity_id: int | None = Field(default=None, index=True)
    summary: str = Field(default="", max_length=400)
    changes: str = Field(default="{}")
    reason: str = Field(default="", max_length=400)
    import_batch_id: int | None = Field(default=None, index=True)
    prev_hash: str = Field(default="", max_length=64)
    hash: str = Field(default="", max_length=64)


class User(SQLModel, table=True):
    """用户: who may sign in, with one role; a unit reporter is bound to one unit."""

    __tablename__ = "app_user"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=50, unique=True)
    display_name: str = Field(default="", max_length=100)
    role: str = Field(default="viewer", max_length=20)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="RESTRICT")
    password_hash: str = Field(default="", max_length=200)
    active: bool = True
    must_change_password: bool = False
    last_login_at: datetime | None = None
    # 等保: five wrong passwords in a row lock the account for 15 minutes
    failed_logins: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    locked_until: datetime | None = None
    # 等保: passwords expire after the password.max_age_days setting (None: set outside the app)
    password_changed_at: datetime | None = None
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class Setting(SQLModel, table=True):
    """Domain settings that travel with the data (thresholds, calendar)."""

    key: str = Field(primary_key=True, max_length=100)
    value: str = Field(default="null")


class ImportChange(SQLModel, table=True):
    """One row an import batch created or changed, with its before-image for exact undo."""

    __tablename__ = "import_change"
    id: int | None = Field(default=None, primary_key=True)
    batch_id: int = Field(foreign_key="import_batch.id", ondelete="CASCADE", index=True)
    seq: int
    table_name: str = Field(max_length=40)
    row_key: str = Field(max_length=200)  # JSON of the primary key: {"id": 7}
    action: str = Field(max_length=10)  # create / update
    before: str | None = None  # JSON of every column before (None for create)
    after: str = Field(default="{}")  # JSON of every column after the import


class ImportMapping(SQLModel, table=True):
    """A column mapping the user confirmed, remembered per unit (unit_id None: everyone)."""

    __tablename__ = "import_mapping"
    __table_args__ = (UniqueConstraint("unit_id", "header_key"),)
    id: int | None = Field(default=None, primary_key=True)
    unit_id: int | None = Field(default=None, foreign_key="unit.id", ondelete="CASCADE",
                                index=True)
    header_key: str = Field(max_length=200)
    field: str = Field(default="", max_length=40)  # "" = ignore this column
    updated_by: str = Field(default="", max_length=100)
    updated_at: datetime = Field(default_factory=now)


#: Bytes of a stored file go into `attachment_chunk` rows of this size, so a 50 MB file is
#: written and read one chunk at a time, never held whole in memory or in one value.
ATTACHMENT_CHUNK_SIZE = 1024 * 1024


class AttachmentContent(SQLModel, table=True):
    """The bytes of one stored file, keyed by their SHA-256: the same file twice is kept once."""

    __tablename__ = "attachment_content"
    sha256: str = Field(primary_key=True, max_length=64)
    size: int = Field(sa_type=BigInteger)
    chunk_count: int
    created_at: datetime = Field(default_factory=now)


class AttachmentChunk(SQLModel, table=True):
    """One chunk (`ATTACHMENT_CHUNK_SIZE` bytes, the last one shorter) of a content."""

    __tablename__ = "attachment_chunk"
    sha256: str = Field(foreign_key="attachment_content.sha256", ondelete="CASCADE",
                        primary_key=True, max_length=64)
    seq: int = Field(primary_key=True)
    data: bytes = Field(sa_type=LargeBinary)


class Attachment(SQLModel, table=True):
    """佐证材料: a file attached to a progress entry (at one of its versions), a problem or an
    extension request (延期申请) — exactly one of them.

    Removal is soft (`deleted_at`, `deleted_by`, audited): the row stays in the history."""

    __table_args__ = (
        CheckConstraint("(CASE WHEN entry_id IS NULL THEN 0 ELSE 1 END)"
                        " + (CASE WHEN problem_id IS NULL THEN 0 ELSE 1 END)"
                        " + (CASE WHEN extension_id IS NULL THEN 0 ELSE 1 END) = 1",
                        name="one_owner"),
    )
    id: int | None = Field(default=None, primary_key=True)
    content_sha256: str = Field(foreign_key="attachment_content.sha256", ondelete="RESTRICT",
                                max_length=64, index=True)
    file_name: str = Field(max_length=255)
    media_type: str = Field(default="application/octet-stream", max_length=100)
    size: int = Field(sa_type=BigInteger)
    uploader: str = Field(default="", max_length=100)
    entry_id: int | None = Field(default=None, foreign_key="progress_entry.id",
                                 ondelete="CASCADE", index=True)
    entry_version: int | None = None
    problem_id: int | None = Field(default=None, foreign_key="problem.id", ondelete="CASCADE",
                                   index=True)
    extension_id: int | None = Field(default=None, foreign_key="extension_request.id",
                                     ondelete="CASCADE", index=True)
    created_at: datetime = Field(default_factory=now)
    deleted_at: datetime | None = None
    deleted_by: str = Field(default="", max_length=100)


class RoundSchedule(SQLModel, table=True):
    """批次计划: rounds that open themselves — 周跟进 every Monday, 月报告 due on the n-th
    working day of the next month, 季调度 due n working days after the quarter."""

    __tablename__ = "round_schedule"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200)
    schedule_kind: str = Field(max_length=10, index=True)  # week / month / quarter
    deadline_offset: int = 5  # working days (month: n-th of next month; quarter: after)
    scope: str = Field(default="{}")  # RoundScope as JSON
    paused: bool = False
    last_period_key: str = Field(default="", max_length=10)
    created_by: str = Field(default="", max_length=100)
    version: int = 1
    created_at: datetime = Field(default_factory=now)
    updated_at: datetime = Field(default_factory=now)


class ReminderLog(SQLModel, table=True):
    """催报记录: one reminder the office sent a unit in a round, with stage and channel."""

    __tablename__ = "reminder_log"
    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="reporting_round.id", ondelete="CASCADE", index=True)
    unit_id: int = Field(foreign_key="unit.id", ondelete="CASCADE", index=True)
    stage: str = Field(max_length=10)  # first / due / overdue
    channel: str = Field(max_length=10)  # copy / notice / cli
    sent_at: datetime = Field(default_factory=now)
    sent_by: str = Field(default="", max_length=100)
