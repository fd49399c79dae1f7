"""psycopg's exceptions, turned into the same one-line errors a project file gives.

Messages name the project by `url.display` (database and host), never by the full address, so a
password given in the address cannot reach a message.
"""

from __future__ import annotations

from framework_qa.core.errors import ConstraintViolation, FqaError, ProjectBusy
from framework_qa.core.storage.faults import BUSY_MESSAGE, GONE, unique_message


def translate(exc: Exception, where: str) -> FqaError:
    """The user-facing error for a psycopg error on the server project `where` (already redacted)."""
    from psycopg import errors

    if isinstance(exc, errors.UniqueViolation):
        constraint = exc.diag.constraint_name or ""
        return ConstraintViolation(unique_message(exc.diag.table_name or "",
                                                  identifier=constraint.endswith("_guid_key")))
    if isinstance(exc, errors.ForeignKeyViolation):
        return ConstraintViolation(GONE)
    if isinstance(exc, errors.CheckViolation):
        return ConstraintViolation(f"a value is out of range ({exc.diag.constraint_name})")
    if isinstance(exc, errors.LockNotAvailable | errors.QueryCanceled):
        return ProjectBusy(BUSY_MESSAGE)
    if isinstance(exc, errors.InsufficientPrivilege):
        return FqaError(f"{where}: your role in this project does not allow this change")
    if isinstance(exc, errors.InvalidPassword | errors.InvalidAuthorizationSpecification):
        return FqaError(f"{where}: the server refused the login (wrong user name or password)")
    if isinstance(exc, errors.OperationalError):
        reason = " ".join(str(exc).split())[:200]
        if "no password supplied" in reason:
            return FqaError(f"{where}: the server asks for a password for this login (give it in "
                            "~/.pgpass or PGPASSWORD; the window asks for it)")
        if "password authentication failed" in reason:
            return FqaError(f"{where}: the server refused the login (wrong user name or password)")
        return FqaError(f"{where}: the server cannot be reached ({reason}); nothing was changed")
    return FqaError(f"{where}: {' '.join(str(exc).split())[:300]}")
