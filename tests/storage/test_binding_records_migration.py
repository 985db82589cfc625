"""Migration 0007 keeps what was there: bindings and approvals made before it become their first
records; a road row left without a group goes back to the file, as 0006 read it."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from storage.engine import create_engine
from storage.migrate import downgrade, upgrade

AT = "2026-11-18 02:00:00.000000"


async def test_bindings_and_approvals_made_before_become_records(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'old.sqlite3'}"
    await upgrade(url, "0006")
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO roads (name, chat_id, thread_id, bound_by, bound_at) VALUES "
                    f"('建设路', -1002, NULL, 9100, '{AT}'), ('胜利路', NULL, NULL, 9100, '{AT}')"
                )
            )
            await connection.execute(
                text(
                    "INSERT INTO members (chat_id, user_id, role, department, full_name, "
                    f"confirmed_by, created_at) VALUES (-1002, 5099, 'liaison', 'sanitation', "
                    f"'小陈', 9001, '{AT}'), (-1002, 5100, 'liaison', 'lighting', '小王', NULL, "
                    f"'{AT}')"
                )
            )
        await upgrade(url)
        async with engine.connect() as connection:
            bindings = (
                await connection.execute(
                    text("SELECT road, action, chat_id, by FROM binding_records ORDER BY id")
                )
            ).all()
            roads = (await connection.execute(text("SELECT name, chat_id FROM roads"))).all()
            approvals = (
                await connection.execute(
                    text("SELECT user_id, department, action, by FROM membership_records")
                )
            ).all()
        assert [tuple(row) for row in bindings] == [
            ("建设路", "bind", -1002, 9100),
            ("胜利路", "unbind", None, 9100),
        ]
        assert [tuple(row) for row in roads] == [("建设路", -1002)]  # 胜利路: the file decides
        assert [tuple(row) for row in approvals] == [(5099, "sanitation", "approved", 9001)]
        await downgrade(url, "0006")
        async with engine.connect() as connection:
            kept = (await connection.execute(text("SELECT count(*) FROM members"))).scalar_one()
            still = (await connection.execute(text("SELECT name FROM roads"))).scalars().all()
        assert kept == 2 and still == ["建设路"]
    finally:
        await engine.dispose()
