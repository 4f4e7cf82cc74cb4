"""What every command gets: the parsed --db, the acting user, a lazily opened database.

Who acts (issue 16): a SQLite file, or a server database without `server init`, acts as the
PC's local administrator, as before. After `server init` the actor comes from the connection:
an app user's own login acts as that user (its role is what the services check, and
PostgreSQL refuses the rest); the database owner acts as the administrator it is, named in the
audit by its own login; any other database role is refused.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.engine import make_url

from jjjdesk.db.engine import Database
from jjjdesk.db.location import resolve_url
from jjjdesk.db.open import open_database
from jjjdesk.domain.actor import Actor
from jjjdesk.errors import UserFacingError
from jjjdesk.paths import AppPaths

NOT_A_USER = ("该数据库账号既不是 jjjdesk 用户的本人账号,也不是数据库所有者,不能操作。"
              "请用本人账号(用户名对应的数据库登录)或数据库所有者的连接地址。")


@dataclass
class CliContext:
    db_arg: str | None
    paths: AppPaths
    may_create: bool = False  # only init (and demo) create a database
    password: str | None = None  # --db-password-stdin; else the URL's, or libpq's PGPASSWORD
    _db: Database | None = None
    _actor: Actor | None = None

    @property
    def url(self) -> str:
        url = resolve_url(self.db_arg, self.paths)
        if self.password is None or make_url(url).get_backend_name() != "postgresql":
            return url
        return make_url(url).set(password=self.password).render_as_string(hide_password=False)

    @property
    def actor(self) -> Actor:
        """The acting user of this command (see the module's note), worked out once."""
        if self._actor is None:
            if make_url(self.url).get_backend_name() != "postgresql":
                self._actor = Actor.local()
            else:
                with self.db().session() as s:
                    self._actor = self.acting(s)
        return self._actor

    def acting(self, session) -> Actor:
        """Who a command acts as, read from this session's connection."""
        from jjjdesk.db import server_roles
        from jjjdesk.domain.actor import Role
        from jjjdesk.services import users

        signed_in = users.connection_actor(session=session)
        if signed_in is not None:
            return signed_in
        conn = session.connection()
        if conn.dialect.name == "postgresql" and server_roles.installed(conn):
            if not server_roles.is_owner(conn):
                raise UserFacingError(NOT_A_USER)
            login = conn.exec_driver_sql("SELECT current_user").scalar()
            return Actor(str(login), Role.ADMIN)
        return Actor(Actor.local().name, Role.ADMIN)

    def db(self) -> Database:
        """Open (and migrate) the database on first use; some commands never need it."""
        if self._db is None:
            self._db = open_database(self.url, self.paths, create=self.may_create)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()
            self._db = None
