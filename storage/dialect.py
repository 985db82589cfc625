"""What differs between SQLite and PostgreSQL, in the one place it differs.

Both have `INSERT ... ON CONFLICT`, but SQLAlchemy gives each dialect its own construct for it;
every repository that inserts unless present (or upserts) asks here for the right one. Hot
statements are built once per dialect when the module loads (`per_dialect`) and picked per
session (`of_dialect`): building a statement costs more than running it here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

T = TypeVar("T")
InsertOf = Callable[[Any], PostgresInsert | SqliteInsert]


def upsert_into(session: AsyncSession, table: Table | Any) -> PostgresInsert | SqliteInsert:
    """An INSERT into `table` (a Table or a mapped class) that can say ON CONFLICT, for the
    database `session` is bound to."""
    if session.bind.dialect.name == "postgresql":
        return postgresql_insert(table)
    return sqlite_insert(table)


def per_dialect(build: Callable[[InsertOf], T]) -> dict[str, T]:
    """`build(insert)` made once with each dialect's INSERT construct."""
    return {"postgresql": build(postgresql_insert), "sqlite": build(sqlite_insert)}


def of_dialect(session: AsyncSession, built: Mapping[str, T]) -> T:
    """The statement of `per_dialect` for the database `session` is bound to."""
    return built["postgresql" if session.bind.dialect.name == "postgresql" else "sqlite"]
