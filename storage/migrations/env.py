"""Alembic environment, run by storage.migrate (with a connection) or by the alembic CLI.

Either way, on SQLite the migrations run with foreign keys off (a table rebuilt by batch mode
is dropped and copied, and with them on the drop would cascade to every event, photo and
message link) and the references are checked before the commit."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from storage.engine import create_engine
from storage.migrate import broken_references, check_references
from storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    )
    before = broken_references(connection)
    with context.begin_transaction():
        context.run_migrations()
        check_references(connection, before, str(context.get_revision_argument()))


async def run_with_new_engine() -> None:
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", foreign_keys=False)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(run_with)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
    )
    with context.begin_transaction():
        context.run_migrations()
elif (given := config.attributes.get("connection")) is not None:
    run_with(given)
else:
    asyncio.run(run_with_new_engine())
