"""`streetdesk roads`: the roads with their groups now, and who bound or unbound which, when."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli_roads import roads
from bot.database import open_database
from emulator.bot_process import emulator_config
from tickets.clock import FakeClock
from tickets.desk import Desk
from tickets.office import Office
from tickets.requests import Person, Place

OFFICE_ADMIN = Person(9999, "周主任")  # admin_ids of the test office
NEW_GROUP = -1002000000002


async def bind_and_unbind(database_file: Path, office: Office, clock: FakeClock) -> None:
    """The office's admin binds a new road, then unbinds the configured one."""
    database = await open_database(f"sqlite+aiosqlite:///{database_file}", clock)

    async def ask() -> bool:
        return False

    try:
        async with database.unit_of_work() as uow:
            await uow.people.remember(OFFICE_ADMIN.user_id, OFFICE_ADMIN.name, None)
            desk = Desk.open(uow, office)
            await desk.setup.bind(Place(NEW_GROUP), OFFICE_ADMIN, "建设路", group_admin=ask)
            await uow.commit()
        async with database.unit_of_work() as uow:
            desk = Desk.open(uow, office)
            victory = await desk.roads.named("胜利路")
            assert victory is not None
            await desk.setup.unbind(Place(-1001000000001), OFFICE_ADMIN, victory, group_admin=ask)
            await uow.commit()
    finally:
        await database.close()


def test_roads_lists_each_road_and_every_bind_and_unbind(
    tmp_path: Path, office: Office, clock: FakeClock
) -> None:
    database_file = tmp_path / "streetdesk.sqlite3"
    config = tmp_path / "streetdesk.toml"
    config.write_text(
        emulator_config(api_base="http://127.0.0.1:9", database=database_file), encoding="utf-8"
    )
    asyncio.run(bind_and_unbind(database_file, office, clock))
    table = CliRunner().invoke(roads, ["--config", str(config)])
    assert table.exit_code == 0, table.output
    lines = table.output.splitlines()
    assert "  胜利路\t未绑定群" in lines
    assert f"  建设路\t群 {NEW_GROUP}" in lines
    assert "绑定\t建设路\t群 -1002000000002\t9999 周主任" in table.output
    assert "解除绑定\t胜利路\t群 -1001000000001\t9999 周主任" in table.output
    assert table.output.index("\t绑定\t建设路") < table.output.index("解除绑定\t胜利路")

    as_json = CliRunner().invoke(roads, ["--config", str(config), "--json"])
    assert as_json.exit_code == 0, as_json.output
    rows = [json.loads(line) for line in as_json.output.splitlines()]
    assert {"road": "建设路", "chat_id": NEW_GROUP, "thread_id": None} in rows
    records = [r for r in rows if "record" in r]
    assert [(r["record"], r["road"], r["chat_id"], r["by"]) for r in records] == [
        ("bind", "建设路", NEW_GROUP, 9999),
        ("unbind", "胜利路", -1001000000001, 9999),
    ]
    assert records[0]["at"] == "2026-11-18T10:00:00+08:00"  # local time, with its offset
