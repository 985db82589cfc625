"""kept photos: the download queue of photos kept on disk as evidence

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-16 10:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_WAITING = "stored_at IS NULL AND missing_at IS NULL"


def upgrade() -> None:
    # One row per Telegram file id: queued, then stored (its sha256 names the file on disk) or
    # missing (with why). The leader's photo keeper downloads them (bot/photo_keeper.py).
    op.create_table(
        "kept_photos",
        sa.Column("id", _ID, nullable=False),
        sa.Column("file_id", sa.String(length=255), nullable=False),
        sa.Column("file_unique_id", sa.String(length=64), nullable=False),
        sa.Column("queued_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("claimed_by", sa.String(length=128), nullable=True),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=True),
        sa.Column("size_bytes", sa.BigInteger(), nullable=True),
        sa.Column("stored_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("missing_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("missing_reason", sa.String(length=32), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_kept_photos")),
        sa.UniqueConstraint("file_id", name=op.f("uq_kept_photos_file_id")),
    )
    op.create_index(op.f("ix_kept_photos_sha256"), "kept_photos", ["sha256"])
    op.create_index(
        "ix_kept_photos_waiting",
        "kept_photos",
        ["not_before"],
        sqlite_where=sa.text(_WAITING),
        postgresql_where=sa.text(_WAITING),
    )
    # The photos of the tickets so far are queued here, oldest first, so the keeper needs no
    # search of its own for them; new ones are queued with the event that brings them.
    op.execute(
        "INSERT INTO kept_photos (file_id, file_unique_id, queued_at, not_before, attempts) "
        "SELECT file_id, MAX(file_unique_id), CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0 "
        "FROM photos GROUP BY file_id ORDER BY MIN(id)"
    )


def downgrade() -> None:
    # The queue and its record of what is stored go; the files on disk stay where they are.
    op.drop_index("ix_kept_photos_waiting", table_name="kept_photos")
    op.drop_index(op.f("ix_kept_photos_sha256"), table_name="kept_photos")
    op.drop_table("kept_photos")
