"""indexes for a large ledger

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21 20:00:00.000000

"""

from collections.abc import Sequence

from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # A ticket's history brings its events' photos, asked for by event id: without this index
    # every read of a ticket scanned the whole photos table.
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_photos_event_id"), ["event_id"], unique=False)
    # The sweep's range keeps the group beside it: per-group catch-up and the count of crowded
    # groups are answered from the index. It replaces the index on next_chase_at alone.
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            "ix_tickets_next_chase", ["next_chase_at", "chat_id", "thread_id"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_tickets_next_chase_at"))
    # The digest's "tickets that moved that day" reads only the index, not every event row.
    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_events_at_ticket", ["at", "ticket_id"], unique=False)
        batch_op.drop_index(batch_op.f("ix_ticket_events_at"))


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table("ticket_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ticket_events_at"), ["at"], unique=False)
        batch_op.drop_index("ix_ticket_events_at_ticket")
    with op.batch_alter_table("tickets", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tickets_next_chase_at"), ["next_chase_at"], unique=False
        )
        batch_op.drop_index("ix_tickets_next_chase")
    with op.batch_alter_table("photos", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_photos_event_id"))
