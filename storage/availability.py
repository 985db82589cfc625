"""Is a database error the database being busy or away for a while (worth waiting for), or a
fault in what we asked (not worth repeating)?"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from storage.tickets import ConcurrentChange

# OperationalError: SQLite's "database is locked", PostgreSQL refusing connections or shutting
# down. InterfaceError: a connection that died under us. Anything else (integrity, programming
# errors) would fail the same way again.
_UNAVAILABLE = (OperationalError, InterfaceError)
# PostgreSQL's own word for it, whatever class a driver gives the error: SQLSTATE class 08
# (connection exception), 53 (insufficient resources: "too many connections"), 57P01-57P03
# (shutting down, "the database system is starting up"). asyncpg raises the last two while a
# server restarts, and they are neither OperationalErrors nor ConnectionErrors.
_UNAVAILABLE_SQLSTATES = ("08", "53", "57P01", "57P02", "57P03")


def is_unavailable(error: BaseException) -> bool:
    if isinstance(error, _UNAVAILABLE):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    if any(state.startswith(_UNAVAILABLE_SQLSTATES) for state in _sqlstates(error)):
        return True
    # asyncpg lets a refused or reset connection through unwrapped while it connects. Other
    # OSErrors (a full disk, a missing file) are not the database going away.
    return isinstance(error, ConnectionError)


# A transaction that lost a race: PostgreSQL's serialization failure and deadlock. Done again, it
# succeeds on the data as it is now.
_RACE_SQLSTATES = ("40001", "40P01")


def is_retryable(error: BaseException) -> bool:
    """Worth doing the whole transaction again: the database was away, or the transaction lost a
    race with another (a ticket saved by someone else since it was read, a deadlock)."""
    if is_unavailable(error) or isinstance(error, ConcurrentChange):
        return True
    return any(state.startswith(_RACE_SQLSTATES) for state in _sqlstates(error))


def _sqlstates(error: BaseException) -> list[str]:
    """SQLSTATEs along the error's chain: SQLAlchemy's wrapper, the driver's, their causes."""
    states, seen = [], set()
    todo: list[BaseException | None] = [error]
    while todo:
        current = todo.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        for name in ("sqlstate", "pgcode"):
            state = getattr(current, name, None)
            if isinstance(state, str):
                states.append(state)
        orig = getattr(current, "orig", None)
        todo += [orig if isinstance(orig, BaseException) else None]
        todo += [current.__cause__, current.__context__]
    return states


def log_failure(logger: logging.Logger, event: str, error: BaseException, **extra: Any) -> None:
    """The database being away is expected now and then: a warning with its reason. Anything else
    is an error with its traceback, as a bug deserves."""
    if is_unavailable(error):
        reason = (str(error).splitlines() or [type(error).__name__])[0][:300]
        logger.warning(event, extra={**extra, "database_unavailable": reason})
    else:
        logger.error(event, exc_info=error, extra=extra)
