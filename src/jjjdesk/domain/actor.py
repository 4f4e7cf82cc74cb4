"""Who is acting: the user name and role every service call carries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    REPORTER = "reporter"
    VIEWER = "viewer"
    # 等保 (GB/T 22239) separation of duties: three accounts, none able to do another's work;
    # services/permissions.py says what each may do, db/server_roles.py grants the same.
    SYSADMIN = "sysadmin"
    SECADMIN = "secadmin"
    AUDITOR = "auditor"


#: The one list of role names in words; the CLI, the user page and the audit read it.
ROLE_LABELS = {
    Role.ADMIN: "管理员",
    Role.COORDINATOR: "协同办工作人员",
    Role.REPORTER: "单位填报员",
    Role.VIEWER: "只读(领导)",
    Role.SYSADMIN: "系统管理员",
    Role.SECADMIN: "安全管理员",
    Role.AUDITOR: "安全审计员",
}


@dataclass(frozen=True)
class Actor:
    name: str
    role: Role = Role.ADMIN
    unit_id: int | None = None

    @classmethod
    def local(cls) -> Actor:
        """The single user of a stand-alone PC, named after the OS account."""
        import getpass

        try:
            name = getpass.getuser()
        except Exception:  # noqa: BLE001 - no account name is not worth failing over
            name = "local"
        return cls(name=name, role=Role.ADMIN)
