"""Delivering one outbox row: read it, plan the call, claim it, make the call, record the answer.

- The row is read again right before it is sent: another sender (or this one before a restart)
  may have sent it since it was queued.
- A row that cannot be prepared is set aside (given up, with why), logged as an error, and the
  admins are told, once for each kind of mistake; its group's queue moves on.
- The row is claimed right before the call, only while this process holds the leader's lease: a
  process that lost the lease sends nothing more, and no other sender takes a claimed row.
- Once Telegram has answered, the answer is recorded however long that takes (the database may
  be away for a while): a card Telegram accepted is never sent again.
- A 429 postpones the row by `retry_after`; a 5xx or a network error by a growing backoff; a
  refusal for good (403, a bad request) gives it up, logged as an error.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest, TelegramRetryAfter
from aiogram.methods import (
    AnswerCallbackQuery,
    EditMessageReplyMarkup,
    EditMessageText,
    TelegramMethod,
)
from aiogram.types import Message

from bot.answer_plans import ANSWERS, AnswerPlans
from bot.database import Database
from bot.notice_plans import NoticePlans, Skip, file_upload, message
from bot.retrying import TRANSIENT_ERRORS
from bot.telegram_limits import fitted
from reports.web import metrics
from scheduler.leadership import LEASE
from storage.availability import is_retryable, log_failure
from storage.outbox import ToSend
from storage.unit_of_work import SqlUnitOfWork
from tickets.clock import Clock
from tickets.notices import Notice, NoticeKind

log = logging.getLogger("streetdesk.sender")

MAX_BACKOFF_SECONDS = 60.0
DATABASE_RETRY_SECONDS = 2.0
ALERT_AGAIN_AFTER = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class Done:
    """The row is finished with, for now: sent, given up, set aside, or someone else's."""


@dataclass(frozen=True, slots=True)
class Retry:
    after: float  # seconds before this chat's next call


# Take a place in the overall rate for a call to a chat (new message or not); False: stopping.
TakeSlot = Callable[[int, bool], Awaitable[bool]]
ReleaseSlot = Callable[[int, bool], None]


