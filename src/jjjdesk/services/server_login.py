"""Server mode sign-in (issue 16): connect as the user's own PostgreSQL login with the user's
password, so PostgreSQL checks it, then note the sign-in as the connection's user.

Runs in the worker (connecting and the SCRAM exchange take a round trip or more). No shared
or owner password takes part: the workstation knows only where the server is.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from jjjdesk.errors import UserFacingError

if TYPE_CHECKING:
    from jjjdesk.db.connection import ServerParams
    from jjjdesk.db.engine import Database
    from jjjdesk.paths import AppPaths
    from jjjdesk.services.users import ServerSignIn

log = logging.getLogger(__name__)

#: One line for every refusal by PostgreSQL, so a stranger learns nothing about which names
#: exist or which accounts are disabled.
REFUSED = "用户名或密码错误,或账号已停用。"
_REFUSALS = ("password authentication failed", "no password supplied",
             "is not permitted to log in", "does not exist", "permission denied for database")


def login_params(params: ServerParams, username: str, password: str,
                 prefix: str = "jjjdesk") -> ServerParams:
    """The server's parameters (TLS kept) with the user's own login and password; `prefix`
    is `server init --role-prefix` (a second database on one server has its own)."""
    from jjjdesk.db.server_roles import login_role_name

    return replace(params, user=login_role_name(username.strip(), prefix), password=password)


def open_as_login(params: ServerParams, username: str, password: str,
                  paths: AppPaths | None = None,
                  prefix: str = "jjjdesk") -> tuple[Database, ServerSignIn]:
    """The open database and the sign-in; UserFacingError(REFUSED) when PostgreSQL refuses."""
    from jjjdesk.db.open import open_database
    from jjjdesk.services import users

    if not username.strip() or not password:
        raise UserFacingError("请输入用户名和密码。")
    own = login_params(params, username, password, prefix)
    try:
        db = open_database(own.url(), paths, create=False)
    except UserFacingError as exc:
        cause = str(exc.__cause__ or "").lower()
        missing_database = 'database "' in cause and "does not exist" in cause
        if any(words in cause for words in _REFUSALS) and not missing_database:
            log.info("sign-in of %s refused by the server", own.user)
            raise UserFacingError(REFUSED) from None  # the driver's text stays out of sight
        raise
    try:
        with db.session() as s:
            result = users.sign_in_as_connection(session=s)
    except BaseException:
        db.dispose()
        raise
    return db, result


def reopen(params: ServerParams, username: str, password: str, paths: AppPaths | None = None,
           prefix: str = "jjjdesk") -> Database:
    """The database again as the same login after its password changed (no new sign-in)."""
    from jjjdesk.db.open import open_database

    return open_database(login_params(params, username, password, prefix).url(), paths,
                         create=False)
