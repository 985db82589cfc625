"""What to send for a notice about a ticket: the Bot API call, rendered as the ticket is now.

A card, an edit of it, the short word after a move, the request to confirm, a reminder or an
escalation (answering the card, so the group sees which), a catch-up summary, a request for
more time, a refusal. A notice that cannot be planned (its ticket is gone, a key the config no
longer has) raises `CannotPrepare`: the sender sets it aside and its group's queue moves on.
"""

from __future__ import annotations

import base64
from datetime import datetime
from typing import Any

from aiogram.methods import (
    EditMessageReplyMarkup,
    EditMessageText,
    SendDocument,
    SendMessage,
    SendPhoto,
    TelegramMethod,
)
from aiogram.types import BufferedInputFile, InlineKeyboardMarkup, ReplyParameters

from bot.keyboards import Keyboards
from bot.people_lookup import PeopleLookup
from bot.rendering import MAX_SUMMARY_LINES, Renderer
from storage.outbox import ToSend
from storage.unit_of_work import SqlUnitOfWork
from tickets.clock import Clock
from tickets.lifecycle import Action
from tickets.model import Ticket
from tickets.notices import NoticeKind
from tickets.permissions import reporters_of
from tickets.requests import Person

TICKET_NOTICES = frozenset(
    {
        NoticeKind.CARD,
        NoticeKind.CARD_UPDATE,
        NoticeKind.ALREADY_OPEN,
        NoticeKind.MOVED,
        NoticeKind.ASK_CONFIRM,
        NoticeKind.REMINDER,
        NoticeKind.ESCALATION,
        NoticeKind.EXTENSION_REQUEST,
        NoticeKind.REFUSED,
    }
)


class CannotPrepare(Exception):
    """The notice cannot be turned into a call; sending it again would fail the same way."""


class Skip:
    """Nothing to send: a card update for a card not yet posted, or superseded by a newer one."""


