"""SQLite through aiosqlite with one trip to its thread per statement instead of four.

aiosqlite runs each sqlite3 call in a thread of its own, and SQLAlchemy's adapter makes four
such calls for a statement (open a cursor, execute, fetch, close), each a queue put, a thread
wake-up and a future resolved back on the event loop. On this project's 2-core machine that was
about 230 of the 310 µs a statement cost, and a quarter of the bot's CPU per group message. Here
a statement's cursor is opened, executed, fetched and closed in one function run in aiosqlite's
thread, and SQLAlchemy gets the rows, description, rowcount and last row id it would have read.

This leans on two private details: aiosqlite's `Connection._execute` (queue a function for its
thread) and the shape of SQLAlchemy's async cursor adapter. `one_hop_dbapi()` checks both and
returns None when they are not as expected (another version; SQLAlchemy 2.0's adapter is shaped
differently), and the engine then uses the stock driver: slower, never wrong. The check is of
names, not behaviour, so aiosqlite is pinned below its next minor version in pyproject.toml, and
tests/storage/test_sqlite_driver.py fails if the check gives up on the installed versions: CI
notices before a deployment quietly slows down.
"""

from __future__ import annotations

import collections
import logging
import sqlite3
from collections.abc import Callable, Sequence
from typing import Any

import aiosqlite
from sqlalchemy.dialects.sqlite import aiosqlite as sqlalchemy_aiosqlite
from sqlalchemy.util import EMPTY_DICT

log = logging.getLogger("streetdesk.storage")

# What a statement leaves behind for SQLAlchemy: description, rowcount, lastrowid, rows.
_Outcome = tuple[Any, int, int | None, list[Any] | None]

_STOCK_CURSOR = sqlalchemy_aiosqlite.AsyncAdapt_aiosqlite_cursor
_STOCK_CONNECTION = sqlalchemy_aiosqlite.AsyncAdapt_aiosqlite_connection
_STOCK_DBAPI = sqlalchemy_aiosqlite.AsyncAdapt_aiosqlite_dbapi


class OneHopCursor(_STOCK_CURSOR):  # type: ignore[misc, valid-type]
    """SQLAlchemy's aiosqlite cursor, each statement one function in aiosqlite's thread."""

    __slots__ = ("_description", "_lastrowid", "_rowcount")

    def __init__(self, adapt_connection: Any) -> None:
        # The stock __init__ opens an aiosqlite cursor (a trip to the thread): not needed.
        self._adapt_connection = adapt_connection
        self._connection = adapt_connection._connection
        self._cursor = None
        self._soft_closed_memoized = EMPTY_DICT
        self._rows: collections.deque[Any] = collections.deque()
        self._description: Any = None
        self._rowcount = -1
        self._lastrowid: int | None = None

    @property
    def description(self) -> Any:
        return self._description

    @property
    def rowcount(self) -> int:
        return self._rowcount

    @property
    def lastrowid(self) -> int | None:
        return self._lastrowid

    @property
    def arraysize(self) -> int:
        return 1  # the DB-API default, what fetchmany() without a size reads

    async def _execute_async(self, operation: Any, parameters: Any) -> None:
        raw: sqlite3.Connection = self._connection._conn

        def run() -> _Outcome:
            cursor = raw.cursor()
            try:
                cursor.execute(operation, () if parameters is None else parameters)
                rows = cursor.fetchall() if cursor.description else None
                return cursor.description, cursor.rowcount, cursor.lastrowid, rows
            finally:
                cursor.close()

        await self._run(run)

    async def _executemany_async(self, operation: Any, seq_of_parameters: Sequence[Any]) -> None:
        raw: sqlite3.Connection = self._connection._conn

        def run() -> _Outcome:
            cursor = raw.cursor()
            try:
                cursor.executemany(operation, seq_of_parameters)
                return cursor.description, cursor.rowcount, cursor.lastrowid, None
            finally:
                cursor.close()

        await self._run(run)

    async def _run(self, statement: Callable[[], _Outcome]) -> None:
        # The adapter's mutex keeps one statement at a time on the connection, as the stock
        # cursor does.
        async with self._adapt_connection._execute_mutex:
            outcome = await self._connection._execute(statement)
        self._description, self._rowcount, self._lastrowid, rows = outcome
        self._rows = collections.deque(rows) if rows is not None else collections.deque()

    async def _async_soft_close(self) -> None:
        return  # the sqlite3 cursor was closed in the thread already

    def close(self) -> None:
        self._rows.clear()


class _OneHopConnection(_STOCK_CONNECTION):  # type: ignore[misc, valid-type]
    __slots__ = ()
    _cursor_cls = OneHopCursor


class _OneHopDbapi(_STOCK_DBAPI):  # type: ignore[misc, valid-type]
    def connect(self, *args: Any, **kwargs: Any) -> Any:
        connection = super().connect(*args, **kwargs)
        connection.__class__ = _OneHopConnection  # same slots: only the cursor class differs
        return connection


def _as_expected() -> str | None:
    """Why the private details this module relies on are not there, or None if they are."""
    if not callable(getattr(aiosqlite.Connection, "_execute", None)):
        return "aiosqlite.Connection._execute is missing"
    if not isinstance(getattr(aiosqlite.Connection, "_conn", None), property):
        return "aiosqlite.Connection._conn is missing"
    if _STOCK_CONNECTION.__dict__.get("_cursor_cls") is not _STOCK_CURSOR:
        return "SQLAlchemy's aiosqlite connection adapter picks its cursor differently"
    slots = {s for cls in _STOCK_CURSOR.__mro__ for s in getattr(cls, "__slots__", ())}
    wanted = {"_adapt_connection", "_connection", "_cursor", "_rows", "_soft_closed_memoized"}
    if not wanted <= slots:
        return f"SQLAlchemy's async cursor lacks {', '.join(sorted(wanted - slots))}"
    for name in ("_execute_async", "_executemany_async", "_async_soft_close"):
        if not callable(getattr(_STOCK_CURSOR, name, None)):
            return f"SQLAlchemy's async cursor has no {name}"
    return None


def one_hop_dbapi() -> Any | None:
    """The DB-API module to give SQLAlchemy's aiosqlite dialect (`create_async_engine(module=)`),
    or None to use the stock one: these versions of aiosqlite and SQLAlchemy differ from what
    this module knows."""
    reason = _as_expected()
    if reason is not None:
        log.warning("sqlite_one_hop_off", extra={"reason": reason})
        return None
    return _OneHopDbapi(aiosqlite, sqlite3)
