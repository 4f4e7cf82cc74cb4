"""The office server this workstation connects to (address, sslmode and CA file in QSettings),
its password in the system keyring."""

from __future__ import annotations

import logging
from dataclasses import replace

from jjjdesk.db.connection import DEFAULT_PORT, ServerParams
from jjjdesk.gui import settings

log = logging.getLogger(__name__)

SERVICE = "jjjdesk"
GROUP = "server"


def _account(params: ServerParams) -> str:
    return f"{params.user}@{params.host}:{params.port}/{params.database}"


def load() -> ServerParams | None:
    """The saved server, with its password when the keyring has it; None: single-PC mode."""
    s = settings.qsettings()
    if not s.value(f"{GROUP}/enabled", False, type=bool):
        return None
    params = ServerParams(
        host=str(s.value(f"{GROUP}/host", "")),
        port=int(s.value(f"{GROUP}/port", DEFAULT_PORT)),
        database=str(s.value(f"{GROUP}/database", "")),
        user=str(s.value(f"{GROUP}/user", "")),
        sslmode=str(s.value(f"{GROUP}/sslmode", "")),
        sslrootcert=str(s.value(f"{GROUP}/sslrootcert", "")),
    )
    return replace(params, password=get_password(params) or "")


def save(params: ServerParams, remember_password: bool) -> bool:
    """Store the server; True when the password went into the keyring."""
    s = settings.qsettings()
    s.setValue(f"{GROUP}/enabled", True)
    s.setValue(f"{GROUP}/host", params.host)
    s.setValue(f"{GROUP}/port", params.port)
    s.setValue(f"{GROUP}/database", params.database)
    s.setValue(f"{GROUP}/user", params.user)
    # Not secrets (the CA certificate is public): plain settings, unlike the password.
    s.setValue(f"{GROUP}/sslmode", params.sslmode)
    s.setValue(f"{GROUP}/sslrootcert", params.sslrootcert)
    s.sync()
    if not remember_password:
        delete_password(params)
        return False
    return set_password(params)


def forget() -> None:
    """Back to single-PC mode (the saved password goes too)."""
    params = load()
    if params is not None:
        delete_password(params)
    s = settings.qsettings()
    s.remove(GROUP)
    s.sync()


def keyring_available() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        return not isinstance(keyring.get_keyring(), fail.Keyring)
    except Exception:  # noqa: BLE001 - a broken keyring install means "not available"
        return False


def get_password(params: ServerParams) -> str | None:
    try:
        import keyring

        return keyring.get_password(SERVICE, _account(params))
    except Exception:  # noqa: BLE001 - NoKeyringError and backend failures: ask the user
        log.info("no keyring password for %s", _account(params), exc_info=True)
        return None


def set_password(params: ServerParams) -> bool:
    try:
        import keyring

        keyring.set_password(SERVICE, _account(params), params.password)
    except Exception:  # noqa: BLE001 - NoKeyringError (headless Linux) or a locked keyring
        log.info("cannot store the server password in a keyring", exc_info=True)
        return False
    return True


def delete_password(params: ServerParams) -> None:
    try:
        import keyring

        keyring.delete_password(SERVICE, _account(params))
    except Exception:  # noqa: BLE001 - nothing stored, or no keyring: nothing to delete
        pass
