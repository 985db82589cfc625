"""The photo keeper: downloads every ticket photo into the photo folder, in the leader only.

Its work is the kept-photos table (storage/kept_photos.py), so it survives restarts and a change
of leader: it finds the photos tickets gained since it last looked, then takes the due rows one
at a time, first queued first. Each is claimed (only while this process leads), fetched with
getFile and a download, stored under its sha256 with a thumbnail (storage/photo_files.py), and
recorded. A photo Telegram no longer has, or one too big for the Bot API, is recorded missing
with why and never tried again; a network error, a 5xx or a 429 puts it back with a backoff (a
429 also pauses every download). One bad photo never holds up the others: a photo put back waits
behind the rest.

getFile is paced (`per_second`), and only one photo is in flight at a time: the keeper shares the
bot's connection with the sender and must not crowd it.
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import aiohttp
from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramNotFound,
    TelegramRetryAfter,
)
from aiogram.methods import GetFile

from bot.database import Database
from bot.logs import redacted
from scheduler.leadership import LEASE, died_on_this_host
from storage.availability import log_failure
from storage.kept_photos import Due
from storage.photo_files import PhotoFolder
from tickets.clock import Clock
from tickets.ports import MissingReason

log = logging.getLogger("streetdesk.photos")

IDLE_POLL_SECONDS = 5.0  # look for new photos this often without a wake-up
BATCH = 50  # due rows taken per look
DISCOVER_BATCH = 500
# Each look for new photos starts this many photo ids before the last one seen: a photo whose
# transaction committed after a later one's (PostgreSQL hands out ids before commit) is still
# found, as long as fewer photos than this were written while it was in flight.
LOOK_BACK = 1000
# A claim this old is taken to be lost (its holder died mid-download): long enough for getFile
# and a 20 MB download to have finished or timed out.
CLAIM_TIMEOUT = timedelta(minutes=3)
DOWNLOAD_TIMEOUT = 120  # seconds, for 20 MB over a slow link
RETRY_FIRST = timedelta(seconds=30)
RETRY_MAX = timedelta(hours=1)
# Telegram's words for a file it will not hand out (Bot API: getFile), lower case.
_TOO_BIG = ("file is too big",)
_NOT_FOUND = ("invalid file_id", "wrong file_id", "file not found", "file_id_invalid")


class _TooBig(Exception):
    pass


class _DownloadFailed(Exception):
    """The file server answered with an error status (a 404: the path getFile gave, which lasts
    an hour, expired): tried again later. Says the status only; aiohttp's own error quotes the
    URL, and the URL holds the token."""


class _CappedBuffer(io.BytesIO):
    """A download buffer that refuses to grow past `limit`: a file whose getFile size lied (or
    was absent) still cannot fill the memory."""

    def __init__(self, limit: int) -> None:
        super().__init__()
        self._limit = limit

    def write(self, data: bytes) -> int:  # type: ignore[override]
        if self.tell() + len(data) > self._limit:
            raise _TooBig
        return super().write(data)


@dataclass(slots=True)
class Look:
    """What one look did (for logs and tests)."""

    queued: int = 0
    due: int = 0
    stored: int = 0
    missing: int = 0
    retried: int = 0


class PhotoKeeper:
    def __init__(
        self,
        *,
        database: Database,
        bot: Bot,
        folder: PhotoFolder,
        clock: Clock,
        holder: str,
        max_bytes: int,
        per_second: float = 2.0,
        may_run: Callable[[], bool] = lambda: True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`may_run()`: whether this process leads; `sleep` waits out the pacing (a test passes
        one that needs no real time)."""
        self._database = database
        self._bot = bot
        self._folder = folder
        self._clock = clock
        self._holder = holder
        self._max_bytes = max_bytes
        self._interval = 1.0 / per_second
        self._may_run = may_run
        self._sleep = sleep
        self._wake = asyncio.Event()
        self._stopping = False
        self._stopped = asyncio.Event()
        self._claims_checked = False
        self._next_call: datetime | None = None
        self.idle = asyncio.Event()  # set while it has caught up and waits (tests wait on it)

    def wake(self) -> None:
        """Tickets may have gained photos: look now rather than at the next poll."""
        self._wake.set()

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Take no further photo; let the one in flight be stored (one cut off mid-way is
        fetched again by the next keeper on this host at once, by one elsewhere after
        CLAIM_TIMEOUT)."""
        self._stopping = True
        self._wake.set()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._stopped.wait(), timeout)

    async def run(self) -> None:
        try:
            await self._run()
        finally:
            self._stopped.set()

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            busy = False
            try:
                if self._may_run():
                    look = await self.look()
                    busy = look.due >= BATCH
            except Exception as error:  # the database was busy or away: try at the next poll
                log_failure(log, "photo_look_failed", error)
            if busy:
                continue
            self.idle.set()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), IDLE_POLL_SECONDS)

    async def look(self) -> Look:
        """Queue the photos tickets gained, then download the due ones (at most BATCH)."""
        if not self._claims_checked:
            await self._give_back_claims_of_the_dead()
        look = Look(queued=await self.discover())
        now = self._clock.now()
        async with self._database.unit_of_work() as uow:
            due = await uow.kept_photos.due(now, BATCH, self._holder, now - CLAIM_TIMEOUT)
        look.due = len(due)
        if due:
            self.idle.clear()
        for row in due:
            if self._stopping or not self._may_run():
                break
            outcome = await self._keep(row)
            if outcome == "stored":
                look.stored += 1
            elif outcome == "missing":
                look.missing += 1
            elif outcome == "retried":
                look.retried += 1
        return look

    async def _give_back_claims_of_the_dead(self) -> None:
        """Once, when this process first leads: the claims of a keeper that died on this host
        (the process this one replaced, after a crash) are given back now, not after
        CLAIM_TIMEOUT."""
        async with self._database.unit_of_work() as uow:
            for holder in await uow.kept_photos.claimants():
                if holder != self._holder and died_on_this_host(holder):
                    released = await uow.kept_photos.release_claims_of(holder)
                    log.warning("photo_claims_released", extra={"holder": holder, "rows": released})
            await uow.commit()
        self._claims_checked = True

    async def discover(self) -> int:
        """Queue the ticket photos written since the last look (all of them, the first time)."""
        queued = 0
        async with self._database.unit_of_work() as uow:
            mark = await uow.kept_photos.seen_mark()
        after = 0 if mark is None else max(0, mark - LOOK_BACK)
        while True:
            async with self._database.unit_of_work() as uow:
                found, highest = await uow.kept_photos.discover(after, DISCOVER_BATCH)
                if mark is None or highest > mark:
                    await uow.kept_photos.set_seen_mark(highest)
                    mark = highest
                await uow.commit()
            queued += found
            if not found:  # a full batch always queues one; an empty one means caught up
                break
            after = highest
        if queued:
            log.info("photos_queued", extra={"photos": queued})
        return queued

    async def _keep(self, row: Due) -> str | None:
        now = self._clock.now()
        async with self._database.unit_of_work() as uow:
            claimed = await uow.kept_photos.claim(
                row.id, self._holder, LEASE, now, now - CLAIM_TIMEOUT
            )
            await uow.commit()
        if not claimed:
            return None  # kept meanwhile, or this process no longer leads
        await self._pace()
        try:
            data = await self._fetch(row.file_id)
        except _TooBig:
            return await self._missing(row, MissingReason.TOO_BIG, "over the size limit")
        except TelegramRetryAfter as error:
            self._pause(error.retry_after)
            return await self._retry(row, "429 Too Many Requests", timedelta(0), error.retry_after)
        except TelegramBadRequest as error:
            return await self._missing(row, _missing_reason(error.message), error.message)
        except TelegramNotFound as error:
            return await self._missing(row, MissingReason.NOT_FOUND, error.message)
        except Exception as error:  # network, 5xx (an HTML page: ClientDecodeError), timeout
            return await self._retry(row, self._describe(error), _backoff(row.attempts), 0)
        saved = await asyncio.to_thread(self._folder.save, data)
        async with self._database.unit_of_work() as uow:
            await uow.kept_photos.stored(row.id, saved.sha256, saved.size_bytes)
            await uow.commit()
        log.info(
            "photo_kept",
            extra={"sha256": saved.sha256, "bytes": saved.size_bytes, "thumb": saved.thumbnail},
        )
        return "stored"

    async def _fetch(self, file_id: str) -> bytes:
        file = await self._bot.get_file(file_id)
        if file.file_size is not None and file.file_size > self._max_bytes:
            raise _TooBig
        if not file.file_path:  # Telegram gives no path for a file it will not hand out
            raise TelegramNotFound(method=GetFile(file_id=file_id), message="no file_path")
        buffer = _CappedBuffer(self._max_bytes)
        try:
            await self._bot.download_file(
                file.file_path, destination=buffer, timeout=DOWNLOAD_TIMEOUT
            )
        except aiohttp.ClientResponseError as error:
            raise _DownloadFailed(f"download: HTTP {error.status}") from None
        return buffer.getvalue()

    async def _missing(self, row: Due, reason: MissingReason, detail: str) -> str:
        detail = self._redact(detail)
        async with self._database.unit_of_work() as uow:
            await uow.kept_photos.missing(row.id, reason, detail)
            await uow.commit()
        log.warning(
            "photo_missing",
            extra={"file_id": row.file_id, "reason": reason.value, "detail": detail},
        )
        return "missing"

    async def _retry(self, row: Due, error: str, backoff: timedelta, retry_after: int) -> str:
        error = self._redact(error)
        wait = max(backoff, timedelta(seconds=retry_after))
        async with self._database.unit_of_work() as uow:
            await uow.kept_photos.retry_later(row.id, self._clock.now() + wait, error)
            await uow.commit()
        log.warning(
            "photo_download_failed",
            extra={"file_id": row.file_id, "error": error, "retry_in": wait.total_seconds()},
        )
        return "retried"

    async def _pace(self) -> None:
        """At most `per_second` getFile calls a second, and none during a 429's pause."""
        now = self._clock.now()
        if self._next_call is not None and now < self._next_call:
            await self._sleep((self._next_call - now).total_seconds())
            now = self._clock.now()
        self._next_call = max(now, self._next_call or now) + timedelta(seconds=self._interval)

    def _pause(self, seconds: int) -> None:
        self._next_call = self._clock.now() + timedelta(seconds=seconds)

    def _describe(self, error: BaseException) -> str:
        # An HTTP library's error may quote the file URL, which holds the token: say what kind
        # of failure it was, never the URL.
        if isinstance(error, _DownloadFailed):
            return str(error)
        if isinstance(error, TelegramAPIError):
            return f"{type(error).__name__}: {error.message}"
        return type(error).__name__

    def _redact(self, text: str) -> str:
        return redacted(text, [self._bot.token])


def _missing_reason(description: str) -> MissingReason:
    lowered = description.lower()
    if any(words in lowered for words in _TOO_BIG):
        return MissingReason.TOO_BIG
    if any(words in lowered for words in _NOT_FOUND):
        return MissingReason.NOT_FOUND
    return MissingReason.REFUSED


def _backoff(attempts: int) -> timedelta:
    # The exponent is capped: a long outage would overflow timedelta otherwise.
    return min(RETRY_FIRST * 2 ** min(attempts, 16), RETRY_MAX)
