"""What differs between SQLite and PostgreSQL, in the one place it differs.

Both have `INSERT ... ON CONFLICT`, but SQLAlchemy gives each dialect its own construct for it;
every repository that inserts unless present (or upserts) asks here for the right one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import Insert as PostgresInsert
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import Insert as SqliteInsert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession


def upsert_into(session: AsyncSession, table: Table | Any) -> PostgresInsert | SqliteInsert:
    """An INSERT into `table` (a Table or a mapped class) that can say ON CONFLICT, for the
    database `session` is bound to."""
    if session.bind.dialect.name == "postgresql":
        return postgresql_insert(table)
    return sqlite_insert(table)
