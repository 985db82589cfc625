"""digest publications

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 09:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Upgrade schema."""
    # One row per road, kind and day whose digest was queued: a digest run that failed part-way
    # (the database went away, the process died) is run again and posts only what is missing.
    op.create_table(
        "digest_publications",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("road", sa.String(length=200), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("messages", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "day", "road", name=op.f("pk_digest_publications")),
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table("digest_publications")
