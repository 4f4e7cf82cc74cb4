"""The office server this workstation connects to: address, database, sslmode and CA file in
QSettings, and how it signs in. Never a password (issue 16).

Two ways to sign in: `OWN` (the default; the server has had `server init`): each user signs
in with the user's own PostgreSQL login, asked at start-up. `DATABASE` (a server without
`server init`, or the owner connecting explicitly): a database account whose password is
asked at every start. Earlier versions kept that password in the system keyring; it is never
read again, and deleted when the dialog is saved or at the next own-login sign-in.
"""

from __future__ import annotations

import logging

from jjjdesk.db.connection import DEFAULT_PORT, ServerParams
from jjjdesk.gui import settings

log = logging.getLogger(__name__)

SERVICE = "jjjdesk"
GROUP = "server"
OWN, DATABASE = "own", "database"


def _account(params: ServerParams) -> str:
    return f"{params.user}@{params.host}:{params.port}/{params.database}"


def load() -> ServerParams | None:
    """The saved server, without a password; None: single-PC mode."""
    s = settings.qsettings()
    if not s.value(f"{GROUP}/enabled", False, type=bool):
        return None
    return ServerParams(
        host=str(s.value(f"{GROUP}/host", "")),
        port=int(s.value(f"{GROUP}/port", DEFAULT_PORT)),
        database=str(s.value(f"{GROUP}/database", "")),
        user=str(s.value(f"{GROUP}/user", "")) if sign_in_mode() == DATABASE else "",
        sslmode=str(s.value(f"{GROUP}/sslmode", "")),
        sslrootcert=str(s.value(f"{GROUP}/sslrootcert", "")),
    )


def role_prefix() -> str:
    """`server init --role-prefix` of the saved server (logins are named after it)."""
    return str(settings.qsettings().value(f"{GROUP}/role_prefix", "") or "jjjdesk")


def sign_in_mode() -> str:
    """OWN unless DATABASE was chosen. Settings of earlier versions (which always named a
    database account) count as OWN: the upgrade runs `server init` on the server."""
    mode = str(settings.qsettings().value(f"{GROUP}/sign_in", OWN))
    return mode if mode in (OWN, DATABASE) else OWN


def save(params: ServerParams, mode: str = OWN, prefix: str = "") -> bool:
    """Store the server (never its password); True when an old saved password was deleted."""
    old = _legacy_account()
    s = settings.qsettings()
    s.setValue(f"{GROUP}/enabled", True)
    s.setValue(f"{GROUP}/sign_in", mode)
    s.setValue(f"{GROUP}/role_prefix", prefix if prefix and prefix != "jjjdesk" else "")
    s.setValue(f"{GROUP}/host", params.host)
    s.setValue(f"{GROUP}/port", params.port)
    s.setValue(f"{GROUP}/database", params.database)
    s.setValue(f"{GROUP}/user", params.user if mode == DATABASE else "")
    # Not secrets (the CA certificate is public): plain settings.
    s.setValue(f"{GROUP}/sslmode", params.sslmode)
    s.setValue(f"{GROUP}/sslrootcert", params.sslrootcert)
    s.sync()
    deleted = delete_password(old) if old else False
    return delete_password(_account(params)) or deleted


def forget() -> None:
    """Back to single-PC mode (an old saved password goes too)."""
    old = _legacy_account()
    if old:
        delete_password(old)
    s = settings.qsettings()
    s.remove(GROUP)
    s.sync()


def forget_legacy_password() -> bool:
    """After a sign-in with the user's own login: the old shared password is of no more use
    here, nor is the account it was saved under. True when one was deleted."""
    old = _legacy_account()
    if not old:
        return False
    s = settings.qsettings()
    s.setValue(f"{GROUP}/user", "")
    s.sync()
    return delete_password(old)


def _legacy_account() -> str | None:
    """The keyring account an earlier version saved the password under (its user kept)."""
    s = settings.qsettings()
    if not s.value(f"{GROUP}/enabled", False, type=bool) or not s.value(f"{GROUP}/user", ""):
        return None
    return _account(ServerParams(
        host=str(s.value(f"{GROUP}/host", "")), port=int(s.value(f"{GROUP}/port", DEFAULT_PORT)),
        database=str(s.value(f"{GROUP}/database", "")), user=str(s.value(f"{GROUP}/user", ""))))


def delete_password(account: str) -> bool:
    """Delete a password an earlier version stored; True when there was one."""
    try:
        import keyring

        if keyring.get_password(SERVICE, account) is None:
            return False
        keyring.delete_password(SERVICE, account)
    except Exception:  # noqa: BLE001 - no keyring, or a locked one: nothing we can delete
        log.info("cannot look at the keyring for %s", account, exc_info=True)
        return False
    log.info("deleted the saved server password of %s", account)
    return True
