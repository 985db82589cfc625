"""Which database errors mean "busy or away, wait" and which mean "a fault, do not repeat"."""

from __future__ import annotations

import sqlite3

import asyncpg.exceptions
import pytest
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from storage.availability import is_unavailable


def wrapped(orig: BaseException) -> DBAPIError:
    """As SQLAlchemy raises a driver's error: a DBAPIError whose `orig` it is."""
    return DBAPIError.instance("SELECT 1", {}, orig, Exception)


@pytest.mark.parametrize(
    "error",
    [
        asyncpg.exceptions.CannotConnectNowError("the database system is starting up"),
        asyncpg.exceptions.TooManyConnectionsError("sorry, too many clients already"),
        asyncpg.exceptions.AdminShutdownError("terminating connection due to administrator"),
        asyncpg.exceptions.ConnectionFailureError("connection failure"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_a_postgresql_restart_is_waited_for_raw_or_wrapped(error: BaseException) -> None:
    assert is_unavailable(error)
    assert is_unavailable(wrapped(error))
    outer = RuntimeError("while handling an update")
    outer.__cause__ = error  # raise ... from error
    assert is_unavailable(outer)


def test_sqlite_locked_and_lost_connections_are_waited_for() -> None:
    locked = OperationalError("BEGIN", {}, sqlite3.OperationalError("database is locked"))
    assert is_unavailable(locked)
    assert is_unavailable(ConnectionRefusedError(111, "Connection refused"))


@pytest.mark.parametrize(
    "error",
    [
        IntegrityError("INSERT", {}, sqlite3.IntegrityError("UNIQUE constraint failed")),
        wrapped(asyncpg.exceptions.UniqueViolationError("duplicate key")),
        wrapped(asyncpg.exceptions.UndefinedTableError('relation "x" does not exist')),
        ValueError("naive datetime"),
        OSError(28, "No space left on device"),
    ],
    ids=lambda error: type(error).__name__,
)
def test_faults_in_what_we_asked_are_not_repeated(error: BaseException) -> None:
    assert not is_unavailable(error)
