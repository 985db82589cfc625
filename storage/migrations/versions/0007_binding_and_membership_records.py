"""binding and membership records

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09 10:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # Who bound or unbound a road, when, and which group: kept for good (`streetdesk roads`).
    op.create_table(
        "binding_records",
        sa.Column("id", _ID, nullable=False),
        sa.Column("road", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=True),
        sa.Column("thread_id", sa.BigInteger(), nullable=True),
        sa.Column("by", sa.BigInteger(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_binding_records")),
    )
    op.create_index(op.f("ix_binding_records_road"), "binding_records", ["road"])
    # The bindings made so far become their first records.
    op.execute(
        "INSERT INTO binding_records (road, action, chat_id, thread_id, by, at) "
        "SELECT name, 'bind', chat_id, thread_id, bound_by, bound_at FROM roads "
        "WHERE chat_id IS NOT NULL AND bound_at IS NOT NULL ORDER BY bound_at, id"
    )
    # A row without a group used to mean "the file decides"; it now means "unbound in chat".
    # Such rows were left by a road that lost its group to another: recorded as the unbinding
    # they were, and dropped, so the file goes on deciding for them as it did.
    op.execute(
        "INSERT INTO binding_records (road, action, chat_id, thread_id, by, at) "
        "SELECT name, 'unbind', NULL, NULL, bound_by, bound_at FROM roads "
        "WHERE chat_id IS NULL AND bound_at IS NOT NULL ORDER BY bound_at, id"
    )
    op.execute("DELETE FROM roads WHERE chat_id IS NULL")
    op.create_table(
        "membership_records",
        sa.Column("id", _ID, nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("department", sa.String(length=64), nullable=True),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("by", sa.BigInteger(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_membership_records")),
    )
    op.create_index(op.f("ix_membership_records_chat_id"), "membership_records", ["chat_id"])
    # The approvals made so far (their time was not kept: the request's stands in for it).
    op.execute(
        "INSERT INTO membership_records (chat_id, user_id, department, action, by, at) "
        "SELECT chat_id, user_id, department, 'approved', confirmed_by, created_at FROM members "
        "WHERE confirmed_by IS NOT NULL ORDER BY id"
    )


def downgrade() -> None:
    # The records go (0006 has no place for them); the current bindings and members stay. A road
    # unbound in chat falls back to the file's group, which is what 0006 made of such a row.
    op.drop_index(op.f("ix_membership_records_chat_id"), table_name="membership_records")
    op.drop_table("membership_records")
    op.drop_index(op.f("ix_binding_records_road"), table_name="binding_records")
    op.drop_table("binding_records")
