"""Photos kept as evidence, by the real bot process: the report's and the repair's photos are in
the photo folder beside the config, with thumbnails, downloaded once each across a restart."""

from __future__ import annotations

from pathlib import Path

from emulator.files import grey_jpeg
from tests.e2e.conftest import CHAT, LIGHTING, SHOPKEEPER, WAIT, Stage, logged
from tests.e2e.test_group_loop import card_for


def _kept(folder: Path) -> tuple[list[Path], list[Path]]:
    photos = sorted(p for p in folder.rglob("*.jpg") if not p.name.endswith(".thumb.jpg"))
    thumbnails = sorted(folder.rglob("*.thumb.jpg"))
    return photos, thumbnails


async def test_report_and_repair_photos_are_kept_once_across_a_restart(stage: Stage) -> None:
    emu = stage.emulator
    folder = stage.config.parent / "photos"  # `folder = "photos"`: beside the config file
    # Three different pictures (the same bytes would be kept as one file: named by content).
    before, after, again = grey_jpeg(1280, 960), grey_jpeg(1200, 900), grey_jpeg(1000, 750)
    await emu.post_message(CHAT, SHOPKEEPER, photo=before, caption="胜利路8号门口路灯不亮")
    card = await card_for(emu, 1)
    await emu.post_message(CHAT, LIGHTING, photo=after, caption="已修好", reply_to=card.message_id)
    await emu.wait_for_message(lambda m: "请看看是否修好" in m.body, chat_id=CHAT, timeout=WAIT)
    await logged(stage.bot, lambda log: log.count('"photo_kept"') >= 2)
    photos, thumbnails = _kept(folder)
    assert len(photos) == 2 and len(thumbnails) == 2
    assert len(emu.calls("getFile")) == 2

    await stage.bot.stop()
    await stage.bot.start(emu)
    await emu.post_message(
        CHAT, SHOPKEEPER, photo=again, caption="还是不亮", reply_to=card.message_id
    )
    await logged(stage.bot, lambda log: log.count('"photo_kept"') >= 3)
    photos, thumbnails = _kept(folder)
    assert len(photos) == 3 and len(thumbnails) == 3
    assert len(emu.calls("getFile")) == 3  # the first two were not fetched again
