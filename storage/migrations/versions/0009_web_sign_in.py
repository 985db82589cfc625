"""web sign-in: one-time links to the web desk, used once across processes

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-16 11:00:00.000000

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A link is signed and needs no row to be valid; its nonce is written here when it is used,
    # so a second use is refused by whichever process serves it.
    op.create_table(
        "web_sign_ins",
        sa.Column("nonce", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.BigInteger(), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("nonce", name=op.f("pk_web_sign_ins")),
    )
    op.create_index(op.f("ix_web_sign_ins_expires_at"), "web_sign_ins", ["expires_at"])


def downgrade() -> None:
    op.drop_index(op.f("ix_web_sign_ins_expires_at"), table_name="web_sign_ins")
    op.drop_table("web_sign_ins")
