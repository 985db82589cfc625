"""What to send for an answer to a command or a button: a sentence, a list of tickets, a ticket
with its history, the figures of a period, the ledger as a file, a /join request with its
button, the alert that stops a button's spinner. Worded in the configured language when it goes
out; every value from a user or the config escaped."""

from __future__ import annotations

import html
from datetime import datetime
from typing import Any

from aiogram.methods import AnswerCallbackQuery, SendDocument, TelegramMethod
from aiogram.types import BufferedInputFile

from bot.figure_texts import FigureTexts
from bot.keyboards import Keyboards
from bot.notice_plans import CannotPrepare, message
from bot.people_lookup import PeopleLookup
from bot.rendering import Renderer, escape, shorten
from reports.ledger_files import LedgerFiles
from storage.outbox import ToSend
from storage.unit_of_work import SqlUnitOfWork
from tickets.assessment import Assessment, Period, Window, window_of
from tickets.clock import Clock
from tickets.notices import NoticeKind
from tickets.requests import Person

ANSWERS = frozenset(
    {
        NoticeKind.SAY,
        NoticeKind.BUTTON_ANSWER,
        NoticeKind.LISTING,
        NoticeKind.TICKET_DETAIL,
        NoticeKind.FIGURES,
        NoticeKind.EXPORT,
        NoticeKind.JOIN_REQUEST,
    }
)
LISTED = 15  # tickets a list shows, then "and N more"
# Telegram's limits: a message's text and a document's caption, in characters.
MAX_TEXT, MAX_CAPTION = 4096, 1024
MAX_ALERT = 200


class AnswerPlans:
    def __init__(
        self,
        *,
        renderer: Renderer,
        people: PeopleLookup,
        assessment: Assessment,
        ledger_files: LedgerFiles,
        clock: Clock,
    ) -> None:
        self._r = renderer
        self._figures = FigureTexts(renderer)
        self._keys = Keyboards(renderer)
        self._people = people
        self._assessment = assessment
        self._ledger = ledger_files
        self._clock = clock

    async def plan(self, uow: SqlUnitOfWork, row: ToSend) -> TelegramMethod[Any]:
        kind = NoticeKind(row.kind)
        data = row.payload
        r = self._r
        if kind is NoticeKind.SAY:
            return message(row, r.say(data["key"], data.get("args", {})))
        if kind is NoticeKind.BUTTON_ANSWER:
            key = data.get("key")
            text = None if key is None else html.unescape(r.say(key, data.get("args", {})))
            return AnswerCallbackQuery(
                callback_query_id=data["query_id"],
                text=shorten(text, MAX_ALERT) if text else None,
                show_alert=bool(data.get("alert")),
            )
        if kind is NoticeKind.LISTING:
            return message(row, await self._listing(uow, data["header"], data["numbers"]))
        if kind is NoticeKind.TICKET_DETAIL:
            return message(row, await self._ticket_detail(uow, row))
        if kind is NoticeKind.JOIN_REQUEST:
            text = r.say("join.requested", {"name": data["name"], "department": data["department"]})
            return message(row, text, self._keys.join(int(data["member_id"])))
        if kind is NoticeKind.FIGURES:
            return message(row, await self._figures_text(uow, data))
        if kind is NoticeKind.EXPORT:
            return await self._export(uow, row)
        raise CannotPrepare(f"{kind.value} is not an answer")

    async def _listing(self, uow: SqlUnitOfWork, header: str, numbers: list[int]) -> str:
        tickets = await uow.tickets.list(numbers=numbers[:LISTED])
        now = self._clock.now()
        lines = [self._r.t(header, count=len(numbers))]
        lines += [self._r.status_line(ticket, now) for ticket in tickets]
        if len(numbers) > LISTED:
            lines.append(self._r.t("status.more", count=len(numbers) - LISTED))
        return "\n".join(lines)

    async def _ticket_detail(self, uow: SqlUnitOfWork, row: ToSend) -> str:
        ticket = None if row.ticket_number is None else await uow.tickets.get(row.ticket_number)
        if ticket is None:
            raise CannotPrepare(f"ticket #{row.ticket_number} does not exist")
        ids = [e.by for e in ticket.events if e.by is not None]
        people = {i: Person(i, *n) for i, n in (await self._people.names(uow, ids)).items()}
        card = self._r.card(ticket, [], people, self._clock.now())
        history = self._r.history(ticket, people)
        lines = [card, "", self._r.t("ticket.history")]
        # A long history is shortened to what fits, its latest events kept.
        budget = MAX_TEXT - len("\n".join(lines)) - 64
        kept: list[str] = []
        for line in reversed(history):
            if len(line) + 1 > budget:
                break
            kept.insert(0, line)
            budget -= len(line) + 1
        if len(kept) < len(history):
            lines.append(self._r.t("status.more", count=len(history) - len(kept)))
        return "\n".join(lines + kept)

    def _window(self, data: dict[str, Any]) -> tuple[Period, Window]:
        period = Period(data["period"])
        at = datetime.fromisoformat(data["at"])
        return period, window_of(period, at, self._assessment.calendar)

    async def _figures_text(self, uow: SqlUnitOfWork, data: dict[str, Any]) -> str:
        period, window = self._window(data)
        assessed = await self._assessment.assess(uow, window, data["roads"])
        scope = data.get("scope") or self._r.t("stats.all_roads")
        show = self._figures.stats if data["show"] == "stats" else self._figures.rank
        return show(assessed, period, scope)

    async def _export(self, uow: SqlUnitOfWork, row: ToSend) -> SendDocument:
        data = row.payload
        _, window = self._window(data)
        scope = data.get("scope") or self._r.t("stats.all_roads")
        export = await self._ledger.xlsx(uow, data["roads"], window, scope)
        caption = self._r.t(
            "export.caption",
            scope=escape(scope),
            first=window.first_day.isoformat(),
            last=window.last_day.isoformat(),
            count=export.count,
        )
        return SendDocument(
            chat_id=row.chat_id,
            message_thread_id=row.thread_id,
            document=BufferedInputFile(export.content, export.filename),
            caption=shorten(caption, MAX_CAPTION),
            parse_mode="HTML",
        )
