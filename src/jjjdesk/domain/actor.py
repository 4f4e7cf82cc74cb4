"""Who is acting: the user name and role every service call carries."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    REPORTER = "reporter"
    VIEWER = "viewer"


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