class Delivery:
    def __init__(
        self,
        *,
        database: Database,
        bot: Bot,
        notices: NoticePlans,
        answers: AnswerPlans,
        clock: Clock,
        holder: str,
        leading: Callable[[], bool],
        admin_ids: Collection[int],
    ) -> None:
        self._database = database
        self._bot = bot
        self._notices = notices
        self._answers = answers
        self._clock = clock
        self._holder = holder
        self._leading = leading
        self._admin_ids = tuple(admin_ids)
        self._alerted: dict[str, datetime] = {}  # mistake -> when the admins were last told

    async def deliver(
        self, row_id: int, take_slot: TakeSlot, release_slot: ReleaseSlot, finished: ReleaseSlot
    ) -> Done | Retry:
        unprepared: Exception | None = None
        claimed = False
        try:
            async with self._database.unit_of_work() as uow:
                row = await uow.outbox.to_send(row_id)
                if row is None:
                    return Done()
                try:
                    plan = await self._plan(uow, row)
                except Exception as error:
                    if is_retryable(error):
                        raise
                    unprepared = error
                if unprepared is None and not isinstance(plan, Skip):
                    # Claimed before its turn in the rate: nobody else takes it meanwhile.
                    now = self._clock.now()
                    claimed = await uow.outbox.claim(row.id, self._holder, LEASE, now)
                    await uow.commit()
        except Exception as error:  # the database: keep the row, try again shortly
            log_failure(log, "outbox_read_failed", error, row=row_id)
            return Retry(DATABASE_RETRY_SECONDS)
        if unprepared is not None:  # set aside in a transaction of its own, the read ended
            await self._set_aside(row, unprepared)
            return Done()
        if isinstance(plan, Skip):
            await self._record(lambda uow: uow.outbox.sent(row.id, self._clock.now(), None))
            return Done()
        if not claimed:
            return Done()  # another sender has it, or this process no longer leads
        new_message = _is_new_message(plan)
        if not await take_slot(row.chat_id, new_message):
            await self._record(lambda uow: uow.outbox.unclaim(row.id, self._holder))
            return Retry(0.0)  # stopping: the row stays for the next start
        try:
            if not self._leading():  # the lease ran out while it waited for its turn
                release_slot(row.chat_id, new_message)
                await self._record(lambda uow: uow.outbox.unclaim(row.id, self._holder))
                return Done()
            try:
                result = await self._bot(plan)
            finally:
                finished(row.chat_id, new_message)
        except TelegramRetryAfter as error:
            metrics.send_outcome("rate_limited")
            log.warning(
                "telegram_retry_after",
                extra={"chat": row.chat_id, "row": row.id, "retry_after": error.retry_after},
            )
            await self._postpone(row, float(error.retry_after), str(error))
            return Retry(float(error.retry_after))
        except TRANSIENT_ERRORS as error:
            metrics.send_outcome("unavailable")
            backoff = min(MAX_BACKOFF_SECONDS, 2.0 ** min(row.attempts, 6))
            log.warning(
                "telegram_unavailable",
                extra={
                    "chat": row.chat_id,
                    "row": row.id,
                    "error": str(error),
                    "retry_in": backoff,
                },
            )
            await self._postpone(row, backoff, str(error))
            return Retry(backoff)
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                await self._sent(row, None, new_message)
                return Done()
            await self._refused(row, error)
            return Done()
        except TelegramAPIError as error:  # forbidden (bot removed), not found, unauthorized
            await self._refused(row, error)
            return Done()
        metrics.send_outcome("sent")
        message_id = result.message_id if isinstance(result, Message) else None
        await self._sent(row, message_id, new_message)
        log.info(
            "message_sent",
            extra={
                "chat": row.chat_id,
                "row": row.id,
                "kind": row.kind,
                "message_id": message_id,
                "ticket": row.ticket_number,
            },
        )
        return Done()

    async def _plan(self, uow: SqlUnitOfWork, row: ToSend) -> TelegramMethod[Any] | Skip:
        """The call for a row, its text fitted to Telegram's limits (a digest of 800 tickets
        or a history of 250 reports would otherwise be refused and never arrive)."""
        plan = await self._prepare(uow, row)
        return plan if isinstance(plan, Skip) else fitted(plan, self._notices.left_out)

    async def _prepare(self, uow: SqlUnitOfWork, row: ToSend) -> TelegramMethod[Any] | Skip:
        kind = NoticeKind(row.kind)
        if kind in (NoticeKind.DOCUMENT, NoticeKind.PHOTO):
            return file_upload(row)
        if kind is NoticeKind.TEXT:
            return message(row, row.payload["html"])
        if kind in ANSWERS:
            return await self._answers.plan(uow, row)
        return await self._notices.plan(uow, row)

    async def _sent(self, row: ToSend, message_id: int | None, new_message: bool) -> None:
        """Telegram took it: record it, with the message it became linked to its ticket (a reply
        to it then finds the ticket). An edit answers with the card, linked when posted."""

        async def record(uow: SqlUnitOfWork) -> None:
            await uow.outbox.sent(row.id, self._clock.now(), message_id)
            number = row.ticket_number
            if new_message and message_id is not None and number is not None:
                kind = "card" if row.kind == NoticeKind.CARD else "notice"
                with contextlib.suppress(LookupError):  # a ticket gone since: nothing to link
                    await uow.links.link(row.chat_id, message_id, number, kind)

        await self._record(record)

    async def _postpone(self, row: ToSend, seconds: float, error: str) -> None:
        until = self._clock.now() + timedelta(seconds=seconds)

        async def record(uow: SqlUnitOfWork) -> None:
            await uow.outbox.postpone(row.id, until, error)
            await uow.outbox.unclaim(row.id, self._holder)

        await self._record(record)

    async def _refused(self, row: ToSend, error: TelegramAPIError) -> None:
        if row.kind == NoticeKind.BUTTON_ANSWER:
            # Telegram refuses to answer a press it does not know or that is too old (after
            # downtime, every press that waited): a courtesy missed, not a fault.
            log.warning("callback_answer_failed", extra={"row": row.id, "error": error.message})
        else:
            log.error(
                "telegram_refused",
                extra={
                    "chat": row.chat_id,
                    "row": row.id,
                    "kind": row.kind,
                    "error": error.message,
                },
            )
        await self._record(lambda uow: uow.outbox.give_up(row.id, self._clock.now(), str(error)))

    async def _set_aside(self, row: ToSend, error: BaseException) -> None:
        """A row that cannot be prepared: given up with why, the admins told once per mistake."""
        reason = f"{type(error).__name__}: {error}".splitlines()[0][:300]
        log.error(
            "outbox_row_set_aside",
            exc_info=error,
            extra={"chat": row.chat_id, "row": row.id, "kind": row.kind},
        )
        now = self._clock.now()
        last = self._alerted.get(reason)
        tell = last is None or now - last >= ALERT_AGAIN_AFTER

        async def record(uow: SqlUnitOfWork) -> None:
            await uow.outbox.give_up(row.id, now, f"could not be prepared: {reason}")
            if tell:
                for admin in self._admin_ids:
                    args = {"kind": row.kind, "chat": row.chat_id, "error": reason}
                    await uow.outbox.add(
                        Notice(NoticeKind.SAY, admin, data={"key": "admin.set_aside", "args": args})
                    )

        await self._record(record)
        if tell:
            self._alerted[reason] = now

    async def _record(self, write: Callable[[SqlUnitOfWork], Awaitable[None]]) -> None:
        """Write what became of a row, again and again until the database takes it."""
        wait = 0.5
        while True:
            try:
                async with self._database.unit_of_work() as uow:
                    await write(uow)
                    await uow.commit()
                return
            except Exception as error:
                log_failure(log, "outbox_record_failed", error)
                await asyncio.sleep(wait)
                wait = min(wait * 2, 30.0)


def _is_new_message(plan: TelegramMethod[Any]) -> bool:
    """An edit, or an answer to a button, does not spend a group's twenty messages a minute."""
    return not isinstance(plan, EditMessageText | EditMessageReplyMarkup | AnswerCallbackQuery)
