"""The photo keeper against the emulator and a real database: every ticket photo downloaded once,
across a restart; one Telegram no longer has, or one too big, recorded missing with why and never
in the way of the others; a network error tried again later; getFile paced."""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path

import pytest
from aiogram import Bot

from bot.database import Database
from bot.photo_keeper import PhotoKeeper
from emulator import Emulator
from scheduler.leadership import LEASE, Leadership
from storage.photo_files import PhotoFolder
from tests.clerk import Clerk
from tests.emulator.conftest import TOKEN, make_bot
from tickets.clock import FakeClock
from tickets.model import Photo, PhotoKind
from tickets.permissions import Actor
from tickets.ports import KeptPhoto, KeptState, MissingReason

SHOPKEEPER = Actor(42, "王老板")
LIGHTING = Actor(5001, "小李", departments=frozenset({"lighting"}))
BIG = 20 * 1024 * 1024 + 1  # one byte over what the Bot API hands out


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    emu = Emulator(host="127.0.0.1", port=0)
    emu.add_bot(TOKEN, username="streetdesk_bot")
    async with emu:
        yield emu


@pytest.fixture
async def bot(emulator: Emulator) -> AsyncIterator[Bot]:
    tg = make_bot(emulator)
    yield tg
    await tg.session.close()


class Keepers:
    """Keeper processes over one database and one folder; each leads when it starts, as a
    restarted bot does once the old one let go of the lease."""

    def __init__(self, database: Database, bot: Bot, clock: FakeClock, folder: Path) -> None:
        self.database, self.bot, self.clock, self.folder = database, bot, clock, folder
        self.slept: list[float] = []
        self._leadership: Leadership | None = None

    async def _sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.clock.advance(timedelta(seconds=seconds))

    async def start(self, name: str, max_bytes: int = 30 * 1024 * 1024) -> PhotoKeeper:
        if self._leadership is not None:
            await self._leadership.resign()
        leadership = self._leadership = Leadership(
            unit_of_work=self.database.unit_of_work,
            clock=self.clock,
            lease_for=timedelta(minutes=5),
            holder=name,
        )
        assert await leadership.renew()
        return PhotoKeeper(
            database=self.database,
            bot=self.bot,
            folder=PhotoFolder(self.folder),
            clock=self.clock,
            holder=name,
            max_bytes=max_bytes,
            may_run=lambda: leadership.leading,
            sleep=self._sleep,
        )

    async def kept(self, *file_ids: str) -> dict[str, KeptPhoto]:
        async with self.database.unit_of_work() as uow:
            return await uow.kept_photos.find(file_ids)


@pytest.fixture
def keepers(database: Database, bot: Bot, clock: FakeClock, tmp_path: Path) -> Keepers:
    return Keepers(database, bot, clock, tmp_path / "photos")


def _photo(emulator: Emulator, data: bytes | None = None) -> str:
    """A photo as a user sends it; the ticket keeps its largest size."""
    return emulator.world.files.add_photo(data)[-1].file_id


async def _report(service: Clerk, *file_ids: str) -> int:
    reported = await service.report(
        category="streetlight",
        text="胜利路8号门口路灯不亮",
        location="胜利路8号",
        reporter=SHOPKEEPER,
        photos=tuple(Photo(file_id) for file_id in file_ids),
    )
    return reported.ticket.number


async def test_every_photo_is_downloaded_once_even_across_a_restart(
    emulator: Emulator, service: Clerk, keepers: Keepers
) -> None:
    before, after, reopened = _photo(emulator), _photo(emulator), _photo(emulator)
    number = await _report(service, before)
    await service.acknowledge(number, LIGHTING)
    await service.resolve(number, LIGHTING, photos=(Photo(after, PhotoKind.AFTER),))
    await service.reopen(number, SHOPKEEPER, photos=(Photo(reopened),))
    await _report(service, before)  # the same picture on another ticket

    first = await keepers.start("keeper-1")
    look = await first.look()
    assert (look.queued, look.stored, look.missing) == (3, 3, 0)
    kept = await keepers.kept(before, after, reopened)
    assert {k.state for k in kept.values()} == {KeptState.STORED}
    folder = PhotoFolder(keepers.folder)
    for file_id, photo in kept.items():
        assert photo.sha256 is not None
        stored = folder.photo(photo.sha256)
        assert stored is not None and stored.read_bytes() == emulator.file_bytes(file_id)
        assert folder.thumbnail(photo.sha256) is not None
    assert len(emulator.calls("getFile")) == 3

    second = await keepers.start("keeper-2")  # the bot restarted
    look = await second.look()
    assert (look.queued, look.due, look.stored) == (0, 0, 0)
    assert len(emulator.calls("getFile")) == 3  # nothing downloaded twice

    later = _photo(emulator)
    await _report(service, later)
    assert (await second.look()).stored == 1
    assert len(emulator.calls("getFile")) == 4