def message(
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


def file_upload(row: ToSend) -> TelegramMethod[Any]:
    """A document or photo that travels in the row itself (base64)."""
    data = row.payload
    upload = BufferedInputFile(base64.b64decode(data["base64"]), data["filename"])
    common = {
        "chat_id": row.chat_id,
        "message_thread_id": row.thread_id,
        "caption": data.get("caption"),
        "parse_mode": "HTML",
    }
    if row.kind == NoticeKind.DOCUMENT:
        return SendDocument(document=upload, **common)
    return SendPhoto(photo=upload, **common)


class NoticePlans:
    def __init__(self, *, renderer: Renderer, people: PeopleLookup, clock: Clock) -> None:
        self._r = renderer
        self._keys = Keyboards(renderer)
        self._people = people
        self._clock = clock

    def left_out(self, count: int) -> str:
        """The last line of a text shortened to fit: how many lines were left out."""
        return self._r.t("limits.more_lines", count=count)

    async def plan(self, uow: SqlUnitOfWork, row: ToSend) -> TelegramMethod[Any] | Skip:
        kind = NoticeKind(row.kind)
        data = row.payload
        if kind is NoticeKind.WHICH_TICKET:
            return message(row, self._r.which_ticket(data.get("numbers", [])))
        if kind is NoticeKind.CHASE_SUMMARY:
            return await self._chase_summary(uow, row)
        ticket = None if row.ticket_number is None else await uow.tickets.get(row.ticket_number)
        if ticket is None:
            raise CannotPrepare(f"ticket #{row.ticket_number} does not exist")
        r = self._r
        if kind is NoticeKind.CARD:
            return message(row, await self._card_text(uow, ticket), self._keys.card(ticket))
        if kind is NoticeKind.CARD_UPDATE:
            return await self._card_update(uow, row, ticket)
        if kind is NoticeKind.ALREADY_OPEN:
            reporter = Person(
                data.get("reporter_id", 0),
                data.get("reporter_name", ""),
                data.get("reporter_username"),
            )
            return message(row, r.already_open(ticket, reporter))
        if kind is NoticeKind.MOVED:
            who = Person(data.get("by_id", 0), data.get("by_name", ""))
            liaisons = await self._people.liaisons(uow, ticket)
            return message(row, r.moved(ticket, Action(data["action"]), who, liaisons))
        if kind is NoticeKind.ASK_CONFIRM:
            ids = data.get("reporter_ids") or sorted(reporters_of(ticket))
            reporters = await self._people.named(uow, None, ids)
            reports = await uow.links.messages_of(ticket.number, "report")
            reply_to = reports[0][1] if reports else None
            return message(row, r.ask_confirm(ticket, reporters), reply_to=reply_to)
        if kind in (NoticeKind.REMINDER, NoticeKind.ESCALATION):
            card = await _card_message(uow, ticket)
            quote = card[1] if card else None  # answer the card: the group sees which
            deadline = data.get("deadline", "ack")
            if kind is NoticeKind.REMINDER:
                text = r.reminder(ticket, deadline, await self._people.liaisons(uow, ticket))
            else:
                level = data.get("to", "head")
                called = await self._people.called(uow, ticket, level)
                text = r.escalation(ticket, deadline, level, called)
            return message(row, text, reply_to=quote)
        if kind is NoticeKind.EXTENSION_REQUEST:
            due = datetime.fromisoformat(data["to_due"])
            chiefs = await self._people.called(uow, ticket, "chief")
            text = r.extension_request(
                ticket, due, data.get("reason", ""), data.get("by_name", ""), chiefs
            )
            return message(row, text, self._keys.extension(ticket, due))
        if kind is NoticeKind.REFUSED:
            text = r.refused(ticket, data.get("refusal", "chief_only"), data.get("name", ""))
            return message(row, text)
        raise CannotPrepare(f"{kind.value} is not a notice about a ticket")

    async def _chase_summary(self, uow: SqlUnitOfWork, row: ToSend) -> TelegramMethod[Any] | Skip:
        data = row.payload
        shown = data.get("items", [])[:MAX_SUMMARY_LINES]
        listed = await uow.tickets.list(numbers=[item["number"] for item in shown])
        tickets = {ticket.number: ticket for ticket in listed}
        items: list[tuple[Ticket, str]] = []
        people: list[Person] = []
        for item in shown:
            ticket = tickets.get(item["number"])
            if ticket is None:
                continue
            items.append((ticket, item.get("deadline", "ack")))
            called = []
            if "remind" in item.get("steps", []):
                called += await self._people.liaisons(uow, ticket)
            for level in ("head", "chief"):
                if level in item.get("steps", []):
                    called += await self._people.called(uow, ticket, level)
            people += [p for p in called if p.user_id not in {q.user_id for q in people}]
        closed = data.get("closed", [])
        if not items and not closed:
            return Skip()
        # Only the listed tickets are loaded; the rest are counted.
        total = len(data.get("items", []))
        return message(row, self._r.chase_summary(items, people, closed, total=total))

    async def _card_update(
        self, uow: SqlUnitOfWork, row: ToSend, ticket: Ticket
    ) -> TelegramMethod[Any] | Skip:
        mode = row.payload.get("mode")
        card = await _card_message(uow, ticket)
        if card is None:
            return Skip()  # the card is not out yet; it will be rendered as the ticket is then
        if mode != "transfer" and await uow.outbox.newer_waiting(row):
            return Skip()  # a newer update of the card is waiting: it will show this one too
        chat_id, message_id = card
        if mode == "transfer":
            return EditMessageReplyMarkup(
                chat_id=chat_id, message_id=message_id, reply_markup=self._keys.transfer(ticket)
            )
        return EditMessageText(
            chat_id=chat_id,
            message_id=message_id,
            text=await self._card_text(uow, ticket),
            parse_mode="HTML",
            reply_markup=self._keys.card(ticket),
        )

    async def _card_text(self, uow: SqlUnitOfWork, ticket: Ticket) -> str:
        """The card as the ticket stands: its liaisons called, the people in its history named."""
        actors = {e.by for e in ticket.events if e.by is not None}
        if ticket.reporter_id is not None:
            actors.add(ticket.reporter_id)
        liaison_ids = await self._people.liaison_ids(uow, ticket)
        names = await self._people.names(uow, [*liaison_ids, *actors])
        liaisons = await self._people.named(uow, ticket.chat_id, liaison_ids, names)
        people = {i: Person(i, *names[i]) for i in actors if i in names}
        return self._r.card(ticket, liaisons, people, self._clock.now())


async def _card_message(uow: SqlUnitOfWork, ticket: Ticket) -> tuple[int, int] | None:
    """(chat, message id) of the ticket's latest card: what an update edits, what a reminder
    answers."""
    cards = await uow.links.messages_of(ticket.number, "card")
    return cards[-1] if cards else None
