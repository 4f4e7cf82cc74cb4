"""What every command gets: the parsed --db, the acting user, a lazily opened database."""

from __future__ import annotations

from dataclasses import dataclass, field

from jjjdesk.db.engine import Database
from jjjdesk.db.location import resolve_url
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor
from jjjdesk.paths import AppPaths


@dataclass
class CliContext:
    db_arg: str | None
    paths: AppPaths
    actor: Actor = field(default_factory=Actor.local)
    may_create: bool = False  # only init (and demo) create a database
    _db: Database | None = None

    @property
    def url(self) -> str:
        return resolve_url(self.db_arg, self.paths)

    def acting(self, session) -> Actor:
        """Who a command acts as: in server mode the signed-in login's user (its role is what
        the services check); the owner of a server database, or a SQLite file, acts as the
        local administrator, as before."""
        from jjjdesk.domain.actor import Role
        from jjjdesk.services import users

        signed_in = users.connection_actor(session=session)
        return signed_in or Actor(self.actor.name, Role.ADMIN)

    def db(self) -> Database:
        """Open (and migrate) the database on first use; some commands never need it."""
        if self._db is None:
            self._db = open_database(self.url, self.paths, create=self.may_create)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
