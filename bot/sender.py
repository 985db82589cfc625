"""The outbox sender: the only code that sends messages to groups.

Rows are written by the desk in the transaction of the move that caused them; the sender takes
them oldest first, one chat at a time in order, paced to Telegram's limits, and records the
message id Telegram gives back (a card's id is what lets a reply find its ticket). A 429 pauses
that chat for `retry_after`; a 5xx or a network error is retried with backoff; a permanent
refusal is given up and logged as an error. Nothing is dropped silently.
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import logging
import math
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from aiogram import Bot
from aiogram.exceptions import (
    TelegramAPIError,
    TelegramBadRequest,
    TelegramRetryAfter,
)
from aiogram.methods import (
    EditMessageReplyMarkup,
    EditMessageText,
    GetChatMember,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.methods.base import Response
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, Message, ReplyParameters

from bot.database import Database
from bot.pacing import Pacer
from bot.rendering import MAX_SUMMARY_LINES, Person, Renderer
from bot.retrying import TRANSIENT_ERRORS
from bot.send_turns import SendTurns
from storage.availability import is_unavailable, log_failure
from storage.outbox import ToSend
from storage.unit_of_work import SqlUnitOfWork
from tickets.clock import Clock
from tickets.lifecycle import Action
from tickets.model import Ticket
from tickets.notices import NoticeKind
from tickets.permissions import reporters_of
from tickets.taxonomy import Taxonomy

log = logging.getLogger("streetdesk.sender")

MAX_BACKOFF_SECONDS = 60.0
DATABASE_RETRY_SECONDS = 2.0
IDLE_POLL_SECONDS = 5.0  # look at the outbox this often even without a wake-up (other writers)
BATCH = 500
# A load reads every unsent row, so with a backlog each wake-up re-reads all of it (in a burst of
# cards, a load per report was over a quarter of the sender's database time). Once a second of
# sending or more is queued, a new row loses nothing by waiting a moment: wake-ups are then
# gathered into one load this often.
BUSY_BACKLOG = 30
BUSY_LOAD_EVERY = 0.1
# Telegram did not know a liaison in that group (not a member yet): ask again after this long,
# not for every card of the department (each ask is a round trip and a warning in the log).
LOOKUP_AGAIN_AFTER = 600.0


@dataclass(frozen=True, slots=True)
class _Skip:
    """Nothing to send: a card update for a card not yet posted, or superseded by a newer one."""


@dataclass(frozen=True, slots=True)
class _Retry:
    after: float


_DONE = object()

# aiogram reads every answer with the model class Response[<what the method returns>]. pydantic
# caches such parametrised classes only weakly, so each cyclic garbage collection frees them and
# the next call rebuilds one: about 5 ms of CPU, on most sends during a burst (a third of what a
# card cost). Holding them here builds each once per process.
_RESPONSE_TYPES: dict[type[TelegramMethod[Any]], object] = {}


def _keep_response_type(method: TelegramMethod[Any]) -> None:
    kind = type(method)
    if kind not in _RESPONSE_TYPES:
        _RESPONSE_TYPES[kind] = Response[kind.__returning__]


class Sender:
    def __init__(
        self,
        *,
        database: Database,
        bot: Bot,
        renderer: Renderer,
        taxonomy: Taxonomy,
        clock: Clock,
        pacer: Pacer,
        may_send: Callable[[], bool] = lambda: True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        """`sleep` waits out the pacing (a test passes one that needs no real time)."""
        self._database = database
        self._bot = bot
        self._renderer = renderer
        self._taxonomy = taxonomy
        self._clock = clock
        self._pacer = pacer
        self._turns = SendTurns(pacer, sleep)
        self._sleep = sleep
        # With several processes only the leader sends; the others leave the outbox alone.
        self._may_send = may_send
        self._wake = asyncio.Event()
        self._queues: dict[int, deque[int]] = {}
        self._known: set[int] = set()
        self._kinds: dict[int, str] = {}
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._not_found: dict[tuple[int | None, int], float] = {}  # (chat, user) -> ask again at
        self._idle = asyncio.Event()
        self._idle.set()
        self._stopping = False

    def wake(self) -> None:
        """Something was written to the outbox: look now rather than at the next poll."""
        self._wake.set()

    async def stop(self, timeout: float = 10.0) -> None:  # noqa: ASYNC109
        """Take no new rows; let each chat finish the message it is sending, so a polite stop
        never sends a message twice (only a crash can)."""
        self._stopping = True
        self._turns.close()
        self._wake.set()
        workers = list(self._workers.values())
        if workers:
            _, late = await asyncio.wait(workers, timeout=timeout)
            for task in late:  # stuck (e.g. Telegram unreachable): a restart will resend
                task.cancel()

    async def run(self) -> None:
        try:
            loop = asyncio.get_running_loop()
            while not self._stopping:
                self._wake.clear()
                loaded_at = loop.time()
                try:
                    if self._may_send():
                        await self.load_due()
                except Exception as error:  # the database was busy or away: try at the next poll
                    log_failure(log, "outbox_load_failed", error)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake.wait(), IDLE_POLL_SECONDS)
                if len(self._known) >= BUSY_BACKLOG and not self._stopping:
                    await self._sleep(max(0.0, loaded_at + BUSY_LOAD_EVERY - loop.time()))
        except asyncio.CancelledError:
            # Cancelled from outside without stop(): the workers go too (their rows stay unsent),
            # and none that survives its cancellation loops on the closed turns.
            self._stopping = True
            self._turns.close()
            for task in list(self._workers.values()):
                task.cancel()
            raise

    async def until_waiting_for_turns(self, count: int) -> None:
        """Until `count` groups have a message ready and wait for a place in the overall rate."""
        await self._turns.until_waiting(count)

    def _is_new(self, row_id: int) -> bool:
        """Whether a queued row sends a new message (an edit does not use the minute's budget)."""
        return self._kinds.get(row_id) != NoticeKind.CARD_UPDATE.value

    async def load_due(self) -> int:
        """Queue the rows that are due and not yet queued; start a worker per chat with work."""
        self._pacer.forget_idle()
        async with self._database.unit_of_work() as uow:
            rows = await uow.outbox.queued(self._clock.now(), limit=BATCH)
        added = 0
        for row in rows:
            if row.id in self._known:
                continue
            self._known.add(row.id)
            self._kinds[row.id] = row.kind
            self._queues.setdefault(row.chat_id, deque()).append(row.id)
            added += 1
            if row.chat_id not in self._workers:
                self._idle.clear()
                self._workers[row.chat_id] = asyncio.create_task(
                    self._work(row.chat_id), name=f"sender-{row.chat_id}"
                )
        return added

    async def wait_idle(self) -> None:
        """Until every queued row is delivered or given up (for the CLI, the demo, tests)."""
        await self._idle.wait()

    async def _work(self, chat_id: int) -> None:
        queue = self._queues[chat_id]
        try:
            while queue and not self._stopping:
                # The group's own limits; the overall rate is waited for in turn (_take_slot).
                delay = self._pacer.chat_wait(chat_id, new_message=self._is_new(queue[0]))
                if delay > 0:
                    await self._sleep(delay)  # pacing to Telegram's limits, not waiting on work
                    continue
                row_id = queue[0]
                try:
                    result = await self._deliver(row_id)
                except Exception as error:  # our bug or the database: keep the row, back off
                    log_failure(log, "outbox_delivery_failed", error, row=row_id)
                    # A database that went away usually comes back in seconds; a bug won't.
                    wait = DATABASE_RETRY_SECONDS if is_unavailable(error) else MAX_BACKOFF_SECONDS
                    result = _Retry(wait)
                if isinstance(result, _Retry):
                    self._pacer.pause(chat_id, result.after)
                    continue
                queue.popleft()
                self._known.discard(row_id)
                self._kinds.pop(row_id, None)
        finally:
            self._workers.pop(chat_id, None)
            if not queue:
                self._queues.pop(chat_id, None)
            if not self._workers:
                self._idle.set()

    async def _deliver(self, row_id: int) -> object:
        async with self._database.unit_of_work() as uow:
            # Read again right before sending: another sender (or this one before a restart)
            # may have sent it since it was queued; then it is not sent twice.
            row = await uow.outbox.to_send(row_id)
            if row is None:
                return _DONE
            plan = await self._plan(uow, row)
        attempts, kind, chat_id, number = row.attempts, row.kind, row.chat_id, row.ticket_number
        if isinstance(plan, _Skip):
            await self._finish(row, None)
            return _DONE
        _keep_response_type(plan)
        new_message = not isinstance(plan, EditMessageText | EditMessageReplyMarkup)
        if not await self._take_slot(chat_id, new_message):
            return _Retry(0.0)  # stopping: the row stays for the next start
        try:
            try:
                result = await self._bot(plan)
            finally:
                self._pacer.finish(chat_id, new_message=new_message)
        except TelegramRetryAfter as error:
            log.warning(
                "telegram_retry_after",
                extra={"chat": chat_id, "row": row_id, "retry_after": error.retry_after},
            )
            await self._postpone(row_id, float(error.retry_after), str(error))
            return _Retry(float(error.retry_after))
        except TRANSIENT_ERRORS as error:
            backoff = min(MAX_BACKOFF_SECONDS, 2.0 ** min(attempts, 6))
            log.warning(
                "telegram_unavailable",
                extra={"chat": chat_id, "row": row_id, "error": str(error), "retry_in": backoff},
            )
            await self._postpone(row_id, backoff, str(error))
            return _Retry(backoff)
        except TelegramBadRequest as error:
            if "message is not modified" in error.message:
                await self._finish(row, None)
                return _DONE
            log.error(
                "telegram_refused",
                extra={"chat": chat_id, "row": row_id, "kind": kind, "error": error.message},
            )
            await self._give_up(row_id, str(error))
            return _DONE
        except TelegramAPIError as error:  # forbidden (bot removed), not found, unauthorized
            log.error(
                "telegram_refused",
                extra={"chat": chat_id, "row": row_id, "kind": kind, "error": error.message},
            )
            await self._give_up(row_id, str(error))
            return _DONE
        message_id = result.message_id if isinstance(result, Message) else None
        await self._finish(row, message_id, new_message=new_message)
        log.info(
            "message_sent",
            extra={
                "chat": chat_id,
                "row": row_id,
                "kind": kind,
                "message_id": message_id,
                "ticket": number,
            },
        )
        return _DONE

    async def _take_slot(self, chat_id: int, new_message: bool) -> bool:
        """Wait for this group's turn in the overall rate, then count the call as started.

        The worker waited out its group's own limits before planning, and nothing else sends
        to the group meanwhile; the overall rate is shared, so the turns decide who goes next
        (SendTurns: the group with most left). In a long burst a planned message may wait a
        few seconds for its turn: a card whose ticket moved meanwhile has its update queued
        behind it, which edits it. False when stopping."""
        return await self._turns.take(
            chat_id, new_message=new_message, left=partial(len, self._queues[chat_id])
        )

    async def _finish(
        self, row: ToSend, message_id: int | None, *, new_message: bool = True
    ) -> None:
        """Mark the row sent with the message id Telegram gave back and link a new message to
        the row's ticket (a reply to it then finds the ticket), in one transaction. An edit
        answers with the card itself, linked since it was posted: nothing to link."""
        async with self._database.unit_of_work() as uow:
            await uow.outbox.sent(row.id, self._clock.now(), message_id)
            number = row.ticket_number
            if new_message and message_id is not None and number is not None:
                kind = "card" if row.kind == NoticeKind.CARD else "notice"
                with contextlib.suppress(LookupError):  # a ticket gone since: nothing to link
                    await uow.links.link(row.chat_id, message_id, number, kind)
            await uow.commit()

    async def _postpone(self, row_id: int, seconds: float, error: str) -> None:
        async with self._database.unit_of_work() as uow:
            until = self._clock.now() + timedelta(seconds=seconds)
            await uow.outbox.postpone(row_id, until, error)
            await uow.commit()

    async def _give_up(self, row_id: int, error: str) -> None:
        async with self._database.unit_of_work() as uow:
            await uow.outbox.give_up(row_id, self._clock.now(), error)
            await uow.commit()

    # --- what to send for each kind of notice ---------------------------------------------

    async def _plan(self, uow: SqlUnitOfWork, row: ToSend) -> TelegramMethod[Any] | _Skip:
        kind = NoticeKind(row.kind)
        data = row.payload
        r = self._renderer
        if kind in (NoticeKind.DOCUMENT, NoticeKind.PHOTO):
            upload = BufferedInputFile(base64.b64decode(data["base64"]), data["filename"])
            method_class = SendDocument if kind is NoticeKind.DOCUMENT else SendPhoto
            return method_class(
                chat_id=row.chat_id,
                message_thread_id=row.thread_id,
                caption=data.get("caption"),
                parse_mode="HTML",
                **{"document" if kind is NoticeKind.DOCUMENT else "photo": upload},
            )
        if kind is NoticeKind.TEXT:
            markup = data.get("reply_markup")
            return self._message(
                row, data["html"], InlineKeyboardMarkup.model_validate(markup) if markup else None
            )
        ticket = None if row.ticket_number is None else await uow.tickets.get(row.ticket_number)
        if kind is NoticeKind.WHICH_TICKET:
            return self._message(row, r.which_ticket(data.get("numbers", [])))
        if kind is NoticeKind.CHASE_SUMMARY:
            return await self._chase_summary(uow, row, data)
        if ticket is None:
            log.error("notice_without_ticket", extra={"row": row.id, "kind": row.kind})
            return _Skip()
        if kind is NoticeKind.CARD:
            text = await self._card_text(uow, ticket)
            return self._message(row, text, r.card_keyboard(ticket))
        if kind is NoticeKind.CARD_UPDATE:
            return await self._card_update(uow, row, ticket, data)
        if kind is NoticeKind.ALREADY_OPEN:
            reporter = Person(
                data.get("reporter_id", 0),
                data.get("reporter_name", ""),
                data.get("reporter_username"),
            )
            return self._message(row, r.already_open(ticket, reporter))
        if kind is NoticeKind.MOVED:
            who = Person(data.get("by_id", 0), data.get("by_name", ""))
            liaisons = await self._liaisons(uow, ticket)
            return self._message(row, r.moved(ticket, Action(data["action"]), who, liaisons))
        if kind is NoticeKind.ASK_CONFIRM:
            ids = data.get("reporter_ids") or sorted(reporters_of(ticket))
            names = await uow.people.names(ids)
            reporters = [Person(i, *names.get(i, ("", None))) for i in ids]
            reports = await uow.links.messages_of(ticket.number, "report")
            reply_to = reports[0][1] if reports else None
            return self._message(row, r.ask_confirm(ticket, reporters), reply_to=reply_to)
        if kind in (NoticeKind.REMINDER, NoticeKind.ESCALATION):
            card = await self._card_message(uow, ticket)
            quote = card[1] if card else None  # answer the card: the group sees which
            deadline = data.get("deadline", "ack")
            if kind is NoticeKind.REMINDER:
                text = r.reminder(ticket, deadline, await self._liaisons(uow, ticket))
            else:
                level = data.get("to", "head")
                text = r.escalation(ticket, deadline, level, await self._called(uow, ticket, level))
            return self._message(row, text, reply_to=quote)
        if kind is NoticeKind.EXTENSION_REQUEST:
            due = datetime.fromisoformat(data["to_due"])
            chiefs = await self._called(uow, ticket, "chief")
            text = r.extension_request(
                ticket, due, data.get("reason", ""), data.get("by_name", ""), chiefs
            )
            return self._message(row, text, r.extension_keyboard(ticket, due))
        if kind is NoticeKind.REFUSED:
            return self._message(
                row, r.refused(ticket, data.get("refusal", "chief_only"), data.get("name", ""))
            )
        log.error("notice_kind_unknown", extra={"row": row.id, "kind": row.kind})
        return _Skip()

    async def _chase_summary(
        self, uow: SqlUnitOfWork, row: ToSend, data: dict[str, Any]
    ) -> TelegramMethod[Any] | _Skip:
        items: list[tuple[Ticket, str]] = []
        people: list[Person] = []
        shown = data.get("items", [])[:MAX_SUMMARY_LINES]
        listed_tickets = await uow.tickets.list(numbers=[item["number"] for item in shown])
        tickets = {ticket.number: ticket for ticket in listed_tickets}
        for item in shown:
            ticket = tickets.get(item["number"])
            if ticket is None:
                continue
            items.append((ticket, item.get("deadline", "ack")))
            called = []
            if "remind" in item.get("steps", []):
                called += await self._liaisons(uow, ticket)
            for level in ("head", "chief"):
                if level in item.get("steps", []):
                    called += await self._called(uow, ticket, level)
            people += [p for p in called if p.user_id not in {q.user_id for q in people}]
        listed = data.get("items", [])
        closed = data.get("closed", [])
        if not items and not closed:
            return _Skip()
        # Only the listed tickets are loaded; the rest are counted.
        text = self._renderer.chase_summary(items, people, closed, total=len(listed))
        return self._message(row, text)

    async def _card_update(
        self, uow: SqlUnitOfWork, row: ToSend, ticket: Ticket, data: dict[str, Any]
    ) -> TelegramMethod[Any] | _Skip:
        card = await self._card_message(uow, ticket)
        if card is None:
            return _Skip()  # the card is not out yet; it will be rendered as the ticket is then
        if data.get("mode") != "transfer" and await uow.outbox.newer_waiting(row):
            return _Skip()  # a newer update of the card is waiting: it will show this one too
        chat_id, message_id = card
        if data.get("mode") == "transfer":
            return EditMessageReplyMarkup(
                chat_id=chat_id,
                message_id=message_id,
                reply_markup=self._renderer.transfer_keyboard(ticket),
            )
        text = await self._card_text(uow, ticket)
        return EditMessageText(
            chat_id=chat_id,
            message_id=message_id,
            text=text,
            parse_mode="HTML",
            reply_markup=self._renderer.card_keyboard(ticket),
        )

    def _message(
        self,
        row: ToSend,
        text: str,
        markup: InlineKeyboardMarkup | None = None,
        reply_to: int | None = None,
    ) -> SendMessage:
        target = reply_to if reply_to is not None else row.reply_to
        return SendMessage(
            chat_id=row.chat_id,
            message_thread_id=row.thread_id,
            text=text,
            parse_mode="HTML",
            reply_markup=markup,
            reply_parameters=ReplyParameters(message_id=target, allow_sending_without_reply=True)
            if target
            else None,
        )

    async def _card_text(self, uow: SqlUnitOfWork, ticket: Ticket) -> str:
        """The card as the ticket stands: its liaisons called, the people in its history named
        (one query for the liaisons and all the names: a card is what a burst is made of)."""
        actors = {e.by for e in ticket.events if e.by is not None}
        if ticket.reporter_id is not None:
            actors.add(ticket.reporter_id)
        liaison_ids, names = await self._liaisons_and_names(uow, ticket, actors)
        liaisons = await self._named(uow, ticket.chat_id, liaison_ids, names)
        people = {i: Person(i, *names[i]) for i in actors if i in names}
        return self._renderer.card(ticket, liaisons, people, self._clock.now())

    async def _liaisons_and_names(
        self, uow: SqlUnitOfWork, ticket: Ticket, others: set[int] | None = None
    ) -> tuple[list[int], dict[int, tuple[str, str | None]]]:
        """The ticket's liaisons (the config's, then those approved in its group), and the names
        the bot knows for them and for `others`."""
        ids = list(self._taxonomy.liaisons_of(ticket.department, ticket.road))
        if ticket.chat_id is not None:
            approved = await uow.members.liaisons_in(ticket.chat_id, ticket.department)
            ids += [i for i in approved if i not in ids]
        return ids, await uow.people.names([*ids, *(others or ())])

    async def _liaisons(self, uow: SqlUnitOfWork, ticket: Ticket) -> list[Person]:
        ids, names = await self._liaisons_and_names(uow, ticket)
        return await self._named(uow, ticket.chat_id, ids, names)

    async def _called(self, uow: SqlUnitOfWork, ticket: Ticket, level: str) -> list[Person]:
        """Who an escalation calls: the department head, or the road's street chief."""
        if level == "head":
            department = self._taxonomy.departments.get(ticket.department)
            ids = list(department.head_ids) if department else []
        else:
            road = self._taxonomy.roads.get(ticket.road)
            ids = list(road.chief_ids) if road else []
        return await self._named(uow, ticket.chat_id, ids)

    async def _named(
        self,
        uow: SqlUnitOfWork,
        chat_id: int | None,
        ids: list[int],
        names: dict[int, tuple[str, str | None]] | None = None,
    ) -> list[Person]:
        """`ids` with their names: those read already (`names`, which gains any found), else from
        the database, else from Telegram."""
        if names is None:
            names = await uow.people.names(ids)
        now = asyncio.get_running_loop().time()
        unknown = [
            i for i in ids if i not in names and self._not_found.get((chat_id, i), -math.inf) <= now
        ]
        if chat_id is None or not unknown:
            return [Person(i, *names.get(i, ("", None))) for i in ids]
        # SQLite has one connection for the whole bot: end this read before asking Telegram, so
        # handlers do not wait on a network round trip. (What was read stays usable.)
        await uow.commit()
        found_any = False
        for user_id in unknown:
            found = await self._look_up(chat_id, user_id)
            if found is None:
                self._not_found[(chat_id, user_id)] = now + LOOKUP_AGAIN_AFTER
                continue
            names[user_id] = found
            found_any = True
            await uow.people.remember(user_id, *found)
        if found_any:
            await uow.commit()
        return [Person(i, *names.get(i, ("", None))) for i in ids]

    async def _card_message(self, uow: SqlUnitOfWork, ticket: Ticket) -> tuple[int, int] | None:
        """(chat, message id) of the ticket's latest card: what an update edits, what a
        reminder answers."""
        cards = await uow.links.messages_of(ticket.number, "card")
        return cards[-1] if cards else None

    async def _look_up(self, chat_id: int, user_id: int) -> tuple[str, str | None] | None:
        """A liaison from the config file the bot has not heard yet: Telegram knows the name."""
        try:
            lookup = GetChatMember(chat_id=chat_id, user_id=user_id)
            _keep_response_type(lookup)
            member = await self._bot(lookup)
        except (TelegramAPIError, *TRANSIENT_ERRORS) as error:
            # Refused, or Telegram's front end answering 502 with an HTML page (not an API
            # error): the card goes out now with a link mention; the name is asked for later.
            log.warning(
                "member_lookup_failed",
                extra={"chat": chat_id, "user": user_id, "error": str(error)[:300]},
            )
            return None
        return member.user.full_name, member.user.username
