"""Who may do what: one rule table, asked by every service before it reads or writes.

The table mirrors the PostgreSQL grants of server mode (db/server_roles.py `_grants()` and
its policies) so that the app refuses what the database would refuse, with a Chinese message
instead of a driver error. The 等保 three (GB/T 22239 separation of duties) hold only their
own duty: 系统管理员 manages accounts (creates them as viewers; sets password and 启用/停用
of ordinary accounts only), 安全管理员 assigns role and unit (never its own), 安全审计员
reads and exports the audit. None of them reads the registry or the entries (their groups
have no SELECT on them), and none of them changes a setting (their groups may only read
`setting`, for the idle lock and password expiry that guard their own sessions; so not even
the `password.*` / `session.*` account policy is theirs: that stays with the admin).
"""

from __future__ import annotations

from enum import StrEnum

from jjjdesk.domain.actor import Actor, Role
from jjjdesk.errors import UserFacingError


class PermissionDenied(UserFacingError):
    pass


class Act(StrEnum):
    OFFICE_READ = "office.read"  # registry lists, rounds, entries, problems, dashboard
    REGISTRY_WRITE = "registry.write"  # registry, rounds, settings, imports, undo
    ENTRY_WRITE = "entry.write"  # entries, problems, extensions, attachments (a unit: its own)
    AUDIT_READ = "audit.read"  # the 审计日志 page, `audit list`, `audit verify`
    AUDIT_EXPORT = "audit.export"  # the audit as a workbook (itself audited)
    USER_LIST = "user.list"
    USER_CREATE = "user.create"
    USER_EDIT = "user.edit"  # display name, 启用/停用
    USER_PASSWORD = "user.password"  # reset another account's password
    USER_ASSIGN = "user.assign"  # role and unit
    BACKUP_RESTORE = "backup.restore"


_USERS = {Act.USER_LIST, Act.USER_CREATE, Act.USER_EDIT, Act.USER_PASSWORD, Act.USER_ASSIGN}
_AUDIT = {Act.AUDIT_READ, Act.AUDIT_EXPORT}

#: Role -> what it may do. Anything not listed is refused.
RULES: dict[Role, frozenset[Act]] = {
    Role.ADMIN: frozenset(Act),
    # full SELECT on audit_event is granted to admin, coordinator and auditor only
    Role.COORDINATOR: frozenset({Act.OFFICE_READ, Act.REGISTRY_WRITE, Act.ENTRY_WRITE,
                                 *_AUDIT}),
    Role.REPORTER: frozenset({Act.OFFICE_READ, Act.ENTRY_WRITE}),
    Role.VIEWER: frozenset({Act.OFFICE_READ}),
    Role.SYSADMIN: frozenset({Act.USER_LIST, Act.USER_CREATE, Act.USER_EDIT,
                              Act.USER_PASSWORD}),
    Role.SECADMIN: frozenset({Act.USER_LIST, Act.USER_ASSIGN}),
    Role.AUDITOR: frozenset(_AUDIT),
}

#: The accounts a 系统管理员 may touch (server_roles.ORDINARY) and the one role it creates
#: (its INSERT policy: role = 'viewer' AND unit_id IS NULL); admin has no such limit.
ORDINARY = frozenset({Role.COORDINATOR, Role.REPORTER, Role.VIEWER})
SYSADMIN_CREATES = Role.VIEWER

_REFUSALS = {
    Act.OFFICE_READ: "您的角色不能查看台账和填报数据。",
    Act.REGISTRY_WRITE: "您没有修改台账基础信息的权限(需协同办工作人员或管理员)。",
    Act.ENTRY_WRITE: "您的角色不能填报或修改进展。",
    Act.AUDIT_READ: "只有管理员、协同办工作人员或安全审计员可以查看审计日志。",
    Act.AUDIT_EXPORT: "只有管理员、协同办工作人员或安全审计员可以导出审计日志。",
    Act.USER_LIST: "只有管理员、系统管理员或安全管理员可以查看用户账号。",
    Act.USER_CREATE: "只有管理员或系统管理员可以新增用户。",
    Act.USER_EDIT: "只有管理员或系统管理员可以修改账号信息、启用或停用账号。",
    Act.USER_PASSWORD: "只有管理员或系统管理员可以重置密码。",
    Act.USER_ASSIGN: "只有管理员或安全管理员可以分配角色和单位。",
    Act.BACKUP_RESTORE: "只有管理员可以从备份恢复数据库。",
}

#: Main-window pages that need more than OFFICE_READ (by their PAGE_KEY); every other page
#: shows registry or entry data.
_PAGE_ACTS = {"audit": Act.AUDIT_READ, "users": Act.USER_LIST}


def may(actor: Actor, act: Act) -> bool:
    return act in RULES.get(Role(actor.role), frozenset())


def require(actor: Actor, act: Act, viewer: str | None = None) -> None:
    """Raise unless `actor` may `act`; `viewer` is the refusal a 只读 user has always seen."""
    if not may(actor, act):
        own = viewer if viewer is not None and Role(actor.role) == Role.VIEWER else None
        raise PermissionDenied(own or _REFUSALS[act])


def may_open_page(actor: Actor | None, page_key: str) -> bool:
    """Whether the main window offers page `page_key` to `actor` (None: no database yet).
    The services behind the page refuse the same actor too."""
    if actor is None:
        return True
    return may(actor, _PAGE_ACTS.get(page_key, Act.OFFICE_READ))


def require_account_reach(actor: Actor, target_role: str) -> None:
    """A 系统管理员 works on ordinary accounts only: an admin's, the 安全管理员's or the
    审计员's password or 启用 in its hands would undo the separation of duties."""
    if Role(actor.role) == Role.SYSADMIN and Role(target_role) not in ORDINARY:
        raise PermissionDenied("系统管理员只能管理普通账号(协同办工作人员、单位填报员、只读用户),"
                               "不能修改管理员、安全管理员或安全审计员的账号。")


def require_user_change(actor: Actor, username: str, role: str, *, account: bool,
                        assign: bool) -> None:
    """What an edit of account `username` (of `role`) touches decides who may make it: the
    account (name, 启用) is the 系统管理员's on ordinary accounts, role and unit the
    安全管理员's on others' accounts (its UPDATE policy: username IS DISTINCT FROM its own)."""
    if account:
        require(actor, Act.USER_EDIT)
        require_account_reach(actor, role)
    if assign:
        require(actor, Act.USER_ASSIGN)
        if Role(actor.role) != Role.ADMIN and actor.name == username:
            raise PermissionDenied("不能给自己分配角色或单位,请由另一位安全管理员或管理员修改。")
    if not (account or assign):
        require(actor, Act.USER_LIST)


def may_write_registry(actor: Actor) -> bool:
    """The registry (units, tasks, projects, indicators) is kept by coordinators and admins."""
    return may(actor, Act.REGISTRY_WRITE)


def require_registry_write(actor: Actor) -> None:
    require(actor, Act.REGISTRY_WRITE)
