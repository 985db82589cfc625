"""Is a database error the database being busy or away for a while (worth waiting for), or a
fault in what we asked (not worth repeating)?"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# OperationalError: SQLite's "database is locked", PostgreSQL refusing connections or shutting
# down. InterfaceError: a connection that died under us. Anything else (integrity, programming
# errors) would fail the same way again.
_UNAVAILABLE = (OperationalError, InterfaceError)


def is_unavailable(error: BaseException) -> bool:
    if isinstance(error, _UNAVAILABLE):
        return True
    if isinstance(error, DBAPIError) and error.connection_invalidated:
        return True
    # asyncpg lets a refused or reset connection through unwrapped while it connects. Other
    # OSErrors (a full disk, a missing file) are not the database going away.
    return isinstance(error, ConnectionError)


def log_failure(logger: logging.Logger, event: str, error: BaseException, **extra: Any) -> None:
    """The database being away is expected now and then: a warning with its reason. Anything else
    is an error with its traceback, as a bug deserves."""
    if is_unavailable(error):
        reason = (str(error).splitlines() or [type(error).__name__])[0][:300]
        logger.warning(event, extra={**extra, "database_unavailable": reason})
    else:
        logger.error(event, exc_info=error, extra=extra)
