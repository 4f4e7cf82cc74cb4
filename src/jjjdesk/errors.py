"""Errors the user can act on, as opposed to bugs."""

from __future__ import annotations


class UserFacingError(Exception):
    """A problem the user can act on: shown as a plain message, never as a traceback."""


class NotFoundError(UserFacingError):
    pass


class ValidationFailed(UserFacingError):
    """Bad values; `errors` maps a field name to its Chinese message."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(";".join(errors.values()))


class ConflictError(UserFacingError):
    """Someone else saved the record since it was read (optimistic locking)."""


class DatabaseTooNewError(UserFacingError):
    pass


class Cancelled(Exception):
    """The user cancelled a long operation (export, import); nothing was written. Not a bug,
    not a message: the GUI closes its progress dialog and says nothing more."""
