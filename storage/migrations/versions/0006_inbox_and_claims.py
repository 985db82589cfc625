"""inbox, and outbox claims

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 10:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_WAITING = "processed_at IS NULL AND failed_at IS NULL"


def upgrade() -> None:
    # Updates are stored before Telegram is told they arrived, and processed from here.
    op.create_table(
        "inbox",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("bot_id", sa.BigInteger(), nullable=True),
        sa.Column("update_id", sa.BigInteger(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox")),
        sa.UniqueConstraint("bot_id", "update_id", "digest", name="uq_inbox_update"),
    )
    op.create_index(
        "ix_inbox_waiting",
        "inbox",
        ["id"],
        sqlite_where=sa.text(_WAITING),
        postgresql_where=sa.text(_WAITING),
    )
    op.create_index("ix_inbox_received_at", "inbox", ["received_at"])
    # The update ids handled before the inbox are honoured: kept as processed, with no bot and
    # no content known, so a redelivery of one of them (within Telegram's 24 hours) is still
    # recognised as a repeat (storage/inbox.py).
    op.execute(
        "INSERT INTO inbox (bot_id, update_id, digest, chat_id, payload, received_at, "
        "processed_at) SELECT NULL, update_id, '', NULL, '{}', processed_at, processed_at "
        "FROM processed_updates"
    )
    op.drop_table("processed_updates")
    # The leader claims an outbox row right before sending it (storage/outbox.py).
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("claimed_by", sa.String(length=128), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("claimed_at")
        batch.drop_column("claimed_by")
    op.create_table(
        "processed_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("processed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_processed_updates")),
    )
    # Only what was processed; updates still waiting in the inbox are lost with it.
    op.execute(
        "INSERT INTO processed_updates (update_id, processed_at) SELECT update_id, "
        "MAX(processed_at) FROM inbox WHERE processed_at IS NOT NULL GROUP BY update_id"
    )
    op.drop_index("ix_inbox_received_at", table_name="inbox")
    op.drop_index("ix_inbox_waiting", table_name="inbox")
    op.drop_table("inbox")
