"""End to end: the real bot process against the emulator over HTTP, on an SQLite file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from emulator import Emulator
from emulator.bot_process import (
    DEMO_BOT_USERNAME,
    DEMO_TOKEN,
    QUIET_DIGESTS,
    BotProcess,
    emulator_config,
)

CHAT = -1001000000001  # 胜利路 in config.example.toml
SHOPKEEPER, NEIGHBOUR, NO_USERNAME = 42, 43, 44
LIGHTING, SANITATION, SANITATION_ROAD = 5001, 5003, 5013  # liaisons in config.example.toml
CHIEF = 9001


@dataclass
class Stage:
    emulator: Emulator
    bot: BotProcess
    config: Path
    database: Path


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    async with Emulator(host="127.0.0.1", port=0) as emu:
        emu.add_bot(DEMO_TOKEN, username=DEMO_BOT_USERNAME, can_read_all_group_messages=True)
        await emu.create_group("胜利路联络群", chat_id=CHAT)
        await emu.add_user("王", "老板", username="wang_shop", user_id=SHOPKEEPER)
        await emu.add_user("李", "老板", username="li_shop", user_id=NEIGHBOUR)
        await emu.add_user("<b>&", "张", user_id=NO_USERNAME)  # no username, HTML in the name
        await emu.add_user("小李", username="lamp_li", user_id=LIGHTING)
        await emu.add_user("小张", user_id=SANITATION)  # a liaison without a username
        await emu.add_user("老赵", username="zhao_clean", user_id=SANITATION_ROAD)
        await emu.add_user("张", "街长", username="chief_zhang", user_id=CHIEF)
        await emu.add_member(CHAT, CHIEF, status="administrator")
        yield emu


def write_config(tmp_path: Path, emulator: Emulator, **options: object) -> tuple[Path, Path]:
    database = tmp_path / "streetdesk.sqlite3"
    config = tmp_path / "streetdesk.toml"
    # The digests out of the way unless a test moves them itself (see QUIET_DIGESTS).
    replacements = {**QUIET_DIGESTS, **options.pop("replacements", {})}  # type: ignore[dict-item]
    config.write_text(
        emulator_config(
            api_base=emulator.base_url,
            database=database,
            replacements=replacements,
            **options,  # type: ignore[arg-type]
        ),
        encoding="utf-8",
    )
    return config, database


@pytest.fixture
async def stage(tmp_path: Path, emulator: Emulator) -> AsyncIterator[Stage]:
    config, database = write_config(tmp_path, emulator)
    bot = BotProcess(config, DEMO_TOKEN, tmp_path / "bot.log", prewarmed=True)
    await bot.start(emulator)
    try:
        yield Stage(emulator, bot, config, database)
    finally:
        await bot.stop()