async def test_a_missing_or_oversized_photo_is_recorded_and_never_blocks_the_rest(
    emulator: Emulator, service: Clerk, keepers: Keepers, caplog: pytest.LogCaptureFixture
) -> None:
    gone = "AgACAgUAAxkBAAI-gone-from-telegram"
    too_big = _photo(emulator, b"\xff\xd8" + b"\x00" * BIG)  # Telegram's getFile refuses it
    fine = _photo(emulator)
    await _report(service, gone, too_big, fine)
    keeper = await keepers.start("keeper-1")
    with caplog.at_level(logging.WARNING, logger="streetdesk.photos"):
        look = await keeper.look()
    assert (look.stored, look.missing) == (1, 2)
    kept = await keepers.kept(gone, too_big, fine)
    assert kept[fine].state is KeptState.STORED
    assert kept[gone].state is KeptState.MISSING
    assert kept[gone].missing_reason is MissingReason.NOT_FOUND
    assert kept[too_big].state is KeptState.MISSING
    assert kept[too_big].missing_reason is MissingReason.TOO_BIG
    assert kept[too_big].detail == "Bad Request: file is too big"
    missing = [r for r in caplog.records if r.getMessage() == "photo_missing"]
    assert sorted(r.__dict__["reason"] for r in missing) == ["not_found", "too_big"]
    assert (await keeper.look()).due == 0  # given up for good: never asked again


async def test_a_photo_over_the_configured_limit_is_not_downloaded(
    emulator: Emulator, service: Clerk, keepers: Keepers
) -> None:
    large = _photo(emulator)  # some 5 KB; this deployment keeps 1 KB at most
    await _report(service, large)
    keeper = await keepers.start("keeper-1", max_bytes=1024)
    await keeper.look()
    (kept,) = (await keepers.kept(large)).values()
    assert kept.missing_reason is MissingReason.TOO_BIG
    assert list(keepers.folder.rglob("*.jpg")) == []  # nothing of it written


async def test_a_network_error_is_tried_again_later_without_holding_up_the_others(
    emulator: Emulator,
    service: Clerk,
    keepers: Keepers,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
) -> None:
    flaky, fine = _photo(emulator), _photo(emulator)
    await _report(service, flaky, fine)
    await emulator.fail_next("getFile", error_code=502)
    keeper = await keepers.start("keeper-1")
    with caplog.at_level(logging.INFO):
        look = await keeper.look()
        assert (look.stored, look.retried) == (1, 1)
        kept = await keepers.kept(flaky)
        assert kept[flaky].state is KeptState.WAITING and kept[flaky].attempts == 1
        assert (await keeper.look()).due == 0  # it waits out its backoff
        clock.advance(timedelta(seconds=30))
        assert (await keeper.look()).stored == 1
    assert (await keepers.kept(flaky))[flaky].state is KeptState.STORED
    assert TOKEN not in caplog.text
    assert all(TOKEN not in (k.detail or "") for k in (await keepers.kept(flaky, fine)).values())


async def test_a_429_pauses_the_downloads_for_as_long_as_telegram_asks(
    emulator: Emulator, service: Clerk, keepers: Keepers
) -> None:
    first, second = _photo(emulator), _photo(emulator)
    await _report(service, first, second)
    await emulator.fail_next("getFile", error_code=429, retry_after=7)
    keeper = await keepers.start("keeper-1")
    look = await keeper.look()
    assert (look.retried, look.stored) == (1, 1)
    assert sum(keepers.slept) >= 7  # the second getFile waited out the 429
    assert (await keepers.kept(first))[first].state is KeptState.WAITING


async def test_get_file_is_paced(emulator: Emulator, service: Clerk, keepers: Keepers) -> None:
    photos = [_photo(emulator) for _ in range(5)]
    await _report(service, *photos)
    keeper = await keepers.start("keeper-1")  # two a second by default
    assert (await keeper.look()).stored == 5
    assert sum(keepers.slept) == pytest.approx(2.0)  # four waits of half a second


async def test_running_it_keeps_what_is_there_and_a_stop_ends_it(
    emulator: Emulator, service: Clerk, keepers: Keepers
) -> None:
    photo = _photo(emulator)
    await _report(service, photo)
    keeper = await keepers.start("keeper-1")
    running = asyncio.create_task(keeper.run())
    await asyncio.wait_for(keeper.idle.wait(), 10)  # it looked, kept what was due, and waits
    assert (await keepers.kept(photo))[photo].state is KeptState.STORED
    await keeper.stop()
    await asyncio.wait_for(running, 1)  # ended by itself, not cancelled


async def test_a_failed_download_is_tried_again_and_never_shows_the_token(
    emulator: Emulator, service: Clerk, keepers: Keepers, caplog: pytest.LogCaptureFixture
) -> None:
    # The download URL holds the token, and aiohttp's error quotes the URL it called.
    photo = _photo(emulator)
    stored = emulator.world.files.get(photo)
    assert stored is not None
    stored.file_path = "photos/expired.jpg"  # getFile names a path the server no longer has
    await _report(service, photo)
    keeper = await keepers.start("keeper-1")
    with caplog.at_level(logging.DEBUG):
        assert (await keeper.look()).retried == 1
    kept = (await keepers.kept(photo))[photo]
    assert kept.state is KeptState.WAITING and kept.detail == "download: HTTP 404"
    assert TOKEN not in caplog.text


async def test_a_photo_claimed_by_a_keeper_that_crashed_here_is_kept_at_once(
    emulator: Emulator, service: Clerk, keepers: Keepers, clock: FakeClock
) -> None:
    photo = _photo(emulator)
    await _report(service, photo)
    crashed = f"{socket.gethostname()}:{2**22 + 1}:deadbeef"  # no such process on this host
    await keepers.start(crashed)
    now = clock.now()
    async with keepers.database.unit_of_work() as uow:
        await uow.kept_photos.discover(0, 500)
        (row,) = await uow.kept_photos.due(now, 10, crashed, now)
        assert await uow.kept_photos.claim(row.id, crashed, LEASE, now, now)
        await uow.commit()
    keeper = await keepers.start("keeper-2")  # its replacement, at once: no wait for the claim
    assert (await keeper.look()).stored == 1
